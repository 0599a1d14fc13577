"""voicelog.extract.who_place_person: a full name the place ran over, kept as a person (invented accounts)."""

from datetime import datetime

import pytest

from voicelog.extract import extract_incident

WED = datetime(2026, 3, 18, 21, 0)


@pytest.mark.parametrize(("said", "people"), [
    ("at the bowls club in aberfeldy cosmin varga came over and tipped my drink", {"Cosmin Varga"}),
    ("on friday i was at the chemist in kelso and radu ionescu he shouted at me in the queue", {"Radu Ionescu"}),
    ("he was in the car park in dunlop tiberiu sava waiting by my car again", {"Tiberiu Sava"}),
    ("I was waiting at the Northgate stop and Pat Hennessey from the chippy shoved me into the railings.",
     {"Pat Hennessey"}),
])
def test_a_full_name_after_the_place_is_a_person(said, people):
    assert {p.name for p in extract_incident(said, recorded_at=WED).people} == people


@pytest.mark.parametrize("said", [
    "we had dinner at bella roma he was outside when we came out",
    "he followed me from the bus to Bristol Temple Meads and then he walked off",
])
def test_a_place_of_its_own_stays_a_place(said):
    assert {p.name for p in extract_incident(said, recorded_at=WED).people} == set()
