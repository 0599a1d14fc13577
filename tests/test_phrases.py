"""voicelog.phrases: wake, stop and cancel phrases found in recognised words, whichever engine heard them."""

from __future__ import annotations

import pytest

from voicelog.phrases import (
    MATCH_THRESHOLD,
    find_phrase,
    is_phrase,
    join_words,
    normalise,
    phrase_in_words,
    strip_phrase,
)
from voicelog.transcript import Transcript, Word


@pytest.mark.parametrize(("text", "words"), [
    ("Blue Pelican note-book.", ["blue", "pelican", "note", "book"]),
    ("[unk] blue pelican [unk]", ["blue", "pelican"]),  # Vosk's unknown speech is not a word
    ("I'm HOME!", ["im", "home"]),
    ("Ｂｌｕｅ   ＰＥＬＩＣＡＮ", ["blue", "pelican"]),  # full-width letters, as some keyboards type them
    ("사과 나무.", ["사과", "나무"]),
    ("", []),
])
def test_normalise(text: str, words: list[str]) -> None:
    assert normalise(text) == words


@pytest.mark.parametrize(("phrase", "heard", "where"), [
    ("blue pelican notebook", "so blue pelican notebook", (1, 4)),
    ("blue pelican notebook", "Blue Pelican note book.", (0, 4)),  # a recogniser splitting a word
    ("end of entry", "and of entry", (0, 3)),  # misheard a little
    ("end of entry", "the end of the day", None),
    ("blue pelican notebook", "a blue notebook", None),
    ("사과 나무", "사과 나무", (0, 2)),
    ("end of entry", "", None),
    ("", "end of entry", None),
])
def test_find_phrase_is_fuzzy_but_not_loose(phrase: str, heard: str, where: tuple[int, int] | None) -> None:
    assert find_phrase(phrase, normalise(heard)) == where


def test_find_phrase_first_or_last_and_with_a_stricter_threshold() -> None:
    heard = normalise("end of entry and then end of entry again")
    assert find_phrase("end of entry", heard) == (0, 3)
    assert find_phrase("end of entry", heard, last=True) == (5, 8)
    assert find_phrase("end of entry", normalise("and of entry")) is not None
    assert find_phrase("end of entry", normalise("and of entry"), threshold=99) is None
    assert 0 < MATCH_THRESHOLD < 100


def test_is_phrase_wants_the_phrase_and_nothing_else() -> None:
    phrase = normalise("사과 나무")
    assert is_phrase(phrase, normalise("사과 나무"))
    assert not is_phrase(phrase, normalise("사과 나무 저녁으로 김치찌개를 먹었어요"))


@pytest.mark.parametrize(("words", "text"), [
    (["he", "followed", "me", "home"], "he followed me home"),  # Vosk: bare words
    (["He", "followed", "me", "home."], "He followed me home."),  # Whisper: punctuation on the word
    (["Home", ",", "then", "the", "car", "park", "."], "Home, then the car park."),  # or, rarely, alone
    ([], ""),
])
def test_join_words_puts_no_space_before_punctuation(words: list[str], text: str) -> None:
    assert join_words(words) == text


def _timed(text: str) -> tuple[Word, ...]:
    return tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split()))


def test_strip_phrase_drops_the_stop_phrase_and_what_follows_it_and_says_where_it_began() -> None:
    t = Transcript("He followed me home. End of entry. Um", _timed("He followed me home. End of entry. Um"),
                   "whisper", "m")
    stripped, cut = strip_phrase(t, "end of entry")
    assert stripped.text == "He followed me home."
    assert [w.text for w in stripped.words] == ["He", "followed", "me", "home."]
    assert cut == pytest.approx(2.0)
    assert (stripped.engine, stripped.model) == ("whisper", "m")
    no_words = Transcript("he followed me home end of entry", (), "vosk", "m")
    assert strip_phrase(no_words, "end of entry") == (Transcript("he followed me home", (), "vosk", "m"), None)


def test_strip_phrase_is_the_same_whichever_engine_heard_the_words() -> None:
    text = "he followed me home end of entry"
    for engine in ("vosk", "whisper", ""):
        stripped, cut = strip_phrase(Transcript(text, _timed(text), engine, "m"), "end of entry")
        assert (stripped.text, cut) == ("he followed me home", pytest.approx(2.0))


def test_strip_phrase_takes_the_last_occurrence_and_keeps_a_transcript_without_it() -> None:
    text = "I said end of entry to him then end of entry"
    stripped, cut = strip_phrase(Transcript(text, _timed(text)), "end of entry")
    assert stripped.text == "I said end of entry to him then" and cut == pytest.approx(4.0)
    untouched = Transcript("nothing to cut here", _timed("nothing to cut here"))
    assert strip_phrase(untouched, "end of entry") == (untouched, None)


def test_strip_phrase_can_take_the_first_occurrence_in_the_middle_of_an_utterance() -> None:
    """Speech without a pause: the stop phrase is followed at once by chatter, which goes with it."""
    text = "my neighbour saw him end of entry anyway what shall we have for dinner end of entry"
    stripped, cut = strip_phrase(Transcript(text, _timed(text)), "end of entry", last=False)
    assert stripped.text == "my neighbour saw him" and cut == pytest.approx(2.0)
    no_words = Transcript(text, (), "vosk", "m")
    assert strip_phrase(no_words, "end of entry", last=False)[0].text == "my neighbour saw him"


@pytest.mark.parametrize(("heard", "where"), [
    ("so anyway Blue Pelican notebook. Yesterday at nine", (2, 5)),
    ("the kettle blue pelican note book on Monday", (2, 6)),  # a recogniser splitting a word: both halves
    ("blue pelican notebook", (0, 3)),
    ("a blue notebook yesterday", None),
])
def test_phrase_in_words_gives_the_recognised_words_of_the_phrase(heard: str, where: tuple[int, int] | None) -> None:
    words = _timed(heard)
    assert phrase_in_words("blue pelican notebook", words) == where
    if where is not None:  # their times say where the account after it begins
        assert words[where[1] - 1].end == pytest.approx((where[1] - 1) * 0.5 + 0.4)


def test_phrase_in_words_first_or_last() -> None:
    words = _timed("blue pelican notebook then blue pelican notebook again")
    assert phrase_in_words("blue pelican notebook", words) == (0, 3)
    assert phrase_in_words("blue pelican notebook", words, last=True) == (4, 7)
    assert phrase_in_words("blue pelican notebook", ()) is None
