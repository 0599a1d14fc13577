"""Incidents per week as inline SVG bar charts (pygal, imported only when a chart is drawn).

The SVG carries no script, no comment and no outside reference, so the HTML
report stays one file that loads nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date

from voicelog.display import clean
from voicelog.report.model import PersonSummary

CHART_COLOURS = ("#8a1c2b", "#2f5d8a", "#c98a1b", "#4b7f52", "#6d4c8f", "#7a7a7a")
"""Bar colours, one per person, that still tell apart when printed in grey."""


def _short_day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%b}"


def weekly_chart(series: Sequence[tuple[str, Sequence[int]]], weeks: Sequence[str], *, label: str,
                 height: int = 200, legend: bool = False) -> str:
    """Incidents per week as inline SVG (pygal, no scripts, no outside references)."""
    import pygal
    from pygal.style import Style

    style = Style(
        background="#ffffff", plot_background="#ffffff", foreground="#333333", foreground_strong="#111111",
        foreground_subtle="#e3e3e3", colors=CHART_COLOURS,
        font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif", label_font_size=11,
        major_label_font_size=11, legend_font_size=11, value_font_size=10, opacity="1",
        opacity_hover="1", transition="0s",
    )
    totals = [sum(col) for col in zip(*(s for _, s in series), strict=True)] or [0]  # one count per week each
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
        chart.add(clean(name), list(values))  # a name is shown: controls written visibly
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)  # pygal's comments carry its web address
    # its tooltip config: a printed page needs no script
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(clean(label), quote=True)}" ', 1)


def chart_svg(summary: PersonSummary, weeks: Sequence[str]) -> str:
    """Incidents per week naming one person, as inline SVG."""
    return weekly_chart([(summary.name, summary.weekly)], weeks, label=f"Incidents per week: {summary.name}")
