"""Typed settings: flags over the environment over the config file over defaults; bad values refused clearly."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from voicelog.config import Config, load_config
from voicelog.errors import UsageError
from voicelog.settings import (
    DictateSettings,
    FeedbackSettings,
    ListenSettings,
    dictate_settings,
    engine_settings,
    service_settings,
)


def test_defaults_when_nothing_is_set() -> None:
    assert dictate_settings(Config(), env={}) == DictateSettings()
    with pytest.raises(UsageError, match="No wake phrase"):
        service_settings(Config(), env={})


@pytest.mark.parametrize(("flag", "env", "config", "expected"), [
    (None, None, None, 2.5),
    (None, None, 3.0, 3.0),
    (None, "4.5", 3.0, 4.5),
    (6.0, "4.5", 3.0, 6.0),
])
def test_each_layer_overrides_the_one_below(flag: float | None, env: str | None, config: float | None,
                                            expected: float) -> None:
    cfg = Config() if config is None else Config(silence=config)
    settings = dictate_settings(cfg, env={"VOICELOG_SILENCE": env} if env else {}, silence=flag)
    assert settings.silence == expected


def test_listen_settings_compose_phrases_engine_microphone_and_feedback() -> None:
    cfg = Config(wake="purple kettle moon", stop="end of entry", listen_silence=5.0, engine="vosk",
                 feedback="tone", device="USB")
    s = service_settings(cfg, env={"VOICELOG_DEVICE": "hw:2"}, cancel="scratch that", max_seconds=120.0,
                         keep_audio=False, model="~/m")
    assert s.listen == ListenSettings(wake="purple kettle moon", stop="end of entry", cancel="scratch that",
                                      silence=5.0, max_seconds=120.0, keep_audio=False)
    assert s.engine.engine == "vosk" and s.engine.model == Path("~/m").expanduser()
    assert s.microphone.device == "hw:2"
    assert s.feedback == FeedbackSettings(kind="tone")
    assert engine_settings(cfg, env={"VOICELOG_ENGINE": "whisper"}).engine == "whisper"


def test_bad_values_are_refused_with_where_they_came_from() -> None:
    with pytest.raises(UsageError, match="VOICELOG_SILENCE"):
        dictate_settings(Config(), env={"VOICELOG_SILENCE": "soon"})
    with pytest.raises(UsageError, match="Unknown feedback"):
        service_settings(Config(wake="purple kettle moon"), env={"VOICELOG_FEEDBACK": "loud"})
    with pytest.raises(UsageError, match="differ"):
        ListenSettings(wake="blue pelican", stop="Blue pelican!")


def test_unknown_config_keys_are_reported_with_the_nearest_known_one(tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "config.toml"
    path.write_text('silense = 3\nwake = "purple kettle moon"\ncolour = "blue"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="voicelog.config"):
        config = load_config(path)
    assert config.wake == "purple kettle moon" and config.silence == 2.5
    assert set(config.extra) == {"silense", "colour"}
    messages = [r.getMessage() for r in caplog.records]
    assert any("'silense'" in m and "did you mean silence?" in m for m in messages)
    assert any("'colour'" in m and "is not one voicelog knows" in m for m in messages)


def test_settings_come_from_the_config_file_and_flags_win(voicelog_home: Path) -> None:
    from voicelog.config import load_config

    voicelog_home.mkdir(parents=True, exist_ok=True)
    from voicelog.paths import get_paths

    get_paths().config_file.parent.mkdir(parents=True, exist_ok=True)
    get_paths().config_file.write_text('wake = "silver kettle lagoon"\nstop = "over and out"\nlisten_silence = 6\n'
                                       'max_seconds = 120\nfeedback = "tone"\n')
    config = load_config()
    s = service_settings(config, env={}).listen
    assert (s.wake, s.stop, s.cancel) == ("silver kettle lagoon", "over and out", None)
    assert (s.silence, s.max_seconds) == (6.0, 120.0)
    assert config.feedback == "tone"
    flagged = service_settings(config, env={}, wake="green door knocker", silence=3.0)
    assert flagged.listen.wake == "green door knocker"
    assert ListenSettings(wake="x").silence == 4.0 and ListenSettings(wake="x").max_seconds == 600.0


def test_the_fallback_folder_comes_from_the_flag_the_environment_or_the_config(tmp_path: Path) -> None:
    from voicelog.settings import fallback_dir

    cfg = Config(fallback_dir="~/usb/voicelog", wake="purple kettle moon")
    assert dictate_settings(Config(), env={}).fallback_dir is None
    assert dictate_settings(cfg, env={}).fallback_dir == Path("~/usb/voicelog").expanduser()
    env = {"VOICELOG_FALLBACK_DIR": str(tmp_path / "env")}
    assert service_settings(cfg, env=env).listen.fallback_dir == tmp_path / "env"
    assert fallback_dir(cfg, env=env, fallback_dir=tmp_path / "flag") == tmp_path / "flag"
    config_file = tmp_path / "config.toml"
    config_file.write_text('fallback_dir = "/media/usb/voicelog"\n')
    assert load_config(config_file).fallback_dir == "/media/usb/voicelog"  # a known setting, not a typo
