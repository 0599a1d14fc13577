"""A day or a time said again, for :mod:`voicelog.extract.when`: "Tuesday night, well, Wednesday morning really, at
ten past one" or "last night, so technically today, at twenty to one" (the restated day wins over the day said before
it, as a self-correction does: :data:`DAY_RESTATED`); "a week last Friday, so the twentieth" or "not yesterday, the
Tuesday before that, the eleventh" (the calendar date wins over the days that led to it: :data:`DATE_SAYS_WHICH`);
"two hours ago, so quarter to eight" (the clock wins over the
'ago': :data:`AGO_RESTATED`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_choose import Mention

DAY_RESTATED = rule(
    "date.day-restated", "a day said again with 'technically' or 'well ... really' ('Tuesday night, well, Wednesday "
    "morning really'; 'last night, so technically today') wins over the day said just before it",
    said("On Tuesday night I drove home from my sister's at twenty past one, so technically Wednesday, and he was "
         "sat in his van.", "2026-03-25"),
    said("Sunday night, well, Monday morning really, about quarter to two, he hammered on my door.", "2026-03-30",
         at="2026-03-31T09:00:00"),
    said("last night gone midnight so technically today at ten to one he rang me nine times", "2026-03-30"),
    said("On Tuesday night, well, Tuesday evening, he sent me flowers.", "2026-03-24", fires=False))
DATE_SAYS_WHICH = rule(
    "date.date-says-which-day", "a weekday or relative day followed by the calendar date that says which one it was "
    "('a week last Thursday, so the nineteenth'; 'not yesterday, the one before that, the eighteenth'): the date "
    "wins over the days said on the way to it",
    said("A week last Thursday, so the nineteenth, he waited at the bus stop for me.", "2026-03-19"),
    said("it was a week last thursday so the nineteenth he waited at the bus stop", "2026-03-19"),
    said("So on Wednesday, well, not the last one, the Wednesday before that, the eighteenth. He rang my mother "
         "twice.", "2026-03-18"),
    said("last sunday no not yesterday the one before so the twenty second he was at the allotments", "2026-03-22"),
    said("Last Friday he sat outside the pharmacy, and on the 3rd he rang my mother.", "2026-03-27", fires=False),
    said("On Friday, so the twenty seventh, he sat outside the pharmacy.", "2026-03-27", fires=False))
_SAYS_WHICH = frozenset({"so", "that's", "thats", "that", "was", "which", "is", "it", "i", "mean", "the", "one",
                         "before", "not", "no", "nah", "yeah", "well", "sorry", "um", "uh", "er", "erm", "like",
                         "being", "yesterday", "last", "this", "week", "a", "ago", "today"})
"""Words that may stand between the days of a chain that ends in the date saying which ("last Sunday, so not
yesterday, the one before, so the twenty second")."""
_CHAIN_GAP = 8  # words between two days of such a chain
_MARKER = "technically"
_REACH = 20  # words from the first day to its restatement ("Tuesday night I got home ... so technically Wednesday")


def restate_days(n: Normalized, dates: list[Mention]) -> list[tuple[str, str]]:
    """Set aside a day that a later day restates ('well, Wednesday morning really', 'so technically today') and
    return the provenance of the rules that did; first the calendar date that says which day (:data:`DATE_SAYS_WHICH`)."""
    used = _date_says_which(n, dates)
    live = [m for m in dates if not m.dropped and m.day is not None]
    fired = False
    for y in live:
        if not _restated(n, y):
            continue
        for x in live:
            if x.j <= y.i and y.i - x.j <= _REACH and x.day != y.day and not x.dropped:
                x.dropped = fired = True
    return used + ([("date", DAY_RESTATED)] if fired else [])


def _date_says_which(n: Normalized, dates: list[Mention]) -> list[tuple[str, str]]:
    """Set aside the weekdays and relative days that a calendar date said right after them resolves ("a week last
    Thursday, so the nineteenth") when the date is another day; return the provenance of the rule when it did."""
    live = sorted((m for m in dates if not m.dropped and m.day is not None), key=lambda m: m.i)
    fired = False
    for k, y in enumerate(live):
        if y.ordinal is None or y.day is None or y.weekday is not None or k == 0:
            continue  # a calendar date ("the 19th", "the 19th of March"), not "Saturday the 19th"
        chain: list[Mention] = []
        right = y
        for x in reversed(live[:k]):
            if x.ordinal is not None or x.moment is not None or not _says_which_gap(n, x.j, right.i):
                break
            chain.append(x)
            right = x
        if chain and chain[0].day != y.day:
            for x in chain:
                x.dropped = True
            said_day = y.day.weekday()
            y.clash = y.clash or any(x.weekday is not None and x.weekday != said_day for x in chain)
            fired = True
    return [("date", DATE_SAYS_WHICH)] if fired else []


def _says_which_gap(n: Normalized, a: int, b: int) -> bool:
    """Whether words[a:b] link two days of one chain: few, in one sentence, all of :data:`_SAYS_WHICH`."""
    if not 0 <= b - a <= _CHAIN_GAP or any(n.punct_after(k) in (".", "!", "?") for k in range(a - 1, b - 1)):
        return False
    return all(w.lower in _SAYS_WHICH or w.kind == "num" and w.number == 1 for w in n.words[a:b])  # "the one before"


def _restated(n: Normalized, m: Mention) -> bool:
    """Whether the day at words[m.i:m.j] is said as a restatement: 'technically' just before or after it, or 'well'
    just before it and 'really' just after."""
    before = n.words[m.i - 1].lower if m.i > 0 else ""
    after = {w.lower for w in n.words[m.j:m.j + 2]}
    return before == _MARKER or _MARKER in after or (before == "well" and "really" in after)


AGO_RESTATED = rule(
    "time.ago-restated-as-clock", "'two hours ago, so quarter to eight': a clock time said right after an 'ago' with "
    "'so' restates it: the clock wins, approximate",
    said("Roughly two hours ago, so I'd say quarter to eight, he rode past me on the towpath three times.", "~19:45"),
    said("maybe two hours ago so about quarter to eight he was walking behind me", "~19:45"))
_RESTATING = frozenset({"so", "like", "say", "about", "around", "roughly", "that's", "that", "was", "um", "er", "erm",
                        "uh", "i'd", "just"})
"""Words between an 'ago' and the clock time that restates it ("an hour ago, so, I'd say, half eight")."""


def apply_restated_ago(n: Normalized, times: Sequence[Mention]) -> bool:
    """'two hours ago, so quarter to eight': drop the 'ago' that a clock time right after it restates
    (:data:`AGO_RESTATED`); whether that happened."""
    found = False
    for x, y in pairwise([m for m in times if not m.dropped]):
        gap = [w.lower for w in n.words[x.j:y.i]]
        if x.moment is not None and y.clock is not None and gap[:1] == ["so"] and len(gap) <= 4 \
                and all(w in _RESTATING for w in gap) \
                and not any(n.punct_after(k) in (".", "!", "?") for k in range(x.j - 1, y.i)):
            x.dropped = found = True
    return found
