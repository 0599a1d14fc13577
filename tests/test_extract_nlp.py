"""spaCy loaded once, without its command line's package."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_CHILD = """
import json, sys
from voicelog.extract.nlp import load_nlp, parse_words
doc = parse_words(["Priya", "followed", "me", "to", "the", "station"])
before = sorted(m for m in ("spacy.cli", "typer", "weasel", "requests", "httpx") if m in sys.modules)
import spacy
info = spacy.info()
print(json.dumps({"before": before, "ents": [e.text for e in doc.ents], "tags": [t.tag_ for t in doc],
                  "info": sorted(info)[:3], "cli": "spacy.cli" in sys.modules}))
"""


@pytest.mark.slow
def test_spacy_tags_words_without_importing_its_command_line() -> None:
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["before"] == []  # none of typer, weasel, requests, httpx, spacy.cli while only tagging
    assert got["tags"][1] == "VBD" and got["tags"][-1] == "NN"
    assert got["info"] and got["cli"]  # spacy.info() still works, importing the real command line then


def test_spacy_already_imported_is_left_alone() -> None:
    import spacy

    from voicelog.extract.nlp import import_spacy_without_its_cli

    before = dict(sys.modules)
    import_spacy_without_its_cli()
    assert sys.modules.get("spacy") is spacy and set(sys.modules) == set(before)


def test_spacy_multiplies_with_numpy_exactly_where_blis_runs_its_generic_kernel() -> None:
    from voicelog.extract import nlp_ops
    from voicelog.extract.nlp import load_nlp

    kernel = nlp_ops.blis_kernel()
    assert kernel is not None  # blis answers which kernel it chose (its aarch64 wheel: "cortexa57")
    generic = kernel == nlp_ops.GENERIC
    assert nlp_ops.uses_numpy_matmul() is generic  # threadpoolctl and numpy's OpenBLAS are installed here
    nlp = load_nlp()
    for name in ("tok2vec", "tagger", "ner"):  # each pipe's network, built under the ops chosen
        assert nlp.get_pipe(name).model.ops.use_blis is not generic  # type: ignore[attr-defined]


def test_openblas_is_held_to_one_thread_only_while_spacy_runs() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    from voicelog.extract import nlp_ops
    from voicelog.extract.nlp import parse_words

    def openblas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["internal_api"] == "openblas"]

    with threadpool_limits(limits=2, user_api="blas"):  # a count other than one, even on a one-core machine
        before = openblas_threads()
        assert before and set(before) == {2}
        with nlp_ops.one_blas_thread():
            during = openblas_threads()
        assert parse_words(["Sam", "followed", "me"])[1].tag_ == "VBD"
        assert openblas_threads() == before  # restored, after the block and after a whole parse
    assert during == ([1] * len(before) if nlp_ops.uses_numpy_matmul() else before)
