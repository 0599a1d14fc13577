"""Clearing the terminal after a screen that showed an account."""

from __future__ import annotations

import io
import os
import pty

from voicelog.cli.clearing import CLEAR, ClearingApp, clear_terminal


def test_the_screen_and_scrollback_are_erased_on_the_stream_given() -> None:
    stream = io.StringIO()
    clear_terminal(stream)
    assert stream.getvalue() == CLEAR == "\x1b[2J\x1b[3J\x1b[H"  # screen, scrollback, cursor home


def test_a_real_terminal_receives_the_clearing() -> None:
    leader, follower = pty.openpty()
    try:
        with os.fdopen(os.dup(follower), "w") as terminal:
            clear_terminal(terminal)
        assert os.read(leader, 100) == CLEAR.encode()
    finally:
        os.close(leader)
        os.close(follower)


def test_an_app_that_cannot_start_still_clears() -> None:
    class Broken(ClearingApp):
        def compose(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("cannot draw")
            yield

    stream = io.StringIO()
    app = Broken()
    app.terminal = stream
    try:
        app.run(headless=True)
    except RuntimeError:
        pass
    assert stream.getvalue().endswith(CLEAR)
