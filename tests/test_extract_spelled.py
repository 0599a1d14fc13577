"""voicelog.extract.spelled: codes read out letter by letter, in the phonetic alphabet, and digit by digit."""

import pytest

from voicelog.extract.spelled import Found, read_code, spoken, unique

CODES = [
    ("Lima Kilo one nine Alpha Bravo Charlie", "LK19ABC"),
    ("L K 19 A B C", "LK19ABC"),
    ("LK19 ABC", "LK19ABC"),
    ("y t seven two double r x", "YT72RRX"),
    ("x-ray ray", "X"),
    ("x ray seven", "X7"),
    ("oh seven seven double oh nine", "077009"),
    ("triple five nought", "5550"),
    ("B S sixteen four Q Z", "BS164QZ"),
    ("nothing here", ""),
]


@pytest.mark.parametrize(("said", "code"), CODES)
def test_a_code_is_read_as_said(said: str, code: str) -> None:
    words = spoken(said)
    assert read_code(words.lower, words.said, 0)[0] == code


def test_a_letter_name_goes_on_a_started_code_and_reading_stops_at_an_ordinary_word() -> None:
    words = spoken("twenty three bee and then he left")
    assert read_code(words.lower, words.said, 0) == ("23B", 3)
    words = spoken("a b c d")  # an opening "a" is the article; inside a code it is a letter
    assert read_code(words.lower, words.said, 0)[0] == "" and read_code(words.lower, words.said, 1)[0] == "BCD"
    words = spoken("seven a b")
    assert read_code(words.lower, words.said, 0)[0] == "7AB"
    words = spoken("a man walked past")
    assert read_code(words.lower, words.said, 0) == ("", 0)


def test_digits_only_for_a_phone_number() -> None:
    words = spoken("oh seven seven double oh nine double oh one two three Alpha")
    assert read_code(words.lower, words.said, 0, letters=False) == ("07700900123", 11)


def test_words_keep_where_they_were_said_and_their_sentence() -> None:
    words = spoken("He said no. The X-ray was Kilo, then he left!")
    assert "X-ray" in words.said and words.source(4, 6) == "X-ray was"
    assert words.sentence_of(0) == (0, 3) and words.sentence_of(5) == (3, 10)


def test_unique_keeps_the_first_of_each_value_in_the_order_said() -> None:
    got = unique([Found("b", "b", "r", 5), Found("A", "a", "r", 1), Found("a", "a again", "r", 3)])
    assert [(f.text, f.start) for f in got] == [("A", 1), ("b", 5)]
