"""The diary: an append-only, hash-chained SQLite file of entries and a people registry.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy
timeout, so a listening service and a dictation in another terminal can both
append without losing an entry or breaking the chain. Only what ordering and the
chain need is kept in columns; an entry's content (transcript, incident) is one
JSON document, which is the unit a later sealing layer encrypts.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from voicelog.errors import DiaryError, UsageError
from voicelog.incident import Incident, KnownPerson
from voicelog.transcript import Transcript

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

BUSY_TIMEOUT_MS = 15000
"""How long a writer waits for another writer before giving up."""

migrations = Migrations("voicelog")


@migrations()
def m001_entries(db: sqlite_utils.Database) -> None:
    db["entries"].create(
        {
            "seq": int,
            "recorded_at": str,
            "written_at": str,
            "kind": str,
            "content": bytes,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"recorded_at", "written_at", "kind", "content", "prev_hash", "hash"},
    )
    db["people"].create({"id": int, "name": str, "aliases": str}, pk="id", not_null={"name", "aliases"})
    db["people"].create_index(["name"], unique=True)
    db["meta"].create({"key": str, "value": str}, pk="key")


@dataclass(frozen=True)
class Entry:
    """One diary entry as read back."""

    seq: int
    """The entry's number, 1 upwards, in the order written."""
    recorded_at: str
    """ISO local time the account was spoken (or the file's time)."""
    written_at: str
    """ISO UTC time the entry was appended."""
    transcript: Transcript
    """What was said, with word timings."""
    incident: Incident
    """What extraction found."""
    source: str
    """Where the audio came from: ``microphone``, ``file:NAME`` or ``text``."""
    hash: str
    """SHA-256 of this entry's fields and the previous hash."""
    prev_hash: str
    """The previous entry's hash (:data:`GENESIS` for the first)."""

    def to_dict(self) -> dict:
        """A JSON-ready form for ``--json`` output."""
        return {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "written_at": self.written_at,
            "source": self.source,
            "incident": self.incident.to_dict(),
            "transcript": self.transcript.to_dict(),
            "hash": self.hash,
            "prev_hash": self.prev_hash,
        }


def entry_hash(seq: int, recorded_at: str, content: bytes, prev_hash: str) -> str:
    """The chain hash: binds number, time, content and the previous entry."""
    h = hashlib.sha256()
    h.update(f"{seq}\n{recorded_at}\n".encode())
    h.update(hashlib.sha256(content).digest())
    h.update(prev_hash.encode())
    return h.hexdigest()


class Diary:
    """An open diary file. Use :func:`open_diary`."""

    def __init__(self, path: Path, db: sqlite_utils.Database) -> None:
        self.path = path
        self.db = db

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> "Diary":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: the write lock is taken before reading the chain head."""
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DiaryError(
                f"The diary {self.path} is busy (another voicelog has held it for "
                f"{BUSY_TIMEOUT_MS // 1000} s); try again in a moment."
            ) from exc
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            raise _write_error(self.path, exc) from exc

    def append(
        self,
        *,
        recorded_at: datetime,
        transcript: Transcript,
        incident: Incident,
        source: str,
    ) -> Entry:
        """Append an entry at the end of the chain and return it as stored."""
        content = json.dumps(
            {"transcript": transcript.to_dict(), "incident": incident.to_dict(), "source": source},
            ensure_ascii=False,
            sort_keys=True,
        ).encode()
        recorded = recorded_at.replace(microsecond=0).isoformat()
        written = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        try:
            with self._write() as conn:
                row = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
                digest = entry_hash(seq, recorded, content, prev)
                conn.execute(
                    "INSERT INTO entries (seq, recorded_at, written_at, kind, content, prev_hash, hash)"
                    " VALUES (?, ?, ?, 'entry', ?, ?, ?)",
                    (seq, recorded, written, content, prev, digest),
                )
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path, exc) from exc
        return Entry(seq, recorded, written, transcript, incident, source, digest, prev)

    def _rows(self, where: str = "", params: Sequence[object] = (), *, with_words: bool = True) -> Iterator[Entry]:
        sql = "SELECT seq, recorded_at, written_at, content, hash, prev_hash FROM entries WHERE kind = 'entry'"
        if where:
            sql += f" AND {where}"
        try:
            rows = self.db.conn.execute(sql + " ORDER BY seq", params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _open_error(self.path, exc) from exc
        for seq, recorded, written, content, digest, prev in rows:
            data = json.loads(content)
            yield Entry(
                seq=seq,
                recorded_at=recorded,
                written_at=written,
                transcript=Transcript.from_dict(data["transcript"], with_words=with_words),
                incident=Incident.from_dict(data["incident"]),
                source=data.get("source", ""),
                hash=digest,
                prev_hash=prev,
            )

    def entries(self, *, with_words: bool = False) -> list[Entry]:
        """Every entry, oldest first; word timings only when asked (listing does not need them)."""
        return list(self._rows(with_words=with_words))

    def get(self, seq: int) -> Entry:
        """Entry number ``seq``; a missing number is a :class:`UsageError`."""
        found = list(self._rows("seq = ?", (seq,)))
        if not found:
            raise UsageError(f"There is no entry {seq} in {self.path}; `voicelog list` shows the numbers.")
        return found[0]

    def count(self) -> int:
        """How many entries the diary holds."""
        return self.db.conn.execute("SELECT count(*) FROM entries WHERE kind = 'entry'").fetchone()[0]

    def search(self, words: Sequence[str]) -> list[Entry]:
        """Entries whose transcript or extracted fields contain every word (case-insensitive)."""
        needles = [w.lower() for w in words if w.strip()]
        found = []
        for entry in self._rows(with_words=False):
            inc = entry.incident
            hay = " ".join(
                [entry.transcript.text, inc.location or "", " ".join(p.name for p in inc.people), " ".join(inc.categories)]
            ).lower()
            if all(n in hay for n in needles):
                found.append(entry)
        return found

    # -- people registry -------------------------------------------------

    def add_person(self, name: str, aliases: Sequence[str] = ()) -> KnownPerson:
        """Register a person, or add aliases to one already registered."""
        name = " ".join(name.split())
        if not name:
            raise UsageError("A person needs a name: `voicelog people add \"Mark Jones\" --alias \"my ex\"`.")
        clean = [" ".join(a.split()) for a in aliases if a.strip()]
        with self._write() as conn:
            row = conn.execute("SELECT id, aliases FROM people WHERE lower(name) = lower(?)", (name,)).fetchone()
            if row:
                merged = json.loads(row[1])
                merged += [a for a in clean if a.lower() not in {m.lower() for m in merged}]
                conn.execute("UPDATE people SET aliases = ? WHERE id = ?", (json.dumps(merged), row[0]))
                clean = merged
            else:
                conn.execute("INSERT INTO people (name, aliases) VALUES (?, ?)", (name, json.dumps(clean)))
        return KnownPerson(name=name, aliases=tuple(clean))

    def people(self) -> list[KnownPerson]:
        """The registry, by name."""
        rows = self.db.conn.execute("SELECT name, aliases FROM people ORDER BY name COLLATE NOCASE").fetchall()
        return [KnownPerson(name=n, aliases=tuple(json.loads(a))) for n, a in rows]


def _open_error(path: Path, exc: Exception) -> DiaryError:
    return DiaryError(
        f"The diary {path} is damaged or is not a voicelog diary ({exc}); "
        "restore it from a backup, or pass --diary to use another file."
    )


def _write_error(path: Path, exc: Exception) -> DiaryError:
    text = str(exc)
    if "full" in text:
        return DiaryError(f"The disk holding {path} is full, so nothing was written; free some space and try again.")
    if "locked" in text or "busy" in text:
        return DiaryError(f"The diary {path} is busy with another voicelog; try again in a moment.")
    if "readonly" in text:
        return DiaryError(f"The diary {path} cannot be written (read-only); check its permissions.")
    return DiaryError(f"Could not write to the diary {path} ({text}); nothing was written.")


def open_diary(path: Path, *, create: bool = True) -> Diary:
    """Open (and if needed create, ``0o600``) the diary at ``path``, applying migrations."""
    path = Path(path)
    if path.is_dir():
        raise DiaryError(f"{path} is a folder, not a diary file; pass --diary with a file path.")
    if not path.exists():
        if not create:
            raise DiaryError(f"There is no diary at {path} yet; record an account with `voicelog dictate` first.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        except OSError as exc:
            raise DiaryError(f"Cannot create the diary {path} ({exc.strerror}); choose another place with --diary.") from exc
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn)
        _migrate(db)
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from exc
    return Diary(path, db)


def _migrate(db: sqlite_utils.Database) -> None:
    """Apply pending migrations; a second process creating the same diary at once retries."""
    for attempt in range(3):
        try:
            migrations.apply(db)
            return
        except sqlite3.OperationalError as exc:
            if "already exists" not in str(exc) or attempt == 2:
                raise
