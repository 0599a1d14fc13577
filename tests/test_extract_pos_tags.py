"""Parts of speech from the tagger's tags: the attribute ruler's answers without running it."""

from __future__ import annotations

import pytest

from voicelog.extract.nlp import load_nlp
from voicelog.extract.pos_tags import pos_setter

SAID = [
    "Yesterday at about half past nine Corwin Ashdale followed me from the station to my front door.",
    "i'm gon na ring one oh one if he doesn't stop he's been texting me all night",
    "She said there's nothing she can do, but I think it was him who let the tyres down on Tuesday.",
    "ain't nobody gonna tell me what to do he shouted and then he kicked the bins over",
    "He's parked outside again, the silver Astra, and his mate's car is behind it.",
]


@pytest.mark.parametrize("said", SAID)
def test_every_word_gets_the_rulers_part_of_speech(said: str) -> None:
    from spacy.tokens import Doc

    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    setter = pos_setter(ruler)  # type: ignore[arg-type]
    assert setter is not None
    by_ruler = Doc(nlp.vocab, words=said.split())
    by_tables = Doc(nlp.vocab, words=said.split())
    for name, proc in nlp.pipeline:
        if name in ("tok2vec", "tagger"):
            by_ruler, by_tables = proc(by_ruler), proc(by_tables)
    by_ruler, by_tables = ruler(by_ruler), setter(by_tables)
    assert [t.pos_ for t in by_tables] == [t.pos_ for t in by_ruler]
    assert {t.pos_ for t in by_tables} >= {"VERB", "PRON"}  # set, not left empty


def test_a_pattern_of_another_shape_leaves_the_ruler_to_run() -> None:
    from spacy.pipeline import AttributeRuler

    nlp = load_nlp()
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert pos_setter(ruler) is not None
    ruler.add([[{"LOWER": {"REGEX": "^x+$"}, "TAG": "NN"}]], {"POS": "X"})  # a regular expression: not a table
    assert pos_setter(ruler) is None
