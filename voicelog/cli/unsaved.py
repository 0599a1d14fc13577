"""The review app's question before a correction that is not saved would be dropped: save, discard, or back.

Asked when the person moves to another entry or leaves :mod:`voicelog.cli.review_app`
with a field edited; on the way out it covers the whole screen at once, so nothing
of the diary stays showing while they decide.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class Unsaved(ModalScreen[str]):
    """What to do with a correction that is not saved: ``save``, ``discard`` or ``back`` (to editing).

    It covers the whole screen, so when it is asked on the way out nothing of the
    diary is left showing while the person decides.
    """

    DEFAULT_CSS = """
    Unsaved { align: center middle; background: $background; }
    Unsaved > Static { width: 64; height: auto; padding: 1 2; border: round $warning; }
    """
    BINDINGS: ClassVar = [
        Binding("d", "answer('discard')", "Discard"),
        Binding("enter,b", "answer('back')", "Back to editing"),
    ]

    def __init__(self, seq: int, *, leaving: bool) -> None:
        super().__init__()
        self.seq = seq
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        then = "leave" if self.leaving else "go on"
        yield Static(f"[b]Entry {self.seq} has a correction that is not saved.[/b]\n\n"
                     f"  [b]Ctrl+S[/b]  save it as an amendment, then {then}\n"
                     f"  [b]D[/b]       discard it and {then}\n"
                     "  [b]Enter[/b]   go back to editing\n"
                     + ("  [b]Esc[/b]     leave now without saving" if self.leaving else
                        "  [b]Esc[/b]     leave the review without saving"), id="question")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
