"""voicelog.extract.digits: times and dates written in digits, read from real normalised tokens."""

import pytest

from voicelog.extract.digits import DIGIT_CLOCK, MINUTES_TO, clock_at, dates_in, meridiem_at
from voicelog.extract.normalize import _group_numbers, _tokenize, hour_cues, unit_words


def tokens(text):
    return _group_numbers(_tokenize(text))


@pytest.mark.parametrize("text, found", [
    ("on 12/03/2026", [(3, 13, (12, 3, 2026))]),
    ("on 1-3-26 and 2/4", [(3, 9, (1, 3, 2026)), (14, 17, (2, 4, None))]),
    ("on 2026-03-12", [(3, 13, (12, 3, 2026))]),
    ("version 1.2.3.4", []),
    ("at 7.15", []),
    ("1/2/3/4", []),
])
def test_dates_in(text, found):
    assert dates_in(text) == found


@pytest.mark.parametrize("text, k, expected", [
    ("at 7.15 then", 1, (7, 15, None, 4, DIGIT_CLOCK)),
    ("at 6.30pm then", 1, (6, 30, "pm", 4, DIGIT_CLOCK)),
    ("at 5.50 p.m. then", 1, (5, 50, "pm", 8, DIGIT_CLOCK)),
    ("at 19.40 p.m. then", 1, (19, 40, None, 8, DIGIT_CLOCK)),  # a 24-hour time keeps its hour
    ("at 10-6 then", 1, (5, 50, None, 3, MINUTES_TO)),
    ("from 10-6 then", 1, None),
    ("at 7 . 15", 1, None),  # spaced out: not one written time
    ("cost £7.15", 2, None),
])
def test_clock_at(text, k, expected):
    assert clock_at(tokens(text), k, text, hour_cues(), unit_words()) == expected


def test_meridiem_at_reads_each_spelling_and_nothing_else():
    for text in ("pm", "p.m.", "P. M.", "p m", "PM."):
        assert meridiem_at(tokens(text), 0)[0] == "pm"
    assert meridiem_at(tokens("a man"), 0) == (None, 0)
    assert meridiem_at(tokens("pat"), 0) == (None, 0)
