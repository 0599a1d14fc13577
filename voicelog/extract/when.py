"""When it happened: date, time, whether hedged, part of the day.

Resolved against the moment the account was recorded, following the conventions table in the evaluation README, by
named rules (:mod:`voicelog.extract.rules`; the ones that decided go into ``When.rules``). Our own rules find the
date phrases; dateparser reads the explicit ones: "the 14th of March" (``PREFER_DATES_FROM='past'``,
``RELATIVE_BASE``, ``REQUIRE_PARTS``, ``STRICT_PARSING``) and dates written in digits (``DATE_ORDER='DMY'``: day
first as in the UK, and month first when day first is impossible, ``03/25/2026``; it replaced our own ordering and
two-digit-year code). A date said but not understood is never silently the recording day: the date is marked for
checking. Which time is the incident's, and am or pm, is :mod:`voicelog.extract.clock`'s; word lists are the
``when_*`` vocab files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from voicelog.extract import clock, vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_alternatives import ALTERNATIVES, apply_alternatives
from voicelog.extract.when_ampm import EVENING_BEFORE, SMALL_HOURS_END, TONIGHT_BEFORE
from voicelog.extract.when_choose import (
    DATE_CORRECTION,
    NOW_IS_A_STATE,
    NOW_SAID,
    TIME_CORRECTION,
    TODAY_SAID,
    TOLD_LATER,
    TOLD_LATER_DATE,
    Mention,
    apply_corrections,
    apply_told_later,
    choose_day,
    count_back_from_said_now,
    near,
    said_as_today,
    says_now,
    since,
)
from voicelog.extract.when_days import DIGITS, HEARD_TEEN, HOLIDAY, SHORT_WEEKDAY
from voicelog.extract.when_days import TY_FOR_TEEN as _TY_FOR_TEEN
from voicelog.extract.when_days import count as _num
from voicelog.extract.when_days import counting_after as _counting_after
from voicelog.extract.when_days import dateparser_day as _dateparser_day
from voicelog.extract.when_days import digit_day as _digit_day
from voicelog.extract.when_days import holidays as _holidays
from voicelog.extract.when_days import nearest_past_day as _nearest_past_day
from voicelog.extract.when_days import recounted as _recounted
from voicelog.extract.when_days import starts_clause as _starts_clause
from voicelog.extract.when_days import warm_up_dateparser as warm_up_dateparser
from voicelog.extract.when_days import weekday_named_after as _weekday_named_after
from voicelog.extract.when_restated import AGO_RESTATED, apply_restated_ago, restate_days
from voicelog.extract.when_times import BACK_OF, RESTATED_HOUR, clock_words
from voicelog.extract.when_times import time_mentions as _time_mentions
from voicelog.extract.when_told import told_afterwards

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
PARTS = clock.PARTS

RECORDING_DAY = rule(
    "date.recording-day", "nothing said about the day: the day it was recorded",
    said("He was outside my house again.", "2026-03-30"),
    said("he keeps ringing me from a withheld number", "2026-03-30"))
RELATIVE_DAY = rule(
    "date.relative-day", "today, tonight, this morning, today evening, earlier, yesterday, last night, the day "
    "before yesterday, the night before last",
    said("Yesterday he rang my work.", "2026-03-29"),
    said("last night he was banging on the door", "2026-03-29"),
    said("The day before yesterday she was at the school gates.", "2026-03-28"),
    said("This morning he sent six texts.", "2026-03-30"))
WEEKDAY = rule(
    "date.weekday", "'on Tuesday', 'last Tuesday': the most recent such day before the recording day",
    said("On Tuesday he followed me home.", "2026-03-24"),
    said("on monday he followed me home", "2026-03-23"),
    said("Last Friday evening she turned up at the pub.", "2026-03-27"),
    said("He was parked by my gate again at six, the third Sunday in a row.", "2026-03-30", fires=False),
    said("every tuesday he waits outside the gym", "2026-03-30", fires=False),
    said("I'm on my own in the shop on a Saturday and just after ten he came in again.", "2026-03-30",
         fires=False))
DAYS_AGO = rule(
    "date.days-ago", "'three days ago', 'a week ago', 'a fortnight ago', 'two nights ago' (that day, at night)",
    said("Three days ago he left flowers on my car.", "2026-03-27"),
    said("a fortnight ago i found the tracker", "2026-03-16"),
    said("Four days back he slashed my tyres.", "2026-03-26"),
    said("Two nights ago about eleven he threw a stone at my window.", "2026-03-28"),
    said("So I've just got back and want to log this. A week ago today, about eight, he was at my door.",
         "2026-03-23"),
    said("a week ago yesterday he left a card on my car", "2026-03-22"))
MINUTES_AGO_DATE = rule(
    "date.minutes-ago", "'an hour ago' just after midnight is the day before",
    said("About an hour ago he was outside.", "2026-03-29", at="2026-03-30T00:20:00"))
ORDINAL_DAY = rule(
    "date.ordinal-day", "'on the 14th', 'the third': that day of this month or the last, not after the recording",
    said("On the fourth he sent a letter.", "2026-03-04"),
    said("On the 3rd he sent a letter.", "2026-03-03"),
    said("He left a note on the windscreen on the 20th.", "2026-03-20"),
    said("on the thirty first he waited by my car", "2026-01-31"),
    said("On 21st, he sent my mother a message on WhatsApp.", "2026-03-21"),
    said("On the twenty sixth, Sunday, at about two he was at my gate.", "2026-03-26"),
    said("on the twenty sixth sunday at about two he was at my gate", "2026-03-26"),
    said("That's the fourth call today, this one at ten past one.", "2026-03-30", fires=False),
    said("He sent nine texts. The earliest arrived at two in the morning.", "2026-03-30", fires=False),
    said("It's the third Sunday in a row he has parked outside.", "2026-03-30", fires=False),
    said("on the twenty first saturday in the morning he ran beside me round the park", "2026-03-21"),
    said("Another letter from him, the fourth now, it arrived Saturday.", "2026-03-28", fires=False),
    said("It was the twelfth, no, I tell a lie, the thirteenth, this lad sat down behind me on the bus.", "2026-03-13"),
    said("he sent another card it's the fourth bouquet this month", "2026-03-30", fires=False))
DAY_AND_MONTH = rule(
    "date.day-and-month", "'the 14th of March', 'March the 3rd', '2 December': that date in the past (dateparser)",
    said("On the second of December he waited by my car.", "2025-12-02"),
    said("On March the 3rd he waited by my car.", "2026-03-03"),
    said("He came to my work on 14 March.", "2026-03-14"),
    said("On the 14th of March 2025 he followed me.", "2025-03-14"),
    said("On March 14, 2026 he followed me.", "2026-03-14"))
WEEKDAY_AND_DATE = rule(
    "date.weekday-with-date", "a weekday with a date ('Saturday the 14th of March'): the date wins; when they "
    "disagree the date is kept and marked [check]",
    said("Saturday the fourteenth of March he followed me.", "2026-03-14"),
    said("On Saturday the 14th he followed me.", "2026-03-14"),
    said("On Friday the 14th he followed me.", "2026-03-14"),
    said("on saturday the fourteenth he followed me", "2026-03-14"),
    said("On Saturday he followed me home, that was the 14th of March.", "2026-03-14"))
NOT_UNDERSTOOD = rule(
    "date.not-understood", "a day said but not understood (last week, the other day, an impossible date): the "
    "recording day, marked [check]",
    said("Last week he was outside my work.", "2026-03-30"),
    said("On 31/02/2026 he followed me.", "2026-03-30"),
    said("the other day he was in the car park again", "2026-03-30"))
MINUTES_AGO = rule(
    "time.minutes-ago", "'twenty minutes ago', 'half an hour ago', 'just now': the recording time less that, "
    "approximate",
    said("About twenty minutes ago he drove past twice.", "~21:27"),
    said("Just now he shouted at me in the street.", "~21:47"),
    said("half an hour ago he knocked on my window", "~21:17"),
    said("A quarter of an hour ago he drove past my house.", "~21:32"),
    said("Just now, maybe five minutes ago, he threw a bottle at my window.", "~21:42"),
    said("I went into town and then just got the last bus back, and he was on it.", None, fires=False),
    said("At six this evening he stopped beside me, acting like he'd just been passing.", "18:00", fires=False,
         at="2026-03-30T21:00:00"))
AGO_RECOUNTED = rule(
    "time.ago-recounted", "'maybe ten minutes ago. Fifteen.': a bare count right after an 'ago' corrects it",
    said("He was hammering on the door, maybe ten minutes ago. Twenty.", "~21:27"),
    said("he tried the car door handles five minutes ago ten i'm still shaking", "~21:37"))

_MONTH_RX = "|".join(MONTHS) + "|" + "|".join(k for k in MONTH_ABBR)
_WD_RX = "|".join(WEEKDAYS)
_SHORT_DAYS = {w: next(k for k, d in enumerate(WEEKDAYS) if d.startswith(w[:3])) for w in vocab.words("when_abbreviated_days")}
_SHORT_RX = "|".join(sorted(_SHORT_DAYS, key=len, reverse=True))
_PART_RX = "morning|afternoon|evening|night|lunchtime|arvo"
_NUMWORD = r"(?:\d+|an?|one|a couple of|a couple|couple of|a few|few)"


@cache
def _unresolved() -> re.Pattern[str]:
    """Words about when that the rules do not resolve (vocab ``when_unresolved``), and month names on their own."""
    items = sorted(vocab.entries("when_unresolved"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(x) for x in items) + "|" + _MONTH_RX + r")\b")


@dataclass(frozen=True)
class When:
    """What an account says about when."""

    date: str | None = None
    time: str | None = None
    approximate: bool = False
    period: str | None = None
    date_source: str = ""
    time_source: str = ""
    unsure: tuple[str, ...] = ()
    """"date" and/or "time" when a default or a guess decided them, so the person should check."""
    rules: tuple[tuple[str, str], ...] = ()
    """(field, rule name) for each rule (:mod:`voicelog.extract.rules`) that decided the date or the time."""


def _month_of(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBR.get(word)


def _date_mentions(n: Normalized, ref: datetime) -> tuple[list[Mention], bool]:
    """The date phrases of an account, and whether one was said that no rule could read."""
    out: list[Mention] = []
    today = ref.date()
    lost = False

    def add(i: int, j: int, *, day: date | None, how: str, period: str | None = None, month: int | None = None,
            ordinal: int | None = None, weekday: int | None = None) -> None:
        out.append(Mention(i, j, "date", day=day, period=period, month=month, ordinal=ordinal, rule=how,
                            weekday=weekday))

    for m, i, j in n.finditer(rf"\b(?:the )?day before yesterday(?: ({_PART_RX}))?\b"):
        add(i, j, day=today - timedelta(days=2), period=PARTS.get(m.group(1) or ""), how=RELATIVE_DAY)
    for _match, i, j in n.finditer(r"\b(?:the )?night before last\b"):
        add(i, j, day=today - timedelta(days=2), period="night", how=RELATIVE_DAY)
    for m, i, j in n.finditer(rf"\byesterday(?: ({_PART_RX}))?\b"):
        add(i, j, day=today - timedelta(days=1), period=PARTS.get(m.group(1) or ""), how=RELATIVE_DAY)
    for i, j, day in _holidays(n, today):
        add(i, j, day=day, how=HOLIDAY)
    for _match, i, j in n.finditer(r"\blast night\b"):
        add(i, j, day=today - timedelta(days=1), period="night", how=RELATIVE_DAY)
    for m, i, j in n.finditer(rf"\b(?:today(?: (?:early |late )?({_PART_RX}))?|tonight|(?:earlier )?this ({_PART_RX})|"
                              r"earlier(?: today| on)?)\b"):  # "today evening", as said in South Asian English
        p = m.group(1) or m.group(2) or ("night" if m.group(0) == "tonight" else None)
        add(i, j, day=today, period=PARTS.get(p or ""), how=RELATIVE_DAY)
    for m, i, j in n.finditer(rf"\b(?:(?:last|this past|on|this) )?({_WD_RX})(?: ({_PART_RX}))?\b"):
        wd = WEEKDAYS.index(m.group(1))
        back = (today.weekday() - wd) % 7 or 7
        if n.lower[:m.start()].endswith("next "):
            continue
        if m.group(0) == m.group(1) + (" " + m.group(2) if m.group(2) else "") and i > 0 and (
                n.words[i - 1].kind == "ord" or n.words[i - 1].lower in ("every", "each", "a")):
            continue  # "the fifth Saturday in a row", "every Friday", "on a Friday": counting or a habit (date.weekday)
        add(i, j, day=today - timedelta(days=back), period=PARTS.get(m.group(2) or ""), how=WEEKDAY, weekday=wd)
    for m, i, j in n.finditer(rf"\b(?:(?:last|this past|on) )?({_SHORT_RX})(?: ({_PART_RX}))?\b"):
        at_day = j - 1 if m.group(2) is None else j - 2
        then = n.words[at_day + 1] if at_day + 1 < len(n.words) else None
        written = n.words[at_day].text[:1].isupper() and (
            n.punct_after(at_day) or then is not None and then.kind in ("time", "ord"))
        if not (m.group(2) or written or at_day > i and n.words[at_day].text[:1].isupper()):
            continue  # "he sat there", "Sat in my car": a short day needs a part of the day, "on", or a comma
        wd = _SHORT_DAYS[m.group(1)]
        back = (today.weekday() - wd) % 7 or 7
        add(i, j, day=today - timedelta(days=back), period=PARTS.get(m.group(2) or ""), how=SHORT_WEEKDAY, weekday=wd)
    for m, i, j in n.finditer(rf"\b({_NUMWORD}|a|one) (day|week|fortnight|night|evening)s? (?:ago|back)"
                              r"(?: (today|tonight|yesterday))?\b"):
        k = _num(m.group(1)) * {"week": 7, "fortnight": 14}.get(m.group(2), 1)  # "two nights ago": two days
        k += 1 if m.group(3) == "yesterday" else 0  # "a week ago today" is a week ago; "... yesterday" a day more
        add(i, j, day=today - timedelta(days=int(k)), how=DAYS_AGO,
            period=PARTS.get(m.group(2)) or ("night" if m.group(3) == "tonight" else None))
    # "twenty minutes ago", "an hour and a half ago", "half an hour ago", "ten minutes back"
    rx = (rf"\b(?:(half an?|{_NUMWORD}) (minute|min|hour)s?(?: and a (half))?|(half) an hour"
          rf"|(an?) (hour) and a (half)|(?:a )?(quarter) of an hour)(?: or so)? "
          r"(?:ago|back(?! (?:to|home|from|down|up|at|in|into|on|the|there|here|out)\b))\b")
    for m, i, j in n.finditer(rx):
        if m.group(8):
            mins = 15.0
        elif m.group(4):
            mins = 30.0
        elif m.group(5):
            mins = 90.0
        else:
            q = m.group(1)
            qty = 0.5 if q.startswith("half") else _num(q)
            mins = qty * (60 if m.group(2) == "hour" else 1) + (30 if m.group(3) else 0)
        how = MINUTES_AGO
        if m.group(2) in ("minute", "min") and _recounted(n, j):  # "ten minutes ago. Fifteen."
            mins, j, how = float(n.words[j].number), j + 1, AGO_RECOUNTED
        moment = ref - timedelta(minutes=mins)
        out.append(Mention(i, j, "date", day=moment.date(), moment=moment, rule=how))
    ago = [m.i for m in out if m.moment is not None] + clock_words(n)
    for match, i, j in n.finditer(r"\b(?:just now|a moment ago|a minute ago|moments ago|right now|(?<!i'd )(?<!had )"
                                  r"(?<!she'd )(?<!he'd )(?<!we'd )(?<!then )(?<!and )just (?:had|got(?! (?:back|home|in|off|out|up)\b)|"
                                  r"received|happened(?! to\b)))\b"):
        if any(0 < k - j <= 12 and not any(n.punct_after(x) in (".", "!", "?") for x in range(j - 1, k)) for k in ago):
            continue  # "just now, about ten minutes ago", "just had a text at 4.30": the closer reading wins
        if match.group(0) == "right now" and ago:
            continue  # "I'm in the car park right now ... I saw him ten minutes ago": the state now (time.now-is-a-state)
        if any(w.lower in vocab.words("when_recording_acts") for w in n.words[j:j + 2]):
            continue  # "I'm just now logging this": the recording, not the incident (time.just-now-is-the-recording)
        out.append(Mention(i, j, "date", day=today, moment=ref, rule=MINUTES_AGO))

    # explicit days: "the 14th (of march)", "march (the) 3rd", "14 march", "12/03/2026"
    words = n.words
    for k, w in enumerate(words):
        if w.kind == "date":
            first, second, year = w.digits
            d = _digit_day(w.text, first, second, year, ref)
            lost = lost or d is None
            add(k, k + 1, day=d, how=w.rule or DIGITS)
            continue
        if w.kind not in ("ord", "num"):
            continue
        day_said = w.number
        heard_ty = w.kind == "ord" and day_said in _TY_FOR_TEEN and k > 0 and words[k - 1].lower == "the"
        if heard_ty:  # "the 40th": Whisper's "the fourteenth" (find_when marks it for checking)
            day_said = _TY_FOR_TEEN[day_said]
        if not 1 <= day_said <= 31:
            continue
        prev = [x.lower for x in words[max(0, k - 2):k]]
        nxt = [x.lower for x in words[k + 1:k + 3]]
        month, i, j = None, k, k + 1
        if nxt[:1] == ["of"] and len(nxt) > 1 and _month_of(nxt[1]):
            month, j = _month_of(nxt[1]), k + 3
        elif nxt[:1] and _month_of(nxt[0]) and nxt[0] not in ("may", "march", "mar", "jun", "jan"):
            month, j = _month_of(nxt[0]), k + 2
        elif nxt[:1] and nxt[0] in ("may", "march") and (w.kind == "ord" or words[k + 1].text[:1].isupper()):
            month, j = _month_of(nxt[0]), k + 2
        if prev[-1:] == ["the"] and len(prev) == 2 and _month_of(prev[0]):
            month, i = _month_of(prev[0]), k - 2
        elif prev[-1:] and _month_of(prev[-1]) and (prev[-1] not in ("may", "march") or w.kind == "ord"
                                                   or words[k - 1].text[:1].isupper()):
            month, i = _month_of(prev[-1]), k - 1
        if month is None:
            after_weekday = w.kind == "ord" and prev[-1:] and prev[-1] in WEEKDAYS
            on_alone = prev[-1:] == ["on"] and _starts_clause(n, k - 1)  # "On twentieth, ...", not "on Fourth"
            if w.kind != "ord" or (prev[-1:] != ["the"] and not on_alone and not after_weekday):
                continue
            if nxt[:1] and (_counting_after(n, k) or nxt[0] in vocab.words("where_streets")) \
                    and not _weekday_named_after(n, k) or k + 1 < len(words) and words[k + 1].kind == "num" \
                    and words[k + 1].number == 1:
                continue  # "the third Sunday in a row", "the third today", "the first one": counting (date.ordinal-day)
            i = k - 1 if prev[-1:] in (["the"], ["on"]) else k
            d = _nearest_past_day(day_said, None, today)
            lost = lost or d is None
            add(i, j, day=d, ordinal=day_said, how=HEARD_TEEN if heard_ty else ORDINAL_DAY)
            continue
        said_year = words[j] if j < len(words) and words[j].kind == "num" and 1990 <= words[j].number <= 2100 \
            else None
        if said_year is not None:  # "the 14th of March 2025", "March 14, 2026": the year said
            j += 1
            try:
                d = date(said_year.number, month, day_said)
            except ValueError:
                d = None
        else:
            phrase = " ".join(x.lower for x in words[i:j])
            d = _dateparser_day(phrase, day_said, month, ref) or _nearest_past_day(day_said, month, today)
        lost = lost or d is None
        add(i, j, day=d, month=month, ordinal=day_said, how=HEARD_TEEN if heard_ty else DAY_AND_MONTH)
    out = _weekday_with_date([mention for mention in out if mention.day is not None and not since(n, mention.i)], n)
    out.sort(key=lambda mention: (mention.i, -(mention.j - mention.i)))  # overlapping matches: keep the longest
    kept: list[Mention] = []
    for mention in out:
        if kept and mention.i < kept[-1].j:
            continue
        kept.append(mention)
    return kept, lost


def _weekday_with_date(ms: list[Mention], n: Normalized) -> list[Mention]:
    """"Saturday the 14th (of March)", "on Saturday, that was the 14th": one mention with the date's day, flagged
    when the weekday is not that date's."""
    explicit = [m for m in ms if m.rule in (ORDINAL_DAY, DAY_AND_MONTH, DIGITS)]
    out = []
    for m in ms:
        d = None if m.weekday is None else next((x for x in explicit if x.i >= m.j and _names_the_day(n, m.j, x.i)), None)
        if d is not None and d.day is not None:
            out.append(Mention(m.i, d.j, "date", day=d.day, period=m.period, month=d.month, ordinal=d.ordinal,
                                rule=WEEKDAY_AND_DATE, clash=d.day.weekday() != m.weekday))
        out.append(m)
    return out


def _names_the_day(n: Normalized, a: int, b: int) -> bool:
    """Whether a date starting at words[b] names the weekday ending at words[a]: right after it ("Saturday the
    14th", "Saturday, on the 14th") or a few words on after "was" ("Saturday he came, that was the 14th")."""
    between = [w.lower for w in n.words[a:b]]
    if between[-1:] == ["the"]:
        between.pop()
    return between in ([], ["on"]) or (0 < len(between) <= 6 and between[-1] in ("was", "being"))


def find_when(n: Normalized, recorded_at: datetime) -> When:
    """Date, time, hedge and part of the day of the incident."""
    dates, lost = _date_mentions(n, recorded_at)
    today_said = [m for m in dates if said_as_today(n, m, recorded_at.date())]  # "It's Monday." (date.today-said-as-now)
    dates = [m for m in dates if all(m is not t for t in today_said)]
    apply_corrections(n, dates)
    times = _time_mentions(n) + [m for m in dates if m.moment is not None]
    times.sort(key=lambda m: m.i)
    times, now_said = count_back_from_said_now(n, times, recorded_at)
    apply_corrections(n, times)
    corrected = any(m.dropped for m in times)
    apply_told_later(n, [*dates, *(m for m in times if m.moment is None)])
    alternatives = apply_alternatives(n, times)
    restated_ago = apply_restated_ago(n, times)
    used: list[tuple[str, str]] = ([("date", TODAY_SAID)] if today_said else []) + restate_days(n, dates) \
        + told_afterwards(n, times)  # "... The head rang me at two to check": when the person heard
    unsure: set[str] = set()

    live_times = [m for m in times if not m.dropped]
    spans = [(m.i if m.score_from is None or clock.score(n, m.score_from, m.j) <= clock.score(n, m.i, m.j)
              else m.score_from, m.j, m.clock is not None) for m in live_times]  # a correction: the better clause
    pick, by_rule = clock.incident_time(n, spans)
    tm = live_times[pick] if pick is not None else None
    if tm is not None and tm.clock is not None and says_now(n, tm.i) and any(
            d.day is not None and d.day < recorded_at.date() for d in dates if not d.dropped):
        tm, now_said = None, True  # "it's ten to six ... somebody slashed them sometime last night": now, not then

    live_dates = [m for m in dates if not m.dropped]
    dm, day_rules = choose_day(n, live_dates, tm, recorded_at.date(), lambda m: clock.score(n, m.i, m.j) >= 0)
    # every date mention kept by _date_mentions has a day
    day = dm.day if dm is not None and dm.day is not None else recorded_at.date()
    date_source = n.source(dm.i, dm.j) if dm else ""
    if dm is not None:
        used.append(("date", dm.rule if dm.moment is None else MINUTES_AGO_DATE))
        if dm.clash or day > recorded_at.date() or dm.rule == HEARD_TEEN:
            unsure.add("date")  # a weekday that is not the date's, a date after the recording, or a guessed hearing
    used += [("date", r) for r in day_rules]
    if any(m.told and m.moment is None for m in dates):
        used.append(("date", TOLD_LATER_DATE))
    if any(m.told for m in times):
        used.append(("time", TOLD_LATER))
    if any(m.dropped and not m.told for m in dates):
        unsure.add("date")  # a self-correction: the correction wins, but the person should see it
        used.append(("date", DATE_CORRECTION))
    if lost:
        unsure.add("date")  # a date said that no rule could read: never silently another day
    if dm is None and (lost or _unresolved().search(n.lower)):
        unsure.add("date")
        used.append(("date", NOT_UNDERSTOOD))
    elif dm is None:
        used.append(("date", RECORDING_DAY))
    if len({m.day for m in live_dates}) > 1:
        unsure.add("date")

    if corrected:
        unsure.add("time")
        used.append(("time", TIME_CORRECTION))
    if alternatives:
        used += [("time", alternatives)] + [("time", m.rule) for m in times if m.dropped and m.rule == RESTATED_HOUR]
    if now_said:
        used.append(("time", NOW_SAID))
    if restated_ago:
        used.append(("time", AGO_RESTATED))
    if tm is not None and "right now" in n.lower and n.source(tm.i, tm.j).lower() != "right now":
        used.append(("time", NOW_IS_A_STATE))
    if by_rule:
        used.append(("time", clock.INCIDENT_TIME))
    if pick is not None:
        used += [("time", r) for r in clock.deciding_rules(n, spans, pick)]
    if len({m.clock[:3] for m in live_times if m.clock is not None}) > 1:
        unsure.add("time")  # several times: the person should check we took the incident's
    time_str, approx, time_source = None, False, ""
    if tm is not None:
        if tm.moment is not None:
            moment = tm.moment.replace(second=0, microsecond=0)
            if dm is None or dm is tm or not live_dates or live_dates[0].moment is not None:
                day = moment.date()
            time_str, approx = f"{moment.hour:02d}:{moment.minute:02d}", True
            used += [("time", MINUTES_AGO)] + ([("time", AGO_RECOUNTED)] if tm.rule == AGO_RECOUNTED else [])
            if dm is None or dm.moment is not None:
                date_source = n.source(tm.i, tm.j)
        else:
            time_str, approx = _clock_time(n, tm, dm, live_dates, times, day, recorded_at, used, unsure)
            approx = approx or alternatives == ALTERNATIVES or restated_ago  # "two hours ago, so quarter to eight": a reckoning
            if approx:
                used.append(("time", clock.HEDGED))
        time_source = n.source(tm.i, tm.j)

    period = None
    if time_str is None:
        period = next((d.period for d in live_dates if dm is not None and d.day == dm.day and d.period), None)
        if period is None:
            period = clock.free_period(n, [(m.i, m.j) for m in dates])
    if dm is not None and dm.rule == RELATIVE_DAY and dm.moment is None and dm.day == recorded_at.date() \
            and dm.period != "morning" and time_str is not None and tm is not None and tm.moment is None \
            and recorded_at.hour < SMALL_HOURS_END and "12:00" <= time_str and time_str > recorded_at.strftime("%H:%M"):
        day -= timedelta(days=1)  # "tonight at half eleven", recorded at twenty past midnight: the evening before
        used.append(("date", TONIGHT_BEFORE))
    if dm is None and time_str is not None and tm is not None and tm.moment is None \
            and time_str > recorded_at.strftime("%H:%M"):
        unsure.add("date")  # a time later than the recording, with no day said: today or an earlier day?
        if recorded_at.hour < SMALL_HOURS_END and time_str >= "12:00":
            day -= timedelta(days=1)  # "ten to eleven", recorded at twenty past midnight: the evening before
            used.append(("date", EVENING_BEFORE))
    return When(day.isoformat(), time_str, approx, period, date_source, time_source,
                tuple(f for f in ("date", "time") if f in unsure), tuple(used))


def _clock_time(n: Normalized, tm: Mention, dm: Mention | None, dates: list[Mention], times: list[Mention], day: date,
                ref: datetime, used: list[tuple[str, str]], unsure: set[str]) -> tuple[str, bool]:
    """The 24-hour time of the incident's clock mention tm on day, and whether it was hedged; adds the rules that
    decided to used and "time" to unsure when nothing said am or pm."""
    said_clock = tm.clock
    assert said_clock is not None, "a mention without a moment is a time token's, which has a clock"
    context = clock.context(n, tm.i, tm.j)
    said_part, set_aside = clock.part_not_after_recording(n, tm.i, tm.j, said_clock, day, ref)
    used += [("time", clock.PART_BEFORE_NOT_LATER)] if set_aside else []
    part = said_part or tm.period or next(
        (d.period for d in sorted(dates, key=lambda d: abs(d.i - tm.i)) if d.period and near(n, d, tm, reach=8)),
        None)
    if part is None and not clock.context_part(context):  # what is said near the time beats a far day's part
        part = next((d.period for d in dates if dm is not None and d.day == dm.day and d.period), None)
    if clock.heard_night(n, tm.j):
        used.append(("time", clock.HEARD_NIGHT))
    h, mi, how = clock.resolve_hour(said_clock, part, day, ref, context)
    if how in (clock.LATEST_NOT_AFTER, clock.DAYTIME_DEFAULT):
        later = clock.after_earlier_times(n, tm.i, [m for m in times if not m.dropped and m.clock is not None
                                                    and m.i < tm.i and not any(m.j <= d.i < tm.i for d in dates)],
                                          (h, mi), day, ref)
        if later is not None:
            h, how = later, clock.NARRATIVE_ORDER
    used += [("time", r) for r in (tm.rule, how) if r]
    if not clock.said_am_or_pm(said_clock, part, context):
        unsure.add("time")
    if clock.found_on_arrival(n, tm.i):
        used.append(("time", clock.FOUND_ON_ARRIVAL))
    approx = tm.rule == BACK_OF or clock.hedged(n, tm.i, tm.j) or any(
        m.dropped and m.clock is not None and 0 <= tm.i - m.j <= 8 and clock.hedged(n, m.i, m.j) for m in times)
    return f"{h:02d}:{mi:02d}", approx
