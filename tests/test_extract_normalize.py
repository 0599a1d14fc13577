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
])
def test_quantities_are_not_times(said, absent, style):
    assert absent not in normalize(style(said)).text


def test_source_points_back_at_spoken_words():
    n = normalize("We met at quarter to ten, outside.")
    k = next(i for i, w in enumerate(n.words) if w.kind == "time")
    assert n.source(k, k + 1) == "quarter to ten"
    assert n.words[k].value[:2] == (9, 45)
