"""Dictating one account, from a microphone or a recording, into the diary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from voicelog import pcm
from voicelog.app.pump import BackgroundReader, stop_after
from voicelog.app.recorder import EXTRACTION_FAILED, AccountRecorder, warm_up_extractor
from voicelog.engines.base import Engine
from voicelog.errors import AudioError, NoSpeechError
from voicelog.settings import DictateSettings
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry


@dataclass(frozen=True)
class AudioInput:
    """Where a dictation's audio comes from: any iterable of 16 kHz mono int16 chunks."""

    chunks: Iterable[bytes]
    """The audio, as a microphone delivers it."""
    recorded_at: datetime
    """When the account was spoken."""
    source: str
    """Stored with the entry: ``microphone`` or ``file:NAME``."""
    live: bool = False
    """A live microphone: the account ends after :attr:`DictateSettings.silence` of quiet."""
    stop: Callable[[], None] | None = None
    """Ends a live source once the speaker has finished."""
    name: str = "the recording"
    """How messages refer to it."""
    journal: bool = True
    """Journal the audio while it is heard; a recording on disk needs none (it survives a crash by itself)."""


@dataclass(frozen=True)
class Dictation:
    """A stored dictation."""

    entry: Entry
    """The new entry."""
    seconds: float
    """Seconds of audio heard."""

    @property
    def extraction_failed(self) -> bool:
        """The account is stored but its fields could not be worked out (``voicelog reextract`` redoes them)."""
        return self.entry.incident.extractor_version == EXTRACTION_FAILED


def file_input(path: Path, *, recorded_at: datetime | None = None) -> AudioInput:
    """A recording on disk as dictation input; refuses a missing, broken or silent file before anything loads.

    Without ``recorded_at`` the account is dated by the file's modification time.
    """
    from voicelog.audio import is_silent, read_wav

    samples = read_wav(path)
    if is_silent(samples):
        raise AudioError(f"{path} contains no speech (it is silent); nothing was stored.")
    when = recorded_at or file_recorded_at(path)
    return AudioInput(pcm.chunks(samples.tobytes()), when, f"file:{path.name}", name=str(path), journal=False)


def file_recorded_at(path: Path) -> datetime:
    """When a recording was made, as far as the file says: its modification time, local."""
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def dictate(source: AudioInput, settings: DictateSettings, diary: Diary, *,
            load_engine: Callable[[], Engine] | None = None,
            on_words: Callable[[str], None] | None = None) -> Dictation:
    """Hear ``source`` and store it as an entry in ``diary``.

    The audio is journaled (sealed) from its first chunk while the engine and
    the extractor load, so a crash loses at most about half a second (a file
    on disk is not journaled: it survives a crash by itself). A live
    source ends after ``settings.silence`` seconds of quiet (or when its owner
    stops it: Enter, Ctrl-C). ``load_engine`` loads the recogniser (default: the
    one ``settings.engine`` picks), after capture has started; ``on_words`` is told
    the words recognised so far. Raises NoSpeechError (nothing stored, no
    journal left) when no words were heard, and AudioError when the microphone
    fails midway (the journal is kept for ``voicelog recover``).
    """
    from voicelog.audio import SilenceDetector, until_silence

    recorder = AccountRecorder(diary, recorded_at=source.recorded_at, source=source.source,
                               keep_audio=settings.keep_audio, journal=source.journal)
    pump = BackgroundReader(recorder.journaled(source.chunks), name="voicelog-journal")  # capture starts now
    warm = warm_up_extractor()
    try:
        hearing = load_engine() if load_engine is not None else _default_engine(settings)
        chunks: Iterable[bytes] = pump
        if source.live:
            chunks = until_silence(chunks, SilenceDetector(silence_seconds=settings.silence))
        if source.stop is not None:
            chunks = stop_after(chunks, source.stop)
        transcript = hearing.transcriber.transcribe(chunks, on_text=on_words)
        pump.drain()  # the audio after the speaker stopped is journaled and kept by the pump's thread
        if transcript.is_empty:
            raise NoSpeechError(f"No speech was recognised in {source.name}; nothing was stored.")
    except NoSpeechError:
        recorder.discard()  # nothing was said: nothing to recover either
        raise
    except AudioError as exc:  # the microphone failed mid-account: keep what was journaled
        recorder.abandon()
        raise AudioError(f"{exc} What you said before that is kept; run `voicelog recover` "
                         "to turn it into an entry.") from exc
    except BaseException:
        recorder.abandon()
        raise
    warm.join()
    seconds = recorder.seconds
    return Dictation(recorder.store(transcript), seconds)


def _default_engine(settings: DictateSettings) -> Engine:
    from voicelog.engines import load_engine

    return load_engine(settings.engine)
