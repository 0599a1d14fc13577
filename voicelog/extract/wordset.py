"""A large, fixed set of words held compactly: only the membership test, at 8 bytes a word.

The census surname list (88,799 words) as a Python set holds a string object for each word and a hash table
for the set, about 5 MB a copy; the extractor needs two such lists (every surname, and those fit to trust), and
on a Raspberry Pi `voicelog listen` must stay under 400 MB with Whisper and spaCy loaded (``scripts/bench.py``).
:class:`WordSet` keeps only the words' hashes, sorted, in one array, and answers ``word in words`` by binary
search: about 0.7 MB for the census list. Python's string hash is salted per process, so the array is built in
the process that asks; two words sharing a 64-bit hash is a chance of about one in 10**14 per query.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable


class WordSet:
    """The words given, for ``in`` only (no listing them back: use a set where that is needed)."""

    __slots__ = ("_hashes",)

    def __init__(self, words: Iterable[str]) -> None:
        self._hashes = array("q", sorted({hash(word) for word in words}))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = hash(word)
        at = bisect_left(self._hashes, key)
        return at < len(self._hashes) and self._hashes[at] == key

    def __len__(self) -> int:
        return len(self._hashes)

    def __bool__(self) -> bool:
        return bool(self._hashes)
