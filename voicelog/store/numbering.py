"""Entry numbers as the person sees them: 1, 2, 3 ... over entries only, whatever else the chain holds.

Every row of the chain has a row number. Rows written since entries were
numbered apart from rows also keep the entry's own number, inside the chain
hash; rows written before kept only their row number, so in an older diary a
correction written between two entries left a gap (1-8, 10, 11: "no entry 9"),
which in a log handed to police looks like a deleted incident.

This module maps, without rewriting any sealed, chained row, an entry's stored
key (its own number, else its row number: what amendments name) to the number
shown, and back. Older entries are counted one after another; an entry with a
number of its own keeps the step from the entry before it, so a newer diary
shows exactly the numbers it stored and an entry row removed behind voicelog's
back still shows as a gap (which ``voicelog verify`` names): in a diary with
no older entries the number shown is the number stored. The mapping is computed
from clear columns only, so it needs no passphrase.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

KEY = "coalesce(number, seq)"
"""SQL for an entry row's stored key: its own number, or (written before entries were numbered apart) its row number."""


@dataclass(frozen=True)
class Numbering:
    """The shown number of every entry row, and back."""

    shown: dict[int, int] = field(default_factory=dict)
    """Stored key -> the number shown."""
    keys: dict[int, int] = field(default_factory=dict)
    """The number shown -> stored key."""
    same: bool = False
    """Every entry has a number of its own: the number shown is the number stored (the maps are left empty)."""

    def show(self, key: int) -> int:
        """The number shown for the entry stored under ``key`` (``key`` itself for one not counted yet)."""
        return key if self.same else self.shown.get(key, key)

    def key(self, number: int) -> int | None:
        """The stored key of the entry shown as ``number``; None when there is none (when :attr:`same`, the
        number itself: the caller's look-up finds whether it exists)."""
        return number if self.same else self.keys.get(number)


def numbering(rows: Iterable[tuple[int, int | None]]) -> Numbering:
    """The numbering of entry rows given as ``(row number, own number or None)``, in row order."""
    shown: dict[int, int] = {}
    last_shown = last_key = 0
    for seq, number in rows:
        key = seq if number is None else number
        if key in shown:
            continue  # two rows claiming one number (altered by hand): the first keeps it, verify names the other
        step = key - last_key if number is not None and key > last_key else 1
        last_shown, last_key = last_shown + step, key
        shown[key] = last_shown
    return Numbering(shown, {v: k for k, v in shown.items()})


def read_numbering(conn: sqlite3.Connection) -> Numbering:
    """The numbering of the diary on ``conn`` (clear columns only: needs no passphrase).

    A diary whose entries all have numbers of their own (every diary made since) needs no walk: one look in the
    index on ``number``.
    """
    if conn.execute("SELECT 1 FROM entries WHERE number IS NULL AND kind = 'entry' LIMIT 1").fetchone() is None:
        return Numbering(same=True)
    return numbering(conn.execute("SELECT seq, number FROM entries WHERE kind = 'entry' ORDER BY seq").fetchall())


def row_names(rows: Iterable[tuple[int, str, int | None]]) -> dict[int, int]:
    """Row number -> shown entry number, for rows given as ``(row number, kind, own number)`` in row order."""
    entry_rows = [(seq, number) for seq, kind, number in rows if kind == "entry"]
    counted = numbering(entry_rows)
    return {seq: counted.show(seq if number is None else number) for seq, number in entry_rows}
