"""What in a time's clause says it is the incident's, for :mod:`voicelog.extract.clock`: the weights of its scoring
(:data:`SCORES`) and three cues read from the clause's words: the other person named rather than "he" or "she", a
state still going on ("he was still parked up at six"), and midnight or noon said as a bound ("just after midnight");
and whether a time was hedged ("about six", "I'd say half six", "sixish")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_ampm import PART_RX, WD_RX


@dataclass(frozen=True)
class TimeScores:
    """How a time's clause counts for it being the incident's time."""

    subject_deed: float = 2.0
    """The clause has something the other person did and names them ("he followed", "she was waiting", "I saw
    him"): a deed with no he, she or they may be the person's or a helper's ("my sister came round")."""
    other_person: float = 1.0
    """The clause names the other person by pronoun (he, she, they, him, her, them)."""
    own_routine: float = -3.0
    """The person's own day or helpers ("I got home", "my sister picked me up", "I rang the police"), unless the
    clause is a "when ..." that sets the scene for what follows ("when I got home at eight he was there")."""
    done_to_me: float = 2.0
    """Something the other person did to the person ("punched me", "followed me", "grabbed my arm"), whoever did it:
    the other person may be named ("my stepdad cornered me") rather than he or she."""
    span_end: float = -3.0
    """A time after "till" or "until" ends a span ("he sat there till about half nine"), one after "since" starts
    one still going on ("he'd been waiting since noon"): the time of what happened is the incident's."""
    on_camera: float = 3.0
    """A time told after a camera or its footage in the same sentence ("the CCTV shows him by my car at twenty past
    two"): when the deed was recorded, over when the person found it."""
    camera_reach: int = 25
    """Words back from a time's clause a camera counts (Vosk text has no full stops)."""
    run_start: float = 1.0
    """A time said as when a run of calls, texts or visits started ("they started at about twenty past nine"): when
    it began, over the moment the person noticed it ("I've just had twelve messages")."""
    named_bound: float = -3.0
    """Midnight or noon said as a bound ("just after midnight", "till gone midnight", "before noon"):
    a clock time said with it is the precise one (:data:`NAMED_BOUND`)."""
    still_there: float = -3.0
    """A time said of a state still going on ("he was still parked up at six", "there still come seven"): when the
    person saw it again, not when it began (:data:`STILL_THERE`)."""
    stated: float = 2.0
    """The time said as the time of it: "It was about twenty past seven", "That was just after six", "Time was
    nineteen forty"."""
    repeat: float = -3.0
    """A later time said as a repeat ("Then at ten he rang again", "and again at ten"): a repeat of what an earlier
    time already dated; :func:`incident_time` also never lets it win over the first time."""
    doubted: float = -3.0
    """The person was not sure anything happened then ("about nine I thought I saw his van, but I wasn't sure")."""
    doubt_reach: int = 6
    """Words after a time's clause, in its sentence, where a doubt counts."""
    then_deed: float = 2.5
    """A time of the person's own day followed in its sentence, before another time, by what the other person did
    ("I got home about quarter to six and was taking the bins out when he came over and grabbed my phone")."""
    deed_reach: int = 28
    """Words after a time's clause that what the other person did may follow in (:data:`ROUTINE_THEN_DEED`)."""
    reach: int = 8
    """Words a clause reaches either side of its time at most (Vosk text has no full stops to end it)."""
    found_reach: int = 12
    """Words after a time's clause of the person's own day that what they found may be said in ("I got home about
    ten and the mirror on my car was smashed": :data:`FOUND_ON_ARRIVAL`)."""
    empty_reach: int = 12
    """Words a time with no clause of its own ("At six, ...", "It was about six when ...") reaches forward."""


SCORES = TimeScores()
"""The weights in use."""

NAMED_SUBJECT = rule(
    "time.named-subject", "the other person named in a time's clause ('at half four Dale was sitting in his van') "
    "counts as 'he' or 'she' does; a name after 'my', 'my sister', 'my mate' is someone close, not the other person",
    said("I left the gym at like four, got a coffee at ten past four, and at about half four Dale was sitting in his "
         "van across from my flat.", "~16:30"),
    said("i dropped the kids at nursery at quarter to nine and at about ten dale was going through my shed", "~10:00",
         at="2026-03-30T12:00:00"))
NAMED_BOUND = rule(
    "time.named-hour-bound", "midnight or noon said as a bound ('just after midnight', 'till gone "
    "midnight') gives way to a clock time said with it ('... at twelve twenty', '... around eleven')",
    said("In the early hours, just after midnight, at twelve twenty, I got a silent call.",
         "00:20", at="2026-03-30T10:00:00"),
    said("my neighbour says on friday night his car sat outside until gone midnight and he was in it around eleven",
         "~23:00"))
STILL_THERE = rule(
    "time.still-there-is-later", "a time said of what was still going on ('he was still parked up outside at six', "
    "'there still come ten') is a later look, not when it began: the earlier time of what happened wins",
    said("At about twenty past four he was sitting in his car across from my flat. He was still parked up outside at "
         "six, my brother says.", "~16:20"),
    said("when i got back from the late shift at five in the morning she was outside my door and she was there "
         "still at seven", "05:00", at="2026-03-30T09:00:00"))
DESCRIBED_SUBJECT = rule(
    "time.described-subject", "the other person said by a description in a time's clause ('my ex was at the gate by "
    "four', 'a woman phoned the nursery at ten', 'his mum had been in at one') counts as 'he' or 'she' does (vocab "
    "when_described_other; his or their with a relation of when_tellers: the other side's people)",
    said("On Sunday I was at the park at two. Then at four my ex was waiting by the swings.", "16:00"),
    said("on sunday i was at the park at two then at four some bloke was waiting by the swings", "16:00"),
    said("Last night my ex was hammering on the shutters at about nine. My brother rang the police, they came at "
         "ten.", "~21:00"),
    said("On Friday I fetched my daughter from swimming at five. The coach told me that at three a woman phoned, "
         "wanting her lesson times.", "15:00"),
    said("On Saturday I got to the leisure centre at two, and the lifeguard said his mum had been in at one asking "
         "which lane I swim in.", "13:00"),
    said("Yesterday at two my mate came round, and at four he was sat outside in his car.", "16:00", fires=False))
_HELPER_BEFORE = frozenset({"my", "our", "mate", "friend", "pal"})


def named_other(n: Normalized, k: int) -> bool:
    """Whether words[k] is a first name that is not an everyday word (names.first_names) and not someone close to
    the person ("my sister Jo", "my mate Sam"): a name standing for the other person, as "he" does
    (:data:`NAMED_SUBJECT`)."""
    from voicelog.extract.names import first_names

    w = n.words[k]
    if w.lower not in first_names() or w.text[:1].islower() and n.text != n.text.lower():
        return False  # in cased text a name is capitalised ("Will", not "will")
    before = [x.lower for x in n.words[max(0, k - 2):k]]
    return not any(x in _HELPER_BEFORE or x in vocab.words("when_tellers") for x in before)


def described_other(n: Normalized, k: int) -> bool:
    """Whether words[k] ends a description of the other person ("my ex", "a man", "some bloke"; vocab
    when_described_other) or of their people ("his mum", "their cousin"; not "her", often the person's child or
    friend): see :data:`DESCRIBED_SUBJECT`."""
    if k == 0:
        return False
    before = n.words[k - 1].lower
    return f"{before} {n.words[k].lower}" in vocab.words("when_described_other") or (
        before in ("his", "their") and n.words[k].lower in vocab.words("when_tellers"))  # "his mum", the other side


_STATES = frozenset({"there", "here", "outside", "sat", "sitting", "standing", "stood", "parked", "waiting", "about",
                     "around", "hanging", "lurking", "in", "on", "at", "by"})
"""Words after "still" that make it a state going on ("still there", "still parked"), not "even so" ("still rang")."""


def named_bound(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] is midnight or noon said as a bound: "after", "past", "gone", "before" or
    "until" before it, with "just" or "like" between (:data:`NAMED_BOUND`)."""
    if not n.source(i, i + 1).lower().endswith(("midnight", "noon", "midday")):
        return False
    k = i
    while k > 0 and i - k < 2 and n.words[k - 1].lower in ("just", "like", "well"):
        k -= 1
    return k > 0 and n.words[k - 1].lower in ("after", "past", "gone", "before", "until", "till")


def still_there(n: Normalized, a: int, i: int) -> bool:
    """Whether the time at words[i], its clause starting at words[a], is said of a state still going on ("he was
    still parked at six", "still there come seven"): see :data:`STILL_THERE`."""
    words = [w.lower for w in n.words[a:i]]
    return any(w == "still" and (k + 1 < len(words) and words[k + 1] in _STATES or k > 0 and words[k - 1] in _STATES)
               for k, w in enumerate(words))


def hedged(n: Normalized, i: int, j: int) -> bool:
    """Whether the time at words[i:j] was hedged ("about six", "sixish", "six or so")."""
    fillers = vocab.words("when_fillers")
    k = i
    while k > 1 and n.words[k - 1].lower in fillers and n.words[k - 1].lower != "like":
        k -= 1  # "at like, um, twenty to ten"
    if k > 0 and n.words[k - 1].lower == "like":
        return True  # "at like half twelve": "like" right before a time is a guess, elsewhere a filler
    before = [w.lower for w in n.words[max(0, i - 5):i] if w.lower not in fillers]
    text = " ".join(before[-3:])
    after = re.sub(rf"^(?:(?:in the|this|at|last) (?:{PART_RX})\b ?)", "", " ".join(w.lower for w in n.words[j:j + 6]))
    if re.match(r"(?:ish|or so|or thereabouts|maybe|give or take|about that|roughly|or around then)\b", after):
        return True
    if before[-1:] == ["round"] and not (before[-2:-1] and before[-2] in vocab.words("when_round_not_hedge")):
        return True  # "round ten" (about ten), not "he came round at ten"
    if re.search(rf"\b(?:{WD_RX}|week|weekend) gone$", text):
        return False  # "Tuesday gone": last Tuesday, not "gone ten"
    return any(re.search(rf"\b{re.escape(h)}(?: at| since| by| the| a)?$", text) for h in vocab.entries("when_hedges"))
