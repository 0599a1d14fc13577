"""Where it happened: the place as spoken, preferring the incident's place.

Works on lower-case unpunctuated text, where spaCy's NER finds no places:
prepositional cue phrases open a candidate, place-type head nouns and street
words make it a place, further prepositional phrases ("on Carlton Road in
Penrith") extend it, and the best-scoring candidate wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Cue phrases opening a place, longest first; value: keep the cue in the output?
CUES = {
    "across the road from": True, "across the street from": True, "on the other side of": True,
    "in front of": True, "round the back of": True, "at the back of": True, "at the bottom of": True,
    "at the top of": True, "at the end of": True, "next to": True, "outside of": True, "out of": False,
    "opposite": True, "outside": True, "near": True, "by": True, "under": True, "behind": True,
    "beside": True, "at": False, "in": False, "on": False, "through": False, "round": False,
    "around": False, "along": False, "up": False, "down": False, "inside": False, "into": False,
    "onto": False, "to": False, "towards": False, "toward": False, "from": False, "past": False,
    "leaving": False, "it was": False, "got": False, "caught": False, "took": False, "aboard": False,
}
MOVE_CUES = {"got", "caught", "took"}
# Words before a cue that make the place a stop on the way, a habit or somewhere else the story passes by.
ASIDE = re.compile(r"\b(?:got on|got off|get on|get off|gets on|gets off|getting on|getting off|got out|get out|"
                   r"gets out|hopped off|jumped off|stepped off)$")
ELSEWHERE = re.compile(r"\b(?:on my way(?: home| back)?|on the way(?: home| back)?|way home|back|been|he lives|she lives|"
                       r"they live|he works|she works|lives|usually|always|every day|every week|normally|went home|"
                       r"went back|ran|drove off|walked off|went off|headed|heading|going|stayed|i'd been|i had been|"
                       r"until i went|till i went|before i went|then i went|i went|i got)$")
CORRECTION = re.compile(r"\b(?:no not|not the|no sorry|sorry no|i mean|no it was|no wait|actually it was|or rather|"
                        r"no no|sorry it was)\b")
WEAK_CUES = {"to", "towards", "toward", "into", "onto", "from", "out of", "past", "up", "down", "round", "around"}
# Connectors that extend a place with another phrase: "X on Y in Z", "X opposite Y".
LINKS = ("the one on", "the one in", "the one by", "the one near", "across the road from", "on the other side of", "in front of", "next to", "outside", "opposite",
         "near", "by", "on", "in", "at", "of", "off", "behind", "under")
PLACE_HEADS = frozenset("""
park car_park carpark station platform stop shelter shop shops supermarket store pub bar club cafe café
restaurant takeaway school college university uni nursery gym office work workplace house home flat flats
doorstep door doorway garden gardens drive driveway bins bin block building halls estate library church
mosque temple hospital surgery practice dentist dentist's doctor's doctors salon centre mall retail
primary academy playground towpath canal path footpath alley alleyway bridge garage rank market field cinema theatre hotel
bank post_office pharmacy chemist gates gate entrance exit reception desk corridor stairs stairwell lift
shed railings light lamppost bus train tram tube platform motorway junction roundabout corner beach river
woods wood lake stadium pool launderette laundrette chippy newsagent newsagent's garage kitchen porch
landing hallway lobby car_wash underpass subway square precinct arcade court courts hall venue church
driveway lay_by layby services forecourt cafeteria canteen classroom campus pitch track trail
apartment apartments building lobby room ward bedroom lounge yard backyard warehouse factory depot studio
center mailroom lot parking_lot concourse ticket_hall waiting_room staffroom hostel dorm
letterbox postbox mailbox mailboxes ward clinic foyer tills till checkouts checkout aisle queue allotment allotments
gym leisure_centre health_centre sports_centre community_centre job_centre jobcentre shelter pavement doorway
level multistorey multi_storey bus_station coach_station petrol_station terminal airport arrivals departures
carriage deck pier harbour marina port ferry boat luas dart metro tube overground underground coach
""".split())
TRANSPORT = frozenset("bus train tram luas dart metro tube overground underground coach ferry boat carriage subway".split())
VEHICLES = frozenset("car van truck lorry motorbike motorcycle bike scooter taxi cab".split())
STREET_WORDS = frozenset("""
street road lane avenue close way drive parade grove place crescent terrace row square hill gardens green
walk mews court boulevard broadway estate park quay wharf embankment
""".split())
def _brands() -> frozenset[str]:
    """Shops, chains and venues (vocab/places.txt and the person's own places.txt), words joined by "_"."""
    return frozenset(p.replace(" ", "_") for p in vocab.words("places"))


def _brand_at(lowers: list[str], start: int) -> int:
    """Length of a shop or chain name at lowers[start] ("co op", "marks and spencer"), else 0."""
    brands = _brands()
    for size in (5, 4, 3, 2, 1):
        if len(lowers[start:start + size]) == size and "_".join(lowers[start:start + size]) in brands:
            return size
    return 0


WEAK_HEADS = frozenset("window windows door road street way phone home".split())
REMOTE = re.compile(
    r"\b(?:text(?:ed|s)?|messag(?:e|ed|es|ing)|e ?mail(?:ed|s)?|voicemail|rang|ring|called|phoned|phone call|"
    r"call(?:s)?|dm(?:ed|s)?|comment(?:s|ed)?|posted|post|tagged|instagram|facebook|whatsapp|snapchat|tiktok|"
    r"twitter|linkedin|online|profile|account|friend requests?|logged|icloud|google|snap map|screenshot|letters?|"
    r"sent (?:a|me|another))\b")
PRESENCE = re.compile(
    r"\b(?:follow(?:ed|ing)?|outside|standing|stood|waiting|waited|sat|sitting|parked|turned up|came up|"
    r"grabbed|pushed|shoved|hit|punched|walked|behind me|banging|knocking|left (?:a|some|on)|doorstep|"
    r"put (?:a|it|them|another) |through (?:my|our|the) (?:door|letterbox)|in (?:my|our|the) (?:postbox|letterbox|mailbox)|"
    r"smashed|slashed|keyed|delivered|brought|found|hanging (?:a)?round|loitering|was at|were at|"
    r"came to|came round|spat|cornered|lipstick|egged|burn|fire)\b")
ONLINE_WORDS = frozenset("""
instagram facebook whatsapp snapchat snap tiktok twitter linkedin youtube email phone internet online
messenger telegram signal app website page profile account accounts map icloud google
""".split())
STOP = frozenset("""
i me he him his she her they them we us you it this that these those who which what when while where as and
but or so because if then than just again also too really very like um uh er erm was were is are be been
being had has have do did does said says told went came got get go going about around at on in to for of
with from by up down out over under yesterday today tonight morning afternoon evening night last ago
all the whole time there here now still even not no yes ever never one same way back off
""".split())
DATE_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december""".split())
PEOPLE_WORDS = frozenset("""friend mate cousin sister brother mum dad mother father son daughter neighbour
neighbor colleague boss manager husband wife boyfriend girlfriend partner ex nan gran uncle aunt auntie
man woman guy lady bloke lad girl boy police officer""".split())
# Determiners and possessives allowed at the start of a noun phrase.
DETS = frozenset("the a an my his her our their your this that some one".split())


@dataclass(frozen=True)
class Place:
    """A place found in an account."""

    text: str
    """The place as spoken."""
    source: str
    """The spoken words including the cue."""
    score: float
    unsure: bool = False
    """Another place scored close to this one, or only a weak cue ("to", "from") introduced it."""
    rules: tuple[str, ...] = ()
    """The rules (:mod:`voicelog.extract.rules`) that found and shaped it."""


@dataclass(frozen=True)
class _Candidate:
    """One cue phrase and the place it opens, while find_where weighs them."""

    score: float
    """How likely this is the incident's place, all cues and extensions counted."""
    cue_start: int
    """Index of the cue's first word ("outside" in "outside the Londis")."""
    place: Place
    end: int
    """Index just past the place's last word."""
    head: float
    """How place-like the noun phrase itself is (0.4 or less: not a place on its own)."""


def _np_end(account: Normalized, doc: Doc | None, first: int) -> int:
    """End (exclusive) of the noun phrase starting at word first, or first when there is none."""
    words = account.words
    pos = first
    if [word.lower for word in words[pos:pos + 3]] == ["a", "and", "e"]:
        return pos + 3  # "in A and E"
    while pos < len(words) and words[pos].lower in DETS and pos - first < 2:
        pos += 1
    noun_start = pos  # the first word after the determiners
    while pos < len(words):
        word = words[pos]
        lower = word.lower
        if pos > noun_start and account.punct_after(pos - 1) in (",", ".", "?", "!", ";"):
            break
        if word.kind in ("time", "num", "ord") and not (pos > 0 and words[pos - 1].lower in (
                "number", "platform", "a", "the", "ward", "room", "level", "gate", "floor", "bay", "terminal", "flat",
                "unit", "block", "stand", "carriage", "coach", "screen", "aisle", "junction", "exit", "route", "bus",
                "stop", "apartment", "house", "studio", "court", "lane", "pier", "berth", "door")) \
                and not any(later.lower in TRANSPORT for later in words[pos + 1:pos + 3]):
            break
        next_three = [later.lower for later in words[pos:pos + 3]]
        if next_three == ["a", "and", "e"]:
            pos += 3
            continue
        brand_size = _brand_at(next_three, 0)
        if brand_size > 1:
            pos += brand_size
            continue
        if lower == "and" and pos > noun_start and pos + 2 < len(words) and words[noun_start - 1].lower == "the" \
                and pos - noun_start <= 2 and words[pos + 1].lower not in STOP and words[pos + 1].lower not in DETS \
                and words[pos + 2].lower in ("on", "in", "by", "near", "off", "at", "opposite", "pub", "hotel", "inn",
                                             "arms") \
                and (doc is None or pos + 1 >= len(doc) or doc[pos + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            pos += 2  # "the Fox and Hounds on Weaver Street"
            continue
        if pos > noun_start and words[pos - 1].lower in STREET_WORDS and lower not in PLACE_HEADS \
                and lower not in STREET_WORDS:
            break
        if lower in DATE_WORDS:
            break
        if lower in STOP and lower not in ("one",) and not (lower in STREET_WORDS and pos > noun_start) and not (
                lower in ("back", "front") and pos + 1 < len(words) and words[pos + 1].lower in PLACE_HEADS):
            break
        tag = doc[pos].pos_ if doc is not None and pos < len(doc) else "NOUN"
        next_is_head = pos + 1 < len(words) and (
            words[pos + 1].lower in PLACE_HEADS
            or words[pos + 1].lower in STREET_WORDS and pos + 2 >= len(words)
            or words[pos + 1].lower in STREET_WORDS and words[pos + 2].lower not in PLACE_HEADS) and lower not in STOP
        if _brand_at([lower], 0):
            pos += 1
            continue
        if tag in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADP", "ADV", "PART", "INTJ", "PUNCT", "DET") \
                and not (lower in PLACE_HEADS or lower in STREET_WORDS or lower.endswith("'s")
                         or word.text[:1].isupper() or next_is_head):  # "my back garden", "the front door"
            break
        pos += 1
    return pos if pos > noun_start else first


def _is_vehicle(account: Normalized, start: int, end: int) -> bool:
    lowers = [word.lower for word in account.words[start:end] if word.kind == "word"]
    return bool(lowers) and lowers[-1] in VEHICLES and lowers[0] not in ("the",) or (
        len(lowers) >= 2 and lowers[0] in ("his", "her", "their", "a") and lowers[-1] in VEHICLES)


def _unknown_name(account: Normalized, start: int, end: int) -> bool:
    """words[start:end] look like a proper name: capitalised, or one word no dictionary knows."""
    from voicelog.extract.names import common_words

    words = [word for word in account.words[start:end] if word.lower not in DETS]
    if not words or len(words) > 3 or any(word.lower in ONLINE_WORDS or word.lower in STOP for word in words):
        return False
    if all(word.text[:1].isupper() for word in words):
        return True
    return len(words) == 1 and words[0].kind == "word" and words[0].lower not in common_words() \
        and words[0].lower not in _nouns()


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    try:
        from voicelog.extract.nlp import lemma_table

        return frozenset(lemma_table("lemma_index")["noun"])
    except Exception:
        return frozenset()


def _shop_like(account: Normalized, start: int, end: int) -> bool:
    """words[start:end] can name a shop or venue: "the Co-op", "Halfords", "the Plough and Harrow"; not "him" or
    "my car"."""
    words = [word for word in account.words[start:end] if word.lower not in DETS]
    if not words or len(words) > 4:
        return False
    return not any(word.lower in STOP or word.lower in PEOPLE_WORDS or word.lower in ONLINE_WORDS
                   or word.lower in VEHICLES or word.kind in ("time", "num") for word in words) \
        and account.words[start].lower not in ("my", "his", "her", "their")


def _head_score(account: Normalized, start: int, end: int) -> float:
    """How place-like the noun phrase words[start:end] is."""
    lowers = [word.lower for word in account.words[start:end]]
    if not lowers:
        return 0.0
    score = 0.0
    joined = " ".join(lowers)
    heads = [lower for lower, word in zip(lowers, account.words[start:end], strict=True)
             if word.kind not in ("num", "ord", "time")]
    last = heads[-1] if heads else lowers[-1]
    if any(lower in ONLINE_WORDS or lower in PEOPLE_WORDS for lower in lowers):
        return -5.0
    if last in TRANSPORT or (len(lowers) <= 3 and len(lowers) >= 2 and lowers[0] == "the"
                             and account.words[start + 1].kind == "time"):
        return 0.5  # scored by the cue in find_where: "on the 47 bus" is a place, "to the bus" is not
    if last in VEHICLES or (len(lowers) >= 2 and lowers[-2] in VEHICLES and last not in PLACE_HEADS):
        return 0.2
    if last in STREET_WORDS and len(lowers) >= 2 and lowers[-2] not in DETS:
        score += 4.0
    elif "a and e" in joined or any(_brand_at(lowers, pos) for pos in range(len(lowers))):
        score += 2.5
    elif last in PLACE_HEADS or re.search(r"\b(?:car park|bus stop|post office|retail park|shopping centre)$", joined):
        score += 2.5 if last not in WEAK_HEADS else 1.0
    elif last in STREET_WORDS:
        score += 1.0
    if any(word.text[:1].isupper() for word in account.words[start:end] if word.lower not in ("i",)) and start > 0:
        score += 1.5
    return score


_CUE_RX = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True)) + r")\b")


def find_where(account: Normalized, doc: Doc | None = None) -> Place | None:
    """The incident's place, or None when none is said (or it happened online)."""
    lower = account.lower
    words = account.words
    # what a message said ("saying he saw my car outside hers") is not where anything happened
    deeds = re.sub(r"\b(?:said|saying|says|say|to say|telling me|told me|it said|reading)\b(?: that)?(?: \S+){0,14}",
                   " ", lower)
    deeds = re.sub(r"\b(?:i|we) (?:was|were|am|'m) (?:at|in|on|out|outside)\b", " ", deeds)  # where the speaker was
    if REMOTE.search(lower) and not PRESENCE.search(deeds):
        return None
    candidates: list[_Candidate] = []
    for match, cue_start, cue_end in account.finditer(_CUE_RX):
        cue = match.group(0)
        phrase_start = cue_end  # the noun phrase the cue opens: words[phrase_start:phrase_end]
        phrase_end = _np_end(account, doc, phrase_start)
        if phrase_end <= phrase_start:
            continue
        head = _head_score(account, phrase_start, phrase_end)
        if head < 0 or _is_vehicle(account, phrase_start, phrase_end):
            continue  # online, a person, or "in his car": the place is elsewhere
        last = words[phrase_end - 1].lower
        if (last in TRANSPORT or words[phrase_end - 1].kind == "time") and head == 0.5:
            # "on the 47 bus", "got the 6:15 train", "on the tram": riding it, the place of what happened
            head = 3.0 if cue in ("on", "got", "caught", "took", "aboard", "onto") and not (
                cue == "on" and phrase_end - phrase_start == 1) else 0.5
        elif cue in MOVE_CUES or cue == "it was":
            head = head if head >= 2.5 else 0.0
        if head <= 0.4 and cue in ("in", "at", "outside", "inside", "opposite") \
                and _unknown_name(account, phrase_start, phrase_end):
            head = 1.0  # "in Cheapside", "outside Ferncliffe Primary": a name we do not know
        score = head
        end = phrase_end if head > 0.4 else None
        # extend: "the Lidl car park on Carlton Road in Penrith", "the Londis on Fennel Street"
        pos = phrase_end
        apposed = False
        for _ in range(4):
            ahead = " ".join(word.lower for word in words[pos:pos + 6])
            relative = re.match(r"(?:where|that) (?:i|he|she|we) (?:work|works|worked|live|lives|go|goes|went|"
                                r"used to go|shop|usually go|get my \w+)(?: to| at)? |(?:i|we) (?:work|live) (?:at |in )?",
                                ahead)
            if relative and end is not None or relative and _shop_like(account, phrase_start, phrase_end):
                pos += len(relative.group(0).split())  # "the Iceland where I work, on Brindle Lane"
                end = end or pos
                head = max(head, 2.5)
                score = max(score, 2.5)
                ahead = " ".join(word.lower for word in words[pos:pos + 6])
            if end is not None and not apposed and re.match(r"(?:the|my) ", ahead) \
                    and account.punct_after(pos - 1) not in (".", "?", "!", ";"):
                # apposition: "my building, the Willowbank Apartments", "the tram, the red line"
                link_start = pos
                link_end = _np_end(account, doc, link_start)
                if link_end > link_start + 1 and (
                        _head_score(account, link_start, link_end) >= 2.5
                        or last in TRANSPORT and link_end - link_start <= 3
                        and all(word.lower not in STOP for word in words[link_start + 1:link_end])):
                    end = pos = link_end
                    apposed = True
                    continue
            if re.match(r"the (?:one|1) (?:on|in|by|near|opposite|at) ", ahead) \
                    and (end is not None or _shop_like(account, phrase_start, phrase_end)):
                link_start = pos + 3
                link_end = _np_end(account, doc, link_start)
                if link_end > link_start:
                    end = pos = link_end
                    head = max(head, 2.5)
                    score = max(score, 2.5) + 1.0
                    continue
            riding = words[pos - 1].lower in TRANSPORT | VEHICLES | {"flight"} or words[pos - 1].kind == "time"
            links = ("from", "going to", "heading to", "to") if riding else LINKS
            link = next((connector for connector in links if ahead.startswith(connector + " ")), None)
            if riding and link is not None:
                link_start = pos + len(link.split())
                link_end = link_start
                while link_end < min(len(words), link_start + 3) and words[link_end].lower not in STOP \
                        and words[link_end].kind == "word" and words[link_end].lower not in DATE_WORDS:
                    link_end += 1
                if link_start < link_end <= link_start + 3:  # "the train from Carlisle", "the 212 bus going to Clonmel"
                    end = pos = link_end
                    continue
                break
            if link is None or account.punct_after(pos - 1) in (".", "?", "!", ";"):
                break
            link_start = pos + len(link.split())
            link_end = _np_end(account, doc, link_start)
            if link_end <= link_start:
                break
            link_score = _head_score(account, link_start, link_end)
            if link_score < 0:
                break
            if link_score <= 0.4 and link in ("in", "on", "at", "from") \
                    and _unknown_name(account, link_start, link_end):
                link_score = 1.0  # "on Cheapside", "in Penrith"
            if link_score > 0.4:
                # "outside the Londis on Larkspur Avenue": a shop name we cannot score is still the place
                named = end is None and all(word.lower not in _nouns() for word in words[phrase_start:phrase_end]
                                            if word.lower not in DETS)
                if end is None and link_score >= 4.0 and link in ("on", "in", "off", "by", "near") \
                        and _shop_like(account, phrase_start, phrase_end):
                    # "the Co-op on Tollgate Road", "Halfords on Ashdown Parade": a place on a named street is
                    # more exact than the street, even when nothing tells us what kind of place it is
                    named = True
                    head = max(head, 0.5)
                score += max(link_score, 1.0) * (1.0 if named else 0.6) + (0.5 if named else 0.0)
                end = link_end
            pos = link_end
        if end is None or score <= 0.4:
            continue
        if cue in WEAK_CUES:
            score -= 1.5
        if cue in MOVE_CUES and head < 3.0:
            score -= 1.0
        before = " ".join(word.lower for word in words[max(0, cue_start - 4):cue_start])
        if ASIDE.search(before) and cue in ("at", "on", "in"):
            score -= 3.0  # "got on at Copperfield Lane": where they boarded, not where it happened
        elif ELSEWHERE.search(before):
            score -= 1.5
        after = " ".join(word.lower for word in words[end:end + 5])
        if CORRECTION.match(after) or CORRECTION.match(" ".join(word.lower for word in words[end:end + 6])[3:]) \
                or re.match(r"(?:on |in |at )?(?:no not|not the|no sorry|sorry|no it was|i mean)\b", after):
            score -= 4.0  # "at the Iceland, no, not the Iceland, it was the Londis": the correction wins
        keep_cue = CUES.get(cue, False)
        text = account.source(cue_start if keep_cue else phrase_start, end)
        place = Place(text=text, source=account.source(cue_start, end), score=score)
        candidates.append(_Candidate(score=score, cue_start=cue_start, place=place, end=end, head=head))
    if not candidates:
        return None
    # a phrase inside a longer place ("on Carlton Road" in "from the gym on Carlton Road") is that place
    candidates.sort(key=lambda candidate: candidate.cue_start)
    outer: list[_Candidate] = []
    last_end = -1
    for candidate in candidates:
        if candidate.cue_start < last_end:
            continue
        outer.append(candidate)
        if candidate.head > 0.4:  # only a real place swallows the phrases that extend it
            last_end = candidate.end

    def rank(candidate: _Candidate) -> float:
        """Best score; earlier wins ties (the incident is usually told first)."""
        return round(candidate.score - 0.05 * candidate.cue_start / max(1, len(words)), 3)

    ranked = sorted(outer, key=rank, reverse=True)
    best = ranked[0]
    rival = next((other for other in ranked[1:] if other.place.text.lower() not in best.place.text.lower()
                  and best.place.text.lower() not in other.place.text.lower()), None)
    lead_in = " ".join(word.lower for word in words[max(0, best.cue_start - 6):best.cue_start])
    unsure = (rival is not None and best.score - rival.score < 0.75) or best.score < 1.5 or bool(
        re.search(r"\b(?:no not|not the|sorry|i mean|actually|or was it)\b", lead_in))
    place = best.place
    return Place(text=place.text, source=place.source, score=place.score, unsure=unsure)
