"""voicelog.report.pdf: `voicelog report --format pdf` on the sealed demo diary, the PDF read back with pypdf."""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE
from report_fixtures import read_demo, report_with_cli

from voicelog.cli import cli
from voicelog.demo import Demo
from voicelog.report import build_report, pdf
from voicelog.report.model import COLUMNS
from voicelog.store.opening import open_for_reading

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra: it reads the PDF report back")
pytest.importorskip("weasyprint", reason="the [pdf] extra is part of the test install")

A4 = (595.28, 841.89)
"""A4 in PDF points, portrait."""


def _pages(path: Path) -> list[str]:
    """Each page's text, its whitespace (line ends inside table cells) made single spaces."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def _sizes(path: Path) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in pypdf.PdfReader(path).pages]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def signed(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole demo diary as a PDF with a name and the standard statement of truth, written by the CLI (once for
    the module: laying it out takes seconds)."""
    folder = tmp_path_factory.mktemp("pdf")
    with pytest.MonkeyPatch.context() as mp:  # what the autouse voicelog_home fixture gives each test
        mp.setenv("VOICELOG_HOME", str(folder / "voicelog-home"))
        mp.setenv("VOICELOG_PASSPHRASE", TEST_PASSPHRASE)
        return report_with_cli(demo, folder, "pdf", "--name", "Jane Doe", "--statement")


def test_the_cover_carries_the_tamper_check_and_the_verification_code(demo: Demo, signed: Path) -> None:
    with open_for_reading(demo.path, passphrase=TEST_PASSPHRASE) as book:
        code = book.verify().code
    assert code  # the demo diary is sealed with a verification code
    cover = _pages(signed)[0]
    assert "Tamper check passed." in cover
    assert f"Verification code fingerprint: {code}" in cover
    assert "Kept by Jane Doe" in cover
    assert re.search(r"\b30 ?INCIDENTS\b", cover.upper())  # the count over its label


def test_every_page_is_a4_and_numbered_page_x_of_y(signed: Path) -> None:
    pages = _pages(signed)
    assert len(pages) > 4
    for i, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {i} of {len(pages)}"), text[-80:]
    sizes = _sizes(signed)
    assert sizes[0] == A4  # the cover: portrait
    assert A4[::-1] in sizes  # the timeline: landscape
    assert set(sizes) == {A4, A4[::-1]}


def test_the_timeline_lists_every_entry_with_its_date_place_and_corrected_place(demo: Demo, signed: Path) -> None:
    entries, _, _ = read_demo(demo)
    timeline = " ".join(p for p in _pages(signed) if p.startswith("Timeline of incidents") or "ENTRY HASH" in p)
    assert timeline
    for e in entries:
        assert e.incident.date and e.incident.date in timeline, e.seq
        assert e.recorded_at.replace("T", " ") in timeline, e.seq  # the day whole, not broken at the column's edge
        if e.incident.location:
            assert _words(e.incident.location) in timeline, (e.seq, e.incident.location)
    assert "the Lidl car park on Carlton Road †" in timeline  # the place the person corrected, marked
    assert "the lid all car park" in timeline  # and what the recogniser heard, in the amendment note


def test_the_statement_of_truth_ends_the_pdf_with_the_name_and_lines_to_sign(signed: Path) -> None:
    last = _pages(signed)[-1]
    assert last.startswith("Statement of truth")
    assert _words(pdf.DEFAULT_STATEMENT) in last
    assert "SIGNED NAME JANE DOE DATE" in last.upper()  # the lines to sign, the name printed


def test_the_pdf_is_private(signed: Path) -> None:
    assert signed.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(signed.stat().st_mode) == 0o600


def test_a_pdf_out_name_is_enough_and_the_statement_can_be_the_persons_own(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "karen.pdf"
    words = "Everything in this log happened as I describe it."
    runner = CliRunner()
    r = runner.invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--person", "Karen Holt",
                            "--statement", words])
    assert r.exit_code == 0, r.output
    assert "weasyprint" not in r.stderr.lower()  # no warnings about CSS it skips
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pages = _pages(out)
    assert "Selection:" in pages[0] and "Karen Holt" in pages[0]
    assert words in pages[-1]
    assert pdf.DEFAULT_STATEMENT[:40] not in pages[-1]
    assert "SIGNED NAME DATE" in pages[-1].upper()  # no --name: a blank line to write it on
    again = runner.invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--person", "Karen Holt"])
    assert again.exit_code == 2 and "already exists" in again.stderr  # never over a file unless asked
    assert words in _pages(out)[-1]


def test_a_statement_outside_a_pdf_is_refused_before_anything_is_written(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "log.html"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--statement"])
    assert r.exit_code == 2
    assert "statement of truth is printed only in the PDF report; add --format pdf" in r.stderr
    assert not out.exists()


def test_without_weasyprint_the_error_says_exactly_what_to_install(demo: Demo, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # The OS boundary: Python's own marker for a module that cannot be imported (WeasyPrint is installed here).
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "log.pdf"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out)])
    assert r.exit_code == 2
    message = _words(r.stderr)
    assert "Writing a PDF needs WeasyPrint, pypdf and the Pango library, and WeasyPrint is not installed." in message
    assert f"{sys.executable} -m pip install 'weasyprint>=70' 'pypdf>=5'" in message
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core" in message
    assert "--format html" in message
    assert not out.exists()


def test_the_pip_requirement_is_the_pdf_extra(tmp_path: Path) -> None:
    import tomllib

    from conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["optional-dependencies"]["pdf"] == list(pdf.PIP_REQUIREMENTS)
    assert set(pdf.PIP_REQUIREMENTS) <= set(project["optional-dependencies"]["test"])


def test_the_police_log_fields_are_in_the_pdf_timeline(tmp_path: Path) -> None:
    from report_fixtures import police_log_diary

    path = police_log_diary(tmp_path)
    out = tmp_path / "log.pdf"
    r = CliRunner().invoke(cli, ["report", "--diary", str(path), "--format", "pdf", "--out", str(out)],
                           env={"VOICELOG_PASSPHRASE": TEST_PASSPHRASE})
    assert r.exit_code == 0, r.output
    text = " ".join(_pages(out))
    for said in ("Address: 3 Tanner Row", "Witness contact: Nadia Brook: 07700 900333",
                 "Vehicle: white Kia Ceed, registration KD71 XRF †"):
        assert said in text, said
    assert re.search(r"Reported ?: police \(101\)", text)  # a narrow column may set the colon apart


def _flow(pages: list[str]) -> str:
    """The pages' text run together, without what repeats on each page (the footer, the timeline's head)."""
    head = " ".join(COLUMNS[c].upper() for c in ("number", "date", "time", "place", "what_happened", "people",
                                                  "behaviours", "impact", "evidence", "police_reference",
                                                  "recorded_at", "entry_hash"))
    return " ".join(" ".join(re.sub(r"voicelog incident log Page \d+ of \d+$", "", p).replace(head, "")
                             for p in pages).split())


def _outline(reader: Any) -> list[tuple[int, str, int]]:
    """The bookmarks as (depth, title, page) in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def test_a_timeline_laid_out_in_parts_gives_the_pages_of_one_layout_numbered_through(demo: Demo,
                                                                                      tmp_path: Path) -> None:
    entries, registry, head = read_demo(demo)
    built = build_report(entries, registry, head=head, name="Jane Doe")
    signed = pdf.Statement(pdf.DEFAULT_STATEMENT, "Jane Doe")
    page = pdf.pdf_html(built, entries, statement=signed)
    whole = pdf.laid_out(page)  # 30 entries: the timeline in one part
    parts = pdf.laid_out(page, chunk_rows=6)
    assert len(whole.pdfs) == 3  # before the timeline, the timeline, after it
    assert len(parts.pdfs) >= 6  # the timeline in four parts or more
    one, cut = tmp_path / "one.pdf", tmp_path / "parts.pdf"
    with one.open("wb") as out:
        whole.write(out)
    written = pdf.write_pdf(cut, built, entries, statement=signed, chunk_rows=6)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600

    pages = _pages(cut)
    assert pages == _pages(one)  # page for page the same text: no half-empty page where a part ends
    assert _sizes(cut) == _sizes(one)
    for i, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {i} of {len(pages)}"), text[-80:]
        assert text.count("Page ") == 1, text  # one number on each page, not one from each layout
    assert _outline(pypdf.PdfReader(cut)) == _outline(pypdf.PdfReader(one))
    assert [t for _, t, _ in _outline(pypdf.PdfReader(cut))][:1] == ["Incident log"]

    # Every entry once, in the order of the timeline: each row's entry hash, on the landscape pages only.
    timeline = "".join(p for p, size in zip(pages, _sizes(cut), strict=True) if size == A4[::-1]).replace(" ", "")
    at = [timeline.find(row.entry_hash[:16]) for row in built.rows]
    assert len(built.rows) == 30 and -1 not in at
    assert at == sorted(at)
    assert all(timeline.count(row.entry_hash[:16]) == 1 for row in built.rows)
    assert pages[-1].startswith("Statement of truth") and "Checking this log" in pages[-2]


def test_a_long_exhibit_list_laid_out_in_parts_gives_the_pages_of_one_layout(tmp_path: Path) -> None:
    from dataclasses import replace

    from report_fixtures import police_log_diary

    from voicelog.filters import Registry
    from voicelog.store.attachments import attach, attachments

    path = police_log_diary(tmp_path)
    with open_for_reading(path, passphrase=TEST_PASSPHRASE) as diary:
        for i in range(60):  # a screenshot of each message, as some people keep them
            attach(diary, 1 + i % 2, name=f"message-{i:02}.png", media_type="image/png", data=b"%d" % i)
        entries = diary.entries()
        built = build_report(entries, Registry(diary.people()), head=diary.head())
        built = replace(built, exhibits=tuple(attachments(diary)))
    page = pdf.pdf_html(built, entries)
    one, cut = tmp_path / "one.pdf", tmp_path / "parts.pdf"
    with one.open("wb") as out:
        pdf.laid_out(page).write(out)
    parts = pdf.laid_out(page, chunk_rows=8)
    with cut.open("wb") as out:
        parts.write(out)
    assert len(parts.pdfs) >= 5  # the cover, the timeline, the exhibits in two parts or more, the chain head

    pages = _pages(cut)
    assert pages == _pages(one)
    assert [p for p in pages if p.startswith("Exhibits")] and len(pages) >= 5
    for i, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {i} of {len(pages)}"), text[-80:]
    listed = " ".join(pages).replace(" ", "")
    at = [listed.find(a.sha256) for a in built.exhibits]
    assert len(at) == 60 and -1 not in at and at == sorted(at)
    assert all(listed.count(a.sha256) == 1 for a in built.exhibits)


def test_an_account_pages_long_is_laid_out_once_where_parts_meet(demo: Demo, tmp_path: Path) -> None:
    from dataclasses import replace

    entries, registry, head = read_demo(demo)
    built = build_report(entries, registry, head=head)
    long = " ".join(f"Then past lamp post L{i:03}." for i in range(700))  # a long typed account: pages of its own
    rows = list(built.rows)
    rows[9] = replace(rows[9], what_happened=long)
    built = replace(built, rows=tuple(rows))
    page = pdf.pdf_html(built, entries)
    one, cut = tmp_path / "one.pdf", tmp_path / "parts.pdf"
    with one.open("wb") as out:
        pdf.laid_out(page).write(out)
    with cut.open("wb") as out:
        pdf.laid_out(page, chunk_rows=6).write(out)

    pages = _pages(cut)
    # The same flow of text; a page may end a row earlier than in one layout (the collapsed border above a part's
    # first row is a quarter pixel wider, see voicelog/report/pdf.py).
    assert _flow(pages) == _flow(_pages(one))
    assert len(pages) - len(_pages(one)) in (0, 1)
    for i, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {i} of {len(pages)}"), text[-80:]
    said = [int(n) for n in re.findall(r"\bL(\d{3})\.", " ".join(pages))]
    assert said == list(range(700))  # every sentence once, in order: none lost or repeated where a part starts
    assert len([p for p in pages if re.search(r"\bL\d{3}\.", p)]) >= 3  # pages long
