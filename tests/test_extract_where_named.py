"""voicelog.extract.where_named: a venue's own name run on after the kind of place it is, with its street."""

import pytest
from conftest import vosk_style

from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.where import find_where
from voicelog.extract.where_named import NAME_AFTER_KIND
from voicelog.extract.who import truecase_words


def where(text: str) -> tuple[str | None, tuple[str, ...]]:
    n = normalize(text)
    place = find_where(n, parse_words(truecase_words(n)))
    return (vosk_style(place.text), place.rules) if place else (None, ())


@pytest.mark.parametrize("text, place", [
    ("i was in the hardware shop ferrowby tools on quarry lane when he came in", "ferrowby tools on quarry lane"),
    ("he came into the little bakery where i work dunmallow on quillon street and sat down",
     "dunmallow on quillon street"),
])
def test_a_name_run_on_after_the_kind_of_place_is_that_name_on_its_street(text, place):
    found, rules = where(text)
    assert found == place and NAME_AFTER_KIND in rules


@pytest.mark.parametrize("text", [
    "i was stood at the bus stop yesterday on quarry lane when he drove past",  # a day
    "i was stood at the bus stop again on quarry lane when he drove past",  # no name
    "he was at the hardware shop with dave on quarry lane",  # a person
    "He was in the hardware shop, Ferrowby Tools, on Quarry Lane.",  # Whisper's commas: an apposition
])
def test_no_name_or_a_punctuated_one_is_not_this_rule(text):
    assert NAME_AFTER_KIND not in where(text)[1]
