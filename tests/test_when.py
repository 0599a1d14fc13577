"""Dates and times resolved against the recording time, in both text styles."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when

# A Wednesday evening.
REC = datetime(2025, 3, 12, 18, 30)

# said, date, time, approximate, period
CASES = [
    ("He was outside again.", "2025-03-12", None, False, None),
    ("This morning he sent six texts.", "2025-03-12", None, False, "morning"),
    ("Yesterday he rang my work.", "2025-03-11", None, False, None),
    ("Last night he was banging on the door.", "2025-03-11", None, False, "night"),
    ("Last night at about half eleven he was at the door.", "2025-03-11", "23:30", True, None),
    ("On Monday he followed me home.", "2025-03-10", None, False, None),
    ("On Wednesday he followed me home.", "2025-03-05", None, False, None),
    ("Last Friday evening she turned up at the pub.", "2025-03-07", None, False, "evening"),
    ("Three days ago he left flowers.", "2025-03-09", None, False, None),
    ("A week ago I found the tracker.", "2025-03-05", None, False, None),
    ("About twenty minutes ago he drove past twice.", "2025-03-12", "18:10", True, None),
    ("Half an hour ago he knocked on my window.", "2025-03-12", "18:00", True, None),
    ("Just now he shouted at me in the street.", "2025-03-12", "18:30", True, None),
    ("On the fourth he sent a letter.", "2025-03-04", None, False, None),
    ("On the twentieth he sent a letter.", "2025-02-20", None, False, None),
    ("On the second of December he waited by my car.", "2024-12-02", None, False, None),
    ("On March the third he waited by my car.", "2025-03-03", None, False, None),
    ("At five past four this afternoon he was in the park.", "2025-03-12", "16:05", False, None),
    ("At six he was outside again.", "2025-03-12", "18:00", False, None),
    ("At nine he was outside again.", "2025-03-12", "09:00", False, None),
    ("At nine thirty p m on Sunday he texted me.", "2025-03-09", "21:30", False, None),
    ("On Tuesday at around ten at night he called.", "2025-03-11", "22:00", True, None),
    ("Yesterday at twenty past one in the morning he rang.", "2025-03-11", "01:20", False, None),
    ("Yesterday at noon he was at the school gates.", "2025-03-11", "12:00", False, None),
    ("On Monday, no, Tuesday, he was at the gym.", "2025-03-11", None, False, None),
    ("On the fifth, sorry, the sixth of March he rang.", "2025-03-06", None, False, None),
    ("At seven, no wait, quarter past seven he followed me.", "2025-03-12", "07:15", False, None),
    ("This evening at six, no, half six, he followed me.", "2025-03-12", "18:30", False, None),
    ("At lunchtime today he sat opposite my office.", "2025-03-12", None, False, "afternoon"),
    ("I left work at five and at about half five he was at the bus stop.", "2025-03-12", "17:30", True, None),
    ("On Saturday afternoon at three he was at the match.", "2025-03-08", "15:00", False, None),
    ("It was gone eleven last night when he knocked.", "2025-03-11", "23:00", True, None),
    ("The day before yesterday she was at the gates.", "2025-03-10", None, False, None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, day, time, approx, period", CASES)
def test_when(said, day, time, approx, period, style):
    w = find_when(normalize(style(said)), REC)
    assert (w.date, w.time, w.approximate, w.period) == (day, time, approx, period)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "You are going to march me to the police?",
    "He may be there, he said to come at once.",
    "I want to be left alone.",
])
def test_ordinary_words_are_not_dates(said, style):
    w = find_when(normalize(style(said)), REC)
    assert (w.date, w.time) == ("2025-03-12", None)


def test_minutes_ago_crossing_midnight():
    w = find_when(normalize("about an hour ago he was outside"), datetime(2025, 3, 12, 0, 20))
    assert (w.date, w.time, w.approximate) == ("2025-03-11", "23:20", True)


def test_sources_quote_the_spoken_words():
    w = find_when(normalize("On Tuesday at about quarter to ten he rang."), REC)
    assert w.date_source == "On Tuesday"
    assert w.time_source == "quarter to ten"
