"""Whether a wake phrase is safe to listen for: long enough and unusual enough that ordinary talk does not say it.

A wake phrase that everyday speech contains ("hi", "good morning", "see you
later") starts accounts nobody meant, and stores bystanders' talk in a diary that
cannot be edited. A phrase is judged by how many words it has and by how often
its words are used in English, from a word-frequency list shipped as data
(``voicelog/data/english_words.tsv``, the 28,800 words of wordfreq's small English
list with their Zipf values). The ``wordfreq`` package itself installs 71 MB (its
lists for 40 languages); this one list is 350 KB and needs no dependency.

Words are scored as if independent: a phrase's *surprise* is the sum over its
words of -log2 of each word's frequency (a word not in the list, rarer than once
in a million words, counts as :data:`UNLISTED_ZIPF`). Common collocations are
more likely than that, so the bar is set high and a phrase also needs one word
that is not an everyday one. Words of other languages are not in the list and
count as rare: only the three-word rule applies to them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from voicelog.errors import UsageError
from voicelog.phrases import normalise

MIN_WORDS = 3
"""The fewest words a wake phrase may have."""

EVERYDAY_ZIPF = 4.0
"""Words used at least this often (Zipf 4: ten times in a million words) are everyday words."""

UNLISTED_ZIPF = 2.5
"""The Zipf value a word not in the list counts as (the list holds every word from Zipf 3 up)."""

MIN_SURPRISE_BITS = 42.0
"""The least surprise (bits) a phrase needs. Invented examples: "see you later" scores 28, "thank you very much"
38, "put the kettle on" 40, "purple kettle moon" 48, "blue pelican notebook" 50, "purple kettle on the moon" 59."""

EXAMPLE = "purple kettle on the moon"
"""A phrase of the kind to choose, for the advice."""


@dataclass(frozen=True)
class WakeVerdict:
    """How a wake phrase was judged."""

    words: tuple[str, ...]
    """The phrase's words, as matched (normalised)."""
    surprise: float
    """Bits: how unlikely ordinary talk is to say these words in a row (as if the words were independent)."""
    unusual: tuple[str, ...]
    """Its words that are not everyday words."""
    problem: str | None
    """Why it is refused (one sentence with what to choose instead), or None when it is fine."""

    @property
    def ok(self) -> bool:
        """True when the phrase may be used."""
        return self.problem is None


@cache
def _zipf_table() -> dict[str, float]:
    from importlib.resources import files

    table: dict[str, float] = {}
    text = files("voicelog").joinpath("data/english_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, zipf = line.split("\t")
        key = word.replace("'", "")  # as phrases.normalise() writes it: "don't" -> "dont"
        table[key] = max(float(zipf), table.get(key, 0.0))
    return table


def zipf(word: str) -> float:
    """How often ``word`` (normalised) is used in English, on the Zipf scale (log10 uses per billion words)."""
    return _zipf_table().get(word, UNLISTED_ZIPF)


def judge_wake_phrase(phrase: str) -> WakeVerdict:
    """Judge ``phrase`` as a wake phrase: its words, surprise, unusual words, and what is wrong with it, if anything."""
    words = tuple(normalise(phrase))
    surprise = sum((9.0 - zipf(w)) * math.log2(10) for w in words)
    unusual = tuple(w for w in words if zipf(w) < EVERYDAY_ZIPF)
    shown = " ".join(words)
    problem = None
    if len(words) < MIN_WORDS:
        count = "one word" if len(words) == 1 else f"{len(words)} words"
        problem = (f'The wake phrase "{shown}" has only {count}: choose at least {MIN_WORDS} words that nobody '
                   f'around you would say together, with an unusual one among them, e.g. "{EXAMPLE}".')
    elif not unusual or surprise < MIN_SURPRISE_BITS:
        problem = (f'The wake phrase "{shown}" is too ordinary (everyday talk could say it): choose words that '
                   f'are rarely said together, with at least one unusual word such as an odd object or an '
                   f'invented name, e.g. "{EXAMPLE}".')
    return WakeVerdict(words, round(surprise, 1), unusual, problem)


def check_wake_phrase(phrase: str) -> str:
    """``phrase`` with its spaces tidied, or UsageError saying why it is too short or too common and what to choose."""
    verdict = judge_wake_phrase(phrase)
    if verdict.problem is not None:
        raise UsageError(verdict.problem)
    return " ".join(phrase.split())
