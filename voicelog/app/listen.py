"""Hands-free listening: wait for a private wake phrase, record the account that follows, store it.

The loop is a plain class fed by any iterator of 16 kHz mono int16 chunks (a
microphone, or a recording for tests and for long recordings made elsewhere):

    waiting --wake phrase / button--> recording --stop phrase / silence / max length / button--> saving --> waiting
                                          \\--cancel phrase--> (journal deleted, nothing stored) --> waiting

While waiting, speech is only checked for the wake phrase (by the engine's
spotter) and dropped: it is never stored, never logged, and held in memory for
:data:`LOOKBACK_SECONDS` at most (about one utterance of the spotter). People do
not pause after a wake phrase, so when it is heard the audio held is heard again
with word times, and what was said after the phrase starts the account; the
rest is dropped then. The stop and cancel phrases count wherever they fall, in
the middle of an utterance too, and nothing said after the stop phrase is
stored: the transcript ends before it and the kept audio is cut where it began.

Each account is recorded through an
:class:`~voicelog.app.recorder.AccountRecorder`, so it is journaled (sealed) as it
arrives and a power cut loses at most half a second. An account the diary does
not take (a full disk, a damaged diary) is held, and writing it is tried again
every few seconds while the loop goes on; when the loop ends, what is still
held goes into a sealed journal beside the diary or in the fallback folder. The
log gets state changes only, never words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from voicelog import pcm
from voicelog.app.feedback import Feedback, NoFeedback
from voicelog.app.recorder import RETRY_SECONDS, AccountRecorder
from voicelog.app.safekeeping import NotStored, UnopenedDiary
from voicelog.engines.base import Engine, LiveTranscriber
from voicelog.phrases import find_phrase, normalise, phrase_in_words, strip_phrase
from voicelog.settings import ListenSettings
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.transcript import Transcript

log = logging.getLogger(__name__)

LOOKBACK_SECONDS = 25.0
"""The most audio held while waiting, to find where the wake phrase ended: one utterance of the spotter (Vosk
firms a result up at a pause or after 20 s of talk at most; Whisper's spotter hears 8 s at most)."""

STOP_MARGIN_SECONDS = 0.1
"""The kept audio ends this long before the stop phrase's first word was timed to start: word times are a little
late, and Whisper, hearing the cut audio again, wrote the stop phrase's first sound left in as a word ("and")."""

TAIL_CHUNK_SECONDS = 0.1
"""The audio after the wake phrase is handed to the account in pieces this long, as a microphone's chunks are."""

State = Literal["waiting", "recording", "saving", "stopped"]
OutcomeKind = Literal["saved", "cancelled", "empty", "held"]


@dataclass(frozen=True)
class Outcome:
    """What became of one account the loop heard."""

    kind: OutcomeKind
    """``saved``, ``cancelled`` (the cancel phrase), ``empty`` (nothing said after the wake phrase), or ``held``
    (heard, but the diary did not take it: :attr:`kept` says where it is)."""
    reason: str
    """What ended it: ``stop phrase``, ``silence``, ``max length``, ``button``, ``shutdown``,
    ``end of input``, ``device lost``, ``cancel phrase``, ``no speech``."""
    seconds: float
    """Seconds of audio recorded for it."""
    entry: Entry | None = None
    """The stored entry, when saved."""
    kept: NotStored | None = None
    """Where a held account is (in memory while the loop runs; then a journal, the fallback folder, or lost)."""


class Listener:
    """The hands-free loop over any iterator of 16 kHz mono int16 chunks.

    ``clock`` gives the time an account starts from its offset in seconds into
    the stream (``datetime.now`` for a microphone; :func:`file_clock` for a
    recording). Thread-safe controls: :meth:`press` (a button), :meth:`shutdown`
    (SIGTERM), :meth:`reload` (SIGHUP).
    """

    def __init__(
        self,
        settings: ListenSettings,
        engine: Engine,
        diary: Diary | UnopenedDiary,
        *,
        feedback: Feedback | None = None,
        source: str = "listen",
        clock: Callable[[float], datetime] | None = None,
        on_saved: Callable[[Entry], None] | None = None,
    ) -> None:
        self.settings = settings
        from voicelog.app.rehear import primed_engine

        self.engine = primed_engine(engine, diary)  # the unlocked diary's names, or the opted-in plain file's
        self.diary = diary
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
        self._account: _Account | None = None
        self._held: list[tuple[int, AccountRecorder]] = []  # accounts the diary has not taken yet, by outcome
        self._last_retry = 0
        self._recent = bytearray()  # the last LOOKBACK_SECONDS of audio while waiting, in memory only

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
                    if self._account is not None:
                        self._finish("device lost")
                    continue
                self._step(chunk)
                self._samples += len(chunk) // pcm.SAMPLE_WIDTH
                if self._held and self._samples - self._last_retry >= RETRY_SECONDS * pcm.SAMPLE_RATE:
                    self._retry_held()
        finally:
            try:
                if self._account is not None:
                    self._finish("shutdown" if self._shutdown.is_set() else "end of input")
            finally:
                self._keep_held_safe()
                self._set_state("stopped")
        return self.outcomes

    @property
    def unstored(self) -> list[Outcome]:
        """The accounts heard but not in the diary (each outcome's :attr:`~Outcome.kept` says where they are)."""
        return [o for o in self.outcomes if o.kind == "held"]

    def _step(self, chunk: bytes) -> None:
        if self._account is None:
            with self._lock:
                new, self._new_settings = self._new_settings, None
            if new is not None:
                self._apply(new)
            self._recent += chunk
            del self._recent[: max(0, len(self._recent) - pcm.byte_offset(LOOKBACK_SECONDS))]
            end = self._samples + len(chunk) // pcm.SAMPLE_WIDTH
            if self._pressed.is_set():
                self._pressed.clear()
                self._spotter.reset()
                self._recent.clear()
                self._start("button", end)
            elif self._spotter.feed(chunk):
                self._spotter.reset()
                tail = self._after_wake()
                self._start("wake phrase", end - len(tail) // pcm.SAMPLE_WIDTH)
                self._feed_tail(tail)
            return
        account = self._account
        if self._pressed.is_set():
            self._pressed.clear()
            account.add(chunk)
            self._finish("button")
            return
        reason = account.add(chunk)
        if reason is not None:
            self._finish(reason)

    def _after_wake(self) -> bytes:
        """The audio said after the wake phrase, in the audio held while waiting (which is then dropped).

        The held audio is heard again with word times (the spotter only says that
        the phrase was heard); where the phrase is not found again, the account
        starts with the next chunk, as it would after a pause.
        """
        audio, self._recent = bytes(self._recent), bytearray()
        words = self.engine.transcriber.transcribe([audio]).words
        hit = phrase_in_words(self.settings.wake, words, last=True)
        if hit is None:
            log.debug("the wake phrase was not found again with word times; the account starts after it")
            return b""
        cut = words[hit[1] - 1].end
        if hit[1] < len(words):
            cut = min(cut, words[hit[1]].start)  # the next word may start before the phrase's last one ends
        offset = pcm.byte_offset(cut)
        return audio[offset - offset % pcm.SAMPLE_WIDTH :]

    def _feed_tail(self, tail: bytes) -> None:
        """Hand the account what was said after the wake phrase; it may end in it (a stop phrase said at once)."""
        step = pcm.byte_offset(TAIL_CHUNK_SECONDS)
        for i in range(0, len(tail), step):
            account = self._account
            if account is None:
                break  # ended by a stop or cancel phrase: what follows it is dropped
            reason = account.add(tail[i : i + step])
            if reason is not None:
                self._finish(reason)

    def _apply(self, settings: ListenSettings) -> None:
        changed_wake = normalise(settings.wake) != normalise(self.settings.wake)
        self.settings = settings
        if changed_wake:
            self._spotter = self.engine.spotter(settings.wake)
        log.info("settings reloaded")

    def _start(self, why: str, at_sample: int) -> None:
        recorded_at = self.clock(at_sample / pcm.SAMPLE_RATE)
        recorder = AccountRecorder(self.diary, recorded_at=recorded_at, source=self.source,
                                   keep_audio=self.settings.keep_audio, fallback_dir=self.settings.fallback_dir,
                                   tell=log.warning)
        self._account = _Account(self.settings, self.engine.live_transcriber(), recorder)
        self._set_state("recording", f"recording (started by the {why})")
        self.feedback.recording()

    def _finish(self, reason: str) -> None:
        account, self._account = self._account, None
        assert account is not None
        self._set_state("saving")
        try:
            outcome = account.finish(account.reason or reason)
        finally:
            if account.recorder.transcript is None or account.recorder.problem is None:
                account.recorder.release()  # a held account keeps its audio for the retries
            self._spotter.reset()
        if outcome.kind == "held":
            outcome = self._hold(outcome, account.recorder)
        if outcome.entry is not None:
            log.info("saved entry %d (%.0f s, ended by %s)", outcome.entry.seq, outcome.seconds, outcome.reason)
        elif outcome.kind == "held":
            pass  # said by _hold
        elif outcome.kind == "cancelled":
            log.info("account cancelled; nothing stored")
        else:
            log.info("nothing was said after the wake phrase; nothing stored")
        self.outcomes.append(outcome)
        if outcome.entry is not None:
            if self.on_saved is not None:
                self.on_saved(outcome.entry)
            self.feedback.saved(outcome.entry)
        elif outcome.kind != "held":  # a held account was not thrown away: no "discarded" cue for it
            self.feedback.discarded()
        if not self._shutdown.is_set():
            self._set_state("waiting")
            self.feedback.waiting()

    def _hold(self, outcome: Outcome, recorder: AccountRecorder) -> Outcome:
        """Keep an account the diary did not take: in memory while space may come back, else safe on disk now."""
        if recorder.waiting_for_space:
            self._held.append((len(self.outcomes), recorder))
            kept = recorder.status()
        else:  # a damaged diary: the journal already holds it whole, and waiting will not mend the diary
            kept = recorder.keep_safe()
        log.warning("%s", kept.message)
        return Outcome("held", outcome.reason, outcome.seconds, kept=kept)

    def _retry_held(self) -> None:
        """Try again to write the accounts held in memory; the ones stored now become saved outcomes."""
        self._last_retry = self._samples
        still: list[tuple[int, AccountRecorder]] = []
        for index, recorder in self._held:
            entry = recorder.retry()
            if entry is None and recorder.waiting_for_space:
                still.append((index, recorder))
                continue
            if entry is None:  # whole in the journal now, and the diary will not take it: nothing left to wait for
                kept = recorder.keep_safe()
                held = self.outcomes[index]
                self.outcomes[index] = Outcome("held", held.reason, held.seconds, kept=kept)
                log.warning("%s", kept.message)
                continue
            held = self.outcomes[index]
            self.outcomes[index] = Outcome("saved", held.reason, held.seconds, entry)
            log.info("there is space again: the account held since %s is saved as entry %d",
                     recorder.recorded_at.strftime("%H:%M"), entry.seq)
            if self.on_saved is not None:
                self.on_saved(entry)
        self._held = still

    def _keep_held_safe(self) -> None:
        """As the loop ends: one last try, then whatever is still held goes where it survives the process."""
        if not self._held:
            return
        self._retry_held()
        for index, recorder in self._held:
            kept = recorder.keep_safe()
            held = self.outcomes[index]
            self.outcomes[index] = Outcome("held", held.reason, held.seconds, kept=kept)
            log.warning("%s", kept.message)
        self._held = []

    def _set_state(self, state: State, message: str | None = None) -> None:
        if state != self.state or message:
            if state == "waiting":
                log.info("waiting for the wake phrase")
            elif state == "stopped":
                log.info("stopped")
            elif message:
                log.info("%s", message)
        self.state = state


_CARRY_WORDS = 8
"""Words kept from one result to the next, so a phrase split between two results is still found."""


class _Account:
    """One account in progress: its recorder, the engine's live transcriber, endpointing, stop and cancel phrases."""

    def __init__(self, settings: ListenSettings, live: LiveTranscriber, recorder: AccountRecorder) -> None:
        from voicelog.audio import SilenceDetector

        self.settings = settings
        """Fixed when the account starts: a reload while saving does not change it."""
        self.live = live
        self.recorder = recorder
        self.reason: str | None = None
        self._heard: list[str] = []  # the last few words only, to spot a phrase split across results
        self._detector = SilenceDetector(silence_seconds=settings.silence, initial_timeout=settings.start_timeout,
                                         max_seconds=settings.max_seconds)
        self._stop = normalise(settings.stop) if settings.stop else None
        self._cancel = normalise(settings.cancel) if settings.cancel else None

    def add(self, chunk: bytes) -> str | None:
        """Journal and hear ``chunk``; return why the account ends, if it does."""
        self.recorder.add(chunk)
        new = self.live.feed(chunk)
        if new:
            # every new word is searched (a phrase may fall mid-utterance, chatter after it), plus a few before
            heard = self._heard + new
            self._heard = heard[-_CARRY_WORDS:]
            if self._cancel and find_phrase(self._cancel, heard) is not None:
                self.reason = "cancel phrase"
                return self.reason
            if self._stop and find_phrase(self._stop, heard) is not None:
                self.reason = "stop phrase"
                return self.reason
        if self._detector.feed(chunk):
            reasons = {"silence": "silence", "max_length": "max length", "no_speech": "no speech"}
            self.reason = reasons[self._detector.reason or "silence"]
            return self.reason
        return None

    def finish(self, reason: str) -> Outcome:
        """Store the account, or drop it (cancelled, nothing said); ``held`` when the diary did not take it."""
        recorder = self.recorder
        seconds = recorder.seconds
        if reason == "cancel phrase":
            recorder.discard()
            return Outcome("cancelled", reason, seconds)
        try:
            transcript = self.live.finish()
            reason = self._said_at_the_end(transcript) or reason
            if reason == "cancel phrase":
                recorder.discard()
                return Outcome("cancelled", reason, seconds)
            stop = self.settings.stop if reason == "stop phrase" else None
            if stop:  # its first occurrence ended the account: nothing from it on is kept
                transcript, cut = strip_phrase(transcript, stop, last=False)
                if cut is not None:  # the stop phrase is not kept in the audio either
                    recorder.cut_at(max(0.0, cut - STOP_MARGIN_SECONDS))
            transcript = self.live.final(bytes(recorder.pcm), transcript)
            if stop:  # in case the cut let a word of it through
                transcript = strip_phrase(transcript, stop)[0]
        except BaseException:
            recorder.abandon()  # the journal stays for `voicelog recover`
            raise
        if transcript.is_empty or reason == "no speech":
            recorder.discard()
            return Outcome("empty", reason, seconds)
        entry = recorder.try_store(transcript)
        if entry is None:
            return Outcome("held", reason, seconds)
        return Outcome("saved", reason, seconds, entry)


    def _said_at_the_end(self, draft: Transcript) -> str | None:
        """``cancel phrase`` or ``stop phrase`` when the last words heard (which firm up only as the account
        ends, in speech without a pause) hold one of them, the earlier if both; else None."""
        if self.reason in ("stop phrase", "cancel phrase"):
            return None
        words = normalise(draft.text)
        found = [(hit[0], why) for phrase, why in ((self._cancel, "cancel phrase"), (self._stop, "stop phrase"))
                 if phrase and (hit := find_phrase(phrase, words)) is not None]
        return min(found)[1] if found else None


WAKE_TRIAL_SECONDS = 8.0
"""How long `voicelog init` listens when the person tries their wake phrase."""


def try_wake_phrase(engine: Engine, phrase: str, chunks: Iterable[bytes], *,
                    seconds: float = WAKE_TRIAL_SECONDS) -> bool:
    """True when ``engine``'s spotter hears ``phrase`` in the first ``seconds`` of ``chunks`` (a microphone, as the
    person tries the phrase): the same hearing `voicelog listen` does; nothing heard is kept."""
    spotter = engine.spotter(phrase)
    fed = 0
    for chunk in chunks:
        if spotter.feed(chunk):
            return True
        fed += len(chunk)
        if fed >= pcm.byte_offset(seconds):
            break
    quiet = bytes(pcm.byte_offset(0.1))
    return any(spotter.feed(quiet) for _ in range(15))  # a pause ends the utterance the phrase may be in


def file_clock(start: datetime) -> Callable[[float], datetime]:
    """A clock for a recording: each account is dated by its offset into it."""
    return lambda offset: (start + timedelta(seconds=offset)).replace(microsecond=0)
