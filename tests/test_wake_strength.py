"""voicelog.wake_strength: a wake phrase too short or too common is refused, with what to choose instead."""

from __future__ import annotations

import pytest

from voicelog.config import Config
from voicelog.errors import UsageError
from voicelog.settings import service_settings
from voicelog.wake_strength import (
    EVERYDAY_ZIPF,
    MIN_WORDS,
    UNLISTED_ZIPF,
    check_wake_phrase,
    judge_wake_phrase,
    zipf,
)


@pytest.mark.parametrize(("phrase", "why"), [
    ("hi", "has only one word"),
    ("Good morning!", "has only 2 words"),
    ("blue pelican", "has only 2 words"),  # unusual, but two words are too easily said in passing
    ("see you later", "too ordinary"),
    ("thank you very much", "too ordinary"),
    ("what time is it", "too ordinary"),
    ("happy new year", "too ordinary"),
    ("put the kettle on", "too ordinary"),  # one less common word does not make an everyday phrase rare
    ("go to the dentist", "too ordinary"),
])
def test_weak_wake_phrases_are_refused_with_one_sentence_saying_what_to_choose(phrase: str, why: str) -> None:
    verdict = judge_wake_phrase(phrase)
    assert not verdict.ok and verdict.problem is not None and why in verdict.problem
    assert verdict.problem.replace("e.g. ", "").count(". ") == 0 and verdict.problem.endswith('".')  # one sentence
    assert "choose" in verdict.problem and "at least" in verdict.problem and "e.g." in verdict.problem
    with pytest.raises(UsageError, match=why):
        check_wake_phrase(phrase)


@pytest.mark.parametrize("phrase", [
    "blue pelican notebook",
    "purple kettle on the moon",
    "  Green door   KNOCKER ",
    "captain wobbly socks",
    "사과 나무 아래",  # words of other languages are not in the English list: only the length rule applies
])
def test_unusual_phrases_of_three_words_or_more_are_accepted(phrase: str) -> None:
    verdict = judge_wake_phrase(phrase)
    assert verdict.ok and verdict.problem is None and len(verdict.words) >= MIN_WORDS and verdict.unusual
    assert check_wake_phrase(phrase) == " ".join(phrase.split())


def test_surprise_grows_with_rarer_words() -> None:
    assert judge_wake_phrase("see you later").surprise < judge_wake_phrase("blue pelican notebook").surprise
    assert judge_wake_phrase("put the kettle on").unusual == ("kettle",)


def test_word_frequencies_come_from_the_shipped_list() -> None:
    assert zipf("the") > 7.0 > zipf("morning") > EVERYDAY_ZIPF > zipf("pelican") > UNLISTED_ZIPF
    assert zipf("dont") > 6.0  # listed as "don't", matched as phrases.normalise() writes it
    assert zipf("zzyzxqor") == UNLISTED_ZIPF


def test_listen_refuses_a_weak_wake_phrase_from_the_config_the_environment_or_a_flag() -> None:
    with pytest.raises(UsageError, match='"hi" has only one word'):
        service_settings(Config(wake="hi"), env={})
    with pytest.raises(UsageError, match="too ordinary"):
        service_settings(Config(wake="blue pelican notebook"), env={"VOICELOG_WAKE": "see you later"})
    with pytest.raises(UsageError, match="has only 2 words"):
        service_settings(Config(wake="blue pelican notebook"), env={}, wake="good morning")
    assert service_settings(Config(wake="blue pelican notebook"), env={}).listen.wake == "blue pelican notebook"
    with pytest.raises(UsageError, match="No wake phrase is set"):  # no phrase at all is still said as before
        service_settings(Config(), env={})
