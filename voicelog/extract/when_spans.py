"""A span of time closed by a short clause, for :mod:`voicelog.extract.when_times` and :mod:`voicelog.extract.clock`:
"from two until we shut at six", "from about half seven till I finish at ten". The time in the clause after
"till" or "until" is when the span ended, not when it started: the start is the incident's time
(:data:`UNTIL_CLAUSE`), as with "from six till nine" (``time.span-start``, ``time.until-is-the-end``).
"""

from __future__ import annotations

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

UNTIL_CLAUSE = rule(
    "time.until-clause-is-the-end", "a time in a short clause after 'till' or 'until' ('from four until I finish at "
    "nine', 'till we shut at ten') ends the span; the span's start, a bare hour too, is the incident's time",
    said("Last night he sat in his van across from the bakery from about half six till we shut at ten.", "~18:30"),
    said("last night he sat in his van across from the bakery from about half six till we shut at ten", "~18:30"),
    said("Yesterday she stood by the pharmacy door from four until I finish at nine, staring in.", "16:00"),
    said("yesterday she stood by the pharmacy door from four until i finish at nine staring in", "16:00"),
    said("On Friday from about seven till we locked up at ten, a tall man in a green parka stood across from the garage.",
         "~19:00"),
    said("He kept knocking until I rang my brother at ten.", "22:00", fires=False,
         at="2026-03-30T23:00:00"))

_CLOSERS = frozenset({"till", "until", "til"})
_SUBJECTS = frozenset({"i", "we", "they", "he", "she", "you", "it", "my", "our", "the", "everyone", "work"})
"""Words that start the clause after "till": who or what ended the span ("till we shut", "until my shift ended")."""
_LONGEST = 4
"""Words at most between "till" and the "at" of its time ("until my last bus left at")."""


def until_clause_time(n: Normalized, u: int) -> int | None:
    """The index of the time or bare hour that ends a short clause opened by the "till" or "until" at words[u] ("till
    we closed at eleven"), or None."""
    words = n.words
    if u + 1 >= len(words) or words[u].lower not in _CLOSERS or words[u + 1].lower not in _SUBJECTS:
        return None
    skip = vocab.words("when_hedges") | vocab.words("when_fillers")
    for k in range(u + 3, min(len(words), u + 2 + _LONGEST)):
        if any(n.punct_after(x) for x in range(u, k)) or words[k - 1].kind in ("time", "num"):
            return None
        if words[k].lower != "at":
            continue
        e = k + 1
        while e < len(words) and e - k < 3 and words[e].lower in skip:
            e += 1
        if e >= len(words):
            return None
        unit = e + 1 < len(words) and words[e + 1].lower in vocab.words("when_units")
        if words[e].kind == "time" or words[e].kind == "num" and 1 <= words[e].number <= 12 and not unit:
            return e
        return None
    return None


def ends_until_clause(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] ends a short clause after "till" or "until" (:data:`UNTIL_CLAUSE`)."""
    return any(until_clause_time(n, u) == i for u in range(max(0, i - _LONGEST - 5), i))
