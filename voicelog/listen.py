"""Hands-free listening: wait for a private wake phrase, record the account that follows, store it.

The loop is a plain class fed by any iterator of 16 kHz mono int16 chunks (a
microphone, or a WAV file for tests and for long recordings made elsewhere):

    waiting --wake phrase / button--> recording --stop phrase / silence / max length / button--> saving --> waiting
                                          \\--cancel phrase--> (journal deleted, nothing stored) --> waiting

While waiting, speech is only checked for the wake phrase and then dropped at
once: it is never stored, never logged and not kept beyond the utterance being
checked. The account is journaled to disk (sealed) as it arrives, so a power cut
loses at most half a second; it is stored through :func:`voicelog.pipeline.store_account`.

Vosk listens with a tiny grammar (the wake phrase, plus ``[unk]`` where the
model has it) while waiting, which keeps the CPU low; Whisper hears utterances
cut at pauses and only those its voice-activity detector calls speech. The log
gets state changes only, never words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from voicelog.engines.base import AccountHearer, Engine
from voicelog.errors import UsageError
from voicelog.pcm import SAMPLE_RATE
from voicelog.phrases import find_phrase, normalise, strip_phrase

if TYPE_CHECKING:
    from voicelog.store.diary import Diary
    from voicelog.store.entries import Entry

log = logging.getLogger(__name__)


State = Literal["waiting", "recording", "saving", "stopped"]
OutcomeKind = Literal["saved", "cancelled", "empty"]

@dataclass(frozen=True)
class ListenSettings:
    """What the listening loop needs to know; from flags, else the config file, else these defaults."""

    wake: str
    """The private phrase that starts an account. There is deliberately no default."""
    stop: str | None = None
    """A phrase that ends the account (its words are not stored)."""
    cancel: str | None = None
    """A phrase that throws the account away: nothing is stored."""
    silence: float = 4.0
    """Seconds of quiet that end the account."""
    max_seconds: float = 600.0
    """The longest an account may run."""
    start_timeout: float = 20.0
    """Seconds after the wake phrase with no speech before going back to waiting."""
    keep_audio: bool = True
    """Keep the recording (sealed) with the entry."""

    def __post_init__(self) -> None:
        if not normalise(self.wake):
            raise UsageError(
                "No wake phrase is set. Choose a phrase only you would say and pass it with "
                '--wake "…", or set wake = "…" in the config file (`voicelog paths` shows where).'
            )
        for name in ("stop", "cancel"):
            value = getattr(self, name)
            if value is not None and not normalise(value):
                object.__setattr__(self, name, None)
        phrases = [normalise(p) for p in (self.wake, self.stop, self.cancel) if p]
        if len(set(map(tuple, phrases))) != len(phrases):
            raise UsageError("The wake, stop and cancel phrases must differ from each other.")


@dataclass(frozen=True)
class Outcome:
    """What became of one account the loop heard."""

    kind: OutcomeKind
    """``saved``, ``cancelled`` (the cancel phrase), or ``empty`` (nothing said after the wake phrase)."""
    reason: str
    """What ended it: ``stop phrase``, ``silence``, ``max length``, ``button``, ``shutdown``,
    ``end of input``, ``device lost``, ``cancel phrase``, ``no speech``."""
    seconds: float
    """Seconds of audio recorded for it."""
    entry: Entry | None = None
    """The stored entry, when saved."""


# --------------------------------------------------------------------------- feedback


class Feedback(Protocol):
    """Tells the person, discreetly, what the loop is doing."""

    def recording(self) -> None:
        """An account has started."""
        ...

    def saved(self, entry: Entry) -> None:
        """An account was stored as ``entry``."""
        ...

    def discarded(self) -> None:
        """An account was cancelled, or nothing was said."""
        ...

    def waiting(self) -> None:
        """Back to waiting for the wake phrase."""
        ...


class NoFeedback:
    """Say nothing (the default)."""

    def recording(self) -> None:
        pass

    def saved(self, entry: Entry) -> None:
        pass

    def discarded(self) -> None:
        pass

    def waiting(self) -> None:
        pass


# --------------------------------------------------------------------------- the loop


class Listener:
    """The hands-free loop over any iterator of 16 kHz mono int16 chunks.

    ``clock`` gives the time an account starts (``datetime.now`` for a
    microphone; for a file, its start time plus the offset). Thread-safe
    controls: :meth:`press` (a button), :meth:`shutdown` (SIGTERM),
    :meth:`reload` (SIGHUP).
    """

    def __init__(
        self,
        settings: ListenSettings,
        engine: Engine,
        diary: Diary,
        *,
        journal_dir: Path,
        feedback: Feedback | None = None,
        source: str = "listen",
        clock: Callable[[float], datetime] | None = None,
        on_saved: Callable[[Entry], None] | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.diary = diary
        self.journal_dir = Path(journal_dir)
        self.feedback: Feedback = feedback or NoFeedback()
        self.source = source
        self.clock = clock or (lambda _offset: datetime.now().replace(microsecond=0))
        self.on_saved = on_saved
        self.state: State = "stopped"
        """``waiting``, ``recording``, ``saving``, or ``stopped`` (before :meth:`run` and after it)."""
        self.outcomes: list[Outcome] = []
        """What became of each account, in order (no words in it, apart from stored entries)."""
        self._spotter = engine.spotter(settings.wake)
        self._pressed = threading.Event()
        self._shutdown = threading.Event()
        self._new_settings: ListenSettings | None = None
        self._lock = threading.Lock()
        self._samples = 0
        self._rec: _Recording | None = None

    # -- controls (any thread, or a signal handler)

    def press(self) -> None:
        """A button press: start an account while waiting, end it while recording."""
        self._pressed.set()

    def shutdown(self) -> None:
        """Finish the account in progress as an entry, then stop at the next chunk."""
        self._shutdown.set()

    def reload(self, settings: ListenSettings) -> None:
        """Use new phrases and limits from the next time the loop is waiting."""
        with self._lock:
            self._new_settings = settings

    # -- the loop

    def run(self, chunks: Iterable[bytes]) -> list[Outcome]:
        """Listen to ``chunks`` until they end or :meth:`shutdown`; returns the outcomes."""
        self._set_state("waiting")
        try:
            for chunk in chunks:
                if self._shutdown.is_set():
                    break
                if not chunk:  # the source's sign that the device was lost
                    if self._rec is not None:
                        self._finish("device lost")
                    continue
                self._step(chunk)
                self._samples += len(chunk) // 2
        finally:
            if self._rec is not None:
                self._finish("shutdown" if self._shutdown.is_set() else "end of input")
            self._set_state("stopped")
        return self.outcomes

    def _step(self, chunk: bytes) -> None:
        if self._rec is None:
            with self._lock:
                new, self._new_settings = self._new_settings, None
            if new is not None:
                self._apply(new)
            if self._pressed.is_set():
                self._pressed.clear()
                self._spotter.reset()
                self._start("button")
            elif self._spotter.feed(chunk):
                self._spotter.reset()
                self._start("wake phrase")
            return
        rec = self._rec
        if self._pressed.is_set():
            self._pressed.clear()
            rec.add(chunk)
            self._finish("button")
            return
        reason = rec.add(chunk)
        if reason is not None:
            self._finish(reason)

    def _apply(self, settings: ListenSettings) -> None:
        changed_wake = normalise(settings.wake) != normalise(self.settings.wake)
        self.settings = settings
        if changed_wake:
            self._spotter = self.engine.spotter(settings.wake)
        log.info("settings reloaded")

    def _start(self, why: str) -> None:
        offset = self._samples / SAMPLE_RATE
        recorded_at = self.clock(offset)
        self._rec = _Recording(self.settings, self.engine.hearer(), recorded_at,
                               journal=lambda: self._journal(recorded_at))
        self._set_state("recording", f"recording (started by the {why})")
        self.feedback.recording()

    def _journal(self, recorded_at: datetime) -> Any:
        """A new sealed journal for the account; made only once its first audio arrives, so a microphone
        that fails to open leaves nothing behind. Whether to keep the audio is sealed into it, so that
        `voicelog recover` honours --no-audio for an account cut off by a crash."""
        from voicelog.store.journal import JournalWriter, journal_path

        self.journal_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return JournalWriter(journal_path(self.journal_dir, recorded_at), self.diary.sealer,
                             recorded_at=recorded_at,
                             meta={"source": self.source, "keep_audio": self.settings.keep_audio})

    def _finish(self, reason: str) -> None:
        from voicelog import pipeline

        rec, self._rec = self._rec, None
        assert rec is not None
        reason = rec.reason or reason
        self._set_state("saving")
        outcome: Outcome
        try:
            if reason == "cancel phrase":
                rec.discard()
                outcome = Outcome("cancelled", reason, rec.seconds)
                log.info("account cancelled; nothing stored")
            else:
                transcript = rec.hearer.finish()
                pcm = bytes(rec.pcm)
                if reason == "stop phrase" and self.settings.stop:
                    transcript, cut = strip_phrase(transcript, self.settings.stop)
                    if cut is not None:  # the stop phrase is not kept in the audio either
                        pcm = pcm[: int(cut * SAMPLE_RATE) * 2]
                transcript = rec.hearer.final(pcm, transcript)
                if reason == "stop phrase" and self.settings.stop:  # in case the cut let a word of it through
                    transcript = strip_phrase(transcript, self.settings.stop)[0]
                if transcript.is_empty or reason == "no speech":
                    rec.discard()
                    outcome = Outcome("empty", "no speech" if reason == "no speech" else reason, rec.seconds)
                    log.info("nothing was said after the wake phrase; nothing stored")
                else:
                    if rec.writer is not None:
                        rec.writer.close()
                    entry = pipeline.store_account(self.diary, transcript, recorded_at=rec.recorded_at,
                                                   source=self.source, pcm=pcm if rec.keep_audio else None)
                    rec.discard()  # only now that the entry is safely stored
                    outcome = Outcome("saved", reason, rec.seconds, entry)
                    log.info("saved entry %d (%.0f s, ended by %s)", entry.seq, rec.seconds, reason)
                    if self.on_saved is not None:
                        self.on_saved(entry)
                del transcript, pcm
        except BaseException:
            if rec.writer is not None and not rec.writer.closed:
                rec.writer.abandon()  # the journal stays for `voicelog recover`
            raise
        finally:
            rec.pcm = bytearray()
            self._spotter.reset()
        self.outcomes.append(outcome)
        if outcome.kind == "saved" and outcome.entry is not None:
            self.feedback.saved(outcome.entry)
        else:
            self.feedback.discarded()
        if not self._shutdown.is_set():
            self._set_state("waiting")
            self.feedback.waiting()

    def _set_state(self, state: State, message: str | None = None) -> None:
        if state != self.state or message:
            self.state = state
            if state == "waiting":
                log.info("waiting for the wake phrase")
            elif state == "stopped":
                log.info("stopped")
            elif message:
                log.info("%s", message)
        self.state = state


class _Recording:
    """One account in progress: journal, recogniser, endpointing, stop and cancel phrases."""

    def __init__(self, settings: ListenSettings, hearer: AccountHearer, recorded_at: datetime, *,
                 journal: Callable[[], Any]) -> None:
        from voicelog.audio import SilenceDetector

        self.settings = settings
        self.keep_audio = settings.keep_audio
        """Fixed when the account starts: a reload while saving does not change it."""
        self.hearer = hearer
        self.writer: Any = None
        """The account's journal, opened by ``journal()`` with the first audio."""
        self._journal = journal
        self.recorded_at = recorded_at
        self.pcm = bytearray()
        self.reason: str | None = None
        self._heard: list[str] = []  # the last few words only, to spot a phrase across results
        self._detector = SilenceDetector(silence_seconds=settings.silence, initial_timeout=settings.start_timeout,
                                         max_seconds=settings.max_seconds)
        self._stop = normalise(settings.stop) if settings.stop else None
        self._cancel = normalise(settings.cancel) if settings.cancel else None

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / SAMPLE_RATE

    def discard(self) -> None:
        """Delete the journal, if one was opened."""
        if self.writer is not None:
            self.writer.discard()

    def add(self, chunk: bytes) -> str | None:
        """Journal and hear ``chunk``; return why the account ends, if it does."""
        if self.writer is None:
            self.writer = self._journal()
        self.writer.append(chunk)
        self.pcm += chunk
        new = self.hearer.feed(chunk)
        if new:
            self._heard = (self._heard + new)[-12:]
            if self._cancel and find_phrase(self._cancel, self._heard) is not None:
                self.reason = "cancel phrase"
                return self.reason
            if self._stop and find_phrase(self._stop, self._heard) is not None:
                self.reason = "stop phrase"
                return self.reason
        if self._detector.feed(chunk):
            self.reason = {"silence": "silence", "max_length": "max length", "no_speech": "no speech"}[
                self._detector.reason or "silence"]
            return self.reason
        return None


# --------------------------------------------------------------------------- helpers for the CLI


def file_clock(start: datetime) -> Callable[[float], datetime]:
    """A clock for ``listen --file``: each account is dated by its offset into the recording."""
    return lambda offset: (start + timedelta(seconds=offset)).replace(microsecond=0)


def settings_from(config: Any, **flags: Any) -> ListenSettings:
    """Flags over the config file: ``wake``, ``stop``, ``cancel``, ``silence``, ``max_seconds``, ``keep_audio``."""
    def pick(name: str, cfg: Any) -> Any:
        value = flags.get(name)
        return value if value is not None else cfg

    return ListenSettings(
        wake=pick("wake", config.wake) or "",
        stop=pick("stop", config.stop),
        cancel=pick("cancel", config.cancel),
        silence=float(pick("silence", config.listen_silence)),
        max_seconds=float(pick("max_seconds", config.max_seconds)),
        keep_audio=bool(flags.get("keep_audio", True)),
    )
