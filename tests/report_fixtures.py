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


POLICE_LOG_ACCOUNT = (
    "Yesterday at about half past nine a white Kia Ceed, reg Kilo Delta seven one X-ray Romeo Tango, stopped outside "
    "number 3 Tanner Row and Colin Mowbray shouted at me. My neighbour Nadia Brook saw it, her number is oh seven "
    "seven double oh nine double oh three three three. I rang one oh one and reported it.")
"""An invented account that says every police-log field (vehicle, address, witness contact, reported)."""


def police_log_diary(folder: Path) -> Path:
    """A real sealed diary (passphrase :data:`conftest.TEST_PASSPHRASE`) with :data:`POLICE_LOG_ACCOUNT` typed in
    and extracted for real, its vehicle then corrected by the person, and a second account that says none of them."""
    from datetime import datetime

    from voicelog.app.amend import amend
    from voicelog.app.write import write_entry
    from voicelog.store.opening import init_diary

    path = folder / "police-log.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_reading(path, passphrase=TEST_PASSPHRASE) as diary:
        write_entry(diary, POLICE_LOG_ACCOUNT, recorded_at=datetime(2026, 3, 31, 8, 0))
        write_entry(diary, "He followed me round the supermarket on Monday.", recorded_at=datetime(2026, 4, 1, 9, 0))
        amend(diary, 1, {"vehicle": ["white Kia Ceed, registration KD71 XRF"]}, note="the last letter is F")
    return path
