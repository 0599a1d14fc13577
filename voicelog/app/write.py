"""A typed account into the diary: for when speaking is not safe.

The words go through the same extraction, sealing and hash chain as a spoken
account (:func:`voicelog.app.recorder.extract_account`, :meth:`Diary.append`);
only the source (``typed``) and the transcript's lack of audio and word timings
differ. The account is held in memory only: nothing is written anywhere but
the sealed diary.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from voicelog.app.recorder import EXTRACTION_FAILED, extract_account
from voicelog.errors import DiaryError, UsageError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.transcript import Transcript

SOURCE = "typed"
"""The source stored with a typed entry (a spoken one says ``microphone``, ``file:NAME``, ...)."""

_DIARY_FAILURES = (DiaryError, sqlite3.DatabaseError, OSError)
"""What a diary that is busy, full or failing raises when an entry is appended."""


def typed_transcript(text: str) -> Transcript:
    """``text`` as an account's transcript: its words on one line, as a recogniser gives them.

    Line breaks and runs of spaces become single spaces (extraction, search and the
    report read one line); the words themselves are kept as typed. Raises
    UsageError when there are no words.
    """
    words = " ".join(text.split())
    if not words:
        raise UsageError("The account is empty, so nothing was stored; type what happened and try again.")
    return Transcript(text=words)  # no engine heard it and no word has a confidence: none is marked unsure


def write_entry(diary: Diary, text: str, *, recorded_at: datetime) -> Entry:
    """Store the typed account ``text`` as a new entry in ``diary``, dated ``recorded_at``.

    The diary may be opened without its passphrase (only its public key, as the
    recorder does): the entry is then sealed all the same and marked so the people
    registry is applied at the next unlock. Extraction that fails stores the account
    without fields (``voicelog reextract`` redoes them). A diary that refuses the
    entry (busy, full) is tried once more; then DiaryError says why, and that nothing
    of the account was written anywhere.
    """
    transcript = typed_transcript(text)
    incident = extract_account(diary, transcript, recorded_at=recorded_at)
    problem: BaseException | None = None
    for _ in range(2):
        try:
            return diary.append(recorded_at=recorded_at, transcript=transcript, incident=incident, source=SOURCE,
                                registry_applied=diary.opener is not None)
        except _DIARY_FAILURES as exc:
            problem = exc
    reason = str(problem) if isinstance(problem, DiaryError) else f"{type(problem).__name__}"
    raise DiaryError(f"The typed account was not stored: {reason} Nothing of it was written anywhere else; "
                     "fix that, then write it again.") from problem


def extraction_failed(entry: Entry) -> bool:
    """The account is stored but its fields could not be worked out (``voicelog reextract`` redoes them)."""
    return entry.incident.extractor_version == EXTRACTION_FAILED
