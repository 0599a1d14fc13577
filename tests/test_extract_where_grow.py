"""voicelog.extract.where_grow: a place seed grown by the phrases after it, in both text styles."""

import pytest
from conftest import vosk_style

from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.where_grow import APPOSITION, EXTEND, FRAGMENT, THE_ONE_ON, Seed, grow
from voicelog.extract.where_phrase import Reader
from voicelog.extract.where_ride import ROUTE
from voicelog.extract.who import truecase_words


def grown(text: str, first: str) -> tuple[str | None, list[str]]:
    """Grow the phrase that starts at the word `first` (its noun phrase, read as where.py reads it)."""
    account = normalize(text)
    reader = Reader.of(account, parse_words(truecase_words(account)))
    start = next(i for i, word in enumerate(account.words) if word.lower == first)
    end = reader.np_end(start)
    head = reader.head(start, end)
    g = grow(reader, Seed("at", start - 1, start, end, head.score, [head.rule] if head.rule else []))
    return (account.source(g.text_start, g.end) if g.end is not None else None), g.rules


@pytest.mark.parametrize("text, first, place, rule", [
    ("He was at the chemist on Hollin Road in Dunmore.", "the", "the chemist on Hollin Road in Dunmore", EXTEND),
    ("I was at the Plough, the one on Quarry Street, when he came in.", "the",
     "the Plough, the one on Quarry Street", THE_ONE_ON),
    ("At my work, the pharmacy on Mill Parade, he stared at me.", "my", "the pharmacy on Mill Parade", APPOSITION),
    ("He was on the train from Dunmore and sat opposite me.", "the", "the train from Dunmore", ROUTE),
    ("He was outside the gym. On Tanners Lane. He didn't say a word.", "the", "the gym. On Tanners Lane", FRAGMENT),
])
def test_each_step_grows_the_place_and_names_its_rule(text, first, place, rule):
    got, rules = grown(text, first)
    assert got == place and rule in rules


@pytest.mark.parametrize("text, first, place", [
    ("So I pulled into the car park on Birch Road in. Found it under the seat.", "the", "the car park on Birch Road"),
    ("He was at the bus stop on Birch Road. In the end I went home.", "the", "the bus stop on Birch Road"),
    ("He was outside the gym. On Tanners Lane he grabbed my arm.", "the", "the gym"),
    ("He was by the bins. In the morning they were gone.", "the", "the bins"),
])
def test_a_place_stops_at_a_full_stop(text, first, place):
    assert grown(text, first)[0] == place


@pytest.mark.parametrize("text, place", [
    ("I was dropping my daughter at school, Ashdene Primary, and his van was parked opposite.", "Ashdene Primary"),
    ("I was at church, Saint Aldric's, and after the service he grabbed my arm.", "Saint Aldric's"),
    ("I dropped my son at nursery, Little Wrens, and he was parked across the road.", "Little Wrens"),
])
def test_a_place_said_by_its_kind_is_named_by_the_name_after_it(text, place):
    got, rules = grown(text, text.split(", ")[0].split()[-1])
    assert got == place and APPOSITION in rules


def test_a_person_after_a_place_said_by_its_kind_names_no_place():
    assert grown("I was at school, Dave came over and shouted at me.", "school")[0] == "school"


def test_without_punctuation_vosk_text_grows_as_far_as_the_street():
    text = vosk_style("He was outside the gym on Tanners Lane he grabbed my arm.")
    assert grown(text, "the")[0] == "the gym on tanners lane"


def test_a_seed_that_is_no_place_grows_into_none():
    assert grown("He looked at the sky over the hills.", "the")[0] is None
