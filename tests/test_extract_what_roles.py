"""voicelog.extract.what_roles: who did the deed a category's trigger names, once the account's subject is known."""

from __future__ import annotations

from datetime import datetime

import pytest

from voicelog.extract import KnownPerson, extract_incident
from voicelog.extract.clauses import Clause
from voicelog.extract.what_roles import doer_words, local_role, with_doers

AT = datetime(2026, 6, 10, 21, 0)


def test_doer_words_leave_out_the_everyday_words_of_the_phrase_a_name_was_found_in():
    assert doer_words(["Bram Oyelaran", "i reckon it's bram", "my partner"]) == {"bram", "oyelaran", "partner"}


def test_doer_words_are_the_names_and_aliases_less_the_small_words():
    assert doer_words(["Bram Oyelaran", "my partner", "Mr Vetch"]) == {"bram", "oyelaran", "partner", "vetch"}


@pytest.mark.parametrize(("text", "role", "expect"), [
    ("my partner bram shoved me", "bystander", "other"),
    ("and my stepdad bram booted the door", "bystander", "other"),
    ("mrs quint leaned out and yelled for help", "other", "bystander"),
    ("sally price shouted at him to stop", "other", "bystander"),
    ("he shouted at me", "other", "other"),
    ("my friend dragged me onto the bus", "bystander", "bystander"),
])
def test_with_doers_gives_the_subject_their_deeds_and_others_theirs(text, role, expect):
    assert with_doers(Clause(text, role), frozenset({"bram", "partner"})).role == expect


def test_without_known_doers_the_clause_is_unchanged():
    assert with_doers(Clause("mrs quint yelled", "other"), frozenset()).role == "other"


def test_local_role_reads_the_noun_phrase_before_the_verb():
    text = "and then my partner bram grabbed my arm"
    at = text.index("grabbed")
    assert local_role(text, at, "bystander") == "bystander"
    assert local_role(text, at, "bystander", frozenset({"bram"})) == "other"


@pytest.mark.parametrize("style", [str, lambda s: s.lower().replace(",", "").replace(".", "")])
def test_a_relation_who_is_the_subject_is_not_a_bystander(style):
    said = "Late on my partner Bram shoved me hard against the fridge while his uncle looked on."
    incident = extract_incident(style(said), recorded_at=AT,
                                known_people=(KnownPerson("Bram Oyelaran", ("bram", "my partner")),))
    assert "violence" in incident.categories


def test_someone_else_named_shouting_for_help_is_not_contact_from_the_subject():
    said = ("Tonight Piers Wragg grabbed my arm outside the chippy and Tilly Brand from upstairs yelled at him "
            "to let go.")
    incident = extract_incident(said, recorded_at=AT, known_people=(KnownPerson("Piers Wragg", ("piers",)),))
    assert set(incident.categories) == {"violence"}
