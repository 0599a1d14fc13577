"""Train the place ranker's weights (voicelog/extract/vocab/where_weights.tsv) from the development sets.

    .venv/bin/python scripts/train_places.py [--sets dev,heldout,...] [--out PATH] [--cv]

Each account of the sets, rendered in both text styles as eval/make_inputs.py renders it (natural: as written;
vosk: eval/score.py's vosk_style), goes through the extractor up to the place candidates (as find_where hands
them to where_learned.learned_choice); each outer candidate is labelled with eval/score.py's ``location_ok`` on
the place it would give if it won, and described by ``voicelog.extract.where_learned.features`` (no place's own words).
A conditional logit (softmax over an account's candidates, numpy, L2, full-batch gradient descent) is fitted on the
accounts where some but not all candidates are right, and its weights written one ``feature<TAB>weight`` a line.

--cv first runs leave-one-set-out cross-validation: for each set, train on the others, then extract that set in
both styles with the hand score alone and with the ranker and score both with eval/score.py (location and all
fields); then trains on all the sets for the shipped file. Only the development sets below may be read; the
held-out sets and the blind sets nobody has opened are refused.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from script_modules import load_scorer

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = ("dev", "heldout", "heldout2", "heldout3", "dev2", "heldout4", "dev3", "dev4", "dev5", "dev6", "dev7",
            "dev8", "heldout6", "heldout7", "heldout8", "heldout9",
            "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout16",
            "heldout17", "heldout18", "heldout19", "heldout20", "heldout21")
"""The development sets: the only sets this script reads (heldout5, heldout15, heldout22-heldout25 and later sets
are refused)."""
STYLES = ("vosk", "natural")


@dataclass
class Account:
    """One account's candidates as the ranker sees them."""

    features: list[dict[str, float]]
    labels: list[bool]
    empty_ok: bool
    """No candidate at all, and the gold says no place (location right with none)."""


def load_set(name: str) -> list[dict[str, Any]]:
    """A development set's items; any other set is refused."""
    if name not in DEV_SETS:
        raise SystemExit(f"{name}: not a development set this script may read ({', '.join(DEV_SETS)})")
    path = ROOT / "eval" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def render(item: dict[str, Any], style: str, scorer: ModuleType) -> str:
    """The text the extractor sees, as eval/make_inputs.py renders it."""
    text: str = item["spoken"] if style == "natural" else scorer.vosk_style(item["spoken"])
    return text


def candidates(text: str) -> tuple[list[dict[str, float]], list[str]]:
    """The features of the candidates the extractor weighs for a text, and the place each stands for."""
    from voicelog.extract import where_learned
    from voicelog.extract.nlp import parse_words
    from voicelog.extract.normalize import normalize
    from voicelog.extract.where import find_where
    from voicelog.extract.who import truecase_words

    n = normalize(text)
    words = truecase_words(n)
    where_learned.RECORDED = []
    try:
        find_where(n, parse_words(words) if words else None)
        if not where_learned.RECORDED:
            return [], []
        account, outer, places, tags = where_learned.RECORDED[-1]
    finally:
        where_learned.RECORDED = None
    return where_learned.features(account, outer, tags), [p.text for p in places]


def dump(items: list[dict[str, Any]], style: str, scorer: ModuleType) -> list[Account]:
    """Each account's outer candidates: features and whether the place each gives is right."""
    out = []
    for item in items:
        feats, places = candidates(render(item, style, scorer))
        gold = item["gold"]["location"]
        out.append(Account(feats, [bool(scorer.location_ok(p, gold)) for p in places], not gold))
    return out


def rule_examples(scorer: ModuleType) -> list[Account]:
    """The invented examples of every ``location.*`` rule (voicelog.extract.rules), as written: what the rules'
    authors say the place is, so the ranker learns not to undo them."""
    import importlib
    import pkgutil

    import voicelog.extract
    from voicelog.extract.rules import RULES

    for module in pkgutil.iter_modules(voicelog.extract.__path__):  # every module registers its rules on import
        importlib.import_module(f"voicelog.extract.{module.name}")
    out = []
    for r in RULES.values():
        for example in r.examples if r.field == "location" and r.name != "location.learned-choice" else ():
            feats, places = candidates(example.said)
            gold = [example.expect] if example.expect else []
            out.append(Account(feats, [bool(scorer.location_ok(p, gold)) for p in places], not gold))
    return out


def train(accounts: list[Account], *, l2: float, steps: int, margin: float) -> dict[str, float]:
    """The conditional logit's weights, fitted on the accounts where the choice matters."""
    used = [a for a in accounts if len(a.labels) > 1 and any(a.labels) and not all(a.labels)]
    names = sorted({name for a in used for f in a.features for name in f})
    index = {name: i for i, name in enumerate(names)}
    rows = [f for a in used for f in a.features]
    x = np.zeros((len(rows), len(names)))
    for r, f in enumerate(rows):
        for name, value in f.items():
            x[r, index[name]] = value
    y = np.array([label for a in used for label in a.labels], dtype=float)
    starts = np.cumsum([0] + [len(a.labels) for a in used[:-1]])
    seg = np.repeat(np.arange(len(used)), [len(a.labels) for a in used])
    w = np.zeros(len(names))
    for _ in range(steps):
        s = x @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[seg]
        q = p * y / np.add.reduceat(p * y, starts)[seg]
        w -= 0.5 * (x.T @ (p - q) / len(used) + l2 * w)
    return {name: float(w[i]) for i, name in enumerate(names)} | {"<margin>": margin}


def choose(account: Account, table: dict[str, float]) -> int:
    """The candidate the ranker picks (the hand score's pick when the table is empty or the ranker's pick does
    not beat it by the table's margin)."""
    hand = next(k for k, f in enumerate(account.features) if f.get("hand_rank:0"))
    if len(account.labels) < 2 or not table:
        return hand
    scores = [sum(table.get(name, 0.0) * value for name, value in f.items()) for f in account.features]
    exps = [math.exp(s - max(scores)) for s in scores]
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    return best if (exps[best] - exps[hand]) / sum(exps) >= table.get("<margin>", 0.0) else hand


def location(accounts: list[Account], table: dict[str, float]) -> float:
    """Location accuracy of the ranker's picks (as eval/score.py counts it)."""
    right = sum(a.labels[choose(a, table)] if a.labels else a.empty_ok for a in accounts)
    return right / len(accounts)


def extract_scores(items: list[dict[str, Any]], style: str, table: dict[str, float],
                   scorer: ModuleType) -> dict[str, float]:
    """eval/score.py's figures for the set extracted with the ranker's table (empty: the hand score alone)."""
    from voicelog.extract import extract_incident, where_learned
    from voicelog.incident import KnownPerson

    where_learned.weights = lambda: table  # type: ignore[assignment]  # the fold's weights, for this run only
    preds = {}
    for item in items:
        known = tuple(KnownPerson(p["name"], tuple(p.get("aliases") or ())) for p in item.get("known_people") or ())
        incident = extract_incident(render(item, style, scorer), known_people=known,
                                    recorded_at=datetime.fromisoformat(item["recorded_at"]))
        preds[item["id"]] = incident.to_prediction(item["id"])
    result: dict[str, float] = scorer.score({it["id"]: it for it in items}, preds)
    return result


def cross_validate(sets: list[str], data: dict[tuple[str, str], list[Account]], items: dict[str, list[dict[str, Any]]],
                   args: argparse.Namespace, scorer: ModuleType) -> None:
    """Leave one set out: train on the others, score the one left out before and after, both styles."""
    print("set        style    location before->after   all fields before->after")
    totals = {s: [0.0, 0.0, 0.0, 0.0] for s in STYLES}
    for held in sets:
        table = train([a for (name, _), accs in data.items() if name != held for a in accs], l2=args.l2,
                      steps=args.steps, margin=args.margin)
        for style in STYLES:
            before = extract_scores(items[held], style, {}, scorer)
            after = extract_scores(items[held], style, table, scorer)
            n = len(items[held])
            for i, v in enumerate((before["location"], after["location"], before["all_fields"], after["all_fields"])):
                totals[style][i] += v * n
            print(f"{held:10} {style:8} {before['location']:.3f} -> {after['location']:.3f}"
                  f"            {before['all_fields']:.3f} -> {after['all_fields']:.3f}", flush=True)
    for style in STYLES:
        lb, la, ab, aa = totals[style]
        print(f"{'sum':10} {style:8} {lb:.0f} -> {la:.0f} accounts right     {ab:.0f} -> {aa:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sets", default=",".join(DEV_SETS), help="development sets in eval/ (no .jsonl)")
    ap.add_argument("--out", type=Path, default=ROOT / "voicelog" / "extract" / "vocab" / "where_weights.tsv")
    ap.add_argument("--l2", type=float, default=0.03)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--margin", type=float, default=0.15,
                    help="the ranker overrules the hand score only when its pick is this much more probable")
    ap.add_argument("--examples", type=int, default=1, help="how many times each rule example counts")
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out cross-validation first")
    ap.add_argument("--quick", action="store_true", help="with --cv: location from the candidates only, no extraction")
    args = ap.parse_args()
    scorer = load_scorer()
    sets = [s for s in args.sets.split(",") if s]
    items = {name: load_set(name) for name in sets}
    data = {(name, style): dump(items[name], style, scorer) for name in sets for style in STYLES}
    data["rule examples", "as written"] = rule_examples(scorer) * args.examples
    if args.cv and args.quick:
        right = {s: [0, 0, 0] for s in STYLES}
        for held in sets:
            table = train([a for (name, _), accs in data.items() if name != held for a in accs], l2=args.l2,
                          steps=args.steps, margin=args.margin)
            for style in STYLES:
                accs = data[held, style]
                right[style][0] += round(location(accs, {}) * len(accs))
                right[style][1] += round(location(accs, table) * len(accs))
                right[style][2] += sum(any(a.labels) if a.labels else a.empty_ok for a in accs)
            print(held, " ".join(f"{style} {location(data[held, style], {}):.3f}->"
                                 f"{location(data[held, style], table):.3f}" for style in STYLES), flush=True)
        print("accounts right (hand -> learned, oracle):", right)
        return
    if args.cv:
        cross_validate(sets, data, items, args, scorer)
    table = train([a for accs in data.values() for a in accs], l2=args.l2, steps=args.steps, margin=args.margin)
    lines = [f"# written by scripts/train_places.py from {', '.join(sets)} in both styles; feature<TAB>weight"]
    lines += [f"{name}\t{value:.4f}" for name, value in sorted(table.items(), key=lambda kv: -abs(kv[1]))
              if abs(value) >= 0.005 or name == "<margin>"]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines) - 1} weights")


if __name__ == "__main__":
    main()
