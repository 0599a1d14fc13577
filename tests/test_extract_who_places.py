"""voicelog.extract.who_places: names that are places, not people (both text styles, invented accounts)."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident

WED = datetime(2026, 3, 18, 21, 0)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "people"), [
    # people.place-name: a name ending in a street or place word is a place
    ("Kofi walked behind me all the way to the corner of Rosemary Grove.", {"Kofi"}),
    ("There was a teddy on my windscreen with a card saying remember Tansy Beach. That's Kofi.", {"Kofi"}),
    ("Kofi asked why I went to Rampur Nagar on Thursday.", {"Kofi"}),
    ("So I got to Okoro Stores at four and Kofi followed me in.", {"Kofi"}),
    # people.town-or-shop: a name right after 'on' is a street, as one after 'in' is a town
    ("Kofi pulled up next to me at the lights on Juniper. I drove off.", {"Kofi"}),
    # a first name and a surname that is also a place word is still a person
    ("I saw Jimmy Hall push the bins over.", {"Jimmy Hall"}),
])
def test_a_place_is_no_person(said, people, style):
    assert {p.name for p in extract_incident(style(said), recorded_at=WED).people} == people


@pytest.mark.parametrize(("said", "people"), [
    ("Jake texted me asking why I'm at Ellie's, I never told him.", {"Jake", "Ellie"}),
    ("I'm staying at Kiran's tonight because Jake keeps coming round.", {"Jake", "Kiran"}),
    ("Jake saw the photos from Priya's engagement and messaged me.", {"Jake", "Priya"}),
    # a shop of the lists, or a name with a street after it, is a place
    ("Jake grabbed my arm at Wendy's.", {"Jake"}),
])
def test_someones_home_or_do_names_them_a_shop_does_not(said, people):
    assert {p.name for p in extract_incident(said, recorded_at=WED).people} == people


def test_a_relation_before_a_name_keeps_the_person_whatever_place_was_read_around_them():
    incident = extract_incident("Ryan punched the door in. My flatmate Saoirse was asleep upstairs.", recorded_at=WED)
    assert {p.name: p.role for p in incident.people} == {"Ryan": "subject", "Saoirse": "other"}
