"""Whisper's writing habits undone before an account is read (voicelog.extract.heard)."""

from __future__ import annotations

import pytest

from voicelog.extract.heard import tidy_heard


@pytest.mark.parametrize(("text", "tidied"), [
    ("Then Lisa's Husband Rob shouted at me.", "Then Lisa's husband Rob shouted at me."),
    ("Last night, round nine, Tanya Sister Joy came to the flat.",
     "Last night, round nine, Tanya sister Joy came to the flat."),
    ("Marta's Boyfriend Kevin was at the gate.", "Marta's boyfriend Kevin was at the gate."),
])
def test_a_relation_capitalised_between_names_is_lower_cased(text: str, tidied: str) -> None:
    assert tidy_heard(text) == tidied
    assert len(tidy_heard(text)) == len(text)


@pytest.mark.parametrize("text", [
    "Sister Joy saw him at the ward door.",  # a title at the start of a sentence
    "On the ward, Sister Joy saw him.",  # a title after a comma
    "At the gates of Ysgol Bro Teifi he waited.",  # not a family word
    "Yesterday. Brother Tom from the church saw it.",  # the word before ends a sentence
    "my husband rob saw it",  # lower case: nothing to undo
])
def test_titles_and_other_capitals_stay(text: str) -> None:
    assert tidy_heard(text) == text
