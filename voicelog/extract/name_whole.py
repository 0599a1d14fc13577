"""Whole names in lower-case text: the part of a name the other rules leave behind.

Without capitals the rules often find one word of a name and not the other: a first name whose surname is a word no
list ties to it ("tobias quarrington" kept as "Tobias"), a surname whose first name is also an everyday word ("grace",
"hope", "joy" before a surname is dropped, the surname kept), and a double surname, which Vosk prints as two words,
losing its second half. :func:`whole_names` adds the longer readings beside the candidates; who.py's "the longest
wins" then keeps them over their parts. Cased text is left alone: its capitals already say where a name ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicelog.extract import vocab
from voicelog.extract.mentions import _CLAUSE_START, RULE_OF_CUE, Found, _cased, _place_words, lowered
from voicelog.extract.name_place_glue import place_noun
from voicelog.extract.names import (
    DATE_WORDS,
    FILLERS,
    NOT_NAMES,
    PLACE_AFTER,
    RELATION_WORDS,
    RELATIONS,
    TIME_ENDS,
    TITLES,
    all_surnames,
    any_first_names,
    common_words,
    first_names,
    nouns,
    ordinary,
    stop_words,
    subject_verbs,
    surnames,
    verb_not_surname,
    word_form,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["DOUBLE_SURNAME", "PAIR_THEN_DEED", "SURNAME_AFTER", "SURNAME_ING", "WORD_FIRST_NAME", "blocked",
           "strong_surname", "whole_names"]

SURNAME_AFTER = rule(
    "people.surname-after-first", "lower-case text: a first name found alone takes the word straight after it as "
    "its surname when that word is a listed surname or a word no everyday list knows ('ottilie ravenscroft him from "
    "the garage', 'mrs hope mcdermid')",
    said("this morning ottilie ravenscroft him from the garage kicked my bin over", "Ottilie Ravenscroft (subject)"),
    said("on tuesday mrs hope mcdermid from the flats shouted at me over the fence", "Mrs Hope Mcdermid (subject)"),
    said("my friend ottilie helped me carry the boxes", "Ottilie (witness)", fires=False))
WORD_FIRST_NAME = rule(
    "people.word-first-name", "lower-case text: a first name that is also an everyday word ('will', 'grace', "
    "'hope', 'joy'; the world's lists too: 'arno') before a surname found alone, with 's or not, is the person's "
    "first name, unless a pronoun or 'to' before it makes it the word ('i hope mcdermid ...')",
    said("honestly will mcdermid turned up at my work again today", "Will Mcdermid (subject)"),
    said("i passed arno spencer at the lights and he spat at me", "Arno Spencer (subject)"),
    said("i hope mcdermid stays away from the house now", "Mcdermid (subject)", fires=False))
DOUBLE_SURNAME = rule(
    "people.double-surname", "lower-case text: a double-barrelled surname, which Vosk prints as two words, is one "
    "name with the first name before it ('ottilie quarrington-ravenscroft')",
    said("yesterday ottilie quarrington ravenscroft kicked my door twice", "Ottilie Quarrington Ravenscroft (subject)"),
    said("yesterday ottilie ravenscroft and ezra kicked my door twice", "Ottilie Ravenscroft (subject), Ezra (subject)",
         fires=False))
PAIR_THEN_DEED = rule(
    "people.pair-then-deed", "lower-case text: a first name (any country's list, or a word no list knows) and a "
    "surname, neither found, before what a subject does or words saying who they are ('this woman lucky okorafor my "
    "brother's ex'), and not after a determiner or a preposition",
    said("on monday evening this woman lucky okorafor my brother's ex kept texting me", "Lucky Okorafor (subject)"),
    said("we got chips at the mcdermid arms and walked home", None, fires=False))
SURNAME_ING = rule(
    "people.surname-ing", "lower-case text: a listed surname ending in -ing after a lone first name is the surname, "
    "not a verb, when what follows says who they are or what they did ('wendell browning the one from the flats', "
    "'ottilie manning coming out of the bike shed')",
    said("last night wendell browning the one from the flats kicked my bin over", "Wendell Browning (subject)"),
    said("i saw ottilie manning coming out of the bike store with my lock", "Ottilie Manning (subject)"),
    said("i saw ottilie walking the dog past my house", "Ottilie (subject)", fires=False))
RULE_OF_CUE.setdefault("surname-ing", SURNAME_ING)
RULE_OF_CUE.setdefault("surname-after", SURNAME_AFTER)  # mentions.py cannot import this module (it imports mentions)
RULE_OF_CUE.setdefault("word-first", WORD_FIRST_NAME)
RULE_OF_CUE.setdefault("double-surname", DOUBLE_SURNAME)
RULE_OF_CUE.setdefault("pair-deed", PAIR_THEN_DEED)

_NOT_WORD_NAME_AFTER = frozenset("i we you they he she it to will would can could should might must may shall don't "
                                 "didn't a an the this these those his her its their our your my some any no "
                                 "every each another at in on into near".split())
"""Before a first name that is also a word, these make it the word ("i hope ...", "to grace ...", "the joy ...")."""


def blocked(w: str) -> bool:
    """A word that is never part of a name, whatever list holds it."""
    return w in stop_words() or w in NOT_NAMES or w in DATE_WORDS or w in PLACE_AFTER or w in TITLES \
        or w in RELATION_WORDS or w in FILLERS or w == "i" or w in subject_verbs()


def strong_surname(w: str) -> bool:
    """A listed surname that is no everyday word ("mcdermid", not "price" or "rose")."""
    return w in surnames() and not ordinary(w) and w not in common_words()


def _unknown(w: str) -> bool:
    """A word no everyday list knows, nor the plural of a noun."""
    return len(w) >= 3 and w.isalpha() and not ordinary(w) and w not in common_words() and w not in nouns() \
        and not (w.endswith("s") and (w[:-1] in nouns() or w[:-1] in common_words()))


def _surname_at(n: Normalized, words: Sequence[str], k: int) -> bool:
    """Word k can be the surname of the name before it (no punctuation between, not a verb taking an object)."""
    lower = lowered(n)
    if k >= len(words) or n.words[k].kind != "word" or n.punct_after(k - 1):
        return False
    w = lower[k].removesuffix("'s")
    if blocked(w) or w in any_first_names() or lower[k - 1].removesuffix("'s") == w:
        return False  # "tiago rory": two people
    return strong_surname(w) or _unknown(w) and not w.endswith(("ed", "ing")) and not verb_not_surname(words, k)


_WHO_AFTER_ING = re.compile(r"(?:\w+ing|the (?:one|1|man|woman|lad|guy|bloke|fella|girl|boy|" + RELATIONS + r")|from|who|"
                            r"(?:my|his|her|our) (?:\w+ )?(?:" + RELATIONS + r"))\b")
"""After 'wendell hastling': another -ing verb, 'the one', a relation, 'from', 'who': the -ing word was a surname."""


def _ing_surname(n: Normalized, k: int) -> bool:
    """SURNAME_ING: word k, a census surname ending in -ing, is the surname of the first name before it."""
    lower = lowered(n)
    if k + 1 >= len(lower) or n.words[k].kind != "word" or n.punct_after(k - 1) or n.punct_after(k):
        return False
    w = lower[k]
    return w.endswith("ing") and len(w) > 5 and w in all_surnames() and w not in any_first_names() \
        and bool(_WHO_AFTER_ING.match(" ".join(lower[k + 1:k + 4])))


def _word_first(n: Normalized, p: int) -> bool:
    """Word p, a listed first name, is the first name of the surname found alone after it (WORD_FIRST_NAME): the
    surname no first name nor everyday word, nor the word said twice ("jen jen"); a function word ("in", "so")
    only when it is a verb that is also a name ("will")."""
    lower = lowered(n)
    w, last = (lower[p], lower[p + 1].removesuffix("'s")) if p >= 0 else ("", "")
    if not strong_surname(last) or w not in any_first_names() and w not in vocab.words("names_world") or w == last \
            or w.endswith("'s") \
            or n.words[p].kind != "word" or n.punct_after(p) or p > 0 and lower[p - 1] in _NOT_WORD_NAME_AFTER:
        return False
    if w in stop_words() and w not in subject_verbs() or blocked(w) and w not in subject_verbs():
        return False
    return not ordinary(w) or last not in first_names()  # "young dean": an adjective and a first name


def _written(words: Sequence[str], a: int, b: int) -> str:
    return " ".join(w.removesuffix("'s")[:1].upper() + w.removesuffix("'s")[1:] for w in words[a:b])


def whole_names(n: Normalized, words: Sequence[str], found: Sequence[Found]) -> list[Found]:
    """``found`` and, beside them, the whole names their parts belong to (lower-case text only)."""
    if _cased(n):
        return list(found)
    lower = lowered(n)
    extra: list[Found] = []
    for f in found:
        if f.registered:
            continue
        if lower[f.j - 1].endswith("'s"):  # "will mcdermid's van": only the first name before it
            if f.j - f.i == 1 and _word_first(n, f.i - 1):
                extra.append(Found(_written(words, f.i - 1, f.j), f.i - 1, f.j, cue="word-first"))
            continue
        last = lower[f.j - 1]
        if f.j - f.i == 1 or f.cue == "title" and f.j - f.i == 2:
            if (last in any_first_names() or last not in surnames()) and _surname_at(n, words, f.j):
                title = f.name.split()[0] + " " if f.j - f.i == 2 else ""
                extra.append(Found(title + _written(words, f.j - 1, f.j + 1), f.i, f.j + 1, cue="surname-after"))
            elif f.j - f.i == 1 and last in any_first_names() and _ing_surname(n, f.j):
                extra.append(Found(_written(words, f.i, f.j + 1), f.i, f.j + 1, cue="surname-ing"))
            if f.j - f.i == 1 and _word_first(n, f.i - 1):
                extra.append(Found(_written(words, f.i - 1, f.j), f.i - 1, f.j, cue="word-first"))
        elif f.j - f.i == 2 and (lower[f.i] in any_first_names() or _unknown(lower[f.i])) and (last in surnames() or _unknown(last)) and _surname_at(n, words, f.j) \
                and strong_surname(lower[f.j].removesuffix("'s")):
            extra.append(Found(f"{f.name} {_written(words, f.j, f.j + 1)}", f.i, f.j + 1, cue="double-surname"))
    taken = {k for f in [*found, *extra] if f.cue != "learned" for k in range(f.i, f.j)}  # a word the model took
    extra += [Found(_written(words, k, k + 2), k, k + 2, cue="pair-deed") for k in range(len(words) - 2)
              if k not in taken and k + 1 not in taken and _pair_then_deed(n, k)]
    return [*found, *extra]


_NOT_BEFORE_PAIR = frozenset("the a an at in on to into from outside inside near by past towards toward his her their "
                             "our your my that some any every of for with".split())
"""Before one of these two words are a thing or a place ("the mcdermid arms"), not a person; "this" may stand before
a name in speech ("this ottilie mcdermid has been ringing")."""
_PERSON_NOUNS = frozenset("this man woman lady girl guy lad bloke fella".split())
"""Before a name: "this woman X Y", "this X Y has been"."""
_SAYS_WHO = re.compile(r"(?:he|she) \w+|the (?:one|man|woman|guy|lad|girl|fella|bloke) |(?:my|me|mi|his|her|our) "
                       r"(?:\w+ )?(?:\w+'s )?(?:\w+ )?(?:" + RELATIONS + r")\b|from (?:the|my|next door|number|work)\b")
"""After a name: a pronoun taking it up, "the one ...", a relation ("my ex's sister"), where they are from."""


def _first_word(w: str) -> bool:
    """A word that can be a first name here: a listed one (any country's), or a word no list knows."""
    return w in any_first_names() or w in vocab.words("names_world") or _unlisted(w)


def _unlisted(w: str) -> bool:
    """No everyday word nor a form of one ("ingvild", "dobromir"; not "halls", "parked")."""
    return len(w) >= 3 and w.isalpha() and not ordinary(w) and w not in common_words() and not word_form(w) \
        and not w.endswith(("ed", "ing"))


def _pair_then_deed(n: Normalized, k: int) -> bool:
    """Words k and k+1 are a first name and a surname before a deed or words saying who they are
    (PAIR_THEN_DEED)."""
    lower = lowered(n)
    a, b = lower[k], lower[k + 1]
    if n.words[k].kind != "word" or n.words[k + 1].kind != "word" or a == b or a.endswith("'s") \
            or b.endswith("'s") or blocked(a) or blocked(b) or a in _place_words() or b in _place_words() \
            or place_noun(a) and a not in any_first_names() and a not in vocab.words("names_world") \
            or k > 0 and (lower[k - 1] in _NOT_BEFORE_PAIR or lower[k - 1].endswith("'s")):
        return False
    wordy = (ordinary(a) or a in nouns()) and a not in any_first_names()  # "loyal", "door"
    if ordinary(a) and a not in any_first_names() and k > 0 and n.words[k - 1].kind == "word" and lower[k - 1] not in _CLAUSE_START \
            and lower[k - 1] not in TIME_ENDS and lower[k - 1] not in _PERSON_NOUNS:
        return False  # an everyday word starts a name only where a clause starts: not "the bike wash ottilie"
    if not _first_word(a) or b in any_first_names() or b in vocab.words("names_world") and b not in surnames() or not (
            (strong_surname(b) or _unlisted(b)) and not (wordy and b in nouns())
            or b in surnames() and _unlisted(a) and not wordy):  # "dobromir slater"; not "kitchen bright", "garden tracker"
        return False
    nxt = " ".join(lower[k + 2:k + 7]) + " "
    verb = lower[k + 2]
    return bool(_ACTS.match(nxt) or verb.endswith("ed") and ordinary(verb) and verb not in _place_words()
                or _SAYS_WHO.match(nxt))


_ACTS = re.compile(r"(?:again |then |just |also |still )?(?:" + "|".join(sorted(
    [*subject_verbs(), *vocab.entries("who_deeds"), "turned up", "pulled up", "has been", "had been", "was", "kept",
     "keeps"], key=len, reverse=True)) + r")\b")
"""What a subject does right after their name ("pulled up", "has been ringing", "came over")."""
