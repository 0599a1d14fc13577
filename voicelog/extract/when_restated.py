"""A day or a time said again, for :mod:`voicelog.extract.when`: "Tuesday night, well, Wednesday morning really, at
ten past one" or "last night, so technically today, at twenty to one" (the restated day wins over the day said before
it, as a self-correction does: :data:`DAY_RESTATED`); "two hours ago, so quarter to eight" (the clock wins over the
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
_MARKER = "technically"
_REACH = 20  # words from the first day to its restatement ("Tuesday night I got home ... so technically Wednesday")


def restate_days(n: Normalized, dates: list[Mention]) -> list[tuple[str, str]]:
    """Set aside a day that a later day restates ('well, Wednesday morning really', 'so technically today') and
    return the provenance of the rule when it did."""
    live = [m for m in dates if not m.dropped and m.day is not None]
    fired = False
    for y in live:
        if not _restated(n, y):
            continue
        for x in live:
            if x.j <= y.i and y.i - x.j <= _REACH and x.day != y.day and not x.dropped:
                x.dropped = fired = True
    return [("date", DAY_RESTATED)] if fired else []


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
