"""Growing a place by its own name: the steps of :mod:`voicelog.extract.where_grow` that take a shop's or venue's
name said after the kind of place it is, in Vosk's run-on text, with its street (``name-after-kind``) or with a word
no dictionary knows in it (``kind-then-name``, round 11: such names after "the factory", "church", "the college" in
three development sets); named rules (:mod:`voicelog.extract.rules`). Also what a name after a place may name
exactly: a place said by whose it is or by its kind ("my work", "the salon": :func:`bare_place`), and the word tests
both steps and :mod:`voicelog.extract.where_venue_name` share (:func:`name_word`, :func:`unheard`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import Reader, nouns, wl
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from voicelog.extract.normalize import Token
    from voicelog.extract.where_grow import Growing

NAME_AFTER_KIND = rule("location.name-after-kind",
                       "\"the hardware shop ferrowby tools on quarry lane\" run on: the name on its street is the place.",
                       said("i was in the hardware shop ferrowby tools on quarry lane when he came in",
                            "ferrowby tools on quarry lane"),
                       said("he came into the little bakery where i work dunmallow on quillon street and sat down",
                            "dunmallow on quillon street"),
                       said("i was stood at the bus stop yesterday on quarry lane when he drove past", "quarry lane",
                            fires=False))


def by_name_after_kind(g: Growing) -> bool | None:
    """``name-after-kind``: in Vosk's run-on text, a name said right after the kind of place it is, in one noun phrase
    (or after "where I work"), and then its street: "the hardware shop ferrowby tools on quarry lane" is "ferrowby
    tools on quarry lane" (Whisper's commas make the same an apposition)."""
    from voicelog.extract.where_grow import WHERE_I_WORK

    reader, pos, words = g.reader, g.pos, g.words
    if g.end is None or g.apposed or g.tail is not None or pos >= len(words):
        return None
    on = next((i for i in range(pos + 1, min(pos + 4, len(words) - 1)) if words[i].lower in ("on", "off", "in")), None)
    run_on = pos == g.seed.end and reader.np_end(g.seed.start) > pos  # "the hardware shop ferrowby tools" read as one
    if on is None or not (run_on or g.rules[-1:] == [WHERE_I_WORK]) \
            or any(reader.account.punct_after(i) for i in range(pos - 1, on + 1)) or not _a_name(reader, pos, on):
        return None
    street_end = reader.np_end(on + 1)
    if street_end <= on + 1 or reader.head(on + 1, street_end).score < SCORES.street:
        return None
    g.text_start, g.apposed = pos, True
    g.score = max(g.score, SCORES.street)
    return g.took(street_end, NAME_AFTER_KIND)


KIND_THEN_NAME = rule("location.kind-then-name",
                      "\"at the factory brelco foods and\" run on: a name no dictionary knows after a bare place names it.",
                      said("i was on nights at the factory brelco foods and my supervisor pushed me", "brelco foods"),
                      said("after mass at church saint ethelwin's he grabbed my arm", "saint ethelwin's"),
                      said("i was at school sports day and he turned up", "school", fires=False),
                      said("I was at the factory, Brelco Foods, and my supervisor pushed me.", "Brelco Foods", fires=False))


_NAME_ENDS = frozenset("and where when this last yesterday today tonight after before he she they i we you".split())
"""Words that can follow a place's own name in run-on text (besides a link word such as "on" or "in", or a day): a
new clause's subject ("at church saint ethelwin's he grabbed me"), a time, "and"."""


def by_kind_then_name(g: Growing) -> bool | None:
    """``kind-then-name``: in Vosk's run-on text, a place said by its kind or by whose it is ("the factory", "my
    work", "church"), then straight away a name with a word no dictionary knows ("brelco foods", "saint ethelwin's"):
    the name is the exact place (Whisper's commas make the same an apposition)."""
    from voicelog.extract.where_grow import WHERE_I_WORK

    pos, words = g.pos, g.words
    if g.end is None or g.apposed or g.tail is not None or pos >= len(words) \
            or not (pos == g.seed.end or g.rules[-1:] == [WHERE_I_WORK]) \
            or any(word.text[:1].isupper() for word in words[1:] if word.lower != "i") \
            or not bare_place(words[g.seed.start:g.seed.end]):
        return None
    start = pos + (words[pos].lower == "the")
    end = start
    while end < len(words) and end - start < 4 and (name_word(words[end].lower) or words[end].lower in ("saint", "st")):
        end += 1
    lowers = [word.lower for word in words[start:end]]
    if end == start or lowers[-1] in ("saint", "st") or not (any(unheard(lower) for lower in lowers)
                                                             or lowers[0] in ("saint", "st")):
        return None  # "saint" opens a name even when a dictionary knows the word after it ("saint patrick's")
    if end < len(words) and words[end].lower not in _NAME_ENDS and words[end].lower not in wl("date_words") \
            and words[end].lower not in wl("links"):
        return None  # "my flat ramesh refused": a name must end where the place phrase could ("and", "on", "today")
    g.text_start, g.apposed = pos, True
    g.head, g.score = max(g.head, SCORES.place_noun), max(g.score, SCORES.place_noun)
    return g.took(end, KIND_THEN_NAME)


def name_word(lower: str) -> bool:
    """A word that can be part of a place's own name: a noun or a word no dictionary knows (not a person's first
    name, a day, a relation or a word like "and", "my", "again")."""
    from voicelog.extract.names import first_names

    return (lower.isalpha() or lower.endswith("'s") and lower[:-2].isalpha()) and lower not in wl("determiners") \
        and lower not in wl("stop") and lower not in wl("people") and lower not in wl("date_words") \
        and lower not in first_names() and lower not in wl("titles") and (_noun(lower) or unheard(lower))


def _noun(lower: str) -> bool:
    """lower is a noun, a plural or a possessive of one ("foods", "columba's")."""
    lower = lower.removesuffix("'s")
    return any(form in nouns() for form in (lower, lower.removesuffix("s"), lower.removesuffix("es"),
                                            lower.removesuffix("ies") + "y"))


def unheard(lower: str) -> bool:
    """lower is a word no dictionary knows in any of its forms ("dumped", "foods" are known), as names are."""
    from voicelog.extract.names import common_words

    lower = lower.removesuffix("'s")
    if not lower.isalpha() or len(lower) <= 2:
        return False
    forms = {lower, lower.removesuffix("s"), lower.removesuffix("es"), lower.removesuffix("ed"), lower.removesuffix("d"),
             lower.removesuffix("ing"), lower.removesuffix("ing") + "e", lower.removesuffix("ly"),
             lower.removesuffix("ied") + "y", lower.removesuffix("ies") + "y"}
    if len(lower) > 5 and lower[-3:] in ("ing", "ed") and lower[-4] == lower[-5]:
        forms.add(lower[:-4] if lower.endswith("ing") else lower[:-3])  # "stopped", "dropping"
    return not any(form in common_words() or form in nouns() for form in forms)


def _a_name(reader: Reader, start: int, end: int) -> bool:
    """words[start:end] can be a shop's or venue's own name: nouns and words no dictionary knows, not a person
    ("dave", "mr jones": a first name last or a title first), a day or a word like "again"."""
    from voicelog.extract.names import common_words, first_names

    words = reader.account.words[start:end]
    return words[-1].lower not in first_names() and words[0].lower not in wl("titles") and all(
        word.kind == "word" and word.lower not in wl("date_words") and word.lower not in wl("stop")
        and (word.lower not in common_words() or word.lower in nouns()) for word in words)


ONE_WHICH = r"the (?:(?:big|small|little|new|old|main|other|large) )?(?:one|1)"
"""Rule ``the-one-on``: the words that pick which of a kind ("the one", "the big one")."""
ONE_LINK = r"(?:on|in|by|near|opposite|at|above|below|behind|over)"
"""Rule ``the-one-on``: the word after "the one" that says where it is ("the one on ...", "the one by ...")."""
_THE_ONE = re.compile(rf"(?:,? (?:uh|um|erm|er|ah))?,? {ONE_WHICH},? (?={ONE_LINK} )", re.IGNORECASE)


def the_one_dropped(text: str) -> str:
    """Rule ``the-one-on``'s wording: "the Plough, the one on Quarry Street" is written "the Plough on Quarry Street",
    the words that only pick which Plough left out (as people write the place down: three development sets, round 14)."""
    return _THE_ONE.sub(" ", text, count=1)


def a_person(named: Sequence[Token]) -> bool:
    """The capitalised words name a person ("Dave", "Rose Hartigan"): a first name alone or last, or a first name
    and then a surname; not a venue that starts with a first name ("Amira Textiles", "Marco's Pizza")."""
    from voicelog.extract.names import first_names, plural, surnames

    lowers = [word.lower for word in named]
    if not lowers or lowers[-1] in first_names():
        return True
    return any(lower in first_names() for lower in lowers) and (
        len(lowers) == 1 or lowers[-1] in surnames() and not plural(lowers[-1]) and lowers[-1] not in wl("heads"))


OWN = frozenset("my our his her their".split())
"""Words that say whose a place is ("my work", "their house")."""


def bare_place(span: Sequence[Token], *, longer: bool = False) -> bool:
    """"my work", "the salon", "school": a place said by whose or by its kind, named exactly by a name after it;
    longer: also "the nail salon" (a kind said in two words, where Whisper's capitals then mark the name)."""
    lowers = [word.lower for word in span]
    return bare_own_place(span) or 2 <= len(lowers) <= 2 + longer and lowers[0] == "the" and lowers[-1] in wl("heads") \
        and lowers[-1] not in wl("weak_heads") and lowers[1] not in wl("stop") \
        or len(lowers) == 1 and lowers[0] in wl("kind_places")  # "the salon"; longer: "the nail salon"


def bare_own_place(span: Sequence[Token]) -> bool:
    """"my work", "my house", "work": a place said by whose it is, which a following apposition names exactly."""
    lowers = [word.lower for word in span]
    return len(lowers) == 1 and lowers[0] in ("work", "home") or len(lowers) == 2 and lowers[0] in OWN or (
        len(lowers) == 3 and lowers[0] in OWN and (lowers[2] in wl("heads") or lowers[2] in ("job", "place")))
    # "my new job", "my work place", "my old school"
