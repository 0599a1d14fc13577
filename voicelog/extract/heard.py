"""Whisper's writing conventions that hide what was heard, tidied before the account is read.

Whisper writes a transcript as if it were edited prose, and some of its habits
mislead a reader built on what people type: it capitalises a relation word that
follows a name ("Lisa's Husband Rob", "Tanya Sister Joy"), so the relation reads
as part of the name. :func:`tidy_heard` undoes such habits without changing the
text's length (every offset the extractor keeps still points at the same words).
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.names import TITLES
from voicelog.extract.rules import rule, said

KIN_CAPITALISED = rule(
    "people.kin-word-capitalised", "a relation word Whisper capitalised between a name (or a name's 's) and a name "
    "('Lisa's Husband Rob', 'Tanya Sister Joy') says whose relation the person is; it is not part of the name",
    said("Then Lisa's Husband Rob shouted at me across the road.", "Lisa (other), Rob (subject)", fires=False),
    said("Yesterday evening, Tanya Sister Joy came to my work and shouted at me.", "Tanya (other), Joy (subject)", fires=False),
    said("Yesterday the ward Sister Joy saw him at the door.", "Sister Joy (witness)", fires=False),
    said("He was at the gates of Ysgol Bro Teifi again, Gwyn Jarvis, watching the kids.", "Gwyn Jarvis (subject)",
         fires=False))

# A capitalised word (a name's 's, or not the first word of its sentence), then a
# capitalised relation word, then a capitalised word: "Lisa's Husband Rob", "Tanya Sister Joy".
_KIN = re.compile(r"(?<=[^\W\d_])(?:'s|’s)? ([A-Z][a-z]+) (?=[A-Z][a-z])")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")


def tidy_heard(text: str) -> str:
    """The account with Whisper's capitalised relation words between names lower-cased (same length)."""
    out = text
    for m in _KIN.finditer(text):
        kin = m.group(1).lower()
        if kin not in vocab.words("heard_kin") or kin in TITLES:
            continue
        start = m.start()  # the word before: capitalised, and a name's 's or not the first of its sentence
        word = re.search(r"[^\W\d_]+$", text[:start])
        owner = m.group(0)[:1] in ("'", "’")
        if word is None or not word.group(0)[:1].isupper() or (
                not owner and _SENTENCE_START.search(text[:word.start()])):
            continue
        out = out[:m.start(1)] + kin + out[m.end(1):]
    return out
