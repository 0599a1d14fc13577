"""Voiding an entry without deleting it: a false trigger's bystander chatter taken out of lists and reports.

Nothing is removed. The void is an amendment like any other, chained and sealed
after the entry: the entry keeps its number (so the log shows no gap), lists
and reports show only "Entry N voided on DATE: reason", and
``voicelog show N --history`` still shows the owner what it said.
"""

from __future__ import annotations

from dataclasses import dataclass

from voicelog.errors import UsageError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry

MAX_REASON = 500
"""The longest reason taken, in characters (it is printed on a report's timeline)."""


@dataclass(frozen=True)
class Voided:
    """An entry after it was voided."""

    entry: Entry
    """The entry as it now reads: :attr:`Entry.voided` holds the void; its content is kept."""

    @property
    def line(self) -> str:
        """``Entry 4 voided on 2026-03-30: reason``, as lists and reports show it."""
        return self.entry.void_line()

    def to_dict(self) -> dict[str, object]:
        """The JSON ``voicelog void --json`` prints (no content of the entry)."""
        return self.entry.void_dict()


def void(diary: Diary, number: int, reason: str) -> Voided:
    """Void entry ``number`` for ``reason``; UsageError for no reason, no such entry or one already void.

    A damaged entry is refused (DiaryError) before anything is written.
    """
    why = " ".join(reason.split())
    if not why:
        raise UsageError("Say why the entry is void with --reason (for example \"recorded by mistake\"); "
                         "nothing was written.")
    if len(why) > MAX_REASON:
        raise UsageError(f"The reason is longer than {MAX_REASON} characters; shorten it. Nothing was written.")
    before = diary.get(number)
    if before.voided is not None:
        raise UsageError(f"Entry {number} was already voided on {before.voided.written_at[:10]}; it stays void "
                         f"and nothing was written. `voicelog show {number} --history` shows why.")
    diary.amend(number, void=why)
    return Voided(diary.get(number))
