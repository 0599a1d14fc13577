"""Choosing entries: by person (through the people registry), by date, by behaviour, and by words said.

``list``, ``search``, ``report`` and ``review`` share these filters, so
``--person "Colin Mowbray"`` means the same everywhere: his registered name, every
alias, and everyone merged into him. ``search`` matches whole words and their
simple English endings ("follow" finds "followed", "car" finds "cars" but not "scared").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from voicelog.errors import UsageError
from voicelog.incident import CATEGORIES, KnownPerson
from voicelog.store.entries import Entry


class Registry:
    """The people registry as a lookup: any spoken name or alias to the name it is reported under."""

    def __init__(self, people: Iterable[KnownPerson] = ()) -> None:
        self.people = {p.name: p for p in people}
        self._canon: dict[str, str] = {}
        for p in self.people.values():  # aliases first, so a registered name always wins over an alias
            for alias in p.aliases:
                self._canon.setdefault(_key(alias), p.name)
        for p in self.people.values():
            self._canon[_key(p.name)] = p.name

    def canonical(self, name: str) -> str:
        """The registered name for ``name`` (a name or alias), else ``name`` itself, tidied."""
        tidy = " ".join(name.split())
        return self._canon.get(tidy.lower(), tidy)

    def known(self, name: str) -> KnownPerson | None:
        """The registered person ``name`` stands for, if any."""
        return self.people.get(self._canon.get(_key(name), ""))


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


@dataclass(frozen=True)
class Filter:
    """Which entries to keep. Empty fields keep everything."""

    people: tuple[str, ...] = ()
    """Keep entries naming any of these people (registered names, aliases or spoken names)."""
    since: date | None = None
    """Keep incidents on or after this day."""
    until: date | None = None
    """Keep incidents on or before this day."""
    categories: tuple[str, ...] = ()
    """Keep entries with any of these behaviour categories."""

    @property
    def active(self) -> bool:
        """True when the filter would drop anything at all."""
        return bool(self.people or self.since or self.until or self.categories)

    def describe(self) -> str:
        """One line for a report's cover: what was selected."""
        parts = []
        if self.people:
            parts.append("people: " + ", ".join(self.people))
        if self.since:
            parts.append(f"from {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.categories:
            parts.append("behaviours: " + ", ".join(c.replace("_", " ") for c in self.categories))
        return "; ".join(parts)


def make_filter(*, people: Sequence[str] = (), since: str | None = None, until: str | None = None,
                categories: Sequence[str] = ()) -> Filter:
    """A :class:`Filter` from command-line text, each value checked."""
    cats = tuple(c.strip().lower().replace(" ", "_") for c in categories if c.strip())
    bad = [c for c in cats if c not in CATEGORIES]
    if bad:
        raise UsageError(f"Unknown categor{'y' if len(bad) == 1 else 'ies'} {', '.join(bad)}; "
                         f"use {', '.join(CATEGORIES)}.")
    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and first > last:
        raise UsageError(f"--since {first} is after --until {last}; nothing could match.")
    return Filter(tuple(" ".join(p.split()) for p in people if p.strip()), first, last, cats)


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date; write it like 2026-01-31.") from None


def incident_day(entry: Entry) -> str:
    """The day the incident happened (ISO), or the day it was recorded when no date was said."""
    return entry.incident.date or entry.recorded_at[:10]


def apply_filter(entries: Iterable[Entry], flt: Filter, registry: Registry) -> list[Entry]:
    """The entries ``flt`` keeps, in the order given."""
    if not flt.active:
        return list(entries)
    wanted = {registry.canonical(p).lower() for p in flt.people}
    since = flt.since.isoformat() if flt.since else ""
    until = flt.until.isoformat() if flt.until else ""
    cats = set(flt.categories)
    out = []
    for e in entries:
        if e.voided is not None:
            continue  # its content was voided, so it matches nothing
        day = incident_day(e)  # ISO strings compare as dates do
        if since and day < since:
            continue
        if until and day > until:
            continue
        if cats and not cats.intersection(e.incident.categories):
            continue
        if wanted and not any(registry.canonical(p.name).lower() in wanted for p in e.incident.people):
            continue
        out.append(e)
    return out


# -- words said: whole words and their endings -----------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_VOWELS = frozenset("aeiou")


def search_entries(entries: Iterable[Entry], words: Sequence[str]) -> list[Entry]:
    """The entries whose account or fields hold every one of ``words`` (each a word or a phrase).

    Words match whole and by stem, ignoring case and accents; a phrase matches its
    words in a row within one field.
    """
    needles = [stems(w) for w in words]
    needles = [n for n in needles if n]
    found = []
    for entry in (e for e in entries if e.voided is None):  # a voided entry's words match nothing
        inc = entry.incident
        fields = [stems(text) for text in (entry.transcript.text, inc.location or "", *(p.name for p in inc.people),
                                           *(c.replace("_", " ") for c in inc.categories), *inc.impact,
                                           *inc.evidence, *inc.police, *inc.reported, *inc.address, *inc.vehicle,
                                           *inc.contact)]
        if all(any(_holds(field, needle) for field in fields) for needle in needles):
            found.append(entry)
    return found


def _holds(field: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(field[i:i + size] == needle for i in range(len(field) - size + 1))


def stems(text: str) -> list[str]:
    """The stems of ``text``'s words, in order (lower case, accents and possessive 's dropped)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return [stem(w) for w in _WORD.findall(plain.replace("’", "'"))]


def stem(word: str) -> str:
    """``word``'s stem by the first step of Porter's algorithm (plurals, -ed, -ing, final y): enough that a
    search for "follow" finds "followed" and "following", and "chase" finds "chased", without whole-word
    mistakes like "car" in "scared"."""
    w = word.casefold()
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) <= 2:
        return w
    # 1a: plurals
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    # 1b: -eed, -ed, -ing
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    else:
        for suffix in ("ed", "ing"):
            if w.endswith(suffix) and _has_vowel(w[:-len(suffix)]):
                w = _tidy(w[:-len(suffix)])
                break
    # 1c: a final y after a vowel-bearing stem is i ("party"/"parties")
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    return w


def _tidy(w: str) -> str:
    """What Porter does after taking off -ed or -ing: "relat" -> "relate", "stopp" -> "stop", "hop" -> "hope"."""
    if w.endswith(("at", "bl", "iz")):
        return w + "e"
    if len(w) >= 2 and w[-1] == w[-2] and _consonant(w, len(w) - 1) and w[-1] not in "lsz":
        return w[:-1]
    if _measure(w) == 1 and _cvc(w):
        return w + "e"
    return w


def _consonant(w: str, i: int) -> bool:
    if w[i] in _VOWELS:
        return False
    if w[i] == "y":
        return i == 0 or not _consonant(w, i - 1)
    return True


def _has_vowel(w: str) -> bool:
    return any(not _consonant(w, i) for i in range(len(w)))


def _measure(w: str) -> int:
    """Porter's m: how many vowel-consonant sequences ``w`` has."""
    pattern = "".join("c" if _consonant(w, i) else "v" for i in range(len(w)))
    return len(re.findall(r"v+c+", pattern))


def _cvc(w: str) -> bool:
    return (len(w) >= 3 and _consonant(w, len(w) - 1) and not _consonant(w, len(w) - 2)
            and _consonant(w, len(w) - 3) and w[-1] not in "wxy")
