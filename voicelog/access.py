"""Opening a diary with the right keys: public only for recording, the passphrase for reading.

The diary's key file sits beside it (``diary.db.key``): the public key in clear,
the private key wrapped under the passphrase. The CLI decides where a
passphrase comes from (flag, environment, prompt); this module never asks.
"""

from __future__ import annotations

from pathlib import Path

from voicelog.diary import Diary, create_diary, open_diary
from voicelog.errors import UsageError, VaultError


def key_path(diary: Path) -> Path:
    """The key file that belongs to ``diary``."""
    diary = Path(diary)
    return diary.with_name(diary.name + ".key")


def init_diary(diary: Path, *, passphrase: str | None, plain: bool = False) -> Path:
    """Set up a new diary: a key pair under ``passphrase`` (sealed), or no keys (``plain``)."""
    from voicelog import vault

    diary = Path(diary)
    if diary.exists() and diary.stat().st_size > 0:
        raise UsageError(f"A diary already exists at {diary}; nothing was changed.")
    if plain:
        create_diary(diary, mode="plain")
        return diary
    if not passphrase:
        raise UsageError("A sealed diary needs a passphrase that is not empty.")
    keys = key_path(diary)
    diary.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    vault.create_keys(keys, passphrase)
    try:
        create_diary(diary, mode="sealed")
    except BaseException:
        keys.unlink(missing_ok=True)  # a diary that failed to appear leaves no orphan key
        raise
    return diary


def open_for_recording(diary: Path, *, passphrase: str | None = None) -> Diary:
    """Open ``diary`` to append: the public key always, the private key only if a passphrase is given."""
    from voicelog import vault

    book = open_diary(diary)
    if book.sealed:
        try:
            book.sealer = vault.load_sealer(key_path(diary))
            if passphrase:
                book.opener = vault.unlock(key_path(diary), passphrase)
        except BaseException:
            book.close()
            raise
    return book


def open_for_reading(diary: Path, *, passphrase: str | None) -> Diary:
    """Open ``diary`` to read: a sealed one needs the passphrase (raises LockedError without it)."""
    book = open_diary(diary)
    try:
        unlock(book, passphrase)
    except BaseException:
        book.close()
        raise
    return book


def unlock(book: Diary, passphrase: str | None) -> None:
    """Give an open diary its private key (a plain diary needs none); LockedError without a passphrase."""
    from voicelog import vault
    from voicelog.errors import LockedError

    if not book.sealed:
        return
    if not passphrase:
        raise LockedError(
            "This diary is sealed: reading it needs your passphrase "
            "(type it when asked, or use --passphrase-file / VOICELOG_PASSPHRASE)."
        )
    book.opener = vault.unlock(key_path(book.path), passphrase)
    book.sealer = book.opener.sealer()


def is_sealed(diary: Path) -> bool:
    """Whether ``diary`` exists and is sealed (needs no passphrase)."""
    if not Path(diary).exists():
        return False
    book = open_diary(diary)
    try:
        return book.sealed
    finally:
        book.close()


def change_passphrase(diary: Path, old: str, new: str) -> None:
    """Re-wrap the diary's private key under ``new``; entries are not re-sealed."""
    from voicelog import vault

    if not is_sealed(diary):
        raise VaultError(f"The diary {diary} is plain (not sealed), so it has no passphrase to change.")
    vault.change_passphrase(key_path(diary), old, new)


def journal_dir(diary: Path) -> Path:
    """Where recordings in progress are journaled for ``diary`` (beside it, so each diary has its own)."""
    diary = Path(diary)
    return diary.with_name(diary.name + ".journal")
