"""Dictating one account, from a microphone or a recording, into the diary."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from voicelog.app.pump import BackgroundReader, stop_after
from voicelog.app.recorder import EXTRACTION_FAILED, AccountRecorder, warm_up_extractor
from voicelog.app.safekeeping import AccountNotStored, NotStored, UnopenedDiary
from voicelog.engines.base import Engine
from voicelog.errors import AudioError, NoSpeechError
from voicelog.heap import bound_heap, give_back_freed_memory
from voicelog.settings import DictateSettings
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry

READ_AHEAD = 300
"""How many chunks a source that can wait (a file) is read ahead of the recogniser: a file's are 0.5 s each, so
2.5 minutes (4.8 MB), longer than the longest stretch a recogniser hears at once (Whisper's two-minute windows),
so reading goes on while it works."""


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
    path: Path | None = None
    """The recording on disk, for a file."""
    warning: str | None = None
    """What the person must be told about the input (a file cut short), once the account is stored."""
    late_warning: Callable[[], str | None] | None = None
    """Asked once the audio has been heard: what decoding found (a compressed file damaged or cut short)."""
    dated: str | None = None
    """How :attr:`recorded_at` was found, for the person (``dated 2026-03-14 09:12 from ...``); None when given."""


@dataclass(frozen=True)
class Dictation:
    """A stored dictation."""

    entry: Entry
    """The new entry."""
    seconds: float
    """Seconds of audio heard."""
    warning: str | None = None
    """What the person must be told about the input, e.g. that the recording was cut short."""

    @property
    def extraction_failed(self) -> bool:
        """The account is stored but its fields could not be worked out (``voicelog reextract`` redoes them)."""
        return self.entry.incident.extractor_version == EXTRACTION_FAILED


def file_input(path: Path, *, recorded_at: datetime | None = None) -> AudioInput:
    """A recording on disk (WAV, M4A, Ogg, MP3, ...) as dictation input; refuses a missing, broken, silent or
    non-audio file before anything loads.

    Without ``recorded_at`` the account is dated by the recording's own metadata, else its modification time.
    """
    from voicelog.audio import has_sound
    from voicelog.audio.dating import recording_time
    from voicelog.audio.decode import open_audio

    audio = open_audio(path)  # the header is checked now; the audio is decoded block by block as it is heard
    if not has_sound(audio.chunks()):  # reads only as far as the first sound
        raise AudioError(f"{path} contains no speech (it is silent); nothing was stored.")
    if recorded_at is not None:
        when, dated = recorded_at, None
    else:
        found = recording_time(path)
        when, dated = found.when, found.describe()
    return AudioInput(audio.chunks(), when, f"file:{path.name}", name=str(path), journal=False,
                      path=path, warning=audio.warning, late_warning=lambda: audio.warning, dated=dated)


def file_recorded_at(path: Path) -> datetime:
    """When a recording was made, as far as the file says: its own metadata, else its modification time (local)."""
    from voicelog.audio.dating import recording_time

    return recording_time(path).when


def dictate(source: AudioInput, settings: DictateSettings, diary: Diary | UnopenedDiary, *,
            load_engine: Callable[[], Engine] | None = None,
            on_words: Callable[[str], None] | None = None,
            tell: Callable[[str], None] | None = None,
            wait_for_space: Callable[[NotStored], bool] | None = None) -> Dictation:
    """Hear ``source`` and store it as an entry in ``diary``.

    The audio is journaled (sealed) from its first chunk while the engine and
    the extractor load, so a crash loses at most about half a second (a file
    on disk is not journaled: it survives a crash by itself). A live
    source ends after ``settings.silence`` seconds of quiet (or when its owner
    stops it: Enter, Ctrl-C). ``load_engine`` loads the recogniser (default: the
    one ``settings.engine`` picks), after capture has started; ``on_words`` is told
    the words recognised so far, ``tell`` what the person must know at once
    (the disk filled up while recording). Raises NoSpeechError (nothing stored,
    no journal left) when no words were heard, and AudioError when the
    microphone fails midway (the journal is kept for ``voicelog recover``).

    When the diary does not take the account (a full disk, a damaged diary), it
    is tried again once; while the disk is full, ``wait_for_space`` (if given)
    is asked whether to try again after the person frees some. Then the account
    goes into a sealed journal, beside the diary or in ``settings.fallback_dir``,
    and :class:`AccountNotStored` says where (or, as a last resort, that it is lost).
    """
    from voicelog.audio import SilenceDetector, until_silence

    bound_heap()
    recorder = AccountRecorder(diary, recorded_at=source.recorded_at, source=source.source,
                               keep_audio=settings.keep_audio, journal=source.journal,
                               fallback_dir=settings.fallback_dir, original=source.path, tell=tell,
                               compress=not source.journal)  # a file's audio is held as FLAC, not PCM
    # Capture starts now. A file is read at most a few seconds ahead of the recogniser: it can wait, a microphone
    # cannot, and read all at once a long recording would sit in memory.
    pump = BackgroundReader(recorder.journaled(source.chunks), name="voicelog-journal",
                            max_items=0 if source.live else READ_AHEAD)
    warm = warm_up_extractor()
    try:
        hearing = load_engine() if load_engine is not None else _default_engine(settings)
        chunks: Iterable[bytes] = pump
        if source.live:
            chunks = until_silence(chunks, SilenceDetector(silence_seconds=settings.silence))
        if source.stop is not None:
            chunks = stop_after(chunks, source.stop)
        from voicelog.app.rehear import primed_transcriber

        transcript = primed_transcriber(hearing, diary).transcribe(chunks, on_text=on_words)
        pump.drain()  # the audio after the speaker stopped is journaled and kept by the pump's thread
        if transcript.is_empty:
            raise NoSpeechError(f"No speech was recognised in {source.name}; nothing was stored.")
    except NoSpeechError:
        pump.close()
        recorder.discard()  # nothing was said: nothing to recover either
        raise
    except AudioError as exc:  # the microphone failed mid-account: keep what was heard
        pump.close()
        kept = recorder.keep_safe() if recorder.seconds and recorder.waiting_for_space else None
        if kept is None or kept.place == "journal":
            recorder.abandon()
            raise AudioError(f"{exc} What you said before that is kept; run `voicelog recover` "
                             "to turn it into an entry.") from exc
        raise AudioError(f"{exc} {kept.message}") from exc
    except BaseException:
        pump.close()
        if source.journal and recorder.seconds and recorder.waiting_for_space:
            kept = recorder.keep_safe()  # a full disk: what was heard goes where `voicelog recover` finds it
            if tell is not None:
                tell(kept.message)
        else:
            recorder.abandon()
        raise
    warm.join()
    give_back_freed_memory()  # before the recording is sealed and stored, its largest moment
    seconds = recorder.seconds
    entry = recorder.try_store(transcript)
    if entry is None:
        entry = recorder.retry()  # once more, as the command ends
    try:
        while entry is None and wait_for_space is not None and recorder.full and wait_for_space(recorder.status()):
            entry = recorder.retry()
    except KeyboardInterrupt:
        pass  # the person stopped waiting for space: the account is kept safe below all the same
    if entry is None:
        raise AccountNotStored(recorder.keep_safe())
    return Dictation(entry, seconds, source.warning or (source.late_warning() if source.late_warning else None))


def _default_engine(settings: DictateSettings) -> Engine:
    from voicelog.engines import load_engine

    return load_engine(settings.engine)
