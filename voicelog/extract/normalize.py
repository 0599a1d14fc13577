"""Spoken numbers, ordinals and clock phrases into digits and times; dates written as digits into date tokens.

The recogniser gives "at half past nine p m on the twenty third" (Vosk) or
"at 9.30 p.m. on the 23rd" (Whisper); the later stages want "at 9:30 pm on
the 23rd". Every normalised token keeps the character span of the words it
came from, so a field can quote its source, and a time token names the
:mod:`~voicelog.extract.rules` rule that read it (``time.digit-clock``,
``time.minutes-to-digits``, ``time.spoken-clock``), which :mod:`when` passes on
when that time is the incident's. Dates written as digits (``12/03/2026``,
``12.03.26``) become one ``date`` token; :mod:`when` reads them (day first).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeGuard

from voicelog.extract import vocab
from voicelog.extract.digits import (
    DIGIT_CLOCK,
    ELIDED_HOUR,
    HEARD_PASS,
    HUNDRED_HOURS,
    ORDINALS,
    TENS,
    UNITS,
    DigitDate,
    clock_at,
    compact_at,
    counts,
    dates_in,
    elided_hour,
    glued_hour,
    heard_hour,
    hundred_hours,
    number_value,
    ordinal_suffix,
)
from voicelog.extract.rules import rule, said

OCLOCK = {"o'clock", "oclock", "o’clock"}
_NAMED_HOURS = ("noon", "midday", "midnight")
_BEFORE_OF = frozenset("at around about like till until by from roughly approximately maybe say it's was before".split())
"""Before "ten of three" (US: 2.50), so that "ten of three men" stays a count."""
_TO = ("to", "tae", "til", "till")  # "quarter to ten", Scots "quarter tae ten"; US "quarter of seven" is read too


def unit_words() -> frozenset[str]:
    """Words after a number that make it a quantity, not a clock time (vocab ``when_units``)."""
    return vocab.words("when_units")


def hour_cues() -> frozenset[str]:
    """Words before a bare number that make it an hour: "at six", "gone eleven" (vocab ``when_hour_cues``)."""
    return vocab.words("when_hour_cues")


Clock = tuple[int, int, str | None, bool]
"""A time token's value: hour, minute, "am"/"pm" or None, and whether only a bare hour was said."""
_ISH = re.compile(r"(\d{1,4}|[A-Za-z]+?)-?(ish)", re.IGNORECASE)
_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|[^\W_]+(?:['’][^\W\d_]+)*|[^\s\w]|_")
"""A number with thousands commas, a word (letters and digits of any alphabet: "café", "Zoë", "Łukasz"), or one
other character."""
# Patterns the tokeniser tries on every word, compiled once (re.fullmatch with a string looks each up per call).
_WORD_START, _NUMBER = re.compile(r"[^\W_]"), re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_ORDINAL, _GLUED = re.compile(r"(\d+)(st|nd|rd|th)"), re.compile(r"(\d{1,4})([ap])m")


@dataclass(frozen=True)
class Token:
    """One normalised token and where it came from in the original text."""

    text: str
    """Normalised form: "9:30", "23rd", "43", or the word itself."""
    start: int
    """Start offset in the original text."""
    end: int
    """End offset in the original text."""
    kind: str = "word"
    """word, punct, num, ord, time or date."""
    value: int | Clock | DigitDate | None = None
    """int for num/ord; (hour, minute, meridiem or None, bare) for time; (first, second, year) for date."""
    rule: str = ""
    """For a time token, the rule (:mod:`voicelog.extract.rules`) that read it; a road's number: ``time.road-number``;
    a date token's when not ``date.digits``."""

    @cached_property
    def lower(self) -> str:
        """The text in lower case (read very often: worked out once)."""
        return self.text.lower()

    @property
    def number(self) -> int:
        """The value of a num or ord token; a TypeError for any other kind, as comparing its value would be."""
        if not isinstance(self.value, int):
            raise TypeError(f"a {self.kind} token has no number")
        return self.value

    @property
    def clock(self) -> Clock:
        """The value of a time token; a TypeError for any other kind."""
        if self.kind != "time" or not isinstance(self.value, tuple) or len(self.value) != 4:
            raise TypeError(f"a {self.kind} token has no clock time")
        return self.value

    @property
    def digits(self) -> DigitDate:
        """The value of a date token, as written; a TypeError for any other kind."""
        if self.kind != "date" or not isinstance(self.value, tuple) or len(self.value) != 3:
            raise TypeError(f"a {self.kind} token is no date")
        return self.value


@dataclass(frozen=True)
class Normalized:
    """An account after normalisation, with a map back to the spoken words."""

    original: str
    tokens: tuple[Token, ...]
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What the later stages worked out once per account (clauses, name pairs, ...), each under its own key."""

    @property
    def text(self) -> str:
        """The normalised text, tokens joined by spaces."""
        return " ".join(t.text for t in self.tokens)

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """Tokens other than punctuation."""
        return tuple(t for t in self.tokens if t.kind != "punct")

    @cached_property
    def lower(self) -> str:
        """Lower-case words joined by single spaces: the view cue rules match on."""
        return " ".join(t.lower for t in self.words)

    @cached_property
    def _offsets(self) -> list[int]:
        out, pos = [], 0
        for t in self.words:
            out.append(pos)
            pos += len(t.text) + 1
        return out

    def word_index(self, char: int) -> int:
        """Index into :attr:`words` of the word at char offset in :attr:`lower`."""
        return max(0, bisect.bisect_right(self._offsets, char) - 1)

    def finditer(self, pattern: str | re.Pattern[str]) -> Iterator[tuple[re.Match[str], int, int]]:
        """Matches of pattern on :attr:`lower`, each with its word span [i, j)."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        for m in rx.finditer(self.lower):
            if m.end() == m.start():
                continue
            i = self.word_index(m.start())
            j = self.word_index(m.end() - 1) + 1
            yield m, i, j

    def source(self, i: int, j: int) -> str:
        """The original words behind words[i:j]."""
        if i >= j or i >= len(self.words):
            return ""
        j = min(j, len(self.words))
        return self.original[self.words[i].start:self.words[j - 1].end]

    def punct_after(self, i: int) -> str:
        """Punctuation right after word i (natural text only), else ''."""
        return self._puncts[i]

    @cached_property
    def _puncts(self) -> tuple[str, ...]:
        """Each word's punct_after, worked out once: the rules ask some 400 times an account."""
        tokens = self.tokens
        return tuple(tokens[k + 1].text if k + 1 < len(tokens) and tokens[k + 1].kind == "punct" else ""
                     for k, t in enumerate(tokens) if t.kind != "punct")


def _tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for start, end, value, how in dates_in(text):
        out += _words(text, pos, start)
        out.append(Token(text[start:end], start, end, "date", value, how))
        pos = end
    return out + _words(text, pos, len(text))


def _words(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s = m.group(0)
        if s in "-‐‑" and 0 < m.start() and m.end() < len(text) and text[m.start() - 1].isalnum() \
                and text[m.end()].isalnum():
            continue  # "half-past", "twenty-three": a joining hyphen is a space to a listener
        kind = "word" if _WORD_START.match(s) else "punct"
        ish = _ISH.fullmatch(s)
        if ish and (ish.group(1).isdigit() or ish.group(1).lower() in UNITS):  # "10ish", "sevenish": a hedged hour
            cut = m.start() + len(ish.group(1))
            out += [Token(ish.group(1), m.start(), cut, kind), Token(s[cut - m.start():], cut, m.end(), kind)]
            continue
        out.append(Token(s, m.start(), m.end(), kind))
    return out


def _group_numbers(toks: list[Token]) -> list[Token]:
    """Merge runs of number words into num/ord tokens."""
    out: list[Token] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        w = t.lower
        if t.kind == "word" and _NUMBER.fullmatch(w):  # "1,800" is one number
            v = int(w.replace(",", ""))
            out.append(Token(str(v) if "," in w else w, t.start, t.end, "num", v))
            i += 1
            continue
        m = _ORDINAL.fullmatch(w) if t.kind == "word" else None
        if m:
            v = int(m.group(1))
            out.append(Token(f"{v}{ordinal_suffix(v)}", t.start, t.end, "ord", v))
            i += 1
            continue
        if t.kind != "word" or not (w in UNITS or w in TENS or w in ORDINALS) or (
                w == "one" and i and toks[i - 1].lower == "no"):  # "no one saw it": nobody, not the number 1
            out.append(t)
            i += 1
            continue
        if w in ORDINALS:
            v = ORDINALS[w]
            out.append(Token(f"{v}{ordinal_suffix(v)}", t.start, t.end, "ord", v))
            i += 1
            continue
        group = [w]
        j = i + 1
        if w in TENS and j < n:
            nxt = toks[j].lower
            if nxt in UNITS and 1 <= UNITS[nxt] <= 9:
                group.append(nxt)
                j += 1
            elif nxt in ORDINALS and 1 <= ORDINALS[nxt] <= 9:
                v = TENS[w] + ORDINALS[nxt]
                out.append(Token(f"{v}{ordinal_suffix(v)}", t.start, toks[j].end, "ord", v))
                i = j + 1
                continue
        # "two hundred (and) thirty (eight)"
        while j < n and toks[j].lower in ("hundred", "thousand"):
            group.append(toks[j].lower)
            j += 1
            k = j
            if k < n and toks[k].lower == "and" and k + 1 < n and (
                toks[k + 1].lower in UNITS or toks[k + 1].lower in TENS
            ):
                group.append("and")
                k += 1
            if k < n and (toks[k].lower in UNITS or toks[k].lower in TENS):
                group.append(toks[k].lower)
                k += 1
                if group[-1] in TENS and k < n and toks[k].lower in UNITS and 1 <= UNITS[toks[k].lower] <= 9:
                    group.append(toks[k].lower)
                    k += 1
                j = k
        v = number_value(group)
        out.append(Token(str(v), t.start, toks[j - 1].end, "num", v))
        i = j
    return out


def _is_unit(tok: Token | None) -> bool:
    return tok is not None and tok.lower in unit_words()


SPOKEN_CLOCK = rule(
    "time.spoken-clock", "a clock time said in words: 'half past nine', 'quarter to ten', 'half six', "
    "'eleven fifteen', 'nine o'clock', noon, midnight; Whisper's 'quarter to 7', 'half 6' (a phrase that starts "
    "with digits, '10 past 10', is time.digit-clock)",
    said("at half past nine he was at the door", "21:30"),
    said("at quarter to ten this morning he rang", "09:45"),
    said("At quarter to 7 this morning he was in the car park.", "06:45"),
    said("this morning around ten of nine he was by the lockers", "~08:50"),
    said("At half 6 he was banging on the door.", "18:30"))


_ONE_AS_PRONOUN = frozenset("a an the another this that every each which no any first last next other same".split())
"""Before "one" (or before its adjective) these make it a pronoun, never the hour."""
_CALLED = frozenset("rang rung ring ringing called call calling phoned phone dialled dialed dial dialling".split())
"""Before "one oh one" these make it the police's non-emergency number, not the time 1:01."""


def _time(h: int, m: int, start: int, end: int, mer: str | None = None, bare: bool = False,
          how: str = SPOKEN_CLOCK) -> Token:
    text = f"{h}:{m:02d}" + (f" {mer}" if mer else "")
    return Token(text, start, end, "time", (h, m, mer, bare), how)


def _clock_phrases(toks: list[Token], text: str) -> list[Token]:
    """Turn clock phrases over grouped tokens into time tokens."""
    out: list[Token] = []
    n = len(toks)
    i = 0

    def at(k: int) -> Token | None:
        return toks[k] if 0 <= k < n else None

    def is_hour(tok: Token | None) -> TypeGuard[Token]:
        return tok is not None and tok.kind == "num" and 1 <= tok.number <= 12

    while i < n:
        t, w = toks[i], toks[i].lower
        nx, nx2 = at(i + 1), at(i + 2)
        # digits already as a clock: "9:30", "7.15", "6.30pm", "10-6" (ten to six)
        digit = clock_at(toks, i, text, hour_cues(), unit_words())
        if digit is not None:
            h, mm, mer, end, how = digit
            out.append(_time(h, mm, t.start, toks[end - 1].end, mer, how=how))
            i = end
            continue
        m = _GLUED.fullmatch(w)
        glued = glued_hour(m.group(1)) if m and t.kind == "word" else None
        if m and glued:  # "7pm", "645pm"
            out.append(_time(glued[0], glued[1], t.start, t.end, m.group(2) + "m", how=glued[2]))
            i += 1
            continue
        # "fourteen hundred (hours)", "oh seven hundred", "1,800 hours": a 24-hour clock as said in shifts and services
        hundred = hundred_hours(t, nx, bool(out) and out[-1].lower in ("oh", "zero"))
        if hundred is not None:
            end = nx.end if nx is not None and nx.lower == "hours" else t.end
            start = out.pop().start if out and out[-1].lower in ("oh", "zero") else t.start
            h24, mm = hundred
            out.append(_time(h24, mm, start, end, None if h24 > 12 else ("pm" if h24 == 12 else "am"), how=HUNDRED_HOURS))
            i += 2 if end != t.end else 1
            continue
        # "530", "1140": Whisper's digits for "five thirty", where the words around say a time is meant
        digit = compact_at(toks, i, text, out, unit_words())
        if digit is not None:
            h, mm, mer, end, how = digit
            out.append(_time(h, mm, t.start, toks[end - 1].end, mer, how=how))
            i = end
            continue
        named = t if w in _NAMED_HOURS else nx if t.kind == "num" and t.number == 12 and nx is not None \
            and nx.lower in _NAMED_HOURS else None
        if named is not None:  # "noon", "midnight", "12 midnight", "twelve noon"
            midnight = named.lower == "midnight"
            out.append(_time(0 if midnight else 12, 0, t.start, named.end, "am" if midnight else "pm"))
            i += 1 if named is t else 2
            continue
        # "half past nine", "quarter to ten", "twenty five (minutes) past eight"
        k = i
        minutes: int | None = None
        if w == "half":
            minutes = 30
        elif w == "quarter":
            minutes = 15
        elif w == "a" and nx is not None and nx.lower == "quarter":
            minutes, k = 15, i + 1
        elif t.kind in ("num", "ord") and 1 <= t.number <= 59:  # an ordinal only before "past": "the 20th past 1"
            minutes = t.number
        if minutes is not None:
            k2 = k + 1
            unit = at(k2)
            if unit is not None and unit.lower in ("minutes", "mins", "minute"):
                k2 += 1
            rel = at(k2)
            if rel is not None and rel.text == "," and (at(k2 + 1) or rel).lower == "pass":  # "25, pass one"
                k2 += 1
                rel = at(k2)
            hour = at(k2 + 1)
            named_hr = hour is not None and hour.lower in _NAMED_HOURS  # "quarter to midnight" (time.named-hour-relative)
            hr = 12 if named_hr else hour.number if is_hour(hour) else heard_hour(toks, i, k2 + 1, text) if rel else None
            rel_to = rel is not None and (rel.lower in _TO or rel.lower == "of" and (
                w in ("quarter", "a") or minutes in (5, 10, 20, 25) and i > 0 and toks[i - 1].lower in _BEFORE_OF)) \
                and not (rel.lower in ("till", "til") and minutes % 5 and k2 == k + 1)  # "from two till five": a span
            if rel is not None and (rel.lower in ("past", "pass", "after") or rel_to) and hour and hr \
                    and (t.kind != "ord" or rel.lower in ("past", "pass")) \
                    and not (_is_unit(at(k2 + 2)) and (at(k2 + 3) or t).lower != "so") and not (rel.lower == "after" and w not in ("half", "quarter") and minutes not in (5, 10, 20, 25)):
                h = hr
                mm = minutes
                if rel_to:
                    if minutes == 30:
                        k = -1
                    else:
                        h = h - 1 if h > 1 else 12
                        mm = 60 - minutes
                if k != -1:
                    misheard = rel.lower == "pass" or t.kind == "ord" or not named_hr and hr != hour.number
                    mer = None if not named_hr else "am" if (hour.lower == "midnight") != rel_to else "pm"
                    out.append(_time(h, mm, t.start, hour.end, mer, how=HEARD_PASS if misheard else SPOKEN_CLOCK))
                    i = k2 + 2
                    continue
        past = at(k + 1) if minutes is not None and w != "half" else None  # "at five ... at twenty past" (5.20)
        h0 = elided_hour(out, minutes or 0, at(k + 2)) if past is not None and (
            past.lower == "past" or past.lower == "after" and minutes in (5, 10, 15, 20, 25)) else None
        if past is not None and h0 is not None:
            out.append(_time(h0, minutes or 0, t.start, past.end, how=ELIDED_HOUR))
            i = k + 2
            continue
        # British "half nine" = 9:30
        if w == "half" and is_hour(nx) and not _is_unit(nx2) and not (out and out[-1].lower in ("and", "a", "an")):
            out.append(_time(nx.number, 30, t.start, nx.end))
            i += 2
            continue
        if is_hour(t) and not (nx is not None and nx.text == "." and nx2 is not None and nx2.kind == "num"
                               and nx.start == t.end and nx2.start == nx.end):  # "1.5 miles": a decimal
            # "nine o'clock", "nine o clock"
            if nx is not None and nx.lower in OCLOCK:
                out.append(_time(t.number, 0, t.start, nx.end))
                i += 2
                continue
            if nx is not None and nx.lower == "o" and nx2 is not None and nx2.lower == "clock":
                out.append(_time(t.number, 0, t.start, nx2.end))
                i += 3
                continue
            # "nine oh five"; but "two six oh four one eight" is a reference read out digit by digit
            in_digits = bool(out) and out[-1].kind == "num" and i + 3 < len(toks) and toks[i + 3].kind == "num"
            # "I rang one oh one": the police's number (101), not 1:01
            police_101 = t.number == 1 and bool(out) and out[-1].lower in _CALLED
            if nx is not None and nx.lower in ("oh", "o") and nx2 is not None and nx2.kind == "num" \
                    and 1 <= nx2.number <= 9 and not in_digits and not (police_101 and nx2.number == 1):
                out.append(_time(t.number, nx2.number, t.start, nx2.end))
                i += 3
                continue
            # "eleven fifteen", "five thirty"
            if nx is not None and nx.kind == "num" and 10 <= nx.number <= 59 and not counts(nx2, at(i + 3), unit_words()) \
                    and not (nx2 is not None and (nx2.kind == "num" or nx2.lower in OCLOCK or nx2.lower == "o")):
                out.append(_time(t.number, nx.number, t.start, nx.end))
                i += 2
                continue
            # a bare hour after a cue word, or before am/pm or a part of the day
            prev = out[-1].lower if out else ""
            follows = [x.lower for x in toks[i + 1:i + 4]]
            part_after = follows[:1] in (["am"], ["pm"], ["tonight"], ["ish"]) or follows[:2] in (
                ["a", "m"], ["p", "m"], ["this", "morning"], ["this", "evening"], ["this", "afternoon"],
                ["at", "night"], ["last", "night"]) or [x for x in follows if x != "the"][:2] in (
                ["in", "morning"], ["in", "evening"], ["in", "afternoon"], ["in", "night"])  # "nine in (the) evening"
            before2 = out[-2].lower if len(out) > 1 else ""  # "a weird one this morning", "another one last night"
            pronoun = text[t.start:t.end].lower() == "one" and (prev in _ONE_AS_PRONOUN or before2 in _ONE_AS_PRONOUN)
            if (prev in hour_cues() or part_after) and not counts(nx, nx2, unit_words()) and not pronoun:
                out.append(_time(t.number, 0, t.start, t.end, bare=True))
                i += 1
                continue
        out.append(t)
        i += 1
    return _meridiem(out, text)


def _rule_of(t: Token, text: str) -> str:
    """The rule that read a time from token t: digits if it was written in digits ("at 7 p.m.")."""
    if t.kind == "time" and t.rule != SPOKEN_CLOCK:
        return t.rule
    return DIGIT_CLOCK if text[t.start:t.start + 1].isdigit() else SPOKEN_CLOCK


def _meridiem(toks: list[Token], text: str) -> list[Token]:
    """Attach a following a m / p m to a time (or a bare hour)."""
    out: list[Token] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind in ("time", "num") and (t.kind == "time" or 1 <= t.number <= 12):
            rest = [x.lower for x in toks[i + 1:i + 7] if x.text != "."]
            mer: str | None = None
            used = 0
            if rest[:1] in (["am"], ["pm"]):
                mer, used = rest[0], 1
            elif rest[:2] in (["a", "m"], ["p", "m"]):
                mer, used = rest[0] + "m", 2
            if mer and (t.kind == "time" and t.clock[2] is None or t.kind == "num"):
                # consume tokens (skipping dots) up to `used` words
                j, seen = i + 1, 0
                while j < n and seen < used:
                    if toks[j].text != ".":
                        seen += 1
                    j += 1
                while j < n and toks[j].text == ".":
                    j += 1
                h, m = (t.clock[0], t.clock[1]) if t.kind == "time" else (t.number, 0)
                out.append(_time(h, m, t.start, toks[j - 1].end, mer, how=_rule_of(t, text)))
                i = j
                continue
        out.append(t)
        i += 1
    return out


def normalize(text: str) -> Normalized:
    """Normalise an account: numbers to digits, clock phrases to H:MM times (but a road's number stays one)."""
    from voicelog.extract.roads import road_numbers

    toks = _tokenize(text)
    toks = _group_numbers(toks)
    toks = [replace(t, rule=DIGIT_CLOCK) if t.kind == "time" and t.rule == SPOKEN_CLOCK and text[t.start].isdigit()
            else t for t in _clock_phrases(toks, text)]  # "at 10", "20 to 6": written in digits
    return Normalized(text, tuple(road_numbers(toks, text)))
