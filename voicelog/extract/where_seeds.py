"""Seeds of a place said with no cue: a part of a home that was damaged or named as mine, the phrase after a
self-correction, a place the person confirmed before, a postcode, and a shop or venue named before its street.

:mod:`voicelog.extract.where` opens the seeds that follow a cue ("at", "outside": :func:`cue_rx`) and weighs them
all; this module finds the others, each a named rule (:mod:`voicelog.extract.rules`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_firm import joins
from voicelog.extract.where_grow import Seed
from voicelog.extract.where_phrase import CAR_PART, HOME_PART, PLACE_NOUN, POSTCODE, Head, Reader, wl
from voicelog.extract.where_scores import SCORES
from voicelog.extract.where_weigh import corrections_rx

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

KNOWN = rule("location.known-place", "A place the person confirmed before is a place even with no cue or capital.",
             said("saw him in the saffron loft again", None, fires=False))  # known: see tests/test_extract_where.py
DAMAGED = rule("location.damaged", "\"the kitchen window's been smashed\": a part of a home that was damaged is the place.",
               said("I went downstairs at seven and the kitchen window's been smashed.", "the kitchen window"),
               said("i went downstairs at seven and the kitchen window's been smashed", "the kitchen window"),
               said("Some time in the night the front of the house got splattered with paint.", "the front of the house"),
               said("Overnight the side door's been kicked in.", "the side door"),
               said("i came downstairs and found my kitchen window smashed in", "my kitchen window"),
               said("When I got back the letterbox on the front gate had been ripped off.",
                    "the letterbox on the front gate"))
HOME_PART_NO_CUE = rule("location.home-part-no-cue", "\"he was banging my back door\": a part of my home said with no cue.",
                        said("He was banging my back door at three in the morning.", "my back door"),
                        said("my neighbour saw him rattling the latch of my back door at three am", "my back door"))
OPENED_TO_FIND = rule("location.opened-to-find", "\"I opened the back door and there was a rose\": the part of the home opened is the place.",
                      said("When I opened the back door this morning there was a smashed jam jar on it.", "the back door"),
                      said("i went to open the side gate and it had a carrier bag tied to it", "the side gate"),
                      said("I opened the back door because he kept knocking.", None, fires=False))
_FOUND_AFTER = re.compile(r"(?:\S+ ){0,6}?(?:there was|there were|there's|there is|it had|i found|i saw)\b")
"""After the part of a home opened: what the person found there (rule ``opened-to-find``)."""
NAME_ON_STREET = rule("location.name-on-street", "\"the Copper Kettle on Heath Lane\": a shop or venue named before its street, no cue needed.",
                      said("I was walking out the Copper Kettle on Heath Lane when he grabbed my arm.",
                           "the Copper Kettle on Heath Lane"),
                      said("we were walking out the co op on heath lane when he pulled at my sleeve", "the co op on heath lane"),
                      said("I run a little shop, Harrow Lodge on Elm Street, and he came in shouting.",
                           "Harrow Lodge on Elm Street"),
                      said("My mum cleans for a church, Bethel Mission on Tanners Lane, and he waited by her car.",
                           "Bethel Mission on Tanners Lane"),
                      said("I saw Dave on Elm Street and he shouted at me.", "Elm Street", fires=False))

TIME_NOT_PLACE = rule("location.time-not-place", "\"at lunchtime at the lookout\", \"on the ninth, at ...\": a time after a cue is no place.",
                      said("At lunchtime at the lookout on Fenn Road he came and sat beside me.",
                           "the lookout on Fenn Road", fires=False),
                      said("on the twelfth at the chemist on fenn road he pushed in front of me",
                           "the chemist on fenn road", fires=False),
                      said("I saw him at the gym on Fenn Road at lunchtime.", "the gym on Fenn Road", fires=False),
                      said("He sat across from me on the six fifteen again.", "the six fifteen", fires=False))


def a_time(reader: Reader, start: int, end: int) -> bool:
    """Rule ``time-not-place``: words[start:end] say only when (a date, a clock time, "lunchtime", "the weekend")."""
    found = [word for word in reader.account.words[start:end] if word.lower not in wl("determiners")]
    said = " ".join(word.lower for word in found)
    kinds = ("ord", "date") if reader.account.words[start].lower == "the" else ("ord", "date", "time")
    return bool(found) and (said in wl("times") or all(word.kind in kinds for word in found))  # "the 7:40" is a train


_DAMAGE = re.compile(r"(?:'s|was|were|is|are|has|have|had|got)?(?: been| got)?(?: \w+ly| all| just| completely| totally)?"
                     r" (?:smashed|broken|broke|gone|egged|bashed|kicked|slashed|keyed|scratched|sprayed|graffitied|damaged"
                     r"|cut|dented|vandalised|vandalized|painted|set on fire|burnt|burned|torched|wrecked|ripped|pulled"
                     r"|knocked|tampered|daubed|covered|splattered|smeared|forced|jemmied|prised|prized|hanging off)\b")
"""A verb of damage after a phrase: "the kitchen window's been smashed", "the side gate's been kicked in"."""
@cache
def cue_rx() -> re.Pattern[str]:
    cues = sorted(wl("cues") | wl("cues_kept"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def damage_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``damaged``: a place noun or part of a home said just before a verb of damage, with no cue ("the
    kitchen window's been smashed", "the side gate's been kicked in")."""
    account, words = reader.account, reader.account.words
    lowers = reader.lowers
    damage = bool(_DAMAGE.search(account.lower))  # most accounts have none: read no phrase for it
    for start, word in enumerate(words):
        if word.lower not in ("my", "our") and not (damage and word.lower == "the"):
            continue
        end = reader.np_end(start)
        if reader.head(start, end).score <= 0 and not lowers[end - 1].endswith("'s") \
                and (shorter := reader.head_end(start, end)) > start + 1:
            end = shorter  # "found my back window smashed": the phrase ends at its place noun
        if end <= start + 1:
            continue
        first_end = end
        if end + 1 < len(words) and lowers[end] in ("of", "on", "at", "in", "by") and not account.punct_after(end - 1):
            further = reader.np_end(end + 1)  # "the front of the house", "the letterbox on the front gate"
            if further > end + 1 and reader.head(end + 1, further).score >= SCORES.place_noun:
                end = further
        last = lowers[end - 1]
        owned = last.endswith("'s")
        after = ("'s " if owned else "") + " ".join(lowers[end:end + 5])
        if account.punct_after(end - 1) in (".", "?", "!", ";") or not (_DAMAGE.match(after) or _DAMAGE.match(" " + after)):
            if word.lower in ("my", "our") and not owned and (start == 0 or not cue_rx().fullmatch(lowers[start - 1])) \
                    and reader.head(start, first_end) == Head(SCORES.place_noun, HOME_PART):  # not "my window"
                yield Seed("", start, start, first_end, SCORES.home_part_no_cue, [HOME_PART_NO_CUE])  # "banging my back door"
            continue
        if owned:
            phrase = " ".join([*lowers[start + 1:end - 1], last[:-2]])
            place = phrase in wl("home_parts") or any(phrase.endswith(" " + part) for part in wl("home_parts")) \
                or last[:-2] in wl("heads") and last[:-2] not in wl("weak_heads")
        else:
            head = reader.head(start, end if first_end < len(lowers) and lowers[first_end] == "of" else first_end)
            place = head.rule == HOME_PART or head.score >= SCORES.place_noun and head.rule == PLACE_NOUN
        if place:
            yield Seed("", start, start, end, SCORES.place_noun, [DAMAGED])


def opened_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``opened-to-find``: a part of a home the person opened, with no cue, when they found something there
    ("when I pulled open the back door there was a jar on the step")."""
    lowers = reader.lowers
    for k, lower in enumerate(lowers[:-2]):
        if lower not in ("open", "opened", "opening") or lowers[k + 1] not in ("the", "my", "our"):
            continue
        end = reader.np_end(k + 1)
        after = " ".join(lowers[end:end + 9])
        openable = reader.head(k + 1, end).rule == HOME_PART or lowers[end - 1] in ("gate", "gates")  # not "the shop"
        if end > k + 2 and openable and _FOUND_AFTER.match(after):
            yield Seed("", k + 1, k + 1, end, SCORES.place_noun, [HOME_PART, OPENED_TO_FIND])


def _person_word(word: str) -> bool:
    """A title or a first name: the start of a person's name, not a place's."""
    from voicelog.extract.names import TITLES, any_first_names

    return word in TITLES or word in any_first_names()


_RESTATED = frozenset("it's it is was i mean think that's".split())
"""Words between a self-correction and the place it gives ("no, sorry, it's Fenn Square")."""


def correction_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``self-correction``: the phrase right after "no wait", "I mean", "sorry" (no cue needed)."""
    words = reader.account.words
    bare_no = [(k, k + 1) for k, word in enumerate(words[:-1])
               if word.lower == "no" and reader.account.punct_after(k) == "," and words[k + 1].text[:1].isupper()]
    found = [(match.group(0), start) for match, _, start in reader.account.finditer(corrections_rx())]
    found += [("no", start) for _, start in bare_no if all(start != other for _, other in found)]
    for said_, start in found:
        while start < len(words) - 1 and words[start].lower in _RESTATED:
            start += 1  # "no, sorry, it's Fenn Square": the place after "it's"
        if "not" in said_.split() or start >= len(words) or cue_rx().fullmatch(words[start].lower) \
                or _person_word(words[start].lower):
            continue  # "no, not the Iceland" takes a place back; "no wait, at the Aldi": the cue opens it; a person
        end = reader.np_end(start)
        head = reader.head(start, end) if end > start else None
        if head is not None and head.score >= 0 and not reader.is_vehicle(start, end) and (
                head.score > SCORES.not_a_place or reader.shop_like(start, end)):  # "the White Hart on Quarry Street"
            yield Seed(said_, start, start, end, head.score, [head.rule] if head.rule else [],
                        corrected_to=True)


def known_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``known-place``: a place the person confirmed before, wherever it is said."""
    words = reader.account.words
    for start, end in reader.known_spans():
        start -= start > 0 and words[start - 1].lower == "the"
        yield Seed("", start, start, end, SCORES.known_place, [KNOWN])


def postcode_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``postcode``: a postcode on its own is a place."""
    for start, end, postcode in reader.postcodes():
        yield Seed("", start, start, end, SCORES.street, [POSTCODE], tail=(start, postcode))




def name_on_street_seeds(reader: Reader) -> Iterator[Seed]:
    """Rule ``name-on-street``: a shop or venue said just before "on" and a street, with no cue of its own ("coming
    out the Co-op on Larch Road", "I run a shop, Nico's on Dean Road"): a shop by name, a place noun, a
    capitalised name or a possessive ("Nico's"); not a person ("I saw Dave on Elm Street") nor someone's things."""
    from voicelog.extract.names import first_names

    account, words = reader.account, reader.account.words
    cased = any(word.text[:1].isupper() for word in words[1:] if word.lower != "i")
    for on in range(1, len(words) - 1):
        if words[on].lower not in ("on", "off") or account.punct_after(on - 1) or account.punct_after(on) \
                or words[on - 1].lower in wl("streets"):
            continue
        street_end = reader.np_end(on + 1)
        if street_end <= on + 1 or reader.head(on + 1, street_end).score < SCORES.street:
            continue
        found: Seed | None = None  # the longest name: "the Green Kettle cafe", not "cafe"
        for start in range(on - 1, max(-1, on - 6), -1):
            if start < on - 1 and account.punct_after(start) or cue_rx().fullmatch(words[start].lower):
                break
            if reader.np_end(start) != on or not (reader.shop_like(start, on) or joins(reader, start, start + 1)):
                continue
            named = [word for word in words[start:on] if word.lower not in wl("determiners")]
            if named[-1].lower in first_names() or named[-1].lower in wl("weak_heads") or any(
                    word.lower in wl("date_words") for word in named):
                break  # "I saw Dave on Elm Street", "Tuesday on Elm Street"; but "Bethel Mission", "Ridley Phone Repairs"
            head = reader.head(start, on)
            if head.rule != CAR_PART and head.score >= SCORES.place_noun or named[-1].lower.endswith("'s") or cased and all(
                    word.text[:1].isupper() or word.lower == "and" for word in named):
                found = Seed("", start, start, on, max(head.score, SCORES.unknown_name), [NAME_ON_STREET])
        before = " ".join(word.lower for word in words[max(0, found.start - 2):found.start]) if found is not None else ""
        last = before.split(" ")[-1]
        if found is not None and not (cue_rx().fullmatch(last) and last != "out") and not cue_rx().fullmatch(before) \
                and last not in ("till", "until", "til", "untill"):  # "out" opens only "the front of" (out-the-front)
            yield found  # after a cue ("nipped into the chemist on Mill Road") the cue's own seed is it
