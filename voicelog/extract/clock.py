"""Which clock time in an account is the incident's, whether it was hedged, and whether it is am or pm.

An account often holds several times ("I left work at five ... at twenty to
six he was at the bus stop ... my sister picked me up at half six"). Each time
is scored by its clause (:data:`SCORES`): what the other person did and a
mention of them raise it, the person's own routine lowers it; the highest
wins, the earliest on a tie. A clock time whose clause starts with the
person's own day or a plan ("I left work at five", "what time", "tomorrow at")
is never the incident's, even alone, unless the other person interrupted it
("I woke up at three because he was banging"). The word lists are vocab files
(``when_subject_verbs``, ``when_own_routine``, ``when_not_incident``,
``when_hedges``, ...). Whether a 12-hour time is am or pm is :mod:`voicelog.extract.when_ampm`'s (re-exported
here).
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_ampm import AM_PM_BY_CONTEXT as AM_PM_BY_CONTEXT
from voicelog.extract.when_ampm import DAYTIME_DEFAULT as DAYTIME_DEFAULT
from voicelog.extract.when_ampm import HEARD_NIGHT as HEARD_NIGHT
from voicelog.extract.when_ampm import LATEST_NOT_AFTER as LATEST_NOT_AFTER
from voicelog.extract.when_ampm import NARRATIVE_ORDER as NARRATIVE_ORDER
from voicelog.extract.when_ampm import PART_BEFORE_NOT_LATER as PART_BEFORE_NOT_LATER
from voicelog.extract.when_ampm import PART_RX
from voicelog.extract.when_ampm import PARTS as PARTS
from voicelog.extract.when_ampm import after_earlier_times as after_earlier_times
from voicelog.extract.when_ampm import context as context
from voicelog.extract.when_ampm import context_part as context_part
from voicelog.extract.when_ampm import heard_night as heard_night
from voicelog.extract.when_ampm import part_near as part_near
from voicelog.extract.when_ampm import part_not_after_recording as part_not_after_recording
from voicelog.extract.when_ampm import phrases as phrases
from voicelog.extract.when_ampm import resolve_hour as resolve_hour
from voicelog.extract.when_ampm import said_am_or_pm as said_am_or_pm
from voicelog.extract.when_cues import (
    DESCRIBED_SUBJECT,
    NAMED_BOUND,
    NAMED_SUBJECT,
    SCORES,
    STILL_THERE,
    described_other,
    named_bound,
    named_other,
    still_there,
)
from voicelog.extract.when_cues import TimeScores as TimeScores
from voicelog.extract.when_cues import hedged as hedged
from voicelog.extract.when_days import HELPER_PRONOUN, helper_pronoun
from voicelog.extract.when_spans import UNTIL_CLAUSE, ends_until_clause

FOUND_ON_ARRIVAL = rule(
    "time.found-on-arrival", "a time of the person's own day followed by what they found ('I finished work "
    "at ten and the door had been forced') is the incident's when no other time is said",
    said("I finished work at about nine and the garage window had been put through.", "~21:00"),
    said("i left work at six and found the tyres slashed", "18:00"),
    said("Last night I finished my shift about quarter to ten and the side window of my van was smashed in.", "~21:45",
         at="2026-03-31T10:00:00"))
ROUTINE_THEN_DEED = rule(
    "time.routine-then-deed", "a time of the person's own day followed in the same sentence, before another time, by "
    "what the other person did, dates it ('I got home about quarter to six and was taking the bins out when he "
    "came over and grabbed my phone'); a time said with doubt ('about eight I thought I saw his van but I wasn't sure') "
    "counts less",
    said("On Friday I had the optician at ten, finished work at four, that was maybe ten past four, and I got home "
         "about quarter to six and was taking the bins out when he came over and grabbed my phone.", "~17:45"),
    said("I dropped the kids at nursery at quarter to nine, and round ten we strolled over to the allotment and Dale "
         "was in my shed.", "~10:00", at="2026-03-30T12:00:00"),
    said("this morning i walked the dog about eight and thought i saw his van but i wasn't sure and when i left the "
         "vet's at twenty to eleven his van was behind my car and he was sat in it", "10:40",
         at="2026-03-30T14:00:00"),
    said("coming off my shift at six this morning darren was sat on the wall beside my van", "06:00",
         at="2026-03-30T07:00:00", fires=False))
SCENE_SETTING = rule(
    "time.when-clause-sets-the-scene", "the person's own routine in a 'when ...' clause ('it was when I got back "
    "to the flat, about eight, that I spotted him') dates what follows and is not set aside",
    said("I finished at the pool at six, went to the post office at half six, then it was when i got home at "
         "roughly quarter past seven that i spotted him by my gate", "~19:15"),
    said("i left the office at five and when i got home at six he was waiting on my step", "18:00"),
    said("His van was blocking my drive when I set off for my shift at roughly ten past six.", "~06:10",
         at="2026-03-30T07:30:00"),
    said("tonight when i finish at the warehouse it was half eleven he was stood by the fence", "23:30",
         at="2026-03-30T23:40:00"))
REPEAT = rule(
    "time.repeat-is-not-the-first", "a later time said as a repeat ('then at one he rang again', 'and again at "
    "half nine', 'then his cousin sent the same thing at ten') never wins over the first time of what happened",
    said("Friday night at ten forty he sent a voice note threatening me. Then at eleven he sent it again.", "22:40"),
    said("at half nine she rang me from a new number then at ten she did the same thing again", "21:30"),
    said("he buzzed my flat at ten past eight this morning and again at twenty to nine", "08:10",
         at="2026-03-30T12:00:00"),
    said("The alarm on my car has been set off since, um, one. He kicked it again at half two.", "01:00",
         at="2026-03-30T03:00:00"))
INCIDENT_TIME = rule(
    "time.incident-over-routine", "of several times, the one of what the other person did wins over the "
    "person's own routine (leaving work, a lift home, calling the police) and plans",
    said("I left work at five and at twenty to six he was at the bus stop, then my sister picked me up at "
         "half six.", "17:40"),
    said("My brother dropped me off at 8.30 and at about 8.45 she was standing by the gate.", "~08:45",
         at="2026-03-30T12:00:00"),
    said("i rang the police at ten past nine because at nine he was kicking the door", "21:00"),
    said("I got home at six. At quarter past six he knocked and would not stop.", "18:15"),
    said("I finished my shift at six and then at seven he was waiting by my car.", "19:00"),
    said("I left work at five and walked home.", None, fires=False),
    said("On Friday he emailed me at work and said he'd be at my flat at seven.", None, fires=False))
SPAN_END = rule(
    "time.until-is-the-end", "a time after 'till' or 'until' ends what happened ('he sat in his car from about six "
    "till half seven'), one after 'since' starts what is still going on ('he'd been waiting since noon'): the time "
    "of what happened is the incident's",
    said("he was leaning on my car from about seven this morning and didn't leave until half eight", "~07:00",
         at="2026-03-30T12:00:00"),
    said("I got back to the flat about six and he was on the stairs, he said he'd been waiting since two.", "~18:00"))
DONE_TO_ME = rule(
    "time.done-to-me", "a time whose clause says what was done to the person ('cornered me', 'punched me') wins over "
    "other times, even when the other person is named, not he or she",
    said("I was at the allotment from ten, went for chips at one, and at three my cousin's husband kicked me in the shin.",
         "15:00"))
ON_CAMERA = rule(
    "time.on-camera", "a time told after a camera or its footage in the same sentence ('the doorbell camera has him "
    "at my car at ten past two') is when the deed was done, over when the person found it",
    said("When I came out of work at six my tyres were flat. Security checked the CCTV and it shows a man crouched "
         "by the car at twenty to three.", "14:40"),
    said("I checked the camera at nine and he had been at my door at four this morning", "04:00"))
RUN_START = rule(
    "time.run-start", "a time said as when a run of calls, texts or visits started ('they started at ten past nine') "
    "wins over the moment the person noticed it ('I've just had fifteen texts')",
    said("I've just had fifteen texts off him. They started at about twenty past ten, all abuse.", "~22:20",
         at="2026-03-30T23:05:00"),
    said("ive just had fifteen texts off him they started at about twenty past ten all abuse", "~22:20",
         at="2026-03-30T23:05:00", fires=False))
STATED = rule(
    "time.stated-as-the-time", "a time said as the time of it ('It was, I'd say, about ten to eight', "
    "'That was about six') wins over the times of the person's own day",
    said("I finished at the pool at six and walked down to the tram stop, and he was there. It was, I'd say, "
         "roughly twenty to seven.", "~18:40"),
    said("i got off the train at five he was on the platform staring at me that was about ten past five",
         "~17:10"),
    said("I finish at the bakery at six, and I was at the bus stop when he pulled up and said get in. It'd be "
         "roughly ten past six.", "~18:10"))
HEDGED = rule(
    "time.hedged", "'about', 'around', 'just gone', 'ish', 'or so', 'round bout' make a time approximate; 'gone' "
    "right after a day ('Tuesday gone', last Tuesday) is no hedge",
    said("At about half past nine he rang.", "~21:30"),
    said("Round bout eight he was banging on my window.", "~20:00"),
    said("Round ten this morning he turned up at the school.", "~10:00"),
    said("He came round at ten and would not leave.", "10:00", fires=False),
    said("Friday gone, half past six in the evening, he keyed my car.", "18:30", fires=False),
    said("He turned up at seven-ish.", "~19:00"),
    said("He was outside at 7.15 or so.", "~19:15"),
    said("He was leaning on the bus shelter at quarter past six or so, same as every Thursday.", "~18:15"),
    said("he was leaning on the bus shelter at quarter past six or so same as every thursday", "~18:15"),
    said("At like ten past eight he was ringing my buzzer.", "~20:10"),
    said("Aboot half three he was at the school gate again.", "~15:30"),
    said("Last night, I'd say half nine, he kicked the side gate in.", "~21:30", at="2026-03-31T10:00:00"),
    said("this evening i think eight o'clock he rang the bell and ran", "~20:00"),
    said("On Sunday at like, erm, ten to four he was sat on my wall.", "~15:50"),
    said("Going on for seven, he was still outside the shop.", "~19:00"),
    said("He rang me at quarter past seven maybe, from a new number.", "~19:15"),
    said("Yesterday at nine in the morning, about that, he was at the school gate.", "~09:00"),
    said("Around a quarter after eight he was banging on the door.", "~20:15"),
    said("From when I got in at, what, ten past four, he sat outside in his car.", "~16:10"))


def _sentence_end(n: Normalized, k: int) -> bool:
    return n.punct_after(k) in (".", "!", "?")


def _time_starts(n: Normalized, k: int) -> bool:
    """Whether another time's phrase starts at words[k]: the time itself or its "at about" before it."""
    for w in n.words[k:k + 3]:
        if w.kind == "time":
            return True
        if w.lower not in vocab.words("when_no_clause"):
            return False
    return False


def clause(n: Normalized, i: int, j: int) -> tuple[int, int]:
    """The words of the clause holding the time at words[i:j]: back and forward to a connective or punctuation."""
    breaks = vocab.words("when_clause_breaks")
    words = n.words
    a = i
    own = vocab.words("when_hedges") | vocab.words("when_no_clause") | {"before", "after", "just", "shortly"}
    while a > 0 and i - a < 3 and not n.punct_after(a - 1) and words[a - 1].lower in own \
            and (words[a - 1].lower not in breaks or words[a - 1].lower in ("before", "after")):
        a -= 1  # "just before midnight": the time's own words, not a connective
    while a > 0 and i - a < SCORES.reach and not n.punct_after(a - 1) and words[a - 1].lower not in breaks \
            and words[a - 1].kind != "time":
        a -= 1
    b = j
    while b < len(words) and b - j < SCORES.reach and not n.punct_after(b - 1) and words[b].lower not in breaks \
            and not _time_starts(n, b):
        b += 1
    if all(w.kind == "time" or w.lower in vocab.words("when_no_clause") or w.lower in vocab.words("when_hedges") for w in words[a:b]):
        b = j  # "At six, when I got home, he was at the door": the time's clause is what follows
        while b < len(words) and b - j < SCORES.empty_reach and not _sentence_end(n, b - 1):
            b += 1
    return a, b


def score(n: Normalized, i: int, j: int) -> float:
    """How much the clause of the time at words[i:j] looks like the incident (see :data:`SCORES`)."""
    a, b = clause(n, i, j)
    words = [w.lower for w in n.words[a:b] if w.kind != "time"]
    text = " ".join(words)
    other = any(n.words[k].lower in vocab.words("when_other_person") and not helper_pronoun(n, k)
                or named_other(n, k) or described_other(n, k) for k in range(a, b))
    total = 0.0
    if other:
        total += SCORES.other_person
    if phrases("when_subject_verbs").search(text) and other:
        total += SCORES.subject_deed
    if phrases("when_own_routine").search(text) and not _sets_the_scene(n, a):
        total += SCORES.own_routine
    if _repeat(n, i, text):
        total += SCORES.repeat
    if _done_to_me(text) and not other:
        total += SCORES.done_to_me
    if _span_end(n, i):
        total += SCORES.span_end
    if _starts_run(n, i):
        total += SCORES.run_start
    if still_there(n, a, i):
        total += SCORES.still_there
    if named_bound(n, i):
        total += SCORES.named_bound
    if _stated(n, i):
        total += SCORES.stated
    if _on_camera(n, a):
        total += SCORES.on_camera
    if phrases("when_doubts").search(_with_after(n, a, b)):
        total += SCORES.doubted
    if (_routine_before(n, a, i) or not other and _own_deed(n, a, i, b)) and then_deed(n, i, b) \
            and not ends_until_clause(n, i):  # "till we shut at ten, he stood ...": the end, not the scene
        total = max(total, 0.0) + SCORES.then_deed
    return total


def _own_deed(n: Normalized, a: int, i: int, b: int) -> bool:
    """Whether the clause words[a:b] of the time at words[i] says what the person did ("round ten we strolled over to
    the allotment"): "I" or "we" before it or just after it, before what the other person did
    (:data:`ROUTINE_THEN_DEED`)."""
    if any(n.words[k].lower in ("i", "we") for k in range(a, i)):
        return True
    breaks = vocab.words("when_clause_breaks")
    for k in range(i + 1, min(b, i + 4)):
        if n.punct_after(k - 1) or n.words[k].lower in breaks:
            return False
        if n.words[k].lower in ("i", "we"):
            return True
    return False


def _routine_before(n: Normalized, a: int, i: int) -> bool:
    """Whether the person's own day is said in words[a:i], before the time at words[i] ("I got home around six")."""
    text = " ".join(w.lower for w in n.words[a:i])
    return bool(phrases("when_own_routine").search(text) or phrases("when_not_incident").search(text))


def _with_after(n: Normalized, a: int, b: int) -> str:
    """The clause words[a:b] and the few words after it in its sentence ("about nine I thought I saw him, but I
    wasn't sure")."""
    end = b
    while end < len(n.words) and end - b < SCORES.doubt_reach and not _sentence_end(n, end - 1):
        end += 1
    return " ".join(w.lower for w in n.words[a:end])


def then_deed(n: Normalized, i: int, b: int) -> bool:
    """Whether the time at words[i], in a clause of the person's own day ending at words[b], is followed in its
    sentence, before any other time, by what the other person did ("I got home about quarter to six, and I was taking
    the bins out when he came over and grabbed my phone"): see :data:`ROUTINE_THEN_DEED`."""
    end = b
    while end < len(n.words) and end - b < SCORES.deed_reach and not _sentence_end(n, end - 1) \
            and not _time_starts(n, end):
        end += 1
    if end < len(n.words) and _time_starts(n, end):
        return False
    if any(w.lower == "ago" or w.lower == "now" and n.words[k - 1].lower == "just"
           for k, w in enumerate(n.words[i + 1:end], start=i + 1)):
        return False  # "my shift starts at half five ... five minutes ago he grabbed me": the deed has its own time
    if any(w.kind == "time" and _stated(n, k) for k, w in enumerate(n.words[end:end + 8], start=end)):
        return False  # "... and he was there. It was just after twenty past six": the deed's own time
    subjects = ("he", "she", "they", "he's", "she's", "they're", "he'd", "she'd", "they'd")
    return i < b and any((n.words[k].lower in subjects and not helper_pronoun(n, k) or named_other(n, k))
                         and phrases("when_subject_verbs")
                         .search(" ".join(w.lower for w in n.words[k + 1:min(end, k + 5)])) for k in range(b, end))


def _on_camera(n: Normalized, a: int) -> bool:
    """Whether a camera or its footage is named in the sentence before the clause starting at words[a]
    (:data:`ON_CAMERA`)."""
    k = a
    while k > 0 and a - k < SCORES.camera_reach and not _sentence_end(n, k - 1):
        k -= 1
    return any(w.lower in vocab.words("when_cameras") for w in n.words[k:a])


def _stated(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] is said as the time of it ("it was, I'd say, about ten to eight"): see
    :data:`STATED`."""
    skip = vocab.words("when_hedges") | vocab.words("when_fillers") | {"at", "i'd", "say", "what", "just", "a", "after",
                                                                      "before"}
    k = i
    while k > 0 and i - k < 6 and n.words[k - 1].lower in skip:
        k -= 1
    before = " ".join(w.lower for w in n.words[max(0, k - 3):k])
    return bool(_STATED_BY.search(before))


_STATED_BY = re.compile(r"(?:\b(?:it|that|this|time) was|\b(?:it|that|time) would be|\b(?:it|that)'d be|would've been|"
                        r"would have been|must have been|must've been)$")
"""Words right before a time (hedges aside) that say it as the time of it: "it was", "that would be", "it'd be",
"it would have been", "must've been" (:data:`STATED`)."""


def _starts_run(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] says when something started ("they started at about twenty past nine", "starting
    at seven"): see :data:`RUN_START`."""
    skip = vocab.words("when_hedges") | vocab.words("when_fillers") | {"at", "from", "just"}
    k = i
    while k > 0 and i - k < 4 and n.words[k - 1].lower in skip:
        k -= 1
    return k > 0 and n.words[k - 1].lower in ("started", "starting", "began", "begun")


def _done_to_me(text: str) -> bool:
    """Whether the clause text says something was done to the person (:data:`DONE_TO_ME`)."""
    for m in phrases("when_subject_verbs").finditer(text):
        hit = re.match(r" ?(?:\w+ ){0,2}?(?:me|my)\b ?(\w*)", text[m.end():])
        if hit and hit.group(1) not in vocab.words("when_tellers"):
            return True  # "rang my dad" is the person calling for help, not something done to them
    return False


def _span_end(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] follows "till" or "until", or ends a span "from ... to", "between ... and"
    (:data:`SPAN_END`)."""
    skip = vocab.words("when_hedges") | vocab.words("when_fillers")
    k = i
    while k > 0 and i - k < 3 and n.words[k - 1].lower in skip:
        k -= 1
    before = n.words[k - 1].lower if k > 0 else ""
    return before in ("till", "until", "til", "since") or k > 1 and opens_span(n, k - 2) or ends_until_clause(n, i)


SPAN_OPENERS = {"from": ("till", "until", "til", "to"), "between": ("and",)}
"""A word that opens a span of time, and the words that can close it ("from two till four", "between six and
seven")."""


def opens_span(n: Normalized, k: int) -> bool:
    """Whether the hour at words[k] starts a span: "from" or "between" before it, with only hedges and fillers between
    ("from like seven", "between about ten"), and the span's closing word right after it."""
    skip = vocab.words("when_fillers") | vocab.words("when_hedged_hour")
    a = k
    while a > 0 and k - a < 2 and n.words[a - 1].lower in skip:
        a -= 1
    opener = n.words[a - 1].lower if a > 0 else ""
    return opener in SPAN_OPENERS and k + 1 < len(n.words) and n.words[k + 1].lower in SPAN_OPENERS[opener]


def _sets_the_scene(n: Normalized, a: int) -> bool:
    """Whether the clause starting at words[a] is a "when ..." one (:data:`SCENE_SETTING`)."""
    return a > 0 and n.words[a - 1].lower == "when"


def _repeat(n: Normalized, i: int, text: str) -> bool:
    """Whether the time at words[i] is said as a repeat of an earlier one (:data:`REPEAT`)."""
    return any(w.kind == "time" for w in n.words[:i]) and _said_again(n, i, text)


def _said_again(n: Normalized, i: int, text: str) -> bool:
    """Whether the time at words[i], its clause's words text, is said as a repeat: "again" right before it ("and
    again at seven thirty", "she knocked again at ten to four"), or a clause opened by "then" that says "again", "the
    same thing" (vocab when_repeats)."""
    if "again" in [w.lower for w in n.words[max(0, i - 3):i]]:
        return True
    a, _b = clause(n, i, i + 1)
    return "then" in [w.lower for w in n.words[max(0, a - 1):i]] and bool(phrases("when_repeats").search(text))


def _repeat_of_earlier(n: Normalized, i: int, j: int) -> bool:
    """Whether the time at words[i:j], said after another candidate time, repeats it (:data:`REPEAT`)."""
    a, b = clause(n, i, j)
    return _said_again(n, i, " ".join(w.lower for w in n.words[a:b] if w.kind != "time"))


def deciding_rules(n: Normalized, spans: list[tuple[int, int, bool]], pick: int) -> list[str]:
    """The scoring rules beyond :data:`INCIDENT_TIME` that helped pick spans[pick]: its routine set the scene, it
    says what was done to the person, or another time was a repeat or the end of a span."""
    out = []
    i, j, _clock = spans[pick]
    a, b = clause(n, i, j)
    text = " ".join(w.lower for w in n.words[a:b])
    if _sets_the_scene(n, a) and (phrases("when_own_routine").search(text) or phrases("when_not_incident").search(text)):
        out.append(SCENE_SETTING)
    if any(k > pick and _repeat_of_earlier(n, x, y) for k, (x, y, _c) in enumerate(spans)):
        out.append(REPEAT)
    text = " ".join(w.lower for w in n.words[a:b] if w.kind != "time")
    if len(spans) > 1 and _done_to_me(text) and not any(w in vocab.words("when_other_person") for w in text.split()):
        out.append(DONE_TO_ME)
    if any(k != pick and _span_end(n, x) for k, (x, _y, _c) in enumerate(spans)):
        out.append(UNTIL_CLAUSE if any(k != pick and ends_until_clause(n, x) for k, (x, _y, _c) in enumerate(spans))
                   else SPAN_END)
    if len(spans) > 1 and any(k != pick and any(helper_pronoun(n, x) for x in range(*clause(n, y, z)))
                              for k, (y, z, _c) in enumerate(spans)):
        out.append(HELPER_PRONOUN)
    if len(spans) > 1 and (then_deed(n, i, b) and (_routine_before(n, a, i) or _own_deed(n, a, i, b))
                           or any(k != pick and phrases("when_doubts").search(_with_after(n, *clause(n, y, z)))
                                  for k, (y, z, _c) in enumerate(spans))):
        out.append(ROUTINE_THEN_DEED)
    if len(spans) > 1 and any(named_other(n, k) for k in range(a, b)) and not any(
            n.words[k].lower in vocab.words("when_other_person") for k in range(a, b)):
        out.append(NAMED_SUBJECT)
    if len(spans) > 1 and any(described_other(n, k) for k in range(a, b)):
        out.append(DESCRIBED_SUBJECT)
    if len(spans) > 1 and _starts_run(n, i):
        out.append(RUN_START)
    if len(spans) > 1 and _stated(n, i):
        out.append(STATED)
    if len(spans) > 1 and _on_camera(n, a):
        out.append(ON_CAMERA)
    if any(k != pick and still_there(n, clause(n, y, z)[0], y) for k, (y, z, _c) in enumerate(spans)):
        out.append(STILL_THERE)
    if any(k != pick and named_bound(n, y) for k, (y, _z, _c) in enumerate(spans)):
        out.append(NAMED_BOUND)
    return out


def not_incident(n: Normalized, i: int) -> bool:
    """Whether the time at words[i] is the person's own day ("I left work at five") or a plan ("what time",
    "back at eight tomorrow"), and not what woke or stopped them ("I woke up at three because he was banging")."""
    a, b = clause(n, i, i + 1)
    words = n.words
    lead = a
    while lead > 0 and a - lead < 2 and not _sentence_end(n, lead - 1):
        lead -= 1  # "he said he'd be at my flat at seven": the plan's first words may fall before the clause
    if phrases("when_plans").search(" ".join(w.lower for w in words[lead:b])):
        return True
    if not phrases("when_not_incident").search(" ".join(w.lower for w in words[a:i])):
        return False
    if _sets_the_scene(n, a):
        return False  # "he was on the corner when I set off for work at six" (time.when-clause-sets-the-scene)
    if found_on_arrival(n, i) or then_deed(n, i, b) or then_deed(n, i, i + 1):  # Vosk: no comma ends the clause
        return False
    after = [w.lower for w in words[b:b + 2]]
    return not (after[:1] and after[0] in vocab.words("when_interrupted") and after[1:]
                and after[1] in vocab.words("when_other_person"))


def found_on_arrival(n: Normalized, i: int) -> bool:
    """Whether the time at words[i], in a clause of the person's own day, is followed by what they found
    ("I finished work at ten and the garage window had been put through"): see :data:`FOUND_ON_ARRIVAL`."""
    a, b = clause(n, i, i + 1)
    words = n.words
    return bool(phrases("when_not_incident").search(" ".join(w.lower for w in words[a:i]))
                and phrases("when_found").search(" ".join(w.lower for w in words[b:b + SCORES.found_reach])))


def incident_time(n: Normalized, spans: list[tuple[int, int, bool]]) -> tuple[int | None, bool]:
    """Which of the times at spans (i, j, is a clock time) is the incident's, and whether
    :data:`INCIDENT_TIME` decided it (another time came first or was set aside)."""
    scored = [(score(n, i, j), k) for k, (i, j, _clock) in enumerate(spans)]
    live = [(s, k) for s, k in scored if not (spans[k][2] and not_incident(n, spans[k][0]))]
    if not live:
        return None, False
    set_aside = len(live) < len(scored)
    live = [(s, k) for s, k in live if k == live[0][1] or not _repeat_of_earlier(n, spans[k][0], spans[k][1])]
    # a repeat never wins over the time it repeats, whatever its clause says (time.repeat-is-not-the-first)
    best = max(live, key=lambda sk: (sk[0], -sk[1]))[1]
    return best, best != 0 or set_aside


def free_period(n: Normalized, taken: list[tuple[int, int]]) -> str | None:
    """A part of the day said on its own ("in the evening", "at lunchtime", "all morning", "early afternoon", "the
    wee hours"), outside the word spans already taken by a date ("yesterday evening")."""
    rx = (rf"\b(?:after (school)|after (work)|(?:on|during) (?:my|her|his|the) (lunch) (?:break|hour)|(?:in|during) the middle of the (night)|"
          rf"(?:in|during) the ({PART_RX})|at (night)|"
          rf"at (lunch(?:time)?)|all ({PART_RX})|(overnight)|(lunchtime)|(?:early|late|mid)[ -]?({PART_RX})|"
          rf"(morning|afternoon|evening|night)[ -]?time|"
          rf"in the early hours|the (?:wee|small) hours)\b")
    for m, i, _end in n.finditer(rx):
        if any(a <= i < b for a, b in taken):
            continue
        g = next((x for x in m.groups() if x), None)
        if g is None or g == "overnight":
            return "night"
        return PARTS.get(g, PARTS.get(g.replace("time", ""), None) or "afternoon")
    return None
