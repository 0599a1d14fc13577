"""Turning recordings cut off by a crash or power cut into entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicelog import pcm
from voicelog.app.recorder import AccountRecorder
from voicelog.engines.base import Engine
from voicelog.errors import JournalError, LockedError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.store.journal_reader import find_journals, read_journal
from voicelog.store.opening import journal_dir
from voicelog.transcript import Transcript


@dataclass(frozen=True)
class Recovered:
    """What ``recover`` did with one leftover journal."""

    journal: Path
    """The journal file (beside the diary renamed ``*.damaged`` when it could not be read)."""
    entry: Entry | None
    """The entry made from it, or None when it held no speech or could not be read."""
    seconds: float
    """Seconds of audio it held."""
    problem: str = ""
    """Why it could not be read, for a journal set aside as damaged."""
    left_in_place: bool = False
    """An unreadable journal in the fallback folder is left as it is: it may belong to another diary."""
    refused: bool = False
    """It opened, but its seal shows this diary's recorder did not write it (or it has no seal): nothing stored."""
    unsealed: bool = False
    """It was refused for having no seal at all (``accept_unsealed`` stores it); else the seal was wrong."""


@dataclass(frozen=True)
class Leftovers:
    """What the start of a recording found of earlier, cut-off recordings."""

    locked: bool
    """Journals are waiting but the diary is locked, so only ``voicelog recover`` can read them."""
    recovered: tuple[Recovered, ...] = ()
    """What was done with each journal, when the diary could read them."""


UNSEALED_NOTE = ("Recovered from a journal that carried no seal from this diary (recorded while the diary could "
                 "not be opened, or by an older voicelog); kept because the person chose to (--accept-unsealed).")
"""The note on an entry made from a journal without a seal."""


def recover(diary: Diary, load_engine: Callable[[], Engine], *, keep_audio: bool = True,
            fallback_dir: Path | None = None, accept_unsealed: bool = False) -> list[Recovered]:
    """Turn every leftover journal beside ``diary`` (then in ``fallback_dir``) into an entry marked recovered,
    then delete it.

    Needs the diary unlocked (the journals are sealed); the engine is loaded only
    if there is audio to hear. A silent journal is deleted with nothing stored.
    Audio in which the recogniser found no words is still stored, with an empty
    transcript, because it may be evidence. A journal beside the diary that
    cannot be read is renamed ``*.damaged`` and left for the person, so it never
    blocks a new recording; one in the fallback folder is left as it is (the
    folder may hold another diary's journals).

    A journal this diary's recorder did not write (its seal, :mod:`voicelog.store.journal_seal`, fails) is
    refused: renamed ``*.refused`` beside the diary, left in place in the fallback folder, nothing stored. One
    with no seal at all is left where it is and named, unless ``accept_unsealed``: then it is stored with
    :data:`UNSEALED_NOTE` as a correction.
    """
    import numpy as np

    from voicelog.audio import is_silent

    opener = diary.opener
    if opener is None:
        raise LockedError("Recovering a recording needs the diary unlocked: the journals are sealed. "
                          "Run `voicelog recover` and give your passphrase.")
    done: list[Recovered] = []
    engine: Engine | None = None
    beside = find_journals(journal_dir(diary.path), opener)
    for path in beside + (find_journals(fallback_dir, opener) if fallback_dir is not None else []):
        try:
            journal = read_journal(path, opener)
        except JournalError as exc:
            if path not in beside:
                done.append(Recovered(path, None, 0.0, problem=str(exc), left_in_place=True))
                continue
            damaged = path.with_name(path.name + ".damaged")
            path.rename(damaged)
            done.append(Recovered(damaged, None, 0.0, problem=str(exc)))
            continue
        refused = diary.journal_problem(journal.seal)
        if refused is not None and not (accept_unsealed and journal.seal is None):
            done.append(_refuse(path, refused, journal.seal is None, beside=path in beside, seconds=journal.seconds))
            continue
        recorder = AccountRecorder.recovering(diary, journal, keep_audio=keep_audio)
        seconds = recorder.seconds
        samples = np.frombuffer(journal.pcm, dtype=np.int16)
        if not len(samples) or is_silent(samples):
            recorder.discard()
            done.append(Recovered(path, None, seconds))
            continue
        engine = engine or load_engine()
        transcript = engine.transcriber.transcribe(pcm.chunks(journal.pcm))
        if transcript.is_empty:
            transcript = Transcript(text="", duration=seconds)
        entry = recorder.store(transcript)
        if refused is not None:  # accepted without a seal: the entry says so
            diary.amend(entry.seq, note=UNSEALED_NOTE)
            entry = diary.get(entry.seq)
        done.append(Recovered(path, entry, seconds))
    return done


def _refuse(path: Path, why: str, unsealed: bool, *, beside: bool, seconds: float) -> Recovered:
    """Set a journal this diary did not write aside; one that only lacks a seal, or sits in the fallback folder,
    is left where it is. Nothing is stored."""
    if unsealed or not beside:
        return Recovered(path, None, seconds, problem=why, left_in_place=True, refused=True, unsealed=unsealed)
    refused = path.with_name(path.name + ".refused")
    path.rename(refused)
    return Recovered(refused, None, seconds, problem=why, refused=True)


def recover_leftovers(diary: Diary, load_engine: Callable[[], Engine], *, keep_audio: bool = True,
                      fallback_dir: Path | None = None) -> Leftovers:
    """At the start of a recording: recover cut-off journals when the diary can read them, else say they wait."""
    if not find_journals(journal_dir(diary.path)) and not (fallback_dir and find_journals(fallback_dir)):
        return Leftovers(locked=False)
    if diary.opener is None:
        return Leftovers(locked=True)
    return Leftovers(locked=False, recovered=tuple(recover(diary, load_engine, keep_audio=keep_audio,
                                                           fallback_dir=fallback_dir)))
