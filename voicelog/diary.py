"""The diary: an append-only, hash-chained, sealed SQLite file of entries and a people registry.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy
timeout, so a listening service and a dictation in another terminal can both
append without losing an entry or breaking the chain. Only what ordering and
the chain need stays in clear (number, recorded time, kind, hashes); an entry's
content (transcript, incident), its audio and the people registry are sealed
with the diary's public key, so recording never needs the passphrase and
reading always does. A correction is a new row that amends an earlier one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

import sqlite_utils
from sqlite_utils import Migrations

from voicelog.corrections import AMENDABLE, validate_changes  # noqa: F401  (AMENDABLE kept importable from here)
from voicelog.errors import DiaryError, LockedError, UsageError
from voicelog.incident import Incident, KnownPerson, PersonRef
from voicelog.transcript import Transcript

GENESIS = "0" * 64
"""The ``prev_hash`` of the first row."""

log = logging.getLogger(__name__)

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
            "audio": bytes,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"recorded_at", "written_at", "kind", "content", "prev_hash", "hash"},
    )
    db["people"].create({"id": int, "content": bytes}, pk="id", not_null={"content"})
    db["meta"].create({"key": str, "value": str}, pk="key")


class Sealer(Protocol):
    """Seals bytes for the diary (the public half; no passphrase needed)."""

    def seal(self, data: bytes) -> bytes: ...


class Opener(Protocol):
    """Opens what a :class:`Sealer` sealed (needs the unlocked private key)."""

    def open(self, data: bytes) -> bytes: ...


@dataclass(frozen=True)
class Amendment:
    """A correction or re-extraction appended after an entry."""

    seq: int
    """This amendment's own row number."""
    amends: int
    """The entry it corrects."""
    written_at: str
    """ISO UTC time it was appended."""
    changes: dict[str, Any] = field(default_factory=dict)
    """Incident fields set by the person (``voicelog amend --set``)."""
    note: str = ""
    """The person's note about the correction."""
    incident: Incident | None = None
    """A whole new extraction (``voicelog reextract``); the person's own changes still win."""
    hash: str = ""
    """This row's chain hash."""
    reviewed: bool = False
    """The person checked the entry and confirmed it (``voicelog review``)."""


@dataclass(frozen=True)
class Entry:
    """One diary entry as read back, in its amended view."""

    seq: int
    """The entry's number, in the order written."""
    recorded_at: str
    """ISO local time the account was spoken (or the file's time)."""
    written_at: str
    """ISO UTC time the entry was appended."""
    transcript: Transcript
    """What was said, with word timings."""
    incident: Incident
    """What extraction found, with amendments applied."""
    source: str
    """Where the audio came from: ``microphone``, ``file:NAME``, ``recovered`` or ``text``."""
    hash: str
    """SHA-256 of this entry's fields and the previous hash."""
    prev_hash: str
    """The previous row's hash (:data:`GENESIS` for the first)."""
    has_audio: bool = False
    """Whether the recording is kept with the entry."""
    recovered: bool = False
    """Made by ``voicelog recover`` from a journal left by a crash."""
    original: Incident | None = None
    """The incident as first extracted, when amendments changed it."""
    amendments: tuple[Amendment, ...] = ()
    """Every amendment to this entry, oldest first."""
    registry_applied: bool = True
    """False when recorded without the passphrase, so the people registry could not be used."""

    @property
    def amended(self) -> bool:
        """True when any amendment applies."""
        return bool(self.amendments)

    @property
    def reviewed(self) -> bool:
        """True once the person has confirmed the entry in ``voicelog review``."""
        return any(a.reviewed for a in self.amendments)

    def to_dict(self) -> dict:
        """A JSON-ready form for ``--json`` output."""
        out = {
            "seq": self.seq,
            "recorded_at": self.recorded_at,
            "written_at": self.written_at,
            "source": self.source,
            "recovered": self.recovered,
            "has_audio": self.has_audio,
            "incident": self.incident.to_dict(),
            "transcript": self.transcript.to_dict(),
            "amended": self.amended,
            "reviewed": self.reviewed,
            "hash": self.hash,
            "prev_hash": self.prev_hash,
        }
        if self.amendments:
            out["original_incident"] = (self.original or self.incident).to_dict()
            out["amendments"] = [
                {"seq": a.seq, "written_at": a.written_at, "changes": a.changes, "note": a.note,
                 "reextracted": a.incident is not None, "reviewed": a.reviewed, "hash": a.hash}
                for a in self.amendments
            ]
        return out


@dataclass(frozen=True)
class Problem:
    """The first place the chain does not fit, as ``voicelog verify`` reports it."""

    seq: int
    """The entry number where the chain breaks."""
    what: str
    """``changed``, ``removed``, ``inserted`` or ``reordered``."""
    detail: str
    """One sentence for the person."""


def entry_hash(seq: int, recorded_at: str, kind: str, content: bytes, audio: bytes | None, prev_hash: str) -> str:
    """The chain hash: binds number, time, kind, sealed content, sealed audio and the previous row."""
    return _chain_hash(seq, recorded_at, kind, hashlib.sha256(content).digest(),
                       hashlib.sha256(audio or b"").digest(), prev_hash)


def _chain_hash(seq: int, recorded_at: str, kind: str, content_digest: bytes, audio_digest: bytes,
                prev_hash: str) -> str:
    h = hashlib.sha256()
    h.update(f"voicelog-1\n{seq}\n{recorded_at}\n{kind}\n".encode())
    h.update(content_digest)
    h.update(audio_digest)
    h.update(prev_hash.encode())
    return h.hexdigest()


def apply_changes(incident: Incident, changes: Mapping[str, Any]) -> Incident:
    """The incident with a person's corrections applied; they are never re-guessed."""
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "people":
            values[key] = tuple(PersonRef(p["name"], p.get("role", "subject")) for p in value)
        elif key in ("categories", "impact", "evidence", "police"):
            values[key] = tuple(value)
        else:
            values[key] = value
    uncertain = tuple(u for u in incident.uncertain if u not in changes)
    return replace(incident, **values, uncertain=uncertain)


class Diary:
    """An open diary file. Use :func:`open_diary`."""

    def __init__(self, path: Path, db: sqlite_utils.Database, *, sealer: Sealer | None, opener: Opener | None,
                 mode: str) -> None:
        self.path = path
        self.db = db
        self.sealer = sealer
        self.opener = opener
        self.mode = mode
        self._cache: list[Entry] | None = None

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> "Diary":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sealing -------------------------------------------------------------

    @property
    def sealed(self) -> bool:
        """True unless the person chose a plain diary."""
        return self.mode == "sealed"

    def _seal(self, data: bytes) -> bytes:
        if self.sealer is None:
            raise DiaryError(f"The diary {self.path} has no key to seal with; run `voicelog init`.")
        return self.sealer.seal(data)

    def _open(self, data: bytes) -> bytes:
        if self.opener is None:
            raise LockedError("The diary is sealed; reading it needs your passphrase.")
        return self.opener.open(data)

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: the write lock is taken before reading the chain head."""
        conn = self.db.conn
        self._cache = None  # any write may change the amended view
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path, exc) from exc
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

    def _append_row(self, *, kind: str, recorded_at: str, content: dict, audio: bytes | None = None) -> tuple[int, str, str, str]:
        sealed = self._seal(json.dumps(content, ensure_ascii=False, sort_keys=True).encode())
        sealed_audio = self._seal(audio) if audio else None
        written = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        try:
            with self._write() as conn:
                row = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
                digest = entry_hash(seq, recorded_at, kind, sealed, sealed_audio, prev)
                conn.execute(
                    "INSERT INTO entries (seq, recorded_at, written_at, kind, content, audio, prev_hash, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, recorded_at, written, kind, sealed, sealed_audio, prev, digest),
                )
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path, exc) from exc
        return seq, written, prev, digest

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
        content = {
            "transcript": transcript.to_dict(),
            "incident": incident.to_dict(),
            "source": source,
            "recovered": recovered,
            "registry_applied": registry_applied,
        }
        seq, written, prev, digest = self._append_row(kind="entry", recorded_at=recorded, content=content, audio=audio)
        return Entry(seq, recorded, written, transcript, incident, source, digest, prev, has_audio=bool(audio),
                     recovered=recovered)

    def amend(self, seq: int, *, changes: Mapping[str, Any] | None = None, note: str = "",
              incident: Incident | None = None, reviewed: bool = False) -> Amendment:
        """Append an amendment to entry ``seq``: the person's changes, a note, a re-extraction,
        or the person's confirmation that the entry is right (``reviewed``)."""
        target = self._entry_row(seq)
        changes = validate_changes(changes or {})
        if not changes and not note and incident is None and not reviewed:
            raise UsageError("An amendment needs --set FIELD=VALUE or --note; see `voicelog amend --help`.")
        content: dict[str, Any] = {"amends": seq, "changes": changes, "note": note}
        if incident is not None:
            content["incident"] = incident.to_dict()
        if reviewed:
            content["reviewed"] = True
        new_seq, written, _, digest = self._append_row(kind="amendment", recorded_at=target[1], content=content)
        return Amendment(new_seq, seq, written, changes, note, incident, digest, reviewed=reviewed)

    # -- reading ---------------------------------------------------------------

    def _entry_row(self, seq: int) -> tuple:
        row = self.db.conn.execute(
            "SELECT seq, recorded_at, written_at, content, hash, prev_hash, audio IS NOT NULL FROM entries"
            " WHERE seq = ? AND kind = 'entry'", (seq,)
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
            opened = self._open(content)  # a seal that will not open is an error, not old data
            try:
                data = json.loads(opened)
                inc = Incident.from_dict(data["incident"]) if data.get("incident") else None
                amendment = Amendment(seq, int(data["amends"]), written, dict(data.get("changes") or {}),
                                      str(data.get("note", "")), inc, digest, reviewed=bool(data.get("reviewed")))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # Only the row number and the kind of fault: the content is the person's words.
                log.warning("Amendment row %s cannot be read (%s); it is skipped", seq, type(exc).__name__)
                continue
            found.setdefault(amendment.amends, []).append(amendment)
        return found

    def _build(self, row: tuple, amendments: list[Amendment], *, with_words: bool) -> Entry:
        seq, recorded, written, content, digest, prev, has_audio = row
        data = json.loads(self._open(content))
        original = Incident.from_dict(data["incident"])
        incident = original
        for a in amendments:  # a later re-extraction replaces the machine's guess ...
            if a.incident is not None:
                incident = a.incident
        for a in amendments:  # ... but the person's own corrections always win
            try:
                incident = apply_changes(incident, validate_changes(a.changes))
            except (UsageError, ValueError, KeyError, TypeError, AttributeError) as exc:
                # Old data written before corrections were checked: one bad amendment must not make
                # the whole diary unreadable. Only numbers are logged, never the person's words.
                log.warning("Amendment row %s to entry %s cannot be applied (%s); it is skipped",
                            a.seq, seq, type(exc).__name__)
        return Entry(
            seq=seq,
            recorded_at=recorded,
            written_at=written,
            transcript=Transcript.from_dict(data["transcript"], with_words=with_words),
            incident=incident,
            source=data.get("source", ""),
            hash=digest,
            prev_hash=prev,
            has_audio=bool(has_audio),
            recovered=bool(data.get("recovered")),
            original=original if amendments else None,
            amendments=tuple(amendments),
            registry_applied=bool(data.get("registry_applied", True)),
        )

    def _rows(self, where: str = "", params: Sequence[object] = (), *, with_words: bool = True) -> Iterator[Entry]:
        sql = ("SELECT seq, recorded_at, written_at, content, hash, prev_hash, audio IS NOT NULL"
               " FROM entries WHERE kind = 'entry'")
        if where:
            sql += f" AND {where}"
        try:
            rows = self.db.conn.execute(sql + " ORDER BY seq", params).fetchall()
            amendments = self._amendments()
        except sqlite3.DatabaseError as exc:
            raise _open_error(self.path, exc) from exc
        for row in rows:
            yield self._build(row, amendments.get(row[0], []), with_words=with_words)

    def entries(self, *, with_words: bool = False) -> list[Entry]:
        """Every entry in its amended view, oldest first; word timings only when asked.

        Without word timings the decrypted list is kept in memory until the next
        write, so a command that filters, then lists, decrypts the diary once.
        """
        if with_words:
            return list(self._rows(with_words=True))
        if self._cache is None:
            self._cache = list(self._rows(with_words=False))
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
        return self.db.conn.execute("SELECT count(*) FROM entries WHERE kind = 'entry'").fetchone()[0]

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
        return row[0] if row else None

    def verify(self) -> tuple[int, Problem | None]:
        """Walk the chain: how many rows fit, and the first problem if any. Needs no passphrase.

        A chain without an outside anchor cannot show a last row removed, or rows
        forged and re-hashed all the way to the end; exports carry the head hash so
        a printed log can be checked against the device for that.
        """
        rows = self.db.conn.execute(
            "SELECT seq, recorded_at, kind, content, audio, prev_hash, hash FROM entries ORDER BY seq"
        ).fetchall()
        position = {r[6]: i for i, r in enumerate(rows)}
        prev = GENESIS
        for i, (seq, recorded, kind, content, audio, prev_hash, digest) in enumerate(rows):
            expected = i + 1
            own_ok = entry_hash(seq, recorded, kind, content, audio, prev_hash) == digest
            if prev_hash != prev:
                # This row does not follow the one before it. Which row is not as written?
                if i >= 2 and prev_hash == rows[i - 2][6]:
                    return i - 1, _problem(rows[i - 1][0], "inserted", "was inserted after the fact")
                if prev_hash in position:
                    return i, _problem(seq, "reordered", "has been moved out of its place")
                if seq > expected:
                    return i, _problem(expected, "removed", "has been removed")
                if not own_ok:
                    if _renumbered(rows[i]):  # it was written under a later number: rows before it went
                        return i, _problem(expected, "removed", "has been removed (the rows after it renumbered)")
                    return i, _problem(seq, "changed", "has been changed since it was written")
                if i >= 1:
                    # This row is whole and recorded a hash that is nowhere: the row before it (itself
                    # consistent, as checked in the last round) was changed and re-hashed.
                    return i - 1, _problem(rows[i - 1][0], "changed", "has been changed and re-hashed since it was written")
                return i, _problem(seq, "changed", "has been changed (or forged) since it was written")
            if seq != expected:
                return i, _problem(expected, "removed", "has been removed")
            if not own_ok:
                return i, _problem(seq, "changed", "has been changed (or forged) since it was written")
            prev = digest
        return len(rows), None

    # -- people registry -------------------------------------------------

    def people(self) -> list[KnownPerson]:
        """The registry, by name (needs the passphrase in a sealed diary)."""
        return sorted((p for _, p in self._people_rows()), key=lambda p: p.name.lower())

    def _people_rows(self) -> list[tuple[int, KnownPerson]]:
        out = []
        for pid, content in self.db.conn.execute("SELECT id, content FROM people ORDER BY id").fetchall():
            data = json.loads(self._open(content))
            out.append((pid, KnownPerson(data["name"], tuple(data.get("aliases", ())))))
        return out

    def add_person(self, name: str, aliases: Sequence[str] = ()) -> KnownPerson:
        """Register a person, or add aliases to one already registered; an alias used by someone else is refused."""
        name = " ".join(name.split())
        if not name:
            raise UsageError("A person needs a name: `voicelog people add \"Mark Jones\" --alias \"my ex\"`.")
        clean = [" ".join(a.split()) for a in aliases if a.strip()]
        with self._write() as conn:  # read inside the write lock, so two adds at once cannot lose one
            rows = self._people_rows()
            found = next(((pid, p) for pid, p in rows if p.name.lower() == name.lower()), None)
            pid = found[0] if found else None
            self._check_aliases(clean, found[1].name if found else name, rows, pid)
            if found is not None:
                person = KnownPerson(found[1].name, _unique(found[1].aliases, clean, exclude=found[1].name))
                conn.execute("UPDATE people SET content = ? WHERE id = ?", (self._seal_person(person), pid))
            else:
                person = KnownPerson(name, _unique((), clean, exclude=name))
                conn.execute("INSERT INTO people (content) VALUES (?)", (self._seal_person(person),))
        return person

    def _check_aliases(self, aliases: Sequence[str], name: str, rows: list[tuple[int, KnownPerson]],
                       pid: int | None) -> None:
        """Refuse an alias that already names someone other than person ``pid`` (called ``name``)."""
        others = [r for r in rows if r[0] != pid]
        for alias in aliases:
            other = self._find_person_row(alias, others)
            if other is not None:
                raise UsageError(f"{alias!r} already names {other[1].name}; to make them one person, run "
                                 f"`voicelog people merge \"{name}\" \"{other[1].name}\"`.")

    def _seal_person(self, person: KnownPerson) -> bytes:
        return self._seal(json.dumps({"name": person.name, "aliases": list(person.aliases)}).encode())

    # The registry is not part of the hash chain (it is the person's own address book, not
    # evidence), so its sealed rows may be updated and removed in place.

    def find_person(self, name: str) -> KnownPerson | None:
        """The registered person called ``name``, or known by it as an alias (case-insensitive)."""
        found = self._find_person_row(name, self._people_rows())
        return found[1] if found else None

    @staticmethod
    def _find_person_row(name: str, rows: list[tuple[int, KnownPerson]]) -> tuple[int, KnownPerson] | None:
        key = " ".join(name.split()).lower()
        for row in rows:
            if row[1].name.lower() == key:
                return row
        for row in rows:
            if key in (a.lower() for a in row[1].aliases):
                return row
        return None

    def add_aliases(self, name: str, aliases: Sequence[str]) -> KnownPerson:
        """Give the registered person ``name`` more aliases; an alias used by someone else is refused."""
        clean = [" ".join(a.split()) for a in aliases if a.strip()]
        with self._write() as conn:  # read inside the write lock, so a concurrent change is not lost
            rows = self._people_rows()
            found = self._find_person_row(name, rows)
            if found is None:
                raise UsageError(f"No one called {name!r} is registered; add them with `voicelog people add`.")
            pid, person = found
            self._check_aliases(clean, person.name, rows, pid)
            person = KnownPerson(person.name, _unique(person.aliases, clean, exclude=person.name))
            conn.execute("UPDATE people SET content = ? WHERE id = ?", (self._seal_person(person), pid))
        return person

    def merge_people(self, keep: str, absorb: str) -> KnownPerson:
        """Make ``absorb`` one person with ``keep``: its name and aliases become ``keep``'s aliases.

        ``absorb`` need not be registered (a name as the recogniser heard it); ``keep``
        is registered if it is not yet. Entries are not rewritten: readers map every
        name through the registry, so the person is counted once from now on.
        """
        with self._write() as conn:  # read inside the write lock, so a concurrent change is not lost
            rows = self._people_rows()
            kept = self._find_person_row(keep, rows)
            gone = self._find_person_row(absorb, rows)
            if kept is not None and gone is not None and kept[0] == gone[0]:
                raise UsageError(f"{keep!r} and {absorb!r} are already the same person ({kept[1].name}).")
            absorb_key = " ".join(absorb.split()).lower()
            if gone is not None and gone[1].name.lower() != absorb_key:
                # Only an alias of someone else: merging would swallow that whole person.
                other = gone[1].name
                target = kept[1].name if kept is not None else " ".join(keep.split())
                raise UsageError(f"{absorb!r} is an alias of {other}, so nothing was merged. To make {other} and "
                                 f"{target} one person, run `voicelog people merge \"{target}\" \"{other}\"`; "
                                 f"`voicelog people alias` adds a name to one person.")
            extra = [" ".join(absorb.split())] if gone is None else [gone[1].name, *gone[1].aliases]
            if kept is None:
                name = " ".join(keep.split())
                if not name:
                    raise UsageError("Give the name to keep first: `voicelog people merge \"David Pearson\" dave`.")
                person = KnownPerson(name, _unique((), extra, exclude=name))
            else:
                person = KnownPerson(kept[1].name, _unique(kept[1].aliases, extra, exclude=kept[1].name))
            if kept is None:
                conn.execute("INSERT INTO people (content) VALUES (?)", (self._seal_person(person),))
            else:
                conn.execute("UPDATE people SET content = ? WHERE id = ?", (self._seal_person(person), kept[0]))
            if gone is not None:
                conn.execute("DELETE FROM people WHERE id = ?", (gone[0],))
        return person

    # -- copies ------------------------------------------------------------------

    def backup(self, dest: Path) -> Path:
        """Write a consistent copy of the diary (still sealed) to ``dest``, created ``0o600``."""
        dest = Path(dest)
        if dest.exists():
            raise UsageError(f"{dest} already exists; choose a new file name for the backup.")
        try:
            fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            target = sqlite3.connect(str(dest))
            try:
                self.db.conn.backup(target)
            finally:
                target.close()
        except (OSError, sqlite3.Error) as exc:
            dest.unlink(missing_ok=True)
            raise DiaryError(f"Could not write the backup {dest} ({exc}); the diary is unchanged.") from exc
        return dest

    def meta(self) -> dict[str, str]:
        """The diary's clear settings (mode, format)."""
        return dict(self.db.conn.execute("SELECT key, value FROM meta").fetchall())


def _problem(seq: int, what: str, why: str) -> Problem:
    return Problem(seq, what, f"Entry {seq} {why}.")


RENUMBER_SEARCH = 1000
"""How many removed rows ``verify`` looks past to recognise a row renumbered after a removal."""


def _renumbered(row: tuple) -> bool:
    """Whether ``row`` hashes as written under a later number (rows before it removed, the rest renumbered)."""
    seq, recorded, kind, content, audio, prev_hash, digest = row
    content_digest, audio_digest = hashlib.sha256(content).digest(), hashlib.sha256(audio or b"").digest()
    return any(_chain_hash(s, recorded, kind, content_digest, audio_digest, prev_hash) == digest
               for s in range(seq + 1, seq + 1 + RENUMBER_SEARCH))


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
    if "I/O" in text:
        return DiaryError(f"The disk refused a write to the diary {path} (it may be full, or failing), "
                          "so nothing was written; free some space or check the disk, then try again.")
    return DiaryError(f"Could not write to the diary {path} ({text}); nothing was written.")


def _connect(path: Path) -> sqlite_utils.Database:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn)
        _migrate(db)
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from exc
    return db


def _check_is_diary(path: Path) -> None:
    """Look at ``path`` read-only: a voicelog diary has a ``meta`` table with a mode.

    Anything else is refused before it is touched, since opening to write would
    switch it to WAL and add the diary's tables to a file that is not ours.
    """
    if path.stat().st_size == 0:  # created by `voicelog init` but never finished
        raise DiaryError(f"The diary {path} was never set up (no mode recorded); run `voicelog init --diary {path}`.")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        mode = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key = 'mode'").fetchone()
            mode = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc) from exc
    finally:
        conn.close()
    if mode in ("sealed", "plain"):
        return
    if {"entries", "people", "meta"} <= tables:
        raise DiaryError(f"The diary {path} was never set up (no mode recorded); run `voicelog init --diary {path}`.")
    raise DiaryError(f"{path} is not a voicelog diary (it is some other file); it was left as it was. "
                     "Pass --diary with the path of your diary.")


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
        raise DiaryError(f"Cannot create the diary {path} ({exc.strerror}); choose another place with --diary.") from exc
    db = _connect(path)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [("mode", mode), ("format", "voicelog-diary-1")])
        db.conn.execute("COMMIT")
    finally:
        db.close()


def open_diary(path: Path, *, sealer: Sealer | None = None, opener: Opener | None = None) -> Diary:
    """Open an existing diary, applying migrations; a plain diary needs no codec."""
    path = Path(path)
    if path.is_dir():
        raise DiaryError(f"{path} is a folder, not a diary file; pass --diary with a file path.")
    if not path.exists():
        raise DiaryError(f"There is no diary at {path} yet; run `voicelog init` (or `voicelog dictate`) to start one.")
    _check_is_diary(path)  # before anything that could write to someone else's file
    db = _connect(path)
    mode = dict(db.conn.execute("SELECT key, value FROM meta").fetchall()).get("mode")
    if mode not in ("sealed", "plain"):
        db.close()
        raise DiaryError(f"The diary {path} was never set up (no mode recorded); run `voicelog init --diary {path}`.")
    if mode == "plain":
        from voicelog.vault import PlainCodec

        sealer = opener = PlainCodec()
    return Diary(path, db, sealer=sealer, opener=opener, mode=mode)


def _migrate(db: sqlite_utils.Database) -> None:
    """Apply pending migrations; a second process creating the same diary at once retries."""
    for attempt in range(3):
        try:
            migrations.apply(db)
            return
        except sqlite3.OperationalError as exc:
            if "already exists" not in str(exc) or attempt == 2:
                raise


def _unique(have: Sequence[str], more: Sequence[str], *, exclude: str) -> tuple[str, ...]:
    """``have`` then ``more``, without repeats (case-insensitive) and without ``exclude``."""
    seen = {exclude.lower()}
    out = []
    for alias in [*have, *more]:
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            out.append(alias)
    return tuple(out)
