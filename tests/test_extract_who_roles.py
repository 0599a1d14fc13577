"""voicelog.extract.who_roles: each mention's part from the words around it (unit level; through the whole
extractor in test_extract_who.py). Invented sentences."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.mentions import Found
from voicelog.extract.normalize import normalize
from voicelog.extract.who_roles import BLAMED, DEED, SIDE, WITNESSED, blamed, did_it_to_me, role_of, side_of
from voicelog.incident import KnownPerson

WED = datetime(2026, 3, 18, 21, 0)


def _at(text: str, name: str) -> tuple:
    n = normalize(text)
    words = [w.lower for w in n.words]
    i = words.index(name.lower())
    return n, Found(name, i, i + 1)


@pytest.mark.parametrize(("text", "name", "want"), [
    ("It was Gary again.", "Gary", ("subject", BLAMED)),
    ("Rachel grabbed my arm.", "Rachel", ("subject", DEED)),
    ("Gwyneth next door heard all of it.", "Gwyneth", ("witness", WITNESSED)),
    ("The porter, Ines, asked him his business.", "Ines", ("witness", SIDE)),
])
def test_a_mentions_part_by_the_words_around_it(text, name, want):
    n, f = _at(text, name)
    assert role_of(n, f) == want


@pytest.mark.parametrize(("text", "name", "want"), [
    ("My cousin Ifeyinwa texted me that he'd been at her door.", "Ifeyinwa", "other"),
    ("My sister Odile slept through it upstairs.", "Odile", "other"),
    ("My colleague Lucja ran to get security.", "Lucja", "witness"),
    ("Our night porter, Maeve, found the parcel by the lifts.", "Maeve", "witness"),
    ("My friend Tola went home early.", "Tola", None),
])
def test_someone_not_the_subject_is_a_witness_if_they_acted_at_the_scene_else_other(text, name, want):
    n, f = _at(text, name)
    assert side_of(n, [f]) == want


def test_a_weak_blame_word_before_a_relation_belongs_to_the_name_before_it():
    assert blamed("it's rory obviously ")
    assert not blamed("rory obviously my flatmate ")
    assert blamed("i think it's from my cousin ")


@pytest.mark.parametrize(("text", "name", "want"), [
    ("Tobias trailed me from the ferry.", "Tobias", False),
    ("Tobias followed me home.", "Tobias", True),
    ("Kelly then grabbed my arm.", "Kelly", True),
    ("Kelly found the parcel by the lifts.", "Kelly", False),
])
def test_a_deed_done_to_the_speaker(text, name, want):
    n, f = _at(text, name)
    assert did_it_to_me(n, f) is want


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "roles"), [
    ("Someone let my tyres down overnight. The concierge, Mr Vandermeulen, said the lift camera was off all week.",
     {"Mr Vandermeulen": "other"}),
    ("Flowers left in the lobby again. Mrs Halvorsen across the landing says nobody rang her bell.",
     {"Mrs Halvorsen": "other"}),
    ("Mr Vandermeulen came up to the wall and told me he'd have me evicted by spring.", {"Mr Vandermeulen": "subject"}),
])
def test_a_reporter_tells_what_they_know_and_is_not_the_subject(said, roles, style):
    incident = extract_incident(style(said), recorded_at=WED)
    assert {p.name: p.role for p in incident.people} == roles


@pytest.mark.parametrize("style", STYLES)
def test_passing_a_message_on_through_the_family_is_other(style):
    known = (KnownPerson("Imtiaz Farhan", ("imtiaz",)),)
    incident = extract_incident(style("Last week my uncle Sajid phoned my dad and said Imtiaz wants the ring back."),
                                recorded_at=WED, known_people=known)
    assert {p.name: p.role for p in incident.people} == {"Imtiaz Farhan": "subject", "Sajid": "other"}


@pytest.mark.parametrize("style", STYLES)
def test_a_witness_verb_after_i_is_the_speakers_not_the_registered_persons(style):
    known = (KnownPerson("Ronan Tiernan", ("ronan",)),)
    said = "Someone was revving outside till midnight. Ronan, I'd say. My lodger Sorcha heard the engine too."
    incident = extract_incident(style(said), recorded_at=WED, known_people=known)
    assert {p.name: p.role for p in incident.people} == {"Ronan Tiernan": "subject", "Sorcha": "witness"}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "roles"), [
    ("This is about my landlord, Mr Oyelowo. He let himself into my place again tonight.",
     {"Mr Oyelowo": "subject"}),
    ("Right, this is about the neighbour again, Lorcan Vesey. My sister Oonagh saw him at the fence.",
     {"Lorcan Vesey": "subject", "Oonagh": "witness"}),
    # 'about' with nothing saying the account is about them: the speaker's own person
    ("I told my sister Oonagh about it and she laughed.", {"Oonagh": "other"}),
])
def test_the_one_an_account_is_about_is_the_subject(said, roles, style):
    incident = extract_incident(style(said), recorded_at=WED)
    assert {p.name: p.role for p in incident.people} == roles


@pytest.mark.parametrize("style", STYLES)
def test_my_ex_named_in_apposition_is_never_the_speakers_own_side(style):
    said = "At five I was in the shop and my ex, Ruaridh Tolan, he came right up and whispered in my ear."
    incident = extract_incident(style(said), recorded_at=WED)
    assert [(p.name, p.role) for p in incident.people] == [("Ruaridh Tolan", "subject")]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "Torvald Quennell grabbed my arm by the bins. My friend Imelda pull him off me.",
    "Torvald Quennell was shouting at me in the car park. The cook, Imelda, pulled him away.",
    "Torvald Quennell stood at the cash machine for an hour. My neighbour Imelda walked over to him and he sped away.",
    "Torvald Quennell was banging on my door at midnight. Imelda next door called out to him to go home.",
    "Torvald Quennell followed me to the bus stop. One lady, Imelda, she start shouting at him and he ran off.",
])
def test_someone_who_steps_in_at_the_scene_in_any_words_is_a_witness(said, style):
    incident = extract_incident(style(said), recorded_at=WED)
    assert {p.name: p.role for p in incident.people} == {"Torvald Quennell": "subject", "Imelda": "witness"}
