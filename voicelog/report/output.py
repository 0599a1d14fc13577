"""The report in the format asked for, written only where asked, readable only by the person."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from voicelog.errors import UsageError
from voicelog.report.html import render_html
from voicelog.report.model import Report
from voicelog.report.text import render_csv, render_json, render_md
from voicelog.store.entries import Entry
from voicelog.store.private_file import write_private

FORMATS = ("html", "csv", "json", "md")
"""What ``voicelog report --format`` writes."""


def render(report: Report, fmt: str, entries: Sequence[Entry] | None = None) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`); ``entries`` mark the corrected fields in HTML."""
    if fmt == "html":
        return render_html(report, entries)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "md":
        return render_md(report)
    raise UsageError(f"Unknown report format {fmt!r}; use {', '.join(FORMATS)}.")


def write_report(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path``, created ``0o600``; an existing file only with ``overwrite``, replaced whole.

    A report is plaintext: nothing is left behind if the write fails (see
    :func:`voicelog.store.private_file.write_private`).
    """
    return write_private(Path(path), text.encode("utf-8"), overwrite=overwrite)
