"""``voicelog.app.salvage``: every readable entry of a real damaged diary copied into a new diary, sealed to the same
key; the damaged diary never changes."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from damage_fixtures import flip_byte, forge_readable, row_of, seal_to_another_key, tone_flac
from store_fixtures import INCIDENT, WHEN, new_sealed, reader, transcript

from voicelog.app.salvage import SALVAGE_NOTE, salvage
from voicelog.audio import encode_flac
from voicelog.errors import DiaryError, UsageError
from voicelog.incident import Incident, PersonRef
from voicelog.store import entries as stored
from voicelog.store.opening import key_path, open_diary, open_for_recording


def _build(folder: Path) -> Path:
    """Six entries, each recorded on its own day; 1, 2, 4 and 6 keep a recording; 2 and 4 are amended; two people.

    Rows: 1 setup, 2-7 entries 1-6, then the corrections and the people list.
    """
    path = new_sealed(folder)
    with open_for_recording(path) as diary:
        for i in range(1, 7):
            diary.append(recorded_at=WHEN + timedelta(days=i), transcript=transcript(f"account number {i}"),
                         incident=INCIDENT, source=f"file:phone-{i}.wav", audio=tone_flac(0.5, 200.0 * i)
                         if i in (1, 2, 4, 6) else None, registry_applied=i != 4)
    with reader(path) as diary:
        diary.amend(2, changes={"location": "Moss Lane"}, note="misheard as moss line")
        diary.amend(2, reviewed=True)
        diary.amend(4, incident=Incident(date="2026-03-20", people=(PersonRef("Colin Mowbray", "subject"),)),
                    note="people registry applied")
        diary.add_person("Colin Mowbray", ["col", "my ex"])
        diary.add_person("Hilda Brown")
    return path


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """The diary of :func:`_build` with entry 3's content flipped, entry 5 sealed to another key and entry 6's
    recording flipped."""
    path = _build(tmp_path)
    flip_byte(path, 3)
    seal_to_another_key(path, 5)
    flip_byte(path, 6, column="audio")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_readable_entry_is_copied_with_its_times_sources_words_corrections_and_recording(
        damaged: Path, tmp_path: Path) -> None:
    before = _digest(damaged)
    dest = tmp_path / "salvaged" / "new.db"
    dest.parent.mkdir()
    with reader(damaged) as old:
        done = salvage(old, dest)
        originals = {e.seq: e for e in old.entries(with_words=True)}
        recordings = {n: old.audio(n) for n in (1, 2, 4)}
        people = old.people()
    assert _digest(damaged) == before  # only read
    assert sorted(done.left_out) == [3, 5]
    assert done.left_out[3].startswith("entry 3 (row 4)") and done.left_out[5].startswith("entry 5 (row 6)")
    assert [(c.old, c.new) for c in done.copied] == [(1, 1), (2, 2), (4, 3), (6, 4)]
    assert [(c.old, c.new) for c in done.renumbered] == [(4, 3), (6, 4)]
    assert [c.audio for c in done.copied] == [True, True, True, False]
    assert [c.corrections for c in done.copied] == [0, 2, 1, 0]
    # Entry 6's row fails the check (its recording changed): its words open, but are copied with a note saying so.
    assert [c.old for c in done.copied if c.flagged] == [6] and "entry itself (row 7)" in done.copied[3].flagged
    assert any("recording kept with entry 6" in s for s in done.not_copied)
    assert done.people == 2 and not done.source_ok
    assert done.check is not None and done.check.ok and done.check.seals_checked
    assert done.key == key_path(dest) and done.key.read_bytes() == key_path(damaged).read_bytes()
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600 and stat.S_IMODE(done.key.stat().st_mode) == 0o600

    with reader(dest) as new:  # the same passphrase opens it
        copied = {e.seq: e for e in new.entries(with_words=True)}
        assert not new.damaged
        assert sorted(copied) == [1, 2, 3, 4]
        for c in done.copied:
            was, now = originals[c.old], copied[c.new]
            assert now.recorded_at == was.recorded_at and now.source == was.source
            assert now.transcript == was.transcript  # words and timings included
            assert now.incident == was.incident
            assert (now.original or now.incident) == (was.original or was.incident)  # the first extraction
            assert now.reviewed == was.reviewed and now.registry_applied == was.registry_applied
            kept = [(a.changes, a.note, a.incident, a.reviewed) for a in now.amendments]
            assert kept[:len(was.amendments)] == [(a.changes, a.note, a.incident, a.reviewed) for a in was.amendments]
            assert len(kept) == len(was.amendments) + bool(c.flagged)
            assert now.has_audio == c.audio
        assert copied[2].incident.location == "Moss Lane" and copied[2].reviewed
        assert copied[3].incident.people == (PersonRef("Colin Mowbray", "subject"),)
        assert [new.audio(c.new) for c in done.copied if c.audio] == [recordings[1], recordings[2], recordings[4]]
        assert new.people() == people
        assert new.verify().ok
    with open_diary(dest) as locked:  # and the new code is its own
        from voicelog.store.sealing import parse_code

        assert locked.verify(parse_code(done.code)).ok


def test_a_left_out_entry_whose_recording_still_opens_is_named(tmp_path: Path) -> None:
    path = _build(tmp_path)
    flip_byte(path, 2)  # the words are lost; the recording is not
    with reader(path) as old:
        done = salvage(old, tmp_path / "new.db")
    assert list(done.left_out) == [2] and done.recordings_left == (2,)


def test_a_damaged_people_list_does_not_stop_the_entries_being_salvaged(tmp_path: Path) -> None:
    from damage_fixtures import flip_people_list

    path = _build(tmp_path)
    flip_people_list(path)
    with reader(path) as old:
        done = salvage(old, tmp_path / "new.db")
    assert [c.old for c in done.copied] == [1, 2, 3, 4, 5, 6] and done.people == 1  # the list before it
    assert [s for s in done.not_copied if "people-list" in s] == [
        "A people-list change (row 12) cannot be read (VaultError); an earlier one, if any, is used"]
    with reader(tmp_path / "new.db") as new:
        assert [p.name for p in new.people()] == ["Colin Mowbray"] and len(new.entries()) == 6


def test_a_row_that_opens_but_fails_the_tamper_check_is_copied_with_a_note_saying_so(tmp_path: Path) -> None:
    path = _build(tmp_path)
    content = stored.entry_content(transcript=transcript("he was never there"), incident=Incident(),
                                   source="text", recovered=False, registry_applied=True,
                                   recorded_at=WHEN.isoformat())
    forged_row = forge_readable(path, 1, {**content, "written_at": "2026-01-01T00:00:00+00:00"})
    with reader(path) as old:
        assert forged_row in old.verify().bad_rows
        done = salvage(old, tmp_path / "new.db")
    assert not done.left_out
    flagged = [c for c in done.copied if c.flagged]
    assert [c.old for c in flagged] == [1] and f"row {forged_row}" in flagged[0].flagged
    with reader(tmp_path / "new.db") as new:
        entry = new.get(1)
        assert entry.transcript.text == "he was never there"  # kept, so nothing is lost ...
        assert entry.amendments[-1].note.startswith(SALVAGE_NOTE)  # ... but never passed off as sound
        assert "failed the tamper check" in entry.amendments[-1].note
        assert new.verify().ok  # the new diary's own rows are sound: the note is what carries the doubt


def test_a_forged_correction_is_named_on_the_entry_it_amends(tmp_path: Path) -> None:
    path = _build(tmp_path)
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT min(seq) FROM entries WHERE kind = 'amendment'").fetchone()[0]  # entry 2's first
    conn.close()
    from voicelog.store import padding
    from voicelog.store.keys import load_sealer

    forged = stored.amendment_content(2, changes={"location": "nowhere"}, note="I was mistaken", incident=None,
                                      reviewed=True)
    sealed = load_sealer(key_path(path)).seal(padding.pad(stored.encode(forged)))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entries SET content = ? WHERE seq = ?", (sealed, row))
    conn.commit()
    conn.close()
    with reader(path) as old:
        done = salvage(old, tmp_path / "new.db")
    assert [c.old for c in done.copied if c.flagged] == [2] and len(done.copied) == 6
    assert f"a correction to it (row {row})" in done.copied[1].flagged


def test_salvage_refuses_an_existing_file_itself_and_a_locked_diary(damaged: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken.db"
    taken.write_text("mine")
    with reader(damaged) as old:
        with pytest.raises(UsageError, match="already exists"):
            salvage(old, taken)
        with pytest.raises(UsageError, match="new file"):
            salvage(old, damaged)
    assert taken.read_text() == "mine"
    key_path(tmp_path / "other.db").write_text("a key")
    with reader(damaged) as old, pytest.raises(UsageError, match="already exists"):
        salvage(old, tmp_path / "other.db")
    with open_diary(damaged) as locked, pytest.raises(UsageError, match="unlocked"):
        salvage(locked, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists() and not key_path(tmp_path / "new.db").exists()


def test_a_salvage_the_disk_cannot_hold_leaves_nothing_behind(tmp_path: Path) -> None:
    from small_disk import small_disk

    path = new_sealed(tmp_path)
    noise = np.random.default_rng(7).integers(-20000, 20000, 16000 * 4).astype(np.int16)  # FLAC cannot shrink it
    with open_for_recording(path) as diary:
        for i in range(6):
            diary.append(recorded_at=WHEN, transcript=transcript(f"account {i}"), incident=INCIDENT, source="text",
                         audio=encode_flac(noise))
    flip_byte(path, 2)
    with small_disk(tmp_path / "small", size_kb=512) as disk, reader(path) as old:
        with pytest.raises(DiaryError, match="is full"):  # part-way: some entries were already in
            salvage(old, disk.path / "new.db")
        assert sorted(p.name for p in disk.path.iterdir() if not p.name.startswith(".")) == []
    assert row_of(path, 6) == 7  # the damaged diary still holds every row


def test_a_void_is_copied_with_its_entry(tmp_path: Path) -> None:
    path = _build(tmp_path)
    flip_byte(path, 3)  # entry 3 is left out, so the voided entry 4 becomes entry 3
    with reader(path) as old:
        old.amend(4, void="a false trigger")
        done = salvage(old, tmp_path / "new.db")
    assert [(c.old, c.new) for c in done.renumbered][0] == (4, 3)
    with reader(tmp_path / "new.db") as new:
        voided = new.get(3)
        assert voided.voided is not None and voided.voided.void == "a false trigger"
        assert voided.transcript.text == "account number 4"  # kept, as in the damaged diary
        assert [e.seq for e in new.entries() if e.voided] == [3]
