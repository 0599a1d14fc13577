"""Names, notes and reasons typed at a prompt instead of given as arguments.

A shell keeps every command line in a history file (``~/.bash_history``) in
plain text, so ``voicelog people add "Colin Mowbray" --alias "my ex"`` leaves
the name on the device, outside the sealed diary. Wherever a command takes a
name or a note, leaving it out (or giving ``-``) asks for it instead: what is
typed at the prompt is read into memory and never reaches the shell's history.
With no terminal, the answer is one line of standard input, so scripts can
pipe it in (``echo "Colin Mowbray" | voicelog people add -``).
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from voicelog.errors import UsageError

ASK = "-"
"""What stands for "ask me" where a name or a note goes."""


def wants_asking(value: str | None) -> bool:
    """Whether ``value`` was left out or given as ``-``."""
    return value is None or value == ASK


def ask(label: str, *, optional: bool = False) -> str:
    """What the person types after ``label`` (on stderr); asked again when empty unless ``optional``."""
    try:
        answer: str = click.prompt(label, default="" if optional else None, show_default=False, err=True)
    except click.Abort:  # end of input (or Ctrl-C) before an answer
        raise UsageError(f"Nothing was typed for {label.lower()!r}; give it at the prompt (or pipe it in on "
                         "standard input) and try again.") from None
    return answer.strip()


def asked(value: str | None, label: str, *, optional: bool = False) -> str:
    """``value`` as given, or, when it was left out or ``-``, asked for after ``label``."""
    if not wants_asking(value):
        return value or ""
    return ask(label, optional=optional)


def asked_each(values: Iterable[str], label: str) -> tuple[str, ...]:
    """``values`` with each ``-`` replaced by what is typed (several at once, separated by commas)."""
    out: list[str] = []
    for value in values:
        if value == ASK:
            out.extend(split(ask(label)))
        else:
            out.append(value)
    return tuple(out)


def words_of(typed: str) -> list[str]:
    """Words typed as a shell would split them (``"car park" blue`` is a phrase and a word), quotes unbalanced
    or not."""
    import shlex

    try:
        return shlex.split(typed)
    except ValueError:
        return typed.split()


def split(typed: str) -> list[str]:
    """``"my ex, colin"`` as ``["my ex", "colin"]``; empty parts dropped."""
    return [part.strip() for part in typed.split(",") if part.strip()]
