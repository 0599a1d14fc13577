"""What a screen that showed an account leaves behind: nothing. Clearing the terminal (screen and scrollback) and
the full-screen app that does so when it ends, however it ends (``review``, the ``--discreet`` view)."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from textual.app import App

CLEAR = "\x1b[2J\x1b[3J\x1b[H"
"""Erase the screen, erase the scrollback, cursor home: what quick exit leaves behind."""


class ClearingApp(App[str]):
    """A Textual app, keyboard only, that clears the terminal when it ends: quick exit, an error, a signal."""

    terminal: TextIO | None = None
    """Where to clear (a test's stream); None: every terminal the app may have drawn on."""

    def run(self, **kwargs: Any) -> str | None:
        """Run the app, then clear the terminal whatever happened."""
        kwargs.setdefault("mouse", False)  # keyboard only; no mouse reports over SSH
        try:
            return super().run(**kwargs)
        finally:
            clear_terminal(self.terminal)


def clear_terminal(stream: TextIO | None = None) -> None:
    """Erase the screen and the scrollback of every terminal the app may have drawn on."""
    targets: list[TextIO] = []
    if stream is not None:
        targets = [stream]
    else:  # stderr (where Textual draws) and stdout, once each if they are the same terminal
        import os

        seen: set[tuple[int, int, int]] = set()
        for terminal in (sys.__stderr__, sys.__stdout__):
            if terminal is not None and terminal.isatty():
                st = os.fstat(terminal.fileno())
                if (st.st_dev, st.st_ino, st.st_rdev) not in seen:
                    seen.add((st.st_dev, st.st_ino, st.st_rdev))
                    targets.append(terminal)
    for target in targets:
        try:
            target.write(CLEAR)
            target.flush()
        except (OSError, ValueError):
            pass
