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
}
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
""".split())
VEHICLES = frozenset("car van truck lorry motorbike motorcycle bike scooter taxi cab".split())
STREET_WORDS = frozenset("""
street road lane avenue close way drive parade grove place crescent terrace row square hill gardens green
walk mews court boulevard broadway estate park quay wharf embankment
""".split())
WEAK_HEADS = frozenset("window windows door road street way phone home".split())
REMOTE = re.compile(
    r"\b(?:text(?:ed|s)?|messag(?:e|ed|es|ing)|e ?mail(?:ed|s)?|voicemail|rang|ring|called|phoned|phone call|"
    r"call(?:s)?|dm(?:ed|s)?|comment(?:s|ed)?|posted|post|tagged|instagram|facebook|whatsapp|snapchat|tiktok|"
    r"twitter|linkedin|online|profile|account|friend requests?|logged|icloud|google|snap map|screenshot)\b")
PRESENCE = re.compile(
    r"\b(?:follow(?:ed|ing)?|outside|standing|stood|waiting|waited|sat|sitting|parked|turned up|came up|"
    r"grabbed|pushed|shoved|hit|punched|walked|behind me|banging|knocking|left (?:a|some|on)|doorstep|"
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
    while k < len(words) and words[k].lower in DETS and k - i < 2:
        k += 1
    start = k
    while k < len(words):
        w = words[k]
        lw = w.lower
        if k > start and n.punct_after(k - 1) in (",", ".", "?", "!", ";"):
            break
        if w.kind in ("time", "num", "ord") and not (k > 0 and words[k - 1].lower in ("number", "platform", "a", "the")):
            break
        if k > start and words[k - 1].lower in STREET_WORDS and lw not in PLACE_HEADS and lw not in STREET_WORDS:
            break
        if lw in DATE_WORDS:
            break
        if lw in STOP and lw not in ("one",) and not (lw in STREET_WORDS and k > start) and not (
                lw in ("back", "front") and k + 1 < len(words) and words[k + 1].lower in PLACE_HEADS):
            break
        pos = doc[k].pos_ if doc is not None and k < len(doc) else "NOUN"
        nxt_head = k + 1 < len(words) and words[k + 1].lower in PLACE_HEADS and lw not in STOP
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
    if last in VEHICLES or (len(ws) >= 2 and ws[-2] in VEHICLES and last not in PLACE_HEADS):
        return 0.5 if last in ("bus", "train", "tram") else 0.2
    if last in STREET_WORDS and len(ws) >= 2 and ws[-2] not in DETS:
        s += 4.0
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
    if REMOTE.search(lower) and not PRESENCE.search(lower):
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
        if head <= 0.4 and cue in ("in", "at", "outside", "inside", "opposite") and _unknown_name(n, a, b):
            head = 1.0  # "in Westfield", "outside Oakfield Primary": a name we do not know
        score = head
        end = b if head > 0.4 else None
        # extend: "the Tesco car park on Main Street in Bangor", "the Spar on Wellington Street"
        k = b
        for _ in range(4):
            nxt = " ".join(w.lower for w in n.words[k:k + 6])
            links = LINKS + (("from",) if n.words[k - 1].lower in VEHICLES | {"train", "tram", "coach", "flight"} else ())
            link = next((l for l in links if nxt.startswith(l + " ")), None)
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
                if end is None and sub >= 4.0 and link in ("on", "in", "off") and _shop_like(n, a, b):
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
