"""The full-screen view of ``--discreet``: what a command printed, shown until Escape, then wiped.

A small Textual app (the one ``review`` is built on): the text scrolls with the
arrow keys, Page Up/Down, Home and End; Escape, q or Ctrl+C leave. It draws on
the terminal's alternate screen, so the text never enters the scrollback, and on
leaving the screen and the scrollback are cleared the way ``review``'s quick exit
clears them (:func:`voicelog.cli.clearing.clear_terminal`).
"""

from __future__ import annotations

from typing import ClassVar, TextIO

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from voicelog.cli.clearing import ClearingApp
from voicelog.display_name import neutral

KEYS = "Esc or q: leave (the screen and scrollback are cleared) · ↑ ↓ PgUp PgDn: scroll"
"""The keys, always on screen above the text."""


class DiscreetView(ClearingApp):
    """``text`` (with the terminal's colours, as captured) under a line of keys; ``talk`` (status and warnings
    the command gave) above it, so a tamper warning is read before it is cleared away."""

    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #keys { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    #talk { padding: 0 1; color: $warning; }
    #text { padding: 0 1; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "leave", "Leave", priority=True),
        Binding("q", "leave", "Leave", show=False),
        Binding("ctrl+c", "leave", "Leave", show=False, priority=True),
        Binding("ctrl+q", "leave", "Leave", show=False, priority=True),
    ]

    def __init__(self, text: str, *, talk: str = "", terminal: TextIO | None = None) -> None:
        super().__init__()
        self.text = text
        """What the command printed on standard output (ANSI colours kept)."""
        self.talk = talk
        """What it said on standard error while it ran (shown above the text)."""
        self.terminal = terminal
        """Where the clearing sequences go (tests); every terminal the app drew on when None."""
        self.title = neutral("voicelog")

    def compose(self) -> ComposeResult:
        """The keys, then the talk (if any) and the text, scrolling together."""
        yield Static(f"{self.title} · {KEYS}", id="keys", markup=False)
        with VerticalScroll(id="scroll"):
            if self.talk.strip():
                yield Static(Text.from_ansi(self.talk.rstrip("\n")), id="talk")
            yield Static(Text.from_ansi(self.text.rstrip("\n")), id="text")

    def on_mount(self) -> None:
        """The text scrolls from the keyboard at once."""
        self.query_one("#scroll", VerticalScroll).focus()

    def action_leave(self) -> None:
        """Leave at once; the screen and scrollback are cleared when the app has closed."""
        self.exit("left")


def show_discreetly(text: str, *, talk: str = "") -> None:
    """Show ``text`` full screen until the person leaves, then clear the screen and the scrollback."""
    DiscreetView(text, talk=talk).run()
