"""voicelog.extract.where_firm: a firm named by two names joined by "and" is one place; two things said in a row
(a shop and a person, a verb after the second) stay apart, and Vosk's lower case is left cut at "and"."""

from __future__ import annotations

from datetime import datetime

import pytest

from voicelog.extract import extract_incident
from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.where_firm import FIRM_AND, joins
from voicelog.extract.where_phrase import Reader
from voicelog.extract.who import truecase_words

AT = datetime(2026, 3, 2, 9, 0)


def _joins(text: str) -> bool:
    """Whether the first "and" of text joins the word before it and the word after it into a firm's name."""
    account = normalize(text)
    reader = Reader.of(account, parse_words(truecase_words(account)))
    pos = next(i for i, word in enumerate(account.words) if word.lower == "and")
    return joins(reader, pos - 1, pos)


@pytest.mark.parametrize(("text", "place"), [
    ("He turned up at Mercer and Hale on Monday.", "Mercer and Hale"),
    ("He was waiting at reception at Pelham and Roe this morning.", "reception at Pelham and Roe"),
    ("I run the till at the shop, Ashcombe and Daughters on Hill Street, and he came in.",
     "Ashcombe and Daughters on Hill Street"),  # a firm named before its street (where_seeds' name-on-street)
    ("He came into Ashcombe and Daughters on Hill Street and stared at me.", "Ashcombe and Daughters on Hill Street"),
])
def test_a_firm_of_two_names_is_one_place(text: str, place: str) -> None:
    assert extract_incident(text, recorded_at=AT).location == place
    assert _joins(text)


def test_the_firm_on_its_own_is_named_by_its_rule() -> None:
    assert FIRM_AND in extract_incident("I saw him at Mercer and Hale today.", recorded_at=AT).rules["location"]


@pytest.mark.parametrize("text", [
    "I was at Tesco and Dave rang me.",  # a first name after "and"
    "He was outside Boots and Superdrug was shut.",  # a verb after the second name
    "I was at Mercer, and Hale came over.",  # a comma between them
    "We met at the Pret on Larkin Row and Omar Sayed was there.",  # a person's full name after "and"
    "he turned up at mercer and hale on monday",  # Vosk's lower case: no capitals to go by
])
def test_two_things_in_a_row_are_not_joined(text: str) -> None:
    assert not _joins(text)


def test_the_joined_firm_keeps_its_rule_out_of_names_with_no_and() -> None:
    assert FIRM_AND not in extract_incident("He turned up at Mercer on Monday.", recorded_at=AT).rules["location"]
