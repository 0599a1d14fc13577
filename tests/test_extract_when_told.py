"""voicelog.extract.when_told: a call from someone around the person after what happened, in both text styles
(invented accounts)."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.when import find_when

AT = datetime(2026, 3, 30, 18, 0)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expect"), [
    ("This morning he sat outside the nursery gates glaring at me. The head, Mrs Penrose, rang me at half three to "
     "check I was all right.", None),
    ("Around noon he left a voicemail calling me a liar, and then the receptionist, Mrs Hale, called me at three "
     "asking if everything was okay.", "12:00"),
    ("His cousin followed me round the market asking about my new job, and my best friend Kerry saw it. She told me "
     "at six she'd seen him there before.", None),
    ("At about ten he walked up and down outside the shop, and the manager's assistant, the new girl, gave my bag to "
     "him. Our teacher Miss Dunmore saw it, and Miss Dunmore rang me at four.", "10:00"),
])
def test_a_call_after_what_happened_is_not_its_time(said, expect, style):
    assert find_when(normalize(style(said)), AT).time == expect


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expect"), [
    ("My friend Joanne rang me at two to say he had put my address on his page.", "14:00"),
    ("He followed me home from the gym and then he rang me at nine from a new number.", "09:00"),
    ("He was at the gate on Friday and then his sister rang me at four to say I'd be sorry.", "16:00"),
])
def test_a_call_that_is_what_happened_keeps_its_time(said, expect, style):
    assert find_when(normalize(style(said)), AT).time == expect
