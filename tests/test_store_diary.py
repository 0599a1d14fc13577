"""The diary (voicelog.store.diary) on real SQLite files: sealed appends, writers at once, the registry applied once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from store_fixtures import PASS, WHEN, append, chain_ok, new_sealed, reader, transcript

from voicelog.errors import DiaryError, LockedError, UsageError
from voicelog.incident import Incident, KnownPerson, PersonRef
from voicelog.store.backup import copy_diary
from voicelog.store.diary import REGISTRY_NOTE, Diary
from voicelog.store.entries import Entry
from voicelog.store.opening import init_diary, open_diary, open_for_reading, open_for_recording
from voicelog.transcript import Word


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    return new_sealed(tmp_path)


def test_sealed_append_and_read_back(sealed: Path) -> None:
    assert append(sealed, "colin mowbray followed me") == 1
    assert append(sealed, "he was outside again") == 2
    with open_diary(sealed) as locked:
        assert locked.count() == 2
        with pytest.raises(LockedError):
            locked.entries()
    with reader(sealed) as diary:
        entries = diary.entries()
        assert [e.seq for e in entries] == [1, 2]
        first = diary.get(1)
        assert first.transcript.words[1] == Word("mowbray", 0.5, 0.9, 0.9)
        assert first.recorded_at == "2026-03-30T21:47:00"
        assert entries[1].prev_hash == first.hash
        assert [e.seq for e in diary.search(["OUTSIDE"])] == [2]
        assert [e.seq for e in diary.search(["colin", "carlton road"])] == [1, 2]
        assert diary.search(["nobody"]) == []
        assert [e.seq for e in diary.search(["follow me"])] == [1]  # "followed": the stem, not the letters
        assert diary.search(["out"]) == []  # a whole word: "outside" is not "out"
        with pytest.raises(UsageError, match="no entry 9"):
            diary.get(9)
    assert chain_ok(sealed)


def test_kept_audio_is_sealed_and_comes_back(sealed: Path) -> None:
    sound = b"fLaC" + bytes(range(256)) * 4
    with open_for_recording(sealed) as diary:
        diary.append(recorded_at=WHEN, transcript=transcript("spoken"), incident=Incident(), source="microphone",
                     audio=sound)
        diary.append(recorded_at=WHEN, transcript=transcript("typed"), incident=Incident(), source="text")
    assert bytes(range(256)) * 4 not in sealed.read_bytes()
    with reader(sealed) as diary:
        assert diary.audio(1) == sound
        assert diary.get(1).has_audio and not diary.get(2).has_audio
        with pytest.raises(UsageError, match="no recording kept"):
            diary.audio(2)


def test_keys_are_given_when_the_diary_is_opened_and_cannot_be_changed(sealed: Path) -> None:
    with open_for_recording(sealed) as diary:
        assert diary.sealer is not None and diary.opener is None
        with pytest.raises(AttributeError):
            diary.opener = diary.sealer  # type: ignore[misc]
    with open_diary(sealed) as locked:
        assert locked.sealer is None and locked.opener is None
        with pytest.raises(DiaryError, match="no key to seal with"):
            locked.append(recorded_at=WHEN, transcript=transcript("x"), incident=Incident(), source="text")


def _writer(path: str, n: int, tag: str) -> None:
    for i in range(n):
        append(Path(path), f"{tag} {i}")


@pytest.mark.slow
def test_two_writers_at_once_lose_nothing(sealed: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(sealed), 200, tag)) for tag in ("listen", "dictate")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with reader(sealed) as diary:
        entries = diary.entries()
    assert [e.seq for e in entries] == list(range(1, 401))
    assert sorted(e.transcript.text for e in entries) == sorted(
        [f"listen {i}" for i in range(200)] + [f"dictate {i}" for i in range(200)]
    )
    assert chain_ok(sealed)


def test_full_disk_is_refused_with_the_diary_whole(sealed: Path) -> None:
    append(sealed, "first")
    with open_for_recording(sealed) as diary:
        pages = diary.db.execute("PRAGMA page_count").fetchone()[0]
        diary.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then fails exactly as on a full disk
        big = " ".join(["word"] * 20000)
        with pytest.raises(DiaryError, match="full"):
            diary.append(recorded_at=WHEN, transcript=transcript(big), incident=Incident(), source="text")
        assert diary.count() == 1
    assert chain_ok(sealed)
    assert append(sealed, "after space was freed") == 2


def test_backup_is_a_consistent_sealed_copy(sealed: Path, tmp_path: Path) -> None:
    append(sealed, "kept safe")
    with open_diary(sealed) as diary:
        copy_diary(diary, tmp_path / "copy.db")
        with pytest.raises(UsageError, match="already exists"):
            copy_diary(diary, tmp_path / "copy.db")
        with pytest.raises(DiaryError, match="nothing was written"):
            copy_diary(diary, tmp_path / "no such folder" / "copy.db")
    assert (tmp_path / "copy.db").stat().st_mode & 0o777 == 0o600
    with open_diary(tmp_path / "copy.db") as copy:
        assert copy.verify().ok and copy.verify().rows == 2  # the setup record and the entry
    assert not (tmp_path / "no such folder").exists()


def test_missing_diary_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="no diary"):
        open_diary(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(DiaryError, match="is a folder"):
        open_diary(tmp_path)


def test_a_second_diary_is_never_created_over_the_first(sealed: Path) -> None:
    append(sealed, "first")
    before = sealed.read_bytes()
    with pytest.raises(UsageError, match="already exists"):
        init_diary(sealed, passphrase="another")
    assert sealed.read_bytes() == before


def test_plain_diary_needs_no_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    init_diary(path, passphrase=None, plain=True)
    append(path, "readable by choice")
    with open_for_reading(path, passphrase=None) as diary:
        assert not diary.sealed
        assert diary.entries()[0].transcript.text == "readable by choice"
    assert b"readable by choice" in path.read_bytes()


# -- the people registry applied to entries recorded while locked ----------------------------------


MARK = Incident(people=(PersonRef("Edward Haworth", "subject"),), extractor_version="registry-test")


def _locked_entries(path: Path, n: int) -> None:
    """``n`` entries as a Pi service records them: no passphrase, so the registry was not used."""
    for i in range(n):
        append(path, f"my ex was outside {i}", registry_applied=False)


def _amendments_per_entry(path: Path) -> dict[int, int]:
    with reader(path) as diary:
        return {e.seq: sum(a.note == REGISTRY_NOTE for a in e.amendments) for e in diary.entries()}


def test_the_registry_is_applied_once_to_entries_recorded_while_locked(sealed: Path) -> None:
    append(sealed, "recorded unlocked")  # registry_applied: nothing to do
    _locked_entries(sealed, 2)
    seen: list[int] = []

    def extract(entry: Entry, people: Sequence[KnownPerson]) -> Incident:
        assert [p.name for p in people] == ["Edward Haworth"]  # the registry, read by the store
        seen.append(entry.seq)
        return MARK

    with reader(sealed) as diary:
        assert diary.apply_registry(extract) == []  # an empty registry changes nothing
        diary.add_person("Edward Haworth", ["my ex"])
        assert diary.apply_registry(extract) == [2, 3]
        assert diary.apply_registry(extract) == []  # already done
        assert diary.get(2).incident.people == MARK.people
        assert diary.get(1).incident.people != MARK.people
    assert seen == [2, 3]
    assert _amendments_per_entry(sealed) == {1: 0, 2: 1, 3: 1}
    assert chain_ok(sealed)


def _apply_in_step(path: Path, barrier: Any, done: list[int]) -> None:
    """Apply the registry, meeting the other reader at each entry so both always race for the same one."""

    def extract(entry: Entry, people: Sequence[KnownPerson]) -> Incident:
        barrier.wait(timeout=60)
        return MARK

    with open_for_reading(path, passphrase=PASS) as diary:
        done.extend(diary.apply_registry(extract))


def test_two_readers_applying_the_registry_at_once_amend_each_entry_once(sealed: Path) -> None:
    with reader(sealed) as diary:
        diary.add_person("Edward Haworth", ["my ex"])
    _locked_entries(sealed, 6)
    barrier = threading.Barrier(2)
    done: list[list[int]] = [[], []]
    threads = [threading.Thread(target=_apply_in_step, args=(sealed, barrier, done[i])) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(done[0] + done[1]) == [1, 2, 3, 4, 5, 6]  # every entry by exactly one of them
    assert _amendments_per_entry(sealed) == dict.fromkeys(range(1, 7), 1)
    assert chain_ok(sealed)


def _apply_in_process(path: str, barrier: Any, out: Any) -> None:
    done: list[int] = []
    _apply_in_step(Path(path), barrier, done)
    out.put(done)


@pytest.mark.slow
def test_two_processes_applying_the_registry_at_once_amend_each_entry_once(sealed: Path) -> None:
    with reader(sealed) as diary:
        diary.add_person("Edward Haworth", ["my ex"])
    _locked_entries(sealed, 6)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_apply_in_process, args=(str(sealed), barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert sorted(results[0] + results[1]) == [1, 2, 3, 4, 5, 6]
    assert _amendments_per_entry(sealed) == dict.fromkeys(range(1, 7), 1)
    assert chain_ok(sealed)


def test_a_diary_object_is_a_context_manager(sealed: Path) -> None:
    with open_diary(sealed) as diary:
        assert isinstance(diary, Diary)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        diary.count()
