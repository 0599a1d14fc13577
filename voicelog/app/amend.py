"""Correcting an entry without rewriting it: every correction is a new, chained amendment."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicelog.errors import UsageError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry


@dataclass(frozen=True)
class Amended:
    """An entry after a correction."""

    entry: Entry
    """The entry as it now reads (the original is kept in its history)."""
    amendment_seq: int
    """The chain row that holds the correction."""


def amend(diary: Diary, seq: int, changes: Mapping[str, Any], *, note: str = "") -> Amended:
    """Append a correction of entry ``seq``; the diary checks every field (UsageError for a wrong one)."""
    amendment = diary.amend(seq, changes=changes, note=note)
    return Amended(diary.get(seq), amendment.seq)


def edit_changes(entry: Entry, edit: Callable[[Path], None], *, sealed: bool) -> dict[str, Any]:
    """The corrections a person makes to ``entry``'s fields in an editor (``edit`` opens the file given).

    The editor's file holds names and places in clear, so it lives in a RAM-backed
    folder and is wiped afterwards; a sealed diary refuses when there is none.
    """
    from voicelog import corrections

    current = {k: v for k, v in entry.incident.to_dict().items() if k in corrections.AMENDABLE}
    before = json.dumps(current, indent=2, ensure_ascii=False) + "\n"
    ram = corrections.ram_folder()
    if ram is None and sealed:
        raise UsageError("There is no in-memory folder ($XDG_RUNTIME_DIR or /dev/shm) for the editor's "
                         "file, and a sealed diary's words must not be written to disk in clear; correct "
                         "the entry with `voicelog amend --set FIELD=VALUE` or `voicelog review`.")
    with corrections.scratch_file(before, suffix=".json", folder=ram) as scratch:
        edit(scratch)
        text = scratch.read_text(encoding="utf-8")
    return changes_from_edit(current, before, text)


def changes_from_edit(current: Mapping[str, Any], before: str, after: str) -> dict[str, Any]:
    """The fields that differ between ``current`` and the edited JSON ``after``; UsageError if none or not JSON."""
    if after == before:
        raise UsageError("Nothing was changed in the editor, so no amendment was made.")
    try:
        edited = json.loads(after)
    except json.JSONDecodeError as exc:
        raise UsageError(f"The edited text is not valid JSON ({exc.msg}); no amendment was made.") from exc
    if not isinstance(edited, dict):
        raise UsageError("The edited text must stay one JSON object of fields; no amendment was made.")
    return {k: v for k, v in edited.items() if current.get(k) != v}
