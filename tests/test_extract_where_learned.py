"""``voicelog.extract.where_learned``: the learned choice among an account's candidate places, with the shipped
weights, through the real extractor (spaCy parse included). Every account here is invented."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime

import pytest

from voicelog.extract import extract_incident, where_learned
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import RULES
from voicelog.extract.where import Place, _Candidate
from voicelog.extract.where_learned import (
    CUE_WORDS,
    LEARNED_CHOICE,
    VERB_WORDS,
    context,
    features,
    learned_choice,
    probabilities,
    weights,
)

AT = datetime(2026, 3, 2, 19, 0)


def vosk(text: str) -> str:
    """The text as Vosk prints it: lower case, no punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " "))).strip()


def both(*cases: tuple[str, str]) -> list[tuple[str, str]]:
    """Each case as written and in Vosk style (the expected place lower-cased)."""
    return [*cases, *((vosk(said), expect.lower()) for said, expect in cases)]


def candidates(text: str) -> tuple[Normalized, list[_Candidate], list[Place], Sequence[str] | None]:
    """The account, its candidates, the place each stands for and the parse's tags, as the extractor hands them to
    the ranker."""
    where_learned.RECORDED = []
    try:
        extract_incident(text, recorded_at=AT)
        return where_learned.RECORDED[-1]
    finally:
        where_learned.RECORDED = None


@pytest.mark.parametrize(("said", "expect"), both(
    ("I was pegging out the sheets in my back yard when he started filming me over the fence. He's at number "
     "twelve.", "my back yard"),
    ("We'd just got to the Wheatsheaf on Corran Street when he walked in and stood at the bar staring at me.",
     "the Wheatsheaf on Corran Street"),
    ("He followed me from the station to the bus stop on Harlow Crescent and stood right behind me.",
     "the bus stop on Harlow Crescent"),
    ("I was coming back from the chemist on Quillby Road when he grabbed my arm at the corner of our road.",
     "the corner of our road"),
))
def test_of_several_places_the_incidents_wins(said: str, expect: str) -> None:
    incident = extract_incident(said, recorded_at=AT)
    assert incident.location == expect


@pytest.mark.parametrize(("said", "expect"), both(
    ("I was at my aunt's in Rosby for a few days. When I got home on Friday he was sat outside my flat.",
     "outside my flat"),
    ("We'd been at the Crown on Tilsey Road all evening, and when we got back he was kicking at my side gate.",
     "my side gate"),
))
def test_what_the_speaker_finds_on_getting_home_is_the_place(said: str, expect: str) -> None:
    """The ranker never moves the place back from what the speaker found on getting home to where they had been."""
    incident = extract_incident(said, recorded_at=AT)
    assert incident.location == expect


def test_the_rule_is_named_when_it_overrules_the_hand_score() -> None:
    said = ("last night i went down to the pharmacy on penwith road for my inhaler and keith hung about at the end "
            "of the aisle glaring at me")
    incident = extract_incident(said, recorded_at=AT)
    assert incident.location == "the pharmacy on penwith road"
    assert LEARNED_CHOICE in incident.rules["location"].split("; ")
    _, outer, places, _ = candidates(said)
    assert len(outer) >= 2
    hand = max(range(len(outer)), key=lambda k: outer[k].score)
    assert places[hand].text == "at the end of the aisle"  # what the hand score alone picks


def test_one_place_is_left_to_the_hand_score() -> None:
    account, outer, places, _ = candidates("He was waiting outside the library on Mossgate Lane.")
    assert len(outer) == 1
    assert learned_choice(account, outer, outer[0], lambda candidate: places[0]) is None
    incident = extract_incident("He was waiting outside the library on Mossgate Lane.", recorded_at=AT)
    assert LEARNED_CHOICE not in incident.rules["location"].split("; ")


def test_the_features_never_see_the_places_own_words() -> None:
    """Two accounts that differ only in the names of their places get the same features and probabilities."""
    one = candidates("I left the Brackley Arms on Quillon Street at ten and he was waiting at the bus stop.")
    two = candidates("I left the Fenwold Arms on Pasco Street at ten and he was waiting at the bus stop.")
    assert len(one[1]) == len(two[1]) >= 2
    assert features(one[0], one[1], one[3]) == features(two[0], two[1], two[3])
    p = probabilities(one[0], one[1], weights(), one[3])
    assert p == probabilities(two[0], two[1], weights(), two[3])
    assert math.isclose(sum(p), 1.0) and all(0.0 < x < 1.0 for x in p)


def test_the_shipped_weights_hold_no_place_names() -> None:
    """Every weight is a feature features() can make: a registered rule, an everyday cue word or a named sign."""
    table = weights()
    assert len(table) > 20 and 0.0 <= table["<margin>"] < 1.0
    named = {"hand", "head", "pos", "first", "last", "words", "caps", "own", "them_before", "them_after",
             "named_before", "speaker_before", "moving_before", "moved_on_after", "now_after", "time_near",
             "sentence_start", "again", "venue_part", "them_here", "towards&them", "towards&moving", "<margin>"}
    cues = CUE_WORDS | {"none", "other"}
    for name in table:
        kind, _, what = name.partition(":")
        assert name in named or kind == "rule" and what in RULES or kind == "cue" and what in cues \
            or kind == "hand_rank" and what in ("0", "1", "2") or kind == "verb" and what in VERB_WORDS \
            or kind == "subj" and what in ("speaker", "other", "none") or kind == "verb_tag" and (
                what == "none" or re.fullmatch("VB[DGNPZ]?|MD", what)), name


@pytest.mark.parametrize(("said", "place", "expect"), [
    ("I walked to the corner shop and he was stood at the bus stop.", "the corner shop",
     {"subj:speaker", "verb:walked", "verb_tag:VBD"}),
    ("I walked to the corner shop and he was stood at the bus stop.", "the bus stop",
     {"subj:other", "verb:stood", "verb_tag:VBN"}),
    ("i walked to the corner shop and he was stood at the bus stop", "the bus stop", {"subj:other", "verb:stood"}),
    ("Outside the chemist, a van pulled up.", "the chemist", {"subj:none", "verb_tag:none"}),
])
def test_the_context_says_who_does_what_where(said: str, place: str, expect: set[str]) -> None:
    """The clause around each place: who its subject is (the speaker or someone else) and the verb it hangs on."""
    account, outer, places, tags = candidates(said)
    k = next(k for k, p in enumerate(places) if p.text.lower().endswith(place.lower()))
    got = context(account, tags, outer[k])
    assert expect <= set(got), got
    assert sum(name.startswith("subj:") for name in got) == 1
