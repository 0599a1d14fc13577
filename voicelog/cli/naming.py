"""Help texts and the program's name in the name the person chose (:mod:`voicelog.display_name`).

Every command's help is written through :class:`NeutralFormatter`, so with
``display_name = "notes"`` the help says ``notes list`` and "Keep a diary",
never "voicelog" or "stalking"; the help's wording itself stays in the
commands' docstrings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from voicelog.display_name import display_name, neutral

if TYPE_CHECKING:  # without importing rich at startup
    from rich.console import Console


class NeutralFormatter(click.HelpFormatter):
    """click's help formatter, its text passed through :func:`voicelog.display_name.neutral` at the end."""

    def getvalue(self) -> str:
        """The help as written, in the chosen name's words."""
        return neutral(super().getvalue())


class NeutralContext(click.Context):
    """A click context whose help is written by :class:`NeutralFormatter`."""

    formatter_class = NeutralFormatter


def use_display_name(commands: Iterable[click.Command]) -> None:
    """Give ``commands`` (and every subcommand of a group) the neutral help formatter."""
    for command in commands:
        command.context_class = NeutralContext
        if isinstance(command, click.Group):
            use_display_name(command.commands.values())


def talk_console() -> Console:
    """The console for talk (stderr): what it prints says the chosen name (``notes show 3 --history``).

    Only talk goes through it: data on stdout (an account's own words) is never reworded.
    """
    from rich.console import Console

    name = display_name()
    if name == "voicelog":
        return Console(stderr=True, highlight=False, soft_wrap=True)

    class NeutralConsole(Console):
        def print(self, *objects: Any, **kwargs: Any) -> None:
            super().print(*(neutral(o, name) if isinstance(o, str) else o for o in objects), **kwargs)

    return NeutralConsole(stderr=True, highlight=False, soft_wrap=True)


def program_name() -> str:
    """The name usage lines and prompts give the program: the chosen one, else ``voicelog``."""
    return display_name()
