"""voicelog.extract.when: dates and times resolved against the recording time, in both text styles.

The general table goes through extract_incident with accounts written for generalisation, taken from no eval set.
"""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when

# A Wednesday evening.
REC = datetime(2025, 3, 12, 18, 30)
WED = datetime(2025, 10, 15, 20, 5)
MORNING = datetime(2025, 10, 15, 8, 40)

# said, date, time, approximate, period
CASES = [
    ("He was outside again.", "2025-03-12", None, False, None),
    ("This morning he sent six texts.", "2025-03-12", None, False, "morning"),
    ("Today afternoon his brother came to my hostel asking for me.", "2025-03-12", None, False, "afternoon"),
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
    ("Yesterday at ten past two in the morning he rang.", "2025-03-11", "02:10", False, None),
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
    # the person's own routine, then what they found: the only time stays (time.found-on-arrival)
    ("I got in from my shift at about ten and my wheelie bin had been set on fire.", "2025-03-12", "10:00", True, None),
    # "then just got" is the person's trip, not "just now"
    ("I went round to my nan's and then just got the last tram home and he was on it.", "2025-03-12", None, False,
     None),
    # a date after "since" starts something still going on (date.since-is-not-the-day)
    ("He has been messaging me since the 2nd of March and today he came to my door.", "2025-03-12", None, False,
     None),
    ("About quarter tae six he was on the platform.", "2025-03-12", "17:45", True, None),
    ("At a quarter of seven this morning he jogged past my house.", "2025-03-12", "06:45", False, None),
    ("There was a voicemail from him at quarter to midnight last night.", "2025-03-11", "23:45", False, None),
    ("Round bout eight he was banging on my window.", "2025-03-12", "08:00", True, None),
    ("Tuesday gone, quarter past eight in the evening, he spat at me.", "2025-03-11", "20:15", False, None),
    ("Yesterday in evening about twenty to ten he sat opposite me on the tram.", "2025-03-11", "21:40", True, None),
    ("Found a tracker under my car earlier this evening.", "2025-03-12", None, False, "evening"),
    ("Sat arvo round four-ish he was hanging around outside the shop.", "2025-03-08", "16:00", True, None),
    ("Just now, about ten minutes ago, he drove past twice.", "2025-03-12", "18:20", True, None),
    ("It's ten past two in the afternoon. About an hour ago he was at my door.", "2025-03-12", "13:10", True, None),
    ("A quarter of an hour ago he drove past my flat.", "2025-03-12", "18:15", True, None),
    ("I finished work at four, got the tram at ten past, and as I got off, about half four, he was on the platform.",
     "2025-03-12", "16:30", True, None),
    ("Round ten this morning he turned up at the school.", "2025-03-12", "10:00", True, None),
    ("This past Sunday, early afternoon, he was by my car.", "2025-03-09", None, False, "afternoon"),
    ("In the wee hours he was banging on the door.", "2025-03-12", None, False, "night"),
    ("A little after nine this morning he started texting me.", "2025-03-12", "09:00", True, None),
    ("At ten after six he was at the door.", "2025-03-12", "18:10", False, None),
    ("Four days back he slashed my tyres.", "2025-03-08", None, False, None),
    ("He came round at five and would not leave.", "2025-03-12", "17:00", False, None),
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


# Varied accounts written for generalisation (taken from no eval set), through extract_incident.
# (said, recorded_at, date, time, approximate, period)
WHEN = [
    ("He was outside my house again.", WED, "2025-10-15", None, False, None),
    ("Today he followed me into town.", WED, "2025-10-15", None, False, None),
    ("This morning he was at the bus stop.", WED, "2025-10-15", None, False, "morning"),
    ("Earlier he rang me six times.", WED, "2025-10-15", None, False, None),
    ("Yesterday he was at the school gates.", WED, "2025-10-14", None, False, None),
    ("Last night he was banging on my door.", WED, "2025-10-14", None, False, "night"),
    ("Last night at about eleven he was banging on my door.", WED, "2025-10-14", "23:00", True, None),
    ("On Tuesday he was outside my work.", WED, "2025-10-14", None, False, None),
    ("Last Wednesday he followed me home.", WED, "2025-10-08", None, False, None),
    ("On Sunday afternoon he was in the park.", WED, "2025-10-12", None, False, "afternoon"),
    ("Two days ago he left flowers on my car.", WED, "2025-10-13", None, False, None),
    ("A week ago he slashed my tyres.", WED, "2025-10-08", None, False, None),
    ("The night before last he was in the car park.", WED, "2025-10-13", None, False, "night"),
    ("On the fourteenth he sent me a letter.", WED, "2025-10-14", None, False, None),
    ("On the twenty third he sent me a letter.", WED, "2025-09-23", None, False, None),
    ("On the third of March he was at my door.", WED, "2025-03-03", None, False, None),
    ("Just now he drove past my house.", WED, "2025-10-15", "20:05", True, None),
    ("Twenty minutes ago he drove past my house.", WED, "2025-10-15", "19:45", True, None),
    ("Half an hour ago he rang the doorbell.", WED, "2025-10-15", "19:35", True, None),
    ("At half past seven he was outside.", WED, "2025-10-15", "19:30", False, None),
    ("At nine o'clock he was outside.", MORNING, "2025-10-15", "09:00", False, None),
    ("At noon he turned up at my work.", WED, "2025-10-15", "12:00", False, None),
    ("At midnight he was banging on the door.", WED, "2025-10-15", "00:00", False, None),
    ("On Monday at quarter to ten at night he was outside.", WED, "2025-10-13", "21:45", False, None),
    ("On Monday at ten past eight in the morning he followed me.", WED, "2025-10-13", "08:10", False, None),
    ("Yesterday at lunchtime he came into the cafe.", WED, "2025-10-14", None, False, "afternoon"),
    ("Yesterday at around five thirty p m he was at the gate.", WED, "2025-10-14", "17:30", True, None),
    ("Yesterday at twenty five to seven in the evening he was at the gate.", WED, "2025-10-14", "18:35", False, None),
    ("On Friday just after six in the evening he was at the gate.", WED, "2025-10-10", "18:00", True, None),
    # pitfalls: ordinary words dateparser reads as dates
    ("They are outside my house and they want to talk.", WED, "2025-10-15", None, False, None),
    ("He said I may regret it and then he went to the shop.", WED, "2025-10-15", None, False, None),
    ("I saw them march up to my door.", WED, "2025-10-15", None, False, None),
    ("He said he'd march me to the car.", WED, "2025-10-15", None, False, None),
    # several times in one account: the incident's, not the speaker's day
    ("I left work at five and at about half five he was at the bus stop.", WED, "2025-10-15", "17:30", True, None),
    ("I finished my shift at six and then at seven he was waiting by my car.", WED, "2025-10-15", "19:00", False, None),
    # self-corrections: the correction wins
    ("On Monday, no, Tuesday, he was at my door.", WED, "2025-10-14", None, False, None),
    # the latest such time not after the recording (20:05), so 08:30
    ("At eight, sorry, half eight, he was at my door.", WED, "2025-10-15", "08:30", False, None),
    ("Yesterday at eight, sorry, half eight in the evening, he was at my door.", WED, "2025-10-14", "20:30", False,
     None),
    ("At fourteen hundred he came onto the ward.", WED, "2025-10-15", "14:00", False, None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, rec, date, time, approx, period", WHEN)
def test_when_general(said, rec, date, time, approx, period, style):
    inc = extract_incident(style(said), recorded_at=rec)
    assert (inc.date, inc.time, inc.time_approximate, inc.period) == (date, time, approx, period)


# Issue 11: the recogniser's conventions, in the natural (Whisper) style, through extract_incident.
MONDAY_EVENING = datetime(2026, 3, 30, 21, 47)
MONDAY_MORNING = datetime(2026, 3, 30, 8, 20)

# (said, recorded_at, date, time, approximate, fields to [check])
WRITTEN = [
    ("At 7.15 he was outside my flat again.", MONDAY_MORNING, "2026-03-30", "07:15", False, ("time",)),
    ("At 7.15 he was outside my flat again.", MONDAY_EVENING, "2026-03-30", "19:15", False, ("time",)),
    ("At 7.15 this morning he was outside my flat again.", MONDAY_EVENING, "2026-03-30", "07:15", False, ()),
    ("It was 5.50 p.m. when he sat down next to me on the bus.", MONDAY_EVENING, "2026-03-30", "17:50", False, ()),
    ("He rang the bell at 6.30pm and would not go away.", MONDAY_EVENING, "2026-03-30", "18:30", False, ()),
    ("Yesterday at 9:40 P.M. she left a note on my car.", MONDAY_EVENING, "2026-03-29", "21:40", False, ()),
    ("At 10-6 he was waiting by the post box again.", MONDAY_EVENING, "2026-03-30", "17:50", False, ("time",)),
    ("On Friday at about 10-6 in the evening he came into the shop.", MONDAY_EVENING, "2026-03-27", "17:50", True,
     ()),
    ("Saturday the fourteenth of March he followed me to the library.", MONDAY_EVENING, "2026-03-14", None, False,
     ()),
    ("On Saturday the 14th he followed me to the library.", MONDAY_EVENING, "2026-03-14", None, False, ()),
    ("On Friday the 14th he followed me to the library.", MONDAY_EVENING, "2026-03-14", None, False, ("date",)),
    ("On the 2nd he sent me a parcel.", MONDAY_EVENING, "2026-03-02", None, False, ()),
    ("He was waiting at the gate on 12/03/2026.", MONDAY_EVENING, "2026-03-12", None, False, ()),
    ("He was waiting at the gate on 12.03.26.", MONDAY_EVENING, "2026-03-12", None, False, ()),
    ("He was waiting at the gate on 03/25/2026.", MONDAY_EVENING, "2026-03-25", None, False, ()),
    ("He was waiting at the gate on 31/02/2026.", MONDAY_EVENING, "2026-03-30", None, False, ("date",)),
    ("On 14/3 at 8.05 he was waiting at the gate.", MONDAY_EVENING, "2026-03-14", "08:05", False, ("time",)),
    ("Last week he was waiting at the gate.", MONDAY_EVENING, "2026-03-30", None, False, ("date",)),
    ("At 1.5 miles from home I noticed his car behind me.", MONDAY_EVENING, "2026-03-30", None, False, ()),
    ("He followed me on 01/04/2026.", MONDAY_EVENING, "2026-04-01", None, False, ("date",)),  # after the recording
    ("I paid £7.15 for a taxi because he was at the bus stop.", MONDAY_EVENING, "2026-03-30", None, False, ()),
    # "five thirty" as Whisper writes it: 530, 1140, after a self-correction, a train by its time
    ("At 530 he was outside my door again.", MONDAY_EVENING, "2026-03-30", "17:30", False, ("time",)),
    ("On Saturday night at 1140 he kicked the door.", MONDAY_EVENING, "2026-03-28", "23:40", False, ()),
    ("Yesterday at 420 in the afternoon he was at the gate.", MONDAY_EVENING, "2026-03-29", "16:20", False, ()),
    ("He texted me at 8? No, 815, from a new number.", MONDAY_EVENING, "2026-03-30", "20:15", False, ("time",)),
    ("On Friday I got the 615 train and he sat opposite me.", MONDAY_EVENING, "2026-03-27", "18:15", False,
     ("time",)),
    ("It was about 945 when he knocked.", MONDAY_EVENING, "2026-03-30", "21:45", True, ("time",)),
    ("He has sent me 530 messages today.", MONDAY_EVENING, "2026-03-30", None, False, ()),
    ("He stood outside 530 Tamworth Road at 7.15 this morning.", MONDAY_EVENING, "2026-03-30", "07:15", False, ()),
    ("At 20 pass one in the morning he sent a photo of my car.", MONDAY_EVENING, "2026-03-30", "01:20", False, ()),
    ("At 1,800 hours he was at the gate of the depot.", MONDAY_EVENING, "2026-03-30", "18:00", False, ()),
    # dates as Whisper writes them
    ("On the 23rd he followed me home.", MONDAY_EVENING, "2026-03-23", None, False, ()),
    ("On March 23rd he followed me home.", MONDAY_EVENING, "2026-03-23", None, False, ()),
    ("On 23 March he followed me home.", MONDAY_EVENING, "2026-03-23", None, False, ()),
    ("On Tuesday 24th he followed me home.", MONDAY_EVENING, "2026-03-24", None, False, ()),
    ("On Tuesday, 24th March he followed me home.", MONDAY_EVENING, "2026-03-24", None, False, ()),
]


@pytest.mark.parametrize("said, rec, date, time, approx, check", WRITTEN)
def test_whisper_conventions(said, rec, date, time, approx, check):
    inc = extract_incident(said, recorded_at=rec)
    assert (inc.date, inc.time, inc.time_approximate) == (date, time, approx)
    assert tuple(f for f in inc.uncertain if f in ("date", "time")) == check


@pytest.mark.parametrize("meridiem", ["a.m.", "am", "AM", "A.M.", "a. m.", "a.m", "am."])
def test_every_spelling_of_am(meridiem):
    inc = extract_incident(f"At 8.30 {meridiem} he was at my door.", recorded_at=MONDAY_EVENING)
    assert inc.time == "08:30"


@pytest.mark.parametrize("meridiem", ["p.m.", "pm", "PM", "P.M.", "p. m.", "p m"])
def test_every_spelling_of_pm(meridiem):
    inc = extract_incident(f"At 8 {meridiem} he was at my door.", recorded_at=MONDAY_EVENING)
    assert inc.time == "20:00"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, time, outranked", [
    ("I left work at five, and at twenty to six he was at the bus stop. My sister picked me up at half six.",
     "17:40", True),
    ("My mum dropped me off at half eight and at about quarter to nine he was by the school gate.", "~20:45",
     True),
    ("I got home at six. At quarter past six she knocked and would not stop.", "18:15", True),
    ("At nine he was kicking the door, so I rang the police at ten past nine.", "21:00", False),
    ("When I got back home at about ten the garage had been broken into.", "~10:00", False),
    ("He rang at nine and again at ten.", "21:00", False),
    ("I left work at five and walked home the long way.", None, False),
])
def test_the_incidents_time_wins_over_the_persons_own_day(said, time, outranked, style):
    inc = extract_incident(style(said), recorded_at=MONDAY_EVENING)
    assert (None if inc.time is None else ("~" if inc.time_approximate else "") + inc.time) == time
    assert ("time.incident-over-routine" in (inc.rules.get("time") or "")) == outranked


def test_the_rules_that_decided_are_named():
    w = find_when(normalize("On Saturday the 14th at 6.30pm he followed me."), datetime(2026, 3, 30, 21, 47))
    assert ("date", "date.weekday-with-date") in w.rules
    assert ("time", "time.digit-clock") in w.rules
    w = find_when(normalize("He was outside again."), datetime(2026, 3, 30, 21, 47))
    assert w.rules == (("date", "date.recording-day"),)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, time", [
    ("I woke up at 3 a.m. because he was banging on the window.", "03:00"),
    ("I woke up at three a m because he was banging on the window.", "03:00"),
    ("I woke up at three and had a shower.", None),
    ("He said he'd be back at eight tomorrow.", None),
    ("Around 10ish he rang the doorbell and ran off.", "~10:00"),
    ("At about sevenish she was at the gate.", "~19:00"),
])
def test_own_day_plans_and_odd_numbers(said, time, style):
    inc = extract_incident(style(said), recorded_at=MONDAY_EVENING)
    assert (None if inc.time is None else ("~" if inc.time_approximate else "") + inc.time) == time


@pytest.mark.parametrize("said, day, check", [
    ("On the 40th, he left roses on my doorstep.", "2026-03-14", True),  # Whisper's "the fourteenth", in noise
    ("On the 70th of February he rang my work.", "2026-02-17", True),
    ("It was the 40th anniversary of the club and he was there.", "2026-03-30", False),
    ("At the 50th birthday party he shouted at me.", "2026-03-30", False),
])
def test_an_impossible_ty_day_is_heard_as_the_teen_and_checked(said, day, check):
    inc = extract_incident(said, recorded_at=MONDAY_EVENING)
    assert (inc.date, "date" in inc.uncertain) == (day, check)


def test_since_at_the_end_of_a_sentence_does_not_take_the_next_day():
    w = find_when(normalize("I've been scared ever since. Last night at about eleven he was outside."), REC)
    assert (w.date, w.time, w.approximate) == ("2025-03-11", "23:00", True)


# The causes found on a development set, each with invented accounts: said, recorded, date, time, approx, period.
CAUSES = [
    # ordinals: "on 21st" with no "the" at the start of a clause is a date; a street or a count is not
    ("On twenty first, he sent my brother a message.", WED, "2025-09-21", None, False, None),
    ("He was outside the bakery on Fifth, near the lights.", WED, "2025-10-15", None, False, None),
    ("Apparently I'm the second woman he has done this to.", WED, "2025-10-15", None, False, None),
    ("He was by the gate again at half five, the third Monday in a row.", WED, "2025-10-15", "17:30", False, None),
    ("He was at my mum's door the day before yesterday evening.", WED, "2025-10-13", None, False, "evening"),
    ("During my lunch hour last Tuesday he walked past the office window three times.", WED, "2025-10-14", None,
     False, "afternoon"),
    # "just now" about the recording; "just got" beside a closer reading
    ("Only just now writing it down, but three days ago he scratched my car.", WED, "2025-10-12", None, False, None),
    ("Just got another voicemail off him about twenty minutes ago from a withheld number.", WED, "2025-10-15",
     "19:45", True, None),
    ("Had a call just now, well, at about seven forty, him again asking where I am.", WED, "2025-10-15", "19:40",
     True, None),
    ("He was trying my door handle five minutes ago, ten maybe.", WED, "2025-10-15", "19:55", True, None),
    # the incident's time among other times: found, done to me, until, the hour left unsaid, across midnight
    ("I parked in the station car park at seven and when I came back at ten to six the tyres were slashed.",
     WED, "2025-10-15", "17:50", False, None),
    ("Yesterday we were at the races from one, had tea at five, and at about eight his cousin shoved me against a "
     "fence.", MORNING, "2025-10-14", "20:00", True, None),
    ("I left my sister's at twenty to seven and got to the chemist at quarter past, and he was inside.", WED,
     "2025-10-15", "19:15", False, None),
    ("My taxi dropped me off just before midnight, and at twenty five past twelve he rang the bell.",
     datetime(2025, 10, 16, 0, 40), "2025-10-16", "00:25", False, None),
    # hedges and idioms of several Englishes
    ("At the back of seven he was banging on my door.", WED, "2025-10-15", "19:00", True, None),
    ("Aboot twenty past six he spat at me outside the shop.", WED, "2025-10-15", "18:20", True, None),
    ("At quarter past two he drove behind me, about five k's, right to my work.", WED, "2025-10-15", "14:15", False,
     None),
    ("At eighteen forty a red car parked across my drive.", WED, "2025-10-15", "18:40", False, None),
    # the time said as the time of it; a time after "since" starts something still going on
    ("I came out of the gym at eight and crossed to the car park. That was about ten past eight when he grabbed my "
     "bag.", datetime(2025, 10, 15, 21, 0), "2025-10-15", "20:10", True, None),
    ("I got back to the flat about six and he was on the stairs, he said he'd been sat there since two.", WED,
     "2025-10-15", "18:00", True, None),
    # habits and figures of speech are not days or times
    ("I do the late shift on a Tuesday and at one point he came in and stood by the till.", WED, "2025-10-15", None,
     False, None),
    ("After school today he followed me to the bus.", WED, "2025-10-15", None, False, "afternoon"),
    # a hedge after the part of the day; a part said with a repeated day
    ("Yesterday at ten in the morning, about that, he was at the school gate.", WED, "2025-10-14", "10:00", True,
     None),
    ("Sunday, no, Saturday, Saturday night, we were in the pub and at about half ten he threw a pint at me.", WED,
     "2025-10-11", "22:30", True, None),
    # a.m. or p.m. from a day said with the time, even after a date
    ("It was the 14th, last night, about ten to eleven when he rang me.", datetime(2025, 10, 15, 11, 0),
     "2025-10-14", "22:50", True, None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, rec, date, time, approx, period", CAUSES)
def test_general_causes(said, rec, date, time, approx, period, style):
    w = find_when(normalize(style(said)), rec)
    assert (w.date, w.time, w.approximate, w.period) == (date, time, approx, period)


# Round 2 of issue 11: accounts invented for the general causes found across the blind sets (the incident's time
# among others, someone close telling the person later, am or pm from the sentence, counts that are not days,
# deadlines, spans). Recorded on a Wednesday evening.
ROUND2_REC = datetime(2026, 5, 13, 21, 10)
ROUND2 = [
    ("He was at my door at nine and I wasn't sure what to do, then at ten he came back and kicked it.",
     "2026-05-13", "21:00"),
    ("My sister phoned me at seven, she says he's outside her house.", "2026-05-13", "19:00"),
    ("My neighbour told me he was in the garden at about three this afternoon.", "2026-05-13", "15:00"),
    ("I got home at six and cooked tea. At eight he started banging on the door.", "2026-05-13", "20:00"),
    ("Tonight at about twenty to six he was outside the chippy.", "2026-05-13", "17:40"),
    ("On Saturday the 9th at around four he turned up at the park.", "2026-05-09", "16:00"),
    ("He wants his things back by Saturday, he said that when he rang at seven.", "2026-05-13", "19:00"),
    ("This is about Monday. I was at the bus stop at half eight in the morning and he pushed me.",
     "2026-05-11", "08:30"),
    ("At half seven, no, quarter to eight, he was on my drive.", "2026-05-13", "19:45"),
    ("I locked up the shop at six and at ten past he was standing in the doorway.", "2026-05-13", "18:10"),
    ("That's the second time this week. He was at the gate at four.", "2026-05-13", "16:00"),
    ("My mum said he was at her house on Monday asking about me.", "2026-05-11", None),
    ("My friend rang at nine to say he was at the club last night.", "2026-05-12", None),
    ("He sat outside from two till four this afternoon.", "2026-05-13", "14:00"),
    ("It's half nine now and he's been ringing since seven.", "2026-05-13", "19:00"),
    ("I took the kids to school at nine and when I walked back out he was leaning on my car.", "2026-05-13", "09:00"),
    ("I went to the gym about seven and I thought I saw his car but I couldn't be sure. When I got home at nine he "
     "was on my step.", "2026-05-13", "21:00"),
    ("Yesterday I bought a chocolate bar at the garage at ten and he stood two places behind me in the queue.",
     "2026-05-12", "10:00"),
    ("On Sunday we had a bonfire in the garden and at eight he threw a bottle over the fence.", "2026-05-10", "20:00"),
    ("Me brother phoned me at four, he reckons he seen him outside me mam's this morning.", "2026-05-13", None),
    ("He rang me at six and said he'd be outside my work tomorrow.", "2026-05-13", "18:00"),
    ("The third time he rang was at ten.", "2026-05-13", "10:00"),
    ("I left the office at five thirty, and at twenty to six he was waiting at the lights.", "2026-05-13", "17:40"),
    ("So we closed up at eleven and he was sat on the wall outside.", "2026-05-13", "11:00"),
    ("It was Tuesday, the 12th, at around two, he came to the school.", "2026-05-12", "14:00"),
    ("Last night he was parked outside from nine until gone midnight.", "2026-05-12", "21:00"),
    ("My neighbour said he was at my door at six and again at eight.", "2026-05-13", "18:00"),
    ("I got home at five and he rang me at six to shout at me.", "2026-05-13", "18:00"),
    ("My mum phoned me at eight and said she'd seen his car outside my house at seven.", "2026-05-13", "19:00"),
    ("At four I thought I saw him in the park but I couldn't be sure, and at five he was definitely at my gate.",
     "2026-05-13", "17:00"),
    ("On Monday at noon he sent me a voice note, and on Tuesday at three he sent another.", "2026-05-11", "12:00"),
    ("He turned up at the school gates at quarter past three, the school run, bold as brass.", "2026-05-13", "15:15"),
    ("Twenty minutes ago my sister rang, she said he's been outside her flat since six.", "2026-05-13", "18:00"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "day", "time"), ROUND2)
def test_the_incidents_day_and_time_among_others(said, day, time, style):
    w = find_when(normalize(style(said)), ROUND2_REC)
    assert (w.date, w.time) == (day, time)


@pytest.mark.parametrize("style", STYLES)
def test_minutes_back_is_minutes_ago_but_walking_back_is_not(style):
    ago = find_when(normalize(style("maybe forty minutes back he rattled my letterbox")), WED)
    assert (ago.time, ago.approximate) == ("19:25", True)
    walked = find_when(normalize(style("He walked me five minutes back to the bus stop.")), WED)
    assert walked.time is None
