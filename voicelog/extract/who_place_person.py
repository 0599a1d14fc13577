"""A full name the account's place ran over, said as the start of what that person did.

The place finder sometimes reads on past a place's last word into the name of the person who comes next ("at the
bowls club in Aberfeldy Cosmin Varga came over"), and :mod:`voicelog.extract.who_places` then drops the name as
part of the place. :func:`person_after_place` keeps a first name and surname there when what follows is plainly a
person's: a pronoun taking the name up ("Cosmin Varga, he was there", common where English is a second language),
where they are from ("from the pub"), or what a subject does. A place's own name stands right after 'at', 'in' or
'the' ("at Bella Roma he ..."), so a pair there is left to the place.
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.mentions import Found, _cased, lowered
from voicelog.extract.name_whole import blocked, strong_surname
from voicelog.extract.names import (
    RELATIONS,
    any_first_names,
    common_words,
    nouns,
    ordinary,
    subject_verbs,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["FULL_NAME_AFTER_PLACE", "person_after_place"]

FULL_NAME_AFTER_PLACE = rule(
    "people.full-name-after-place", "a first name and surname right after the place's words, taken up by 'he'/'she', "
    "by where they are from ('from the pub') or by what they did, is a person the place ran over, not the place's end",
    said("at the bowls club in aberfeldy cosmin varga came over and tipped my drink", "Cosmin Varga (subject)"),
    said("on friday i was at the chemist in kelso and radu ionescu he shouted at me in the queue", "Radu Ionescu (subject)"),
    said("I was waiting at the Northgate stop and Pat Hennessey from the chippy shoved me into the railings.",
         "Pat Hennessey (subject)"),
    said("we had dinner at bella roma he was outside when we came out", None, fires=False))

_NOT_BEFORE = frozenset("the a an at in on to into from outside inside near by past towards toward via through his her "
                        "their our your my of for with".split())
"""Right after one of these a pair of words is the place's own name ("at Bella Roma"), not a person after it."""
_PRONOUN = re.compile(r"(?:he|she|him|her) (?!and\b|or\b)\w+")
"""'Cosmin Varga he was there', 'him just look at me': the name taken up by a pronoun and a verb."""
_FROM = re.compile(r"from (?:the|my|our|next door|number|work|upstairs|downstairs|across)\b")
_RENAMED = re.compile(rf"(?:my|his|her|our|their|mi) (?:\w+'s )?(?:\w+ )?(?:{RELATIONS})\b")


def _word_ok(w: str) -> bool:
    """A word that may be part of a name here at all."""
    return len(w) >= 2 and w.isalpha() and not blocked(w)


def _rare(w: str) -> bool:
    """No everyday word: a name of another country's lists, or one no list knows ("cosmin", "varga")."""
    return not ordinary(w) and w not in common_words() and w not in nouns()


def _full_name(n: Normalized, f: Found) -> bool:
    """Candidate f is two words that read as a first name and a surname: the first a listed first name or a word no
    list knows, the surname a listed surname or no everyday word; an everyday-word first name ('pat', 'hope') only
    before a surname that is no everyday word."""
    if f.j - f.i != 2:
        return False
    lower = lowered(n)
    first, last = lower[f.i], lower[f.j - 1].removesuffix("'s")
    if not (_word_ok(first) and _word_ok(last)) or first == last or n.words[f.j - 1].lower.endswith("'s"):
        return False
    if _cased(n) and not all(w.text[:1].isupper() for w in n.words[f.i:f.j]):
        return False
    strong_last = strong_surname(last)
    if not (strong_last or _rare(last) and last not in any_first_names()):
        return False
    listed = first in any_first_names() or first in vocab.words("names_world")
    return (listed or _rare(first)) and (not ordinary(first) or strong_last)


def _said_as_person(n: Normalized, f: Found) -> bool:
    """What follows the name says it is a person: a pronoun taking it up, where they are from, a relation, a deed."""
    lower = lowered(n)
    after = " ".join(lower[f.j:f.j + 4])
    nxt = lower[f.j] if f.j < len(lower) else ""
    doing = nxt.endswith("ing") and ordinary(nxt)  # "... in Ashby Cosmin Varga waiting by my car"
    return bool(_PRONOUN.match(after) or _FROM.match(after) or _RENAMED.match(after)) \
        or not n.punct_after(f.j - 1) and (nxt in subject_verbs() or doing)


def person_after_place(n: Normalized, f: Found) -> bool:
    """FULL_NAME_AFTER_PLACE: candidate f, inside the place as read, is a full name starting what that person did."""
    lower = lowered(n)
    if f.registered or f.i == 0 or lower[f.i - 1] in _NOT_BEFORE or lower[f.i - 1].endswith("'s"):
        return False
    return _full_name(n, f) and _said_as_person(n, f)
