"""The diary: an append-only, hash-chained, sealed SQLite file of entries and a people registry.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy
timeout, so a listening service and a dictation in another terminal can both
append without losing an entry or breaking the chain. Only what ordering and
the chain need stays in clear (row and entry numbers, kind, hashes, seals); an
entry's content (transcript, incident, its recorded and written times), its
audio and the people registry are padded (:mod:`voicelog.store.padding`) and
sealed with the diary's public key, so recording never needs the passphrase and
reading always does. A correction is a new row that amends an earlier one; the
people registry is a row too, so the chain covers it. Each row is sealed with
the forward-secure key of :mod:`voicelog.store.sealing`, and the diary's first
row pins its mode and key (:mod:`voicelog.store.pinning`).

A row that cannot be opened or read is set aside, not fatal: the others are
read, and :attr:`Diary.damaged` names it.

The keys are given when the diary is opened and never change afterwards:
:mod:`voicelog.store.opening` decides which (public only to record, the
unlocked private key to read).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import sqlite_utils

from voicelog.corrections import validate_changes
from voicelog.errors import DiaryError, LockedError, UsageError, VaultError
from voicelog.incident import Incident, KnownPerson
from voicelog.store import chain, entries, journal_seal, long_audio, padding, pinning, schema, sealing, verification
from voicelog.store.chain import GENESIS
from voicelog.store.entries import Amendment, Entry
from voicelog.store.numbering import KEY, read_numbering
from voicelog.store.people import PeopleRegistry
from voicelog.store.pinning import Pin
from voicelog.store.verification import Verification
from voicelog.transcript import Transcript

if TYPE_CHECKING:
    from voicelog.store.keys import Opener, Sealer

REGISTRY_NOTE = "people registry applied"
"""The note on the amendment :meth:`Diary.apply_registry` appends."""

_ENTRY_COLUMNS = "coalesce(number, seq), recorded_at, written_at, content, hash, prev_hash, audio IS NOT NULL, seq"
_NUMBER = KEY
"""An entry's stored key: its own number, or (written before entries were numbered apart) its row number."""
_READ_ERRORS = (VaultError, ValueError, KeyError, TypeError, AttributeError)
"""What opening or parsing one damaged row can raise."""

Keys = Callable[[Pin | None, Callable[[str], None]], tuple["Sealer | None", "Opener | None"]]
"""How :func:`open_diary` gets keys: given the pin and a way to warn, the sealer and opener (either may be None)."""


class Diary:
    """An open diary file, with the keys it was opened with. Use :func:`open_diary`."""

    def __init__(self, path: Path, db: sqlite_utils.Database, *, mode: str, sealer: Sealer | None = None,
                 opener: Opener | None = None, pin: Pin | None = None, warnings: Sequence[str] = ()) -> None:
        self.path = path
        """The diary file."""
        self.db = db
        """The open database (WAL, busy timeout, migrated)."""
        self.mode = mode
        """``sealed`` or ``plain``."""
        self.pin = pin
        """What the chain's first row pins (mode, key, code); None before sealing started."""
        self.warnings = list(warnings)
        """Sentences for the person about what opening found (a replaced key file, a changed mode)."""
        self.damaged: dict[int, str] = {}
        """Entries the last read could not open or read, by entry number, with why; the rest were read."""
        self._bad_corrections: dict[int, str] = {}
        self._bad_people: dict[int, str] = {}
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
        return long_audio.seal_padded(self._sealer, data) if self.sealed else self._sealer.seal(data)

    def _open(self, data: bytes) -> bytes:
        if self._opener is None:
            raise LockedError("The diary is sealed; reading it needs your passphrase.")
        return padding.unpad(self._opener.open(data))

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

    def _insert_row(self, conn: sqlite3.Connection, *, kind: str, sealed: bytes,
                    sealed_audio: long_audio.Sealing | None) -> tuple[int, int | None, str, str]:
        """Chain and seal a row after the head; the caller holds the write lock.

        Returns the row number, the entry number (entries only), the previous hash and the hash.
        """
        row = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        state = sealing.read_state(conn)
        if state is not None and state.seq > seq:
            seq = state.seq  # rows were cut off the end: the gap stays, for verify to name
        number = None
        if kind == "entry":
            last = conn.execute(f"SELECT max({_NUMBER}) FROM entries WHERE kind = 'entry'").fetchone()[0]
            number = (last or 0) + 1
        audio = sealed_audio.make() if sealed_audio is not None else None
        digest = chain.entry_hash(seq, "", kind, sealed, audio, prev, number)
        seal = None
        if state is not None:
            key = sealing.advance(state, seq)
            seal = sealing.tag(key, digest)
            sealing.write_state(conn, sealing.State(seq + 1, sealing.evolve(key)))
        pieces = sealed_audio if sealed_audio is not None and sealed_audio.in_pieces else None
        if pieces is not None:  # SQLite would copy a long recording twice: it gets zeros, then the record in pieces
            audio = None
        conn.execute(
            "INSERT INTO entries (seq, number, recorded_at, written_at, kind, content, audio, prev_hash, hash, seal)"
            f" VALUES (?, ?, '', '', ?, ?, {'zeroblob(?)' if pieces else '?'}, ?, ?, ?)",
            (seq, number, kind, sealed, pieces.size if pieces else audio, prev, digest, seal),
        )
        if pieces is not None:
            pieces.write(conn, "entries", "audio", seq)
        return seq, number, prev, digest

    def _append_row(self, *, kind: str, content: Mapping[str, Any],
                    audio: bytes | None = None) -> tuple[int, int | None, str, str, str]:
        """Seal and append one row; returns row number, entry number, written time, previous hash, hash."""
        written = datetime.now(UTC).replace(microsecond=0).isoformat()
        sealed = self._seal(entries.encode({**content, "written_at": written}))
        # Made (twice, for a long one) in _insert_row; the sealer is there: _seal above raises without one.
        sealed_audio = long_audio.Sealing(self._sealer, audio, pad=self.sealed) if audio and self._sealer else None
        try:
            with self._write() as conn:
                seq, number, prev, digest = self._insert_row(conn, kind=kind, sealed=sealed,
                                                             sealed_audio=sealed_audio)
        except sqlite3.OperationalError as exc:
            raise schema.write_error(self.path, exc) from exc
        self._after_write()
        return seq, number, written, prev, digest

    def _after_write(self) -> None:
        if self.pin is not None:
            sealing.forget_old_pages(self.db.conn)

    def start_sealing(self) -> str:
        """Start forward-secure sealing: pin the mode and key in a first record; returns the verification code.

        The code is shown to the person once; in a sealed diary the origin behind
        it is also kept, sealed to the diary's key, in that record.
        """
        origin = sealing.new_origin()
        public = bytes(getattr(self._sealer, "public_key", b"")) if self.sealed else None
        if self.sealed and not public:
            raise DiaryError(f"The diary {self.path} has no key to seal with; run `voicelog init`.")
        sealed_origin = self._sealer.seal(origin) if self.sealed and self._sealer is not None else None
        content = pinning.seal_content(mode=self.mode, code=sealing.fingerprint(origin), public_key=public,
                                       sealed_origin=sealed_origin)
        with self._write() as conn:
            if sealing.read_state(conn) is not None:
                raise UsageError(f"The diary {self.path} is already sealed forward-securely; nothing was changed.")
            head = conn.execute("SELECT max(seq) FROM entries").fetchone()[0] or 0
            sealing.write_state(conn, sealing.State(head + 1, sealing.key_at(origin, head + 1)))
            self._insert_row(conn, kind=pinning.SEAL_KIND, sealed=content, sealed_audio=None)
        self.pin = pinning.read_pin(self.db.conn)
        self._after_write()
        return sealing.format_code(origin)

    def pin_key(self, public_key: bytes) -> None:
        """Pin a new public key (after ``passwd``): entries from now on are sealed to it."""
        from voicelog.store.keys import PublicKeySealer

        if self.pin is None:
            raise UsageError(f"The diary {self.path} has no setup record to pin a key in; run `voicelog upgrade`.")
        with self._write() as conn:
            self._insert_row(conn, kind=pinning.KEY_KIND, sealed=pinning.key_content(public_key), sealed_audio=None)
        self.pin = pinning.read_pin(self.db.conn)
        self._sealer = PublicKeySealer(public_key)
        self._after_write()

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
                                        recovered=recovered, registry_applied=registry_applied, recorded_at=recorded)
        _, number, written, prev, digest = self._append_row(kind="entry", content=content, audio=audio)
        assert number is not None
        shown = read_numbering(self.db.conn).show(number)
        return Entry(shown, recorded, written, transcript, incident, source, digest, prev, has_audio=bool(audio),
                     recovered=recovered, registry_applied=registry_applied)

    def amend(self, seq: int, *, changes: Mapping[str, Any] | None = None, note: str = "", incident: Incident | None
              = None, reviewed: bool = False, transcript: Transcript | None = None, void: str = "",
              words_corrected: bool = False) -> Amendment:
        """Append an amendment to entry ``seq``: the person's changes, a note, a re-extraction, the person's
        confirmation that the entry is right (``reviewed``), its audio heard again (``transcript``), or why
        it is void (``void``: see :mod:`voicelog.app.void`); ``words_corrected``: ``transcript`` is the person's
        own correction of the words (:func:`voicelog.app.amend.correct_words`), not heard again."""
        key = self._entry_row(seq)[0]
        checked = validate_changes(changes or {})
        if not checked and not note and incident is None and not reviewed and not void and transcript is None:
            raise UsageError("An amendment needs --set FIELD=VALUE or --note; see `voicelog amend --help`.")
        content = entries.amendment_content(key, changes=checked, note=note, incident=incident, reviewed=reviewed,
                                            transcript=transcript, void=void, words_corrected=words_corrected)
        new_seq, _, written, _, digest = self._append_row(kind="amendment", content=content)
        return Amendment(new_seq, seq, written, checked, note, incident, digest, reviewed=reviewed,
                         transcript=transcript, void=void, words_corrected=words_corrected)

    def apply_registry(self, extract: Callable[[Entry, Sequence[KnownPerson]], Incident]) -> list[int]:
        """Re-extract, with the people registry, the entries recorded while the diary was locked.

        Call it once the diary is unlocked (a reading command does, before it
        reads); with an empty registry it does nothing. ``extract(entry, people)``
        gives an entry's new incident from the registry read here (the store
        does not extract); it runs outside the write lock, so recording is not
        held up. Each result is appended as a re-extraction amendment in its own
        immediate transaction, only if the entry still has none inside it: two
        readers at once add exactly one per entry. Returns the entries amended.
        """
        known = self.people()
        if not known:
            return []
        waiting = [e for e in self.entries() if not e.registry_applied and not e.reextracted]
        checked_to = self._cache_head  # re-extractions up to this row are in the entries just read
        redone: set[int] = set()
        done = []
        numbers = read_numbering(self.db.conn)
        for entry in waiting:
            incident = extract(entry, known)
            key = numbers.key(entry.seq)
            assert key is not None  # the entry was just read
            content = entries.amendment_content(key, changes={}, note=REGISTRY_NOTE, incident=incident,
                                                reviewed=False)
            written = datetime.now(UTC).replace(microsecond=0).isoformat()
            sealed = self._seal(entries.encode({**content, "written_at": written}))
            try:
                with self._write() as conn:
                    checked_to = entries.reextracted_since(conn, checked_to, redone, self._open)
                    if key in redone:
                        continue  # another reader applied it meanwhile
                    checked_to, *_ = self._insert_row(conn, kind="amendment", sealed=sealed, sealed_audio=None)
            except sqlite3.OperationalError as exc:
                raise schema.write_error(self.path, exc) from exc
            self._after_write()
            done.append(entry.seq)
        return done

    # -- reading ---------------------------------------------------------------

    def _entry_row(self, seq: int) -> tuple[Any, ...]:
        """The row of the entry shown as ``seq`` (its stored key first); a missing number is a UsageError."""
        key = read_numbering(self.db.conn).key(seq)
        row: tuple[Any, ...] | None = None if key is None else self.db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE {_NUMBER} = ? AND kind = 'entry'", (key,)
        ).fetchone()
        if row is None:
            raise UsageError(f"There is no entry {seq} in {self.path}; `voicelog list` shows the numbers.")
        return row

    def _rows(self, where: str = "", params: Sequence[object] = (), *, with_words: bool = True) -> Iterator[Entry]:
        """The entries, in their amended view; a row that cannot be opened or read goes to :attr:`damaged`."""
        sql = f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE kind = 'entry'"
        if where:
            sql += f" AND {where}"
        self.damaged, self._bad_corrections = {}, {}
        try:
            rows = self.db.conn.execute(sql + " ORDER BY seq", params).fetchall()
            amendments = entries.read_amendments(self.db.conn, self._open, self._bad_corrections)
            shown = read_numbering(self.db.conn)
        except sqlite3.DatabaseError as exc:
            raise schema.open_error(self.path, exc) from exc
        for key, recorded, written, content, digest, prev, has_audio, row in rows:
            number = shown.show(key)
            try:
                yield entries.read_entry(number, recorded_at=recorded, written_at=written,
                                         opened=self._open(content), digest=digest, prev_hash=prev,
                                         has_audio=bool(has_audio), amendments=amendments.get(key, []),
                                         with_words=with_words)
            except LockedError:
                raise
            except _READ_ERRORS as exc:
                # Only the number and the kind of fault: the content is the person's words.
                why = str(exc) if isinstance(exc, VaultError) else f"its content cannot be read ({type(exc).__name__})"
                self.damaged[number] = f"entry {number} (row {row}): {why}"

    @property
    def set_aside(self) -> dict[int, str]:
        """Rows other than entries (corrections, people lists) the last reads could not open, by row, with why."""
        return dict(sorted({**self._bad_corrections, **self._bad_people}.items()))

    def left_out(self) -> list[str]:
        """One sentence per entry and other row the last reads left out: entries first, then the rest."""
        return [*self.damaged.values(), *self.set_aside.values()]

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
        found = list(self._rows(f"{_NUMBER} = ?", (self._entry_row(seq)[0],)))
        if not found:
            raise DiaryError(f"Entry {seq} is damaged and cannot be shown ({self.damaged.get(seq, 'unreadable')}); "
                             "the other entries are readable. Run `voicelog verify`, and `voicelog salvage` to "
                             "copy every readable entry out.")
        return found[0]

    def audio(self, seq: int) -> bytes:
        """The kept recording of entry ``seq`` (FLAC bytes)."""
        row = self.db.conn.execute(f"SELECT audio FROM entries WHERE {_NUMBER} = ? AND kind = 'entry'",
                                   (self._entry_row(seq)[0],)).fetchone()
        if row[0] is None:
            raise UsageError(f"Entry {seq} has no recording kept (it was made with --no-audio, or from text).")
        return self._open(row[0])

    def count(self) -> int:
        """How many entries (not amendments) the diary holds; needs no passphrase."""
        return int(self.db.conn.execute("SELECT count(*) FROM entries WHERE kind = 'entry'").fetchone()[0])

    def search(self, words: Sequence[str]) -> list[Entry]:
        """Entries whose transcript or fields hold every word or phrase, whole and by stem
        (:func:`voicelog.filters.search_entries`)."""
        from voicelog.filters import search_entries

        return search_entries(self.entries(), words)

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

    def journal_stamp(self) -> journal_seal.Stamp | None:
        """What a recording starting now seals its journal with (None: no sealing); any thread may call it."""
        return journal_seal.current_stamp(sealing.peek_state(Path(self.path)))

    def journal_problem(self, seal: journal_seal.JournalSeal | None) -> str | None:
        """Why this diary's recorder did not write a journal with ``seal``, or None if it did (needs the key)."""
        return journal_seal.problem(seal, origin=self.origin(), state=sealing.read_state(self.db.conn))

    def origin(self) -> bytes | None:
        """The sealing origin, opened from the setup record with the private key; None without one."""
        if self.pin is None or self.pin.sealed_origin is None or self._opener is None:
            return None
        try:
            return self._opener.open(self.pin.sealed_origin)
        except VaultError:
            return None  # the setup record was forged for another key: the seal check with the code names it

    def verify(self, code: bytes | None = None) -> Verification:
        """Check the chain, the seals and the sealing state; ``code`` (the origin) if given, else the diary's own.

        Needs no passphrase for the chain and the state's count; the seals need
        the code, or the diary opened with its passphrase.
        """
        return verification.check(self.db.conn, self.pin, code if code is not None else self.origin())

    # -- people registry -------------------------------------------------

    @property
    def _registry(self) -> PeopleRegistry:
        return PeopleRegistry(self.db.conn, open_record=self._open, save=self._save_people, legacy=self.pin is None,
                              unreadable=self._bad_people)

    def _save_people(self, content: bytes) -> None:
        """Append the whole registry as a row (the caller holds the write lock); the old table is emptied."""
        written = datetime.now(UTC).replace(microsecond=0).isoformat()
        data = {**entries.decode(content), "written_at": written}
        self._insert_row(self.db.conn, kind="people", sealed=self._seal(entries.encode(data)), sealed_audio=None)
        self.db.conn.execute("DELETE FROM people")

    def people(self) -> list[KnownPerson]:
        """The registry, by name (needs the passphrase in a sealed diary)."""
        return self._registry.people()

    def find_person(self, name: str) -> KnownPerson | None:
        """The registered person called ``name``, or known by it as an alias (case-insensitive)."""
        return self._registry.find(name)

    def add_person(self, name: str, aliases: Sequence[str] = ()) -> KnownPerson:
        """Register a person, or add aliases to one already registered; an alias used by someone else is refused."""
        return self._change_people(lambda registry: registry.add(name, aliases))

    def add_aliases(self, name: str, aliases: Sequence[str]) -> KnownPerson:
        """Give the registered person ``name`` more aliases; an alias used by someone else is refused."""
        return self._change_people(lambda registry: registry.add_aliases(name, aliases))

    def merge_people(self, keep: str, absorb: str) -> KnownPerson:
        """Make ``absorb`` one person with ``keep`` (see :meth:`PeopleRegistry.merge`)."""
        return self._change_people(lambda registry: registry.merge(keep, absorb))

    def _change_people(self, change: Callable[[PeopleRegistry], KnownPerson]) -> KnownPerson:
        with self._write():  # read inside the write lock, so two changes at once cannot lose one
            person = change(self._registry)
        self._after_write()
        return person

    # -- copies and settings ------------------------------------------------

    def meta(self) -> dict[str, str]:
        """The diary's clear settings (mode, format)."""
        return dict(self.db.conn.execute("SELECT key, value FROM meta").fetchall())
