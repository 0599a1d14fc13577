"""voicelog.filters: filters built from what a person typed, and the registry that maps names to people."""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import append, new_sealed, reader

from voicelog.errors import UsageError
from voicelog.filters import Registry, apply_filter, make_filter, search_entries
from voicelog.incident import KnownPerson
from voicelog.store.entries import Entry


def test_filter_library_without_a_cli() -> None:
    flt = make_filter(people=["  Colin   Mowbray "], since="2026-01-01", categories=["Unwanted contact"])
    assert flt.people == ("Colin Mowbray",) and flt.since == date(2026, 1, 1)
    assert flt.categories == ("unwanted_contact",)
    assert "from 2026-01-01" in flt.describe()
    reg = Registry([KnownPerson("Colin Mowbray", ("my ex", "colin"))])
    assert reg.canonical("MY  EX") == "Colin Mowbray" and reg.canonical("Hilda") == "Hilda"
    assert apply_filter([], flt, reg) == []
    with pytest.raises(UsageError):
        make_filter(until="31/01/2026")



# What was said in each entry of one real sealed diary (each stored with the category "following", the
# place "Carlton Road" and Colin Mowbray), and which searches find it ("+" between separate words).
SAID = {
    "he followed me home": {"follow me": True, "following me home": True, "follows me": True, "fol me": False},
    "he kept texting me": {"text": True, "texted": True, "tex": False},
    "I was scared": {"car": False, "scare": True},
    "he sat in the cars outside": {"car": True, "out": False},
    "I care about my kids": {"car": False},
    "he chased me and stopped outside": {"chase": True, "stop": True, "chased+stopped": True},
    "at the parties, he phoned twice": {"party": True, "phone": True},
    "outside the CAFÉ on Carlton Road": {"cafe": True, "carlton road": True, "road carlton": False},
    "Mark's car was in the park": {"Mark": True, "car park": False},  # a phrase is its words in a row
}


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    path = new_sealed(tmp_path_factory.mktemp("said"))
    for text in SAID:
        append(path, text)
    with reader(path) as diary:
        return diary.entries()


@pytest.mark.parametrize(("text", "word", "found"),
                         [(text, word, found) for text, searches in SAID.items() for word, found in searches.items()])
def test_search_matches_whole_words_and_their_endings(said: list[Entry], text: str, word: str, found: bool) -> None:
    entry = next(e for e in said if e.transcript.text == text)
    assert (entry in search_entries(said, word.split("+"))) is found


def test_every_word_must_match_and_the_fields_count_too(said: list[Entry]) -> None:
    assert [e.transcript.text for e in search_entries(said, ["he", "phoned"])] == ["at the parties, he phoned twice"]
    assert search_entries(said, ["phoned", "nobody"]) == []
    assert search_entries(said, ["  "]) == said  # nothing to look for keeps everything


def test_search_finds_a_registration_or_a_witness_in_the_police_log_fields(tmp_path) -> None:
    from voicelog.app.amend import amend

    path = new_sealed(tmp_path)
    append(path, "he drove past again")
    append(path, "he was outside again")
    with reader(path) as diary:
        amend(diary, 1, {"vehicle": ["white van, registration KD71 XRT"], "contact": ["Nadia Brook: 07700 900333"],
                         "reported": ["landlord"], "address": ["3 Tanner Row"]})
        entries = diary.entries()
    for words in (["KD71", "XRT"], ["nadia"], ["landlord"], ["tanner", "row"]):
        assert [e.seq for e in search_entries(entries, words)] == [1], words
