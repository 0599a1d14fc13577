"""The ``recover`` command: recordings cut off by a crash or a power cut, and accounts kept out of the diary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

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
)
from voicelog.cli.recording import _engine_loader, _refused_advice
from voicelog.cli.render import echo_json, print_entry

if TYPE_CHECKING:
    from voicelog.app.recover import Recovered


@click.command(context_settings=CONTEXT)
@discreet_option
@click.option("--fallback-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also recover the sealed copies kept in this folder (default: VOICELOG_FALLBACK_DIR or "
                   "fallback_dir in the config).")
@click.option("--accept-unsealed", is_flag=True,
              help="Also store journals that carry no seal from this diary (recorded while it could not be "
                   "opened); each entry gets a note saying so. Journals with a wrong seal are never stored.")
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def recover(fallback_dir: Path | None, accept_unsealed: bool, engine: str | None, model: str | None,
            diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Turn a recording cut off by a crash or power cut into an entry.

    While you speak, dictate journals the audio to disk, sealed; this reads what
    is left, transcribes it and stores it as an entry marked recovered. Accounts
    that a full disk or a damaged diary kept out of the diary are waiting there
    too, or in the fallback folder.

    Each journal carries a seal from the diary's sealing state; one this diary's
    recorder did not write (made by someone else with the public key) is refused,
    renamed *.refused and not stored, and the command exits 3. A journal with no
    seal (recorded while the diary could not be opened) waits until you listen
    to what you recorded and run with --accept-unsealed.

    \b
    Examples:
      voicelog recover
      voicelog recover --fallback-dir /media/usb/voicelog
      voicelog recover --accept-unsealed
    """
    from voicelog.app.recorder import journals_waiting
    from voicelog.app.recover import recover as recover_
    from voicelog.config import load_config
    from voicelog.settings import engine_settings
    from voicelog.settings import fallback_dir as fallback_setting

    config = load_config()
    settings = engine_settings(config, engine=engine, model=model)
    fallback = fallback_setting(config, fallback_dir=fallback_dir)
    with open_to_read(diary_file, passphrase_file) as diary:
        if not journals_waiting(diary.path, fallback):
            stderr().print("Nothing to recover: no recording was cut off.")
            if as_json:
                click.echo("[]")
            return
        done = recover_(diary, _engine_loader(settings, config), fallback_dir=fallback,
                        accept_unsealed=accept_unsealed)
    _tell_recovered(done)
    entries = [r.entry for r in done if r.entry is not None]
    if as_json:
        echo_json([e.to_dict() for e in entries])
    else:
        for e in entries:
            print_entry(e, False)
    if any(r.refused for r in done):
        sys.exit(3)


def _tell_recovered(done: list[Recovered]) -> None:
    talk = stderr()
    for r in done:
        if r.refused:
            talk.print(f"[bold red]Not stored:[/bold red] {r.journal}: {r.problem}. {_refused_advice(r)}")
        elif r.problem and r.left_in_place:
            talk.print(f"{r.journal} could not be read ({r.problem}); it was left where it is.")
        elif r.problem:
            talk.print(f"{r.journal.name} could not be read ({r.problem}); it was set aside, not deleted.")
        elif r.entry is None:
            talk.print(f"{r.journal.name}: {r.seconds:.1f} s of silence; removed.")
        elif r.entry.transcript.is_empty:
            talk.print(f"Recovered {r.seconds:.1f} s as entry {r.entry.seq}; no words were recognised, "
                       "but the recording is kept with it.")
        else:
            talk.print(f"Recovered {r.seconds:.1f} s as entry {r.entry.seq}.")
