"""voicelog.extract.when_choose: which of several days and times is the incident's, on real normalised accounts in
both text styles (invented accounts, from no eval set)."""

from datetime import date, datetime

import pytest
from conftest import STYLES

from voicelog.extract import when_choose
from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when
from voicelog.extract.when_choose import Mention

# A Wednesday evening.
REC = datetime(2026, 5, 13, 21, 10)


def clock_mentions(n):
    return [Mention(k, k + 1, "time", clock=w.clock) for k, w in enumerate(n.words) if w.kind == "time"]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "day", "time", "approx"), [
    # a dialect "no" corrects a day or a time
    ("Tuesday, naw, it was Wednesday last week, he was at the chippy.", "2026-05-06", None, False),
    ("Tonight, about half nine, nah, nearer ten, he kicked the bin over.", "2026-05-13", "22:00", True),
    # a span's bound is not the day; a reason after the incident's time is history
    ("He rang my landlord on Monday and gave notice on my flat starting Friday.", "2026-05-11", None, False),
    ("Someone smashed my porch light at about one in the night, and I know it's him, because he turned up on "
     "Sunday shouting.", "2026-05-13", "01:00", True),
    # history first, then today
    ("Over the summer he rang my work a lot, and on the 2nd he sent flowers. Today is why I'm ringing though: at "
     "about half eight he was at my window.", "2026-05-13", "20:30", True),
    # the day said with the incident's time
    ("My band played a gig on Friday, and at nine on Sunday morning he commented on the photos.",
     "2026-05-10", "09:00", False),
    # someone close telling the person later: the telling is not the incident (time.told-later, date.told-later)
    ("My auntie rang me at seven. She said he was at her door this afternoon asking where I'd moved to.",
     "2026-05-13", None, False),
    ("My flatmate told me this morning that he was waiting by the bins yesterday.", "2026-05-12", None, False),
    ("My brother rang me at seven because he was outside my brother's work.", "2026-05-13", "19:00", False),
    # 'right now' is how things stand; "it's gone ten" is the present, not the incident (time.now-is-a-state)
    ("I'm in the chemist right now and he followed me in, about five minutes ago.", "2026-05-13", "21:05", True),
    ("It's gone ten and he's sent me forty messages since half seven.", "2026-05-13", "19:30", False),
])
def test_the_incidents_day_and_time(said, day, time, approx, style):
    w = find_when(normalize(style(said)), REC)
    assert (w.date, w.time, w.approximate) == (day, time, approx)


def test_the_day_of_a_routine_time_does_not_move_the_date():
    # the only time is the person's own call to the police: the incident's day stays the one said first
    w = find_when(normalize("Last Tuesday he followed me. This morning at eight I rang the police."), REC)
    assert w.date == "2026-05-12"


def test_but_today_needs_the_other_person_or_a_reason():
    assert find_when(normalize("On Monday he followed me to the gym, but today I'm fine."), REC).date == "2026-05-11"


def test_said_now_is_not_the_incidents_time():
    n = normalize("It's ten past nine. About twenty minutes ago he was banging on the door.")
    w = find_when(n, REC)
    assert (w.time, w.approximate) == ("20:50", True)
    assert when_choose.says_now(n, 1)


def test_since_starts_something_still_going_on():
    n = normalize("Ever since the fourth he has been calling me.")
    assert when_choose.since(n, 2)
    assert find_when(n, REC).date == "2026-05-13"


def test_near_pairs_a_day_with_a_time_in_the_same_sentence_only():
    n = normalize("This morning at seven he rang. Yesterday. At nine I went out.")
    day = Mention(0, 2, "date", day=date(2026, 5, 13))
    seven, nine = clock_mentions(n)
    assert when_choose.near(n, day, seven)
    assert not when_choose.near(n, Mention(5, 6, "date"), nine)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "at", "day", "time"), [
    ("I'm doing this at about four in the morning. At two he was hammering on the shutter.", "2026-05-14T04:05",
     "2026-05-14", "02:00"),
    ("It's ten to three. No, five to. He has been sat in the car outside since two.", "2026-05-14T02:55",
     "2026-05-14", "02:00"),
    ("It's just gone midnight. Twenty minutes ago his brother rang me, asking where I was.", "2026-05-14T00:40",
     "2026-05-14", "00:20"),
    ("It's just gone midnight. Twenty minutes ago his brother rang me, asking where I was.", "2026-05-14T09:00",
     "2026-05-13", "23:40"),
])
def test_a_clock_said_as_now_is_not_the_incidents(said, at, day, time, style):
    found = find_when(normalize(style(said)), datetime.fromisoformat(at))
    assert (found.date, found.time) == (day, time)
