"""voicelog.extract.where_ride: the bus, train or tram ridden made exact by its number or route, in both text styles."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import vosk_style

from voicelog.extract import extract_incident
from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.where_grow import Seed, grow
from voicelog.extract.where_phrase import Reader
from voicelog.extract.where_ride import BUS_NUMBER, RIDE_NUMBER, ROUTE
from voicelog.extract.where_scores import SCORES
from voicelog.extract.who import truecase_words


def _ride(text: str) -> tuple[str | None, list[str], float]:
    """Grow the ride opened by the first "on" or "got" in text: its words, rules and score."""
    account = normalize(text)
    reader = Reader.of(account, parse_words(truecase_words(account)))
    cue = next(i for i, word in enumerate(account.words) if word.lower in ("on", "got"))
    end = reader.np_end(cue + 1)
    g = grow(reader, Seed("on", cue, cue + 1, end, SCORES.riding, []))
    return (account.source(g.text_start, g.end) if g.end is not None else None), g.rules, g.score


@pytest.mark.parametrize(("text", "ride"), [
    ("I sat on the bus, the number sixty four, and he got on after me.", "the bus, the number sixty four"),
    ("I was dozing on the night bus, the N twelve, when he sat down.", "the night bus, the N twelve"),
    ("I got the bus home, the three one two, and he was on it.", "the bus home, the three one two"),
    ("I was on the bus, the twelve C, and he sat beside me.", "the bus, the twelve C"),
])
@pytest.mark.parametrize("style", ["natural", "vosk"])
def test_a_ride_named_by_its_route_number_is_more_exact(text, ride, style):
    said = vosk_style(text) if style == "vosk" else text
    found, rules, score = _ride(said)
    assert found == (vosk_style(ride) if style == "vosk" else ride)
    assert RIDE_NUMBER in rules and score == SCORES.riding + SCORES.the_one_on


def test_a_part_of_a_bus_and_its_number_and_a_route():
    assert _ride("He sat on the top deck of the 73 towards Hillfield.")[1][-2:] == [BUS_NUMBER, ROUTE]
    assert _ride("He was on the train from Dunmore and sat opposite me.")[:2] == ("the train from Dunmore", [ROUTE])


def test_a_number_that_is_no_route_is_not_taken():
    found, rules, _ = _ride("I was on the bus, 20 minutes late, when he got on.")
    assert found == "the bus" and RIDE_NUMBER not in rules


def test_the_numbered_ride_beats_the_stop_he_waits_at():
    text = ("On Friday I was dozing on the night bus, the N twelve, and a man who hangs round my stop in the mornings "
            "came and sat down beside me.")
    for said in (text, vosk_style(text)):
        incident = extract_incident(said, recorded_at=datetime(2026, 3, 30, 12, 0))
        assert incident.location is not None and "twelve" in incident.location.lower()
