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
    NOT_NAMES,
    PLACE_AFTER,
    any_first_names,
    common_words,
    ordinary,
    stop_words,
    surnames,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["PARTICLES", "RESTATED", "longer_names"]

RESTATED = rule(
    "people.restated-name", "a first name said again with the surname ('Will, Will Hartigan', 'it was Nell. Nell "
    "Ambrose'): one person by the full name, even when the first name alone is an everyday word",
    said("Then Will, Will Hartigan, grabbed my arm at the lights.", "Will Hartigan (subject)"),
    said("so grant grant oyelaran was at the back gate again this morning", "Grant Oyelaran (subject)"),
    said("I'm certain it was Ilse. Ilse Brandvold.", "Ilse Brandvold (subject)"))
PARTICLES = rule(
    "people.name-particles", "a surname with its particles ('van der Linde', 'de la Fuente', 'bin Rashid', 'al "
    "Amin') belongs to the name before it",
    said("It was Gerrit van der Linde who sprayed paint across my garage door.", "Gerrit van der Linde (subject)"),
    said("rosa de la fuente kept ringing the shop asking when i finish", "Rosa de la Fuente (subject)"),
    said("The van was parked outside again and Dean van stayed there all night.", "Dean (subject)", fires=False))
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
        if lower[k] != lower[k + 1].removesuffix("'s") or n.words[k].kind != "word" or lower[k] in stop_words() \
                or lower[k] in NOT_NAMES or lower[k] in DATE_WORDS \
                or not (words[k][:1].isupper() and _cased(n) or lower[k] in any_first_names()
                        or lower[k] not in common_words() and not ordinary(lower[k])) \
                or n.punct_after(k) not in ("", ",", "."):
            continue
        end = _surname_end(n, words, k + 2, after=k + 1)
        if end is not None:
            extra.append(Found(_written(n, words, k + 1, end), k, end, cue="restated"))  # over both: one mention
    for f in [*found, *extra]:
        if f.registered or f.j >= len(words) or lower[f.j] not in PARTICLE_WORDS or lower[f.j - 1].endswith("'s"):
            continue
        end = _surname_end(n, words, f.j, after=f.j - 1)
        if end is not None and end - f.j > 1:
            extra.append(Found(f"{f.name} {_written(n, words, f.j, end, first=False)}", f.i, end, cue="particles"))
    return [*found, *extra]


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
