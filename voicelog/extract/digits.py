"""Times and dates written in digits, as Whisper writes them: ``7.15``, ``6.30pm``, ``5.50 p.m.``, ``10-6``, ``530``,
``12/03/2026``.

:mod:`normalize` calls these on its tokens: a clock time becomes a time token
(rule ``time.digit-clock``; ``10-6`` after "at", "about"... is "ten to six",
rule ``time.minutes-to-digits``; three or four digits with no separator,
Whisper's ``530`` for "five thirty", only where a time is meant, rules
``time.compact-digits``, ``time.compact-after-correction`` and
``time.train-departure``), a date becomes one ``date`` token whose numbers
:mod:`when` reads day first. Money, measures, counts, years, bus and house
numbers ("£7.15", "2.50 miles", "530 messages", "in 2026", "the 530 bus",
"at 530 Tamworth Road") stay numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.digits_spaced import SPACED_CLOCK, SPACED_DATE, spaced_clock, spaced_dates
from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.normalize import Token

DIGIT_CLOCK = rule(
    "time.digit-clock", "a clock time written in digits, with ':' or '.', a.m./p.m. in any spelling "
    "(Whisper's '7.15', '6.30pm', '5.50 p.m.', '7p.m.'), or a clock phrase with its numbers in digits ('10 past 10', "
    "'12 noon', '6 o'clock')",
    said("At 7.15 he was outside my flat again.", "07:15", at="2026-03-30T08:20:00"),
    said("At 7.15 he was outside my flat again.", "19:15"),
    said("He rang the bell at 6.30pm and would not go.", "18:30"),
    said("It was 5.50 p.m. when he sat down next to me.", "17:50"),
    said("At 11:05 A.M. he walked past the window.", "11:05"),
    said("She was at the gate at 7p.m. again.", "19:00"),
    said("At 10 past 10 tonight he was at the gate.", "22:10", at="2026-03-30T23:00:00"),
    said("At 12 noon he walked into the shop.", "12:00"),
    said("At 12 midnight he was banging on the door.", "00:00"),
    said("At 6 o'clock he was waiting at the bus stop.", "18:00"),
    said("I paid £7.15 for the taxi home and he followed it.", None, fires=False))
MINUTES_TO = rule(
    "time.minutes-to-digits", "'10-6' after 'at', 'about' ... is Whisper's 'ten to six' (5:50), not a range",
    said("At 10-6 he was waiting by the post box.", "17:50"),
    said("At about 20-8 this morning he knocked on the door.", "~07:40"))

COMPACT_CLOCK = rule(
    "time.compact-digits", "three or four digits with no separator, Whisper's '530' for 'five thirty' and '1140' for "
    "'eleven forty' ('0740' a morning; '2315' only after 'at' and before a clause): after 'at' (unless a street "
    "follows: a house number), after 'about', 'just after'... when a clause follows, or before a.m./p.m. or a part "
    "of the day; never money, counts, measures, years or bus numbers",
    said("At 530 he was outside my door again.", "17:30"),
    said("Yesterday at 420 in the afternoon he drove past twice.", "16:20"),
    said("On Friday night at 1140 she rang the bell.", "23:40"),
    said("It was about 945 when he knocked, so I didn't answer.", "~21:45"),
    said("Just after 230, he parked across my drive.", "~14:30"),
    said("He left a note on my car at 815 this morning.", "08:15"),
    said("He turned up at 1030 tonight and would not go.", "22:30", at="2026-03-30T23:30:00"),
    said("She texted me at 645pm saying she was outside.", "18:45"),
    said("He turned up at 530ish and would not leave.", "~17:30"),
    said("At 2315 he was shining a torch through my window.", "23:15", at="2026-03-30T23:40:00"),
    said("At 0740 he was parked across my drive.", "07:40"),
    said("At 2019 prices the flat was cheap, he said.", None, fires=False),
    said("He has sent me 530 messages since January.", None, fires=False),
    said("He got on the 530 bus right behind me.", None, fires=False),
    said("He was waiting at 530 Tamworth Road when I got there.", None, fires=False),
    said("It cost me £530 to change the locks.", None, fires=False),
    said("He has sent about 150 texts this week.", None, fires=False),
    said("He was doing about 120 mph when he passed me.", None, fires=False),
    said("In 2026 he moved in round the corner.", None, fires=False))
COMPACT_CORRECTED = rule(
    "time.compact-after-correction", "three or four digits right after a self-correction of a time ('at 7? No, "
    "715'): the correction is a time too, and it wins",
    said("He knocked at 7? No, 715, and kept knocking.", "19:15"),
    said("She rang me at 9. Sorry, 940, from a new number.", "21:40"),
    said("At 4 he was there. No. 440. He was by the shop.", "16:40"))
TRAIN_DEPARTURE = rule(
    "time.train-departure", "'the 750 train': a train named by its departure time, as Whisper writes 'the seven "
    "fifty train' (a bus's number is no time)",
    said("I got the 750 train home and he got on right behind me.", "19:50"),
    said("He was on the 815 train again this morning, staring at me.", "08:15"))

ELIDED_HOUR = rule(
    "time.hour-left-unsaid", "'ten past', 'twenty past' with no hour after it, soon after another time: the hour "
    "of that time ('I left at five and got the bus at twenty past' is 5.20)",
    said("I left work at four and when I reached the corner shop at ten past he was there.", "16:10"),
    said("i got off the train at six and at twenty past he was waiting at the barrier", "18:20"),
    said("I left the gym at twenty to nine and at quarter past he was leaning on my car.", "21:15"),
    said("I locked up at nine and it must have been about ten after when he stepped round the side of the van.",
         "~21:10"),
    said("i locked up at eight and at twenty after he was tapping on the glass", "20:20"),
    said("the bell went at four and then at five after work he was stood at my window", "17:00", fires=False))
HEARD_PASS = rule(
    "time.misheard-clock-phrase", "Whisper's mishearings of 'twenty past one', 'ten to eight he': 'pass' for 'past' "
    "('20 pass one', '25, pass one'), an ordinal for the minutes ('the 20th past 1'), '80' for 'eight he' after "
    "'past'/'to' ('10 to 80 came round')",
    said("At 20 pass one in the morning he texted a picture of my front door.", "01:20"),
    said("At 25, pass one, he was in the car park again.", "13:25", at="2026-03-30T15:00:00"),
    said("On the 8th of March, the 20th past 1 in the morning, he sent me a text.", "01:20"),
    said("About 10 to 80 came round to the flat and shouted.", "~19:50"))
HUNDRED_HOURS = rule(
    "time.hundred-hours", "a 24-hour time as said in shifts and services: 'fourteen hundred hours', 'oh seven "
    "hundred', Whisper's '1800 hours' and '1,800 hours'",
    said("He parked outside the depot at 1800 hours.", "18:00"),
    said("He parked outside the depot at 1,800 hours.", "18:00"),
    said("at oh seven hundred he was at the gate", "07:00", at="2026-03-30T12:00:00"))


DigitDate = tuple[int, int, int | None]
"""A date token's value as written: first number, second number, the year (four digits) or None.
ISO dates (``2026-03-12``) are stored day first like the others: (12, 3, 2026)."""
DigitClock = tuple[int, int, str | None, int, str]
"""What :func:`clock_at` read: hour, minute, "am"/"pm" or None, the index of the token after it, and its rule."""

# Number words, for normalize and the crime-reference reader.
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}
# "12/03/2026", "12.03.26", "12-3-2026" (one separator throughout), "12/03", ISO "2026-03-12"; not part of a longer run
_DATE_RE = re.compile(
    r"(?<![\w./:-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4}|\d{2})|(\d{1,2})/(\d{1,2}))"
    r"(?![\w/:-]|\.\d)")
# A time written in digits after these is money, not a clock: "£7.15".
_MONEY = frozenset("£$€")
# Unit words that do not make "7.15 or so" a measure.
_NOT_MEASURES = frozenset("of or more less".split())
# A time of three or four digits: "530", "1140" (an hour 1-12, minutes 01-59: "500" is five hundred), "0945" and
# "0700" (a 24-hour morning), and after "at" "2315" (a 24-hour evening).
_COMPACT = re.compile(r"(0\d|[1-9]|1[0-2])([0-5]\d)")
_COMPACT_24 = re.compile(r"(1[3-9]|2[0-3])([0-5]\d)")
# Parts of the day after a number that make it a time: "420 in the afternoon", "1030 tonight".
_PART_AFTER = re.compile(r"(?:(?:in|of) the (?:morning|afternoon|evening)|at night|tonight|this (?:morning|afternoon|"
                         r"evening)|last night)\b")
# "10-6" said as "ten to six": the minutes people say before "to".
_MINUTES_BEFORE_TO = frozenset({5, 10, 20, 25})


def dates_in(text: str) -> list[tuple[int, int, DigitDate, str]]:
    """(start, end, value, rule) of each date written in digits in text, in order; the rule is "" for a date with
    its separators, :data:`SPACED_DATE` for one whose separators were lost ("12 03 2026")."""
    out = []
    for d in _DATE_RE.finditer(text):
        g = d.groups()
        value: DigitDate = (int(g[2]), int(g[1]), int(g[0])) if g[0] else (
            (int(g[3]), int(g[5]), _year(g[6])) if g[3] else (int(g[7]), int(g[8]), None))
        out.append((d.start(), d.end(), value, ""))
    for start, end, value in spaced_dates(text):
        if not any(s < end and start < e for s, e, _, _ in out):
            out.append((start, end, value, SPACED_DATE))
    return sorted(out)


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


_GLUED_AP = re.compile(r"(\d{1,4})([ap])")
"""An hour with the a or p of a.m./p.m. glued to it ("7p", "645p")."""


def clock_at(toks: Sequence[Token], i: int, text: str, cues: frozenset[str], units: frozenset[str]) -> DigitClock | None:
    """A clock time written in digits starting at token i: '7.15', '19:40', '6.30pm', '5.50 p.m.', '7p.m.', and
    '10-6' after one of ``cues`` (ten to six). ``units`` after '2.50' make it a measure."""
    t = toks[i]
    glued = _GLUED_AP.fullmatch(t.lower)
    if glued and t.kind == "word":  # "7p.m.", "645p.m.": the letter glued to the hour
        after_m = _glued_m(toks, i + 1)
        hm = glued_hour(glued.group(1))
        return None if after_m is None or hm is None else (hm[0], hm[1], glued.group(2) + "m", after_m, hm[2])
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
    spaced = spaced_clock(toks, i, text)
    if spaced is not None:  # "6 30pm", "11 02": the ':' lost
        return *spaced, SPACED_CLOCK
    nx = toks[i + 1] if i + 1 < len(toks) else None
    if nx is not None and nx.kind == "num" and text[t.end:nx.start] == "-" and t.number in _MINUTES_BEFORE_TO \
            and 1 <= nx.number <= 12 and i > 0 and toks[i - 1].lower in cues:
        return (nx.number - 1 if nx.number > 1 else 12), 60 - t.number, None, i + 2, MINUTES_TO
    return None


def glued_hour(written: str) -> tuple[int, int, str] | None:
    """The digits before a glued a.m./p.m. ("7" of "7pm", "645" of "645pm"): hour, minute and the rule that read
    them, or None."""
    if len(written) <= 2:
        return (int(written), 0, DIGIT_CLOCK) if 1 <= int(written) <= 12 else None
    hm = compact(written)
    return None if hm is None else (hm[0], hm[1], COMPACT_CLOCK)


def compact(written: str, *, evening_24: bool = False) -> tuple[int, int, str | None] | None:
    """The hour, minute and meridiem of a compact time as written ("530", "1140", "0945" in the morning, and with
    evening_24 "2315"), or None."""
    m = _COMPACT.fullmatch(written)
    if m is not None and (m.group(2) != "00" or written[0] == "0"):
        return int(m.group(1)), int(m.group(2)), "am" if written[0] == "0" else None
    m = _COMPACT_24.fullmatch(written) if evening_24 else None
    return None if m is None else (int(m.group(1)), int(m.group(2)), None)


def compact_at(toks: Sequence[Token], i: int, text: str, earlier: Sequence[Token], units: frozenset[str]) \
        -> DigitClock | None:
    """A compact time ("530") at token i, where its neighbours say a time is meant (see :data:`COMPACT_CLOCK`);
    ``earlier`` are the tokens already read before it (a time among them makes "No, 630" a correction)."""
    t = toks[i]
    hm = compact(text[t.start:t.end], evening_24=True) if t.kind == "num" else None
    if hm is None or (i > 0 and toks[i - 1].text in _MONEY):
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    or_so = nxt is not None and nxt.lower == "or" and toks[i + 2:i + 3] and toks[i + 2].lower == "so"
    if nxt is not None and (nxt.lower in units or nxt.lower in vocab.words("when_measures")) and not or_so:
        return None
    mer, end = meridiem_at(toks, i + 1)
    follows = " ".join(x.lower for x in toks[i + 1:i + 4] if x.kind != "punct")
    before = [x.lower for x in toks[max(0, i - 3):i] if x.kind != "punct"]
    count_hedges = vocab.words("when_count_hedges")
    at = before[-1:] == ["at"] or (before[-2:-1] == ["at"] and before[-1] in count_hedges)
    if hm[0] > 12 and not (at and _clause_after(toks, i, end_ok=True)):  # "at 2315 he": "since 2019" is a year
        return None
    how = None
    if mer or _PART_AFTER.match(follows):  # "530 p.m.", "420 in the afternoon"
        how = COMPACT_CLOCK
    elif at:  # "at (about) 530", "at 2315"
        how = None if _street_after(toks, i) else COMPACT_CLOCK
    elif before[-1:] and before[-1] in vocab.words("when_hour_cues"):  # "just after 230, he", "about 945 when"
        how = COMPACT_CLOCK if _clause_after(toks, i, end_ok=before[-1] not in count_hedges) else None
    elif before[-1:] == ["the"] and nxt is not None and nxt.lower == "train":
        how = TRAIN_DEPARTURE
    elif _corrects_a_time(toks, i, earlier):
        how = COMPACT_CORRECTED
    if how is None:
        return None
    return hm[0], hm[1], mer or hm[2], end if mer else i + 1, how


def _clause_after(toks: Sequence[Token], i: int, *, end_ok: bool) -> bool:
    """Whether what follows the number at token i starts a clause (a subject, a name, 'when'), or, when end_ok, ends
    one ("just after 230.")."""
    k = i + 1
    while k < len(toks) and toks[k].text == ",":
        k += 1
    if k >= len(toks) or toks[k].kind == "punct":
        return end_ok
    return toks[k].lower in vocab.words("when_clause_starts") or toks[k].text[:1].isupper()


def _street_after(toks: Sequence[Token], i: int) -> bool:
    """Whether a street name follows the number at token i: "at 530 Tamworth Road" is a house number."""
    streets = vocab.words("where_streets")
    words = [x for x in toks[i + 1:i + 5] if x.kind != "punct"]
    return any(x.lower in streets for x in words[1:3]) or (
        bool(words) and words[0].text[:1].isupper() and any(x.lower in streets for x in words[1:4]))


def _corrects_a_time(toks: Sequence[Token], i: int, earlier: Sequence[Token]) -> bool:
    """Whether the number at token i comes right after a correction word ("No, 630") that follows a time."""
    words = [x.lower for x in toks[max(0, i - 4):i] if x.kind != "punct"]
    fixes = vocab.entries("when_corrections")
    said_fix = any(" ".join(words[-n:]) in fixes for n in (1, 2) if len(words) >= n)
    recent = [x for x in earlier[-8:] if x.kind != "punct"]
    return said_fix and any(x.kind == "time" for x in recent[-6:])


def hundred_hours(t: Token, nxt: Token | None, after_oh: bool) -> tuple[int, int] | None:
    """The 24-hour time of a number said as hours ("1800 hours", "fourteen hundred", "oh seven hundred"), or None."""
    if t.kind != "num" or not (100 <= t.number <= 2359 and t.number % 100 < 60 and t.number // 100 <= 23):
        return None
    if (nxt is not None and nxt.lower == "hours") or (t.number % 100 == 0 and t.number >= 1300) \
            or (after_oh and t.number < 1000):
        return t.number // 100, t.number % 100
    return None


def heard_hour(toks: Sequence[Token], i: int, k: int, text: str) -> int | None:
    """The hour of '60'...'90' written in digits at token k, after minutes at token i and 'past'/'to' before k:
    Whisper's hearing of 'six he' ... 'nine he' ("10 to 80 came round"); not a range ("from 10 to 80")."""
    t = toks[k] if k < len(toks) else None
    if t is None or t.kind != "num" or t.number not in (60, 70, 80, 90) or not text[t.start:t.end].isdigit() \
            or toks[k - 1].lower not in ("past", "to") or (i > 0 and toks[i - 1].lower in ("from", "between")):
        return None
    return t.number // 10


def elided_hour(earlier: Sequence[Token], minutes: int, after: Token | None) -> int | None:
    """The hour of "twenty past" said with no hour (:data:`ELIDED_HOUR`): that of the last time among the dozen
    tokens before if "past" ends the phrase (no number after it), or the next hour when that would be before the
    last time ("at twenty to eight ... at quarter past" is 8.15)."""
    last = next((t for t in reversed(earlier[-12:]) if t.kind == "time"), None)
    if last is None or (after is not None and after.kind in ("num", "ord")):
        return None
    if after is not None and after.lower in vocab.words("when_not_elided_before"):
        return None  # Vosk "around five after my shift": "after" opens what follows, no hour left unsaid
    hour = last.clock[0]
    return hour if minutes > last.clock[1] else hour % 12 + 1


def counts(tok: Token | None, after: Token | None, units: frozenset[str]) -> bool:
    """Whether tok after a number makes it a count ("ten texts", "two or three"), unless it and the token after it
    hedge a time, as "or so" and "more like" do ("eleven thirty or so", "gone eleven, more like quarter past")."""
    return tok is not None and tok.lower in units and not (
        after is not None and (tok.lower, after.lower) in (("or", "so"), ("more", "like")))


def number_value(words: list[str]) -> int:
    """Value of a number group ("twenty five", "two hundred and six")."""
    try:
        from text_to_num import text2num

        return int(text2num(" ".join(w for w in words if w != "and"), "en"))
    except Exception:  # text2num refuses some groupings; ours is simple enough
        total, cur = 0, 0
        for w in words:
            if w in UNITS:
                cur += UNITS[w]
            elif w in TENS:
                cur += TENS[w]
            elif w == "hundred":
                cur = max(cur, 1) * 100
            elif w == "thousand":
                total += max(cur, 1) * 1000
                cur = 0
        return total + cur


def ordinal_suffix(n: int) -> str:
    """"st", "nd", "rd" or "th" for n."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
