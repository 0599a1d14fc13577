"""A learned layer over the category rules: one logistic regression per category, over the account's words and
the rules' own categories, that may add a category the rules missed or drop one they gave.

Features are the account's everyday words and pairs of neighbouring everyday words (dictionary words only, so a
name, a street or a number never counts) and the rules' categories as ``<rule:CAT>`` (``<rule:none>`` when no rule
matched). A word weighs one over the square root of how many words the account has (:func:`values`). A category the rules did not give is added when its probability reaches ``<add>``; one they gave is
dropped under ``<drop>``; when nothing is left, the most probable category is given. The weights and thresholds are
data, ``vocab/what_layer.tsv`` (``feature<TAB>category<TAB>weight`` lines, a ``<bias>``, ``<add>`` and ``<drop>``
line per category), written by ``scripts/train_layer.py`` from the development sets; without the file the layer is
silent and :mod:`voicelog.extract.what_learned` votes instead, as it does for an account of a line or two.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from voicelog.extract.rules import rule, said

LAYER_RULE = rule(
    "categories.learned-layer", "the learned layer (vocab/what_layer.tsv, trained by scripts/train_layer.py) adds a "
    "category the rules missed or drops one they gave, when its probability passes that category's threshold",
    said("He rang me at six, then again at seven, asking why I blocked him.", "unwanted_contact", fires=False),
    said("He keeps turning up wherever I am, the gym, the library, the chemist, always a few steps back, never saying "
         "a word, and when I turn round he pretends to look at his phone, and this has been going on for weeks now.",
         "monitoring"))
CATEGORIES = ("following", "loitering", "unwanted_contact", "gifts", "property_damage", "threats", "violence",
              "monitoring", "third_party", "other")
ORDER = ("following", "loitering", "gifts", "property_damage", "threats", "violence", "monitoring", "third_party",
         "other", "unwanted_contact")
"""The order categories are given in (what.py's)."""
_WORD = re.compile(r"[a-z][a-z']*")
FEW_WORDS = 50
"""Words and word pairs an account needs before they weigh in full (a development account has about 67)."""
LEAST_WORDS = 40
"""Words and word pairs an account needs before the layer speaks at all: it learnt from accounts of several sentences
(19 in 20 development accounts have 40 or more); a line or two is left to the rules and what_learned.py's vote."""


def words(lower: str) -> frozenset[str]:
    """The everyday words of a lower-case text and the pairs of neighbouring everyday words ("kept following")."""
    from voicelog.extract.names import ordinary

    kept = [w if ordinary(w) else "" for w in _WORD.findall(lower)]
    return frozenset([w for w in kept if w] + [f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False) if a and b])


def features(lower: str, ruled: Iterable[str]) -> frozenset[str]:
    """The layer's features: :func:`words` and the rules' categories (``<rule:none>`` when there are none)."""
    ruled = tuple(ruled)
    return words(lower) | frozenset(f"<rule:{c}>" for c in ruled or ("none",))


def values(feats: frozenset[str]) -> dict[str, float]:
    """Each feature's value: 1 for a rule's category; for a word, one over the square root of how many words the
    account has, at least :data:`FEW_WORDS`, so a long account does not outvote a short one and a short one (a few
    words, weak evidence) leaves the rules to decide."""
    word = 1.0 / math.sqrt(max(FEW_WORDS, sum(not f.startswith("<rule:") for f in feats)))
    return {f: 1.0 if f.startswith("<rule:") else word for f in feats}


def long_enough(feats: frozenset[str]) -> bool:
    """An account with words enough for the layer to speak (:data:`LEAST_WORDS`)."""
    return sum(not f.startswith("<rule:") for f in feats) >= LEAST_WORDS


@dataclass(frozen=True)
class Layer:
    """The weights file: per feature its weights by category; per category the bias and the two thresholds."""

    weights: Mapping[str, Mapping[str, float]]
    """feature -> category -> weight (features under the trainer's least weight left out)."""
    bias: Mapping[str, float]
    add: Mapping[str, float]
    """category -> the least probability at which the layer adds it when the rules did not give it."""
    drop: Mapping[str, float]
    """category -> the probability under which the layer drops it when the rules gave it."""

    def probabilities(self, feats: frozenset[str]) -> dict[str, float]:
        """Each category's probability for a row with these features."""
        score = dict(self.bias)
        for f, x in values(feats).items():
            for cat, w in self.weights.get(f, {}).items():
                score[cat] += w * x
        return {c: 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, s)))) for c, s in score.items()}


@cache
def layer() -> Layer | None:
    """The layer in vocab/what_layer.tsv, or None when there is no such file."""
    try:
        text = resources.files("voicelog.extract").joinpath("vocab", "what_layer.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    weights: dict[str, dict[str, float]] = {}
    tables: dict[str, dict[str, float]] = {"<bias>": {}, "<add>": {}, "<drop>": {}}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        feat, cat, value = line.split("\t")
        if feat in tables:
            tables[feat][cat] = float(value)
        else:
            weights.setdefault(feat, {})[cat] = float(value)
    return Layer(weights, tables["<bias>"], tables["<add>"], tables["<drop>"])


def choose(ruled: Sequence[str], p: Mapping[str, float], add: Mapping[str, float], drop: Mapping[str, float]
           ) -> tuple[str, ...]:
    """The categories after the layer's say: the rules' kept at or over ``drop``, others added at or over ``add``,
    the most probable when none is left."""
    out = [c for c in p if (p[c] >= drop[c] if c in ruled else p[c] >= add[c])]
    return tuple(c for c in ORDER if c in out) if out else (max(p, key=lambda c: p[c]),)


def decide(lower: str, ruled: Sequence[str]) -> tuple[tuple[str, ...], str | None] | None:
    """(categories, :data:`LAYER_RULE` when the layer changed the rules' categories, else None); None without a
    weights file or for an account under :data:`LEAST_WORDS`."""
    model = layer()
    feats = features(lower, ruled)
    if model is None or not long_enough(feats):
        return None
    out = choose(ruled, model.probabilities(feats), model.add, model.drop)
    return out, (LAYER_RULE if set(out) != set(ruled or ("other",)) else None)
