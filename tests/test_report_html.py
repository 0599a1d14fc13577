"""voicelog.report.html: the one self-contained A4 page, opened in a real browser."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import ClassVar

import pytest
from report_fixtures import read_demo, report_with_cli

from voicelog import report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                    "(apt-get install -y chromium); the browser test needs a real browser")


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
        if (names.get(event["type"]) == "URL_REQUEST_START_JOB" and "url" in params
                and params.get("initiator") != "not an origin" and not params["url"].startswith("file:")):
            urls.append(params["url"])
    return dom, urls


class _Trap(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
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


@pytest.mark.slow
@needs_chromium
def test_html_report_in_real_chromium_loads_nothing_prints_and_shows_the_pattern(demo, tmp_path: Path) -> None:
    html = report_with_cli(demo, tmp_path, "html", "--title", "Incident diary")
    text = html.read_text()
    assert html.stat().st_mode & 0o777 == 0o600
    # Nothing that could load from outside: no scripts, no links, no remote src/href/url().
    remote = r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//"""
    assert not re.search(remote, text, re.IGNORECASE)
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
    assert parsed.people == demo.counts == {"Colin Mowbray": 14, "Edward Haworth": 9, "Karen Holt": 7}
    assert parsed.amended_rows == [f"entry-{n}" for n in demo.amended]
    row = dom.split(f'id="entry-{demo.amended[0]}"', 1)[1].split("</tr>", 1)[0]
    assert "Amended" in row and "the Lidl car park on Carlton Road" in row and "lid all" in row
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


def test_name_and_title_only_when_given(demo, tmp_path: Path) -> None:
    plain = report_with_cli(demo, tmp_path, "html").read_text()
    assert "Kept by" not in plain and "<title>Incident log</title>" in plain
    (tmp_path / "named").mkdir()
    named = report_with_cli(demo, tmp_path / "named", "html", "--name", "Alex Example", "--title", "My diary")
    named = named.read_text()
    assert "Kept by Alex Example" in named and "<title>My diary</title>" in named


def test_the_stylesheet_is_package_data_inlined_in_the_page(demo) -> None:
    css = resources.files("voicelog.report").joinpath("report.css").read_text(encoding="utf-8")
    assert "@page timeline { size: A4 landscape;" in css
    entries, registry, head = read_demo(demo)
    page = report.render_html(report.build_report(entries, registry, head=head), entries)
    assert f"<style>\n{css}</style>" in page
    assert page.count("<style>") == 1  # the charts' SVG styles are <style type="text/css"> inside <defs>


def test_corrected_fields_are_marked_only_when_the_entries_are_given(demo) -> None:
    entries, registry, head = read_demo(demo)
    built = report.build_report(entries, registry, head=head)
    mark = f'<span class="am" title="corrected by the diarist">{report.AMENDED_MARK}</span>'

    def amended_row(page: str) -> str:
        return page.split(f'id="entry-{demo.amended[0]}"', 1)[1].split("</tr>", 1)[0]

    with_entries = amended_row(report.render_html(built, entries))
    assert f"the Lidl car park on Carlton Road {mark}</td>" in with_entries
    assert with_entries.count(mark) == 1  # only the place was corrected
    without = amended_row(report.render_html(built))
    assert mark not in without and f"{report.AMENDED_MARK} Amended: place" in without  # the note stays


def test_escapes_and_bidi_overrides_are_written_visibly_in_the_html(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE
    from hostile_fixtures import has_raw, hostile_diary

    from voicelog.filters import Registry
    from voicelog.store.opening import open_for_reading

    with open_for_reading(hostile_diary(tmp_path / "hostile.db"), passphrase=TEST_PASSPHRASE) as book:
        entries, registry, head = book.entries(), Registry(book.people()), book.head()
    page = report.render_html(report.build_report(entries, registry, head=head, name="Jo\u202e"), entries)
    assert not has_raw(page)
    assert "Main St\\x1b[2J\\u202eevil" in page and "Jo\\u202e" in page
    assert "Mark\\x1b]0;owned\\x07 \\u2066Jones\\x9b31m" in page


def test_the_cover_says_the_diary_failed_its_tamper_check_and_names_what_was_left_out(tmp_path: Path) -> None:
    from report_fixtures import damaged_report

    built, checked = damaged_report(tmp_path)
    page = report.render_html(built)
    cover = page.split('<section class="sheet timeline-part">', 1)[0]
    assert '<div class="integrity failed" data-verified="no">' in cover
    assert "Warning: the diary failed its tamper check when this report was made" in cover
    for problem in checked.problems:
        assert f"<li>{html.escape(problem)}</li>" in cover
    assert f"Verification code fingerprint: <span class=\"hash\">{checked.code}</span></p>" in cover
    assert "Left out of this report:</strong> 1 row(s)" in cover
    assert f"<li>{html.escape(checked.left_out[0])}</li>" in cover
    assert [n for n in ("1", "2", "3") if f'id="entry-{n}"' in page] == ["1", "3"]


def test_the_cover_of_a_sound_diary_says_the_check_passed(demo) -> None:
    from dataclasses import replace

    entries, registry, head = read_demo(demo)
    built = report.build_report(entries, registry, head=head)
    assert "integrity" not in report.render_html(built).split("<body>", 1)[1]  # not checked: nothing claimed
    passed = report.Integrity(ok=True, summary="All 40 rows fit and carry their seals.", code="ab12-cd34-ef56",
                              seals_checked=True)
    page = report.render_html(replace(built, integrity=passed))
    assert '<div class="integrity ok" data-verified="yes">' in page and "Tamper check passed." in page
    assert "All 40 rows fit" in page and "ab12-cd34-ef56" in page and "Left out" not in page


def test_the_police_log_fields_are_printed_under_their_columns_marked_when_corrected(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE
    from report_fixtures import police_log_diary

    from voicelog.filters import Registry
    from voicelog.store.opening import open_for_reading

    with open_for_reading(police_log_diary(tmp_path), TEST_PASSPHRASE) as diary:
        entries, head = diary.entries(), diary.head()
    page = report.render_html(report.build_report(entries, Registry([]), head=head), entries)
    first = re.search(r'<tr id="entry-1".*?</tr>', page, re.S)
    second = re.search(r'<tr id="entry-2".*?</tr>', page, re.S)
    assert first is not None and second is not None
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", first.group(0))]
    place, people, police = cells[3], cells[5], cells[9]
    assert "Address: 3 Tanner Row" in place
    assert "Witness contact: Nadia Brook: 07700 900333" in people
    assert "Vehicle: white Kia Ceed, registration KD71 XRF †" in people  # corrected by the person, marked
    assert police == "Reported: police (101)"
    assert 'class="more"' not in second.group(0)  # nothing said, nothing printed


def test_a_voided_entry_is_one_line_counted_apart_and_exhibits_have_no_picture_unless_asked(tmp_path: Path) -> None:
    from image_fixtures import report_with_evidence_and_a_void

    built, _ = report_with_evidence_and_a_void(tmp_path)
    page = report.render_html(built)
    count = re.search(r'<div class="n">(\d+)</div><div class="l">(incidents?[^<]*)</div>', page)
    assert count is not None and count.groups() == ("1", "incident (and 1 voided entry, not counted)")
    assert "1 incident (and 1 voided entry, not counted) in the order they happened" in page
    assert "radio" not in page and "recorded by mistake" in page  # its one line, none of its words
    assert 'id="exhibit-1"' in page and "bus stop.jpg" in page
    assert "<img" not in page and "Picture" not in page  # no --with-images: no image content at all
