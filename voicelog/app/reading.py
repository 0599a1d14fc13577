"""Opening the diary to read it: the passphrase asked for only when the diary is sealed, once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicelog.incident import KnownPerson
from voicelog.store.diary import Diary


@dataclass(frozen=True)
class Opened:
    """A diary open for reading, and what unlocking it did."""

    diary: Diary
    """The open diary (close it, or use it as a context manager)."""
    registry_applied: tuple[int, ...]
    """Entries recorded while locked that were just matched to the people registry."""


def open_to_read(path: Path, passphrase: str | None | Callable[[], str | None]) -> Opened:
    """Open ``path`` with its private key, then apply the people registry to entries recorded while locked.

    ``passphrase`` may be a function, called only when the diary is sealed.
    Raises LockedError without one, WrongPassphrase for a wrong one.
    """
    from voicelog.app.registry import apply_registry
    from voicelog.store.opening import open_for_reading

    diary = open_for_reading(path, passphrase)
    try:
        done = apply_registry(diary)
    except BaseException:
        diary.close()
        raise
    return Opened(diary, tuple(done))


def readable_people(path: Path) -> list[KnownPerson]:
    """The diary's people registry when it can be read without asking (plain, or VOICELOG_PASSPHRASE); else none."""
    import os

    from voicelog.errors import LockedError
    from voicelog.store.opening import open_for_reading

    if not path.exists():
        return []
    try:
        with open_for_reading(path, os.environ.get("VOICELOG_PASSPHRASE") or None) as diary:
            return diary.people()
    except LockedError:  # sealed, and no passphrase given: extraction goes on without the people list
        return []
