"""A place inside what someone said, wrote or asked (rule ``location.in-their-words`` of :mod:`voicelog.extract.where`).

A threat, a demand or a claim passed on ("saying I ought to come round to the caravan", "told her to tell me he'll be at
the boathouse", "he said he'd spotted me in the Weaver's Arms on Saturday") names places that are no place of the
incident: where someone will be, wants the person to go, or says the person went. Such a place is no candidate. Only
what another person said counts (not "I told him to go away, at the bus stop"), and only when the words between the
reporting verb and the place show they are theirs: the future or a wish (will, 'll, should, if, want ... to), the
person spoken to or about (I, me, you, your, we), or an order ("to come", "to tell"). A reported visit ("my mum said
he was outside her house") has none of these and stays a place.
"""

from __future__ import annotations

import re

from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import phrases_rx

IN_THEIR_WORDS = rule(
    "location.in-their-words",
    "\"saying I ought to come round to the caravan\": a place in a threat, demand or claim passed on is no place.",
    said("His brother came by at nine and said Nnamdi wants you to come round to the bungalow on Friday.", None,
         fires=False),
    said("his brother came by at nine and said nnamdi wants you to come round to the bungalow on friday", None,
         fires=False),
    said("A voice note from Dorian saying I'll be sorry if I show up at the boxing club again.", None, fires=False),
    said("yesterday my aunt rang and told me he'll hang about by the mosque gates on friday till i come", None,
         fires=False),
    said("Orrin walked into the staff room and said he'd spotted me holding hands in the Grey Heron on Friday.",
         "the staff room", fires=False),
    said("my neighbour said she saw him outside my flat at midnight", "outside my flat", fires=False),
    said("I told him to go away and stop following me at the bus stop, and he laughed.", "the bus stop", fires=False))

_STOPS = (".", "?", "!", ";")
_REACH = 12
"""How many words a passed-on message runs on before the place, at most (Vosk's text has no full stops)."""
_MARK_WITHIN = 5
"""A word that makes the words theirs comes this close after the reporting verb."""
_MARKS = frozenset("i i'm i've i'd i'll me you you're you'll you'd your ya we we're will won't wont gonna "
                   "should shouldn't must might if unless want wants wanted wanna better".split())
"""Words after the reporting verb that make the words theirs: the future, a wish, the person addressed."""
_NARRATED = frozenset("was were did came went kept got".split())
_SUBJECTS = frozenset("i he she they we it you someone somebody".split())
_OBJECTS = frozenset("me her him them us you".split())
_SPEAKER = frozenset("i we i'm we're i've".split())
_RESUMED = re.compile(r"\b(?:and then|then|when|after that|afterwards|later|anyway|so i|but i|and i)\b")
"""The account going on after what was said ("... and then he walked off")."""
_ORDER = re.compile(r"^to (?:tell|come|go|meet|pass|say|give|bring|send)\b")
""""told her to tell me", "asked me to come back": an order or a request passed on."""


def in_their_words(account: Normalized, cue_start: int) -> bool:
    """Rule ``in-their-words``: words[cue_start] opens a place inside a threat, demand or claim someone else passed
    on (vocab/where_reported.txt verbs and vocab/where_their_words.txt), with a word that makes it theirs."""
    words = account.words
    first = cue_start
    while first > 0 and cue_start - first < _REACH and account.punct_after(first - 1) not in _STOPS:
        first -= 1
    lowers = [word.lower for word in words[first:cue_start]]
    text = " ".join(lowers)
    starts = {len(" ".join(lowers[:k])) + (1 if k else 0): k for k in range(len(lowers))}
    verbs = [m for rx in (phrases_rx("reported"), phrases_rx("their_words")) for m in rx.finditer(text)
             if m.start() in starts]
    for match in sorted(verbs, key=lambda m: m.end(), reverse=True):
        k = starts[match.start()]
        if set(lowers[max(0, k - 3):k]) & _SPEAKER:
            continue  # "I told him to leave", "I was saying": the speaker's own words
        tail = text[match.end():].split()
        if tail and tail[0] in _OBJECTS:
            tail = tail[1:]  # "asked me out", "texted her": who was asked, not what was said
        if not tail or len(tail) > _REACH or _RESUMED.search(" ".join(tail)):
            continue
        mark = next((k for k, word in enumerate(tail[:_MARK_WITHIN]) if word in _MARKS or word.endswith("'ll")), None)
        if mark is None and _ORDER.search(" ".join(tail)):
            mark = 0
        if mark is not None and not _narrated(tail[mark:]):
            return True
    return False


def _narrated(tail: list[str]) -> bool:
    """The account goes on after what was said, with no full stop in Vosk's text ("saying you'll pay the car was
    parked on ...", "i carried on walking she trailed me"): a verb of the story's past."""
    return any(word in _NARRATED or k > 0 and tail[k - 1] in _SUBJECTS and word.endswith("ed")
               for k, word in enumerate(tail))
