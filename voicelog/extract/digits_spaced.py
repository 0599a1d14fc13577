"""Times and dates written in digits whose punctuation the text lost: ``6 30pm``, ``11 02``, ``12 03 2026``.

A recogniser's text without punctuation (Vosk's style, or any text stripped of it) turns Whisper's ``6.30pm``,
``11:02`` and ``12/03/2026`` into numbers separated by spaces. Minutes of ten or more after an hour ("7 15") read
as "seven fifteen" already; these read the rest: minutes with a.m./p.m. glued on ("6 30pm") or written with a
leading zero ("11 02"), and a date of day, month and four-digit year ("12 03 2026"), or of two numbers after "on"
("on 4 27", month first only where day first is impossible, as for ``4/27``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.normalize import Token

SPACED_CLOCK = rule(
    "time.digits-without-colon", "an hour and its minutes in digits with the ':' or '.' lost ('6 30pm', '11 02 this "
    "morning'): minutes with a.m./p.m. glued on or written with a leading zero",
    said("yesterday at 6 30pm he was sitting on my wall", "18:30"),
    said("he rang the buzzer at about 9 05 and would not go", "~21:05"),
    said("at 10 02 this morning a parcel came from him", "10:02", at="2026-03-30T12:00:00"),
    said("my reference is 4 07 31 and he was outside at nine", "21:00", fires=False))
SPACED_DATE = rule(
    "date.digits-without-slashes", "a date in digits with its '/' lost: day, month and a four-digit year ('14 02 "
    "2026'), or two numbers after 'on' ('on 3 19'); day first, month first only where day first is impossible",
    said("on 14 02 2026 he sent flowers to my office", "2026-02-14"),
    said("on 3 19 a dead pigeon turned up on my doormat", "2026-03-19"),
    said("on 2 03 a dead pigeon turned up on my doormat", "2026-03-02"),
    said("on 7 15 tonight a dead pigeon turned up on my doormat", "2026-03-30", fires=False))

_MINUTES = re.compile(r"([0-5]\d)([ap]m)?")
"""Minutes after an hour: "02" or "30pm"."""
_DATE = re.compile(r"(?<![\w'])(\d{1,2}) (\d{1,2}) ((?:19|20)\d\d)(?![\w'])|(?<![\w'])(?<=\bon )(\d{1,2}) (\d{1,2})"
                   r"(?![\w'])(?! (?:am|pm|a m|p m|o'clock|tonight|at night|in the|this (?:morning|afternoon|evening)|"
                   r"last night)\b)", re.IGNORECASE)
"""Day month year, or two numbers after "on" unless a part of the day or a meridiem makes them a clock time."""


def spaced_dates(text: str) -> list[tuple[int, int, tuple[int, int, int | None]]]:
    """(start, end, (first, second, year)) of each date in digits separated by spaces: one of the numbers a month."""
    out = []
    for d in _DATE.finditer(text):
        first, second, year = (int(d.group(1)), int(d.group(2)), int(d.group(3))) if d.group(1) else (
            int(d.group(4)), int(d.group(5)), None)
        if 1 <= min(first, second) <= 12 and max(first, second) <= 31:
            out.append((d.start(), d.end(), (first, second, year)))
    return out


def spaced_clock(toks: Sequence[Token], i: int, text: str) -> tuple[int, int, str | None, int] | None:
    """Hour, minutes, "am"/"pm" or None, and the index after the minutes, of an hour at token i followed by one
    space and minutes that only a clock writes ("6 30pm", "11 02"); not inside a run of numbers."""
    t = toks[i]
    nx = toks[i + 1] if i + 1 < len(toks) else None
    if t.kind != "num" or nx is None or text[t.end:nx.start] != " " or not text[t.start:t.end].isdigit() \
            or (i > 0 and toks[i - 1].kind == "num") or (i + 2 < len(toks) and toks[i + 2].kind == "num"):
        return None
    m = _MINUTES.fullmatch(nx.lower)
    if m is None or not (m.group(2) or nx.text.startswith("0")):
        return None
    from voicelog.extract.digits import meridiem_at  # here: digits imports this module

    mer, end = (m.group(2), i + 2) if m.group(2) else meridiem_at(toks, i + 2)
    if not end > i + 2:
        end = i + 2
    if not (1 <= t.number <= 12 if mer else 0 <= t.number <= 23):
        return None
    return t.number, int(m.group(1)), mer, end
