"""The capture journal: a crash-safe, sealed file of the raw audio written while recording.

:mod:`voicelog.store.journal_reader` reads it back.

File layout (all lengths are 4-byte big-endian)::

    b"VLJ1"
    len + clear JSON {"format": "s16le", "sample_rate": int}  (voicelog.pcm)
    len + sealer.seal(one-time secretstream key (32 bytes) + JSON of meta, with "recorded_at")
    secretstream header (24 bytes)
    len + secretstream record   (TAG_MESSAGE, about half a second of PCM)
    ...
    len + secretstream record   (TAG_FINAL, the last buffered PCM, maybe empty)

Only the sample rate is in clear (journals written before kept the time there
too, and still read); the file name is random. Every record is fsynced as it is
written, so a crash, ``kill -9`` or power cut loses at most the half second that
was still buffered. A full disk loses nothing either: the records it refuses wait
in memory, sealed, until :meth:`JournalWriter.retry` can write them. Every
record is authenticated with the clear JSON as associated data, so the timing
cannot be altered unnoticed either. The one-time key is sealed with the diary's
public key, so the recording side needs no passphrase and cannot read back what
it wrote once the process has ended.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import struct
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from nacl import bindings as _ss

from voicelog.errors import JournalError
from voicelog.paths import fsync_dir
from voicelog.pcm import FORMAT, SAMPLE_RATE, SAMPLE_WIDTH
from voicelog.store import journal_seal
from voicelog.store.journal_seal import Stamp
from voicelog.store.keys import Sealer

MAGIC = b"VLJ1"
"""The first bytes of every capture journal."""
SUFFIX = ".vlj"
"""File name ending of capture journals; :func:`find_journals` looks for it."""
RECORD_SECONDS = 0.5
"""Seconds of audio per encrypted, fsynced record: the most a crash can lose."""

LENGTH = struct.Struct(">I")
"""Every length prefix in the file."""
MAX_HEADER = 64 * 1024
"""The longest header field a reader accepts."""
MAX_RECORD = 16 * 1024 * 1024
"""Larger than any record the writer makes (one minute of 48 kHz audio), so a corrupt length cannot make the
reader swallow the rest of the file."""
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class JournalWriter:
    """Appends audio to a new sealed journal, one fsynced record per :data:`RECORD_SECONDS`.

    A full disk (or any other write error) loses nothing: the sealed records the
    disk refused wait in memory, in order (:attr:`waiting_audio`, :attr:`problem`),
    and :meth:`retry` writes them once there is space again. The file on disk
    always ends after a whole record, so it can be read back at any moment. Use
    as a context manager: a clean exit closes the journal; an exception writes
    what is buffered but leaves the journal unfinished, for recovery.
    """

    def __init__(self, path: Path, sealer: Sealer, *, recorded_at: datetime, sample_rate: int = SAMPLE_RATE,
                 meta: Mapping[str, Any] | None = None, record_seconds: float = RECORD_SECONDS,
                 stamp: Stamp | None = None) -> None:
        self.path = Path(path)
        """The journal file."""
        self.records = 0
        """Records on disk so far, the final one included."""
        self.problem: OSError | None = None
        """Why the last write failed, while sealed records wait in memory for :meth:`retry`."""
        self.audio_on_disk = 0
        """Bytes of audio written and fsynced."""
        self._chunk = max(1, int(sample_rate * record_seconds)) * SAMPLE_WIDTH
        self._buffer = bytearray()
        # Sealed bytes the disk has not taken yet: (bytes, audio bytes in them, is a record rather than the header).
        self._waiting: list[tuple[bytes, int, bool]] = []
        self._fd: int | None = None
        self._on_disk = 0  # the file's length up to the last whole, fsynced record
        self._finished = False
        self._closed = False
        self._broken = False  # the file could not be cut back to a whole record: it takes nothing more

        clear = json.dumps({"format": FORMAT, "sample_rate": int(sample_rate)}, sort_keys=True).encode("utf-8")
        self._ad = clear
        key = _ss.crypto_secretstream_xchacha20poly1305_keygen()
        sealed_meta: dict[str, Any] = {**dict(meta or {}), "recorded_at": recorded_at.isoformat()}
        if stamp is not None:  # proof for `recover` that this diary's recorder wrote it
            sealed_meta["seal_row"] = stamp.row
            sealed_meta["seal_tag"] = journal_seal.sign(stamp, key, sealed_meta)
        sealed_key = sealer.seal(key + json.dumps(sealed_meta).encode("utf-8"))
        self._state = _ss.crypto_secretstream_xchacha20poly1305_state()
        stream_header = _ss.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        del key

        header = MAGIC + LENGTH.pack(len(clear)) + clear + LENGTH.pack(len(sealed_key)) + sealed_key + stream_header
        self._waiting.append((header, 0, False))
        self._write_waiting()  # a full disk keeps even the header in memory; an existing file is refused

    @property
    def closed(self) -> bool:
        """True once :meth:`close`, :meth:`abandon` or :meth:`discard` has run."""
        return self._closed

    @property
    def finished(self) -> bool:
        """True once the final record is sealed: no more audio is taken."""
        return self._finished

    @property
    def waiting_audio(self) -> int:
        """Bytes of sealed audio the disk has not taken yet (held in memory)."""
        return sum(audio for _, audio, _ in self._waiting)

    @property
    def whole(self) -> bool:
        """True when every record sealed so far is on disk."""
        return not self._waiting

    @property
    def disk_full(self) -> bool:
        """True while records wait because the disk (or the person's quota) is full."""
        return self.problem is not None and self.problem.errno in _FULL

    def append(self, pcm: bytes) -> None:
        """Add mono s16le audio; every full half second is sealed, written and fsynced.

        While a write problem lasts, records are only sealed and kept in memory;
        :meth:`retry` writes them.
        """
        self._check_open()
        self._buffer += pcm
        while len(self._buffer) >= self._chunk:
            chunk = bytes(self._buffer[: self._chunk])
            del self._buffer[: self._chunk]
            self._seal(chunk, _ss.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        if self.problem is None:
            self._write_waiting()

    def flush(self) -> None:
        """Write whatever audio is buffered now, as a shorter record."""
        self._check_open()
        if self._buffer:
            chunk = bytes(self._buffer)
            self._buffer.clear()
            self._seal(chunk, _ss.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        self._write_waiting()

    def finish(self) -> bool:
        """Seal the buffered audio as the final record and try to write it; True if the journal is whole on disk."""
        self._check_open()
        chunk = bytes(self._buffer)
        self._buffer.clear()
        self._seal(chunk, _ss.crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        self._finished = True
        return self._write_waiting()

    def retry(self) -> bool:
        """Try again to write what the disk refused; True if nothing is waiting any more."""
        if self._closed:
            return self.whole
        return self._write_waiting()

    def close(self) -> None:
        """Write the final record, fsync and close. Safe to call twice.

        Raises :class:`JournalError` if it cannot all be written (the file then
        ends at the last whole record).
        """
        if self._closed:
            return
        try:
            whole = self.retry() if self._finished else self.finish()
        finally:
            self._release()
        if not whole:
            raise self._write_error()

    def abandon(self) -> None:
        """Write what is buffered and close without the final record (as a crash would).

        What the disk still refuses is dropped; the file keeps every whole record before it.
        """
        if self._closed:
            return
        try:
            if not self._finished and self._buffer:
                chunk = bytes(self._buffer)
                self._buffer.clear()
                self._seal(chunk, _ss.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
            self._write_waiting()
        finally:
            self._release()

    def discard(self) -> None:
        """Close if needed and delete the journal (after its entry is safely stored)."""
        self._release()
        delete_journal(self.path)  # the name is this writer's own; a file never created is fine

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()

    # -- internals

    def _check_open(self) -> None:
        if self._closed or self._finished:
            raise JournalError(f"The capture journal {self.path} is already closed.")

    def _seal(self, chunk: bytes, tag: int) -> None:
        record = _ss.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, self._ad, tag)
        self._waiting.append((LENGTH.pack(len(record)) + record, len(chunk), True))

    def _write_waiting(self) -> bool:
        """Write the waiting records in order and fsync; on failure cut the file back to its last whole record."""
        if not self._waiting:
            self.problem = None
            return True
        if self._broken or self._closed:
            return False
        try:
            if self._fd is None:
                self._create()
            assert self._fd is not None
            for data, _, _ in self._waiting:
                view = memoryview(data)
                while view:
                    view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
        except OSError as exc:
            self.problem = exc
            self._cut_back()
            return False
        self._on_disk += sum(len(data) for data, _, _ in self._waiting)
        self.audio_on_disk += self.waiting_audio
        self.records += sum(1 for _, _, record in self._waiting if record)
        self._waiting.clear()
        self.problem = None
        return True

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            raise JournalError(f"A capture journal already exists at {self.path}; it was left untouched.") from None
        self._fd, self._on_disk = fd, 0
        fsync_dir(self.path.parent)

    def _cut_back(self) -> None:
        """After a failed write: end the file at its last whole record again, or remove it if it holds none."""
        if self._fd is None:
            return
        try:
            if self._on_disk == 0:  # not even the header: no file, rather than one recover cannot read
                os.close(self._fd)
                self._fd = None
                self.path.unlink(missing_ok=True)
                return
            os.ftruncate(self._fd, self._on_disk)
            os.lseek(self._fd, self._on_disk, os.SEEK_SET)
        except OSError:
            self._broken = True  # the file may end mid-record; what waits stays in memory

    def _release(self) -> None:
        self._closed = True
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass  # everything kept was fsynced already
            self._fd = None

    def _write_error(self) -> JournalError:
        if self.disk_full:
            return JournalError(f"The disk holding the capture journal {self.path} is full, so it could not be "
                                "written whole; free some space.")
        reason = (self.problem.strerror if self.problem is not None else None) or "it could not be written"
        return JournalError(f"Could not write the capture journal {self.path} ({reason}); check the disk.")


def journal_path(folder: Path) -> Path:
    """A new, unique journal file name in ``folder``; random, so it does not say when the person recorded."""
    return Path(folder) / f"{secrets.token_hex(10)}{SUFFIX}"


def write_journal(folder: Path, sealer: Sealer, pcm: bytes, *, recorded_at: datetime,
                  meta: Mapping[str, Any] | None = None, stamp: Stamp | None = None) -> Path:
    """Write a whole, closed journal of ``pcm`` into ``folder`` at once (a copy of an account held in memory).

    Raises :class:`JournalError` if it cannot be written whole, and then leaves no file behind.
    """
    folder = Path(folder)
    writer = JournalWriter(journal_path(folder), sealer, recorded_at=recorded_at, meta=meta, stamp=stamp)
    try:
        writer.append(pcm)
        writer.close()
    except BaseException:
        writer.discard()
        raise
    return writer.path


def delete_journal(path: Path) -> None:
    """Delete a journal and make the deletion durable; a missing file is fine."""
    path = Path(path)
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)

