"""Two clock times said one after the other, for :mod:`voicelog.extract.when`: alternatives ("four, half four
maybe", "about nine, nine fifteen": the later one, approximate) or the same time said again more exactly ("at two, er,
at twenty past two": the fuller one, exact)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from voicelog.extract import clock, vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_ampm import part_after
from voicelog.extract.when_choose import Mention

ALTERNATIVES = rule(
    "time.alternatives-are-approximate", "two times said one after the other with only a comma, 'like' or 'maybe' "
    "between ('four, half four maybe', 'about nine, nine fifteen'): the later one, approximate",
    said("He was sat outside the chemist at about three, maybe quarter past.", "~15:15"),
    said("Yesterday at about eight, eight fifteen, he was at my door.", "~08:15", at="2026-03-30T12:00:00"),
    said("at seven seven thirty maybe he was outside the gym", "~19:30"),
    said("At, er, six, ten past six, he was outside the gym.", "~18:10"),
    said("Just before midnight, about ten to twelve, he threw a stone at my window.", "~23:50"),
    said("About eight this evening, or just before, twenty to eight, he was parked across my drive.", "~19:40"),
    said("at six in the morning and at seven he sent the same photo", "06:00", fires=False))
RESTATED_EXACT = rule(
    "time.restated-is-exact", "a time said again more exactly with only a pause between and no hedge ('at two, er, "
    "at twenty past two', 'at ten, so ten this morning'): the fuller one, not approximate",
    said("At two, er, at twenty past two, I came out of the dentist and he was sat on the wall.", "14:20",
         at="2026-03-30T15:00:00"),
    said("Yesterday at eight, ah, eight in the evening, he stood in the door of the laundry room.", "20:00",
         at="2026-03-30T07:00:00"),
    said("at seven seven thirty he was outside the gym", "19:30"),
    said("At about seven, seven thirty, he was outside the gym.", "~19:30", fires=False))


_ALTERNATIVE_GAP = frozenset({"like", "maybe", "or", "um", "uh", "er", "erm", "ah", "about", "around", "just", "before", "at",
                              "so", "this", "in", "the", "morning", "afternoon", "evening", "night"})
"""Words that may stand between two clock times said as alternatives ("around six in the evening, or just before,
twenty to six", "at two, er, at twenty past two"); more than three only with an "or", "at" only with
a filler or an "or"."""


_RESTATING_GAP = frozenset({"um", "uh", "er", "erm", "ah", "so", "at", "this", "in", "the", "morning", "afternoon",
                            "evening", "night"})
"""Words that may stand between a time and the same said more exactly ("at two, er, at twenty past two"): pauses,
not a guess (:data:`RESTATED_EXACT`)."""


def apply_alternatives(n: Normalized, times: Sequence[Mention]) -> str:
    """'four, half four maybe': of two clock times said one after the other the later stays; the rule that did
    (:data:`ALTERNATIVES`, or :data:`RESTATED_EXACT` when only a pause stood between and nothing hedged), else ''."""
    live = [m for m in times if not m.dropped]
    found = restated = False
    for x, y in pairwise(live):
        if x.clock is None or y.clock is None or y.i - x.j > 6:
            continue
        gap = [w.lower for w in n.words[x.j:y.i]]
        if any(w not in _ALTERNATIVE_GAP for w in gap) or y.i - x.j > 3 and "or" not in gap or \
                "at" in gap and not set(gap) & {"um", "uh", "er", "erm", "or", "maybe"} or \
                any(n.punct_after(k) in (".", "!", "?") for k in range(x.j - 1, y.i)):
            continue
        later = (y.clock[0] % 12 * 60 + y.clock[1] - (x.clock[0] % 12 * 60 + x.clock[1])) % 720
        if "before" in gap:  # "around six, or just before, twenty to six": the earlier one
            later = 720 - later if later else 0
        named = n.source(x.i, x.j).lower().endswith(("midnight", "noon", "midday"))  # "just before midnight, about quarter to
        if later == 0 and x.clock[:2] == y.clock[:2] and part_after(n, x.j) is None \
                and part_after(n, y.j) is not None:  # "at nine, ah, nine in the evening": said again, fuller
            x.dropped = True
        if 0 < later <= 60 or named and later >= 660:  # twelve": the clock makes the named hour exact
            x.dropped = True
            if named and y.period is None:  # and keeps its part of the day (23:45, not 11:45)
                y.period = "night" if x.clock[0] == 0 else "morning" if y.clock[0] % 12 else "afternoon"
        if x.dropped and _restated_exactly(n, x, y):
            restated = True
        elif x.dropped:
            found = True
    return ALTERNATIVES if found else RESTATED_EXACT if restated else ""


def _restated_exactly(n: Normalized, x: Mention, y: Mention) -> bool:
    """Whether the later time y says the time x again more exactly: only a pause between, neither hedged, and no
    pause before x ("at, um, eleven, quarter past eleven" is a search for it): see :data:`RESTATED_EXACT`."""
    k = x.i - 1 if x.i > 0 and n.words[x.i - 1].lower == "at" else x.i
    paused_before = k > 0 and n.words[k - 1].lower in vocab.words("when_fillers")
    return not paused_before and all(w.lower in _RESTATING_GAP for w in n.words[x.j:y.i]) \
        and not clock.hedged(n, x.i, x.j) and not clock.hedged(n, y.i, y.j)
