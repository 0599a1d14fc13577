"""A venue said just before its town or street: "at the Corbie in Ashwell", "i manage the kiosk on quarry lane".

A cue and a name ("in Ashwell", "on Quarry Lane") make a place of their own, but when a venue's name comes right
before the cue, the town or street only says where that venue is: the place is the venue with its locator. In Vosk's
lower-case text the venue's name is often words no list knows ("the corbie", "brellow tyres"), and a phrase
opened by a verb with no cue ("i run the ...") is no seed at all, so the town or street alone was picked. This reads
back from the locator's cue over at most four words that can name a venue, to the determiner or cue that opens
them, and the place starts there. It changes the extent of a place only, never which place is picked.
"""

from __future__ import annotations

from functools import cache

from voicelog.extract.names import first_names
from voicelog.extract.roads import NUMBERED_ROAD
from voicelog.extract.rules import rule, said
from voicelog.extract.where_grow import APPOSITION, EXTEND, THE_ONE_ON, UNIT, WHERE_I_WORK
from voicelog.extract.where_phrase import ROAD_NUMBER, STREET, UNKNOWN_NAME, Reader, wl
from voicelog.extract.where_seeds import cue_rx

VENUE_BEFORE_LOCATOR = rule(
    "location.venue-before-locator",
    "\"the corbie in ashwell\": a venue named just before its town or street is the place, with its locator.",
    said("i manage the garden centre in ashwell and on friday he came in and shouted", "the garden centre in ashwell"),
    said("I manage the garden centre in Ashwell, and on Friday he came in and shouted.",
         "the garden centre in Ashwell"),
    said("i look after the kiosk in ashwell and he stood there all morning", "the kiosk in ashwell"),
    said("he was shouting in ashwell on sunday", "ashwell", fires=False),
    said("he told my cousin in ashwell that i was lying", "ashwell", fires=False),
    said("i was out running in ashwell when he drove past", "ashwell", fires=False),
    said("he pulled in behind me at dunley paint and glass on route seven", "dunley paint and glass on route seven"),
    said("i was at the kiosk and on highway forty he pulled in", "highway forty", fires=False),
    said("he was in the hart and hound sorry on mill lane", "mill lane", fires=False))

_LOCATORS = frozenset({UNKNOWN_NAME, STREET, ROAD_NUMBER, NUMBERED_ROAD})
"""What a locator is: a town or other name, a street, a numbered road."""
_GROWN = frozenset({EXTEND, APPOSITION, WHERE_I_WORK, THE_ONE_ON, UNIT})
"""A place already grown past its own name ("the lido on tanners lane") names its venue itself."""
_SOMEONE = frozenset("everybody everyone anybody anyone somebody someone nobody everything something anything "
                     "nothing".split())
_LINKS = frozenset("in at on off".split())
_OPENERS = frozenset("the my our".split())
"""A determiner that opens a venue's name (not "his car", "her bag": their things; nor "a carer", "a drop")."""
_MAX_WORDS = 4


def venue_start(reader: Reader, cue_start: int, end: int, cue: str, rules: tuple[str, ...]) -> int | None:
    """Where the venue said just before the locator words[cue_start:end] (its cue first) begins, or None when
    there is none."""
    lowers = reader.lowers
    if rules[:1] != (NUMBERED_ROAD,) and any(word.kind != "word" for word in reader.account.words[cue_start:end]):
        return None  # "at unit twelve C", "at number six": a unit or house is the place, not a locator
    if cue not in _LINKS or not rules or rules[0] not in _LOCATORS or _GROWN & set(rules) or cue_start == 0 \
            or reader.account.punct_after(cue_start - 1):
        return None  # "at Larch Mall, in Ashwell": two places said in turn
    pos, joined = cue_start - 1, 0
    while pos >= 0 and cue_start - pos <= _MAX_WORDS + 1 + joined:
        lower = lowers[pos]
        if lower in _OPENERS:
            return pos if pos < cue_start - 1 else None
        if cue_rx().fullmatch(lower):
            return pos + 1 if pos < cue_start - 1 and lowers[pos + 1] not in wl("determiners") else None
        if lower == "and" and not joined and 0 < pos < cue_start - 1 and _venue_word(reader, pos - 1) \
                and _venue_word(reader, pos + 1) and not reader.account.punct_after(pos - 1):
            joined = 1  # "brellow paint and glass on route eleven": one name of two halves
        elif not _venue_word(reader, pos) or pos > 0 and reader.account.punct_after(pos - 1):
            return None
        pos -= 1
    return None


@cache
def _never_venue() -> frozenset[str]:
    """Words that are no part of a venue's name: people, times, things carried, vehicles, function words."""
    lists = ("stop", "people", "date_words", "times", "titles", "things", "vehicles", "transport", "body_parts",
             "determiners", "events", "fillers")
    taken_back = {word for phrase in wl("corrections") for word in phrase.split()}  # "the crow sorry on ..."
    return frozenset().union(*(wl(name) for name in lists), first_names(), _SOMEONE, taken_back)


def _venue_word(reader: Reader, pos: int) -> bool:
    """words[pos] can be a word of a venue's name: not a person, a time, a thing carried, a vehicle or a common
    function word."""
    word = reader.account.words[pos]
    lower = word.lower.removesuffix("'s")
    if reader.doc is not None and pos < len(reader.doc) and reader.doc[pos].tag_ in ("VBG", "VBD", "VBN") \
            and lower.endswith(("ing", "ed")):
        return False  # "running in the park", "smashed on tanners lane": a verb, no venue
    return word.kind == "word" and (lower.isalpha() or len(lower) == 1) and lower not in _never_venue()
