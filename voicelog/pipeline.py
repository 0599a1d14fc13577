"""The whole path from audio to a diary entry, as plain functions the CLI calls."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

from voicelog.engines.base import Transcriber
from voicelog.errors import AudioError, JournalError, NoSpeechError
from voicelog.pcm import SAMPLE_RATE
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.transcript import Transcript

log = logging.getLogger(__name__)

T = TypeVar("T")


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


def file_samples(path: Path) -> np.ndarray:
    """The WAV at ``path`` as 16 kHz mono int16, refusing a silent one."""
    from voicelog.audio import is_silent, read_wav

    samples = read_wav(path)
    if is_silent(samples):
        raise AudioError(f"{path} contains no speech (it is silent); nothing was stored.")
    return samples


def chunks_of(samples: np.ndarray, *, chunk_seconds: float = 0.5) -> list[bytes]:
    """``samples`` cut into PCM chunks as a microphone would deliver them."""
    step = int(SAMPLE_RATE * chunk_seconds)
    return [samples[i : i + step].tobytes() for i in range(0, len(samples), step)]


def transcribe(
    chunks: Iterable[bytes],
    transcriber: Transcriber,
    *,
    on_text: Callable[[str], None] | None = None,
    what: str = "the recording",
) -> Transcript:
    """Run the recogniser and refuse an account in which it heard nothing."""
    transcript = transcriber.transcribe(chunks, on_text=on_text)
    if transcript.is_empty:
        raise NoSpeechError(f"No speech was recognised in {what}; nothing was stored.")
    return transcript


def store_account(
    diary: Diary,
    transcript: Transcript,
    *,
    recorded_at: datetime,
    source: str,
    pcm: bytes | None = None,
    recovered: bool = False,
) -> Entry:
    """Extract the incident from ``transcript`` and append it (with its audio, if given) to ``diary``.

    A sealed diary opened without the passphrase cannot read its own people
    registry; the entry is then marked so the registry is applied at the next unlock.
    """
    from voicelog.audio import encode_flac
    from voicelog.incident import Incident

    known = diary.people() if diary.opener is not None else []
    try:
        from voicelog.extract import extract_incident

        incident = extract_incident(transcript.text, recorded_at=recorded_at, known_people=known)
    except Exception as exc:  # the account matters more than its fields: store it, extract later
        log.warning("extraction failed (%s); the account is stored without fields", type(exc).__name__)
        incident = Incident(extractor_version=EXTRACTION_FAILED,
                            uncertain=("date", "time", "location", "people", "categories"))
    audio = encode_flac(np.frombuffer(pcm, dtype=np.int16)) if pcm else None
    return diary.append(recorded_at=recorded_at, transcript=transcript, incident=incident, source=source,
                        audio=audio, recovered=recovered, registry_applied=diary.opener is not None)


EXTRACTION_FAILED = "failed"
"""The extractor version of an entry stored when extraction failed; `voicelog reextract` redoes it."""


def file_recorded_at(path: Path) -> datetime:
    """When a WAV was made, as far as the file says: its modification time, local."""
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


class Prefetched(Generic[T]):
    """Pulls items from ``source`` on a thread from now on, so audio is captured while models load.

    The one background pump for audio: an exception in ``source`` is raised in
    the consuming thread; :meth:`drain` takes what the consumer left. (:class:`Journaled`
    is this with a journal write in ``source``.)
    """

    def __init__(self, source: Iterable[T], *, name: str = "voicelog-capture") -> None:
        import queue

        self._queue: queue.Queue[T | _End | BaseException] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(source,), name=name, daemon=True)
        self._thread.start()

    def _pump(self, source: Iterable[T]) -> None:
        try:
            for item in source:
                self._queue.put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised in its thread
            self._queue.put(exc)
        finally:
            self._queue.put(_END)

    def __iter__(self) -> Iterator[T]:
        import queue

        while True:
            try:
                item = self._queue.get(timeout=0.5)  # a timeout keeps signal handlers responsive
            except queue.Empty:
                continue
            if isinstance(item, _End):
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def drain(self, timeout: float = 5.0) -> list[T]:
        """Wait up to ``timeout`` seconds for ``source`` to end; return the items nobody consumed."""
        self._thread.join(timeout=timeout)
        left: list[T] = []
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if not isinstance(item, (_End, BaseException)):
                left.append(item)
        return left


class _End:
    """Marks the end of a :class:`Prefetched` source (None may be a real item)."""


_END = _End()


class Journaled:
    """Passes audio chunks through while a background thread journals every one to disk at once.

    The journal is written as chunks arrive from the microphone, even while the
    recogniser is still loading, so a crash at any moment loses at most about a
    second. The collected PCM is kept for the entry's audio.
    """

    def __init__(self, source: Iterable[bytes], writer: object) -> None:
        self.pcm = bytearray()
        self._pre = Prefetched(self._journal(source, writer), name="voicelog-journal")

    @staticmethod
    def _journal(source: Iterable[bytes], writer: object) -> Iterator[bytes]:
        for chunk in source:
            writer.append(chunk)  # type: ignore[attr-defined]
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._pre:
            self.pcm += chunk
            yield chunk

    def drain(self) -> None:
        """Take whatever the consumer left (it may stop early on silence) so the entry keeps it all."""
        for chunk in self._pre.drain():
            self.pcm += chunk


@dataclass(frozen=True)
class Recovered:
    """What ``recover`` did with one leftover journal."""

    journal: Path
    """The journal file."""
    entry: Entry | None
    """The entry made from it, or None when it held no speech."""
    seconds: float
    """Seconds of audio it held."""
    problem: str = ""
    """Why it could not be read, for a journal set aside as damaged."""


def recover_journals(diary: Diary, folder: Path, transcriber: Callable[[], Transcriber], *,
                     keep_audio: bool = True) -> list[Recovered]:
    """Turn every leftover journal in ``folder`` into an entry marked recovered, then delete it.

    Needs the diary unlocked (the journals are sealed). A silent journal is
    deleted with nothing stored. Audio in which the recogniser found no words is
    still stored, with an empty transcript, because it may be evidence. A journal
    that cannot be read is renamed ``*.damaged`` and left for the person, so it
    never blocks a new recording.
    """
    from voicelog.audio import is_silent
    from voicelog.store.journal import find_journals, read_journal

    done = []
    for path in find_journals(folder):
        try:
            journal = read_journal(path, diary.opener)  # type: ignore[arg-type]
        except JournalError as exc:
            damaged = path.with_name(path.name + ".damaged")
            path.rename(damaged)
            done.append(Recovered(damaged, None, 0.0, problem=str(exc)))
            continue
        samples = np.frombuffer(journal.pcm, dtype=np.int16)
        if not len(samples) or is_silent(samples):
            path.unlink()
            done.append(Recovered(path, None, len(samples) / SAMPLE_RATE))
            continue
        try:
            text = transcribe(chunks_of(samples), transcriber(), what=path.name)
        except NoSpeechError:
            text = Transcript(text="", duration=len(samples) / SAMPLE_RATE)
        keep = keep_audio and bool(journal.meta.get("keep_audio", True))  # as the recording asked
        entry = store_account(diary, text, recorded_at=journal.recorded_at, source="recovered",
                              pcm=journal.pcm if keep or text.is_empty else None, recovered=True)
        path.unlink()  # only now that the entry is safely stored
        done.append(Recovered(path, entry, len(samples) / SAMPLE_RATE))
    return done


def apply_registry(diary: Diary) -> list[int]:
    """Re-extract entries recorded while the diary was locked, now that the people registry can be read.

    Each gets a re-extraction amendment (the original stays), at most once even with
    two readers at once (:meth:`Diary.apply_registry`); returns their numbers.
    """
    from voicelog.extract import extract_incident

    return diary.apply_registry(lambda entry, known: extract_incident(
        entry.transcript.text, recorded_at=datetime.fromisoformat(entry.recorded_at), known_people=list(known)))


def reextract(diary: Diary, *, every: bool = False) -> list[tuple[int, str, str]]:
    """Re-run extraction on entries made by an older extractor (or ``every`` entry).

    Each gets a re-extraction amendment; the person's own corrections still win.
    Returns (entry number, old version, new version) for each one redone.
    """
    from voicelog.extract import EXTRACTOR_VERSION, extract_incident

    known = diary.people()
    done = []
    for entry in diary.entries():
        machine = next((a.incident for a in reversed(entry.amendments) if a.incident is not None),
                       entry.original or entry.incident)
        if not every and machine.extractor_version == EXTRACTOR_VERSION:
            continue
        when = datetime.fromisoformat(entry.recorded_at)
        incident = extract_incident(entry.transcript.text, recorded_at=when, known_people=known)
        diary.amend(entry.seq, incident=incident, note=f"re-extracted with {EXTRACTOR_VERSION}")
        done.append((entry.seq, machine.extractor_version, EXTRACTOR_VERSION))
    return done

