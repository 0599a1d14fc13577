"""voicelog.extract.clock: which time is the incident's, hedges and am/pm, on real normalised accounts."""

from datetime import date, datetime

import pytest
from conftest import STYLES

from voicelog.extract import clock
from voicelog.extract.normalize import normalize


def times(n):
    return [(k, k + 1, True) for k, w in enumerate(n.words) if w.kind == "time"]


def clause_text(n, k):
    a, b = clock.clause(n, k, k + 1)
    return " ".join(w.lower for w in n.words[a:b])


@pytest.mark.parametrize("style", STYLES)
def test_a_time_belongs_to_its_own_clause(style):
    n = normalize(style("I left work at five and at twenty to six he was at the bus stop, then my sister came."))
    five, twenty_to = (k for k, _j, _c in times(n))
    assert clause_text(n, five) == "i left work at 5:00"
    assert clause_text(n, twenty_to) == "at 5:40 he was at the bus stop"


def test_a_fronted_time_reaches_into_what_follows():
    n = normalize("At six, when I got home, he was at the door.")
    assert clause_text(n, 1) == "at 6:00 when i got home he was at the door"


@pytest.mark.parametrize("style", STYLES)
def test_scores_follow_the_table(style):
    n = normalize(style("I got home at six. At quarter past six she knocked. Then at seven I had tea."))
    six, quarter, seven = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert six == clock.SCORES.own_routine
    assert quarter == clock.SCORES.subject_deed + clock.SCORES.other_person
    assert seven == 0
    assert clock.incident_time(n, times(n)) == (1, True)


def test_the_first_time_wins_a_tie_and_no_rule_is_named():
    n = normalize("He rang at nine and he rang again at ten.")
    assert clock.incident_time(n, times(n)) == (0, False)


@pytest.mark.parametrize("style", STYLES)
def test_a_repeat_never_wins_over_the_time_it_repeats(style):
    n = normalize(style("The car alarm has been going since about one. He kicked the car again at half two."))
    one, half_two = (k for k, _j, _c in times(n))
    assert clock.score(n, half_two, half_two + 1) >= clock.score(n, one, one + 1)  # "since" counts against one
    assert clock.incident_time(n, times(n)) == (0, False)


def test_the_persons_own_day_before_a_time_is_never_the_incident():
    n = normalize("I finished my shift at six and walked home.")
    assert clock.not_incident(n, 5)
    assert clock.incident_time(n, times(n)) == (None, False)
    assert clock.incident_time(n, [(5, 6, False)]) == (0, False)  # a moment ("an hour ago") is never set aside


@pytest.mark.parametrize("said, hedged", [
    ("at about six he came", True), ("at six ish he came", True), ("at six or so he came", True),
    ("at, um, about six he came", True), ("just gone six he came", True), ("at six he came", False),
    ("It was around the 11-40 when he rang.", True)])  # Whisper: "around eleven forty"
def test_hedges(said, hedged):
    n = normalize(said)
    k = next(k for k, _j, _c in times(n))
    assert clock.hedged(n, k, k + 1) is hedged


REF = datetime(2026, 3, 30, 21, 47)


@pytest.mark.parametrize("clock_value, part, day, context, expected", [
    ((7, 15, None, False), None, date(2026, 3, 30), "", (19, 15, clock.LATEST_NOT_AFTER)),
    ((7, 15, None, False), "morning", date(2026, 3, 30), "", (7, 15, clock.AM_PM_BY_CONTEXT)),
    ((8, 0, None, False), None, date(2026, 3, 30), "after the pub", (20, 0, clock.AM_PM_BY_CONTEXT)),
    ((8, 0, None, False), None, date(2026, 3, 27), "", (8, 0, clock.DAYTIME_DEFAULT)),
    ((3, 0, None, False), None, date(2026, 3, 27), "", (15, 0, clock.DAYTIME_DEFAULT)),
    ((5, 50, "pm", False), None, date(2026, 3, 30), "", (17, 50, "")),
    ((12, 0, "am", False), None, date(2026, 3, 30), "", (0, 0, "")),
])
def test_resolve_hour(clock_value, part, day, context, expected):
    assert clock.resolve_hour(clock_value, part, day, REF, context) == expected


def test_the_score_table_is_one_frozen_table():
    with pytest.raises(AttributeError):
        clock.SCORES.own_routine = 0  # type: ignore[misc]
    assert clock.SCORES.own_routine < 0 < clock.SCORES.other_person < clock.SCORES.subject_deed


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, taken, period", [
    ("He was outside in the evening.", [], "evening"),
    ("He rang all morning.", [], "morning"),
    ("He came at lunchtime.", [], "afternoon"),
    ("He sat there in the middle of the night.", [], "night"),
    ("Yesterday evening, in the morning too, he rang.", [(0, 2)], "morning"),
    ("He rang twice.", [], None),
    ("Three days ago, evening time, he came by my stall.", [(0, 3)], "evening"),
    ("It was night-time when the bin went over.", [], "night"),
])
def test_free_period(said, taken, period, style):
    assert clock.free_period(normalize(style(said)), taken) == period


@pytest.mark.parametrize("said, night", [
    ("At 11.15 at 90 kicked my door.", True),  # Whisper's "at night he"
    ("At 10 at 90, rang me again.", True),
    ("At 6 he was going at 90 mph.", False),
    ("At 6 at 90 miles an hour he passed me.", False),
    ("At 6 he was at the door.", False),
])
def test_heard_night(said, night):
    n = normalize(said)
    k = next(i for i, w in enumerate(n.words) if w.kind == "time")
    assert clock.heard_night(n, k + 1) is night
    assert (clock.part_near(n, k, k + 1) == "night") is night


@pytest.mark.parametrize("style", STYLES)
def test_done_to_me_and_the_end_of_a_span_count(style):
    n = normalize(style("The service was at one and at four my uncle shoved me into the wall."))
    one, four = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert (one, four) == (0, clock.SCORES.done_to_me)
    n = normalize(style("He sat in his van from about six till half seven."))
    six, half_seven = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert half_seven == clock.SCORES.span_end < six


def test_a_time_after_just_before_keeps_its_clause():
    n = normalize("I got in just before midnight and at twenty past twelve the buzzer went.")
    midnight, ten_past = (k for k, _j, _c in times(n))
    assert clause_text(n, midnight) == "i got in just before 0:00 am"
    assert clock.score(n, midnight, midnight + 1) == clock.SCORES.own_routine + clock.SCORES.named_bound


@pytest.mark.parametrize("style", STYLES)
def test_still_there_and_a_named_bound_score_lower(style):
    n = normalize(style("At half four he was sat in his van. He was still there at six."))
    half_four, six = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert six < half_four
    n = normalize(style("Last night, like after midnight, at twenty past twelve, he rang."))
    midnight, twenty_past = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert midnight < twenty_past


@pytest.mark.parametrize("style", STYLES)
def test_a_time_is_not_before_the_times_told_before_it(style):
    n = normalize(style("We got to the barbecue at one, ate at four, and at nine he threw a glass."))
    spans = times(n)
    nine = spans[2][0]
    from voicelog.extract.when_choose import Mention

    earlier = [Mention(k, k + 1, "time", clock=n.words[k].clock) for k, _j, _c in spans[:2]]
    assert clock.after_earlier_times(n, nine, earlier, (9, 0), date(2026, 3, 28), datetime(2026, 3, 30, 9, 0)) == 21
    assert clock.after_earlier_times(n, nine, [], (9, 0), date(2026, 3, 28), datetime(2026, 3, 30, 9, 0)) is None
    # on the recording day, never after the recording
    assert clock.after_earlier_times(n, nine, earlier, (9, 0), date(2026, 3, 30), datetime(2026, 3, 30, 20, 0)) is None


@pytest.mark.parametrize(("said", "hedged"), [
    ("He was there at like half ten.", True),
    ("He rang at ten past six maybe.", True),
    ("I saw him aboot nine.", True),
    ("Like I said, at ten he rang.", False),
])
def test_hedges_of_several_englishes(said, hedged):
    n = normalize(said)
    (k, _j, _c), *_ = times(n)
    assert clock.hedged(n, k, k + 1) is hedged


def test_a_part_of_the_day_from_last_night_or_a_lunch_break():
    n = normalize("It was last night at about twenty to ten he rang.")
    (k, _j, _c), = times(n)
    assert clock.part_near(n, k, k + 1) == "night"
    assert clock.free_period(normalize("On my lunch break he sat at my table."), []) == "afternoon"


@pytest.mark.parametrize("style", STYLES)
def test_a_time_stated_as_the_time_of_it_counts(style):
    n = normalize(style("I left the pool at six. It was, I'd say, about twenty to seven."))
    six, twenty_past = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert twenty_past == clock.SCORES.stated
    n = normalize(style("He said he'd been waiting since two."))
    (two, _j, _c), = times(n)
    assert clock.score(n, two, two + 1) == clock.SCORES.span_end + clock.SCORES.other_person


@pytest.mark.parametrize("style", STYLES)
def test_a_time_after_a_camera_is_the_deeds(style):
    n = normalize(style("I got home at six and the shed was open. The camera shows someone at the shed at two."))
    six, two = (clock.score(n, k, k + 1) for k, _j, _c in times(n))
    assert two == six + clock.SCORES.on_camera
    n = normalize(style("He kept trying to ring me, and at nine he came round."))
    (nine, _j, _c), = times(n)
    assert clock.score(n, nine, nine + 1) == clock.SCORES.other_person + clock.SCORES.subject_deed  # no camera


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "at", "expect"), [
    ("This evening from like seven till nine he sat outside the launderette.", "2026-03-30T22:00", "19:00"),
    ("Tonight he knocked on my window three times between ten and eleven.", "2026-03-30T23:30", "22:00"),
    ("Last night he was ringing the bell from about eleven to like half eleven.", "2026-03-31T09:00", "23:00"),
    ("I've just had nine voicemails off her. They started at about quarter past eight.", "2026-03-30T21:00", "20:15"),
    ("Today she rang my office twenty times between nine and five.", "2026-03-30T18:00", None),
])
def test_a_span_or_a_run_is_timed_by_its_start(said, at, expect, style):
    from voicelog.extract.when import find_when

    assert find_when(normalize(style(said)), datetime.fromisoformat(at)).time == expect
