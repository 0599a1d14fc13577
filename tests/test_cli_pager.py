"""The full-screen view of --discreet, driven by Textual's pilot: the text shown, scrolled, left, wiped."""

from __future__ import annotations

import io

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from voicelog.cli.pager import KEYS, DiscreetView
from voicelog.config import save_setting

CLEAR = "\x1b[2J\x1b[3J\x1b[H"
TEXT = "".join(f"{n:>3}  2026-03-{n % 28 + 1:02d}  Quillfeather waited by the gate\n" for n in range(1, 121))


def _shown(app: DiscreetView, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


@pytest.mark.parametrize("key", ["escape", "q", "ctrl+c"])
def test_the_text_is_shown_with_the_keys_and_any_key_to_leave_clears_screen_and_scrollback(key: str) -> None:
    terminal = io.StringIO()
    seen: dict[str, str] = {}

    async def read_then_leave(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await pilot.pause()
        seen["keys"] = _shown(app, "#keys")
        seen["text"] = _shown(app, "#text")
        await pilot.press(key)

    app = DiscreetView(TEXT, terminal=terminal)
    assert app.run(headless=True, size=(80, 24), auto_pilot=read_then_leave) == "left"
    assert seen["keys"] == f"voicelog · {KEYS}"
    assert "120  2026-03-09  Quillfeather waited by the gate" in seen["text"]
    assert terminal.getvalue() == CLEAR  # screen, scrollback, cursor home: nothing left to scroll back to


def test_long_text_scrolls_from_the_keyboard_at_once() -> None:
    positions: list[float] = []

    async def scroll(pilot) -> None:  # type: ignore[no-untyped-def]
        box = pilot.app.query_one("#scroll", VerticalScroll)
        await pilot.pause()
        positions.append(box.scroll_y)
        await pilot.press("pagedown")
        await pilot.pause()
        positions.append(box.scroll_y)
        await pilot.press("end")
        await pilot.pause()
        positions.append(box.scroll_y)
        await pilot.press("escape")

    DiscreetView(TEXT, terminal=io.StringIO()).run(headless=True, size=(80, 24), auto_pilot=scroll)
    assert positions[0] == 0 and 0 < positions[1] < positions[2]


def test_what_the_command_said_is_shown_above_its_output_and_colours_are_kept() -> None:
    seen: dict[str, object] = {}

    async def look(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        seen["talk"] = _shown(pilot.app, "#talk")
        seen["styled"] = pilot.app.query_one("#text", Static).content
        await pilot.press("escape")

    talk = "WARNING: this diary failed its tamper check.\n"
    DiscreetView("\x1b[1mbold words\x1b[0m plain\n", talk=talk, terminal=io.StringIO()).run(
        headless=True, size=(80, 24), auto_pilot=look)
    assert seen["talk"] == talk.strip()
    styled = seen["styled"]
    assert str(styled) == "bold words plain"  # the escape sequences became styles, not visible text
    assert any("bold" in str(span.style) for span in styled.spans)  # type: ignore[attr-defined]


def test_the_title_is_the_neutral_name_when_one_is_chosen() -> None:
    save_setting("display_name", "notes")
    titles: list[str] = []

    async def look(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        titles.append(_shown(pilot.app, "#keys"))
        await pilot.press("escape")

    DiscreetView("x\n", terminal=io.StringIO()).run(headless=True, size=(80, 24), auto_pilot=look)
    assert titles == [f"notes · {KEYS}"]
