"""What every command shares: option bundles, the passphrase, opening the diary, and turning errors into sentences."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from voicelog.errors import UsageError, VoicelogError

if TYPE_CHECKING:  # without importing rich or the store at startup
    from rich.console import Console

    from voicelog.store.diary import Diary

F = TypeVar("F", bound=Callable[..., Any])  # a click command function, whatever its options
P = ParamSpec("P")
R = TypeVar("R")

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Context settings for every command: ``-h`` as well as ``--help``."""


def stderr() -> Console:
    """The console for talk: status, progress, warnings (in the chosen name's words, :mod:`.naming`)."""
    from voicelog.cli.naming import talk_console

    return talk_console()


def stdout() -> Console:
    """The console for data the person asked for."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn voicelog's expected failures into one sentence on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except VoicelogError as exc:
            from voicelog.display_name import neutral

            click.echo(neutral(f"Error: {exc}"), err=True)  # in the chosen name's words (`notes show 3`)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            # A traceback can carry words of an account (in exception messages), so it is shown
            # only when asked for; the diary itself is untouched by design (one transaction a write).
            if logging.getLogger("voicelog").isEnabledFor(logging.DEBUG):
                raise
            click.echo(
                f"Error: voicelog hit an unexpected problem ({type(exc).__name__}); the diary was not changed. "
                "Run again with --debug to see the details (they may include words of your account).",
                err=True,
            )
            sys.exit(1)

    return wrapper


def json_option(func: F) -> F:
    """``--json``: the same machine-readable switch on every command that prints data."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout instead of text.")(func)


def filter_options(func: F) -> F:
    """``--person``, ``--since``, ``--until``, ``--category``: the same entry filters on list, search and report."""
    func = click.option("--category", "categories", multiple=True, metavar="CAT",
                        help="Only incidents showing this behaviour (repeatable), e.g. following.")(func)
    func = click.option("--until", metavar="DATE", help="Only incidents on or before this day (2026-03-31).")(func)
    func = click.option("--since", metavar="DATE", help="Only incidents on or after this day (2026-01-01).")(func)
    return click.option("--person", "persons", multiple=True, metavar="NAME",
                        help="Only incidents naming this person, by name or alias (repeatable).")(func)


def diary_option(func: F) -> F:
    """``--diary PATH``: which diary file to use."""
    return click.option(
        "--diary",
        "diary_file",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="VOICELOG_DIARY",
        help="Diary file to use (default: in your data folder; env VOICELOG_DIARY).",
    )(func)


def engine_options(func: F) -> F:
    """``--engine`` and ``--model``: which recogniser to use; the choices come from the engines' table."""
    from voicelog.engines.registry import ENGINE_CHOICES

    func = click.option(
        "--model",
        "model",
        metavar="DIR|NAME",
        help="Model folder, or an installed model's name (base.en; `voicelog models list`); else VOICELOG_MODEL, "
        "config, ./models, the data folder, Vosk's cache.",
    )(func)
    return click.option(
        "--engine",
        type=click.Choice(list(ENGINE_CHOICES)),
        default=None,
        help="Recogniser: vosk (default when a Vosk model is installed), whisper, or auto (env VOICELOG_ENGINE).",
    )(func)


def passphrase_option(func: F) -> F:
    """``--passphrase-file``: read the passphrase from a file (for scripts); else VOICELOG_PASSPHRASE, else asked."""
    return click.option(
        "--passphrase-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Read the diary passphrase from this file (else VOICELOG_PASSPHRASE, else you are asked).",
    )(func)


def given_passphrase(passphrase_file: Path | None) -> str | None:
    """A passphrase supplied without asking: the file's first line, or VOICELOG_PASSPHRASE."""
    if passphrase_file is not None:
        lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    return os.environ.get("VOICELOG_PASSPHRASE") or None


def ask_passphrase(passphrase_file: Path | None, *, confirm: bool = False, label: str = "Passphrase") -> str | None:
    """The passphrase from the flag or environment, else typed (no echo) when there is a terminal."""
    given = given_passphrase(passphrase_file)
    if given is not None or not has_terminal():
        return given
    answer: str = click.prompt(label, hide_input=True, confirmation_prompt=confirm, err=True)
    return answer


def has_terminal() -> bool:
    """Whether a person can be asked (stdin is a terminal); tests stand in a terminal here."""
    return sys.stdin.isatty()


def new_passphrase() -> str:
    """A new passphrase, typed twice, asked again (with the reason) until the policy accepts it.

    The policy is the library's (:func:`voicelog.store.passphrase.check_new_passphrase`), the
    same one a passphrase from a file or the environment must pass.
    """
    from voicelog.store.passphrase import check_new_passphrase

    while True:
        chosen: str = click.prompt("New passphrase", hide_input=True, confirmation_prompt="Repeat it", err=True)
        try:
            check_new_passphrase(chosen)
        except UsageError as refused:
            stderr().print(str(refused), markup=False)
            continue
        return chosen


def diary_path(diary_file: Path | None) -> Path:
    """The diary the command works on: ``--diary``, else VOICELOG_DIARY, else the default."""
    from voicelog.paths import diary_path as resolve

    return resolve(diary_file)


def open_to_read(diary_file: Path | None, passphrase_file: Path | None) -> Diary:
    """Open the diary to read, asking for the passphrase (once) only if it is sealed."""
    from voicelog.app.reading import open_to_read as open_

    opened = open_(diary_path(diary_file), lambda: ask_passphrase(passphrase_file))
    done = opened.registry_applied
    if done:
        stderr().print(f"Matched your people list to {len(done)} entr{'y' if len(done) == 1 else 'ies'} "
                       "recorded while the diary was locked.")
    warn_opened(opened.diary, check=True)
    return opened.diary


def warn_opened(diary: Diary, *, check: bool) -> None:
    """Tell the person, loudly, what opening found: a replaced key file, a changed mode, a failed check."""
    console = stderr()
    for warning in diary.warnings:
        console.print(f"[bold red]Warning:[/bold red] {escape(warning)}")
    if not check:
        return
    result = diary.verify()
    if not result.ok:
        console.print("[bold red]WARNING: this diary failed its tamper check.[/bold red] What is shown below may "
                      "not be what was written. `voicelog verify` says more.")
        for sentence in result.sentences():
            console.print(f"  {escape(sentence)}")


def warn_damaged(diary: Diary) -> None:
    """Name every entry the last read had to leave out; the rest was read."""
    left_out = diary.left_out()
    if not left_out:
        return
    console = stderr()
    console.print(f"[bold red]Warning:[/bold red] {plural(len(left_out), 'row', 'rows')} could not be read "
                  "and are left out; every other entry is shown. `voicelog salvage` copies the readable ones out.")
    for why in left_out:
        console.print(f"  {escape(why)}")


def show_code(code: str) -> None:
    """Show the verification code once, with what it is for."""
    stderr().print(
        f"\n[bold]Verification code:[/bold] {code}\n"
        "Write it down and keep it away from this device (or give it to someone you trust). With it, "
        "`voicelog verify --code` proves later that no entry written before the device left your hands "
        "was changed, forged or removed, even by someone who had the device. It is shown only now.\n")


def escape(text: str) -> str:
    """``text`` safe to print through rich: markup brackets escaped."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def first_diary(path: Path, passphrase_file: Path | None) -> None:
    """No diary yet: set one up, asking for a passphrase when there is a terminal."""
    from voicelog.store.opening import init_diary

    given = given_passphrase(passphrase_file)
    if given is None and not has_terminal():
        raise UsageError(f"There is no diary at {path} yet; run `voicelog init` to set one up.")
    if given is None:
        stderr().print(
            "[bold]Setting up your diary.[/bold] Entries are sealed: recording needs no passphrase, "
            "reading needs it. Choose one you will remember; it cannot be recovered."
        )
        given = new_passphrase()
    code = init_diary(path, passphrase=given)
    stderr().print(f"Diary created at {path} (sealed).")
    show_code(code)


def open_to_record(diary_file: Path | None, passphrase_file: Path | None) -> Diary:
    """Open the diary to append (creating it on first use); unlocked only if a passphrase was given."""
    from voicelog.store.opening import open_for_recording

    path = diary_path(diary_file)
    if not path.exists():
        first_diary(path, passphrase_file)
    diary = open_for_recording(path, passphrase=given_passphrase(passphrase_file))
    warn_opened(diary, check=False)
    return diary


def parse_when(value: str | None, flag: str) -> datetime | None:
    """An ISO date and time from ``flag``, as local wall-clock time."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r} is not an ISO date and time; write it like 2026-03-30T21:47.") from exc
    if parsed.tzinfo is not None:  # the diary keeps local wall-clock time
        parsed = parsed.astimezone().replace(tzinfo=None)
    return parsed


def plural(n: int, one: str, many: str) -> str:
    """``"1 entry"``, ``"3 entries"``."""
    return f"{n} {one if n == 1 else many}"
