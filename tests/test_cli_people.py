"""`voicelog people` (voicelog.cli.people): add, list, show, alias and merge, sealed throughout."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog.cli import cli
from voicelog.incident import Incident, PersonRef
from voicelog.store import opening
from voicelog.transcript import Transcript


@pytest.fixture()
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    heard = [("Edward Haworth", "2026-01-05", ("following",)), ("dave", "2026-01-12", ("following", "threats")),
             ("his brother", "2026-02-02", ("third_party",)), ("Hilda", "2026-02-03", ())]
    with opening.open_for_recording(path) as book:
        for name, day, cats in heard:
            book.append(recorded_at=datetime.fromisoformat(day + "T20:00"), transcript=Transcript(f"{name} was there"),
                        incident=Incident(date=day, people=(PersonRef(name, "subject"),), categories=cats),
                        source="text")
    return path


def _run(diary: Path, *args: str) -> object:
    r = CliRunner().invoke(cli, [*args, "--diary", str(diary)])
    assert r.exit_code == 0, r.output
    return r


def _people(diary: Path) -> list[dict]:
    return json.loads(_run(diary, "people", "list", "--json").stdout)


def test_alias_adds_to_a_registered_person(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth")
    _run(diary, "people", "alias", "Edward Haworth", "dave", "Dave", "his brother")
    assert _people(diary) == [{"name": "Edward Haworth", "aliases": ["dave", "his brother"]}]
    r = CliRunner().invoke(cli, ["people", "alias", "Nobody", "x", "--diary", str(diary)])
    assert r.exit_code == 2 and "people add" in r.output


def test_an_alias_of_someone_else_points_to_merge(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave")
    _run(diary, "people", "add", "Colin Mowbray")
    r = CliRunner().invoke(cli, ["people", "alias", "Colin Mowbray", "dave", "--diary", str(diary)])
    assert r.exit_code == 2 and "people merge" in r.output
    assert _people(diary)[0] == {"name": "Colin Mowbray", "aliases": []}


def test_merge_makes_two_registered_people_one(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "david")
    _run(diary, "people", "add", "Dave", "--alias", "his brother")
    before = json.loads(_run(diary, "people", "show", "Edward Haworth", "--json").stdout)
    assert before["incidents"] == 1
    _run(diary, "people", "merge", "Edward Haworth", "Dave")
    assert _people(diary) == [{"name": "Edward Haworth", "aliases": ["david", "Dave", "his brother"]}]
    after = json.loads(_run(diary, "people", "show", "Edward Haworth", "--json").stdout)
    assert after["incidents"] == 3 and after["entries"] == [1, 2, 3]
    assert after["first"] == "2026-01-05" and after["last"] == "2026-02-02"
    assert after["behaviours"] == {"following": 2, "threats": 1, "third_party": 1}
    # showing them by any of their names gives the same person
    assert json.loads(_run(diary, "people", "show", "his brother", "--json").stdout)["name"] == "Edward Haworth"


def test_merge_takes_a_name_only_heard_in_entries(diary: Path) -> None:
    _run(diary, "people", "merge", "Edward Haworth", "his brother")  # neither registered yet
    assert _people(diary) == [{"name": "Edward Haworth", "aliases": ["his brother"]}]
    r = CliRunner().invoke(cli, ["people", "merge", "Edward Haworth", "his brother", "--diary", str(diary)])
    assert r.exit_code == 2 and "already the same person" in r.output


def test_merged_people_count_once_in_a_report(diary: Path, tmp_path: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave")
    _run(diary, "people", "merge", "Edward Haworth", "his brother")
    out = tmp_path / "r.json"
    _run(diary, "report", "--out", str(out))
    data = json.loads(out.read_text())
    assert {p["name"]: p["count"] for p in data["people"]} == {"Edward Haworth": 3, "Hilda": 1}


def test_show_text_and_an_unregistered_name(diary: Path) -> None:
    r = _run(diary, "people", "show", "Hilda")
    assert "not registered" in r.stdout and "incidents    1" in r.stdout
    r = _run(diary, "people", "show", "Nobody")
    assert "no incidents" in r.stdout


def test_the_registry_stays_sealed_on_disk(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave")
    _run(diary, "people", "merge", "Edward Haworth", "his brother")
    raw = diary.read_bytes() + (diary.with_name(diary.name + "-wal").read_bytes()
                                if diary.with_name(diary.name + "-wal").exists() else b"")
    assert b"Haworth" not in raw and b"brother" not in raw


def test_merge_refuses_a_name_that_is_only_someone_elses_alias(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave")
    _run(diary, "people", "add", "Colin Mowbray")
    r = CliRunner().invoke(cli, ["people", "merge", "Colin Mowbray", "dave", "--diary", str(diary)])
    assert r.exit_code == 2
    assert "alias of Edward Haworth" in r.output and "people alias" in r.output
    assert _people(diary) == [{"name": "Colin Mowbray", "aliases": []}, {"name": "Edward Haworth", "aliases": ["dave"]}]


def test_add_refuses_an_alias_that_names_someone_else(diary: Path) -> None:
    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave")
    for args in (["Colin Mowbray", "--alias", "Dave"], ["Colin Mowbray", "--alias", "edward haworth"]):
        r = CliRunner().invoke(cli, ["people", "add", *args, "--diary", str(diary)])
        assert r.exit_code == 2 and "already names Edward Haworth" in r.output and "people merge" in r.output
    assert _people(diary) == [{"name": "Edward Haworth", "aliases": ["dave"]}]


def test_add_and_list_json_on_a_new_diary(tmp_path: Path) -> None:
    db = tmp_path / "new.db"  # people add creates the diary
    runner = CliRunner()
    r = runner.invoke(cli, ["people", "add", "Colin Mowbray", "--alias", "my ex", "--alias", "col", "--diary", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["people", "list", "--json", "--diary", str(db)])
    assert json.loads(r.stdout) == [{"name": "Colin Mowbray", "aliases": ["my ex", "col"]}]


def test_escapes_and_bidi_overrides_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    from hostile_fixtures import NAME, has_raw, hostile_diary

    path = hostile_diary(tmp_path / "hostile.db")
    runner = CliRunner()
    listed = runner.invoke(cli, ["people", "list", "--diary", str(path)])
    shown = runner.invoke(cli, ["people", "show", NAME, "--diary", str(path)])
    alias = runner.invoke(cli, ["people", "alias", NAME, "\x1b[31mred", "--diary", str(path)])
    for r in (listed, shown, alias):
        assert r.exit_code == 0, r.output
        assert not has_raw(r.stdout) and not has_raw(r.stderr)
    assert "Mark\\x1b]0;owned\\x07 \\u2066Jones\\x9b31m" in listed.stdout
    assert "@mark\\u202e" in listed.stdout
    assert "incidents    1" in shown.stdout and "following\\u202e (1)" in shown.stdout
    assert "\\x1b[31mred" in alias.stderr


def test_people_list_and_show_work_on_a_diary_with_damaged_and_forged_entries(diary: Path) -> None:
    from damage_fixtures import flip_byte, seal_to_another_key

    _run(diary, "people", "add", "Edward Haworth", "--alias", "dave", "--alias", "his brother")
    assert (flip_byte(diary, 2), seal_to_another_key(diary, 3)) == (3, 4)  # dave's and his brother's entries
    r = _run(diary, "people", "list", "--json")
    assert json.loads(r.stdout) == [{"name": "Edward Haworth", "aliases": ["dave", "his brother"]}]
    assert "failed its tamper check" in r.stderr
    assert "entry 2 (row 3)" in r.stderr and "entry 3 (row 4)" in r.stderr
    r = _run(diary, "people", "show", "Edward Haworth", "--json")
    assert json.loads(r.stdout)["entries"] == [1]  # the one intact entry naming him
    assert "entry 2 (row 3)" in r.stderr and "entry 3 (row 4)" in r.stderr
