"""Commands about the machine: ``devices``, ``models`` and ``paths``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

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
    """Find, install and measure speech models.

    \b
    Examples:
      voicelog models list
      voicelog models list --available        what `models install` can fetch
      voicelog models install                 the small English Vosk model (41 MB)
      voicelog models install small.en       Whisper small.en (486 MB), more accurate, slower
      voicelog models bench small.en         how fast it hears on this machine
    """


@models.command("list", context_settings=CONTEXT)
@click.option("--available", is_flag=True, help="List the models `voicelog models install` can fetch instead.")
@json_option
@handle_errors
def models_list(available: bool, as_json: bool) -> None:
    """List the models voicelog can find, in lookup order: size, speed here (from `models bench`), source.

    The model `dictate` would use is marked with *.

    \b
    Examples:
      voicelog models list
      voicelog models list --available --json
    """
    if available:
        from voicelog.engines.catalogue import downloads

        rows = downloads()
        if as_json:
            echo_json([asdict(d) for d in rows], indent=None)
            return
        for d in rows:
            click.echo(f"{d.engine:8} {d.name:28} {d.size_bytes / 1e6:7.0f} MB  {d.note}  [{d.source}]")
        return

    from voicelog.app.bench import speed_of
    from voicelog.config import load_config
    from voicelog.engines.registry import list_models, resolve_engine
    from voicelog.errors import ModelError
    from voicelog.settings import engine_settings

    config = load_config()
    found = list_models(config)
    try:
        chosen: Path | None = resolve_engine(engine_settings(config), config).model.resolve()
    except ModelError:
        chosen = None
    if as_json:
        out = []
        for m in found:
            speed = speed_of(m.path)
            out.append({**asdict(m), "path": str(m.path), "default": m.path.resolve() == chosen,
                        "speed": asdict(speed) if speed else None})
        echo_json(out, indent=None)
        return
    if not found:
        stderr().print("No models found. Run `voicelog models install`, or `pip install 'voicelog-diary[whisper]'`.")
    for m in found:
        speed = speed_of(m.path)
        mark = "*" if m.path.resolve() == chosen else " "
        measured = speed.summary() if speed else "speed not measured (`voicelog models bench`)"
        click.echo(f"{mark} {m.engine:8} {m.language:4} {m.size_bytes / 1e6:7.1f} MB  {m.name}  {m.path}")
        click.echo(f"    {measured}; from {m.source or 'a folder you provided'}")


@models.command("install", context_settings=CONTEXT)
@click.argument("name", required=False, default="vosk-model-small-en-us-0.15")
@click.option("--url", hidden=True,
              help="Download from this address instead (a mirror); the checksums are still checked.")
@handle_errors
def models_install(name: str, url: str | None) -> None:
    """Download a model from the catalogue, check every file's SHA-256, and install it.

    This is the only voicelog command that uses the network. `voicelog models list
    --available` shows the catalogue; once installed, a Whisper model is used by
    default (the strongest installed), or picked with `--model NAME`.

    \b
    Examples:
      voicelog models install
      voicelog models install base.en
      voicelog models install small.en
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from voicelog.engines.catalogue import install

    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=stderr(), transient=True,
    ) as bar:
        task = bar.add_task(f"Downloading {name}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        path = install(name, url=url, progress=progress)
    stderr().print(f"Installed {name}. See how fast it hears here: `voicelog models bench --model {name}`.")
    click.echo(str(path))


@models.command("bench", context_settings=CONTEXT)
@engine_options
@json_option
@handle_errors
def models_bench(engine: str | None, model: str | None, as_json: bool) -> None:
    """Measure how fast and how well a model hears a 7 s test recording here, and keep the result.

    The model is the one `dictate` would use, or the one --engine/--model pick.
    `voicelog models list` shows the result beside the model.

    \b
    Examples:
      voicelog models bench
      voicelog models bench --model small.en
      voicelog models bench --engine vosk --json
    """
    from voicelog.app.bench import bench
    from voicelog.config import load_config
    from voicelog.settings import engine_settings

    config = load_config()
    stderr().print("Hearing the test recording …")
    speed = bench(engine_settings(config, engine=engine, model=model), config)
    if as_json:
        echo_json({**asdict(speed), "real_time_factor": round(speed.real_time_factor, 3)}, indent=None)
    else:
        click.echo(f"{speed.engine} {speed.model}: {speed.summary()}; read in {speed.load_seconds:.1f} s")


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
