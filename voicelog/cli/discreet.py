"""``--discreet``: what a reading command prints is shown full screen, then the screen and scrollback are cleared.

Someone who picks up the device after ``voicelog list`` should not find the
diary on screen, nor by scrolling back. With ``--discreet`` (or ``discreet =
true`` in the config file, or ``VOICELOG_DISCREET=1``), a command's standard
output is held in memory while it runs and then shown in :mod:`voicelog.cli.pager`;
leaving it (Escape, q, Ctrl+C) clears the screen and the scrollback as
``review``'s quick exit does.

Scripts are not broken: when standard output or standard input is not a
terminal (a pipe, a file, ``| jq``), nothing can be shown full screen and there
is nothing on screen to clear, so the output is written exactly as without
``--discreet``; an explicit ``--discreet`` says so in one line on stderr (when
stderr is a terminal), the config setting stays silent. ``--json`` on a
terminal is shown full screen like text: a person is reading it.
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar, overload

import click

F = TypeVar("F", bound=Callable[..., Any])

ENVIRONMENT = "VOICELOG_DISCREET"
"""The environment variable for the setting (1/true/yes or 0/false/no), between the flag and the config file."""

NOT_A_TERMINAL = ("--discreet: the output is not going to a terminal, so it is written as usual (nothing is shown "
                  "on screen, nothing to clear).")
"""Said on stderr when --discreet was asked for and the output is piped or redirected."""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def wanted(flag: bool | None) -> bool:
    """Whether to be discreet: the flag, else VOICELOG_DISCREET, else ``discreet`` in the config file."""
    if flag is not None:
        return flag
    value = os.environ.get(ENVIRONMENT)
    if value is not None and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    from voicelog.config import load_config

    return load_config().discreet


def can_show(stdout: TextIO | None = None, stdin: TextIO | None = None) -> bool:
    """Whether a full-screen view can be shown: standard output and input are both a terminal."""
    out = stdout or sys.stdout
    keys = stdin or sys.stdin
    return bool(out.isatty() and keys.isatty())


class _TerminalBuffer(io.StringIO):
    """Memory that says it is a terminal, so rich and click keep the colours they would have used on screen."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """Text is held as str; UTF-8 is what is said when asked."""
        return "utf-8"

    def isatty(self) -> bool:
        """Standing in for the terminal it replaces (only ever used when stdout is one)."""
        return True


_MOVES = re.compile(r"\r|\x1b\[[0-9;?]*[A-HJKSTfhlsu]")
"""Carriage returns and cursor or screen controls: a line drawn in place (a progress bar), not a message."""


class _Tee(io.TextIOBase):
    """Standard error written through as usual, whole lines also kept to show above the text.

    A write that does not end a line (a prompt such as ``Passphrase:``) or that moves the cursor (a progress
    bar drawn in place) goes to the terminal only.
    """

    def __init__(self, real: TextIO) -> None:
        self.real = real
        self.kept: list[str] = []

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The real stream's encoding."""
        return getattr(self.real, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        """Write ``text`` through; keep it when it ends a line."""
        if text.endswith("\n") and not _MOVES.search(text):
            self.kept.append(text)
        return self.real.write(text)

    def flush(self) -> None:
        """Flush the real stream."""
        self.real.flush()

    def isatty(self) -> bool:
        """As the real stream."""
        return self.real.isatty()

    def fileno(self) -> int:
        """The real stream's descriptor (for code that asks the terminal's size)."""
        return self.real.fileno()


@dataclass
class Held:
    """What a command printed while it ran, held in memory."""

    stdout: _TerminalBuffer = field(default_factory=_TerminalBuffer)
    """Its standard output."""
    talk: list[str] = field(default_factory=list)
    """Whole lines it wrote on standard error (also shown on the terminal as they came)."""

    @property
    def text(self) -> str:
        """The output so far."""
        return self.stdout.getvalue()


@contextmanager
def holding(held: Held) -> Iterator[Held]:
    """Hold standard output in ``held`` (and a copy of standard error's lines) for the ``with`` block."""
    tee = _Tee(sys.stderr)
    with redirect_stdout(held.stdout), redirect_stderr(tee):
        try:
            yield held
        finally:
            held.talk = tee.kept


def run_discreetly(command: Callable[[], None], *, clear_after: bool = False,
                   show: Callable[..., None] | None = None) -> None:
    """Run ``command`` with its output held, then show it full screen (and clear the terminal after).

    What was printed is shown even when the command ends in an error (its message stays on screen when
    nothing was printed). ``clear_after``: clear the screen and scrollback even when nothing was printed, if
    the command succeeded (``write``, whose typed words are on screen). ``show`` stands in for the
    full-screen view (tests).
    """
    if show is None:
        from voicelog.cli.pager import show_discreetly

        show = show_discreetly
    held = Held()
    done = False
    try:
        with holding(held):
            command()
        done = True
    finally:
        if held.text.strip():  # input() writes its own " " prompt to stdout: not output
            try:
                show(held.text, talk="".join(held.talk))
            except Exception as exc:  # never the held words on screen instead: say how to see them
                click.echo(f"Error: the full-screen view of --discreet could not start ({type(exc).__name__}); "
                           "nothing was shown. Run the command again with --no-discreet.", err=True)
                sys.exit(1)
        elif clear_after and done:
            from voicelog.cli.clearing import clear_terminal

            clear_terminal()


@overload
def discreet_option(func: F) -> F: ...


@overload
def discreet_option(*, clear_after: bool = False) -> Callable[[F], F]: ...


def discreet_option(func: F | None = None, *, clear_after: bool = False) -> F | Callable[[F], F]:
    """``--discreet/--no-discreet`` on a command that prints diary content (see the module's docstring).

    ``clear_after``: the command reads typed words from the terminal, which are cleared even when it prints
    nothing.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, discreet: bool | None = None, **kwargs: Any) -> Any:
            from voicelog.cli.options import handle_errors

            if not handle_errors(wanted)(discreet):  # a broken setting is one sentence, as in any command
                return command(*args, **kwargs)
            if not can_show():
                if discreet and sys.stderr.isatty():
                    click.echo(NOT_A_TERMINAL, err=True)
                return command(*args, **kwargs)
            run_discreetly(lambda: command(*args, **kwargs), clear_after=clear_after)
            return None

        return click.option(
            "--discreet/--no-discreet", default=None,
            help="Show the output full screen, then clear the screen and scrollback when you leave (Escape); "
                 "default: discreet in the config file. Piped output is written as usual.")(wrapper)  # type: ignore[return-value]

    return decorate(func) if func is not None else decorate
