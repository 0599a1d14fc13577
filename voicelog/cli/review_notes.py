"""What ``review`` shows of an entry besides its fields: the files sealed to it, and a voided entry's one line.

A voided entry shows in review as in ``list`` and the report: "Entry N voided
on DATE: reason", none of its content, and it cannot be confirmed or corrected
(``voicelog show N --history`` still shows what it said). Attached files are
listed by name, type and size; their content is never opened here.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape

from voicelog.display import clean
from voicelog.store.attachments import Attachment, attachments
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry

VOIDED_WHY = "this entry was voided, so it cannot be confirmed or corrected."
"""The status line when Ctrl+S or Ctrl+R is pressed on a voided entry."""


def attached_by_entry(diary: Diary) -> dict[int, tuple[Attachment, ...]]:
    """Every entry's attached files (records only), by entry number; an unreadable record is left out (verify
    names it)."""
    found: dict[int, list[Attachment]] = {}
    for item in attachments(diary, left_out=[]):
        found.setdefault(item.entry, []).append(item)
    return {number: tuple(items) for number, items in found.items()}


def size_text(size: int) -> str:
    """``812 bytes``, ``196 KB``, ``4.2 MB``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def attached_markup(items: Sequence[Attachment]) -> str:
    """One line (rich markup) naming the files sealed to an entry; "" when none."""
    if not items:
        return ""
    files = " · ".join(f"[b]{escape(clean(a.name))}[/b] ({escape(a.type)}, {size_text(a.size)}, exhibit {a.exhibit})"
                       for a in items)
    return f"Attached: {files}"


def voided_label(entry: Entry) -> str:
    """The list's line for a voided entry: its number and that it is void, nothing it said."""
    return f"⊘ {entry.seq:>4}  [dim]voided[/dim]"


def voided_heading(entry: Entry) -> str:
    """The heading shown for a voided entry."""
    return f"[b]Entry {entry.seq}[/b] · [magenta]voided[/magenta]"


def voided_text(entry: Entry) -> str:
    """What review shows of a voided entry: when and why it was voided, and where its words still are."""
    return (f"{escape(clean(entry.void_line()))}\n\nIts content is not shown, and it cannot be confirmed or "
            f"corrected. `voicelog show {entry.seq} --history` still shows you what it said.")
