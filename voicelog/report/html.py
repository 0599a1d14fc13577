"""The report as one self-contained HTML page, print-ready on A4 (the timeline pages landscape).

No scripts, no links, no outside resources: the page opens offline and loads
nothing, even if a link is pasted into it later (its Content-Security-Policy
forbids it). The stylesheet is package data, ``report.css``, inlined.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources

from voicelog import __version__
from voicelog.display import clean
from voicelog.display_name import report_kicker
from voicelog.report.charts import CHART_COLOURS, chart_svg, weekly_chart
from voicelog.report.model import COLUMNS, Integrity, PersonSummary, Report, corrected_columns
from voicelog.report.text import verify_text
from voicelog.report.thumbnails import Thumbnail
from voicelog.store.entries import Entry

AMENDED_MARK = "†"
"""Printed beside a field the person corrected after recording."""


@cache
def stylesheet() -> str:
    """The page's CSS (``voicelog/report/report.css``), read once."""
    return resources.files("voicelog.report").joinpath("report.css").read_text(encoding="utf-8")


def _e(text: object) -> str:
    # Control characters and bidi overrides written visibly (voicelog.display), then HTML-escaped.
    return html.escape(clean(str(text)), quote=True)


def _long_day(iso: str) -> str:
    if not iso:
        return "—"
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def _cell(value: str, *, amended: bool = False, cls: str = "", more: str = "") -> str:
    mark = f' <span class="am" title="corrected by the diarist">{AMENDED_MARK}</span>' if amended else ""
    body = _e(value) if value else "" if more else '<span class="none">—</span>'
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{body}{mark}{more}</td>"


def _more(label: str, value: str, *, amended: bool = False) -> str:
    """A police-log detail (address, vehicle, witness contact, reported) under a cell's value, when there is one."""
    if not value:
        return ""
    mark = f' <span class="am" title="corrected by the diarist">{AMENDED_MARK}</span>' if amended else ""
    return f'<span class="more"><span class="lbl">{_e(label)}:</span> {_e(value)}{mark}</span>'


def _behaviour_list(items: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{_e(c.replace('_', ' '))} ({n})" for c, n in items) or '<span class="none">—</span>'


def render_html(report: Report, entries: Sequence[Entry] | None = None) -> str:
    """The report as one self-contained HTML page, print-ready on A4 (the timeline pages landscape)."""
    corrected = {str(e.seq): corrected_columns(e) for e in entries} if entries is not None else {}
    title = report.title or "Incident log"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # Belt and braces: even a link someone pastes into the file later cannot load anything.
        ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">"),
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{stylesheet()}</style></head><body>",
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
    if report.exhibits:
        parts.append(_exhibits(report))
    parts.append(_verify_block(report))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _cover(report: Report, title: str) -> str:
    out = ['<section class="sheet cover">', f'<div class="kicker">{_e(report_kicker())}</div>',
           f"<h1>{_e(title)}</h1>"]
    if report.name:
        out.append(f'<p class="keptby">Kept by {_e(report.name)}</p>')
    rng = (f"{_long_day(report.first)} – {_long_day(report.last)}" if report.first else "No incidents")
    out.append(f'<p class="keptby muted">{_e(rng)}</p>')
    named = len(report.people)
    out.append('<div class="facts">'
               f'<div class="fact"><div class="n">{report.incidents}</div><div class="l">'
               f'incident{"" if report.incidents == 1 else "s"}{_voided(report)}'
               "</div></div>"
               f'<div class="fact"><div class="n">{named}</div><div class="l">'
               f'{"person" if named == 1 else "people"} named as doing it</div></div>'
               f'<div class="fact"><div class="n">{len(report.weeks)}</div><div class="l">weeks</div></div>'
               "</div>")
    if report.integrity is not None:
        out.append(_integrity_block(report.integrity))
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
        out.append('<div class="chart overall">' + weekly_chart(
            [(p.name, p.weekly) for p in shown], report.weeks, label="Incidents per week, by person", height=230,
            legend=True) + "</div>")
    if report.others:
        out.append('<p class="small"><strong>Also named</strong> (as witnesses or otherwise): '
                   + ", ".join(f"{_e(n)} ({c})" for n, c in report.others) + "</p>")
    if report.behaviours:
        out.append('<p class="small"><strong>Behaviour across all incidents:</strong> '
                   f'{_behaviour_list(report.behaviours)}</p>')
    if report.unnamed:
        out.append(f'<p class="small">{report.unnamed} incident(s) name no one.</p>')
    if report.selection:
        out.append(f'<p class="small"><strong>Selection:</strong> {_e(report.selection)} '
                   "(other entries in the diary are not in this report).</p>")
    out.append('<div class="notes">'
               "<p><strong>How to read this log.</strong> Each incident was spoken aloud by the diarist soon after it "
               "happened, transcribed on their own device, and stored in a sealed, append-only diary in which every "
               "entry carries the hash of the one before it.</p>"
               "<p>“What happened” is the diarist’s own words as transcribed (where the diarist corrected the "
               f"transcription, their corrected words, marked {AMENDED_MARK}, with the words as first transcribed "
               "in the note below them). A time with ~ is approximate. "
               f"A {AMENDED_MARK} marks a detail the diarist corrected after recording; the correction was added "
               "to the diary beside the original, which is kept unchanged.</p>"
               f"<p>Generated {_e(report.generated_at.replace('T', ' '))} by voicelog {_e(__version__)}. "
               f"The last page explains how to check this log against the diary.</p></div>")
    out.append("</section>")
    return "\n".join(out)


def _integrity_block(check: Integrity) -> str:
    """The tamper check's result and the entries left out, near the top of the cover where no reader misses it."""
    state = "ok" if check.ok else "failed"
    heading = ("Tamper check passed" if check.ok else
               "Warning: the diary failed its tamper check when this report was made")
    out = [f'<div class="integrity {state}" data-verified="{"yes" if check.ok else "no"}">',
           f"<p><strong>{heading}.</strong> {_e(check.summary)}</p>"]
    if check.problems:
        out.append('<ul class="problems">' + "".join(f"<li>{_e(p)}</li>" for p in check.problems) + "</ul>"
                   "<p>What this report shows of those rows may not be what was written.</p>")
    if check.code:
        out.append(f'<p class="small">Verification code fingerprint: <span class="hash">{_e(check.code)}</span>'
                   f"{'' if check.seals_checked else ' (the seals were not checked)'}</p>")
    if check.left_out:
        out.append(f'<p class="left-out"><strong>Left out of this report:</strong> {len(check.left_out)} '
                   f"row(s) of the diary could not be read (damaged, or sealed to another key):</p>"
                   '<ul class="left-out">' + "".join(f"<li>{_e(w)}</li>" for w in check.left_out) + "</ul>")
    out.append("</div>")
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
           (f'<p class="muted small">{report.incidents} incident{"" if report.incidents == 1 else "s"}'
            f"{_voided(report)} in the order they happened. "
            f"{AMENDED_MARK} marks a detail the diarist corrected after recording (see the note under the account). "
            "The entry hash is the first 16 characters; the full hashes are in the CSV and JSON exports.</p>"),
           '<table class="timeline"><colgroup>'
           + "".join(f'<col style="width:{w}%">' for w in widths.values()) + "</colgroup><thead><tr>"
           + "".join(f"<th>{_e(COLUMNS[c])}</th>" for c in widths) + "</tr></thead><tbody>"]
    for i, r in enumerate(report.rows):
        if i and i % 40 == 0:  # row groups of 40: WeasyPrint's table layout (the PDF) costs rows x pages in one group
            out.append("</tbody><tbody>")
        cols = corrected.get(r.number, set())
        said = _e(r.what_happened) or '<span class="none">—</span>'
        if "what_happened" in cols:  # the person corrected the words; the recogniser's are in the note below
            said += f' <span class="am" title="words corrected by the diarist">{AMENDED_MARK}</span>'
        if r.amended:
            said += f'<span class="amnote">{AMENDED_MARK} Amended: {_e(r.amended)}</span>'
        out.append(
            f'<tr id="entry-{_e(r.number)}" data-amended="{"yes" if r.amended else "no"}">'
            f'<td class="num">{_e(r.number)}</td>'
            + _cell(r.date, amended="date" in cols)
            + _cell(r.time, amended="time" in cols, cls="time")
            + _cell(r.place, amended="place" in cols,
                    more=_more(COLUMNS["address"], r.address, amended="address" in cols))
            + f'<td class="said">{said}</td>'
            + _cell(r.people, amended="people" in cols,
                    more=_more(COLUMNS["witness_contact"], r.witness_contact, amended="witness_contact" in cols)
                    + _more(COLUMNS["vehicle"], r.vehicle, amended="vehicle" in cols))
            + _cell(r.behaviours, amended="behaviours" in cols)
            + _cell(r.impact, amended="impact" in cols)
            + _cell(r.evidence, amended="evidence" in cols)
            + _cell(r.police_reference, amended="police_reference" in cols,
                    more=_more(COLUMNS["reported"], r.reported, amended="reported" in cols))
            + _cell(r.recorded_at.replace("T", " "), cls="recorded")
            + f'<td class="hash" title="{_e(r.entry_hash)}">{_e(r.entry_hash[:16])}</td>'
            + "</tr>"
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _voided(report: Report) -> str:
    """Said beside a count of incidents: the voided entries it leaves out."""
    if not report.voided:
        return ""
    return f" (and {report.voided} voided entr{'y' if report.voided == 1 else 'ies'}, not counted)"


def _picture(thumbnails: dict[int, Thumbnail] | None, exhibit: int) -> str:
    """The exhibit's thumbnail cell (only in a report made with --with-images)."""
    if thumbnails is None:
        return ""
    thumb = thumbnails.get(exhibit)
    if thumb is None:
        return '<td class="picture"></td>'
    if not thumb.data_url:
        return f'<td class="picture small muted">{_e(thumb.problem)}</td>'
    return (f'<td class="picture"><img class="thumb" src="{_e(thumb.data_url)}" '
            f'alt="Exhibit {exhibit}, reduced"></td>')


def _exhibits(report: Report) -> str:
    thumbs = {t.exhibit: t for t in report.thumbnails} if report.thumbnails else None
    rows = "".join(f'<tr id="exhibit-{a.exhibit}"><td class="num">{a.exhibit}</td><td class="num">{a.entry}</td>'
                   f"<td>{_e(a.name)}</td><td>{_e(a.type)}</td><td>{a.size:,} bytes</td>"
                   f'<td class="hash">{_e(a.sha256)}</td>{_picture(thumbs, a.exhibit)}</tr>' for a in report.exhibits)
    picture = "<th>Picture</th>" if report.thumbnails else ""
    shrunk = (" Pictures are reduced copies made for this report, without the photos’ metadata; the exhibit "
              "itself is the file with the SHA-256 shown." if report.thumbnails else "")
    return ('<section class="sheet exhibits"><h2>Exhibits</h2><p class="muted small">Files the diarist sealed to '
            "an entry, in the order they were attached. A copy handed over can be checked against its SHA-256 "
            f"(e.g. <code>sha256sum FILE</code>).{shrunk}</p><table><thead><tr><th>Exhibit</th><th>Entry</th>"
            f"<th>Name</th><th>Type</th><th>Size</th><th>SHA-256</th>{picture}</tr></thead><tbody>{rows}</tbody>"
            "</table></section>")


def _verify_block(report: Report) -> str:
    return ('<section class="sheet verify"><h2>Checking this log</h2>'
            f"<p>{_e(verify_text(report))}</p>"
            f'<p>Chain head (row {report.head_seq}):</p><pre class="head">{_e(report.head_hash)}</pre>'
            "<p>On the device that holds the diary, run:</p>"
            f"<pre>voicelog verify --head {_e(report.head_hash)}</pre>"
            "<p>“All rows fit” means every entry in this log is in the diary exactly as it was written. A later "
            "entry or amendment moves the head on; the diary then still checks, and the head printed here is found "
            "as an earlier row (`voicelog verify` names the first row that does not fit, if any). "
            "No passphrase is needed to check.</p>"
            f'<p class="small muted">Each row’s entry hash in the timeline is that entry’s own link in the chain. '
            f"Generated {_e(report.generated_at.replace('T', ' '))} by voicelog {_e(__version__)}.</p></section>")
