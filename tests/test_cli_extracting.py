"""`voicelog extract` (voicelog.cli.extracting): an account as text to an incident, with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from voicelog.cli import cli


def test_bad_recorded_at_is_refused(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["extract", "--text", "he followed me", "--now", "last tuesday"])
    assert r.exit_code == 2
    assert "ISO" in r.output


def test_text_to_json_stores_nothing(voicelog_home: Path) -> None:
    r = CliRunner().invoke(cli, ["extract", "--text", "yesterday at nine colin mowbray followed me",
                                 "--now", "2026-03-30T21:47", "--json"])
    assert r.exit_code == 0, r.output
    incident = json.loads(r.stdout)
    assert (incident["date"], incident["time"]) == ("2026-03-29", "09:00")
    assert [p["name"] for p in incident["people"]] == ["Colin Mowbray"]
    assert not (voicelog_home / "diary.db").exists()


def test_batch_writes_one_prediction_a_line_and_names_a_bad_line(tmp_path: Path) -> None:
    good = {"id": "a1", "text": "he followed me yesterday", "recorded_at": "2025-10-15T20:05:00",
            "known_people": [{"name": "Anthony Gale", "aliases": ["my ex"]}]}
    batch = tmp_path / "inputs.jsonl"
    batch.write_text(json.dumps(good) + "\n\n" + json.dumps({**good, "id": "a2", "text": "my ex rang me"}) + "\n")
    r = CliRunner().invoke(cli, ["extract", "--batch", str(batch)])
    assert r.exit_code == 0, r.output
    preds = [json.loads(line) for line in r.stdout.splitlines()]
    assert [p["id"] for p in preds] == ["a1", "a2"]
    assert preds[0]["incident_date"] == "2025-10-14" and preds[1]["people"][0]["name"] == "Anthony Gale"
    batch.write_text(json.dumps(good) + "\n{not json\n")
    r = CliRunner().invoke(cli, ["extract", "--batch", str(batch)])
    assert r.exit_code == 2 and "Line 2" in r.output


def test_text_and_batch_together_are_refused(tmp_path: Path) -> None:
    batch = tmp_path / "inputs.jsonl"
    batch.write_text("")
    r = CliRunner().invoke(cli, ["extract", "--text", "he followed me", "--batch", str(batch)])
    assert r.exit_code == 2 and "exactly one of --text or --batch" in r.output
