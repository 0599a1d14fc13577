"""voicelog.extract.when_restated: a day said again as the calendar has it wins over the day said before it, in both
text styles (invented accounts, from no eval set)."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when
from voicelog.extract.when_restated import DAY_RESTATED

# A Saturday morning.
REC = datetime(2026, 6, 13, 10, 30)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "day"), [
    ("Thursday night, well, Friday morning really, about half one, the doorbell went again and it was Corin.",
     "2026-06-12"),
    ("On Wednesday night I drove home from the depot at twenty to two, so technically Thursday, and his bike was "
     "chained to my gate.", "2026-06-11"),
    ("Last night, late, so technically today, at ten past twelve, someone rattled the letterbox.", "2026-06-13"),
    ("Tuesday evening, well, technically Wednesday, Ferrowby sent the same photo four times.", "2026-06-10"),
])
def test_the_restated_day_wins(said, day, style):
    when = find_when(normalize(style(said)), REC)
    assert when.date == day
    assert ("date", DAY_RESTATED) in when.rules


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "day"), [
    ("On Thursday night he parked outside, and on Friday he was really rude to my sister.", "2026-06-11"),
    ("Thursday night, well, Thursday evening, he left a note under the wiper.", "2026-06-11"),
])
def test_a_day_not_restated_stays(said, day, style):
    assert find_when(normalize(style(said)), REC).date == day
