"""Numbered roads: a number said after a road word is the road's, never a clock time.

"Ranch Road four thirty", "County Road eighteen", "Highway 44", "exit thirty one", "junction nine", "the m five",
"I-95": the road word (vocab ``road_words``, or "the" and a letter of a British road) comes first and its
number after. The number is often said like a time ("four thirty", "seven forty"), and normalising reads it as one
(4:30); :func:`road_numbers` gives it back to the road as a plain number, marked with :data:`ROAD_NUMBER`, so
:mod:`when` never takes it for the time of the incident and :mod:`where_phrase` reads the road whole. Streets
said where they cross ("on Eighth and Hickory") are read whole too (:func:`intersection_end`).
A compass word said after a street word is part of its name ("Tolland Road West"), :func:`compass_after_street`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.normalize import Token
    from voicelog.extract.where_grow import Growing
    from voicelog.extract.where_phrase import Reader

ROAD_NUMBER = rule("time.road-number", "A number said after a road word (route, highway, county road, exit, junction) "
                   "is the road's, never a clock time: 'ranch road four thirty' is no 4:30.",
                   said("a white pickup has idled by my gate on ranch road four thirty every night this week", None, fires=False),
                   said("On Sunday he waited in a lay-by on County Road Seven Forty for ages.", None, fires=False),
                   said("he flashed his lights at me off junction nine of the m five last night", None, fires=False),
                   said("at eight forty he was parked on the verge with his engine running", "20:40", fires=False))
NUMBERED_ROAD = rule("location.numbered-road", "A road said by its kind and number (County Road 18, Highway 44, Route 32, "
                     "exit thirty one) is one place, its number and all.",
                     said("my neighbour saw him idling by the grain elevator on county road eighteen at dusk",
                          "by the grain elevator on county road eighteen"),
                     said("He rode my bumper for miles down Highway Forty-Four, flashing his lights.", "Highway Forty-Four"),
                     said("he was parked outside the tyre place on route thirty two the one near the school",
                          "outside the tyre place on route thirty two"),
                     said("he pulled in behind me at the exit twenty minutes later", "the exit", fires=False))
CORNER = rule("location.corner-of", "\"the corner of 5th and Main\": a corner said by the two streets that meet there.",
              said("He was standing on the corner of 5th and Main.", "the corner of 5th and Main"),
              said("he was standing on the corner of fifth and main", "the corner of fifth and main"),
              said("at the intersection of elm and cedar he ran the red light", "the intersection of elm and cedar"))
INTERSECTION = rule("location.intersection", "Two streets said as where they cross (\"on Eighth and Hickory\", "
                    "\"second and poplar\") are one place, both streets and all.",
                    said("he left a note on my bike at the library on eighth and hickory", "the library on eighth and hickory"),
                    said("He was smoking outside the dry cleaner on Second and Poplar.", "outside the dry cleaner on Second and Poplar"),
                    said("he was waiting for me at larch and third after school", "larch and third"),
                    said("on the fifth and sixth of march he sat outside my flat", "outside my flat", fires=False))
STREET_COMPASS = rule("location.street-compass", "A compass word said right after a street word (\"Tolland Road West\") is "
                      "part of the street's name, not a direction.",
                      said("Dermot lurked by the railings outside the launderette on Tolland Road West when I got off.",
                           "by the railings outside the launderette on Tolland Road West"),
                      said("he was sat outside the chippy on dunmore road east for an hour",
                           "outside the chippy on dunmore road east"),
                      said("he followed me along Fenn Lane west of the bridge", "Fenn Lane", fires=False))
_COMPASS = frozenset(("north", "east", "south", "west"))
_NOT_NAMED = frozenset("of to towards into bound".split())
"""After a compass word: a direction from the street ("west of the bridge"), not part of its name."""
_GENERIC = frozenset("highway freeway expressway motorway interstate loop junction exit".split())
"""After "the" these are any such road or turning ("at the junction nine fifteen"), not one by its number."""
_BEFORE_I = frozenset("on onto off down up along take took taking via the".split())
"""Before "I" and a number: the interstate ("onto I ninety five"), not the speaker."""
_NUMBER_WORDS = re.compile(r"(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
                           r"|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|[\s,-])+")


@cache
def _road_words() -> tuple[frozenset[str], frozenset[str]]:
    entries = vocab.words("road_words")
    return frozenset(e for e in entries if " " not in e), frozenset(e for e in entries if " " in e)


def road_word_before(toks: list[Token] | tuple[Token, ...], i: int) -> bool:
    """The words just before toks[i] name a road that its number follows."""
    lowers = [t.lower for t in toks[max(0, i - 3):i] if t.text != "-"]  # Whisper's "I-95"
    if not lowers:
        return False
    singles, pairs = _road_words()
    last, before = lowers[-1], lowers[-2] if len(lowers) > 1 else ""
    if last in ("m", "a", "b") and before == "the":
        return True  # "the m five", "the a thirty eight"
    if last == "i" and (before in _BEFORE_I or toks[i - 1].text == "-" and toks[i - 2].text == "I"):
        return True  # "onto I ninety five", "I-95"
    if f"{before} {last}" in pairs:
        return True  # "county road", "state route"
    return last in singles and not (last in _GENERIC and before == "the")


def road_numbers(toks: list[Token], text: str) -> list[Token]:
    """Numbers and number-like times said right after a road word, made the road's plain numbers (marked
    :data:`ROAD_NUMBER`): "ranch road four thirty" is road 430, not 4:30."""
    units = vocab.words("when_units")
    out = list(toks)
    for i, t in enumerate(out):
        if t.kind not in ("num", "time") or not road_word_before(out, i):
            continue
        after = out[i + 1].lower if i + 1 < len(out) else ""
        if after in units or not _NUMBER_WORDS.fullmatch(text[t.start:t.end].lower()):
            continue  # "exit twenty minutes later", "route six o'clock"
        if t.kind == "time":
            hour, minute, _, bare = t.clock
            value = hour if bare else hour * 100 + minute  # "four thirty": 430; "one oh five": 105
            out[i] = replace(t, text=str(value), kind="num", value=value, rule=ROAD_NUMBER)
        else:
            out[i] = replace(t, rule=ROAD_NUMBER)
    return out


def is_road_number(token: Token) -> bool:
    """The token is a road's number (see :func:`road_numbers`)."""
    return token.kind == "num" and token.rule == ROAD_NUMBER


def intersection_end(reader: Reader, pos: int) -> int:
    """End of two streets said as where they cross, starting at words[pos] ("Eighth and Hickory", "second and poplar",
    "Oak and Third Street"), else pos. One is a numbered street (an ordinal); not a date ("fifth and sixth of May")
    nor a new clause ("fifth and then he..."). Two names at a corner are read by rule ``corner-of``."""
    from voicelog.extract.where_phrase import wl

    account, words = reader.account, reader.account.words
    if pos + 2 >= len(words) or words[pos + 1].lower != "and" or account.punct_after(pos) or account.punct_after(pos + 1):
        return pos
    first, second = words[pos], words[pos + 2]

    def street(word: Token, at: int) -> bool:
        return word.kind == "ord" or word.kind == "word" and word.lower not in wl("stop") \
            and word.lower not in wl("date_words") and reader._tag(at) in ("NOUN", "PROPN", "ADJ")

    if not (street(first, pos) and street(second, pos + 2)) or "ord" not in (first.kind, second.kind):
        return pos  # two names alone may be people or a firm ("Selby and Omar", "Hurst and Dale")
    end = pos + 3
    if end < len(words) and words[end].lower == "of" or any(w.lower in wl("people") for w in (first, second)):
        return pos  # "the fifth and sixth of May", "fifth and my mum"
    if end < len(words) and words[end].lower in wl("streets") and not account.punct_after(end - 1):
        end += 1  # "Oak and Third Street"
    return end


def corner_of(g: Growing) -> bool | None:
    """``corner-of`` (a step of :mod:`where_grow`): "the corner of 5th and Main" (numbered streets, names in Whisper's
    capitals, or two plain words in lower case)."""
    from voicelog.extract.where_phrase import wl
    from voicelog.extract.where_scores import SCORES

    words, pos = g.words, g.pos
    if words[pos - 1].lower not in ("corner", "junction", "intersection") or not g.ahead.startswith("of ") \
            or pos + 3 >= len(words) or words[pos + 2].lower != "and":
        return None
    first, second = words[pos + 1], words[pos + 3]

    def named(word: Token) -> bool:
        return word.kind == "ord" or word.kind == "word" and word.text[:1].isupper()

    def plain(word: Token) -> bool:
        return word.kind == "word" and word.lower not in wl("stop")

    if g.reader.account.punct_after(pos + 1) or not ((named(first) or plain(first)) and (named(second) or plain(
            second) and g.reader._tag(pos + 3) in ("NOUN", "PROPN", "ADJ"))):  # "fifth and main", "oak and birch" in lower case
        return None
    end = pos + 4
    end += end < len(words) and words[end].lower in wl("streets") and not g.reader.account.punct_after(end - 1)
    g.head, g.score = max(g.head, SCORES.street), max(g.score, SCORES.street)
    return g.took(end, CORNER)


def compass_after_street(reader: Reader, pos: int) -> bool:
    """Rule ``street-compass``: words[pos] is "east", "west", ... said right after a street word and is part of the
    street's name ("Tolland Road West" in Whisper's capitals, "tolland road west" in Vosk's text)."""
    from voicelog.extract.where_phrase import wl

    words = reader.account.words
    return 0 < pos < len(words) and words[pos].lower in _COMPASS and words[pos - 1].lower in wl("streets") \
        and not reader.account.punct_after(pos - 1) \
        and not (pos + 1 < len(words) and words[pos + 1].lower in _NOT_NAMED)
