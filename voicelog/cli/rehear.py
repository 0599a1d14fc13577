"""`voicelog rehear [N ... | --all]`: kept recordings heard again with your own names and places."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    engine_options,
    handle_errors,
    json_option,
    open_to_read,
    passphrase_option,
    stderr,
    stdout,
)
from voicelog.cli.render import echo_json

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from voicelog.app.rehear import DiffPart, Reheard


def diff_markup(parts: tuple[DiffPart, ...]) -> str:
    """The word diff as rich markup: removed words struck through in red as [-...-], added in green as {+...+}."""
    out = []
    for p in parts:
        text = escape(p.text)
        if p.kind == "removed":
            out.append(f"[red strike]\\[-{text}-][/red strike]")
        elif p.kind == "added":
            out.append(f"[green]{{+{text}+}}[/green]")
        else:
            out.append(text)
    return " ".join(out)


@click.command(context_settings=CONTEXT)
@discreet_option
@click.argument("numbers", type=int, nargs=-1, metavar="[N]...")
@click.option("--all", "every", is_flag=True, help="Every entry whose recording is kept, not only those recorded "
              "while the diary was locked.")
@click.option("--plain", is_flag=True, help="Hear without your people's names and places (to compare).")
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def rehear(numbers: tuple[int, ...], every: bool, plain: bool, engine: str | None, model: str | None,
           diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Hear kept recordings again, expecting the names and places you use.

    While the diary is locked (recording needs no passphrase), voicelog cannot
    read your people list, so a name it rarely hears ("Tadhg", "Keeley") may be
    written as another word. Unlocked, it hears the recording again expecting
    the names and aliases of your people list and the places you confirmed, and,
    with --model, with a stronger model you installed. Where the words come out
    differently, the new transcript is added as an amendment and the fields are
    worked out again from it: the first transcript is kept, and your own
    corrections still win. What changed is shown word by word ([-old-] {+new+}).

    Without N, the entries recorded while the diary was locked and not heard
    again yet; with N, those entries; with --all, every entry with a recording.

    \b
    Examples:
      voicelog rehear                        what was recorded while locked
      voicelog rehear 12                     entry 12
      voicelog rehear --all --model small.en      after `voicelog models install small.en`
    """
    from voicelog.app.rehear import chosen_entries
    from voicelog.app.rehear import rehear as rehear_
    from voicelog.config import load_config
    from voicelog.engines.registry import load_engine
    from voicelog.settings import dictate_settings

    if numbers and every:
        raise click.UsageError("Give entry numbers or --all, not both.")
    settings = dictate_settings(load_config(), engine=engine, model=model)
    talk = stderr()
    out: list[Reheard] = []
    with open_to_read(diary_file, passphrase_file) as diary:
        entries = chosen_entries(diary, numbers, every=every)
        if not entries:
            talk.print("Nothing to hear again: every entry recorded while the diary was locked has been "
                       "(`voicelog rehear --all` hears every recording again).")
            if as_json:
                echo_json([], indent=None)
            return
        recogniser = load_engine(settings.engine, load_config())
        with _Bar(talk, len(entries)) as bar:
            def done(r: Reheard) -> None:
                bar.advance()
                if not as_json:
                    bar.print(_said(r))

            out = rehear_(diary, recogniser, entries, prime=not plain, on_entry=done)
    if as_json:
        echo_json([r.to_dict() for r in out], indent=None)
    changed = sum(r.changed for r in out)
    talk.print(f"Heard {len(out)} recording{'s' if len(out) != 1 else ''} again; {changed} "
               f"transcript{'s' if changed != 1 else ''} changed and added as amendments.")


def _said(r: Reheard) -> str:
    if not r.changed:
        return f"Entry {r.seq}: heard the same; nothing added."
    return f"Entry {r.seq}: amended:\n  {diff_markup(r.diff)}"


class _Bar:
    """A progress bar on stderr for more than one recording, on a terminal; lines print above it."""

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.total = total
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._out = stdout()

    def __enter__(self) -> _Bar:
        if self.console.is_terminal and self.total > 1:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("Hearing again"), BarColumn(), MofNCompleteColumn(),
                                 console=self.console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("rehear", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def print(self, markup: str) -> None:
        """What the person asked to see goes to stdout (rich's bar lifts it above itself on a terminal)."""
        self._out.print(markup)
