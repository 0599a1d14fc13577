"""Days said inside the words of a message or a threat, for :mod:`voicelog.extract.when_choose`.

"He texted saying I know you were at the gym yesterday", "a note that said see you Sunday": what the other person
said or wrote is addressed to the person ("you"), so a day in it is what the words are about, not the day the
words came (:data:`IN_THEIR_WORDS`). Today's words ("said you looked tired today") are left alone: they are the day
of the message.
"""

from __future__ import annotations

from datetime import date

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

IN_THEIR_WORDS = rule(
    "date.in-their-words", "a day other than today inside the words of a message or threat addressed to the person "
    "('saying I know you were at the gym yesterday', 'a card that said see you Saturday') is not the day it came "
    "(vocab when_their_words)",
    said("About seven he messaged me saying you'd better not be at the match on Saturday.", "2026-03-30"),
    said("about seven he messaged me saying youd better not be at the match on saturday", "2026-03-30"),
    said("This morning a note came through the door saying I watched you and him on Friday.", "2026-03-30"),
    said("My neighbour said he was sat outside on Friday.", "2026-03-27", fires=False),
    said("On Friday he sent a text saying you look tired.", "2026-03-27", fires=False))

_YOU = frozenset({"you", "you're", "youre", "you'll", "youll", "you've", "youve", "you'd", "youd", "your", "ya"})
_REACH = 12
"""Words at most from "saying" to the day."""


def in_their_words(n: Normalized, i: int, day: date, today: date) -> bool:
    """Whether the date at words[i], not today, is said inside words addressed to the person after "saying", "said",
    "wrote" (vocab ``when_their_words``): see :data:`IN_THEIR_WORDS`."""
    if day == today:
        return False
    verbs = vocab.words("when_their_words")
    for k in range(i - 1, max(-1, i - _REACH - 1), -1):
        if n.punct_after(k) in (".", "!", "?"):
            return False
        if n.words[k].lower in verbs:
            return any(w.lower in _YOU for w in n.words[k + 1:i])
    return False
