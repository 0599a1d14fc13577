"""The diary file's tables, made by migrations applied on every open, and the one way to connect to it.

Every connection runs in WAL mode with a busy timeout, ``synchronous =
FULL`` and ``secure_delete``, so a listening service and a dictation in another terminal can both
append, each write waiting for the other rather than failing. SQLite's own
errors become one :class:`~voicelog.errors.DiaryError` sentence here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils
from sqlite_utils import Migrations

from voicelog.errors import DiaryError

BUSY_TIMEOUT_MS = 15000
"""How long a writer waits for another writer before giving up."""

MODES = ("sealed", "plain")
"""What a diary's ``meta`` row ``mode`` may say: content sealed to its key, or kept in clear by choice."""

FORMAT = "voicelog-diary-1"
"""The ``meta`` row ``format`` of every diary."""

migrations = Migrations("voicelog")
"""The diary's schema, one function a step; :func:`connect` applies whatever a file still lacks."""


@migrations()
def m001_entries(db: sqlite_utils.Database) -> None:
    """Entries and amendments in one hash-chained table; the sealed people registry; clear settings."""
    db.table("entries").create(
        {
            "seq": int,
            "recorded_at": str,
            "written_at": str,
            "kind": str,
            "content": bytes,
            "audio": bytes,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"recorded_at", "written_at", "kind", "content", "prev_hash", "hash"},
    )
    db.table("people").create({"id": int, "content": bytes}, pk="id", not_null={"content"})
    db.table("meta").create({"key": str, "value": str}, pk="key")


@migrations()
def m002_sealing(db: sqlite_utils.Database) -> None:
    """Forward-secure sealing: each row's seal, the one-row state (next row number, its key), entry numbers.

    ``number`` is an entry's own number, counted over entries only, so rows of
    other kinds (amendments, people list, keys) leave no gaps; rows written
    before it existed keep their row number as their entry number.
    """
    db.table("entries").add_column("seal", str)
    db.table("entries").add_column("number", int)
    db.table("entries").create_index(["number"])
    db.table("seal_state").create({"id": int, "seq": int, "key": bytes}, pk="id", not_null={"seq", "key"})


def connect(path: Path) -> sqlite_utils.Database:
    """Open ``path`` for reading and writing (WAL, busy timeout, full sync) and apply pending migrations."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")  # an overwritten sealing key is zeroed, not left in free pages
        db = sqlite_utils.Database(conn)
        _migrate(db)
    except sqlite3.DatabaseError as exc:
        raise open_error(path, exc) from exc
    return db


def check_is_diary(path: Path) -> None:
    """Look at ``path`` read-only: a voicelog diary has a ``meta`` table with a mode.

    Anything else is refused before it is touched, since opening to write would
    switch it to WAL and add the diary's tables to a file that is not ours.
    """
    if path.stat().st_size == 0:  # created by `voicelog init` but never finished
        raise never_set_up(path)
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise open_error(path, exc) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        mode = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'mode'").fetchone()
            mode = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise open_error(path, exc) from exc
    finally:
        conn.close()
    if mode in MODES:
        return
    if {"entries", "people", "meta"} <= tables:
        raise never_set_up(path)
    raise DiaryError(f"{path} is not a voicelog diary (it is some other file); it was left as it was. "
                     "Pass --diary with the path of your diary.")


def never_set_up(path: Path) -> DiaryError:
    """The file exists but ``voicelog init`` never recorded its mode."""
    return DiaryError(f"The diary {path} was never set up (no mode recorded); run `voicelog init --diary {path}`.")


def open_error(path: Path, exc: Exception) -> DiaryError:
    """SQLite could not read ``path`` as a database; an I/O error or a full disk is the disk's fault, not the
    diary's (opening writes SQLite's shared-memory index beside it), and is said so: "restore it from a backup"
    would be the wrong advice for a diary that is whole on a full disk."""
    if "disk I/O error" in str(exc) or "full" in str(exc):
        return DiaryError(f"The diary {path} could not be opened because the disk refused a write (it may be full, "
                          "or failing); the diary was not changed: free some space or check the disk, then try "
                          "again.")
    return DiaryError(
        f"The diary {path} is damaged or is not a voicelog diary ({exc}); "
        "restore it from a backup, or pass --diary to use another file."
    )


def write_error(path: Path, exc: Exception) -> DiaryError:
    """A write to ``path`` failed; the sentence says why (full, busy, read-only, I/O) and that nothing was written."""
    text = str(exc)
    if "full" in text:
        return DiaryError(f"The disk holding {path} is full, so nothing was written; free some space and try again.")
    if "locked" in text or "busy" in text:
        return DiaryError(f"The diary {path} is busy with another voicelog; try again in a moment.")
    if "readonly" in text:
        return DiaryError(f"The diary {path} cannot be written (read-only); check its permissions.")
    if "I/O" in text:
        return DiaryError(f"The disk refused a write to the diary {path} (it may be full, or failing), "
                          "so nothing was written; free some space or check the disk, then try again.")
    return DiaryError(f"Could not write to the diary {path} ({text}); nothing was written.")


def _migrate(db: sqlite_utils.Database) -> None:
    """Apply pending migrations; a second process creating the same diary at once retries."""
    for attempt in range(3):
        try:
            migrations.apply(db)
            return
        except sqlite3.OperationalError as exc:
            if "already exists" not in str(exc) or attempt == 2:
                raise
