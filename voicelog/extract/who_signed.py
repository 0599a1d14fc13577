"""A sender named at the end of a card, note or message: "... see you soon, from Dobromir".

A word no list knows after "from" is most often a place ("back from Kos"), so mentions.py does not take it for a
name by itself. When the sentence is about something written or said (a card, a note, a message, "saying"), and
"from X" closes it, X signs it: the person who sent it. The words are data (vocab/who_signed.txt).
"""

from __future__ import annotations

from functools import cache

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["SIGNED", "signed_names"]

SIGNED = rule("people.signed-from", "a word no list knows after 'from' that closes what a card, note or message "
              "said ('the card said thinking of you, from Dobromir') is who sent it; not after 'back', 'came' and "
              "the like ('back from Magaluf')",
              said("there was a card on the mat saying thinking of you from dobromir i never gave him my address",
                   "Dobromir (subject)"),
              said("Flowers on the step again with a note, love you always, from Teodor. I never answer him.",
                   "Teodor (subject)"),
              said("My sister texted saying she was back from Magaluf.", None, fires=False))


@cache
def _kinds() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in vocab.entries("who_signed"):
        kind, _, words = line.partition(":")
        out.setdefault(kind.strip(), set()).update(words.split())
    return {k: frozenset(v) for k, v in out.items()}


def signed_names(n: Normalized, words: list[str], cased: bool) -> list[tuple[str, int]]:
    """SIGNED: (name, word index) of each sender named by "from X" at the end of a message."""
    from voicelog.extract.mentions import _unknown, lowered, sentence_start

    kinds = _kinds()
    lower = lowered(n)
    out = []
    for k in range(2, len(words)):
        if lower[k - 1] != "from" or lower[k - 2] in kinds["moving"] or n.words[k].kind != "word" \
                or not _unknown(words[k]) or cased and not words[k][:1].isupper() or n.punct_after(k - 2) in (".", "?", "!"):
            continue
        ends = k + 1 == len(words) or (n.punct_after(k) in (".", ",", "!", "?", ";") if cased else lower[k + 1] in
                                       kinds["after"])
        if ends and any(w in kinds["message"] for w in lower[sentence_start(n, k - 1, 10):k - 1]):
            out.append((words[k].removesuffix("'s")[:1].upper() + words[k].removesuffix("'s")[1:], k))
    return out
