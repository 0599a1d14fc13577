"""The diary on real SQLite files: schema, sealed appends, amendments, chain, tampering, writers, bad files."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from voicelog import access
from voicelog.diary import Diary, entry_hash, open_diary
from voicelog.errors import DiaryError, LockedError, UsageError
from voicelog.incident import Incident, PersonRef
from voicelog.transcript import Transcript, Word

WHEN = datetime(2026, 3, 30, 21, 47)
PASS = "correct horse battery"


def _transcript(text: str) -> Transcript:
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split()))
    return Transcript(text=text, words=words, engine="vosk", model="test-model", duration=len(words) * 0.5)


INCIDENT = Incident(date="2026-03-24", time="21:30", location="Main Street",
                    people=(PersonRef("John Smith", "subject"),), categories=("following",), uncertain=("time",))


def _append(path: Path, text: str) -> int:
    with access.open_for_recording(path) as diary:
        return diary.append(recorded_at=WHEN, transcript=_transcript(text), incident=INCIDENT, source="text").seq


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    access.init_diary(path, passphrase=PASS)
    return path


def _reader(path: Path) -> Diary:
    return access.open_for_reading(path, passphrase=PASS)


def _chain_ok(path: Path) -> bool:
    with open_diary(path) as diary:
        return diary.verify()[1] is None


def test_blank_file_migrates_to_exact_schema(sealed: Path) -> None:
    with open_diary(sealed) as diary:
        cols = {t: list(diary.db[t].columns_dict) for t in ("entries", "people", "meta")}
        mode = diary.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert diary.meta()["mode"] == "sealed"
    assert cols == {
        "entries": ["seq", "recorded_at", "written_at", "kind", "content", "audio", "prev_hash", "hash"],
        "people": ["id", "content"],
        "meta": ["key", "value"],
    }
    assert mode == "wal"
    assert sealed.stat().st_mode & 0o777 == 0o600
    assert access.key_path(sealed).stat().st_mode & 0o777 == 0o600


def test_sealed_append_and_read_back(sealed: Path) -> None:
    assert _append(sealed, "john smith followed me") == 1
    assert _append(sealed, "he was outside again") == 2
    with open_diary(sealed) as locked:
        assert locked.count() == 2
        with pytest.raises(LockedError):
            locked.entries()
    with _reader(sealed) as diary:
        entries = diary.entries()
        assert [e.seq for e in entries] == [1, 2]
        first = diary.get(1)
        assert first.transcript.words[1] == Word("smith", 0.5, 0.9, 0.9)
        assert first.incident == INCIDENT
        assert first.recorded_at == "2026-03-30T21:47:00"
        assert entries[1].prev_hash == first.hash
        assert [e.seq for e in diary.search(["OUTSIDE"])] == [2]
        assert [e.seq for e in diary.search(["john", "main street"])] == [1, 2]
        assert diary.search(["nobody"]) == []
        with pytest.raises(UsageError, match="no entry 9"):
            diary.get(9)
    assert _chain_ok(sealed)


def test_amendments_give_the_amended_view_and_keep_the_original(sealed: Path) -> None:
    _append(sealed, "it was on mill line")
    with _reader(sealed) as diary:
        diary.amend(1, changes={"location": "Mill Lane", "time": "21:45"}, note="misheard")
        machine = Incident(date="2026-03-25", location="Mill Line", extractor_version="rules-9")
        diary.amend(1, incident=machine, note="re-extracted")
        entry = diary.get(1)
        assert entry.incident.location == "Mill Lane"  # the person's correction beats a later re-extraction
        assert entry.incident.time == "21:45"
        assert entry.incident.date == "2026-03-25"  # re-extraction replaces what the person did not touch
        assert "time" not in entry.incident.uncertain
        assert entry.original == INCIDENT
        assert [a.note for a in entry.amendments] == ["misheard", "re-extracted"]
        assert diary.count() == 1 and [e.seq for e in diary.entries()] == [1]
        with pytest.raises(UsageError, match="Cannot amend transcript"):
            diary.amend(1, changes={"transcript": "rewritten"})
        with pytest.raises(UsageError, match="no entry 7"):
            diary.amend(7, note="x")
    assert _chain_ok(sealed)


def test_people_registry_is_sealed_and_merges_aliases(sealed: Path) -> None:
    with _reader(sealed) as diary:
        diary.add_person("Mark  Jones", ["my ex"])
        diary.add_person("mark jones", ["Mark", "my ex"])
        diary.add_person("Dave")
        people = diary.people()
    assert [(p.name, p.aliases) for p in people] == [("Dave", ()), ("Mark Jones", ("my ex", "Mark"))]
    on_disk = b"".join(p.read_bytes() for p in sealed.parent.iterdir() if p.is_file())
    assert b"Jones" not in on_disk and b"my ex" not in on_disk


def _writer(path: str, n: int, tag: str) -> None:
    for i in range(n):
        _append(Path(path), f"{tag} {i}")


def test_two_writers_at_once_lose_nothing(sealed: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(sealed), 200, tag)) for tag in ("listen", "dictate")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with _reader(sealed) as diary:
        entries = diary.entries()
    assert [e.seq for e in entries] == list(range(1, 401))
    assert sorted(e.transcript.text for e in entries) == sorted(
        [f"listen {i}" for i in range(200)] + [f"dictate {i}" for i in range(200)]
    )
    assert _chain_ok(sealed)


def _tamper(path: Path, sql: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


@pytest.fixture
def six(sealed: Path) -> Path:
    for i in range(6):
        _append(sealed, f"account number {i}")
    return sealed


def _verify(path: Path) -> tuple[int, str]:
    with open_diary(path) as diary:
        fit, problem = diary.verify()
    assert problem is not None
    return problem.seq, problem.what


def test_verify_finds_a_flipped_byte(six: Path) -> None:
    conn = sqlite3.connect(six)
    content = bytearray(conn.execute("SELECT content FROM entries WHERE seq = 4").fetchone()[0])
    conn.close()
    content[40] ^= 0x01
    _tamper(six, "UPDATE entries SET content = ? WHERE seq = 4", (bytes(content),))
    assert _verify(six) == (4, "changed")


def test_verify_finds_a_removed_row(six: Path) -> None:
    _tamper(six, "DELETE FROM entries WHERE seq = 3")
    assert _verify(six) == (3, "removed")


def test_verify_finds_two_swapped_rows(six: Path) -> None:
    conn = sqlite3.connect(six)
    conn.execute("UPDATE entries SET seq = -2 WHERE seq = 2")
    conn.execute("UPDATE entries SET seq = 2 WHERE seq = 5")
    conn.execute("UPDATE entries SET seq = 5 WHERE seq = -2")
    conn.commit()
    conn.close()
    assert _verify(six) == (2, "reordered")


def test_verify_finds_a_forged_row_inserted(six: Path) -> None:
    """A forger who knows the format re-hashes their row, but cannot re-hash the rows after it unseen."""
    conn = sqlite3.connect(six)
    rows = conn.execute("SELECT seq, recorded_at, kind, content, audio, prev_hash, hash FROM entries ORDER BY seq DESC").fetchall()
    for seq, *_ in rows:
        if seq >= 3:
            conn.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq + 1, seq))
    prev = conn.execute("SELECT hash FROM entries WHERE seq = 2").fetchone()[0]
    forged = b"VL1" + b"\0" * 100
    digest = entry_hash(3, "2026-03-29T10:00:00", "entry", forged, None, prev)
    conn.execute("INSERT INTO entries VALUES (3, '2026-03-29T10:00:00', '2026-03-29T10:00:00+00:00', 'entry', ?, NULL, ?, ?)",
                 (forged, prev, digest))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "inserted")


def test_verify_passes_on_an_untouched_diary_and_counts_amendments(six: Path) -> None:
    with _reader(six) as diary:
        diary.amend(2, note="remembered more")
    with open_diary(six) as diary:
        assert diary.verify() == (7, None)
        assert diary.head()[0] == 7


def test_full_disk_is_refused_with_the_diary_whole(sealed: Path) -> None:
    _append(sealed, "first")
    with access.open_for_recording(sealed) as diary:
        pages = diary.db.execute("PRAGMA page_count").fetchone()[0]
        diary.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then fails exactly as on a full disk
        big = " ".join(["word"] * 20000)
        with pytest.raises(DiaryError, match="full"):
            diary.append(recorded_at=WHEN, transcript=_transcript(big), incident=Incident(), source="text")
        assert diary.count() == 1
    assert _chain_ok(sealed)
    assert _append(sealed, "after space was freed") == 2


def test_backup_is_a_consistent_sealed_copy(sealed: Path, tmp_path: Path) -> None:
    _append(sealed, "kept safe")
    with open_diary(sealed) as diary:
        diary.backup(tmp_path / "copy.db")
        with pytest.raises(UsageError, match="already exists"):
            diary.backup(tmp_path / "copy.db")
    assert (tmp_path / "copy.db").stat().st_mode & 0o777 == 0o600
    with open_diary(tmp_path / "copy.db") as copy:
        assert copy.verify() == (1, None)


def test_corrupt_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="damaged or is not a voicelog diary"):
        open_diary(path)
    assert path.read_bytes() == before


def test_missing_diary_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="no diary"):
        open_diary(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(DiaryError, match="is a folder"):
        open_diary(tmp_path)


def test_plain_diary_needs_no_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    access.init_diary(path, passphrase=None, plain=True)
    _append(path, "readable by choice")
    with access.open_for_reading(path, passphrase=None) as diary:
        assert diary.entries()[0].transcript.text == "readable by choice"
    assert not access.key_path(path).exists()


def test_failed_write_leaves_diary_unchanged(sealed: Path) -> None:
    _append(sealed, "first")
    with _reader(sealed) as diary:
        with pytest.raises(RuntimeError):
            with diary._write() as conn:
                conn.execute("INSERT INTO people (content) VALUES (x'00')")
                raise RuntimeError("power cut")
        assert diary.people() == []
        assert diary.count() == 1


# -- corrections are checked in the library; old bad amendments do not lock the diary -----------------


@pytest.mark.parametrize("changes, message", [
    ({"people": ["Sarah"]}, "name and a role"),
    ({"people": [{"name": "Sarah", "role": "boss"}]}, "role"),
    ({"time": "25:00"}, "24-hour"),
    ({"date": "yesterday"}, "not a date"),
    ({"time_approximate": "yes"}, "true or false"),
    ({"period": "teatime"}, "period"),
    ({"location": 7}, "location"),
    ({"categories": "following"}, "list"),
    ({"categories": ["stalking"]}, "unknown categor"),
    ({"evidence": [1, 2]}, "list of text"),
])
def test_amend_checks_every_field(sealed: Path, changes: dict, message: str) -> None:
    _append(sealed, "it was on mill line")
    with _reader(sealed) as diary:
        with pytest.raises(UsageError, match=message):
            diary.amend(1, changes=changes)
        assert diary.head()[0] == 1  # nothing was appended


def test_amend_stores_typed_changes(sealed: Path) -> None:
    _append(sealed, "it was on mill line")
    with _reader(sealed) as diary:
        a = diary.amend(1, changes={"time": "9:05", "people": [{"name": " Sarah  Lee", "role": "witness"}],
                                    "evidence": ("photo",), "period": None})
        assert a.changes == {"time": "09:05", "people": [{"name": "Sarah Lee", "role": "witness"}],
                             "evidence": ["photo"], "period": None}
        assert diary.get(1).incident.people == (PersonRef("Sarah Lee", "witness"),)


def test_an_amendment_that_cannot_be_applied_is_skipped(sealed: Path, caplog: pytest.LogCaptureFixture) -> None:
    _append(sealed, "it was on mill line")
    _append(sealed, "second account")
    with _reader(sealed) as diary:
        diary.amend(1, changes={"location": "Mill Lane"})
        # As an older voicelog could have stored them, unchecked, sealed with the diary's own key.
        diary._append_row(kind="amendment", recorded_at="2026-03-30T21:47:00",
                          content={"amends": 1, "changes": {"people": ["Zebedee Quint"]}, "note": ""})
        diary._append_row(kind="amendment", recorded_at="2026-03-30T21:47:00",
                          content={"amends": 2, "changes": {"categories": "following"}, "note": ""})
        diary._append_row(kind="amendment", recorded_at="2026-03-30T21:47:00", content={"note": "no target"})
    with caplog.at_level("WARNING", logger="voicelog.diary"), _reader(sealed) as diary:
        entries = diary.entries()
        assert [e.seq for e in entries] == [1, 2]
        assert entries[0].incident.location == "Mill Lane"  # the good amendment still applies
        assert entries[0].incident.people == INCIDENT.people
        assert entries[1].incident.categories == INCIDENT.categories
        assert diary.get(1).incident.location == "Mill Lane"
    assert "skipped" in caplog.text and "Zebedee" not in caplog.text and "following" not in caplog.text
    assert _chain_ok(sealed)


# -- verify names the row that is not as written -------------------------------------------------------


def test_verify_finds_a_row_changed_and_rehashed(six: Path) -> None:
    """Row 3's time is edited and its own hash recomputed: row 3 changed, not row 4 removed."""
    conn = sqlite3.connect(six)
    seq, recorded, kind, content, audio, prev_hash = conn.execute(
        "SELECT seq, recorded_at, kind, content, audio, prev_hash FROM entries WHERE seq = 3").fetchone()
    recorded = "2026-03-01T09:00:00"
    digest = entry_hash(seq, recorded, kind, content, audio, prev_hash)
    conn.execute("UPDATE entries SET recorded_at = ?, hash = ? WHERE seq = 3", (recorded, digest))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "changed")
    with open_diary(six) as diary:
        assert diary.verify()[0] == 2  # the rows before it fit


def test_verify_finds_a_row_removed_and_the_rest_renumbered(six: Path) -> None:
    conn = sqlite3.connect(six)
    conn.execute("DELETE FROM entries WHERE seq = 3")
    for seq in (4, 5, 6):
        conn.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq - 1, seq))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "removed")


def test_find_hash_names_the_row(six: Path) -> None:
    with open_diary(six) as diary:
        rows = diary.db.execute("SELECT seq, hash FROM entries ORDER BY seq").fetchall()
        assert diary.find_hash(rows[2][1][:16].upper()) == 3
        assert diary.find_hash(rows[5][1]) == 6
        assert diary.find_hash("f" * 64) is None
        assert diary.find_hash("not hex") is None


# -- a file that is not a diary is left exactly as it was ------------------------------------------------


def test_an_unrelated_sqlite_file_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO albums (name) VALUES ('holiday')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="is not a voicelog diary"):
        open_diary(path)
    with pytest.raises(DiaryError, match="is not a voicelog diary"):
        access.open_for_reading(path, passphrase=PASS)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]
