"""A learned choice among the candidate places of one account: a small logistic ranker over what is around each.

:func:`~voicelog.extract.where.find_where` finds the candidate places, each with a hand-tuned score
(:data:`~voicelog.extract.where_scores.SCORES`) and the named rules that shaped it. When an account names several
places (where the person came from, where they went, where a witness was, where it happened), the hand score alone
picked the wrong one too often on accounts it had not been tuned on. :func:`learned_choice` weighs each outer
candidate with a conditional logit (a softmax over the account's candidates) whose features say nothing of the
place's own words beyond everyday cue words: the rules it carries, its hand score and rank by hand score, how
place-like its head is, its cue ("in", "at", "to", "from"...), where in the account it comes, its length, capitals,
the other person (a pronoun or a first name) just before or after it, the speaker going somewhere just before it
("I went", "I left"), a time said near it, and whether the same place is said again. The hand score stays a feature,
so the model adds to the rules rather than replacing them. The weights are data, ``vocab/where_weights.tsv``
(``feature<TAB>weight``, no place names), written by ``scripts/train_places.py`` from the development sets in both
text styles; without that file the hand score decides alone. The winner keeps its own rules, plus
:data:`LEARNED_CHOICE` when the ranker overruled the hand score.

The ranker overrules the hand score's pick only when its own pick is ``<margin>`` (0.2) more probable, and never
for the place that pick already stands for (a part of a venue or a ride). The training also counts every other
``location.*`` rule's invented examples, so it does not undo what those rules are for.

Leave-one-set-out cross-validation (``scripts/train_places.py --cv``: train on eight development sets, extract the
ninth and score it with ``eval/score.py``), hand score alone -> with the ranker, 2026-11-30:

=========  ===================  ===================  ===================  ===================
set        location Vosk        location natural     all fields Vosk      all fields natural
=========  ===================  ===================  ===================  ===================
dev        1.000 -> 1.000       1.000 -> 1.000       1.000 -> 1.000       1.000 -> 1.000
heldout    0.867 -> 0.917       0.933 -> 0.950       0.800 -> 0.833       0.883 -> 0.900
heldout2   0.817 -> 0.850       0.900 -> 0.933       0.717 -> 0.750       0.800 -> 0.833
heldout3   0.833 -> 0.833       0.900 -> 0.900       0.817 -> 0.817       0.900 -> 0.900
dev2       0.929 -> 0.929       0.957 -> 0.957       0.914 -> 0.914       0.943 -> 0.943
heldout4   0.917 -> 0.925       0.967 -> 0.967       0.883 -> 0.892       0.925 -> 0.925
dev3       0.887 -> 0.887       0.875 -> 0.875       0.838 -> 0.838       0.825 -> 0.825
dev4       0.925 -> 0.925       0.963 -> 0.963       0.850 -> 0.850       0.863 -> 0.863
dev5       0.925 -> 0.938       0.938 -> 0.938       0.775 -> 0.787       0.800 -> 0.800
accounts   625 -> 632 of 690    649 -> 652 of 690    587 -> 593           611 -> 614
=========  ===================  ===================  ===================  ===================

A right candidate existed for 658 (Vosk) / 673 (natural) of the 690 accounts. These sets were all read while
the hand scores were tuned, so the hand score is near its best on them; the gain on unseen accounts is unmeasured.
The ranker never says "none of these": only 4 (Vosk) / 5 (natural) of the 690 accounts say no place yet have a
candidate, too few to learn from and fewer than a "none" choice would risk losing.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Sequence

    from voicelog.extract.normalize import Normalized
    from voicelog.extract.where import Place, _Candidate

LEARNED_CHOICE = rule(
    "location.learned-choice", "of several places, the one the words around it point to (vocab/where_weights.tsv, "
    "trained by scripts/train_places.py), the hand score one of its features",
    said("I was pegging out the sheets in my back yard when he started filming me over the fence. He's at number "
         "twelve.", "my back yard"),
    said("i was pegging out the sheets in my back yard when he started filming me over the fence he's at number twelve",
         "my back yard"),
    said("last night i went down to the pharmacy on penwith road for my inhaler and keith hung about at the end of the "
         "aisle glaring at me", "the pharmacy on penwith road"),
    said("Last night I went down to the pharmacy on Penwith Road for my inhaler and Keith hung about at the end of the "
         "aisle glaring at me.", "the pharmacy on Penwith Road", fires=False))

RECORDED: list[tuple[Normalized, list[_Candidate], list[Place]]] | None = None
"""Set to a list by scripts/train_places.py: each account's candidates and the place each stands for, as the
extractor passes them to :func:`learned_choice`."""
CUE_WORDS = frozenset("at in on outside inside by near to into onto from past round around through along up down towards "
                  "behind opposite under over across got took caught left reached".split())
"""Cue words that get a weight of their own; any other cue shares ``cue:other``."""
_THEM = frozenset("he she they him her them he's she's they're he'd she'd his".split())
_SPEAKER = frozenset("i we i'm i'd i've we're we'd".split())
_MOVING = re.compile(r"\b(?:i|we) (?:(?:was|were) )?(?:went|go|going|left|leaving|got|walked|walking|came|coming|drove"
                     r"|driving|headed|heading|ran|popped|nipped|arrived|got back|came back|went back)\b")
_TOWARDS = frozenset(("to", "into", "onto", "towards", "up", "down", "round", "around", "reached"))
"""Cues of going towards a place: who went there decides whether it is where it happened."""
_NOW = frozenset(("now", "still", "currently"))
_STOPS = (".", "?", "!", ";")


def _before(account: Normalized, pos: int, size: int) -> list[str]:
    """Up to size lower-case words before words[pos], not reaching back past a full stop."""
    out: list[str] = []
    for i in range(pos - 1, max(-1, pos - size - 1), -1):
        if account.punct_after(i) in _STOPS:
            break
        out.insert(0, account.words[i].lower)
    return out


def _after(account: Normalized, pos: int, size: int) -> list[str]:
    """Up to size lower-case words from words[pos], not reaching past a full stop."""
    out: list[str] = []
    for i in range(pos, min(len(account.words), pos + size)):
        if i > pos and account.punct_after(i - 1) in _STOPS:
            break
        out.append(account.words[i].lower)
    return out


def features(account: Normalized, outer: Sequence[_Candidate]) -> list[dict[str, float]]:
    """One sparse feature vector (name -> value) for each candidate, in order."""
    from voicelog.extract.names import first_names
    from voicelog.extract.where_phrase import wl

    words = account.words
    n = max(1, len(words))
    cased = any(w.text[:1].isupper() for w in words[1:] if w.lower != "i")
    order = sorted(range(len(outer)), key=lambda k: (-round(outer[k].score - 0.05 * outer[k].cue_start / n, 3), k))
    ranks = {k: r for r, k in enumerate(order)}
    texts = [c.place.text.lower() for c in outer]
    names = first_names()
    out = []
    for k, c in enumerate(outer):
        f: dict[str, float] = {f"rule:{r}": 1.0 for r in c.place.rules}
        f["hand"] = max(-3.0, min(3.0, c.score / 4))
        f[f"hand_rank:{min(ranks[k], 2)}"] = 1.0
        f["head"] = max(-1.0, min(1.5, c.head / 4))
        cue = c.cue.split()[0] if c.cue else "none"
        f[f"cue:{cue if cue in CUE_WORDS or cue == 'none' else 'other'}"] = 1.0
        f["pos"] = c.cue_start / n
        f["first"] = float(k == 0)
        f["last"] = float(k == len(outer) - 1)
        f["words"] = min(8, len(texts[k].split())) / 8
        f["caps"] = float(cased and any(w.text[:1].isupper() for w in words[c.cue_start + 1:c.end]))
        f["own"] = float(bool(re.search(r"(?:^| )(?:my|our) (?![\w-]+'s\b)", texts[k])))  # "my flat", not "my sister's"
        before, after = _before(account, c.cue_start, 5), _after(account, c.end, 5)
        f["them_before"] = float(any(w in _THEM for w in before))
        f["them_after"] = float(any(w in _THEM for w in after))
        f["named_before"] = float(any(w.lower in names and (w.text[:1].isupper() or not cased)
                                      for w in words[max(0, c.cue_start - 5):c.cue_start]))
        f["speaker_before"] = float(any(w in _SPEAKER for w in before[-3:]))
        f["moving_before"] = float(bool(_MOVING.search(" ".join(_before(account, c.cue_start, 6)))))
        later = " ".join(w.lower for w in words[c.end:c.end + 12])
        f["moved_on_after"] = float(bool(_MOVING.search(later)))  # "I was at my sister's ... when I got home, he"
        f["now_after"] = float(any(w in _NOW for w in after[:3]))
        f["time_near"] = float(any(w.kind == "time" for w in words[max(0, c.cue_start - 8):c.end + 8]))
        f["sentence_start"] = float(c.cue_start == 0 or account.punct_after(c.cue_start - 1) in _STOPS)
        part = any(texts[k].endswith(" " + p) for p in wl("venue_parts") | wl("bus_parts"))
        f["venue_part"] = float(part)  # "the desk", "the aisle": often part of a venue named before it
        f["them_here"] = float(not part and (f["them_before"] or f["named_before"]))
        if cue in _TOWARDS:  # "he came to my flat" is where he was; "I went to the shop", where I went
            f["towards&them"] = float(f["them_before"] or f["named_before"])
            f["towards&moving"] = f["moving_before"]
        f["again"] = float(any(j != k and (t in texts[k] or texts[k] in t) for j, t in enumerate(texts)))
        out.append(f)
    return out


@cache
def weights() -> dict[str, float]:
    """feature -> weight from vocab/where_weights.tsv; empty when the file is absent or empty."""
    try:
        text = resources.files("voicelog.extract").joinpath("vocab", "where_weights.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    table: dict[str, float] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("\t")
            table[name] = float(value)
    return table


def probabilities(account: Normalized, outer: Sequence[_Candidate], table: dict[str, float]) -> list[float]:
    """The ranker's probability that each candidate is the incident's place (they sum to one)."""
    scores = [sum(table.get(name, 0.0) * value for name, value in f.items()) for f in features(account, outer)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return [e / sum(exps) for e in exps]


def learned_choice(account: Normalized, outer: Sequence[_Candidate], hand: _Candidate,
                   stands_for: Callable[[_Candidate], Place]) -> _Candidate | None:
    """The candidate the ranker prefers when it overrules hand, the hand score's pick: its probability beats hand's
    by the table's ``<margin>`` and it is not the place hand stands for (stands_for: a part of a venue or a ride is
    that venue or ride). None when hand's pick stands, with fewer than two candidates, or with no weights."""
    if RECORDED is not None:
        RECORDED.append((account, list(outer), [stands_for(c) for c in outer]))
    table = weights()
    if len(outer) < 2 or not table:
        return None
    p = probabilities(account, outer, table)
    best = max(range(len(outer)), key=lambda k: (p[k], -k))
    if p[best] - p[outer.index(hand)] < table.get("<margin>", 0.0) or outer[best] is hand \
            or outer[best].place.text.lower() == stands_for(hand).text.lower():
        return None
    return outer[best]
