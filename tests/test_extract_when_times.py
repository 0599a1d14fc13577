"""voicelog.extract.when_times: the clock times of an account, in both text styles (invented accounts)."""

import pytest
from conftest import STYLES

from voicelog.extract import when_times
from voicelog.extract.normalize import normalize


def clocks(said):
    return [m.clock[:2] for m in when_times.time_mentions(normalize(said)) if m.clock]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expect"), [
    ("I was at the bus stop at the back of seven when he shouted.", [(7, 0)]),
    ("Coming up to ten he was still knocking.", [(10, 0)]),
    ("The time was twenty two forty when the van came back.", [(22, 40)]),
    ("At nineteen fifteen he parked outside.", [(19, 15)]),
    ("At six he rang.", [(6, 0)]),
    ("Twenty-three ten, the underpass, he was behind me again.", [(23, 10)]),
    ("I locked the shop door, twenty one forty five, and he was by the bins.", [(21, 45)]),
])
def test_times_said_as_idioms_and_in_24_hours(said, expect, style):
    assert clocks(style(said)) == expect


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "The letter came to flat six thirty, not mine.",
    "He drives a black F three fifty.",
    "He has had that car since nineteen forty five, he says.",
    "In nineteen fifty the house was built.",
    "It was the back of the bus he sat on.",
    "We were coming up to ten people at the party.",
    "He wrote me nine twenty pages of it.",
    "Back in twenty twenty five he lived two doors down.",
    "He has owed me the money since twenty twenty.",
    "The twenty two fifteen people on the list got a letter.",
])
def test_numbers_that_are_not_times(said, style):
    assert clocks(style(said)) == []


def test_an_idiom_time_is_marked_by_its_rule():
    (m,) = when_times.time_mentions(normalize("at the back of nine he was at the door"))
    assert m.rule == when_times.BACK_OF


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, hour", [
    ("He was at the gate at like nine, staring in.", 9),
    ("Sunday afternoon, maybe four, he rang the bell.", 4),
    ("He has been parked there since, um, two.", 2),
    ("At like nine people were queueing at the door.", None),
    ("I had like five messages from him.", None)])
def test_a_hedge_between_a_cue_and_a_bare_hour_leaves_it_a_time(said, hour, style):
    found = [m.clock[0] for m in when_times.time_mentions(normalize(style(said))) if m.clock is not None]
    assert found == ([hour] if hour is not None else [])


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "hours"), [
    ("From like six till eight he sat in his van by the chip shop.", [6, 8]),
    ("He walked past the flat four times between seven and eight.", [7]),
    ("Between about ten and midnight he kept ringing the buzzer.", [10, 0]),
    ("He rang my office all day, between nine and five.", []),
    ("He wants between two and three hundred pounds off me.", []),
    ("She sent between four and five texts.", []),
])
def test_the_start_of_a_span_is_a_time(said, hours, style):
    assert [m.clock[0] for m in when_times.time_mentions(normalize(style(said))) if m.clock] == hours
