"""voicelog.extract.known: the diary's registry in an account, by name, alias, a near miss or a sound-alike."""

from datetime import datetime

import pytest

from voicelog.extract import extract_incident
from voicelog.extract.known import sound_key
from voicelog.incident import KnownPerson

AT = datetime(2026, 2, 11, 19, 30)
SHAUN = KnownPerson("Shaun Twomey", ("shaun", "my ex"))
RHYS = KnownPerson("Rhys Aldana", ("rhys",))
LEAH = KnownPerson("Leah Haversham", ("leah", "my ex girlfriend"))
CIARAN = KnownPerson("Ciaran Dolan", ("ciaran", "my ex"))


def people(text, *known):
    incident = extract_incident(text, recorded_at=AT, known_people=known)
    return {(p.name, p.role) for p in incident.people}, incident


@pytest.mark.parametrize(("a", "b"), [("shaun", "sean"), ("rhys", "reese"), ("leah", "lee"), ("stephen", "steven"),
                                      ("catherine", "kathryn"), ("philip", "filip"), ("jon", "john")])
def test_names_that_sound_alike_share_a_key(a, b):
    assert sound_key(a) == sound_key(b)


@pytest.mark.parametrize(("a", "b"), [("kevin", "gavin"), ("mark", "mike"), ("shaun", "simon"), ("leah", "lisa")])
def test_names_that_sound_different_do_not(a, b):
    assert sound_key(a) != sound_key(b)


@pytest.mark.parametrize(("text", "person", "registered"), [
    ("Sean turned up at my door again, shouting.", SHAUN, "Shaun Twomey"),
    ("Reese left forty comments on my photos tonight.", RHYS, "Rhys Aldana"),
    ("Lee posted a photo of my back gate on his story.", LEAH, "Leah Haversham"),
])
def test_a_misheard_registered_name_is_the_registered_person_marked_unsure(text, person, registered):
    found, incident = people(text, person)
    assert found == {(registered, "subject")}
    assert "people" in incident.uncertain
    assert "people.registry-sounds-like" in incident.rules["people"]


def test_a_sound_alike_in_lower_case_text_too():
    found, _ = people("sean was outside the gym when i came out", SHAUN)
    assert found == {("Shaun Twomey", "subject")}


def test_a_different_name_that_does_not_sound_alike_stays_someone_else():
    found, _ = people("Simon saw Shaun outside my flat.", SHAUN)
    assert found == {("Shaun Twomey", "subject"), ("Simon", "witness")}


def test_a_lower_case_word_in_cased_text_is_not_taken_for_a_registered_name():
    found, _ = people("He said he'd see me soon, and he was outside my flat.", KnownPerson("Sid Garland", ("sid",)))
    assert found == {("Sid Garland", "subject")}  # through "he" only, not through "said" or "see"


def test_a_name_after_a_registered_relation_alias_is_that_person():
    found, incident = people("My ex, Karen, shoved me at the bus stop and took my phone.", CIARAN)
    assert found == {("Ciaran Dolan", "subject")}
    assert "people.registry-alias-name" in incident.rules["people"]
    assert "people" in incident.uncertain


def test_the_registered_name_after_its_alias_is_said_once():
    found, incident = people("My ex Ciaran shoved me at the bus stop.", CIARAN)
    assert found == {("Ciaran Dolan", "subject")}
    assert "people.registry-alias-name" not in incident.rules["people"]


def test_a_name_after_an_alias_across_a_full_stop_is_someone_else():
    found, _ = people("It was my ex. Maureen from the shop saw it all.", CIARAN)
    assert found == {("Ciaran Dolan", "subject"), ("Maureen", "witness")}


def test_a_three_letter_alias_matches_a_misheard_word_that_is_no_name_of_its_own():
    jez = KnownPerson("Jeremy Pask", ("jez",))
    found, _ = people("Jezz was parked outside my mum's house again.", jez)
    assert found == {("Jeremy Pask", "subject")}
    found, _ = people("Jack saw him parked outside my mum's house again.", jez)
    assert ("Jack", "witness") in found and ("Jeremy Pask", "witness") not in found


def test_a_first_name_that_sounds_like_a_registered_one_said_as_itself_is_someone_else():
    # "Lee" sounds like Leah, but Leah is named as herself: Lee is a person of his own
    found, _ = people("At the bus stop Leah's brother Lee shouted at me. I have not spoken to Leah in years.", LEAH)
    assert ("Lee", "subject") in found
    assert ("Leah Haversham", "other") in found


def test_a_registered_relation_alias_with_s_mentions_that_person_beside_the_relative():
    found, incident = people("This morning my ex's sister, Ottilie, blocked my car in at the gym.", CIARAN)
    assert found == {("Ciaran Dolan", "other"), ("Ottilie", "subject")}
    found, _ = people("my ex's cousin kept ringing my landline from a withheld number", CIARAN)
    assert found == {("Ciaran Dolan", "other")}
