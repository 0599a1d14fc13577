"""Entry numbers without gaps (voicelog.store.numbering): 1, 2, 3 ... over entries only, in new diaries, in diaries
written before entries were numbered apart from rows, and in a diary upgraded between the two; every reader (get,
amend, audio, the registry, verify's sentences) uses the same numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import (
    OLD_PASS,
    WHEN,
    append,
    chain_ok,
    new_sealed,
    old_diary_with_gap,
    reader,
    tamper,
    transcript,
)

from voicelog.errors import UsageError
from voicelog.incident import Incident
from voicelog.store.numbering import numbering, read_numbering, row_names
from voicelog.store.opening import open_diary, open_for_reading, open_for_recording, upgrade_diary


def test_entries_without_numbers_are_counted_one_after_another() -> None:
    # rows 1, 2 entries, row 3 a correction, rows 4, 5 entries: written before entries had numbers of their own
    counted = numbering([(1, None), (2, None), (4, None), (5, None)])
    assert counted.shown == {1: 1, 2: 2, 4: 3, 5: 4}
    assert counted.key(3) == 4 and counted.key(5) is None and counted.show(4) == 3


def test_entries_with_numbers_keep_them_and_a_gap_between_them_stays() -> None:
    assert numbering([(2, 1), (3, 2), (5, 3)]).shown == {1: 1, 2: 2, 3: 3}
    # a numbered entry row removed behind voicelog's back: the gap shows (and verify names the row)
    assert numbering([(2, 1), (5, 3)]).shown == {1: 1, 3: 3}


def test_an_upgraded_diary_counts_on_from_its_old_entries() -> None:
    # old entries in rows 1, 2, 4, 5 (a correction in row 3); upgraded: setup row 6; the next entry was stored as 6
    counted = numbering([(1, None), (2, None), (4, None), (5, None), (7, 6), (8, 7)])
    assert [counted.show(k) for k in (1, 2, 4, 5, 6, 7)] == [1, 2, 3, 4, 5, 6]


def test_row_names_number_only_entries() -> None:
    assert row_names([(1, "entry", None), (2, "amendment", None), (3, "entry", None), (4, "seal", None),
                      (5, "entry", 4)]) == {1: 1, 3: 2, 5: 3}


def test_a_new_diary_numbers_entries_apart_from_its_corrections(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    for i in range(8):
        append(path, f"account {i + 1}")
    with reader(path) as diary:
        diary.amend(3, note="it was the Tuesday")
    assert [append(path, "account 9"), append(path, "account 10")] == [9, 10]
    with reader(path) as diary:
        assert [e.seq for e in diary.entries()] == list(range(1, 11))
        assert diary.get(9).transcript.text == "account 9"
        assert [a.note for a in diary.get(3).amendments] == ["it was the Tuesday"]
        assert read_numbering(diary.db.conn).same  # every entry has its own number: nothing to map


def test_an_old_diary_with_a_correction_between_entries_shows_no_gap(tmp_path: Path) -> None:
    path = old_diary_with_gap(tmp_path)  # the old numbering: 1, 2, 4, 5
    with open_for_reading(path, OLD_PASS) as diary:
        listed = diary.entries()
        assert [e.seq for e in listed] == [1, 2, 3, 4]
        assert [e.transcript.text for e in listed[2:]] == ["he was at the school gates", "he rang twice"]
        assert listed[0].incident.location == "Mill Lane"  # the old correction (row 3) still applies to entry 1
        assert diary.get(3).transcript.text == "he was at the school gates"
        assert not read_numbering(diary.db.conn).same
        assert diary.audio(1) == b"fLaC-not-really-audio"
        with pytest.raises(UsageError, match="no entry 5"):
            diary.get(5)
        done = diary.amend(3, changes={"location": "the school gates"}, note="where it was")
        assert done.amends == 3
        assert diary.get(3).incident.location == "the school gates"  # the new correction finds the right row
        assert diary.get(4).incident.location == "Carlton Road"  # and not the entry stored under row 3's number
    assert chain_ok(path)


def test_an_upgraded_old_diary_counts_on_without_a_gap(tmp_path: Path) -> None:
    path = old_diary_with_gap(tmp_path)
    upgrade_diary(path, lambda: OLD_PASS)
    with open_for_recording(path) as diary:
        added = diary.append(recorded_at=WHEN, transcript=transcript("he came back"), incident=Incident(),
                             source="text")
    assert added.seq == 5
    with open_for_reading(path, OLD_PASS) as diary:
        assert [e.seq for e in diary.entries()] == [1, 2, 3, 4, 5]
        assert diary.get(5).transcript.text == "he came back"
    with open_diary(path) as locked:
        check = locked.verify()
        assert check.ok and check.names[1] == "entry 1" and check.names[4] == "entry 3"


def test_the_registry_applied_later_amends_the_entry_shown(tmp_path: Path) -> None:
    path = old_diary_with_gap(tmp_path, texts=("sam was there",))
    with open_for_recording(path) as diary:  # recorded while locked: waits for the registry
        diary.append(recorded_at=WHEN, transcript=transcript("sam again"), incident=Incident(), source="text",
                     registry_applied=False)
    with open_for_reading(path, OLD_PASS) as diary:
        waiting = [e.seq for e in diary.entries() if not e.registry_applied]
        assert waiting == [2, 4]  # entry 2 came so in the old fixture; entry 4 is the one just recorded
        done = diary.apply_registry(lambda entry, known: Incident(location=f"registry {entry.seq}"))
        assert done == [2, 4]
        assert [diary.get(n).incident.location for n in (2, 4)] == ["registry 2", "registry 4"]
        assert diary.get(3).incident.location == "Carlton Road"
        assert diary.apply_registry(lambda entry, known: Incident()) == []  # once only
        assert [p.name for p in diary.people()] == ["John Smith"]
    assert chain_ok(path)


def test_verify_names_a_changed_old_entry_by_the_number_list_shows(tmp_path: Path) -> None:
    path = old_diary_with_gap(tmp_path)
    tamper(path, "UPDATE entries SET recorded_at = '2026-01-01T00:00:00' WHERE seq = 4")
    with open_diary(path) as locked:
        check = locked.verify()
    assert not check.ok
    assert check.sentences() == ["Entry 3 (row 4): Row 4 has been changed (or forged) since it was written."]


def test_a_removed_entry_still_shows_as_a_gap_and_verify_names_it(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    for text in ("one", "two", "three"):
        append(path, text)
    tamper(path, "DELETE FROM entries WHERE number = 2")
    with reader(path) as diary:
        assert [e.seq for e in diary.entries()] == [1, 3]  # not renumbered to hide it
    with open_diary(path) as locked:
        check = locked.verify()
    assert not check.ok and "Row 3 has been removed" in check.sentences()[0]
