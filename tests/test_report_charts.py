"""voicelog.report.charts: incidents per week as inline SVG that loads nothing and runs nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from voicelog import report
from voicelog.report.charts import weekly_chart

WEEKS = ("2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26")
SVG = "{http://www.w3.org/2000/svg}"


def _summary(name: str, weekly: tuple[int, ...]) -> report.PersonSummary:
    return report.PersonSummary(name=name, aliases=(), count=sum(weekly), first=WEEKS[0], last=WEEKS[-1],
                                behaviours=(), weekly=weekly, trend="unknown", trend_text="", numbers=())


def test_a_persons_chart_is_inline_svg_with_no_script_comment_or_outside_reference() -> None:
    svg = report.chart_svg(_summary("Mark <Jones> & co", (0, 2, 1, 3)), WEEKS)
    root = ElementTree.fromstring(svg)  # well-formed on its own, so it can sit inside the page
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-label") == "Incidents per week: Mark <Jones> & co"  # escaped in the text, read back whole
    assert "pygal-chart" in (root.get("class") or "")
    assert "<script" not in svg and "<!--" not in svg
    assert not re.search(r"""(?:href|src)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", svg, re.IGNORECASE)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "12 Jan" in labels and "incidents" in labels
    printed = [d.text for d in root.iter(f"{SVG}desc") if d.get("class") == "value"]
    assert printed == ["0", "2", "1", "3"]  # one bar per week, in order


def test_the_cover_chart_stacks_one_series_per_person_with_a_legend() -> None:
    series = [("Colin Mowbray", (1, 0, 2, 1)), ("Karen Holt", (0, 1, 1, 0))]
    root = ElementTree.fromstring(weekly_chart(series, WEEKS, label="Incidents per week, by person", legend=True))
    graph = next(g for g in root.iter(f"{SVG}g") if "graph" in (g.get("class") or "").split())
    assert "stackedbar-graph" in (graph.get("class") or "")
    legends = [t.text for g in root.iter(f"{SVG}g") if g.get("class") == "legends" for t in g.iter(f"{SVG}text")]
    assert legends == ["Colin Mowbray", "Karen Holt"]


@pytest.mark.slow
def test_pygal_is_loaded_only_when_a_chart_is_drawn() -> None:
    code = "import sys, voicelog.report; print('pygal' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
