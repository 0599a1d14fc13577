"""Correcting an entry without rewriting it: every correction is a new, chained amendment.

``amend --edit`` asks in the person's editor (a ``name: value`` form held in memory) when they have
one set, else field by field at a plain prompt; it never opens an editor nobody chose.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from voicelog import corrections
from voicelog.errors import UsageError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.transcript import Transcript


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


def correct_words(diary: Diary, seq: int, text: str, *, changes: Mapping[str, Any] | None = None,
                  note: str = "") -> Amended:
    """Correct the words of entry ``seq`` (``amend --transcript``): one chained amendment holding the person's
    words and the fields extracted again from them, with any ``changes`` given alongside.

    The recogniser's words stay in the history (:attr:`Entry.recognised`), and every field the person has
    corrected by hand, before or in ``changes``, keeps their value over the new extraction.
    """
    from voicelog.app.recorder import EXTRACTION_FAILED, extract_account

    words = " ".join(text.split())
    if not words:
        raise UsageError("The corrected words are empty; give the whole account as it should read "
                         "(`voicelog amend N --transcript -` reads it from standard input).")
    entry = diary.get(seq)
    if words == " ".join(entry.transcript.text.split()):
        raise UsageError(f"Entry {seq} already reads exactly so; no amendment was made.")
    heard = entry.transcript
    typed = Transcript(text=words, engine="", model="", duration=heard.duration, language=heard.language)
    incident = extract_account(diary, typed, recorded_at=datetime.fromisoformat(entry.recorded_at))
    amendment = diary.amend(seq, changes=changes, note=note, transcript=typed, words_corrected=True,
                            incident=None if incident.extractor_version == EXTRACTION_FAILED else incident)
    return Amended(diary.get(seq), amendment.seq)


class Asker(Protocol):
    """Asks the person for one field: returns what they typed ("" keeps the value, "-" clears it)."""

    def __call__(self, name: str, current: str, hint: str, problem: str | None) -> str: ...


CLEAR = "-"
"""What a person types at the field-by-field prompt to clear a field."""


def way_to_edit(*, editor: str | None, terminal: bool) -> Literal["editor", "prompt"]:
    """How ``amend --edit`` asks: the person's own editor when ``$VISUAL``/``$EDITOR`` names one, else a
    plain prompt field by field; with neither an editor nor a terminal there is nobody to ask."""
    if editor and editor.strip():
        return "editor"
    if terminal:
        return "prompt"
    raise UsageError("`amend --edit` asks field by field at a terminal, and there is none here (and no $EDITOR "
                     "set); correct the entry with `voicelog amend N --set FIELD=VALUE` (fields: "
                     f"{', '.join(corrections.NAMES)}).")


def prompt_changes(entry: Entry, ask: Asker) -> dict[str, Any]:
    """The corrections a person gives at a plain prompt, one field at a time (nothing is written to disk).

    Enter keeps a value, ``-`` clears it; a value that does not fit its field is asked for again with why.
    """
    before = corrections.form_values(entry.incident)
    after = dict(before)
    for name, hint in corrections.FORM:
        problem: str | None = None
        while True:
            typed = ask(name, before[name], hint, problem).strip()
            value = before[name] if typed == "" else "" if typed == CLEAR else typed
            try:
                corrections.form_changes({name: before[name]}, {name: value})
            except UsageError as exc:
                problem = str(exc)
                continue
            after[name] = value
            break
    changes = corrections.form_changes(before, after)
    if not changes:
        raise UsageError("Nothing was changed, so no amendment was made.")
    return changes


def form_text(entry: Entry) -> str:
    """The text an editor is given for ``entry``: one ``name: value`` line a field, with how to write each."""
    values = corrections.form_values(entry.incident)
    lines = [f"# Correcting entry {entry.seq}. Change a value after its colon; empty it to clear the field.",
             "# Lines starting with # are not read. Save and close the editor to keep the correction;",
             "# close it without saving to change nothing.", ""]
    for name, hint in corrections.FORM:
        lines += [f"# {name}: {hint}", f"{name}: {values[name]}".rstrip()]
    return "\n".join(lines) + "\n"


def changes_from_form(before: Mapping[str, str], after: str) -> dict[str, Any]:
    """The fields that differ between the form ``before`` (by name) and the edited text ``after``.

    A field whose line was deleted is left as it was; a :class:`UsageError` names the line that is wrong.
    """
    edited: dict[str, str] = {}
    known = {name for name, _ in corrections.FORM}
    for number, line in enumerate(after.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, value = line.partition(":")
        key = corrections.name_of(corrections.ALIASES.get(name.strip().lower(), name.strip().lower()))
        if not colon or key not in known:
            raise UsageError(f"Line {number} of the edited text is not a field: write it as NAME: VALUE, with "
                             f"the names {', '.join(sorted(known))}; no amendment was made.")
        if key in edited:
            raise UsageError(f"Line {number} of the edited text gives {key} a second time; no amendment was made.")
        edited[key] = value.strip()
    changes = corrections.form_changes(before, edited)
    if not changes:
        raise UsageError("Nothing was changed in the editor, so no amendment was made.")
    return changes


def edit_changes(entry: Entry, edit: Callable[[Path], None], *, sealed: bool) -> dict[str, Any]:
    """The corrections a person makes to ``entry``'s fields in an editor (``edit`` opens the file given).

    The editor's file holds names and places in clear, so it lives in a RAM-backed
    folder and is wiped afterwards; a sealed diary refuses when there is none.
    """
    ram = corrections.ram_folder()
    if ram is None and sealed:
        raise UsageError("There is no in-memory folder ($XDG_RUNTIME_DIR or /dev/shm) for the editor's "
                         "file, and a sealed diary's words must not be written to disk in clear; unset $EDITOR "
                         "to be asked field by field, or correct the entry with `voicelog amend --set "
                         "FIELD=VALUE` or `voicelog review`.")
    with corrections.scratch_file(form_text(entry), suffix=".txt", folder=ram) as scratch:
        edit(scratch)
        text = scratch.read_text(encoding="utf-8")
    return changes_from_form(corrections.form_values(entry.incident), text)
