"""Names that the name lists and everyday-word checks would turn away, taken on what is said right before them.

:func:`voicelog.extract.mentions.candidates` reads a name after a cue ("my neighbour Nell") only when it is no
everyday word. The words that give a person's name ("her name is Grace") or the nickname they go by ("the one they
call Moth", "calls himself Badger", "goes by J-Dog") say the next word is a name whatever else it is; and in
lower-case text a relation before a word that is only a noun in WordNet, which holds many given names as nouns (a
goddess, a plant, a coin: "the cook vishnu"), says so too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.names import (
    DATE_WORDS,
    NOT_NAMES,
    PLACE_AFTER,
    RELATION_WORDS,
    RELATIONS,
    TITLES,
    common_words,
    nouns,
    ordinary,
    plural,
    stop_words,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["CUE_RARE_NOUN", "NAMING", "NICKNAME", "named", "nickname", "rare_noun_name"]

NICKNAME = rule("people.nickname", "the name a person goes by, after 'they call him', 'calls himself', 'goes by' or "
                "'known as' ('the one they call Moth'), is their name even when it is an everyday word",
                said("a lad they call moth kicked my bike over outside the chippy", "Moth (subject)"),
                said("Some bloke who calls himself Badger keeps messaging me at night.", "Badger (subject)"),
                said("a driver who goes by j dog was waiting by my gate again", "J Dog (subject)"),
                said("this man online calls himself silent owl and he keeps messaging me", "Silent Owl (subject)"),
                said("a lad who goes by moth real name's dara quint kicked my bike over", "Dara Quint (subject)",
                     fires=False),
                said("It's known as the long way round, he followed me along it.", None, fires=False))
CUE_RARE_NOUN = rule("people.cue-rare-noun", "lower-case text: after a relation ('my daughter', 'the chef'), a word "
                     "that is only a noun (WordNet holds many names as nouns) and that the tagger reads as a proper "
                     "noun or the world's first-name list holds (as listed, surnames too) is the person's name",
                     said("he shoved me at the bar and the cook vishnu pulled him away", "Vishnu (witness)"),
                     said("he kicked the door in and my flatmate salim was there", "Salim (witness)"),
                     said("my lodger fielding saw him kick the door", "Fielding (witness)"),
                     said("he sat in his van and her ex fella he just watched me", None, fires=False),
                     said("my brother phone was off all night so he kept ringing me", None, fires=False))

NAMING = re.compile(r"\b(?:his|her|their) name (?:is|was)$|\b(?:his|her|their) name's$")


def named(words: list[str], n: Normalized, k: int, left: str) -> tuple[str, int] | None:
    """Right after "her name is", "a girl called": the word is her name even when it is also a word ("her name is
    grace", "a lad called sonny")."""
    lw = words[k].lower().removesuffix("'s")
    if not NAMING.search(left) or n.words[k].kind != "word" or lw in stop_words() or lw in NOT_NAMES:
        return None
    return words[k].removesuffix("'s"), k + 1


_NICKNAME = re.compile(r"\b(?:(?:they|people|everyone|everybody|we|folk) call(?: (?:him|her))?|calls (?:himself|herself)|"
                       r"called (?:himself|herself)|goes by|went by|known as|know (?:him |her )?(?:only |just )?as)$")
"""Words that give the nickname a person goes by ('the one they call X', 'calls himself X', 'goes by X')."""
_PERSON_NOUNS = frozenset("man woman guy bloke lad lady girl boy fella fellow chap geezer dude kid".split())
"""Nouns for a person, never their name ('her ex fella')."""


def _at(words: list[str], k: int) -> str:
    return words[k].lower() if 0 <= k < len(words) else ""


@cache
def _deeds() -> str:
    return "|".join(vocab.entries("who_deeds"))


def nickname(words: list[str], n: Normalized, k: int, left: str, doc: Doc | None) -> tuple[str, int] | None:
    """NICKNAME: right after 'they call him', 'calls himself', 'goes by', 'known as' (``left``, the words before k),
    the word is what the person goes by, everyday word or not ('they call him moth'); a lone letter takes the word
    after it ('j dog'), and so does a word the tagger reads as a noun ('silent owl'); none when the real name
    follows ('goes by moth, real name Dara Quint': the person is the real name). Returns the name and its end."""
    if not _NICKNAME.search(left) or k >= len(words) or n.words[k].kind != "word" \
            or "real name" in " ".join(_at(words, x) for x in range(k + 1, k + 5)):
        return None
    lw = words[k].lower().removesuffix("'s")
    if lw in stop_words() and len(lw) > 1 or lw in NOT_NAMES or lw in RELATION_WORDS or lw in TITLES \
            or not lw.replace("'", "").isalpha():
        return None
    if len(lw) == 1:  # "j dog", "T-Bone": a letter and a word said as one name
        if k + 1 >= len(words) or n.words[k + 1].kind != "word" or _at(words, k + 1) in stop_words() \
                or n.punct_after(k) not in ("", "-"):
            return None
        return f"{words[k].upper()} {words[k + 1].removesuffix(chr(39) + 's')}", k + 2
    nxt = _at(words, k + 1)
    if doc is not None and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN") and nxt in nouns() \
            and nxt not in stop_words() and not lw.endswith("'s") and not n.punct_after(k) \
            and not re.match(rf"(?:{_deeds()})\b", nxt):
        return f"{words[k]} {words[k + 1].removesuffix(chr(39) + 's')}", k + 2
    return words[k].removesuffix("'s"), k + 1


def rare_noun_name(words: list[str], n: Normalized, k: int, doc: Doc | None, left: str,
                   place_words: frozenset[str]) -> tuple[str, int] | None:
    """CUE_RARE_NOUN: lower-case text, right after a relation ('my daughter X', 'the chef X'), a word that is only a
    noun in WordNet, no everyday verb or adjective, no place, that the tagger reads as a proper noun or the world's
    first-name list holds, and no noun after it (a compound: 'my dad car'), is the person's name. A listed name the
    tagger reads as a noun may also be a surname or an -ing noun, and a verb may follow it ('my flatmate salim saw')."""
    lw = words[k].lower()
    if doc is None or k >= len(doc) or n.words[k].kind != "word" or re.search(r"[A-Z]", n.original) \
            or doc[k].pos_ != "PROPN" and lw not in vocab.words("names_world") or not re.search(rf"\b(?:{RELATIONS})$", left):
        return None
    nxt = _at(words, k + 1)
    # the world's names as listed, surnames and -ing nouns too: after a relation, a person is named ("amir", "blessing")
    listed = lw in vocab.words("names_world") and doc[k].pos_ in ("NOUN", "PROPN")  # the noun, not the verb
    if lw not in nouns() or lw in common_words() or ordinary(lw) and not listed or plural(lw) or lw in NOT_NAMES or len(lw) < 3 \
            or lw in _PERSON_NOUNS or lw in RELATION_WORDS or lw in PLACE_AFTER or lw in DATE_WORDS \
            or lw in place_words or not lw.isalpha() or nxt in nouns() and nxt not in stop_words() \
            and not (listed and k + 1 < len(doc) and doc[k + 1].pos_ in ("VERB", "AUX")):  # "blessing saw him"
        return None
    return words[k], k + 1
