"""voicelog.extract.where_weigh: what the words around a place add to or take from its score, and which rule says so."""

from __future__ import annotations

import pytest

from voicelog.extract.normalize import normalize
from voicelog.extract.where_grow import Seed
from voicelog.extract.where_scores import SCORES
from voicelog.extract.where_weigh import ARRIVED, REFUGE, SAID_THERE, UNTIL, corrections_rx, weigh


def _weigh(text: str, cue: str, phrase: str, *, riding: bool = False) -> tuple[float, list[str]]:
    """weigh() for the place phrase after the cue (both said once in text), with the rules it added."""
    account = normalize(text)
    lowers = [word.lower for word in account.words]
    cue_words, phrase_words = cue.split(), phrase.split()
    said = cue_words + phrase_words
    at = next(i for i in range(len(lowers)) if lowers[i:i + len(said)] == said)
    start = at + len(cue_words)
    end = start + len(phrase_words)
    rules: list[str] = []
    change = weigh(account, Seed(cue, at, start, end, SCORES.place_noun), end, SCORES.place_noun, rules, riding=riding)
    return change, rules


@pytest.mark.parametrize("text", [
    "I went to the bank, then to the allotments, and that's where it happened.",
    "i went to the bank then to the allotments and that's where it happened",
])
def test_the_place_the_speaker_names_as_the_place_gains_most(text):
    change, rules = _weigh(text, "to", "the allotments")
    assert SAID_THERE in rules
    assert change == SCORES.weak_cue + SCORES.said_there
    bank, bank_rules = _weigh(text, "to", "the bank")
    assert SAID_THERE not in bank_rules and bank < change


@pytest.mark.parametrize("text", [
    "Once I got to the bus stop, Osian was just there.",
    "once i got to the bus stop osian was just there",
    "I got off at the tram stop and he was there waiting.",
])
def test_a_place_arrived_at_where_the_other_person_was_counts_more(text):
    cue = "to" if "got to" in text.lower() else "at"
    change, rules = _weigh(text, cue, "the bus stop" if cue == "to" else "the tram stop")
    assert ARRIVED in rules and change > 0


def test_where_a_following_ended_counts_less():
    change, _ = _weigh("He walked behind me till the Spar on Mill Road.", "on", "mill road")
    assert change == SCORES.until
    assert UNTIL not in _weigh("He walked behind me on Mill Road.", "on", "mill road")[1]
    assert _weigh("He walked behind me on Mill Road.", "on", "mill road")[0] > change


def test_a_refuge_counts_less():
    change, _ = _weigh("I went into the chemist and waited until he'd gone.", "into", "the chemist")
    assert change == SCORES.weak_cue + SCORES.elsewhere
    assert REFUGE.startswith("location.")


def test_boarding_counts_less_unless_it_is_the_ride_itself():
    text = "He got on at the tram stop and sat by me."
    assert _weigh(text, "at", "the tram stop")[0] == SCORES.boarding
    assert _weigh("I hopped on the tram and he sat by me.", "on", "the tram", riding=True)[0] == 0.0


def test_the_place_before_a_self_correction_loses_and_the_one_after_wins():
    text = "I was in the Asda, no wait, the Aldi, when he came in."
    assert _weigh(text, "in", "the asda")[0] == SCORES.corrected
    assert corrections_rx().search("the asda no wait the aldi")
