"""Choosing entries: by person (through the people registry), by date and by behaviour.

``list``, ``search``, ``report`` and ``review`` share these filters, so
``--person "Colin Mowbray"`` means the same everywhere: his registered name, every
alias, and everyone merged into him.
"""

from __future__ import annotations

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
