"""The stretches of a tagger's person that are read as names.

spaCy's named-entity tagger runs without the parser (speed), so nothing stops a person it finds from running across
punctuation ("the Mill Halls, Oren Vasko") or from taking in the words said before the name ("it's Oren Vasko").
:func:`voicelog.extract.mentions.candidates` reads each stretch :func:`tagger_parts` gives on its own.
"""

from __future__ import annotations

from voicelog.extract.names import FILLERS
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["TAGGER_PARTS", "tagger_parts"]

TAGGER_PARTS = rule("people.tagger-parts", "a tagger's person that runs across punctuation ('the Mill Halls, Oren "
                    "Vasko') is read a stretch at a time, and lower-case words before a first name and surname in it "
                    "('it's Oren Vasko') are left off",
                    said("At the door of Kestrel Halls, Oren Vasko was sat on the wall waiting for me.", "Oren Vasko (subject)"),
                    said("Someone keyed my car. I've got it on the camera, it's Ladislav Kunert from the top flat.",
                         "Ladislav Kunert (subject)"),
                    said("Sorry, it was Stu. Came round at four and sat on the wall.", "Stu (subject)", fires=False))


def tagger_parts(n: Normalized, words: list[str], start: int, end: int) -> list[tuple[int, int, bool]]:
    """TAGGER_PARTS: the spans of a tagger's person to read as names, and whether each is only a part of it. No
    parser runs (speed), so nothing stops an entity crossing "Craig. My" or "the Mill Halls, Oren Vasko": each
    stretch between punctuation is read alone (after a sentence's end, only two words or more: a word alone opens
    the sentence, "Stu. Came in at four"); lower-case words that open a stretch of a first name and surname ("it's
    Oren Vasko") are left off. The first stretch loses hesitations before ("Erm Jack") and "I" after it ("Dean I'm")."""
    cuts = [k + 1 for k in range(start, end - 1) if n.punct_after(k) in (".", "?", "!", ",", ";", ":")]
    lower = [w.lower() for w in words]
    out = []
    for a, b in zip([start, *cuts], [*cuts, end], strict=True):
        first = a == start
        while a < b and lower[a] in FILLERS:  # "Erm Jack"
            a += 1
        while b > a and (lower[b - 1] == "i" or lower[b - 1].startswith("i'")):  # "Dean I'm"
            b -= 1
        opened = a
        while a < b - 2 and words[a][:1].islower():  # "it's Oren Vasko"
            a += 1
        if a > opened and words[a][:1].islower():
            a = opened  # no first name and surname after them: read as before (and turned away)
        if first or b - a > 1 or n.punct_after(a - 1) not in (".", "?", "!"):
            out.append((a, b, not first or a > opened))
    return out
