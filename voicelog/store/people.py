"""The people registry: the person's own sealed address book of names and aliases, kept in the diary file.

Extraction maps what was said ("my ex", "Dave") to a registered name through
it. Since it decides who a report names, it is part of the chain: every change
appends a ``people`` row holding the whole list, padded and sealed (so its size
does not give the count), and the latest such row is the registry. Diaries
written before kept one sealed row per person in the ``people`` table; that is
read until the diary starts sealing forward-securely (``voicelog upgrade``
moves the list into the chain and empties the table); after that the table is
never read, so a row slipped into it changes nothing. Every change reads the list inside the diary's write lock, so two
changes at once cannot lose one: :class:`PeopleRegistry`'s changing methods
expect the caller (the :class:`~voicelog.store.diary.Diary`) to hold it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Sequence

from voicelog.errors import UsageError, VaultError
from voicelog.incident import KnownPerson

log = logging.getLogger(__name__)

PersonRow = tuple[int, KnownPerson]
"""A person in the registry: their position (or old row id) and who they are."""

PEOPLE_KIND = "people"
"""The kind of a chain row holding the whole registry."""


class PeopleRegistry:
    """The ``people`` table of one open diary, sealed and opened with the diary's keys."""

    def __init__(self, conn: sqlite3.Connection, *, open_record: Callable[[bytes], bytes],
                 save: Callable[[bytes], None], legacy: bool, unreadable: dict[int, str] | None = None) -> None:
        self._conn = conn
        self._unreadable = {} if unreadable is None else unreadable  # row -> why, filled by each read
        self._legacy = legacy
        self._open = open_record
        self._save = save
        self._rows: list[PersonRow] = []

    def rows(self) -> list[PersonRow]:
        """Everyone, in the order added (needs the opener in a sealed diary)."""
        stored = self._conn.execute(
            "SELECT seq, content FROM entries WHERE kind = ? ORDER BY seq DESC", (PEOPLE_KIND,)).fetchall()
        self._unreadable.clear()
        for seq, content in stored:  # the newest list that opens; a damaged one is named
            try:
                data = json.loads(self._open(content))
                people = [KnownPerson(p["name"], tuple(p.get("aliases", ()))) for p in data["people"]]
            except (VaultError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("The people list in row %s cannot be read (%s); an earlier one is used",
                            seq, type(exc).__name__)
                self._unreadable[seq] = (f"a people-list change (row {seq}) cannot be read "
                                         f"({type(exc).__name__}); an earlier one, if any, is used")
                continue
            return list(enumerate(people, 1))
        if stored:
            return []
        if not self._legacy:
            return []  # a diary that seals forward-securely keeps its list only in the chain
        out = []
        for pid, content in self._conn.execute("SELECT id, content FROM people ORDER BY id").fetchall():
            data = json.loads(self._open(content))
            out.append((pid, KnownPerson(data["name"], tuple(data.get("aliases", ())))))
        return out

    def people(self) -> list[KnownPerson]:
        """Everyone registered, by name."""
        return sorted((p for _, p in self.rows()), key=lambda p: p.name.lower())

    def find(self, name: str) -> KnownPerson | None:
        """The registered person called ``name``, or known by it as an alias (case-insensitive)."""
        found = find_row(name, self.rows())
        return found[1] if found else None

    def add(self, name: str, aliases: Sequence[str]) -> KnownPerson:
        """Register a person, or add aliases to one already registered; an alias used by someone else is refused."""
        name = " ".join(name.split())
        if not name:
            raise UsageError("A person needs a name: `voicelog people add \"Colin Mowbray\" --alias \"my ex\"`.")
        clean = _clean(aliases)
        rows = self._changing()
        found = next(((pid, p) for pid, p in rows if p.name.lower() == name.lower()), None)
        _check_aliases(clean, found[1].name if found else name, rows, found[0] if found else None)
        if found is not None:
            person = KnownPerson(found[1].name, unique(found[1].aliases, clean, exclude=found[1].name))
            self._update(found[0], person)
        else:
            person = KnownPerson(name, unique((), clean, exclude=name))
            self._insert(person)
        self._store()
        return person

    def add_aliases(self, name: str, aliases: Sequence[str]) -> KnownPerson:
        """Give the registered person ``name`` more aliases; an alias used by someone else is refused."""
        clean = _clean(aliases)
        rows = self._changing()
        found = find_row(name, rows)
        if found is None:
            raise UsageError(f"No one called {name!r} is registered; add them with `voicelog people add`.")
        pid, person = found
        _check_aliases(clean, person.name, rows, pid)
        person = KnownPerson(person.name, unique(person.aliases, clean, exclude=person.name))
        self._update(pid, person)
        self._store()
        return person

    def merge(self, keep: str, absorb: str) -> KnownPerson:
        """Make ``absorb`` one person with ``keep``: its name and aliases become ``keep``'s aliases.

        ``absorb`` need not be registered (a name as the recogniser heard it); ``keep``
        is registered if it is not yet. Entries are not rewritten: readers map every
        name through the registry, so the person is counted once from now on.
        """
        rows = self._changing()
        kept = find_row(keep, rows)
        gone = find_row(absorb, rows)
        if kept is not None and gone is not None and kept[0] == gone[0]:
            raise UsageError(f"{keep!r} and {absorb!r} are already the same person ({kept[1].name}).")
        absorb_key = " ".join(absorb.split()).lower()
        if gone is not None and gone[1].name.lower() != absorb_key:
            # Only an alias of someone else: merging would swallow that whole person.
            other = gone[1].name
            target = kept[1].name if kept is not None else " ".join(keep.split())
            raise UsageError(f"{absorb!r} is an alias of {other}, so nothing was merged. To make {other} and "
                             f"{target} one person, run `voicelog people merge \"{target}\" \"{other}\"`; "
                             f"`voicelog people alias` adds a name to one person.")
        extra = [" ".join(absorb.split())] if gone is None else [gone[1].name, *gone[1].aliases]
        if kept is None:
            name = " ".join(keep.split())
            if not name:
                raise UsageError("Give the name to keep first: `voicelog people merge \"Edward Haworth\" ned`.")
            person = KnownPerson(name, unique((), extra, exclude=name))
            self._insert(person)
        else:
            person = KnownPerson(kept[1].name, unique(kept[1].aliases, extra, exclude=kept[1].name))
            self._update(kept[0], person)
        if gone is not None:
            self._delete(gone[0])
        self._store()
        return person

    def _changing(self) -> list[PersonRow]:
        """The list, read to be changed; :meth:`_store` writes it back."""
        self._rows = self.rows()
        return self._rows

    def _insert(self, person: KnownPerson) -> None:
        self._rows.append((max((pid for pid, _ in self._rows), default=0) + 1, person))

    def _update(self, pid: int, person: KnownPerson) -> None:
        self._rows = [(i, person if i == pid else p) for i, p in self._rows]

    def _delete(self, pid: int) -> None:
        self._rows = [(i, p) for i, p in self._rows if i != pid]

    def _store(self) -> None:
        """Write the changed list (once a change)."""
        people = [{"name": p.name, "aliases": list(p.aliases)} for _, p in self._rows]
        self._save(json.dumps({"people": people}, ensure_ascii=False).encode())


def find_row(name: str, rows: Sequence[PersonRow]) -> PersonRow | None:
    """The row whose name is ``name``, else the first whose aliases include it (case-insensitive)."""
    key = " ".join(name.split()).lower()
    for row in rows:
        if row[1].name.lower() == key:
            return row
    for row in rows:
        if key in (a.lower() for a in row[1].aliases):
            return row
    return None


def unique(have: Sequence[str], more: Sequence[str], *, exclude: str) -> tuple[str, ...]:
    """``have`` then ``more``, without repeats (case-insensitive) and without ``exclude``."""
    seen = {exclude.lower()}
    out = []
    for alias in [*have, *more]:
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            out.append(alias)
    return tuple(out)


def _clean(aliases: Sequence[str]) -> list[str]:
    return [" ".join(a.split()) for a in aliases if a.strip()]


def _check_aliases(aliases: Sequence[str], name: str, rows: Sequence[PersonRow], pid: int | None) -> None:
    """Refuse an alias that already names someone other than person ``pid`` (called ``name``)."""
    others = [r for r in rows if r[0] != pid]
    for alias in aliases:
        other = find_row(alias, others)
        if other is not None:
            raise UsageError(f"{alias!r} already names {other[1].name}; to make them one person, run "
                             f"`voicelog people merge \"{name}\" \"{other[1].name}\"`.")
