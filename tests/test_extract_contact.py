"""voicelog.extract.contact: a witness's phone number or email, in both text styles."""

import pytest
from conftest import STYLES

from voicelog.extract.contact import find_contacts, phone_text
from voicelog.extract.normalize import normalize

WITNESSES = [("Ruth Okafor", "Ruth Okafor"), ("Dev Ranganathan", "Dev")]

CONTACTS = [
    ("My neighbour Ruth Okafor saw it all. Her number is oh seven seven double oh nine double oh one two three.",
     ["Ruth Okafor: 07700 900123"]),
    ("Dev was with me and saw him, his email is dev dot r at example dot com.", ["Dev Ranganathan: dev.r@example.com"]),
    ("A man at the bus stop watched the whole thing and left me his number, 07700 900456.", ["witness: 07700 900456"]),
    ("A man saw it, his number is plus four four seven seven zero zero nine zero zero one two three.",
     ["witness: +44 7700 900123"]),
    # not a witness's
    ("He rang me from 07700 900789 and a passer-by saw him shouting.", []),
    ("He texted me on oh seven seven double oh nine double oh nine nine nine.", []),
    ("My crime reference is one two three four five six seven eight nine one.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expected"), CONTACTS)
def test_witness_contacts_as_said(style, said: str, expected: list[str]) -> None:
    found = find_contacts(normalize(style(said)), WITNESSES)
    assert [f.text for f in found] == expected
    for f in found:
        assert f.source in style(said) and f.rule.startswith("contact.")


def test_a_written_email_of_a_witness() -> None:
    found = find_contacts(normalize("The witness left her email, jo.bright@example.org, with me."))
    assert [(f.text, f.rule) for f in found] == [("witness: jo.bright@example.org", "contact.witness-cue")]


def test_phone_numbers_are_grouped_as_written() -> None:
    assert phone_text("07700900123") == "07700 900123"
    assert phone_text("+447700900123") == "+44 7700 900123"
    assert phone_text("5550140123") == "555 014 0123"
    assert phone_text("123456789012") == "123456789012"


def test_a_person_named_in_no_part_is_put_to_a_number_only_where_a_witness_word_is() -> None:
    others = [("Imelda", "Imelda")]
    said = "My neighbour Imelda gave me her number, 07700 900444, in case the police need her."
    assert [f.text for f in find_contacts(normalize(said), (), others)] == ["Imelda: 07700 900444"]
    said = "Imelda was there. Her number is 07700 900444."  # no witness word: not a witness's number
    assert find_contacts(normalize(said), (), others) == ()
