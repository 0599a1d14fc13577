"""voicelog/cli/doctor.py: `voicelog doctor` in-process, its lines, its JSON and its exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog.cli import cli
from voicelog.store.opening import init_diary

WAKE = "violet harbour lantern"
"""An invented wake phrase."""


@pytest.fixture
def ready(voicelog_home: Path) -> Path:
    """A sealed diary and a config file with a wake phrase, in the test's voicelog home."""
    voicelog_home.mkdir(exist_ok=True)
    (voicelog_home / "config.toml").write_text(f'wake = "{WAKE}"\nstop = "that is all"\n', encoding="utf-8")
    diary = voicelog_home / "diary.db"
    init_diary(diary, passphrase=TEST_PASSPHRASE)
    return diary


def test_nothing_set_up_fails_with_one_line_a_check(voicelog_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_WAKE", raising=False)
    r = CliRunner().invoke(cli, ["doctor", "--no-microphone", "--quick"])
    assert r.exit_code == 1, r.output
    lines = r.stdout.splitlines()
    assert [line.split()[1] for line in lines] == ["settings", "wake", "microphone", "model", "disk", "diary", "key",
                                                    "service"]
    assert all(line.split()[0] in ("OK", "WARN", "FAIL", "SKIP") for line in lines)
    assert any(line.startswith("FAIL  diary") and "voicelog init" in line for line in lines)
    assert any(line.startswith("FAIL  wake phrase") for line in lines)
    assert any(line.startswith("SKIP  microphone") for line in lines)


def test_a_ready_setup_exits_zero_and_json_lists_every_check(ready: Path) -> None:
    r = CliRunner().invoke(cli, ["doctor", "--no-microphone", "--quick", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["ok"] is True
    checks = {c["name"]: c for c in report["checks"]}
    assert set(checks) == {"settings", "wake phrase", "microphone", "model", "disk", "diary", "key file", "service"}
    assert checks["diary"]["status"] == "ok" and str(ready) in checks["diary"]["message"]
    assert all(set(c) == {"name", "status", "message"} for c in report["checks"])


def test_json_says_not_ok_and_the_exit_status_is_one_on_a_failure(ready: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["doctor", "--no-microphone", "--quick", "--json", "--diary",
                                 str(tmp_path / "elsewhere.db")])
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["ok"] is False
    assert [c["status"] for c in report["checks"] if c["name"] == "diary"] == ["fail"]


def test_the_engine_flag_is_the_one_checked(ready: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["doctor", "--no-microphone", "--quick", "--engine", "whisper", "--model",
                                 str(tmp_path)])
    assert r.exit_code == 1
    [line] = [line for line in r.stdout.splitlines() if line.split()[1] == "model"]
    assert line.startswith("FAIL") and str(tmp_path) in line


@pytest.mark.slow  # loads the recogniser and spaCy
def test_doctor_loads_the_model_and_extraction(ready: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    r = CliRunner().invoke(cli, ["doctor", "--no-microphone", "--engine", "whisper"])
    assert r.exit_code == 0, r.output
    lines = {line.split()[1]: line for line in r.stdout.splitlines()}
    assert lines["model"].startswith("OK") and lines["model"].endswith("loads.")
    assert lines["extraction"].startswith("OK")
