"""Reading the demo diary (the session fixture ``demo`` in conftest.py) and a `voicelog report` run, shared by the
report tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog import report
from voicelog.cli import cli
from voicelog.demo import Demo
from voicelog.filters import Registry
from voicelog.store.entries import Entry
from voicelog.store.opening import open_for_reading


def read_demo(demo: Demo) -> tuple[list[Entry], Registry, tuple[int, str]]:
    """The demo diary's entries (amended view), its people registry and its chain head."""
    with open_for_reading(demo.path, passphrase=TEST_PASSPHRASE) as book:
        return book.entries(), Registry(book.people()), book.head()


def report_with_cli(demo: Demo, folder: Path, fmt: str, *extra: str) -> Path:
    """Run `voicelog report --format FMT` in-process into ``folder``; the file it wrote."""
    out = folder / f"report.{fmt}"
    r = CliRunner().invoke(cli, ["report", "--diary", str(demo.path), "--out", str(out), "--format", fmt, *extra])
    assert r.exit_code == 0, r.output
    assert "not sealed" in r.stderr
    return out


def damaged_report(folder: Path) -> tuple[report.Report, report.Integrity]:
    """A report of a real sealed diary of three entries whose entry 2 has a bit of its sealed content flipped (row
    3), with the diary's own verification and the row left out on its cover."""
    from damage_fixtures import flip_byte
    from store_fixtures import append, new_sealed, reader

    path = new_sealed(folder, "damaged.db")
    for text in ("he followed me", "he waited outside", "he phoned twelve times"):
        append(path, text)
    flip_byte(path, 2)
    with reader(path) as diary:
        entries = diary.entries()
        checked = report.integrity(diary.verify(), diary.damaged.values())
        built = report.build_report(entries, Registry(diary.people()), head=diary.head(), checked=checked)
    return built, checked
