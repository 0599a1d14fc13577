"""A place noun is no first name: in lower-case text "by the boating lake ottilie" is a place, then a name.

Vosk prints no comma between a place and the name after it, so a place's last word ("lake", "canal", "marina") and
the next word looked like an unknown first name and surname (names.name_pairs). A place noun of
vocab/where_heads.txt that no first-name list holds never starts such a pair; it ends the place, as a time ends a
clause (mentions.py, AFTER_TIME), so a word no list knows after it and before a deed is a name.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said

__all__ = ["PLACE_NOUN_NOT_FIRST", "place_end", "place_noun"]

PLACE_NOUN_NOT_FIRST = rule(
    "people.place-noun-not-first", "in lower-case text a place noun that is no first name ('lake', 'canal') does not "
    "start a two-word name with the word after it; it ends the place, so a word no list knows after it, before what a "
    "subject does, is a name ('by the canal dobromir kicked my bike')",
    said("on sunday by the canal dobromir kicked my bike into the water", "Dobromir (subject)"),
    said("i was walking past the marina when ottilie grabbed my arm", "Ottilie (subject)", fires=False))


def place_noun(word: str) -> bool:
    """A one-word place noun of vocab/where_heads.txt ("lake", "canal", "estate")."""
    return word in vocab.words("where_heads")


_PLACE_PREPOSITIONS = frozenset("by at in on outside inside near past behind beside round around opposite from".split())


def place_end(lower: Sequence[str], k: int) -> bool:
    """Word k-1 is a place noun ending a place said with a preposition ("by the boating canal", "in the pantry"), not
    a thing someone made ("the new bakery kowalczyk opened")."""
    return k > 1 and place_noun(lower[k - 1]) and any(w in _PLACE_PREPOSITIONS for w in lower[max(0, k - 5):k - 1])
