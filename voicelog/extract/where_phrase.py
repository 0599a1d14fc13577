"""Reading one place phrase: where its noun phrase ends, how place-like it is, and the named scores.

:mod:`voicelog.extract.where` finds the cue phrases and weighs the candidates; this module reads the words a
cue opens. The word lists are data (``vocab/where_*.txt``; the shops, chains and venues are ``vocab/places.txt``
plus the person's own ``places.txt``), the scores one table (:data:`~voicelog.extract.where_scores.SCORES`), and each kind of place phrase a
named rule (:mod:`voicelog.extract.rules`) whose name :meth:`Reader.head` returns with its score.

UK postcodes are read with the pattern the UK Government published for them (the Cabinet Office's Government Data
Standards Catalogue, as in its Bulk Data Transfer schema), applied to letters and numbers spoken one by one ("s w one
a one a a") as well as written ("SW1A 1AA"); no postcode library is needed for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import roads, vocab
from voicelog.extract.normalize import Normalized, normalize
from voicelog.extract.roads import INTERSECTION, NUMBERED_ROAD, intersection_end, is_road_number
from voicelog.extract.rules import rule, said
from voicelog.extract.where_firm import joins, named
from voicelog.extract.where_online import online
from voicelog.extract.where_pub import PUB, pub_name, pub_word
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Doc

STREET = rule("location.street", "A name followed by a street word (Road, Lane, Close, Parade) is a place.",
              said("He followed me the whole way down Aspen Lane.", "Aspen Lane"),
              said("he was shouting at me on hollin road", "hollin road"))
PLACE_NOUN = rule("location.place-noun", "A cue (at, in, outside, next to...) opens a phrase ending in a place noun.",
                  said("He was waiting at the bus stop again.", "the bus stop"),
                  said("he was stood outside my flat for an hour", "outside my flat"),
                  said("he was sat at the bike shelters with his mates", "the bike shelters"))  # a plural, no vehicle
SHOP = rule("location.shop-name", "A shop, chain or venue from places.txt is a place, even said in lower case.",
            said("he followed me round the aldi", "the aldi"),
            said("He was round at Tesco's when he saw me.", "Tesco's"))
HOME_PART = rule("location.home-part", "A part of a home (front door, kitchen window, side passage) is a place.",
                 said("He was at my kitchen window at midnight.", "my kitchen window"),
                 said("he was hiding in the side passage", "the side passage"),
                 said("He put a box of chocolates on the doorstep.", "the doorstep"),
                 said("He was standing at the front door shouting.", "the front door"),
                 said("he was parked on my driveway", "my driveway"))
HOUSE_NUMBER = rule("location.house-number", "A house number before a street is part of the address.",
                    said("He was waiting at fourteen Kings Road when I got there.", "fourteen Kings Road"),
                    said("he was waiting at fourteen kings road when i got there", "fourteen kings road"),
                    said("He turned up at number 9 Larch Close and knocked.", "number 9 Larch Close"),
                    said("He was outside 22b Sorrel Avenue.", "outside 22b Sorrel Avenue"),
                    said("He was outside No. 9 Larch Close.", "outside No. 9 Larch Close"),
                    said("He was hanging about outside number 12.", "outside number 12"))
POSTCODE = rule("location.postcode", "A UK postcode, written or spoken letter by letter, is part of the place.",
                said("He came to my house, it's SW1A 1AA, and banged on the door.", "my house, SW1A 1AA"),
                said("he was outside the flats at l s six two q x", "outside the flats, LS6 2QX"),
                said("he knocked at the door at nine larch close b twenty three six qt", "nine larch close, B23 6QT"))
CAR_PART = rule("location.car-part", "A part of a car (my car windscreen, the bumper of my van) is a place.",
                said("A single white lily had been left on my car windscreen overnight.", "my car windscreen"),
                said("the garage found a tracker stuck up behind the front wheel arch of my van", "behind the front wheel arch of my van"))
NO_BODY_PART = rule("location.no-body-part", "A body part after a cue (by the arm, in the face) is not a place.",
                    said("He grabbed me by the arm and pulled me.", None, fires=False),
                    said("He hit me in the face.", None, fires=False),
                    said("he grabbed me by the arm on quillan road", "quillan road", fires=False))
NOT_A_VEHICLE = rule("location.not-a-vehicle", "Someone's car or van is where they sat, not where it happened.",
                     said("He sat in his car outside the school gates.", "outside the school gates", fires=False))
ROAD_NUMBER = rule("location.road-number", "A road by its number (the M6, the A38) is a place.",
                   said("He tailgated me all the way along the M6 flashing his lights.", "the M6"),
                   said("he tailgated me all the way along the m six flashing his lights", "the m six"),
                   said("he drove behind me all the way down the a six one six", "the a six one six"))
SOMEONES_HOME = rule("location.someones-home", "\"round my mum's\", \"outside mine\": someone's home said by whose it is.",
                     said("He turned up round my mum's and started shouting.", "my mum's"),
                     said("he was hanging around outside mine all evening", "outside mine"),
                     said("i was round at sarah's and he kept driving past", "sarah's"))
SAINT = rule("location.saint", "\"St\" or \"St.\" before a name is Saint, part of the place's name.",
             said("He was waiting outside St. Anne's school when I picked the kids up.", "outside St. Anne's school"),
             said("He followed me down St Swithin's Road.", "St Swithin's Road"),
             said("he followed me down saint swithins road", "saint swithins road"))
UNKNOWN_NAME = rule("location.unknown-name", "A name (capitalised, or led by a word no dictionary knows) after a cue is a place.",
                    said("He was waiting for me in Thornbury.", "Thornbury"), said("he was waiting for me in thornbury", "thornbury"),
                    said("he sat in the car park at brellow green retail park", "the car park at brellow green retail park", fires=False),
                    said("he turned up at the reception at dorvale logistics", "the reception at dorvale logistics", fires=False))
MOVABLE = rule("location.movable-not-place", "\"they torched our wheelie bin\": a bin moved or burnt is what was damaged, not where.",
               said("Someone torched our wheelie bin round the side of the garage overnight.", "the side of the garage",
                    fires=False),
               said("somebody kicked the wheelie bin over on my drive at two", "my drive", fires=False),
               said("I found him sitting behind the bins at the back of my block.", "behind the bins", fires=False))
_POSTCODE_PIECE = re.compile(r"[a-z0-9]{1,4}")
"""A piece of a postcode as written or said: letters and digits, up to four."""
_POSTCODE = re.compile(r"(GIR0AA)|((([A-Z][0-9]{1,2})|(([A-Z][A-HJ-Y][0-9]{1,2})|(([A-Z][0-9][A-Z])|"
                       r"([A-Z][A-HJ-Y][0-9][A-Z]?))))([0-9][A-Z]{2}))")
"""The UK Government's postcode pattern (Government Data Standards Catalogue), upper case, without the space."""

_POSSESSIVE, _AFTER_PUB = frozenset("my our his her their your".split()), frozenset("on in by near off at opposite pub hotel inn arms".split())


@cache
def wl(name: str) -> frozenset[str]:
    """Word list ``where_<name>`` (``vocab/where_<name>.txt``)."""
    return vocab.words(f"where_{name}")


@cache
def phrases_rx(name: str, tail: str = r"\b") -> re.Pattern[str]:
    """The phrases of list ``where_<name>`` as one pattern, longest first, whole words."""
    found = sorted(vocab.entries(f"where_{name}"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in found) + r")" + tail)


@cache
def _multi_heads() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The place heads of more than one word ("car park"), by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for head in _ends()[0]:
        words = tuple(head.split())
        out.setdefault(words[0], []).append(words)
    return {first: tuple(heads) for first, heads in out.items()}


@cache
def _ends() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Place heads of more than one word ("car park"), parts of a home ("kitchen window") and their last words."""
    parts = sorted(vocab.entries("where_home_parts"), key=len, reverse=True)  # "flat door" before "door"
    return (tuple(" " + h for h in vocab.entries("where_heads") if " " in h), tuple(parts),
            frozenset(part.split()[-1] for part in parts))


def _brands(extra: frozenset[str] = frozenset()) -> frozenset[str]:
    """Shops, chains and venues (places.txt, the person's own, the places they confirmed), words joined by "_"."""
    return frozenset(p.replace(" ", "_") for p in vocab.words("places")) | extra


def known_words(places: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The places a person confirmed, as the lower-case words normalising gives them."""
    out = []
    for place in places:
        found = tuple(word.lower for word in normalize(place).words)
        while found and found[0] in wl("determiners"):
            found = found[1:]  # "the Copperleaf" is found as "copperleaf", with or without "the"
        if found and found not in out:
            out.append(found)
    return tuple(out)


_THEIR_OWN = frozenset(("his", "her", "their"))  # someone else's: "his car door" is where he sat (rule car-part)


@dataclass(frozen=True)
class Head:
    """How place-like a phrase is, and the rule that says so."""

    score: float
    rule: str | None = None


@dataclass(frozen=True)
class Reader:
    """Reads place phrases in one account."""

    account: Normalized
    doc: Doc | None = None
    known: tuple[tuple[str, ...], ...] = ()
    """Places the person confirmed before, as words (see :func:`known_words`)."""
    brands: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, account: Normalized, doc: Doc | None, known_places: Sequence[str] = ()) -> Reader:
        known = known_words(known_places)
        return cls(account, doc, known, _brands(frozenset("_".join(k) for k in known)))

    @property
    def lowers(self) -> list[str]:
        return [word.lower for word in self.account.words]

    def brand_at(self, lowers: list[str], start: int) -> int:
        """Length of a shop or chain name at lowers[start] ("co op", "marks and spencer"), else 0."""
        for size in (5, 4, 3, 2, 1):
            if len(lowers[start:start + size]) == size and "_".join(lowers[start:start + size]) in self.brands:
                return size
        return 0

    def known_spans(self) -> list[tuple[int, int]]:
        """Where the places the person confirmed are said, as word spans."""
        lowers = self.lowers
        return [(i, i + len(k)) for k in self.known for i in range(len(lowers) - len(k) + 1)
                if tuple(lowers[i:i + len(k)]) == k]

    def house_number_at(self, pos: int) -> bool:
        """words[pos] is a house number: a number ("14", "fourteen", "22b") then a street within three words."""
        words = self.account.words
        if pos >= len(words):
            return False
        word = words[pos]
        number = word.kind == "num" or re.fullmatch(r"\d+[a-z]?", word.lower) or (
            word.kind == "time" and word.clock[1] == 0
            and re.fullmatch(r"[a-z ]+|\d+", self.account.source(pos, pos + 1).lower()))
        if not number:
            return False
        for later in range(pos + 1, min(len(words), pos + 5)):
            if self.account.punct_after(later - 1) not in ("", "," if later == pos + 1 and word.kind == "num" else ""):
                return False  # "we said seven. Kings Road was empty"; but "at 42, Birch Road" as Whisper writes it
            lower = words[later].lower
            if lower in wl("streets") and later > pos + 1 and words[later - 1].lower not in wl("determiners"):
                return True
            if lower in wl("stop") or words[later].kind != "word":
                return False
        return False

    def postcode_at(self, pos: int) -> tuple[int, str] | None:
        """A UK postcode starting at words[pos]: (end, "SW1A 1AA"), written or spoken one letter or number at a
        time ("s w one a one a a"), else None."""
        words = self.account.words
        if words[pos].lower in ("i", "a") and not words[pos].text.isupper() or not words[pos].lower[:1].isalpha():
            return None
        joined = ""
        for end in range(pos, min(len(words), pos + 8)):
            piece = words[end].lower
            inward_letters = len(piece) == 2 and piece.isalpha() and len(joined) >= 3 and joined[-1].isdigit()
            if not _POSTCODE_PIECE.fullmatch(piece) or (len(piece) > 1 and not any(c.isdigit() for c in piece)
                                                              and not inward_letters):  # "... six qt": the last two
                return None
            joined += piece.upper()
            if end > pos and len(joined) >= 5 and _POSTCODE.fullmatch(joined):
                return end + 1, f"{joined[:-3]} {joined[-3:]}"
            if len(joined) > 7:
                return None
        return None

    def postcodes(self) -> list[tuple[int, int, str]]:
        """Every postcode in the account: (start, end, "SW1A 1AA"), none inside another."""
        found, pos = [], 0
        while pos < len(self.account.words):
            here = self.postcode_at(pos)
            if here is not None:
                found.append((pos, here[0], here[1]))
            pos = here[0] if here is not None else pos + 1
        return found

    def saint_at(self, pos: int) -> bool:
        """words[pos] is "St" or "Saint" before a name ("St. Anne's school", "saint swithins road"), not a street's "St"."""
        if pos + 1 >= len(words := self.account.words) or words[pos].lower not in ("st", "saint"):
            return False
        name = words[pos + 1]
        return name.kind == "word" and name.lower not in wl("stop") and name.lower not in wl("streets") and (
            name.text[:1].isupper() or name.lower.endswith(("'s", "s")) and words[pos].lower == "saint"
            or name.lower.endswith("'s") and words[pos].text.islower())  # Vosk's "st swithin's"

    def multi_head_at(self, pos: int) -> bool:
        """A place noun of several words ("car park", "bus stop") starts at words[pos]."""
        return self.multi_head_size(pos) > 0

    def multi_head_size(self, pos: int) -> int:
        """How many words the place noun of several words starting at words[pos] has ("drive thru": 2), else 0."""
        words = self.account.words
        if pos >= len(words) or (heads := _multi_heads().get(words[pos].lower)) is None:
            return 0
        following = tuple(word.lower for word in words[pos:pos + 3])
        return max((len(head) for head in heads if following[:len(head)] == head), default=0)

    def np_end(self, first: int) -> int:
        """End (exclusive) of the noun phrase starting at word first, or first when there is none."""
        account, words, pos = self.account, self.account.words, first
        if [word.lower for word in words[pos:pos + 3]] == ["a", "and", "e"]:
            return pos + 3  # "in A and E"
        if pos + 2 < len(words) and words[pos].lower == "the" and words[pos + 1].lower in ("m", "a", "b") \
                and words[pos + 2].kind == "num" and not account.punct_after(pos + 1):
            return self._road_end(pos + 1)  # "the a six one six": "a" is no article here
        while pos < len(words) and words[pos].lower in wl("determiners") and pos - first < 2 \
                and account.punct_after(pos) not in (".", "?", "!", ";"):  # "through her. I'm staying" has no "her I'm"
            pos += 1
        noun_start = pos  # the first word after the determiners
        if noun_start == first and (crossing := intersection_end(self, pos)) > pos:
            return crossing  # INTERSECTION: "on Eighth and Hickory", "second and poplar"
        while pos < len(words):
            lower = (word := words[pos]).lower
            if pos > noun_start and account.punct_after(pos - 1) in (",", ".", "?", "!", ";") \
                    and not (words[pos - 1].lower == "no" and account.punct_after(pos - 1) == ".") \
                    and not (pos - 1 == noun_start and (self.saint_at(pos - 1) or self.house_number_at(pos - 1))) \
                    and not (words[pos - 1].lower in wl("titles") and word.text[:1].isupper()):  # "No. 9", "Dr. Singh's"
                break
            if pos > first and self.postcode_at(pos) is not None:
                break  # the postcode is read as a further phrase (where.py)
            if pos > noun_start and is_road_number(word):
                pos += 1  # NUMBERED_ROAD: "County Road 18", "Ranch Road four thirty", "Highway 44"
                continue
            if word.kind in ("time", "num", "ord") and not (pos > 0 and words[pos - 1].lower in wl("numbered")) \
                    and not any(later.lower in wl("transport") for later in words[pos + 1:pos + 3]) \
                    and not (pos == noun_start and self.house_number_at(pos)) \
                    and not (word.kind == "ord" and pos + 1 < len(words) and words[pos + 1].lower in wl("streets")):
                break  # but "14 Kings Road", "Ninth Avenue", "platform 2", "the 52 bus" go on
            if pos == noun_start and lower in wl("own_homes"):
                return pos + 1  # "outside mine", "round hers"
            next_three = [later.lower for later in words[pos:pos + 3]]
            if next_three == ["a", "and", "e"]:
                pos += 3
                continue
            brand_size = self.brand_at(next_three, 0)
            if brand_size > 1:
                pos += brand_size
                continue
            if lower == "and" and joins(self, noun_start, pos) or lower == "and" and noun_start > first \
                    and words[noun_start - 1].lower == "the" and pos + 1 < len(words) \
                    and (pos == noun_start + 1 and self.pub_name(noun_start - 1, pos + 2) and not (
                        pos + 2 < len(words) and self._tag(pos + 2) in ("NOUN", "PROPN")
                        and words[pos + 2].lower not in wl("pub_heads") and words[pos + 2].kind == "word")
                         or noun_start < pos <= noun_start + 2 and pos + 2 < len(words) and self._pub_word(pos + 1)
                         and words[pos + 2].lower in _AFTER_PUB):
                pos += 2  # "the Rose and Crown", "the Fox and Hounds on" (rule pub-name), "at Mercer and Hale" (firm-and)
                continue
            if pos > noun_start and roads.compass_after_street(self, pos):
                return pos + 1  # STREET_COMPASS: "Tolland Road West" ends the name; not "Fenn Lane west of the bridge"
            if pos > noun_start and words[pos - 1].lower in wl("streets") and lower not in wl("heads") \
                    and lower not in wl("streets") and not (pos - 1 == noun_start and self.saint_at(pos - 1)) \
                    and not self.multi_head_at(pos):  # "St Anne's", "the Station Road car park"
                break
            if lower in wl("date_words"):
                break
            if pos == noun_start and lower in ("m", "a", "b") and pos + 1 < len(words) \
                    and words[pos + 1].kind == "num" and account.punct_after(pos) == "":
                return self._road_end(pos)  # "the m 6": a road's number
            if lower == "no" and pos == noun_start and (self.house_number_at(pos + 1) or account.punct_after(pos) == "."
                                                        and pos + 1 < len(words) and words[pos + 1].kind == "num"):
                pos += 1  # "No. 9 Larch Close", "No. 14"
                continue
            if lower in wl("stop") and lower != "one" and not (lower in wl("streets") and pos > noun_start) \
                    and not (lower in ("back", "front") and pos + 1 < len(words)
                             and words[pos + 1].lower.removesuffix("'s") in wl("heads")) and not self.multi_head_at(pos) \
                    or lower in ("home", "back") and pos > noun_start and words[pos - 1].lower in wl("transport"):
                break  # but "the back door", "the night bus"; "the bus home" is the bus
            tag = self._tag(pos)
            following = words[pos + 1].lower if pos + 1 < len(words) else ""
            next_is_head = self.multi_head_at(pos) or lower not in wl("stop") and (
                following in wl("heads") or following in wl("streets") and (
                    pos + 2 >= len(words) or words[pos + 2].lower not in wl("heads")))
            if self.brand_at([lower], 0):
                pos += 1  # "outside the next simon came up": a shop's name, then a person's
                if pos < len(words) and _someone(words[pos].lower) and words[pos].lower not in wl("heads"):
                    break
                continue
            if (size := self.multi_head_size(pos)) > 1:
                pos += size  # "the drive thru", "the bus stop"
                continue
            if tag == "VERB" and lower.endswith("ed") and pos == noun_start and any(
                    later.lower in wl("heads") for later in words[pos + 1:pos + 4]):
                pos += 1  # "the reformed baptist church", "the converted barn": a participle as adjective
                continue
            if tag in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADP", "ADV", "PART", "INTJ", "PUNCT", "DET") \
                    and not (lower in wl("heads") or lower in wl("streets") or lower in wl("car_parts") or lower.endswith("'s")
                             or word.text[:1].isupper() or next_is_head):  # "my back garden", "the front door"
                break
            pos += 1
        return pos if pos > noun_start else first

    def _road_end(self, pos: int) -> int:
        """End of a road's number at words[pos] ("m", "a", "b"): "a 38", "a six one six" said digit by digit."""
        words, end = self.account.words, pos + 2
        while end < len(words) and words[end].kind == "num" and words[end].number < 10 \
                and not self.account.punct_after(end - 1) and end - pos <= 4:
            end += 1
        return end

    def head_end(self, start: int, end: int) -> int:
        """The end of the longest place in words[start:end] that stops at a place noun or street word, when the
        words after it are something else ("outside my workplace hartwell solicitors" in Vosk's run-on text);
        start when there is none."""
        for stop in range(end - 1, start, -1):
            lower = self.account.words[stop - 1].lower
            if lower in wl("heads") or lower in _ends()[2] or lower in wl("car_parts") or lower in wl("streets") and stop - 1 > start:
                return stop
        return start

    def is_vehicle(self, start: int, end: int) -> bool:
        lowers = [word.lower for word in self.account.words[start:end] if word.kind == "word"]
        vehicles = wl("vehicles")
        return bool(lowers) and lowers[-1] in vehicles and lowers[0] not in ("the",) or (
            len(lowers) >= 2 and lowers[0] in ("his", "her", "their", "a") and lowers[-1] in vehicles)

    def unknown_name(self, start: int, end: int) -> bool:
        """words[start:end] look like a proper name: capitalised, or led by a word no dictionary knows (then nouns)."""
        from voicelog.extract.names import common_words

        found = [word for word in self.account.words[start:end] if word.lower not in wl("determiners")]
        if not found or len(found) > 3 or any(
                online([w.lower for w in found], i) or word.lower in wl("stop") for i, word in enumerate(found)):
            return False
        if all(word.text[:1].isupper() for word in found) or len(found) == 2 and self.saint_at(
                next(i for i in range(start, end) if self.account.words[i].lower not in wl("determiners"))):
            return True  # "at saint bertram's": a saint's name, in Vosk's lower case too
        if len(found) > 1 and not all(word.kind == "word" and word.text.islower() for word in found):
            return False  # several words in lower case only as Vosk prints them: "at marrowby fields"
        first = found[0].lower.removesuffix("'s") if len(found) > 1 else found[0].lower  # "bryn's motors", not "my cousin's party"
        return found[0].kind == "word" and first not in common_words() and first not in nouns() and all(
            word.lower not in common_words() or word.lower in nouns() for word in found[1:])  # "at kelbrook insurance"

    def _tag(self, pos: int) -> str:  # spaCy's part of speech, "NOUN" with no parse
        return self.doc[pos].pos_ if self.doc is not None and pos < len(self.doc) else "NOUN"

    def _pub_word(self, pos: int) -> bool:
        return pub_word(self, pos)

    def pub_name(self, start: int, end: int) -> str:
        return pub_name(self, start, end)

    def shop_like(self, start: int, end: int) -> bool:
        """words[start:end] can name a shop or venue: "the Co-op", "Halfords"; not "him" or "my car"."""
        found = [word for word in self.account.words[start:end] if word.lower not in wl("determiners")]
        if not found or len(found) > 4:
            return False
        return not any(word.lower in wl("stop") or word.lower in wl("people") or online([w.lower for w in found], i)
                       or word.lower in wl("vehicles") or word.kind in ("time", "num") for i, word in enumerate(found)) \
            and self.account.words[start].lower not in ("my", "his", "her", "their")

    def head(self, start: int, end: int) -> Head:
        """How place-like the noun phrase words[start:end] is, and which rule says so."""
        span = self.account.words[start:end]
        lowers = [word.lower for word in span]
        if not lowers:
            return Head(0.0)
        joined = " ".join(lowers)
        if any(joined == thing or joined.endswith(" " + thing) for thing in wl("movables")):
            return Head(0.0)  # MOVABLE: "they torched our wheelie bin": the thing damaged, not the place
        if len(lowers) > 2 and roads.compass_after_street(self, end - 1):
            lowers, joined = lowers[:-1], joined.rsplit(" ", 1)[0]  # STREET_COMPASS: "Tolland Road West" is a street
        heads = [lower for lower, word in zip(lowers, span, strict=False) if word.kind not in ("num", "ord", "time")]
        last = heads[-1] if heads else lowers[-1]
        if any(online(lowers, i) or lower in wl("people") and last not in wl("heads") and last != "place"
               for i, lower in enumerate(lowers)):
            return Head(SCORES.never)  # a person, but "my friend Amy's house" is a place
        pub = self.pub_name(start, end)
        if last in wl("body_parts") and not pub and (end >= len(self.account.words)
                                                     or self.account.words[end].lower != "of"):
            return Head(SCORES.never, NO_BODY_PART)
        if any(tuple(lowers[i:i + len(k)]) == k for k in self.known for i in range(len(lowers))):
            return Head(SCORES.known_place, "location.known-place")
        if last in wl("transport") or (2 <= len(lowers) <= 3 and lowers[0] == "the" and span[1].kind == "time"):
            return Head(SCORES.transport, PLACE_NOUN)  # scored by the cue: "on the 47 bus" is a place, "to the bus" is not
        if (last in wl("car_parts") or " ".join(lowers[-2:]) in wl("car_parts")) and lowers[0] not in _THEIR_OWN:
            car = any(lower in wl("vehicles") for lower in lowers)  # "my car windscreen"; a bare "the bonnet" is weak
            return Head(SCORES.place_noun if car else SCORES.weak_noun, CAR_PART)  # not "his car door"
        if last in wl("vehicles") or (len(lowers) >= 2 and lowers[-2] in wl("vehicles") and last not in wl("heads")
                                          and not (last[-1:] == "s" and last[:-1] in wl("heads"))):  # "bike sheds"
            return Head(SCORES.vehicle)
        if last in wl("own_homes") or last.endswith("'s") and len(lowers) <= 2 and _someone(last[:-2]) or (
                last == "place" and len(lowers) >= 2 and (lowers[-2].endswith("'s") or lowers[-2] in _POSSESSIVE)):
            return Head(SCORES.place_noun, SOMEONES_HOME)  # "my mum's", "outside mine", "my mother's place"
        bare = [lower for lower in lowers if lower not in wl("determiners")]
        if re.fullmatch(r"[mab]\d{1,4}", "".join(bare)) or lowers[0] == "the" and re.fullmatch(r"a\d{1,4}", "".join(lowers[1:])):
            return Head(SCORES.street, ROAD_NUMBER)  # "the M6", "the a 38"
        if len(bare) == 2 and bare[0] in ("number", "no") and span[-1].kind == "num":
            return Head(SCORES.place_noun, HOUSE_NUMBER)  # "outside number 12"
        multi_heads, home_parts, _ = _ends()
        found: Head
        if intersection_end(self, start) == end > start + 2:
            found = Head(SCORES.street, INTERSECTION)  # "Eighth and Hickory"
        elif len(span) >= 2 and is_road_number(span[-1]) and span[-2].kind == "word":
            found = Head(SCORES.street, NUMBERED_ROAD)  # "County Road 18", "Route 32", "exit thirty one"
        elif pub:  # "the Foresters Arms", "the Rose and Crown"; in lower case "the coach and horses" counts less
            found = Head(SCORES.place_noun if pub == "named" else SCORES.unknown_name, PUB)
        elif last in wl("streets") and len(lowers) >= 2 and lowers[-2] not in wl("determiners") \
                and not joined.endswith(multi_heads):  # "the car park", "the hospital car park" are no street
            numbered = lowers[0] in ("number", "no") or self.house_number_at(start + (lowers[0] in wl("determiners")))
            found = Head(SCORES.street, HOUSE_NUMBER if numbered else STREET)
        elif (part := next((p for p in home_parts if joined == p or joined.endswith(" " + p)), None)) \
                and len(heads) >= 2:  # "my kitchen window"; "my window" alone is a weak place
            found = Head(SCORES.weak_noun if part in wl("weak_heads") else SCORES.place_noun, HOME_PART)
        elif "a and e" in joined or any(self.brand_at(lowers, pos) for pos in range(len(lowers))):
            found = Head(SCORES.place_noun, SHOP)
        elif last in wl("heads") or joined.endswith(multi_heads) or last[-1:] == "s" and last[:-1] in wl("heads"):
            found = Head(SCORES.place_noun if last not in wl("weak_heads") else SCORES.weak_noun, PLACE_NOUN)
        elif last in wl("streets"):  # "the road" is vague, "my road" is where I live
            found = Head(SCORES.place_noun if lowers[0] in _POSSESSIVE and len(lowers) == 2 else SCORES.weak_noun,
                         PLACE_NOUN)
        else:
            found = Head(0.0)
        if any(word.text[:1].isupper() for word in span if word.lower != "i") and start > 0:
            found = Head(found.score + SCORES.capitalised, found.rule or named(lowers, UNKNOWN_NAME))
        return found


def _someone(word: str) -> bool:
    """word names a person: a relation ("mum", "neighbour") or a first name ("sarah")."""
    from voicelog.extract.names import first_names

    return word in wl("people") or word in first_names()


@cache
def nouns() -> frozenset[str]:
    """English nouns spaCy's lemma table knows (empty if it is missing)."""
    try:
        from voicelog.extract.nlp import lemma_table

        return frozenset(lemma_table("lemma_index")["noun"])
    except Exception:
        return frozenset()
