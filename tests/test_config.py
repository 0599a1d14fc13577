"""Settings: the file voicelog reads and the one setting `init` writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from voicelog.cli import cli
from voicelog.config import load_config, save_setting
from voicelog.errors import UsageError


def test_init_saves_the_wake_phrase_and_keeps_other_settings(voicelog_home: Path) -> None:
    voicelog_home.mkdir(parents=True)
    (voicelog_home / "config.toml").write_text('engine = "whisper"\nsilence = 3.5\n')
    r = CliRunner().invoke(cli, ["init", "--wake", "purple  kettle on the moon"])
    assert r.exit_code == 0, r.output
    config = load_config()
    assert config.wake == "purple kettle on the moon"
    assert config.engine == "whisper" and config.silence == 3.5
    assert (voicelog_home / "config.toml").stat().st_mode & 0o777 == 0o600


def test_a_one_word_wake_phrase_is_refused(voicelog_home: Path) -> None:
    r = CliRunner().invoke(cli, ["init", "--wake", "hello"])
    assert r.exit_code == 2 and "two words" in r.output
    assert load_config().wake is None


def test_save_setting_quotes_safely_and_refuses_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_setting("wake", 'say "stop" now\\please', path)
    assert load_config(path).wake == 'say "stop" now\\please'
    path.write_text("this is [not toml")
    with pytest.raises(UsageError, match="not valid TOML"):
        save_setting("wake", "two words", path)
