"""voicelog.extract.who_places: names that are places, not people (both text styles, invented accounts)."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident

WED = datetime(2026, 3, 18, 21, 0)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "people"), [
    # people.place-name: a name ending in a street or place word is a place
    ("Wesley trailed me right up to the end of Rosemary Grove.", {"Wesley"}),
    ("Wesley kept pace with me on my walk along Coral Beach.", {"Wesley"}),
    ("Wesley turned up at my aunt's house in Rampur Nagar.", {"Wesley"}),
    ("At six I came out of Pellingham Stores and Wesley was leaning on my car.", {"Wesley"}),
    # people.town-or-shop: a name right after 'on' is a street, as one after 'in' is a town
    ("Wesley sat behind me at the junction on Juniper for ten minutes.", {"Wesley"}),
    # a first name and a surname that is also a place word is still a person
    ("I saw Jimmy Hall push the bins over.", {"Jimmy Hall"}),
])
def test_a_place_is_no_person(said, people, style):
    assert {p.name for p in extract_incident(style(said), recorded_at=WED).people} == people


@pytest.mark.parametrize(("said", "people"), [
    ("Wesley messaged to ask what I was doing at Tanvi's, I never told him where I was.", {"Wesley", "Tanvi"}),
    ("I'm sleeping at Tanvi's tonight because Wesley keeps knocking.", {"Wesley", "Tanvi"}),
    ("Wesley commented on the photos from Rhea's wedding.", {"Wesley", "Rhea"}),
    ("I looked out and saw Ross Ainsley's van reversing off my drive.", {"Ross Ainsley"}),
    ("The drone came down over the hedge into Warren Tuckey's yard.", {"Warren Tuckey"}),
    # a shop of the lists, or a name with a street after it, is a place
    ("Wesley grabbed my arm at Wendy's.", {"Wesley"}),
])
def test_someones_home_car_or_do_names_them_a_shop_does_not(said, people):
    assert {p.name for p in extract_incident(said, recorded_at=WED).people} == people


def test_a_relation_before_a_name_keeps_the_person_whatever_place_was_read_around_them():
    said = "Wesley booted the door in. My sister Odile slept through it upstairs."
    incident = extract_incident(said, recorded_at=WED)
    assert {p.name: p.role for p in incident.people} == {"Wesley": "subject", "Odile": "other"}


@pytest.mark.parametrize(("said", "people"), [
    ("he messaged that he knows i'm at lowri's so i went home early", {"Lowri"}),
    ("he knew i was staying at bethany's we had not said a word to a soul", {"Bethany"}),
])
def test_at_someones_before_a_pronoun_or_conjunction_is_their_home_in_lower_case(said, people):
    assert {p.name for p in extract_incident(said, recorded_at=WED).people} >= people


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "people"), [
    # people.name-starts-clause: the place's words ran over a first name that starts a clause
    ("Today at the market Lucius was sitting on the wall by my stall.", {"Lucius"}),
    # a relation renaming the name after 'and': a person, not the rest of the place
    ("I was at the leisure centre on Kelvedon Road, and Radek, my ex, came over.", {"Radek"}),
    ("I was at the leisure centre on Kelvedon Road and Radek, my sister's ex husband, came over.", {"Radek"}),
])
def test_a_name_that_starts_a_clause_is_a_person_though_the_place_runs_over_it(said, people, style):
    assert {p.name for p in extract_incident(style(said), recorded_at=WED).people} == people
