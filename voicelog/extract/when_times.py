"""The clock times an account says, as mentions for :mod:`voicelog.extract.when`.

The time tokens :mod:`voicelog.extract.normalize` read, less house and flat
numbers ("at seven Kings Road", "flat four twenty two"), plus bare hours that
are clock times by what is around them, not by a clock phrase of their own: an
hour after an idiom ("at the back of eight", vocab ``when_hour_idioms``), a
correcting hour ("no, closer to seven", ``when_closer``), an hour said again
as a fuller time ("eleven, quarter past eleven"), the start of a span ("from
two till four"), an hour with a hedge after it ("three or a bit after",
``when_after_hour``), and a 24-hour time said as two numbers ("the time was
nineteen thirty", never before a street: "twenty one twelve Larkspur Avenue").
"""

from __future__ import annotations

from voicelog.extract import clock, vocab
from voicelog.extract.digits import TENS, UNITS
from voicelog.extract.normalize import SPOKEN_CLOCK, Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_choose import Mention
from voicelog.extract.when_spans import until_clause_time

BACK_OF = rule(
    "time.hour-idiom", "'at the back of eight' (just after eight, in Scotland and Ireland), 'coming up to six', "
    "'getting on for ten': that hour, approximate (vocab when_hour_idioms)",
    said("He phoned the house at the back of nine, drunk.", "~21:00"),
    said("this morning coming up to seven he was at the school gates", "~07:00", at="2026-03-30T12:00:00"))
CORRECTED_HOUR = rule(
    "time.corrected-hour", "a bare hour after 'closer to', 'nearer', 'more like' soon after another time corrects it "
    "('about half six, no, closer to seven'): a clock time (vocab when_closer)",
    said("This evening about half six, no, closer to seven, he was at my gate.", "~19:00"),
    said("at quarter to ten no more like ten he started kicking the door", "~22:00", at="2026-03-30T23:00:00"),
    said("He lives closer to seven miles away.", None, fires=False))
HOUR_AFTER_CORRECTION = rule(
    "time.hour-after-correction", "a bare hour said right after taking back a time ('at six, no, sorry, it was "
    "seven', 'at ten, I mean eleven'): a clock time, and as the correction it wins (time.self-correction)",
    said("Tonight at seven, no, sorry, it was eight, he kicked the bin over.", "20:00"),
    said("last night he rang at ten sorry i mean eleven and screamed down the phone", "23:00"),
    said("At six, wait, make that seven, she slid a card under my door.", "19:00"),
    said("at four no it was two of them who came to the door", "16:00", fires=False))
RESTATED_HOUR = rule(
    "time.restated-hour", "a bare hour said again at once as a fuller time ('at, um, eleven, quarter past eleven'): "
    "the fuller one, approximate (as time.alternatives-are-approximate)",
    said("When I left the chemist at, er, nine, quarter past nine, he was across the road.", "~09:15", at="2026-03-30T12:00:00"),
    said("when i left the chemist at er nine quarter past nine he was across the road", "~09:15", at="2026-03-30T12:00:00"),
    said("it was eleven eleven o'clock when he started kicking the shutter", "23:00", at="2026-03-30T23:30:00"))
SPAN_START = rule(
    "time.span-start", "a bare hour after 'from' or 'between' (a hedge may come between) and before 'till', 'until', "
    "'to' or 'and' and another time or hour ('he sat outside from two till four', 'between like six and seven') starts "
    "the span: a clock time, and the incident's (time.until-is-the-end)",
    said("He sat outside my house from two till four this afternoon.", "14:00"),
    said("This morning from like eight till ten he sat in his van by the nursery.", "~08:00", at="2026-03-30T12:00:00"),
    said("Tonight he buzzed my flat nine times between seven and eight.", "19:00"),
    said("last night he kept driving past between like eleven and midnight", "~23:00"),
    said("Today he rang my office fifteen times between nine and five.", None, fires=False),
    said("he was parked across the road from one until half three yesterday", "13:00"),
    said("Last night he was parked outside from nine until gone midnight.", "21:00"))
HOUR_THEN_HEDGE = rule(
    "time.hour-then-hedge", "a bare hour followed by 'or a bit after', 'or just before', 'or thereabouts' ('on "
    "Thursday afternoon, roughly two or a bit after') is a clock time (vocab when_after_hour)",
    said("On Thursday afternoon, roughly two or a bit after, he drove past the nursery twice.", "~14:00"),
    said("yesterday about four or a bit before he was at the school gate", "~16:00"))
TWENTY_FOUR_HOUR = rule(
    "time.twenty-four-hour-words", "a 24-hour time said as two numbers after 'at' or 'the time was' ('nineteen "
    "thirty', 'twenty one fifteen'), or with no cue when it cannot be a year (an hour from 13 to 18 or 21 to 23 and "
    "minutes on a five: 'Twenty two fifteen, the car park, he was by my car'); never a year ('in nineteen ninety')",
    said("Log entry: at twenty fifty a grey van parked across my drive.", "20:50"),
    said("at twenty one fifteen he was at the door again", "21:15"),
    said("Twenty-two fifteen, back gate of the depot, he was waiting by my bike again.", "22:15"),
    said("coming out of the leisure centre side door twenty one forty he stepped out in front of me", "21:40"),
    said("In twenty twenty five he moved in two doors down.", None, fires=False),
    said("He has lived there since nineteen fifty.", None, fires=False),
    said("At ten p.m. he was shouting outside twenty one twelve Larkspur Avenue.", "22:00", fires=False))
HEDGED_HOUR = rule(
    "time.hedged-bare-hour", "a bare hour after a time cue or a part of the day with a hedge or filler between ('at "
    "like nine', 'since, um, two', 'about maybe six', 'teatime, maybe six'): a clock time, approximate when the "
    "hedge says so (vocab when_hour_cues, when_fillers, when_hedged_hour)",
    said("He was sat on the wall at like nine, just staring at the house.", "~21:00"),
    said("since um two he has been ringing the bell on and off", "14:00", at="2026-03-30T15:00:00"),
    said("Saturday evening, maybe seven, he kicked the gate.", "~19:00"),
    said("at like nine people were queueing outside when he turned up", None, fires=False))
NOT_A_FLAT_NUMBER = rule(
    "time.not-a-flat-number", "'flat four twenty two', 'a red F one fifty': a number pair after flat, number, bay, "
    "model ... is no clock time (vocab when_not_time_before)",
    said("someone put a note through the door of flat nine fourteen yesterday", None, fires=False),
    said("A white F two fifty sat outside my house all evening.", None, fires=False))
NOT_A_ROUTE_NUMBER = rule(
    "time.not-a-route-number", "'the two oh seven bus', 'my chem one oh one lecture': a number said with 'oh' right "
    "before a bus, route or course is its number, not a clock time (vocab when_numbered_after)",
    said("Just now a lad followed me off the four oh nine bus right up to my door.", "~21:47", fires=False),
    said("just now a lad followed me off the four oh nine bus right up to my door", "~21:47", fires=False),
    said("Yesterday he hung about by my biology one oh two lecture again.", None, fires=False),
    said("This morning I got the seven oh five train and he was on it.", "07:05", at="2026-03-30T12:00:00",
         fires=False))
NOT_A_HOUSE_NUMBER = rule(
    "time.not-a-house-number", "A number before a street (\"at seven Kings Road\") is a house number, not a time.",
    said("He was banging on the door at seven Kings Road.", None, fires=False),
    said("he was banging on the door at seven kings road", None, fires=False),
    said("He was banging on the door at 7 Kings Road at ten.", "10:00", fires=False),
    said("i was coming back from the shops about nine down mill way and she followed me", "~09:00",
         at="2026-03-30T12:00:00", fires=False),
    said("this morning at eight fifteen i saw her spraying paint on the garage at two twelve linden drive",
         "08:15", at="2026-03-30T12:00:00", fires=False))


def time_mentions(n: Normalized) -> list[Mention]:
    """The clock times of the account, in order."""
    from voicelog.extract.where import house_number

    words = n.words
    out = [Mention(k, k + 1, "time", clock=w.clock, rule=w.rule) for k, w in enumerate(words)
           if w.kind == "time" and not (house_number(n, k) and not _place_word_after(n, k))
           and not _number_pair_address(n, k) and not route_number(n, k)
           and not (w.rule == SPOKEN_CLOCK and k > 0 and words[k - 1].lower in vocab.words("when_not_time_before"))]
    for k, w in enumerate(words):
        if w.kind != "num" or any(m.i <= k < m.j for m in out):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if 1 <= w.number <= 12 and _after_idiom(n, k) and not (nxt is not None and nxt.lower in vocab.words("when_units")):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=BACK_OF))
        elif 1 <= w.number <= 12 and _after_idiom(n, k, "when_closer") and any(m.i < k <= m.j + 12 for m in out) \
                and not (nxt is not None and nxt.lower in vocab.words("when_units")):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=CORRECTED_HOUR))
        elif 1 <= w.number <= 12 and _corrects_a_time(n, k, out) and not (
                nxt is not None and nxt.lower in vocab.words("when_units") | {"of"}):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=HOUR_AFTER_CORRECTION))
        elif 1 <= w.number <= 12 and nxt is not None and nxt.kind == "time" and nxt.clock[0] == w.number \
                and n.punct_after(k) in ("", ","):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=RESTATED_HOUR))
        elif 1 <= w.number <= 12 and _starts_span(n, k):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=SPAN_START))
        elif 1 <= w.number <= 12 and _after_hedged_cue(n, k) and not (
                nxt is not None and nxt.lower in vocab.words("when_units")):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=HEDGED_HOUR))
        elif 1 <= w.number <= 12 and _before_phrase(n, k + 1, "when_after_hour"):
            out.append(Mention(k, k + 1, "time", clock=(w.number, 0, None, True), rule=HOUR_THEN_HEDGE))
        elif 13 <= w.number <= 23 and nxt is not None and nxt.kind == "num" and 0 <= nxt.number <= 59 \
                and not n.punct_after(k) and (_said_as_time(n, k) or _cannot_be_a_year(n, k)) \
                and not house_number(n, k + 1) and not (
                    k + 2 < len(words) and words[k + 2].lower in vocab.words("when_units")):
            out.append(Mention(k, k + 2, "time", clock=(w.number, nxt.number, None, False), rule=TWENTY_FOUR_HOUR))
    return sorted(out, key=lambda m: m.i)


_MOVES = frozenset({"along", "on", "down", "up", "to", "into", "in", "by", "near", "past", "through", "across", "from",
                    "towards", "onto", "outside", "round"})
"""Words right after an hour that open where the person was going, so the street after them has no house number:
"coming back from the shops, about nine, down Mill Way"."""


def _place_word_after(n: Normalized, k: int) -> bool:
    """Whether a word of :data:`_MOVES` follows the hour at words[k] (it is no house number then)."""
    return k + 1 < len(n.words) and n.words[k + 1].lower in _MOVES


def clock_words(n: Normalized) -> list[int]:
    """The indexes of the time tokens that are clock times, not route numbers (:data:`NOT_A_ROUTE_NUMBER`)."""
    return [k for k, w in enumerate(n.words) if w.kind == "time" and not route_number(n, k)]


def route_number(n: Normalized, k: int) -> bool:
    """Whether the time at words[k] is a route or course number said with "oh" ("the two oh seven bus"): see
    :data:`NOT_A_ROUTE_NUMBER`."""
    said_oh = n.source(k, k + 1).lower().replace("-", " ").split()
    return n.words[k].rule == SPOKEN_CLOCK and len(said_oh) == 3 and said_oh[1] in ("oh", "o") \
        and k + 1 < len(n.words) and n.words[k + 1].lower in vocab.words("when_numbered_after")


def _number_pair_address(n: Normalized, k: int) -> bool:
    """Whether the time at words[k] is a house number said as two numbers before a street ("at two twelve Linden
    Drive", "twenty one twelve Larkspur Avenue"): said in words, no punctuation, a street word within three words
    after it (vocab where_streets; see :data:`NOT_A_HOUSE_NUMBER`)."""
    w = n.words[k]
    said = n.source(k, k + 1).lower().split()
    if w.rule != SPOKEN_CLOCK or w.clock[1] == 0 or len(said) != 2 or not all(x in UNITS or x in TENS for x in said):
        return False  # "two twelve", not "half eleven" or "ten past nine"
    streets = vocab.words("where_streets")
    for later in range(k + 1, min(len(n.words), k + 4)):
        if n.punct_after(later - 1) or n.words[later].kind != "word" or n.words[later].lower in _MOVES \
                or n.words[later].lower in vocab.words("where_determiners") \
                or n.words[later].lower in vocab.words("when_clause_breaks"):
            return False  # "at ten fifteen across the road": no address
        if n.words[later].lower in streets:
            return later > k + 1
    return False


def _starts_span(n: Normalized, k: int) -> bool:
    """Whether the bare hour at words[k] opens a span that another time or hour closes ("from two till four", "from
    like seven till nine", "between six and seven", "between ten and midnight"): see :data:`SPAN_START`."""
    if not clock.opens_span(n, k):
        return False
    words = n.words
    e = k + 2
    while e < len(words) and e - k < 4 and words[e].lower in vocab.words("when_fillers") | _SPAN_END_HEDGES:
        e += 1
    e = until_clause_time(n, k + 1) or e  # "from two until we shut at six" (time.until-clause-is-the-end)
    if e >= len(words):
        return False
    after = words[e + 1].lower if e + 1 < len(words) else ""
    if words[e].kind == "time" and words[e].clock is not None:
        end = words[e].clock[0]
    elif words[e].kind == "num" and 1 <= words[e].number <= 12 and after not in vocab.words("when_units"):
        end = words[e].number
    else:
        return False
    return (end - words[k].number) % 12 <= _LONGEST_SPAN  # "between nine and five": the working day, no one time


_SPAN_END_HEDGES = frozenset({"gone", "about", "around", "just", "after", "nearly", "maybe", "roughly"})
_LONGEST_SPAN = 6
"""Hours a span may last and still have its start as the incident's time ("from two till four", not "between nine and
five")."""


def _before_phrase(n: Normalized, k: int, name: str) -> bool:
    """Whether a phrase of vocab ``name`` starts at words[k] (:data:`HOUR_THEN_HEDGE`)."""
    after = " ".join(w.lower for w in n.words[k:k + 4])
    return any(after == x or after.startswith(x + " ") for x in vocab.entries(name))


def _after_idiom(n: Normalized, k: int, name: str = "when_hour_idioms") -> bool:
    """Whether a phrase of vocab ``name`` ends right before words[k] (:data:`BACK_OF`, :data:`CORRECTED_HOUR`)."""
    before = " ".join(w.lower for w in n.words[max(0, k - 4):k])
    return any(before == x or before.endswith(" " + x) for x in vocab.entries(name))


def _said_as_time(n: Normalized, k: int) -> bool:
    """Whether the words before words[k] say a time follows ("at nineteen thirty", "the time was twenty one ten")."""
    before = [w.lower for w in n.words[max(0, k - 2):k]]
    cues = vocab.words("when_count_hedges") | {"at"}  # not "since" or "in": "since nineteen fifty" is a year
    return bool(before[-1:]) and before[-1] in cues or before[-2:] in (["time", "was"], ["time", "is"])


_YEAR_HOURS = (19, 20)
"""Hours that said before a second number may start a year ("nineteen fifty", "twenty twenty"): a cue must say a
time is meant."""
_NOT_CLOCK_BEFORE = frozenset({"in", "since", "of", "from", "the", "by", "aged", "age", "till", "until", "before"})
"""Words before two numbers with no time cue that make them a year, a count or a name ("since twenty fifteen", "the
twenty two thirty bus"), not a 24-hour clock."""


def _cannot_be_a_year(n: Normalized, k: int) -> bool:
    """Whether the two numbers at words[k:k + 2] read as a 24-hour clock with no cue before them ("Twenty-three
    ten, the stairwell, he ..."): an hour that cannot start a year and minutes on a five (:data:`TWENTY_FOUR_HOUR`)."""
    hour, minutes = n.words[k].number, n.words[k + 1].number
    before = n.words[k - 1].lower if k > 0 else ""
    return hour not in _YEAR_HOURS and 10 <= minutes <= 55 and minutes % 5 == 0 \
        and before not in _NOT_CLOCK_BEFORE and before not in vocab.words("when_not_time_before")


_LEADS_IN = frozenset("it was it's its were make that say about around roughly maybe probably like".split())
"""Words between taking a time back and the hour that replaces it ("no, sorry, it was seven", "I mean, say ten")."""


def _corrects_a_time(n: Normalized, k: int, times: list[Mention]) -> bool:
    """Whether the bare hour at words[k] follows a correction word that follows a time within a few words ("at
    six, no, sorry, it was seven"): see :data:`HOUR_AFTER_CORRECTION`."""
    last = max((m.j for m in times if m.j <= k), default=None)
    if last is None or k - last > 7:
        return False
    gap = [w.lower for w in n.words[last:k]]
    while gap and gap[-1] in _LEADS_IN | vocab.words("when_fillers"):
        gap.pop()
    said = " ".join(gap)
    return bool(gap) and len(gap) <= 4 and any(said == x or said.endswith(" " + x)
                                               for x in vocab.entries("when_corrections"))


def _after_hedged_cue(n: Normalized, k: int) -> bool:
    """Whether words[k] follows a time cue or a part of the day with only hedges and fillers between ("at like nine",
    "teatime, maybe six"): see :data:`HEDGED_HOUR`."""
    between = vocab.words("when_fillers") | vocab.words("when_hedged_hour")
    cues = vocab.words("when_hour_cues") | _PARTS_OF_DAY
    j = k
    while j > 0 and k - j < 3 and n.words[j - 1].lower in between:
        j -= 1
        if j < k and j > 0 and n.words[j - 1].lower in cues:
            return True
    return False


_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "tonight", "teatime", "lunchtime", "dinnertime",
                           "suppertime", "arvo"})
