"""Days read from explicit phrases for :mod:`voicelog.extract.when`: the nearest past day with a given day (and
month), dateparser's reading of "the 14th of March" and of dates written in digits (day first, month first only
where day first is impossible), and warming dateparser up; also the counts said before a unit of time ("a couple
of"), the words that mark a self-correction, and pronouns that stand for someone close to the person just named."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from functools import cache

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

log = logging.getLogger(__name__)

HELPER_PRONOUN = rule(
    "time.helper-pronoun", "'he' or 'she' right after someone close to the person ('I phoned my uncle, he got there "
    "at quarter to nine', 'my cousin said she'd noticed his van out there from six') is that helper, so their time "
    "is not the incident's",
    said("I left the library at five, and at ten to six he was leaning against my front gate. I phoned my "
         "uncle, he got there at quarter past seven.", "17:50"),
    said("On Friday evening at half eight she was waiting by the lifts. My friend Jo said she saw her car outside at "
         "seven.", "20:30"),
    said("at ten to six he was leaning on my front gate i locked the door and phoned my uncle he got there at quarter "
         "past seven", "17:50"))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def nearest_past_day(day: int, month: int | None, ref: date) -> date | None:
    """The date with that day (and month) on or before ref, nearest to it."""
    if month is not None:
        for year in (ref.year, ref.year - 1):
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if d <= ref:
                return d
        return None
    y, mth = ref.year, ref.month
    for _ in range(13):
        try:
            d = date(y, mth, day)
            if d <= ref:
                return d
        except ValueError:
            pass
        mth -= 1
        if mth == 0:
            y, mth = y - 1, 12
    return None


def _dateparser(phrase: str, recorded_at: datetime, **settings: object) -> datetime | None:
    """dateparser's reading of phrase, or None; dateparser is an aid, never a point of failure."""
    try:
        import dateparser

        return dateparser.parse(phrase, languages=["en"], settings={
            "PREFER_DATES_FROM": "past", "RELATIVE_BASE": recorded_at, "STRICT_PARSING": True, **settings})
    except Exception as exc:
        # The exception's type only: its message or traceback could quote the account's words.
        log.debug("dateparser failed (%s)", type(exc).__name__)
        return None


def dateparser_day(phrase: str, day: int, month: int, recorded_at: datetime) -> date | None:
    """Let dateparser read an explicit day-and-month phrase, checked against what we read."""
    # STRICT_PARSING would also require a year, so it is off here: REQUIRE_PARTS and the check below are enough.
    got = _dateparser(phrase, recorded_at, RETURN_TIME_AS_PERIOD=True, REQUIRE_PARTS=["day", "month"],
                      STRICT_PARSING=False)
    if got is None or got.day != day or got.month != month:
        return None
    d = got.date()
    if d > recorded_at.date():
        try:
            d = d.replace(year=d.year - 1)
        except ValueError:
            return None
    return d


def digit_day(written: str, first: int, second: int, year: int | None, recorded_at: datetime) -> date | None:
    """A date written in digits: with a year, dateparser reads it day first (month first where day first is
    impossible); without one, the nearest such day in the past, day first too."""
    if year is not None:
        got = _dateparser(written, recorded_at, DATE_ORDER="DMY", REQUIRE_PARTS=["day", "month", "year"])
        if got is None or got.year != year or (got.day, got.month) not in ((first, second), (second, first)):
            return None
        return got.date()
    today = recorded_at.date()
    for day, month in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= 31:
            return nearest_past_day(day, month, today)
    return None


def warm_up_dateparser() -> None:
    """Import dateparser and let it build its English tables, which it does on first use."""
    dateparser_day("14 march", 14, 3, datetime(2026, 3, 30, 12, 0))
    digit_day("12/03/2026", 12, 3, 2026, datetime(2026, 3, 30, 12, 0))


def count(s: str) -> float:
    """A number said before a unit of time: "a", "a couple of", "a few", or digits."""
    s = s.strip()
    if s in ("a", "an", "one"):
        return 1
    if "couple" in s:
        return 2
    if "few" in s:
        return 3
    return float(s)


@cache
def corrections() -> re.Pattern[str]:
    """Words between two close dates or times that make the later a correction (vocab ``when_corrections``)."""
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(x) for x in vocab.entries("when_corrections")) + r")(?: |$)")


COUNT_SPANS = frozenset({"week", "month", "year", "weekend", "morning", "afternoon", "evening", "night", "term",
                         "time", "summer", "winter", "spring", "autumn"})
"""Words after "this" that make an ordinal before them a count ("the fifth this week"), not a day."""


def counting_after(n: Normalized, k: int) -> bool:
    """Whether the words after the ordinal at words[k] make it a count, not a day: a word of vocab
    ``when_not_date_after`` ("the third time", "the fifth today"), "this" only before a span ("the fifth this week",
    not "the fifteenth, this bloke got on"), or any word before such a span or "in a row" ("the third bunch this
    month"): see ``date.ordinal-day``."""
    after = [w.lower for w in n.words[k + 1:k + 5]]
    if after[:1] == ["this"]:
        return after[1:2] != [] and after[1] in COUNT_SPANS
    if after[:1] and after[0] in vocab.words("when_not_date_after"):
        return True
    return len(after) > 2 and not n.punct_after(k) and not n.punct_after(k + 1) and after[0] not in _NAMING_SPAN \
        and (after[1] == "this" and after[2] in COUNT_SPANS or after[1:4] == ["in", "a", "row"])


_NAMING_SPAN = frozenset({"of", "gone", "past", "last", "just", "and", "or", "in", "on", "at", "that"})
"""Words between an ordinal and "this month" that make the span name its month ("the 3rd of this month", "the
second just gone, this month"), not a count."""


def weekday_named_after(n: Normalized, k: int) -> bool:
    """Whether the ordinal at words[k] is a day with its weekday after it ("on the 19th, Thursday", "on the
    nineteenth thursday at two"), not a count of weekdays ("the third Sunday in a row")."""
    if k + 1 >= len(n.words) or n.words[k + 1].lower not in WEEKDAYS:
        return False
    if n.punct_after(k) == ",":
        return True
    after = n.words[k + 2].lower if k + 2 < len(n.words) else ""
    in_a_row = after == "in" and k + 3 < len(n.words) and n.words[k + 3].lower == "a"  # "sixth Sunday in a row"
    return n.words[k].number > 5 and not in_a_row and after not in vocab.words("when_not_date_after") | {
        "running", "of", "this", "that", "now"}


def starts_clause(n: Normalized, k: int) -> bool:
    """Whether words[k] starts the account, a sentence or a clause (after a comma, "and", "so", "then", "but")."""
    return k == 0 or bool(n.punct_after(k - 1)) or n.words[k - 1].lower in ("and", "so", "then", "but", "um", "er")


def helper_pronoun(n: Normalized, k: int) -> bool:
    """Whether the pronoun at words[k] is someone close to the person just named ("I phoned my uncle, he got there at
    quarter past seven", "my cousin Ann said she'd noticed his van"), not the other person (:data:`HELPER_PRONOUN`)."""
    words = n.words
    for p in range(max(0, k - 5), k - 1):
        if words[p].lower == "my" and words[p + 1].lower in vocab.words("when_tellers") and k - (p + 2) <= 2 \
                and not any(n.punct_after(x) in (".", "!", "?") for x in range(p, k)):
            return True
    return False


HOLIDAY = rule(
    "date.holiday", "a day named by a holiday ('on New Year's Eve', 'Good Friday', 'bonfire night', 'Thanksgiving'; "
    "vocab/when_holidays.txt) is the most recent such day on or before the recording",
    said("On New Year's Eve at about ten he threw a bottle at my window.", "2025-12-31"),
    said("good friday about two his van was parked across my drive", "2026-04-03", at="2026-04-05T12:00:00"),
    said("On Good Friday he rang eleven times.", "2025-04-18"))
_WEEKDAY_ABBR = {name[:3]: k for k, name in enumerate(WEEKDAYS)}


def _holiday_in(year: int, when: str) -> date | None:
    """The day of a holiday rule (vocab/when_holidays.txt) in a year."""
    from dateutil.easter import easter

    if when.startswith("easter"):
        sunday: date = easter(year)
        return sunday + timedelta(days=int(when[len("easter"):] or 0))
    parts = when.split("-")
    if len(parts) == 2:
        return date(year, int(parts[0]), int(parts[1]))
    nth, weekday, month = parts[0], _WEEKDAY_ABBR[parts[1]], int(parts[2])
    days = [date(year, month, d) for d in range(1, 32) if _valid(year, month, d)
            and date(year, month, d).weekday() == weekday]
    return days[-1] if nth == "last" else days[int(nth) - 1]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@cache
def _holidays() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(words as said, rule, their pattern) from vocab/when_holidays.txt, longest first."""
    pairs = [tuple(entry.rsplit(" ", 1)) for entry in vocab.entries("when_holidays")]
    return tuple((words, when, re.compile(r"\b" + re.escape(words) + r"\b"))
                 for words, when in sorted(pairs, key=lambda p: -len(p[0])))


def holidays(n: Normalized, ref: date) -> list[tuple[int, int, date]]:
    """Each holiday named in the account (:data:`HOLIDAY`): its word span and its most recent day on or before ref."""
    out: list[tuple[int, int, date]] = []
    taken: list[tuple[int, int]] = []
    for words, when, rx in _holidays():
        if words not in n.lower:  # most accounts name no holiday: a substring test rules each out quickly
            continue
        for _m, i, j in n.finditer(rx):
            if any(a < j and i < b for a, b in taken):
                continue
            day = next(d for year in (ref.year, ref.year - 1) if (d := _holiday_in(year, when)) and d <= ref)
            out.append((i, j, day))
            taken.append((i, j))
    return out


def recounted(n: Normalized, j: int) -> bool:
    """Whether words[j], right after an "N minutes ago", is a bare count that corrects it (rule time.ago-recounted)."""
    if j >= len(n.words) or n.words[j].kind != "num" or not 1 <= n.words[j].number <= 59:
        return False
    if j + 1 >= len(n.words) or n.punct_after(j) in (".", "!", "?", ","):
        return True
    nxt = n.words[j + 1].lower
    return nxt in vocab.words("when_clause_starts") or nxt.startswith("i'") or nxt in ("maybe", "actually", "tops")

DIGITS = rule(
    "date.digits", "a date written in digits, day first as in the UK ('12/03/2026', '12.03.26'); month first only "
    "where day first is impossible ('03/25/2026') (dateparser, DATE_ORDER DMY)",
    said("On 12/03/2026 he followed me to the station.", "2026-03-12"),
    said("On 12.03.26 he followed me to the station.", "2026-03-12"),
    said("On 03/25/2026 he followed me to the station.", "2026-03-25"),
    said("He was at my door on 5/3 at 7.15.", "2026-03-05"))
HEARD_TEEN = rule(
    "date.heard-ty-for-teen", "an impossible day 'the 40th' ... 'the 90th' is Whisper's hearing of 'the fourteenth' "
    "... 'the nineteenth' (noisy audio): read as that, marked [check]",
    said("On the 40th, he left roses on my doorstep.", "2026-03-14"),
    said("On the 60th of March he rang my work eleven times.", "2026-03-16"))
TY_FOR_TEEN = {40: 14, 50: 15, 60: 16, 70: 17, 80: 18, 90: 19}
SHORT_WEEKDAY = rule(
    "date.short-weekday", "a weekday written short ('Sat', 'Weds') or said short before a part of the day ('sat "
    "arvo', Australian for Saturday afternoon): the most recent such day",
    said("Sat arvo he was outside the pool.", "2026-03-28"),
    said("On Tues he rang my mum.", "2026-03-24"),
    said("he sat in his car outside", "2026-03-30", fires=False),
    said("Sat in my car when he knocked on the window.", "2026-03-30", fires=False))


TELLER_REACH = 5
"""Words back from a telling ("told me") that its teller may be: "my neighbour, Mrs Quill, told me"."""
OTHER_SIDE = frozenset({"he", "she", "they", "his", "her", "him", "them", "their"})


def teller(word: str, tellers: frozenset[str]) -> bool:
    """Whether word is someone close who tells the person things ("neighbour", "mam's" as in "at my mam's")."""
    word = word[:-2] if word.endswith("'s") else word
    return word in tellers or "-" in word and word.rsplit("-", 1)[1] in tellers  # "room-mate", "step-mum"


def helper_before(words: list[str], k: int, reach: int = 10) -> bool:
    """Whether the pronoun at words[k] stands for someone close named just before ("I went over to my mam's for
    dinner and she told me"): "my" and a teller in the words before, with no other pronoun between."""
    for p in range(k - 1, max(0, k - reach) - 1, -1):
        if words[p] in OTHER_SIDE:
            return False
        if p > 0 and "my" in words[max(0, p - 2):p] and teller(words[p], vocab.words("when_tellers")):
            return True  # "my mam", "my room mate", "my best friend"
    return False
