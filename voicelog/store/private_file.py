"""Write a private file: created ``0o600``, never over an existing file unless asked, never left half written.

Reports, exported recordings and backups are plaintext or key material that
leaves the sealed diary, so they are written only where the person asked, only
they can read them, and a failure (full disk, read-only or missing folder)
leaves nothing behind: not a half file, and not a lost old one when replacing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from voicelog.errors import DiaryError, UsageError
from voicelog.paths import fsync_dir

PRIVATE_MODE = 0o600
"""Read and write for the owner only."""


def write_private(path: Path, data: bytes | Callable[[BinaryIO], None], *, overwrite: bool = False) -> Path:
    """Write ``data`` (bytes, or a function writing to a binary file) to ``path``, created ``0o600`` and fsynced.

    Without ``overwrite`` an existing ``path`` is refused (:class:`UsageError`).
    With it, the new file is written beside the old one and moved over it only
    once complete. An ``OSError`` becomes a :class:`DiaryError` after what was
    written is removed; any other exception from ``data`` is raised as it is,
    after the same clean-up.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)  # never through a link or over a file
    except FileExistsError:
        if overwrite:
            return _replace(path, data)
        raise UsageError(f"{path} already exists; choose another name, or add --force to replace it.") from None
    except OSError as exc:
        raise _failed(path, exc) from None
    _fill(fd, path, data, written=path)
    fsync_dir(path.parent)
    return path


def _replace(path: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """Write a temporary sibling, then move it over ``path``: the old file stays whole until the new one is."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")  # 0o600, O_EXCL
    except OSError as exc:
        raise _failed(path, exc) from None
    temp = Path(name)
    _fill(fd, path, data, written=temp)
    try:
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _failed(path, exc) from None
    fsync_dir(path.parent)
    return path


def _fill(fd: int, path: Path, data: bytes | Callable[[BinaryIO], None], *, written: Path) -> None:
    """Write ``data`` to the open ``fd`` and fsync it; on any failure remove ``written`` (the file ``fd`` is)."""
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), PRIVATE_MODE)  # a umask cannot leave it unwritable; nothing can widen it
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        written.unlink(missing_ok=True)
        raise _failed(path, exc) from None
    except BaseException:
        written.unlink(missing_ok=True)  # half a file helps no one, and it may be plaintext
        raise


def _failed(path: Path, exc: OSError) -> DiaryError:
    return DiaryError(f"Could not write {path} ({exc.strerror or exc}); nothing was written.")
