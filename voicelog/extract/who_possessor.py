"""A name before "'s" and something a person has.

"It was in tavish's handwriting", "parked behind oriel's van", "her cousin mihaela's flat": the word before "'s" owns
a relation, a body part, a vehicle or something else only a person has (a handwriting, a phone number, a birthday),
so it is a person, even when no name list knows the word and the slot is no subject's. Many shops and firms are
said with "'s" too ("the corner shop's sign", "at Gallagher's car park"), so what follows must be a person's
belonging (vocab/who_belongings.txt, the relation words, body parts, vehicle kinds; an adjective may come between,
"oriel's new number"), and the owner must not be an everyday word, a place or venue word, nor follow "the" or "a"
(a thing's or a shop's). In lower-case text the owner is a word no list knows or a world-list first name; in cased
text a capitalised word, with the capitalised words right before it ("Merrit Vandeloo's truck").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.mentions import RULE_OF_CUE, Found, _cased, _place_words, _unknown, lowered
from voicelog.extract.names import RELATION_WORDS, TITLES, any_first_names, ordinary, stop_words
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["POSSESSOR_NAME", "possessors"]

POSSESSOR_NAME = rule(
    "people.possessor-name", "a word before \"'s\" and a relation, body part, vehicle or personal belonging "
    "('tavish's van', 'in oriel's handwriting', 'mihaela's new number') is a person's name, when it is no everyday, "
    "place or venue word and does not follow 'the' or 'a'",
    said("he parked right behind tavish's van and waited there with his lights off", "Tavish (subject)"),
    said("the card under the wiper was in Oriel's handwriting, no doubt about it", "Oriel (subject)"),
    said("someone had scratched the corner shop's sign and the paint on my gate", None, fires=False))
RULE_OF_CUE.setdefault("owner", POSSESSOR_NAME)

_NOT_BEFORE = frozenset("the a an this that my your his her our their some any st saint".split())
"""A determiner before the owner makes it a thing or a shop ('the vet's car park', 'a friend's van'), a saint
makes it a church, school or hospital ('St Oriel's car park')."""


@cache
def _belongings() -> frozenset[str]:
    kin = {w for w in RELATION_WORDS if len(w) > 2 and w not in stop_words()}  # not "in" of "son in law"
    return vocab.words("who_belongings") | kin | vocab.words("where_body_parts") | vocab.words("vehicle_kinds")


@cache
def _venues() -> frozenset[str]:
    return vocab.words("who_venues") | vocab.words("who_organisations") | vocab.words("towns")


def _owns(lower: list[str], k: int, doc: Doc | None) -> bool:
    """Word k+1 is a belonging, or an adjective and then one ('new number', 'little sister')."""
    nxt = lower[k + 1] if k + 1 < len(lower) else ""
    if nxt in _belongings():
        return True
    adjective = doc is not None and k + 1 < len(doc) and doc[k + 1].pos_ == "ADJ" or nxt in vocab.words("vehicle_colours")
    return adjective and k + 2 < len(lower) and lower[k + 2] in _belongings()


def _owner(w: str, cased: bool, shown: str) -> bool:
    bare = w.removesuffix("'s")
    if bare in _place_words() or bare in _venues():
        return False
    if cased:
        return shown[:1].isupper() and (not ordinary(bare) or bare in any_first_names())
    return _unknown(bare) or (bare in vocab.words("names_world") or bare in any_first_names()) and not ordinary(bare)


def possessors(n: Normalized, words: list[str], doc: Doc | None) -> list[Found]:
    """POSSESSOR_NAME: the owners of a person's belongings."""
    cased = _cased(n)
    lower = lowered(n)
    out = []
    for k, w in enumerate(lower):
        if n.words[k].kind != "word" or not w.endswith("'s") or k > 0 and lower[k - 1] in _NOT_BEFORE \
                or not _owner(w, cased, words[k]) or not _owns(lower, k, doc):
            continue
        i = k
        while cased and i > 0 and n.words[i - 1].kind == "word" and words[i - 1][:1].isupper() \
                and lower[i - 1] not in _NOT_BEFORE and (not ordinary(lower[i - 1]) or lower[i - 1] in any_first_names()) and not n.punct_after(i - 1) \
                and lower[i - 1] not in TITLES and lower[i - 1] not in RELATION_WORDS and lower[i - 1] not in stop_words():
            i -= 1  # "Merrit Vandeloo's": the name's first words
        name = " ".join(x[:1].upper() + x[1:] for x in words[i:k + 1]).removesuffix("'s").removesuffix("'S")
        out.append(Found(name, i, k + 1, cue="owner"))
    return out
