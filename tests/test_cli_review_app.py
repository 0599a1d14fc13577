"""`voicelog review`, driven by Textual's own pilot: correct, confirm, quick exit."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from textual.widgets import Input, Static

from voicelog.cli.review_app import ReviewApp
from voicelog.cli.unsaved import Unsaved
from voicelog.corrections import form_changes as changes_from
from voicelog.corrections import form_values
from voicelog.engines.base import Engine
from voicelog.incident import Incident, PersonRef
from voicelog.store import opening
from voicelog.transcript import Transcript, Word

MISHEARD = "the lid all car park"


@pytest.fixture()
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_recording(path) as book:
        book.append(recorded_at=datetime(2026, 3, 1, 9, 0), transcript=Transcript("mark sent me texts"),
                    incident=Incident(date="2026-03-01", people=(PersonRef("Colin Mowbray", "subject"),),
                                      categories=("unwanted_contact",)), source="text")
        text = "mark followed me from the lid all car park"
        words = tuple(Word(w, i * 0.4, i * 0.4 + 0.3, 0.3 if w in ("lid", "all") else 0.95)
                      for i, w in enumerate(text.split()))
        book.append(recorded_at=datetime(2026, 3, 2, 22, 5), transcript=Transcript(text, words),
                    incident=Incident(date="2026-03-02", time="21:30", time_approximate=True, location=MISHEARD,
                                      people=(PersonRef("Colin Mowbray", "subject"),), categories=("following",),
                                      sources={"location": "from the lid all car park"}), source="text")
    return path


def _open(diary: Path):
    book = opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE)
    return book, book.entries(with_words=True)


async def _retype(pilot, selector: str, text: str) -> None:
    pilot.app.query_one(selector, Input).focus()
    await pilot.press("end", "ctrl+u", *list(text))


def test_correcting_a_misheard_place_stores_an_amendment(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(140, 60)) as pilot:
            assert app.current is not None and app.current.seq == 2  # newest first
            assert "lid(?)" in str(app.query_one("#transcript", Static).render())
            await _retype(pilot, "#f-place", "the Lidl car park")
            assert "from the lid all car park" in str(app.query_one("#said", Static).render())  # heard as
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Saved as an amendment" in str(app.query_one("#status", Static).render())

    with book:
        asyncio.run(drive())
        entry = book.get(2)
        assert entry.incident.location == "the Lidl car park"
        assert entry.original is not None and entry.original.location == MISHEARD
        assert [a.changes for a in entry.amendments] == [{"location": "the Lidl car park"}]
        assert not entry.reviewed
        assert book.verify().ok


def test_confirming_marks_reviewed_and_moves_on(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(140, 60)) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert app.current is not None and app.current.seq == 1  # on to the next (older) entry

    with book:
        asyncio.run(drive())
        assert book.get(2).reviewed and not book.get(1).reviewed
        assert book.get(2).amendments[0].changes == {}
        # --unreviewed now shows only entry 1
        app = ReviewApp(book, book.entries(with_words=True), unreviewed=True)
        assert [e.seq for e in app.entries] == [1]


def test_a_bad_correction_is_refused_and_nothing_is_stored(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(140, 60)) as pilot:
            await _retype(pilot, "#f-time", "half nine")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Not saved" in str(app.query_one("#status", Static).render())

    with book:
        asyncio.run(drive())
        assert not book.get(2).amendments


def test_escape_quits_at_once_and_clears_screen_and_scrollback(diary: Path) -> None:
    book, entries = _open(diary)
    terminal = io.StringIO()

    async def press_escape(pilot) -> None:
        await pilot.press("escape")

    with book:
        app = ReviewApp(book, entries, terminal=terminal)
        result = app.run(headless=True, size=(120, 40), auto_pilot=press_escape)
        assert result == "quick-exit" and not app.is_running
        assert terminal.getvalue().endswith("\x1b[2J\x1b[3J\x1b[H")  # screen, scrollback, cursor home
        assert not book.get(2).amendments  # leaving stores nothing


def test_ctrl_c_quits_the_same_way(diary: Path) -> None:
    book, entries = _open(diary)
    terminal = io.StringIO()

    async def press_ctrl_c(pilot) -> None:
        app = pilot.app
        app.query_one("#f-place", Input).focus()  # even while typing in a field
        await pilot.press("ctrl+c")

    with book:
        app = ReviewApp(book, entries, terminal=terminal)
        assert app.run(headless=True, size=(120, 40), auto_pilot=press_ctrl_c) == "quick-exit"
        assert terminal.getvalue() == "\x1b[2J\x1b[3J\x1b[H"


def test_field_text_round_trips_into_amendments(diary: Path) -> None:
    book, entries = _open(diary)
    with book:
        entry = next(e for e in entries if e.seq == 2)
        before = form_values(entry.incident)
        assert before["time"] == "~21:30" and before["people"] == "Colin Mowbray:subject"
        assert changes_from(before, dict(before)) == {}
        after = {**before, "time": "21:45", "people": "Colin Mowbray:subject, Hilda:witness", "evidence": "photo; cctv"}
        assert changes_from(before, after) == {
            "time_approximate": False, "time": "21:45",
            "people": [{"name": "Colin Mowbray", "role": "subject"}, {"name": "Hilda", "role": "witness"}],
            "evidence": ["photo", "cctv"],
        }
        assert changes_from(before, {**before, "time": ""}) == {"time": None}


@pytest.mark.slow
def test_corrections_are_checked_by_the_library_not_the_cli() -> None:
    """The review app's edits end in voicelog.corrections, which checks them with no CLI code loaded."""
    import subprocess
    import sys

    code = ("import sys\nfrom voicelog.corrections import parse_set\nfrom voicelog.errors import UsageError\n"
            "assert parse_set(['place=Moss Lane']) == {'location': 'Moss Lane'}\n"
            "try:\n    parse_set(['time=25:99'])\nexcept UsageError:\n    print('refused')\n"
            "print('voicelog.cli' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["refused", "False"]


def test_bad_review_fields_are_refused() -> None:
    from voicelog.errors import UsageError

    before = {key: "" for key in ("date", "time", "place", "people", "categories", "impact", "evidence", "police")}
    with pytest.raises(UsageError, match="role"):
        changes_from(before, {**before, "people": "Colin Mowbray:boss"})
    with pytest.raises(UsageError, match="24-hour"):
        changes_from(before, {**before, "time": "~25:00"})


def test_escapes_and_bidi_overrides_are_shown_visibly_and_not_stored_as_a_correction(tmp_path: Path) -> None:
    from hostile_fixtures import PLACE, has_raw, hostile_diary

    book = opening.open_for_reading(hostile_diary(tmp_path / "hostile.db"), passphrase=TEST_PASSPHRASE)
    entries = book.entries(with_words=True)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(160, 60)) as pilot:
            app.action_move(1)  # entry 2 is shown first (newest first)
            await pilot.pause()
            assert app.current is not None and app.current.seq == 1
            place = app.query_one("#f-place", Input).value
            assert place == "Main St\\x1b[2J\\u202eevil"
            shown = [str(w.render()) for w in app.query(Static)] + [i.value for i in app.query(Input)]
            assert not any(has_raw(s) for s in shown)
            assert any("\\x1b[1A\\x1b[2Kback" in s for s in shown)
            await pilot.press("ctrl+r")  # confirm without touching a field: no field is "corrected"
            await pilot.pause()

    with book:
        asyncio.run(drive())
        entry = book.get(1)
        assert entry.reviewed and entry.incident.location == PLACE  # the stored data never changes
        assert [a.changes for a in entry.amendments] == [{}]


def test_a_damaged_entry_is_listed_as_damaged_and_the_others_are_reviewed(diary: Path) -> None:
    from damage_fixtures import flip_byte
    from textual.widgets import Label, ListItem

    with opening.open_for_recording(diary) as book:
        book.append(recorded_at=datetime(2026, 3, 3, 8, 0), transcript=Transcript("mark was at the gate again"),
                    incident=Incident(date="2026-03-03", people=(PersonRef("Colin Mowbray", "subject"),)),
                    source="text")
    assert flip_byte(diary, 2) == 3
    book, entries = _open(diary)
    damaged = book.damaged
    assert list(damaged) == [2] and damaged[2].startswith("entry 2 (row 3)")

    async def drive() -> None:
        app = ReviewApp(book, entries, damaged=damaged)
        async with app.run_test(size=(140, 60)) as pilot:
            items = list(app.query(ListItem))
            assert [i.id for i in items] == ["e3", "d2", "e1"]  # newest first, the damaged one in its place
            assert "damaged" in str(items[1].query_one(Label).render())
            await pilot.press("ctrl+r")  # confirm entry 3, on to the damaged one
            await pilot.pause()
            assert app.current is None
            heading = str(app.query_one("#heading", Static).render())
            assert "Entry 2" in heading and "damaged: cannot be read" in heading
            assert "entry 2 (row 3)" in str(app.query_one("#transcript", Static).render())
            assert not app.query_one("#f-place", Input).display  # nothing to edit
            await pilot.press("ctrl+r")  # cannot be confirmed
            await pilot.pause()
            assert "damaged and cannot be read" in str(app.query_one("#status", Static).render())
            await pilot.press("down")
            await pilot.pause()
            assert app.current is not None and app.current.seq == 1
            assert app.query_one("#f-place", Input).display
            await pilot.press("ctrl+r")
            await pilot.pause()

    with book:
        rows = book.head()[0]
        asyncio.run(drive())
        assert book.get(3).reviewed and book.get(1).reviewed
        assert book.head()[0] == rows + 2  # the two confirmations; nothing was written for the damaged entry


# -- hearing again (Ctrl+T) --------------------------------------------------------------------------------------


def _status(app: ReviewApp) -> str:
    return str(app.query_one("#status", Static).render())


def test_an_entry_with_its_recording_kept_is_offered_for_hearing_again(tmp_path: Path) -> None:
    from voicelog.errors import ModelError

    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_recording(path) as book:  # locked, as the Pi records
        book.append(recorded_at=datetime(2026, 3, 1, 9, 0), transcript=Transcript("typed"), incident=Incident(),
                    source="text")
        book.append(recorded_at=datetime(2026, 3, 2, 9, 0), transcript=Transcript("kept said hello"),
                    incident=Incident(), source="microphone", audio=b"fLaC not really", registry_applied=False)
    book, entries = _open(path)

    def no_model() -> Engine:
        raise ModelError("No Whisper model is installed; run `voicelog models install`.")

    async def drive() -> None:
        app = ReviewApp(book, entries, load_engine=no_model)
        async with app.run_test(size=(140, 60)) as pilot:
            hint = app.query_one("#rehear", Static)
            assert app.current is not None and app.current.seq == 2 and hint.display
            assert "Ctrl+T hears its recording again" in str(hint.render())
            assert "recorded while the diary was locked" in str(hint.render())
            await pilot.press("ctrl+t")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Not heard again: No Whisper model is installed" in _status(app)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.current is not None and app.current.seq == 1 and not hint.display  # typed: no recording
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert "this entry has no recording kept" in _status(app)

    with book:
        rows = book.head()[0]
        asyncio.run(drive())
        assert book.head()[0] == rows  # nothing stored


@pytest.mark.slow
def test_ctrl_t_hears_a_locked_recording_again_with_the_registry(tmp_path: Path, whisper_engine: Engine) -> None:
    from listen_fixtures import scene

    from voicelog.app.dictate import dictate, file_input
    from voicelog.settings import DictateSettings, EngineSettings

    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_reading(path, TEST_PASSPHRASE) as book:
        book.add_person("Keeley Marsh", [])
    said = scene(["On Tuesday at about nine in the evening Keeley told me he had been asking about me at the bus "
                  "station."], tmp_path / "said.wav")  # as tests/test_app_rehear.py: tiny.en hears "Kelly" unprimed
    with opening.open_for_recording(path) as locked:
        dictate(file_input(said, recorded_at=datetime(2026, 4, 9, 10, 30)),
                DictateSettings(engine=EngineSettings(engine="whisper"), silence=1.0), locked,
                load_engine=lambda: whisper_engine)
    book, entries = _open(path)
    assert "Keeley" not in entries[0].transcript.text  # heard locked, without the name

    async def drive() -> None:
        app = ReviewApp(book, entries, load_engine=lambda: whisper_engine)
        async with app.run_test(size=(160, 60)) as pilot:
            assert app.query_one("#rehear", Static).display
            await pilot.press("ctrl+t")
            await app.workers.wait_for_complete()
            await pilot.pause()
            said_now = _status(app)
            assert "heard again, added as an amendment" in said_now
            assert any("Keeley" in part for part in said_now.split("{+")[1:]), said_now  # an added word
            assert "Keeley" in str(app.query_one("#transcript", Static).render())
            assert not app.query_one("#rehear", Static).display  # heard again: no longer offered

    with book:
        asyncio.run(drive())
        entry = book.get(1)
        assert "Keeley" in entry.transcript.text and entry.first_transcript is not None
        assert "Keeley Marsh" in [p.name for p in entry.incident.people]
        assert book.verify().ok


# -- editing that does not lose work (issue 13, item 8) ------------------------------------------------------

FIELD_IDS = ["#f-date", "#f-time", "#f-place", "#f-people", "#f-categories", "#f-impact", "#f-evidence", "#f-police",
             "#f-address", "#f-vehicle", "#f-contact", "#f-reported"]


def _screen_text(app: ReviewApp) -> str:
    """The text on screen, as a person sees it (the screenshot's runs of text joined, its spaces &#160;)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def _on_screen(app: ReviewApp, selector: str) -> bool:
    """Whether the widget is drawn where a person looks: the topmost widget at its first cell."""
    widget = app.query_one(selector)
    region = widget.region
    if not region.width or not region.height:
        return False
    x, y = region.x + min(2, region.width - 1), region.y
    return app.screen.size.contains(x, y) and app.screen.get_widget_at(x, y)[0] is widget


def test_at_80x24_every_field_and_the_keys_are_on_screen_and_tab_goes_to_the_first_field(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert all(_on_screen(app, selector) for selector in FIELD_IDS)
            assert _on_screen(app, "#transcript-box") and _on_screen(app, "#hints")
            shown = _screen_text(app)
            assert "car park" in shown  # what the test of leaving looks for
            assert "Ctrl+R confirm" in shown and "Esc leave, screen cleared" in shown  # both lines whole
            hints = str(app.query_one("#hints", Static).render())
            for key in ("Ctrl+L clear field", "Ctrl+S save", "Esc leave", "Tab next field", "Ctrl+N/P next"):
                assert key in hints
            assert app.focused is app.query_one("#entries")
            for selector in FIELD_IDS:  # the list, then each field in the order shown
                await pilot.press("tab")
                assert app.focused is app.query_one(selector, Input) and _on_screen(app, selector)
            await pilot.press("tab")
            assert app.focused is app.query_one("#transcript-box")  # the account last, to scroll it
            assert app.query_one("#l-time", Static).has_class("check") is False
            await pilot.press(*["shift+tab"] * (len(FIELD_IDS) - FIELD_IDS.index("#f-place")))
            assert app.focused is app.query_one("#f-place", Input)
            assert "from the lid all car park" in str(app.query_one("#said", Static).render())

    with book:
        asyncio.run(drive())


def test_moving_on_with_an_unsaved_correction_asks_first(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(80, 24)) as pilot:
            await _retype(pilot, "#f-place", "the Lidl car park")
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, Unsaved) and "not saved" in str(app.screen.query_one(Static).render())
            await pilot.press("enter")  # back to editing: nothing lost
            await pilot.pause()
            assert app.current is not None and app.current.seq == 2
            assert app.query_one("#f-place", Input).value == "the Lidl car park"
            app.query_one("#entries").focus()
            await pilot.press("down")  # the list's own keys ask too
            await pilot.pause()
            assert isinstance(app.screen, Unsaved)
            await pilot.press("b")
            await pilot.pause()
            assert app.current.seq == 2 and app.query_one("#entries").index == 0  # highlight put back
            await pilot.press("ctrl+n", "d")  # discard, then on
            await pilot.pause()
            assert app.current is not None and app.current.seq == 1 and not app.unsaved()
            await _retype(pilot, "#f-impact", "scared to go out")
            await pilot.press("ctrl+p", "ctrl+s")  # save, then on
            await pilot.pause()
            assert app.current.seq == 2 and not isinstance(app.screen, Unsaved)

    with book:
        asyncio.run(drive())
        assert book.get(2).amendments == ()  # discarded
        assert [a.changes for a in book.get(1).amendments] == [{"impact": ["scared to go out"]}]


@pytest.mark.parametrize("key", ["escape", "ctrl+c", "ctrl+q"])
def test_leaving_with_an_unsaved_correction_covers_the_screen_and_asks(diary: Path, key: str) -> None:
    book, entries = _open(diary)
    terminal = io.StringIO()
    seen: list[bool] = []

    async def drive(pilot) -> None:
        app = pilot.app
        await _retype(pilot, "#f-place", "the Lidl car park")
        await pilot.press(key)
        await pilot.pause()
        seen.append(isinstance(app.screen, Unsaved))
        seen.append("car park" not in _screen_text(app))  # nothing of the entry left showing
        await pilot.press(key)  # again: leave without saving

    with book:
        app = ReviewApp(book, entries, terminal=terminal)
        assert app.run(headless=True, size=(80, 24), auto_pilot=drive) == "quick-exit"
        assert seen == [True, True]
        assert terminal.getvalue().endswith("\x1b[2J\x1b[3J\x1b[H")
        assert book.get(2).amendments == ()


def test_leaving_can_save_the_correction_first_and_ctrl_l_clears_a_field(diary: Path) -> None:
    book, entries = _open(diary)

    async def drive(pilot) -> None:
        pilot.app.query_one("#f-time", Input).focus()
        await pilot.press("ctrl+l", "escape", "ctrl+s")

    with book:
        app = ReviewApp(book, entries, terminal=io.StringIO())
        assert app.run(headless=True, size=(80, 24), auto_pilot=drive) == "quick-exit"
        assert [a.changes for a in book.get(2).amendments] == [{"time": None}]  # cleared: "not said"
        assert book.verify().ok


def test_the_police_log_fields_are_shown_with_their_words_and_corrected_at_80x24(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    said = "a silver ford focus reg lima kilo one nine alpha bravo charlie stopped at fourteen kings road"
    with opening.open_for_recording(path) as book:
        book.append(recorded_at=datetime(2026, 3, 3, 21, 0), transcript=Transcript(said),
                    incident=Incident(date="2026-03-03", vehicle=("silver Ford Focus, registration LK19 ABC",),
                                      address=("14 Kings Road",), sources={"vehicle": said[2:62]}), source="text")
    book, entries = _open(path)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.query_one("#f-vehicle", Input).value == "silver Ford Focus, registration LK19 ABC"
            assert app.query_one("#f-address", Input).value == "14 Kings Road"
            assert all(_on_screen(app, f"#f-{key}") for key in ("address", "vehicle", "contact", "reported"))
            app.query_one("#f-vehicle", Input).focus()
            await pilot.pause()
            assert "lima kilo one nine" in str(app.query_one("#said", Static).render())  # where it was heard
            await _retype(pilot, "#f-vehicle", "silver Ford Focus, registration LK19 ABD")
            await _retype(pilot, "#f-reported", "police (101)")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Saved as an amendment" in str(app.query_one("#status", Static).render())

    with book:
        asyncio.run(drive())
        entry = book.get(1)
        assert entry.incident.vehicle == ("silver Ford Focus, registration LK19 ABD",)
        assert entry.incident.reported == ("police (101)",) and entry.incident.address == ("14 Kings Road",)
        assert entry.original is not None and entry.original.vehicle == ("silver Ford Focus, registration LK19 ABC",)
        assert [a.changes for a in entry.amendments] == [
            {"vehicle": ["silver Ford Focus, registration LK19 ABD"], "reported": ["police (101)"]}]
        assert book.verify().ok


# -- attachments and voided entries -------------------------------------------------------------------------------


def test_an_entrys_files_are_listed_and_a_voided_entry_shows_only_its_void(diary: Path, tmp_path: Path) -> None:
    from image_fixtures import write_images
    from textual.widgets import Label, ListItem

    from voicelog.app.attach import attach_files
    from voicelog.app.void import void

    photo, shot = write_images(tmp_path / "gallery")
    with opening.open_for_recording(diary) as book:
        attach_files(book, 2, [photo, shot])
        attach_files(book, 1, [photo])
    with opening.open_for_reading(diary, passphrase=TEST_PASSPHRASE) as book:
        void(book, 1, "recorded by mistake")
    book, entries = _open(diary)

    async def drive() -> None:
        app = ReviewApp(book, entries)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert app.current is not None and app.current.seq == 2
            files = str(app.query_one("#attached", Static).render())
            assert f"car.jpg (image/jpeg, {photo.stat().st_size / 1024:.0f} KB, exhibit 1)" in files
            assert "message.png (image/png" in files and "exhibit 2" in files
            assert _on_screen(app, "#attached") and "Attached: car.jpg" in _screen_text(app)
            label = str(list(app.query(ListItem))[1].query_one(Label).render())
            assert "voided" in label and "2026-03-01" not in label  # the list shows no content of it either
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.current is None
            assert "Entry 1 · voided" in str(app.query_one("#heading", Static).render())
            shown = _screen_text(app)
            assert "recorded by mistake" in shown and "Entry 1 voided on " in shown
            assert "mark sent me texts" not in shown and "Colin Mowbray" not in shown
            assert not app.query_one("#f-place", Input).display and not app.query_one("#attached").display
            await pilot.press("ctrl+r")  # cannot be confirmed
            await pilot.pause()
            assert "was voided, so it cannot be confirmed or corrected" in _status(app)
            await pilot.press("ctrl+p")  # back: the fields and the files again
            await pilot.pause()
            assert app.current is not None and app.query_one("#attached").display

    with book:
        rows = book.head()[0]
        asyncio.run(drive())
        assert book.head()[0] == rows  # nothing was written
