"""Typed settings for the daily verbs, each composed from flags > environment > config file > defaults.

The CLI gathers its flags into keyword arguments (None where a flag was not
given) and calls :func:`dictate_settings` or :func:`service_settings`; the
application layer only ever sees these frozen dataclasses. An environment
variable is ``VOICELOG_`` plus the setting's config-file key in capitals
(``VOICELOG_ENGINE``, ``VOICELOG_DEVICE``, ``VOICELOG_SILENCE``, …; see
:data:`ENVIRONMENT`). ``VOICELOG_MODEL`` is read by the engines' own model
lookup (:mod:`voicelog.engines.model_store`), in its documented place.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voicelog.config import Config
from voicelog.errors import UsageError

ENVIRONMENT = {
    "engine": "VOICELOG_ENGINE",
    "device": "VOICELOG_DEVICE",
    "silence": "VOICELOG_SILENCE",
    "wake": "VOICELOG_WAKE",
    "stop": "VOICELOG_STOP",
    "cancel": "VOICELOG_CANCEL",
    "listen_silence": "VOICELOG_LISTEN_SILENCE",
    "max_seconds": "VOICELOG_MAX_SECONDS",
    "feedback": "VOICELOG_FEEDBACK",
    "fallback_dir": "VOICELOG_FALLBACK_DIR",
}
"""The environment variable for each config-file key it may override."""

FEEDBACK_KINDS = ("none", "tone", "speech")
"""The values ``--feedback`` and ``feedback =`` accept."""


@dataclass(frozen=True)
class EngineSettings:
    """Which speech engine hears the account, and with which model."""

    engine: str = "auto"
    """An engine's name from :data:`voicelog.engines.ENGINE_NAMES`, or ``auto`` (the first that has a model)."""
    model: Path | None = None
    """A model folder given explicitly (``--model``); else the engine's own lookup order applies."""
    language: str | None = None
    """The language to listen for, where the model cannot tell (default: the model's, else ``en``)."""


@dataclass(frozen=True)
class MicrophoneSettings:
    """Which input device records."""

    device: str | None = None
    """A device name (or part of one) or number from ``voicelog devices``; None for the default input."""


@dataclass(frozen=True)
class DictateSettings:
    """What one dictation needs beyond its audio."""

    engine: EngineSettings = field(default_factory=EngineSettings)
    """The recogniser."""
    microphone: MicrophoneSettings = field(default_factory=MicrophoneSettings)
    """The input device (ignored for a file)."""
    silence: float = 2.5
    """Seconds of silence that end a live dictation."""
    keep_audio: bool = True
    """Keep the recording, sealed, with the entry."""
    fallback_dir: Path | None = None
    """Where a sealed copy of the account goes when a full disk or a damaged diary does not take it."""


@dataclass(frozen=True)
class ListenSettings:
    """What the hands-free loop needs: the phrases and when an account ends."""

    wake: str
    """The private phrase that starts an account. There is deliberately no default."""
    stop: str | None = None
    """A phrase that ends the account (its words are not stored)."""
    cancel: str | None = None
    """A phrase that throws the account away: nothing is stored."""
    silence: float = 4.0
    """Seconds of quiet that end the account."""
    max_seconds: float = 600.0
    """The longest an account may run."""
    start_timeout: float = 20.0
    """Seconds after the wake phrase with no speech before going back to waiting."""
    keep_audio: bool = True
    """Keep the recording (sealed) with the entry."""
    fallback_dir: Path | None = None
    """Where sealed copies of accounts go at exit when a full disk or a damaged diary did not take them."""

    def __post_init__(self) -> None:
        from voicelog.phrases import normalise

        if not normalise(self.wake):
            raise UsageError(
                "No wake phrase is set. Choose a phrase only you would say and pass it with "
                '--wake "…", or set wake = "…" in the config file (`voicelog paths` shows where).'
            )
        for name in ("stop", "cancel"):
            value = getattr(self, name)
            if value is not None and not normalise(value):
                object.__setattr__(self, name, None)
        phrases = [normalise(p) for p in (self.wake, self.stop, self.cancel) if p]
        if len(set(map(tuple, phrases))) != len(phrases):
            raise UsageError("The wake, stop and cancel phrases must differ from each other.")


@dataclass(frozen=True)
class FeedbackSettings:
    """How the hands-free service tells the person it heard them."""

    kind: str = "none"
    """``none`` (the default), ``tone`` or ``speech``."""
    gpio: bool = False
    """Use a Raspberry Pi LED and button."""
    led_pin: str = "17"
    """The LED's GPIO pin, with ``gpio``."""
    button_pin: str = "27"
    """The button's GPIO pin, with ``gpio``."""

    def __post_init__(self) -> None:
        if self.kind not in FEEDBACK_KINDS:
            raise UsageError(f"Unknown feedback {self.kind!r}; use one of: {', '.join(FEEDBACK_KINDS)}.")


@dataclass(frozen=True)
class ServiceSettings:
    """Everything ``voicelog listen`` runs with."""

    listen: ListenSettings
    """Phrases and endpointing."""
    engine: EngineSettings = field(default_factory=EngineSettings)
    """The recogniser."""
    microphone: MicrophoneSettings = field(default_factory=MicrophoneSettings)
    """The input device."""
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)
    """What the person is told."""


class _Layers:
    """Looks a setting up in the flags, then the environment, then the config file, then a default."""

    def __init__(self, config: Config, env: Mapping[str, str] | None, flags: Mapping[str, Any]) -> None:
        self.config = config
        self.env = os.environ if env is None else env
        self.flags = flags

    def get(self, key: str, *, flag: str | None = None) -> Any:
        value = self.flags.get(flag or key)
        if value is not None:
            return value
        var = ENVIRONMENT.get(key)
        if var and self.env.get(var):
            return self.env[var]
        return getattr(self.config, key)

    def seconds(self, key: str, *, flag: str | None = None) -> float:
        value = self.get(key, flag=flag)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise UsageError(f"{key} must be a number of seconds, not {value!r} "
                             f"(from {ENVIRONMENT.get(key, key)} or the config file).") from None

    def engine(self) -> EngineSettings:
        model = self.flags.get("model")
        return EngineSettings(engine=str(self.get("engine")).lower(),
                              model=Path(model).expanduser() if model else None)

    def fallback_dir(self) -> Path | None:
        value = self.get("fallback_dir")
        return Path(str(value)).expanduser() if value else None

    def microphone(self) -> MicrophoneSettings:
        device = self.get("device")
        return MicrophoneSettings(device=str(device) if device is not None else None)


def dictate_settings(config: Config, *, env: Mapping[str, str] | None = None, **flags: Any) -> DictateSettings:
    """Settings for ``voicelog dictate``: flags ``engine``, ``model``, ``device``, ``silence``, ``keep_audio``,
    ``fallback_dir``."""
    layers = _Layers(config, env, flags)
    keep = flags.get("keep_audio")
    return DictateSettings(engine=layers.engine(), microphone=layers.microphone(),
                           silence=layers.seconds("silence"), keep_audio=True if keep is None else bool(keep),
                           fallback_dir=layers.fallback_dir())


def service_settings(config: Config, *, env: Mapping[str, str] | None = None, **flags: Any) -> ServiceSettings:
    """Settings for ``voicelog listen``.

    Flags: ``wake``, ``stop``, ``cancel``, ``silence``, ``max_seconds``, ``keep_audio``, ``fallback_dir``,
    ``engine``, ``model``, ``device``, ``feedback``, ``gpio``, ``led_pin``, ``button_pin``. Refuses to start without a
    wake phrase, or with one too short or too common (:mod:`voicelog.wake_strength`).
    """
    layers = _Layers(config, env, flags)
    keep = flags.get("keep_audio")
    listen = ListenSettings(
        wake=str(layers.get("wake") or ""),
        stop=layers.get("stop"),
        cancel=layers.get("cancel"),
        silence=layers.seconds("listen_silence", flag="silence"),
        max_seconds=layers.seconds("max_seconds"),
        keep_audio=True if keep is None else bool(keep),
        fallback_dir=layers.fallback_dir(),
    )
    from voicelog.wake_strength import check_wake_phrase

    check_wake_phrase(listen.wake)  # too short or too common a phrase would store bystanders' talk
    feedback = FeedbackSettings(kind=str(layers.get("feedback")), gpio=bool(flags.get("gpio")),
                                led_pin=str(flags.get("led_pin") or "17"),
                                button_pin=str(flags.get("button_pin") or "27"))
    return ServiceSettings(listen=listen, engine=layers.engine(), microphone=layers.microphone(),
                           feedback=feedback)


def engine_settings(config: Config, *, env: Mapping[str, str] | None = None, **flags: Any) -> EngineSettings:
    """Settings for the commands that only need a recogniser (``recover``, ``models path``)."""
    return _Layers(config, env, flags).engine()


def fallback_dir(config: Config, *, env: Mapping[str, str] | None = None, **flags: Any) -> Path | None:
    """The fallback folder (flag ``fallback_dir`` > ``VOICELOG_FALLBACK_DIR`` > config), for ``recover``."""
    return _Layers(config, env, flags).fallback_dir()
