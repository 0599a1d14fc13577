"""Diary entries and their amendments as read back, and the JSON their sealed content holds.

An entry's content (transcript, incident, source) is sealed JSON in one row; a
correction is a later row of kind ``amendment`` whose JSON names the entry it
amends. Reading applies amendments in order: a later re-extraction replaces the
machine's guess, and the person's own corrections always win over both. An
amendment may void its entry (``voicelog void``): the entry keeps its number and
its content, but lists and reports show only that it was voided, when and why.

Amendments name their entry by its stored key (:mod:`voicelog.store.numbering`);
an :class:`Entry` read back carries the number shown.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from voicelog.corrections import validate_changes
from voicelog.errors import UsageError, VaultError
from voicelog.incident import LISTS, Incident, PersonRef
from voicelog.transcript import Transcript

log = logging.getLogger(__name__)


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
    transcript: Transcript | None = None
    """The kept audio heard again (``voicelog rehear``): the entry's transcript from here on; the first stays."""
    void: str = ""
    """Why the person voided the entry (``voicelog void``); empty unless this amendment voids it."""
    words_corrected: bool = False
    """``transcript`` is the person's own correction of the words (``voicelog amend --transcript``), not heard."""


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
    """The previous row's hash (:data:`voicelog.store.chain.GENESIS` for the first)."""
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
    first_transcript: Transcript | None = None
    """The transcript as first heard, when the audio was heard again (``voicelog rehear``)."""

    @property
    def amended(self) -> bool:
        """True when any amendment applies."""
        return bool(self.amendments)

    @property
    def reviewed(self) -> bool:
        """True once the person has confirmed the entry in ``voicelog review``."""
        return any(a.reviewed for a in self.amendments)

    @property
    def voided(self) -> Amendment | None:
        """The amendment that voided the entry (the first, if more than one), or None."""
        return next((a for a in self.amendments if a.void), None)

    def void_line(self) -> str:
        """``Entry 4 voided on 2026-03-30: reason``: all a list or a report shows of a voided entry."""
        void = self.voided
        return "" if void is None else f"Entry {self.seq} voided on {void.written_at[:10]}: {void.void}"

    def void_dict(self) -> dict[str, Any]:
        """A voided entry as ``--json`` lists show it: its number, times, hashes and the void, not its content."""
        void = self.voided
        return {"seq": self.seq, "recorded_at": self.recorded_at, "written_at": self.written_at,
                "voided": None if void is None else {"on": void.written_at, "reason": void.void},
                "hash": self.hash, "prev_hash": self.prev_hash}

    @property
    def words_corrected(self) -> Amendment | None:
        """The person's correction of the words now shown (``amend --transcript``), or None when heard."""
        latest = next((a for a in reversed(self.amendments) if a.transcript is not None), None)
        return latest if latest is not None and latest.words_corrected else None

    @property
    def recognised(self) -> Transcript:
        """The recogniser's words: the latest heard (first recorded, or heard again), never a hand correction."""
        heard = next((a.transcript for a in reversed(self.amendments)
                      if a.transcript is not None and not a.words_corrected), None)
        return heard or self.first_transcript or self.transcript

    @property
    def reextracted(self) -> bool:
        """True once an amendment holds a whole new extraction (a re-extraction, or the registry applied)."""
        return any(a.incident is not None for a in self.amendments)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for ``--json`` output."""
        out: dict[str, Any] = {
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
            "voided": self.void_dict()["voided"],
        }
        if self.amendments:
            out["original_incident"] = (self.original or self.incident).to_dict()
            out["amendments"] = [
                {"number": n, "row": a.seq, "written_at": a.written_at, "changes": a.changes, "note": a.note,
                 "reextracted": a.incident is not None, "reviewed": a.reviewed, "hash": a.hash,
                 "reheard": a.transcript is not None and not a.words_corrected,
                 "words_corrected": a.words_corrected, "void": a.void or None}
                for n, a in enumerate(self.amendments, 1)
            ]
        if self.first_transcript is not None:
            out["first_transcript"] = self.first_transcript.to_dict()
        if self.words_corrected is not None:
            out["words_corrected"] = {"on": self.words_corrected.written_at, "recognised": self.recognised.to_dict()}
        return out


def apply_changes(incident: Incident, changes: Mapping[str, Any]) -> Incident:
    """The incident with a person's corrections applied; they are never re-guessed."""
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "people":
            values[key] = tuple(PersonRef(p["name"], p.get("role", "subject")) for p in value)
        elif key in LISTS:
            values[key] = tuple(value)
        else:
            values[key] = value
    uncertain = tuple(u for u in incident.uncertain if u not in changes)
    return replace(incident, **values, uncertain=uncertain)


# --- the sealed JSON ---------------------------------------------------------


def encode(content: Mapping[str, Any]) -> bytes:
    """The bytes that are sealed and hashed for a row's content."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True).encode()


def decode(content: bytes) -> dict[str, Any]:
    """The JSON object :func:`encode` made."""
    data = json.loads(content)
    if not isinstance(data, dict):
        raise ValueError("a row's content is not a JSON object")
    return data


def entry_content(*, transcript: Transcript, incident: Incident, source: str, recovered: bool,
                  registry_applied: bool, recorded_at: str) -> dict[str, Any]:
    """The content of an entry row (the diary adds ``written_at`` as it writes)."""
    return {
        "recorded_at": recorded_at,
        "transcript": transcript.to_dict(),
        "incident": incident.to_dict(),
        "source": source,
        "recovered": recovered,
        "registry_applied": registry_applied,
    }


def amendment_content(amends: int, *, changes: Mapping[str, Any], note: str, incident: Incident | None,
                      reviewed: bool, transcript: Transcript | None = None, void: str = "",
                      words_corrected: bool = False) -> dict[str, Any]:
    """The content of an amendment row to the entry stored under ``amends`` (``changes`` already checked)."""
    content: dict[str, Any] = {"amends": amends, "changes": dict(changes), "note": note}
    if void:
        content["void"] = void
    if incident is not None:
        content["incident"] = incident.to_dict()
    if transcript is not None:
        content["transcript"] = transcript.to_dict()
        if words_corrected:
            content["words_corrected"] = True
    if reviewed:
        content["reviewed"] = True
    return content


def read_amendment(seq: int, written_at: str, opened: bytes, digest: str) -> Amendment | None:
    """Amendment row ``seq`` from its opened content; None (logged, without content) if it cannot be read.

    ``written_at`` is the old clear column; rows written now keep it in the content.
    """
    try:
        data = json.loads(opened)
        inc = Incident.from_dict(data["incident"]) if data.get("incident") else None
        heard = Transcript.from_dict(data["transcript"]) if data.get("transcript") else None
        return Amendment(seq, int(data["amends"]), str(data.get("written_at") or written_at),
                         dict(data.get("changes") or {}),
                         str(data.get("note", "")), inc, digest, reviewed=bool(data.get("reviewed")),
                         transcript=heard, void=str(data.get("void") or ""),
                         words_corrected=bool(data.get("words_corrected")) and heard is not None)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        # Only the row number and the kind of fault: the content is the person's words.
        log.warning("Amendment row %s cannot be read (%s); it is skipped", seq, type(exc).__name__)
        return None


def read_entry(seq: int, *, recorded_at: str, written_at: str, opened: bytes, digest: str, prev_hash: str,
               has_audio: bool, amendments: Sequence[Amendment], with_words: bool) -> Entry:
    """Entry ``seq`` (the number shown) from its row's opened content, in the view its ``amendments`` give it.

    ``recorded_at`` and ``written_at`` are the old clear columns; rows written now keep them in the content.
    """
    data = json.loads(opened)
    first = Transcript.from_dict(data["transcript"], with_words=with_words)
    heard = next((a.transcript for a in reversed(amendments) if a.transcript is not None), None)
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
        recorded_at=str(data.get("recorded_at") or recorded_at),
        written_at=str(data.get("written_at") or written_at),
        transcript=first if heard is None else heard if with_words else replace(heard, words=()),
        incident=incident,
        source=data.get("source", ""),
        hash=digest,
        prev_hash=prev_hash,
        has_audio=has_audio,
        recovered=bool(data.get("recovered")),
        original=original if amendments else None,
        amendments=tuple(amendments),
        registry_applied=bool(data.get("registry_applied", True)),
        first_transcript=None if heard is None else first,
    )


def read_amendments(conn: sqlite3.Connection, open_record: Callable[[bytes], bytes],
                    bad: dict[int, str]) -> dict[int, list[Amendment]]:
    """Every amendment row, by the stored key of the entry it amends, oldest first; ``bad`` gets the rows
    that cannot be opened or read, by row number, with why (no content)."""
    found: dict[int, list[Amendment]] = {}
    rows = conn.execute("SELECT seq, written_at, content, hash FROM entries WHERE kind = 'amendment' ORDER BY seq")
    for seq, written, content, digest in rows.fetchall():
        try:
            amendment = read_amendment(seq, written, open_record(content), digest)
        except VaultError as exc:
            bad[seq] = f"a correction (row {seq}) cannot be opened: {exc}"
            continue
        if amendment is None:
            bad[seq] = f"a correction (row {seq}) cannot be read"
        else:
            found.setdefault(amendment.amends, []).append(amendment)
    return found


def reextracted_since(conn: sqlite3.Connection, after: int, into: set[int],
                      open_record: Callable[[bytes], bytes]) -> int:
    """Add to ``into`` the entries (stored keys) re-extracted by rows after ``after``; return the last row seen."""
    for seq, written, content, digest in conn.execute(
        "SELECT seq, written_at, content, hash FROM entries WHERE kind = 'amendment' AND seq > ? ORDER BY seq",
        (after,),
    ).fetchall():
        try:
            amendment = read_amendment(seq, written, open_record(content), digest)
        except VaultError:
            continue  # a damaged row: reading names it; it re-extracted nothing
        if amendment is not None and amendment.incident is not None:
            into.add(amendment.amends)
    row = conn.execute("SELECT max(seq) FROM entries").fetchone()
    return max(after, row[0] or 0)
