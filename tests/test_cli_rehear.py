"""`voicelog rehear` (voicelog.cli.rehear), in-process: kept recordings heard again with the person's names."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE
from listen_fixtures import scene

from voicelog.app.rehear import DiffPart
from voicelog.cli import cli
from voicelog.cli.rehear import diff_markup
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_for_reading
from voicelog.transcript import Transcript


def _diary(tmp_path: Path) -> Path:
    db = tmp_path / "d.db"
    init_diary(db, passphrase=TEST_PASSPHRASE)
    return db


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, ["rehear", *args], env={"VOICELOG_PASSPHRASE": TEST_PASSPHRASE})


def test_the_diff_marks_removed_and_added_words_and_escapes_the_persons_words() -> None:
    parts = (DiffPart("removed", "Kelly"), DiffPart("added", "Keeley"), DiffPart("same", "said [bold]x"))
    assert diff_markup(parts) == ("[red strike]\\[-Kelly-][/red strike] [green]{+Keeley+}[/green] "
                                  "said \\[bold]x")


def test_an_entry_without_a_recording_is_one_sentence(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    with open_for_reading(db, TEST_PASSPHRASE) as diary:
        diary.append(recorded_at=datetime(2026, 4, 9), transcript=Transcript("typed"), incident=Incident(),
                     source="text")
    r = _run("1", "--diary", str(db))
    assert r.exit_code != 0  # type: ignore[attr-defined]
    assert "Entry 1 has no recording kept" in r.stderr  # type: ignore[attr-defined]
    r = _run("1", "--all", "--diary", str(db))
    assert r.exit_code == 2 and "not both" in r.stderr  # type: ignore[attr-defined]


def test_nothing_recorded_locked_is_said_so(tmp_path: Path) -> None:
    r = _run("--diary", str(_diary(tmp_path)), "--json")
    assert r.exit_code == 0, r.stderr  # type: ignore[attr-defined]
    assert json.loads(r.stdout) == [] and "Nothing to hear again" in r.stderr  # type: ignore[attr-defined]


@pytest.mark.slow
def test_rehear_an_entry_recorded_locked(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    wav = scene(["Tadhg came to my door at ten and would not leave."], tmp_path / "said.wav")
    r = CliRunner().invoke(cli, ["dictate", "--file", str(wav), "--engine", "whisper", "--diary", str(db)],
                           env={"VOICELOG_PASSPHRASE": None})  # recorded locked: no passphrase
    assert r.exit_code == 0, r.stderr
    r = CliRunner().invoke(cli, ["people", "add", "Tadhg Burke", "--diary", str(db)],
                           env={"VOICELOG_PASSPHRASE": TEST_PASSPHRASE})
    assert r.exit_code == 0, r.stderr
    r = _run("--engine", "whisper", "--diary", str(db))
    assert r.exit_code == 0, r.stderr  # type: ignore[attr-defined]
    assert "Entry 1: amended" in r.stdout and "{+Tadhg+}" in r.stdout, r.stderr  # type: ignore[attr-defined]
    assert "1 transcript changed" in r.stderr  # type: ignore[attr-defined]
    r = _run("1", "--engine", "whisper", "--diary", str(db), "--json")
    [again] = json.loads(r.stdout)  # type: ignore[attr-defined]
    assert again["seq"] == 1 and not again["changed"] and "Tadhg" in again["after"]
