"""Deeds told in the present tense, or in a bare form, read as the past forms the category trigger lists use.

People often tell an incident in the present ("so he comes over and smashes my wing mirror"), and in several
dialects and in second-language English a past deed takes the bare verb ("he kick the gate and smash the
lamp"). The trigger lists (vocab/what_*.txt) are written in the past; :func:`as_past` rewrites a clause's words
for them (vocab/what_past_forms.txt), so a list need not spell every tense.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from voicelog.extract import vocab
from voicelog.extract.clauses import Clause
from voicelog.extract.rules import rule, said

NARRATIVE_PRESENT_RULE = rule(
    "categories.narrative-present", "a deed told in the present ('kicks my door in') or in a bare form after he or "
    "she ('she throw my bag') is read as its past form by the category trigger lists (vocab/what_past_forms.txt)",
    said("So Thursday night Oswin comes round to my flat and kicks my door in, then he throws my bike over the wall.",
         "property_damage"),
    said("Last night Oswin she push me into the railings outside the chip shop and spit at me.", "violence"),
    said("he come to the garage where i work and he kick the toolbox and smash the till", "property_damage"),
    said("Oswin says he'll come round and kick my door in if I keep seeing my cousin.", "threats", fires=False))

_NOT_AFTER = frozenset("""a an the my your his her our their its this that these those some any no every each of on in
at for with by from to into onto lunch tea coffee car tv own""".split())
"""Words after which an -s form is a noun ("my breaks", "the leaves"), or a bare form an infinitive ("to push")."""
_BARE_AFTER = frozenset(("he", "she"))
"""The subjects after which a bare form is a past deed: "he break" is no standard present."""


@cache
def _forms() -> tuple[dict[str, str], dict[str, str]]:
    """(-s form -> past, bare form -> past) from vocab/what_past_forms.txt."""
    s_forms: dict[str, str] = {}
    bare: dict[str, str] = {}
    for line in vocab.entries("what_past_forms"):
        past, *others = line.split()
        for w in others:
            (s_forms if w.endswith("s") and w != past else bare)[w] = past
    return s_forms, bare


def as_past(text: str, chain: bool = False) -> tuple[str, bool]:
    """The clause's words with present and bare forms of deeds in their past forms, and whether a bare past deed
    is under way at its end; chain: one was in the clause before ("he kick the gate | and smash the lamp")."""
    s_forms, bare = _forms()
    words = text.split(" ")
    out = list(words)
    for k, w in enumerate(words):
        before = words[k - 1] if k else ""
        if w in s_forms and before not in _NOT_AFTER and not before.isdigit():
            out[k] = s_forms[w]
        elif w in bare and (before in _BARE_AFTER or chain and before in ("", "and", "then")):
            out[k], chain = bare[w], True
    return " ".join(out), chain


def past_clauses(cs: tuple[Clause, ...]) -> tuple[tuple[Clause, ...], frozenset[str]]:
    """The clauses with their deeds in the past (:func:`as_past`), and the past forms that were put in."""
    texts, chain = [], False
    for c in cs:
        text, chain = as_past(c.text, chain)
        texts.append(text)
    out = tuple(dataclasses.replace(c, text=t) for c, t in zip(cs, texts, strict=True))
    return out, frozenset(w for a, b in zip(cs, out, strict=True) for w in set(b.text.split()) - set(a.text.split()))


def read_as_past(ev: dict[str, list[str]], put_in: frozenset[str]) -> bool:
    """A deed's evidence rests on a past form :func:`past_clauses` put in (:data:`NARRATIVE_PRESENT_RULE` fired)."""
    return any(w in h.split() for k in ("following", "loitering", "gifts", "property_damage", "violence", "face",
                                        "remote") for h in ev[k] for w in put_in)
