"""Correcting an entry's words in `voicelog review` (voicelog.cli.review_words), driven by Textual's pilot."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE, files_holding
from textual.widgets import Static, TextArea

from voicelog.app.amend import amend
from voicelog.app.void import void
from voicelog.audio.codec import encode_flac
from voicelog.audio.playback import why_no_playback
from voicelog.cli import cli
from voicelog.cli.review_app import ReviewApp
from voicelog.cli.review_words import EditWords, UnsavedWords, field_changes
from voicelog.incident import Incident
from voicelog.store import opening
from voicelog.transcript import Transcript

HEARD = "yesterday evening someone was baying on my bedroom window at the flat"
MARK = f"zanzibar{uuid.uuid4().hex[:10]}"
"""A word made per run, so no file but a leaked copy can hold it (not even this test's own source)."""
MEANT = f"yesterday evening someone was banging on my bedroom window it was Colin Mowbray {MARK}"


@pytest.fixture()
def diary(tmp_path: Path) -> Path:
    """A sealed diary: entry 1 typed, entry 2 misheard by the recogniser with its recording kept."""
    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    samples = (np.sin(np.arange(8000) * 2 * np.pi * 300 / 16000) * 6000).astype(np.int16)
    with opening.open_for_recording(path) as book:
        book.append(recorded_at=datetime(2026, 3, 1, 9, 0), transcript=Transcript("mark sent me texts"),
                    incident=Incident(date="2026-03-01"), source="text")
        book.append(recorded_at=datetime(2026, 3, 30, 21, 47), source="microphone", audio=encode_flac(samples),
                    transcript=Transcript(HEARD, engine="vosk", model="vosk-model-small-en-us-0.15"),
                    incident=Incident(date="2026-03-29", period="evening", location="the flat"))
    return path


def _open(diary: Path):
    book = opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE)
    return book, book.entries(with_words=True)


def _text(app: ReviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _type(pilot, text: str) -> None:
    area = pilot.app.screen.query_one("#w-text", TextArea)
    area.clear()
    await pilot.press(*list(text))


def test_ctrl_e_corrects_the_words_keeps_the_recognisers_and_writes_none_in_clear(diary: Path, tmp_path: Path,
                                                                                  voicelog_home: Path) -> None:
    with opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE) as book:
        amend(book, 2, {"location": "the Co-op on Moss Lane"})  # corrected by hand before: kept
    temp = Path(tempfile.gettempdir())
    since = time.time() - 1  # file times may lag the clock by a tick
    book, entries = _open(diary)
    shown: list[str] = []

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.current is not None and app.current.seq == 2
            assert "Ctrl+E words" in str(app.query_one("#hints", Static).render())
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, EditWords)
            assert app.screen.query_one("#w-text", TextArea).text == HEARD  # prefilled with the words it reads
            await _type(pilot, MEANT)
            await pilot.press("ctrl+n")  # the review's own keys rest while the words are edited
            await pilot.press("ctrl+s")
            await pilot.pause()
            result = _text(app, "#w-result")
            assert "[-baying-]" in result and "{+banging+}" in result and "{+it was Colin Mowbray" in result
            assert "Fields found again from your words" in result and "place:" not in result  # by hand: kept
            shown.append(result)
            assert "the recogniser's are kept" in _text(app, "#w-status")
            await pilot.press("ctrl+e")  # back to the entry, which now reads the new words
            await pilot.pause()
            assert not isinstance(app.screen, EditWords) and app.current is not None and app.current.seq == 2
            assert MARK in _text(app, "#transcript")
            assert "saved as an amendment" in _text(app, "#status")
            await pilot.press("escape")

    with book:
        asyncio.run(drive())
        entry = book.get(2)
        assert entry.transcript.text == MEANT and entry.recognised.text == HEARD
        assert entry.words_corrected is not None and entry.words_corrected.note == "corrected in review"
        assert entry.incident.location == "the Co-op on Moss Lane"
        found = field_changes(next(e for e in entries if e.seq == 2), entry)  # extracted again: each one shown
        assert "people" in [name for name, _, _ in found] and "place" not in [name for name, _, _ in found]
        assert all(f"{name}: " in shown[0] and new in shown[0] for name, _, new in found)
        assert book.verify().ok
    history = CliRunner().invoke(cli, ["show", "2", "--history", "--diary", str(diary)])
    assert history.exit_code == 0, history.output
    assert HEARD in history.stdout and MEANT in history.stdout  # the recogniser's words stay in the history
    written = files_holding([tmp_path, temp], (MARK.encode(),), since=since)
    assert not written, f"the typed words were written in clear to {written}"


def test_unsaved_words_are_asked_about_before_they_are_dropped(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            await _type(pilot, "not what was said")
            await pilot.press("ctrl+e")  # back to the entry: asked first
            await pilot.pause()
            assert isinstance(app.screen, UnsavedWords) and "not saved" in _text(app, "#question")
            await pilot.press("enter")  # back to editing: the words are still there
            await pilot.pause()
            assert isinstance(app.screen, EditWords)
            assert app.screen.query_one("#w-text", TextArea).text == "not what was said"
            await pilot.press("ctrl+e", "d")  # discarded: the entry as it was
            await pilot.pause()
            assert not isinstance(app.screen, EditWords | UnsavedWords)
            assert "baying" in _text(app, "#transcript")
            await pilot.press("ctrl+e")
            await pilot.pause()
            await pilot.press("ctrl+e")  # nothing typed: back at once
            await pilot.pause()
            assert not isinstance(app.screen, EditWords)
            await pilot.press("ctrl+e")
            await pilot.pause()
            await _type(pilot, "also not said")
            await pilot.press("escape")  # leaving: the whole screen covered, and asked
            await pilot.pause()
            assert isinstance(app.screen, UnsavedWords) and "leave" in _text(app, "#question")
            assert "also not said" not in app.export_screenshot()
            await pilot.press("escape")  # again: leave without saving
            await pilot.pause()
        assert app.return_value == "quick-exit"

    with book:
        rows = book.head()[0]
        asyncio.run(drive())
        assert book.head()[0] == rows  # nothing stored


def test_a_voided_entry_or_an_unsaved_field_edit_is_refused(diary: Path) -> None:
    with opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE) as book:
        void(book, 1, "recorded by mistake")
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(100, 30)) as pilot:
            app.query_one("#f-place").focus()
            await pilot.press("x")
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert not isinstance(app.screen, EditWords) and "save your field correction" in _text(app, "#status")
            await pilot.press("backspace", "ctrl+n")
            await pilot.pause()
            assert app.current is None  # entry 1, voided
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert not isinstance(app.screen, EditWords)
            assert "Words not corrected" in _text(app, "#status") and "voided" in _text(app, "#status")

    with book:
        rows = book.head()[0]
        asyncio.run(drive())
        assert book.head()[0] == rows


def test_the_recording_where_it_cannot_be_played_is_said_and_nothing_breaks(diary: Path) -> None:
    why = why_no_playback()
    if why is None:
        pytest.skip("this machine has a sound output device; the path tested here is the one without")
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert f"Its recording cannot be played on this machine: {why}." in _text(app, "#w-keys")
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert f"Not played: {why} on this machine." in _text(app, "#w-status")
            await pilot.press("ctrl+e", "ctrl+n", "ctrl+e")  # entry 1: typed, nothing kept to play
            await pilot.pause()
            assert isinstance(app.screen, EditWords) and app.screen.entry.seq == 1
            assert "No recording is kept with this entry" in _text(app, "#w-keys")
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert "No recording is kept with this entry." in _text(app, "#w-status")

    with book:
        asyncio.run(drive())


def test_the_fields_found_again_are_those_that_read_differently(diary: Path) -> None:
    with opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE) as book:
        before = book.get(2)
        after = amend(book, 2, {"location": "Moss Lane"}).entry
    assert field_changes(before, after) == [("place", "the flat", "Moss Lane")]
    assert field_changes(after, after) == []


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
def test_leaving_from_the_words_with_nothing_typed_is_at_once(diary: Path, key: str) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, EditWords)
            await pilot.press(key)  # Ctrl+C leaves, as everywhere in the review (not the text area's copy)
            await pilot.pause()
        assert app.return_value == "quick-exit"

    with book:
        asyncio.run(drive())
