"""Every location voicelog uses, decided in one place.

``VOICELOG_HOME`` puts everything (config, diary, models) under one folder, which
tests and portable installs use; otherwise platformdirs picks the user's folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Paths:
    """The folders and files voicelog reads and writes."""

    config_dir: Path
    """Holds ``config.toml``."""
    data_dir: Path
    """Holds the diary and, under ``models/``, installed models."""

    @property
    def config_file(self) -> Path:
        """The settings file."""
        return self.config_dir / "config.toml"

    @property
    def diary(self) -> Path:
        """The default diary database, unless ``--diary`` or ``VOICELOG_DIARY`` says otherwise."""
        return self.data_dir / "diary.db"

    @property
    def models_dir(self) -> Path:
        """Where ``voicelog models install`` puts models."""
        return self.data_dir / "models"


def get_paths() -> Paths:
    """The paths for this user, honouring ``VOICELOG_HOME``."""
    home = os.environ.get("VOICELOG_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(config_dir=root, data_dir=root)
    import platformdirs

    return Paths(
        config_dir=Path(platformdirs.user_config_dir("voicelog")),
        data_dir=Path(platformdirs.user_data_dir("voicelog")),
    )


def diary_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The diary file: ``--diary``, else ``VOICELOG_DIARY``, else the default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("VOICELOG_DIARY")
    if env:
        return Path(env).expanduser()
    return get_paths().diary


def vosk_cache_dir() -> Path:
    """Where vosk's own downloader keeps models (``~/.cache/vosk``); we only read it."""
    return Path.home() / ".cache" / "vosk"


def fsync_dir(folder: Path) -> None:
    """Make a file's creation, rename or deletion in ``folder`` durable (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every filesystem allows fsync on a folder; the operation itself is done
    finally:
        os.close(fd)
