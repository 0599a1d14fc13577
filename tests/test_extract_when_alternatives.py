"""voicelog.extract.when_alternatives: two clock times said one after the other, alternatives (the later, approximate)
or the same time said again more exactly (the fuller, exact), in both text styles (invented accounts, from no eval
set)."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import when_alternatives
from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when
from voicelog.extract.when_alternatives import ALTERNATIVES, RESTATED_EXACT
from voicelog.extract.when_choose import Mention

# A Wednesday evening.
REC = datetime(2026, 5, 13, 21, 10)


def clock_mentions(n):
    return [Mention(k, k + 1, "time", clock=w.clock) for k, w in enumerate(n.words) if w.kind == "time"]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "kept"), [
    ("He waited by the lift at about six, maybe ten past.", (6, 10)),
    ("At seven, seven fifteen, she was ringing the bell.", (7, 15)),
])
def test_alternatives_keep_the_later_time(said, kept, style):
    n = normalize(style(said))
    ms = clock_mentions(n)
    assert when_alternatives.apply_alternatives(n, ms)
    assert [m.clock[:2] for m in ms if not m.dropped and m.clock] == [kept]


@pytest.mark.parametrize("style", STYLES)
def test_two_times_apart_are_not_alternatives(style):
    n = normalize(style("He came at six and at nine he came back."))
    ms = clock_mentions(n)
    assert not when_alternatives.apply_alternatives(n, ms)
    assert not any(m.dropped for m in ms)


def test_times_far_apart_or_across_a_sentence_are_not_alternatives():
    for said in ("At six. Seven o'clock is when I eat.", "At two, nine fifteen is when the film started."):
        n = normalize(said)
        assert not when_alternatives.apply_alternatives(n, clock_mentions(n))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "time", "approx", "how"), [
    ("At four, um, at twenty past four, the bell went and it was Tamsin again.", "16:20", False, RESTATED_EXACT),
    ("At six, quarter past six, the bell went and it was Tamsin again.", "18:15", False, RESTATED_EXACT),
    ("Yesterday at six, so six in the evening, he was on the bench by the flats.", "18:00", False, RESTATED_EXACT),
    ("At about six, quarter past six, the bell went and it was Tamsin again.", "18:15", True, ALTERNATIVES),
    ("At, er, six, quarter past six, the bell went and it was Tamsin again.", "18:15", True, ALTERNATIVES),
    ("At six, quarter past six maybe, the bell went and it was Tamsin again.", "18:15", True, ALTERNATIVES),
])
def test_a_time_said_again_more_exactly_is_exact(said, time, approx, how, style):
    when = find_when(normalize(style(said)), REC)
    assert (when.time, when.approximate) == (time, approx)
    assert ("time", how) in when.rules
