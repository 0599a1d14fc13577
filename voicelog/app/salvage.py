"""Salvage: every readable entry of a damaged diary copied into a new diary sealed to the same key.

The damaged diary is only read (with its passphrase), never written: the people
registry is not applied to it and nothing is appended. The new diary is made
beside its own copy of the key file, sealed to the key the damaged diary pinned,
and starts forward-secure sealing with a verification code of its own. Each
entry keeps its recorded time, source, transcript (with word timings), first
extraction and recording; its corrections follow as amendments, in the order
they were written, so the amended view and the history read as before. The
people registry is copied too. Entries are numbered afresh, in order: an entry
after one that could not be read gets a lower number (:attr:`Copied.old` and
:attr:`Copied.new` say which became which).

A row that opens but fails the tamper check (forged, or changed and re-hashed)
is not passed off as sound in the new diary, whose own check would pass: it is
copied, and its entry gets one more amendment, a note saying that it failed the
check in the damaged diary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from voicelog.errors import DiaryError, UsageError, VaultError, VoicelogError
from voicelog.incident import KnownPerson
from voicelog.store.diary import Diary
from voicelog.store.entries import Amendment, Entry
from voicelog.store.opening import create_diary, key_path, open_diary
from voicelog.store.verification import Verification

SALVAGE_NOTE = "voicelog salvage"
"""How the note on an entry that failed the tamper check in the damaged diary starts."""


@dataclass(frozen=True)
class Copied:
    """One entry copied into the new diary."""

    old: int
    """Its number in the damaged diary."""
    new: int
    """Its number in the new diary."""
    audio: bool = False
    """Its recording came with it."""
    corrections: int = 0
    """How many of its corrections came with it."""
    flagged: str = ""
    """Why it carries a salvage note (its row, or a correction's, failed the tamper check); empty if it does not."""


@dataclass(frozen=True)
class Salvaged:
    """What :func:`salvage` copied into the new diary, and what it could not."""

    diary: Path
    """The new diary."""
    key: Path | None
    """The copy of the key file beside it (None for a plain diary)."""
    code: str
    """The new diary's verification code, to be shown to the person once."""
    copied: tuple[Copied, ...]
    """The entries copied, in order."""
    left_out: dict[int, str] = field(default_factory=dict)
    """Entries (by number in the damaged diary) that could not be read, with why (no content)."""
    not_copied: tuple[str, ...] = ()
    """Corrections, recordings or the people list that could not be read or copied, one sentence each."""
    people: int = 0
    """People copied into the new registry."""
    recordings_left: tuple[int, ...] = ()
    """Entries left out whose recording still opens (``voicelog audio N`` writes it out of the damaged diary)."""
    source_ok: bool = True
    """The damaged diary passed its tamper check (its rows may still fail to open)."""
    check: Verification | None = None
    """The new diary's own check, made once everything was copied."""

    @property
    def renumbered(self) -> tuple[Copied, ...]:
        """The entries whose number changed."""
        return tuple(c for c in self.copied if c.old != c.new)


def salvage(diary: Diary, dest: Path) -> Salvaged:
    """Copy every readable entry of ``diary`` (open to read, unlocked) into a new diary at ``dest``.

    ``dest`` and its key file must not exist. ``diary`` is not written to. If the
    copy fails part-way, nothing is left at ``dest``.
    """
    dest = Path(dest)
    dest_key = key_path(dest)
    if dest.exists() or dest_key.exists():
        raise UsageError(f"{dest if dest.exists() else dest_key} already exists; choose a new file name for the "
                         "salvaged diary.")
    if dest.resolve() == Path(diary.path).resolve():
        raise UsageError("The salvaged diary must be a new file, not the damaged diary itself.")
    if diary.opener is None or diary.sealer is None:
        raise UsageError("Salvage needs the diary unlocked with its passphrase.")
    source_check = diary.verify()
    entries = diary.entries(with_words=True)
    left_out = dict(diary.damaged)
    unread_people = []
    try:
        people = diary.people()
    except VaultError as exc:
        people = []
        unread_people.append(f"The people list could not be read ({exc}); register the people again in the new "
                             "diary with `voicelog people add`.")
    not_copied = [f"{why[0].upper()}{why[1:]}" for why in diary.set_aside.values()] + unread_people
    wrote_key = _copy_key(diary, dest_key)
    try:
        code = create_diary(dest, mode=diary.mode, sealer=diary.sealer)
        with open_diary(dest, keys=lambda _pin, _warn: (diary.sealer, diary.opener)) as new:
            copied = _copy_entries(diary, new, entries, source_check, not_copied)
            copied_people = _copy_people(new, people, not_copied)
            check = new.verify()
    except BaseException as exc:
        _remove_new(dest, dest_key if wrote_key else None)
        if isinstance(exc, OSError):
            raise DiaryError(f"Could not write the salvaged diary {dest} ({exc.strerror or exc}); nothing was left "
                             "there, and the damaged diary is unchanged.") from exc
        raise
    return Salvaged(dest, dest_key if wrote_key else None, code, tuple(copied), left_out, tuple(not_copied),
                    copied_people, _recordings_left(diary, left_out), source_check.ok, check)


def _recordings_left(diary: Diary, left_out: dict[int, str]) -> tuple[int, ...]:
    """The entries left out whose kept recording still opens."""
    found = []
    for number in left_out:
        try:
            diary.audio(number)
        except VoicelogError:  # none kept, or damaged too
            continue
        found.append(number)
    return tuple(found)


def _copy_key(diary: Diary, dest_key: Path) -> bool:
    """Copy the damaged diary's key file beside the new diary (a sealed diary is unreadable without it)."""
    from voicelog.store.private_file import write_private

    if not diary.sealed:
        return False
    try:
        write_private(dest_key, key_path(diary.path).read_bytes())
    except OSError as exc:
        raise DiaryError(f"Could not copy the key file to {dest_key} ({exc.strerror or exc}); nothing was "
                         "salvaged.") from exc
    return True


def _copy_entries(old: Diary, new: Diary, entries: Sequence[Entry], check: Verification,
                  not_copied: list[str]) -> list[Copied]:
    """Append each entry, then every correction in the order written; returns what was copied."""
    failed = set(check.bad_rows)
    failed_entries = _failed_entries(check)
    numbers: dict[int, int] = {}
    audio: dict[int, bool] = {}
    for entry in entries:
        recording = None
        if entry.has_audio:
            try:
                recording = old.audio(entry.seq)
            except VaultError:
                not_copied.append(f"The recording kept with entry {entry.seq} could not be opened; the entry was "
                                  "copied without it.")
        added = new.append(recorded_at=datetime.fromisoformat(entry.recorded_at),
                           transcript=entry.first_transcript or entry.transcript,
                           incident=entry.original or entry.incident, source=entry.source, audio=recording,
                           recovered=entry.recovered, registry_applied=entry.registry_applied)
        numbers[entry.seq] = added.seq
        audio[entry.seq] = recording is not None
    corrections: dict[int, int] = {}
    flagged: dict[int, list[str]] = {}
    for number, amendment in sorted(((e.seq, a) for e in entries for a in e.amendments), key=lambda p: p[1].seq):
        if _copy_amendment(new, numbers[number], number, amendment, not_copied):
            corrections[number] = corrections.get(number, 0) + 1
            if amendment.seq in failed:
                flagged.setdefault(number, []).append(f"a correction to it (row {amendment.seq})")
    why: dict[int, str] = {}
    for entry in entries:
        rows = flagged.get(entry.seq, [])
        if entry.seq in failed_entries:
            rows.insert(0, f"the entry itself (row {failed_entries[entry.seq]})")
        if rows:
            why[entry.seq] = (f"In the damaged diary {old.path.name}, {' and '.join(rows)} failed the tamper check: "
                              "it may have been changed or forged after it was written.")
            new.amend(numbers[entry.seq], note=f"{SALVAGE_NOTE}: {why[entry.seq]} It was entry {entry.seq} there.")
    return [Copied(e.seq, numbers[e.seq], audio[e.seq], corrections.get(e.seq, 0), why.get(e.seq, ""))
            for e in entries]


def _copy_amendment(new: Diary, number: int, old_number: int, amendment: Amendment, not_copied: list[str]) -> bool:
    """Append ``amendment`` to entry ``number`` of the new diary; False (and why, in ``not_copied``) if refused."""
    try:
        new.amend(number, changes=amendment.changes, note=amendment.note, incident=amendment.incident,
                  reviewed=amendment.reviewed, transcript=amendment.transcript, void=amendment.void)
    except UsageError:  # written before corrections were checked: it never applied, so it is not carried on
        not_copied.append(f"A correction (row {amendment.seq}) to entry {old_number} holds changes that cannot be "
                          "applied; it was not copied.")
        return False
    return True


def _copy_people(new: Diary, people: Sequence[KnownPerson], not_copied: list[str]) -> int:
    """Register everyone of the damaged diary's list in the new one; returns how many."""
    done = 0
    for person in people:
        try:
            new.add_person(person.name, person.aliases)
        except VoicelogError as exc:
            not_copied.append(f"A person in the people list could not be registered again ({exc}).")
            continue
        done += 1
    return done


_NAMED_ENTRY = re.compile(r"entry (\d+)")


def _failed_entries(check: Verification) -> dict[int, int]:
    """The entries whose own row the tamper check named: entry number -> row number."""
    out = {}
    for row in check.bad_rows:
        named = _NAMED_ENTRY.fullmatch(check.names.get(row, ""))
        if named:
            out[int(named.group(1))] = row
    return out


def _remove_new(dest: Path, key: Path | None) -> None:
    """Remove what a failed salvage wrote, so nothing half made is left."""
    for path in (dest, dest.with_name(dest.name + "-wal"), dest.with_name(dest.name + "-shm"), key):
        if path is None:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
