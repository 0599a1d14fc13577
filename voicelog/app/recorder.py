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

A full disk or a damaged diary never loses an account that was heard: the audio
(and the transcript, once made) stays in memory while the journal or the diary
refuses it, :meth:`AccountRecorder.retry` tries again, and
:meth:`AccountRecorder.keep_safe` puts what the diary did not take into a whole
sealed journal, beside the diary or in the person's fallback folder, and says
where (:class:`NotStored`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from voicelog import pcm
from voicelog.app.safekeeping import NotStored, Place, UnopenedDiary, disk_full, reason
from voicelog.errors import DiaryError, JournalError
from voicelog.incident import Incident, KnownPerson
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.store.journal import JournalWriter, delete_journal, journal_path, write_journal
from voicelog.store.journal_reader import Journal
from voicelog.store.opening import journal_dir
from voicelog.transcript import Transcript

if TYPE_CHECKING:
    from voicelog.audio import FlacEncoder

log = logging.getLogger(__name__)

EXTRACTION_FAILED = "failed"
"""The extractor version of an entry stored when extraction failed; ``voicelog reextract`` redoes it."""

RETRY_SECONDS = 5.0
"""While the disk refuses an account, how often writing it is tried again, in seconds of audio heard."""

_DIARY_FAILURES = (DiaryError, sqlite3.DatabaseError, OSError)
"""What a diary that is full, damaged or failing raises; anything else is a bug and is raised on."""


class AccountRecorder:
    """Journals, keeps and finally stores (or drops) the audio of one account.

    With ``compress`` the audio is held as FLAC as it arrives rather than as PCM (a recording on disk, which
    may last hours); it cannot then be cut (:meth:`cut_at`).
    """

    def __init__(self, diary: Diary | UnopenedDiary, *, recorded_at: datetime, source: str, keep_audio: bool = True,
                 journal: bool = True, recovered_from: Journal | None = None, fallback_dir: Path | None = None,
                 original: Path | None = None, tell: Callable[[str], None] | None = None,
                 compress: bool = False) -> None:
        self.diary = diary
        self.recorded_at = recorded_at
        """When the account was spoken."""
        self.source = source
        """Where it came from: ``microphone``, ``listen``, ``file:NAME`` or ``recovered``."""
        self.keep_audio = keep_audio
        """Keep the audio with the entry (it is kept anyway when no words were recognised)."""
        self.journal = journal and recovered_from is None
        """Journal the audio as it arrives; off for a recording on disk, which survives a crash by itself."""
        self.fallback_dir = fallback_dir
        """Where a sealed copy goes when neither the diary nor the journal beside it takes the account."""
        self.original = original
        """The recording on disk the audio came from, if any."""
        self.pcm = bytearray(recovered_from.pcm if recovered_from is not None else b"")
        """The account's audio so far, 16 kHz mono int16 (empty when it is kept compressed)."""
        self._flac: FlacEncoder | None = None
        if compress:  # a long recording on disk is held as FLAC, about half its PCM, not as PCM
            from voicelog.audio import FlacEncoder

            self._flac = FlacEncoder()
        self._flac_bytes: bytes | None = None  # the FLAC made for the diary, kept for the retries
        self.transcript: Transcript | None = None
        """What was heard, once :meth:`try_store` was given it."""
        self.problem: BaseException | None = None
        """Why the diary did not take the account, while it is held."""
        self._tell = tell or (lambda _message: None)
        self._writer: JournalWriter | None = None
        self._recovered = recovered_from
        self._incident: Incident | None = None  # extracted once, kept for the retries
        self._since_retry = 0
        self._behind = False

    @classmethod
    def recovering(cls, diary: Diary, journal: Journal, *, keep_audio: bool = True) -> AccountRecorder:
        """A recorder for an account cut off by a crash, its audio read back from ``journal``."""
        keep = keep_audio and bool(journal.meta.get("keep_audio", True))  # as the recording asked
        return cls(diary, recorded_at=journal.recorded_at, source="recovered", keep_audio=keep,
                   recovered_from=journal)

    @property
    def seconds(self) -> float:
        """Seconds of audio recorded."""
        return self._flac.seconds if self._flac is not None else pcm.seconds(len(self.pcm))

    @property
    def full(self) -> bool:
        """The disk refused the journal or the diary for want of space."""
        return (self._writer is not None and self._writer.disk_full) or disk_full(self.problem, self.diary.path.parent)

    @property
    def waiting_for_space(self) -> bool:
        """Worth trying again later: the disk is full, or the account is not yet whole on disk anywhere."""
        whole = self._recovered is not None or (self._writer is not None and self._writer.whole)
        return self.full or not whole

    def add(self, chunk: bytes) -> None:
        """Journal ``chunk`` (opening the journal with the first audio) and keep it.

        What the disk refuses stays in memory; writing it is tried again every :data:`RETRY_SECONDS`.
        """
        if self.journal:
            if self._writer is None:
                self._writer = self._open_journal()
            self._writer.append(chunk)
            if not self._writer.whole:
                self._since_retry += len(chunk)
                if self._since_retry >= pcm.byte_offset(RETRY_SECONDS):
                    self._since_retry = 0
                    self._writer.retry()
            self._say_if_behind()
        if self._flac is not None:
            self._flac.add(chunk)
        else:
            self.pcm += chunk

    def journaled(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Pass ``chunks`` through, journaling and keeping each one first."""
        for chunk in chunks:
            self.add(chunk)
            yield chunk

    def cut_at(self, seconds: float) -> None:
        """Drop the audio from ``seconds`` on (a stop phrase is not kept in the recording)."""
        if self._flac is not None:
            raise ValueError("A recording kept compressed cannot be cut; make the recorder without compress.")
        del self.pcm[pcm.byte_offset(seconds):]

    def try_store(self, transcript: Transcript) -> Entry | None:
        """Extract the incident and append the entry, then delete the journal.

        Returns None, holding the account (audio and transcript) in memory, when
        the diary will not take it (full, damaged, failing; :attr:`problem` says
        why): :meth:`retry` tries again, :meth:`keep_safe` puts it on disk.
        """
        self.transcript = transcript
        if self._writer is not None and not self._writer.closed and not self._writer.finished:
            self._writer.finish()  # the final record: the journal is whole before anything else happens
        return self._into_diary()

    def store(self, transcript: Transcript) -> Entry:
        """As :meth:`try_store`, but a diary that will not take it is an error; the journal stays for recover."""
        entry = self.try_store(transcript)
        if entry is None:
            self.abandon()
            assert self.problem is not None
            raise self.problem
        return entry

    def retry(self) -> Entry | None:
        """Try again to write what the disk refused, then to store the account; the entry once stored."""
        if self._writer is not None and not self._writer.closed:
            self._writer.retry()
        if self.transcript is None:
            return None
        return self._into_diary()

    def status(self) -> NotStored:
        """Where the held account is now (voicelog still trying)."""
        if self._writer is not None and self._writer.whole:
            return self._not_stored("journal", path=self._writer.path, trying=True)
        return self._not_stored("memory", trying=True)

    def keep_safe(self) -> NotStored:
        """Put an account the diary did not take somewhere it survives this process, and say where.

        In order: a whole journal beside the diary, a whole sealed journal in
        the fallback folder (the partial journal beside the diary is then
        removed), else the first part in the journal and the rest lost with
        the process. The audio in memory is released.
        """
        try:
            return self._keep_safe()
        finally:
            self.release()

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
        self._flac_bytes = None
        if self._flac is not None:
            self._flac.finish()  # frees the encoder's buffer
            self._flac = None

    # -- internals

    def _into_diary(self) -> Entry | None:
        try:
            entry = self._append()
        except _DIARY_FAILURES as exc:
            self.problem = exc
            log.debug("the diary did not take the account: %s", type(exc).__name__)
            return None
        except BaseException:
            self.abandon()
            raise
        self.problem = None
        self.discard()  # only now that the entry is safely stored
        return entry

    def _append(self) -> Entry:
        diary, transcript = self.diary, self.transcript
        assert transcript is not None
        if isinstance(diary, UnopenedDiary):
            diary = diary.reopened()  # raises while it still cannot be opened
        if self._incident is None:
            self._incident = extract_account(diary, transcript, recorded_at=self.recorded_at)
        keep = self.keep_audio or transcript.is_empty  # audio with no words heard may be evidence
        return diary.append(recorded_at=self.recorded_at, transcript=transcript, incident=self._incident,
                            source=self.source, audio=self._flac_audio() if keep and self.seconds else None,
                            recovered=self._recovered is not None, registry_applied=diary.opener is not None)

    def _flac_audio(self) -> bytes:
        """The account's audio as FLAC, made once and kept while the diary may still refuse it."""
        if self._flac_bytes is None:
            self._flac_bytes = self._flac.finish() if self._flac is not None else _flac(bytes(self.pcm))
        return self._flac_bytes

    def _pcm(self) -> bytes:
        """The account's audio as PCM (decoded again when it is kept compressed)."""
        if self._flac is None:
            return bytes(self.pcm)
        from voicelog.audio import decode_flac

        return decode_flac(self._flac_audio())[0].tobytes()

    def _keep_safe(self) -> NotStored:
        writer = self._writer
        if writer is not None:
            if not writer.closed:
                if writer.finished:
                    writer.retry()
                else:
                    writer.finish()
            if writer.whole:
                writer.close()
                if len(self.pcm) < writer.audio_on_disk:  # a stop phrase was cut off: keep the account without it
                    try:
                        trimmed = self._copy_to(journal_dir(self.diary.path))
                    except JournalError:
                        pass
                    else:
                        writer.discard()
                        return self._not_stored("journal", path=trimmed)
                return self._not_stored("journal", path=writer.path)
        elif self._recovered is not None:
            return self._not_stored("journal", path=self._recovered.path)
        elif self.seconds:  # a recording on disk is not journaled while heard: journal it now, for recover
            try:
                return self._not_stored("journal", path=self._copy_to(journal_dir(self.diary.path)))
            except JournalError:
                pass
        if self.fallback_dir is not None and self.seconds:
            try:
                copy = self._copy_to(self.fallback_dir)
            except (JournalError, OSError) as exc:
                log.warning("the fallback folder %s did not take the account either (%s)", self.fallback_dir,
                            reason(exc))
            else:
                if writer is not None:
                    writer.discard()  # the whole copy replaces the part beside the diary
                return self._not_stored("fallback", path=copy)
        on_disk = 0.0
        if writer is not None:
            writer.abandon()  # every whole record stays, for recover
            on_disk = pcm.seconds(writer.audio_on_disk)
        if self.original is not None:
            return self._not_stored("file", path=self.original)
        return self._not_stored("lost", path=writer.path if writer is not None and on_disk else None,
                                on_disk=min(on_disk, self.seconds))

    def _copy_to(self, folder: Path) -> Path:
        sealer = self.diary.sealer
        if sealer is None:
            raise JournalError(f"The diary {self.diary.path} has no key to seal a recording with.")
        return write_journal(folder, sealer, self._pcm(), recorded_at=self.recorded_at, meta=self._meta(),
                             stamp=self.diary.journal_stamp())

    def _not_stored(self, place: Place, *, path: Path | None = None, on_disk: float = 0.0,
                    trying: bool = False) -> NotStored:
        writer_problem = self._writer.problem if self._writer is not None else None
        problem = self.problem or writer_problem
        if place == "memory" and writer_problem is not None:
            problem = writer_problem
        if place in ("memory", "lost") and self._writer is not None:
            on_disk = min(pcm.seconds(self._writer.audio_on_disk), self.seconds)
        return NotStored(place, self.recorded_at, self.seconds, self.full,
                         reason(problem) if problem is not None else "unknown", path=path, on_disk=on_disk,
                         fallback_dir=self.fallback_dir, trying=trying)

    def _say_if_behind(self) -> None:
        problem = self._writer.problem if self._writer is not None else None
        behind = problem is not None
        if problem is not None and not self._behind:
            later = (f"it goes to the fallback folder {self.fallback_dir} if voicelog has to stop first"
                     if self.fallback_dir else "it is lost if voicelog stops first")
            cause = "The disk is full" if self.full else f"The journal could not be written ({reason(problem)})"
            self._tell(f"{cause}: the account being recorded is held in memory from now on; free some space - "
                       f"voicelog keeps trying - or {later}.")
        elif self._behind and not behind:
            self._tell("There is space again: the account being recorded is written to the journal again.")
        self._behind = behind

    def _meta(self) -> dict[str, object]:
        # Whether to keep the audio is sealed into the journal, so that `voicelog recover` honours
        # --no-audio for an account cut off by a crash.
        return {"source": self.source, "keep_audio": self.keep_audio}

    def _open_journal(self) -> JournalWriter:
        sealer = self.diary.sealer
        if sealer is None:
            raise DiaryError(f"The diary {self.diary.path} has no key to seal a recording with; run `voicelog init`.")
        folder = journal_dir(self.diary.path)
        return JournalWriter(journal_path(folder), sealer, recorded_at=self.recorded_at,
                             meta=self._meta(), stamp=self.diary.journal_stamp())


def _flac(audio: bytes) -> bytes:
    import numpy as np

    from voicelog.audio import encode_flac

    return encode_flac(np.frombuffer(audio, dtype=np.int16))


def extract_account(diary: Diary, transcript: Transcript, *, recorded_at: datetime) -> Incident:
    """The incident in ``transcript``, with the diary's people registry when it is unlocked.

    When extraction fails the incident is empty and marked, so the account is
    stored all the same, without fields, for ``voicelog reextract``.
    """
    known: list[KnownPerson] = []
    places: tuple[str, ...] = ()
    try:
        if diary.opener is not None:  # unlocked: the people list and the places the person confirmed
            from voicelog.app.registry import confirmed_places

            known, places = diary.people(), confirmed_places(diary.entries())
        from voicelog.extract import extract_incident

        return extract_incident(transcript.text, recorded_at=recorded_at, known_people=known, known_places=places)
    except Exception as exc:  # the account matters more than its fields: store it, extract later
        log.warning("extraction failed (%s); the account is stored without fields", type(exc).__name__)
        return Incident(extractor_version=EXTRACTION_FAILED,
                        uncertain=("date", "time", "location", "people", "categories"))


def store_account(diary: Diary, transcript: Transcript, *, recorded_at: datetime, source: str,
                  pcm: bytes | None = None, recovered: bool = False) -> Entry:
    """Extract the incident from ``transcript`` and append it (with its audio, if given) to ``diary``.

    A sealed diary opened without the passphrase cannot read its own people
    registry; the entry is then marked so the registry is applied at the next
    unlock (:func:`voicelog.app.registry.apply_registry`).
    """
    incident = extract_account(diary, transcript, recorded_at=recorded_at)
    return diary.append(recorded_at=recorded_at, transcript=transcript, incident=incident, source=source,
                        audio=_flac(pcm) if pcm else None, recovered=recovered,
                        registry_applied=diary.opener is not None)


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


def journals_waiting(diary_path: Path, fallback_dir: Path | None = None) -> bool:
    """Whether a recording cut off by a crash (or kept on a full disk) left a journal beside ``diary_path``, or in
    the fallback folder."""
    from voicelog.store.journal_reader import find_journals

    return bool(find_journals(journal_dir(diary_path)) or (fallback_dir and find_journals(fallback_dir)))
