"""Times and dates written in digits, as Whisper writes them: ``7.15``, ``6.30pm``, ``5.50 p.m.``, ``10-6``, ``12/03/2026``.

:mod:`normalize` calls these on its tokens: a clock time becomes a time token
(rule ``time.digit-clock``; ``10-6`` after "at", "about"... is "ten to six",
rule ``time.minutes-to-digits``), a date becomes one ``date`` token whose
numbers :mod:`when` reads day first. Money and measures ("£7.15", "2.50
miles") stay numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.normalize import Token

DIGIT_CLOCK = rule(
    "time.digit-clock", "a clock time written in digits, with ':' or '.', a.m./p.m. in any spelling "
    "(Whisper's '7.15', '6.30pm', '5.50 p.m.', '7p.m.')",
    said("At 7.15 he was outside my flat again.", "07:15", at="2026-03-30T08:20:00"),
    said("At 7.15 he was outside my flat again.", "19:15"),
    said("He rang the bell at 6.30pm and would not go.", "18:30"),
    said("It was 5.50 p.m. when he sat down next to me.", "17:50"),
    said("At 11:05 A.M. he walked past the window.", "11:05"),
    said("She was at the gate at 7p.m. again.", "19:00"),
    said("I paid £7.15 for the taxi home and he followed it.", None, fires=False))
MINUTES_TO = rule(
    "time.minutes-to-digits", "'10-6' after 'at', 'about' ... is Whisper's 'ten to six' (5:50), not a range",
    said("At 10-6 he was standing at the bus stop.", "17:50"),
    said("At about 20-8 this morning he knocked on the door.", "~07:40"))

DigitDate = tuple[int, int, int | None]
"""A date token's value as written: first number, second number, the year (four digits) or None.
ISO dates (``2026-03-12``) are stored day first like the others: (12, 3, 2026)."""
DigitClock = tuple[int, int, str | None, int, str]
"""What :func:`clock_at` read: hour, minute, "am"/"pm" or None, the index of the token after it, and its rule."""

# "12/03/2026", "12.03.26", "12-3-2026" (one separator throughout), "12/03", ISO "2026-03-12"; not part of a longer run
_DATE_RE = re.compile(
    r"(?<![\w./:-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4}|\d{2})|(\d{1,2})/(\d{1,2}))"
    r"(?![\w/:-]|\.\d)")
# A time written in digits after these is money, not a clock: "£7.15".
_MONEY = frozenset("£$€")
# Unit words that do not make "7.15 or so" a measure.
_NOT_MEASURES = frozenset("of or more less".split())
# "10-6" said as "ten to six": the minutes people say before "to".
_MINUTES_BEFORE_TO = frozenset({5, 10, 20, 25})


def dates_in(text: str) -> list[tuple[int, int, DigitDate]]:
    """(start, end, value) of each date written in digits in text."""
    out = []
    for d in _DATE_RE.finditer(text):
        g = d.groups()
        value: DigitDate = (int(g[2]), int(g[1]), int(g[0])) if g[0] else (
            (int(g[3]), int(g[5]), _year(g[6])) if g[3] else (int(g[7]), int(g[8]), None))
        out.append((d.start(), d.end(), value))
    return out


def _year(written: str) -> int:
    """A year as written: two digits are this century's ("26" is 2026)."""
    return int(written) + (2000 if len(written) == 2 else 0)


def _glued(toks: Sequence[Token], k: int) -> bool:
    """Whether token k follows token k-1 with no space: '7' '.' '15' written as one."""
    return 0 < k < len(toks) and toks[k - 1].end == toks[k].start


def meridiem_at(toks: Sequence[Token], k: int) -> tuple[str | None, int]:
    """A meridiem starting at token k ("pm", "p.m.", "P. M.", "p m"), and the index after it (dots included)."""
    words: list[str] = []
    j = k
    while j < len(toks) and len(words) < 2 and (toks[j].text == "." or toks[j].kind == "word"):
        if toks[j].text != ".":
            words.append(toks[j].lower)
        j += 1
        if words[:1] in (["am"], ["pm"]) or words in (["a", "m"], ["p", "m"]):
            while j < len(toks) and toks[j].text == ".":
                j += 1
            return ("am" if words[0][0] == "a" else "pm"), j
        if words and words[0] not in ("a", "p"):
            break
    return None, k


def _glued_m(toks: Sequence[Token], k: int) -> int | None:
    """After a letter glued to digits ("7p", "30a"): ".m." or ". m." at token k; the index after it."""
    if k + 1 < len(toks) and toks[k].text == "." and toks[k + 1].lower == "m":
        j = k + 2
        while j < len(toks) and toks[j].text == ".":
            j += 1
        return j
    return None


def clock_at(toks: Sequence[Token], i: int, text: str, cues: frozenset[str], units: frozenset[str]) -> DigitClock | None:
    """A clock time written in digits starting at token i: '7.15', '19:40', '6.30pm', '5.50 p.m.', '7p.m.', and
    '10-6' after one of ``cues`` (ten to six). ``units`` after '2.50' make it a measure."""
    t = toks[i]
    glued = re.fullmatch(r"(\d{1,2})([ap])", t.lower)
    if glued and t.kind == "word":  # "7p.m.": the letter glued to the hour
        after_m = _glued_m(toks, i + 1)
        h = int(glued.group(1))
        return (h, 0, glued.group(2) + "m", after_m, DIGIT_CLOCK) if after_m is not None and 1 <= h <= 12 else None
    if t.kind != "num":
        return None
    if i + 2 < len(toks) and toks[i + 1].text in (":", ".") and _glued(toks, i + 1) and _glued(toks, i + 2):
        m = re.fullmatch(r"(\d\d)(?:([ap])(m?))?", toks[i + 2].lower)
        money = i > 0 and toks[i - 1].text in _MONEY
        measure = toks[i + 1].text == "." and i + 3 < len(toks) and toks[i + 3].lower in units - _NOT_MEASURES
        if not m or not 0 <= t.number <= 23 or int(m.group(1)) >= 60 or money or measure:
            return None
        mer: str | None = None
        end = i + 3
        if m.group(2) and m.group(3):  # "30pm"
            mer = m.group(2) + "m"
        elif m.group(2):  # "30p" then ".m."
            dotted = _glued_m(toks, i + 3)
            if dotted is None:
                return None
            mer, end = m.group(2) + "m", dotted
        else:
            mer, after = meridiem_at(toks, i + 3)
            end = after if mer else i + 3
        if mer and not 1 <= t.number <= 12:
            mer = None
        return t.number, int(m.group(1)), mer, end, DIGIT_CLOCK
    nx = toks[i + 1] if i + 1 < len(toks) else None
    if nx is not None and nx.kind == "num" and text[t.end:nx.start] == "-" and t.number in _MINUTES_BEFORE_TO \
            and 1 <= nx.number <= 12 and i > 0 and toks[i - 1].lower in cues:
        return (nx.number - 1 if nx.number > 1 else 12), 60 - t.number, None, i + 2, MINUTES_TO
    return None
