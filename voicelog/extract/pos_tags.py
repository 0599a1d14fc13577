"""Coarse parts of speech (``token.pos_``) from the tagger's fine tags, as spaCy's attribute ruler gives them,
without running the ruler.

The English pipeline's attribute ruler turns each fine tag ("NNP", "VBD") into a coarse part of speech ("PROPN",
"VERB"), with exceptions for some words ("'s" tagged "POS", "na" in "gon na"), by running a matcher of 179
patterns over every account: 0.9 ms an account, 6 % of extraction on this machine, where extraction must stay
quicker than the naive dateparser + spaCy baseline (``scripts/bench.py extract``). :func:`pos_setter` reads the
same patterns from the loaded model once and sets each token's part of speech from two tables, (word, tag) first
and then the tag alone, so it follows whatever model is installed. Patterns that need the dependency parse (not
loaded: ``nlp.EXCLUDE``, so they never match) or whitespace tokens (never among our words) are left out; a
pattern of any other shape that sets a part of speech makes :func:`pos_setter` give None, and the ruler itself
runs. Over the 134,775 tokens of the 15 readable development sets in both text styles the tables gave the ruler's
part of speech for every token (2026-11-30). The ruler's lemmas and morphology are not set: nothing reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # pragma: no cover
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

NEVER_MATCH = frozenset({"DEP", "IS_SPACE"})
"""Token keys of ruler patterns that cannot match our words: no parse is run, and no word is whitespace."""


def _values(value: Any) -> Iterable[str]:
    """A pattern's value for one key: a string, or ``{"IN": [...]}``."""
    return value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]


def pos_setter(ruler: AttributeRuler) -> Callable[[Doc], Doc] | None:
    """A pipe that sets every token's part of speech as ``ruler`` would, or None if its patterns are of a shape
    the tables do not cover (then run the ruler)."""
    from spacy.parts_of_speech import IDS  # type: ignore[import-not-found]

    strings = ruler.vocab.strings
    by_tag: dict[int, int] = {}
    by_word_and_tag: dict[tuple[int, int], int] = {}
    for pattern in cast("list[dict[str, Any]]", ruler.patterns):
        pos = pattern["attrs"].get("POS")
        if pos is None:
            continue
        tokens = pattern["patterns"][0]
        keys = {key for token in tokens for key in token}
        if keys & NEVER_MATCH:
            continue
        if len(tokens) != 1 or keys not in ({"TAG"}, {"LOWER", "TAG"}) \
                or any(isinstance(v, dict) and set(v) != {"IN"} for v in tokens[0].values()):
            return None
        token = tokens[0]
        for tag in _values(token["TAG"]):
            if "LOWER" in token:
                for word in _values(token["LOWER"]):
                    by_word_and_tag[strings.add(word), strings.add(tag)] = IDS[pos]
            else:
                by_tag[strings.add(tag)] = IDS[pos]

    def set_pos(doc: Doc) -> Doc:
        for token in doc:
            pos = by_word_and_tag.get((token.lower, token.tag)) or by_tag.get(token.tag)
            if pos is not None:
                token.pos = pos
        return doc

    return set_pos
