"""The diary's tables (voicelog.store.schema): exact columns after migration, and files that are not diaries left
alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE as PASS_ON_DISK
from store_fixtures import PASS, new_sealed

from voicelog.errors import DiaryError
from voicelog.store import schema
from voicelog.store.opening import key_path, open_diary, open_for_reading

COLUMNS = {
    "entries": [("seq", "INTEGER", 0, 1), ("recorded_at", "TEXT", 1, 0), ("written_at", "TEXT", 1, 0),
                ("kind", "TEXT", 1, 0), ("content", "BLOB", 1, 0), ("audio", "BLOB", 0, 0),
                ("prev_hash", "TEXT", 1, 0), ("hash", "TEXT", 1, 0), ("seal", "TEXT", 0, 0),
                ("number", "INTEGER", 0, 0)],
    "people": [("id", "INTEGER", 0, 1), ("content", "BLOB", 1, 0)],
    "meta": [("key", "TEXT", 0, 1), ("value", "TEXT", 0, 0)],
    "seal_state": [("id", "INTEGER", 0, 1), ("seq", "INTEGER", 1, 0), ("key", "BLOB", 1, 0)],
}
"""Every table with its columns: name, type, NOT NULL, primary key."""


def _columns(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, int, int]]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: [(c[1], c[2], c[3], c[5]) for c in conn.execute(f"PRAGMA table_info([{t}])")] for t in tables
            if t != "_sqlite_migrations"}


def test_a_blank_file_migrates_to_the_exact_tables_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    path.touch()
    db = schema.connect(path)
    try:
        tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"entries", "people", "meta", "seal_state", "_sqlite_migrations"}
        assert _columns(db.conn) == COLUMNS
        assert [r[0] for r in db.conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_entries",
                                                                                          "m002_sealing"]
        assert db.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == schema.BUSY_TIMEOUT_MS
    finally:
        db.close()
    db = schema.connect(path)  # applied on every open: a second open changes nothing
    try:
        assert _columns(db.conn) == COLUMNS
        assert db.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 2
    finally:
        db.close()


def test_a_new_sealed_diary_has_the_schema_its_mode_and_private_files(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    with open_diary(sealed) as diary:
        assert _columns(diary.db.conn) == COLUMNS
        assert diary.meta() == {"mode": "sealed", "format": schema.FORMAT}
    assert sealed.stat().st_mode & 0o777 == 0o600
    assert key_path(sealed).stat().st_mode & 0o777 == 0o600


def test_a_corrupt_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="damaged or is not a voicelog diary"):
        open_diary(path)
    assert path.read_bytes() == before


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
        open_for_reading(path, passphrase=PASS)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_a_file_whose_setup_never_finished_says_to_run_init(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(DiaryError, match="never set up.*voicelog init"):
        open_diary(empty)
    tables_only = tmp_path / "tables.db"
    tables_only.touch()
    schema.connect(tables_only).close()  # the tables, but no mode recorded
    with pytest.raises(DiaryError, match="never set up"):
        open_diary(tables_only)


@pytest.mark.parametrize("message, says", [
    ("database or disk is full", "is full, so nothing was written"),
    ("database is locked", "busy with another voicelog"),
    ("attempt to write a readonly database", "read-only"),
    ("disk I/O error", "may be full, or failing"),
    ("something else", "nothing was written"),
])
def test_write_errors_are_one_sentence_each(tmp_path: Path, message: str, says: str) -> None:
    error = schema.write_error(tmp_path / "d.db", sqlite3.OperationalError(message))
    assert says in str(error) and str(tmp_path / "d.db") in str(error)


def test_a_whole_diary_on_a_full_disk_is_not_called_damaged(diary_on_disk: Path, disk) -> None:
    disk.fill()  # opening needs room for SQLite's shared-memory index beside the diary
    assert disk.full
    with pytest.raises(DiaryError) as err:
        open_for_reading(diary_on_disk, PASS_ON_DISK)
    message = str(err.value)
    assert "disk refused a write" in message and "not changed" in message
    assert "damaged" not in message and "backup" not in message
    disk.free()
    with open_for_reading(diary_on_disk, PASS_ON_DISK) as diary:  # whole all along
        assert diary.path == diary_on_disk
