"""Surnames by how many bear them: an everyday word borne only by a rare family does not end a name.

The census surname list holds 88,799 names, among them everyday words that a handful of families bear ("want",
"like", "number", "tell"). In lower-case text :func:`voicelog.extract.mentions.truecase_words` takes a listed surname
after a first name as the rest of that name, so "then ottilie want the keys back" named "Ottilie Want". The list
is in order of how common each name is: an everyday word far down it is the word. An everyday word that many
families bear ("Hammer", "Cook") stays a surname.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from voicelog.extract.names import census_words, ordinary
from voicelog.extract.rules import rule, said
from voicelog.extract.wordset import WordSet

__all__ = ["RARE_SURNAME_WORD", "rare_surname_word"]

RARE_SURNAME_WORD = rule(
    "people.rare-surname-word", "in lower-case text an everyday word that only a rare family bears as a surname "
    "('tell', 'want', 'like') is the word after a first name, not the rest of the name (silent)",
    said("then ottilie want the keys back she said", "Ottilie (subject)", fires=False),
    said("yesterday ottilie hammer came to the door shouting", "Ottilie Hammer (subject)", fires=False))

_COMMON_SURNAMES = 15000
"""How far down the census list (most borne first) a surname that is an everyday word still counts as a surname."""


@lru_cache(maxsize=1)
def _common_surnames() -> WordSet:
    return WordSet(islice(census_words("dist.all.last"), _COMMON_SURNAMES))


def rare_surname_word(word: str) -> bool:
    """RARE_SURNAME_WORD: an everyday word that is no common surname."""
    w = word.lower().removesuffix("'s")
    return ordinary(w) and w not in _common_surnames()
