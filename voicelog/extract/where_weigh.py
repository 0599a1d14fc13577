"""What the words around a place say about it: where it was gone to, left, passed, boarded, or said to be the place.

:mod:`voicelog.extract.where` finds the candidate places; :func:`weigh` adds to or takes from each one's score for
the words around it, each a named rule (:mod:`voicelog.extract.rules`) whose name goes into the place's rules:
a weak cue ("to the station", but not "followed me round the market"), boarding ("got on at"), a habit or home
("he lives in"), the other person there ("he was at", "Gary walked in"), a place arrived at where he waited, where a
following ended ("till the Spar"), a refuge ("waited until he'd gone"), where witnesses were ("nobody in the
building saw"), "that's where it happened", and self-corrections. The amounts are
:data:`~voicelog.extract.where_scores.SCORES`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import phrases_rx, wl
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.normalize import Normalized
    from voicelog.extract.where_grow import Seed

SELF_CORRECTION = rule("location.self-correction", "\"the Asda, no wait, the Aldi\": the place said last is meant.",
                       said("He was in the Asda, no wait, the Aldi, and he followed me out.", "the Aldi"),
                       said("he was in the asda no wait the aldi and he followed me out", "the aldi"),
                       said("He was at the Greggs, no, the Costa, and he sat by the door.", "the Costa"),
                       said("I was at Fell Square, no, sorry, it's Fenn Square, and he stood behind me.", "Fenn Square"),
                       said("we were in the chemist no it was the post office and he came in", "the post office"))

BOARDING = rule("location.not-boarding", "Where someone got on or off (\"got on at Cheapside\") is not the place.",
                said("I was on the tram and he got on at Cheapside.", "the tram", fires=False),
                said("I got off the train at Dunmore and he followed me onto the platform.", "the platform at Dunmore",
                     fires=False))

ELSEWHERE = rule("location.not-elsewhere", "A habit, a home or a way home (\"he lives in\") is not the place.",
                 said("He lives in Dunmore but he was waiting outside my flat.", "outside my flat", fires=False),
                 said("Last night he was banging on my back door. I live at 6 Sorrel Rise.", "my back door",
                      fires=False),
                 said("Lilies were left on the doorstep, from the florist he always used, Bloom on Tanners Lane.",
                      "the doorstep", fires=False),
                 said("Whilst I was out at the gym this afternoon someone kicked in my side gate.", "my side gate",
                      fires=False))

THEY_WERE_THERE = rule("location.they-were-there", "Where the other person was (\"he was at\", \"Gary came in\") beats where I went.",
                       said("I was on my way back from the gym on Larch Road and he was there at the bus stop.",
                            "the bus stop"),
                       said("i was on my way back from the gym on larch road and he was there at the bus stop",
                            "the bus stop"),
                       said("Her brother's been in the back garden again, hanging about by the shed.",
                            "the back garden"),
                       said("I was in the hallway when Gary walked in the kitchen and smashed a plate.", "the kitchen"),
                       said("i was in the hallway when gary walked in the kitchen and smashed a plate", "the kitchen"))

ALREADY_THERE = rule("location.already-there", "\"I went to the Lidl on Birch Road. He was already there\": the place gone to.",
                     said("I went to the Lidl on Birch Road. He was already there, by the entrance.",
                          "the Lidl on Birch Road"),
                     said("i went to the lidl on birch road he was already there by the entrance",
                          "the lidl on birch road"))

WEAK_CUE = rule("location.weak-cue", "Where someone went (\"to the station\") counts less than where they were.",
                said("He followed me out of the chemist on Hollin Road and all the way to the station.",
                     "the chemist on Hollin Road", fires=False))

SAID_THERE = rule("location.said-there", "\"..., and that's where it happened\": the place the speaker names as the place.",
                  said("I went to the bank on Larch Road, then to the allotments on Birch Lane, and that's where it happened.",
                       "the allotments on Birch Lane"),
                  said("i went to the bank on larch road then to the allotments on birch lane and that's where it happened",
                       "the allotments on birch lane"))

ARRIVED = rule("location.arrived-he-was-there", "\"when I reached the tram stop, he was just there\": the place arrived at.",
               said("I nipped into the bakery on Quarry Street, and when I reached the bus stop on Holm Road, Osian was just there.",
                    "the bus stop on Holm Road"),
               said("i nipped into the bakery on quarry street and when i reached the bus stop on holm road osian was just there",
                    "the bus stop on holm road"),
               said("I got off at the tram stop and he was there waiting for me.", "the tram stop"),
               said("When I reached Dunmore station he was waiting by the barriers.", "Dunmore station"),
               said("when i reached dunmore station he was waiting by the barriers", "dunmore station"))

UNTIL = rule("location.until", "Where a following ended (\"walked behind me till the Spar\") is not where it happened.",
             said("I was on the number 40 bus and he sat behind me, then he walked behind me till the Spar on Mill Road.",
                  "the number 40 bus", fires=False),
             said("i was on the tram and he stood over me then followed me until i got to the chemist on mill road",
                  "the tram", fires=False))

NO_WITNESS = rule("location.no-witness", "\"nobody in the building saw anything\": where witnesses were, not where it happened.",
                  said("There was a parcel outside my flat door again. Nobody in the building saw anything.",
                       "outside my flat door", fires=False),
                  said("there was a parcel outside my flat door again nobody in the building saw anything",
                       "outside my flat door", fires=False))
ALL_ROUND = rule("location.all-round", "\"followed me round the shopping centre\": where it happened, not where someone went.",
                 said("He followed me round the shopping centre for an hour, from Primark to Boots.", "the shopping centre",
                      fires=False),
                 said("he followed me round the shopping centre for an hour from primark to boots", "the shopping centre",
                      fires=False))
REFUGE = rule("location.refuge", "\"I went into the chemist and waited till he'd gone\": a refuge is not where it happened.",
              said("He trailed me right across to the retail park on Tansley Way. I went into the chemist and waited "
                   "until he'd gone.", "the retail park on Tansley Way", fires=False),
              said("he trailed me right across to the retail park on tansley way i went into the chemist and waited "
                   "until he'd gone", "the retail park on tansley way", fires=False))
OFF_WORK = rule("location.off-work", "\"home from my shift at the bakery\": where the person came off work counts less.",
                said("I came back from my shift at the bakery and his van was parked outside my house.",
                     "outside my house", fires=False),
                said("i was heading out after my shift at the sorting office and he sat waiting in the car park",
                     "the car park", fires=False),
                said("Back from my shift at the diner now. Last night he came in and sat there for hours staring at me.",
                     "the diner"))
WITNESS_PLACE = rule("location.witness-place", "\"my daughter was in the lounge and heard it\": where a witness was, not where it happened.",
                     said("He was hammering on the back door. My daughter was in the lounge and heard everything.", "the back door",
                          fires=False),
                     said("he was kicking my back door my daughter was in the lounge and heard it", "my back door", fires=False),
                     said("He's parked at the end of the close again. I'm watching him from the landing.",
                          "at the end of the close", fires=False))
SPEAKER_NOW = rule("location.speaker-now", "\"I'm on the tram now\": where the speaker is as they speak, not where it happened.",
                   said("I'm on the tram now, still shaking. Earlier, outside the bakery on Mill Road, he grabbed my arm.",
                        "outside the bakery on Mill Road", fires=False),
                   said("i'm on the tram now still shaking earlier outside the bakery on mill road he grabbed my arm",
                        "outside the bakery on mill road", fires=False),
                   said("I'm upstairs in the spare room and I can see his car parked at the end of the close again.",
                        "at the end of the close", fires=False))

POLICE_STATION = rule("location.police-station", "\"I've been to the police station\": where it was reported, not where it happened.",
                      said("I've just come back from the police station. Earlier he was outside the chemist on Fenn Road.",
                           "outside the chemist on Fenn Road", fires=False),
                      said("i spoke to sergeant quennell at the station this morning about the flowers he left on my doorstep",
                           "my doorstep", fires=False))

_POLICE_STATION = re.compile(r"\b(?:police|garda|gardai|cop|copper|cops)'?s? (?:station|office|front desk|desk)$|^the nick$")
"""A police station by name: where things are reported (rule ``police-station``)."""
_POLICE_TITLE = re.compile(r"\b(?:sergeant|sgt|pc|dc|constable|officer|detective|inspector|garda|police)\b(?: \S+)?$")
""""Sergeant Quennell at the station": the station of a police officer just named."""
_THEM = re.compile(r"\b(?:he|she|they|him|them|he's|she's|they're)\b")
"""The other person just before a cue: where they were, not where the speaker went."""
_THEY_HAVE_BEEN = re.compile(r"\b(?:he's|she's|they've|(?!(?:it|that|there|what|where)'s)\w+'s"
                             r"|(?!(?:i|we|you|it|that|there)\b)\w+ (?:has|have|had)) been$")
""""he's been in the back garden": where the other person was (rule ``they-were-there``), not where I had been."""
_ALREADY_THERE = re.compile(r"(?:\S+ ){0,7}?\S+ (?:was|were|is|'s) (?:already there|still there|there already)\b"
                            r"|.*\b(?:already there|still there|there already)$")
""""I went to the Lidl. He was already there": the place gone to is where it happened (rule ``already-there``)."""
_ARRIVED = re.compile(r"(?:\S+ ){0,7}?(?!(?:i|we|it)\b)\S+ (?:was|were|is|'s) (?:just |already |still )?(?:(?:stood |sat |standing |sitting )?there|waiting)\b"
                      r"|.*\b(?:already there|still there|there already)$")
""""When I reached the tram stop, Osian was just there", "he was there waiting": the place arrived at (rule
``arrived-he-was-there``, which grew from ``already-there``)."""
_ARRIVING = re.compile(r"\b(?:got|get|gets|arrived|arrive|arrives|alighted|reached|pulled up|pulled in|stepped off|got off"
                       r"|got out|walked in|went in|came in|came out|rocked up)$")
"""The speaker arriving just before "at" or "in": "when I got off at the tram stop", "I arrived at work"."""
_SAID_THERE = re.compile(r"(?:\S+ ){0,3}?(?:and |so )?(?:that's|that is|thats|this is|this was|that was) (?:where|the place) (?:it|this|that|all|he|she|they)\b"
                         r"|(?:\S+ ){0,2}where it (?:all )?(?:happened|started|kicked off)\b")
""""..., and that's where it happened": the speaker names the place (rule ``said-there``)."""
_REFUGE = re.compile(r"(?:\S+ ){0,3}?(?:and )?(?:i |we )?(?:waited|hid|hidden|stayed|sat|locked myself in|locked the door)"
                     r"(?: \S+){0,3}? (?:until|till|til) (?:he|she|they|he'd|she'd|they'd|it)\b")
""""I went into the chemist and waited until he'd gone": where the speaker took refuge (rule ``refuge``)."""
_WITNESSES = re.compile(r"\b(?:nobody|no one|noone|anybody|anyone|everybody|everyone|none of (?:them|us|the \w+))$")
_SAW = re.compile(r"(?:\S+ ){0,2}?(?:saw|seen|see|heard|hear|noticed|notice|knew|know)\b")
""""nobody in the building saw anything": where the people who did not see it were (rule ``no-witness``)."""
_WITNESS_THERE = re.compile(r"(?:and |so )?(?:she |he |they |who )?(?:also )?(?:heard|saw|seen|watched|could hear|could see)"
                            r"(?: \S+)?? (?:it|everything|the whole|what|him|her|them|the crack|the bang|the noise|the smash)\b")
_WAS = re.compile(r"\b(?:was|were)$")
_SEEN_FROM = re.compile(r"\b(?:see|saw|seen|watch|watched|watching|spot|spotted)(?: him| her| them| it)?$")
""""my daughter was in the lounge and heard it", "I'm watching him from the landing": where a witness was (rule
``witness-place``)."""
_SPEAKER, _NOW = re.compile(r"\b(?:i'm|i am|im|we're|we are)(?: still| just| sat| sitting| upstairs| downstairs| hiding)?$"), re.compile(r"(?:\S+ ){0,2}now\b")
_LOOKING = re.compile(r"(?:\S+ ){0,2}?(?:and |so )(?:i|we) (?:saw|see|can see|could see|looked out|look out|spotted|noticed|heard)\b")
""""I'm in my bedroom and I saw his van at the end of the lane": where the speaker watches from (rule ``speaker-now``)."""
"""Where the speaker is as they speak (rule ``speaker-now``)."""
_ALL_ROUND = frozenset(("round", "around", "through", "up and down"))
"""After "followed me", "chased us": the place it happened all round, not where someone went (rule ``all-round``)."""
_UNTIL = re.compile(r"\b(?:till|until|til|untill)\b")
""""walked behind me till the Spar on Mill Road": where a following ended (rule ``until``)."""
_CLAUSE_BREAKS = frozenset("and but when then so because while until".split())


@cache
def corrections_rx() -> re.Pattern[str]:
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


def _habit_clause(account: Normalized, cue_start: int) -> bool:
    """Rule ``not-elsewhere``: the clause before the cue has a verb of a habit or home ("he lives round the corner
    from me on Rowan Street"); the clause ends at a full stop, "and", "but", "when", or eight words back."""
    words = account.words
    for i in range(cue_start - 1, max(-1, cue_start - 9), -1):
        if account.punct_after(i) in (".", "?", "!", ";") or words[i].lower in _CLAUSE_BREAKS:
            return False
        if words[i].lower in wl("habits"):
            return True
    return False


def weigh(account: Normalized, seed: Seed, end: int, head: float, rules: list[str], *, riding: bool = False) -> float:
    """What the words around a place add to its score (weak cues, boarding, habits, corrections, "that's where it
    happened"); the rules that decided go on rules. riding: the place is the bus or train being ridden."""
    lowers = [word.lower for word in account.words]
    change = 0.0
    if seed.cue in wl("weak_cues") and not (seed.cue in _ALL_ROUND and seed.cue_start > 0
                                            and lowers[seed.cue_start - 1] in ("me", "us", "her", "him", "them")):
        change += SCORES.weak_cue  # but "followed me round the Aldi" happened all round it (rule all-round)
    if seed.cue in wl("move_cues") and head < SCORES.riding:
        change += SCORES.move_cue
    before = " ".join(lowers[max(0, seed.cue_start - 4):seed.cue_start])
    later = " ".join(lowers[end:end + 10])
    arrived = True
    if seed.cue in ("to", "into") and _ALREADY_THERE.match(later):
        change += SCORES.they_were_there - SCORES.weak_cue  # "I went to the Lidl. He was already there": went there
        rules.append(ALREADY_THERE)
    elif (seed.cue in ("to", "into", "onto", "reached", "reach")
          or seed.cue in ("at", "in", "on") and _ARRIVING.search(before)) \
            and _ARRIVED.match(later):
        change += SCORES.arrived - (SCORES.weak_cue if seed.cue in wl("weak_cues") else 0.0)
        rules.append(ARRIVED)  # "when I reached the tram stop, he was just there"
    else:
        arrived = False
    if _WITNESSES.search(before) and _SAW.match(later):
        change += SCORES.elsewhere  # "nobody in the building saw anything"
    witness = _WAS.search(before) and _WITNESS_THERE.match(later) or seed.cue == "from" and _SEEN_FROM.search(before)
    if witness:
        change += SCORES.elsewhere  # "my daughter was in the lounge and heard it", "watching him from the landing"
        rules.append(WITNESS_PLACE)
    if _SPEAKER.search(before) and (_NOW.match(later) or _LOOKING.match(later)):
        change += SCORES.elsewhere  # "I'm on the tram now"
    if _REFUGE.match(later):
        change += SCORES.elsewhere  # "I went into the chemist and waited until he'd gone"
    if _SAID_THERE.match(later):
        change += SCORES.said_there  # "..., and that's where it happened"
        rules.append(SAID_THERE)
    place = " ".join(lowers[seed.start:end])
    if _POLICE_STATION.search(place) or lowers[end - 1] == "station" and _POLICE_TITLE.search(before):
        change += SCORES.elsewhere  # "back from the police station", "Sergeant Quennell at the station"
        rules.append(POLICE_STATION)
    clause = _clause_before(account, seed.cue_start)
    if arrived or witness or _ALREADY_THERE.search(before):
        pass  # "he was already there, by the entrance": a part of the place gone to, which that place already names
    elif _boarding().search(before) and seed.cue in ("at", "on", "in") and not riding:
        change += SCORES.boarding  # "got on at Copperfield Lane": where they boarded, not where it happened
    elif _THEY_HAVE_BEEN.search(before):
        change += SCORES.they_were_there  # "her ex has been in the back garden": where the other person was
        rules.append(THEY_WERE_THERE)
    elif phrases_rx("elsewhere", r"$").search(before) or _habit_clause(account, seed.cue_start):
        change += SCORES.elsewhere
    elif phrases_rx("off_work", r"$").search(before):
        change += SCORES.off_work  # "back from my shift at the bakery"
        rules.append(OFF_WORK)
    elif _UNTIL.search(clause):
        change += SCORES.until  # "walked behind me till the Spar on Mill Road": where it ended
    elif (_THEM.search(clause) or _named_before(account, seed.cue_start, len(clause.split()))) \
            and not phrases_rx("reported").search(before):
        change += SCORES.they_were_there  # "he was just there at the bus stop", "Gary came in the kitchen"
        rules.append(THEY_WERE_THERE)
    after = " ".join(lowers[end:end + 6])
    corrections = corrections_rx()
    if corrections.match(after) or corrections.match(after.split(" ", 1)[-1]):
        change += SCORES.corrected  # "at the Iceland, no, not the Iceland, it was the Londis": the correction wins
    elif seed.corrected_to or corrections.search(" ".join(lowers[max(0, seed.cue_start - 5):seed.cue_start])):
        change += SCORES.correction
        rules.append(SELF_CORRECTION)
    return change


def _named_before(account: Normalized, cue_start: int, size: int) -> bool:
    """Rule ``they-were-there``: someone named by first name in the size words before the cue ("Gary came in the
    kitchen"), capitalised where the text has capitals."""
    from voicelog.extract.names import first_names

    cased = any(word.text[:1].isupper() for word in account.words[1:] if word.lower != "i")
    return any(word.lower in first_names() and (word.text[:1].isupper() or not cased)
               for word in account.words[cue_start - size:cue_start])


def _clause_before(account: Normalized, cue_start: int, size: int = 4) -> str:
    """Up to size words before the cue, not reaching back past a full stop."""
    words, first = account.words, max(0, cue_start - size)
    for i in range(cue_start - 1, first - 1, -1):
        if account.punct_after(i) in (".", "?", "!", ";"):
            first = i + 1
            break
    return " ".join(word.lower for word in words[first:cue_start])
