"""voicelog.extract.where_phrase: one place phrase read and scored; the word lists and the table of scores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from voicelog.extract import vocab
from voicelog.extract.normalize import normalize
from voicelog.extract.where_phrase import HOME_PART, HOUSE_NUMBER, NO_BODY_PART, STREET, Reader, known_words
from voicelog.extract.where_scores import SCORES


def reader(text: str, known: tuple[str, ...] = ()) -> Reader:
    return Reader.of(normalize(text), None, known)


@pytest.mark.parametrize("said, postcode", [
    ("he lives at SW1A 1AA now", "SW1A 1AA"),
    ("he lives at s w one a one a a now", "SW1A 1AA"),
    ("it was m one one a e", "M1 1AE"),
    ("the postcode is l s six two q x", "LS6 2QX"),
    ("near EC1A 1BB", "EC1A 1BB"),
])
def test_postcodes_written_and_spoken(said, postcode):
    assert [found[2] for found in reader(said).postcodes()] == [postcode]


@pytest.mark.parametrize("said", [
    "i was at a b and c", "he said i 2 a a", "we had 2 teas at 3", "flat 4 b", "the a1 road", "at 10 am",
])
def test_no_postcode_in_ordinary_words(said):
    assert reader(said).postcodes() == []


@pytest.mark.parametrize("said, at, expected", [
    ("at 14 kings road", 1, True),
    ("at fourteen kings road", 1, True),
    ("at 22b sorrel avenue", 1, True),
    ("at seven kings road", 1, True),
    ("at 14 people", 1, False),
    ("at 7 the road was shut", 1, False),
    ("at half seven kings road", 1, False),
])
def test_house_numbers_come_before_a_street(said, at, expected):
    assert reader(said).house_number_at(at) is expected


@pytest.mark.parametrize("said, start, end, rule", [
    ("at 14 kings road", 1, 4, HOUSE_NUMBER),
    ("down aspen lane", 1, 3, STREET),
    ("at my kitchen window", 1, 4, HOME_PART),
    ("by the arm", 1, 3, NO_BODY_PART),
])
def test_the_head_names_the_rule_that_scored_it(said, start, end, rule):
    assert reader(said).head(start, end).rule == rule


@pytest.mark.parametrize("said, start, end, expected", [
    ("at thornbury", 1, 2, True),
    ("at marrowby fields", 1, 3, True),  # lower case as Vosk prints it: led by a word no dictionary knows
    ("at kelbrook insurance", 1, 3, True),
    ("at bryn's motors", 1, 3, True),
    ("at Kelbrook Insurance", 1, 3, True),
    ("at my cousin's engagement", 1, 4, False),  # everyday words, whoever they belong to
    ("this morning's post", 0, 3, False),
    ("at lunch time", 1, 3, False),
    ("at kelbrook Insurance", 1, 3, False),  # mixed case: neither a written name nor Vosk's
])
def test_a_name_is_capitalised_or_led_by_a_word_no_dictionary_knows(said, start, end, expected):
    assert reader(said).unknown_name(start, end) is expected


def test_a_body_part_is_never_a_place_unless_something_is_of_it():
    assert reader("grabbed me by the arm").head(3, 5).score == SCORES.never
    assert reader("at the foot of the stairs").head(1, 3).score == 0.0


def test_a_known_place_is_found_by_its_words_in_either_style():
    assert known_words(["Oak-Tree Nails", "oak tree nails", "Unit 4 Mill Yard", "The Copperleaf", "the"]) == (
        ("oak", "tree", "nails"), ("unit", "4", "mill", "yard"), ("copperleaf",))
    r = reader("he was outside unit four mill yard", ("Unit 4 Mill Yard",))
    assert r.known_spans() == [(3, 7)]
    assert r.np_end(3) == 7  # read as one name, like a shop in places.txt


WHERE_LISTS = sorted(p.stem for p in (Path(vocab.__file__).parent / "vocab").glob("where_*.txt"))


@pytest.mark.parametrize("name", WHERE_LISTS)
def test_every_place_word_list_is_lower_case_and_used(name):
    entries = vocab.entries(name)
    assert entries and all(e == e.lower() for e in entries)
    code = "".join((Path(vocab.__file__).parent / f).read_text(encoding="utf-8")
                   for f in ("where.py", "where_grow.py", "where_phrase.py", "where_weigh.py", "where_seeds.py",
                             "where_ride.py", "where_in_person.py", "where_pub.py", "where_named.py",
                             "where_online.py", "where_their_words.py", "where_attached.py"))
    assert re.search(rf"""(?:wl|phrases_rx)\(["']{name.removeprefix("where_")}["']|"{name}\"""", code), name


def test_a_house_number_keeps_its_street_across_the_comma_whisper_writes():
    from datetime import datetime

    from voicelog.extract import extract_incident

    said = "He was waiting at 42, Birch Road when I got back."
    assert extract_incident(said, recorded_at=datetime(2026, 3, 4, 12, 0)).location == "42, Birch Road"
    assert Reader(normalize(said)).house_number_at(4)
    assert not Reader(normalize("He came at 7, Station Road was shut so I went home.")).house_number_at(3)
