"""A firm named by two names joined by "and" ("at Mercer and Hale", "Ashcombe and Daughters"): one place, not two.

:meth:`voicelog.extract.where_phrase.Reader.np_end` stops a place phrase at "and"; :func:`joins` tells it when the
"and" joins the two halves of a firm's name instead (rule ``location.firm-and``): two capitalised words, neither a
person nor a common word, the second no first name ("at Tesco and Dave rang" is two things), and after the second no
verb nor a name that is no noun ("the Pret on Larkin Row and Omar Sayed": a person's full name). Only the capitals of
written text tell such a name from two things said in a row, so Vosk's lower case ("at mercer and hale") stays cut at
"and". Firm names of this shape recurred in development sets by four authors (round 6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.where_phrase import Reader

FIRM_AND = rule("location.firm-and", "Two capitalised names joined by 'and' after a cue are one firm's name.",
                said("He turned up at Mercer and Hale on Monday.", "Mercer and Hale"),
                said("I was at work at Quill and Marsh Accountants when he came in.",  # named by the rule that grows it
                     "Quill and Marsh Accountants", fires=False),
                said("I was stood at Tesco and Dave was there too.", "Tesco", fires=False))

_NOT_AFTER = ("VERB", "AUX")
"""Tags of the word after the second name that end the firm there: a verb starts a new clause."""


def joins(reader: Reader, noun_start: int, pos: int) -> bool:
    """words[pos] is an "and" joining words[noun_start] and words[pos + 1] into one firm's name."""
    from voicelog.extract.names import first_names
    from voicelog.extract.where_phrase import nouns, wl

    words = reader.account.words
    if pos != noun_start + 1 or pos + 1 >= len(words) or reader.account.punct_after(noun_start) \
            or reader.account.punct_after(pos):
        return False
    halves = (words[noun_start], words[pos + 1])
    if halves[1].lower in first_names() or not all(  # a surname may be a first name too: only the second half counts
            w.kind == "word" and w.text[:1].isupper() and w.text[1:2].islower() and w.lower not in wl("stop")
            and w.lower not in wl("people") and w.lower not in wl("determiners") for w in halves):
        return False
    after = pos + 2
    if after >= len(words) or reader.account.punct_after(pos + 1):
        return True
    third = words[after]  # "and Omar Sayed" is a person's full name; "and Pyke Solicitors" a firm's
    if third.text[:1].isupper() and third.lower not in nouns() and third.lower.removesuffix("s") not in nouns():
        return False
    return reader._tag(after) not in _NOT_AFTER


def named(lowers: list[str], otherwise: str) -> str:
    """The rule a capitalised name of these words is a place by: ``firm-and`` when :func:`joins` took its "and"."""
    return FIRM_AND if "and" in lowers[1:-1] else otherwise
