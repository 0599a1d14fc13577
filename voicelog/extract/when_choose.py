"""Which of the dates and times an account says is the incident's, for :mod:`voicelog.extract.when`.

An account often says several days and times: history before the incident
("it started in August ... but tonight ..."), the person's own day, a reason
("because he came on Sunday"), a span ("cancel it from Friday"), a
self-correction ("Friday, nae, Saturday"), alternatives ("four, half four
maybe") or a clock said as the present ("It's ten past two. About an hour ago
..."). The named rules here set the others aside; :mod:`voicelog.extract.clock`
scores the clock times by their clauses. Word lists are the ``when_*`` vocab
files (``when_corrections``, ``when_bounds``, ``when_reasons``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from voicelog.extract import clock, vocab
from voicelog.extract.normalize import Clock, Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_days import OTHER_SIDE, TELLER_REACH, helper_before, teller
from voicelog.extract.when_days import corrections as _corrections
from voicelog.extract.when_days import nearest_past_day as _nearest_past_day
from voicelog.extract.when_quoted import IN_THEIR_WORDS, in_their_words

DATE_CORRECTION = rule(
    "date.self-correction", "'on Monday, no, Tuesday': the later of two close days wins (marked [check])",
    said("On Monday, no, Tuesday, he was at the gym.", "2026-03-24"),
    said("On the fifth, sorry, the sixth of March he rang.", "2026-03-06"),
    said("It was Tuesday the 3rd, no, Wednesday the 4th of March.", "2026-03-04"),
    said("Thursday, naw, it was Friday, he was at the chippy.", "2026-03-27"),
    said("sunday nae it was saturday he kicked my gate on his way past", "2026-03-28"))
TIME_CORRECTION = rule(
    "time.self-correction", "'at seven, no wait, quarter past seven': the later of two close times wins",
    said("At seven, no wait, quarter past seven he followed me.", "19:15"),
    said("This evening at six, no, half six, he followed me.", "18:30"),
    said("Tonight about eight, no, eight fifteen, he messaged me.", "~20:15"),
    said("Tonight at about quarter to nine, nah, nearer nine, he was at the window.", "~21:00"),
    said("at six i tell a lie half six he was by the gate", "18:30"),
    said("I left at five, and then on the stairs, this was, what, ten past five, no, more like twenty past, he was "
         "blocking the way.", "~17:20"),
    said("Four-ish, no, I'd done the school run by then, so more like half four, he pulled up behind "
         "me.", "~16:30"),
    said("Today at roughly quarter past seven in the evening, no, sorry, nearer to eight, he took my keys.", "~20:00"),
    said("yesterday at half two well twenty to three he grabbed my bag", "14:40"))
NOW_SAID = rule(
    "time.counted-from-said-now", "a clock said as the present ('It's ten past two. About an hour ago he ...', "
    "'I'm recording this at two', 'It's twenty past two. Sorry, quarter past.') is not the incident's; an 'ago' counts "
    "back from the recording as agreed, or from the clock said when the two are more than twenty minutes apart (a "
    "recording made earlier and stored later; up to an hour after 'it's just gone one' still agrees)",
    said("It's one twenty in the morning. About half an hour ago he was kicking my door.", "~00:54",
         at="2026-03-31T01:24:00"),
    said("It's one twenty in the morning. About half an hour ago he was kicking my door.", "~00:50",
         at="2026-03-31T09:00:00"),
    said("its just gone eleven about an hour ago he was outside my window", "~22:08", at="2026-03-30T23:08:00"),
    said("It's, um, coming up to half four. Twenty minutes ago he was banging on the shutter.", "~16:10",
         at="2026-03-30T16:30:00"),
    said("Logging this now, ten past nine. About an hour ago he rang the bell and ran.", "~20:15",
         at="2026-03-30T21:15:00"),
    said("It's like just past midnight now. At about ten to eleven he was kicking the gate.", "~22:50",
         at="2026-03-31T00:15:00"),
    said("It's gone eleven at night and I've had nine calls from him since half eight.", "20:30",
         at="2026-03-30T23:10:00"),
    said("I'm logging this at about three in the morning. At one on the dot he began ringing the landline.", "01:00",
         at="2026-03-31T03:10:00"),
    said("It's twenty past two. Sorry, quarter past. He keeps kicking the door. Since half one.", "01:30",
         at="2026-03-31T02:16:00"),
    said("It's just gone one. About ten minutes ago his cousin messaged me saying he saw me in town.", "~01:20",
         at="2026-03-31T01:30:00"),
    said("It's almost midnight. Twenty minutes ago someone rang my doorbell and ran off.", "~23:35",
         at="2026-03-30T23:55:00"))
NOW_IS_A_STATE = rule(
    "time.now-is-a-state", "'right now' says where things stand, not when they happened: another time in the account "
    "('I'm in the car park right now, he pulled in about ten minutes ago') dates the incident",
    said("I'm sat in the car park right now and I'm sure that's his van, he pulled in about ten minutes ago.",
         "~21:37"),
    said("right now i'm hiding in the toilets because at nine he walked into the bar", "21:00"))
SINCE_DATE = rule(
    "date.since-is-not-the-day", "a date after 'since' starts something still going on, not the incident",
    said("He has been texting me every day since the 2nd of March, and today he came to my work.", "2026-03-30",
         fires=False),
    said("ever since the fourth he has been calling me", "2026-03-30", fires=False))
SPAN_BOUND = rule(
    "date.span-bound-is-not-the-day", "a day after 'from', 'until', 'starting', 'as of', 'by' bounds a span "
    "('the gym cancelled my membership from Friday'), not the incident's day, when another day is said",
    said("Someone rang the gym on Tuesday pretending to be me and froze my membership until Friday.", "2026-03-24"),
    said("he told the gym to freeze my membership from friday and he rang them on monday", "2026-03-23"),
    said("This is from Saturday evening, I went to lock the garage about eight and the lock was glued, and my "
         "neighbour says a man was hanging about earlier.", "2026-03-28", fires=False))
DEADLINE = rule(
    "date.deadline-is-not-the-day", "a weekday after 'by' is a deadline ('he says I'm to leave his things on the step "
    "by Friday'), never the day something happened, even when no other day is said (vocab when_deadlines)",
    said("About an hour ago his sister rang and said I'm to leave his things on the step by Friday.", "2026-03-30"),
    said("he texted at six saying he wants the money by monday", "2026-03-30"))
ACCOUNT_IS_ABOUT = rule(
    "date.account-is-about", "'This is about Saturday', 'It's about Tuesday': the day the account says it is about "
    "wins over days said along the way (a phone call this morning, a reference 'of the ninth'; vocab when_framing)",
    said("I rang the police this morning and got a reference. It's about Saturday: he sat outside my house all "
         "afternoon.", "2026-03-28"),
    said("this morning i spoke to my solicitor this is about tuesday he followed me from the station", "2026-03-24"))
REASON_IS_HISTORY = rule(
    "date.reason-is-history", "a day said in a reason ('because he came round on Sunday shouting') after the "
    "incident's time is history, not the incident's day",
    said("My bins were set on fire at about three in the night. It has to be him, because on Saturday he told me "
         "I'd be sorry.", "2026-03-30", at="2026-03-30T08:00:00"))
TODAY_AFTER_HISTORY = rule(
    "date.today-after-history", "history first, then 'but tonight ...', 'today is why I'm ringing': today wins over "
    "the days of the history",
    said("Back in the spring he sent letters to my mum, and on the 5th he left a note on my car. But this afternoon "
         "he was waiting outside my work.", "2026-03-30"),
    said("last tuesday he sent flowers but this morning he was waiting at my car", "2026-03-30"))
DAY_OF_THE_TIME = rule(
    "date.day-of-the-incident-time", "of several days, the one said with the incident's time wins ('Yesterday I "
    "went to the cinema ... and this morning at seven he texted me about it')",
    said("On Saturday my sister and I did a car boot sale, and on Sunday at ten he posted a photo of our stall.",
         "2026-03-29"),
    said("on saturday i went to a wedding and on sunday at ten he turned up at my flat", "2026-03-29"),
    said("On the 21st, so the Saturday, at about ten he turned up at my flat.", "2026-03-21", fires=False),
    said("he said see you today that was about six and he drove off", "2026-03-30", fires=False))


TOLD_LATER = rule(
    "time.told-later", "someone close telling the person about what happened ('My auntie phoned at seven. She "
    "says he knocked at hers around lunch'): the time of the telling is not the incident's; what they told dates it",
    said("My aunt phoned me at seven. She says he was outside her work this afternoon wanting my new address.", None),
    said("Just had a call from my grandad, he says she went round to his today wanting to know where I am.", None),
    said("my mum phoned me at eight and said he was outside her house this morning", None,
         at="2026-03-30T21:00:00"),
    said("Twenty minutes ago my sister rang, she said he's been outside her flat since six.", "18:00"),
    said("My brother rang me at six because he was outside my brother's house and wouldn't go.", "18:00",
         fires=False),
    said("His sister rang me at eight and said he was outside my work all afternoon.", "20:00", fires=False),
    said("My mum rang me at seven and said he wants the money by Friday.", "19:00", fires=False))
TOLD_LATER_DATE = rule(
    "date.told-later", "the day someone close told the person ('My neighbour told me this morning that he was in my "
    "garden yesterday') is not the incident's: the day in what they told wins",
    said("My neighbour told me this morning that he was in my garden yesterday.", "2026-03-29"),
    said("my cousin told me today that on saturday he was asking about me at the club", "2026-03-28"),
    said("My neighbour, Mrs Pennington, told me on Sunday that he was in my garden on Friday night.", "2026-03-27"),
    said("i went round to my nan's on sunday for tea and she told me he'd rung her saturday morning", "2026-03-28"),
    said("The supervisor told me this morning he rang the office on Thursday asking for my rota.", "2026-03-26"))


_PART_RX = "morning|afternoon|evening|night|arvo"


@dataclass
class Mention:
    """A date or time phrase of the account, at words[i:j]."""

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
    rule: str = ""  # the rule that read it
    clash: bool = False  # a weekday said with the date that is not that date's weekday
    weekday: int | None = None  # for a weekday mention, which (0 is Monday)
    told: bool = False  # dropped as the time someone told the person (time.told-later)
    score_from: int | None = None  # a correction is scored from the words of the time it corrects


def _gap_words(n: Normalized, a: int, b: int) -> str:
    return " ".join(w.lower for w in n.words[a:b])


def _sentence_between(n: Normalized, a: int, b: int) -> bool:
    """Whether a sentence ends among words[a:b] (natural text only)."""
    return any(n.punct_after(k) in (".", "!", "?") for k in range(a, min(b, len(n.words))))


def apply_corrections(n: Normalized, ms: list[Mention], window: int = 8) -> None:
    """'on Monday, no, Tuesday': the later of two close mentions wins (:data:`DATE_CORRECTION`,
    :data:`TIME_CORRECTION`); a part of the day said with the first ("quarter past seven in the evening, no, sorry,
    nearer to eight") does not count towards the window, and the correction is scored from the first's words."""
    for x, y in pairwise(ms):
        gap = _gap_words(n, x.j, y.i)
        part = re.match(rf"(?:(?:in the|this|at) )?(?:{_PART_RX})\b ?", gap)
        reach = window + 6 if re.search(r"\b(?:more like|nearer|closer to|or rather)(?: about| around)?$", gap) \
            else window  # "three-ish, no, it was after the bank shut, so more like half three"
        if y.i - x.j - (len(part.group(0).split()) if part else 0) <= reach \
                and (_corrections().search(" " + gap + " ") or x.clock is not None and y.clock is not None
                     and re.fullmatch(r"well", gap)):  # "at half two, well, twenty to three"; never a day
            x.dropped = True
            y.score_from = x.score_from if x.score_from is not None else x.i
            if y.ordinal and y.month is None and x.month is not None:
                y.month = x.month
                y.day = _nearest_past_day(y.ordinal, x.month, y.day or date.max) or y.day
            if y.period is None:
                y.period = x.period
            if y.period is None and x.clock is not None and part is not None:  # "ten to four in the morning, no,
                said_part = part.group(0).split()[-1]  # half four": the correction keeps the morning
                y.period = said_part if said_part in ("morning", "afternoon", "evening", "night") else None


def apply_told_later(n: Normalized, ms: list[Mention], reach: int = 25) -> None:
    """'My auntie phoned at seven. She says he knocked at hers today': drop the mentions of the telling when what
    was told says its own day, part of the day or time (:data:`TOLD_LATER`, :data:`TOLD_LATER_DATE`)."""
    live = sorted((m for m in ms if not m.dropped), key=lambda m: m.i)
    for m in live:
        if not _telling_near(n, m):
            continue
        told_first = m.i >= 2 and [w.lower for w in n.words[m.i - 2:m.i]] == ["told", "me"]
        marker = m.j if told_first else next((k for k in range(m.j, min(len(n.words), m.j + reach))
                                               if _report_marker(n, k)), None)  # "told me this morning she rang"
        if marker is None:
            continue
        if any(x is not m and x.i > marker and x.i - marker <= reach and (x.day is not None or x.period or x.clock)
               and not _after_phrase(n, x.i, "when_deadlines") for x in live):
            m.dropped = m.told = True


def _report_marker(n: Normalized, k: int) -> bool:
    text = " ".join(w.lower for w in n.words[k:k + 2])
    return any(text == x or text.startswith(x + " ") for x in vocab.entries("when_report_markers"))


def _telling_near(n: Normalized, m: Mention) -> bool:
    """Whether the mention m is said with someone close telling the person ("my auntie phoned at seven", "got a
    call from my cousin", "my brother told me this morning")."""
    words = [w.lower for w in n.words]
    tellers = vocab.words("when_tellers")
    a, b = max(0, m.i - 6), min(len(words), m.j + 8)
    for phrase in vocab.entries("when_telling"):
        size = len(phrase.split())
        for p in range(a, b - size + 1):
            if " ".join(words[p:p + size]) != phrase or _sentence_between(n, min(p, m.j), max(p, m.i)):
                continue
            if phrase.split()[-1] == "from":
                if any(w in tellers for w in words[p + size:p + size + 2]):
                    return True
            elif any(teller(words[x], tellers) and (x == 0 or words[x - 1] not in ("his", "her", "their"))
                     and not any(w in OTHER_SIDE for w in words[x + 1:p]) for x in range(max(0, p - TELLER_REACH), p)):
                return True  # "his sister rang me at eight": the other side's call is contact, not telling
            elif phrase == "told me" and p > 0 and words[p - 1] in ("she", "he") and helper_before(words, p - 1):
                return True  # "I went round to my mam's on Sunday and she told me ...": the helper told
    return False


JUST_NOW_RECORDING = rule(
    "time.just-now-is-the-recording", "'I'm just now logging this', 'right now recording': the moment of the "
    "recording, not the incident's time",
    said("I'm just now recording this, it happened three days ago, he left a dead bird on my step.", None,
         fires=False),
    said("right now writing this down because on monday he followed me to the gym", None, fires=False))
TODAY_SAID = rule(
    "date.today-said-as-now", "the recording's own day said as the present ('It's Monday.', 'today is Tuesday', "
    "'it's the twenty third') dates the recording, not the incident: a day said with what happened, or an 'ago', wins",
    said("So it's, um, Monday. An hour ago he was leaning on my car outside the gym.", "2026-03-30"),
    said("today is monday on saturday night he rang me nine times", "2026-03-28"),
    said("Quick one, it's the thirtieth, and on Friday he left a parcel on my step.", "2026-03-27"),
    said("It's Friday he's coming round, he says, and he rang at six.", "2026-03-27", fires=False))


def said_as_today(n: Normalized, m: Mention, today: date) -> bool:
    """Whether the date mention m is the recording's own day said as the present ("It's, um, Monday", "today is
    Tuesday", "it's the twenty third"): see :data:`TODAY_SAID`. The day said must be the recording's."""
    if m.weekday is not None:
        if m.weekday != today.weekday():
            return False
    elif m.ordinal is not None:
        if m.ordinal != today.day or m.month not in (None, today.month):
            return False
    elif m.rule != "date.relative-day" or n.source(m.i, m.j).lower() != "today":
        return False
    words = [w.lower for w in n.words]
    if m.weekday is None and m.ordinal is None:  # "today is Tuesday": today, "is", and the recording's weekday
        return words[m.j:m.j + 1] == ["is"] and m.j + 1 < len(words) and words[m.j + 1] in _WEEKDAY_NAMES \
            and _WEEKDAY_NAMES.index(words[m.j + 1]) == today.weekday()
    k = m.i
    while k > 0 and words[k - 1] in _NOW_FILLERS:
        k -= 1
    before = words[max(0, k - 2):k]
    return before[-1:] in (["it's"], ["its"], ["today's"]) or before in (["it", "is"], ["today", "is"])


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NOW_FILLERS = frozenset({"um", "uh", "er", "erm", "ehm", "like", "so", "well", "now", "the"})
"""Words between "it's" and a day said as the present: "it's, er, Monday", "it's the twenty third"."""


_NOW_HEDGES = frozenset({"now", "just", "gone", "about", "nearly", "like", "past", "around", "almost", "after",
                         "uh", "um", "erm", "er", "ehm", "so", "well", "only", "coming", "up", "to", "on", "for"})
"""Words between "it's" and a clock said as the present: "it's, uh, just after two", "it's coming up to ten"."""


def says_now(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] is said as the present moment ("It's ten past two", "it is now 2.10",
    "I'm logging this now, ten to six", "the time is ten to four")."""
    window = [w.lower for w in n.words[max(0, i - 6):i]]
    before = [w for w in window if w not in _NOW_HEDGES]
    if before[-1:] in (["it's"], ["its"], ["time's"]) or before[-2:] in (["it", "is"], ["time", "is"]):
        return True
    acts = vocab.words("when_recording_acts")  # "logging this now, ten to six"
    if before[-1:] == ["at"] and len(before) >= 3 and before[-2] == "this" and before[-3] in acts:
        return True  # "I'm logging this at about four in the morning"
    return window[-1:] == ["now"] and any(w in acts for w in window[-4:-1])


def count_back_from_said_now(n: Normalized, times: list[Mention], ref: datetime) -> tuple[list[Mention], bool]:
    """"It's ten past two. About an hour ago he ...": the clock said as now is not the incident's, and each
    "... ago" counts back from it rather than from the recording (:data:`NOW_SAID`)."""
    said_now = next((m for m in times if m.clock is not None and says_now(n, m.i)), None)
    corrected = _now_corrected(n, times, said_now) if said_now is not None else None
    if corrected is not None:  # "It's twenty past two. Sorry, quarter past.": the corrected clock is now
        times, said_now = [m for m in times if m is not said_now], corrected
    agos = [m for m in times if m.moment is not None and m.i > (said_now.i if said_now else 0)]
    if said_now is not None and not agos and any(m.clock is not None and m is not said_now for m in times):
        return [m for m in times if m is not said_now], True  # "It's nearly midnight and he's rung since half ten"
    if said_now is None or said_now.clock is None or not agos:
        return times, False
    context = _gap_words(n, max(0, said_now.i - 10), said_now.j + 6)
    h, mi, _how = clock.resolve_hour(said_now.clock, clock.part_near(n, said_now.i, said_now.j), ref.date(), ref,
                                     context)
    stated = ref.replace(hour=h, minute=mi, second=0, microsecond=0)
    if stated > ref + timedelta(hours=1):
        stated -= timedelta(days=1)  # "it's ten to twelve", recorded just after midnight
    elif ref - stated > timedelta(hours=23):
        stated += timedelta(days=1)  # "it's almost midnight", recorded at five to twelve: the coming midnight
    if not _agrees_with_recording(n, said_now, stated, ref):  # a file made earlier: count from what was said
        for m in agos:
            assert m.moment is not None
            m.moment = stated - (ref - m.moment)
            m.day = m.moment.date()
    return [m for m in times if m is not said_now], True


_GONE_WORDS = frozenset({"gone", "after", "past"})
"""Words before a clock said as now that make it a lower bound: "it's just gone one" agrees with a recording
made up to an hour after."""


def _agrees_with_recording(n: Normalized, now: Mention, stated: datetime, ref: datetime) -> bool:
    """Whether the clock said as now fits the recording's own time: within twenty minutes, or up to an hour before it
    when said as a lower bound ("it's just gone one", recorded at 01:25)."""
    if abs(stated - ref) <= timedelta(minutes=20):
        return True
    gone = any(w.lower in _GONE_WORDS for w in n.words[max(0, now.i - 2):now.i])
    return gone and timedelta(0) <= ref - stated <= timedelta(hours=1)


def _now_corrected(n: Normalized, times: list[Mention], now: Mention, reach: int = 4) -> Mention | None:
    """The clock right after the clock said as now that corrects it ("It's twenty past two. Sorry, quarter past."):
    see :data:`NOW_SAID`."""
    after = next((m for m in times if m.i >= now.j and m.clock is not None), None)
    if after is None or after.i - now.j > reach:
        return None
    return after if _corrections().search(" " + _gap_words(n, now.j, after.i) + " ") else None


def since(n: Normalized, i: int) -> bool:
    """Whether the date at words[i] starts something still going on ("since the 12th of March"): see
    :data:`SINCE_DATE`."""
    k = i - 1 if i > 0 and n.words[i - 1].lower == "the" else i
    return k > 0 and n.words[k - 1].lower == "since" and not n.punct_after(k - 1)  # "ever since. Last night ..."


def _after_phrase(n: Normalized, i: int, name: str, reach: int = 1) -> bool:
    """Whether one of vocab ``name`` ends within reach words before words[i] ("on" and "the" skipped)."""
    before = [w.lower for w in n.words[max(0, i - reach - 3):i]]
    while before and before[-1] in ("on", "the", "this", "last"):
        before.pop()
    text = " ".join(before[-(reach + 1):])
    return any(text == x or text.endswith(" " + x) for x in vocab.entries(name))


def _in_reason(n: Normalized, i: int, reach: int = 8) -> bool:
    """Whether words[i] is in a "because ..." clause: see :data:`REASON_IS_HISTORY`."""
    for k in range(i - 1, max(-1, i - reach - 1), -1):
        if n.words[k].lower in vocab.words("when_reasons"):
            return True
        if n.punct_after(k) in (".", "!", "?") or n.words[k].lower in ("and", "but", "then"):
            return False
    return False


def _today_after_history(n: Normalized, m: Mention, today: date) -> bool:
    """Whether a mention of today follows "but" or is called the reason for recording (:data:`TODAY_AFTER_HISTORY`)."""
    if m.day != today or m.moment is not None:
        return False
    before = n.words[m.i - 1].lower if m.i > 0 else ""
    after = _gap_words(n, m.j, m.j + 3)
    if after.startswith(("is why", "is the reason", "was why", "is what")):
        return True
    return before == "but" and any(w.lower in vocab.words("when_other_person") for w in n.words[m.j:m.j + 4])


def near(n: Normalized, d: Mention, t: Mention, reach: int = 3) -> bool:
    """Whether the date d is said with the time t ("this morning at seven", "at nine on Tuesday"): close, in the same
    sentence, with no connective between ("on Friday, and at nine on Sunday" pairs nine with Sunday only)."""
    a, b = (d.j, t.i) if d.j <= t.i else (t.j, d.i)
    if b < a or b - a > reach or _sentence_between(n, a - 1, b):
        return False
    return not any(w.lower in vocab.words("when_clause_breaks") for w in n.words[a:b])


def _attached(n: Normalized, d: Mention, t: Mention) -> bool:
    """Whether the date d and the time t are one phrase: only the time's own words between ("this morning at
    seven", "at nine on Sunday", "yesterday, at about three"), not "... today. That was about six"."""
    a, b = (d.j, t.i) if d.j <= t.i else (t.j, d.i)
    own = vocab.words("when_hour_cues") | vocab.words("when_fillers") | {"on", "the", "in", "just", "so"}
    return near(n, d, t) and all(w.lower in own for w in n.words[a:b])


def choose_day(n: Normalized, dates: list[Mention], tm: Mention | None, today: date,
               incident_like: Callable[[Mention], bool]) -> tuple[Mention | None, list[str]]:
    """The incident's day among the live date mentions, given the incident's time tm, and the rules that decided.
    ``incident_like(tm)`` says whether tm's clause reads as what the other person did (not the person's routine)."""
    rules: list[str] = []
    quoted = [d for d in dates if d.day is not None and d.moment is None and in_their_words(n, d.i, d.day, today)]
    if quoted:  # "saying I know you were out yesterday" (date.in-their-words)
        dates = [d for d in dates if d not in quoted]
        rules.append(IN_THEIR_WORDS)
    deadlines = [d for d in dates if d.weekday is not None and _after_phrase(n, d.i, "when_deadlines")]
    if deadlines:
        dates = [d for d in dates if d not in deadlines]
        rules.append(DEADLINE)
    bounds = [d for d in dates if _after_phrase(n, d.i, "when_bounds")
              and not _after_phrase(n, d.i, "when_framing", reach=3)]  # "This is from Sunday night": about, not a span
    if bounds and len(bounds) < len(dates):
        dates = [d for d in dates if d not in bounds]
        rules.append(SPAN_BOUND)
    framed = next((d for d in dates if d.moment is None and _after_phrase(n, d.i, "when_framing", reach=3)), None)
    if framed is not None and framed is not dates[0]:
        return framed, [*rules, ACCOUNT_IS_ABOUT]
    tm_day = next((d for d in dates if tm is not None and tm.clock is not None and _attached(n, d, tm)), None)
    if tm is not None and tm.clock is not None and tm_day is None:
        history = [d for d in dates if d.i > tm.j and _in_reason(n, d.i)]
        if history:
            dates = [d for d in dates if d not in history]
            rules.append(REASON_IS_HISTORY)
    if not dates:
        return None, rules
    latest = next((d for d in reversed(dates) if _today_after_history(n, d, today)), None)
    if latest is not None and latest is not dates[0]:
        return latest, [*rules, TODAY_AFTER_HISTORY]
    first = dates[0]
    named_again = tm_day is not None and tm_day.weekday is not None and (first.ordinal is not None
                                                                         or first.rule == "date.digits")
    if tm_day is not None and tm_day is not first and not named_again and tm is not None and incident_like(tm):
        return tm_day, [*rules, DAY_OF_THE_TIME]
    return dates[0], rules
