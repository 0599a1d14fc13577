"""Speech engines as plugins: each owns its transcriber, wake-phrase spotter and live transcriber.

- :mod:`~voicelog.engines.base`: the protocols (``Transcriber``, ``WakeSpotter``, ``LiveTranscriber``, ``Engine``)
- :mod:`~voicelog.engines.registry`: the table of engines; ``resolve_engine``, ``load_engine``, ``list_models``
- :mod:`~voicelog.engines.vosk`, :mod:`~voicelog.engines.whisper`: one module an engine
- :mod:`~voicelog.engines.utterances`: cutting audio at pauses, for engines that hear whole utterances
- :mod:`~voicelog.engines.model_store`: known models, the lookup order, installing a model

Importing this package is cheap: vosk and faster_whisper are imported only when
a model is loaded. Nothing outside this package compares an engine's name.
"""

from voicelog.engines.base import Engine, LiveTranscriber, Transcriber, WakeSpotter
from voicelog.engines.registry import (
    ENGINE_CHOICES,
    ENGINE_NAMES,
    ENGINES,
    EngineRow,
    ResolvedEngine,
    list_models,
    load_engine,
    resolve_engine,
)

__all__ = [
    "ENGINES",
    "ENGINE_CHOICES",
    "ENGINE_NAMES",
    "LiveTranscriber",
    "Engine",
    "EngineRow",
    "ResolvedEngine",
    "Transcriber",
    "WakeSpotter",
    "list_models",
    "load_engine",
    "resolve_engine",
]
