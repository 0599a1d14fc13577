"""Keys and sealing: the recording side seals with the public key; reading needs the passphrase.

The key file holds the diary's X25519 public key in clear and its private key
wrapped (XChaCha20-Poly1305) under a key derived from the passphrase with
Argon2id; the Argon2id parameters, salt, format and public key are the wrapping's
associated data, and a digest of them lets an edited parameter be named as an
alteration rather than a wrong passphrase. Files of the first format
(``SecretBox``, parameters not bound) still unlock; ``passwd`` rewrites them. ``dictate`` and ``listen`` only ever call
:func:`load_sealer`, so a seized recording device cannot read its own diary.

Sealed records (``b"VL1"``) are built for opening in bulk. A :class:`Sealer`
makes one ephemeral X25519 key pair when it is created and precomputes the
shared key with the diary's public key, so every record it seals costs only
symmetric encryption. An :class:`Opener` caches one precomputed box per
ephemeral public key it meets, so opening 10,000 records written by a handful of
processes costs a handful of scalar multiplications. The ephemeral private key
lives only in the sealing process's memory and is never written anywhere.

The diary and the capture journal ask only for the two protocols, :class:`Sealer`
and :class:`Opener`. :class:`PublicKeySealer` and :class:`PrivateKeyOpener` are
the sealed diary's; :class:`PlainCodec` is both at once for a diary kept plain
by choice.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import nacl.bindings
import nacl.exceptions
import nacl.secret
import nacl.utils
from nacl.public import Box, PrivateKey, PublicKey
from nacl.pwhash import argon2id

from voicelog.errors import UsageError, VaultError, WrongPassphrase
from voicelog.paths import fsync_dir

KEY_FORMAT = "voicelog-key-2"
"""The ``format`` field of every key file written now: the KDF parameters are authenticated."""
OLD_KEY_FORMAT = "voicelog-key-1"
"""The first key file format (``SecretBox``, parameters not bound); still unlocks, never written."""

#: Argon2id cost stored in every new key file. 3 passes over 64 MiB takes about
#: 0.1 s on a desktop and well under 2 s on a Raspberry Pi 4, and fits beside
#: Vosk on a 1 GB Pi (libsodium's "moderate" 256 MiB would not leave room).
#: The limits are written into the key file, so they can be raised later by
#: ``change_passphrase`` without breaking older files.
OPSLIMIT = 3
MEMLIMIT = 64 * 1024 * 1024

# Bounds a key file's limits must fall in; outside them the file is treated as
# damaged rather than letting a corrupt number ask for terabytes of memory.
_OPSLIMIT_RANGE = (argon2id.OPSLIMIT_MIN, 64)
_MEMLIMIT_RANGE = (argon2id.MEMLIMIT_MIN, 4 * 1024 * 1024 * 1024)

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
    opslimit: int = OPSLIMIT,
    memlimit: int = MEMLIMIT,
) -> PublicKeySealer:
    """Make a new diary key pair, write the key file (0o600) and return a sealer for it.

    Refuses to overwrite an existing key file: losing it loses the diary.
    """
    key_path = Path(key_path)
    secret = _passphrase_bytes(passphrase)
    if key_path.exists():
        raise VaultError(
            f"A diary key already exists at {key_path}; nothing was changed. "
            "Use `voicelog passwd` to change its passphrase."
        )
    private = PrivateKey.generate()
    document = _key_document(bytes(private.public_key), bytes(private), secret, opslimit=opslimit, memlimit=memlimit)
    _write_atomic(key_path, document, exclusive=True)
    return PublicKeySealer(private.public_key)


def load_sealer(key_path: Path) -> PublicKeySealer:
    """Return a sealer for the diary's public key; needs no passphrase."""
    document = _read_key_file(Path(key_path))
    return PublicKeySealer(PublicKey(document.public_key))


def unlock(key_path: Path, passphrase: str) -> PrivateKeyOpener:
    """Unlock the diary's private key with the passphrase and return an opener."""
    key_path = Path(key_path)
    document = _read_key_file(key_path)
    private = _unwrap_private_key(key_path, document, _passphrase_bytes(passphrase))
    return PrivateKeyOpener(private)


def change_passphrase(
    key_path: Path,
    old: str,
    new: str,
    *,
    opslimit: int = OPSLIMIT,
    memlimit: int = MEMLIMIT,
) -> None:
    """Re-wrap the private key under a new passphrase; sealed records stay as they are.

    The key file is replaced atomically, so a crash leaves either the old or the
    new file, never a mix. A wrong old passphrase changes nothing.
    """
    key_path = Path(key_path)
    new_secret = _passphrase_bytes(new)
    document = _read_key_file(key_path)
    private = _unwrap_private_key(key_path, document, _passphrase_bytes(old))
    updated = _key_document(document.public_key, bytes(private), new_secret, opslimit=opslimit, memlimit=memlimit)
    _write_atomic(key_path, updated, exclusive=False)


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

    def seal(self, data: bytes) -> bytes:
        """Return ``b"VL1" + ephemeral public key + nonce + ciphertext`` for ``data``."""
        nonce = nacl.utils.random(_NONCE_BYTES)
        sealed = self._box.encrypt(bytes(data), nonce)
        return SEALED_MAGIC + self._ephemeral_public + sealed


class PrivateKeyOpener:
    """An :class:`Opener` with the diary's private key, caching one box per sealer."""

    def __init__(self, private_key: PrivateKey) -> None:
        self._private = private_key
        self._boxes: dict[bytes, Box] = {}

    @property
    def public_key(self) -> PublicKey:
        """The diary's public key."""
        return self._private.public_key

    @property
    def cached_boxes(self) -> int:
        """How many precomputed boxes (scalar multiplications) this opener has made."""
        return len(self._boxes)

    def sealer(self) -> PublicKeySealer:
        """A sealer for the same diary, for writing while unlocked (amend)."""
        return PublicKeySealer(self._private.public_key)

    def open(self, record: bytes) -> bytes:
        """Return the content of a sealed record; raise :class:`VaultError` if it does not open."""
        record = bytes(record)
        if record[:3] == PLAIN_MAGIC:
            raise VaultError("A record is stored unsealed in a sealed diary; it was not opened.")
        if record[:3] != SEALED_MAGIC or len(record) < SEALED_OVERHEAD:
            raise VaultError("A sealed record is damaged or is not a voicelog record; it cannot be opened.")
        ephemeral = record[3 : 3 + _KEY_BYTES]
        box = self._boxes.get(ephemeral)
        if box is None:
            box = self._boxes[ephemeral] = Box(self._private, PublicKey(ephemeral))
        try:
            return box.decrypt(record[_HEAD:], record[3 + _KEY_BYTES : _HEAD])
        except nacl.exceptions.CryptoError:
            raise VaultError(
                "A sealed record is damaged or was sealed for another diary key; it cannot be opened."
            ) from None


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


# --- internals --------------------------------------------------------------


@dataclass(frozen=True)
class _KeyFile:
    """A key file as read and checked, its base64 fields decoded."""

    public_key: bytes
    """The diary's X25519 public key."""
    salt: bytes
    """Argon2id salt for the passphrase."""
    opslimit: int
    """Argon2id passes."""
    memlimit: int
    """Argon2id memory, in bytes."""
    sealed_private_key: bytes
    """The private key wrapped under the key derived from the passphrase (nonce first)."""
    format: str = KEY_FORMAT
    """:data:`KEY_FORMAT`, or :data:`OLD_KEY_FORMAT` for a file written before the parameters were bound."""
    params_digest: bytes = b""
    """BLAKE2b of :func:`_bound_parameters` as written (new format only)."""


def _passphrase_bytes(passphrase: str) -> bytes:
    if not isinstance(passphrase, str) or passphrase == "":
        raise UsageError("The passphrase is empty; choose one with at least a few words.")
    # NFC, so the same passphrase typed on different keyboards gives the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(secret: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    try:
        return argon2id.kdf(
            nacl.secret.SecretBox.KEY_SIZE, secret, salt, opslimit=opslimit, memlimit=memlimit
        )
    except (MemoryError, nacl.exceptions.RuntimeError) as exc:
        raise VaultError(
            f"Not enough memory to derive the diary key ({memlimit // (1024 * 1024)} MiB needed); "
            "close other programs and try again."
        ) from exc


def _key_document(public: bytes, private: bytes, secret: bytes, *, opslimit: int, memlimit: int) -> bytes:
    """The key file's JSON: the public key in clear, the private key wrapped under ``secret``."""
    if not (_OPSLIMIT_RANGE[0] <= opslimit <= _OPSLIMIT_RANGE[1]):
        raise UsageError(f"Argon2id opslimit {opslimit} is outside {_OPSLIMIT_RANGE}.")
    if not (_MEMLIMIT_RANGE[0] <= memlimit <= _MEMLIMIT_RANGE[1]):
        raise UsageError(f"Argon2id memlimit {memlimit} is outside {_MEMLIMIT_RANGE}.")
    salt = nacl.utils.random(argon2id.SALTBYTES)
    bound = _bound_parameters(public, salt, opslimit, memlimit)
    nonce = nacl.utils.random(_AEAD_NONCE_BYTES)
    wrapped = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        private, bound, nonce, _derive(secret, salt, opslimit, memlimit)
    )
    document = {
        "format": KEY_FORMAT,
        "public_key": _b64(public),
        "kdf": "argon2id",
        "salt": _b64(salt),
        "opslimit": opslimit,
        "memlimit": memlimit,
        "params_digest": _b64(_digest(bound)),
        "sealed_private_key": _b64(nonce + wrapped),
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


_AEAD_NONCE_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES


def _bound_parameters(public: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    """The canonical bytes of what the wrapped private key is bound to (its associated data)."""
    fields = {"format": KEY_FORMAT, "kdf": "argon2id", "public_key": _b64(public), "salt": _b64(salt),
              "opslimit": opslimit, "memlimit": memlimit}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


def _digest(bound: bytes) -> bytes:
    return hashlib.blake2b(bound, digest_size=32, person=b"voicelog-kdf").digest()


def _altered(key_path: Path) -> VaultError:
    return VaultError(
        f"The key file {key_path} was altered (its passphrase settings no longer match what voicelog wrote); "
        "nothing was changed. Restore it from your backup."
    )


def _unwrap_private_key(key_path: Path, document: _KeyFile, secret: bytes) -> PrivateKey:
    bound = b""
    if document.format != KEY_FORMAT and document.params_digest:
        raise _altered(key_path)  # a bound file relabelled as the old format, to hide the binding
    if document.format == KEY_FORMAT:
        # Checked before the slow derivation: an edited parameter (or public key) is named as such, not
        # mistaken for a forgotten passphrase. The digest is unkeyed, so one who also rewrites it gets
        # "wrong passphrase" instead; the parameters are still bound by the AEAD's associated data.
        bound = _bound_parameters(document.public_key, document.salt, document.opslimit, document.memlimit)
        if not hmac.compare_digest(_digest(bound), document.params_digest):
            raise _altered(key_path)
    key = _derive(secret, document.salt, document.opslimit, document.memlimit)
    try:
        if document.format == KEY_FORMAT:
            wrapped = document.sealed_private_key
            plain = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                wrapped[_AEAD_NONCE_BYTES:], bound, wrapped[:_AEAD_NONCE_BYTES], key
            )
        else:
            plain = nacl.secret.SecretBox(key).decrypt(document.sealed_private_key)
        private = PrivateKey(plain)
    except nacl.exceptions.CryptoError:
        raise WrongPassphrase(
            "That passphrase does not unlock the diary; nothing was changed. "
            "Try again (check Caps Lock and the keyboard layout)."
        ) from None
    if bytes(private.public_key) != document.public_key:
        # The private key opened but the public key beside it is not its own:
        # someone replaced it, and new entries may have been sealed to a stranger.
        raise VaultError(
            f"The public key in {key_path} does not belong to the diary's private key; "
            "the key file was altered. Restore it from your backup."
        )
    return private


def _damaged(key_path: Path) -> VaultError:
    return VaultError(
        f"The key file {key_path} is damaged; restore it from your backup "
        "(without it the diary cannot be read)."
    )


def _read_key_file(key_path: Path) -> _KeyFile:
    """Read and check every field of a key file; return it with bytes decoded."""
    try:
        raw = key_path.read_bytes()
    except FileNotFoundError:
        raise VaultError(
            f"No diary key at {key_path}. Run `voicelog init` to set up a diary, "
            "or restore the key file from your backup."
        ) from None
    except IsADirectoryError:
        raise _damaged(key_path) from None
    except PermissionError:
        raise VaultError(
            f"The key file {key_path} cannot be read (permission denied); "
            "run voicelog as the user who owns the diary."
        ) from None
    except OSError as exc:
        raise VaultError(f"The key file {key_path} cannot be read ({exc.strerror}).") from None
    try:
        document = json.loads(raw)
        if not isinstance(document, dict) or document.get("format") not in (KEY_FORMAT, OLD_KEY_FORMAT):
            raise ValueError("format")
        new_format = document["format"] == KEY_FORMAT
        if document.get("kdf") != "argon2id":
            raise ValueError("kdf")
        opslimit, memlimit = document["opslimit"], document["memlimit"]
        for value, (low, high) in ((opslimit, _OPSLIMIT_RANGE), (memlimit, _MEMLIMIT_RANGE)):
            if type(value) is not int or not (low <= value <= high):
                raise ValueError("limits")
        decoded = _KeyFile(
            public_key=_unb64(document["public_key"], _KEY_BYTES),
            salt=_unb64(document["salt"], argon2id.SALTBYTES),
            opslimit=opslimit,
            memlimit=memlimit,
            sealed_private_key=_unb64(
                document["sealed_private_key"],
                nacl.secret.SecretBox.NONCE_SIZE + nacl.secret.SecretBox.MACBYTES + _KEY_BYTES,
            ),
            format=document["format"],
            params_digest=_unb64(document["params_digest"], 32)
            if new_format or "params_digest" in document else b"",
        )
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise _damaged(key_path) from None
    return decoded


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, size: int) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != size:
        raise ValueError("wrong length")
    return data


def _write_atomic(path: Path, data: bytes, *, exclusive: bool) -> None:
    """Write ``data`` to ``path`` through a 0o600 temp file, fsynced, then fsync the folder.

    With ``exclusive`` the final name is claimed with a hard link, which fails if
    the file appeared meanwhile, so two ``init`` runs cannot overwrite each other.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise VaultError(
                    f"A diary key already exists at {path}; nothing was changed."
                ) from None
            except OSError:
                # Some filesystems (FAT on a USB stick) have no hard links.
                if path.exists():
                    raise VaultError(
                        f"A diary key already exists at {path}; nothing was changed."
                    ) from None
                os.replace(temp, path)
        else:
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(folder)
