"""The compact word set: the same answers as a set, at a fraction of its memory."""

from __future__ import annotations

import sys

import pytest

from voicelog.extract.wordset import WordSet


def test_it_answers_as_a_set_does() -> None:
    words = {f"name{k}" for k in range(5000)} | {"okafor", "o'brien", "ní"}
    held = WordSet(words)
    assert all(word in held for word in words)
    assert not any(f"other{k}" in held for k in range(5000))
    assert "Okafor" not in held  # case is the caller's to fold, as with a set of lower-case words
    assert 3 not in held and None not in held
    assert len(held) == len(words) and held and not WordSet([])


def test_the_census_surnames_take_a_fraction_of_a_set() -> None:
    pytest.importorskip("names")
    from voicelog.extract import names

    as_set = set(names.census_words("dist.all.last"))
    held = names.all_surnames()
    assert len(as_set) > 80_000 and all(word in held for word in as_set)
    assert "smith" in names.surnames() and "both" in held and "both" not in names.surnames()
    set_bytes = sys.getsizeof(as_set) + sum(sys.getsizeof(w) for w in as_set)
    assert held._hashes.itemsize * len(held) * 5 < set_bytes
