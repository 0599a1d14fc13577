"""A long recording into the diary without copying it over and over: sealed in one buffer, stored in pieces.

``Sealer.seal(padding.pad(audio))`` copies a recording at every step: the padded
copy, PyNaCl's ciphertext, the nonce put in front of it, PyNaCl's message object
and the header put in front of that (four copies alive at once, about 600 MB for a
three-hour FLAC). :func:`seal_padded` gives the same record, byte for byte, from a
single buffer: the padded plaintext is written where its ciphertext goes and
encrypted there (libsodium allows it), and the buffer is handed over as ``bytes``
without a copy.

SQLite then copies a value it is given twice more (the bound parameter and the
row it builds). A recording of :data:`IN_PIECES` or more is therefore sealed by a
:class:`Sealing` that can make the same record again: the chain hash is taken
from the record, the record is dropped, the row goes in with zeros in its place,
and the record, made again, is written over them in pieces (:meth:`Sealing.write`).
The stored bytes, the hash and the seal are exactly those of a single insert.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from voicelog.errors import DiaryError
from voicelog.store import padding

if TYPE_CHECKING:
    from nacl.public import Box

    from voicelog.store.keys import Sealer

IN_PIECES = 16 << 20
"""A sealed recording this long or longer goes into SQLite in pieces (16 MiB: over an hour of speech as FLAC)."""
_PIECE = 1 << 20
"""How much of a long recording is written into SQLite at a time."""
_MAC_BYTES = 16
"""The Poly1305 tag in front of the ciphertext."""


def seal_padded(sealer: Sealer, data: bytes, *, nonce: bytes | None = None) -> bytes:
    """``sealer.seal(padding.pad(data))``, made in one buffer when ``sealer`` seals to a public key.

    With ``nonce`` (the record's, random otherwise) the same record comes out every time.
    """
    from voicelog.store.keys import PublicKeySealer

    if not isinstance(sealer, PublicKeySealer):
        return sealer.seal(padding.pad(data))
    import nacl.utils
    from nacl.public import Box

    # Box's key and the ephemeral public key are the sealer's own; the record is the one its seal() makes.
    head = sealer.header + (nonce or nacl.utils.random(Box.NONCE_SIZE))
    size = padding.padded_size(len(data))
    out = io.BytesIO()
    out.seek(len(head) + _MAC_BYTES + size - 1)
    out.write(b"\0")  # the buffer, zero-filled, at its final size
    with out.getbuffer() as record:
        record[:len(head)] = head
        padding.pad_into(record[len(head) + _MAC_BYTES:], data)
        _encrypt_in_place(record, len(head), size, sealer.box)
    return out.getvalue()  # BytesIO gives its buffer away when no view of it is left: no copy


def _encrypt_in_place(record: memoryview, start: int, size: int, box: Box) -> None:
    """Encrypt the ``size`` bytes after the tag's place at ``start``, writing tag and ciphertext over them."""
    from nacl._sodium import ffi, lib  # type: ignore[import-not-found]  # PyNaCl's own libsodium binding
    from nacl.exceptions import ensure

    pointer = ffi.from_buffer("unsigned char[]", record, require_writable=True)
    # crypto_box_easy_afternm(c, m, ...) writes tag + ciphertext at c; with m = c + tag the message is
    # encrypted where it lies (libsodium's secretbox allows c and m to overlap).
    done = lib.crypto_box_easy_afternm(pointer + start, pointer + start + _MAC_BYTES, size,
                                       bytes(record[start - box.NONCE_SIZE:start]), box.shared_key())
    ensure(done == 0, "Unexpected library error")


class Sealing:
    """A recording's sealed record, made on demand and the same each time (one nonce, one sealer)."""

    def __init__(self, sealer: Sealer, audio: bytes, *, pad: bool) -> None:
        import nacl.utils
        from nacl.public import Box

        nonce = nacl.utils.random(Box.NONCE_SIZE)  # one nonce, so that making it again gives the same bytes
        self._make: Callable[[], bytes] = (
            (lambda: seal_padded(sealer, audio, nonce=nonce)) if pad else (lambda: sealer.seal(audio)))
        self._size = 0
        self._sha256 = b""

    def make(self) -> bytes:
        """The sealed record; note its size and digest, so that :meth:`write` can check it made the same."""
        record = self._make()
        self._size, self._sha256 = len(record), hashlib.sha256(record).digest()
        return record

    @property
    def in_pieces(self) -> bool:
        """Whether the record last made is long enough to be stored in pieces."""
        return self._size >= IN_PIECES

    @property
    def size(self) -> int:
        """How long the record last made is."""
        return self._size

    def write(self, conn: sqlite3.Connection, table: str, column: str, rowid: int) -> None:
        """Make the record again and write it over the zeros its row was inserted with."""
        record = self._make()
        if hashlib.sha256(record).digest() != self._sha256:
            raise DiaryError("A recording sealed twice came out different; nothing was stored. Please report this.")
        view = memoryview(record)
        with conn.blobopen(table, column, rowid) as blob:
            for start in range(0, len(view), _PIECE):
                blob.write(view[start:start + _PIECE])
