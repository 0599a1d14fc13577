"""The Vosk (Kaldi) engine: streaming recognition, the default engine and the one for the Pi.

It owns the transcriber, the wake spotter (a recogniser with a grammar of just
the wake phrase, cheap enough to run all day) and the live transcriber (the full
recogniser, streaming), plus the functions the registry calls
(:func:`available`, :func:`find_model`, :func:`load`, ...).
Models are found by :mod:`voicelog.engines.model_store`'s lookup order.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicelog.config import Config
from voicelog.engines.model_store import (
    FoundModel,
    display_name,
    find_vosk_model,
    found_model,
    guess_language,
    importable,
    is_vosk_model,
    vosk_models,
)
from voicelog.engines.vocabulary import Vocabulary, respell
from voicelog.errors import ModelError
from voicelog.paths import get_paths
from voicelog.pcm import SAMPLE_RATE, SAMPLE_WIDTH, seconds
from voicelog.phrases import find_phrase, is_phrase, normalise
from voicelog.transcript import Transcript, Word

if TYPE_CHECKING:
    import vosk as vosk_module

log = logging.getLogger(__name__)

NAME = "vosk"
"""The engine's name in the registry, stored with each transcript."""

MODEL_HINT = "run `voicelog models install` or pass --model DIR"
"""How a person gets a Vosk model."""

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
    """A :class:`~voicelog.engines.base.Transcriber` backed by a Vosk model folder.

    Construction is cheap; the model is read on :meth:`load` or on the first
    :meth:`transcribe`. ``grammar`` restricts recognition to the given phrases
    (add ``"[unk]"`` to let other speech through as unknown), for wake phrases.
    """

    engine = NAME

    def __init__(
        self,
        model_dir: Path,
        *,
        grammar: list[str] | None = None,
        language: str | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.model_name = display_name(self.model_dir)
        self.language = language or guess_language(self.model_dir)
        self.grammar = list(grammar) if grammar is not None else None
        self.vocabulary = vocabulary if vocabulary is not None and not vocabulary.empty else None
        """The person's own names, matched by sound after hearing (:func:`~voicelog.engines.vocabulary.respell`)."""
        self._model: vosk_module.Model | None = None

    def primed(self, vocabulary: Vocabulary) -> VoskTranscriber:
        """A transcriber sharing this one's loaded model whose words are matched against ``vocabulary`` by sound.

        Vosk cannot be biased towards words: its runtime grammar (``KaldiRecognizer(model, rate, grammar)``)
        restricts recognition to the phrases given (and ``[unk]``), which suits a wake phrase and would lose
        the account; words outside the model's lexicon ("Kev") cannot be added without rebuilding its graph.
        So the vocabulary is applied after hearing: a word heard where a name goes that sounds like a
        registered name is written as that name.
        """
        other = VoskTranscriber(self.model_dir, grammar=self.grammar, language=self.language, vocabulary=vocabulary)
        other._model = self._model
        return other

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
        model = self.load()._model
        assert model is not None
        return model

    def recognizer(self) -> Any:
        """A fresh ``vosk.KaldiRecognizer`` for 16 kHz audio, with word timings on."""
        import vosk

        model = self.model
        if self.grammar is not None:
            rec = vosk.KaldiRecognizer(model, SAMPLE_RATE, json.dumps(self.grammar, ensure_ascii=False))
        else:
            rec = vosk.KaldiRecognizer(model, SAMPLE_RATE)
        rec.SetWords(True)
        return rec

    def transcribe(
        self,
        chunks: Iterable[bytes],
        *,
        on_text: Callable[[str], None] | None = None,
    ) -> Transcript:
        """Feed ``chunks`` (16 kHz mono int16 PCM) to Vosk and return every word it firmed up."""
        decoder = _Decoder(self.recognizer())
        shown = ""

        def show(text: str) -> None:
            nonlocal shown
            if on_text is not None and text != shown:
                shown = text
                on_text(text)

        for chunk in chunks:
            if decoder.feed(chunk) is not None:
                show(decoder.text)
            elif on_text is not None:
                partial = decoder.partial()
                show(f"{decoder.text} {partial}".strip())
        decoder.finish()
        show(decoder.text)
        transcript = decoder.transcript(self)
        return transcript if self.vocabulary is None else respell(transcript, self.vocabulary)


def _whole_samples(carry: bytes, chunk: bytes) -> tuple[bytes, bytes]:
    """``carry + chunk`` split into whole int16 samples and the odd byte left for the next chunk."""
    data = carry + bytes(chunk)
    if len(data) % SAMPLE_WIDTH:
        return data[:-1], data[-1:]
    return data, b""


class _Decoder:
    """One ``KaldiRecognizer`` fed whole samples, collecting every word it firms up, with its timing."""

    def __init__(self, recognizer: Any) -> None:
        self._rec = recognizer
        self._carry = b""
        self.texts: list[str] = []
        self.words: list[Word] = []
        self.n_bytes = 0

    @property
    def text(self) -> str:
        """Everything firmed up so far."""
        return " ".join(self.texts)

    def feed(self, chunk: bytes) -> str | None:
        """Take a chunk; the text that firmed up with it (maybe ""), or None when nothing did."""
        data, self._carry = _whole_samples(self._carry, chunk)
        if not data:
            return None
        self.n_bytes += len(data)
        if self._rec.AcceptWaveform(data):
            return self._take(self._rec.Result())
        return None

    def partial(self) -> str:
        """The words heard since the last firm result, which may still change."""
        return str(json.loads(self._rec.PartialResult()).get("partial", "")).strip()

    def finish(self) -> str:
        """Firm up what is left; the text that gave."""
        return self._take(self._rec.FinalResult())

    def _take(self, result_json: str) -> str:
        result = json.loads(result_json)
        text = str(result.get("text", "")).strip()
        if text:
            self.texts.append(text)
        for item in result.get("result", ()):
            confidence = min(1.0, max(0.0, float(item.get("conf", 1.0))))
            self.words.append(Word(item["word"], float(item["start"]), float(item["end"]), confidence))
        return text

    def transcript(self, transcriber: VoskTranscriber) -> Transcript:
        """Everything heard, as a transcript from ``transcriber``'s model."""
        return Transcript(
            text=self.text,
            words=tuple(self.words),
            engine=transcriber.engine,
            model=transcriber.model_name,
            duration=seconds(self.n_bytes),
            language=transcriber.language,
        )


# --------------------------------------------------------------------------- listening


class VoskWakeSpotter:
    """The wake phrase through Vosk with a grammar of just that phrase (cheap enough to run all day).

    Where the model has ``[unk]``, other speech is heard as unknown and the
    phrase may sit inside a longer utterance. Some models lack ``[unk]`` (the
    Korean one): a grammar of one phrase then forces everything into it, so an
    utterance counts only when it is the phrase and nothing else.
    """

    def __init__(self, transcriber: VoskTranscriber, phrase: str) -> None:
        import vosk

        self.phrase = normalise(phrase)
        model = transcriber.model
        self.has_unk = int(model.vosk_model_find_word("[unk]")) != -1
        grammar = json.dumps([" ".join(self.phrase)] + (["[unk]"] if self.has_unk else []), ensure_ascii=False)
        self._make: Callable[[], Any] = lambda: vosk.KaldiRecognizer(model, SAMPLE_RATE, grammar)
        self._rec = self._make()
        self._carry = b""

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk; True when the wake phrase was just heard."""
        data, self._carry = _whole_samples(self._carry, chunk)
        if not data or not self._rec.AcceptWaveform(data):
            return False
        raw = str(json.loads(self._rec.Result()).get("text", ""))
        unknown = raw.count("[unk]")
        heard = normalise(raw)
        del raw
        if not heard:
            return False
        if not self.has_unk:
            return is_phrase(self.phrase, heard)
        if unknown > 2 * len(self.phrase) + 4:
            return False  # the phrase's words buried in a long stretch of other speech
        return find_phrase(self.phrase, heard) is not None

    def reset(self) -> None:
        """Forget what was heard."""
        self._rec = self._make()
        self._carry = b""


class VoskLiveTranscriber:
    """Streams the account through the full Vosk recogniser."""

    def __init__(self, transcriber: VoskTranscriber) -> None:
        self._tr = transcriber
        self._decoder = _Decoder(transcriber.recognizer())

    def feed(self, chunk: bytes) -> list[str]:
        """Take a chunk; the normalised words that firmed up with it."""
        text = self._decoder.feed(chunk)
        return normalise(text) if text else []

    def finish(self) -> Transcript:
        """Everything heard."""
        self._decoder.finish()
        heard = self._decoder.transcript(self._tr)
        return heard if self._tr.vocabulary is None else respell(heard, self._tr.vocabulary)

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        """The draft: streaming already heard every word in context."""
        return draft


class VoskEngine:
    """A loaded Vosk model and what listens with it (an :class:`~voicelog.engines.base.Engine`)."""

    name = NAME

    def __init__(self, transcriber: VoskTranscriber) -> None:
        self.transcriber = transcriber

    def spotter(self, phrase: str) -> VoskWakeSpotter:
        """A new wake spotter listening for ``phrase``."""
        return VoskWakeSpotter(self.transcriber, phrase)

    def live_transcriber(self) -> VoskLiveTranscriber:
        """A new live transcriber for one account."""
        return VoskLiveTranscriber(self.transcriber)

    def primed(self, vocabulary: Vocabulary) -> VoskEngine:
        """This engine with its accounts' words matched against ``vocabulary`` by sound (the spotter's stay)."""
        return VoskEngine(self.transcriber.primed(vocabulary))


# --------------------------------------------------------------------------- what the registry calls


def available() -> bool:
    """True when the vosk package can be imported (it is not imported here)."""
    return importable("vosk")


def find_model(explicit: Path | None, config: Config | None) -> Path | None:
    """The Vosk model to use, by :mod:`~voicelog.engines.model_store`'s lookup order, or None.

    Raises ModelError when a folder named explicitly, by ``VOICELOG_MODEL`` or by the
    config file is not a Vosk model.
    """
    return find_vosk_model(explicit, config)


def no_model_error() -> ModelError:
    """What to tell a person who asked for Vosk when no model is found."""
    return ModelError(f"No Vosk model found in ./models or {get_paths().models_dir}; {MODEL_HINT}.")


def installed(config: Config | None) -> list[FoundModel]:
    """Every Vosk model on this machine, in lookup order."""
    return [found_model(NAME, path) for path in vosk_models(config)]


def load(path: Path, language: str | None = None) -> VoskEngine:
    """The engine with the model in ``path`` read (once per process per folder).

    ``language`` labels a model whose language cannot be told from its folder.
    """
    return VoskEngine(VoskTranscriber(path, language=language).load())
