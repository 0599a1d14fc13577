"""voicelog.extract.where_seeds: places said with no cue (a shop named before its street, a damaged part of a home)."""

from __future__ import annotations

import pytest

from voicelog.extract.normalize import normalize
from voicelog.extract.where_phrase import Reader
from voicelog.extract.where_seeds import (
    DAMAGED,
    NAME_ON_STREET,
    OPENED_TO_FIND,
    damage_seeds,
    name_on_street_seeds,
    opened_seeds,
)


def _phrases(seeds, text):
    words = normalize(text).words
    return [" ".join(word.lower for word in words[seed.start:seed.end]) for seed in seeds]


@pytest.mark.parametrize(("text", "name"), [
    ("I was walking out the Copper Kettle on Heath Lane when he grabbed me.", "the copper kettle"),
    ("we were walking out the co op on heath lane when he pulled at my sleeve", "the co op"),
    ("I run a little shop, Harrow Lodge on Elm Street, and he came in.", "harrow lodge"),
    ("He came in the barbers, Nico's on Tanners Lane, and sat down.", "nico's"),
])
def test_a_shop_named_before_its_street_is_a_seed_without_a_cue(text, name):
    seeds = list(name_on_street_seeds(Reader.of(normalize(text), None)))
    assert _phrases(seeds, text) == [name]
    assert seeds[0].rules == [NAME_ON_STREET]


@pytest.mark.parametrize("text", [
    "I saw Dave on Elm Street and he shouted at me.",          # a person, not a shop
    "It was Tuesday on Elm Street, about six.",                # a day
    "He walked behind me till the Spar on Mill Road.",         # where a following ended: rule until decides
    "He was waiting outside the Spar on Mill Road.",           # the cue's own seed says it
    "He pushed me on Elm Street.",
])
def test_no_name_seed_for_people_days_or_places_a_cue_opens(text):
    assert list(name_on_street_seeds(Reader.of(normalize(text), None))) == []


@pytest.mark.parametrize(("text", "part"), [
    ("I came downstairs and found my kitchen window smashed in.", "my kitchen window"),
    ("i came downstairs and found my kitchen window smashed in", "my kitchen window"),
    ("By the morning the back gate was hanging off.", "the back gate"),
    ("Sometime in the night the front room window's been smashed.", "the front room window's"),
])
def test_a_damaged_part_of_a_home_is_a_seed(text, part):
    seeds = [seed for seed in damage_seeds(Reader.of(normalize(text), None)) if DAMAGED in seed.rules]
    assert _phrases(seeds, text) == [part]


@pytest.mark.parametrize(("text", "found"), [
    ("When I opened the back door this morning there was a smashed jam jar on it.", ["the back door"]),
    ("i went to open the side gate and it had a carrier bag tied to it", ["the side gate"]),
    ("I opened my front door to go out and there's this envelope on the mat.", ["my front door"]),
    ("I opened the back door because he kept knocking.", []),  # nothing found there
    ("I opened the shop at nine and there was a card on the counter.", []),  # not a part of a home
])
def test_a_part_of_a_home_opened_to_find_something_is_a_seed(text, found):
    seeds = list(opened_seeds(Reader.of(normalize(text), None)))
    assert _phrases(seeds, text) == found
    assert all(OPENED_TO_FIND in seed.rules for seed in seeds)
