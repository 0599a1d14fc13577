"""Typed settings for the daily verbs, each composed from flags > environment > config file > defaults.

The CLI gathers flags into keyword arguments and calls one of the ``*_settings``
functions; the application layer only ever sees these frozen dataclasses. An
environment variable is ``VOICELOG_`` plus the setting's config-file key in
capitals (``VOICELOG_ENGINE``, ``VOICELOG_DEVICE``, ``VOICELOG_SILENCE``, …).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicelog.config import Config, load_config
from voicelog.errors import UsageError


@dataclass(frozen=True)
class EngineSettings:
    """Which speech engine hears the account, and with which model."""

    engine: str = "auto"
    """An engine's name from :data:`voicelog.engines.ENGINE_NAMES`, or ``auto`` (the first that has a model)."""
    model: Path | None = None
    """A model folder given explicitly (``--model``); else the engine's own lookup order applies."""
    language: str | None = None
    """The language to listen for, where the model cannot tell (default: the model's, else ``en``)."""
