"""Setting up a diary and opening it with the right keys: the public key to record, the passphrase to read.

A diary's files sit side by side: ``diary.db``, its key file ``diary.db.key``
(the public key in clear, the private key wrapped under the passphrase) and the
folder ``diary.db.journal`` of recordings in progress. The CLI decides where a
passphrase comes from (flag, environment, prompt); this module never asks, but
it takes a function to call, so a prompt appears only for a sealed diary.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicelog.errors import DiaryError, LockedError, UsageError, VaultError, WrongPassphrase
from voicelog.store import pinning, schema
from voicelog.store.diary import Diary, Keys

if TYPE_CHECKING:
    from voicelog.store.keys import Opener, Sealer
    from voicelog.store.pinning import Pin

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


def init_diary(diary: Path, *, passphrase: str | None, plain: bool = False) -> str:
    """Set up a new diary: a key pair under ``passphrase`` (sealed), or no keys (``plain``).

    ``passphrase`` must pass :func:`~voicelog.store.passphrase.check_new_passphrase`;
    a refused one leaves no file or folder behind. Returns the verification code
    (:mod:`voicelog.store.sealing`), to be shown to the person once.
    """
    from voicelog.store import keys
    from voicelog.store.passphrase import check_new_passphrase

    diary = Path(diary)
    if diary.exists() and diary.stat().st_size > 0:
        raise UsageError(f"A diary already exists at {diary}; nothing was changed.")
    if plain:
        return create_diary(diary, mode="plain")
    if not passphrase:
        raise UsageError("A sealed diary needs a passphrase that is not empty.")
    check_new_passphrase(passphrase)
    key_file = key_path(diary)
    diary.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    sealer = keys.create_keys(key_file, passphrase)
    try:
        return create_diary(diary, mode="sealed", sealer=sealer)
    except BaseException:
        key_file.unlink(missing_ok=True)  # a diary that failed to appear leaves no orphan key
        diary.unlink(missing_ok=True)
        raise


def open_for_recording(diary: Path, passphrase: str | None = None) -> Diary:
    """Open ``diary`` to append: the public key always, the private key only if a passphrase is given.

    Entries are sealed to the key pinned in the diary, never to a key file that
    differs from it: a replaced or missing key file is reported in
    :attr:`Diary.warnings` and the account is sealed to the diary's own key.
    """
    from voicelog.store import keys

    def recording_keys(pin: Pin | None, warn: Callable[[str], None]) -> tuple[Sealer | None, Opener | None]:
        path = key_path(diary)
        try:
            sealer: keys.PublicKeySealer | None = keys.load_sealer(path)
        except VaultError:
            if pin is None or pin.public_key is None:
                raise
            warn(f"The key file {path} is missing or damaged; this account is sealed to the diary's own key "
                 "(pinned when it was set up). Restore the key file from your backup to read the diary.")
            sealer = None
        if pin is not None and pin.public_key is not None:
            if sealer is not None and bytes(sealer.public_key) != pin.public_key:
                warn(swapped_key_warning(path))
            if sealer is None or bytes(sealer.public_key) != pin.public_key:
                sealer = keys.PublicKeySealer(pin.public_key)
        return sealer, keys.unlock(path, passphrase) if passphrase else None

    return open_diary(diary, keys=recording_keys)


def swapped_key_warning(path: Path) -> str:
    """What the person is told when the key file is not the key the diary pinned."""
    return (f"The key file {path} holds a different key from the one this diary was set up with: it has been "
            "replaced. Nothing is sealed to the new key; this account is sealed to the diary's own key as "
            "before. Restore the key file from your backup, and run `voicelog verify`.")


def open_for_reading(diary: Path, passphrase: Passphrase) -> Diary:
    """Open ``diary`` to read; a sealed one needs the passphrase (:class:`LockedError` without it).

    The file is opened once. ``passphrase`` may be a function: it is called only
    when the diary is sealed, so a plain diary never prompts. A key file that is
    not one the diary pinned is refused with a sentence saying so (not as a
    wrong passphrase or a damaged file).
    """
    from voicelog.store import keys

    def reading_keys(pin: Pin | None, warn: Callable[[str], None]) -> tuple[Sealer | None, Opener | None]:
        path = key_path(diary)
        on_file = bytes(keys.load_sealer(path).public_key)
        pinned = pin is not None and pin.public_key is not None
        if pin is not None and pin.public_key is not None and on_file in pin.keys and on_file != pin.public_key:
            warn(f"The key file {path} is an older key of this diary; entries sealed since the last "
                 "`voicelog passwd` cannot be opened with it. Restore the newest key file.")
        given = passphrase() if callable(passphrase) else passphrase
        if not given:
            raise LockedError(
                "This diary is sealed: reading it needs your passphrase "
                "(type it when asked, or use --passphrase-file / VOICELOG_PASSPHRASE)."
            )
        try:
            opener = keys.unlock(path, given)
        except (VaultError, WrongPassphrase):
            if pinned and pin is not None and on_file not in pin.keys:
                raise replaced_key_error(path, on_file, pin) from None
            raise
        if pin is not None and pin.public_key is not None and on_file not in pin.keys:
            held = {bytes(k) for k in opener.public_keys}
            if pin.public_key not in held:
                raise replaced_key_error(path, on_file, pin)
            pending.append(on_file)  # a passwd cut short before it pinned its new key: finished below
        sealer = keys.PublicKeySealer(pin.public_key) if pin is not None and pin.public_key else opener.sealer()
        return sealer, opener

    pending: list[bytes] = []
    opened = open_diary(diary, keys=reading_keys)
    for public in pending:
        opened.pin_key(public)
    return opened


def replaced_key_error(path: Path, on_file: bytes, pin: Pin) -> VaultError:
    """The key file is not one the diary was set up with (or moved to): it was replaced."""
    from voicelog.store.keys import fingerprint

    assert pin.public_key is not None
    return VaultError(f"The key file {path} is not this diary's key: its public key (fingerprint "
                      f"{fingerprint(on_file)}) differs from the one the diary was set up with "
                      f"({fingerprint(pin.public_key)}). It has been replaced; restore it from your backup "
                      "(`voicelog backup` copies it beside the diary) and try again.")


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
    # Pinned after the key file is in place: cut short here, the next reading finishes it (the new key
    # file holds the pinned private key, which proves it is the owner's), and recording meanwhile
    # seals to the pinned older key, which the new file still opens.
    with open_for_reading(diary, new) as opened:
        if opened.pin is not None and opened.pin.public_key != public:
            opened.pin_key(public)
    return public


def upgrade_diary(diary: Path, passphrase: Passphrase) -> str:
    """Start forward-secure sealing on a diary made before it; returns the verification code.

    A sealed diary is opened with its passphrase (``passphrase`` may be a
    function, called only then), so its people list can be moved into the chain.
    """
    with open_for_reading(diary, passphrase) as opened:
        if opened.pin is not None:
            raise UsageError(f"The diary {diary} already seals forward-securely; nothing was changed.")
        people = opened.people()  # from the old table, read before sealing starts
        code = opened.start_sealing()
        for person in people:  # re-adding writes the whole list into the chain
            opened.add_person(person.name, person.aliases)
    return code


def create_diary(path: Path, *, mode: str, sealer: Sealer | None = None) -> str:
    """Create a diary file (``0o600``) in ``mode`` ``sealed`` (sealing to ``sealer``) or ``plain``.

    Its first row pins the mode and key and starts forward-secure sealing;
    returns the verification code, to be shown to the person once.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise UsageError(f"A diary already exists at {path}; nothing was changed.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise DiaryError(
            f"Cannot create the diary {path} ({exc.strerror}); choose another place with --diary.") from exc
    db = schema.connect(path)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [("mode", mode), ("format", schema.FORMAT)])
        db.conn.execute("COMMIT")
    finally:
        db.close()
    with open_diary(path, keys=lambda _pin, _warn: (sealer, None)) as diary:
        return diary.start_sealing()


def open_diary(path: Path, *, keys: Keys | None = None) -> Diary:
    """Open an existing diary, applying migrations.

    A plain diary needs no keys. For a sealed one, ``keys(pin, warn)`` is called
    once, after the file is known to be sealed, for its sealer and opener
    (either may be None); without it a sealed diary opens locked: its chain can
    be verified, counted and backed up, its content neither read nor written.
    The mode pinned in the chain's first row wins over the ``meta`` row beside it:
    a diary set up sealed is never written in clear because a file says so.
    """
    path = Path(path)
    if path.is_dir():
        raise DiaryError(f"{path} is a folder, not a diary file; pass --diary with a file path.")
    if not path.exists():
        raise DiaryError(f"There is no diary at {path} yet; run `voicelog init` (or `voicelog dictate`) to start one.")
    schema.check_is_diary(path)  # before anything that could write to someone else's file
    db = schema.connect(path)
    warnings: list[str] = []
    try:
        mode = dict(db.conn.execute("SELECT key, value FROM meta").fetchall()).get("mode")
        pin = pinning.read_pin(db.conn)
        if pin is not None and pin.mode in schema.MODES and pin.mode != mode:
            warnings.append(f"The diary's mode setting was changed from {pin.mode} to {mode} after it was set up "
                            f"(someone may have edited {path.name}); it is kept {pin.mode}, as it was set up. "
                            "Run `voicelog verify`.")
            mode = pin.mode
        if mode not in schema.MODES:
            raise schema.never_set_up(path)
        if mode == "plain":
            from voicelog.store.keys import PlainCodec

            codec = PlainCodec()
            return Diary(path, db, mode=mode, sealer=codec, opener=codec, pin=pin, warnings=warnings)
        sealer, opener = keys(pin, warnings.append) if keys is not None else (None, None)
    except BaseException:
        db.close()
        raise
    return Diary(path, db, mode=mode, sealer=sealer, opener=opener, pin=pin, warnings=warnings)
