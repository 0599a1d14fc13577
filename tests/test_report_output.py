"""voicelog.report.output: the report in the format asked for, written only to --out, only for the person."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_fixtures import read_demo

from voicelog import report
from voicelog.cli import cli
from voicelog.errors import DiaryError, UsageError


def test_report_is_written_only_to_out_and_never_over_a_file(demo, tmp_path: Path) -> None:
    out = tmp_path / "log.html"
    out.write_text("keep me")
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out)])
    assert r.exit_code == 2 and "already exists" in r.output
    assert out.read_text() == "keep me"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path)])
    assert r.exit_code == 2 and "--out" in r.output
    out.chmod(0o644)
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--force"])
    assert r.exit_code == 0, r.output
    assert out.stat().st_mode & 0o777 == 0o600 and out.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.html"]


def test_a_wrong_passphrase_writes_no_report(demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICELOG_PASSPHRASE", "not the passphrase")
    out = tmp_path / "log.html"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out)])
    assert r.exit_code == 2
    assert not out.exists()


def _same_chart_ids(page: str) -> str:
    return re.sub(r"chart-[0-9a-f-]{36}", "chart-X", page)  # pygal gives each chart a random id


def test_render_picks_the_format_and_refuses_an_unknown_one(demo) -> None:
    entries, registry, head = read_demo(demo)
    built = report.build_report(entries, registry, head=head)
    page = report.render(built, "html", entries)
    assert _same_chart_ids(page) == _same_chart_ids(report.render_html(built, entries))
    assert report.render(built, "csv") == report.render_csv(built)
    assert report.render(built, "json") == report.render_json(built)
    assert report.render(built, "md") == report.render_md(built)
    assert set(report.FORMATS) == {"html", "csv", "json", "md"}
    with pytest.raises(UsageError, match="Unknown report format 'pdf'; use html, csv, json, md."):
        report.render(built, "pdf")


def test_write_report_writes_the_text_as_utf8_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    text = "No.,Place\n1,“the Lidl car park”\n"
    out = report.write_report(tmp_path / "log.csv", text)
    assert out.read_bytes() == text.encode("utf-8") and out.stat().st_mode & 0o777 == 0o600
    with pytest.raises(UsageError, match="already exists"):
        report.write_report(out, "other")
    assert report.write_report(out, "other", overwrite=True).read_text() == "other"
    missing = tmp_path / "no such folder" / "log.csv"
    with pytest.raises(DiaryError,
                       match=r"Could not write .*log\.csv \(No such file or directory\); nothing was written\."):
        report.write_report(missing, text)
    assert not missing.parent.exists()
