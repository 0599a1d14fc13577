"""The report as a PDF for police: the HTML report laid out on A4 by WeasyPrint, with an optional statement of truth.

The PDF is the HTML report (:mod:`voicelog.report.html`: the cover with the
tamper check and verification code, the pattern, the landscape timeline, the
chain head) laid out by WeasyPrint, whose ``@page`` rules in ``report.css``
give A4 pages and "Page X of Y" at the foot of each. A statement of truth
(the person's words or :data:`DEFAULT_STATEMENT`) with their name, a
signature line and a date line can close it. WeasyPrint reads nothing from
outside the page (only ``data:`` URLs) and writes no temporary file; the PDF
is written private like every report (:func:`voicelog.store.private_file.write_private`).

WeasyPrint (the ``[pdf]`` extra) needs Pango from the system
(:data:`DEBIAN_PACKAGES`); either missing is a :class:`~voicelog.errors.UsageError`
saying exactly what to install. See docs/decisions.md for why WeasyPrint.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from voicelog.display import clean
from voicelog.errors import UsageError
from voicelog.report.html import render_html
from voicelog.report.model import Report
from voicelog.store.entries import Entry
from voicelog.store.private_file import write_private

DEFAULT_STATEMENT = ("I believe that the facts stated in this incident log are true. Each entry was recorded by me "
                     "at or soon after the time shown, and any correction I made afterwards is marked in the log, "
                     "with the original kept in the diary.")
"""The statement of truth printed when ``--statement`` is given without words of the person's own."""

PIP_REQUIREMENT = "weasyprint>=70"
"""What the ``[pdf]`` extra installs (kept in step with pyproject.toml)."""

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
    return (f"Writing a PDF needs WeasyPrint and the Pango library, and {what}. Install them with "
            f"`sudo apt-get install {' '.join(DEBIAN_PACKAGES)}` and "
            f"`{sys.executable} -m pip install '{PIP_REQUIREMENT}'` (scripts/setup and scripts/install-pi.sh do "
            "both), or write the report as HTML (--format html) and print it to PDF from a browser.")


def load_weasyprint() -> ModuleType:
    """WeasyPrint, loaded; a :class:`UsageError` saying what to install when it or Pango is missing."""
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


def render_pdf(report: Report, entries: Sequence[Entry] | None = None, *,
               statement: Statement | None = None) -> Any:
    """The report laid out on A4 pages (a WeasyPrint ``Document``: ``.pages``, ``.write_pdf(file)``)."""
    weasyprint = load_weasyprint()
    # Only data: URLs (images embedded in the page) may be read; a link in an account fetches nothing.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=pdf_html(report, entries, statement=statement), url_fetcher=fetcher).render()


def write_pdf(path: Path, report: Report, entries: Sequence[Entry] | None = None, *,
              statement: Statement | None = None, overwrite: bool = False) -> Path:
    """Lay the report out and write it to ``path`` as a PDF, ``0o600``; an existing file only with ``overwrite``.

    Laid out first, so a failure there creates no file; a failed write leaves
    nothing behind (:func:`voicelog.store.private_file.write_private`).
    """
    document = render_pdf(report, entries, statement=statement)

    def _write(out: BinaryIO) -> None:
        document.write_pdf(out)

    return write_private(Path(path), _write, overwrite=overwrite)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)
