"""Growing a place: the phrases after a place that make it more exact.

:mod:`voicelog.extract.where` finds the seeds (a cue and the phrase it opens, a self-correction, a known place, a
postcode) and weighs what grows from them; this module reads on from a seed, one step at a time (:data:`_STEPS`):
a postcode after it, "where I work", an apposition ("my work, the pharmacy on ..."), "the one on ...", a corner
("and Tanners Lane"), the route of a bus or train, and a connector with a further place ("on Hollin Road in
Dunmore"). Each step is a named rule (:mod:`voicelog.extract.rules`) and puts its name in the place's rules. It
respects Whisper's sentences: a place does not run on past a full stop, except into a sentence that is only a street.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract.roads import INTERSECTION, NUMBERED_ROAD, corner_of
from voicelog.extract.rules import rule, said
from voicelog.extract.where_attached import WAY_INTO, of_a_name, side_of, way_into
from voicelog.extract.where_named import ONE_LINK, ONE_WHICH, a_person, by_kind_then_name, by_name_after_kind
from voicelog.extract.where_named import bare_own_place as _bare_own_place
from voicelog.extract.where_named import bare_place as _bare_place
from voicelog.extract.where_phrase import CAR_PART, HOUSE_NUMBER, POSTCODE, ROAD_NUMBER, SHOP, STREET, Reader, nouns, wl
from voicelog.extract.where_ride import by_bus_number, by_ride_number, by_route
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover

    from voicelog.extract.normalize import Token

NOT_THEIR_THING = rule("location.not-their-thing", "\"on Elm Road in his silver Golf\": someone's car or bag is no part of the place.",
                       said("He was outside my sister's house on Elm Road in his silver Golf, flashing the lights.",
                            "outside my sister's house on Elm Road", fires=False),
                       said("she sat outside the gym on tanners lane in her car for an hour",
                            "outside the gym on tanners lane", fires=False))
UNIT = rule("location.unit-number", "\"my apartment, unit 4B\", \"the block, flat 3\": the unit's number is part of the place.",
            said("He was outside my apartment, unit 4B, at midnight.", "outside my apartment, unit 4B"),
            said("he was outside my apartment unit four b at midnight", "outside my apartment unit four b"))
EXTEND = rule("location.extend", "A further phrase makes a place more exact: the chemist on Hollin Road.",
              said("He was outside the chemist on Hollin Road.", "outside the chemist on Hollin Road"),
              said("he was in the car park behind the library", "the car park behind the library"),
              said("at nine in the car park behind the library dave was leaning on my car",
                   "the car park behind the library"),
              said("He was waiting at the corner of Quillan Road and Tanners Lane.",
                   "the corner of Quillan Road and Tanners Lane"))
WEAK_PART_AT = rule("location.weak-part-at", "\"the window at the drive-thru\": a bare door or window at a place is that place.",
                    said("He handed me a note through the window at the drive-thru on Mill Road.",
                         "the drive-thru on Mill Road"),
                    said("he handed me a note through the window at the drive thru on mill road",
                         "the drive thru on mill road"))
TWO_PLACES = rule("location.two-places", "\"at Larch Mall, in the food hall\": after a comma a second place is said in turn, not joined.",
                  said("I was at Larch Mall, in the food hall, and he sat down opposite me.", "Larch Mall", fires=False),
                  said("He was outside the back door, in the passage beside the house, on his phone.",
                       "outside the back door", fires=False),
                  said("He was outside the chemist, on Birch Road, for an hour.", "outside the chemist, on Birch Road",
                       fires=False))
CUT_AT_SENTENCE = rule("location.cut-at-sentence", "A place does not run on past a full stop: \"on Hollin Road in. Found it\".",
                       said("So I pulled into the car park on Birch Road in. Found it under the seat.",
                            "the car park on Birch Road", fires=False),
                       said("He was outside my house on Birch Road in. Waited there for an hour.",
                            "outside my house on Birch Road", fires=False))
FRAGMENT = rule("location.fragment", "A sentence that is only a street (\"outside the gym. On Birch Road.\") goes on the place.",
                said("He was outside the gym. On Birch Road. He didn't say a word.", "outside the gym. On Birch Road"),
                said("He was waiting by the bins. In Tanners Lane.", "by the bins. In Tanners Lane"))
THE_ONE_ON = rule("location.the-one-on", "\"the Plough, the one on Quarry Street\" is the Plough on Quarry Street.",
                  said("I was at the Plough, the one on Quarry Street, and he kept staring.",
                       "the Plough on Quarry Street"),
                  said("i was in the lidl the new one by the station when he came up behind me",
                       "the lidl by the station"))
WHERE_I_WORK = rule("location.where-i-work", "\"the bakery where I work\": a place said with who it belongs to.",
                    said("He came into the bakery where I work and left a card.", "the bakery where I work"),
                    said("He come in the bakery where I working and leave a card.", "the bakery where I working"),
                    said("He came into the Jolly Cooper, where I work on the till, and stared.", "the Jolly Cooper"),
                    said("he came into the jolly cooper where i work on the till and stared", "the jolly cooper where i work"),
                    said("he stood at the kiosk on tolland road east where i get my paper each morning",
                         "the kiosk on tolland road east", fires=False))
APPOSITION = rule("location.apposition", "\"my work, the pharmacy on Queen's Parade\": the exact second name wins.",
                  said("He turned up at my gym, PureFit on Birch Road, and waited by the door.", "PureFit on Birch Road"),
                  said("I was in Wilcox's, the corner shop, and he came in and stood in the shop staring.",
                       "Wilcox's, the corner shop"),
                  said("He came into the cafe where I work, the Bluebell on Mill Street, and sat there for an hour.",
                       "the Bluebell on Mill Street"),
                  said("he came into my work the bluebell on mill street and sat there for an hour",
                       "the bluebell on mill street"),
                  said("A parcel was left for me at the salon, Blush Beauty on Mill Road, this morning.",
                       "Blush Beauty on Mill Road"),
                  said("I dropped my son at school, Ashdene Primary, and his van was there.", "Ashdene Primary"),
                  said("At my work, the pharmacy on Queen's Parade, he came in and stared at me.",
                       "the pharmacy on Queen's Parade"),
                  said("he was at my work the pharmacy on queen's parade", "the pharmacy on queen's parade"),
                  said("He parked at the end of our road, Willow Close, and sat there.",
                       "at the end of our road, Willow Close"),
                  said("He was outside my flat, number 9 Larch Close, at midnight.",
                       "outside my flat, number 9 Larch Close"),
                  said("He was parked at the end of our street again, Willow Close, with his lights off.",
                       "at the end of our street, Willow Close"),
                  said("The flowers were left at the door of the flat, number 12 Larch Court.",
                       "the door of the flat, number 12 Larch Court"),
                  said("He walked into my new job, the Copper Kettle on Dean Road, and asked for me.",
                       "the Copper Kettle on Dean Road"),
                  said("i was at the wren the pub in hillfield when rory grabbed my arm", "the wren the pub in hillfield"),
                  said("He came to my shop, Amira Textiles on Kettle Street, and shouted.", "Amira Textiles on Kettle Street"),
                  said("He turned up at the nail bar I work at, Rosy Nails in the Kelby shopping centre, and shouted.", "Rosy Nails in the Kelby shopping centre"))

NAMED_ENOUGH = rule("location.named-enough", "\"the tram stop on Fenn Road, by the newsagent\": a place named by its street or own name ends before a landmark.",
                    said("Rory grabbed my sleeve at the tram stop on Fenn Road, by the newsagent.", "the tram stop on Fenn Road", fires=False),
                    said("rory grabbed my sleeve at the tram stop on fenn road by the newsagent", "the tram stop on fenn road", fires=False),
                    said("We were in the Greenhill Centre near the food court when he came over.", "the Greenhill Centre", fires=False))
VENUE_THEN_PART = rule("location.venue-then-part", "\"the Brellow Centre by the food court\": a part of a venue said after it stays out.",
                       said("i was in the brellow centre by the food court when he sat down next to me", "the brellow centre",
                            fires=False))
EVENT_AT_VENUE = rule("location.event-at-venue", "\"my friend's wedding reception at the Larch Hotel\": the place is the venue.",
                      said("He showed up at my brother's wedding reception at the Larch Hotel and made a scene.",
                           "the Larch Hotel"),
                      said("he turned up at my sister's birthday party at the cricket club", "the cricket club"))
AT_WORK_AT = rule("location.at-work-at", "\"at work at the Boots on Kellway Road\": the workplace said after \"work\" is the place.",
                  said("today at work at the boots on kellway road kayleigh came up to the till and shouted at me", "the boots on kellway road"),
                  said("I was at work in the bakery on Quillon Street when a card came for me.", "the bakery on Quillon Street"),
                  said("yesterday at work at the dentist's on fenn road a bunch of lilies came for me", "the dentist's on fenn road"),
                  said("the lad turned up on my job in the tyre place off exit four", "the tyre place off exit four"))
ON_THE_WAY = rule("location.on-the-way", "\"home from the gym, on the 57 bus\": a ride or a numbered road is no part of the place before it.",
                  said("I was heading home from the gym, on the 57 bus, and he took the seat across from me.", "the 57 bus", fires=False),
                  said("i was driving home from my gran's on the a fifty two and he stayed on my bumper for miles",
                       "the a fifty two", fires=False))

_RELATIVE = re.compile(r"(?:where|that) (?:i|he|she|we) (?:am |'m |is |was |were )?(?:work|works|worked|working|live|lives|"
                       r"living|go|goes|went|used to go|shop|usually go|get my \w+)(?: to| at)? |(?:i|we) (?:work|live) (?:at |in )?")
"""A place said with whose it is: "where I work", "that she goes to"."""
_OWN = frozenset("my our his her their".split())
_THEIRS = frozenset("his her their".split())
_UNITS = frozenset("unit flat apartment apt suite room".split())
_VERBS_AFTER = frozenset("was were is are has had have got looked seemed".split())
"""A verb right after a second place phrase makes it the subject of a new clause, not an apposition."""
_WORKPLACE = frozenset(("work", "job", "workplace", "place of work"))
"""Where the speaker works, said before the workplace itself ("on my job in the Kwikfit on ...")."""
_POSTCODE_FILLERS = frozenset("it's its that's thats it is postcode the in at".split())


@dataclass
class Seed:
    """A phrase that may be the place, before it is grown and weighed."""

    cue: str
    cue_start: int
    """Index of the cue's first word ("outside" in "outside the Londis"), or of the phrase when it has none."""
    start: int
    end: int
    """The phrase is words[start:end]."""
    head: float
    """How place-like the phrase is on its own (see ``SCORES``)."""
    rules: list[str] = field(default_factory=list)
    keep_cue: bool = False
    tail: tuple[int, str] | None = None
    """A postcode: the word its text is cut at, and the postcode as written after it."""
    corrected_to: bool = False
    """Said right after a self-correction ("no wait, the Aldi")."""


def _postcode_after(reader: Reader, pos: int) -> tuple[int, str] | None:
    """A postcode just after a place ("my house, it's SW1A 1AA"): its end and written form."""
    words = reader.account.words
    for skip in range(4):
        if pos + skip >= len(words) or skip and words[pos + skip - 1].lower not in _POSTCODE_FILLERS:
            return None
        found = reader.postcode_at(pos + skip)
        if found is not None:
            return found
    return None


@dataclass
class Growing:
    """A seed while the phrases after it make it more exact (see :data:`_STEPS`)."""

    reader: Reader
    seed: Seed
    pos: int
    """The next word to read."""
    end: int | None
    """End of the place so far; None while the seed alone is no place ("the Londis" before "on Hollin Road")."""
    head: float
    score: float
    text_start: int
    tail: tuple[int, str] | None
    rules: list[str]
    apposed: bool = False

    @property
    def words(self) -> tuple[Token, ...]:
        return self.reader.account.words

    @property
    def ahead(self) -> str:
        return " ".join(word.lower for word in self.words[self.pos:self.pos + 6])

    def took(self, end: int, rule_name: str) -> bool:
        """The place now runs to end, by rule_name."""
        self.end = self.pos = end
        self.rules.append(rule_name)
        return True


def _by_postcode(g: Growing) -> bool | None:
    """``postcode``: "my house, it's SW1A 1AA"."""
    if g.end is None or g.tail is not None or (postcode := _postcode_after(g.reader, g.pos)) is None:
        return None
    g.tail = (g.pos, postcode[1])
    return g.took(postcode[0], POSTCODE)


def _by_relative(g: Growing) -> bool | None:
    """``where-i-work``: "the Iceland where I work, on Brindle Lane"."""
    relative = _RELATIVE.match(g.ahead)
    if not relative or g.reader.account.punct_after(g.pos - 1) in (".", "?", "!", ";") or not (g.end is not None or g.reader.shop_like(g.seed.start, g.seed.end)):
        return None
    g.head, g.score = max(g.head, SCORES.place_noun), max(g.score, SCORES.place_noun)
    if g.end is not None and EXTEND in g.rules:
        g.rules.append(WHERE_I_WORK)
        return False  # "the kiosk on Tolland Road where I get my paper": named by its street, the clause says no more
    if g.reader.account.punct_after(g.pos - 1) == ",":
        if relative.group(0).startswith(("i ", "we ")):
            return None  # "locking up at the shop, I work at Nico's": a new clause, its own place
        g.end = g.end if g.end is not None else g.seed.end
        g.rules.append(WHERE_I_WORK)
        return False  # "the Jolly Cooper, where I work on the till": an aside, the place ends before it
    return g.took(g.pos + len(relative.group(0).split()), WHERE_I_WORK)


def _by_apposition(g: Growing) -> bool | None:
    """``apposition``: "my work, the pharmacy on Queen's Parade" (the second name replaces a bare "my work"),
    "my house, 42 Lime Street", "the tram, the red line"."""
    reader, pos, ahead, words = g.reader, g.pos, g.ahead, g.words
    if g.end is None and not g.apposed and _kind_apposed(g):
        g.apposed, g.score, g.head = True, SCORES.place_noun, SCORES.place_noun  # "the crown the pub in dunmore"
        return g.took(pos + 2, APPOSITION)
    if g.end is None or g.apposed or reader.account.punct_after(pos - 1) in (".", "?", "!", ";"):
        return None
    unpunctuated = not any(reader.account.punct_after(i) for i in range(len(words)))  # Vosk
    if words[pos].lower in ("again", "still") and (reader.account.punct_after(pos) == "," or unpunctuated) \
            and g.tail is None \
            and (end := reader.np_end(pos + 1)) > pos + 1 and reader.head(pos + 1, end).score >= SCORES.street:
        g.tail, g.apposed = (pos, reader.account.source(pos + 1, end)), True  # "our street again, Willow Close"
        return g.took(end, APPOSITION)
    if _named_apposition(g):
        g.text_start, g.apposed = pos, True  # "my gym, PureFit on Birch Road": the name is the exact place
        return g.took(reader.np_end(pos), APPOSITION)
    if _street_apposition(g):
        g.apposed = True  # "the end of our road, Willow Close", "my flat, number 9 Larch Close"
        end = reader.np_end(pos)
        if reader.head(pos, end).rule not in (STREET, HOUSE_NUMBER) and _bare_own_place(words[g.seed.start:g.seed.end]):
            g.text_start = pos  # "my work place, the Copper Kettle cafe": the name is the exact place
        return g.took(end, APPOSITION)
    if not (re.match(r"(?:the|my) ", ahead) or reader.house_number_at(pos)):
        return None
    link_end = reader.np_end(pos)
    if link_end < len(words) and words[link_end].lower in _VERBS_AFTER:
        return None  # "he'd been in the garden, the gate was open": a new clause, not a second name
    riding = words[g.seed.end - 1].lower in wl("transport")
    if link_end <= pos + 1 or not (reader.head(pos, link_end).score >= SCORES.place_noun or (
            riding and link_end - pos <= 3 and all(word.lower not in wl("stop") for word in words[pos + 1:link_end]))):
        return None
    bare = _bare_own_place(words[g.seed.start:g.seed.end]) or (pos == g.seed.end or g.rules[-1:] == [WHERE_I_WORK]) \
        and _bare_place(words[g.seed.start:g.seed.end])  # "the hotel where I work, the Larch on ..."
    if not riding and ahead.startswith("the ") and bare:  # "the shop, the big Spar on ...": not "the lobby of my block, the ..."
        g.text_start = pos  # the second name is the exact one
    g.apposed = True
    g.score = max(g.score, reader.head(pos, link_end).score)  # "Wilcox's, the corner shop": a place, said so
    return g.took(link_end, APPOSITION)


def _kind_apposed(g: Growing) -> bool:
    """"the crown the pub in dunmore": a name no list knows ("the crown") said just before what kind of place it
    is ("the pub") and where, in Vosk's unpunctuated text (Whisper's comma already makes it an apposition)."""
    reader, pos, words = g.reader, g.pos, g.words
    seed = [word.lower for word in words[g.seed.start:g.seed.end]]
    if not 2 <= len(seed) <= 3 or seed[0] != "the" or pos + 2 >= len(words) or words[pos].lower != "the" \
            or reader.account.punct_after(pos - 1) or not reader.shop_like(g.seed.start, g.seed.end) \
            or words[pos + 2].lower not in ("in", "on", "at", "off", "near", "by"):
        return False
    head = reader.head(pos, pos + 2)
    return head.score >= SCORES.place_noun and words[pos + 1].lower in wl("heads")


def _street_apposition(g: Growing) -> bool:
    """"our road, Willow Close", "my flat, number 9 Larch Close": a place said by whose it is (or a bare street
    word) named right after by its street or address."""
    reader, pos, words = g.reader, g.pos, g.words
    span = [word.lower for word in words[g.seed.start:g.seed.end]]
    if words[g.seed.end - 1].lower in wl("transport"):
        return False
    end = reader.np_end(pos)
    head = reader.head(pos, end) if end > pos else None
    if head is not None and head.rule == HOUSE_NUMBER and head.score >= SCORES.street:
        return True  # "the door of the flat, number 12 Larch Court": an address names any place before it
    return bool(_OWN & set(span) or span[-1:] and span[-1] in wl("streets")) and head is not None \
        and head.score >= SCORES.street


def _named_apposition(g: Growing) -> bool:
    """"my gym, PureFit on Birch Road", "at work, Hartwell Solicitors, he...": a capitalised name after a comma
    names a place said by whose it is; not a person ("at work, Dave came in")."""
    from voicelog.extract.names import first_names

    reader, pos, words = g.reader, g.pos, g.words
    cased = any(word.text[:1].isupper() for word in words[1:] if word.lower != "i")
    if (cased and reader.account.punct_after(pos - 1) != ",") or not _bare_place(words[g.seed.start:g.seed.end], longer=cased) \
            or pos != g.seed.end and g.rules[-1:] != [WHERE_I_WORK]:
        return False  # "my PG on 3rd Cross, Hillfield": the town after a street names no place of mine
    end = reader.np_end(pos)
    named = words[pos + (words[pos].lower == "the"):end]
    if end <= pos or not named or not reader.shop_like(pos, end) or (a_person(named) or named[-1].lower in wl("streets") if cased else any(word.lower in first_names() for word in named)):
        return False  # "at work, Dave came in", "our road, Willow Close" (a street); but "my shop, Amira Textiles on ..."
    if not cased:  # "my work the bluebell on market street": in lower case only a name on a street is sure
        after = reader.np_end(end + 1) if end + 1 < len(words) and words[end].lower in ("on", "in", "at", "off") else end
        return after > end + 1 and reader.head(end + 1, after).score >= SCORES.street
    if not all(word.text[:1].isupper() for word in named):
        return False
    return end >= len(words) or bool(reader.account.punct_after(end - 1)) or words[end].lower in wl("links")


_THE_ONE_ON = re.compile(rf"{ONE_WHICH} {ONE_LINK} ")


def _by_the_one_on(g: Growing) -> bool | None:
    """``the-one-on``: "the Plough, the one on Quarry Street"."""
    one = _THE_ONE_ON.match(g.ahead)  # "the Plough, the big one on Quarry Street"
    if not one or not (g.end is not None or g.reader.shop_like(g.seed.start, g.seed.end)) or EXTEND in g.rules \
            and one.group(0).endswith((" by ", " near ")):  # NAMED_ENOUGH: "X on Route 32, the one near the school"
        return False if one and EXTEND in g.rules else None
    start = g.pos + len(one.group(0).split())
    link_end = g.reader.np_end(start)
    if link_end <= start:
        return None
    g.head, g.score = max(g.head, SCORES.place_noun), max(g.score, SCORES.place_noun) + SCORES.the_one_on
    return g.took(link_end, THE_ONE_ON)


def _by_unit(g: Growing) -> bool | None:
    """``unit-number``: "my apartment, unit 4B", "the flats, flat 3", "my apartment unit four b"."""
    words, pos = g.words, g.pos
    if g.end is None:
        return None
    if words[pos].lower in _UNITS and not _ends_sentence(g.reader, pos - 1):
        at = pos + 1
    elif words[pos - 1].lower in _UNITS:
        at = pos
    else:
        return None
    if at >= len(words) or not (words[at].kind == "num" or words[at].kind == "word" and any(
            c.isdigit() for c in words[at].lower)):
        return None
    at += 1
    if at < len(words) and words[at].kind == "word" and len(words[at].lower) == 1 and words[at].lower not in "ai" \
            and not g.reader.account.punct_after(at - 1):
        at += 1  # "four b": the letter of "4B" said on its own
    return g.took(at, UNIT)


def _by_corner(g: Growing) -> bool | None:
    """``extend``: "the corner of Quillan Road and Tanners Lane"."""
    if not g.ahead.startswith("and ") or not {"corner", "junction", "crossroads"} & {
            word.lower for word in g.words[g.seed.start:g.pos]}:
        return None
    link_end = g.reader.np_end(g.pos + 1)
    return g.took(link_end, EXTEND) if g.reader.head(g.pos + 1, link_end).score >= SCORES.street else None


def _by_link(g: Growing) -> bool:
    """``extend``: a connector (vocab/where_links.txt) and a further place: "the Londis on Larkspur Avenue in
    Penrith". An unnamed shop before a street becomes the place ("the Co-op on Tollgate Road")."""
    reader, seed, words = g.reader, g.seed, g.words
    link = side_of(g) or next((link for link in _links() if g.ahead.startswith(link + " ")), None) or way_into(g)
    if link is None:
        return False
    link_start = g.pos + len(link.split())
    if link in ("by", "near", "next to") and g.end is not None and g.tail is None \
            and (EXTEND in g.rules or SHOP not in g.rules and g.head >= SCORES.place_noun + SCORES.capitalised):
        return False  # NAMED_ENOUGH: named by its street or its own name; a chain needs it ("the Costa by the station")
    part = " ".join(word.lower for word in words[link_start:reader.np_end(link_start)] if word.lower not in wl("determiners"))
    if link in ("by", "near", "in", "next to") and g.end is not None and g.tail is None and g.head >= SCORES.place_noun \
            and (part in wl("venue_parts") or any(part.endswith(" " + p) for p in wl("venue_parts"))):
        return False  # VENUE_THEN_PART: "the Brellow Centre by the food court": the venue is the place
    if any(_ends_sentence(reader, i) for i in range(g.pos, link_start)):
        return False  # "on Hollin Road in. Found it": the link word ends its sentence (CUT_AT_SENTENCE)
    link_end = reader.np_end(link_start)
    link_head = reader.head(link_start, link_end) if link_end > link_start else None
    if link_head is not None and link_head.score == 0 and (shorter := reader.head_end(link_start, link_end)) > link_start \
            and _first_name(words[shorter].lower):
        link_end, link_head = shorter, reader.head(link_start, shorter)  # run-on: "behind the library dave was"
    link_score = link_head.score if link_head is not None else -1.0
    if g.rules[-1:] == [WHERE_I_WORK] and link_score < SCORES.street:
        return False  # "the Jolly Cooper where I work on the till": where the speaker works in it, no further place
    if link_score < 0 or link_score < SCORES.place_noun and words[link_start].lower in _THEIRS:
        return False  # NOT_THEIR_THING: "in his silver Golf", "in her car": what someone had with them
    if link_head is not None and link in ("on", "in", "along", "up", "down") and (
            link_head.rule == ROAD_NUMBER or words[link_end - 1].lower in wl("transport")):
        return False  # ON_THE_WAY: "back from college, on the 58 bus", "from my mum's on the A41": the ride itself
    if g.end is not None and g.score >= SCORES.place_noun and reader.account.punct_after(g.pos - 1) == "," \
            and link in ("in", "inside", "at") and link_score > SCORES.not_a_place \
            and link_head is not None and link_head.rule not in (STREET, HOUSE_NUMBER):
        return False  # TWO_PLACES: "at Larch Mall, in the food hall": two places said in turn, not one
    fragment = False
    if _ends_sentence(reader, g.pos - 1):  # "outside the gym. On Hollin Road.": only a fragment goes on
        fragment = link in ("on", "in", "off") and link_score >= SCORES.street and (
            link_end >= len(words) or _ends_sentence(reader, link_end - 1))
        if not fragment:
            return False
    if link_score <= SCORES.not_a_place and (link in ("in", "on", "at", "from") and reader.unknown_name(
            link_start, link_end) or of_a_name(g, link, link_start, link_end)):
        link_score = SCORES.unknown_name  # "on Cheapside", "in Penrith"
    if link == "of" and g.end is not None and CAR_PART in g.rules and reader.is_vehicle(link_start, link_end):
        g.score = max(g.score, SCORES.place_noun)  # CAR_PART: "under the bumper of my van"
        return g.took(link_end, EXTEND)
    g.pos = link_end
    g.rules += [WAY_INTO] if link == "to" else []  # only way_into gives "to"; named once the link is taken
    if link_score <= SCORES.not_a_place:
        return True  # passed over: "in the back of ..."
    named = g.end is None and all(word.lower not in nouns() for word in words[seed.start:seed.end]
                                  if word.lower not in wl("determiners"))
    if g.end is None and link_score >= SCORES.street and link in ("on", "in", "off", "by", "near") \
            and reader.shop_like(seed.start, seed.end):
        named = True  # a place on a named street is more exact than the street
        g.head = max(g.head, SCORES.transport)
    g.score += max(link_score, SCORES.weak_noun) * (1.0 if named else SCORES.link_factor) \
        + (SCORES.named_link if named else 0.0)
    event = {words[seed.end - 1].lower, " ".join(word.lower for word in words[max(0, seed.end - 2):seed.end])} & wl("events")
    if link in ("at", "in") and link_score > SCORES.not_a_place and event \
            and g.text_start == seed.start and not g.apposed:
        g.text_start = link_start  # EVENT_AT_VENUE: "my friend's wedding reception at the Larch Hotel"
        g.rules.append(EVENT_AT_VENUE)
    elif g.end is None and g.text_start == seed.start and reader.is_vehicle(seed.start, seed.end):
        g.text_start = link_start  # NOT_A_VEHICLE: "sitting in his van in the car park" was in the car park
    elif SCORES.not_a_place < seed.head <= SCORES.weak_noun and g.end == seed.end and link in ("at", "in") \
            and link_score >= SCORES.place_noun and g.text_start == seed.start and not g.apposed:
        g.text_start = link_start  # WEAK_PART_AT: "the hatch at the kiosk at the garage": the kiosk
        g.rules.append(WEAK_PART_AT)
    g.rules += [link_head.rule] if link_head is not None and link_head.rule in (NUMBERED_ROAD, INTERSECTION) else []
    return g.took(link_end, FRAGMENT if fragment else EXTEND)


def _first_name(word: str) -> bool:
    from voicelog.extract.names import first_names

    return word in first_names()


def _ends_sentence(reader: Reader, i: int) -> bool:
    """Word i ends a sentence (Whisper's full stop, question mark...)."""
    return i >= 0 and reader.account.punct_after(i) in (".", "?", "!", ";")


_STEPS = (_by_postcode, _by_relative, by_ride_number, _by_apposition, _by_the_one_on, _by_unit, corner_of, _by_corner,
          by_bus_number, by_route, by_name_after_kind, by_kind_then_name, _by_link)
"""How a place grows, tried in this order after each phrase it takes: the first that answers decides
(True: it took a phrase, try again; False: the place ends here; None: not this step)."""


@cache
def _links() -> tuple[str, ...]:
    return tuple(sorted(wl("links"), key=len, reverse=True))


def grow(reader: Reader, seed: Seed) -> Growing:
    """The seed made as exact as the phrases after it allow (at most five steps); ``end`` is None if it is no
    place."""
    g = Growing(reader, seed, pos=seed.end, end=seed.end if seed.head > SCORES.not_a_place else None,
                head=seed.head, score=seed.head, text_start=seed.cue_start if seed.keep_cue else seed.start,
                tail=seed.tail, rules=list(seed.rules))
    for _ in range(5):
        if g.pos >= len(g.words) or not next((v for step in _STEPS if (v := step(g)) is not None), False):
            break
    _at_work_at(g)
    return g


def _at_work_at(g: Growing) -> None:
    """Rule ``at-work-at``: "at work at the Boots on Kellway Road": the workplace said right after a bare "work" is
    the place, said exactly (the place starts at it)."""
    words, seed = g.words, g.seed
    if g.end is None or g.text_start not in (seed.start, seed.cue_start) or g.apposed or g.tail is not None \
            or " ".join(word.lower for word in words[seed.start:seed.end]).removeprefix("my ") not in _WORKPLACE \
            or seed.end + 2 >= g.end or words[seed.end].lower not in ("at", "in") \
            or g.reader.account.punct_after(seed.end - 1) not in ("", ","):
        return
    g.text_start = seed.end + 1
    g.rules.append(AT_WORK_AT)
