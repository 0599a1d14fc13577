"""Speech recognisers: pick an engine and a model, and load it.

``auto`` means Vosk when a Vosk model is found (see :mod:`voicelog.asr.model_store`
for where it looks), else Whisper when ``voicelog[whisper]`` is installed. vosk and
faster_whisper are imported only when a model is actually loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from voicelog.asr.base import SAMPLE_RATE, Transcriber
from voicelog.asr.model_store import find_vosk_model, importable, is_whisper_model, whisper_default_path
from voicelog.config import Config
from voicelog.errors import ModelError, UsageError
from voicelog.paths import get_paths

__all__ = ["ENGINES", "SAMPLE_RATE", "Transcriber", "load_transcriber", "resolve_engine"]

ENGINES = ("auto", "vosk", "whisper")
"""The values ``--engine`` accepts."""

WHISPER_HINT = "pip install 'voicelog[whisper]'"


def _no_vosk_model() -> ModelError:
    return ModelError(
        f"No Vosk model found in ./models or {get_paths().models_dir}; "
        "run `voicelog models install` or pass --model DIR."
    )


def _whisper_installed() -> bool:
    return importable("faster_whisper")


def resolve_engine(
    engine: str | None = "auto",
    model: str | os.PathLike[str] | None = None,
    config: Config | None = None,
) -> tuple[str, Path | None]:
    """Decide the engine and model folder without loading anything heavy.

    Returns ``("vosk", folder)`` or ``("whisper", folder)``; raises ModelError, with
    the way to install a model, when none fits, and UsageError for an unknown engine.
    ``engine=None`` takes ``config.engine``.
    """
    if engine is None:
        engine = config.engine if config is not None else "auto"
    engine = engine.lower()
    if engine not in ENGINES:
        raise UsageError(f"Unknown engine {engine!r}; use one of: {', '.join(ENGINES)}.")
    explicit = Path(model).expanduser() if model else None

    if engine == "vosk":
        path = find_vosk_model(explicit, config)
        if path is None:
            raise _no_vosk_model()
        return "vosk", path

    if engine == "whisper":
        if not _whisper_installed():
            raise ModelError(f"The Whisper engine is not installed; run `{WHISPER_HINT}`.")
        if explicit is not None:
            if not is_whisper_model(explicit):
                raise ModelError(
                    f"{explicit} is not a faster-whisper model folder (no model.bin and config.json)."
                )
            return "whisper", explicit
        path = whisper_default_path()
        if path is None:
            raise ModelError(f"No Whisper model is installed; run `{WHISPER_HINT}`.")
        return "whisper", path

    # auto
    if explicit is not None and is_whisper_model(explicit) and _whisper_installed():
        return "whisper", explicit
    path = find_vosk_model(explicit, config)
    if path is not None:
        return "vosk", path
    whisper = whisper_default_path()
    if whisper is not None:
        return "whisper", whisper
    raise ModelError(
        f"No speech recognition model found in ./models or {get_paths().models_dir}; "
        f"run `voicelog models install`, pass --model DIR, or `{WHISPER_HINT}`."
    )


def load_transcriber(
    engine: str | None = "auto",
    *,
    model: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    language: str | None = None,
    load: bool = True,
) -> Transcriber:
    """The recogniser :func:`resolve_engine` picks, with its model read unless ``load=False``.

    ``language`` labels a Vosk model whose language cannot be told from its folder,
    and is the language Whisper listens for (default ``en``).
    """
    name, path = resolve_engine(engine, model, config)
    transcriber: Transcriber
    if name == "vosk":
        from voicelog.asr.vosk import VoskTranscriber

        assert path is not None
        vosk_t = VoskTranscriber(path, language=language)
        transcriber = vosk_t.load() if load else vosk_t
    else:
        from voicelog.asr.whisper import WhisperTranscriber

        whisper_t = WhisperTranscriber(path, language=language or "en")
        transcriber = whisper_t.load() if load else whisper_t
    return transcriber
