"""A learned second opinion on the categories: the account's everyday words weighed by a small model.

The rules (what.py) decide the categories. A per-category logistic model over the account's
everyday words (stemmed; names, places and numbers never count, because only words a
dictionary knows and no first name are features) then has a say. For the categories where
leave-one-set-out cross-validation showed it helps on sets it never saw (following and
monitoring, see scripts/train_categories.py) it votes: it adds the category the rules missed
when its probability reaches the category's ``<add>`` threshold and drops one they gave when
it falls under ``<drop>``. When no rule matched at all it gives the category the words point
to most (the fallback), instead of ``other``. The weights and thresholds are data,
``vocab/what_weights.tsv`` (``word<TAB>category<TAB>weight`` lines and a ``<bias>``, ``<add>``
and ``<drop>`` line per category), written by ``scripts/train_categories.py`` from the
development sets; re-run it after changing a set. A field the model changed stays marked
unsure and the provenance names the rule (:data:`VOTE_RULE`, :data:`LEARNED_RULE`). When the learned layer
(:mod:`voicelog.extract.what_layer`) has its weights, it decides instead for every account but a line or two.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from voicelog.extract.rules import rule, said

LEARNED_RULE = rule(
    "categories.learned-fallback", "no rule matched: the category the account's everyday words point to "
    "(vocab/what_weights.tsv, trained by scripts/train_categories.py), when they point clearly",
    said("It's the third Friday I've found him loitering about by the bins of my block, lurking for hours.",
         "loitering", fires=False),
    said("He turned up at the school gate, out by the railings, most mornings this week.", "loitering"))
VOTE_RULE = rule(
    "categories.learned-vote", "the learned model (vocab/what_weights.tsv) adds a category the rules missed or drops "
    "one they gave, when its probability passes that category's threshold",
    said("He messaged me at nine saying he misses me and wants to meet up.", "unwanted_contact", fires=False),
    said("Same as every week, he was on my walk home again, all the way, every turning, right behind.", "following"))

THRESHOLD = 0.5
"""The least probability a category needs before it replaces "other" when no rule matched."""
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


@dataclass(frozen=True)
class Model:
    """The weights file: per category, the feature weights, the bias and the two vote thresholds."""

    weights: Mapping[str, Mapping[str, float]]
    """category -> feature -> weight."""
    bias: Mapping[str, float]
    """category -> bias (minus infinity for every category when the file is absent: the model never speaks)."""
    add: Mapping[str, float]
    """category -> the least probability at which the model adds the category the rules did not give."""
    drop: Mapping[str, float]
    """category -> the probability under which the model drops a category the rules gave."""

    def probability(self, cat: str, feats: Iterable[str]) -> float:
        """The model's probability that the account belongs to cat."""
        if self.bias[cat] == -math.inf:
            return 0.0
        w = self.weights[cat]
        score = self.bias[cat] + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))


@cache
def model() -> Model:
    """The model in vocab/what_weights.tsv; one that never speaks when the file is absent."""
    by_cat: dict[str, dict[str, float]] = {c: {} for c in CATEGORIES}
    tables: dict[str, dict[str, float]] = {"<bias>": {c: 0.0 for c in CATEGORIES}, "<add>": {c: math.inf for c in CATEGORIES},
                                           "<drop>": {c: 0.0 for c in CATEGORIES}}
    try:
        text = resources.files("voicelog.extract").joinpath("vocab", "what_weights.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return Model(by_cat, {c: -math.inf for c in CATEGORIES}, tables["<add>"], tables["<drop>"])
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, cat, value = line.split("\t")
        if cat not in by_cat:
            continue
        if word in tables:
            tables[word][cat] = float(value)
        else:
            by_cat[cat][word] = float(value)
    return Model(by_cat, tables["<bias>"], tables["<add>"], tables["<drop>"])


def weights() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """(category -> feature -> weight, category -> bias) from vocab/what_weights.tsv."""
    m = model()
    return {c: dict(m.weights[c]) for c in CATEGORIES}, dict(m.bias)


def learned_category(text: str) -> tuple[str, float, tuple[str, ...]] | None:
    """(category, probability, the words that weighed most for it) when one category's probability reaches
    :data:`THRESHOLD`, else None."""
    m = model()
    feats = features(text)
    best: tuple[str, float, tuple[str, ...]] | None = None
    for cat in CATEGORIES:
        if cat in NEVER_GUESSED:
            continue
        p = m.probability(cat, feats)
        if p >= THRESHOLD and (best is None or p > best[1]):
            w = m.weights[cat]
            top = sorted((f for f in feats if w.get(f, 0.0) > 0), key=lambda f: -w[f])[:4]
            best = (cat, p, tuple(top))
    return best


def learned_vote(text: str, rule_cats: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(categories the model adds, categories it drops) given the rules' categories (never "other")."""
    m = model()
    feats = features(text)
    added, dropped = [], []
    for cat in CATEGORIES:
        p = m.probability(cat, feats)
        if cat not in rule_cats and p >= m.add[cat]:
            added.append(cat)
        elif cat in rule_cats and p < m.drop[cat]:
            dropped.append(cat)
    return tuple(added), tuple(dropped)


_ORDER = ("following", "loitering", "gifts", "property_damage", "threats", "violence", "monitoring", "third_party",
          "other", "unwanted_contact")
"""The order categories are given in (what.py's)."""


def decide(text: str, cats: Sequence[str], triggered: Iterable[str]) -> tuple[tuple[str, ...], str | None]:
    """The account's categories after the model's vote on the rules' cats, and the rule that changed them
    (:data:`VOTE_RULE`, :data:`LEARNED_RULE`) or None. triggered are the categories whose trigger words appear: the
    fallback never gives one of those (its rule saw the words and put them down to someone else, or to nothing done)."""
    triggered = frozenset(triggered)
    ruled = [c for c in cats if c != "other"]
    added, dropped = learned_vote(text, ruled)
    voted = [c for c in _ORDER if c in added or c in ruled and c not in dropped]
    if voted:
        out = tuple(c for c in _ORDER if c in voted or c == "other" and c in cats)
        return out, VOTE_RULE if (added or dropped) else None
    if "other" in cats:
        return ("other",), VOTE_RULE if dropped else None
    learned = learned_category(text)
    if learned and learned[0] not in triggered:
        return (learned[0],), LEARNED_RULE
    return ("other",), VOTE_RULE if dropped else None
