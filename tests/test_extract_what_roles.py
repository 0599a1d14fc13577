"""voicelog.extract.what_roles: who did the deed a category's trigger names, once the account's subject is known."""

from __future__ import annotations

from datetime import datetime

import pytest

from voicelog.extract import KnownPerson, extract_incident
from voicelog.extract.clauses import Clause
from voicelog.extract.what_roles import doer_words, local_role, with_doers

AT = datetime(2026, 6, 10, 21, 0)


def test_doer_words_are_the_names_and_aliases_less_the_small_words():
    assert doer_words(["Amir Haddad", "my husband", "Mr Finch"]) == {"amir", "haddad", "husband", "finch"}


@pytest.mark.parametrize(("text", "role", "expect"), [
    ("my husband amir slapped me", "bystander", "other"),
    ("and my brother in law amir kicked the door", "bystander", "other"),
    ("mrs beacham opened her door and shouted", "other", "bystander"),
    ("sally price shouted at him to stop", "other", "bystander"),
    ("he shouted at me", "other", "other"),
    ("my friend dragged me onto the bus", "bystander", "bystander"),
])
def test_with_doers_gives_the_subject_their_deeds_and_others_theirs(text, role, expect):
    assert with_doers(Clause(text, role), frozenset({"amir", "husband"})).role == expect


def test_without_known_doers_the_clause_is_unchanged():
    assert with_doers(Clause("mrs beacham shouted", "other"), frozenset()).role == "other"


def test_local_role_reads_the_noun_phrase_before_the_verb():
    text = "and then my husband amir grabbed my arm"
    at = text.index("grabbed")
    assert local_role(text, at, "bystander") == "bystander"
    assert local_role(text, at, "bystander", frozenset({"amir"})) == "other"


@pytest.mark.parametrize("style", [str, lambda s: s.lower().replace(",", "").replace(".", "")])
def test_a_relation_who_is_the_subject_is_not_a_bystander(style):
    said = "Last night my husband Amir slapped me twice in the kitchen, and his brother just watched."
    incident = extract_incident(style(said), recorded_at=AT,
                                known_people=(KnownPerson("Amir Haddad", ("amir", "my husband")),))
    assert "violence" in incident.categories


def test_someone_else_named_shouting_for_help_is_not_contact_from_the_subject():
    said = "Tonight Dean Rudd grabbed my arm outside the chippy and Sally Price from next door shouted at him to stop."
    incident = extract_incident(said, recorded_at=AT, known_people=(KnownPerson("Dean Rudd", ("dean",)),))
    assert set(incident.categories) == {"violence"}
