"""Places of incidents, in both text styles."""

import re

import pytest

from voicelog.extract.normalize import normalize
from voicelog.extract.nlp import parse_words
from voicelog.extract.where import find_where
from voicelog.extract.who import truecase_words


def vosk_style(text: str) -> str:
    text = text.lower().replace("-", " ").replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


STYLES = [pytest.param(lambda s: s, id="natural"), pytest.param(vosk_style, id="vosk")]


def where(text):
    n = normalize(text)
    place = find_where(n, parse_words(truecase_words(n)))
    return vosk_style(place.text) if place else None


# said, an acceptable place (vosk-styled); the prediction must contain it with at most 3 extra words
CASES = [
    ("He was waiting outside my flat again when I got home.", "outside my flat"),
    ("She followed me through the car park at the leisure centre on Hill Road.",
     "car park at the leisure centre on hill road"),
    ("He sat in his car across the road from my mum's house on Elm Avenue.", "across the road from my mum's house on elm avenue"),
    ("He came up to me on platform two at the station and grabbed my bag.", "platform two at the station"),
    ("He was standing by the bins behind the chip shop on Station Road.", "by the bins behind the chip shop on station road"),
    ("She kept walking behind me all the way down Victoria Street.", "victoria street"),
    ("He was at the bus stop near my school, staring at me.", "bus stop near my school"),
    ("He turned up at my work and shouted at me in reception.", "my work"),
    ("I was on the number twelve bus and he got on after me.", "number twelve bus"),
    ("He left a note on my doorstep.", "my doorstep"),
    ("He was parked opposite the library on Castle Lane.", "opposite the library on castle lane"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", CASES)
def test_place(said, place, style):
    got = where(style(said))
    assert got is not None and place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "He sent me ten messages on Instagram calling me names.",
    "She texted me at midnight saying I'd regret it.",
    "He rang my mum and told her lies about me.",
])
def test_no_place_for_remote_contact(said, style):
    assert where(style(said)) is None


def test_incident_place_preferred_over_destination():
    said = "He followed me out of the Asda on Green Lane and all the way to the station."
    assert "green lane" in where(said)
