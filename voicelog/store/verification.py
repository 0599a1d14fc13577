"""Checking a diary: the hash chain, each row's forward-secure seal, and the sealing state.

Three checks, each naming the rows it finds wrong. The chain walk
(:func:`voicelog.store.chain.walk`) needs nothing and finds rows changed,
removed, inserted or reordered without re-hashing. The seals need the origin
(from the verification code, or from the diary itself with the passphrase) and
find rows forged or re-hashed after the fact. The sealing state, which counts
the rows written, finds rows cut off the end; without the origin only its count
is checked.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from voicelog.store import chain, numbering, sealing
from voicelog.store.chain import Problem
from voicelog.store.pinning import KEY_KIND, SEAL_KIND, Pin

KIND_NAMES = {"amendment": "a correction", SEAL_KIND: "the diary's setup record", KEY_KIND: "a key change",
              "people": "a people-list change", "attachment": "an attached file"}
"""How a row that is not an entry is named in a sentence."""


@dataclass(frozen=True)
class Verification:
    """What checking a diary found; :attr:`ok` when nothing."""

    rows: int
    """Rows in the diary (entries, corrections and records of the diary's own)."""
    fit: int
    """Rows that fit the hash chain before its first problem."""
    problem: Problem | None = None
    """The chain's first problem, if any."""
    sealed_from: int | None = None
    """The row sealing starts at; None for a diary made before forward-secure sealing."""
    seals_checked: bool = False
    """Whether the seals were checked (the code or the passphrase was given)."""
    bad_seals: tuple[int, ...] = ()
    """Rows whose seal does not match: changed, forged or re-hashed after they were written."""
    unsealed: tuple[int, ...] = ()
    """Rows after sealing started that carry no seal (inserted by something other than voicelog)."""
    state: str = ""
    """A sentence when the sealing state does not fit the rows (rows cut off the end, or the state altered)."""
    code: str = ""
    """The fingerprint of the verification code the diary was set up with."""
    wrong_code: bool = False
    """The code given is not this diary's."""
    names: dict[int, str] = field(default_factory=dict)
    """What each row named above is ("entry 4", "a correction"), for sentences."""

    @property
    def ok(self) -> bool:
        """Nothing wrong was found."""
        return (self.problem is None and not self.bad_seals and not self.unsealed and not self.state
                and not self.wrong_code)

    @property
    def bad_rows(self) -> tuple[int, ...]:
        """Every row named as not as written, in order."""
        named = set(self.bad_seals) | set(self.unsealed)
        if self.problem is not None:
            named.add(self.problem.seq)
        return tuple(sorted(named))

    def describe(self, seq: int) -> str:
        """``entry 4 (row 6)`` or ``a correction (row 7)``."""
        return f"{self.names.get(seq, 'a row')} (row {seq})"

    def sentences(self) -> list[str]:
        """One sentence a finding, for the person."""
        out = []
        if self.wrong_code:
            out.append("The verification code given is not this diary's code (or the diary's setup record was "
                       "replaced); check the code you wrote down.")
        if self.problem is not None:
            out.append(f"{self.describe(self.problem.seq).capitalize()}: {self.problem.detail}")
        for seq in self.bad_seals:
            out.append(f"{self.describe(seq).capitalize()} does not carry the seal it was written with: it was "
                       "changed, forged or re-hashed after it was written.")
        for seq in self.unsealed:
            out.append(f"{self.describe(seq).capitalize()} has no seal: it was not written by voicelog.")
        if self.state:
            out.append(self.state)
        return out

    def summary(self) -> str:
        """One line for a report's cover or a warning."""
        if not self.ok:
            return f"FAILED: {len(self.sentences())} problem(s) found; the first: {self.sentences()[0]}"
        if self.sealed_from is None:
            return (f"All {self.rows} rows fit the hash chain. This diary was made before forward-secure sealing, "
                    "so rows could have been re-hashed; run `voicelog upgrade` to start sealing.")
        if not self.seals_checked:
            return (f"All {self.rows} rows fit the hash chain and the sealing state counts them all; the seals "
                    "themselves were not checked (that needs the verification code or the passphrase).")
        return f"All {self.rows} rows fit and carry their seals (verification code {self.code})."

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for ``--json``."""
        return {"ok": self.ok, "rows": self.rows, "fit": self.fit,
                "problem": self.problem.__dict__ if self.problem else None,
                "sealed_from": self.sealed_from, "seals_checked": self.seals_checked,
                "bad_seals": list(self.bad_seals), "unsealed": list(self.unsealed), "state": self.state or None,
                "code": self.code or None, "wrong_code": self.wrong_code, "problems": self.sentences()}


SEAL_COLUMNS = chain.CHAIN_COLUMNS + ", seal"


_CHECKED_COLUMNS = ("seq, CAST(recorded_at AS BLOB), CAST(kind AS BLOB), CAST(content AS BLOB), CAST(audio AS BLOB), "
                    "CAST(prev_hash AS BLOB), CAST(hash AS BLOB), number, CAST(seal AS BLOB)")
""":data:`SEAL_COLUMNS` read as bytes whatever type a column was changed to: a row whose text was made undecodable
or whose sealed bytes were turned into text is reported as changed, never a crash of the check."""


def _as_stored(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row of :data:`_CHECKED_COLUMNS` with its text columns decoded (an undecodable byte stays visible as a
    replacement character, so the row's hash no longer fits) and NULLs kept."""
    text = {1, 2, 5, 6, 8}
    return tuple(v.decode("utf-8", "replace") if k in text and isinstance(v, bytes) else v for k, v in enumerate(row))


def check(conn: sqlite3.Connection, pin: Pin | None, origin: bytes | None) -> Verification:
    """Check every row of the diary on ``conn``; ``origin`` (None if unknown) lets the seals be checked."""
    rows = [_as_stored(r) for r in conn.execute(f"SELECT {_CHECKED_COLUMNS} FROM entries ORDER BY seq")]
    chain_rows: list[chain.ChainRow] = [r[:8] for r in rows]
    fit, problem = chain.walk(chain_rows)
    names = _names(rows)
    state = sealing.read_state(conn)
    head = rows[-1][0] if rows else 0
    if pin is None:
        missing = ("The diary's setup record (which pins its key, its mode and its seals) is missing or "
                   "damaged, but the diary was sealed: it was removed or altered.") if state is not None else ""
        return Verification(len(rows), fit, problem, state=missing, names=names)
    unsealed = tuple(r[0] for r in rows if r[0] >= pin.seq and not r[8])
    wrong_code = origin is not None and sealing.fingerprint(origin) != pin.code
    bad: list[int] = []
    key, at = origin, 0
    if origin is not None:
        for i, row in enumerate(rows):
            if row[0] < pin.seq or not row[8]:
                continue
            assert key is not None
            for _ in range(row[0] - at):
                key = sealing.evolve(key)
            at = row[0]
            digest = row[6] if i < fit else chain.row_hash(chain_rows[i])  # the walk hashed the rows that fit
            if row[8] != sealing.tag(key, digest):
                bad.append(row[0])
    return Verification(len(rows), fit, problem, sealed_from=pin.seq, seals_checked=origin is not None,
                        bad_seals=tuple(bad), unsealed=unsealed, state=_state_problem(state, head, origin),
                        code=pin.code, wrong_code=wrong_code, names=names)


def _state_problem(state: sealing.State | None, head: int, origin: bytes | None) -> str:
    if state is None:
        return "The diary's sealing state is missing: it was removed, so rows may have been cut off the end."
    if state.seq > head + 1:
        cut = f"row {head + 1}" if state.seq == head + 2 else f"rows {head + 1} to {state.seq - 1}"
        return f"The sealing state counts {state.seq - 1} rows but the diary ends at row {head}: {cut} were removed."
    if state.seq < head + 1:
        return (f"Rows after {state.seq - 1} were added without the diary's sealing state: they were not "
                "written by voicelog.")
    if origin is not None and state.key != sealing.key_at(origin, state.seq):
        return "The diary's sealing state was altered: rows may have been cut off the end and the state replaced."
    return ""


def _names(rows: list[Any]) -> dict[int, str]:
    shown = numbering.row_names((row[0], row[2], row[7]) for row in rows)  # the numbers `voicelog list` shows
    return {row[0]: f"entry {shown[row[0]]}" if row[0] in shown else KIND_NAMES.get(row[2], f"a {row[2]} row")
            for row in rows}
