"""The diary: an append-only, hash-chained, sealed SQLite file of entries and a people registry.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy
timeout, so a listening service and a dictation in another terminal can both
append without losing an entry or breaking the chain. Only what ordering and
the chain need stays in clear (number, recorded time, kind, hashes); an entry's
content (transcript, incident), its audio and the people registry are sealed
with the diary's public key, so recording never needs the passphrase and
reading always does. A correction is a new row that amends an earlier one.

The keys are given when the diary is opened and never change afterwards:
:mod:`voicelog.store.opening` decides which (public only to record, the
unlocked private key to read).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Self

import sqlite_utils

from voicelog.corrections import validate_changes
from voicelog.errors import DiaryError, LockedError, UsageError
from voicelog.incident import Incident, KnownPerson
from voicelog.store import chain, entries, schema
from voicelog.store.chain import GENESIS, Problem
from voicelog.store.entries import Amendment, Entry
from voicelog.store.people import PeopleRegistry
from voicelog.store.private_file import write_private
from voicelog.transcript import Transcript

if TYPE_CHECKING:
    from voicelog.store.keys import Opener, Sealer

REGISTRY_NOTE = "people registry applied"
"""The note on the amendment :meth:`Diary.apply_registry` appends."""

_ENTRY_COLUMNS = "seq, recorded_at, written_at, content, hash, prev_hash, audio IS NOT NULL"


class Diary:
    """An open diary file, with the keys it was opened with. Use :func:`open_diary`."""

    def __init__(self, path: Path, db: sqlite_utils.Database, *, mode: str, sealer: Sealer | None = None,
                 opener: Opener | None = None) -> None:
        self.path = path
        """The diary file."""
        self.db = db
        """The open database (WAL, busy timeout, migrated)."""
        self.mode = mode
        """``sealed`` or ``plain``."""
        self._sealer = sealer
        self._opener = opener
        self._cache: list[Entry] | None = None
        self._cache_head = 0  # the last row number before the cached entries were read

    @property
    def sealer(self) -> Sealer | None:
        """Seals what is written; None when the diary was opened without its key."""
        return self._sealer

    @property
    def opener(self) -> Opener | None:
        """Opens what is read; None unless the diary was unlocked (or is plain)."""
        return self._opener

    @property
    def sealed(self) -> bool:
        """True unless the person chose a plain diary."""
        return self.mode == "sealed"

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _seal(self, data: bytes) -> bytes:
        if self._sealer is None:
            raise DiaryError(f"The diary {self.path} has no key to seal with; run `voicelog init`.")
        return self._sealer.seal(data)

    def _open(self, data: bytes) -> bytes:
        if self._opener is None:
            raise LockedError("The diary is sealed; reading it needs your passphrase.")
        return self._opener.open(data)

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: the write lock is taken before reading the chain head."""
        conn = self.db.conn
        self._cache = None  # any write may change the amended view
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise schema.write_error(self.path, exc) from exc
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # a failed statement (disk full, I/O error) may have rolled back already
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:  # a COMMIT that failed on a full disk has already rolled back
                conn.execute("ROLLBACK")
            raise schema.write_error(self.path, exc) from exc

    def _insert_row(self, conn: sqlite3.Connection, *, kind: str, recorded_at: str, sealed: bytes,
                    sealed_audio: bytes | None) -> tuple[int, str, str, str]:
        """Chain a row after the head; the caller holds the write lock. Returns seq, written_at, prev and hash."""
        written = datetime.now(UTC).replace(microsecond=0).isoformat()
        row = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        digest = chain.entry_hash(seq, recorded_at, kind, sealed, sealed_audio, prev)
        conn.execute(
            "INSERT INTO entries (seq, recorded_at, written_at, kind, content, audio, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, recorded_at, written, kind, sealed, sealed_audio, prev, digest),
        )
        return seq, written, prev, digest

    def _append_row(self, *, kind: str, recorded_at: str, content: Mapping[str, Any],
                    audio: bytes | None = None) -> tuple[int, str, str, str]:
        sealed = self._seal(entries.encode(content))
        sealed_audio = self._seal(audio) if audio else None
        try:
            with self._write() as conn:
                return self._insert_row(conn, kind=kind, recorded_at=recorded_at, sealed=sealed,
                                        sealed_audio=sealed_audio)
        except sqlite3.OperationalError as exc:
            raise schema.write_error(self.path, exc) from exc

    def append(
        self,
        *,
        recorded_at: datetime,
        transcript: Transcript,
        incident: Incident,
        source: str,
        audio: bytes | None = None,
        recovered: bool = False,
        registry_applied: bool = True,
    ) -> Entry:
        """Append an entry (and its compressed audio, if given) at the end of the chain."""
        recorded = recorded_at.replace(microsecond=0).isoformat()
        content = entries.entry_content(transcript=transcript, incident=incident, source=source,
                                        recovered=recovered, registry_applied=registry_applied)
        seq, written, prev, digest = self._append_row(kind="entry", recorded_at=recorded, content=content, audio=audio)
        return Entry(seq, recorded, written, transcript, incident, source, digest, prev, has_audio=bool(audio),
                     recovered=recovered, registry_applied=registry_applied)

    def amend(self, seq: int, *, changes: Mapping[str, Any] | None = None, note: str = "",
              incident: Incident | None = None, reviewed: bool = False) -> Amendment:
        """Append an amendment to entry ``seq``: the person's changes, a note, a re-extraction,
        or the person's confirmation that the entry is right (``reviewed``)."""
        target = self._entry_row(seq)
        checked = validate_changes(changes or {})
        if not checked and not note and incident is None and not reviewed:
            raise UsageError("An amendment needs --set FIELD=VALUE or --note; see `voicelog amend --help`.")
        content = entries.amendment_content(seq, changes=checked, note=note, incident=incident, reviewed=reviewed)
        new_seq, written, _, digest = self._append_row(kind="amendment", recorded_at=target[1], content=content)
        return Amendment(new_seq, seq, written, checked, note, incident, digest, reviewed=reviewed)

    def apply_registry(self, extract: Callable[[Entry, Sequence[KnownPerson]], Incident]) -> list[int]:
        """Re-extract, with the people registry, the entries recorded while the diary was locked.

        Call it once the diary is unlocked (a reading command does, before it
        reads); with an empty registry it does nothing. ``extract(entry, people)``
        gives an entry's new incident from the registry read here (the store
        does not extract); it runs outside the write lock, so recording is not
        held up. Each
        result is appended as a re-extraction amendment in its own immediate
        transaction, and only if, inside it, the entry still has no
        re-extraction: two readers applying the registry at once add exactly
        one amendment per entry. Returns the numbers of the entries amended.
        """
        known = self.people()
        if not known:
            return []
        waiting = [e for e in self.entries() if not e.registry_applied and not e.reextracted]
        checked_to = self._cache_head  # re-extractions up to this row are in the entries just read
        redone: set[int] = set()
        done = []
        for entry in waiting:
            incident = extract(entry, known)
            content = entries.amendment_content(entry.seq, changes={}, note=REGISTRY_NOTE, incident=incident,
                                                reviewed=False)
            sealed = self._seal(entries.encode(content))
            try:
                with self._write() as conn:
                    checked_to = self._reextracted_since(conn, checked_to, redone)
                    if entry.seq in redone:
                        continue  # another reader applied it meanwhile
                    checked_to, *_ = self._insert_row(conn, kind="amendment", recorded_at=entry.recorded_at,
                                                      sealed=sealed, sealed_audio=None)
            except sqlite3.OperationalError as exc:
                raise schema.write_error(self.path, exc) from exc
            done.append(entry.seq)
        return done

    def _reextracted_since(self, conn: sqlite3.Connection, after: int, into: set[int]) -> int:
        """Add to ``into`` the entries re-extracted by rows after ``after``; return the last row number seen."""
        last = after
        for seq, written, content, digest in conn.execute(
            "SELECT seq, written_at, content, hash FROM entries WHERE kind = 'amendment' AND seq > ? ORDER BY seq",
            (after,),
        ).fetchall():
            amendment = entries.read_amendment(seq, written, self._open(content), digest)
            if amendment is not None and amendment.incident is not None:
                into.add(amendment.amends)
        row = conn.execute("SELECT max(seq) FROM entries").fetchone()
        return max(last, row[0] or 0)

    # -- reading ---------------------------------------------------------------

    def _entry_row(self, seq: int) -> tuple[Any, ...]:
        row: tuple[Any, ...] | None = self.db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE seq = ? AND kind = 'entry'", (seq,)
        ).fetchone()
        if row is None:
            raise UsageError(f"There is no entry {seq} in {self.path}; `voicelog list` shows the numbers.")
        return row

    def _amendments(self) -> dict[int, list[Amendment]]:
        found: dict[int, list[Amendment]] = {}
        rows = self.db.conn.execute(
            "SELECT seq, written_at, content, hash FROM entries WHERE kind = 'amendment' ORDER BY seq"
        ).fetchall()
        for seq, written, content, digest in rows:
            # A seal that will not open is an error, not old data: _open raises.
            amendment = entries.read_amendment(seq, written, self._open(content), digest)
            if amendment is not None:
                found.setdefault(amendment.amends, []).append(amendment)
        return found

    def _rows(self, where: str = "", params: Sequence[object] = (), *, with_words: bool = True) -> Iterator[Entry]:
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE kind = 'entry'"
        if where:
            sql += f" AND {where}"
        try:
            rows = self.db.conn.execute(sql + " ORDER BY seq", params).fetchall()
            amendments = self._amendments()
        except sqlite3.DatabaseError as exc:
            raise schema.open_error(self.path, exc) from exc
        for seq, recorded, written, content, digest, prev, has_audio in rows:
            yield entries.read_entry(seq, recorded_at=recorded, written_at=written, opened=self._open(content),
                                     digest=digest, prev_hash=prev, has_audio=bool(has_audio),
                                     amendments=amendments.get(seq, []), with_words=with_words)

    def entries(self, *, with_words: bool = False) -> list[Entry]:
        """Every entry in its amended view, oldest first; word timings only when asked.

        Without word timings the decrypted list is kept in memory until the next
        write, so a command that filters, then lists, decrypts the diary once.
        """
        if with_words:
            return list(self._rows(with_words=True))
        if self._cache is None:
            head = self.head()[0]  # read first: every row after it is newer than the cache
            self._cache = list(self._rows(with_words=False))
            self._cache_head = head
        return list(self._cache)

    def get(self, seq: int) -> Entry:
        """Entry number ``seq`` with word timings; a missing number is a :class:`UsageError`."""
        found = list(self._rows("seq = ?", (seq,)))
        if not found:
            self._entry_row(seq)  # raises the "no entry" message
        return found[0]

    def audio(self, seq: int) -> bytes:
        """The kept recording of entry ``seq`` (FLAC bytes)."""
        self._entry_row(seq)
        row = self.db.conn.execute("SELECT audio FROM entries WHERE seq = ?", (seq,)).fetchone()
        if row[0] is None:
            raise UsageError(f"Entry {seq} has no recording kept (it was made with --no-audio, or from text).")
        return self._open(row[0])

    def count(self) -> int:
        """How many entries (not amendments) the diary holds; needs no passphrase."""
        return int(self.db.conn.execute("SELECT count(*) FROM entries WHERE kind = 'entry'").fetchone()[0])

    def search(self, words: Sequence[str]) -> list[Entry]:
        """Entries whose transcript or fields contain every word (case-insensitive)."""
        needles = [w.lower() for w in words if w.strip()]
        found = []
        for entry in self.entries():
            inc = entry.incident
            hay = " ".join(
                [entry.transcript.text, inc.location or "", " ".join(p.name for p in inc.people),
                 " ".join(inc.categories), " ".join(inc.impact), " ".join(inc.evidence), " ".join(inc.police)]
            ).lower()
            if all(n in hay for n in needles):
                found.append(entry)
        return found

    def head(self) -> tuple[int, str]:
        """The last row's number and hash (the chain's head), needing no passphrase."""
        row = self.db.conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def find_hash(self, prefix: str) -> int | None:
        """The number of the row whose chain hash starts with ``prefix`` (hex, any case), or None."""
        prefix = prefix.strip().lower()
        if not prefix or any(c not in "0123456789abcdef" for c in prefix):
            return None
        row = self.db.conn.execute(
            "SELECT seq FROM entries WHERE substr(hash, 1, ?) = ? ORDER BY seq LIMIT 1", (len(prefix), prefix)
        ).fetchone()
        return int(row[0]) if row else None

    def verify(self) -> tuple[int, Problem | None]:
        """Walk the chain: how many rows fit, and the first problem if any. Needs no passphrase.

        See :func:`voicelog.store.chain.walk` for what a chain without an outside anchor cannot show.
        """
        rows = self.db.conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM entries ORDER BY seq").fetchall()
        return chain.walk(rows)

    # -- people registry -------------------------------------------------

    @property
    def _registry(self) -> PeopleRegistry:
        return PeopleRegistry(self.db.conn, seal=self._seal, open_record=self._open)

    def people(self) -> list[KnownPerson]:
        """The registry, by name (needs the passphrase in a sealed diary)."""
        return self._registry.people()

    def find_person(self, name: str) -> KnownPerson | None:
        """The registered person called ``name``, or known by it as an alias (case-insensitive)."""
        return self._registry.find(name)

    def add_person(self, name: str, aliases: Sequence[str] = ()) -> KnownPerson:
        """Register a person, or add aliases to one already registered; an alias used by someone else is refused."""
        with self._write():  # read inside the write lock, so two adds at once cannot lose one
            return self._registry.add(name, aliases)

    def add_aliases(self, name: str, aliases: Sequence[str]) -> KnownPerson:
        """Give the registered person ``name`` more aliases; an alias used by someone else is refused."""
        with self._write():
            return self._registry.add_aliases(name, aliases)

    def merge_people(self, keep: str, absorb: str) -> KnownPerson:
        """Make ``absorb`` one person with ``keep`` (see :meth:`PeopleRegistry.merge`)."""
        with self._write():
            return self._registry.merge(keep, absorb)

    # -- copies and settings ------------------------------------------------

    def backup(self, dest: Path) -> Path:
        """Write a consistent copy of the diary (still sealed) to ``dest``, created ``0o600``."""
        dest = Path(dest)
        if dest.exists():
            raise UsageError(f"{dest} already exists; choose a new file name for the backup.")

        def copy(_file: BinaryIO) -> None:
            # SQLite writes the copy through its own handle on the file write_private has just created
            # (0o600, never over another file); write_private then fsyncs it, or removes it on failure.
            try:
                target = sqlite3.connect(str(dest))
                try:
                    self.db.conn.backup(target)
                finally:
                    target.close()
            except sqlite3.Error as exc:
                raise DiaryError(f"Could not write the backup {dest} ({exc}); the diary is unchanged.") from exc

        return write_private(dest, copy)

    def meta(self) -> dict[str, str]:
        """The diary's clear settings (mode, format)."""
        return dict(self.db.conn.execute("SELECT key, value FROM meta").fetchall())


def create_diary(path: Path, *, mode: str) -> None:
    """Create an empty diary file (``0o600``) in ``mode`` ``sealed`` or ``plain``."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise UsageError(f"A diary already exists at {path}; nothing was changed.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise DiaryError(
            f"Cannot create the diary {path} ({exc.strerror}); choose another place with --diary.") from exc
    db = schema.connect(path)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [("mode", mode), ("format", schema.FORMAT)])
        db.conn.execute("COMMIT")
    finally:
        db.close()


def open_diary(path: Path, *, keys: Callable[[], tuple[Sealer | None, Opener | None]] | None = None) -> Diary:
    """Open an existing diary, applying migrations.

    A plain diary needs no keys. For a sealed one, ``keys()`` is called once,
    after the file is known to be sealed, for its sealer and opener (either may
    be None); without it a sealed diary opens locked: its chain can be verified,
    counted and backed up, its content neither read nor written.
    """
    path = Path(path)
    if path.is_dir():
        raise DiaryError(f"{path} is a folder, not a diary file; pass --diary with a file path.")
    if not path.exists():
        raise DiaryError(f"There is no diary at {path} yet; run `voicelog init` (or `voicelog dictate`) to start one.")
    schema.check_is_diary(path)  # before anything that could write to someone else's file
    db = schema.connect(path)
    try:
        mode = dict(db.conn.execute("SELECT key, value FROM meta").fetchall()).get("mode")
        if mode not in schema.MODES:
            raise schema.never_set_up(path)
        if mode == "plain":
            from voicelog.store.keys import PlainCodec

            codec = PlainCodec()
            return Diary(path, db, mode=mode, sealer=codec, opener=codec)
        sealer, opener = keys() if keys is not None else (None, None)
    except BaseException:
        db.close()
        raise
    return Diary(path, db, mode=mode, sealer=sealer, opener=opener)
