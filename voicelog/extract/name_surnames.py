"""Surnames by how many bear them: an everyday word borne only by a rare family does not end a name; a noun borne
by many families ("Webb", "Hall") does, after a first name that is also a word ("amber webb").

The census surname list holds 88,799 names, among them everyday words that a handful of families bear ("want",
"like", "number", "tell"). In lower-case text :func:`voicelog.extract.mentions.truecase_words` takes a listed surname
after a first name as the rest of that name, so "then ottilie want the keys back" named "Ottilie Want". The list
is in order of how common each name is: an everyday word far down it is the word. An everyday word that many
families bear ("Hammer", "Cook") stays a surname.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from voicelog.extract import vocab
from voicelog.extract.names import census_words, ordinary
from voicelog.extract.rules import rule, said
from voicelog.extract.wordset import WordSet

__all__ = ["RARE_SURNAME_WORD", "WORD_NAME_SURNAME", "rare_surname_word", "surname_after_word_name"]

RARE_SURNAME_WORD = rule(
    "people.rare-surname-word", "in lower-case text an everyday word that only a rare family bears as a surname "
    "('tell', 'want', 'like') is the word after a first name, not the rest of the name (silent)",
    said("then ottilie want the keys back she said", "Ottilie (subject)", fires=False),
    said("yesterday ottilie hammer came to the door shouting", "Ottilie Hammer (subject)", fires=False))

WORD_NAME_SURNAME = rule(
    "people.word-name-then-surname", "in lower-case text a first name that is also a word ('amber', 'will', 'grace') "
    "is the name before a surname borne by many families, even a noun ('hall'), or a word no dictionary knows "
    "(silent: the name is then read as any other)",
    said("on friday amber thompson threw my bag in the canal", "Amber Thompson (subject)", fires=False),
    said("i was at the gym and will okorafor kept staring at me", "Will Okorafor (subject)", fires=False),
    said("he pulled up the rose bush by my gate last night", None, fires=False),
    said("so at about nine rocky tomasz wierzbicki came to my door", "Tomasz Wierzbicki (subject)", fires=False))

_COMMON_SURNAMES = 15000
"""How far down the census list (most borne first) a surname that is an everyday word still counts as a surname."""


@lru_cache(maxsize=1)
def _common_surnames() -> WordSet:
    return WordSet(islice(census_words("dist.all.last"), _COMMON_SURNAMES))


def rare_surname_word(word: str) -> bool:
    """RARE_SURNAME_WORD: an everyday word that is no common surname."""
    w = word.lower().removesuffix("'s")
    return ordinary(w) and w not in _common_surnames()


_MANY_FAMILIES = 1000
"""How far down the census list a noun ('webb', 'hall') is a surname after a first name that is also a word."""


@lru_cache(maxsize=1)
def _surname_rank() -> dict[str, int]:
    return {w: r for r, w in enumerate(islice(census_words("dist.all.last"), _MANY_FAMILIES))}


@lru_cache(maxsize=1)
def _first_rank() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for fname in ("dist.male.first", "dist.female.first"):
        for r, w in enumerate(census_words(fname)):
            ranks[w] = min(r, ranks.get(w, r))
    return ranks


_DESCRIBING = frozenset("young old little big wee".split())
"""Said before a name to describe the person ('young ottilie brandt'): never the first name itself."""


def surname_after_word_name(first: str, nxt: str, *, unknown: bool) -> bool:
    """WORD_NAME_SURNAME: after ``first``, ``nxt`` is a surname borne by many families that is no everyday verb,
    adjective or adverb and is more often a surname than a first name ('webb', 'hall'; not 'green', 'dean'), or
    (``unknown``) a word of four letters or more that no dictionary knows and no surname follows (else it is the first
    name of the next person: 'rocky tomasz wierzbicki', a nickname and a full name); never after 'young'."""
    w = nxt.lower().removesuffix("'s")
    if first.lower() in _DESCRIBING or w in vocab.words("names") or w in vocab.words("names_world") \
            and w not in _first_rank():
        return False
    rank = _surname_rank().get(w)
    return rank is not None and rank < _first_rank().get(w, rank + 1) and not ordinary(w) or unknown and len(w) > 3
