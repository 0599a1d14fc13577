"""voicelog.extract.who_apposed: a name, then who the person is, then what they did.

Every sentence here is invented for the pattern it shows (no evaluation set's wording).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.who_apposed import APPOSED

AT = datetime(2026, 3, 30, 21, 47)


def names(text: str) -> set[str]:
    return {p.name for p in extract_incident(text, recorded_at=AT).people}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), [
    ("Then Tadeo, he came again to my desk and shouted.", {"Tadeo"}),
    ("Ugochi, the lad from the car wash, shouted at me by the bins.", {"Ugochi"}),
    ("Later Teuila, who's my old classmate, saw him do it.", {"Teuila"}),
    ("He turned round and Dami, that's her brother, pushed me.", {"Dami"}),
    ("Later May Ferrabee, who lives over the road, came over and shouted.", {"May Ferrabee"}),
    ("Then Marcy Ferrabee, the lad from my course, texted me twice.", {"Marcy Ferrabee"}),
])
def test_a_name_then_who_they_are_then_a_deed(said: str, want: set[str], style: Callable[[str], str]) -> None:
    assert names(style(said)) == want


@pytest.mark.parametrize("said", [
    "the shop was shut so we went to the market and the rain started",
    "he had on a blue kagool she noticed it straight away",  # a thing described: no name
    "the texts from the new number started at six",  # a plural of an everyday word
])
def test_no_name_where_the_words_are_things(said: str) -> None:
    rules = extract_incident(said, recorded_at=AT).rules.get("people") or ""
    assert APPOSED not in rules


@pytest.mark.parametrize(("said", "want"), [
    ("we queued for ages by the kiosk near platform two ugochi grabbed my sleeve", {"Ugochi"}),
    ("he let go and sped off teuila saw it all from across the road", {"Teuila"}),
    ("the silver tivolo was following me all the way home", set()),  # after an adjective: a thing
    ("i walked over to nandos was shut anyway", set()),  # after a preposition: a place
])
def test_lower_case_a_name_no_list_knows_before_a_deed_inside_a_clause(said: str, want: set[str]) -> None:
    assert names(said) == want
