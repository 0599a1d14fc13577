"""Keys and sealing: the recording side seals with the public key; reading needs the passphrase.

The key file (:mod:`voicelog.store.key_file`) holds the diary's X25519 public
key in clear and its private keys wrapped under the passphrase with an Argon2id
cost chosen for the machine. ``dictate`` and ``listen`` only ever call
:func:`load_sealer`, so a seized recording device cannot read its own diary.
``passwd`` calls :func:`rotate_keys`: new entries are then sealed to a new key
pair, and the earlier private keys stay in the file under the new passphrase
only, so an old copy of the key file with the old passphrase opens nothing
written after the change.

Sealed records (``b"VL1"``) are built for opening in bulk. A :class:`Sealer`
makes one ephemeral X25519 key pair when it is created and precomputes the
shared key with the diary's public key, so every record it seals costs only
symmetric encryption. An :class:`Opener` caches one precomputed box per
ephemeral public key and diary key it tries, so opening 10,000 records written
by a handful of processes costs a handful of scalar multiplications. The
ephemeral private key lives only in the sealing process's memory and is never
written anywhere.

The diary and the capture journal ask only for the two protocols, :class:`Sealer`
and :class:`Opener`. :class:`PublicKeySealer` and :class:`PrivateKeyOpener` are
the sealed diary's; :class:`PlainCodec` is both at once for a diary kept plain
by choice.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import nacl.exceptions
import nacl.utils
from nacl.public import Box, PrivateKey, PublicKey

from voicelog.errors import UsageError, VaultError
from voicelog.store.key_file import (
    KdfLimits,
    key_document,
    locked,
    machine_limits,
    read_key_file,
    unwrap_private_keys,
    write_atomic,
)

SEALED_MAGIC = b"VL1"
"""The first bytes of a record sealed to the diary's public key."""
PLAIN_MAGIC = b"PL1"
"""The first bytes of a record stored in clear (a plain diary)."""
_KEY_BYTES = 32
_NONCE_BYTES = Box.NONCE_SIZE
_HEAD = len(SEALED_MAGIC) + _KEY_BYTES + _NONCE_BYTES
#: Bytes a sealed record adds to its content: magic, ephemeral key, nonce, MAC.
SEALED_OVERHEAD = _HEAD + 16  # Poly1305 tag


class Sealer(Protocol):
    """Seals bytes for the diary (the public half: needs no passphrase)."""

    def seal(self, data: bytes) -> bytes:
        """The stored record for ``data``."""
        ...


class Opener(Protocol):
    """Opens what a :class:`Sealer` of the same diary sealed (needs the unlocked private key)."""

    def open(self, record: bytes) -> bytes:
        """The content of a stored record; :class:`VaultError` if it does not open."""
        ...


# --- the key file -----------------------------------------------------------


def create_keys(
    key_path: Path,
    passphrase: str,
    *,
    opslimit: int | None = None,
    memlimit: int | None = None,
) -> PublicKeySealer:
    """Make a new diary key pair, write the key file (0o600) and return a sealer for it.

    The Argon2id cost is chosen for this machine's free memory
    (:func:`~voicelog.store.key_file.machine_limits`) unless given. Refuses to
    overwrite an existing key file: losing it loses the diary.
    """
    key_path = Path(key_path)
    secret = _passphrase_bytes(passphrase)
    if key_path.exists():
        raise VaultError(
            f"A diary key already exists at {key_path}; nothing was changed. "
            "Use `voicelog passwd` to change its passphrase."
        )
    private = PrivateKey.generate()
    limits = _given_or(machine_limits(), opslimit, memlimit)
    write_atomic(key_path, key_document([private], secret, limits), exclusive=True)
    return PublicKeySealer(private.public_key)


def load_sealer(key_path: Path) -> PublicKeySealer:
    """Return a sealer for the diary's current public key; needs no passphrase."""
    document = read_key_file(Path(key_path))
    return PublicKeySealer(PublicKey(document.public_key))


def unlock(key_path: Path, passphrase: str) -> PrivateKeyOpener:
    """Unlock the diary's private keys with the passphrase and return an opener for all of them."""
    key_path = Path(key_path)
    document = read_key_file(key_path)
    current, *older = unwrap_private_keys(key_path, document, _passphrase_bytes(passphrase))
    return PrivateKeyOpener(current, older)


def change_passphrase(
    key_path: Path,
    old: str,
    new: str,
    *,
    opslimit: int | None = None,
    memlimit: int | None = None,
) -> None:
    """Re-wrap the same private keys under a new passphrase, with no new key pair (``passwd`` uses :func:`rotate_keys`).

    The Argon2id cost is the stronger of the file's and this machine's choice
    unless given. The key file is replaced atomically, so a crash leaves either
    the old or the new file, never a mix. A wrong old passphrase changes nothing.
    """
    _rewrite(Path(key_path), old, new, opslimit, memlimit, rotate=False)


def rotate_keys(
    key_path: Path,
    old: str,
    new: str,
    *,
    opslimit: int | None = None,
    memlimit: int | None = None,
) -> bytes:
    """Move the diary to a new key pair under ``new``; return the new public key.

    The new key file's public key is the new one, so everything sealed from now
    on needs it; its wrapped part holds the new private key and every earlier
    one, so records sealed before stay readable, through ``new`` only. An old
    copy of the key file with ``old`` opens nothing sealed afterwards. The file
    is replaced only by a complete, fsynced new one, under a lock so that two
    rotations at once cannot lose a key. A wrong ``old`` changes nothing; a
    ``voicelog-key-1`` file is rewritten in the current format.
    """
    return _rewrite(Path(key_path), old, new, opslimit, memlimit, rotate=True)


def _rewrite(key_path: Path, old: str, new: str, opslimit: int | None, memlimit: int | None,
             *, rotate: bool) -> bytes:
    new_secret = _passphrase_bytes(new)
    old_secret = _passphrase_bytes(old)
    with locked(key_path):
        document = read_key_file(key_path)
        private = list(unwrap_private_keys(key_path, document, old_secret))
        if rotate:
            private.insert(0, PrivateKey.generate())
        # Never lower the cost: the file just unlocked here, so this machine can afford what it asks.
        limits = _given_or(machine_limits().at_least(document.limits), opslimit, memlimit)
        write_atomic(key_path, key_document(private, new_secret, limits), exclusive=False)
    return bytes(private[0].public_key)


def _given_or(chosen: KdfLimits, opslimit: int | None, memlimit: int | None) -> KdfLimits:
    return KdfLimits(chosen.opslimit if opslimit is None else opslimit,
                     chosen.memlimit if memlimit is None else memlimit)


def _passphrase_bytes(passphrase: str) -> bytes:
    if not isinstance(passphrase, str) or passphrase == "":
        raise UsageError("The passphrase is empty; choose one with at least a few words.")
    # NFC, so the same passphrase typed on different keyboards gives the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


# --- sealing and opening ----------------------------------------------------


class PublicKeySealer:
    """A :class:`Sealer` to the diary's public key; cannot open anything once its process ends.

    Each instance makes one ephemeral key pair, kept only in memory, and reuses
    the shared key for every record it seals. Make one per process (or per day in
    a long-running service); a new instance costs the reader one more scalar
    multiplication.
    """

    def __init__(self, public_key: PublicKey | bytes) -> None:
        if not isinstance(public_key, PublicKey):
            public_key = PublicKey(bytes(public_key))
        self.public_key: PublicKey = public_key
        """The diary's public key this sealer seals to."""
        ephemeral = PrivateKey.generate()
        self._ephemeral_public = bytes(ephemeral.public_key)
        self._box = Box(ephemeral, public_key)

    @property
    def fingerprint(self) -> str:
        """A short hex fingerprint of the diary's public key, to tell diaries apart."""
        return fingerprint(self.public_key)

    @property
    def header(self) -> bytes:
        """What every record this sealer makes starts with: the magic and its ephemeral public key."""
        return SEALED_MAGIC + self._ephemeral_public

    @property
    def box(self) -> Box:
        """The box between the ephemeral key and the diary's key (for sealing a long record in place)."""
        return self._box

    def seal(self, data: bytes) -> bytes:
        """Return ``b"VL1" + ephemeral public key + nonce + ciphertext`` for ``data``."""
        nonce = nacl.utils.random(_NONCE_BYTES)
        sealed = self._box.encrypt(bytes(data), nonce)
        return SEALED_MAGIC + self._ephemeral_public + sealed


class PrivateKeyOpener:
    """An :class:`Opener` with the diary's private keys (current and earlier), caching boxes per sealer."""

    def __init__(self, private_key: PrivateKey, older: Sequence[PrivateKey] = ()) -> None:
        self._keys = (private_key, *older)
        self._boxes: dict[tuple[bytes, int], Box] = {}
        self._owner: dict[bytes, int] = {}  # ephemeral public key -> index of the diary key that opened it

    @property
    def public_key(self) -> PublicKey:
        """The diary's current public key (new records are sealed to it)."""
        return self._keys[0].public_key

    @property
    def public_keys(self) -> tuple[PublicKey, ...]:
        """Every public key this opener can open records for: the current one first, then older ones."""
        return tuple(key.public_key for key in self._keys)

    @property
    def cached_boxes(self) -> int:
        """How many precomputed boxes (scalar multiplications) this opener has made."""
        return len(self._boxes)

    def sealer(self) -> PublicKeySealer:
        """A sealer for the same diary's current key, for writing while unlocked (amend)."""
        return PublicKeySealer(self.public_key)

    def open(self, record: bytes) -> bytes:
        """Return the content of a sealed record; raise :class:`VaultError` if it does not open."""
        record = bytes(record)
        if record[:3] == PLAIN_MAGIC:
            raise VaultError("A record is stored unsealed in a sealed diary; it was not opened.")
        if record[:3] != SEALED_MAGIC or len(record) < SEALED_OVERHEAD:
            raise VaultError("A sealed record is damaged or is not a voicelog record; it cannot be opened.")
        ephemeral = record[3 : 3 + _KEY_BYTES]
        nonce, ciphertext = record[3 + _KEY_BYTES : _HEAD], record[_HEAD:]
        # The key that opened this sealer's last record first: one sealer seals to one key.
        owner = self._owner.get(ephemeral, 0)
        for index in (owner, *(i for i in range(len(self._keys)) if i != owner)):
            try:
                box = self._boxes.get((ephemeral, index))
                if box is None:
                    box = self._boxes[ephemeral, index] = Box(self._keys[index], PublicKey(ephemeral))
                content = box.decrypt(ciphertext, nonce)
            except (nacl.exceptions.CryptoError, nacl.exceptions.RuntimeError):
                continue  # RuntimeError: an ephemeral key of low order, which no sealer makes
            self._owner[ephemeral] = index
            return content
        raise VaultError(
            "A sealed record is damaged or was sealed for another diary key; it cannot be opened."
        )


class PlainCodec:
    """Both a :class:`Sealer` and an :class:`Opener`, for a diary kept unsealed by choice."""

    def seal(self, data: bytes) -> bytes:
        """Return ``b"PL1" + data``: stored in clear."""
        return PLAIN_MAGIC + bytes(data)

    def open(self, record: bytes) -> bytes:
        """Return the content of a plain record."""
        record = bytes(record)
        if record[:3] == SEALED_MAGIC:
            raise VaultError("A record in this unsealed diary is sealed; it needs the diary's passphrase.")
        if record[:3] != PLAIN_MAGIC:
            raise VaultError("A record is damaged or is not a voicelog record; it cannot be read.")
        return record[3:]


def is_sealed(record: bytes) -> bool:
    """Whether a stored record is sealed (as opposed to plain)."""
    return bytes(record[:3]) == SEALED_MAGIC


def fingerprint(public_key: PublicKey | bytes) -> str:
    """A 16-hex-digit fingerprint of a public key (BLAKE2b), safe to show."""
    return hashlib.blake2b(bytes(public_key), digest_size=8, person=b"voicelog-key").hexdigest()
