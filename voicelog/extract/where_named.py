"""Growing a place by its own name: the step of :mod:`voicelog.extract.where_grow` that takes a shop's or venue's
name said after the kind of place it is, in Vosk's run-on text, with its street; a named rule
(:mod:`voicelog.extract.rules`). Also what a name after a place may name exactly: a place said by whose it is or by
its kind ("my work", "the salon": :func:`bare_place`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import Reader, nouns, wl
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from voicelog.extract.normalize import Token
    from voicelog.extract.where_grow import Growing

NAME_AFTER_KIND = rule("location.name-after-kind",
                       "\"the hardware shop brannock tools on quarry lane\" run on: the name on its street is the place.",
                       said("i was in the hardware shop brannock tools on quarry lane when he came in",
                            "brannock tools on quarry lane"),
                       said("he came into the little bakery where i work crumbwell on tolley street and sat down",
                            "crumbwell on tolley street"),
                       said("i was stood at the bus stop yesterday on quarry lane when he drove past", "quarry lane",
                            fires=False))


def by_name_after_kind(g: Growing) -> bool | None:
    """``name-after-kind``: in Vosk's run-on text, a name said right after the kind of place it is, in one noun phrase
    (or after "where I work"), and then its street: "the hardware shop brannock tools on quarry lane" is "brannock
    tools on quarry lane" (Whisper's commas make the same an apposition)."""
    from voicelog.extract.where_grow import WHERE_I_WORK

    reader, pos, words = g.reader, g.pos, g.words
    if g.end is None or g.apposed or g.tail is not None or pos >= len(words):
        return None
    on = next((i for i in range(pos + 1, min(pos + 4, len(words) - 1)) if words[i].lower in ("on", "off", "in")), None)
    run_on = pos == g.seed.end and reader.np_end(g.seed.start) > pos  # "the hardware shop brannock tools" read as one
    if on is None or not (run_on or g.rules[-1:] == [WHERE_I_WORK]) \
            or any(reader.account.punct_after(i) for i in range(pos - 1, on + 1)) or not _a_name(reader, pos, on):
        return None
    street_end = reader.np_end(on + 1)
    if street_end <= on + 1 or reader.head(on + 1, street_end).score < SCORES.street:
        return None
    g.text_start, g.apposed = pos, True
    g.score = max(g.score, SCORES.street)
    return g.took(street_end, NAME_AFTER_KIND)


def _a_name(reader: Reader, start: int, end: int) -> bool:
    """words[start:end] can be a shop's or venue's own name: nouns and words no dictionary knows, not a person
    ("dave", "mr jones": a first name last or a title first), a day or a word like "again"."""
    from voicelog.extract.names import common_words, first_names

    words = reader.account.words[start:end]
    return words[-1].lower not in first_names() and words[0].lower not in wl("titles") and all(
        word.kind == "word" and word.lower not in wl("date_words") and word.lower not in wl("stop")
        and (word.lower not in common_words() or word.lower in nouns()) for word in words)


OWN = frozenset("my our his her their".split())
"""Words that say whose a place is ("my work", "their house")."""


def bare_place(span: Sequence[Token]) -> bool:
    """"my work", "the salon", "school": a place said by whose or by its kind, named exactly by a name after it."""
    lowers = [word.lower for word in span]
    return bare_own_place(span) or len(lowers) == 2 and lowers[0] == "the" and lowers[1] in wl("heads") \
        and lowers[1] not in wl("weak_heads") or len(lowers) == 1 and lowers[0] in wl("kind_places")


def bare_own_place(span: Sequence[Token]) -> bool:
    """"my work", "my house", "work": a place said by whose it is, which a following apposition names exactly."""
    lowers = [word.lower for word in span]
    return len(lowers) == 1 and lowers[0] in ("work", "home") or len(lowers) == 2 and lowers[0] in OWN or (
        len(lowers) == 3 and lowers[0] in OWN and (lowers[2] in wl("heads") or lowers[2] in ("job", "place")))
    # "my new job", "my work place", "my old school"
