"""A part of a car said just before the place the car stood: the place is where the car was.

"a card on the wing mirror of my car in the gym car park", "a note under my wiper at the station": the thing was left
on the car, and the car stood in the car park, at the station. The place people give is where the car was, so the
place said right after the car part (with a cue of its own) stands for the whole (rule ``car-part-at-place``). A car
part said alone stays the place ("someone slashed my tyres").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from voicelog.extract.normalize import Normalized
    from voicelog.extract.where import _Candidate

CAR_PART_AT_PLACE = rule(
    "location.car-part-at-place", "\"on the wing mirror of my van in the gym car park\": where the car stood is the place.",
    said("There was a card on the wing mirror of my car in the gym car park this morning.", "the gym car park"),
    said("there was a card on the wing mirror of my car in the gym car park this morning", "the gym car park"),
    said("He tucked a flyer under my wiper outside the library on Quillet Road.", "outside the library on Quillet Road"),
    said("Someone had tucked a leaflet behind my windshield wiper at the leisure centre.", "the leisure centre"),
    said("There was a dent on the bonnet of my car this morning.", "the bonnet of my car", fires=False))

_BETWEEN = frozenset("out over down up there right".split())
"""Words that may stand between the car part and the place ("on the hood of my truck out in the yard")."""
_WEAK_CUES = frozenset("to from past towards toward into onto".split())
"""Cues of going somewhere: a place gone to after the car part is not where the car stood."""


_DETERMINERS = frozenset("the my our a his her their".split())
_CAR_WORDS = frozenset("car van truck".split())
"""A car word before its part: "my car windscreen"."""
_AFTER_PART = frozenset("of in at on outside by near behind".split())
"""What may follow the part of a car in its phrase: "the bonnet of my car", "my wiper in the car park"."""


def car_at_place(account: Normalized, candidates: Sequence[_Candidate]) -> list[_Candidate]:
    """The candidates with each car part ("the bonnet of my car") that a place follows ("in the car park") left out,
    and that place marked with rule ``car-part-at-place``."""
    from voicelog.extract.where_phrase import wl
    from voicelog.extract.where_scores import SCORES

    lowers = [word.lower for word in account.words]
    dropped: set[int] = set()
    marked: dict[int, _Candidate] = {}
    for i, part in enumerate(candidates):
        if not _car_part(lowers[part.cue_start + len(part.cue.split()):part.end], wl("car_parts")):
            continue
        after = [k for k, other in enumerate(candidates) if k != i and part.cue_start < other.cue_start
                 and other.cue not in _WEAK_CUES and other.head >= SCORES.place_noun
                 and (other.cue_start <= part.end and other.end >= part.end or other.cue_start > part.end
                      and all(lower in _BETWEEN for lower in lowers[part.end:other.cue_start]))
                 and other.cue_start - part.end <= 2
                 and not _car_part(lowers[other.cue_start + len(other.cue.split()):other.end], wl("car_parts"))]
        if not after:
            continue
        k = min(after, key=lambda k: (candidates[k].cue_start, -candidates[k].end))  # the place the part is in
        dropped.add(i)
        place = candidates[k].place
        marked[k] = replace(candidates[k], score=max(candidates[k].score, part.score),
                            place=replace(place, score=max(place.score, part.score),
                                          rules=(*place.rules, CAR_PART_AT_PLACE)))
    return [marked.get(k, c) for k, c in enumerate(candidates) if k not in dropped]


def _car_part(lowers: Sequence[str], parts: frozenset[str]) -> bool:
    """The phrase (after its cue) is a part of a car, after its determiners and before any link: "the bonnet of my
    car", "my windshield wiper in ..."; not a place named after one ("the tyre place on Route 9")."""
    at = 0
    while at < len(lowers) and at < 3 and lowers[at] in _DETERMINERS:
        at += 1
    if at >= len(lowers):
        return False
    for size in (2, 1):
        if " ".join(lowers[at:at + size]) in parts or size == 2 and (lowers[at] in _CAR_WORDS or lowers[at] in parts) \
                and " ".join(lowers[at + 1:at + 2]) in parts:  # "my car windscreen", "my windshield wiper"
            return at + size >= len(lowers) or lowers[at + size] in _AFTER_PART
    return False
