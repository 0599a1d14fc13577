"""Reading commands (voicelog.cli.reading): list and search with their filters (by person through the registry,
by date, by behaviour), show, and a diary that is not there."""

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

ACCOUNTS = [  # (recorded, incident date, person as heard, role, categories, text)
    ("2025-12-30T21:00", "2025-12-30", "Colin Mowbray", "subject", ("following",), "mark followed me home"),
    ("2026-01-10T09:00", "2026-01-09", "my ex", "subject", ("unwanted_contact",), "my ex texted me all night"),
    ("2026-02-02T18:00", "2026-02-02", "dave", "subject", ("monitoring",), "dave took photos of me at the car park"),
    ("2026-02-20T12:00", None, "Hilda", "witness", ("following",), "I was followed, hilda saw the car park"),
    ("2026-03-01T08:00", "2026-03-01", "Colin Mowbray", "subject", ("threats", "following"), "mark threatened me"),
]


def _build(path: Path) -> Path:
    """A sealed diary at ``path`` holding ACCOUNTS, with Colin Mowbray (alias "my ex") and Edward Haworth registered."""
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_recording(path) as book:
        for recorded, day, name, role, cats, text in ACCOUNTS:
            book.append(recorded_at=datetime.fromisoformat(recorded), transcript=Transcript(text),
                        incident=Incident(date=day, people=(PersonRef(name, role),), categories=cats), source="text")
    with opening.open_for_reading(path, passphrase=TEST_PASSPHRASE) as book:
        book.add_person("Colin Mowbray", ["my ex"])
        book.add_person("Edward Haworth", ["dave"])
    return path


@pytest.fixture(scope="module")
def diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One diary for the reading tests, which only read it (a test that changes it builds its own)."""
    return _build(tmp_path_factory.mktemp("reading") / "d.db")


def _list(diary: Path, *args: str) -> list[int]:
    r = CliRunner().invoke(cli, ["list", "--json", "--diary", str(diary), *args])
    assert r.exit_code == 0, r.output
    return [e["seq"] for e in json.loads(r.stdout)]


def test_person_matches_registered_name_and_aliases(diary: Path) -> None:
    assert _list(diary, "--person", "Colin Mowbray") == [1, 2, 5]
    assert _list(diary, "--person", "my ex") == [1, 2, 5]  # an alias means the whole person
    assert _list(diary, "--person", "colin mowbray") == [1, 2, 5]
    assert _list(diary, "--person", "Edward Haworth") == [3]
    assert _list(diary, "--person", "hilda") == [4]  # not registered: the name as heard
    assert _list(diary, "--person", "dave", "--person", "hilda") == [3, 4]


def test_person_includes_people_merged_later(tmp_path: Path) -> None:
    diary = _build(tmp_path / "d.db")
    assert _list(diary, "--person", "Colin Mowbray") == [1, 2, 5]
    r = CliRunner().invoke(cli, ["people", "merge", "Colin Mowbray", "Edward Haworth", "--diary", str(diary)])
    assert r.exit_code == 0, r.output
    assert _list(diary, "--person", "Colin Mowbray") == [1, 2, 3, 5]


def test_dates_compare_the_incident_day_else_the_recorded_day(diary: Path) -> None:
    assert _list(diary, "--since", "2026-01-01") == [2, 3, 4, 5]
    assert _list(diary, "--until", "2026-01-09") == [1, 2]
    assert _list(diary, "--since", "2026-02-20", "--until", "2026-02-20") == [4]  # no date said: recorded day


def test_categories_and_combinations(diary: Path) -> None:
    assert _list(diary, "--category", "following") == [1, 4, 5]
    assert _list(diary, "--category", "following", "--category", "monitoring") == [1, 3, 4, 5]
    assert _list(diary, "--person", "Colin Mowbray", "--since", "2026-01-01", "--category", "following") == [5]


def test_search_takes_the_same_filters(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["search", "car", "park", "--json", "--diary", str(diary)])
    assert [e["seq"] for e in json.loads(r.stdout)] == [3, 4]
    r = CliRunner().invoke(cli, ["search", "car", "park", "--person", "dave", "--json", "--diary", str(diary)])
    assert [e["seq"] for e in json.loads(r.stdout)] == [3]


@pytest.mark.parametrize("args, message", [
    (["--since", "yesterday"], "not a date"),
    (["--category", "stalking"], "Unknown category"),
    (["--since", "2026-03-01", "--until", "2026-01-01"], "after --until"),
])
def test_bad_filters_are_refused_clearly(diary: Path, args: list[str], message: str) -> None:
    r = CliRunner().invoke(cli, ["list", "--diary", str(diary), *args])
    assert r.exit_code == 2
    assert message in r.output


def test_reading_a_diary_that_does_not_exist_says_how_to_start(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["list", "--diary", str(tmp_path / "none.db")])
    assert r.exit_code == 1
    assert "voicelog init" in r.output
    assert not (tmp_path / "none.db").exists()


def test_show_a_missing_entry(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase="pass phrase")
    secret = tmp_path / "secret.txt"
    secret.write_text("pass phrase\n")
    r = CliRunner().invoke(cli, ["show", "4", "--diary", str(db), "--passphrase-file", str(secret)])
    assert r.exit_code == 2
    assert "no entry 4" in r.output


def test_escapes_and_bidi_overrides_in_an_entry_never_reach_the_terminal(tmp_path: Path) -> None:
    from hostile_fixtures import PLACE, has_raw, hostile_diary

    path = hostile_diary(tmp_path / "hostile.db")
    runner = CliRunner()
    shown = runner.invoke(cli, ["show", "1", "--history", "--diary", str(path)])
    listed = runner.invoke(cli, ["list", "--diary", str(path)], env={"COLUMNS": "300"})  # one line a row
    for r in (shown, listed):
        assert r.exit_code == 0, r.output
        assert not has_raw(r.stdout)
    assert "Main St\\x1b[2J\\u202eevil" in shown.stdout  # written visibly: the reader sees it was there
    assert "\\x1b[1A\\x1b[2Kback" in shown.stdout
    assert "Main St\\x1b[2J\\u202eevil" in listed.stdout
    # JSON: json.dumps writes ESC as \u001b by itself; the bidi override and C1 are escaped as \u202e, \u009b too,
    # and the data parse back unchanged.
    for args in (["show", "1", "--json"], ["list", "--json"]):
        r = runner.invoke(cli, [*args, "--diary", str(path)])
        assert r.exit_code == 0, r.output
        assert not has_raw(r.stdout) and "\\u202e" in r.stdout
        data = json.loads(r.stdout)
        first = data if isinstance(data, dict) else data[0]
        assert first["incident"]["location"] == PLACE


# --- a diary with damaged and forged rows ------------------------------------------------------------------


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reading diary with a bit of entry 3's sealed content flipped (row 4) and entry 5 replaced by a record
    sealed to another key (row 6); read only."""
    from damage_fixtures import flip_byte, seal_to_another_key

    path = _build(tmp_path_factory.mktemp("damaged") / "d.db")
    assert (flip_byte(path, 3), seal_to_another_key(path, 5)) == (4, 6)
    return path


def _names_the_bad_rows(stderr: str) -> None:
    assert "failed its tamper check" in stderr  # warned loudly before anything is shown
    assert "entry 3 (row 4)" in stderr and "entry 5 (row 6)" in stderr  # and each left out is named
    assert "left out" in stderr


def test_list_and_search_show_every_intact_entry_and_name_each_damaged_one(damaged: Path) -> None:
    runner = CliRunner()
    for args, expected in ((["list"], [1, 2, 4]), (["list", "--person", "Colin Mowbray"], [1, 2]),
                           (["search", "car", "park"], [4])):
        r = runner.invoke(cli, [*args, "--json", "--diary", str(damaged)])
        assert r.exit_code == 0, r.output
        assert [e["seq"] for e in json.loads(r.stdout)] == expected
        _names_the_bad_rows(r.stderr)
    r = runner.invoke(cli, ["list", "--diary", str(damaged)], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "mark followed me home" in r.stdout and "hilda saw the car park" in r.stdout
    assert "dave took photos" not in r.stdout  # entry 3's words are gone with its row
    _names_the_bad_rows(r.stderr)


def test_show_gives_every_intact_entry_and_refuses_a_damaged_one_naming_it(damaged: Path) -> None:
    runner = CliRunner()
    for n in (1, 2, 4):
        r = runner.invoke(cli, ["show", str(n), "--json", "--diary", str(damaged)])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["seq"] == n
    for n, row in ((3, 4), (5, 6)):
        r = runner.invoke(cli, ["show", str(n), "--diary", str(damaged)])
        assert r.exit_code == 1 and r.stdout == ""
        assert f"Entry {n} is damaged and cannot be shown (entry {n} (row {row})" in r.stderr
        assert "the other entries are readable" in r.stderr


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "md"])
def test_report_has_every_intact_entry_and_its_cover_names_the_damaged(damaged: Path, tmp_path: Path,
                                                                         fmt: str) -> None:
    from voicelog.report import rows_from_csv, rows_from_json
    from voicelog.store.opening import open_diary

    with open_diary(damaged) as locked:
        code = locked.verify().code
    assert code
    out = tmp_path / f"report.{fmt}"
    r = CliRunner().invoke(cli, ["report", "--out", str(out), "--format", fmt, "--diary", str(damaged)])
    assert r.exit_code == 0, r.output
    _names_the_bad_rows(r.stderr)
    assert "Wrote a report of 3 incident(s)" in r.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":  # no cover: the timeline only, and the person is told to hand over a report with one
        assert [row.number for row in rows_from_csv(text)] == ["1", "2", "4"]
        assert "a CSV has no cover" in r.stderr
        return
    if fmt == "json":
        assert [row.number for row in rows_from_json(text)] == ["1", "2", "4"]
        head = json.loads(text)["report"]
        assert head["verification"]["ok"] is False and head["verification"]["code"] == code
        assert head["verification"]["summary"].startswith("FAILED")
        assert any("Entry 3 (row 4)" in p for p in head["verification"]["problems"])
        assert any("Entry 5 (row 6)" in p for p in head["verification"]["problems"])
        assert [w[:15] for w in head["left_out"]] == ["entry 3 (row 4)", "entry 5 (row 6)"]
        return
    cover = text[: text.index("Timeline")]  # what is said before the first incident
    assert "failed its tamper check" in cover and "FAILED" in cover
    assert "Entry 3 (row 4)" in cover and "Entry 5 (row 6)" in cover and code in cover
    assert "Left out of this report" in cover and "entry 3 (row 4)" in cover and "entry 5 (row 6)" in cover
    if fmt == "html":
        assert [n for n in (1, 2, 3, 4, 5) if f'id="entry-{n}"' in text] == [1, 2, 4]
        assert 'data-verified="no"' in cover
    else:
        assert [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| ")][1:] == \
               ["1", "2", "4"]


def test_report_of_a_sound_diary_says_the_check_passed(diary: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    r = CliRunner().invoke(cli, ["report", "--out", str(out), "--diary", str(diary)])
    assert r.exit_code == 0, r.output
    assert "tamper" not in r.stderr and "left out" not in r.stderr
    head = json.loads(out.read_text(encoding="utf-8"))["report"]
    assert head["verification"]["ok"] is True and head["verification"]["seals_checked"] is True
    assert head["verification"]["summary"].startswith("All 8 rows fit and carry their seals")
    assert head["verification"]["problems"] == [] and head["left_out"] == []


def test_report_with_images_embeds_thumbnails_and_says_what_to_install_without_pillow(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from image_fixtures import write_images

    path = _build(tmp_path / "d.db")
    photo, _ = write_images(tmp_path / "gallery")
    assert CliRunner().invoke(cli, ["attach", "1", str(photo), "--diary", str(path)]).exit_code == 0
    r = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "log.html"), "--with-images", "--diary", str(path)])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "log.html").read_text()
    assert page.count('<img class="thumb" src="data:image/jpeg;base64,') == 1 and "car.jpg" in page

    r = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "log.md"), "--with-images", "--diary", str(path)])
    assert r.exit_code == 2 and "Images are shown only in the HTML and PDF reports, not in md" in r.stderr
    monkeypatch.setitem(sys.modules, "PIL", None)  # a machine without Pillow
    monkeypatch.delenv("VOICELOG_PASSPHRASE")  # refused before the passphrase is asked for
    r = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "new.html"), "--with-images", "--diary", str(path)])
    assert r.exit_code == 2 and "need Pillow, which is not installed" in r.stderr, r.output
    assert "pip install Pillow" in r.stderr and not (tmp_path / "new.html").exists()
    assert not (tmp_path / "log.md").exists()


def test_report_says_how_many_voided_entries_it_shows_apart(tmp_path: Path) -> None:
    path = _build(tmp_path / "d.db")
    assert CliRunner().invoke(cli, ["void", "2", "--reason", "the wrong day", "--diary", str(path)]).exit_code == 0
    r = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "log.json"), "--diary", str(path)])
    assert r.exit_code == 0, r.output
    assert f"Wrote a report of 4 incident(s) and 1 voided entry (one line each) to {tmp_path / 'log.json'}" in r.stderr
    people = {p["name"]: p["count"] for p in json.loads((tmp_path / "log.json").read_text())["people"]}
    assert people["Colin Mowbray"] == 2  # the voided "my ex" entry counts for no one
