"""voicelog.report.text: the same timeline as CSV, JSON and Markdown, and the rows read back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from report_fixtures import read_demo, report_with_cli

from voicelog import report
from voicelog.cli import cli


def test_csv_and_json_parse_back_to_the_same_rows(demo, tmp_path: Path) -> None:
    rows_csv = report.rows_from_csv(report_with_cli(demo, tmp_path, "csv").read_text())
    rows_json = report.rows_from_json(report_with_cli(demo, tmp_path, "json").read_text())
    entries, registry, head = read_demo(demo)
    built = report.build_report(entries, registry, head=head)
    assert rows_csv == rows_json == list(built.rows)
    assert len(rows_csv) == 30
    assert list(csv.DictReader(io.StringIO(report.render_csv(built))).fieldnames or []) == [*report.COLUMNS, "exhibits"]
    amended = [r for r in rows_csv if r.amended]
    assert [r.number for r in amended] == [str(n) for n in demo.amended]
    assert amended[0].place == "the Lidl car park on Carlton Road"
    assert "lid all car park" in amended[0].amended


def test_json_report_carries_the_head_and_the_people(demo, tmp_path: Path) -> None:
    data = json.loads(report_with_cli(demo, tmp_path, "json").read_text())
    seq, head = read_demo(demo)[2]
    assert data["report"]["head"] == {"seq": seq, "hash": head}
    assert data["report"]["verify"] == f"voicelog verify --head {head}"
    people = {p["name"]: p for p in data["people"]}
    assert {n: p["count"] for n, p in people.items()} == demo.counts
    assert people["Colin Mowbray"]["trend"] == "more"
    assert "his brother" in people["Edward Haworth"]["aliases"]  # merged, so counted as one
    assert sum(people["Colin Mowbray"]["weekly"]) == 14 and len(data["report"]["weeks"]) == 10
    # the head in the report checks out against the diary
    r = CliRunner().invoke(cli, ["verify", "--diary", str(demo.path), "--head", head])
    assert r.exit_code == 0, r.output


def test_markdown_report_has_the_timeline_and_the_verify_command(demo, tmp_path: Path) -> None:
    text = report_with_cli(demo, tmp_path, "md").read_text()
    table = [line for line in text.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert len(table) == 30
    assert "voicelog verify --head" in text and "## Colin Mowbray" in text


def test_markdown_cells_keep_the_table_whole(demo) -> None:
    entries, registry, head = read_demo(demo)
    built = report.build_report(entries[:1], registry, head=head)
    row = replace(built.rows[0], what_happened="He said | that\nthen left \\ again", police_reference="")
    odd = replace(built, rows=(row,))
    [line] = [line for line in report.render_md(odd).splitlines() if line.startswith(f"| {row.number} |")]
    assert "He said \\| that then left \\\\ again" in line
    cells = line.replace("\\|", "").split(" | ")
    assert len(cells) == len(report.COLUMNS)  # the escaped pipe did not add a column; the empty one is kept


def _hostile_report(tmp_path: Path) -> report.Report:
    from conftest import TEST_PASSPHRASE
    from hostile_fixtures import hostile_diary

    from voicelog.filters import Registry
    from voicelog.store.opening import open_for_reading

    with open_for_reading(hostile_diary(tmp_path / "hostile.db"), passphrase=TEST_PASSPHRASE) as book:
        return report.build_report(book.entries(), Registry(book.people()), head=book.head(), title="Log\x1b[8m")


def test_escapes_and_bidi_overrides_are_written_visibly_in_markdown_csv_and_json(tmp_path: Path) -> None:
    from hostile_fixtures import PLACE, has_raw

    built = _hostile_report(tmp_path)
    md, text_csv, text_json = report.render_md(built), report.render_csv(built), report.render_json(built)
    for text in (md, text_csv, text_json):
        assert not has_raw(text)
    assert "# Log\\x1b[8m" in md and "Main St\\x1b[2J\\u202eevil" in md and "## Mark\\x1b]0;owned" in md
    assert "Main St\\x1b[2J\\u202eevil" in text_csv
    assert json.loads(text_json)["rows"][0]["place"] == PLACE  # JSON escapes, so the data is unchanged


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped_and_read_back(tmp_path: Path) -> None:
    from hostile_fixtures import FORMULA

    built = _hostile_report(tmp_path)
    row = built.rows[1]
    assert (row.what_happened, row.place) == (FORMULA, "+" + FORMULA)
    cells = list(csv.DictReader(io.StringIO(report.render_csv(built))))[1]
    assert cells["what_happened"] == "'" + FORMULA and cells["place"] == "'+" + FORMULA
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for c in csv.DictReader(
        io.StringIO(report.render_csv(built))) for v in c.values())
    awkward = replace(row, people="-1", behaviours="@SUM(A1)", impact="'quoted", evidence="\tTAB", number="2")
    text = report.render_csv(replace(built, rows=(awkward,)))
    assert list(csv.DictReader(io.StringIO(text)))[0]["impact"] == "''quoted"  # so one ' always comes off
    back = report.rows_from_csv(text)[0]
    assert back == replace(awkward, evidence="\\x09TAB")  # control characters are shown, not kept
    assert report.rows_from_csv(report.render_csv(built))[1] == row


def test_markdown_and_json_carry_the_tamper_check_and_csv_stays_the_timeline(tmp_path: Path) -> None:
    from report_fixtures import damaged_report

    built, checked = damaged_report(tmp_path)
    md = report.render_md(built)
    cover = md.split("## Timeline", 1)[0]
    assert "**WARNING: the diary failed its tamper check:** FAILED" in cover
    assert all(f"- {p}" in cover for p in checked.problems)
    assert f"Verification code fingerprint: `{checked.code}`" in cover
    assert "**Left out of this report:** 1 row(s)" in cover and f"- {checked.left_out[0]}" in cover
    head = json.loads(report.render_json(built))["report"]
    assert head["verification"] == {"ok": False, "summary": checked.summary, "problems": list(checked.problems),
                                    "code": checked.code, "seals_checked": True}
    assert head["left_out"] == list(checked.left_out)
    # CSV has no cover: its rows and header are the same with or without the check
    assert report.render_csv(built) == report.render_csv(replace(built, integrity=None))
    assert [r.number for r in report.rows_from_csv(report.render_csv(built))] == ["1", "3"]
    unchecked = replace(built, integrity=None)
    assert "tamper" not in report.render_md(unchecked)
    assert "verification" not in json.loads(report.render_json(unchecked))["report"]


def test_the_police_log_fields_are_columns_of_csv_json_and_markdown(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE
    from report_fixtures import police_log_diary

    path = police_log_diary(tmp_path)
    runner = CliRunner()
    for fmt in ("csv", "json", "md"):
        r = runner.invoke(cli, ["report", "--diary", str(path), "--format", fmt, "--out", str(tmp_path / f"r.{fmt}")],
                          env={"VOICELOG_PASSPHRASE": TEST_PASSPHRASE})
        assert r.exit_code == 0, r.output
    rows = report.rows_from_csv((tmp_path / "r.csv").read_text())
    assert rows == report.rows_from_json((tmp_path / "r.json").read_text())
    said, plain = sorted(rows, key=lambda r: r.number)
    assert (said.vehicle, said.address, said.witness_contact, said.reported) == (
        "white Kia Ceed, registration KD71 XRF", "3 Tanner Row", "Nadia Brook: 07700 900333", "police (101)")
    assert plain.vehicle == plain.reported == ""
    header = next(csv.reader(io.StringIO((tmp_path / "r.csv").read_text())))
    assert header[header.index("police_reference") + 1:][:4] == ["reported", "address", "vehicle", "witness_contact"]
    md = (tmp_path / "r.md").read_text()
    assert "| Reported | Address | Vehicle | Witness contact |" in md and "| police (101) | 3 Tanner Row |" in md


def test_exhibits_are_listed_in_csv_json_and_markdown_and_a_void_is_counted_apart(tmp_path: Path) -> None:
    import hashlib

    from image_fixtures import report_with_evidence_and_a_void

    built, photo = report_with_evidence_and_a_void(tmp_path)
    sha = hashlib.sha256(photo).hexdigest()
    att = built.exhibits[0]
    assert (built.incidents, built.voided, len(built.rows)) == (1, 1, 2)

    rows = list(csv.DictReader(io.StringIO(report.render_csv(built))))
    assert rows[0]["exhibits"] == (f"Exhibit 1: bus stop.jpg (image/jpeg, {len(photo):,} bytes, SHA-256 {sha}, "
                                   f"attached {att.attached_at})")
    assert rows[1]["exhibits"] == "" and rows[1]["what_happened"].startswith("Entry 2 voided on ")

    data = json.loads(report.render_json(built))
    assert (data["report"]["incidents"], data["report"]["voided"]) == (1, 1)
    assert [(e["exhibit"], e["entry"], e["name"], e["type"], e["size"], e["sha256"], e["attached_at"])
            for e in data["exhibits"]] == [(1, 1, "bus stop.jpg", "image/jpeg", len(photo), sha, att.attached_at)]

    md = report.render_md(built)
    assert "- Incidents: 1 (and 1 voided entry, not counted)" in md
    assert "## Exhibits" in md
    assert f"| 1 | 1 | bus stop.jpg | image/jpeg | {len(photo)} | {sha} | {att.attached_at} |" in md
    assert "radio" not in md  # the voided entry's words are not in any format
    assert all("radio" not in text for text in (report.render_csv(built), report.render_json(built)))
