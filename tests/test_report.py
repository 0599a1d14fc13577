"""The report: one self-contained HTML page opened in a real browser, and the same rows as CSV, JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog import access, report
from voicelog.cli import cli
from voicelog.demo import build_demo_diary
from voicelog.filters import Registry

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                    "(apt-get install -y chromium); the browser test needs a real browser")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """The invented demo diary: 30 entries about 3 people over 10 weeks, one place corrected, one merge."""
    return build_demo_diary(tmp_path_factory.mktemp("demo") / "demo.db", TEST_PASSPHRASE)


def _report(demo, tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"report.{fmt}"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--format", fmt, *extra])
    assert r.exit_code == 0, r.output
    assert "not sealed" in r.stderr
    return out


def _chromium(args: list[str], profile: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=120, check=True, **kw)


def _page_requests(html: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """Open ``html`` in Chromium with a network log; the rendered DOM and every URL the *page* asked for.

    Chromium's own background requests (update checks) carry no origin ("not an
    origin") and are left out; anything the page loads carries its origin.
    """
    profile = tmp_path / f"profile-{html.stem}"
    profile.mkdir()
    netlog = tmp_path / f"{html.stem}.netlog.json"
    dom = _chromium([f"--log-net-log={netlog}", "--dump-dom", html.as_uri()], profile).stdout
    log = json.loads(netlog.read_text())
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params:
            if params.get("initiator") != "not an origin" and not params["url"].startswith("file:"):
                urls.append(params["url"])
    return dom, urls


class _Trap(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Trap.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class _Dom(HTMLParser):
    """Collects what the checks need from the DOM Chromium rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.charts = 0
        self.people: dict[str, int] = {}
        self.amended_rows: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg" and "pygal-chart" in (a.get("class") or ""):
            self.charts += 1
        if tag == "div" and a.get("data-count") and a.get("data-person"):
            self.people[a["data-person"] or ""] = int(a["data-count"] or 0)
        if tag == "tr" and a.get("data-amended") == "yes":
            self.amended_rows.append(a.get("id") or "")


@needs_chromium
def test_html_report_in_real_chromium_loads_nothing_prints_and_shows_the_pattern(demo, tmp_path: Path) -> None:
    html = _report(demo, tmp_path, "html", "--title", "Incident diary")
    text = html.read_text()
    assert html.stat().st_mode & 0o777 == 0o600
    # Nothing that could load from outside: no scripts, no links, no remote src/href/url().
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert "<script" not in text.lower() and "<link" not in text.lower() and "<img" not in text.lower()

    # The detector works: a page that does load from outside is caught, by the log and by a local trap.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trap)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        canary = tmp_path / "canary.html"
        port = server.server_address[1]
        canary.write_text(f'<html><body><img src="http://127.0.0.1:{port}/pixel.png">'
                          f'<div style="background:url(http://127.0.0.1:{port}/bg.png)">x</div></body></html>')
        _, canary_urls = _page_requests(canary, tmp_path)
        assert any("pixel.png" in u for u in canary_urls) and "/pixel.png" in _Trap.hits

        dom, urls = _page_requests(html, tmp_path)
    finally:
        server.shutdown()
    assert urls == []

    parsed = _Dom()
    parsed.feed(dom)
    assert parsed.charts == 1 + 3  # the cover's chart and one per person
    assert parsed.people == demo.counts == {"Mark Jones": 14, "David Pearson": 9, "Karen Holt": 7}
    assert parsed.amended_rows == [f"entry-{n}" for n in demo.amended]
    row = dom.split(f'id="entry-{demo.amended[0]}"', 1)[1].split("</tr>", 1)[0]
    assert "Amended" in row and "the Tesco car park on Main Street" in row and "tess go" in row
    assert "voicelog verify --head" in dom

    profile = tmp_path / "profile-print"
    profile.mkdir()
    png, pdf = tmp_path / "page.png", tmp_path / "report.pdf"
    _chromium(["--window-size=1240,1754", f"--screenshot={png}", html.as_uri()], profile)
    _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()], profile)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(sizes) >= 4
    portrait = {(round(float(w)), round(float(h))) for w, h in sizes}
    assert (595, 842) in portrait and (842, 595) in portrait  # A4, the timeline in landscape


def test_csv_and_json_parse_back_to_the_same_rows(demo, tmp_path: Path) -> None:
    rows_csv = report.rows_from_csv(_report(demo, tmp_path, "csv").read_text())
    rows_json = report.rows_from_json(_report(demo, tmp_path, "json").read_text())
    with access.open_for_reading(demo.path, passphrase=TEST_PASSPHRASE) as book:
        entries = book.entries()
        built = report.build_report(entries, Registry(book.people()), head=book.head())
    assert rows_csv == rows_json == list(built.rows)
    assert len(rows_csv) == 30
    assert list(csv.DictReader(io.StringIO(report.render_csv(built))).fieldnames or []) == list(report.COLUMNS)
    amended = [r for r in rows_csv if r.amended]
    assert [r.number for r in amended] == [str(n) for n in demo.amended]
    assert amended[0].place == "the Tesco car park on Main Street"
    assert "tess go car park" in amended[0].amended


def test_json_report_carries_the_head_and_the_people(demo, tmp_path: Path) -> None:
    data = json.loads(_report(demo, tmp_path, "json").read_text())
    with access.open_for_reading(demo.path, passphrase=TEST_PASSPHRASE) as book:
        seq, head = book.head()
    assert data["report"]["head"] == {"seq": seq, "hash": head}
    assert data["report"]["verify"] == f"voicelog verify --head {head}"
    people = {p["name"]: p for p in data["people"]}
    assert {n: p["count"] for n, p in people.items()} == demo.counts
    assert people["Mark Jones"]["trend"] == "more"
    assert "his brother" in people["David Pearson"]["aliases"]  # merged, so counted as one
    assert sum(people["Mark Jones"]["weekly"]) == 14 and len(data["report"]["weeks"]) == 10
    # the head in the report checks out against the diary
    r = CliRunner().invoke(cli, ["verify", "--diary", str(demo.path), "--head", head])
    assert r.exit_code == 0, r.output


def test_markdown_report_has_the_timeline_and_the_verify_command(demo, tmp_path: Path) -> None:
    text = _report(demo, tmp_path, "md").read_text()
    table = [line for line in text.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert len(table) == 30
    assert "voicelog verify --head" in text and "## Mark Jones" in text


def test_filters_narrow_the_report(demo, tmp_path: Path) -> None:
    rows = report.rows_from_csv(_report(demo, tmp_path, "csv", "--person", "dave", "--since", "2026-02-01").read_text())
    assert rows and all("David Pearson" in r.people and r.date >= "2026-02-01" for r in rows)
    data = json.loads(_report(demo, tmp_path, "json", "--category", "property_damage").read_text())
    assert data["report"]["selection"] == "behaviours: property damage"
    assert all("property damage" in r["behaviours"] for r in data["rows"]) and len(data["rows"]) == 5


def test_name_and_title_only_when_given(demo, tmp_path: Path) -> None:
    plain = _report(demo, tmp_path, "html").read_text()
    assert "Kept by" not in plain and "<title>Incident log</title>" in plain
    (tmp_path / "named").mkdir()
    named = _report(demo, tmp_path / "named", "html", "--name", "Alex Example", "--title", "My diary").read_text()
    assert "Kept by Alex Example" in named and "<title>My diary</title>" in named


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
