"""Would a learned category classifier generalise to a new author better than the rules? A leave-one-set-out test.

    .venv/bin/python scripts/experiment_categories.py [--cache PATH]

Each development set was written by a different author, so holding one set out stands in for an unseen author. For
each held-out set S, one binary logistic regression per category (numpy, L2, Adam, binary features, rows scaled to
unit length) is trained on the other 16 sets' accounts, both styles as separate rows. Features: the word unigrams and
bigrams of the account's Vosk style (eval/score.py's vosk_style), kept when in 4 or more training rows (2 accounts);
in the ngram+rules column also the categories the rules give alone (find_what with learned=False, computed as in
scripts/train_categories.py's rules_view; the shipped learned vote, vocab/what_weights.tsv, was trained on these
very sets, so using it would leak S). Per-category thresholds are tuned for the best micro F1 on out-of-fold
probabilities from 4 inner folds of the training sets (grouped by set); S never chooses anything. An account gets
its most probable category when none clears its threshold (every gold account has one). Score: eval/score.py's
categories F1, micro over (account, category) pairs; ALL sums the pairs of all sets.

Columns (v: Vosk style, n: natural): shipped = the extractor as shipped (run here on each set); rules = the
rules alone. Both flatter: the rules were written, and the vote trained, while reading every one of these sets.
ngram = learned n-grams alone (the same features in both styles, so v and n agree); ngram+rules = learned with the
rules' categories as features (honest for the learned part, but it inherits the rules' flattery).

Result (2026-11-30, round 8 rules, 17 development sets, 1,530 accounts, 3,060 rows; 12 minutes on 2 cores):

set        v:   shipped v:     rules v:     ngram v:ngram+rules n:   shipped n:     rules n:     ngram n:ngram+rules
dev               0.980       0.980       0.846       0.908       0.985       0.985       0.846       0.908
heldout           0.915       0.915       0.730       0.802       0.905       0.905       0.730       0.798
heldout2          0.845       0.833       0.787       0.807       0.842       0.830       0.787       0.802
heldout3          0.838       0.841       0.772       0.807       0.854       0.857       0.772       0.807
dev2              0.955       0.960       0.843       0.878       0.945       0.954       0.843       0.873
heldout4          0.881       0.855       0.734       0.804       0.897       0.868       0.734       0.804
dev3              0.902       0.902       0.778       0.815       0.914       0.910       0.778       0.820
dev4              0.869       0.845       0.729       0.831       0.878       0.853       0.729       0.831
dev5              0.938       0.914       0.817       0.877       0.921       0.903       0.817       0.873
dev6              0.835       0.802       0.801       0.815       0.843       0.810       0.801       0.819
dev7              0.838       0.828       0.765       0.780       0.859       0.849       0.765       0.780
dev8              0.805       0.803       0.790       0.818       0.802       0.803       0.790       0.823
heldout6          0.874       0.857       0.758       0.838       0.880       0.864       0.758       0.839
heldout7          0.817       0.810       0.753       0.795       0.816       0.811       0.753       0.801
heldout8          0.783       0.783       0.744       0.797       0.786       0.783       0.744       0.797
heldout9          0.790       0.792       0.751       0.781       0.780       0.784       0.751       0.784
heldout10         0.700       0.699       0.696       0.719       0.716       0.709       0.696       0.744
ALL               0.845       0.837       0.765       0.810       0.849       0.841       0.765       0.813

Reading: n-grams alone (0.765) are well below the rules (0.837/0.841) on every set; they come near only on the
newest sets, the least read while the rules were written (heldout10 0.696 against 0.699/0.709, dev6, dev8, heldout8).
The rules' categories as features lift the learned model to 0.810/0.813, still under the rules in total, but over
them on dev6, dev8, heldout8 and heldout10 in both styles (heldout10 +0.020 Vosk, +0.035 natural) and under them
on the sets read longest (dev, heldout, dev2, dev3, heldout4). On authors the rules were not tuned on, a learned
layer over the rules looks worth about +0.01 to +0.03; not proof until measured on a set nobody has read.
Round 9 built that layer (voicelog/extract/what_layer.py) and judged it leave-one-set-out over 18 sets with heldout11:
scripts/train_layer.py's docstring has the table (heldout11 0.750/0.757 -> 0.772/0.772 Vosk/natural).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "heldout", "heldout2", "heldout3", "dev2", "heldout4", "dev3", "dev4", "dev5", "dev6", "dev7",
        "dev8", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
        "heldout12")
"""The readable development sets; heldout5 and heldout13 are never opened."""
STYLES = ("vosk", "natural")
GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))
"""Thresholds tried per category."""
Matrix = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True)
class Row:
    """One account in one style."""

    set_name: str
    id: str
    style: str
    ngrams: frozenset[str]
    rule_cats: frozenset[str]
    gold: frozenset[str]


def load_module(path: Path, name: str) -> ModuleType:
    """A standalone script imported from its file."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def ngrams(text: str) -> frozenset[str]:
    """Word unigrams and bigrams of a Vosk-style text."""
    words = text.split()
    return frozenset(words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)])


def rules_alone(cache: Path | None) -> dict[str, list[str]]:
    """The rules' own categories (no learned vote) per 'id/style'; kept as JSON in ``cache`` when one is given."""
    if cache is not None and cache.exists():
        return dict(json.loads(cache.read_text(encoding="utf-8")))
    from voicelog.extract import _known

    scorer = load_module(ROOT / "eval" / "score.py", "eval_score")
    trainer = load_module(ROOT / "scripts" / "train_categories.py", "train_categories")
    out = {}
    for name in SETS:
        for item in scorer.load(str(ROOT / "eval" / f"{name}.jsonl")).values():
            for style in STYLES:
                text = scorer.vosk_style(item["spoken"]) if style == "vosk" else item["spoken"]
                out[f"{item['id']}/{style}"] = list(trainer.rules_view(text, _known(item.get("known_people")))[1])
    if cache is not None:
        cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def load_rows(rule_cats: dict[str, list[str]]) -> list[Row]:
    """Every account of every set, in both styles."""
    scorer = load_module(ROOT / "eval" / "score.py", "eval_score")
    rows = []
    for name in SETS:
        for item in scorer.load(str(ROOT / "eval" / f"{name}.jsonl")).values():
            feats = ngrams(scorer.vosk_style(item["spoken"]))
            for style in STYLES:
                rows.append(Row(name, item["id"], style, feats, frozenset(rule_cats[f"{item['id']}/{style}"]),
                                frozenset(item["gold"]["categories"])))
    return rows


def features(row: Row, with_rules: bool) -> frozenset[str]:
    """The row's n-grams, and the rules' categories as 'RULE:cat' when asked."""
    return row.ngrams | frozenset(f"RULE:{c}" for c in row.rule_cats) if with_rules else row.ngrams


def design(rows: Sequence[Row], vocab: dict[str, int], with_rules: bool) -> Matrix:
    """Binary feature matrix over a vocabulary, each row scaled to unit length."""
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for i, r in enumerate(rows):
        ix = [vocab[f] for f in features(r, with_rules) if f in vocab]
        x[i, ix] = 1.0
    return np.asarray(x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1.0), dtype=np.float32)


@dataclass(frozen=True)
class Model:
    """Per-category logistic regressions over a vocabulary."""

    vocab: dict[str, int]
    w: Matrix
    b: Matrix
    with_rules: bool

    def probs(self, rows: Sequence[Row]) -> Matrix:
        z = design(rows, self.vocab, self.with_rules) @ self.w + self.b
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)


def fit(rows: Sequence[Row], cats: Sequence[str], with_rules: bool, l2: float = 1e-4, iters: int = 150) -> Model:
    """Adam on the weighted mean log loss plus an L2 penalty, identical rows merged into one with their count as
    weight; features in fewer than 4 rows (2 accounts, 2 styles) are dropped."""
    counts = Counter(f for r in rows for f in features(r, with_rules))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 4))}
    merged = Counter((frozenset(features(r, with_rules) & vocab.keys()), r.gold) for r in rows)
    keys = list(merged)
    x = design([Row("", "", "", f, frozenset(), g) for f, g in keys], vocab, False)
    y = np.array([[c in g for c in cats] for _, g in keys], dtype=np.float32)
    weight = np.array([merged[k] for k in keys], dtype=np.float32)[:, None] / len(rows)
    w, b = np.zeros((len(vocab), len(cats)), dtype=np.float32), np.zeros(len(cats), dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, iters + 1):
        err = (1.0 / (1.0 + np.exp(-(x @ w + b))) - y) * weight
        g = x.T @ err + l2 * w
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        b -= 0.5 * err.sum(axis=0)
    return Model(vocab, w, b, with_rules)


def decide(p: Matrix, thresholds: Sequence[float], cats: Sequence[str]) -> list[set[str]]:
    """Categories over their thresholds; the most probable one when none is."""
    out = []
    for row in p:
        chosen = {c for c, pc, t in zip(cats, row, thresholds, strict=True) if pc >= t}
        out.append(chosen or {cats[int(np.argmax(row))]})
    return out


def counts(golds: Sequence[frozenset[str]], preds: Sequence[set[str] | frozenset[str]]) -> tuple[int, int, int]:
    """(tp, fp, fn) over (account, category) pairs, as eval/score.py counts them."""
    pairs = list(zip(golds, preds, strict=True))
    return (sum(len(g & p) for g, p in pairs), sum(len(p - g) for g, p in pairs),
            sum(len(g - p) for g, p in pairs))


def f1(c: tuple[int, int, int]) -> float:
    """eval/score.py's F1 from (tp, fp, fn)."""
    return 0.0 if c[0] == 0 else 2 * c[0] / (2 * c[0] + c[1] + c[2])


def tune(rows: Sequence[Row], p: Matrix, cats: Sequence[str]) -> list[float]:
    """Per-category thresholds for the best micro F1 on out-of-fold probabilities (two rounds of coordinate ascent)."""
    th = [0.5] * len(cats)
    golds = [r.gold for r in rows]
    for _ in range(2):
        for k in range(len(cats)):
            th[k] = max(GRID, key=lambda t: f1(counts(golds, decide(p, th[:k] + [t] + th[k + 1:], cats))))
    return th


def inner_thresholds(rows: Sequence[Row], cats: Sequence[str], with_rules: bool, folds: int = 4) -> list[float]:
    """Thresholds from out-of-fold probabilities over the training sets, grouped into folds by set."""
    names = sorted({r.set_name for r in rows})
    fold_of = {n: i % folds for i, n in enumerate(names)}
    p = np.zeros((len(rows), len(cats)), dtype=np.float32)
    for k in range(folds):
        test = [i for i, r in enumerate(rows) if fold_of[r.set_name] == k]
        model = fit([r for r in rows if fold_of[r.set_name] != k], cats, with_rules)
        p[test] = model.probs([rows[i] for i in test])
    return tune(rows, p, cats)


def shipped(name: str, style: str) -> dict[str, frozenset[str]]:
    """The shipped extractor's categories per id (its learned vote included), run on the set as eval/README says."""
    from voicelog.extract import extract_batch

    scorer = load_module(ROOT / "eval" / "score.py", "eval_score")
    inputs = [{"id": g["id"], "recorded_at": g["recorded_at"], "known_people": g.get("known_people", []),
               "text": g["spoken"] if style == "natural" else scorer.vosk_style(g["spoken"])}
              for g in scorer.load(str(ROOT / "eval" / f"{name}.jsonl")).values()]
    return {p["id"]: frozenset(p.get("categories") or []) for p in extract_batch(inputs)}


def loso(rows: Sequence[Row], cats: Sequence[str]) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """(set, style, column) -> (tp, fp, fn), each learned column trained and tuned without the set."""
    out = {}
    for name in SETS:
        train = [r for r in rows if r.set_name != name]
        test = [r for r in rows if r.set_name == name]
        preds = {}
        for col, with_rules in (("ngram", False), ("ngram+rules", True)):
            th = inner_thresholds(train, cats, with_rules)
            preds[col] = decide(fit(train, cats, with_rules).probs(test), th, cats)
        for style in STYLES:
            idx = [i for i, r in enumerate(test) if r.style == style]
            golds = [test[i].gold for i in idx]
            ship = shipped(name, style)
            out[name, style, "shipped"] = counts(golds, [ship.get(test[i].id, frozenset()) for i in idx])
            out[name, style, "rules"] = counts(golds, [test[i].rule_cats for i in idx])
            for col in ("ngram", "ngram+rules"):
                out[name, style, col] = counts(golds, [preds[col][i] for i in idx])
        print(name, "done", flush=True)
    return out


def table(res: dict[tuple[str, str, str], tuple[int, int, int]]) -> str:
    """The per-set F1 table, both styles, with a micro-summed ALL row."""
    cols = ("shipped", "rules", "ngram", "ngram+rules")
    lines = [f"{'set':10} " + " ".join(f"{s[:1]}:{c:>10}" for s in STYLES for c in cols)]
    for name in (*SETS, "ALL"):
        cells = []
        for s in STYLES:
            for c in cols:
                keys = [(n, s, c) for n in SETS] if name == "ALL" else [(name, s, c)]
                tot = tuple(sum(res[k][j] for k in keys) for j in range(3))
                cells.append(f"{f1((tot[0], tot[1], tot[2])):12.3f}")
        lines.append(f"{name:10} " + " ".join(cells))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=None, help="keep the rules' own categories here (JSON) between runs")
    args = ap.parse_args()
    rows = load_rows(rules_alone(args.cache))
    cats = sorted({c for r in rows for c in r.gold})
    print(table(loso(rows, cats)))


if __name__ == "__main__":
    main()
