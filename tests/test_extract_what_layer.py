"""voicelog.extract.what_layer: the learned layer over the category rules, and its training script."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from voicelog.extract.what_layer import (
    CATEGORIES,
    FEW_WORDS,
    Layer,
    choose,
    decide,
    features,
    long_enough,
    values,
    words,
)

ROOT = Path(__file__).resolve().parent.parent


def test_words_are_everyday_words_and_their_pairs_never_names_or_numbers():
    got = words("then quentin marlowe rang me 14 times from the depot")
    assert {"rang", "rang me", "times", "from the"} <= got
    assert not {w for w in got if "quentin" in w or "marlowe" in w or "14" in w}
    assert "marlowe rang" not in got


def test_the_rules_categories_are_features_and_none_when_no_rule_matched():
    assert "<rule:gifts>" in features("a parcel on the step", ("gifts",))
    assert "<rule:none>" in features("nothing much", ())


def _layer(bias: dict[str, float], weights: dict[str, dict[str, float]] | None = None) -> Layer:
    return Layer(weights or {}, {c: bias.get(c, -5.0) for c in CATEGORIES}, {c: 0.7 for c in CATEGORIES},
                 {c: 0.2 for c in CATEGORIES})


def test_the_layer_adds_over_add_drops_under_drop_and_keeps_between():
    lay = _layer({"following": 2.0, "loitering": -2.0, "gifts": 0.0})
    p = lay.probabilities(frozenset())
    assert p["following"] > 0.7 and p["loitering"] < 0.2 and 0.2 < p["gifts"] < 0.7
    assert choose(("loitering", "gifts"), p, lay.add, lay.drop) == ("following", "gifts")


def test_the_most_probable_category_when_nothing_is_left():
    lay = _layer({"other": -3.0, "monitoring": -2.5})
    assert choose((), lay.probabilities(frozenset()), lay.add, lay.drop) == ("monitoring",)


def test_a_word_weighs_less_in_a_long_account_and_a_rule_always_the_same():
    few = values(frozenset(("kept watching", "<rule:monitoring>")))
    many = values(frozenset([f"w{i}" for i in range(199)] + ["kept watching", "<rule:monitoring>"]))
    assert few["<rule:monitoring>"] == many["<rule:monitoring>"] == 1.0
    assert few["kept watching"] == pytest.approx(1 / math.sqrt(FEW_WORDS))
    assert many["kept watching"] == pytest.approx(1 / math.sqrt(200))


def test_a_line_or_two_is_left_to_the_rules():
    assert not long_enough(features("he rang me twice last night", ("unwanted_contact",)))
    assert decide("he rang me twice last night", ("unwanted_contact",)) is None


def test_the_training_script_never_trains_on_a_held_out_set(monkeypatch: pytest.MonkeyPatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_layer
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    monkeypatch.setattr(sys, "argv", ["train_layer.py", "--sets", "dev,heldout15"])
    with pytest.raises(SystemExit, match="held-out"):
        train_layer.main()
