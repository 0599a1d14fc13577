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


OLD = Path(__file__).parent / "fixtures" / "store_v1"
"""A sealed diary and its key file written by an older voicelog (entries numbered by their row numbers)."""
OLD_PASS = "old diary passphrase"
"""The passphrase of :data:`OLD`'s diary."""


def old_diary_with_gap(folder: Path, texts: tuple[str, ...] = ("he was at the school gates", "he rang twice")) -> Path:
    """:data:`OLD`'s diary (entries in rows 1 and 2, a correction to entry 1 in row 3) with ``texts`` appended as
    entries the way voicelog wrote them before entries were numbered apart from rows: times in clear columns, no
    entry number, no seal, the chain hash without a number. That voicelog listed them as 1, 2, 4, 5."""
    import shutil

    from voicelog.store import chain, entries, long_audio

    for name in ("diary.db", "diary.db.key"):
        shutil.copy(OLD / name, folder / name)
    path = folder / "diary.db"
    with open_for_recording(path) as diary:
        sealer = diary.sealer
    assert sealer is not None
    conn = sqlite3.connect(path)
    for text in texts:
        seq, prev = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        content = entries.entry_content(transcript=transcript(text), incident=INCIDENT, source="text",
                                        recovered=False, registry_applied=True, recorded_at="")
        del content["recorded_at"]
        sealed = long_audio.seal_padded(sealer, entries.encode(content))
        recorded, written = WHEN.isoformat(), "2026-03-30T20:47:00+00:00"
        conn.execute("INSERT INTO entries (seq, recorded_at, written_at, kind, content, audio, prev_hash, hash)"
                     " VALUES (?, ?, ?, 'entry', ?, NULL, ?, ?)",
                     (seq + 1, recorded, written, sealed, prev,
                      chain.entry_hash(seq + 1, recorded, "entry", sealed, None, prev)))
    conn.commit()
    conn.close()
    return path
