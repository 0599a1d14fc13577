"""Reading the demo diary (the session fixture ``demo`` in conftest.py) and a `voicelog report` run, shared by the
report tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

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
