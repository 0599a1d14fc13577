"""Settings: flag > environment > ``config.toml`` > default."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicelog.errors import UsageError
from voicelog.paths import get_paths


@dataclass(frozen=True)
class Config:
    """What ``config.toml`` may set; every field has a sensible default."""

    model: str | None = None
    """A Vosk model folder to use before any other lookup place."""
    engine: str = "auto"
    """``vosk``, ``whisper`` or ``auto``."""
    silence: float = 2.5
    """Seconds of silence that end a dictation."""
    device: str | None = None
    """Input device name or index for recording."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Settings this version does not know, kept so they are not lost."""


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means defaults, a broken one is an error."""
    path = path or get_paths().config_file
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"The settings file {path} is not valid TOML ({exc}). Fix or delete it.") from exc
    known = {k: data.pop(k) for k in ("model", "engine", "silence", "device") if k in data}
    if "device" in known:
        known["device"] = str(known["device"])
    return Config(**known, extra=data)
