"""voicelog.extract.when_ampm: am or pm of a 12-hour time, on real normalised accounts (invented, from no eval set)."""

from datetime import date, datetime

import pytest
from conftest import STYLES

from voicelog.extract import when_ampm
from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when

REF = datetime(2026, 3, 30, 21, 47)


def first_time(n):
    return next(k for k, w in enumerate(n.words) if w.kind == "time")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "part"), [
    ("He rang at ten to six this evening.", "evening"),
    ("the half nine one, so at night, he got on behind me", "night"),
    ("At seven he was at the gate.", None),
])
def test_a_part_of_the_day_said_with_the_time(said, part, style):
    n = normalize(style(said))
    k = first_time(n)
    assert when_ampm.part_near(n, k, k + 1) == part


def test_words_of_the_evening_count_across_the_sentence_but_not_far_beyond():
    n = normalize("We were in the bar with my cousins for hours, and when I went out for a taxi at eleven he was "
                  "there.")
    k = first_time(n)
    assert when_ampm.context_part(when_ampm.context(n, k, k + 1))
    far = normalize("I went to the bar. " + "I walked and walked and walked and walked and walked. " * 3
                    + "At eleven he was there.")
    assert not when_ampm.context_part(when_ampm.context(far, first_time(far), first_time(far) + 1))


@pytest.mark.parametrize(("clock_value", "part", "expected"), [
    ((5, 50, None, False), "night", (17, 50)),  # "tonight at ten to six"
    ((2, 0, None, True), "night", (2, 0)),  # "at two last night"
    ((8, 0, None, True), None, (8, 0)),  # another day, nothing said: waking hours
    ((7, 0, None, True), None, (19, 0)),  # a bare seven is the evening's
])
def test_resolve_hour(clock_value, part, expected):
    h, mi, _how = when_ampm.resolve_hour(clock_value, part, date(2026, 3, 27), REF, "")
    assert (h, mi) == expected


@pytest.mark.parametrize("style", STYLES)
def test_a_far_days_part_gives_way_to_words_near_the_time(style):
    said = ("On my way in this morning I was sure his van was behind me. Then when I finished work, just after "
            "half five, my tyre was flat.")
    assert find_when(normalize(style(said)), REF).time == "17:30"


@pytest.mark.parametrize("words", ["on my way back from my night class", "as the trick or treaters went past"])
def test_an_evening_activity_makes_the_hour_evening(words):
    n = normalize(f"Last Thursday, {words}, at about half eight, he stepped out in front of me.")
    k = first_time(n)
    assert when_ampm.context_part(when_ampm.context(n, k, k + 1))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "at", "day", "time"), [
    ("On Saturday at the ceilidh he pushed me into the fire door, about eleven.", "2026-03-30T10:00", "2026-03-28",
     "23:00"),
    ("Thursday on the last bus home he sat behind me and pulled my hair. Around twenty past ten.",
     "2026-03-30T10:00", "2026-03-26", "22:20"),
    ("I've got work early in the morning. At twenty to twelve someone kicked my bins over.", "2026-03-30T00:50",
     "2026-03-29", "23:40"),
    ("At half eleven in the morning he rang the bell.", "2026-03-30T00:50", "2026-03-30", "11:30"),
])
def test_evening_times_not_read_as_morning(said, at, day, time, style):
    found = find_when(normalize(style(said)), datetime.fromisoformat(at))
    assert (found.date, found.time) == (day, time)
