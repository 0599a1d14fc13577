"""voicelog.extract.names: the word lists that keep ordinary words from being taken for names."""

import pytest

from voicelog.extract.names import common_words, name_sense, two_senses


def test_the_lemma_tables_the_name_filter_needs_are_loaded() -> None:
    assert {"walk", "shout", "quickly", "angry"} <= common_words()  # verbs, adverbs, adjectives from spaCy


def test_first_names_that_are_also_words_are_known_as_such() -> None:
    assert all(two_senses(w) for w in ("will", "mark", "rose", "hope", "grant", "bill", "summer", "drew", "frank"))
    assert not any(two_senses(w) for w in ("callum", "siobhan", "dragos"))
    assert two_senses("ute") and two_senses("jack")  # names that are also nouns: "his ute", "a car jack"


SENSES = [
    ([], "will", ["will", "be"], False, True),  # the subject of a verb
    (["he"], "will", ["be"], False, False),  # after a pronoun: the verb
    (["i"], "hope", ["he"], False, False),
    ([], "hope", ["said"], False, True),
    (["saw"], "rose", ["by"], False, True),  # after a verb of meeting
    (["a"], "mark", ["on"], False, False),  # after a determiner: the noun
    (["he"], "drew", ["his"], False, False),
    (["it", "was"], "mark", [], True, True),  # "it was mark"
    (["it", "was"], "summer", [], True, False),  # a season is not blamed
    (["hiya"], "grant", [], False, True),  # after a greeting
    (["was", "very"], "frank", ["about"], False, False),  # an adjective
    (["we"], "mark's", ["car"], False, True),  # a possessive before a noun
    (["then"], "will", ["the"], False, None),  # nothing says
]


@pytest.mark.parametrize(("before", "word", "after", "blamed", "want"), SENSES)
def test_the_neighbours_tell_the_name_from_the_word(before: list[str], word: str, after: list[str], blamed: bool,
                                                    want: bool | None) -> None:
    assert name_sense(before, word, after, blamed=blamed) is want


def test_a_word_after_a_first_name_reads_as_a_verb_by_what_follows_it() -> None:
    from voicelog.extract.names import verb_not_surname

    assert verb_not_surname("ilse photoshopped it and".split(), 1)
    assert verb_not_surname("sade rings me every".split(), 1)
    assert verb_not_surname("chibuike works with me".split(), 1)
    assert not verb_not_surname("dragos ionescu rang me".split(), 1)
    assert not verb_not_surname("it was ilse baker".split(), 3)


def test_a_plural_of_an_everyday_noun_is_no_name() -> None:
    from voicelog.extract.names import plural

    assert plural("tyres") and plural("boys") and plural("texts")
    assert not plural("dobromir") and not plural("ekwueme")


def test_the_worlds_first_names_are_trusted_capitalised_in_cased_text() -> None:
    from datetime import datetime

    from voicelog.extract import extract_incident
    from voicelog.extract.names import first_names, world_first_names

    assert "tyrese" in world_first_names() and "tyrese" not in first_names()
    assert not world_first_names() & {"smith", "hall", "will", "mark", "grant"}  # surnames and everyday words stay out
    incident = extract_incident("Then Tyrese put a photo of my door in the group chat.",
                                recorded_at=datetime(2026, 3, 30, 21, 47))
    assert [p.name for p in incident.people] == ["Tyrese"]
    assert "people.first-name-list" in incident.rules["people"]
