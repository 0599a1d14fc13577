"""When it happened: date, time, whether hedged, part of the day.

Resolved against the moment the account was recorded, following the
conventions table in the evaluation README. Our own rules come first;
dateparser only reads explicit day-and-month phrases ("14th of march").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from voicelog.extract.normalize import Clock, Normalized

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
PARTS = {"morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
         "lunchtime": "afternoon", "lunch": "afternoon", "teatime": "evening", "tonight": "night"}
CORRECTION = re.compile(r"(?:^| )(?:no|sorry|wait|actually|i mean|rather|or was it|correction|scratch that)(?: |$)")
FILLERS = {"um", "uh", "er", "erm", "ah", "like", "uhm", "hmm", "so", "well"}
HEDGES = ("about", "around", "roughly", "approximately", "approx", "just after", "just before", "gone",
          "nearly", "almost", "sometime around", "sometime", "round about", "getting on for", "shortly after",
          "just gone", "maybe", "probably", "ish")
# Times in these clauses belong to the speaker's day, not the incident.
NOT_INCIDENT = re.compile(
    r"\b(?:left work|leave work|finished work|finish work|finish|finished my shift|left the office|left home|"
    r"left the house|woke up|wake up|got up|went to bed|go to bed|what time|shift|tomorrow|next (?:week|time|day|month))\b")

_MONTH_RX = "|".join(MONTHS) + "|" + "|".join(k for k in MONTH_ABBR)
_WD_RX = "|".join(WEEKDAYS)
_PART_RX = "morning|afternoon|evening|night|lunchtime"
_NUMWORD = r"(?:\d+|an?|one|a couple of|a couple|couple of|a few|few)"
# Ordinals followed by these are "the third time", not a date.
_NOT_DATE_AFTER = frozenset(
    "time times floor new one person call calls text texts message messages number attempt go try row "
    "car house door week weeks day days month months year years".split())


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


@dataclass
class _Mention:
    i: int
    j: int
    kind: str  # "date" or "time"
    day: date | None = None
    moment: datetime | None = None  # for "N minutes ago", "just now"
    period: str | None = None
    clock: Clock | None = None  # (h, m, meridiem, bare)
    month: int | None = None  # for ordinal days, to let a correction inherit it
    ordinal: int | None = None
    dropped: bool = False


def _num(s: str) -> float:
    s = s.strip()
    if s in ("a", "an", "one"):
        return 1
    if "couple" in s:
        return 2
    if "few" in s:
        return 3
    return float(s)


def _nearest_past_day(day: int, month: int | None, ref: date) -> date | None:
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


def _dateparser_day(phrase: str, day: int, month: int, recorded_at: datetime) -> date | None:
    """Let dateparser read an explicit day-and-month phrase, checked against what we read."""
    try:
        import dateparser

        got = dateparser.parse(
            phrase,
            languages=["en"],
            settings={
                "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": recorded_at,
                "RETURN_TIME_AS_PERIOD": True,
                "REQUIRE_PARTS": ["day", "month"],
                "STRICT_PARSING": True,
            },
        )
    except Exception as exc:  # dateparser is an aid, never a point of failure
        # The exception's type only: its message or traceback could quote the account's words.
        log.debug("dateparser failed (%s)", type(exc).__name__)
        return None
    if got is None or got.day != day or got.month != month:
        return None
    d = got.date()
    if d > recorded_at.date():
        try:
            d = d.replace(year=d.year - 1)
        except ValueError:
            return None
    return d


def warm_up_dateparser() -> None:
    """Import dateparser and let it build its English tables, which it does on first use."""
    _dateparser_day("14 march", 14, 3, datetime(2026, 3, 30, 12, 0))


def _month_of(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBR.get(word)


def _date_mentions(n: Normalized, ref: datetime) -> list[_Mention]:
    out: list[_Mention] = []
    today = ref.date()

    def add(i: int, j: int, *, day: date | None, period: str | None = None, month: int | None = None,
            ordinal: int | None = None) -> None:
        out.append(_Mention(i, j, "date", day=day, period=period, month=month, ordinal=ordinal))

    for _match, i, j in n.finditer(r"\b(?:the )?day before yesterday\b"):
        add(i, j, day=today - timedelta(days=2))
    for _match, i, j in n.finditer(r"\b(?:the )?night before last\b"):
        add(i, j, day=today - timedelta(days=2), period="night")
    for m, i, j in n.finditer(rf"\byesterday(?: ({_PART_RX}))?\b"):
        add(i, j, day=today - timedelta(days=1), period=PARTS.get(m.group(1) or ""))
    for _match, i, j in n.finditer(r"\blast night\b"):
        add(i, j, day=today - timedelta(days=1), period="night")
    for m, i, j in n.finditer(rf"\b(?:today|tonight|earlier(?: today| on)?|this ({_PART_RX}))\b"):
        p = m.group(1) or ("night" if m.group(0) == "tonight" else None)
        add(i, j, day=today, period=PARTS.get(p or ""))
    for m, i, j in n.finditer(rf"\b(?:(?:last|this past|on|this) )?({_WD_RX})(?: ({_PART_RX}))?\b"):
        wd = WEEKDAYS.index(m.group(1))
        back = (today.weekday() - wd) % 7 or 7
        if n.lower[:m.start()].endswith("next "):
            continue
        add(i, j, day=today - timedelta(days=back), period=PARTS.get(m.group(2) or ""))
    for m, i, j in n.finditer(rf"\b({_NUMWORD}|a|one) (day|week|fortnight)s? ago\b"):
        k = _num(m.group(1)) * {"day": 1, "week": 7, "fortnight": 14}[m.group(2)]
        add(i, j, day=today - timedelta(days=int(k)))
    # "twenty minutes ago", "an hour and a half ago", "half an hour ago"
    rx = (rf"\b(?:(half an?|{_NUMWORD}) (minute|min|hour)s?(?: and a (half))?|(half) an hour"
          rf"|(an?) (hour) and a (half))(?: or so)? ago\b")
    for m, i, j in n.finditer(rx):
        if m.group(4):
            mins = 30.0
        elif m.group(5):
            mins = 90.0
        else:
            q = m.group(1)
            qty = 0.5 if q.startswith("half") else _num(q)
            mins = qty * (60 if m.group(2) == "hour" else 1) + (30 if m.group(3) else 0)
        moment = ref - timedelta(minutes=mins)
        out.append(_Mention(i, j, "date", day=moment.date(), moment=moment))
    for _match, i, j in n.finditer(r"\b(?:just now|a moment ago|a minute ago|moments ago|right now|"
                              r"(?<!i'd )(?<!had )(?<!she'd )(?<!he'd )(?<!we'd )just (?:had|got|received|happened))\b"):
        out.append(_Mention(i, j, "date", day=today, moment=ref))

    # explicit days: "the 14th (of march)", "march (the) 3rd", "14 march"
    words = n.words
    for k, w in enumerate(words):
        if w.kind not in ("ord", "num") or not (1 <= w.number <= 31):
            continue
        prev = [x.lower for x in words[max(0, k - 2):k]]
        nxt = [x.lower for x in words[k + 1:k + 3]]
        month, i, j = None, k, k + 1
        if nxt[:1] == ["of"] and len(nxt) > 1 and _month_of(nxt[1]):
            month, j = _month_of(nxt[1]), k + 3
        elif nxt[:1] and _month_of(nxt[0]) and nxt[0] not in ("may", "march", "mar", "jun", "jan"):
            month, j = _month_of(nxt[0]), k + 2
        elif nxt[:1] and nxt[0] in ("may", "march") and w.kind == "ord":
            month, j = _month_of(nxt[0]), k + 2
        if prev[-1:] == ["the"] and len(prev) == 2 and _month_of(prev[0]):
            month, i = _month_of(prev[0]), k - 2
        elif prev[-1:] and _month_of(prev[-1]) and (prev[-1] not in ("may", "march") or w.kind == "ord"):
            month, i = _month_of(prev[-1]), k - 1
        if month is None:
            if w.kind != "ord" or prev[-1:] != ["the"]:
                continue
            strong = len(prev) == 2 and prev[0] in ("on", "since", "from", "until", "till", "by", "was", "it's")
            if not strong and nxt[:1] and nxt[0] in _NOT_DATE_AFTER:
                continue
            if nxt[:1] and nxt[0] in _NOT_DATE_AFTER:
                continue
            i = k - 1
            add(i, j, day=_nearest_past_day(w.number, None, today), ordinal=w.number)
            continue
        phrase = " ".join(x.lower for x in words[i:j])
        d = _dateparser_day(phrase, w.number, month, ref) or _nearest_past_day(w.number, month, today)
        add(i, j, day=d, month=month, ordinal=w.number)
    out = [mention for mention in out if mention.day is not None]
    # overlapping matches: keep the longest
    out.sort(key=lambda mention: (mention.i, -(mention.j - mention.i)))
    kept: list[_Mention] = []
    for mention in out:
        if kept and mention.i < kept[-1].j:
            continue
        kept.append(mention)
    return kept


def _time_mentions(n: Normalized) -> list[_Mention]:
    return [_Mention(k, k + 1, "time", clock=w.clock) for k, w in enumerate(n.words) if w.kind == "time"]


def _gap_words(n: Normalized, a: int, b: int) -> str:
    return " ".join(w.lower for w in n.words[a:b])


def _apply_corrections(n: Normalized, ms: list[_Mention], window: int = 8) -> None:
    """'on Monday, no, Tuesday': the later of two close mentions wins."""
    for x, y in pairwise(ms):
        if y.i - x.j <= window and CORRECTION.search(" " + _gap_words(n, x.j, y.i) + " "):
            x.dropped = True
            if y.ordinal and y.month is None and x.month is not None:
                y.month = x.month
                y.day = _nearest_past_day(y.ordinal, x.month, y.day or date.max) or y.day
            if y.period is None:
                y.period = x.period


def _part_near(n: Normalized, i: int, j: int) -> str | None:
    """A part of the day said right after (or just before) a clock time."""
    after = _gap_words(n, j, j + 4)
    m = re.match(rf"(?:(?:in the|at|this|on|that|of the) )?({_PART_RX}|tonight)\b", after)
    if m:
        return PARTS[m.group(1)]
    if re.match(r"(?:am|a m)\b", after):
        return "morning"
    before = _gap_words(n, max(0, i - 4), i)
    m = re.search(rf"\b(?:this|in the|yesterday|{_WD_RX}) ({_PART_RX})\b", before)
    if m:
        return PARTS[m.group(1)]
    return None


def _resolve_hour(clock: Clock, part: str | None, day: date, ref: datetime, context: str) -> tuple[int, int]:
    h, mi, mer, _bare = clock
    if mer == "am":
        return (0 if h == 12 else h), mi
    if mer == "pm":
        return (h if h == 12 else h + 12), mi
    if h == 0 or h > 12:
        return h, mi
    if part == "morning":
        return (0 if h == 12 else h), mi
    if part in ("afternoon", "evening"):
        return (h if h == 12 else h + 12), mi
    if part == "night":
        if h == 12:
            return 0, mi
        return (h + 12, mi) if h >= 6 else (h, mi)
    if re.search(r"\b(?:after work|after school|home from work|finished work|tea ?time|dinner|pub|quiz|bar|club|"
                 r"party|gig|drinks?|night out|takeaway)\b", context):
        return (h if h == 12 else h + 12), mi
    if re.search(r"\b(?:school run|breakfast|on my way to work|before work|dropping)\b", context):
        return h % 12, mi
    if day == ref.date():
        best = None
        for cand in (h % 12, h % 12 + 12):
            if (cand, mi) <= (ref.hour, ref.minute):
                best = cand
        if best is not None:
            return best, mi
        return h % 12, mi
    if h == 12:
        return 12, mi
    return (h, mi) if h >= 7 else (h + 12, mi)


# Words about when that our rules do not resolve: with none resolved, the recording day is a guess.
UNRESOLVED = re.compile(
    rf"\b(?:last (?:week|month|weekend|year)|the other (?:day|night|week)|(?:at|over|on) the weekend|weekend|recently|"
    rf"a while (?:ago|back)|a few (?:days|weeks|nights) ago|couple of (?:days|weeks|nights) ago|several|"
    rf"the night before|the day after|the next (?:day|morning|night)|{_MONTH_RX})\b")
_PM_CONTEXT = re.compile(r"\b(?:after work|after school|home from work|finished work|tea ?time|dinner|pub|quiz|bar|club|"
                         r"party|gig|drinks?|night out|takeaway|school run|breakfast|on my way to work|before work|dropping)\b")


def _hour_by_context(clock: Clock, part: str | None, context: str) -> bool:
    """Whether something said, not a default, decided am or pm."""
    h, _mi, mer, _bare = clock
    return bool(mer or h == 0 or h > 12 or part or _PM_CONTEXT.search(context))


def _hedged(n: Normalized, i: int, j: int) -> bool:
    before = [w.lower for w in n.words[max(0, i - 5):i] if w.lower not in FILLERS - {"so"}]
    text = " ".join(before[-3:])
    after = _gap_words(n, j, j + 2)
    if re.match(r"(?:ish|or so)\b", after):
        return True
    return any(re.search(rf"\b{h}$", text) or re.search(rf"\b{h} (?:at|since|by)$", text) for h in HEDGES)


def find_when(n: Normalized, recorded_at: datetime) -> When:
    """Date, time, hedge and part of the day of the incident."""
    dates = _date_mentions(n, recorded_at)
    _apply_corrections(n, dates)
    times = _time_mentions(n) + [m for m in dates if m.moment is not None]
    times.sort(key=lambda m: m.i)
    _apply_corrections(n, times)

    live_dates = [m for m in dates if not m.dropped]
    dm = live_dates[0] if live_dates else None
    # every date mention kept by _date_mentions has a day
    day = dm.day if dm is not None and dm.day is not None else recorded_at.date()
    date_source = n.source(dm.i, dm.j) if dm else ""

    live_times = []
    prev_end = 0
    for m in times:
        start, prev_end = max(0, m.i - 8, prev_end), m.j
        if m.dropped:
            continue
        # the clause before this time, back to the previous time: "left work at five and at half five he was..."
        ctx = _gap_words(n, start, m.i)
        if m.clock is not None and NOT_INCIDENT.search(ctx):
            continue
        live_times.append(m)
    unsure: set[str] = set()
    if any(m.dropped for m in dates):
        unsure.add("date")  # a self-correction: the correction wins, but the person should see it
    if any(m.dropped for m in times):
        unsure.add("time")
    if dm is None and UNRESOLVED.search(n.lower):
        unsure.add("date")
    if len({m.day for m in live_dates}) > 1:
        unsure.add("date")
    clocks = {m.clock[:3] for m in live_times if m.clock is not None}
    if len(clocks) > 1:
        unsure.add("time")  # several times: we took the first one not about the person's own day
    # the incident's time is on the incident's day: skip ago-forms of another mention
    time_str, approx, time_source = None, False, ""
    tm = live_times[0] if live_times else None
    if tm is not None:
        if tm.moment is not None:
            moment = tm.moment.replace(second=0, microsecond=0)
            if dm is None or dm is tm or not live_dates or live_dates[0].moment is not None:
                day = moment.date()
            time_str, approx = f"{moment.hour:02d}:{moment.minute:02d}", True
            if dm is None or dm.moment is not None:
                date_source = n.source(tm.i, tm.j)
        else:
            clock = tm.clock
            assert clock is not None, "a mention without a moment is a time token's, which has a clock"
            part = _part_near(n, tm.i, tm.j) or (dm.period if dm else None)
            context = _gap_words(n, max(0, tm.i - 10), tm.j + 6)
            h, mi = _resolve_hour(clock, part, day, recorded_at, context)
            time_str = f"{h:02d}:{mi:02d}"
            if not _hour_by_context(clock, part, context):
                unsure.add("time")
            approx = _hedged(n, tm.i, tm.j)
        time_source = n.source(tm.i, tm.j)

    period = None
    if time_str is None:
        period = dm.period if dm else None
        if period is None:
            period = _free_period(n, dates)
    if dm is None and time_str is not None and tm is not None and tm.moment is None \
            and time_str > recorded_at.strftime("%H:%M"):
        unsure.add("date")  # a time later than the recording, with no day said: today or an earlier day?
    return When(day.isoformat(), time_str, approx, period, date_source, time_source,
                tuple(f for f in ("date", "time") if f in unsure))


def _free_period(n: Normalized, dates: list[_Mention]) -> str | None:
    """A part of the day said on its own: "in the evening", "at lunchtime", "all morning"."""
    taken = [(m.i, m.j) for m in dates]
    rx = (rf"\b(?:(?:in|during) the middle of the (night)|(?:in|during) the ({_PART_RX})|at (night)|"
          rf"at (lunch(?:time)?)|all ({_PART_RX})|(overnight)|(lunchtime)|in the early hours)\b")
    for m, i, _end in n.finditer(rx):
        if any(a <= i < b for a, b in taken):
            continue
        g = next((x for x in m.groups() if x), None)
        if g is None:
            return "night"
        if g == "overnight":
            return "night"
        return PARTS.get(g, PARTS.get(g.replace("time", ""), None) or "afternoon")
    return None
