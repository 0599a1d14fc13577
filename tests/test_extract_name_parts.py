"""Names longer than two words: a first name said again with its surname, surnames with particles."""

from __future__ import annotations

from datetime import datetime

import pytest

from voicelog.extract import extract_incident

AT = datetime(2026, 3, 30, 21, 47)


def names(text: str) -> list[str]:
    return [p.name for p in extract_incident(text, recorded_at=AT).people]


@pytest.mark.parametrize(("text", "want"), [
    ("Then Will, Will Hartigan, grabbed my arm at the lights.", ["Will Hartigan"]),
    ("then will will hartigan grabbed my arm at the lights", ["Will Hartigan"]),
    ("It was Ilse. Ilse Brandvold. She keyed the car.", ["Ilse Brandvold"]),
    ("The note was signed Mireille du Plessis and left under the wiper.", ["Mireille du Plessis"]),
    ("omar bin rashid kept following me round the car park", ["Omar bin Rashid"]),
])
def test_the_longer_reading_is_one_person(text: str, want: list[str]) -> None:
    assert names(text) == want


@pytest.mark.parametrize("text", [
    "he kept talking talking asking why i would not answer",
    "this is about monday monday lunchtime he was outside again",
    "that that man had had enough of waiting",
])
def test_a_repeated_everyday_word_is_nobody(text: str) -> None:
    assert names(text) == []


def test_a_van_after_a_name_is_the_vehicle() -> None:
    assert names("dean van kept the engine running outside my gate") == ["Dean"]
    assert names("Dean van Zyl kept the engine running outside my gate.") == ["Dean van Zyl"]
