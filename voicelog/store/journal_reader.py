"""Reading a capture journal back (:mod:`voicelog.store.journal` writes it), and finding leftover ones.

A journal cut short by a crash reads up to its last whole record; a record that
fails to open ends the audio and marks the journal damaged. The header's diary
seal, if any, is returned for ``recover`` to check
(:mod:`voicelog.store.journal_seal`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import nacl.exceptions
from nacl import bindings as _ss

from voicelog.errors import JournalError, VaultError
from voicelog.pcm import FORMAT, SAMPLE_WIDTH
from voicelog.store import journal_seal
from voicelog.store.journal import LENGTH, MAGIC, MAX_HEADER, MAX_RECORD, SUFFIX
from voicelog.store.journal_seal import JournalSeal
from voicelog.store.keys import Opener

_KEY_BYTES = _ss.crypto_secretstream_xchacha20poly1305_KEYBYTES
_HEADER_BYTES = _ss.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_ABYTES = _ss.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE = _ss.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = _ss.crypto_secretstream_xchacha20poly1305_TAG_FINAL


@dataclass(frozen=True)
class Journal:
    """What a capture journal holds, as far as it could be read."""

    path: Path
    """The journal file."""
    recorded_at: datetime
    """When the recording started."""
    sample_rate: int
    """Samples per second of :attr:`pcm` (mono, signed 16-bit little-endian)."""
    pcm: bytes
    """The audio of every whole record, in order."""
    complete: bool
    """True if the writer closed the journal cleanly (the final record was read)."""
    records: int
    """How many records were read, the final one included."""
    damaged: bool = False
    """True if a whole record failed to open (altered or corrupt), not just cut short."""
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    """The sealed ``meta`` the writer was given."""
    seal: JournalSeal | None = None
    """The diary seal its header claims (:mod:`voicelog.store.journal_seal`); None if it has none."""

    @property
    def seconds(self) -> float:
        """Length of the audio read, in seconds."""
        return len(self.pcm) / SAMPLE_WIDTH / self.sample_rate


def read_journal(path: Path, opener: Opener) -> Journal:
    """Read a journal back; a cut-short or damaged tail ends the audio instead of raising.

    Raises :class:`JournalError` only when the file is missing, is not a
    journal, its header is damaged, or it was sealed for another diary key.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise JournalError(f"No capture journal at {path}.") from None
    except OSError as exc:
        raise JournalError(f"The capture journal {path} cannot be read ({exc.strerror}).") from None

    clear_bytes, recorded_at, sample_rate, key, meta, seal, offset = _open_header(path, data, opener)
    state = _ss.crypto_secretstream_xchacha20poly1305_state()
    try:
        _ss.crypto_secretstream_xchacha20poly1305_init_pull(state, data[offset : offset + _HEADER_BYTES], key)
    except (nacl.exceptions.CryptoError, nacl.exceptions.RuntimeError, ValueError):
        raise _header_damaged(path) from None
    offset += _HEADER_BYTES

    pcm: list[bytes] = []
    records = 0
    complete = damaged = False
    while True:
        if len(data) < offset + LENGTH.size:
            break  # cut short inside a length prefix (or simply the end)
        (size,) = LENGTH.unpack_from(data, offset)
        if size < _ABYTES or size > MAX_RECORD:
            damaged = True
            break
        if len(data) < offset + LENGTH.size + size:
            break  # the last record was cut short by a crash
        record = data[offset + LENGTH.size : offset + LENGTH.size + size]
        try:
            chunk, tag = _ss.crypto_secretstream_xchacha20poly1305_pull(state, record, clear_bytes)
        except (nacl.exceptions.CryptoError, nacl.exceptions.RuntimeError, ValueError):
            damaged = True
            break
        if tag not in (_TAG_MESSAGE, _TAG_FINAL):
            damaged = True
            break
        offset += LENGTH.size + size
        pcm.append(chunk)
        records += 1
        if tag == _TAG_FINAL:
            complete = True
            break
    return Journal(
        path=path,
        recorded_at=recorded_at,
        sample_rate=sample_rate,
        pcm=b"".join(pcm),
        complete=complete,
        records=records,
        damaged=damaged,
        meta=MappingProxyType(meta),
        seal=seal,
    )


def find_journals(folder: Path, opener: Opener | None = None) -> list[Path]:
    """Leftover journals (``*.vlj``) in ``folder``, oldest first.

    The recording time is sealed: with the diary's ``opener`` the journals are
    ordered by it (two written in the same second, as a full disk's fallback
    copies are, keep the order they were recorded in); without one, by file
    time. A journal whose header cannot be opened comes by its file time.
    """
    folder = Path(folder)
    try:
        candidates = [p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []

    def started(path: Path) -> tuple[float, str]:
        try:
            with path.open("rb") as handle:
                head = handle.read(len(MAGIC) + 2 * (LENGTH.size + MAX_HEADER) + _HEADER_BYTES)
            recorded_at: datetime | None = (
                _open_header(path, head, opener)[1] if opener is not None
                else _parse_clear_header(path, head)[1][0]  # older journals kept it in clear
            )
            return (recorded_at.timestamp() if recorded_at else path.stat().st_mtime), path.name
        except (OSError, JournalError, OverflowError, ValueError):
            try:
                return path.stat().st_mtime, path.name
            except OSError:
                return float("inf"), path.name

    return sorted(candidates, key=started)


# --- internals --------------------------------------------------------------


def _open_header(path: Path, data: bytes, opener: Opener
                 ) -> tuple[bytes, datetime, int, bytes, dict[str, Any], JournalSeal | None, int]:
    """Open a journal's header: its clear part, the stream key and sealed details, and where the records start."""
    clear_bytes, clear, offset = _parse_clear_header(path, data)
    recorded_at, sample_rate = clear
    sealed_key, offset = _take(data, offset)
    if sealed_key is None or len(data) < offset + _HEADER_BYTES:
        raise _header_damaged(path)
    try:
        opened = opener.open(sealed_key)
    except VaultError:
        raise JournalError(
            f"The capture journal {path} was sealed for another diary key, or its header is damaged; "
            "it cannot be opened with this diary."
        ) from None
    if len(opened) < _KEY_BYTES:
        raise _header_damaged(path)
    key, meta_bytes = opened[:_KEY_BYTES], opened[_KEY_BYTES:]
    try:
        meta = json.loads(meta_bytes) if meta_bytes else {}
        if not isinstance(meta, dict):
            raise TypeError("meta")
        seal = _claimed_seal(meta, key)
        recorded_at = datetime.fromisoformat(meta.pop("recorded_at")) if "recorded_at" in meta else recorded_at
    except (ValueError, TypeError):
        raise _header_damaged(path) from None
    if recorded_at is None:
        raise _header_damaged(path)
    return clear_bytes, recorded_at, sample_rate, key, meta, seal, offset


def _take(data: bytes, offset: int) -> tuple[bytes | None, int]:
    """Read one length-prefixed field; None if it runs past the end or is absurdly long."""
    if len(data) < offset + LENGTH.size:
        return None, offset
    (size,) = LENGTH.unpack_from(data, offset)
    end = offset + LENGTH.size + size
    if size > MAX_HEADER or len(data) < end:
        return None, offset
    return data[offset + LENGTH.size : end], end


def _claimed_seal(meta: dict[str, Any], stream_key: bytes) -> JournalSeal | None:
    """Take the seal out of the sealed details (raises ValueError/TypeError when it is malformed)."""
    if "seal_tag" not in meta:
        return None
    claimed = meta.pop("seal_tag")
    details = journal_seal.details(meta)
    row = meta.pop("seal_row", None)
    if type(row) is not int or not isinstance(claimed, str):
        raise TypeError("seal")
    return JournalSeal(row, claimed, journal_seal.digest(stream_key, details))


def _parse_clear_header(path: Path, data: bytes) -> tuple[bytes, tuple[datetime | None, int], int]:
    if data[: len(MAGIC)] != MAGIC:
        raise JournalError(
            f"{path} is not a voicelog capture journal (or its start is damaged); nothing can be recovered from it."
        )
    clear_bytes, offset = _take(data, len(MAGIC))
    if clear_bytes is None:
        raise _header_damaged(path)
    try:
        clear = json.loads(clear_bytes)
        if clear["format"] != FORMAT:
            raise ValueError("format")
        recorded_at = datetime.fromisoformat(clear["recorded_at"]) if "recorded_at" in clear else None
        sample_rate = clear["sample_rate"]
        if type(sample_rate) is not int or not 1000 <= sample_rate <= 384000:
            raise ValueError("sample rate")
    except (ValueError, KeyError, TypeError):
        raise _header_damaged(path) from None
    return clear_bytes, (recorded_at, sample_rate), offset


def _header_damaged(path: Path) -> JournalError:
    return JournalError(
        f"The capture journal {path} has a damaged header, so its audio cannot be recovered; "
        "move it aside or delete it."
    )
