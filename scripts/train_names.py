"""Train the lower-case name model's weights (voicelog/extract/vocab/who_weights.tsv) from the development sets.

    .venv/bin/python scripts/train_names.py [--sets dev,heldout,...] [--out PATH] [--copies 3]

Each account's `spoken` text is rendered as Vosk prints it (eval/score.py's `vosk_style`: lower case, no
punctuation) and its words labelled: a word of a gold person's name (titles aside, matched case-insensitively) is a
name; mentions of the diary's known people's aliases are left out. Then `--copies` more renderings with every
gold name word swapped for a random one (census first names and surnames, vocab/names.txt, invented strings,
first names that are everyday words), so the model learns the slots names go in rather than names. Features are
`voicelog.extract.who_learned.features` (no name is a feature); the model is a logistic regression (numpy, L2,
full-batch Adam). Only development sets are read; the held-out sets and the blind checks never are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np
from script_modules import load_scorer

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = ("dev", "heldout", "heldout2", "heldout3", "dev2", "heldout4", "dev3", "dev4", "dev5", "dev6", "dev7",
            "dev8", "heldout6", "heldout7")
"""The only sets read (the development sets of round 5): the measures (heldout5, heldout8) and any later blind set are
never read."""

Row = tuple[list[str], int]


@cache
def _scorer() -> ModuleType:
    """eval/score.py, imported from its file (a standalone script, not a package module)."""
    return load_scorer()


def vosk_style(text: str) -> str:
    """eval/score.py's Vosk rendering: lower case, no punctuation."""
    rendered: str = _scorer().vosk_style(text)
    return rendered


def _invented(rng: random.Random) -> str:
    """A made-up name-like word: two or three syllables."""
    onsets = "b d f g h j k l m n p r s t v w y z ch sh th dr kw tr br".split()
    vowels = "a e i o u a e i o ai ei ou".split()
    codas = ["", "", "", "n", "r", "l", "s", "m", "k", "t"]
    return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((2, 2, 3))))


def _pools() -> tuple[list[str], list[str], list[str]]:
    """(first names, surnames, first names that are everyday words) to swap in."""
    from voicelog.extract import vocab
    from voicelog.extract.names import _census, any_first_names, common_words, first_names

    firsts = sorted(first_names() | vocab.words("names"))
    lasts = sorted(w for w in _census("dist.all.last") if w not in common_words() and len(w) > 2)
    word_names = sorted(any_first_names() & common_words())
    return firsts, lasts, word_names


def _swap(spoken: str, tokens: list[list[str]], places: list[str], rng: random.Random,
          pools: tuple[list[str], list[str], list[str]]) -> tuple[str, set[str]]:
    """The text with each gold name word replaced (the same word the same way throughout), and the new name
    words; the proper words of the gold places are swapped too (for surnames or invented words), so that a
    word no list knows in a place's slot is seen as no name."""
    firsts, lasts, word_names = pools
    new: dict[str, str] = {}
    names = {t for name in tokens for t in name}
    for place in places:
        tok = place.lower()
        if tok not in names and tok not in new:
            new[tok] = rng.choice(lasts) if rng.random() < 0.5 else _invented(rng)
    for name in tokens:
        for pos, tok in enumerate(name):
            if tok in new:
                continue
            roll = rng.random()
            if pos == 0:
                pick = rng.choice(firsts) if roll < 0.55 else _invented(rng) if roll < 0.8 else rng.choice(word_names)
            else:
                pick = rng.choice(lasts) if roll < 0.7 else _invented(rng)
            new[tok] = pick
    if not new:
        return spoken, set()
    swapped_names = {v for k, v in new.items() if k in names}
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(new, key=len, reverse=True)) + r")\b", re.I)
    text = pattern.sub(lambda m: new[m.group(1).lower()].capitalize(), spoken)
    return text, swapped_names


def _name_tokens(item: dict) -> list[list[str]]:  # type: ignore[type-arg]
    from voicelog.extract.names import TITLES

    out = []
    for person in item["gold"].get("people") or []:
        toks = [t.removesuffix("'s") for t in re.split(r"[\s-]+", person["name"].lower().replace("\u2019", "'"))]
        toks = [t.strip(".") for t in toks if t.strip(".") and t.strip(".") not in TITLES]
        if toks:
            out.append(toks)
    return out


def _place_words(item: dict) -> list[str]:  # type: ignore[type-arg]
    """The capitalised words of an account's gold places that no word list calls everyday ("Carlton" in "the
    car park on Carlton Road")."""
    from voicelog.extract.names import common_words, stop_words

    places = item["gold"].get("location") or []
    words = {w.removesuffix("'s") for place in places for w in re.findall(r"[A-Z][a-z']+", place)}
    return sorted(w for w in words if len(w) > 2 and w.lower() not in common_words() and w.lower() not in stop_words())


def rows_of(item: dict, copies: int, rng: random.Random,  # type: ignore[type-arg]
            pools: tuple[list[str], list[str], list[str]]) -> list[Row]:
    """(features, label) of every word the model scores, in the account and its swapped copies."""
    from voicelog.extract.known import registry_hits
    from voicelog.extract.mentions import candidates, truecase_words
    from voicelog.extract.nlp import parse_words
    from voicelog.extract.normalize import normalize
    from voicelog.extract.who_learned import features, trained_on
    from voicelog.incident import KnownPerson

    tokens = _name_tokens(item)
    aliases = {w for p in item.get("known_people") or [] for a in p.get("aliases") or [] for w in a.lower().split()}
    known = [KnownPerson(p["name"], tuple(p.get("aliases") or ())) for p in item.get("known_people") or []]
    out: list[Row] = []
    for copy in range(copies + 1):
        if copy == 0:
            text, names = item["spoken"], {t for name in tokens for t in name}
        else:
            text, names = _swap(item["spoken"], tokens, _place_words(item), rng, pools)
        n = normalize(vosk_style(text))
        words = truecase_words(n)
        if not words:
            continue
        doc = parse_words(words)
        lower = [w.lower for w in n.words]
        taken = {k for f in [*candidates(n, words, doc), *registry_hits(n, known)] for k in range(f.i, f.j)}
        for k, w in enumerate(lower):
            base = w.removesuffix("'s")
            if n.words[k].kind != "word" or k in taken or not trained_on(w) or (base in aliases and base not in names):
                continue
            out.append((features(lower, words, doc, k, taken), int(base in names)))
    return out


def load_rows(sets: list[str], copies: int, seed: int = 7) -> dict[str, list[Row]]:
    """Rows by set."""
    rng = random.Random(seed)
    pools = _pools()
    out: dict[str, list[Row]] = {}
    for name in sets:
        if name not in DEV_SETS:
            raise SystemExit(f"{name}: only the development sets are read ({', '.join(DEV_SETS)})")
        lines = (ROOT / "eval" / f"{name}.jsonl").read_text().splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        out[name] = [row for it in items for row in rows_of(it, copies, rng, pools)]
    return out


def train(rows: list[Row], *, l2: float = 1e-4, min_count: int = 3, steps: int = 400) -> dict[str, float]:
    """Logistic regression over sparse binary features: feature -> weight (``<bias>`` among them)."""
    counts = Counter(f for fs, _ in rows for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= min_count or f == "<bias>")
    index = {f: i for i, f in enumerate(vocab)}
    cols = [[index[f] for f in set(fs) if f in index] for fs, _ in rows]
    flat = np.fromiter((c for cs in cols for c in cs), dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), [len(cs) for cs in cols])
    y = np.array([label for _, label in rows], dtype=float)
    w = np.zeros(len(vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        z = np.bincount(row_of, weights=w[flat], minlength=len(rows))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(flat, weights=(p - y)[row_of], minlength=len(vocab)) / len(rows) + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + 1e-8)
    return {f: float(w[i]) for i, f in enumerate(vocab)}


def write(weights: dict[str, float], path: Path, note: str, min_weight: float = 0.02) -> int:
    """The weights file; weights under ``min_weight`` are dropped. Returns the number of lines written."""
    kept = sorted((f for f, x in weights.items() if abs(x) >= min_weight or f == "<bias>"),
                  key=lambda f: (f != "<bias>", -abs(weights[f])))
    lines = [f"# written by scripts/train_names.py {note}; feature<TAB>weight"]
    lines += [f"{f}\t{weights[f]:.4f}" for f in kept]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(kept)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(DEV_SETS), help="development sets in eval/ (no .jsonl)")
    ap.add_argument("--out", type=Path, default=ROOT / "voicelog" / "extract" / "vocab" / "who_weights.tsv")
    ap.add_argument("--copies", type=int, default=3, help="swapped-name copies of each account")
    ap.add_argument("--l2", type=float, default=1e-4)
    args = ap.parse_args()
    names = [s for s in args.sets.split(",") if s]
    rows = [r for rs in load_rows(names, args.copies).values() for r in rs]
    weights = train(rows, l2=args.l2)
    kept = write(weights, args.out, f"from {', '.join(names)} ({len(rows)} words, {args.copies} swapped copies)")
    print(f"{args.out}: {kept} weights from {len(rows)} words")


if __name__ == "__main__":
    main()
