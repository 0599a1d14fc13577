"""A name with who the person is said between it and what they did.

Vosk's text has no commas, so "Bogna, from the post room, waited for me" reaches the rules as "bogna from the post
room waited for me": the name is no clause's start that anything can see, and the words right after it are no deed, so a
name no list knows was lost ("ondrej the caretaker saw it", "tadeo he came again", "kofi from my shift heard
it", "wiremu who's my flatmate saw him", "dami that's her brother pushed me"). Here such a word, where a name can
stand (not after a preposition, a determiner or a possessive), is a name when a deed follows once who the person
is has been said: 'from' and where they are from, 'the' and a word for a person ('the lad from the car wash', 'the
supervisor', 'the landlord's son'), 'one of the stewards', a post ('on the front desk'), 'who ...', 'that's ...', or
'he'/'she' taking the name up. The words found are those no list knows, the world list's first names and the
world list's names that are only rare nouns ("aditya"); the deed is a subject's verb (names.subject_verbs,
vocab/who_deeds.txt, or a verb in -ed). A surname no list knows takes the first name said before it ("may ferrabee who
lives over the road"). In cased text the same holds for capitalised words, whatever the commas: the tagger misses
many such names when a clause of who they are stands between the name and the verb.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.mentions import (
    _NOT_AFTER,
    RULE_OF_CUE,
    Found,
    _cased,
    _deeds,
    _place_words,
    _subject_verbs,
    _unknown,
    lowered,
)
from voicelog.extract.names import (
    DATE_WORDS,
    FILLERS,
    NOT_NAMES,
    PLACE_AFTER,
    RELATION_WORDS,
    TITLES,
    any_first_names,
    common_words,
    nouns,
    ordinary,
    stop_words,
    surnames,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.who_listed import world_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["APPOSED", "apposed"]

APPOSED = rule(
    "people.name-then-who", "a word no list knows (or a world-list first name; capitalised in cased text) where a "
    "name can stand, then who the person is ('from the post room', 'the caretaker', 'one of the cleaners', 'on the front "
    "desk', 'who's my flatmate', 'that's her brother', 'he'), then what they did, is a person's name (marked unsure)",
    said("at the depot ondrej the caretaker saw the whole thing", "Ondrej (witness)"),
    said("about six tiberiu from my shift heard him say it", "Tiberiu (witness)", fires=False),
    said("then tadeo he came again to my desk and shouted", "Tadeo (subject)"),
    said("by the lockers teuila who's my old classmate saw him do it", "Teuila (witness)"),
    said("then ugochi the lad from the car wash shouted at me", "Ugochi (subject)"),
    said("Later May Ferrabee, who lives over the road, came over and shouted.", "May Ferrabee (subject)"),
    said("he turned round and dami that's her brother pushed me", "Dami (subject)"),
    said("the shop was shut so we went to the market and the rain started", None, fires=False))
RULE_OF_CUE.setdefault("apposed", APPOSED)
MID_CLAUSE = rule(
    "people.unknown-mid-clause", "lower-case text: a word no list knows (or a world-list name that is only a rare "
    "noun) right before what a subject does is a name inside a clause too, not only at its start (Vosk writes no "
    "commas or full stops), when no preposition, determiner, possessive, everyday adjective or name comes before it "
    "(marked unsure)",
    said("outside the kebab van on elm street ugochi grabbed me by the arm", "Ugochi (subject)"),
    said("he let go and sped off teuila saw it all from across the road", "Teuila (witness)"),
    said("the silver tivolo was following me all the way home", None, fires=False))
RULE_OF_CUE.setdefault("mid-clause", MID_CLAUSE)

_NOT_BARE = frozenset("again who his her".split())
"""Deeds of vocab/who_deeds.txt that say nothing said right after a word with no clause between."""
_PERSON = frozenset("man woman guy bloke lad lady girl boy fella fellow chap kid one".split())
"""Words for a person, beside the relation and job words (vocab/who_relations.txt): 'the lad from the car wash'."""


@cache
def _pattern() -> re.Pattern[str]:
    person = "|".join(sorted({w for w in RELATION_WORDS | _PERSON if len(w) > 1 and w.isalpha()}, key=len,
                             reverse=True))
    whose = r"(?:the |my |our |his |her |their )"
    appositive = (
        rf"from {whose}?(?:[\w']+ ){{1,3}}?"  # "from the back office", "from laundry"
        rf"|(?:the|this|that) (?:[\w']+ ){{0,2}}?(?:{person})(?:'s (?:{person}))? (?:from {whose}?(?:[\w']+ ){{1,3}}?)?"
        rf"|one of {whose}[\w']+s "  # "one of the stewards"
        r"|(?:on|at|behind) (?:the )?(?:[\w']+ ){1,2}?"  # a post: "on the front desk"
        r"|who(?:'s| is| was)? (?:[\w']+ ){1,5}?"
        r"|that's (?:[\w']+ ){1,3}?"
    )
    deed = rf"(?:again |then |just |also |still |only |both |all )?(?:{_subject_verbs()}|{_deeds()}|[a-z]{{2,}}ed)\b"
    bare = rf"(?:again |then |just |also |still |only |both |all )?(?:{_subject_verbs()}|{_deeds()})\b"
    return re.compile(rf"(?:{appositive})(?:(?:he|she) )?{deed}|(?:he|she) (?!and\b|or\b)[\w']+|(?P<bare>{bare})")


def _name_like(w: str) -> bool:
    """A word that, in a name's slot, is a name: no list knows it, or the world's first-name list does and it is
    no everyday word (a rare noun at most, "aditya"), nor a town."""
    if len(w) < 3 or not w.isalpha() or w in NOT_NAMES or w in FILLERS or w in DATE_WORDS or w in PLACE_AFTER \
            or w in RELATION_WORDS or w in stop_words() or w in _place_words() or w in _PERSON:
        return False
    if w.endswith("s") and (w[:-1] in nouns() or ordinary(w[:-1])) or w.endswith("in") and ordinary(w + "g"):
        return False  # "texts", "tyres", "sayin'": an everyday word as said, no name
    return _unknown(w) or world_name(w) or w in vocab.words("names_world") and w not in common_words() \
        and not ordinary(w) and w in nouns() and w not in vocab.words("towns") and len(w) > 3


def _name_before(lower: list[str], words: list[str], k: int) -> bool:
    """Word k-1 is a name, part of one or a title: word k is then its surname, or it belongs to a place's name."""
    prev = lower[k - 1] if k > 0 else ""
    return bool(prev) and (prev in any_first_names() or _unknown(prev) or world_name(prev) or words[k - 1][:1].isupper()
                           or prev in TITLES or prev in surnames())


def _first_before(w: str, shown: str, cased: bool) -> bool:
    """A word that may be the first name before a surname no list knows: a listed first name, one that is also a
    month or a day ("may", "june"), and in cased text any capitalised word no list knows."""
    return w in any_first_names() and w not in stop_words() and w not in _adjectives() or w in DATE_WORDS \
        or world_name(w) or cased and shown[:1].isupper() and _unknown(w)


@cache
def _adjectives() -> frozenset[str]:
    """WordNet's adjectives: "young" before a name describes the person ("young Tavi Rowe"), it is no name."""
    from voicelog.extract.nlp import lemma_table

    return frozenset(lemma_table("lemma_index")["adj"])


def apposed(n: Normalized, words: list[str], doc: Doc | None) -> list[Found]:
    """APPOSED: names followed by who they are and what they did (in cased text, capitalised ones only)."""
    cased = _cased(n)
    lower = lowered(n)
    out = []
    for k, w in enumerate(lower):
        if n.words[k].kind != "word" or not _name_like(w) or cased and not words[k][:1].isupper():
            continue
        said = _pattern().match(" ".join(lower[k + 1:k + 12]) + " ")
        bare = bool(said and said.group("bare"))
        if not said or bare and (cased or said.group("bare").split()[-1] in _NOT_BARE or _name_before(lower, words, k)
                                 or doc is not None and k < len(doc) and doc[k].pos_ in ("ADJ", "AUX")):
            continue  # MID_CLAUSE: not a surname of a name before it ("fenwick X"), no "havenae", "oughta"
        i = k  # "may ferrabee who lives over the road": a first name before a surname no list knows is its own
        while not bare and _unknown(w) and i > max(0, k - 2) and (not cased or words[i - 1][:1].isupper() and not n.punct_after(i - 1)) \
                and _first_before(lower[i - 1], words[i - 1], cased) and n.words[i - 1].kind == "word":
            i -= 1
        prev = lower[i - 1] if i > 0 else ""
        if prev in _NOT_AFTER or prev.endswith("'s") or doc is not None and 0 < i <= len(doc) and (
                doc[i - 1].pos_ == "DET" or doc[i - 1].pos_ == "ADJ" and prev in common_words()):
            continue  # "a blue kagool she wore": a thing described, no name
        name = " ".join(x[:1].upper() + x[1:] for x in words[i:k + 1])
        out.append(Found(name, i, k + 1, cue="mid-clause" if said.group("bare") else "apposed"))
    return out
