"""Settings: flag > environment > ``config.toml`` > default."""

from __future__ import annotations

import difflib
import json
import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicelog.errors import UsageError
from voicelog.paths import get_paths

log = logging.getLogger(__name__)

KEYS = ("model", "engine", "silence", "device", "wake", "stop", "cancel", "listen_silence", "max_seconds",
        "feedback", "fallback_dir", "discreet", "display_name")
"""The settings ``config.toml`` may hold."""


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
    wake: str | None = None
    """The private phrase that starts an account in ``voicelog listen``; deliberately no default."""
    stop: str | None = None
    """A phrase that ends an account in ``voicelog listen``."""
    cancel: str | None = None
    """A phrase that throws an account away in ``voicelog listen``."""
    listen_silence: float = 4.0
    """Seconds of silence that end an account in ``voicelog listen``."""
    max_seconds: float = 600.0
    """The longest account ``voicelog listen`` records, in seconds."""
    feedback: str = "none"
    """``none``, ``tone`` or ``speech``: how ``voicelog listen`` tells you it heard you."""
    fallback_dir: str | None = None
    """A folder (on another disk) for sealed copies of accounts a full disk or a damaged diary did not take."""
    discreet: bool = False
    """Reading commands show what they print in a full-screen view and clear the screen and scrollback after."""
    display_name: str | None = None
    """A neutral name (``notes``) said instead of "voicelog" and "stalking diary" in help, prompts and reports."""
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
    known = {k: data.pop(k) for k in KEYS if k in data}
    for key in ("device", "wake", "stop", "cancel", "feedback", "fallback_dir", "display_name"):
        if key in known:
            known[key] = str(known[key])
    for key in ("silence", "listen_silence", "max_seconds"):
        if key in known:
            try:
                known[key] = float(known[key])
            except (TypeError, ValueError):
                raise UsageError(f"{key} in {path} must be a number of seconds, not {known[key]!r}.") from None
    if "discreet" in known and not isinstance(known["discreet"], bool):
        raise UsageError(f"discreet in {path} must be true or false, not {known['discreet']!r}.")
    for key in data:
        log.warning("%s", unknown_key_message(path, key))
    return Config(**known, extra=data)


def unknown_key_message(path: Path, key: str) -> str:
    """One sentence about a setting voicelog does not know, with the nearest known one if it looks like a typo."""
    near = difflib.get_close_matches(key, KEYS, n=1)
    hint = f"did you mean {near[0]}?" if near else f"the settings it knows are {', '.join(KEYS)}."
    return f"The setting {key!r} in {path} is not one voicelog knows, so it is ignored; {hint}"



def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def save_setting(key: str, value: Any, path: Path | None = None) -> Path:
    """Set one top-level ``key`` in the config file (created ``0o600``), keeping the other settings."""
    path = path or get_paths().config_file
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"The settings file {path} is not valid TOML ({exc}); fix or delete it first.") from exc
    if any(isinstance(v, dict) for v in data.values()):
        raise UsageError(f"The settings file {path} has sections voicelog does not write; set {key} there by hand.")
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items()))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path
