"""Whether a 12-hour clock time is am or pm, for :mod:`voicelog.extract.when` and :mod:`voicelog.extract.clock`.

A part of the day said with the time ("at ten to six this evening", "the ten
past ten one, so at night"), words of the evening or the morning in its sentence
("closing up", "in the bar", "the school run"; vocab ``when_evening_context``,
``when_morning_context``), else the recording time: the latest such time not
after the recording on the recording day, waking hours on another day. A time
told after other times of the same day is not before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from voicelog.extract import vocab
from voicelog.extract.normalize import Clock, Normalized
from voicelog.extract.rules import rule, said


@dataclass(frozen=True)
class ContextReach:
    """How far around a time words of the evening or morning count."""

    sentence: int = 20
    """Words back, within the sentence, that words of the evening or morning ("in the pub", "closing up") make a
    12-hour time pm or am (:data:`AM_PM_BY_CONTEXT`)."""
    near: int = 10
    """Words back that count even across a full stop ("... by the bar all night. About nine he ...")."""


REACH = ContextReach()
"""The reach in use."""

AM_PM_BY_CONTEXT = rule(
    "time.am-pm-by-context", "a 12-hour time with no am/pm is made so by a part of the day or an activity near it",
    said("At eight in the morning he was at the gate.", "08:00"),
    said("at nine after work he was outside the pub", "21:00", at="2026-03-30T23:00:00"),
    said("At eight on my way to work he followed me.", "08:00"),
    said("So we closed up at eleven and he was sat on the wall outside.", "11:00", at="2026-03-30T15:00:00",
         fires=False),
    said("Yesterday I bought a chocolate bar at the garage at ten and he stood two places behind me in the queue.", "10:00",
         fires=False),
    said("Tonight I was in the chip shop at about ten to six and he was stood outside.", "~17:50",
         at="2026-03-30T19:00:00"),
    said("On Friday, the quarter to nine one, so at night, he got on my bus.", "20:45"),
    said("On Saturday we were all in the bar for my cousin's birthday, and when I went out for a taxi at quarter past "
         "eleven he followed me.", "23:15"),
    said("On my way in this morning I was sure his van was behind me. Then when I finished work, just after "
         "half five, there was a long scratch down my door.", "~17:30"),
    said("on monday i was closing up the cafe and at seven he knocked on the glass", "19:00"),
    said("Yesterday, new year's eve, at ten to twelve, waiting for the fireworks, he grabbed my arm.", "23:50"),
    said("On Friday at the school disco he grabbed my arm, about nine o'clock.", "~21:00"),
    said("on saturday i was on the night bus and about quarter to eleven he sat down next to me", "~22:45"),
    said("On the sixth, evening time, around eight, he followed me from the bus stand.", "~20:00"),
    said("yesterday at eight in evening he was waiting outside my hostel", "20:00"))
PART_BEFORE_NOT_LATER = rule(
    "time.part-before-not-after-recording", "a part of the day said before a time, perhaps in the sentence before "
    "('I've got work early in the morning. At ten to one he ...'), never makes it later than the recording on the "
    "recording day: the time is read as if no part were said",
    said("I've got work early in the morning. At twenty to twelve someone kicked my bins over.", "23:40",
         at="2026-03-30T00:50:00"),
    said("ive got work early in the morning at twenty to twelve someone kicked my bins over", "23:40",
         at="2026-03-30T00:50:00"),
    said("This morning at nine he was at the school gate.", "09:00", at="2026-03-30T10:00:00",
         fires=False))
LATEST_NOT_AFTER = rule(
    "time.latest-not-after-recording", "a 12-hour time with nothing to say am or pm, on the recording day, is the "
    "latest such time not after the recording",
    said("At nine he was outside again.", "21:00"),
    said("At nine he was outside again.", "09:00", at="2026-03-30T10:00:00"))
DAYTIME_DEFAULT = rule(
    "time.daytime-default", "on another day, a 12-hour time with nothing to say am or pm is in waking hours: "
    "8 to 11 in the morning, 12 to 7 in the afternoon and evening (a bare seven is the evening's)",
    said("Yesterday at three he rang the bell.", "15:00"),
    said("On Friday at nine he followed me.", "09:00"),
    said("Thursday, about half seven, I was in the chemist and he pushed past me at the counter.", "~19:30"),
    said("on sunday at the car boot sale at quarter past seven he grabbed my sleeve", "19:15"))
HEARD_NIGHT = rule(
    "time.heard-90-for-night", "Whisper's 'at 90' right after a time, for 'at night he' ('at 11.15 at 90 kicked my "
    "door'): the time is at night ('at 90 mph' is a speed)",
    said("Last Tuesday at around 11.15 at 90 kicked my door.", "~23:15"),
    said("At 10 at 90 rang me again and again.", "22:00", at="2026-03-30T12:00:00"))
NARRATIVE_ORDER = rule(
    "time.after-earlier-times", "a 12-hour time with nothing to say am or pm, told after other times of the same day, "
    "is not before them ('the ceremony was at two, the meal at six, and at nine he punched me' is 21:00)",
    said("Yesterday I got to the fair at two and bought tea at five, and at about eight he pushed me off the bench.",
         "~20:00", at="2026-03-30T10:00:00"),
    said("On Friday I got to the match at two and at five past eight he grabbed me by the gate", "20:05"))
EVENING_BEFORE = rule(
    "date.evening-before-small-hours", "recorded in the small hours (before 5 am) with no day said, a 12-hour time "
    "not yet reached that day ('at ten to eleven', recorded at 00:20) is the evening before",
    said("At about ten to eleven he slashed my tyre.", "2026-03-29", at="2026-03-30T00:20:00"),
    said("At about ten to two he slashed my tyre.", "2026-03-30", at="2026-03-30T03:20:00", fires=False))
DAYTIME_LAST_PM = 7
"""On another day, a bare hour up to this is pm (seven is the evening's: the morning has its own words, "this
morning", "before work"), a later one am (:data:`DAYTIME_DEFAULT`)."""
SMALL_HOURS_END = 5
"""Recorded before this hour, a time later in the day with no day said is the evening before."""
TONIGHT_BEFORE = rule(
    "date.tonight-in-small-hours", "'tonight', 'this evening' said in the small hours (before 5 am) with a time not "
    "yet reached that day ('tonight at half eleven', recorded at 00:20): the evening before, which the person still "
    "calls tonight",
    said("Sorry it's late. Tonight at twenty past eleven he rang me nine times.", "2026-03-29",
         at="2026-03-30T00:40:00"),
    said("this evening about ten his van was parked across my drive", "2026-03-29", at="2026-03-30T01:15:00"),
    said("Tonight at about one he kicked the door.", "2026-03-30", at="2026-03-30T02:10:00", fires=False),
    said("Tonight at about eleven he kicked the door.", "2026-03-30", at="2026-03-30T23:40:00", fires=False))
PART_RX = "morning|afternoon|evening|night|lunchtime|arvo"
_PART_LEAD = frozenset({"so", "like", "um", "er", "erm", "uh"})  # skipped before a part: "the ten past one, so, at night"
WD_RX = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD_SHORT = "mon|tues?|weds?|thur?s?|fri|sat|sun"
PARTS = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
         "lunchtime": "afternoon", "lunch": "afternoon", "arvo": "afternoon", "teatime": "evening", "tonight": "night",
         "school": "afternoon", "work": "evening"}


@cache
def phrases(name: str) -> re.Pattern[str]:
    """The vocab list ``name`` as one whole-word pattern, longest entries first."""
    items = sorted(vocab.entries(name), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(x) for x in items) + r")\b")

def _sentence_end(n: Normalized, k: int) -> bool:
    return n.punct_after(k) in (".", "!", "?")


def part_near(n: Normalized, i: int, j: int) -> str | None:
    """A part of the day said right after (or just before) a clock time."""
    return part_after(n, j) or part_before(n, i)


def part_after(n: Normalized, j: int) -> str | None:
    """A part of the day said right after the clock time ending at words[j] ("ten in the morning", "ten tonight")."""
    after = " ".join(w.lower for w in n.words[j:j + 7]
                     if w.lower not in _PART_LEAD and not (w.kind == "num" and w.number == 1))
    m = re.match(rf"(?:(?:in(?: the| de| di)?|at|this|on|that|of the) )?({PART_RX}|tonight)\b", after) \
        or re.match(rf"[a-z]+ (?:in the|that) ({PART_RX})\b", after)  # "the ten past seven train in the morning"
    if m:
        return PARTS[m.group(1)]
    if re.match(r"(?:am|a m)\b", after):
        return "morning"
    if heard_night(n, j):
        return "night"
    return None


def part_before(n: Normalized, i: int) -> str | None:
    """A part of the day said just before the clock time at words[i] ("this morning at ten", "Friday night, ten")."""
    before = " ".join(w.lower for w in n.words[max(0, i - 4):i])
    m = re.search(rf"\b(?:this|last|early|in(?: the)?|yesterday|{WD_RX}|{_WD_SHORT}) ({PART_RX})\b", before) \
        or re.search(rf"\b({PART_RX})[ -]?time\b", before)  # "on the fifth, evening time, about eight"
    if m:
        return PARTS[m.group(1)]
    return None


def part_not_after_recording(n: Normalized, i: int, j: int, clock: Clock, day: date, ref: datetime) \
        -> tuple[str | None, bool]:
    """The part of the day said with the clock at words[i:j] (:func:`part_near`), and whether one said before it was
    set aside because it made the time later than the recording on the recording day ("I've got work early in the
    morning. At twenty to twelve ...", recorded at 00:50): see :data:`PART_BEFORE_NOT_LATER`."""
    part = part_near(n, i, j)
    if part is None or part_after(n, j) is not None or day != ref.date():
        return part, False
    h, mi, _how = resolve_hour(clock, part, day, ref, "")
    return (None, True) if (h, mi) > (ref.hour, ref.minute) else (part, False)


def context(n: Normalized, i: int, j: int) -> str:
    """The words around the time at words[i:j] that may say am or pm: ten words back, or back to the start of its
    sentence (at most :data:`TimeScores.context_reach` words), and a few words on."""
    a = i
    while a > 0 and i - a < REACH.sentence and (i - a < REACH.near or not _sentence_end(n, a - 1)):
        a -= 1
    return " ".join(w.lower for w in n.words[a:j + 6])


def context_part(text: str) -> bool:
    """Whether words of the evening or the morning (vocab ``when_evening_context``, ``when_morning_context``) are in
    text."""
    return bool(phrases("when_evening_context").search(text) or phrases("when_morning_context").search(text))


def heard_night(n: Normalized, j: int) -> bool:
    """Whether 'at 90' follows the time ending at words[j]: Whisper's hearing of 'at night he' (see
    :data:`HEARD_NIGHT`), unless a measure follows ('at 90 mph')."""
    after = [w.lower for w in n.words[j:j + 3]]
    measures = vocab.words("when_units") | vocab.words("when_measures")
    return after[:2] == ["at", "90"] and not (after[2:] and after[2] in measures)


def resolve_hour(clock: Clock, part: str | None, day: date, ref: datetime, context: str) -> tuple[int, int, str]:
    """The 24-hour time of a clock token, and the rule that chose am or pm ("" when the clock said it)."""
    h, mi, mer, _bare = clock
    if mer == "am":
        return (0 if h == 12 else h), mi, ""
    if mer == "pm":
        return (h if h == 12 else h + 12), mi, ""
    if h == 0 or h > 12:
        return h, mi, ""
    if part == "morning":
        return (0 if h == 12 else h), mi, AM_PM_BY_CONTEXT
    if part in ("afternoon", "evening"):
        return (h if h == 12 else h + 12), mi, AM_PM_BY_CONTEXT
    if part == "night":
        return (0 if h == 12 else h + 12 if h >= 5 else h), mi, AM_PM_BY_CONTEXT
    if phrases("when_evening_context").search(context) and not (day == ref.date() and (h % 12 + 12, mi) > (ref.hour,
                                                                                                           ref.minute)):
        return (h if h == 12 else h + 12), mi, AM_PM_BY_CONTEXT  # never a pm after the recording ("closed up at eleven")
    if phrases("when_morning_context").search(context) and h >= 5:
        return h % 12, mi, AM_PM_BY_CONTEXT  # "the school run" at three is the afternoon one
    if day == ref.date():
        best = None
        for cand in (h % 12, h % 12 + 12):
            if (cand, mi) <= (ref.hour, ref.minute):
                best = cand
        if best is None and ref.hour < SMALL_HOURS_END:
            best = h % 12 + 12  # none yet today, recorded in the small hours: the evening before (when.py moves the day)
        return (h % 12 if best is None else best), mi, LATEST_NOT_AFTER
    if h == 12:
        return 12, mi, DAYTIME_DEFAULT
    return ((h, mi) if h > DAYTIME_LAST_PM else (h + 12, mi)) + (DAYTIME_DEFAULT,)


def after_earlier_times(n: Normalized, i: int, earlier: list[Any], hm: tuple[int, int], day: date, ref: datetime) \
        -> int | None:
    """The hour of the time at words[i], read hm by default, moved twelve hours on when that is before an earlier
    time of the same day and the later reading is not (:data:`NARRATIVE_ORDER`); None to keep it. ``earlier`` are
    mentions with .i, .j and .clock."""
    h, mi = hm
    if h >= 12 or not earlier:
        return None
    bound = max(resolve_hour(m.clock, part_near(n, m.i, m.j), day, ref,
                             context(n, m.i, m.j))[:2] for m in earlier)
    if (h, mi) >= bound or (h + 12, mi) < bound:
        return None
    if day == ref.date() and (h + 12, mi) > (ref.hour, ref.minute):
        return None
    return h + 12


def said_am_or_pm(clock: Clock, part: str | None, context: str) -> bool:
    """Whether something said, not a default, decided am or pm."""
    h, _mi, mer, _bare = clock
    return bool(mer or h == 0 or h > 12 or part or phrases("when_evening_context").search(context)
                or phrases("when_morning_context").search(context))
