"""voicelog.config: the settings file voicelog reads, and writing one setting into it safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicelog.config import load_config, save_setting
from voicelog.errors import UsageError


def test_save_setting_quotes_safely_and_refuses_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_setting("wake", 'say "stop" now\\please', path)
    assert load_config(path).wake == 'say "stop" now\\please'
    path.write_text("this is [not toml")
    with pytest.raises(UsageError, match="not valid TOML"):
        save_setting("wake", "two words", path)
