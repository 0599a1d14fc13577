"""A venue's own name said before its street in lower case: a seed of :mod:`voicelog.extract.where`.

Vosk prints "i was at brellow pet supplies on quarry lane" with no capital to mark "brellow pet supplies" as a name,
and the tagger, reading it as words, may end the phrase "at" opens at its first verb-like word, so only the street
was found. The name is read back from "on" and its street: words a dictionary knows only as nouns or not at all,
up to four, with "the" before them, opened by a cue ("at", "into", "out") or said after the kind of place it is
("my cousin's bakery loafwell on quillon street", "the car wash where i work the jetstop on larch road"). Whisper's
capitals already mark such a name (rules ``name-on-street``, ``unknown-name``), so this reads lower-case text only.
Venues named before their street recurred in accounts by many authors (round 11).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_grow import Seed
from voicelog.extract.where_named import name_word, unheard
from voicelog.extract.where_phrase import Reader, _ends, wl
from voicelog.extract.where_scores import SCORES
from voicelog.extract.where_seeds import cue_rx

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

VENUE_BEFORE_STREET = rule(
    "location.venue-before-street",
    "\"at brellow pet supplies on quarry lane\" in lower case: the venue's own name before its street is the place.",
    said("yesterday at four i was at brellow express plumbing on quarry lane and he came up behind me",
         "brellow express plumbing on quarry lane"),
    said("he was at the car wash where i work the jetstop on larch road all afternoon", "the jetstop on larch road"),
    said("i was in the office quenby lettings on larch road and a courier turned up", "quenby lettings on larch road",
         fires=False),  # read as an apposition when the tagger keeps "the office quenby lettings" together
    said("i saw dave on elm road and he shouted at me", "elm road", fires=False),
    said("I was at Brellow Pet Supplies on Quarry Lane and he came up behind me.",
         "Brellow Pet Supplies on Quarry Lane", fires=False))

_LINKS = ("on", "off")
_SAYS_NAME = frozenset("is called named".split())
"""Before a name, after the kind of place: "my shop that is ...", "a cafe called ..."."""
_RELATIVE_ENDS = frozenset("work works worked working live lives".split())
"""The last word of "where I work", "where she lives" before a name."""
_MAX_NAME = 4


def venue_before_street_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``venue-before-street``: in lower-case text, a venue's name just before "on"/"off" and a street, opened
    by a cue or said after the kind of place it is."""
    words, lowers = reader.account.words, reader.lowers
    if any(word.text[:1].isupper() for word in words[1:] if word.lower != "i"):
        return  # Whisper's capitals mark the name already
    for on in range(1, len(words) - 1):
        if lowers[on] not in _LINKS:
            continue
        street_end = reader.np_end(on + 1)
        if street_end <= on + 1 or reader.head(on + 1, street_end).score < SCORES.street:
            continue
        start = on
        while start > 0 and on - start < _MAX_NAME and name_word(lowers[start - 1]) and not _kind(lowers[start - 1]) \
                and not cue_rx().fullmatch(lowers[start - 1]) and not _part(lowers[start - 1]):
            start -= 1  # "loafwell", "brellow pet supplies"; a place noun ends it ("my front lawn" is read as it is)
        if start == on or not reader.shop_like(start, on):
            continue
        first = start - (start > 0 and lowers[start - 1] == "the")
        if first == 0:
            continue
        before = lowers[first - 1]
        if cue_rx().fullmatch(before):
            yield Seed(before, first - 1, first, on, 0.0, [VENUE_BEFORE_STREET])  # weighed as its cue says
        elif _kind(before) and any(unheard(lower) for lower in lowers[start:on]) \
                or before in _SAYS_NAME and _kind_near(lowers, first - 1) \
                or before in _RELATIVE_ENDS and first >= 3 and lowers[first - 3] in ("where", "that"):
            yield Seed("", first, first, on, 0.0, [VENUE_BEFORE_STREET])


def _kind(lower: str) -> bool:
    """A place noun that can say what kind of place a name after it is ("bakery", "office", "shop front")."""
    return lower in wl("heads") and lower not in wl("weak_heads") or lower in _ends()[2] or lower in wl("kind_places")


def _part(lower: str) -> bool:
    """A body part, a part of a car or a thing carried: "by the arm on quillan road" names no venue."""
    return lower in wl("body_parts") or lower in wl("car_parts") or lower in wl("things") or lower in wl("vehicles")


def _kind_near(lowers: list[str], pos: int) -> bool:
    """A place noun within three words before pos ("my shop that is", "a little cafe called")."""
    return any(_kind(lower) for lower in lowers[max(0, pos - 3):pos])
