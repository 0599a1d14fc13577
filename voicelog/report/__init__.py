"""The report a person hands to police or a solicitor: the pattern, then every incident.

One self-contained HTML file (A4, print-ready, no outside resources: it opens
offline and loads nothing), or the same timeline as CSV, JSON or Markdown.
Everything is built from the amended view of the diary; the cover carries the
diary's tamper check (and names the entries that could not be read, which are
left out), and the chain's head hash goes at the end so the printed log can be checked against the device with
``voicelog verify --head``. A report is plaintext: :func:`write_report` writes
it only where asked, ``0o600``, never over a file unless asked, and leaves
nothing behind when a write fails.

Modules: :mod:`~voicelog.report.model` (what a report shows),
:mod:`~voicelog.report.text` (CSV, JSON, Markdown), :mod:`~voicelog.report.html`
(the A4 page, styled by ``report.css``), :mod:`~voicelog.report.charts` (weekly
bar charts, pygal loaded only when drawn), :mod:`~voicelog.report.pdf` (the
A4 PDF with a statement of truth, WeasyPrint loaded only when written),
:mod:`~voicelog.report.output` (choosing the format, writing the file).
"""

from voicelog.report.charts import CHART_COLOURS, chart_svg
from voicelog.report.html import AMENDED_MARK, render_html
from voicelog.report.model import (
    COLUMNS,
    Integrity,
    PersonSummary,
    Report,
    Row,
    build_report,
    corrected_columns,
    integrity,
    make_row,
    person_summary,
    when_text,
)
from voicelog.report.output import FORMATS, render, write_report
from voicelog.report.pdf import DEFAULT_STATEMENT, Statement, write_pdf
from voicelog.report.text import (
    render_csv,
    render_json,
    render_md,
    rows_from_csv,
    rows_from_json,
    verify_text,
)

__all__ = [
    "AMENDED_MARK",
    "CHART_COLOURS",
    "COLUMNS",
    "DEFAULT_STATEMENT",
    "FORMATS",
    "Integrity",
    "PersonSummary",
    "Report",
    "Row",
    "Statement",
    "build_report",
    "chart_svg",
    "corrected_columns",
    "integrity",
    "make_row",
    "person_summary",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_md",
    "rows_from_csv",
    "rows_from_json",
    "verify_text",
    "when_text",
    "write_pdf",
    "write_report",
]
