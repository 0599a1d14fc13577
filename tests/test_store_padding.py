"""Padding (voicelog.store.padding): sizes say little, content comes back exactly, damage is refused."""

from __future__ import annotations

import pytest

from voicelog.errors import VaultError
from voicelog.store import padding


def test_padme_rounds_up_by_at_most_an_eighth_and_keeps_few_sizes() -> None:
    for length in range(2, 200_000, 997):
        size = padding.padme(length)
        assert length <= size <= length * 1.125
    sizes = {padding.padme(n) for n in range(1_000_000, 1_100_000)}
    assert len(sizes) < 30  # a hundred thousand lengths share a handful of sizes


def test_small_records_all_look_alike_and_round_trip() -> None:
    one = padding.pad(b'{"people": [{"name": "A"}]}')
    many = padding.pad(b'{"people": [' + b'{"name": "Someone Else"},' * 40 + b"]}")
    assert len(one) == len(many) == padding.MINIMUM
    assert padding.unpad(one) == b'{"people": [{"name": "A"}]}'
    audio = bytes(range(256)) * 700
    assert padding.unpad(padding.pad(audio)) == audio


def test_a_record_from_before_padding_is_returned_as_it_was() -> None:
    assert padding.unpad(b'{"transcript": "old"}') == b'{"transcript": "old"}'


def test_a_length_that_does_not_fit_is_damage() -> None:
    record = bytearray(padding.pad(b"abc"))
    record[4:8] = (10**6).to_bytes(4, "big")
    with pytest.raises(VaultError, match="damaged"):
        padding.unpad(bytes(record))


def test_padding_in_place_writes_what_pad_gives() -> None:
    for data in (b"", b"abc", bytes(range(256)) * 16, bytes(range(256)) * 9000):
        out = bytearray(b"\xff" * padding.padded_size(len(data)))  # whatever was there before is overwritten
        padding.pad_into(memoryview(out), data)
        assert bytes(out) == padding.pad(data) and padding.unpad(bytes(out)) == data
    with pytest.raises(ValueError, match="needs 4096 bytes"):
        padding.pad_into(memoryview(bytearray(4095)), b"abc")
