"""The command line: help everywhere, JSON output, and bad input refused with nothing stored."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner

from voicelog.cli import cli
from voicelog.store import opening
from voicelog.store.diary import open_diary


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, cmd in group.commands.items():
        found.append(prefix + (name,))
        if isinstance(cmd, click.Group):
            found += _commands(cmd, prefix + (name,))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    command = cli
    for name in path:
        command = command.commands[name]
    if not isinstance(command, click.Group):  # a group's examples show its subcommands
        assert f"voicelog {' '.join(path)}" in result.output


def test_people_add_and_list_json(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    runner = CliRunner()
    r = runner.invoke(cli, ["people", "add", "Mark Jones", "--alias", "my ex", "--alias", "mark", "--diary", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["people", "list", "--json", "--diary", str(db)])
    assert json.loads(r.stdout) == [{"name": "Mark Jones", "aliases": ["my ex", "mark"]}]


def test_reading_a_diary_that_does_not_exist_says_how_to_start(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["list", "--diary", str(tmp_path / "none.db")])
    assert r.exit_code == 1
    assert "voicelog init" in r.output
    assert not (tmp_path / "none.db").exists()


def test_show_a_missing_entry(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase="pass phrase")
    r = CliRunner().invoke(cli, ["show", "4", "--diary", str(db), "--passphrase-file", str(_secret(tmp_path))])
    assert r.exit_code == 2
    assert "no entry 4" in r.output


def test_bad_recorded_at_is_refused(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["extract", "--text", "he followed me", "--now", "last tuesday"])
    assert r.exit_code == 2
    assert "ISO" in r.output


def _secret(tmp: Path) -> Path:
    path = tmp / "secret.txt"
    path.write_text("pass phrase\n")
    return path


def _write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return path


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "notes.wav").write_text("dear diary, this is text not sound\n")
    (tmp / "empty.wav").write_bytes(b"")
    rng = np.random.default_rng(1)
    return {
        "missing": (tmp / "nowhere.wav", "nowhere.wav"),
        "empty": (tmp / "empty.wav", "empty"),
        "not a wav": (tmp / "notes.wav", "not a WAV"),
        "silent": (_write_wav(tmp / "silent.wav", np.zeros(16000 * 3)), "no speech"),
        "hiss": (_write_wav(tmp / "hiss.wav", rng.normal(0, 3, 16000 * 3)), "no speech"),
        "no frames": (_write_wav(tmp / "noframes.wav", np.zeros(0)), "empty"),
    }


@pytest.mark.parametrize("kind", ["missing", "empty", "not a wav", "silent", "hiss", "no frames"])
def test_bad_audio_gets_one_line_and_no_entry(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase="pass phrase")
    with opening.open_for_reading(db, passphrase="pass phrase") as diary:
        diary.add_person("Mark Jones")
    before = db.read_bytes()
    path, message = _bad_inputs(tmp_path)[kind]
    r = CliRunner().invoke(cli, ["dictate", "--file", str(path), "--diary", str(db), "--engine", "whisper"])
    assert r.exit_code != 0
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    assert message.lower() in lines[0].lower()
    assert "Traceback" not in r.output
    with open_diary(db) as diary:
        assert diary.count() == 0
    assert db.read_bytes() == before
