"""The report a person hands to police or a solicitor: the pattern, then every incident.

One self-contained HTML file (A4, print-ready, no outside resources: it opens
offline and loads nothing), or the same timeline as CSV, JSON or Markdown.
Everything is built from the amended view of the diary; the chain's head hash
goes at the end so the printed log can be checked against the device with
``voicelog verify --head``. A report is plaintext: :func:`write_report` writes
it only where asked, ``0o600``, and never through a temporary file.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from voicelog import __version__
from voicelog.diary import Entry
from voicelog.errors import DiaryError, UsageError
from voicelog.filters import Filter, Registry, incident_day

FORMATS = ("html", "csv", "json", "md")
"""What ``voicelog report --format`` writes."""

COLUMNS = {
    "number": "No.",
    "date": "Date",
    "time": "Time",
    "place": "Place",
    "what_happened": "What happened (own words)",
    "people": "People and roles",
    "behaviours": "Behaviour",
    "impact": "Impact",
    "evidence": "Evidence kept",
    "police_reference": "Police reference",
    "recorded_at": "Recorded",
    "entry_hash": "Entry hash",
    "amended": "Amended",
}
"""The timeline's columns (the police-log ones), with their printed headings."""

AMENDED_MARK = "†"
"""Printed beside a field the person corrected after recording."""

_FIELD_OF = {"location": "place", "date": "date", "time": "time", "time_approximate": "time", "period": "time",
             "people": "people", "categories": "behaviours", "impact": "impact", "evidence": "evidence",
             "police": "police_reference"}


@dataclass(frozen=True)
class Row:
    """One incident in the timeline, every column as text (so CSV and JSON hold the same rows)."""

    number: str
    """The entry's number in the diary (``voicelog show NUMBER``)."""
    date: str
    """ISO date of the incident, or empty when none was said."""
    time: str
    """``HH:MM`` (``~`` when approximate), a part of the day, or empty."""
    place: str
    """The place as spoken (or corrected)."""
    what_happened: str
    """The account in the person's own words, as transcribed."""
    people: str
    """``Name (role)`` separated by ``; ``, names as registered."""
    behaviours: str
    """Behaviour categories separated by ``, ``."""
    impact: str
    """What the person felt or changed, separated by ``; ``."""
    evidence: str
    """What was kept, separated by ``; ``."""
    police_reference: str
    """Crime reference numbers, officers, separated by ``; ``."""
    recorded_at: str
    """When the account was spoken."""
    entry_hash: str
    """The entry's chain hash."""
    amended: str
    """The person's corrections, ``; ``-separated: which fields, when, and their note; empty if none."""


@dataclass(frozen=True)
class PersonSummary:
    """The pattern for one person named as doing it."""

    name: str
    """The registered (or spoken) name they are reported under."""
    aliases: tuple[str, ...]
    """Other names the person used for them, merged people included."""
    count: int
    """Incidents naming them as the one who did it."""
    first: str
    """ISO day of the first of those incidents."""
    last: str
    """ISO day of the last."""
    behaviours: tuple[tuple[str, int], ...]
    """Behaviour categories with how many incidents showed each, most frequent first."""
    weekly: tuple[int, ...]
    """Incidents in each week of the report (weeks start on Monday; see :attr:`Report.weeks`)."""
    trend: str
    """``more``, ``less``, ``same`` or ``unknown`` (too few incidents to tell)."""
    trend_text: str
    """One sentence explaining :attr:`trend` with the numbers."""
    numbers: tuple[int, ...]
    """Their entries' numbers, in timeline order."""
    also_witness: int = 0
    """Incidents naming them in another role (witness, mentioned)."""


@dataclass(frozen=True)
class Report:
    """Everything a report shows, in every format."""

    rows: tuple[Row, ...]
    """The timeline, in the order incidents happened."""
    people: tuple[PersonSummary, ...]
    """People named as doing it, most incidents first."""
    others: tuple[tuple[str, int], ...]
    """Witnesses and others named (not as doing it), with how many incidents name them."""
    first: str
    """ISO day of the first incident in the report ("" when empty)."""
    last: str
    """ISO day of the last."""
    weeks: tuple[str, ...]
    """ISO day of each Monday from the first incident's week to the last's."""
    behaviours: tuple[tuple[str, int], ...]
    """Behaviour categories across all incidents, most frequent first."""
    head_seq: int
    """The diary's last row number when the report was made."""
    head_hash: str
    """The diary's chain head hash then."""
    generated_at: str
    """When the report was made (local ISO time)."""
    selection: str = ""
    """The filters applied, in words ("" for the whole diary)."""
    title: str = ""
    """The diary's title, only if the person gave one."""
    name: str = ""
    """The person's own name, only if they gave it."""
    unnamed: int = 0
    """Incidents that name no one."""
    amended_rows: int = field(default=0)
    """How many incidents carry a correction by the person."""


# -- building -------------------------------------------------------------------


def when_text(entry: Entry) -> str:
    """The time column: ``~21:30``, ``21:30``, ``evening`` or empty."""
    inc = entry.incident
    if inc.time:
        return ("~" if inc.time_approximate else "") + inc.time
    return inc.period or ""


def _sort_key(entry: Entry) -> tuple[str, str, int]:
    return (incident_day(entry), entry.incident.time or "", entry.seq)


def _corrections(entry: Entry) -> list[tuple[str, set[str], str]]:
    """The person's own amendments: (day written, timeline columns changed, note)."""
    out = []
    for a in entry.amendments:
        if a.incident is not None and not a.changes:
            continue  # a machine re-extraction, not a correction
        if not a.changes and not a.note:
            continue  # a confirmation only
        out.append((a.written_at[:10], {_FIELD_OF.get(k, k) for k in a.changes}, a.note))
    return out


def _amended_text(entry: Entry) -> str:
    parts = []
    first = entry.original or entry.incident
    was = {"place": first.location, "date": first.date, "time": first.time}
    for day, cols, note in _corrections(entry):
        if not cols:
            parts.append(f"note {day}: {note}")
            continue
        what = ", ".join(f"{c.replace('_', ' ')} (was “{was[c]}”)" if was.get(c) else c.replace("_", " ")
                         for c in sorted(cols))
        parts.append(f"{what} corrected {day}" + (f": {note}" if note else ""))
    return "; ".join(parts)


def _people_text(entry: Entry, registry: Registry) -> str:
    out = []
    for p in entry.incident.people:
        name = registry.canonical(p.name)
        said = f", named as “{p.name}”" if name.lower() != p.name.strip().lower() else ""
        out.append(f"{name} ({p.role}{said})")
    return "; ".join(out)


def make_row(entry: Entry, registry: Registry) -> Row:
    """The timeline row for ``entry``."""
    inc = entry.incident
    return Row(
        number=str(entry.seq),
        date=inc.date or "",
        time=when_text(entry),
        place=inc.location or "",
        what_happened=entry.transcript.text.strip(),
        people=_people_text(entry, registry),
        behaviours=", ".join(c.replace("_", " ") for c in inc.categories),
        impact="; ".join(inc.impact),
        evidence="; ".join(inc.evidence),
        police_reference="; ".join(inc.police),
        recorded_at=entry.recorded_at,
        entry_hash=entry.hash,
        amended=_amended_text(entry),
    )


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def _trend(weekly: Sequence[int], count: int) -> tuple[str, str]:
    """Compare the later half of the weeks since the first incident with the earlier half."""
    start = next((i for i, n in enumerate(weekly) if n), 0)
    span = list(weekly[start:])
    if count < 3 or len(span) < 4:
        return "unknown", "Too few incidents, or too short a time, to tell whether they are becoming more frequent."
    half = len(span) // 2
    early, late = span[: len(span) - half], span[len(span) - half :]
    a, b = sum(early) / len(early), sum(late) / len(late)
    numbers = (f"{sum(late)} in the last {len(late)} weeks, against {sum(early)} in the "
               f"{len(early)} weeks before ({b:.1f} a week against {a:.1f}).")
    if b >= a * 1.5 and sum(late) - sum(early) >= 2:
        return "more", "Becoming more frequent: " + numbers
    if a >= b * 1.5 and sum(early) - sum(late) >= 2:
        return "less", "Becoming less frequent: " + numbers
    return "same", "About as frequent throughout: " + numbers


def person_summary(name: str, entries: Sequence[Entry], registry: Registry, weeks: Sequence[str] | None = None,
                   *, roles: Sequence[str] = ("subject",)) -> PersonSummary:
    """The pattern for ``name`` over ``entries``, counting the incidents naming them in one of ``roles``.

    ``weeks`` defaults to every week from their first such incident to their last.
    """
    entries = sorted(entries, key=_sort_key)
    key = registry.canonical(name).lower()
    mine, other_roles = [], 0
    for e in entries:
        found = {p.role for p in e.incident.people if registry.canonical(p.name).lower() == key}
        if found & set(roles):
            mine.append(e)
        elif found:
            other_roles += 1
    if weeks is None:
        weeks = _week_list(incident_day(mine[0]), incident_day(mine[-1])) if mine else ()
    index = {w: i for i, w in enumerate(weeks)}
    weekly = [0] * len(weeks)
    for e in mine:
        i = index.get(_monday(incident_day(e)).isoformat())
        if i is not None:
            weekly[i] += 1
    behaviours = Counter(c for e in mine for c in e.incident.categories)
    trend, text = _trend(weekly, len(mine))
    known = registry.known(name)
    canonical = registry.canonical(name)
    spoken = {p.name.strip() for e in mine for p in e.incident.people
              if registry.canonical(p.name).lower() == key and p.name.strip().lower() != canonical.lower()}
    aliases = tuple(known.aliases) if known else ()
    aliases += tuple(sorted(s for s in spoken if s.lower() not in {a.lower() for a in aliases}))
    return PersonSummary(
        name=canonical,
        aliases=aliases,
        count=len(mine),
        first=incident_day(mine[0]) if mine else "",
        last=incident_day(mine[-1]) if mine else "",
        behaviours=tuple(behaviours.most_common()),
        weekly=tuple(weekly),
        trend=trend,
        trend_text=text,
        numbers=tuple(e.seq for e in mine),
        also_witness=other_roles,
    )


def _week_list(first: str, last: str) -> tuple[str, ...]:
    if not first:
        return ()
    monday, end = _monday(first), _monday(last)
    out = []
    while monday <= end:
        out.append(monday.isoformat())
        monday += timedelta(days=7)
    return tuple(out)


def build_report(
    entries: Iterable[Entry],
    registry: Registry,
    *,
    head: tuple[int, str],
    flt: Filter | None = None,
    title: str = "",
    name: str = "",
    now: datetime | None = None,
) -> Report:
    """The report over ``entries`` (already filtered), in the order incidents happened."""
    ordered = sorted(entries, key=_sort_key)
    days = [incident_day(e) for e in ordered]
    first, last = (days[0], days[-1]) if days else ("", "")
    if flt is not None and flt.until and first and flt.until.isoformat() > last:
        last = flt.until.isoformat()  # the weeks run to the end of what was asked for
    weeks = _week_list(first, last)
    subjects: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for e in ordered:
        names = {registry.canonical(p.name): p.role for p in e.incident.people if p.role == "subject"}
        subjects.update(names.keys())
        other = {registry.canonical(p.name) for p in e.incident.people} - set(names)
        others.update(other)
    people = [person_summary(n, ordered, registry, weeks) for n, _ in subjects.most_common()]
    people.sort(key=lambda s: (-s.count, s.name.lower()))
    others_only = [(n, c) for n, c in others.most_common() if n not in subjects]
    rows = tuple(make_row(e, registry) for e in ordered)
    return Report(
        rows=rows,
        people=tuple(people),
        others=tuple(others_only),
        first=first,
        last=days[-1] if days else "",
        weeks=weeks,
        behaviours=tuple(Counter(c for e in ordered for c in e.incident.categories).most_common()),
        head_seq=head[0],
        head_hash=head[1],
        generated_at=(now or datetime.now()).replace(microsecond=0).isoformat(),
        selection=flt.describe() if flt is not None else "",
        title=title.strip(),
        name=name.strip(),
        unnamed=sum(1 for e in ordered if not e.incident.people),
        amended_rows=sum(1 for r in rows if r.amended),
    )


# -- plain formats ----------------------------------------------------------------


def render_csv(report: Report) -> str:
    """The timeline as CSV, one row per incident, the columns of :data:`COLUMNS`."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        writer.writerow(asdict(row))
    return buf.getvalue()


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
            "incidents": len(report.rows),
            "selection": report.selection or None,
            "head": {"seq": report.head_seq, "hash": report.head_hash},
            "verify": f"voicelog verify --head {report.head_hash}",
            "weeks": list(report.weeks),
        },
        "people": [
            {**asdict(p), "aliases": list(p.aliases), "behaviours": dict(p.behaviours), "weekly": list(p.weekly),
             "numbers": list(p.numbers)}
            for p in report.people
        ],
        "others": dict(report.others),
        "rows": [asdict(r) for r in report.rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rows_from_json(text: str) -> list[Row]:
    """Parse the rows of a JSON report back (the inverse of :func:`render_json` for the timeline)."""
    return [Row(**r) for r in json.loads(text)["rows"]]


def rows_from_csv(text: str) -> list[Row]:
    """Parse the rows of a CSV report back."""
    return [Row(**r) for r in csv.DictReader(io.StringIO(text))]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def render_md(report: Report) -> str:
    """The report as Markdown: summary, people, timeline table, how to verify."""
    out = [f"# {report.title or 'Incident log'}", ""]
    if report.name:
        out += [f"Kept by {report.name}.", ""]
    out += [f"- Incidents: {len(report.rows)}", f"- From {report.first or '—'} to {report.last or '—'}"]
    if report.selection:
        out.append(f"- Selection: {report.selection}")
    out += [f"- Generated {report.generated_at} by voicelog {__version__}", ""]
    for p in report.people:
        out += [f"## {p.name}", ""]
        if p.aliases:
            out.append(f"- Also called: {', '.join(p.aliases)}")
        out += [f"- Incidents: {p.count} (first {p.first}, last {p.last})",
                "- Behaviour: " + (", ".join(f"{c.replace('_', ' ')} ({n})" for c, n in p.behaviours) or "—"),
                f"- {p.trend_text}",
                f"- Incidents per week: {' '.join(str(n) for n in p.weekly)}", ""]
    out += ["## Timeline", "", "| " + " | ".join(COLUMNS.values()) + " |", "|" + "---|" * len(COLUMNS)]
    for r in report.rows:
        out.append("| " + " | ".join(_md_cell(v) for v in asdict(r).values()) + " |")
    out += ["", "## Checking this log", "", _verify_text(report), "", f"    voicelog verify --head {report.head_hash}", ""]
    return "\n".join(out)


def _verify_text(report: Report) -> str:
    return (f"When this report was made, the diary's chain of {report.head_seq} rows (entries and amendments) "
            f"ended with the hash {report.head_hash}. Each row's hash covers the one before it, so running the "
            "command below on the device shows whether any entry has since been changed, removed or inserted.")


# -- HTML ------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _long_day(iso: str) -> str:
    if not iso:
        return "—"
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def _short_day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%b}"


CHART_COLOURS = ("#8a1c2b", "#2f5d8a", "#c98a1b", "#4b7f52", "#6d4c8f", "#7a7a7a")
"""Bar colours, one per person, that still tell apart when printed in grey."""


def _weekly_chart(series: Sequence[tuple[str, Sequence[int]]], weeks: Sequence[str], *, label: str,
                  height: int = 200, legend: bool = False) -> str:
    """Incidents per week as inline SVG (pygal, no scripts, no outside references)."""
    import pygal
    from pygal.style import Style

    style = Style(
        background="#ffffff", plot_background="#ffffff", foreground="#333333", foreground_strong="#111111",
        foreground_subtle="#e3e3e3", colors=CHART_COLOURS, font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
        label_font_size=11, major_label_font_size=11, legend_font_size=11, value_font_size=10, opacity="1",
        opacity_hover="1", transition="0s",
    )
    totals = [sum(col) for col in zip(*(s for _, s in series))] or [0]
    top = max(3, max(totals) + 1)
    every = max(1, -(-len(weeks) // 14))  # at most about 14 labels however long the report
    kind = pygal.StackedBar if len(series) > 1 else pygal.Bar
    chart = kind(
        style=style, js=[], disable_xml_declaration=True, show_legend=legend, legend_at_bottom=True,
        legend_at_bottom_columns=min(len(series), 4), width=720, height=height, margin=4, spacing=8,
        print_values=len(series) == 1 and len(weeks) <= 26, print_zeroes=False, range=(0, top),
        y_labels=list(range(0, top + 1, max(1, top // 6))), tooltip_fancy_mode=False, explicit_size=False,
        x_labels_major_every=every, show_minor_x_labels=False, truncate_label=-1, truncate_legend=-1,
        y_title="incidents", classes=("pygal-chart", "weekly-chart"),
    )
    chart.x_labels = [_short_day(w) for w in weeks]
    for name, values in series:
        chart.add(name, list(values))
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)  # pygal's comments carry its web address
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)  # its tooltip config: a printed page needs no script
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_e(label)}" ', 1)


def chart_svg(summary: PersonSummary, weeks: Sequence[str]) -> str:
    """Incidents per week naming one person, as inline SVG."""
    return _weekly_chart([(summary.name, summary.weekly)], weeks, label=f"Incidents per week: {summary.name}")


_CSS = """
@page { size: A4; margin: 15mm 13mm 16mm 13mm;
  @bottom-left { content: "voicelog incident log"; font: 8pt sans-serif; color: #666; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #666; } }
@page timeline { size: A4 landscape; margin: 12mm 11mm 14mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #161616; font: 10pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
h1, h2, h3 { font-family: "DejaVu Serif", "Liberation Serif", Georgia, serif; font-weight: 700; color: #111; }
h1 { font-size: 25pt; margin: 0 0 2mm; line-height: 1.15; }
h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid #8a1c2b; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
.person h3 { margin-top: 0; }
.muted { color: #555; }
.small { font-size: 8.5pt; }
.sheet { page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.cover .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 8.5pt; color: #8a1c2b; font-weight: 700; }
.cover .keptby { font-size: 12pt; margin: 0 0 6mm; }
.facts { display: flex; gap: 4mm; margin: 6mm 0 7mm; }
.fact { flex: 1; border: 1px solid #d6d6d6; border-top: 4px solid #8a1c2b; padding: 3mm 4mm; }
.fact .n { font: 700 20pt/1.1 "DejaVu Serif", Georgia, serif; }
.fact .l { font-size: 8.5pt; color: #555; text-transform: uppercase; letter-spacing: .06em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 1.6mm 2mm; border-bottom: 1px solid #dcdcdc; }
th { font-size: 8pt; text-transform: uppercase; letter-spacing: .05em; color: #444; border-bottom: 1.5px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.trend-more { color: #8a1c2b; font-weight: 700; }
.trend-less { color: #2d6a3e; font-weight: 700; }
.notes { margin-top: 7mm; padding: 3mm 4mm; background: #f4f1ec; border-left: 3px solid #b8a98f; font-size: 8.5pt; }
.notes p { margin: 0 0 1.5mm; }
.person { margin-bottom: 9mm; break-inside: avoid; page-break-inside: avoid; }
.person dl { display: grid; grid-template-columns: 32mm 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
.person dt { color: #555; font-size: 8.5pt; text-transform: uppercase; letter-spacing: .05em; padding-top: .6mm; }
.person dd { margin: 0; }
.chart { border: 1px solid #e2e2e2; padding: 2mm; }
.chart svg { width: 100%; height: auto; display: block; }
.timeline-part { page: timeline; }
table.timeline { font-size: 7.6pt; line-height: 1.35; table-layout: fixed; }
table.timeline thead { display: table-header-group; }
table.timeline tr { break-inside: avoid; page-break-inside: avoid; }
table.timeline th { font-size: 6.8pt; letter-spacing: .02em; padding: 1.4mm 1.2mm; }
table.timeline td { padding: 1.4mm 1.2mm; }
table.timeline td.time { white-space: nowrap; }
table.timeline td { border-bottom: 1px solid #e4e4e4; overflow-wrap: anywhere; }
table.timeline tbody tr:nth-child(even) td { background: #f8f8f8; }
td.said { font-family: "DejaVu Serif", Georgia, serif; font-size: 8pt; }
td.hash, .hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 6.8pt; color: #444; }
.am { color: #8a1c2b; font-weight: 700; }
.amnote { display: block; margin-top: 1mm; color: #8a1c2b; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7pt; }
.none { color: #999; }
.verify pre { background: #f4f4f4; border: 1px solid #ddd; padding: 3mm; font-size: 8.5pt; white-space: pre-wrap; overflow-wrap: anywhere; }
@media screen {
  body { background: #d9d9d9; padding: 8mm 0; }
  .sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto 8mm; padding: 15mm 13mm 16mm;
           box-shadow: 0 1px 6px rgba(0,0,0,.25); }
  .sheet.timeline-part { width: 297mm; min-height: 210mm; padding: 12mm 11mm; }
}
@media screen and (max-width: 820px) {  /* a phone, or a screenshot of one page */
  body { background: #fff; padding: 0; }
  .sheet { width: auto; min-height: 297mm; margin: 0; box-shadow: none; border-bottom: 1px solid #ccc; }
  .sheet.timeline-part { width: auto; }
}
@media print { .sheet { min-height: 0; } }
.chart.overall { margin: 0 0 5mm; }
"""


def _cell(value: str, *, amended: bool = False, cls: str = "") -> str:
    mark = f' <span class="am" title="corrected by the diarist">{AMENDED_MARK}</span>' if amended else ""
    body = _e(value) if value else '<span class="none">—</span>'
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{body}{mark}</td>"


def _behaviour_list(items: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{_e(c.replace('_', ' '))} ({n})" for c, n in items) or '<span class="none">—</span>'


def render_html(report: Report, entries: Sequence[Entry] | None = None) -> str:
    """The report as one self-contained HTML page, print-ready on A4 (the timeline pages landscape)."""
    corrected = {}
    if entries is not None:
        corrected = {str(e.seq): set().union(*(c for _, c, _ in _corrections(e))) if _corrections(e) else set()
                     for e in entries}
    title = report.title or "Incident log"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # Belt and braces: even a link someone pastes into the file later cannot load anything.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
    ]
    parts.append(_cover(report, title))
    if report.people:
        parts.append('<section class="sheet people">')
        parts.append("<h2>The pattern, person by person</h2>")
        parts.append('<p class="muted small">Counted here: incidents in which the person is named as the one who '
                     "did it. Weeks start on Monday; the chart covers every week of this report.</p>")
        for p in report.people:
            parts.append(_person_block(p, report))
        parts.append("</section>")
    parts.append(_timeline(report, corrected))
    parts.append(_verify_block(report))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _cover(report: Report, title: str) -> str:
    out = ['<section class="sheet cover">', '<div class="kicker">Stalking and harassment diary · incident log</div>',
           f"<h1>{_e(title)}</h1>"]
    if report.name:
        out.append(f'<p class="keptby">Kept by {_e(report.name)}</p>')
    rng = (f"{_long_day(report.first)} – {_long_day(report.last)}" if report.first else "No incidents")
    out.append(f'<p class="keptby muted">{_e(rng)}</p>')
    named = len(report.people)
    out.append('<div class="facts">'
               f'<div class="fact"><div class="n">{len(report.rows)}</div><div class="l">incidents</div></div>'
               f'<div class="fact"><div class="n">{named}</div><div class="l">'
               f'{"person" if named == 1 else "people"} named as doing it</div></div>'
               f'<div class="fact"><div class="n">{len(report.weeks)}</div><div class="l">weeks</div></div>'
               "</div>")
    if report.people:
        out.append("<h3>People involved</h3><table><thead><tr><th>Name</th><th>Also called</th>"
                   '<th class="num">Incidents</th><th>First</th><th>Last</th><th>Frequency</th></tr></thead><tbody>')
        for p in report.people:
            trend = {"more": "more frequent", "less": "less frequent", "same": "steady", "unknown": "too few to tell"}
            out.append(f"<tr><td><strong>{_e(p.name)}</strong></td><td>{_e(', '.join(p.aliases)) or '—'}</td>"
                       f'<td class="num person-count" data-person="{_e(p.name)}">{p.count}</td>'
                       f"<td>{_e(p.first)}</td><td>{_e(p.last)}</td>"
                       f'<td class="trend-{p.trend}">{trend[p.trend]}</td></tr>')
        out.append("</tbody></table>")
    if report.people and report.weeks:
        shown = report.people[: len(CHART_COLOURS)]
        out.append("<h3>Incidents per week</h3>")
        out.append('<div class="chart overall">' + _weekly_chart(
            [(p.name, p.weekly) for p in shown], report.weeks, label="Incidents per week, by person", height=230,
            legend=True) + "</div>")
    if report.others:
        out.append('<p class="small"><strong>Also named</strong> (as witnesses or otherwise): '
                   + ", ".join(f"{_e(n)} ({c})" for n, c in report.others) + "</p>")
    if report.behaviours:
        out.append(f'<p class="small"><strong>Behaviour across all incidents:</strong> {_behaviour_list(report.behaviours)}</p>')
    if report.unnamed:
        out.append(f'<p class="small">{report.unnamed} incident(s) name no one.</p>')
    if report.selection:
        out.append(f'<p class="small"><strong>Selection:</strong> {_e(report.selection)} '
                   "(other entries in the diary are not in this report).</p>")
    out.append('<div class="notes">'
               "<p><strong>How to read this log.</strong> Each incident was spoken aloud by the diarist soon after it "
               "happened, transcribed on their own device, and stored in a sealed, append-only diary in which every "
               "entry carries the hash of the one before it.</p>"
               "<p>“What happened” is the diarist’s own words as transcribed. A time with ~ is approximate. "
               f"A {AMENDED_MARK} marks a detail the diarist corrected after recording; the correction was added "
               "to the diary beside the original, which is kept unchanged.</p>"
               f"<p>Generated {_e(report.generated_at.replace('T', ' '))} by voicelog {_e(__version__)}. "
               f"The last page explains how to check this log against the diary.</p></div>")
    out.append("</section>")
    return "\n".join(out)


def _person_block(p: PersonSummary, report: Report) -> str:
    out = [f'<div class="person" data-person="{_e(p.name)}" data-count="{p.count}">', f"<h3>{_e(p.name)}</h3>", "<dl>"]
    if p.aliases:
        out.append(f"<dt>Also called</dt><dd>{_e(', '.join(p.aliases))}</dd>")
    out.append(f'<dt>Incidents</dt><dd><strong class="count">{p.count}</strong>, from {_e(_long_day(p.first))} '
               f"to {_e(_long_day(p.last))}</dd>")
    out.append(f"<dt>Behaviour</dt><dd>{_behaviour_list(p.behaviours)}</dd>")
    out.append(f'<dt>Frequency</dt><dd class="trend-{p.trend}">{_e(p.trend_text)}</dd>')
    if p.also_witness:
        out.append(f"<dt>Also named</dt><dd>in {p.also_witness} other incident(s), not as doing it</dd>")
    out.append(f"<dt>Entries</dt><dd class=\"small\">{_e(', '.join(str(n) for n in p.numbers))}</dd>")
    out.append("</dl>")
    if report.weeks:
        out.append(f'<div class="chart">{chart_svg(p, report.weeks)}</div>')
    out.append("</div>")
    return "\n".join(out)


def _timeline(report: Report, corrected: dict[str, set[str]]) -> str:
    widths = {"number": 3, "date": 7.5, "time": 5.5, "place": 9.5, "what_happened": 23, "people": 10, "behaviours": 8,
              "impact": 7.5, "evidence": 7, "police_reference": 6, "recorded_at": 6.5, "entry_hash": 6.5}
    out = ['<section class="sheet timeline-part">', "<h2>Timeline of incidents</h2>",
           f'<p class="muted small">{len(report.rows)} incidents in the order they happened. '
           f"{AMENDED_MARK} marks a detail the diarist corrected after recording (see the note under the account). "
           "The entry hash is the first 16 characters; the full hashes are in the CSV and JSON exports.</p>",
           '<table class="timeline"><colgroup>'
           + "".join(f'<col style="width:{w}%">' for w in widths.values()) + "</colgroup><thead><tr>"
           + "".join(f"<th>{_e(COLUMNS[c])}</th>" for c in widths) + "</tr></thead><tbody>"]
    for r in report.rows:
        cols = corrected.get(r.number, set())
        said = _e(r.what_happened) or '<span class="none">—</span>'
        if r.amended:
            said += f'<span class="amnote">{AMENDED_MARK} Amended: {_e(r.amended)}</span>'
        out.append(
            f'<tr id="entry-{_e(r.number)}" data-amended="{"yes" if r.amended else "no"}">'
            f'<td class="num">{_e(r.number)}</td>'
            + _cell(r.date, amended="date" in cols)
            + _cell(r.time, amended="time" in cols, cls="time")
            + _cell(r.place, amended="place" in cols)
            + f'<td class="said">{said}</td>'
            + _cell(r.people, amended="people" in cols)
            + _cell(r.behaviours, amended="behaviours" in cols)
            + _cell(r.impact, amended="impact" in cols)
            + _cell(r.evidence, amended="evidence" in cols)
            + _cell(r.police_reference, amended="police_reference" in cols)
            + _cell(r.recorded_at.replace("T", " "))
            + f'<td class="hash" title="{_e(r.entry_hash)}">{_e(r.entry_hash[:16])}</td>'
            + "</tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _verify_block(report: Report) -> str:
    return ('<section class="sheet verify"><h2>Checking this log</h2>'
            f"<p>{_e(_verify_text(report))}</p>"
            f'<p>Chain head (row {report.head_seq}):</p><pre class="head">{_e(report.head_hash)}</pre>'
            "<p>On the device that holds the diary, run:</p>"
            f"<pre>voicelog verify --head {_e(report.head_hash)}</pre>"
            "<p>“All rows fit” means every entry in this log is in the diary exactly as it was written. A later "
            "entry or amendment moves the head on; the diary then still checks, and the head printed here is found "
            "as an earlier row (`voicelog verify` names the first row that does not fit, if any). "
            "No passphrase is needed to check.</p>"
            f'<p class="small muted">Each row’s entry hash in the timeline is that entry’s own link in the chain. '
            f"Generated {_e(report.generated_at.replace('T', ' '))} by voicelog {_e(__version__)}.</p></section>")


def render(report: Report, fmt: str, entries: Sequence[Entry] | None = None) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`)."""
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
    """Write ``text`` to ``path`` only, created ``0o600`` (no temporary copy anywhere)."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another file, or pass --force to replace it.") from None
    except OSError as exc:
        raise DiaryError(f"Cannot write the report to {path} ({exc.strerror}); choose another place with --out.") from None
    try:
        os.fchmod(fd, 0o600)  # an existing file replaced with --force keeps no wider mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        path.unlink(missing_ok=True)  # half a report helps no one, and it is plaintext
        raise DiaryError(f"Could not finish writing {path} ({exc.strerror}); nothing was left there.") from None
    return path


def row_fields() -> list[str]:
    """The column names, in order."""
    return [f.name for f in fields(Row)]
