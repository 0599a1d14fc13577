"""voicelog.extract.who_listed: world-list first names in lower-case text, where only a name goes.

Every sentence here is invented for the pattern it shows (no evaluation set's wording).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.who_listed import LISTED_IN_CONTEXT, world_name

AT = datetime(2026, 3, 30, 21, 47)


def people(text: str) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in extract_incident(text, recorded_at=AT).people}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), [
    ("This morning Raghav was sitting on the wall by my stall.", {("Raghav", "subject")}),
    ("Someone let my tyres down, I think it's Tavon.", {("Tavon", "subject")}),
    ("I think it is Waheed, my husband's cousin, because he said he would.", {("Waheed", "subject")}),
    ("The tall lad, Raghav, he's been banging on my door all week.", {("Raghav", "subject")}),
    ("About nine Elwyn on the front counter saw him.", {("Elwyn", "witness")}),
])
def test_a_world_first_name_is_a_name_where_only_a_name_goes(said: str, want: set[tuple[str, str]],
                                                            style: Callable[[str], str]) -> None:
    assert people(style(said)) == want


@pytest.mark.parametrize("said", [
    "the gate with raghav again was open",  # after a preposition: nothing says a name
    "raghav",  # nothing around it says a name either
    "the elwyn was nice",  # after a determiner
])
def test_a_world_first_name_with_no_name_context_is_not_taken_in_lower_case(said: str) -> None:
    rules = extract_incident(said, recorded_at=AT).rules.get("people") or ""
    assert LISTED_IN_CONTEXT not in rules


@pytest.mark.parametrize(("word", "is_name"), [
    ("raghav", True), ("elwyn", True),
    ("sister", False),  # a noun of the world's lists
    ("grace", False),  # an everyday word
    ("sarah", False),  # a census name: found anywhere already
])
def test_which_words_are_world_names(word: str, is_name: bool) -> None:
    assert world_name(word) is is_name
