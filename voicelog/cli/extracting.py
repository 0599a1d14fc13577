"""``voicelog extract``: what voicelog finds in an account, without storing anything."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

import click

from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import CONTEXT, diary_option, diary_path, handle_errors, json_option, parse_when
from voicelog.cli.render import echo_json, print_extracted
from voicelog.errors import UsageError


@click.command(context_settings=CONTEXT)
@discreet_option(clear_after=True)
@click.option("--text", help="An account as text; left out or `-`, typed at a prompt or piped in (out of your shell "
                             "history).")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="JSONL of {id, text, recorded_at, known_people}.")
@click.option("--now", metavar="ISO", help="Resolve 'yesterday' etc. against this time (default: now).")
@diary_option
@json_option
@handle_errors
def extract(text: str | None, batch: IO[str] | None, now: str | None, diary_file: Path | None, as_json: bool) -> None:
    """Show what voicelog finds in an account, without storing anything.

    With --batch, read the evaluation JSONL format and write one prediction per
    line on stdout (see eval/README.md).

    \b
    Examples:
      voicelog extract --text "yesterday at ten past eight my ex followed me" --now 2026-03-30T21:47
      voicelog extract --batch inputs.jsonl > preds.jsonl
      voicelog extract                     type the account at a prompt
    """
    if text is not None and batch is not None:
        raise UsageError("Give exactly one of --text or --batch, not both; see `voicelog extract --help`.")
    if batch is None and (text is None or text == "-"):
        from voicelog.cli.options import has_terminal
        from voicelog.cli.write import read_at_prompt

        text = read_at_prompt() if has_terminal() else sys.stdin.read()
    from voicelog.extract import extract_batch, extract_incident

    if batch is not None:
        lines = []
        for n, line in enumerate(batch, 1):
            if line.strip():
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UsageError(f"Line {n} of {batch.name} is not JSON ({exc.msg}).") from exc
        for pred in extract_batch(lines):
            click.echo(json.dumps(pred, ensure_ascii=False))
        return
    from voicelog.app.reading import readable_people

    when = parse_when(now, "--now") or datetime.now().replace(microsecond=0)
    incident = extract_incident(text or "", recorded_at=when, known_people=readable_people(diary_path(diary_file)))
    if as_json:
        echo_json(incident.to_dict())
    else:
        print_extracted(incident)
