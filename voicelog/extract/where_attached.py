"""A part of a place said with the place it belongs to, even in Vosk's lower case: "the forecourt of moxley motors",
"the side entrance to ostley halls".

:func:`voicelog.extract.where_grow.grow` reads a connector and a further phrase after a place; a name no list knows
counts as a place after "in", "on", "at" and "from". These rules let it also follow "of" (and a side of a place
said with "of": "the yard round the back of tarrants") and, after a way in
(vocab/where_ways_in.txt), "to", so the part keeps the named place that says which one it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import wl

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.where_grow import Growing

OF_A_NAME = rule("location.of-a-name", "\"the beer garden of moxley's\": a part of a place keeps the name after \"of\".",
                 said("he sat in the beer garden of fennimore's until i left", "the beer garden of fennimore's"),
                 said("she stood in the forecourt of moxley motors shouting at me", "the forecourt of moxley motors"),
                 said("his van sat in the yard round the back of tarrants all night", "the yard round the back of tarrants"),
                 said("his van sat in the yard round the back of the library all night", "the yard", fires=False))
WAY_INTO = rule("location.way-into", "\"the side entrance to Ostley Halls\": a way in keeps where it leads.",
                said("he hung about by the side entrance to ostley halls all evening", "by the side entrance to ostley halls"),
                said("She kept pacing on the steps to the rooftop deck.", "the steps to the rooftop deck"),
                said("he trailed me from the surgery door to the cab rank on kelby road", "the cab rank on kelby road",
                     fires=False))


_SIDE_OF = ("at the back of", "round the back of", "at the front of", "at the end of")


def side_of(g: Growing) -> str | None:
    """``of-a-name``: "the yard round the back of tarrants": a side of a place no list knows reads on as a connector
    (a place every list knows stays out: "behind the skip round the back of my flats" is behind the skip)."""
    link = next((side for side in _SIDE_OF if g.ahead.startswith(side + " ")), None)
    if link is None or g.end is None or g.reader.account.punct_after(g.pos - 1):
        return None
    start = g.pos + len(link.split())
    return link if _a_name(g, start, g.reader.np_end(start)) else None


def _a_name(g: Growing, start: int, end: int) -> bool:
    """words[start:end] look like a place's own name, not a person's nor a name running on into one ("lidl
    dorota kwiatek")."""
    from voicelog.extract.names import cased_first_names, first_names

    named = [word.lower for word in g.words[start:end] if word.lower not in wl("determiners")]
    return bool(named) and named[0].removesuffix("'s") not in first_names() and g.reader.unknown_name(start, end) \
        and not any(word in cased_first_names() for word in named[1:])


def way_into(g: Growing) -> str | None:
    """``way-into``: "to" after a way in ("the entrance", "the back gate") reads on like any connector ("to" is no
    other connector, so the grower names :data:`WAY_INTO` when it takes this link)."""
    words = g.words
    if g.end is None or g.end != g.pos or g.pos + 1 >= len(words) or words[g.pos].lower != "to" \
            or g.reader.account.punct_after(g.pos - 1) or g.seed.cue in wl("move_cues") or g.seed.cue == "from":
        return None  # "from the surgery door to the cab rank": two places, the way between them
    last = [word.lower for word in words[max(g.seed.start, g.pos - 2):g.pos]]
    return "to" if last[-1] in wl("ways_in") or " ".join(last[-2:]) in wl("ways_in") else None


def of_a_name(g: Growing, link: str, link_start: int, link_end: int) -> bool:
    """``of-a-name``: a name no dictionary knows after "of" ("the beer garden of fennimore's") is a place, as it is
    after "in" or "at"; not a person's ("the back of dave's van")."""
    if g.end is None or not (link in ("of", "to") or link.endswith(" of")) or not _a_name(g, link_start, link_end):
        return False
    if link != "to":
        g.rules.append(OF_A_NAME)
    return True
