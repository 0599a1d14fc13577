"""A backup of a diary: a consistent copy of the file and, beside it, a copy of its key file.

A sealed diary cannot be read without its key file, so a backup is the pair or
nothing: if the key cannot be copied, the diary's copy is removed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from voicelog.errors import DiaryError, UsageError, VoicelogError
from voicelog.store.diary import open_diary
from voicelog.store.opening import key_path
from voicelog.store.private_file import write_private


@dataclass(frozen=True)
class BackupResult:
    """The files a backup wrote."""

    diary: Path
    """The copy of the diary (still sealed), created ``0o600``."""
    key: Path | None
    """The copy of the key file beside it, or None when the diary has no key file (a plain diary)."""


def backup_diary(path: Path, dest: Path) -> BackupResult:
    """Copy the diary at ``path`` to ``dest`` and its key file beside it; neither is left if either fails.

    Needs no passphrase: the copies stay sealed. An existing ``dest`` (or key
    file beside it) is refused, never overwritten.
    """
    path, dest = Path(path), Path(dest)
    key, dest_key = key_path(path), key_path(dest)
    with open_diary(path) as diary:  # refuses anything that is not a diary before a byte is written
        if key.exists() and dest_key.exists():
            raise UsageError(f"{dest_key} already exists; choose a new file name for the backup.")
        diary.backup(dest)
    if not key.exists():
        return BackupResult(dest, None)
    try:
        write_private(dest_key, key.read_bytes())
    except (OSError, VoicelogError) as exc:
        dest.unlink(missing_ok=True)
        raise DiaryError(f"Could not copy the key file beside the backup ({_reason(exc)}); no backup was "
                         "left, since a sealed diary without its key cannot be read.") from exc
    return BackupResult(dest, dest_key)


def _reason(exc: BaseException) -> str:
    """The operating system's words for why a copy failed (write_private keeps them as the context)."""
    cause = exc if isinstance(exc, OSError) else exc.__context__
    return getattr(cause, "strerror", None) or str(exc)
