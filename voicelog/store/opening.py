"""Setting up a diary and opening it with the right keys: the public key to record, the passphrase to read.

A diary's files sit side by side: ``diary.db``, its key file ``diary.db.key``
(the public key in clear, the private key wrapped under the passphrase) and the
folder ``diary.db.journal`` of recordings in progress. The CLI decides where a
passphrase comes from (flag, environment, prompt); this module never asks, but
it takes a function to call, so a prompt appears only for a sealed diary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicelog.errors import LockedError, UsageError, VaultError
from voicelog.store.diary import Diary, create_diary, open_diary

if TYPE_CHECKING:
    from voicelog.store.keys import Opener, Sealer

Passphrase = str | None | Callable[[], str | None]
"""A passphrase, none, or a function that gives one (called only if the diary turns out to be sealed)."""


def key_path(diary: Path) -> Path:
    """The key file that belongs to ``diary``."""
    diary = Path(diary)
    return diary.with_name(diary.name + ".key")


def journal_dir(diary: Path) -> Path:
    """Where recordings in progress are journaled for ``diary`` (beside it, so each diary has its own)."""
    diary = Path(diary)
    return diary.with_name(diary.name + ".journal")


def init_diary(diary: Path, *, passphrase: str | None, plain: bool = False) -> Path:
    """Set up a new diary: a key pair under ``passphrase`` (sealed), or no keys (``plain``).

    ``passphrase`` must pass :func:`~voicelog.store.passphrase.check_new_passphrase`;
    a refused one leaves no file or folder behind.
    """
    from voicelog.store import keys
    from voicelog.store.passphrase import check_new_passphrase

    diary = Path(diary)
    if diary.exists() and diary.stat().st_size > 0:
        raise UsageError(f"A diary already exists at {diary}; nothing was changed.")
    if plain:
        create_diary(diary, mode="plain")
        return diary
    if not passphrase:
        raise UsageError("A sealed diary needs a passphrase that is not empty.")
    check_new_passphrase(passphrase)
    key_file = key_path(diary)
    diary.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    keys.create_keys(key_file, passphrase)
    try:
        create_diary(diary, mode="sealed")
    except BaseException:
        key_file.unlink(missing_ok=True)  # a diary that failed to appear leaves no orphan key
        raise
    return diary


def open_for_recording(diary: Path, passphrase: str | None = None) -> Diary:
    """Open ``diary`` to append: the public key always, the private key only if a passphrase is given."""
    from voicelog.store import keys

    def recording_keys() -> tuple[Sealer | None, Opener | None]:
        sealer = keys.load_sealer(key_path(diary))
        return sealer, keys.unlock(key_path(diary), passphrase) if passphrase else None

    return open_diary(diary, keys=recording_keys)


def open_for_reading(diary: Path, passphrase: Passphrase) -> Diary:
    """Open ``diary`` to read; a sealed one needs the passphrase (:class:`LockedError` without it).

    The file is opened once. ``passphrase`` may be a function: it is called only
    when the diary is sealed, so a plain diary never prompts.
    """
    from voicelog.store import keys

    def reading_keys() -> tuple[Sealer | None, Opener | None]:
        given = passphrase() if callable(passphrase) else passphrase
        if not given:
            raise LockedError(
                "This diary is sealed: reading it needs your passphrase "
                "(type it when asked, or use --passphrase-file / VOICELOG_PASSPHRASE)."
            )
        opener = keys.unlock(key_path(diary), given)
        return opener.sealer(), opener

    return open_diary(diary, keys=reading_keys)


def is_sealed(diary: Path) -> bool:
    """Whether ``diary`` exists and is sealed (needs no passphrase)."""
    if not Path(diary).exists():
        return False
    with open_diary(diary) as opened:
        return opened.sealed


def change_passphrase(diary: Path, old: str, new: str) -> bytes:
    """Move the diary to a new key pair under ``new`` (:func:`~voicelog.store.keys.rotate_keys`); return its public key.

    New entries are sealed to the new key; earlier ones are not re-sealed and stay
    readable through ``new`` only, so an old copy of the key file with ``old`` opens
    nothing written afterwards. ``new`` must pass
    :func:`~voicelog.store.passphrase.check_new_passphrase` (``old`` need not: a
    passphrase set before the policy still unlocks).
    """
    from voicelog.store import keys
    from voicelog.store.passphrase import check_new_passphrase

    if not is_sealed(diary):
        raise VaultError(f"The diary {diary} is plain (not sealed), so it has no passphrase to change.")
    check_new_passphrase(new)
    public = keys.rotate_keys(key_path(diary), old, new)
    # LEAD (issue 10 item 2): pin `public` in the diary's chain here (the key file already holds it).
    return public
