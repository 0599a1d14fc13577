"""``voicelog write``: a typed account, for when speaking is not safe."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from voicelog.cli.attach import attach_options, tell_attached, unattached_if_not_stored
from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    handle_errors,
    has_terminal,
    json_option,
    open_to_record,
    parse_when,
    passphrase_option,
    stderr,
)
from voicelog.cli.render import echo_json, print_entry

HISTORY_WARNING = ("Warning: words given with --text are saved in your shell history in plain text; next time pipe "
                   "them in (wl-paste | voicelog write) or run `voicelog write` alone to type them at a prompt.")
"""Said (one line, on stderr) whenever --text is used."""

PROMPT = ("Type what happened; press Enter on an empty line to finish, or Ctrl-C to stop without storing anything. "
          "What you type is kept in memory only, then sealed into the diary.")
"""Said above the prompt."""


def read_at_prompt(*, hint: bool = True) -> str:
    """Lines typed at the terminal until an empty line (or Ctrl-D); held in memory only, never in a file.

    Reads standard input directly (not through an editor or readline), so no temporary file and no history
    file is ever written. ``hint`` says above the prompt how to finish.
    """
    if hint:
        stderr().print(PROMPT, markup=False)
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if not line.strip():  # an empty line ends the account; so does Ctrl-D (no line at all)
            return "".join(lines)
        lines.append(line)


@click.command(context_settings=CONTEXT)
@discreet_option(clear_after=True)
@click.option("--text", help="The account as an argument. Avoid it: a command line is kept in your shell history; "
                             "use the prompt or standard input instead (`--text -` is the prompt too).")
@click.option("--recorded-at", metavar="ISO",
              help="When the account was written (default: now); 'yesterday' in it counts from this.")
@click.option("-q", "--quiet", is_flag=True, help="Show neither the prompt's hint, nor status, nor the entry "
                                         "(with --json, only its number).")
@attach_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def write(text: str | None, recorded_at: str | None, quiet: bool, attach_paths: tuple[Path, ...],
          remove_original: bool, diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Type an account and store it as a diary entry (when speaking is not safe).

    Run it alone and type at the prompt (an empty line ends the account; Ctrl-C
    stops and stores nothing), or pipe the words in on standard input. They are
    read into memory, never into an editor's temporary file, and stored exactly
    as a spoken account is: when, where, who and what are worked out, and the
    entry is sealed and chained, with the source "typed". No passphrase is
    needed: entries are sealed with the diary's public key.

    Prefer the prompt or standard input to --text: your shell saves every
    command line, with its words, in a history file (~/.bash_history) in plain
    text, where anyone who picks up the device can read it.

    \b
    Examples:
      voicelog write                                 type at the prompt
      wl-paste | voicelog write                      words you copied (X11: xclip -o -sel c | ...)
      voicelog write --recorded-at 2026-03-30T21:47  written later about that evening
      voicelog write --attach screenshot.png --remove-original
    """
    from voicelog.app.attach import attach_to_new_entry, check_files
    from voicelog.app.write import extraction_failed, write_entry

    check_files(attach_paths)  # a file that cannot be attached is refused before anything is typed

    when = parse_when(recorded_at, "--recorded-at") or datetime.now().replace(microsecond=0)
    talk = stderr()
    if text == "-":  # as if left out: the prompt (or standard input), never the shell's history
        text = None
    if text is not None:
        click.echo(HISTORY_WARNING, err=True)
    # The diary is opened before anything is typed: a diary that cannot be opened must not cost the typing.
    with open_to_record(diary_file, passphrase_file) as diary:
        if text is None:
            if has_terminal():
                try:
                    text = read_at_prompt(hint=not quiet)
                except KeyboardInterrupt:
                    click.echo("\nStopped; nothing was stored.", err=True)
                    sys.exit(1)
            else:
                text = sys.stdin.read()
        with unattached_if_not_stored(attach_paths):
            entry = write_entry(diary, text, recorded_at=when)
        path = diary.path
        if not quiet:
            talk.print(f"Saved as entry {entry.seq} in {path}.", markup=False)
        attached = attach_to_new_entry(diary, entry.seq, attach_paths, remove_original=remove_original)
    if extraction_failed(entry):
        talk.print("The account is stored, but its date, place and people could not be worked out; run "
                   "`voicelog reextract` once that is fixed.")
    if not quiet:
        tell_attached(attached, remove_original=remove_original)
    if quiet:  # quiet never shows the account: only its number, and that only when --json asks for data
        if as_json:
            echo_json({"seq": entry.seq})
        return
    print_entry(entry, as_json)

