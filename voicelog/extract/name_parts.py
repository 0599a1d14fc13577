"""Names longer than the usual two words: a first name said again with its surname, and surnames with particles.

:func:`voicelog.extract.mentions.candidates` reads one- and two-word names. People also say "Will, Will Hartigan"
(the first name, then again with the surname, where the first alone may be an everyday word) and carry surnames
with particles ("Gerrit van der Linde", "Rosa de la Fuente", "Omar bin Rashid"). :func:`longer_names` adds these
longer readings to the candidates; who.py's "the longest wins" then keeps them over their parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract.mentions import RULE_OF_CUE, Found, _cased, lowered
from voicelog.extract.names import (
    DATE_WORDS,
    FILLERS,
    NOT_NAMES,
    PLACE_AFTER,
    RELATION_WORDS,
    TITLES,
    any_first_names,
    common_words,
    first_names,
    nouns,
    ordinary,
    stop_words,
    surnames,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.who_once import shortens

__all__ = ["FIRST_BEFORE", "PARTICLES", "RESTATED", "longer_names"]

RESTATED = rule(
    "people.restated-name", "a first name (or its short form, or a title and surname) said again with the "
    "full name ('Will, Will Hartigan', 'it was Nell. Nell Ambrose', 'Fred, Frederick Quelch', 'Mrs Achterberg, Hilde "
    "Achterberg'): one person by the full name, even when the first name alone is an everyday word",
    said("Then Will, Will Hartigan, grabbed my arm at the lights.", "Will Hartigan (subject)"),
    said("so grant grant oyelaran was at the back gate again this morning", "Grant Oyelaran (subject)"),
    said("I'm certain it was Ilse. Ilse Brandvold.", "Ilse Brandvold (subject)"),
    said("I'm fairly sure it was Fred, Frederick Quelch, he had that green parka on.", "Frederick Quelch (subject)"),
    said("it's theo theodore wierzba again i want it on record", "Theodore Wierzba (subject)"),
    said("Then Mrs Achterberg, Hilde Achterberg, shouted at me over the fence.", "Hilde Achterberg (subject)"))
PARTICLES = rule(
    "people.name-particles", "a surname with its particles ('van der Linde', 'de la Fuente', 'bin Rashid', 'al "
    "Amin') belongs to the name before it",
    said("It was Gerrit van der Linde who sprayed paint across my garage door.", "Gerrit van der Linde (subject)"),
    said("rosa de la fuente kept ringing the shop asking when i finish", "Rosa de la Fuente (subject)"),
    said("The van was parked outside again and Dean van stayed there all night.", "Dean (subject)", fires=False))
FIRST_BEFORE = rule(
    "people.first-name-before-surname", "lower-case text: a surname found alone takes the word before it as the "
    "first name when that word is a first name or a word no everyday list knows ('tez walker', 'kaiden walker')",
    said("late last night tez walker from the flats kicked my bins across the yard", "Tez Walker (subject)"),
    said("after school today kaiden walker from year ten followed me down the hill", "Kaiden Walker (subject)"),
    said("the new bakery kowalczyk opened sells the bread i like", None, fires=False))
RULE_OF_CUE.setdefault("first-before", FIRST_BEFORE)
RULE_OF_CUE.setdefault("restated", RESTATED)  # mentions.py cannot import this module (it imports mentions)
RULE_OF_CUE.setdefault("particles", PARTICLES)

PARTICLE_WORDS = frozenset("van von der den de del della di da dos das du la le bin ibn al el ter ten".split())
"""Words that stand inside surnames ("van der Linde", "dos Santos", "bin Rashid")."""


def longer_names(n: Normalized, words: Sequence[str], found: Sequence[Found]) -> list[Found]:
    """``found`` and, beside them, the longer readings: restated names (:data:`RESTATED`) and surnames with
    particles (:data:`PARTICLES`)."""
    lower = lowered(n)
    extra: list[Found] = []
    for k in range(len(words) - 2):
        if not _restates(lower[k], lower[k + 1].removesuffix("'s")) or n.words[k].kind != "word" \
                or lower[k] in stop_words() \
                or lower[k] in NOT_NAMES or lower[k] in DATE_WORDS \
                or not (words[k][:1].isupper() and _cased(n) or lower[k] in any_first_names()
                        or lower[k] not in common_words() and not ordinary(lower[k])) \
                or n.punct_after(k) not in ("", ",", "."):
            continue
        end = _surname_end(n, words, k + 2, after=k + 1)
        if end is not None:
            extra.append(Found(_written(n, words, k + 1, end), k, end, cue="restated"))  # over both: one mention
    for k in range(len(words) - 3):  # "Mrs Achterberg, Hilde Achterberg": title and surname, then the full name
        if lower[k] in TITLES and n.words[k + 1].kind == "word" and lower[k + 1] == lower[k + 3].removesuffix("'s") \
                and lower[k + 1] not in stop_words() and not n.punct_after(k) and not n.punct_after(k + 2) \
                and n.punct_after(k + 1) in ("", ",", ".") and n.words[k + 2].kind == "word" \
                and lower[k + 2] not in stop_words() and lower[k + 2] not in NOT_NAMES \
                and (not _cased(n) or words[k + 2][:1].isupper()):
            extra.append(Found(_written(n, words, k + 2, k + 4), k, k + 4, cue="restated"))
    for f in [*found, *extra]:
        if f.registered or f.j >= len(words) or lower[f.j] not in PARTICLE_WORDS or lower[f.j - 1].endswith("'s"):
            continue
        end = _surname_end(n, words, f.j, after=f.j - 1)
        if end is not None and end - f.j > 1:
            extra.append(Found(f"{f.name} {_written(n, words, f.j, end, first=False)}", f.i, end, cue="particles"))
    extra += _first_before(n, words, found)
    return [*found, *extra]


_NO_FIRST_AFTER = frozenset("a an the this these those his her its their our your my some any every each another "
                            "no at in on into inside outside near opposite past from to by of".split())
"""After one of these the word before a surname is a thing or a place ("the kowalczyk bakery"), not a first name."""


def _unknown_word(w: str) -> bool:
    """A word no everyday list knows, nor the plural of a noun ("jayden", not "trainers" or "desk")."""
    return not ordinary(w) and w not in common_words() and w not in nouns() and not (
        w.endswith("s") and (w[:-1] in nouns() or w[:-2] in nouns() or w[:-1] in common_words()))


def _first_before(n: Normalized, words: Sequence[str], found: Sequence[Found]) -> list[Found]:
    """Lower-case text: a one-word name that is a surname, with the word before it as its first name
    (:data:`FIRST_BEFORE`), when that word is a first name or unknown and stands where a name can."""
    if _cased(n):
        return []
    lower = lowered(n)
    taken = {k for f in found for k in range(f.i, f.j) if f.j - f.i > 1}
    out = []
    for f in found:
        p = f.i - 1
        if f.registered or f.j - f.i != 1 or p < 0 or p in taken or n.words[p].kind != "word" or n.punct_after(p) \
                or lower[f.i].removesuffix("'s") not in surnames() and ordinary(lower[f.i].removesuffix("'s")) \
                or lower[p].endswith("'s"):
            continue
        w = lower[p]
        if w in stop_words() or w in NOT_NAMES or w in DATE_WORDS or w in PLACE_AFTER or w in TITLES \
                or w in RELATION_WORDS or w in FILLERS or p > 0 and lower[p - 1] in _NO_FIRST_AFTER \
                or w == lower[f.i].removesuffix("'s") or not (w in first_names() or _unknown_word(w)):
            continue
        out.append(Found(_written(n, words, p, f.j), p, f.j, cue="first-before"))
    return out


def _restates(short: str, full: str) -> bool:
    """'will' then 'will', 'wes' then 'wesley', 'pete' then 'peter': the first name said again, or a short form
    of it (three letters or more, the start of the longer one) said before it."""
    return short == full or shortens(short, full)  # and a pet form: "robbie robert quayle"


def _surname_end(n: Normalized, words: Sequence[str], s: int, after: int) -> int | None:
    """One past a surname starting at words[s] (with up to three particles before it), said straight after
    words[after] (no punctuation between); None when no surname is there."""
    lower = lowered(n)
    if n.punct_after(after):
        return None
    k = s
    while k < len(words) and k - s < 3 and lower[k] in PARTICLE_WORDS and not n.punct_after(k):
        k += 1
    if k >= len(words) or n.words[k].kind != "word":
        return None
    word, base = words[k], lower[k].removesuffix("'s")
    if base in NOT_NAMES or base in DATE_WORDS or base in PLACE_AFTER or base in stop_words() or base == "i":
        return None
    if _cased(n):
        named = word[:1].isupper()
    else:  # lower-case text: a known surname, or a word no everyday list knows
        named = base in surnames() or base not in common_words() and not ordinary(base)
    if k - s == 1 and lower[s] == "van" and not (_cased(n) and word[:1].isupper() or base in surnames()):
        return None  # "dean van kept": the vehicle
    return k + 1 if named else None


def _written(n: Normalized, words: Sequence[str], a: int, b: int, *, first: bool = True) -> str:
    """words[a:b] as a name: particles as spoken ("van der"), other parts capitalised, a final 's dropped."""
    parts = []
    for k in range(a, b):
        w = words[k].removesuffix("'s")
        particle = w.lower() in PARTICLE_WORDS and (k > a or not first) and k < b - 1
        parts.append(n.words[k].text if particle and not n.words[k].text[:1].isupper() else w[:1].upper() + w[1:])
    return " ".join(parts)
