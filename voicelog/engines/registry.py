"""The table of speech engines, and choosing and loading one of them.

Each row names a module (``voicelog.engines.<name>``) that provides the same
few functions (see :class:`EngineModule`); nothing here knows one engine from
another. ``auto`` is the first row whose engine is installed and finds a model,
so the order of the rows is the order of preference. Adding an engine means
adding one module and one row.

Resolving imports only the engine's own module, never vosk or faster_whisper;
those load with the model.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from voicelog.errors import ModelError, UsageError

if TYPE_CHECKING:  # kept out of the import, so that `voicelog --help` can list the engines at once
    from voicelog.config import Config
    from voicelog.engines.base import Engine
    from voicelog.engines.model_store import FoundModel
    from voicelog.settings import EngineSettings


@dataclass(frozen=True)
class EngineRow:
    """One speech engine voicelog can use."""

    name: str
    """What ``--engine`` and ``engine =`` in the config file call it; stored with each transcript."""
    module: str
    """The module that implements it (an :class:`EngineModule`), imported only when needed."""
    description: str
    """One line for people choosing an engine."""
    install_hint: str
    """The command that installs the engine when it is missing."""


ENGINES: tuple[EngineRow, ...] = (
    EngineRow(
        name="vosk",
        module="voicelog.engines.vosk",
        description="Vosk (Kaldi): streams as you speak and is light enough for a Raspberry Pi; "
        "models from `voicelog models install`.",
        install_hint="pip install vosk",
    ),
    EngineRow(
        name="whisper",
        module="voicelog.engines.whisper",
        description="Whisper (faster-whisper): hears whole utterances, more accurate on English, "
        "needs more CPU.",
        install_hint="pip install 'voicelog-diary[whisper]'",
    ),
)
"""Every engine, in order of preference for ``auto``."""

ENGINE_NAMES: tuple[str, ...] = tuple(row.name for row in ENGINES)
"""The engines' names."""

ENGINE_CHOICES: tuple[str, ...] = ("auto", *ENGINE_NAMES)
"""The values ``--engine`` accepts."""


class EngineModule(Protocol):
    """What an engine's module provides for the registry."""

    MODEL_HINT: str
    """How to get a model for it, as the end of a sentence ("run `voicelog models install` or ...")."""

    def available(self) -> bool:
        """True when the engine's library is installed (checked without importing it)."""
        ...

    def find_model(self, explicit: Path | None, config: Config | None) -> Path | None:
        """``explicit`` if given (ModelError when it is not this engine's model), else the model the
        engine's own lookup order finds (ModelError when a folder named in the environment or the
        config file is not one), or None."""
        ...

    def no_model_error(self) -> ModelError:
        """The error, with the way to install a model, when the engine was asked for and has none."""
        ...

    def installed(self, config: Config | None) -> list[FoundModel]:
        """Every model of this engine present on this machine."""
        ...

    def load(self, path: Path, language: str | None = None) -> Engine:
        """The engine with the model in ``path`` read."""
        ...


@dataclass(frozen=True)
class ResolvedEngine:
    """The engine and model a command will use, decided without loading anything heavy."""

    name: str
    """The engine's name, from :data:`ENGINE_NAMES`."""
    model: Path
    """The model folder."""


def engine_row(name: str) -> EngineRow:
    """The row of the engine called ``name``; UsageError for an unknown one."""
    for row in ENGINES:
        if row.name == name.lower():
            return row
    raise UsageError(f"Unknown engine {name!r}; use one of: {', '.join(ENGINE_CHOICES)}.")


def engine_module(row: EngineRow) -> EngineModule:
    """The module implementing ``row``'s engine (light: it imports its library only to load a model)."""
    return cast(EngineModule, importlib.import_module(row.module))


def resolve_engine(settings: EngineSettings, config: Config | None = None) -> ResolvedEngine:
    """Decide the engine and model folder without loading anything heavy.

    Raises ModelError, with the way to install what is missing, when no engine has a
    model, and UsageError for an unknown engine. ``config`` supplies the config
    file's model folder to the engines' lookups.
    """
    from voicelog.engines.model_store import ModelNotInstalled
    from voicelog.paths import get_paths

    explicit = settings.model.expanduser() if settings.model is not None else None
    if settings.engine.lower() != "auto":
        row = engine_row(settings.engine)
        module = engine_module(row)
        if not module.available():
            raise ModelError(f"The {row.name.capitalize()} engine is not installed; run `{row.install_hint}`.")
        path = module.find_model(explicit, config)
        if path is None:
            raise module.no_model_error()
        return ResolvedEngine(row.name, path)

    refused: list[ModelError] = []  # why each engine is not the one for the --model folder
    hints: list[str] = []
    for row in ENGINES:
        module = engine_module(row)
        hints.append(module.MODEL_HINT)
        if not module.available():
            continue
        try:
            path = module.find_model(explicit, config)
        except ModelError as exc:
            if explicit is None:  # a folder named in the environment or config file is wrong: say so
                raise
            refused.append(exc)
            continue
        if path is not None:
            return ResolvedEngine(row.name, path)
    if refused:  # a catalogue name that is not installed says how to install it; else the first engine's reason
        raise next((exc for exc in refused if isinstance(exc, ModelNotInstalled)), refused[0])
    raise ModelError(
        f"No speech recognition model found in ./models or {get_paths().models_dir}; {', or '.join(hints)}."
    )


def load_engine(settings: EngineSettings, config: Config | None = None) -> Engine:
    """The engine :func:`resolve_engine` picks, with its model read (once per process per folder).

    ``settings.language`` labels a model whose language cannot be told from its
    folder, and is the language an engine listens for where it has to be told.
    """
    resolved = resolve_engine(settings, config)
    return engine_module(engine_row(resolved.name)).load(resolved.model, settings.language)


def list_models(config: Config | None = None) -> list[FoundModel]:
    """Every model present on this machine, engine by engine in the table's order."""
    found: list[FoundModel] = []
    for row in ENGINES:
        module = engine_module(row)
        if module.available():
            found += module.installed(config)
    return found
