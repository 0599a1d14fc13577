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

import json
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from voicelog.asr.base import SAMPLE_RATE, Transcriber
from voicelog.errors import UsageError
from voicelog.transcript import Transcript, Word

if TYPE_CHECKING:
    from voicelog.diary import Diary, Entry

log = logging.getLogger(__name__)


State = Literal["waiting", "recording", "saving", "stopped"]
OutcomeKind = Literal["saved", "cancelled", "empty"]

MATCH_THRESHOLD = 80.0
"""rapidfuzz ratio (0-100) at which heard words count as a phrase; recognisers mishear a little."""


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


# --------------------------------------------------------------------------- phrases


def normalise(text: str) -> list[str]:
    """Words of ``text`` for matching: lower case, no punctuation, Unicode-normalised."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("[unk]", " ")
    return re.sub(r"[^\w']+", " ", text).replace("'", "").split()


def find_phrase(phrase: str | list[str], words: list[str], *, threshold: float = MATCH_THRESHOLD,
                last: bool = False) -> tuple[int, int] | None:
    """Where ``phrase`` occurs (fuzzily) in the normalised ``words``: (start, end) word indexes, or None.

    Windows one word shorter or longer than the phrase are tried too, since a
    recogniser may split or merge a word. ``last`` returns the last match.
    """
    from rapidfuzz import fuzz

    target = phrase if isinstance(phrase, list) else normalise(phrase)
    if not target or not words:
        return None
    joined = " ".join(target)
    n = len(target)
    best: tuple[float, int, int] | None = None
    for i in range(len(words)):
        for size in dict.fromkeys((n, max(1, n - 1), n + 1)):
            if i + size > len(words):
                continue
            score = fuzz.ratio(" ".join(words[i : i + size]), joined)
            # the best match wins; among equals, the first (or with ``last``, the last) one
            if score >= threshold and (best is None or score > best[0] or (last and score == best[0])):
                best = (score, i, i + size)
    return None if best is None else (best[1], best[2])


def strip_phrase(transcript: Transcript, phrase: str) -> tuple[Transcript, float | None]:
    """``transcript`` without the last occurrence of ``phrase`` and anything said after it.

    Returns the shortened transcript and the time (seconds) where the phrase
    began, when the engine gave word timings, so the audio can be cut there too.
    """
    if transcript.words:
        words = [normalise(w.text) for w in transcript.words]
        flat: list[str] = []
        owner: list[int] = []
        for i, parts in enumerate(words):
            flat += parts
            owner += [i] * len(parts)
        hit = find_phrase(phrase, flat, last=True)
        if hit is None:
            return transcript, None
        first = owner[hit[0]]
        kept = transcript.words[:first]
        cut = transcript.words[first].start
        text = " ".join(w.text for w in kept)
        if transcript.engine == "whisper":
            text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        return replace(transcript, text=text.strip(), words=tuple(kept)), cut
    flat = normalise(transcript.text)
    hit = find_phrase(phrase, flat, last=True)
    if hit is None:
        return transcript, None
    return replace(transcript, text=" ".join(flat[: hit[0]])), None


# --------------------------------------------------------------------------- utterances


class UtteranceCutter:
    """Cuts a stream of chunks into utterances at short pauses; audio with no speech is dropped.

    Energy-based (the same detector that ends a dictation), so it is cheap; the
    recogniser's own voice-activity detector decides afterwards what is speech.
    """

    def __init__(self, *, pause: float = 0.6, max_seconds: float = 15.0, preroll: float = 0.4) -> None:
        from voicelog.audio import SilenceDetector

        self._detector = SilenceDetector(silence_seconds=pause, initial_timeout=None)
        self._max_bytes = int(max_seconds * SAMPLE_RATE) * 2
        self._preroll_bytes = int(preroll * SAMPLE_RATE) * 2
        self._buf = bytearray()
        self._buf_start = 0  # byte offset in the stream of _buf[0]
        self._pos = 0  # bytes fed so far

    def feed(self, chunk: bytes) -> list[tuple[float, bytes]]:
        """Take a chunk; return the utterances it completed, each as (start seconds, PCM)."""
        done: list[tuple[float, bytes]] = []
        self._buf += chunk
        self._pos += len(chunk)
        fired = self._detector.feed(chunk)
        if fired or len(self._buf) >= self._max_bytes:
            done.append(self._take())
        elif not self._detector.speech_heard and len(self._buf) > self._preroll_bytes:
            drop = len(self._buf) - self._preroll_bytes
            drop -= drop % 2
            del self._buf[:drop]
            self._buf_start += drop
        return done

    def flush(self) -> list[tuple[float, bytes]]:
        """The utterance in progress, if any speech was heard in it."""
        if self._detector.speech_heard and self._buf:
            return [self._take()]
        self.clear()
        return []

    def clear(self) -> None:
        """Forget the audio held (chatter is dropped at once)."""
        self._buf = bytearray()
        self._buf_start = self._pos
        self._detector.reset()

    def _take(self) -> tuple[float, bytes]:
        out = (self._buf_start / 2 / SAMPLE_RATE, bytes(self._buf))
        self.clear()
        return out


# --------------------------------------------------------------------------- wake spotting


class WakeSpotter(Protocol):
    """Hears the wake phrase in a stream of chunks."""

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk; True when the wake phrase was just heard."""
        ...

    def reset(self) -> None:
        """Forget what was heard (after an account, or on reload)."""
        ...


def _utterance_is(phrase: list[str], heard: list[str], *, whole: bool) -> bool:
    if whole:
        from rapidfuzz import fuzz

        return fuzz.ratio(" ".join(heard), " ".join(phrase)) >= MATCH_THRESHOLD
    return find_phrase(phrase, heard) is not None


class VoskWakeSpotter:
    """The wake phrase through Vosk with a grammar of just that phrase (cheap enough to run all day).

    Where the model has ``[unk]``, other speech is heard as unknown and the
    phrase may sit inside a longer utterance. Some models lack ``[unk]`` (the
    Korean one): a grammar of one phrase then forces everything into it, so an
    utterance counts only when it is the phrase and nothing else.
    """

    def __init__(self, transcriber: Any, phrase: str) -> None:
        import vosk

        model = transcriber.model
        self.phrase = normalise(phrase)
        self.has_unk = int(model.vosk_model_find_word("[unk]")) != -1
        grammar = [" ".join(self.phrase)] + (["[unk]"] if self.has_unk else [])
        self._make = lambda: vosk.KaldiRecognizer(model, SAMPLE_RATE, json.dumps(grammar, ensure_ascii=False))
        self._rec = self._make()
        self._carry = b""

    def feed(self, chunk: bytes) -> bool:
        data = self._carry + chunk
        if len(data) % 2:
            data, self._carry = data[:-1], data[-1:]
        else:
            self._carry = b""
        if not data or not self._rec.AcceptWaveform(data):
            return False
        raw = json.loads(self._rec.Result()).get("text", "")
        unknown = raw.count("[unk]")
        heard = normalise(raw)
        del raw
        if not heard:
            return False
        hit = _utterance_is(self.phrase, heard, whole=not self.has_unk)
        if hit and self.has_unk and unknown > 2 * len(self.phrase) + 4:
            hit = False  # the phrase's words buried in a long stretch of other speech
        return hit

    def reset(self) -> None:
        self._rec = self._make()
        self._carry = b""


class WhisperWakeSpotter:
    """The wake phrase through Whisper: each utterance cut at a pause is transcribed, then dropped."""

    def __init__(self, transcriber: Any, phrase: str) -> None:
        from voicelog.asr.whisper import WhisperTranscriber

        # Greedy decoding is plenty to spot a phrase and about twice as fast as the beam.
        self._tr = WhisperTranscriber(transcriber.model_path, language=transcriber.language, beam_size=1).load()
        self.phrase = normalise(phrase)
        self._cutter = UtteranceCutter(pause=0.5, max_seconds=8.0)

    def feed(self, chunk: bytes) -> bool:
        for _start, pcm in self._cutter.feed(chunk):
            heard = normalise(self._tr.transcribe([pcm]).text)
            del pcm
            if heard and find_phrase(self.phrase, heard) is not None:
                self._cutter.clear()
                return True
        return False

    def reset(self) -> None:
        self._cutter.clear()


# --------------------------------------------------------------------------- hearing the account


class AccountHearer(Protocol):
    """Recognises an account as it arrives and says when new words firm up (for the stop phrase)."""

    def feed(self, chunk: bytes) -> list[str]:
        """Take a chunk; return the normalised words that firmed up with it (maybe none)."""
        ...

    def finish(self) -> Transcript:
        """Everything heard."""
        ...

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        """The transcript to store for ``pcm`` (the account's audio, cut at any stop phrase), given the draft."""
        ...


class VoskHearer:
    """Streams the account through the full Vosk recogniser."""

    def __init__(self, transcriber: Any) -> None:
        self._tr = transcriber
        self._rec = transcriber.recognizer()
        self._texts: list[str] = []
        self._words: list[Word] = []
        self._bytes = 0
        self._carry = b""

    def _take(self, result_json: str) -> list[str]:
        result = json.loads(result_json)
        text = result.get("text", "").strip()
        if text:
            self._texts.append(text)
        for item in result.get("result", ()):
            self._words.append(Word(item["word"], float(item["start"]), float(item["end"]),
                                    min(1.0, max(0.0, float(item.get("conf", 1.0))))))
        return normalise(text)

    def feed(self, chunk: bytes) -> list[str]:
        data = self._carry + chunk
        if len(data) % 2:
            data, self._carry = data[:-1], data[-1:]
        else:
            self._carry = b""
        self._bytes += len(data)
        if data and self._rec.AcceptWaveform(data):
            return self._take(self._rec.Result())
        return []

    def finish(self) -> Transcript:
        self._take(self._rec.FinalResult())
        return Transcript(text=" ".join(self._texts), words=tuple(self._words), engine="vosk",
                          model=self._tr.model_name, duration=self._bytes / 2 / SAMPLE_RATE,
                          language=self._tr.language)

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        return draft  # streaming already heard every word in context


class WhisperHearer:
    """Transcribes the account utterance by utterance as pauses come, so the stop phrase is heard.

    Those quick drafts (greedy decoding) only serve to spot the stop and cancel
    phrases; the stored transcript comes from hearing the whole account at once
    (:meth:`final`), which gets the words right far more often than short cuts do.
    """

    def __init__(self, transcriber: Any) -> None:
        from voicelog.asr.whisper import WhisperTranscriber

        self._full = transcriber
        self._tr = WhisperTranscriber(transcriber.model_path, language=transcriber.language, beam_size=1).load()
        self._cutter = UtteranceCutter(pause=0.6, max_seconds=20.0)
        self._texts: list[str] = []
        self._words: list[Word] = []
        self._bytes = 0

    def _hear(self, start: float, pcm: bytes) -> list[str]:
        t = self._tr.transcribe([pcm])
        if t.is_empty:
            return []
        self._texts.append(t.text)
        self._words += [Word(w.text, w.start + start, w.end + start, w.confidence) for w in t.words]
        return normalise(t.text)

    def feed(self, chunk: bytes) -> list[str]:
        self._bytes += len(chunk)
        heard: list[str] = []
        for start, pcm in self._cutter.feed(chunk):
            heard += self._hear(start, pcm)
        return heard

    def finish(self) -> Transcript:
        for start, pcm in self._cutter.flush():
            self._hear(start, pcm)
        return Transcript(text=" ".join(self._texts), words=tuple(self._words), engine="whisper",
                          model=self._tr.model_name, duration=self._bytes / 2 / SAMPLE_RATE,
                          language=self._tr.language)

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        if draft.is_empty or not pcm:
            return draft
        heard = self._full.transcribe([pcm])
        return draft if heard.is_empty else heard


def spotter_for(transcriber: Transcriber, phrase: str) -> WakeSpotter:
    """The wake spotter that suits ``transcriber``'s engine."""
    if transcriber.engine == "vosk":
        return VoskWakeSpotter(transcriber, phrase)
    return WhisperWakeSpotter(transcriber, phrase)


def hearer_for(transcriber: Transcriber) -> AccountHearer:
    """The account recogniser that suits ``transcriber``'s engine."""
    if transcriber.engine == "vosk":
        return VoskHearer(transcriber)
    return WhisperHearer(transcriber)


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
        transcriber: Transcriber,
        diary: Diary,
        *,
        journal_dir: Path,
        feedback: Feedback | None = None,
        source: str = "listen",
        clock: Callable[[float], datetime] | None = None,
        on_saved: Callable[[Entry], None] | None = None,
    ) -> None:
        self.settings = settings
        self.transcriber = transcriber
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
        self._spotter = spotter_for(transcriber, settings.wake)
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
            self._spotter = spotter_for(self.transcriber, settings.wake)
        log.info("settings reloaded")

    def _start(self, why: str) -> None:
        offset = self._samples / SAMPLE_RATE
        recorded_at = self.clock(offset)
        self._rec = _Recording(self.settings, hearer_for(self.transcriber), recorded_at,
                               journal=lambda: self._journal(recorded_at))
        self._set_state("recording", f"recording (started by the {why})")
        self.feedback.recording()

    def _journal(self, recorded_at: datetime) -> Any:
        """A new sealed journal for the account; made only once its first audio arrives, so a microphone
        that fails to open leaves nothing behind. Whether to keep the audio is sealed into it, so that
        `voicelog recover` honours --no-audio for an account cut off by a crash."""
        from voicelog.capture import JournalWriter, journal_path

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
