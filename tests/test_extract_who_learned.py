"""``voicelog.extract.who_learned``: the learned name model in lower-case text, with the shipped weights and the real
spaCy pipeline (every sentence here is invented)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from voicelog.extract import extract_incident
from voicelog.extract.mentions import _place_words, candidates, truecase_words
from voicelog.extract.names import any_first_names
from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.who_learned import LEARNED, classes, features, probability, rep, weights, with_learned

AT = datetime(2026, 3, 30, 21, 47)
ROOT = Path(__file__).resolve().parent.parent


def people(text: str) -> list[str]:
    return [f"{p.name} ({p.role})" for p in extract_incident(text, recorded_at=AT).people]


def rules(text: str) -> str:
    return extract_incident(text, recorded_at=AT).rules.get("people", "")


def test_the_weights_are_installed() -> None:
    assert len(weights()) > 100
    assert "<bias>" in weights()


@pytest.mark.parametrize(("text", "expect"), [
    ("at the car wash ingvild saw him let down my tyres", "Ingvild (witness)"),
    # "my apprentice X saw it" is a cue now, "and luckily X saw it" people.unknown-mid-clause's
])
def test_a_name_no_rule_finds_is_found_in_a_names_slot(text: str, expect: str) -> None:
    assert people(text) == [expect]
    assert LEARNED in rules(text)
    assert "people" in extract_incident(text, recorded_at=AT).uncertain  # the model's people are marked unsure


@pytest.mark.parametrize("text", [
    "we walked past the bakery and he followed me down to the lights",
    "i hope he stops and i told the school about the grant",
    "he was waiting at the kiosk by the marina with a camera",
    "he sent a parcel to my work and the courier said it came from a depot in swindon",
    "he was by the boats at polwenna no sorry tregarth harbour and he kicked my crates in",
])
def test_everyday_words_and_places_are_not_made_names(text: str) -> None:
    assert people(text) == []
    assert LEARNED not in rules(text)


def test_cased_text_is_left_to_the_rules() -> None:
    assert LEARNED not in rules("At the car wash Ingvild saw him let down my tyres.")


def test_a_word_a_rule_took_is_not_taken_again() -> None:
    n = normalize("my neighbour petra saw him at the window")
    words = truecase_words(n)
    doc = parse_words(words)
    found = candidates(n, words, doc)
    assert {f.name for f in found} == {"Petra"}
    assert with_learned(n, words, doc, found) == found


def test_a_name_in_a_names_slot_scores_higher_than_the_same_word_as_a_thing() -> None:
    def p(text: str, word: str) -> float:
        n = normalize(text)
        words = truecase_words(n)
        lower = [w.lower for w in n.words]
        return probability(lower, words, parse_words(words), lower.index(word))

    assert p("at the car wash ingvild saw him", "ingvild") > 0.7
    assert p("he sold me a ingvild from the market", "ingvild") < 0.5


def test_no_feature_holds_the_word_itself_when_it_may_be_a_name() -> None:
    n = normalize("then zbigniew rang me from the station")
    words = truecase_words(n)
    lower = [w.lower for w in n.words]
    feats = features(lower, words, parse_words(words), 1)
    assert not any("zbigniew" in f for f in feats)
    assert rep("grant") == classes("grant")[0]  # a first name that is also a word is a class, not itself
    assert rep("zbigniew") == "first"  # in the census lists
    assert rep("kwelmatrof") == "unknown"
    assert rep("from") == "from"


def test_the_weights_file_holds_no_first_name_or_place_word() -> None:
    values = {v for f in weights() if "=" in f for v in f.split("=", 1)[1].split("|")}
    first, places = any_first_names(), _place_words()
    # "ed" is an ending class (end=ed) that happens to be a first name too
    assert {v for v in values if v.removesuffix("'s") in first} <= {"ed"}
    assert not {v for v in values if v.removesuffix("'s") in places}


@pytest.mark.parametrize("closed", ["heldout5", "heldout8", "heldout9"])
def test_training_reads_only_the_development_sets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, closed: str) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import train_names

    monkeypatch.setattr(sys, "argv", ["train_names.py", "--sets", f"{closed},dev", "--out", str(tmp_path / "w.tsv")])
    with pytest.raises(SystemExit, match=closed):
        train_names.main()
    assert not (tmp_path / "w.tsv").exists()


def test_training_writes_a_weights_file_the_module_reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import train_names

    out = tmp_path / "w.tsv"
    monkeypatch.setattr(sys, "argv", ["train_names.py", "--sets", "dev", "--copies", "1", "--out", str(out)])
    train_names.main()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# written by scripts/train_names.py from dev")
    table = dict(line.rsplit("\t", 1) for line in lines[1:])
    assert "<bias>" in table and len(table) > 50
    assert float(table["c=unknown"]) > 0 > float(table["c+1=placeafter"])  # a name, unless "road" comes next


def test_a_nickname_said_before_the_full_name_is_not_a_second_person() -> None:
    found = people("so at about six rocky rakesh bhattar came to my door")
    assert not any(p.startswith("Rocky") for p in found), found
    assert any(p.startswith("Rakesh Bhattar") for p in found), found
