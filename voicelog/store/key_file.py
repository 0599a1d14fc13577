"""The diary's key file: its format, the Argon2id cost chosen for the machine, the private keys wrapped in it.

A key file is JSON. It holds the diary's current X25519 public key in clear and
its private keys wrapped with XChaCha20-Poly1305 under a key derived from the
passphrase with Argon2id: the current private key first, then every earlier one
that ``passwd`` replaced, newest first, so entries sealed before a change stay
readable, but only through the newest passphrase. The Argon2id parameters, salt,
format and public key are the wrapping's associated data, and a digest of them
lets an edited parameter be named as an alteration rather than a wrong
passphrase. Files of the first format (``SecretBox``, one key, parameters not
bound) still unlock; ``passwd`` rewrites them.

The Argon2id cost is chosen when a key file is written (``init``, ``passwd``)
from the memory the machine has available then (:func:`machine_limits`), and it
is stored in the file, so every unlock later uses what was chosen. libsodium's
MODERATE limits, 3 passes over 256 MiB (0.5-0.8 s an unlock on the 2-core x86
development machine, against 0.1 s for 64 MiB; the unlocking process peaks at
276 MB), are taken wherever at least twice that memory is free: a 1 GB
Raspberry Pi at rest has 700-800 MB free, and the margin leaves room for a
recogniser running beside an unlock. Below that (a 512 MB Pi Zero 2,
a busy 1 GB Pi) the cost falls back to 3 passes over 64 MiB, a quarter of the
work for whoever guesses. Nothing above MODERATE is chosen on bigger machines:
each doubling of memory doubles the wait of every reading command and adds one
bit to a guesser's cost, and a key file restored onto a small device must still
unlock there. ``passwd`` never lowers a file's cost.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nacl.bindings
import nacl.exceptions
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey
from nacl.pwhash import argon2id

from voicelog.errors import UsageError, VaultError, WrongPassphrase
from voicelog.paths import fsync_dir

KEY_FORMAT = "voicelog-key-2"
"""The ``format`` field of every key file written now: the KDF parameters are authenticated."""
OLD_KEY_FORMAT = "voicelog-key-1"
"""The first key file format (``SecretBox``, parameters not bound); still unlocks, never written."""

KEY_BYTES = 32
"""Bytes of an X25519 key, public or private."""
MAX_KEYS = 1024
"""Most private keys a key file may hold (one more each ``passwd``); beyond it the file counts as damaged."""


@dataclass(frozen=True)
class KdfLimits:
    """An Argon2id cost: what a key file stores and every unlock of it pays."""

    opslimit: int
    """Passes over the memory."""
    memlimit: int
    """Memory, in bytes."""

    def at_least(self, other: KdfLimits) -> KdfLimits:
        """The stronger of the two in each parameter."""
        return KdfLimits(max(self.opslimit, other.opslimit), max(self.memlimit, other.memlimit))


MODERATE = KdfLimits(argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE)
"""libsodium's MODERATE limits, 3 passes over 256 MiB: what a machine with the memory for it gets."""
LOW_MEMORY = KdfLimits(3, 64 * 1024 * 1024)
"""3 passes over 64 MiB, for a machine that cannot spare :data:`HEADROOM` times MODERATE's memory."""
HEADROOM = 2
"""A cost is chosen only if this many times its memory is available, so an unlock fits beside other work."""

# Bounds a key file's limits must fall in; outside them the file is treated as
# damaged rather than letting a corrupt number ask for terabytes of memory.
_OPSLIMIT_RANGE = (argon2id.OPSLIMIT_MIN, 64)
_MEMLIMIT_RANGE = (argon2id.MEMLIMIT_MIN, 4 * 1024 * 1024 * 1024)
_AEAD_NONCE_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
_AEAD_TAG_BYTES = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_ABYTES


def choose_limits(available: int | None) -> KdfLimits:
    """The Argon2id cost for a machine with ``available`` bytes of memory free (``None``: not known)."""
    if available is None or available >= HEADROOM * MODERATE.memlimit:
        return MODERATE  # an unknown figure is a system without /proc/meminfo, i.e. not a small board
    return LOW_MEMORY


def available_memory() -> int | None:
    """Bytes of memory this machine can give a new allocation now, or ``None`` if it does not say."""
    try:
        with open("/proc/meminfo", "rb") as meminfo:
            for line in meminfo:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024  # reported in kB
    except (OSError, ValueError, IndexError):
        pass
    try:  # free pages only (no reclaimable cache): a low estimate, which errs towards the cheaper cost
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def machine_limits() -> KdfLimits:
    """The Argon2id cost for a key file written on this machine now."""
    return choose_limits(available_memory())


@dataclass(frozen=True)
class KeyFile:
    """A key file as read and checked, its base64 fields decoded."""

    public_key: bytes
    """The diary's current X25519 public key: new entries are sealed to it."""
    salt: bytes
    """Argon2id salt for the passphrase."""
    limits: KdfLimits
    """The Argon2id cost the file was written with."""
    sealed_private_keys: bytes
    """The private keys (newest first) wrapped under the key derived from the passphrase, nonce first."""
    format: str = KEY_FORMAT
    """:data:`KEY_FORMAT`, or :data:`OLD_KEY_FORMAT` for a file written before the parameters were bound."""
    params_digest: bytes = b""
    """BLAKE2b of :func:`bound_parameters` as written (new format only)."""


def key_document(private_keys: Sequence[PrivateKey], secret: bytes, limits: KdfLimits) -> bytes:
    """The key file's JSON for ``private_keys`` (the current one first) wrapped under ``secret``."""
    if not (_OPSLIMIT_RANGE[0] <= limits.opslimit <= _OPSLIMIT_RANGE[1]):
        raise UsageError(f"Argon2id opslimit {limits.opslimit} is outside {_OPSLIMIT_RANGE}.")
    if not (_MEMLIMIT_RANGE[0] <= limits.memlimit <= _MEMLIMIT_RANGE[1]):
        raise UsageError(f"Argon2id memlimit {limits.memlimit} is outside {_MEMLIMIT_RANGE}.")
    if not 1 <= len(private_keys) <= MAX_KEYS:
        raise UsageError(f"A key file holds 1 to {MAX_KEYS} private keys, not {len(private_keys)}.")
    public = bytes(private_keys[0].public_key)
    salt = nacl.utils.random(argon2id.SALTBYTES)
    bound = bound_parameters(public, salt, limits.opslimit, limits.memlimit)
    nonce = nacl.utils.random(_AEAD_NONCE_BYTES)
    wrapped = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        b"".join(bytes(key) for key in private_keys), bound, nonce, _derive(secret, salt, limits)
    )
    document = {
        "format": KEY_FORMAT,
        "public_key": _b64(public),
        "kdf": "argon2id",
        "salt": _b64(salt),
        "opslimit": limits.opslimit,
        "memlimit": limits.memlimit,
        "params_digest": _b64(params_digest(bound)),
        "sealed_private_key": _b64(nonce + wrapped),
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def bound_parameters(public: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    """The canonical bytes of what the wrapped private keys are bound to (their associated data)."""
    fields = {"format": KEY_FORMAT, "kdf": "argon2id", "public_key": _b64(public), "salt": _b64(salt),
              "opslimit": opslimit, "memlimit": memlimit}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


def params_digest(bound: bytes) -> bytes:
    """The unkeyed digest of :func:`bound_parameters` stored beside them, checked before Argon2id runs."""
    return hashlib.blake2b(bound, digest_size=32, person=b"voicelog-kdf").digest()


def unwrap_private_keys(key_path: Path, document: KeyFile, secret: bytes) -> tuple[PrivateKey, ...]:
    """The private keys in ``document``, the current one first; :class:`WrongPassphrase` if ``secret`` is not it."""
    bound = b""
    if document.format != KEY_FORMAT and document.params_digest:
        raise _altered(key_path)  # a bound file relabelled as the old format, to hide the binding
    if document.format == KEY_FORMAT:
        # Checked before the slow derivation: an edited parameter (or public key) is named as such, not
        # mistaken for a forgotten passphrase. The digest is unkeyed, so one who also rewrites it gets
        # "wrong passphrase" instead; the parameters are still bound by the AEAD's associated data.
        bound = bound_parameters(document.public_key, document.salt, document.limits.opslimit,
                                 document.limits.memlimit)
        if not hmac.compare_digest(params_digest(bound), document.params_digest):
            raise _altered(key_path)
    key = _derive(secret, document.salt, document.limits)
    try:
        if document.format == KEY_FORMAT:
            wrapped = document.sealed_private_keys
            plain = nacl.bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                wrapped[_AEAD_NONCE_BYTES:], bound, wrapped[:_AEAD_NONCE_BYTES], key
            )
        else:
            plain = nacl.secret.SecretBox(key).decrypt(document.sealed_private_keys)
    except nacl.exceptions.CryptoError:
        raise WrongPassphrase(
            "That passphrase does not unlock the diary; nothing was changed. "
            "Try again (check Caps Lock and the keyboard layout)."
        ) from None
    private = tuple(PrivateKey(plain[i : i + KEY_BYTES]) for i in range(0, len(plain), KEY_BYTES))
    if bytes(private[0].public_key) != document.public_key:
        # The private key opened but the public key beside it is not its own:
        # someone replaced it, and new entries may have been sealed to a stranger.
        raise VaultError(
            f"The public key in {key_path} does not belong to the diary's private key; "
            "the key file was altered. Restore it from your backup."
        )
    return private


def read_key_file(key_path: Path) -> KeyFile:
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
        wrapped = _unb64(document["sealed_private_key"])
        keys_held, rest = divmod(len(wrapped) - _AEAD_NONCE_BYTES - _AEAD_TAG_BYTES, KEY_BYTES)
        # The first format holds exactly one key; the current one one or more (one more after each passwd).
        if rest or not 1 <= keys_held <= (MAX_KEYS if new_format else 1):
            raise ValueError("wrong length")
        decoded = KeyFile(
            public_key=_unb64(document["public_key"], KEY_BYTES),
            salt=_unb64(document["salt"], argon2id.SALTBYTES),
            limits=KdfLimits(opslimit, memlimit),
            sealed_private_keys=wrapped,
            format=document["format"],
            params_digest=_unb64(document["params_digest"], 32)
            if new_format or "params_digest" in document else b"",
        )
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise _damaged(key_path) from None
    return decoded


@contextmanager
def locked(key_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the key file now at ``key_path`` while it is read and replaced.

    Two ``passwd`` runs at once would otherwise each write a file holding its own
    new key and not the other's, losing whatever was sealed to the one replaced
    first. The lock is taken on the file itself; one who waited on a file that
    was meanwhile replaced tries again on the new one.
    """
    import fcntl

    while True:
        try:
            fd = os.open(key_path, os.O_RDONLY)
        except OSError:
            read_key_file(key_path)  # says what is wrong (missing, unreadable) in the usual words
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                now = os.stat(key_path)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                yield
                return
        finally:
            os.close(fd)  # releases the lock


def write_atomic(path: Path, data: bytes, *, exclusive: bool) -> None:
    """Write ``data`` to ``path`` through a 0o600 temp file, fsynced, then fsync the folder.

    The old file is replaced only by a complete, fsynced new one, so a crash leaves
    one or the other. With ``exclusive`` the final name is claimed with a hard link,
    which fails if the file appeared meanwhile, so two ``init`` runs cannot
    overwrite each other.
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


def _derive(secret: bytes, salt: bytes, limits: KdfLimits) -> bytes:
    try:
        return argon2id.kdf(
            nacl.secret.SecretBox.KEY_SIZE, secret, salt, opslimit=limits.opslimit, memlimit=limits.memlimit
        )
    except (MemoryError, nacl.exceptions.RuntimeError) as exc:
        raise VaultError(
            f"Not enough memory to derive the diary key ({limits.memlimit // (1024 * 1024)} MiB needed); "
            "close other programs and try again."
        ) from exc


def _altered(key_path: Path) -> VaultError:
    return VaultError(
        f"The key file {key_path} was altered (its passphrase settings no longer match what voicelog wrote); "
        "nothing was changed. Restore it from your backup."
    )


def _damaged(key_path: Path) -> VaultError:
    return VaultError(
        f"The key file {key_path} is damaged; restore it from your backup "
        "(without it the diary cannot be read)."
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError("wrong length")
    return data
