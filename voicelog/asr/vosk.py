"""Streaming recognition with Vosk (Kaldi): the default engine, and the one for the Pi."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicelog.asr.base import SAMPLE_RATE
from voicelog.asr.model_store import display_name, guess_language, is_vosk_model
from voicelog.errors import ModelError
from voicelog.transcript import Transcript, Word

if TYPE_CHECKING:
    import vosk as vosk_module

log = logging.getLogger(__name__)

_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


def _set_vosk_log_level() -> None:
    """Silence Kaldi's chatter on stderr unless voicelog is logging at DEBUG."""
    import vosk

    vosk.SetLogLevel(0 if logging.getLogger("voicelog").isEnabledFor(logging.DEBUG) else -1)


def load_vosk_model(model_dir: Path) -> vosk_module.Model:
    """The loaded Vosk model in ``model_dir``, read from disk once per process.

    Only ever loads from a folder: ``vosk.Model(lang=...)`` would download silently.
    """
    key = Path(model_dir).expanduser().resolve()
    with _models_lock:
        cached = _models.get(key)
        if cached is not None:
            return cached
        if not is_vosk_model(key):
            raise ModelError(
                f"{key} is not a Vosk model folder; run `voicelog models install` or pass --model DIR."
            )
        _set_vosk_log_level()
        import vosk

        log.debug("loading Vosk model %s", key)
        try:
            model = vosk.Model(model_path=str(key))
        except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
            raise ModelError(
                f"The Vosk model in {key} could not be loaded ({exc}); it may be damaged, "
                "reinstall it with `voicelog models install`."
            ) from exc
        _models[key] = model
        return model


class VoskTranscriber:
    """A :class:`~voicelog.asr.base.Transcriber` backed by a Vosk model folder.

    Construction is cheap; the model is read on :meth:`load` or on the first
    :meth:`transcribe`. ``grammar`` restricts recognition to the given phrases
    (add ``"[unk]"`` to let other speech through as unknown), for wake phrases.
    """

    engine = "vosk"

    def __init__(
        self,
        model_dir: Path,
        *,
        grammar: list[str] | None = None,
        language: str | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.model_name = display_name(self.model_dir)
        self.language = language or guess_language(self.model_dir)
        self.grammar = list(grammar) if grammar is not None else None
        self._model: Any = None

    def load(self) -> VoskTranscriber:
        """Read the model now (once per process per folder) and return self."""
        if self._model is None:
            self._model = load_vosk_model(self.model_dir)
        return self

    @property
    def loaded(self) -> bool:
        """True once the model has been read."""
        return self._model is not None

    @property
    def model(self) -> vosk_module.Model:
        """The loaded ``vosk.Model`` (read now if need be), for recognisers with their own grammar."""
        return self.load()._model

    def recognizer(self) -> Any:
        """A fresh ``vosk.KaldiRecognizer`` for 16 kHz audio, with word timings on."""
        import vosk

        self.load()
        if self.grammar is not None:
            rec = vosk.KaldiRecognizer(self._model, SAMPLE_RATE, json.dumps(self.grammar, ensure_ascii=False))
        else:
            rec = vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
        rec.SetWords(True)
        return rec

    def transcribe(
        self,
        chunks: Iterable[bytes],
        *,
        on_text: Callable[[str], None] | None = None,
    ) -> Transcript:
        """Feed ``chunks`` (16 kHz mono int16 PCM) to Vosk and return every word it firmed up."""
        rec = self.recognizer()
        texts: list[str] = []
        words: list[Word] = []
        n_bytes = 0
        carry = b""
        shown = ""

        def show(text: str) -> None:
            nonlocal shown
            if on_text is not None and text != shown:
                shown = text
                on_text(text)

        def take(result_json: str) -> None:
            result = json.loads(result_json)
            text = result.get("text", "").strip()
            if text:
                texts.append(text)
            for item in result.get("result", ()):
                words.append(
                    Word(
                        text=item["word"],
                        start=float(item["start"]),
                        end=float(item["end"]),
                        confidence=min(1.0, max(0.0, float(item.get("conf", 1.0)))),
                    )
                )

        for chunk in chunks:
            data = carry + bytes(chunk)
            # int16 samples: keep an odd trailing byte for the next chunk.
            if len(data) % 2:
                data, carry = data[:-1], data[-1:]
            else:
                carry = b""
            if not data:
                continue
            n_bytes += len(data)
            if rec.AcceptWaveform(data):
                take(rec.Result())
                show(" ".join(texts))
            else:
                partial = json.loads(rec.PartialResult()).get("partial", "").strip()
                show(" ".join([*texts, partial]) if partial else " ".join(texts))
        take(rec.FinalResult())
        full = " ".join(texts)
        show(full)
        return Transcript(
            text=full,
            words=tuple(words),
            engine=self.engine,
            model=self.model_name,
            duration=n_bytes / 2 / SAMPLE_RATE,
            language=self.language,
        )
