"""Every model voicelog can download, whatever its engine, and installing one by name.

The rows come from each engine's own table (:data:`~voicelog.engines.model_store.KNOWN_MODELS` for Vosk,
:data:`~voicelog.engines.whisper_models.WHISPER_MODELS` for Whisper); ``voicelog models install NAME`` and
``models list --available`` read them here, so the command line never asks which engine a name belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicelog.errors import ModelError


@dataclass(frozen=True)
class Download:
    """A model that ``voicelog models install`` can fetch."""

    engine: str
    """The engine that reads it."""
    name: str
    """What ``models install`` and ``--model`` call it."""
    size_bytes: int
    """The whole download."""
    source: str
    """Where it comes from."""
    note: str
    """One line for people choosing a model."""


def downloads() -> list[Download]:
    """Every downloadable model: Vosk's, then Whisper's (weakest first)."""
    from voicelog.engines.model_store import KNOWN_MODELS
    from voicelog.engines.whisper_models import WHISPER_MODELS

    rows = [Download("vosk", m.name, m.size_bytes, m.url, "Vosk's small English model: light enough for a Pi.")
            for m in KNOWN_MODELS.values()]
    rows += [Download("whisper", m.name, m.size_bytes, m.source, m.note) for m in WHISPER_MODELS.values()]
    return rows


def install(name: str, *, url: str | None = None, progress: Callable[[int, int], None] | None = None) -> Path:
    """Download, verify and unpack the model called ``name``; its folder. ``url`` is a mirror's address."""
    from voicelog.engines.model_store import KNOWN_MODELS, install_model
    from voicelog.engines.whisper_models import install_whisper_model, whisper_download

    if name in KNOWN_MODELS:
        return install_model(name, url=url, progress=progress)
    if whisper_download(name) is not None:
        return install_whisper_model(name, url=url, progress=progress)
    known = ", ".join(d.name for d in downloads())
    raise ModelError(f"Unknown model {name!r}; known models: {known}.")
