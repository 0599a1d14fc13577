"""Spoken phrases in recognised words: the wake, stop and cancel phrases, matched fuzzily.

Recognisers mishear a little, split or merge a word, and write punctuation and
capitals their own way, so phrases are compared as normalised words with a
rapidfuzz ratio. Nothing here knows which engine heard the words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from voicelog.transcript import Transcript, Word

MATCH_THRESHOLD = 80.0
"""rapidfuzz ratio (0-100) at which heard words count as a phrase; recognisers mishear a little."""

_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?])")


def normalise(text: str) -> list[str]:
    """Words of ``text`` for matching: lower case, no punctuation, Unicode-normalised.

    Vosk's ``[unk]`` (speech outside a grammar) is not a word.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("[unk]", " ")
    return re.sub(r"[^\w']+", " ", text).replace("'", "").split()


def find_phrase(
    phrase: str | list[str],
    words: list[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    last: bool = False,
) -> tuple[int, int] | None:
    """Where ``phrase`` occurs (fuzzily) in the normalised ``words``: (start, end) word indexes, or None.

    Windows one word shorter or longer than the phrase are tried too, since a
    recogniser may split or merge a word. ``last`` returns the last match.
    """
    from rapidfuzz import fuzz

    target = phrase if isinstance(phrase, list) else normalise(phrase)
    if not target or not words:
        return None
    joined = " ".join(target)
    n = len(target)
    best: tuple[float, int, int] | None = None
    for i in range(len(words)):
        for size in dict.fromkeys((n, max(1, n - 1), n + 1)):
            if i + size > len(words):
                continue
            score = fuzz.ratio(" ".join(words[i : i + size]), joined)
            # the best match wins; among equals, the first (or with ``last``, the last) one
            if score >= threshold and (best is None or score > best[0] or (last and score == best[0])):
                best = (score, i, i + size)
    return None if best is None else (best[1], best[2])


def is_phrase(phrase: list[str], heard: list[str]) -> bool:
    """True when the normalised ``heard`` words are ``phrase`` and nothing else (fuzzily)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(" ".join(heard), " ".join(phrase)) >= MATCH_THRESHOLD


def join_words(words: list[str]) -> str:
    """Words as one text: separated by spaces, with none before punctuation.

    Right for both kinds of recogniser output: Vosk's bare words have no
    punctuation, and Whisper's carry it attached ("home.") or, rarely, alone (".").
    """
    return _NO_SPACE_BEFORE.sub(r"\1", " ".join(words)).strip()


def phrase_in_words(phrase: str, words: Sequence[Word], *, last: bool = False) -> tuple[int, int] | None:
    """Where ``phrase`` was said among recognised ``words``: (first, end) indexes into ``words``, or None.

    Each word's :attr:`~voicelog.transcript.Word.start` and ``end`` then say when (a recogniser may
    write one spoken word as two, or two as one: the match is made on normalised words).
    """
    flat: list[str] = []
    owner: list[int] = []  # for each normalised word, the recognised word it came from
    for i, word in enumerate(words):
        parts = normalise(word.text)
        flat += parts
        owner += [i] * len(parts)
    hit = find_phrase(phrase, flat, last=last)
    return None if hit is None else (owner[hit[0]], owner[hit[1] - 1] + 1)


def strip_phrase(transcript: Transcript, phrase: str, *, last: bool = True) -> tuple[Transcript, float | None]:
    """``transcript`` without ``phrase`` and anything said after it (its last occurrence, or with ``last=False``
    its first, wherever it falls: in the middle of an utterance too).

    Returns the shortened transcript and the time (seconds) where the phrase
    began, when the recogniser gave word timings, so the audio can be cut there too.
    """
    if transcript.words:
        hit = phrase_in_words(phrase, transcript.words, last=last)
        if hit is None:
            return transcript, None
        kept = transcript.words[: hit[0]]
        cut = transcript.words[hit[0]].start
        return replace(transcript, text=join_words([w.text for w in kept]), words=tuple(kept)), cut
    flat = normalise(transcript.text)
    found = find_phrase(phrase, flat, last=last)
    if found is None:
        return transcript, None
    return replace(transcript, text=" ".join(flat[: found[0]]), words=()), None
