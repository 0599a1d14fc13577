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


@pytest.mark.parametrize(("text", "want"), [
    ("I'm fairly sure it was Fred, Frederick Quelch, he had that green parka on.", ("Frederick Quelch", "subject")),
    ("im fairly sure it was fred frederick quelch he had that green parka on", ("Frederick Quelch", "subject")),
    ("It's Theo, Theodore Wierzba. He rang nine times tonight.", ("Theodore Wierzba", "subject")),
    ("Then Mrs Achterberg, Hilde Achterberg, shouted at me over the fence.", ("Hilde Achterberg", "subject")),
    ("then mrs achterberg hilde achterberg shouted at me over the fence", ("Hilde Achterberg", "subject")),
])
def test_a_short_form_said_before_the_full_name_is_the_same_person(text: str, want: tuple[str, str]) -> None:
    people = extract_incident(text, recorded_at=AT).people
    assert [(p.name, p.role) for p in people] == [want]


@pytest.mark.parametrize(("text", "want"), [
    ("after school today kaiden walker from year ten followed me down the hill", ["Kaiden Walker"]),
    ("late last night tez walker from the flats kicked my bins across the yard", ["Tez Walker"]),
    # a noun or a plural before the name is not its first name
    ("the checkout girl tegan saw him take my phone", ["Tegan"]),
    ("i reckon it was rhys same jacket as always poppy ran out when she heard the bang", ["Rhys", "Poppy"]),
])
def test_lower_case_a_surname_takes_the_first_name_said_before_it(text: str, want: list[str]) -> None:
    assert names(text) == want
