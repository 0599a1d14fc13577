"""Where it happened: the place as spoken, preferring the incident's place.

Works on lower-case unpunctuated text as well as punctuated, where spaCy's NER finds few places. In four steps,
each decision a named rule (:mod:`voicelog.extract.rules`) whose name goes into :attr:`Place.rules`:

1. An account of messages, calls or posts with no sign of anyone being there has no place (``not-in-person``).
2. Seeds: each cue phrase ("at", "outside", "next to": ``vocab/where_cues*.txt``) opens a noun phrase, which
   :class:`~voicelog.extract.where_phrase.Reader` reads and scores (a place noun, street, shop, part of a home,
   address, name, the bus being ridden); the phrase after a self-correction ("no wait, the Aldi"), a place the
   person confirmed before (``known_places``) and a postcode are seeds of their own.
3. Growing: further phrases make a seed more exact ("on Carlton Road in Penrith", "the one on ...", "where I
   work", an apposition, the route of a bus, a postcode).
4. Weighing: cues of going somewhere, boarding, habits and a corrected place count less; the best scoring
   place wins, the earlier on a tie; a close rival makes it unsure. The scores are one table,
   :data:`~voicelog.extract.where_phrase.SCORES`.

To add a way people say a place, add a line to a word list (a cue, a place noun, a shop in ``places.txt``) or a
small rule here with its examples. The cue phrases are found with one pattern built from the word lists rather
than spaCy's PhraseMatcher: it runs on the normalised text whether or not there is a parse (``doc`` may be
None) and costs less than the parse it would need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized, Token
from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import POSTCODE, SAINT, SCORES, UNKNOWN_NAME, Reader, nouns, phrases_rx, wl

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc

NOT_IN_PERSON = rule("location.not-in-person", "Messages, calls and posts with nobody there in person have no place.",
                     said("He sent me ten messages on Instagram calling me names.", None, fires=False),
                     said("he messaged me on instagram while i was at the gym", None, fires=False))
RIDING = rule("location.on-transport", "On the bus, train or tram being ridden is where it happened.",
              said("He sat behind me on the 52 bus.", "the 52 bus"),
              said("he sat behind me on the fifty two bus and stared", "the fifty two bus"))
ROUTE = rule("location.route", "The route of the bus or train ridden makes it exact: the train from Dunmore.",
             said("He was on the train from Dunmore and sat opposite me.", "the train from Dunmore"),
             said("He was on the 8.15 train to Leeds sitting opposite me.", "the 8.15 train to Leeds"))
EXTEND = rule("location.extend", "A further phrase makes a place more exact: the chemist on Hollin Road.",
              said("He was outside the chemist on Hollin Road.", "outside the chemist on Hollin Road"),
              said("he was in the car park behind the library", "the car park behind the library"),
              said("He was waiting at the corner of Fenwick Road and Tanners Lane.",
                   "the corner of Fenwick Road and Tanners Lane"))
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
                       "the Plough, the one on Quarry Street"))
WHERE_I_WORK = rule("location.where-i-work", "\"the bakery where I work\": a place said with who it belongs to.",
                    said("He came into the bakery where I work and left a card.", "the bakery where I work"))
APPOSITION = rule("location.apposition", "\"my work, the pharmacy on Queen's Parade\": the exact second name wins.",
                  said("At my work, the pharmacy on Queen's Parade, he came in and stared at me.",
                       "the pharmacy on Queen's Parade"),
                  said("he was at my work the pharmacy on queen's parade", "the pharmacy on queen's parade"))
SELF_CORRECTION = rule("location.self-correction", "\"the Asda, no wait, the Aldi\": the place said last is meant.",
                       said("He was in the Asda, no wait, the Aldi, and he followed me out.", "the Aldi"),
                       said("he was in the asda no wait the aldi and he followed me out", "the aldi"),
                       said("He was at the Greggs, no, the Costa, and he sat by the door.", "the Costa"))
KNOWN = rule("location.known-place", "A place the person confirmed before is a place even with no cue or capital.",
             said("saw him in the saffron loft again", None, fires=False))  # known: see tests/test_extract_where.py
BOARDING = rule("location.not-boarding", "Where someone got on or off (\"got on at Cheapside\") is not the place.",
                said("I was on the tram and he got on at Cheapside.", "the tram", fires=False),
                said("I got off the train at Dunmore and he followed me onto the platform.", "the platform",
                     fires=False))
ELSEWHERE = rule("location.not-elsewhere", "A habit, a home or a way home (\"he lives in\") is not the place.",
                 said("He lives in Dunmore but he was waiting outside my flat.", "outside my flat", fires=False),
                 said("Last night he was banging on my back door. I live at 6 Orchard Way.", "my back door",
                      fires=False))
THEY_WERE_THERE = rule("location.they-were-there", "Where the other person was (\"he was at\") beats where I went.",
                       said("I was walking back from the gym on Larch Road and he was there at the bus stop.",
                            "the bus stop"),
                       said("i was walking back from the gym on larch road and he was there at the bus stop",
                            "the bus stop"))
NOT_A_VERB = rule("location.not-a-verb", "A bare verb after \"to\" (\"want it to stop\") is no place; \"to work\" is.",
                  said("At the end of the day I just want it to stop.", None, fires=False),
                  said("He followed me to work and waited outside.", "work", fires=False))
WEAK_CUE = rule("location.weak-cue", "Where someone went (\"to the station\") counts less than where they were.",
                said("He followed me out of the chemist on Hollin Road and all the way to the station.",
                     "the chemist on Hollin Road", fires=False))

_RELATIVE = re.compile(r"(?:where|that) (?:i|he|she|we) (?:work|works|worked|live|lives|go|goes|went|used to go|shop|"
                       r"usually go|get my \w+)(?: to| at)? |(?:i|we) (?:work|live) (?:at |in )?")
"""A place said with whose it is: "where I work", "that she goes to"."""
_THEM = re.compile(r"\b(?:he|she|they|him|them|he's|she's|they're)\b")
"""The other person just before a cue: where they were, not where the speaker went."""
_OWN = frozenset("my our his her their".split())
_POSTCODE_FILLERS = frozenset("it's its that's thats it is postcode the in at".split())


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


@dataclass
class _Seed:
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


@dataclass(frozen=True)
class _Candidate:
    score: float
    cue_start: int
    end: int
    head: float
    place: Place


@cache
def _corrections() -> re.Pattern[str]:
    """Self-corrections (vocab/where_corrections.txt), and a bare "no" when a place follows ("the Greggs, no, the
    Costa", "the Asda, no, Aldi"), not "no one"."""
    listed = phrases_rx("corrections").pattern
    shops = "|".join(re.escape(shop) for shop in sorted(vocab.words("places"), key=len, reverse=True))
    return re.compile(listed + rf"|\bno(?= (?:the|it was|it's|my|at|in|on|outside|{shops})\b)")


@cache
def _boarding() -> re.Pattern[str]:
    """Getting on or off just before a cue: "got on at", "got off the train at"."""
    transport = "|".join(sorted(wl("transport")))
    return re.compile(phrases_rx("aside").pattern + rf"(?: (?:the|a|my|his|her|our))?(?: \S+)?(?: (?:{transport}))?$")


@cache
def _cue_rx() -> re.Pattern[str]:
    cues = sorted(wl("cues") | wl("cues_kept"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def find_where(account: Normalized, doc: Doc | None = None, known_places: Sequence[str] = ()) -> Place | None:
    """The incident's place, or None when none is said (or it happened online). known_places: places the
    person confirmed before, found even with no cue ("saw him in bramblewick deli")."""
    if _not_in_person(account):
        return None
    reader = Reader.of(account, doc, known_places)
    seeds = [*_cue_seeds(reader), *_correction_seeds(reader), *_known_seeds(reader), *_postcode_seeds(reader)]
    return _choose(account, [c for seed in seeds if (c := _grow(reader, seed)) is not None])


def _not_in_person(account: Normalized) -> bool:
    """Rule ``not-in-person``: contact at a distance, with no sign of anyone there."""
    lower = account.lower
    # what a message said ("saying he saw my car outside hers") is not where anything happened
    deeds = re.sub(phrases_rx("reported").pattern + r"(?: that)?(?: \S+){0,14}", " ", lower)
    deeds = re.sub(r"\b(?:i|we) (?:was|were|am|'m) (?:at|in|on|out|outside)\b", " ", deeds)  # where the speaker was
    return bool(phrases_rx("remote").search(lower)) and not phrases_rx("presence").search(deeds)


def _cue_seeds(reader: Reader) -> Iterator[_Seed]:
    """Each cue phrase and the noun phrase it opens (rules of where_phrase, ``on-transport``)."""
    account, words = reader.account, reader.account.words
    for match, cue_start, start in account.finditer(_cue_rx()):
        cue = match.group(0)
        end = reader.np_end(start)
        if end <= start:
            continue
        if end - start == 1 and cue == "to" and reader.doc is not None and start < len(reader.doc) \
                and reader.doc[start].pos_ == "VERB" and words[start].lower not in wl("bare_places"):
            continue  # NOT_A_VERB: "I want it to stop", "he tried to park"; not "to the stop", "to work"
        head = reader.head(start, end)
        if head.score == 0 and (shorter := reader.head_end(start, end)) > start:
            end, head = shorter, reader.head(start, shorter)  # rule shortened: "outside my workplace hartwell ..."
        if head.score < 0 or reader.is_vehicle(start, end):
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
        yield _Seed(cue, cue_start, start, end, score, rules, cue in wl("cues_kept"))


def _correction_seeds(reader: Reader) -> Iterator[_Seed]:
    """Rule ``self-correction``: the phrase right after "no wait", "I mean", "sorry" (no cue needed)."""
    words = reader.account.words
    for match, _, start in reader.account.finditer(_corrections()):
        if "not" in match.group(0).split() or start >= len(words) or _cue_rx().fullmatch(words[start].lower):
            continue  # "no, not the Iceland" takes a place back; "no wait, at the Aldi": the cue opens it
        end = reader.np_end(start)
        head = reader.head(start, end) if end > start else None
        if head is not None and head.score >= 0 and not reader.is_vehicle(start, end) and (
                head.score > SCORES.not_a_place or reader.shop_like(start, end)):  # "the White Hart on Dock Street"
            yield _Seed(match.group(0), start, start, end, head.score, [head.rule] if head.rule else [],
                        corrected_to=True)


def _known_seeds(reader: Reader) -> Iterator[_Seed]:
    """Rule ``known-place``: a place the person confirmed before, wherever it is said."""
    words = reader.account.words
    for start, end in reader.known_spans():
        start -= start > 0 and words[start - 1].lower == "the"
        yield _Seed("", start, start, end, SCORES.known_place, [KNOWN])


def _postcode_seeds(reader: Reader) -> Iterator[_Seed]:
    """Rule ``postcode``: a postcode on its own is a place."""
    for start, end, postcode in reader.postcodes():
        yield _Seed("", start, start, end, SCORES.street, [POSTCODE], tail=(start, postcode))


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
class _Growing:
    """A seed while the phrases after it make it more exact (see :data:`_STEPS`)."""

    reader: Reader
    seed: _Seed
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


def _by_postcode(g: _Growing) -> bool | None:
    """``postcode``: "my house, it's SW1A 1AA"."""
    if g.end is None or g.tail is not None or (postcode := _postcode_after(g.reader, g.pos)) is None:
        return None
    g.tail = (g.pos, postcode[1])
    return g.took(postcode[0], POSTCODE)


def _by_relative(g: _Growing) -> bool | None:
    """``where-i-work``: "the Iceland where I work, on Brindle Lane"."""
    relative = _RELATIVE.match(g.ahead)
    if not relative or g.reader.account.punct_after(g.pos - 1) in (".", "?", "!", ";") or not (g.end is not None or g.reader.shop_like(g.seed.start, g.seed.end)):
        return None
    g.head, g.score = max(g.head, SCORES.place_noun), max(g.score, SCORES.place_noun)
    return g.took(g.pos + len(relative.group(0).split()), WHERE_I_WORK)


def _by_apposition(g: _Growing) -> bool | None:
    """``apposition``: "my work, the pharmacy on Queen's Parade" (the second name replaces a bare "my work"),
    "my house, 42 Lime Street", "the tram, the red line"."""
    reader, pos, ahead, words = g.reader, g.pos, g.ahead, g.words
    if g.end is None or g.apposed or not (re.match(r"(?:the|my) ", ahead) or reader.house_number_at(pos)) \
            or reader.account.punct_after(pos - 1) in (".", "?", "!", ";"):
        return None
    link_end = reader.np_end(pos)
    riding = words[g.seed.end - 1].lower in wl("transport")
    if link_end <= pos + 1 or not (reader.head(pos, link_end).score >= SCORES.place_noun or (
            riding and link_end - pos <= 3 and all(word.lower not in wl("stop") for word in words[pos + 1:link_end]))):
        return None
    if not riding and ahead.startswith("the ") and _bare_own_place(words[g.seed.start:g.seed.end]):
        g.text_start = pos  # the second name is the exact one
    g.apposed = True
    return g.took(link_end, APPOSITION)


def _by_the_one_on(g: _Growing) -> bool | None:
    """``the-one-on``: "the Plough, the one on Quarry Street"."""
    if not re.match(r"the (?:one|1) (?:on|in|by|near|opposite|at|above|below|behind|over) ", g.ahead) \
            or not (g.end is not None or g.reader.shop_like(g.seed.start, g.seed.end)):
        return None
    link_end = g.reader.np_end(g.pos + 3)
    if link_end <= g.pos + 3:
        return None
    g.head, g.score = max(g.head, SCORES.place_noun), max(g.score, SCORES.place_noun) + SCORES.the_one_on
    return g.took(link_end, THE_ONE_ON)


def _by_corner(g: _Growing) -> bool | None:
    """``extend``: "the corner of Fenwick Road and Tanners Lane"."""
    if not g.ahead.startswith("and ") or not {"corner", "junction", "crossroads"} & {
            word.lower for word in g.words[g.seed.start:g.pos]}:
        return None
    link_end = g.reader.np_end(g.pos + 1)
    return g.took(link_end, EXTEND) if g.reader.head(g.pos + 1, link_end).score >= SCORES.street else None


def _by_route(g: _Growing) -> bool | None:
    """``route``: "the train from Carlisle", "the 212 bus going to Clonmel" (up to three words of name)."""
    words, doc = g.words, g.reader.doc
    if not (words[g.pos - 1].lower in wl("transport") | wl("vehicles") | {"flight"} or words[g.pos - 1].kind == "time"):
        return None
    link = next((link for link in ("from", "going to", "heading to", "to") if g.ahead.startswith(link + " ")), None)
    if link is None:
        return False
    link_start = link_end = g.pos + len(link.split())
    while link_end < min(len(words), link_start + 3) and words[link_end].lower not in wl("stop") \
            and words[link_end].kind == "word" and words[link_end].lower not in wl("date_words") \
            and (doc is None or link_end >= len(doc) or doc[link_end].pos_ in ("PROPN", "NOUN", "ADJ", "NUM")):
        link_end += 1  # not "sitting"
    return g.took(link_end, ROUTE) if link_start < link_end else False


def _by_link(g: _Growing) -> bool:
    """``extend``: a connector (vocab/where_links.txt) and a further place: "the Londis on Larkspur Avenue in
    Penrith". An unnamed shop before a street becomes the place ("the Co-op on Tollgate Road")."""
    reader, seed, words = g.reader, g.seed, g.words
    link = next((link for link in _links() if g.ahead.startswith(link + " ")), None)
    if link is None:
        return False
    link_start = g.pos + len(link.split())
    if any(_ends_sentence(reader, i) for i in range(g.pos, link_start)):
        return False  # "on Hollin Road in. Found it": the link word ends its sentence (CUT_AT_SENTENCE)
    link_end = reader.np_end(link_start)
    link_score = reader.head(link_start, link_end).score if link_end > link_start else -1.0
    if link_score < 0:
        return False
    fragment = False
    if _ends_sentence(reader, g.pos - 1):  # "outside the gym. On Hollin Road.": only a fragment goes on
        fragment = link in ("on", "in", "off") and link_score >= SCORES.street and (
            link_end >= len(words) or _ends_sentence(reader, link_end - 1))
        if not fragment:
            return False
    if link_score <= SCORES.not_a_place and link in ("in", "on", "at", "from") \
            and reader.unknown_name(link_start, link_end):
        link_score = SCORES.unknown_name  # "on Cheapside", "in Penrith"
    g.pos = link_end
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
    return g.took(link_end, FRAGMENT if fragment else EXTEND)


def _ends_sentence(reader: Reader, i: int) -> bool:
    """Word i ends a sentence (Whisper's full stop, question mark...)."""
    return i >= 0 and reader.account.punct_after(i) in (".", "?", "!", ";")


_STEPS = (_by_postcode, _by_relative, _by_apposition, _by_the_one_on, _by_corner, _by_route, _by_link)
"""How a place grows, tried in this order after each phrase it takes: the first that answers decides
(True: it took a phrase, try again; False: the place ends here; None: not this step)."""


@cache
def _links() -> tuple[str, ...]:
    return tuple(sorted(wl("links"), key=len, reverse=True))


def _grow(reader: Reader, seed: _Seed) -> _Candidate | None:
    """The seed made as exact as the next phrases allow, then weighed; None if it is no place."""
    account = reader.account
    g = _Growing(reader, seed, pos=seed.end, end=seed.end if seed.head > SCORES.not_a_place else None,
                 head=seed.head, score=seed.head, text_start=seed.cue_start if seed.keep_cue else seed.start,
                 tail=seed.tail, rules=list(seed.rules))
    for _ in range(5):
        if g.pos >= len(g.words) or not next((v for step in _STEPS if (v := step(g)) is not None), False):
            break
    if g.end is None or g.score <= SCORES.not_a_place:
        return None
    if any(reader.saint_at(pos) for pos in range(g.text_start, g.end)):
        g.rules.append(SAINT)
    score = g.score + _weigh(g.words, seed, g.end, g.head, g.rules)
    text = account.source(g.text_start, g.end) if g.tail is None else \
        ", ".join(part for part in (account.source(g.text_start, g.tail[0]).rstrip(" ,"), g.tail[1]) if part)
    place = Place(text=text, source=account.source(seed.cue_start, g.end), score=score, rules=tuple(g.rules))
    return _Candidate(score=score, cue_start=seed.cue_start, end=g.end, head=g.head, place=place)


def _weigh(words: Sequence[Token], seed: _Seed, end: int, head: float, rules: list[str]) -> float:
    """What the words around a place add to its score (weak cues, boarding, habits, corrections)."""
    lowers = [word.lower for word in words]
    change = 0.0
    if seed.cue in wl("weak_cues"):
        change += SCORES.weak_cue
    if seed.cue in wl("move_cues") and head < SCORES.riding:
        change += SCORES.move_cue
    before = " ".join(lowers[max(0, seed.cue_start - 4):seed.cue_start])
    if _boarding().search(before) and seed.cue in ("at", "on", "in"):
        change += SCORES.boarding  # "got on at Copperfield Lane": where they boarded, not where it happened
    elif phrases_rx("elsewhere", r"$").search(before):
        change += SCORES.elsewhere
    elif _THEM.search(before) and not phrases_rx("reported").search(before):
        change += SCORES.they_were_there  # "he was just there at the bus stop", "I saw her outside the gym"
        rules.append(THEY_WERE_THERE)
    after = " ".join(lowers[end:end + 6])
    corrections = _corrections()
    if corrections.match(after) or corrections.match(after.split(" ", 1)[-1]):
        change += SCORES.corrected  # "at the Iceland, no, not the Iceland, it was the Londis": the correction wins
    elif seed.corrected_to or corrections.search(" ".join(lowers[max(0, seed.cue_start - 5):seed.cue_start])):
        change += SCORES.correction
        rules.append(SELF_CORRECTION)
    return change


def _bare_own_place(span: Sequence[Token]) -> bool:
    """"my work", "my house", "work": a place said by whose it is, which a following apposition names exactly."""
    lowers = [word.lower for word in span]
    return len(lowers) == 1 and lowers[0] in ("work", "home") or len(lowers) == 2 and lowers[0] in _OWN


def _choose(account: Normalized, candidates: list[_Candidate]) -> Place | None:
    """The best place; a phrase inside a longer place ("on Carlton Road" in "the gym on Carlton Road") is that
    place; earlier wins ties; a close rival or a correction just before makes it unsure."""
    if not candidates:
        return None
    words = account.words
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

    ranked = sorted(outer, key=rank, reverse=True)
    best = ranked[0]
    rival = next((other for other in ranked[1:] if other.place.text.lower() not in best.place.text.lower()
                  and best.place.text.lower() not in other.place.text.lower()), None)
    lead_in = " ".join(word.lower for word in words[max(0, best.cue_start - 6):best.cue_start])
    unsure = (rival is not None and best.score - rival.score < SCORES.close_rival) or best.score < SCORES.sure \
        or bool(re.search(r"\b(?:no not|not the|sorry|i mean|actually|or was it)\b", lead_in))
    place = best.place
    return Place(text=place.text, source=place.source, score=place.score, unsure=unsure, rules=place.rules)
