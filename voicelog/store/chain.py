"""The hash chain that makes the diary tamper-evident, and the walk ``voicelog verify`` does over it.

Every row stores the SHA-256 of its row number, recorded time, kind, sealed
content, sealed audio and the previous row's hash, and (rows written since
entry numbers were kept apart from row numbers) the entry's own number. The
inputs and their order are the diary's file format: changing them breaks every
diary already written. The walk needs no passphrase, since it hashes the sealed
bytes. Rows written now keep their times inside the sealed content (the
``recorded_at`` column is empty), so the hash covers them there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

GENESIS = "0" * 64
"""The ``prev_hash`` of the first row."""

RENUMBER_SEARCH = 1000
"""How many removed rows :func:`walk` looks past to recognise a row renumbered after a removal."""

ChainRow = tuple[int, str, str, bytes, bytes | None, str, str, int | None]
"""One stored row as the walk reads it: seq, recorded_at, kind, content, audio, prev_hash, hash, number."""

CHAIN_COLUMNS = "seq, recorded_at, kind, content, audio, prev_hash, hash, number"
"""The columns of a :data:`ChainRow`, in order, for a ``SELECT``."""


@dataclass(frozen=True)
class Problem:
    """The first place the chain does not fit, as ``voicelog verify`` reports it."""

    seq: int
    """The row number where the chain breaks."""
    what: str
    """``changed``, ``removed``, ``inserted`` or ``reordered``."""
    detail: str
    """One sentence for the person."""


def entry_hash(seq: int, recorded_at: str, kind: str, content: bytes, audio: bytes | None, prev_hash: str,
               number: int | None = None) -> str:
    """The chain hash: binds row number, time, kind, sealed content, sealed audio, the previous row
    and (when it has one) the entry's number."""
    return _chain_hash(seq, recorded_at, kind, hashlib.sha256(content).digest(),
                       hashlib.sha256(audio or b"").digest(), prev_hash, number)


def row_hash(row: ChainRow) -> str:
    """The hash ``row`` should have, from its stored fields."""
    seq, recorded, kind, content, audio, prev_hash, _, number = row
    return entry_hash(seq, recorded, kind, content, audio, prev_hash, number)


def walk(rows: Sequence[ChainRow]) -> tuple[int, Problem | None]:
    """Walk ``rows`` (ordered by seq): how many fit, and the first problem if any.

    A chain without an outside anchor cannot show a last row removed, or rows
    forged and re-hashed all the way to the end; exports carry the head hash so
    a printed log can be checked against the device for that.
    """
    position = {r[6]: i for i, r in enumerate(rows)}
    prev = GENESIS
    for i, row in enumerate(rows):
        seq, prev_hash, digest = row[0], row[5], row[6]
        expected = i + 1
        own_ok = row_hash(row) == digest
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


def _chain_hash(seq: int, recorded_at: str, kind: str, content_digest: bytes, audio_digest: bytes,
                prev_hash: str, number: int | None) -> str:
    h = hashlib.sha256()
    if number is None:
        h.update(f"voicelog-1\n{seq}\n{recorded_at}\n{kind}\n".encode())
    else:
        h.update(f"voicelog-2\n{seq}\n{number}\n{recorded_at}\n{kind}\n".encode())
    h.update(content_digest)
    h.update(audio_digest)
    h.update(prev_hash.encode())
    return h.hexdigest()


def _problem(seq: int, what: str, why: str) -> Problem:
    return Problem(seq, what, f"Row {seq} {why}.")


def _renumbered(row: ChainRow) -> bool:
    """Whether ``row`` hashes as written under a later number (rows before it removed, the rest renumbered)."""
    seq, recorded, kind, content, audio, prev_hash, digest, number = row
    content_digest, audio_digest = hashlib.sha256(content).digest(), hashlib.sha256(audio or b"").digest()
    return any(_chain_hash(s, recorded, kind, content_digest, audio_digest, prev_hash, number) == digest
               for s in range(seq + 1, seq + 1 + RENUMBER_SEARCH))
