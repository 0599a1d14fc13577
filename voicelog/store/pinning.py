"""The diary's pinned key and mode: rows in the chain that say how the diary seals, so files beside it cannot.

The first row of a diary (kind ``seal``) holds, in clear, the mode the person
chose, the fingerprint of the verification code, the public key entries are
sealed to, and the sealing origin sealed to that key (so the owner's passphrase
can check the seals without the written-down code). A ``key`` row, appended by
``voicelog passwd``, pins the next public key. These rows are sealed into the
chain like any other, so changing one is named by ``verify``; the key file and
the ``meta`` mode row beside them are only copies, and where they disagree the
pinned values win (:func:`pinned_mode`, :func:`pinned_key`).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from voicelog.store.keys import PLAIN_MAGIC

SEAL_KIND = "seal"
"""The kind of the first row, which pins mode, key and code."""
KEY_KIND = "key"
"""The kind of a row that pins a new public key (after ``passwd``)."""
PIN_KINDS = (SEAL_KIND, KEY_KIND)


@dataclass(frozen=True)
class Pin:
    """What the chain's pinning rows say."""

    seq: int
    """The number of the ``seal`` row (sealing starts here)."""
    mode: str
    """``sealed`` or ``plain``, as chosen at init."""
    code: str
    """The fingerprint of the verification code (:func:`voicelog.store.sealing.fingerprint`)."""
    public_key: bytes | None
    """The public key entries are sealed to now (the latest ``key`` row's, else the ``seal`` row's)."""
    sealed_origin: bytes | None
    """The sealing origin, sealed to the first public key (None in a plain diary)."""
    keys: tuple[bytes, ...] = ()
    """Every public key pinned, oldest first."""


def seal_content(*, mode: str, code: str, public_key: bytes | None, sealed_origin: bytes | None) -> bytes:
    """The stored content of a ``seal`` row (clear, so recording can read it without a passphrase)."""
    return _encode({"mode": mode, "code": code, "public_key": _b64(public_key), "origin": _b64(sealed_origin)})


def key_content(public_key: bytes) -> bytes:
    """The stored content of a ``key`` row."""
    return _encode({"public_key": _b64(public_key)})


def read_pin(conn: sqlite3.Connection) -> Pin | None:
    """The pin, or None when the diary has no ``seal`` row (made before sealing, or its row is unreadable)."""
    rows = conn.execute(
        "SELECT seq, kind, content FROM entries WHERE kind IN (?, ?) ORDER BY seq", PIN_KINDS).fetchall()
    pin: Pin | None = None
    for seq, kind, content in rows:
        data = _decode(content)
        if data is None:
            continue
        if kind == SEAL_KIND and pin is None:
            key = _unb64(data.get("public_key"))
            pin = Pin(int(seq), str(data.get("mode")), str(data.get("code", "")), key,
                      _unb64(data.get("origin")), (key,) if key else ())
        elif kind == KEY_KIND and pin is not None and (key := _unb64(data.get("public_key"))):
            pin = Pin(pin.seq, pin.mode, pin.code, key, pin.sealed_origin, (*pin.keys, key))
    return pin


def _encode(data: dict[str, Any]) -> bytes:
    return PLAIN_MAGIC + json.dumps(data, sort_keys=True).encode()


def _decode(content: bytes) -> dict[str, Any] | None:
    content = bytes(content)
    if content[:3] != PLAIN_MAGIC:
        return None
    try:
        data = json.loads(content[3:])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _b64(value: bytes | None) -> str | None:
    return base64.b64encode(value).decode() if value else None


def _unb64(value: object) -> bytes | None:
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        return None
