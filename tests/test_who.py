"""People and roles, in both text styles."""


import pytest
from conftest import STYLES

from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.who import find_who, truecase_words
from voicelog.incident import KnownPerson

REGISTRY = (
    KnownPerson("Daniel Webb", ("danny", "my ex husband", "my ex")),
    KnownPerson("Karen Webb", ("karen", "his mum")),
)


def who(text, known=()):
    n = normalize(text)
    words = truecase_words(n)
    return {(p.name.lower(), p.role) for p in find_who(n, known, parse_words(words), words)}


CASES = [
    ("Michael Brown followed me home from the station.", (), {("michael brown", "subject")}),
    ("A man called Peter Hughes was waiting outside my house.", (), {("peter hughes", "subject")}),
    ("Danny was outside the school again.", REGISTRY, {("daniel webb", "subject")}),
    ("My ex husband texted me forty times.", REGISTRY, {("daniel webb", "subject")}),
    ("Dannie rang me at work.", REGISTRY, {("daniel webb", "subject")}),
    ("His mum sent me a letter saying I'd be sorry.", REGISTRY, {("karen webb", "subject")}),
    ("He was outside again and my neighbour Linda saw him.", REGISTRY[:1],
     {("daniel webb", "subject"), ("linda", "witness")}),
    ("Rachel grabbed my arm and my friend Emily saw it happen.", (),
     {("rachel", "subject"), ("emily", "witness")}),
    ("Mrs Kowalski next door heard him shouting. I'm sure it was Steven.", (),
     {("mrs kowalski", "witness"), ("steven", "subject")}),
    ("A man I don't know followed me off the bus.", (), set()),
    ("I told my sister Hannah about it later. It was Gary again.", (),
     {("hannah", "other"), ("gary", "subject")}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, known, expected", CASES)
def test_who(said, known, expected, style):
    assert who(style(said), known) == expected


def test_street_names_are_not_people():
    for text in ("He was standing on Albert Road near Gordon Street.",
                 "he was standing on albert road near gordon street"):
        assert who(text) == set()


def test_source_kept():
    n = normalize("my ex husband was there")
    people = find_who(n, REGISTRY)
    assert people[0].source == "my ex husband"


def test_the_lemma_tables_the_name_filter_needs_are_loaded() -> None:
    from voicelog.extract.names import common_words

    assert {"walk", "shout", "quickly", "angry"} <= common_words()  # verbs, adverbs, adjectives from spaCy
