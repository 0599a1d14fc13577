"""Padding before sealing, so a sealed record's size says little about what it holds.

Without it, the size of a sealed recording gives the account's length in
seconds, and the size of the people list how many people are in it. Every record
a sealed diary writes is padded to at least :data:`MINIMUM` bytes and above that
to a Padmé size (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files
and Communication with PURBs", 2019): at most about 12 % larger, and a size
reveals only O(log log n) bits of the true length. Records written before
padding have no marker and are returned unchanged.
"""

from __future__ import annotations

from voicelog.errors import VaultError

MARKER = b"VLP1"
"""The first bytes of a padded record (before sealing)."""
MINIMUM = 4096
"""Records shorter than this are padded up to it (hides the people count and short notes' lengths)."""
_LENGTH_BYTES = 4
_HEAD = len(MARKER) + _LENGTH_BYTES
_ZEROS = 1 << 20  # the padding of a long record is written this much at a time


def padme(length: int) -> int:
    """The Padmé size for ``length``: its lowest bits rounded up, keeping about log2(log2(length)) bits."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1
    mantissa_bits = exponent.bit_length()
    mask = (1 << (exponent - mantissa_bits)) - 1
    return (length + mask) & ~mask


def padded_size(length: int) -> int:
    """How long :func:`pad` makes a record of ``length`` bytes."""
    return max(MINIMUM, padme(length + _HEAD))


def pad(data: bytes) -> bytes:
    """``data`` framed with its length and padded with zeros."""
    return b"".join((MARKER, len(data).to_bytes(_LENGTH_BYTES, "big"), data,
                     bytes(padded_size(len(data)) - len(data) - _HEAD)))


def pad_into(out: memoryview, data: bytes) -> None:
    """Write :func:`pad` of ``data`` into ``out`` (exactly :func:`padded_size` long), copying ``data`` once.

    A long recording is padded where it is then sealed, instead of in a copy of its own.
    """
    if len(out) != padded_size(len(data)):
        raise ValueError(f"pad_into needs {padded_size(len(data))} bytes, not {len(out)}")
    out[:_HEAD] = MARKER + len(data).to_bytes(_LENGTH_BYTES, "big")
    end = _HEAD + len(data)
    out[_HEAD:end] = data
    zeros = bytes(min(len(out) - end, _ZEROS))
    for start in range(end, len(out), _ZEROS):
        out[start:start + _ZEROS] = zeros[:len(out) - start]


def unpad(record: bytes) -> bytes:
    """What :func:`pad` framed; a record without the marker (written before padding) as it is."""
    record = bytes(record)
    if record[:len(MARKER)] != MARKER:
        return record
    length = int.from_bytes(record[len(MARKER):_HEAD], "big")
    if _HEAD + length > len(record):
        raise VaultError("A sealed record is damaged (its length does not fit); it cannot be read.")
    return record[_HEAD:_HEAD + length]
