"""Candidates dropped by who.py: a name taken back, the speaker's own name, a plural noun (invented accounts)."""

from __future__ import annotations

from datetime import datetime

import pytest

from voicelog.extract import extract_incident

AT = datetime(2026, 3, 30, 21, 47)


def people(text: str) -> list[str]:
    return [p.name for p in extract_incident(text, recorded_at=AT).people]


def rules(text: str) -> str:
    return extract_incident(text, recorded_at=AT).rules.get("people", "")


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("At about nine Mr Pollock, no, sorry, Mr Pollard came to my door and shouted.", "Mr Pollard", "Mr Pollock"),
    ("it was gavin no darren darren moss from work who followed me home", "Darren Moss", "Gavin"),
    ("My neighbour Dana, no wait, her daughter Ruby saw him.", "Ruby", "Dana"),
    ("so tunde i mean femi came over and took my phone off me", "Femi", "Tunde"),
])
def test_a_name_taken_back_is_not_a_person(text: str, kept: str, gone: str) -> None:
    found = people(text)
    assert kept in found and gone not in found, found
    assert "people.corrected-name" in rules(text)


def test_a_no_that_takes_nothing_back_drops_nobody() -> None:
    assert {"Dana", "Kofi"} <= set(people("i told dana no and she said her brother kofi would sort it"))


def test_the_person_corrected_is_no_place() -> None:
    incident = extract_incident("At about nine Mr Pollock, no, sorry, Mr Pollard came to my door and shouted.",
                                recorded_at=AT)
    assert incident.location == "my door"


@pytest.mark.parametrize("text", [
    "my name's doris i'm seventy and a man keeps ringing me saying he's from the council",
    "Hello, my name is Doris and a man keeps ringing me saying he's from the council.",
])
def test_the_speakers_own_name_is_not_a_person(text: str) -> None:
    assert "Doris" not in people(text)
    assert "people.speaker-own-name" in rules(text)


def test_a_plural_everyday_noun_is_no_name_but_a_plural_looking_name_is() -> None:
    assert people("he rang me from different numbers all night it was gary") == ["Gary"]
    assert people("james rogers followed me home") == ["James Rogers"]


@pytest.mark.parametrize(("text", "name"), [
    ("the girl at the till her name is prudence and she saw it all", "Prudence"),
    ("the usher his name was sunny he stood in the aisle and watched", "Sunny"),
])
def test_a_word_right_after_her_name_is_is_her_name(text: str, name: str) -> None:
    assert name in people(text)



@pytest.mark.parametrize("style", [lambda s: s, lambda s: s.lower().replace(",", "").replace(".", "")])
@pytest.mark.parametrize(("text", "want"), [
    # a kin word of address is no part of the name
    ("He shouted at me in the car park. Sister Marisa was with me, she heard it.", ["Marisa"]),
    # a church title is kept with the name
    ("After the service Father Anselm came out and stood between us.", ["Father Anselm"]),
    ("He waited by my car after choir. Deacon Wrenfield walked me home.", ["Deacon Wrenfield"]),
    # "father" after "my", "her baby": the relation, no title
    ("My father Anselm came to the house and shouted.", ["Anselm"]),
    ("Her baby father Anselm came to the house and shouted.", ["Anselm"]),
    ("My father went out to him and Lucius drove off.", ["Lucius"]),  # a verb after "my father" is no surname
])
def test_forms_of_address_and_church_titles(text, want, style):
    assert people(style(text)) == want
