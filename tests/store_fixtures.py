"""Sealed diaries on real files, shared by the store tests (not a test module)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from voicelog.incident import Incident, PersonRef
from voicelog.store.diary import Diary
from voicelog.store.opening import init_diary, open_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript, Word

WHEN = datetime(2026, 3, 30, 21, 47)
"""When every test account was spoken."""
PASS = "correct horse battery"
"""The passphrase of every test diary."""
INCIDENT = Incident(date="2026-03-24", time="21:30", location="Carlton Road",
                    people=(PersonRef("Colin Mowbray", "subject"),), categories=("following",), uncertain=("time",))
"""The incident every test entry is stored with."""


def transcript(text: str) -> Transcript:
    """``text`` as a recogniser would give it, with word timings."""
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 0.9) for i, w in enumerate(text.split()))
    return Transcript(text=text, words=words, engine="vosk", model="test-model", duration=len(words) * 0.5)


def new_sealed(folder: Path, name: str = "d.db") -> Path:
    """A new sealed diary in ``folder`` under :data:`PASS`."""
    path = folder / name
    init_diary(path, passphrase=PASS)
    return path


def append(path: Path, text: str, *, registry_applied: bool = True) -> int:
    """Record ``text`` as the recording side does (public key only); the new entry's number."""
    with open_for_recording(path) as diary:
        return diary.append(recorded_at=WHEN, transcript=transcript(text), incident=INCIDENT, source="text",
                            registry_applied=registry_applied).seq


def reader(path: Path) -> Diary:
    """The diary at ``path`` unlocked with :data:`PASS`."""
    return open_for_reading(path, passphrase=PASS)


def chain_ok(path: Path) -> bool:
    """Whether ``voicelog verify`` would find the chain whole."""
    with open_diary(path) as diary:
        return diary.verify().ok


def tamper(path: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    """Change the file behind voicelog's back, as someone with the file could."""
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()
