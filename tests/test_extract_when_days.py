"""voicelog.extract.when_days: the nearest past day, dateparser's readings, counts and correction words."""

from datetime import date, datetime

import pytest
from conftest import STYLES

from voicelog.extract import when_days
from voicelog.extract.normalize import normalize

REF = datetime(2026, 3, 30, 12, 0)


def test_nearest_past_day_goes_back_to_an_earlier_month_or_year():
    assert when_days.nearest_past_day(14, 3, REF.date()) == date(2026, 3, 14)
    assert when_days.nearest_past_day(14, 4, REF.date()) == date(2025, 4, 14)
    assert when_days.nearest_past_day(31, None, REF.date()) == date(2026, 1, 31)  # February has no 31st


def test_dateparser_reads_day_and_month_in_the_past():
    assert when_days.dateparser_day("14 march", 14, 3, REF) == date(2026, 3, 14)
    assert when_days.dateparser_day("the 2nd of december", 2, 12, REF) == date(2025, 12, 2)


def test_digits_are_read_day_first_unless_impossible():
    assert when_days.digit_day("12/03/2026", 12, 3, 2026, REF) == date(2026, 3, 12)
    assert when_days.digit_day("03/25/2026", 3, 25, 2026, REF) == date(2026, 3, 25)
    assert when_days.digit_day("31/02/2026", 31, 2, 2026, REF) is None


def test_counts_said_before_a_unit():
    assert [when_days.count(x) for x in ("a", "a couple of", "a few", "20")] == [1, 2, 3, 20]


def test_correction_words_mark_a_correction():
    assert when_days.corrections().search(" on monday no tuesday ")
    assert not when_days.corrections().search(" on monday he came ")


def test_a_pronoun_right_after_someone_close_is_that_person():
    from voicelog.extract.normalize import normalize

    n = normalize("I rang my mum, she came at nine, and he had gone. My cousin Sal said she saw him.")
    flags = [when_days.helper_pronoun(n, k) for k, w in enumerate(n.words) if w.lower in ("she", "he")]
    assert flags == [True, False, True]


def test_an_ordinal_with_its_weekday_after_it_is_a_day():
    from voicelog.extract.normalize import normalize

    assert when_days.weekday_named_after(normalize("on the 26th, Sunday, he came"), 2)
    assert when_days.weekday_named_after(normalize("on the twenty sixth sunday he came"), 2)
    assert not when_days.weekday_named_after(normalize("the third sunday in a row he came"), 1)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "counting"), [
    ("It's the fifth this week.", True),
    ("That is the third parcel this month from him.", True),
    ("It's the fourth Friday in a row.", True),
    ("It was the ninth, this man got on behind me.", False),
    ("on the ninth this man got on behind me", False),
])
def test_an_ordinal_before_a_span_is_a_count(said, counting, style):
    n = normalize(style(said))
    k = next(k for k, w in enumerate(n.words) if w.kind == "ord")
    assert when_days.counting_after(n, k) is counting


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", ["On the twelfth of this month he rang.", "The ninth gone, this month, he rang."])
def test_an_ordinal_naming_its_month_is_a_day(said, style):
    n = normalize(style(said))
    k = next(k for k, w in enumerate(n.words) if w.kind == "ord")
    assert not when_days.counting_after(n, k)
