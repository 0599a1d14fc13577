"""Forward-secure sealing: a MAC key that evolves one way with every row, so the past cannot be rewritten.

After Schneier and Kelsey's secure audit logs and systemd-journald's Forward
Secure Sealing. At ``init`` a random 16-byte *origin* is made and shown to the
person once as a verification code; the key for row ``n`` is the origin hashed
``n`` times (:func:`key_at`). Each row's chain hash is MACed with its row's key
(:func:`tag`), and the diary keeps only the *next* row's number and key (the
sealing state, in the same transaction as the row). Someone who takes the device
at time T holds the key for rows after T, and no way back to the keys of rows
before it: they can append, but cannot change, forge, reorder or remove an
earlier row, nor cut rows off the end (the state still counts them), without a
check with the origin naming it. The origin reaches the checker from the code the
person kept, or (a sealed diary) from the first row, sealed to the owner's key.

Deleted state is zeroed by SQLite's ``secure_delete``, and the write-ahead log
is truncated after each sealed write where no reader holds it, so an old key is
not left in the files; a copy taken with raw-disk tools is outside this (see
docs/threat-model.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from voicelog.errors import UsageError
from voicelog.store.schema import BUSY_TIMEOUT_MS

ORIGIN_BYTES = 16
"""The size of the origin (the secret behind the verification code): 128 bits."""

_EVOLVE = b"voicelog-evolve-1\n"
_TAG = b"voicelog-seal-1\n"
_FINGERPRINT = b"voicelog-code-1\n"


@dataclass(frozen=True)
class State:
    """What the recorder keeps: the number of the next row to seal and that row's key."""

    seq: int
    """The next row's number."""
    key: bytes
    """The key that row will be sealed with; every earlier key is gone."""


def new_origin() -> bytes:
    """A fresh random origin for a new diary."""
    return os.urandom(ORIGIN_BYTES)


def evolve(key: bytes) -> bytes:
    """The next row's key from this row's; one way, so a key never gives an earlier one."""
    return hashlib.sha256(_EVOLVE + key).digest()


def key_at(origin: bytes, seq: int) -> bytes:
    """The key of row ``seq`` (the origin evolved ``seq`` times)."""
    key = origin
    for _ in range(seq):
        key = evolve(key)
    return key


def tag(key: bytes, row_hash: str) -> str:
    """The seal of a row: HMAC-SHA-256 of its chain hash under its row's key, as hex."""
    return hmac.new(key, _TAG + row_hash.encode(), hashlib.sha256).hexdigest()


def format_code(origin: bytes) -> str:
    """The verification code the person writes down: base32 in dash-separated groups of four."""
    text = base64.b32encode(origin).decode().rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_code(text: str) -> bytes:
    """The origin from a code as the person typed it (case, spaces and dashes do not matter)."""
    letters = "".join(c for c in text.upper() if c.isalnum()).replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        origin = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError):
        origin = b""
    if len(origin) != ORIGIN_BYTES:
        raise UsageError("That is not a voicelog verification code: it has 26 letters and digits in groups of "
                         "four, as shown when the diary was set up (e.g. ABCD-EFGH-...).")
    return origin


def fingerprint(origin: bytes) -> str:
    """A short public name for a code, printed on reports so a code can be matched to a report."""
    digest = hashlib.sha256(_FINGERPRINT + origin).hexdigest()[:12]
    return "-".join(digest[i:i + 4] for i in range(0, 12, 4))


# --- the state in the diary file ---------------------------------------------


def read_state(conn: sqlite3.Connection) -> State | None:
    """The sealing state, or None if this diary has never started sealing."""
    row = conn.execute("SELECT seq, key FROM seal_state WHERE id = 1").fetchone()
    if row is None:
        return None
    return State(int(row[0]), bytes(row[1]))


def peek_state(path: Path) -> State | None:
    """The sealing state read on a connection of its own (any thread), read-only; None if it cannot be read.

    A file that cannot be opened even read-only (a full disk) is read as it
    stands, without its write-ahead log (folded in after every sealed write): a
    state behind the newest still gives a valid key for its own row. A damaged
    or missing file gives None.
    """
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except (sqlite3.Error, OSError, ValueError):
            continue
        try:
            return read_state(conn)
        except sqlite3.Error:
            continue
        finally:
            conn.close()
    return None


def write_state(conn: sqlite3.Connection, state: State) -> None:
    """Replace the state (inside the caller's write transaction); the old key is overwritten."""
    conn.execute("INSERT OR REPLACE INTO seal_state (id, seq, key) VALUES (1, ?, ?)", (state.seq, state.key))


def advance(state: State, seq: int) -> bytes:
    """The key for row ``seq`` given a state at or before it (a state behind is evolved forward)."""
    key = state.key
    for _ in range(seq - state.seq):
        key = evolve(key)
    return key


def forget_old_pages(conn: sqlite3.Connection) -> None:
    """Best effort, after a sealed write: fold the write-ahead log into the file and truncate it.

    The log holds the pages of earlier states until it is checkpointed. A reader
    in the middle of a read keeps its pages; then the next write tries again.
    """
    try:
        conn.execute("PRAGMA busy_timeout = 200")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
