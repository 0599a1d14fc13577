"""voicelog.cli.unsaved: the question before an unsaved correction is dropped, answered with its keys in a real
Textual app driven by its pilot."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from voicelog.cli.unsaved import Unsaved


def _screen_text(app: App[None]) -> str:
    """The text on screen, as a person sees it (the screenshot's runs of text joined, its spaces &#160;)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


class _Asking(App[None]):
    """An app that asks the question at once and keeps the answer."""

    def __init__(self, *, leaving: bool) -> None:
        super().__init__()
        self.leaving = leaving
        self.answers: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("Entry 7: he followed me to the car park", id="account")

    def on_mount(self) -> None:
        self.push_screen(Unsaved(7, leaving=self.leaving), self.answers.append)


@pytest.mark.parametrize(("key", "answer"), [("d", "discard"), ("enter", "back"), ("b", "back")])
def test_each_key_gives_its_answer(key: str, answer: str) -> None:
    async def drive() -> list[str | None]:
        app = _Asking(leaving=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            question = str(app.screen.query_one("#question", Static).render())
            assert "Entry 7 has a correction that is not saved" in question and "then go on" in question
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, Unsaved)
        return app.answers

    assert asyncio.run(drive()) == [answer]


def test_on_the_way_out_it_covers_the_screen() -> None:
    async def drive() -> None:
        app = _Asking(leaving=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "then leave" in str(app.screen.query_one("#question", Static).render())
            assert "car park" not in _screen_text(app)  # the account is hidden while it asks
            await pilot.press("b")
            await pilot.pause()
            assert "car park" in _screen_text(app) and app.answers == ["back"]

    asyncio.run(drive())
