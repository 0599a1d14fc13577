"""voicelog.extract.names: the word lists that keep ordinary words from being taken for names."""

from voicelog.extract.names import common_words


def test_the_lemma_tables_the_name_filter_needs_are_loaded() -> None:
    assert {"walk", "shout", "quickly", "angry"} <= common_words()  # verbs, adverbs, adjectives from spaCy
