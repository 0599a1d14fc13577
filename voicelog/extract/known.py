"""The diary's registry of known people in an account: names, aliases and near misses.

A recogniser mishears names, most of all names it has rarely seen: "Dannie" for
"Danny" (a spelling near miss, rapidfuzz's ratio) and "Sean" for "Shaun",
"Reese" for "Rhys", "Lee" for "Leah" (a sound-alike, :func:`sound_key`). A
registered relation alias followed by a name ("my ex, Karen" when the ex is
registered as Ciaran) is the registered person under a misheard name.

:func:`sound_key` is a small consonant key in the manner of Soundex and
Metaphone, written here because no phonetic library is installed;
jellyfish's ``metaphone`` would replace it (a proposed dependency).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from voicelog.extract.mentions import Found, _cased, lowered
from voicelog.extract.names import FUZZY, NOT_NAMES, RELATION_WORDS, any_first_names, common_words, first_names
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.incident import KnownPerson

__all__ = ["REGISTRY", "SOUNDS_LIKE", "ALIAS_NAME", "registry_hits", "sound_key"]

REGISTRY = rule("people.registry", "a person of the diary's registry, by name, alias or a near miss, under the registered name",
                said("My ex texted me forty times.", None, fires=False))  # without a registry an alias is nobody
SOUNDS_LIKE = rule("people.registry-sounds-like", "a capitalised word that sounds like a registered first name or "
                   "one-word alias ('Sean' for Shaun, 'Reese' for Rhys) is that person, marked unsure; not a first "
                   "name of its own when the registered name is also said as itself",
                   said("Reese was outside again.", "Reese (subject)", fires=False))  # needs a registry: tests/test_extract_known.py
ALIAS_NAME = rule("people.registry-alias-name", "a name right after a registered relation alias ('my ex, Karen') is "
                  "the registered person, the name misheard",
                  said("My ex Karen shoved me.", "Karen (subject)", fires=False))  # needs a registry: tests/test_extract_known.py


@dataclass(frozen=True)
class Sounds:
    """When a word that sounds like a registered name is taken for it."""

    shortest: int = 3
    """Names and words shorter than this never match by sound."""
    short_key: int = 2
    """A key shorter than this ("Lee", "Leah": L) also needs the first two letters to agree."""


SOUNDS = Sounds()
"""The sound-alike limits for registered names, as one named table."""

_SOUND_RULES = (  # (pattern, replacement), in order: spellings that sound alike become one letter
    (r"^kn", "n"), (r"^wr", "r"), (r"ph", "f"), (r"[sc]h", "s"), (r"gh", ""), (r"ck", "k"), (r"c(?=[eiy])", "s"),
    (r"[cq]", "k"), (r"x", "ks"), (r"z", "s"), (r"dg", "j"), (r"v", "f"), (r"(?<=.)h", ""), (r"(?<=.)[aeiouyw]", ""),
)


@lru_cache(maxsize=4096)
def sound_key(word: str) -> str:
    """A consonant key that sound-alike spellings share: 'shaun' and 'sean' -> 'sn', 'rhys' and 'reese' -> 'rs'."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for pattern, to in _SOUND_RULES:
        w = re.sub(pattern, to, w)
    return re.sub(r"(.)\1+", r"\1", w)


def _alias_rx(alias: str) -> str:
    words = re.sub(r"[^a-z0-9' ]+", " ", alias.lower().replace("-", " ")).split()
    # "Lee's voice" is still Lee; "my ex's mum" is somebody else, and the ex is mentioned (registry_hits)
    return r"(?<![\w'])" + r" ".join(re.escape(w) for w in words) + r"(?:'s)?(?![\w'])"


_RELATIVE = frozenset(("my", "his", "her", "their", "our", "the", "a", "your"))


def _misheard_name(n: Normalized, k: int, cased: bool) -> bool:
    """Word k is a name on its own evidence: capitalised in cased text, else a first name."""
    if k >= len(n.words) or n.words[k].kind != "word":
        return False
    w = n.words[k]
    if w.lower in NOT_NAMES or w.lower in common_words() or len(w.lower) < 2:
        return False
    return w.text[:1].isupper() if cased else w.lower in first_names()


def registry_hits(n: Normalized, known: Sequence[KnownPerson]) -> list[Found]:
    """Mentions of the diary's known people: names and aliases, a name after a relation alias, then near misses
    of one-word names by spelling or by sound."""
    out: list[Found] = []
    taken: set[int] = set()
    terms: list[tuple[str, KnownPerson]] = []
    for p in known:
        forms = {p.name, *p.aliases}
        first = p.name.split()[0]
        forms.add(first)
        for f in forms:
            if f.strip():
                terms.append((f, p))
    terms.sort(key=lambda t: -len(t[0]))
    cased = _cased(n)
    lower = lowered(n)
    for form, p in terms:
        rx = _alias_rx(form)
        relation = form.lower().split()[0] in _RELATIVE and len(form.split()) > 1
        for _match, i, j in n.finditer(rx):
            if any(k in taken for k in range(i, j)):
                continue
            cue = form
            if relation and n.words[j - 1].lower.endswith("'s"):
                cue = "possessor"  # "my ex's sister": the ex only mentioned (REGISTERED_POSSESSOR)
            elif relation and j not in taken and n.punct_after(j - 1) not in (".", "?", "!") \
                    and _misheard_name(n, j, cased) \
                    and lower[j] not in (x.lower() for q in known for x in q.name.split()):
                j, cue = j + 1, "alias-name"  # "my ex, Karen": the registered ex, misheard
            out.append(Found(p.name, i, j, registered=True, cue=cue))
            taken.update(range(i, j))
            # "Becky's husband" also mentions Becky
            for k in range(i, j - 1):
                w = n.words[k]
                if w.lower.endswith("'s") and (w.text[:1].isupper() or w.lower[:-2] in any_first_names()) \
                        and w.lower[:-2] not in RELATION_WORDS:  # "my son's father": the son is no name
                    out.append(Found(w.text[:-2].capitalize(), k, k + 1, cue="possessor"))
    out += _near_misses(n, known, taken, cased)
    return out


def _near_misses(n: Normalized, known: Sequence[KnownPerson], taken: set[int], cased: bool) -> list[Found]:
    """A misheard first name or one-word alias: near in spelling ("Dannie"), or the same sound ("Sean")."""
    from rapidfuzz import fuzz

    singles: dict[str, KnownPerson] = {}
    for p in known:
        for f in {p.name.split()[0], *p.aliases}:
            f = f.lower()
            if " " not in f and len(f) >= SOUNDS.shortest:
                singles[f] = p
    stop = common_words()
    said = {w.lower.removesuffix("'s") for w in n.words}
    out: list[Found] = []
    for k, w in enumerate(n.words):
        lw = w.lower.removesuffix("'s")
        if k in taken or len(lw) < SOUNDS.shortest or lw in stop or lw in NOT_NAMES or w.kind != "word":
            continue
        for f, p in singles.items():
            need = FUZZY.short_score if len(f) <= FUZZY.short_name else FUZZY.long_score
            # a three-letter alias ("Kev") only for a word that is no name of its own ("Kevl", not "Kevin")
            sized = len(f) >= FUZZY.shortest or lw not in any_first_names() and (not cased or w.text[:1].isupper())
            if sized and len(lw) >= FUZZY.shortest and fuzz.ratio(lw, f) >= need and lw[0] == f[0]:
                out.append(Found(p.name, k, k + 1, registered=True, cue="fuzzy"))
                taken.add(k)
                break
            key = sound_key(f)
            # the registered name said as itself too: a first name of its own is someone else ("Omar's wife Hafsa")
            if lw != f and sound_key(lw) == key and (not cased or w.text[:1].isupper()) \
                    and (len(key) >= SOUNDS.short_key or lw[:2] == f[:2]) \
                    and not (f in said and lw in any_first_names()):
                out.append(Found(p.name, k, k + 1, registered=True, cue="sounds"))
                taken.add(k)
                break
    return out
