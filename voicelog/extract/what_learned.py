"""A fallback for the categories when no rule matched: everyday words weighed by a small model.

The rules (what.py) decide the categories. When none of them matched, the account used to
be filed as ``other`` and marked unsure. This module gives that account the category its
words point to most, when they point clearly enough: a per-category logistic model over
the account's everyday words (stemmed; names, places and numbers never count, because
only words a dictionary knows and no first name are features). The weights are data,
``vocab/what_weights.tsv`` (``word<TAB>category<TAB>weight``, one line each, plus a
``<bias>`` line per category), written by ``scripts/train_categories.py`` from the
development sets; re-run it after changing a set. The field stays marked unsure and the
provenance names the rule and the words that tipped it (:data:`LEARNED_RULE`).
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

from voicelog.extract.rules import rule, said

LEARNED_RULE = rule(
    "categories.learned-fallback", "no rule matched: the category the account's everyday words point to "
    "(vocab/what_weights.tsv, trained by scripts/train_categories.py), when they point clearly",
    said("It's the third Friday I've found him loitering about by the bins of my block, lurking for hours.",
         "loitering", fires=False))

THRESHOLD = 0.5
"""The least probability a category needs before it replaces "other"."""
CATEGORIES = ("following", "loitering", "unwanted_contact", "gifts", "property_damage", "threats", "violence",
              "monitoring", "third_party")
NEVER_GUESSED = frozenset(("threats",))
"""Categories the fallback never gives: a threat is told by its words (what_threats.py), not by "if" and "said"."""
_SUFFIXES = ("ing", "ed", "es", "s")
_WORD = re.compile(r"[a-z][a-z']*")


def stem(word: str) -> str:
    """A crude stem: "phoned" and "phones" both give "phon"."""
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word


def features(text: str) -> frozenset[str]:
    """The stems of the everyday words of a lower-case text: dictionary words that are not first names."""
    from voicelog.extract.names import any_first_names, ordinary

    first = any_first_names()
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in first and ordinary(w))


@cache
def weights() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """(category -> stem -> weight, category -> bias) from vocab/what_weights.tsv; empty when the file is absent."""
    by_cat: dict[str, dict[str, float]] = {c: {} for c in CATEGORIES}
    bias: dict[str, float] = {c: 0.0 for c in CATEGORIES}
    try:
        text = resources.files("voicelog.extract").joinpath("vocab", "what_weights.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return by_cat, {c: -math.inf for c in CATEGORIES}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, cat, value = line.split("\t")
        if cat not in by_cat:
            continue
        if word == "<bias>":
            bias[cat] = float(value)
        else:
            by_cat[cat][word] = float(value)
    return by_cat, bias


def learned_category(text: str) -> tuple[str, float, tuple[str, ...]] | None:
    """(category, probability, the words that weighed most for it) when one category's probability reaches
    :data:`THRESHOLD`, else None."""
    by_cat, bias = weights()
    feats = features(text)
    best: tuple[str, float, tuple[str, ...]] | None = None
    for cat in CATEGORIES:
        if bias[cat] == -math.inf:
            return None
        if cat in NEVER_GUESSED:
            continue
        score = bias[cat] + sum(by_cat[cat].get(f, 0.0) for f in feats)
        p = 1.0 / (1.0 + math.exp(-score))
        if p >= THRESHOLD and (best is None or p > best[1]):
            top = sorted((f for f in feats if by_cat[cat].get(f, 0.0) > 0), key=lambda f: -by_cat[cat][f])[:4]
            best = (cat, p, tuple(top))
    return best
