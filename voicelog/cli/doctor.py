"""``voicelog doctor``: is everything in place to record? One line a check, over :mod:`voicelog.app.doctor`."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from voicelog.cli.options import CONTEXT, diary_option, engine_options, handle_errors, json_option
from voicelog.cli.render import echo_json

LABELS = {"ok": "OK", "warn": "WARN", "fail": "FAIL", "skip": "SKIP"}
"""How each status is printed."""


@click.command(context_settings=CONTEXT)
@click.option("--device", help="The microphone to open (name or number from `voicelog devices`; default: config).")
@click.option("--no-microphone", is_flag=True, help="Do not open the microphone.")
@click.option("--quick", is_flag=True, help="Find the speech model without loading it; skip loading extraction.")
@engine_options
@diary_option
@json_option
@handle_errors
def doctor(device: str | None, no_microphone: bool, quick: bool, engine: str | None, model: str | None,
           diary_file: Path | None, as_json: bool) -> None:
    """Check in one go what recording needs: microphone, speech model, wake phrase, disk space, diary and key file,
    and the listen service where systemd runs.

    Prints one line a check: OK, WARN (works, but look at it), FAIL (will not work; the line says what to do) or
    SKIP (does not apply here). Exits with 1 when any check fails. The microphone is opened for one second (no need
    to speak); `voicelog devices --test` checks the level of your voice. Run it as the user that records (on a Pi,
    `sudo -u voicelog env VOICELOG_HOME=/var/lib/voicelog voicelog doctor`).

    \b
    Examples:
      voicelog doctor
      voicelog doctor --device USB --engine whisper
      voicelog doctor --json --no-microphone
    """
    from voicelog.app.doctor import Check, DoctorOptions, run_checks
    from voicelog.cli.options import diary_path
    from voicelog.config import load_config
    from voicelog.errors import VoicelogError
    from voicelog.settings import EngineSettings, MicrophoneSettings, dictate_settings

    try:
        settings = dictate_settings(load_config(), engine=engine, model=model, device=device)
        engine_choice, microphone = settings.engine, settings.microphone
    except VoicelogError:  # a broken config file: the settings line says so; the rest runs on flags and defaults
        engine_choice = EngineSettings(engine=engine or "auto", model=Path(model).expanduser() if model else None)
        microphone = MicrophoneSettings(device=device)
    options = DoctorOptions(diary=diary_path(diary_file), engine=engine_choice, microphone=microphone,
                            check_microphone=not no_microphone, load_model=not quick)

    def show(check: Check) -> None:
        if not as_json:
            click.echo(f"{LABELS[check.status]:<5} {check.name:<12} {check.message}")

    checkup = run_checks(options, on_check=show)
    if as_json:
        echo_json({"ok": not checkup.failed, "checks": [asdict(c) for c in checkup.checks]}, indent=None)
    if checkup.failed:
        sys.exit(1)
