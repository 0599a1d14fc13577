"""``voicelog.extract.go_between``: in contact through others, the go-between is other and the one they act for
the subject (through the whole extractor, both recogniser styles)."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "roles"), [
    ("Dan's mate Lee came up to me in the street and told me Dan wants his stuff back.",
     {"Dan": "subject", "Lee": "other"}),
    ("Dan's mate Lee came up and handed me a letter from Dan. In it he says I'll regret it.",
     {"Dan": "subject", "Lee": "other"}),
    # Dan's own deed makes him the subject; his mate, who watched me, stays a subject too
    ("Dan's mate Lee was watching me in the shop and Dan followed me out.", {"Dan": "subject", "Lee": "subject"}),
    # an apposition between the relation and the go-between's name
    ("Dan's mate, who everyone calls Bigsy, sent me a voice note saying Dan wants the car back.",
     {"Dan": "subject", "Bigsy": "other"}),
])
def test_a_go_between_is_other_and_the_one_they_act_for_the_subject(said, roles, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert {p.name: p.role for p in incident.people} == roles


@pytest.mark.parametrize("style", STYLES)
def test_a_go_between_passing_words_on_for_a_registered_person_said_by_a_short_name(style):
    from voicelog.incident import KnownPerson

    known = (KnownPerson("Tapiwa Moyo", ("tapiwa", "my ex")),)
    said = "Tapiwa's brother Rudo stopped me at the school gates to say Tapiwa wants his tools back."
    incident = extract_incident(style(said),
                                recorded_at=datetime(2026, 3, 14, 18, 0), known_people=known)
    assert {p.name: p.role for p in incident.people} == {"Tapiwa Moyo": "subject", "Rudo": "other"}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "roles"), [
    # nobody's words are passed on: the one named as someone's relation came on their own
    ("Yesterday Ilona's cousin Radek came into the shop asking what time I finish.",
     {"Ilona": "other", "Radek": "subject"}),
    ("I'm fairly sure it was Ilona's boyfriend Radek who scratched the van, because of what he said last week.",
     {"Ilona": "other", "Radek": "subject"}),
    # the one acted for is named in what is passed on
    ("Ilona's cousin Radek stopped me by the lifts and said our Ilona's not sleeping, I should ring her.",
     {"Ilona": "subject", "Radek": "other"}),
])
def test_a_go_between_acts_for_someone_only_when_their_words_are_passed_on(said, roles, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert {p.name: p.role for p in incident.people} == roles


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "roles"), [
    # an ex is there on their own account, even when the one they split from is named in what they say
    ("Nadia's ex Tomasz came round to my flat last night and said tell Nadia I know she's staying here.",
     {"Nadia": "other", "Tomasz": "subject"}),
    ("Yesterday Colm, that's Aoife's ex boyfriend, stood at my gate and said Aoife knows what she did.",
     {"Aoife": "other", "Colm": "subject"}),
])
def test_someones_ex_is_not_their_go_between(said, roles, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert {p.name: p.role for p in incident.people} == roles
