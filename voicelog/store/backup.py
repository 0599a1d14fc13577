"""A backup of a diary: a consistent copy of the file and, beside it, a copy of its key file.

A sealed diary cannot be read without its key file, so the key is copied first
and the diary second, into a temporary sibling (``.NAME.part``) that is moved
into place only when complete. An interrupted backup is therefore whole or
absent: a killed process can leave at most the key copy (which reads nothing
without the passphrase; the next backup to the same name reuses it) and a stale
``.part`` file (removed by the next backup to that name). A failure that is
caught removes the key copy again.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from voicelog.errors import DiaryError, UsageError
from voicelog.paths import fsync_dir
from voicelog.store.diary import Diary
from voicelog.store.opening import key_path, open_diary
from voicelog.store.private_file import write_private


@dataclass(frozen=True)
class BackupResult:
    """The files a backup wrote."""

    diary: Path
    """The copy of the diary (still sealed), created ``0o600``."""
    key: Path | None
    """The copy of the key file beside it, or None when the diary has no key file (a plain diary)."""


def copy_diary(diary: Diary, dest: Path) -> Path:
    """Write a consistent copy of the open ``diary`` (still sealed) to ``dest``, created ``0o600``."""
    dest = Path(dest)
    if dest.exists():
        raise UsageError(f"{dest} already exists; choose a new file name for the backup.")

    def copy(_file: BinaryIO) -> None:
        # SQLite writes the copy through its own handle on the file write_private has just created
        # (0o600, never over another file); write_private then fsyncs it, or removes it on failure.
        try:
            target = sqlite3.connect(str(dest))
            try:
                diary.db.conn.backup(target)
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise DiaryError(f"Could not write the backup {dest} ({exc}); the diary is unchanged.") from exc

    return write_private(dest, copy)


def partial_path(dest: Path) -> Path:
    """Where the diary's copy is written until it is complete: a hidden sibling of ``dest``."""
    return dest.with_name(f".{dest.name}.part")


def backup_diary(path: Path, dest: Path) -> BackupResult:
    """Copy the key file beside ``dest``, then the diary at ``path`` to ``dest``; neither is left if either fails.

    A folder of ``dest`` that does not exist yet is made, readable by the person alone (``0o700``).

    Needs no passphrase: the copies stay sealed. An existing ``dest`` (or a
    different key file beside it) is refused, never overwritten.
    """
    path, dest = Path(path), Path(dest)
    key, dest_key = key_path(path), key_path(dest)
    with open_diary(path) as diary:  # refuses anything that is not a diary before a byte is written
        if dest.exists():
            raise UsageError(f"{dest} already exists; choose a new file name for the backup.")
        make_folder(dest.parent)
        wrote_key = False
        if key.exists():
            wrote_key = _copy_key(key, dest_key)
        part = partial_path(dest)
        try:
            part.unlink(missing_ok=True)  # a stale copy from a backup that was killed midway
            copy_diary(diary, part)
            if dest.exists():  # appeared while copying: never replaced
                raise UsageError(f"{dest} already exists; choose a new file name for the backup.")
            os.replace(part, dest)
            fsync_dir(dest.parent)
        except BaseException as exc:
            _remove(part)
            if wrote_key:
                _remove(dest_key)
            if isinstance(exc, OSError):
                raise DiaryError(f"Could not write the backup {dest} ({exc.strerror or exc}); nothing was left "
                                 "there, and the diary is unchanged.") from exc
            raise
    return BackupResult(dest, dest_key if key.exists() else None)


def make_folder(folder: Path) -> None:
    """Make ``folder`` and any missing parents ``0o700``; folders already there are left as they are."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for part in reversed(missing):
        try:
            part.mkdir(mode=0o700)
            os.chmod(part, 0o700)  # whatever the umask
        except FileExistsError:
            pass
        except OSError as exc:
            raise DiaryError(f"Could not make the folder {part} for the backup ({exc.strerror or exc}); "
                             "choose a folder you can write to.") from exc


def _copy_key(key: Path, dest_key: Path) -> bool:
    """Copy ``key`` to ``dest_key``; False when an identical copy is already there (an interrupted backup's)."""
    try:
        data = key.read_bytes()
        if dest_key.exists():
            if dest_key.is_file() and dest_key.read_bytes() == data:
                return False
            raise UsageError(f"{dest_key} already exists; choose a new file name for the backup.")
        write_private(dest_key, data)
    except (OSError, DiaryError) as exc:
        raise DiaryError(f"Could not copy the key file beside the backup ({_reason(exc)}); no backup was "
                         "left, since a sealed diary without its key cannot be read.") from exc
    return True


def _remove(path: Path) -> None:
    """Remove a file this backup wrote, if it can (a failure to clean up must not hide why the backup failed)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _reason(exc: BaseException) -> str:
    """The operating system's words for why a copy failed (write_private keeps them as the context)."""
    cause = exc if isinstance(exc, OSError) else exc.__context__
    return getattr(cause, "strerror", None) or str(exc)
