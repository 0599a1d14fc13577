"""One account's life, from its first audio to its diary entry (or to nothing).

``dictate``, ``listen`` and ``recover`` all record through :class:`AccountRecorder`:

- the sealed capture journal is opened with the first audio (so a microphone
  that fails to open leaves nothing behind) and written as audio arrives, so a
  crash or power cut loses at most about half a second;
- :meth:`AccountRecorder.store` extracts the incident, appends the entry and
  only then deletes the journal;
- :meth:`AccountRecorder.discard` deletes the journal when nothing is to be kept
  (nothing was said, or the person cancelled);
- :meth:`AccountRecorder.abandon` leaves the journal for ``voicelog recover``
  when recording or storing failed midway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from voicelog import pcm
from voicelog.errors import DiaryError
from voicelog.incident import Incident
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.store.journal import Journal, JournalWriter, delete_journal, journal_path
from voicelog.store.opening import journal_dir
from voicelog.transcript import Transcript

log = logging.getLogger(__name__)

EXTRACTION_FAILED = "failed"
"""The extractor version of an entry stored when extraction failed; ``voicelog reextract`` redoes it."""


class AccountRecorder:
    """Journals, keeps and finally stores (or drops) the audio of one account."""

    def __init__(self, diary: Diary, *, recorded_at: datetime, source: str, keep_audio: bool = True,
                 journal: bool = True, recovered_from: Journal | None = None) -> None:
        self.diary = diary
        self.recorded_at = recorded_at
        """When the account was spoken."""
        self.source = source
        """Where it came from: ``microphone``, ``listen``, ``file:NAME`` or ``recovered``."""
        self.keep_audio = keep_audio
        """Keep the audio with the entry (it is kept anyway when no words were recognised)."""
        self.journal = journal and recovered_from is None
        """Journal the audio as it arrives; off for a recording on disk, which survives a crash by itself."""
        self.pcm = bytearray(recovered_from.pcm if recovered_from is not None else b"")
        """The account's audio so far, 16 kHz mono int16."""
        self._writer: JournalWriter | None = None
        self._recovered = recovered_from

    @classmethod
    def recovering(cls, diary: Diary, journal: Journal, *, keep_audio: bool = True) -> AccountRecorder:
        """A recorder for an account cut off by a crash, its audio read back from ``journal``."""
        keep = keep_audio and bool(journal.meta.get("keep_audio", True))  # as the recording asked
        return cls(diary, recorded_at=journal.recorded_at, source="recovered", keep_audio=keep,
                   recovered_from=journal)

    @property
    def seconds(self) -> float:
        """Seconds of audio recorded."""
        return pcm.seconds(len(self.pcm))

    def add(self, chunk: bytes) -> None:
        """Journal ``chunk`` (opening the journal with the first audio) and keep it."""
        if self.journal:
            if self._writer is None:
                self._writer = self._open_journal()
            self._writer.append(chunk)
        self.pcm += chunk

    def journaled(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Pass ``chunks`` through, journaling and keeping each one first."""
        for chunk in chunks:
            self.add(chunk)
            yield chunk

    def cut_at(self, seconds: float) -> None:
        """Drop the audio from ``seconds`` on (a stop phrase is not kept in the recording)."""
        del self.pcm[pcm.byte_offset(seconds):]

    def store(self, transcript: Transcript) -> Entry:
        """Extract the incident, append the entry, then delete the journal; the journal stays if this fails."""
        if self._writer is not None:
            self._writer.close()  # the final record: the journal is whole before anything else happens
        try:
            keep = self.keep_audio or transcript.is_empty  # audio with no words heard may be evidence
            entry = store_account(self.diary, transcript, recorded_at=self.recorded_at, source=self.source,
                                  pcm=bytes(self.pcm) if keep else None, recovered=self._recovered is not None)
        except BaseException:
            self.abandon()
            raise
        self.discard()  # only now that the entry is safely stored
        return entry

    def discard(self) -> None:
        """Delete the journal, if one was opened: nothing of this account is kept."""
        if self._writer is not None:
            self._writer.discard()
        elif self._recovered is not None:
            delete_journal(self._recovered.path)
        self.release()

    def abandon(self) -> None:
        """Close the journal as a crash would, leaving it for ``voicelog recover``."""
        if self._writer is not None and not self._writer.closed:
            self._writer.abandon()
        self.release()

    def release(self) -> None:
        """Forget the audio held in memory."""
        self.pcm = bytearray()

    def _open_journal(self) -> JournalWriter:
        sealer = self.diary.sealer
        if sealer is None:
            raise DiaryError(f"The diary {self.diary.path} has no key to seal a recording with; run `voicelog init`.")
        folder = journal_dir(self.diary.path)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Whether to keep the audio is sealed into the journal, so that `voicelog recover` honours
        # --no-audio for an account cut off by a crash.
        return JournalWriter(journal_path(folder, self.recorded_at), sealer, recorded_at=self.recorded_at,
                             meta={"source": self.source, "keep_audio": self.keep_audio})


def store_account(diary: Diary, transcript: Transcript, *, recorded_at: datetime, source: str,
                  pcm: bytes | None = None, recovered: bool = False) -> Entry:
    """Extract the incident from ``transcript`` and append it (with its audio, if given) to ``diary``.

    A sealed diary opened without the passphrase cannot read its own people
    registry; the entry is then marked so the registry is applied at the next
    unlock (:func:`voicelog.app.registry.apply_registry`). When extraction fails
    the account is stored all the same, without fields, for ``voicelog reextract``.
    """
    import numpy as np

    from voicelog.audio import encode_flac

    unlocked = diary.opener is not None
    known = diary.people() if unlocked else []
    try:
        from voicelog.extract import extract_incident

        incident = extract_incident(transcript.text, recorded_at=recorded_at, known_people=known)
    except Exception as exc:  # the account matters more than its fields: store it, extract later
        log.warning("extraction failed (%s); the account is stored without fields", type(exc).__name__)
        incident = Incident(extractor_version=EXTRACTION_FAILED,
                            uncertain=("date", "time", "location", "people", "categories"))
    audio = encode_flac(np.frombuffer(pcm, dtype=np.int16)) if pcm else None
    return diary.append(recorded_at=recorded_at, transcript=transcript, incident=incident, source=source,
                        audio=audio, recovered=recovered, registry_applied=unlocked)


def warm_up_extractor() -> threading.Thread:
    """Load spaCy and the rest of extraction in the background, so they are ready when speech ends."""

    def _load() -> None:
        try:
            from voicelog.extract import warm_up

            warm_up()
        except Exception:  # a failure here resurfaces, with its message, at extraction time
            log.debug("extractor warm-up failed", exc_info=True)

    thread = threading.Thread(target=_load, name="voicelog-warm-up", daemon=True)
    thread.start()
    return thread


def journals_waiting(diary_path: Path) -> bool:
    """Whether a recording cut off by a crash left a journal beside ``diary_path``."""
    from voicelog.store.journal import find_journals

    return bool(find_journals(journal_dir(diary_path)))
