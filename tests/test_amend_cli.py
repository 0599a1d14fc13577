"""Corrections from the command line: amend, show --history, reextract, recover with nothing to do."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from voicelog import access
from voicelog.cli import cli
from voicelog.extract import EXTRACTOR_VERSION
from voicelog.incident import Incident
from voicelog.transcript import Transcript

TEXT = "yesterday at about ten past eight in the evening john smith followed me along mill lane"


@pytest.fixture
def diary(voicelog_home: Path) -> Path:
    path = voicelog_home / "diary.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    with access.open_for_recording(path) as book:  # as an older voicelog would have stored it
        old = Incident(date="2026-03-29", location="mill line", extractor_version="rules-0")
        book.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(TEXT), incident=old, source="text")
    return path


def _show(n: int) -> dict:
    r = CliRunner().invoke(cli, ["show", str(n), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_amend_sets_fields_and_keeps_the_original(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["amend", "1", "--set", "place=Mill Lane", "--set", "time=20:10",
                                 "--set", "people=John Smith:subject, Sarah:witness", "--note", "misheard"])
    assert r.exit_code == 0, r.output
    entry = _show(1)
    assert entry["incident"]["location"] == "Mill Lane" and entry["incident"]["time"] == "20:10"
    assert entry["incident"]["people"][1]["role"] == "witness"
    assert entry["original_incident"]["location"] == "mill line"
    assert entry["amendments"][0]["note"] == "misheard"
    r = CliRunner().invoke(cli, ["show", "1", "--history"])
    assert "As first written" in r.stdout and "Amendment 2" in r.stdout
    assert "[amended]" in r.stdout


@pytest.mark.parametrize("bad, message", [
    ("time=25:00", "24-hour"), ("date=last tuesday", "not a date"), ("categories=stalking", "unknown categor"),
    ("people=Dave:boss", "role"), ("mood=sad", "Cannot amend mood"), ("place", "FIELD=VALUE"),
])
def test_bad_amendments_are_refused_and_change_nothing(diary: Path, bad: str, message: str) -> None:
    before = diary.read_bytes()
    r = CliRunner().invoke(cli, ["amend", "1", "--set", bad])
    assert r.exit_code == 2
    assert message in r.output
    assert diary.read_bytes() == before


def test_reextract_updates_old_entries_but_the_persons_correction_wins(diary: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["amend", "1", "--set", "place=Mill Lane by the canal"]).exit_code == 0
    r = runner.invoke(cli, ["reextract", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"seq": 1, "from": "rules-0", "to": EXTRACTOR_VERSION}]
    entry = _show(1)
    assert entry["incident"]["extractor_version"] == EXTRACTOR_VERSION
    assert entry["incident"]["time"] == "20:10"  # found by the new extractor
    assert entry["incident"]["location"] == "Mill Lane by the canal"  # the person's word stands
    assert json.loads(runner.invoke(cli, ["reextract", "--json"]).stdout) == []  # nothing left to redo
    assert runner.invoke(cli, ["verify"]).exit_code == 0


def test_recover_with_nothing_to_recover(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["recover", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
