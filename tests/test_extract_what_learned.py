"""voicelog.extract.what_learned: the categories' fallback when no rule matched, and its training script."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from voicelog.extract import extract_incident
from voicelog.extract.what_learned import CATEGORIES, features, learned_category, stem, weights

ROOT = Path(__file__).resolve().parent.parent


def test_features_are_everyday_word_stems_never_names_or_numbers():
    got = features("Kieran Okafor phoned twice at 9:15 about the parking at Bellwether Court")
    assert "phon" in got and "park" in got
    assert not {"kieran", "okafor", "bellwether", "9", "15"} & got


def test_stem_folds_inflections():
    assert stem("phoned") == stem("phones") == "phon"
    assert stem("is") == "is"


def test_the_weights_file_covers_every_category_with_a_bias():
    by_cat, bias = weights()
    assert set(by_cat) == set(CATEGORIES) and all(by_cat[c] for c in CATEGORIES)
    assert all(isinstance(bias[c], float) for c in CATEGORIES)


def test_words_that_point_clearly_give_a_category_and_vague_ones_none():
    got = learned_category("he keeps loitering by the bins under my window lurking there for hours waiting")
    assert got is not None and got[0] == "loitering" and got[1] >= 0.5 and got[2]
    assert learned_category("it has been a horrible week") is None


def test_the_fallback_is_used_only_when_no_rule_matched_and_the_field_stays_unsure():
    said = "Same as every week, he was on my walk home again, all the way, every turning, right behind."
    inc = extract_incident(said, recorded_at=datetime(2026, 5, 4, 22, 0))
    assert inc.rules["categories"] == "categories.learned-fallback"
    assert inc.categories == ("following",) and "categories" in inc.uncertain
    ruled = extract_incident("He followed me home from the station.", recorded_at=datetime(2026, 5, 4, 22, 0))
    assert "categories.learned-fallback" not in ruled.rules.get("categories", "")


def test_training_never_reads_the_held_out_set(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_categories

    argv = ["train_categories.py", "--sets", "dev,heldout5", "--out", str(tmp_path / "w.tsv")]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit, match="heldout5"):
        train_categories.main()
    assert not (tmp_path / "w.tsv").exists()


def test_training_writes_a_readable_weights_file(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_categories

    out = tmp_path / "w.tsv"
    monkeypatch.setattr(sys, "argv", ["train_categories.py", "--sets", "dev", "--out", str(out)])
    train_categories.main()
    lines = out.read_text().splitlines()
    assert lines[0].startswith("# written by scripts/train_categories.py from dev")
    assert sum(line.startswith("<bias>\t") for line in lines) == len(CATEGORIES)
    assert all(len(line.split("\t")) == 3 for line in lines[1:])
