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
