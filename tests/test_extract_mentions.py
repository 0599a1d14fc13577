"""voicelog.extract.mentions: where people are named, and what is never a person, in both text styles.

Every sentence here is invented for the pattern it shows (no evaluation set's wording).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.mentions import FILLER, OFFICER, ORGANISATION, REFERENCE, SENSE
from voicelog.extract.names import TITLES
from voicelog.incident import Incident

AT = datetime(2026, 3, 30, 21, 47)


def people(text: str) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in extract(text).people}


def extract(text: str) -> Incident:
    return extract_incident(text, recorded_at=AT)


FILLERS = [
    ("Erm Jack followed me to the shop.", {("Jack", "subject")}),
    ("Um Jack was outside my house again.", {("Jack", "subject")}),
    ("Uh, Jack kept ringing me.", {("Jack", "subject")}),
    ("Herm, Jack was outside my house again.", {("Jack", "subject")}),
    ("Er Priya saw him do it.", {("Priya", "witness")}),
    ("Uhm Callum Ashcroft grabbed my bag.", {("Callum Ashcroft", "subject")}),
    ("Mrs, um, Ezeudu from next door heard it.", {("Mrs Ezeudu", "witness")}),  # a filler inside a name
    ("My neighbour, um, Priya saw the whole thing.", {("Priya", "witness")}),
    ("I think it was, um, Kyle who keyed my car.", {("Kyle", "subject")}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), FILLERS)
def test_a_capitalised_filler_is_never_part_of_a_name(said: str, want: set[tuple[str, str]],
                                                       style: Callable[[str], str]) -> None:
    assert people(style(said)) == want


def test_the_filler_rule_names_itself() -> None:
    assert FILLER in extract("Erm Jack followed me to the shop.").rules["people"]


# A first name that is also a verb, a noun, an adjective or a greeting: the name, and the word, in turn.
SENSES = [
    ("Will will be there again, he said so.", {("Will", "subject")}),  # verb (modal)
    ("He will be there again, I know it.", set()),
    ("I was with Rose by the roses when he grabbed me.", {("Rose", "witness")}),  # noun
    ("Hope saw him follow me to the lights.", {("Hope", "witness")}),
    ("I hope he stops following me to the lights.", set()),
    ("I hope he stops. Grant followed me home again.", {("Grant", "subject")}),
    ("They will grant the order next week, he followed me anyway.", set()),
    ("Mark followed me home. I had a mark on my arm.", {("Mark", "subject")}),
    ("He grabbed me and left a mark on my arm.", set()),
    ("Bill kept ringing me. I paid the bill anyway.", {("Bill", "subject")}),
    ("He left the bill on my car.", set()),
    ("Summer was with me when he followed us.", {("Summer", "witness")}),
    ("It was summer and he followed me to the bus.", set()),
    ("Frank was outside my flat again.", {("Frank", "subject")}),  # adjective
    ("He was very frank about following me.", set()),
    ("He drew a finger across his throat.", set()),  # a verb form that is a name
    ("Drew followed me across the car park.", {("Drew", "subject")}),
    ("Morning Grant, he said to my son, then he followed us.", {("Grant", "subject")}),  # after a greeting
    ("Hiya, it's me again, he said on the voicemail.", set()),  # a greeting is not a name
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), SENSES)
def test_a_name_that_is_also_a_word_is_told_apart_both_ways(said: str, want: set[tuple[str, str]],
                                                             style: Callable[[str], str]) -> None:
    assert people(style(said)) == want


def test_the_word_sense_rule_is_in_the_provenance() -> None:
    assert SENSE in extract("Hope saw him follow me to the lights.").rules["people"]


@pytest.mark.parametrize("style", STYLES)
def test_titles_are_kept(style: Callable[[str], str]) -> None:
    said = "Mrs Ezeudu saw him, Mr Thorn heard him, Ms Adebowale filmed it and Dr Brannagh was with me."
    assert people(style(said)) == {("Mrs Ezeudu", "witness"), ("Mr Thorn", "witness"),
                                   ("Ms Adebowale", "witness"), ("Dr Brannagh", "witness")}
    assert {"mr", "mrs", "ms", "miss", "dr"} <= set(TITLES)


POLICE = [
    ("The officer was PC Attwood and the log number is CAD 1234.", ["PC Attwood", "log number CAD1234"]),
    ("He rang me again. The log number is CAD1234 and the crime reference is AB 12345.",
     ["log number CAD1234", "crime reference AB12345"]),
    ("DC Pughe rang me back about him following me.", ["DC Pughe"]),
    ("Sgt Fairbairn took my statement after he pushed me.", ["Sgt Fairbairn"]),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "police"), POLICE)
def test_police_officers_and_reference_numbers_are_never_people(said: str, police: list[str],
                                                                  style: Callable[[str], str]) -> None:
    inc = extract(style(said))
    assert inc.people == () and list(inc.police) == police


def test_which_rule_kept_an_officer_or_a_code_out_is_named() -> None:
    assert OFFICER in extract("The officer was PC Attwood and the log number is CAD 1234.").rules["people"]
    coded = extract("He rang me again. The log number is CAD1234 and the crime reference is AB 12345.")
    assert coded.people == () and REFERENCE in coded.rules["people"]  # the tagger took CAD1234 for a person


@pytest.mark.parametrize("style", STYLES)
def test_an_officer_and_a_witness_together(style: Callable[[str], str]) -> None:
    said = "Sgt Fairbairn took my statement and Dr Bhattacharya saw it happen."
    assert people(style(said)) == {("Dr Bhattacharya", "witness")}


@pytest.mark.parametrize("style", STYLES)
def test_organisations_are_never_people(style: Callable[[str], str]) -> None:
    inc = extract(style("I told Avon and Somerset Police and Victim Support about him following me."))
    assert inc.people == ()
    if style("A") == "A":
        assert ORGANISATION in inc.rules["people"]


POSSESSIVES = [
    ("Sophie's uncle, Mr Bramley, was shouting at me outside.", {("Sophie", "other"), ("Mr Bramley", "subject")}),
    ("Tara's husband Craig followed me to work.", {("Tara", "other"), ("Craig", "subject")}),
    ("Imran's brother was parked outside my house all evening.", {("Imran", "other")}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), POSSESSIVES)
def test_a_possessor_is_mentioned_and_the_relation_named_is_the_person(said: str, want: set[tuple[str, str]],
                                                                       style: Callable[[str], str]) -> None:
    assert people(style(said)) == want


UNKNOWN = [
    ("Siddharth was waiting outside my office again this morning.", {("Siddharth", "subject")}),
    ("Thandiwe from next door heard him shouting at my window.", {("Thandiwe", "witness")}),
    ("Wojtek rang me eleven times last night.", {("Wojtek", "subject")}),
    ("Euan turned up at my work again, Bree on reception saw him.", {("Euan", "subject"), ("Bree", "witness")}),
    ("Ifeoluwa, my ex, left flowers on my doorstep.", {("Ifeoluwa", "subject")}),
    # words no dictionary knows that are not people: apps, shops, brands, slang, a car
    ("He keeps messaging me on Snapchat.", set()),
    ("Sainsbury's was packed and he followed me round.", set()),
    ("Deliveroo came at nine and then he knocked on my door.", set()),
    ("Tbh I don't know why he keeps turning up.", set()),
    ("He was sat in a silver Corsa across the road.", set()),
    ("And Brayden pulled in behind me at the servo.", {("Brayden", "subject")}),
    ("Bruv was saying he saw him outside, and then fam came round.", set()),
    ("Mum saw his ute out the front again.", set()),  # a first name that is also a noun, after "his"
    ("Pastor Ade asked him to leave the church hall.", {("Pastor Ade", "witness")}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "want"), UNKNOWN)
def test_a_name_no_list_knows_is_found_where_a_name_goes(said: str, want: set[tuple[str, str]],
                                                         style: Callable[[str], str]) -> None:
    inc = extract(style(said))
    assert {(p.name, p.role) for p in inc.people} == want
    found_by = set(inc.rules.get("people", "").split("; "))
    if "people.unknown-word" in found_by and not found_by & {"people.tagger", "people.cue", "people.first-name-list"}:
        assert "people" in inc.uncertain  # only the unknown-word rule found them: the person should check


def test_a_title_written_with_a_full_stop_is_kept() -> None:
    assert people("Mr. Thorn from number four saw him, and Dr. Bhattacharya was with me.") == {
        ("Mr Thorn", "witness"), ("Dr Bhattacharya", "witness")}


@pytest.mark.parametrize(("said", "want"), [
    # an unknown first name and a census surname, capitalised inside a sentence
    ("Later Gwion Tremlett barged past the queue and knocked my tray over.", {("Gwion Tremlett", "subject")}),
    # a first name that is also a word, told by a surname after it or a witness at their post (lower case)
    ("by the bowling green ray mullins blocked my path with his bike", {("Ray Mullins", "subject")}),
    ("he sneered at me and rose at the counter heard it", {("Rose", "witness")}),
    # a car model, a festival
    ("He tailgated me in his black Sportage all the way to the roundabout.", set()),
    ("After Diwali he was hanging about outside the temple gates.", set()),
])
def test_unknown_names_and_words_that_are_no_names(said: str, want: set[tuple[str, str]]) -> None:
    assert {(p.name, p.role) for p in extract_incident(said, recorded_at=datetime(2026, 3, 18, 21, 0)).people} == want


# Vosk style (lower case, no punctuation): names no list knows, found by where they stand.
LOWER_CASE_NAMES = [
    ("on friday at half twelve dobromir came up behind me at the market", {("Dobromir", "subject")}),
    ("tonight about nine o'clock ekwueme come by the house shouting", {("Ekwueme", "subject")}),
    ("yesterday lunchtime radomir again came to my desk", {("Radomir", "subject")}),
    ("my tyres were slashed and i know it was teodor", {("Teodor", "subject")}),
    ("he hit me and the chef vikrant pulled him away", {("Vikrant", "subject")}),
    ("he was at the gate and the watchman oyelaran saw him", {("Oyelaran", "witness")}),
    ("he messaged my friends and one of them sade said it felt odd", {("Sade", "other")}),
    ("he pushed me over and one man name delano help me up", {("Delano", "witness")}),
    ("he was shouting outside and my manager comfort told me to stay in", {("Comfort", "other")}),
]


@pytest.mark.parametrize(("said", "want"), LOWER_CASE_NAMES)
def test_names_no_list_knows_are_found_in_lower_case_by_where_they_stand(said: str,
                                                                         want: set[tuple[str, str]]) -> None:
    assert {name for name, _ in people(said)} == {name for name, _ in want}


NOT_NAMES_LOWER = [
    "at about eight three lads were waiting by my car",  # a plural after a number
    "around ten summat hit the back door and woke me",  # Northern English 'something'
    "ja so this evening he was at the gate again",  # South African 'yes'
    "i saw yer man at the bus stop staring at me",  # Irish 'that man'
    "he parked his ute across my drive and sat there",  # Australian pickup
    "he said he'd make sure naebody would help me",  # Scots 'nobody'
    "salaam so on monday he was outside the mosque again",  # a greeting
    "he texted me about five ish saying he was outside",
]


@pytest.mark.parametrize("said", NOT_NAMES_LOWER)
def test_dialect_words_greetings_and_plurals_are_never_people(said: str) -> None:
    assert people(said) == set()


@pytest.mark.parametrize(("said", "want"), [
    ("he posted it and my sister ilse photoshopped it and sent it to me", "Ilse"),
    ("my nephew chibuike works with me and he saw everything", "Chibuike"),
])
def test_a_verb_after_a_first_name_is_no_surname(said: str, want: str) -> None:
    assert {name for name, _ in people(said)} == {want}


def test_a_message_that_said_something_is_no_person() -> None:
    assert people("my mum's message said he had been round again") == set()


def test_a_word_name_before_a_relation_with_an_apostrophe_s_is_the_name() -> None:
    assert {name for name, _ in people("on the way home grace my brother's fiancee shouted at me outside the chippy")} \
        == {"Grace"}


def test_an_unknown_word_after_a_first_name_is_its_surname_in_lower_case_text():
    from datetime import datetime

    from voicelog.extract import extract_incident

    incident = extract_incident("on monday i got a voicemail from barry okwuosa saying he knows where i work",
                                recorded_at=datetime(2026, 3, 30, 21, 47))
    assert [p.name for p in incident.people] == ["Barry Okwuosa"]


NICKNAMES = [
    ("A lad they call Moth kicked my bike over outside the chippy.", {("Moth", "subject")}),
    ("Some bloke who calls himself Badger keeps messaging me at night.", {("Badger", "subject")}),
    ("The man I know only as Sparrow followed me from the bus stop.", {("Sparrow", "subject")}),
    ("He goes by Moth, real name Dara Quint, and he kicked my bike over.", {("Dara Quint", "subject")}),
    ("It's known as the long way round, and he followed me along it.", set()),
]


@pytest.mark.parametrize(("said", "want"), NICKNAMES)
@pytest.mark.parametrize("style", STYLES)
def test_a_nickname_is_a_name_even_when_it_is_a_word(said: str, want: set[tuple[str, str]],
                                                      style: Callable[[str], str]) -> None:
    assert people(style(said)) == want
