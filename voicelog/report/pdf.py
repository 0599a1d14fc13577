"""The report as a PDF for police: the HTML report laid out on A4 by WeasyPrint, with an optional statement of truth.

The PDF is the HTML report (:mod:`voicelog.report.html`: the cover with the
tamper check and verification code, the pattern, the landscape timeline, the
exhibits, the chain head) laid out by WeasyPrint on the ``@page`` rules of
``report.css`` (A4, the timeline landscape). A statement of truth (the
person's words or :data:`DEFAULT_STATEMENT`) with their name, a signature line
and a date line can close it.

WeasyPrint holds a whole document's layout in memory (about 0.4 MB a timeline
row: 4.1 GB for 10,000 entries), so the page is laid out in parts: the
sections before the timeline, then the timeline (and the exhibits) at most
``chunk_rows`` rows at a time, then the sections after it. A part that ends
inside a table gives up its pages from the last one a row begins at the top of,
and the next part starts with that row, so the pages are those one layout
gives and none is left half empty. (Almost: WeasyPrint collapses the border
above a part's first row with the table head's, a quarter pixel wider than
the row border it has in one layout, so a row that fits a page to the last
hair may go to the next one; a part of rows all pages long can end a page
early.) Each part is written to a PDF in memory (nothing goes to disk but
the finished file) and its layout dropped; pypdf joins the parts, puts "Page
X of Y" on each page (laid out by WeasyPrint on Y empty pages of the same
sizes, from the same ``@page`` rules) and rebuilds the bookmarks.
The layout's memory is one part's whatever the diary's length; what grows
with it is some 10 KB an entry (the page's HTML, its rows, the parts' PDFs,
the joined pages): 100 MB for 1,000 entries, 200 MB for 10,000.

WeasyPrint reads nothing from outside the page (only ``data:`` URLs) and
writes no temporary file; the PDF is written private like every report
(:func:`voicelog.store.private_file.write_private`).

WeasyPrint and pypdf (the ``[pdf]`` extra) need Pango from the system
(:data:`DEBIAN_PACKAGES`); any of them missing is a :class:`~voicelog.errors.UsageError`
saying exactly what to install. See docs/decisions.md for why WeasyPrint.
"""

from __future__ import annotations

import html
import io
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from voicelog.display import clean
from voicelog.errors import UsageError, VoicelogError
from voicelog.report.html import render_html
from voicelog.report.model import Report
from voicelog.store.entries import Entry
from voicelog.store.private_file import write_private

DEFAULT_STATEMENT = ("I believe that the facts stated in this incident log are true. Each entry was recorded by me "
                     "at or soon after the time shown, and any correction I made afterwards is marked in the log, "
                     "with the original kept in the diary.")
"""The statement of truth printed when ``--statement`` is given without words of the person's own."""

PIP_REQUIREMENTS = ("weasyprint>=70", "pypdf>=5")
"""What the ``[pdf]`` extra installs (kept in step with pyproject.toml): WeasyPrint lays the pages out, pypdf joins
the parts and numbers the pages."""

CHUNK_ROWS = 100
"""Table rows (timeline entries, exhibits) laid out in one WeasyPrint document: about 13 landscape pages and some
100 MB of layout, whatever the diary's length. Measured on 1,000 entries (scripts/bench.py has 10,000): 300 rows
peaked at 231 MB, 150 at 171, 100 at 150, 50 at 133 MB; 100 was also the quickest (a table's layout costs rows x
pages), each part adding its own subset of the fonts to the file (955 KB in parts of 300, 1,091 KB of 100)."""

DEBIAN_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core")
"""The system libraries WeasyPrint loads (Pango, HarfBuzz's subsetter) and the fonts report.css names, on Debian,
Raspberry Pi OS and Ubuntu."""


@dataclass(frozen=True)
class Statement:
    """A statement of truth to sign at the end of the PDF."""

    text: str
    """The words the person signs (:data:`DEFAULT_STATEMENT` unless they gave their own)."""
    name: str = ""
    """The person's name, printed under the signature line; a blank line to write it on when empty."""


def missing_message(what: str) -> str:
    """The one sentence saying what to install for a PDF, naming what was missing (``what``)."""
    return (f"Writing a PDF needs WeasyPrint, pypdf and the Pango library, and {what}. Install them with "
            f"`sudo apt-get install {' '.join(DEBIAN_PACKAGES)}` and "
            f"`{sys.executable} -m pip install {' '.join(repr(r) for r in PIP_REQUIREMENTS)}` (scripts/setup and "
            "scripts/install-pi.sh do both), or write the report as HTML (--format html) and print it to PDF from "
            "a browser.")


def load_weasyprint() -> ModuleType:
    """WeasyPrint, loaded; a :class:`UsageError` saying what to install when it, pypdf or Pango is missing."""
    try:
        import pypdf  # noqa: F401  (joins the parts: checked here, before the passphrase is asked)
    except ImportError:
        raise UsageError(missing_message("pypdf is not installed")) from None
    try:
        import weasyprint
    except ImportError:
        raise UsageError(missing_message("WeasyPrint is not installed")) from None
    except OSError as exc:  # WeasyPrint loads Pango, HarfBuzz and fontconfig when imported
        raise UsageError(missing_message(f"a system library it needs could not be loaded ({exc})")) from None
    # Its warnings are about CSS it skips (report.css's screen-only rules), nothing the person can act on.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    module: ModuleType = weasyprint
    return module


def statement_html(statement: Statement) -> str:
    """The statement-of-truth block: the words, then the signature, name and date lines."""
    name = (f'<span class="filled">{_e(statement.name)}</span>' if statement.name.strip()
            else '<span class="line"></span>')
    return ('<section class="statement" data-statement="yes"><h2>Statement of truth</h2>'
            f'<p class="words">{_e(statement.text)}</p>'
            '<div class="sign"><span class="label">Signed</span><span class="line"></span></div>'
            f'<div class="sign"><span class="label">Name</span>{name}</div>'
            '<div class="sign"><span class="label">Date</span><span class="line"></span></div>'
            "</section>")


def pdf_html(report: Report, entries: Sequence[Entry] | None = None, *, statement: Statement | None = None) -> str:
    """The page WeasyPrint lays out: the HTML report, with the statement of truth at its end when given."""
    page = render_html(report, entries)
    if statement is None:
        return page
    body, end = page.rsplit("</body>", 1)
    return f"{body}{statement_html(statement)}\n</body>{end}"


def write_pdf(path: Path, report: Report, entries: Sequence[Entry] | None = None, *,
              statement: Statement | None = None, overwrite: bool = False, chunk_rows: int = CHUNK_ROWS) -> Path:
    """Lay the report out and write it to ``path`` as a PDF, ``0o600``; an existing file only with ``overwrite``.

    Laid out first, in parts of at most ``chunk_rows`` table rows (each part's
    PDF held in memory), so a failure there creates no file; the parts are
    joined and numbered straight into the file, and a failed write leaves
    nothing behind (:func:`voicelog.store.private_file.write_private`).
    """
    parts = laid_out(pdf_html(report, entries, statement=statement), chunk_rows=chunk_rows)
    return write_private(Path(path), parts.write, overwrite=overwrite)


@dataclass(frozen=True)
class Mark:
    """A heading in the PDF's bookmarks (WeasyPrint makes one of each ``h1``-``h6``)."""

    level: int
    """1 for ``h1``, 2 for ``h2`` ..."""
    label: str
    """The heading's text."""
    page: int
    """The page it is on, from 0."""
    x: float
    """Where on the page, in points from the left."""
    top: float
    """Where on the page, in points from the bottom (PDF's way)."""
    is_open: bool
    """Whether its sub-headings show."""


@dataclass(frozen=True)
class Parts:
    """The report laid out in parts, each a PDF in memory, ready to be joined and numbered."""

    pdfs: tuple[bytes, ...]
    """Each part's PDF, without the page numbers."""
    numbers: bytes
    """A PDF of as many pages as the parts have, of the same sizes, holding only "Page X of Y"."""
    marks: tuple[Mark, ...]
    """The bookmarks, in page order."""

    def write(self, out: BinaryIO) -> None:
        """The parts joined into one PDF, each page with its number, written to ``out``."""
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import Fit, NameObject

        numbers = PdfReader(io.BytesIO(self.numbers)).pages
        writer = PdfWriter()
        n = 0
        for k, data in enumerate(self.pdfs):
            part = PdfReader(io.BytesIO(data))
            if k == 0:
                writer.add_metadata(part.metadata or {})
                lang = part.root_object.get("/Lang")
                if lang is not None:
                    writer.root_object[NameObject("/Lang")] = lang
            for page in part.pages:
                joined = writer.add_page(page)
                joined.merge_page(numbers[n])
                joined.compress_content_streams()  # merging leaves the page's drawing uncompressed: 8 times the size
                n += 1
        stack: list[tuple[int, Any]] = []
        for mark in self.marks:
            while stack and stack[-1][0] >= mark.level:
                stack.pop()
            item = writer.add_outline_item(title=mark.label, page_number=mark.page,
                                           parent=stack[-1][1] if stack else None,
                                           fit=Fit.xyz(left=mark.x, top=mark.top), is_open=mark.is_open)
            stack.append((mark.level, item))
        writer.write(out)


_PT = 0.75
"""Points in a CSS pixel."""

_SECTION = re.compile(r"\n(?=<section[ >])")
"""Where each section of the page starts (the report's text is HTML-escaped: no ``<`` in it)."""

_ROW = re.compile(r'<tr id="((?:entry|exhibit)-[^"]*)"')
"""A row of a long table (html.py gives each timeline and exhibit row its id)."""

_GROUP = "</tbody><tbody>"
"""Between the timeline's groups of rows."""

_HIDDEN_ROW = '<tr style="display:none"></tr>'
"""Counted by ``tbody tr:nth-child(even)`` (the stripes), never shown."""


@dataclass(frozen=True)
class _Table:
    """A section holding a long table (the timeline, the exhibits), cut into rows so it can be laid out in parts."""

    opening: str
    """The section up to its first row: its heading and words, the table's head, the first ``<tbody>``."""
    continued: str
    """The opening without heading and words: how a later part starts (the table's head repeats on every page)."""
    rows: tuple[str, ...]
    """Each row's HTML."""
    index: dict[str, int]
    """Each row's id -> its place in ``rows``."""
    place: tuple[int, ...]
    """Each row's place in its ``<tbody>`` (the stripes count from there)."""
    closing: str
    """After the last row."""

    def part(self, start: int, end: int, *, heading: bool) -> str:
        """Rows ``start`` to ``end`` as the section (with its heading and words or not), striped as in the whole."""
        out = [self.opening if heading else self.continued]
        if self.place[start] % 2:
            out.append(_HIDDEN_ROW)
        for k in range(start, end):
            if k > start and self.place[k] == 0:
                out.append(_GROUP)
            out.append(self.rows[k])
        out.append(self.closing)
        return "\n".join(out)


def _table(section: str) -> _Table | None:
    """The section cut into its long table's rows, or None when it has none."""
    found = list(_ROW.finditer(section))
    if not found:
        return None
    opening = section[: found[0].start()]
    end = section.rindex("</tbody>")
    rows: list[str] = []
    place: list[int] = []
    at = 0
    for k, match in enumerate(found):
        row = section[match.start(): found[k + 1].start() if k + 1 < len(found) else end].rstrip()
        place.append(at)
        at += 1
        if row.endswith(_GROUP):
            row, at = row[: -len(_GROUP)].rstrip(), 0
        rows.append(row)
    return _Table(opening=opening, continued=opening[: opening.index(">") + 1] + opening[opening.index("<table"):],
                  rows=tuple(rows), index={m.group(1): k for k, m in enumerate(found)}, place=tuple(place),
                  closing=section[end:])


def laid_out(page: str, *, chunk_rows: int = CHUNK_ROWS) -> Parts:
    """The page (:func:`pdf_html`) laid out in parts of at most ``chunk_rows`` table rows, each written to a PDF in
    memory as soon as it is laid out, with the bookmarks and a PDF of the page numbers for them all."""
    weasyprint = load_weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    body_at = page.index("<body>") + len("<body>")
    head_end = page.index("</head>")
    tail = page[page.rindex("</body>"):]

    def layout(body: str, *, only_numbers: bool = False) -> Any:
        # The report's own @page rules, less the footer the other document holds.
        hide = "bottom-left" if only_numbers else "bottom-right"
        html_ = (f"{page[:head_end]}<style>@page {{ @{hide} {{ content: none }} }}</style>{page[head_end:body_at]}"
                 f"{body}\n{tail}")
        # Only data: URLs (images embedded in the page) may be read; a link in an account fetches nothing.
        return weasyprint.HTML(string=html_, url_fetcher=fetcher).render()

    pdfs: list[bytes] = []
    marks: list[Mark] = []
    landscape: list[bool] = []
    for document, keep in _documents(page[body_at: page.rindex("</body>")], layout, chunk_rows):
        pdfs.append(_written(document, keep, marks, landscape))
        del document  # its layout, before the next part's is made
    # Empty sheets of the same sizes; report.css's landscape pages are the timeline's, its named page.
    sheets = "\n".join(f'<section class="sheet{" timeline-part" if wide else ""}"></section>' for wide in landscape)
    numbers = layout(sheets, only_numbers=True)
    if len(numbers.pages) != len(landscape):
        raise VoicelogError(f"The PDF's page numbers came out on {len(numbers.pages)} pages for a report of "
                            f"{len(landscape)}, so no PDF was written; write the report as HTML (--format html) and "
                            "print it to PDF from a browser.")
    return Parts(pdfs=tuple(pdfs), numbers=numbers.write_pdf(), marks=tuple(marks))


def _written(document: Any, keep: int, marks: list[Mark], landscape: list[bool]) -> bytes:
    """The document's first ``keep`` pages as a PDF; their bookmarks go to ``marks``, their shapes to ``landscape``."""
    for page in document.pages[:keep]:
        marks.extend(Mark(level, label, len(landscape), x * _PT, (page.height - y) * _PT, state != "closed")
                     for level, label, (x, y), state in page.bookmarks)
        landscape.append(page.width > page.height)
    data: bytes = document.copy(document.pages[:keep]).write_pdf()
    return data


def _documents(body: str, layout: Any, chunk_rows: int) -> Iterator[tuple[Any, int]]:
    """Each part laid out (a WeasyPrint document) with how many of its pages to keep, in order."""
    plain: list[str] = []
    for section in _SECTION.split(body):
        if not section.strip():
            continue
        table = _table(section)
        if table is None:
            plain.append(section)
            continue
        if plain:
            document = layout("\n".join(plain))
            yield document, len(document.pages)
            del document, plain[:]
        yield from _table_documents(table, layout, chunk_rows)
    if plain:
        document = layout("\n".join(plain))
        yield document, len(document.pages)


def _table_documents(table: _Table, layout: Any, chunk_rows: int) -> Iterator[tuple[Any, int]]:
    """The table laid out ``chunk_rows`` rows at a time. A part that ends inside the table gives up its pages from
    the last one a row begins at the top of, and the next part starts with that row: the pages one layout gives."""
    start, top, n = 0, -1.0, len(table.rows)
    while start < n:
        end = min(start + chunk_rows, n)
        while True:
            document = layout(table.part(start, end, heading=start == 0))
            cut = None
            if end < n:
                if top < 0:  # how far down a row begins on a page of its own, just under the table's head
                    top = _starts(layout(table.part(0, 1, heading=False)).pages[:1], table)[0][1]
                cut = next((c for c in reversed(_starts(document.pages, table)) if c[0] > 0 and abs(c[1] - top) < 0.01
                            and c[2] > start), None)
            # No such page (rows that fit one page, or one account pages long): more rows, up to 4 parts' worth.
            if cut is not None or end == n or end - start >= 4 * chunk_rows:
                break
            end = min(start + 2 * (end - start), n)
            del document
        keep, following = (cut[0], cut[2]) if cut is not None else (len(document.pages), end)
        yield document, keep
        del document  # before the next part is laid out: one layout at a time
        start = following


def _starts(pages: Sequence[Any], table: _Table) -> list[tuple[int, float, int]]:
    """(page, how far down, row) for each page whose topmost row begins there (not the rest of one begun before)."""
    seen: set[str] = set()
    out = []
    for q, page in enumerate(pages):
        # Each anchor is (x, y, ...) from the page's top left, in CSS pixels (WeasyPrint 70 adds the far corner);
        # a row split over pages has its anchor on each.
        found = sorted((float(at[1]), name) for name, at in page.anchors.items() if name in table.index)
        if found and found[0][1] not in seen:
            out.append((q, found[0][0], table.index[found[0][1]]))
        seen.update(name for _, name in found)
    return out


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)
