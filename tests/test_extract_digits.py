"""voicelog.extract.digits: times and dates written in digits, read from real normalised tokens."""

import pytest

from voicelog.extract.digits import (
    COMPACT_CLOCK,
    COMPACT_CORRECTED,
    DIGIT_CLOCK,
    MINUTES_TO,
    TRAIN_DEPARTURE,
    clock_at,
    compact,
    compact_at,
    dates_in,
    glued_hour,
    heard_hour,
    meridiem_at,
)
from voicelog.extract.digits_spaced import SPACED_DATE
from voicelog.extract.normalize import _group_numbers, _tokenize, hour_cues, unit_words


def tokens(text):
    return _group_numbers(_tokenize(text))


@pytest.mark.parametrize("text, found", [
    ("on 12/03/2026", [(3, 13, (12, 3, 2026), "")]),
    ("on 1-3-26 and 2/4", [(3, 9, (1, 3, 2026), ""), (14, 17, (2, 4, None), "")]),
    ("on 2026-03-12", [(3, 13, (12, 3, 2026), "")]),
    ("on 12 03 2026", [(3, 13, (12, 3, 2026), SPACED_DATE)]),
    ("on 4 27 he", [(3, 7, (4, 27, None), SPACED_DATE)]),
    ("on 4 27pm", []),
    ("on 7 15 tonight", []),
    ("at 4 27 he", []),
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


@pytest.mark.parametrize("written, expected", [
    ("530", (5, 30, None)), ("1140", (11, 40, None)), ("0945", (9, 45, "am")), ("0700", (7, 0, "am")),
    ("1205", (12, 5, None)), ("500", None), ("1300", None), ("1340", None), ("2026", None), ("575", None),
    ("12345", None), ("45", None),
])
def test_compact(written, expected):
    assert compact(written) == expected


def test_compact_reads_an_evening_24_hour_time_only_when_asked():
    assert compact("2315", evening_24=True) == (23, 15, None)
    assert compact("2375", evening_24=True) is None


def test_glued_hour_reads_short_and_compact_hours():
    assert glued_hour("7") == (7, 0, DIGIT_CLOCK)
    assert glued_hour("645") == (6, 45, COMPACT_CLOCK)
    assert glued_hour("13") is None
    assert glued_hour("2026") is None


@pytest.mark.parametrize("text, k, expected", [
    ("at 530 he", 1, (5, 30, None, 2, COMPACT_CLOCK)),
    ("at 530 p.m. he", 1, (5, 30, "pm", 6, COMPACT_CLOCK)),
    ("about 945 when", 1, (9, 45, None, 2, COMPACT_CLOCK)),
    ("about 945.", 1, None),  # a count may end a sentence after "about"
    ("after 945.", 1, (9, 45, None, 2, COMPACT_CLOCK)),
    ("the 750 train", 1, (7, 50, None, 2, TRAIN_DEPARTURE)),
    ("the 750 bus", 1, None),
    ("at 530 Tamworth Road", 1, None),
    ("at 530 messages", 1, None),
    ("sent 530 texts", 1, None),
    ("at 2315 he", 1, (23, 15, None, 2, COMPACT_CLOCK)),
    ("at 0700 he", 1, (7, 0, "am", 2, COMPACT_CLOCK)),
    ("at 2019 prices", 1, None),
    ("since 2019 he", 1, None),
    ("at about 530 or so", 2, (5, 30, None, 3, COMPACT_CLOCK)),
])
def test_compact_at(text, k, expected):
    assert compact_at(tokens(text), k, text, [], unit_words()) == expected


def test_compact_at_a_correction_needs_a_time_before_it():
    from voicelog.extract.normalize import normalize

    corrected = [t for t in normalize("He came at 6? No, 630, and knocked.").words if t.kind == "time"]
    assert [t.rule for t in corrected][-1] == COMPACT_CORRECTED
    assert not [t for t in normalize("No, 630 of them were sent.").words if t.kind == "time"]


@pytest.mark.parametrize("text, expected", [
    ("10 to 80 came", 8), ("25 past 60 he", 6), ("10 to 50 came", None), ("from 10 to 80 came", None),
    ("10 and 80 came", None),
])
def test_heard_hour(text, expected):
    toks = tokens(text)
    i = next(k for k, t in enumerate(toks) if t.kind == "num")
    assert heard_hour(toks, i, i + 2, text) == expected


def test_an_hour_left_unsaid_is_the_next_one_when_the_minutes_have_passed():
    from voicelog.extract.normalize import normalize

    said = "I left at twenty to eight and got there at quarter past, and he was waiting."
    assert [t.clock[:2] for t in normalize(said).words if t.kind == "time"] == [(7, 40), (8, 15)]
    said = "I left at five and got to the stop at ten past, and he was there."
    assert [t.clock[:2] for t in normalize(said).words if t.kind == "time"] == [(5, 0), (5, 10)]
