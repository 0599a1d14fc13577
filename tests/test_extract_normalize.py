"""Spoken numbers and clock phrases, in both text styles."""


import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize

CASES = [
    ("At half past nine he rang.", "9:30"),
    ("quarter to ten", "9:45"),
    ("a quarter past six", "6:15"),
    ("ten past eight", "8:10"),
    ("twenty five to seven", "6:35"),
    ("twenty minutes past four", "4:20"),
    ("nine thirty p m", "9:30 pm"),
    ("at eleven a.m. sharp", "11:00 am"),
    ("at 3pm", "3:00 pm"),
    ("about two o'clock", "2:00"),
    ("it was noon", "12:00 pm"),
    ("around midnight", "0:00 am"),
    ("at half six", "6:30"),
    ("nine oh five", "9:05"),
    ("since about seven", "7:00"),
    ("at eight in the morning", "8:00"),
    ("on the twenty third", "23rd"),
    ("the thirty first of May", "31st"),
    ("the number forty three bus", "43"),
    ("two hundred and thirty eight", "238"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, expected", CASES)
def test_normalises(said, expected, style):
    assert expected in normalize(style(said)).text


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, absent", [
    ("he was ten metres behind me", ":"),
    ("it lasted twenty minutes", ":"),
    ("I saw him three times", ":"),
    ("one of those trackers", ":"),
    ("it was an odd one this morning, a card under the wiper", ":"),  # "one" a pronoun, not the hour
    ("the incident number is c four five oh two seven nine", ":"),  # digits read out, "five oh two" inside them
])
def test_quantities_are_not_times(said, absent, style):
    assert absent not in normalize(style(said)).text


@pytest.mark.parametrize("style", STYLES)
def test_no_one_is_nobody_not_a_number(style):
    """'no one' stays words, so negation and 'no one knew ...' patterns can read it; 'at one' is still the hour."""
    text = normalize(style("No one answered the door at one")).text
    assert text.lower().startswith("no one answered") and "1:00" in text


def test_source_points_back_at_spoken_words():
    n = normalize("We met at quarter to ten, outside.")
    k = next(i for i, w in enumerate(n.words) if w.kind == "time")
    assert n.source(k, k + 1) == "quarter to ten"
    assert n.words[k].value[:2] == (9, 45)


# Whisper writes times in digits: each becomes one time token, named for the rule that read it.
@pytest.mark.parametrize("said, expected, rule", [
    ("At 7.15 he was outside.", "7:15", "time.digit-clock"),
    ("At 19:40 he was outside.", "19:40", "time.digit-clock"),
    ("It was 5.50 p.m. when he came.", "5:50 pm", "time.digit-clock"),
    ("He rang at 6.30pm again.", "6:30 pm", "time.digit-clock"),
    ("He rang at 6.30p.m. again.", "6:30 pm", "time.digit-clock"),
    ("He rang at 7p.m. again.", "7:00 pm", "time.digit-clock"),
    ("He rang at 7 P.M. again.", "7:00 pm", "time.digit-clock"),
    ("He rang at 11:05 a. m. again.", "11:05 am", "time.digit-clock"),
    ("At 10-6 he was at the stop.", "5:50", "time.minutes-to-digits"),
    ("At about 25-9 he was at the stop.", "8:35", "time.minutes-to-digits"),
    ("at half past nine p m he rang", "9:30 pm", "time.spoken-clock"),
    # Whisper's "530" for "five thirty", where a time is meant
    ("At 530 he was outside.", "5:30", "time.compact-digits"),
    ("At about 1140 she rang the bell.", "11:40", "time.compact-digits"),
    ("He rang at 0945, then again.", "9:45 am", "time.compact-digits"),
    ("Yesterday 420 in the afternoon he was there.", "4:20", "time.compact-digits"),
    ("She rang at 715 p.m. again.", "7:15 pm", "time.compact-digits"),
    ("She rang at 715pm again.", "7:15 pm", "time.compact-digits"),
    ("She rang at 715p.m. again.", "7:15 pm", "time.compact-digits"),
    ("Just after 230, he parked.", "2:30", "time.compact-digits"),
    ("It was around 1015 when he knocked.", "10:15", "time.compact-digits"),
    ("I got the 750 train and he was on it.", "7:50", "time.train-departure"),
    ("At 1,800 hours he was at the depot.", "18:00", "time.hundred-hours"),
    ("At 1800 hours he was at the depot.", "18:00", "time.hundred-hours"),
    ("At 20 pass one he sent a photo.", "1:20", "time.misheard-clock-phrase"),
    ("At 25, pass one, he sent a photo.", "1:25", "time.misheard-clock-phrase"),
    ("On the 3rd of May, the 20th past 1, he sent a photo.", "1:20", "time.misheard-clock-phrase"),
    ("About 10 to 80 came round.", "7:50", "time.misheard-clock-phrase"),  # Whisper: "ten to eight he came"
    ("He came at 530ish.", "5:30", "time.compact-digits"),
    ("At 2315 he was outside.", "23:15", "time.compact-digits"),
    ("At 0700 he was outside.", "7:00 am", "time.compact-digits"),
    ("At 12 midnight he rang.", "0:00 am", "time.digit-clock"),
    ("At twelve midnight he rang.", "0:00 am", "time.spoken-clock"),
    ("At 12 noon he rang.", "12:00 pm", "time.digit-clock"),
])
def test_times_written_in_digits(said, expected, rule):
    times = [t for t in normalize(said).words if t.kind == "time"]
    assert [(t.text, t.rule) for t in times] == [(expected, rule)]


@pytest.mark.parametrize("said", [
    "I paid £7.15 for the taxi.",
    "It was 2.50 miles from the house.",
    "I work 9-5 at the library.",
    "The shop is open from 10-6.",
    "Version 1.2.3 of the app.",
    # three or four digits that are no time: counts, money, years, bus and house numbers, speeds
    "He has sent me 530 messages since January.",
    "He has sent about 150 texts this week.",
    "He has sent about 150.",
    "It cost me £530 to change the locks.",
    "In 2026 he moved in round the corner.",
    "Since 2019 he has not left me alone.",
    "He got on the 530 bus right behind me.",
    "He was waiting at 530 Tamworth Road.",
    "He was waiting at 530 hale road when I got there.",
    "He was doing about 120 mph when he passed me.",
    "About 1,200 people saw the post.",
    "At 1000 feet the plane turned.",
    "I gave him a 2 pass on the form.",
    "At 2019 prices the flat was cheap.",
    "He has sent about 150 or so messages.",
    "He went from 10 to 80 in the car.",
])
def test_money_measures_and_ranges_are_not_times(said):
    assert not [t for t in normalize(said).words if t.kind == "time"]


@pytest.mark.parametrize("said, written, value", [
    ("On 12/03/2026 he rang.", "12/03/2026", (12, 3, 2026)),
    ("On 12.03.26 he rang.", "12.03.26", (12, 3, 2026)),
    ("On 03/25/2026 he rang.", "03/25/2026", (3, 25, 2026)),
    ("On 2026-03-12 he rang.", "2026-03-12", (12, 3, 2026)),
    ("On 5/3 he rang.", "5/3", (5, 3, None)),
])
def test_dates_written_in_digits_are_one_token(said, written, value):
    dates = [t for t in normalize(said).words if t.kind == "date"]
    assert [(t.text, t.digits) for t in dates] == [(written, value)]
    with pytest.raises(TypeError):
        _ = dates[0].clock


def test_a_date_token_quotes_its_source():
    n = normalize("He came on 12.03.26 at 7.15.")
    k = next(i for i, w in enumerate(n.words) if w.kind == "date")
    assert n.source(k, k + 2) == "12.03.26 at"
    assert n.source(k + 2, k + 3) == "7.15"


def test_a_number_written_with_thousands_commas_is_one_number():
    nums = [t for t in normalize("He has sent 1,250 messages and 3 emails.").words if t.kind == "num"]
    assert [(t.text, t.number) for t in nums] == [("1250", 1250), ("3", 3)]


def test_letters_of_any_alphabet_stay_in_their_word():
    n = normalize("Zoë met Łukasz outside the Leafy Lark café on Brent Row.")
    assert [t.text for t in n.tokens if t.kind != "punct"][:3] == ["Zoë", "met", "Łukasz"]
    assert "café" in [t.text for t in n.tokens]


@pytest.mark.parametrize(("said", "times"), [
    ("I rang one oh one straight after", []),  # the police's non-emergency number
    ("so I called one oh one", []),
    ("he came back at one oh one", ["1:01"]),
    ("I rang at one oh five", ["1:05"]),
])
def test_one_oh_one_after_a_call_is_the_police_number_not_a_time(said: str, times: list[str]) -> None:
    assert [t.text for t in normalize(said).tokens if t.kind == "time"] == times
