"""Where it happened: the place as spoken, preferring the incident's place.

Works on lower-case unpunctuated text as well as punctuated, where spaCy's NER finds few places. In four steps,
each decision a named rule (:mod:`voicelog.extract.rules`) whose name goes into :attr:`Place.rules`:

1. An account of messages, calls or posts with no sign of anyone being there has no place (``not-in-person``).
2. Seeds: each cue phrase ("at", "outside", "next to": ``vocab/where_cues*.txt``) opens a noun phrase, which
   :class:`~voicelog.extract.where_phrase.Reader` reads and scores (a place noun, street, shop, part of a home,
   address, name, the bus being ridden); the phrase after a self-correction ("no wait, the Aldi"), a place the
   person confirmed before (``known_places``), a postcode, and a part of a home said before a verb of damage
   ("the kitchen window's been smashed") are seeds of their own.
3. Growing (:mod:`voicelog.extract.where_grow`): further phrases make a seed more exact ("on Carlton Road in
   Penrith", "the one on ...", "where I work", an apposition, the route of a bus, a postcode).
4. Weighing (:mod:`voicelog.extract.where_weigh`): cues of going somewhere, boarding, habits, where a following
   ended and a corrected place count less, "that's where it happened" and a place arrived at where the other
   person waited count more; the best scoring place wins, the earlier on a tie; a close rival makes it unsure.
   A bare part of a ride or a venue ("by the doors", "in the queue") is that ride or venue's. The scores are
   one table, :data:`~voicelog.extract.where_scores.SCORES`. A ranker learned from the development sets
   (:mod:`voicelog.extract.where_learned`, the hand score one of its features) overrules the pick when it is clear.

To add a way people say a place, add a line to a word list (a cue, a place noun, a shop in ``places.txt``) or a
small rule here with its examples. The cue phrases are found with one pattern built from the word lists rather
than spaCy's PhraseMatcher: it runs on the normalised text whether or not there is a parse (``doc`` may be
None) and costs less than the parse it would need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voicelog.extract.normalize import Normalized
from voicelog.extract.roads import STREET_COMPASS, compass_after_street
from voicelog.extract.rules import rule, said
from voicelog.extract.where_car_part import car_at_place
from voicelog.extract.where_got_off import got_off_at
from voicelog.extract.where_grow import EXTEND, THE_ONE_ON, WHERE_I_WORK, Seed, grow
from voicelog.extract.where_in_person import not_in_person
from voicelog.extract.where_learned import LEARNED_CHOICE, learned_choice
from voicelog.extract.where_named import the_one_dropped
from voicelog.extract.where_phrase import (
    CAR_PART,
    HOME_PART,
    PLACE_NOUN,
    SAINT,
    SHOP,
    UNKNOWN_NAME,
    Reader,
    phrases_rx,
    wl,
)
from voicelog.extract.where_pub import PUB
from voicelog.extract.where_scores import SCORES
from voicelog.extract.where_seeds import (
    DAMAGED,
    KNOWN,
    NAME_ON_STREET,
    a_time,
    correction_seeds,
    cue_rx,
    damage_seeds,
    known_seeds,
    name_on_street_seeds,
    opened_seeds,
    postcode_seeds,
)
from voicelog.extract.where_taken_back import TAKEN_BACK_PART, in_original, without_taken_back
from voicelog.extract.where_their_words import in_their_words
from voicelog.extract.where_venue_before import VENUE_BEFORE_LOCATOR, venue_start
from voicelog.extract.where_venue_name import VENUE_BEFORE_STREET, venue_before_street_seeds
from voicelog.extract.where_weigh import weigh

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc

RIDING = rule("location.on-transport", "On the bus, train or tram being ridden is where it happened.",
              said("He sat behind me on the 52 bus.", "the 52 bus"),
              said("he sat behind me on the fifty two bus and stared", "the fifty two bus"))
NOT_A_VERB = rule("location.not-a-verb", "A bare verb after \"to\" (\"want it to stop\") is no place; \"to work\" is.",
                  said("At the end of the day I just want it to stop.", None, fires=False),
                  said("He followed me to work and waited outside.", "work", fires=False))
NOT_AN_AGENT = rule("location.not-an-agent", "\"told by the court\" says who did it, not where; \"stood by the gates\" is where.",
                    said("He was warned by the magistrates to keep away from me, yet he was at the school gates.",
                         "the school gates", fires=False),
                    said("I got warned by the council about the noise.", None, fires=False),
                    said("I was attacked by the canal on my way home.", "by the canal", fires=False))
FILLERS = rule("location.fillers", "Fillers inside a place (\"the, um, the chemist\", \"on, uh, Birch Road\") are passed over.",
               said("He was outside the, um, the chemist on Birch Road.", "outside the, um, the chemist on Birch Road"),
               said("he was outside the um the chemist on birch road", "outside the um the chemist on birch road"),
               said("He was waiting at the bus stop on, uh, Tanners Lane.", "the bus stop on, uh, Tanners Lane"),
               said("He was waiting at the, like, bus stop.", "the, like, bus stop"))
RUN_ON = rule("location.run-on", "In run-on text a place ends at its place noun or street: not the names said after it.",
              said("today at six at the big stall in hillfield mall dunmore daves friend came and gave me a letter",
                   "hillfield mall"))
PERSON_FROM = rule("location.person-from", "\"Mr Hale from number six\", \"a man from the council\": where someone is from.",
                   said("Mr Hale from number six came up to my front gate and swore at me.", "my front gate", fires=False),
                   said("a woman from the housing office came to my flat", "my flat", fires=False),
                   said("The woman from the flat upstairs kept hammering on my door.", "my door", fires=False),
                   said("the man from next door came round to my back gate and swore at me", "my back gate", fires=False))
PART_OF_RIDE = rule("location.part-of-ride", "\"on the tram ... he stood by the doors\": a part of what was ridden is the ride.",
                    said("I got on the tram at Kelby and he stood by the doors glaring at me.", "the tram"),
                    said("i got on the tram at kelby and he stood by the doors glaring at me", "the tram"))
STACKED_CUE = rule("location.stacked-cue", "\"from outside the gym\": the inner cue decides (\"from\" does not make it a place gone from).",
                   said("I got a taxi from outside the Crown on Tanners Lane and his car pulled out behind us. The "
                        "driver went round the block twice.", "outside the Crown on Tanners Lane", fires=False))
NOT_A_DAY = rule("location.not-a-day", "\"it was bin day\", \"market day\": a day named after a thing is no place.",
                 said("It was bin day, so I was out front at seven and he drove past slowly.", None, fires=False))
PART_OF_VENUE = rule("location.part-of-venue", "\"in the Spar ... he was by the entrance\": the place is the Spar.",
                     said("i'd been in the spar on mill road and when i came back out he was standing by the entrance",
                          "the spar on mill road"),
                     said("I'd been in the Spar on Mill Road and when I came back out he was standing by the entrance.",
                          "the Spar on Mill Road", fires=False),
                     said("So at Dunmore this morning, he was in the foyer near the timetable.", "Dunmore"),
                     said("so at dunmore this morning he was in the foyer near the timetable", "dunmore"),
                     said("We were in the social club in Hillfield and he was stood behind the bar glaring.",
                          "the social club in Hillfield"))
NOW_ELSEWHERE = rule("location.where-i-am-now", "\"I'm at my sister's\" after a call: where the speaker is now, not a place of it.",
                     said("He rang me screaming down the phone. I'm at my sister's now.", None, fires=False),
                     said("he rung me at midnight screaming down the phone i'm staying at my aunty's for now", None,
                          fires=False))
FROM_SOMEONE = rule("location.from-someone", "\"it's from Rupert\", \"talked to Rupert\": from or to someone is no place.",
                    said("I haven't talked to Rupert in a year and he keeps ringing my mum.", None, fires=False),
                    said("I spoke to Sergeant Quennell and he said he'd ring Rupert.", None, fires=False),
                    said("I got a note today and it was from Lorcan, signed and all.", None, fires=False),
                    said("i found a card this morning its from rupert i know his writing", None, fires=False),
                    said("The card in the bouquet was from Rupert Vance again, same handwriting.", None, fires=False),
                    said("a box of chocolates came with a tag saying from r with love", None, fires=False))
IN_A_PICTURE = rule("location.in-a-picture", "\"a photo of me outside my flat\": a place in a photo or video is not where it happened.",
                    said("He gave my sister a picture of me outside the gym.", None, fires=False),
                    said("He posted a video of the outside of my house and tagged me.", None, fires=False),
                    said("She sent me a picture of my van parked outside my gym with a laughing face.", None,
                         fires=False),
                    said("i got a video from him of him standing outside my nan's bungalow in dunmore", None, fires=False),
                    said("He was taking photos of my house from the bus stop opposite.", "the bus stop", fires=False))
KNOWN_ABOUT = rule("location.known-about", "\"so he knew I was at the pool\": where someone knew the person was is no place.",
                   said("There's an app on my phone sharing my location, so he knows I was at the pool on Friday.", None,
                        fires=False))
ALL_OVER = rule("location.all-over", "\"eggs all over my front windows\": what was spread over a part of a home or car.",
                said("Someone threw paint all over my front windows last night.", "my front windows", fires=False),
                said("someone poured oil all over my car bonnet", "my car bonnet", fires=False),
                said("He was shouting and swearing all over the place and then he left.", None, fires=False))
OUT_THE_FRONT = rule("location.out-the-front", "\"out the front of my house\": \"out\" opens the front of a place, nothing else.",
                     said("Gone midnight he sat on the low wall out the front of our flat.", "the front of our flat"),
                     said("he was stood out the front of the flats for an hour", "the front of the flats"),
                     said("He threw my keys out the window and laughed.", None, fires=False))
THING_NOT_PLACE = rule("location.thing-not-place", "\"a letter in her gym bag\": a place noun that names a bag or pocket is no place.",
                       said("My daughter came home with a letter from him in her gym bag.", None, fires=False),
                       said("there was a card in my gym bag this morning", None, fires=False))

_PICTURED = re.compile(r"\b(?:photos?|pictures?|pics?|videos?|footage|selfies?|photographs?)\b(?: \S+){0,4}? of"
                       r"(?: (?:me|us)(?: \S+)?| the)$")
"""A photo or video of the person or their home just before a cue (rule ``in-a-picture``)."""
_PICTURED_THING = re.compile(r"\b(?:photos?|pictures?|pics?|videos?|footage|selfies?|photographs?)\b(?: \S+){0,4}? of"
                             r" (?:(?:him|her|them)(?: \S+)?|(?:my|our)(?: \S+){1,2})$")
"""A photo or video of their things or of the other person just before a cue ("a snap of our van by the gym",
"a video of him standing outside my flat"; rule ``in-a-picture``), unless someone was there taking it."""
_TAKING = re.compile(r"\b(?:take|takes|taking|took|taken|snap|snapping|snapped|film|filming|filmed)\b(?: \S+){0,2}"
                     r" (?:photos?|pictures?|pics?|videos?|footage|selfies?|photographs?)\b")
"""Someone taking the photo, who was there: "he was taking photos of my house from across the road"."""
_NEIGHBOURS = re.compile(r"(?:next door|(?:the |that )?(?:\w+ )?(?:flat|house|one|place) (?:downstairs|upstairs|below|above|"
                         r"opposite|next door|across the road|over the road))\b")
"""After "from": where a neighbour lives ("the woman from the flat upstairs", rule ``person-from``)."""
_SPOKEN = frozenset("spoken speak speaking spoke talk talked talking said say says told tell wrote write written sent send "
                    "sending give gave given married engaged introduced listen listened lied".split())
"""Before "to" and a first name: speaking or sending to someone, no place (rule ``from-someone``)."""
_POLICE_TITLES = frozenset("sergeant sgt pc dc constable officer detective inspector garda".split())
"""A police officer's title before a name (rule ``from-someone``: "spoke to Sergeant Quennell")."""
_SENT_BY = frozenset("was is were are it's its that's they're".split())
"""Before "from": a thing that came from someone ("it's from Rupert", rule ``from-someone``)."""
_PASSIVE = frozenset("been was were being be is are am get got gets getting gotten".split())


@dataclass(frozen=True)
class Place:
    """A place found in an account."""

    text: str
    """The place as spoken (a postcode in its written form)."""
    source: str
    """The spoken words including the cue."""
    score: float
    unsure: bool = False
    """Another place scored close to this one, or only a weak cue ("to", "from") introduced it."""
    rules: tuple[str, ...] = ()
    """The rules (:mod:`voicelog.extract.rules`) that found and shaped it."""


@dataclass(frozen=True)
class _Candidate:
    score: float
    cue_start: int
    end: int
    head: float
    place: Place
    cue: str = ""
    pictured: bool = False
    """A place in a photo or video (rule ``in-a-picture``): no candidate, nor is any phrase inside it."""


def find_where(account: Normalized, doc: Doc | None = None, known_places: Sequence[str] = ()) -> Place | None:
    """The incident's place, or None when none is said (or it happened online). known_places: places the
    person confirmed before, found even with no cue ("saw him in bramblewick deli")."""
    if not_in_person(account):
        return None
    account, doc, passed = _without_fillers(account, doc)
    whole = account
    account, doc, taken_back = without_taken_back(account, doc)
    reader = Reader.of(account, doc, known_places)
    seeds = [*_cue_seeds(reader), *correction_seeds(reader), *known_seeds(reader), *postcode_seeds(reader),
             *damage_seeds(reader), *name_on_street_seeds(reader), *opened_seeds(reader),
             *venue_before_street_seeds(reader)]
    tags = [token.tag_ for token in reader.doc] if reader.doc is not None else None
    candidates = [c for seed in seeds if (c := _grow(reader, seed)) is not None]
    pictured = [(c.cue_start, c.end) for c in candidates if c.pictured]
    place = _choose(account, [c for c in candidates if not any(start <= c.cue_start < end for start, end in pictured)],
                    tags)
    place = _venue_before(reader, candidates, place)
    if place is not None and taken_back:
        place = _put_back(whole, account, place, taken_back)
    if place is not None and passed:
        at = account.original.find(place.source)
        if any(at <= start and end <= at + len(place.source) for start, end in passed):
            place = replace(place, rules=(*place.rules, FILLERS))
    return place


def _put_back(whole: Normalized, shortened: Normalized, place: Place, taken_back: list[tuple[int, int]]) -> Place:
    """Rule ``taken-back-part``: the place read from the shortened account, its source the words as spoken (with what
    was taken back) and the rule in its provenance when a part of it was."""
    at = shortened.original.find(place.source)
    if at < 0:
        return place
    start, end = in_original(at, taken_back), in_original(at + len(place.source), taken_back)
    if not any(start < a < end for a, _ in taken_back):
        return place
    return replace(place, source=whole.original[start:end], rules=(*place.rules, TAKEN_BACK_PART))


def _without_fillers(account: Normalized, doc: Doc | None) -> tuple[Normalized, Doc | None, list[tuple[int, int]]]:
    """Rule ``fillers``: the account without the fillers said inside it ("the, um, the chemist", "at the, like, bus
    stop") and the comma after each, with its parse to match; and where in the original text each filler was."""
    tokens, words = account.tokens, account.words
    drop: set[int] = set()  # indices into tokens
    for k, token in enumerate(tokens):
        commas = 0 < k < len(tokens) - 1 and tokens[k - 1].text == "," and tokens[k + 1].text == ","
        if token.kind == "word" and (token.lower in wl("fillers") or token.lower == "like" and commas):
            drop.add(k)
            if k + 1 < len(tokens) and tokens[k + 1].kind == "punct" and tokens[k + 1].text == ",":
                drop.add(k + 1)
    if not drop:
        return account, doc, []
    kept = tuple(token for k, token in enumerate(tokens) if k not in drop)
    passed = [(tokens[k].start, tokens[k].end) for k in sorted(drop) if tokens[k].kind == "word"]
    if doc is not None and len(doc) == len(words):
        from spacy.tokens import Doc

        dropped = {id(tokens[k]) for k in drop}
        keep = [i for i, word in enumerate(words) if id(word) not in dropped]
        doc = Doc(doc.vocab, words=[doc[i].text for i in keep], pos=[doc[i].pos_ for i in keep],
                  tags=[doc[i].tag_ for i in keep])
    else:
        doc = None
    return Normalized(account.original, kept), doc, passed


def house_number(account: Normalized, pos: int) -> bool:
    """account.words[pos] is a house number before a street ("at seven Kings Road", "42 Tanner Street"), so no
    clock time though normalising may read it as one (for :mod:`voicelog.extract.when`)."""
    return Reader(account).house_number_at(pos)




def _cue_seeds(reader: Reader) -> Iterator[Seed]:
    """Each cue phrase and the noun phrase it opens (rules of where_phrase, ``on-transport``)."""
    account, words = reader.account, reader.account.words
    for match, cue_start, start in account.finditer(cue_rx()):
        cue = match.group(0)
        if cue == "out" and [word.lower for word in words[start:start + 3]] != ["the", "front", "of"]:
            continue  # OUT_THE_FRONT: "out the front of my house"; not "out the window", "out the door"
        end = reader.np_end(start)
        if end <= start or start > 0 and account.punct_after(start - 1) in (".", "?", "!", ";") or a_time(reader, start, end):
            continue  # "he turned up. Outside the gate, ...": a cue does not open the next sentence; TIME_NOT_PLACE
        if end - start == 1 and cue == "to" and reader.doc is not None and start < len(reader.doc) \
                and reader.doc[start].pos_ == "VERB" and words[start].lower not in wl("bare_places"):
            continue  # NOT_A_VERB: "I want it to stop", "he tried to park"; not "to the stop", "to work"
        if cue == "in" and start < len(words) and words[start].lower in ("law", "laws"):
            continue  # "my son-in-law Quentin": no place
        if cue == "by" and _agent(reader, cue_start) or cue == "from" and _person_from(reader, cue_start):
            continue  # NOT_AN_AGENT: "he's been told by the court"; PERSON_FROM: "Mr Hale from number six"
        head = reader.head(start, end)
        if cue == "all over" and head.rule not in (HOME_PART, CAR_PART):
            continue  # ALL_OVER: "paint all over my front door" is a place; "all over the place", "all over town" no
        if cue in ("from", "to") and head.rule in (None, UNKNOWN_NAME) and _sender(reader, cue_start, start, end):
            continue  # FROM_SOMEONE: "it's from Rupert", "I haven't talked to Rupert"
        run_on = head.score <= 0 and (shorter := reader.head_end(start, end)) > start
        if run_on and words[shorter].lower in wl("things"):
            continue  # THING_NOT_PLACE: "a letter in her gym bag"
        if run_on:
            end, head = shorter, reader.head(start, shorter)  # RUN_ON: "outside my workplace hartwell ..."
        if end < len(words) and words[end].lower in ("day", "days") and not account.punct_after(end - 1):
            continue  # NOT_A_DAY: "it was bin day"
        if head.score < 0 or reader.is_vehicle(start, end) or cue == "left" and head.score <= SCORES.not_a_place:
            continue  # online, a person, a body part, or "in his car": the place is elsewhere (where_phrase.NOT_A_VEHICLE)
        score, rules = head.score, [head.rule] if head.rule else []
        if (words[end - 1].lower in wl("transport") or words[end - 1].kind == "time") and score == SCORES.transport:
            # "on the 47 bus", "got the 6:15 train", "on the tram": riding it, the place of what happened
            if cue in wl("ride_cues") and not (cue == "on" and end - start == 1):
                score, rules = SCORES.riding, [RIDING]
        elif cue in wl("move_cues") or cue == "it was":
            score = score if score >= SCORES.place_noun else 0.0
        if score <= SCORES.not_a_place and cue in wl("name_cues") and reader.unknown_name(start, end):
            score, rules = SCORES.unknown_name, [UNKNOWN_NAME]  # "in Cheapside": a name we do not know
        if run_on and score > SCORES.not_a_place:
            rules.append(RUN_ON)
        if cue == "out":
            rules.append(OUT_THE_FRONT)
        yield Seed(cue, cue_start, start, end, score, rules, cue in wl("cues_kept"))


def _agent(reader: Reader, cue_start: int) -> bool:
    """Rule ``not-an-agent``: "by the court" after a passive verb ("was told by", "got warned by") says who did it
    when the noun is an institution (vocab/where_institutions.txt); "attacked by the canal" still says where."""
    words, doc = reader.account.words, reader.doc
    if doc is None or cue_start < 2 or cue_start > len(doc) or doc[cue_start - 1].tag_ != "VBN" \
            or words[cue_start - 2].lower not in _PASSIVE:
        return False
    end = reader.np_end(cue_start + 1)
    noun = " ".join(word.lower for word in words[cue_start + 1:end] if word.lower not in wl("determiners"))
    return noun in wl("institutions")


def _person_from(reader: Reader, cue_start: int) -> bool:
    """Rule ``person-from``: "from" right after a person ("Mr Hale from number six", "a woman from the council",
    "Jo from work") says where they are from, not where anything happened."""
    from voicelog.extract.names import first_names

    words = reader.account.words
    if cue_start == 0 or reader.account.punct_after(cue_start - 1):
        return False
    if _NEIGHBOURS.match(" ".join(word.lower for word in words[cue_start + 1:cue_start + 5])):
        return True  # "the woman from the flat upstairs", "Mr Hale from next door": where a neighbour lives
    before = words[cue_start - 1].lower
    return before in wl("people") or before in first_names() or before in ("someone", "somebody") or (
        cue_start >= 2 and words[cue_start - 2].lower in wl("titles") and words[cue_start - 1].kind == "word")


def _sender(reader: Reader, cue_start: int, start: int, end: int) -> bool:
    """Rule ``from-someone``: "from" and a first name, or a single name after "it's"/"it was" ("it's from Rupert"):
    who sent something, not a place."""
    from voicelog.extract.names import first_names

    words = [word for word in reader.account.words[start:end] if word.lower not in wl("determiners")]
    if not words or any(word.kind != "word" for word in words):
        return False
    before = reader.account.words[cue_start - 1].lower if cue_start > 0 else ""
    if all(word.lower in first_names() for word in words) and (
            reader.account.words[cue_start].lower == "from" or before in _SPOKEN):
        return True  # "from Rupert", "talked to Rupert"; but "went to Florence" may be a place
    if before in _SPOKEN and len(words) <= 3 and words[0].lower in wl("titles") | _POLICE_TITLES:
        return True  # "talked to Mrs Quennell", "spoke to Sergeant Quennell"
    if reader.account.words[cue_start].lower != "from" or len(words) > 2:
        return False
    if len(words) == 1 and before in _SENT_BY:
        return True  # "it's from Rupert"
    signed = words[0].lower in first_names() or len(words[0].lower) == 1  # "from Rupert Vance", "from D"
    after = " ".join(word.lower for word in reader.account.words[end:end + 2])
    return signed and (before in _SENT_BY or after in ("with love", "with all", "xx", "x")) and all(
        word.text[:1].isupper() for word in words) or len(words) == 1 and signed and after == "with love"


def _grow(reader: Reader, seed: Seed) -> _Candidate | None:
    """The seed made as exact as the next phrases allow (:func:`~voicelog.extract.where_grow.grow`), then weighed;
    None if it is no place."""
    account = reader.account
    before = " ".join(word.lower for word in account.words[max(0, seed.cue_start - 7):seed.cue_start])
    if phrases_rx("known_about", "$").search(before) or in_their_words(account, seed.cue_start):
        return None  # KNOWN_ABOUT: "so he knew I was at the pool"; IN_THEIR_WORDS: "saying I ought to come round to the caravan"
    g = grow(reader, seed)
    if g.end is None or g.score <= SCORES.not_a_place:
        return None
    if _PICTURED.search(before) or _PICTURED_THING.search(before) and not _TAKING.search(before):
        return _Candidate(score=SCORES.never, cue_start=seed.cue_start, end=g.end, head=g.head, pictured=True,
                          place=Place(text="", source="", score=SCORES.never))  # IN_A_PICTURE: "a photo of me outside my flat"
    if any(reader.saint_at(pos) for pos in range(g.text_start, g.end)):
        g.rules.append(SAINT)
    if any(compass_after_street(reader, pos) for pos in range(g.text_start + 1, g.end)):
        g.rules.append(STREET_COMPASS)
    score = g.score + weigh(account, seed, g.end, g.head, g.rules, riding=RIDING in g.rules)
    text = account.source(g.text_start, g.end) if g.tail is None else \
        ", ".join(part for part in (account.source(g.text_start, g.tail[0]).rstrip(" ,"), g.tail[1]) if part)
    if THE_ONE_ON in g.rules and not seed.keep_cue and EXTEND not in g.rules[:g.rules.index(THE_ONE_ON)]:
        text = the_one_dropped(text)  # "the Plough on Quarry Street"; a cue kept or a further phrase first: as said
    if DAMAGED in g.rules and text[-2:].lower() in ("'s", "’s"):
        text = text[:-2]  # "the kitchen window's been smashed": the window
    place = Place(text=text, source=account.source(seed.cue_start, g.end), score=score, rules=tuple(g.rules))
    return _Candidate(score=score, cue_start=seed.cue_start, end=g.end, head=g.head, place=place, cue=seed.cue)


def _venue_before(reader: Reader, candidates: list[_Candidate], place: Place | None) -> Place | None:
    """Rule ``venue-before-locator``: the town or street picked, with a venue named just before its cue, is that
    venue's (only the extent of the place picked changes)."""
    c = next((c for c in candidates if place is not None and c.place.source == place.source
              and c.place.text == place.text), None)
    if place is None or c is None or c.place.source[len(c.cue):].strip() != c.place.text \
            or (start := venue_start(reader, c.cue_start, c.end, c.cue, c.place.rules)) is None:
        return place
    text = reader.account.source(start, c.end)
    return replace(place, text=text, source=text, rules=(*place.rules, VENUE_BEFORE_LOCATOR))


def _choose(account: Normalized, candidates: list[_Candidate], tags: Sequence[str] | None = None) -> Place | None:
    """The best place; a phrase inside a longer place ("on Carlton Road" in "the gym on Carlton Road") is that
    place; earlier wins ties; a close rival or a correction just before makes it unsure."""
    if not candidates:
        return None
    words = account.words
    candidates = [c for c in candidates if VENUE_BEFORE_STREET not in c.place.rules or not any(
        other.end == c.end and other.place.text.lower() == c.place.text.lower() and VENUE_BEFORE_STREET not in
        other.place.rules for other in candidates)]  # another rule found the same venue: it says how
    candidates = [c for c in candidates if NAME_ON_STREET not in c.place.rules or not any(
        other.end == c.end and other.cue_start < c.cue_start and other.place.text.lower() == c.place.text.lower()
        for other in candidates)]  # an apposition that reached the same name says it ("my gym, PureFit on ...")
    # STACKED_CUE: "from outside the Crown": the same phrase opened by an inner cue it keeps ("outside") is that one
    candidates = [c for c in candidates if c.place.source == c.place.text or not any(
        other.place.text == c.place.text and other.end == c.end and other.cue_start > c.cue_start
        and other.place.source == other.place.text for other in candidates)]
    candidates = car_at_place(account, candidates)  # CAR_PART_AT_PLACE: "on the wing mirror of my van in the car park"
    candidates.sort(key=lambda candidate: (candidate.cue_start, -candidate.end))
    outer: list[_Candidate] = []
    last_end = -1
    for candidate in candidates:
        if candidate.cue_start < last_end:
            continue
        outer.append(candidate)
        if candidate.head > SCORES.not_a_place:  # only a real place swallows the phrases that extend it
            last_end = candidate.end

    def rank(candidate: _Candidate) -> float:
        return round(candidate.score - SCORES.earlier * candidate.cue_start / max(1, len(words)), 3)

    def stands_for(candidate: _Candidate) -> Place:  # rules platform-at, stop-at, part-of-ride, part-of-venue
        return got_off_at(account, candidate, candidates) or _part_of_ride(account, candidate, candidates) \
            or _part_of_venue(account, candidate, candidates) or candidate.place

    ranked = sorted(outer, key=rank, reverse=True)
    pick = learned_choice(account, outer, ranked[0], stands_for, tags)  # LEARNED_CHOICE; None: the hand's pick stands
    best = pick or ranked[0]
    ranked = [best, *(c for c in ranked if c is not best)]
    rival = next((other for other in ranked[1:] if other.place.text.lower() not in best.place.text.lower()
                  and best.place.text.lower() not in other.place.text.lower()), None)
    lead_in = " ".join(word.lower for word in words[max(0, best.cue_start - 6):best.cue_start])
    unsure = (rival is not None and best.score - rival.score < SCORES.close_rival) or best.score < SCORES.sure \
        or bool(re.search(r"\b(?:no not|not the|sorry|i mean|actually|or was it)\b", lead_in))
    place = stands_for(best)
    return Place(text=place.text, source=place.source, score=place.score, unsure=unsure,
                 rules=(*place.rules, LEARNED_CHOICE) if pick else place.rules)


def _part_of_ride(account: Normalized, best: _Candidate, candidates: list[_Candidate]) -> Place | None:
    """Rule ``part-of-ride``: a bare part of a vehicle ("by the doors", "the back seat") is the bus or tram being
    ridden, said earlier in the account."""
    lowers = [word.lower for word in account.words]
    parts = [lower for lower in lowers[best.cue_start:best.end] if lower not in wl("determiners")]
    if not parts or not all(lower in wl("bus_parts") or cue_rx().fullmatch(lower) for lower in parts) \
            or parts[-1] not in wl("bus_parts"):
        return None
    ride = next((c for c in candidates if RIDING in c.place.rules and c.cue_start < best.cue_start), None)
    if ride is None:
        return None
    return replace(ride.place, rules=(*ride.place.rules, PART_OF_RIDE))


def _part_of_venue(account: Normalized, best: _Candidate, candidates: list[_Candidate]) -> Place | None:
    """Rule ``part-of-venue``: a bare part of a venue ("in the queue", "on the concourse", vocab/where_venue_parts.txt)
    is in the shop or named place said before it, and the place is that venue ("the Spar on Mill Road"), as people
    name it."""
    lowers = [word.lower for word in account.words]
    part = " ".join(lower for lower in lowers[best.cue_start:best.end] if lower not in ("the", "that", "this")
                    and not cue_rx().fullmatch(lower))
    if not best.place.text.lower().endswith(part) or not any(
            part == p or part.endswith(" " + p) and len(part.split()) == len(p.split()) + 1 for p in wl("venue_parts")):
        return None  # "the queue", "the next aisle"
    venues = [c for c in candidates if c.end <= best.cue_start and best.cue_start - c.end <= SCORES.venue_reach
              and c.score > 0 and c.head >= SCORES.place_noun - SCORES.capitalised and c.cue != "from"
              and {SHOP, UNKNOWN_NAME, KNOWN, PUB, PLACE_NOUN, WHERE_I_WORK} & set(c.place.rules)
              and not any(c.place.text.lower().endswith(p) for p in wl("venue_parts"))]
    if not venues:
        return None
    venue = max(venues, key=lambda c: (c.score, c.end, -c.cue_start))  # "the rugby club in Dunmore", not "Dunmore"
    return Place(text=venue.place.text, source=venue.place.source, score=best.place.score,
                 rules=(*venue.place.rules, PART_OF_VENUE))

