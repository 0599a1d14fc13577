"""The diary on real SQLite files: schema, appends, chain, registry, concurrent writers, bad files."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from voicelog.diary import GENESIS, entry_hash, open_diary
from voicelog.errors import DiaryError, UsageError
from voicelog.incident import Incident, PersonRef
from voicelog.transcript import Transcript, Word

WHEN = datetime(2026, 3, 30, 21, 47)


def _transcript(text: str) -> Transcript:
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split()))
    return Transcript(text=text, words=words, engine="vosk", model="test-model", duration=len(words) * 0.5)


def _append(path: Path, text: str) -> int:
    with open_diary(path) as diary:
        incident = Incident(date="2026-03-24", time="21:30", location="Main Street",
                            people=(PersonRef("John Smith", "subject"),), categories=("following",))
        return diary.append(recorded_at=WHEN, transcript=_transcript(text), incident=incident, source="text").seq


def _chain_ok(path: Path) -> bool:
    conn = sqlite3.connect(path)
    prev = GENESIS
    for seq, recorded, content, p, h in conn.execute(
        "SELECT seq, recorded_at, content, prev_hash, hash FROM entries ORDER BY seq"
    ):
        if p != prev or h != entry_hash(seq, recorded, content, p):
            return False
        prev = h
    return True


def test_blank_file_migrates_to_exact_schema(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with open_diary(path) as diary:
        cols = {t: list(diary.db[t].columns_dict) for t in ("entries", "people", "meta")}
        mode = diary.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert cols == {
        "entries": ["seq", "recorded_at", "written_at", "kind", "content", "prev_hash", "hash"],
        "people": ["id", "name", "aliases"],
        "meta": ["key", "value"],
    }
    assert mode == "wal"
    assert path.stat().st_mode & 0o777 == 0o600


def test_append_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    assert _append(path, "john smith followed me") == 1
    assert _append(path, "he was outside again") == 2
    with open_diary(path, create=False) as diary:
        entries = diary.entries()
        assert [e.seq for e in entries] == [1, 2]
        first = diary.get(1)
        assert first.transcript.words[1] == Word("smith", 0.5, 0.9, 0.9)
        assert first.incident.people == (PersonRef("John Smith", "subject"),)
        assert first.recorded_at == "2026-03-30T21:47:00"
        assert entries[1].prev_hash == first.hash
        assert [e.seq for e in diary.search(["OUTSIDE"])] == [2]
        assert [e.seq for e in diary.search(["john", "main street"])] == [1, 2]
        assert diary.search(["nobody"]) == []
        with pytest.raises(UsageError, match="no entry 9"):
            diary.get(9)
    assert _chain_ok(path)


def test_people_registry_merges_aliases(tmp_path: Path) -> None:
    with open_diary(tmp_path / "d.db") as diary:
        diary.add_person("Mark  Jones", ["my ex"])
        diary.add_person("mark jones", ["Mark", "my ex"])
        diary.add_person("Dave")
        people = diary.people()
    assert [(p.name, p.aliases) for p in people] == [("Dave", ()), ("Mark Jones", ("my ex", "Mark"))]


def _writer(path: str, n: int, tag: str) -> None:
    for i in range(n):
        _append(Path(path), f"{tag} {i}")


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    open_diary(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), 25, tag)) for tag in ("listen", "dictate")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with open_diary(path, create=False) as diary:
        texts = sorted(e.transcript.text for e in diary.entries())
        assert [e.seq for e in diary.entries()] == list(range(1, 51))
    assert texts == sorted([f"listen {i}" for i in range(25)] + [f"dictate {i}" for i in range(25)])
    assert _chain_ok(path)


def test_corrupt_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="damaged or is not a voicelog diary"):
        open_diary(path)
    assert path.read_bytes() == before


def test_missing_diary_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="no diary"):
        open_diary(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(DiaryError, match="is a folder"):
        open_diary(tmp_path)


def test_failed_write_leaves_diary_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    _append(path, "first")
    with open_diary(path) as diary:
        with pytest.raises(RuntimeError):
            with diary._write() as conn:
                conn.execute("INSERT INTO people (name, aliases) VALUES ('x', '[]')")
                raise RuntimeError("power cut")
        assert diary.people() == []
        assert diary.count() == 1


def test_full_disk_is_refused_with_the_diary_whole(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    _append(path, "first")
    with open_diary(path) as diary:
        pages = diary.db.execute("PRAGMA page_count").fetchone()[0]
        diary.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then fails exactly as on a full disk
        big = " ".join(["word"] * 20000)
        with pytest.raises(DiaryError, match="full"):
            diary.append(recorded_at=WHEN, transcript=_transcript(big), incident=Incident(), source="text")
        assert diary.count() == 1
    assert _chain_ok(path)
    assert _append(path, "after space was freed") == 2
