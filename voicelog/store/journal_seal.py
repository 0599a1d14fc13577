"""The seal on a capture journal: proof that this diary's own recorder wrote it, checked by ``recover``.

A journal is sealed to the diary's public key, which anyone holding the device
can read, so that alone proves nothing about who made it. When recording
starts, the recorder also takes a *stamp* from the diary's forward-secure
sealing state (:mod:`voicelog.store.sealing`): the number of the next row and a
key derived from that row's key. The journal's sealed header carries the row
number and an HMAC, under the stamp's key, of a digest of the journal's one-time
stream key and its sealed details (recording time, source, row), so the records,
whose stream the one-time key authenticates, are bound to it too.

``recover`` runs unlocked, derives the same key from the origin and checks the
HMAC. A journal made from the public key alone, one whose row the diary has not
reached, or one sealed for another diary is refused and kept aside. Someone who
holds the device can still make a journal that passes, from the current state:
no more than appending after they took it (docs/threat-model.md). A journal
written while the diary could not be opened, or by a voicelog before seals,
carries no stamp; ``recover --accept-unsealed`` stores it, with a note saying so.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from voicelog.store import sealing

_DERIVE = b"voicelog-journal-key-1\n"
_DIGEST = b"voicelog-journal-1\n"


@dataclass(frozen=True)
class Stamp:
    """What the recorder seals a journal with: a row of the sealing state and a key derived from it."""

    row: int
    """The diary's next row when recording started."""
    key: bytes
    """The journal key for that row; only the origin gives it back once the row is written."""


@dataclass(frozen=True)
class JournalSeal:
    """The seal a journal's header claims, as read back."""

    row: int
    """The row its stamp was taken at."""
    tag: str
    """The HMAC in the header, as hex."""
    digest: bytes
    """The digest of its stream key and sealed details, computed on reading."""


def stamp_at(row: int, row_key: bytes) -> Stamp:
    """The stamp for ``row`` from that row's sealing key (never the key itself: the two uses stay apart)."""
    return Stamp(row, hmac.new(row_key, _DERIVE, hashlib.sha256).digest())


def current_stamp(state: sealing.State | None) -> Stamp | None:
    """The stamp a recording starting now gets; None for a diary that does not seal forward-securely."""
    return stamp_at(state.seq, state.key) if state is not None else None


def details(meta: Mapping[str, Any]) -> bytes:
    """The sealed details in the one form writer and reader both compute (sorted keys)."""
    return json.dumps(meta, sort_keys=True).encode("utf-8")


def digest(stream_key: bytes, details: bytes) -> bytes:
    """What the tag covers: the journal's one-time key and its canonical sealed details."""
    return hashlib.sha256(_DIGEST + len(stream_key).to_bytes(4, "big") + stream_key + details).digest()


def tag(stamp: Stamp, journal_digest: bytes) -> str:
    """The header's HMAC, as hex."""
    return hmac.new(stamp.key, journal_digest, hashlib.sha256).hexdigest()


def sign(stamp: Stamp, stream_key: bytes, meta: Mapping[str, Any]) -> str:
    """The tag a writer puts in the header for its one-time key and sealed details (the row included)."""
    return tag(stamp, digest(stream_key, details(meta)))


def problem(seal: JournalSeal | None, *, origin: bytes | None, state: sealing.State | None) -> str | None:
    """Why this diary's recorder did not write the journal, or None when its seal holds.

    ``origin`` and ``state`` are the diary's; a diary that does not seal (no
    origin) cannot check, and every journal passes, as before seals.
    """
    if origin is None:
        return None
    if seal is None:
        return "it carries no seal from this diary (written while the diary could not be opened, or not by voicelog)"
    if state is None or seal.row > state.seq:
        return "its seal claims a place in the diary the diary has not reached, so this diary did not write it"
    expected = tag(stamp_at(seal.row, sealing.key_at(origin, seal.row)), seal.digest)
    if not hmac.compare_digest(expected, seal.tag):
        return "its seal does not match this diary: it was made by someone else, or for another diary"
    return None
