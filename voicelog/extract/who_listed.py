"""First names of the world's lists in lower-case text, where only a name goes.

Capitalised, a first name of vocab/names_world.txt is trusted (:func:`voicelog.extract.names.cased_first_names`);
in Vosk's lower case nothing tells it from any other word, so many were lost ("my friend took a photo", "it's
obviously him"). Here such a word, when no everyday list knows it, is a name where the words around it leave
room for nothing else: before what a subject does, after "it was", before a relation that renames it, or at a
post ("on the front desk saw it"). who.py adds these to the candidates of :mod:`voicelog.extract.mentions`.
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.mentions import (
    _NOT_AFTER,
    RULE_OF_CUE,
    Found,
    _cased,
    _deeds,
    _place_words,
    _subject_verbs,
    lowered,
)
from voicelog.extract.names import (
    DATE_WORDS,
    NOT_NAMES,
    PLACE_AFTER,
    RELATION_WORDS,
    RELATIONS,
    any_first_names,
    common_words,
    first_names,
    nouns,
    ordinary,
    stop_words,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["LISTED_IN_CONTEXT", "listed_in_context", "world_name"]

LISTED_IN_CONTEXT = rule(
    "people.listed-name-in-context", "lower-case text: a first name of the world's lists that is no everyday word is "
    "a name where only a name goes: before what a subject does ('jevon was sitting'), after 'it was' or 'I think "
    "it's', before 'my <relation>', 'who's my' or 'he's', or at a post ('on the front desk saw it'); capitalised, "
    "such names are found anyway",
    said("today at the market jevon was sitting on the wall by my stall", "Jevon (subject)"),
    said("someone let my tyres down i think it's tavon", "Tavon (subject)"),
    said("i think it is waheed my husband's cousin because he said he would", "Waheed (subject)"),
    said("about nine elwyn on the front counter saw him", "Elwyn (witness)"),
    said("he was standing at the gate with jevon again", None, fires=False))
RULE_OF_CUE.setdefault("listed-context", LISTED_IN_CONTEXT)  # mentions.py cannot import this module

_BLAME = re.compile(r"\b(?:it was|it's|its|it is|it were|that's|must have been|must be) $")
"""Before a name: 'I think it's Tavon'."""
_APPOSITION = re.compile(rf"(?:(?:who's|who is|that's|he's|she's) )?(?:my|his|her|our|me) (?:\w+ )?"
                         rf"(?:{RELATIONS})\b|who(?:'s| is| was| used) ")
"""After a name: 'Waheed my husband's cousin', 'Jevon who's my ex'."""
_AFTER = re.compile(r"(?:he|she)(?:'s| is| was| has| had| came| come| sent| said| says| kept)\b|"
                    r"(?:on|at|behind) (?:the|reception|security) (?:\w+ ){0,2}?(?:saw|seen|heard|noticed|said)\b")
"""After a name: 'Jevon he's my ex', 'Elwyn on the front desk saw him'."""
_LEAD_INS = re.compile(r"^(?:again|then|just|also|suddenly|still|only|actually) ")


def world_name(w: str) -> bool:
    """A lower-case word of the first-name lists (the world's too) that no everyday list knows, and that the
    census lists, trusted anywhere, do not already give ("jevon", not "sister" or "grace")."""
    return len(w) >= 3 and w.isalpha() and w not in first_names() \
        and (w in vocab.words("names_world") or w in any_first_names()) \
        and not ordinary(w) and w not in nouns() and w not in common_words() and w not in NOT_NAMES \
        and w not in stop_words() and w not in DATE_WORDS and w not in PLACE_AFTER and w not in RELATION_WORDS \
        and w not in _place_words()


def listed_in_context(n: Normalized, words: list[str]) -> list[Found]:
    """LISTED_IN_CONTEXT: lower-case world-list first names where only a name goes."""
    if _cased(n):
        return []
    lower = lowered(n)
    out = []
    for k, w in enumerate(lower):
        if n.words[k].kind != "word" or not world_name(w) or k > 0 and lower[k - 1] in _NOT_AFTER:
            continue
        nxt = " ".join(lower[k + 1:k + 5])
        acts = re.match(rf"(?:who (?:\w+ )?)?(?:{_subject_verbs()}|{_deeds()})\b", _LEAD_INS.sub("", nxt))
        if acts or _BLAME.search(" ".join(lower[max(0, k - 4):k]) + " ") or _APPOSITION.match(nxt) \
                or _AFTER.match(" ".join(lower[k + 1:k + 9])):
            out.append(Found(words[k][:1].upper() + words[k][1:], k, k + 1, cue="listed-context"))
    return out
