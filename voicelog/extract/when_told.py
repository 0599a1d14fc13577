"""A call or a word from someone else after the account of what happened, for :mod:`voicelog.extract.when`.

"He shouted at me by the lockers. The receptionist, Mrs Hale, rang me at four
to check I was all right": once the person has told what the other person did,
the time someone around them (a teller of vocab ``when_tellers``, "she" for
someone close just named, or a name first said after such a word: "the
caretaker, Mr Quayle, ... Mr Quayle rang me") called or
told them is when they heard of it, not when it happened. A call that opens the
account ("My friend rang me at two to say he had posted my address") stays the
account's time, as :data:`voicelog.extract.when_choose.TOLD_LATER` keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.when_choose import Mention
from voicelog.extract.when_days import OTHER_SIDE, helper_before, teller

TOLD_AFTERWARDS = rule(
    "time.told-afterwards", "after what the other person did has been told, the time someone around the person (a "
    "relation, a teacher, the office, 'she' for a friend just named) rang or told them ('The head, Mrs Penrose, "
    "rang me at half three to see if I was all right') is when they heard, not the incident's",
    said("This morning he sat outside the nursery gates glaring at me. The head, Mrs Penrose, rang me at half three to "
         "check I was all right.", None, at="2026-03-30T18:00:00"),
    said("around noon he left a voicemail calling me a liar and then the receptionist mrs hale called me at three "
         "asking if everything was okay", "~12:00", at="2026-03-30T18:00:00"),
    said("His cousin followed me round the market asking about my new job, and my housemate Kerry saw it. She "
         "told me at six she'd seen him there before.", None, at="2026-03-30T18:00:00"),
    said("My friend Joanne rang me at two to say he had put my address on his page.", "14:00",
         at="2026-03-30T18:00:00", fires=False),
    said("He followed me home from the gym and then he rang me at nine from a new number.", "21:00", fires=False))

_CALLED_ME = ("rang me", "rung me", "phoned me", "called me", "told me", "texted me", "messaged me", "rang", "phoned")
"""How the person says someone got in touch with them right before a time ("rang me at nine", "told me at six")."""
_BEFORE_TIME = frozenset({"at", "about", "around", "just", "after", "gone", "like", "round", "um", "er", "erm", "uh"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "the", "a"})
_CALLER_REACH = 5
"""Words back from the call that its caller may be: "the HR manager, Mrs Hale, rang me"."""
_TOLD_FIRST = 10
"""Words an account must have said before the caller for the call to come after what happened was told."""


def told_afterwards(n: Normalized, times: Sequence[Mention]) -> list[tuple[str, str]]:
    """Drop the clock times of calls and tellings from someone around the person made after what happened was told
    (:data:`TOLD_AFTERWARDS`); the rule's provenance when one was dropped."""
    words = [w.lower for w in n.words]
    found = False
    for m in times:
        if m.dropped or m.clock is None:
            continue
        k = m.i
        while k > 0 and m.i - k < 3 and words[k - 1] in _BEFORE_TIME:
            k -= 1
        verb = next((len(x.split()) for x in _CALLED_ME if words[max(0, k - len(x.split())):k] == x.split()), 0)
        if not verb:
            continue
        start = k - verb
        caller = _caller(n, words, start)
        if caller is None or caller < _TOLD_FIRST:
            continue  # a call that opens the account may be what happened ("My friend rang me at two to say ...")
        m.dropped = found = True
    return [("time", TOLD_AFTERWARDS)] if found else []


def _caller(n: Normalized, words: list[str], start: int) -> int | None:
    """Where the caller of a call ending at words[start] starts, when it is someone around the person: a teller word
    (not his or her one), "she" or "he" for someone close just named, or a name first said after a teller word."""
    tellers = vocab.words("when_tellers")
    a = start
    while a > 0 and start - a < _CALLER_REACH and n.punct_after(a - 1) not in (".", "!", "?") \
            and words[a - 1] not in vocab.words("when_clause_breaks"):
        a -= 1  # "the HR manager, Mrs Hale, rang me": an apposition's commas stay inside
    for x in range(a, start):
        if teller(words[x], tellers) and (x == 0 or words[x - 1] not in ("his", "her", "their")) \
                and not any(w in OTHER_SIDE for w in words[x + 1:start]):
            return x
        if words[x] in ("she", "he") and x == start - 1 and helper_before(words, x):
            return x
        if words[x] not in _TITLES and words[x] not in OTHER_SIDE and _named_after_teller(words, x, tellers):
            return x
    return None


def _named_after_teller(words: list[str], x: int, tellers: frozenset[str]) -> bool:
    """Whether the word at words[x] was said earlier right after a teller word ("the caretaker, Mr Quayle, ... Mr
    Quayle rang me")."""
    return any(words[y] == words[x] and any(teller(w, tellers) for w in words[max(0, y - 3):y])
               for y in range(x - 1))
