"""voicelog.extract.what_learned: the learned vote on the categories (and the fallback when no rule matched), and its
training script."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from voicelog.extract import extract_incident
from voicelog.extract.what_learned import (
    CATEGORIES,
    decide,
    features,
    learned_category,
    model,
    stem,
    weights,
)

ROOT = Path(__file__).resolve().parent.parent


def test_features_are_everyday_word_stems_never_names_or_numbers():
    got = features("Kieran Okafor phoned twice at 9:15 about the parking at Bellwether Court")
    assert "phon" in got and "park" in got
    assert not {"kieran", "okafor", "bellwether", "9", "15"} & got


def test_stem_folds_inflections():
    assert stem("phoned") == stem("phones") == "phon"
    assert stem("is") == "is"


def test_every_category_has_vote_thresholds_between_never_and_always():
    m = model()
    assert set(m.add) == set(m.drop) == set(CATEGORIES)
    assert all(0.0 < m.add[c] and 0.0 <= m.drop[c] < 1.0 for c in CATEGORIES)


def test_the_vote_keeps_what_the_rules_saw_plainly_and_other_beside_a_category():
    said = "he followed me from the bus stop all the way home, right behind me, every turning"
    cats, how = decide(said, ("following",), {"following"})
    assert cats == ("following",) and how is None
    cats, _ = decide(said, ("following", "other"), {"following"})
    assert "other" in cats


def test_the_weights_file_covers_every_category_with_a_bias():
    by_cat, bias = weights()
    assert set(by_cat) == set(CATEGORIES) and all(by_cat[c] for c in CATEGORIES)
    assert all(isinstance(bias[c], float) for c in CATEGORIES)


def test_words_that_point_clearly_give_a_category_and_vague_ones_none():
    got = learned_category("he keeps loitering by the bins under my window lurking there for hours waiting")
    assert got is not None and got[0] == "loitering" and got[1] >= 0.5 and got[2]
    assert learned_category("it has been a horrible week") is None


def test_the_fallback_is_used_only_when_no_rule_matched_and_the_field_stays_unsure():
    said = "He turned up at the school gate, out by the railings, most mornings this week."
    inc = extract_incident(said, recorded_at=datetime(2026, 5, 4, 22, 0))
    assert inc.rules["categories"] == "categories.learned-fallback"
    assert inc.categories == ("loitering",) and "categories" in inc.uncertain
    ruled = extract_incident("He followed me home from the station.", recorded_at=datetime(2026, 5, 4, 22, 0))
    assert "categories.learned-" not in ruled.rules.get("categories", "")


def test_the_vote_adds_following_the_rules_missed_and_the_field_stays_unsure():
    said = "Same as every week, he was on my walk home again, all the way, every turning, right behind."
    inc = extract_incident(said, recorded_at=datetime(2026, 5, 4, 22, 0))
    assert inc.rules["categories"] == "categories.learned-vote"
    assert inc.categories == ("following",) and "categories" in inc.uncertain


def test_only_following_and_monitoring_vote():
    m = model()
    assert {c for c in CATEGORIES if m.add[c] <= 1.0 or m.drop[c] > 0.0} <= {"following", "monitoring"}


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
    assert sum(line.startswith(("<add>\t", "<drop>\t")) for line in lines) == 2 * len(CATEGORIES)
    assert all(len(line.split("\t")) == 3 for line in lines[1:])
