"""Damaging a real sealed diary file behind voicelog's back, as a failing disk, an editor or the person it documents
could; shared by the tests of every reading command, the report, review and salvage (not a test module)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
from nacl.public import PrivateKey

from voicelog.audio import encode_flac
from voicelog.store import entries, padding
from voicelog.store.keys import PublicKeySealer, load_sealer
from voicelog.store.opening import key_path

DAMAGED_MESSAGE = "A sealed record is damaged or was sealed for another diary key"
"""What the store says of a row that does not open (the start of the sentence)."""


def row_of(path: Path, number: int) -> int:
    """The row number of entry ``number``."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT seq FROM entries WHERE number = ? AND kind = 'entry'", (number,)).fetchone()[0])
    finally:
        conn.close()


def _update(path: Path, sql: str, params: tuple[object, ...]) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def flip_byte(path: Path, number: int, *, column: str = "content") -> int:
    """Flip one bit in the middle of entry ``number``'s sealed ``content`` (or ``audio``); returns its row."""
    row = row_of(path, number)
    _flip(path, row, column)
    return row


def flip_people_list(path: Path) -> int:
    """Flip one bit in the middle of the latest people-list row; returns its row."""
    conn = sqlite3.connect(path)
    row = int(conn.execute("SELECT max(seq) FROM entries WHERE kind = 'people'").fetchone()[0])
    conn.close()
    _flip(path, row, "content")
    return row


def _flip(path: Path, row: int, column: str) -> None:
    assert column in ("content", "audio")
    conn = sqlite3.connect(path)
    data = bytearray(conn.execute(f"SELECT {column} FROM entries WHERE seq = ?", (row,)).fetchone()[0])
    conn.close()
    data[len(data) // 2] ^= 0x01
    _update(path, f"UPDATE entries SET {column} = ? WHERE seq = ?", (bytes(data), row))


def seal_to_another_key(path: Path, number: int) -> int:
    """Replace entry ``number``'s content with a well-formed record sealed to a key that is not the diary's."""
    row = row_of(path, number)
    other = PublicKeySealer(bytes(PrivateKey.generate().public_key))
    _update(path, "UPDATE entries SET content = ? WHERE seq = ?", (other.seal(padding.pad(b'{"forged": true}')), row))
    return row


def forge_readable(path: Path, number: int, content: dict[str, object]) -> int:
    """Replace entry ``number``'s content with ``content`` sealed to the diary's own public key, as anyone can.

    It opens and reads like an entry; only the tamper check tells it apart.
    """
    row = row_of(path, number)
    sealed = load_sealer(key_path(path)).seal(padding.pad(entries.encode(content)))
    _update(path, "UPDATE entries SET content = ? WHERE seq = ?", (sealed, row))
    return row


def tone_flac(seconds: float = 1.0, hz: float = 440.0) -> bytes:
    """A recording to keep with an entry: a sine tone at 16 kHz, as FLAC."""
    t = np.arange(int(16000 * seconds)) / 16000
    return encode_flac((3000 * np.sin(2 * np.pi * hz * t)).astype(np.int16))
