"""The report as plain text: the timeline as CSV, the whole report as JSON or Markdown, and the rows read back.

What the diary holds is shown with control characters and bidi overrides
written visibly (:func:`voicelog.display.clean`) in CSV and Markdown, and as
``\\uXXXX`` escapes in JSON (the same data). A CSV cell that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is prefixed with ``'``, as OWASP recommends; so is a cell that
already starts with ``'``, so that :func:`rows_from_csv` removes exactly one
leading ``'`` and reads back every value as it was shown.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from voicelog import __version__
from voicelog.display import clean, json_safe
from voicelog.report.model import COLUMNS, Report, Row
from voicelog.store.attachments import Attachment

EXHIBITS_COLUMN = "exhibits"
"""The CSV's last column: the files sealed to the row's entry (after the columns of :data:`COLUMNS`)."""


def exhibit_text(a: Attachment) -> str:
    """One exhibit in a line: ``Exhibit 2: car.jpg (image/jpeg, 5,120 bytes, SHA-256 …, attached …)``."""
    return (f"Exhibit {a.exhibit}: {a.name} ({a.type}, {a.size:,} bytes, SHA-256 {a.sha256}, "
            f"attached {a.attached_at})")


def render_csv(report: Report) -> str:
    """The timeline as CSV, one row per incident: the columns of :data:`COLUMNS`, then the entry's exhibits."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*COLUMNS, EXHIBITS_COLUMN], lineterminator="\n")
    writer.writeheader()
    by_entry: dict[str, list[str]] = {}
    for a in report.exhibits:
        by_entry.setdefault(str(a.entry), []).append(exhibit_text(a))
    for row in report.rows:
        files = "; ".join(by_entry.get(row.number, ()))
        writer.writerow({key: _csv_cell(clean(value)) for key, value in
                         [*asdict(row).items(), (EXHIBITS_COLUMN, files)]})
    return buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a CSV cell that a spreadsheet would run as a formula starts (OWASP's list)."""


def _csv_cell(text: str) -> str:
    """``text`` prefixed with ``'`` when a spreadsheet would take it as a formula, or it starts with ``'``."""
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def _csv_value(cell: str) -> str:
    """The inverse of :func:`_csv_cell`."""
    return cell[1:] if cell.startswith("'") else cell


def render_json(report: Report) -> str:
    """The whole report as JSON: the summary, each person's pattern, and the timeline rows."""
    data = {
        "report": {
            "title": report.title or None,
            "kept_by": report.name or None,
            "generated_at": report.generated_at,
            "generated_by": f"voicelog {__version__}",
            "first": report.first or None,
            "last": report.last or None,
            "incidents": report.incidents,
            "voided": report.voided,
            "selection": report.selection or None,
            "head": {"seq": report.head_seq, "hash": report.head_hash},
            "verify": f"voicelog verify --head {report.head_hash}",
            "weeks": list(report.weeks),
            **_integrity_json(report),
        },
        "people": [
            {**asdict(p), "aliases": list(p.aliases), "behaviours": dict(p.behaviours), "weekly": list(p.weekly),
             "numbers": list(p.numbers)}
            for p in report.people
        ],
        "others": dict(report.others),
        "rows": [asdict(r) for r in report.rows],
        "exhibits": [a.to_dict() for a in report.exhibits],  # name, type, size, SHA-256, entry, when; its row
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _integrity_json(report: Report) -> dict[str, object]:
    """The tamper check and the rows left out, for the JSON report's header (nothing when not checked)."""
    check = report.integrity
    if check is None:
        return {}
    return {"verification": {"ok": check.ok, "summary": check.summary, "problems": list(check.problems),
                             "code": check.code or None, "seals_checked": check.seals_checked},
            "left_out": list(check.left_out)}


def _integrity_md(report: Report) -> list[str]:
    """The tamper check and the rows left out, as Markdown lines under the summary."""
    check = report.integrity
    if check is None:
        return []
    out = [f"**{'Tamper check passed' if check.ok else 'WARNING: the diary failed its tamper check'}:** "
           f"{clean(check.summary)}", ""]
    out += [f"- {clean(p)}" for p in check.problems]
    if check.problems:
        out += ["", "What this report shows of those rows may not be what was written.", ""]
    if check.code:
        out += [f"Verification code fingerprint: `{clean(check.code)}`"
                + ("" if check.seals_checked else " (the seals were not checked)"), ""]
    if check.left_out:
        out += [f"**Left out of this report:** {len(check.left_out)} row(s) of the diary could not be read "
                "(damaged, or sealed to another key):", ""]
        out += [f"- {clean(w)}" for w in check.left_out] + [""]
    return out


def rows_from_json(text: str) -> list[Row]:
    """Parse the rows of a JSON report back (the inverse of :func:`render_json` for the timeline)."""
    return [Row(**r) for r in json.loads(text)["rows"]]


def rows_from_csv(text: str) -> list[Row]:
    """Parse the rows of a CSV report back, each cell as :func:`render_csv` showed it (without the ``'`` guard)."""
    return [Row(**{key: _csv_value(value) for key, value in r.items() if key in COLUMNS})
            for r in csv.DictReader(io.StringIO(text))]


def _md_cell(text: str) -> str:
    # A new line would end the table row, so it becomes a space; other controls are then written visibly.
    return clean(text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")) or " "


def render_md(report: Report) -> str:
    """The report as Markdown: summary, people, timeline table, how to verify."""
    c = clean
    out = [f"# {c(report.title or 'Incident log')}", ""]
    if report.name:
        out += [f"Kept by {c(report.name)}.", ""]
    voided = (f" (and {report.voided} voided entr{'y' if report.voided == 1 else 'ies'}, not counted)"
              if report.voided else "")
    out += [f"- Incidents: {report.incidents}{voided}", f"- From {c(report.first or '—')} to {c(report.last or '—')}"]
    if report.selection:
        out.append(f"- Selection: {c(report.selection)}")
    out += [f"- Generated {report.generated_at} by voicelog {__version__}", ""]
    out += _integrity_md(report)
    for p in report.people:
        out += [f"## {c(p.name)}", ""]
        if p.aliases:
            out.append(f"- Also called: {c(', '.join(p.aliases))}")
        out += [f"- Incidents: {p.count} (first {c(p.first)}, last {c(p.last)})",
                "- Behaviour: " + c(", ".join(f"{b.replace('_', ' ')} ({n})" for b, n in p.behaviours) or "—"),
                f"- {p.trend_text}",
                f"- Incidents per week: {' '.join(str(n) for n in p.weekly)}", ""]
    out += ["## Timeline", "", "| " + " | ".join(COLUMNS.values()) + " |", "|" + "---|" * len(COLUMNS)]
    for r in report.rows:
        out.append("| " + " | ".join(_md_cell(v) for v in asdict(r).values()) + " |")
    if report.exhibits:
        out += ["", "## Exhibits", "", "Files sealed to an entry, in the order they were attached; a copy handed "
                "over can be checked against its SHA-256.", "",
                "| Exhibit | Entry | Name | Type | Size (bytes) | SHA-256 | Attached |", "|---" * 7 + "|"]
        out += [f"| {a.exhibit} | {a.entry} | {_md_cell(a.name)} | {_md_cell(a.type)} | {a.size} | {a.sha256} | "
                f"{_md_cell(a.attached_at)} |" for a in report.exhibits]
    out += ["", "## Checking this log", "", c(verify_text(report)), "",
            f"    voicelog verify --head {c(report.head_hash)}", ""]
    return "\n".join(out)


def verify_text(report: Report) -> str:
    """Why the head hash checks the log (the same words in every format)."""
    return (f"When this report was made, the diary's chain of {report.head_seq} rows (entries and amendments) "
            f"ended with the hash {report.head_hash}. Each row's hash covers the one before it, so running the "
            "command below on the device shows whether any entry has since been changed, removed or inserted.")
