"""Where it happened: the place as spoken, preferring the incident's place.

Works on lower-case unpunctuated text, where spaCy's NER finds no places:
prepositional cue phrases open a candidate, place-type head nouns and street
words make it a place, further prepositional phrases ("on Main Street in
Bangor") extend it, and the best-scoring candidate wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

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
# Shops and chains said without capitals by Vosk: a place even with no place word after them.
BRANDS = frozenset("""tesco tesco's asda asda's sainsbury's sainsburys morrisons morrison's aldi lidl waitrose spar costa
starbucks greggs boots primark mcdonald's mcdonalds kfc subway nando's nandos wetherspoons wetherspoon's spoons puregym
argos ikea iceland superdrug wilko poundland pret nero londis nisa budgens centra dunnes penneys walmart target kroger
walgreens cvs wendy's dunkin woolworths coles safeway currys matalan debenhams selfridges harrods specsavers halfords
screwfix wickes homebase travelodge premier_inn burger_king domino's dominos pizza_hut co_op coop one_stop m_and_s
marks_and_spencer john_lewis tk_maxx b_and_m home_bargains brown_thomas the_range caffe_nero costa_coffee
""".split())
VEHICLES = frozenset("car van truck lorry motorbike motorcycle bike scooter taxi cab".split())
STREET_WORDS = frozenset("""
street road lane avenue close way drive parade grove place crescent terrace row square hill gardens green
walk mews court boulevard broadway estate park quay wharf embankment
""".split())
def _brand_at(ws: list[str], k: int) -> int:
    """Length of a shop or chain name at ws[k] ("co op", "marks and spencer"), else 0."""
    for size in (3, 2, 1):
        if "_".join(ws[k:k + size]) in BRANDS and len(ws[k:k + size]) == size:
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
NOUN_POS = frozenset(("NOUN", "PROPN", "ADJ", "NUM", "X"))


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


def _np_end(n: Normalized, doc: "Doc | None", i: int) -> int:
    """End (exclusive) of the noun phrase starting at word i, or i when there is none."""
    words = n.words
    k = i
    if [w.lower for w in words[k:k + 3]] == ["a", "and", "e"]:
        return k + 3  # "in A and E"
    while k < len(words) and words[k].lower in DETS and k - i < 2:
        k += 1
    start = k
    while k < len(words):
        w = words[k]
        lw = w.lower
        if k > start and n.punct_after(k - 1) in (",", ".", "?", "!", ";"):
            break
        if w.kind in ("time", "num", "ord") and not (k > 0 and words[k - 1].lower in (
                "number", "platform", "a", "the", "ward", "room", "level", "gate", "floor", "bay", "terminal", "flat",
                "unit", "block", "stand", "carriage", "coach", "screen", "aisle", "junction", "exit", "route", "bus",
                "stop", "apartment", "house", "studio", "court", "lane", "pier", "berth", "door")) \
                and not any(x.lower in TRANSPORT for x in words[k + 1:k + 3]):
            break
        lws = [x.lower for x in words[k:k + 3]]
        if lws == ["a", "and", "e"]:
            k += 3
            continue
        size = _brand_at(lws, 0)
        if size > 1:
            k += size
            continue
        if lw == "and" and k > start and k + 2 < len(words) and words[start - 1].lower == "the" and k - start <= 2 \
                and words[k + 1].lower not in STOP and words[k + 1].lower not in DETS and (
                    words[k + 2].lower in ("on", "in", "by", "near", "off", "at", "opposite", "pub", "hotel", "inn", "arms")) \
                and (doc is None or k + 1 >= len(doc) or doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            k += 2  # "the Crown and Anchor on Market Street"
            continue
        if k > start and words[k - 1].lower in STREET_WORDS and lw not in PLACE_HEADS and lw not in STREET_WORDS:
            break
        if lw in DATE_WORDS:
            break
        if lw in STOP and lw not in ("one",) and not (lw in STREET_WORDS and k > start) and not (
                lw in ("back", "front") and k + 1 < len(words) and words[k + 1].lower in PLACE_HEADS):
            break
        pos = doc[k].pos_ if doc is not None and k < len(doc) else "NOUN"
        nxt_head = k + 1 < len(words) and (words[k + 1].lower in PLACE_HEADS or words[k + 1].lower in STREET_WORDS
                                           and k + 2 >= len(words) or words[k + 1].lower in STREET_WORDS and
                                           words[k + 2].lower not in PLACE_HEADS) and lw not in STOP
        if _brand_at([lw], 0):
            k += 1
            continue
        if pos in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADP", "ADV", "PART", "INTJ", "PUNCT", "DET") \
                and not (lw in PLACE_HEADS or lw in STREET_WORDS or lw.endswith("'s") or w.text[:1].isupper()
                         or nxt_head):  # "my back garden", "the front door"
            break
        k += 1
    return k if k > start else i


def _is_vehicle(n: Normalized, i: int, j: int) -> bool:
    ws = [w.lower for w in n.words[i:j] if w.kind == "word"]
    return bool(ws) and ws[-1] in VEHICLES and ws[0] not in ("the",) or (
        len(ws) >= 2 and ws[0] in ("his", "her", "their", "a") and ws[-1] in VEHICLES)


def _unknown_name(n: Normalized, i: int, j: int) -> bool:
    """words[i:j] look like a proper name: capitalised, or one word no dictionary knows."""
    from voicelog.extract.names import common_words

    ws = [w for w in n.words[i:j] if w.lower not in DETS]
    if not ws or len(ws) > 3 or any(w.lower in ONLINE_WORDS or w.lower in STOP for w in ws):
        return False
    if all(w.text[:1].isupper() for w in ws):
        return True
    return len(ws) == 1 and ws[0].kind == "word" and ws[0].lower not in common_words() \
        and ws[0].lower not in _nouns()


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    try:
        from voicelog.extract.nlp import load_nlp

        return frozenset(load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    except Exception:
        return frozenset()


def _shop_like(n: Normalized, i: int, j: int) -> bool:
    """words[i:j] can name a shop or venue: "the Co-op", "Kwik Fit", "the Crown and Anchor"; not "him" or "my car"."""
    ws = [w for w in n.words[i:j] if w.lower not in DETS]
    if not ws or len(ws) > 4:
        return False
    return not any(w.lower in STOP or w.lower in PEOPLE_WORDS or w.lower in ONLINE_WORDS or w.lower in VEHICLES
                   or w.kind in ("time", "num") for w in ws) and n.words[i].lower not in ("my", "his", "her", "their")


def _head_score(n: Normalized, i: int, j: int) -> float:
    """How place-like the noun phrase words[i:j] is."""
    ws = [w.lower for w in n.words[i:j]]
    if not ws:
        return 0.0
    s = 0.0
    joined = " ".join(ws)
    heads = [w for w, t in zip(ws, n.words[i:j]) if t.kind not in ("num", "ord", "time")]
    last = heads[-1] if heads else ws[-1]
    if any(w in ONLINE_WORDS or w in PEOPLE_WORDS for w in ws):
        return -5.0
    if last in TRANSPORT or (len(ws) <= 3 and len(ws) >= 2 and ws[0] == "the" and n.words[i + 1].kind == "time"):
        return 0.5  # scored by the cue in find_where: "on the 47 bus" is a place, "to the bus" is not
    if last in VEHICLES or (len(ws) >= 2 and ws[-2] in VEHICLES and last not in PLACE_HEADS):
        return 0.2
    if last in STREET_WORDS and len(ws) >= 2 and ws[-2] not in DETS:
        s += 4.0
    elif "a and e" in joined or any(_brand_at(ws, k) for k in range(len(ws))):
        s += 2.5
    elif last in PLACE_HEADS or re.search(r"\b(?:car park|bus stop|post office|retail park|shopping centre)$", joined):
        s += 2.5 if last not in WEAK_HEADS else 1.0
    elif last in STREET_WORDS:
        s += 1.0
    if any(w.text[:1].isupper() for w in n.words[i:j] if w.lower not in ("i",)) and i > 0:
        s += 1.5
    return s


_CUE_RX = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True)) + r")\b")


def find_where(n: Normalized, doc: "Doc | None" = None) -> Place | None:
    """The incident's place, or None when none is said (or it happened online)."""
    lower = n.lower
    # what a message said ("saying he saw my car outside hers") is not where anything happened
    deeds = re.sub(r"\b(?:said|saying|says|say|to say|telling me|told me|it said|reading)\b(?: that)?(?: \S+){0,14}", " ", lower)
    deeds = re.sub(r"\b(?:i|we) (?:was|were|am|'m) (?:at|in|on|out|outside)\b", " ", deeds)  # where the speaker was
    if REMOTE.search(lower) and not PRESENCE.search(deeds):
        return None
    cands: list[tuple] = []
    for m, ci, cj in n.finditer(_CUE_RX):
        cue = m.group(0)
        a = cj
        b = _np_end(n, doc, a)
        if b <= a:
            continue
        head = _head_score(n, a, b)
        if head < 0 or _is_vehicle(n, a, b):
            continue  # online, a person, or "in his car": the place is elsewhere
        last = n.words[b - 1].lower
        if (last in TRANSPORT or n.words[b - 1].kind == "time") and head == 0.5:
            # "on the 47 bus", "got the 6:15 train", "on the Luas": riding it, the place of what happened
            head = 3.0 if cue in ("on", "got", "caught", "took", "aboard", "onto") and not (
                cue == "on" and b - a == 1) else 0.5
        elif cue in MOVE_CUES or cue == "it was":
            head = head if head >= 2.5 else 0.0
        if head <= 0.4 and cue in ("in", "at", "outside", "inside", "opposite") and _unknown_name(n, a, b):
            head = 1.0  # "in Westfield", "outside Oakfield Primary": a name we do not know
        score = head
        end = b if head > 0.4 else None
        # extend: "the Tesco car park on Main Street in Bangor", "the Spar on Wellington Street"
        k = b
        apposed = False
        for step in range(4):
            nxt = " ".join(w.lower for w in n.words[k:k + 6])
            rel = re.match(r"(?:where|that) (?:i|he|she|we) (?:work|works|worked|live|lives|go|goes|went|used to go|"
                           r"shop|usually go|get my \w+)(?: to| at)? |(?:i|we) (?:work|live) (?:at |in )?", nxt)
            if rel and end is not None or rel and _shop_like(n, a, b):
                k += len(rel.group(0).split())  # "the Costa where I work, on Queen Street"
                end = end or k
                head = max(head, 2.5)
                score = max(score, 2.5)
                nxt = " ".join(w.lower for w in n.words[k:k + 6])
            if end is not None and not apposed and re.match(r"(?:the|my) ", nxt) and n.punct_after(k - 1) not in (".", "?", "!", ";"):
                # apposition: "my building, the Parkview Apartments", "the Luas, the green line"
                la = k
                lb = _np_end(n, doc, la)
                if lb > la + 1 and (_head_score(n, la, lb) >= 2.5 or last in TRANSPORT and lb - la <= 3
                                    and all(w.lower not in STOP for w in n.words[la + 1:lb])):
                    end = k = lb
                    apposed = True
                    continue
            if re.match(r"the (?:one|1) (?:on|in|by|near|opposite|at) ", nxt) \
                    and (end is not None or _shop_like(n, a, b)):
                la = k + 3
                lb = _np_end(n, doc, la)
                if lb > la:
                    end = k = lb
                    head = max(head, 2.5)
                    score = max(score, 2.5) + 1.0
                    continue
            riding = n.words[k - 1].lower in TRANSPORT | VEHICLES | {"flight"} or n.words[k - 1].kind == "time"
            links = ("from", "going to", "heading to", "to") if riding else LINKS
            link = next((l for l in links if nxt.startswith(l + " ")), None)
            if riding and link is not None:
                la = k + len(link.split())
                lb = la
                while lb < min(len(n.words), la + 3) and n.words[lb].lower not in STOP and n.words[lb].kind == "word" \
                        and n.words[lb].lower not in DATE_WORDS:
                    lb += 1
                if la < lb <= la + 3:  # "the train from Glasgow", "the 380 bus going to Bondi"
                    end = k = lb
                    continue
                break
            if link is None or n.punct_after(k - 1) in (".", "?", "!", ";"):
                break
            la = k + len(link.split())
            lb = _np_end(n, doc, la)
            if lb <= la:
                break
            sub = _head_score(n, la, lb)
            if sub < 0:
                break
            if sub <= 0.4 and link in ("in", "on", "at", "from") and _unknown_name(n, la, lb):
                sub = 1.0  # "on Deansgate", "in Bangor"
            if sub > 0.4:
                # "outside the Costa on Queen Street": a shop name we cannot score is still the place
                named = end is None and all(w.lower not in _nouns() for w in n.words[a:b] if w.lower not in DETS)
                if end is None and sub >= 4.0 and link in ("on", "in", "off", "by", "near") and _shop_like(n, a, b):
                    # "the Co-op on Hartley Road", "Kwik Fit on Stanley Road": a place on a named street is
                    # more exact than the street, even when nothing tells us what kind of place it is
                    named = True
                    head = max(head, 0.5)
                score += max(sub, 1.0) * (1.0 if named else 0.6) + (0.5 if named else 0.0)
                end = lb
            k = lb
        if end is None or score <= 0.4:
            continue
        if cue in WEAK_CUES:
            score -= 1.5
        if cue in MOVE_CUES and head < 3.0:
            score -= 1.0
        before = " ".join(w.lower for w in n.words[max(0, ci - 4):ci])
        if ASIDE.search(before) and cue in ("at", "on", "in"):
            score -= 3.0  # "got on at Oxford Street": where they boarded, not where it happened
        elif ELSEWHERE.search(before):
            score -= 1.5
        after = " ".join(w.lower for w in n.words[end:end + 5])
        if CORRECTION.match(after) or CORRECTION.match(" ".join(w.lower for w in n.words[end:end + 6])[3:]) \
                or re.match(r"(?:on |in |at )?(?:no not|not the|no sorry|sorry|no it was|i mean)\b", after):
            score -= 4.0  # "at the Asda, no, not the Asda, it was the Morrisons": the correction wins
        keep = CUES.get(cue, False)
        start = ci if keep else a
        text = n.source(start, end)
        cands.append((score, ci, Place(text=text, source=n.source(ci, end), score=score), end, head))
    if not cands:
        return None
    # a phrase inside a longer place ("on Carlton Road" in "from the gym on Carlton Road") is that place
    cands.sort(key=lambda c: c[1])
    outer: list[tuple[float, int, Place]] = []
    last_end = -1
    for c in cands:
        if c[1] < last_end:
            continue
        outer.append(c)
        if c[4] > 0.4:  # only a real place swallows the phrases that extend it
            last_end = c[3]
    cands = outer
    # best score; earlier wins ties (the incident is usually told first)
    key = lambda c: round(c[0] - 0.05 * c[1] / max(1, len(n.words)), 3)  # noqa: E731
    ranked = sorted(cands, key=key, reverse=True)
    best = ranked[0]
    rival = next((c for c in ranked[1:] if c[2].text.lower() not in best[2].text.lower()
                  and best[2].text.lower() not in c[2].text.lower()), None)
    lead_in = " ".join(w.lower for w in n.words[max(0, best[1] - 6):best[1]])
    unsure = (rival is not None and best[0] - rival[0] < 0.75) or best[0] < 1.5 or bool(
        re.search(r"\b(?:no not|not the|sorry|i mean|actually|or was it)\b", lead_in))
    place = best[2]
    return Place(text=place.text, source=place.source, score=place.score, unsure=unsure)
