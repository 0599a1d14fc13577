"""The recording commands: ``dictate``, ``listen`` and ``recover``."""

from __future__ import annotations

import logging
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from voicelog.cli.attach import attach_options, tell_attached, unattached_if_not_stored
from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    diary_path,
    engine_options,
    handle_errors,
    json_option,
    open_to_record,
    parse_when,
    passphrase_option,
    stderr,
)
from voicelog.cli.render import echo_json, print_entry
from voicelog.errors import DiaryError, VoicelogError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from voicelog.app.recover import Leftovers, Recovered
    from voicelog.app.safekeeping import NotStored, UnopenedDiary
    from voicelog.audio.microphone import ResilientMicrophone
    from voicelog.config import Config
    from voicelog.engines.base import Engine
    from voicelog.settings import EngineSettings
    from voicelog.store.diary import Diary
    from voicelog.store.entries import Entry

FALLBACK_HELP = ("A folder on another disk for a sealed copy of an account that a full disk or a damaged diary "
                 "did not take (env VOICELOG_FALLBACK_DIR; `voicelog recover` reads it).")

_RELEASE_SECONDS = 10.0
"""How long a stopping service waits for its capture thread to close the microphone (it takes well under a second)."""


class _Stopper:
    """Ends a recording on Enter or Ctrl-C, keeping what was said; later lines typed go to :attr:`lines`."""

    def __init__(self, stop: Callable[[], None], *, watch_stdin: bool) -> None:
        self._stop = stop
        self.reason: str | None = None
        self._restored = False
        self.lines: queue.Queue[str] | None = None
        """Lines typed once the recording has ended (the reader thread keeps stdin), when stdin is watched."""
        self._previous = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, self._on_sigint)
        if watch_stdin and sys.stdin is not None and sys.stdin.isatty():
            self.lines = queue.Queue()
            threading.Thread(target=self._wait_enter, daemon=True).start()

    def _on_sigint(self, signum: int, frame: object) -> None:
        if self.reason == "ctrl-c":  # a second Ctrl-C means really stop now
            signal.signal(signal.SIGINT, self._previous)
            raise KeyboardInterrupt
        self.reason = "ctrl-c"
        self._stop()

    def _wait_enter(self) -> None:
        while True:
            try:
                line = sys.stdin.readline()
            except (OSError, ValueError):
                return
            if not self._restored and self.reason is None:
                self.reason = "enter"
                self._stop()
            elif self.lines is not None:
                self.lines.put(line)
            if not line:
                return

    def restore(self) -> None:
        self._restored = True  # from now on a line typed is an answer, not "stop recording"
        signal.signal(signal.SIGINT, self._previous)


def _asker(stopper: _Stopper | None) -> Callable[[NotStored], bool] | None:
    """When a person is at the keyboard: tell them the disk is full and wait for them to free space (or give up)."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None

    def ask(kept: NotStored) -> bool:
        if stopper is not None:
            stopper.restore()  # the recording is over: a line typed now is an answer
        click.echo(f"{kept.message} Free some space, then press Enter to try again (or type q and Enter to stop).",
                   err=True)
        if stopper is not None and stopper.lines is not None:
            line = stopper.lines.get()
        else:
            line = sys.stdin.readline()
        return bool(line) and line.strip().lower() not in ("q", "quit")

    return ask


def _warn(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def _recording_diary(diary_file: Path | None, passphrase_file: Path | None,
                     warn: Callable[[str], None]) -> Iterator[Diary | UnopenedDiary]:
    """The diary to record into; one that cannot be opened still takes accounts, sealed into its journal."""
    from voicelog.app.safekeeping import unopened_diary

    try:
        diary = open_to_record(diary_file, passphrase_file)
    except DiaryError as exc:
        unopened = unopened_diary(diary_path(diary_file), exc,  # raises exc when there is no key to seal with
                                  reopen=lambda: open_to_record(diary_file, passphrase_file))
        warn(unopened.warning)
        with unopened:
            yield unopened
        return
    with diary:
        yield diary


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


def _engine_loader(settings: EngineSettings, config: Config) -> Callable[[], Engine]:
    from voicelog.engines.registry import load_engine

    return lambda: load_engine(settings, config)


def _refused_advice(r: Recovered) -> str:
    if r.unsealed:
        return ("It was left where it is: if you recorded it while the diary could not be opened, "
                "`voicelog recover --accept-unsealed` stores it with a note saying so.")
    return ("It was kept aside, not deleted, for whoever investigates; it is never stored. "
            "`voicelog verify` checks the diary itself.")


def _tell_leftovers(leftovers: Leftovers, tell: Callable[[str], None]) -> None:
    if leftovers.locked:
        tell("An earlier recording was cut off; run `voicelog recover` to turn it into an entry.")
    for r in leftovers.recovered:
        if r.refused:
            tell(f"A journal was not stored: {r.problem}. {_refused_advice(r)}")
        elif r.problem and r.left_in_place:
            tell(f"A journal in the fallback folder could not be read and was left where it is: {r.problem}")
        elif r.problem:
            tell(f"A journal could not be read and was set aside as {r.journal.name}: {r.problem}")
        elif r.entry is not None:
            tell(f"Recovered a recording cut off earlier as entry {r.entry.seq}.")


@click.command(context_settings=CONTEXT)
@discreet_option(clear_after=True)
@click.option("--file", "wav", type=click.Path(path_type=Path),
              help="Transcribe this recording instead of the microphone (WAV, M4A, MP4/3GP, AMR, Ogg/Opus, MP3, "
                   "FLAC, WebM).")
@click.option("--recorded-at", metavar="ISO",
              help="When the account was spoken (default: now, or the recording's own time, else the file's).")
@click.option("--device", help="Input device name or number (see `voicelog devices`; env VOICELOG_DEVICE).")
@click.option("--silence", type=click.FloatRange(0.5, 60), default=None,
              help="Seconds of silence that end the recording [2.5; env VOICELOG_SILENCE].")
@click.option("--no-audio", is_flag=True,
              help="Do not keep the recording with the entry (it is kept, sealed, by default).")
@click.option("-q", "--quiet", is_flag=True, help="Do not show words as they are recognised, nor status.")
@click.option("--fallback-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help=FALLBACK_HELP)
@attach_options
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def dictate(wav: Path | None, recorded_at: str | None, device: str | None, silence: float | None, no_audio: bool,
            quiet: bool, fallback_dir: Path | None, attach_paths: tuple[Path, ...], remove_original: bool,
            engine: str | None, model: str | None, diary_file: Path | None, passphrase_file: Path | None,
            as_json: bool) -> None:
    """Speak an account and store it as a diary entry.

    Recording starts at once and ends when you have been silent for a while,
    when you press Enter, or on Ctrl-C; what you said is kept either way. While
    you speak, the audio is journaled to disk (sealed), so a crash or power cut
    loses at most a second: `voicelog recover` turns it into an entry. The entry
    is printed when it is stored; the recording is kept with it unless --no-audio.
    No passphrase is needed: entries are sealed with the diary's public key.
    If the disk is full or the diary damaged, the account is kept in the journal
    (or the --fallback-dir folder) for `voicelog recover`, and the command says
    where and exits with code 1.

    \b
    Examples:
      voicelog dictate
      voicelog dictate --silence 4 --device "USB Microphone"
      voicelog dictate --file phone.wav --recorded-at 2026-03-26T22:05
      voicelog dictate --fallback-dir /media/usb/voicelog
      voicelog dictate --attach voicemail.m4a --attach screenshot.png
    """
    from voicelog.app.attach import attach_to_new_entry, check_files
    from voicelog.app.dictate import AudioInput, file_input
    from voicelog.app.dictate import dictate as dictate_
    from voicelog.app.recover import recover_leftovers
    from voicelog.app.safekeeping import UnopenedDiary
    from voicelog.config import load_config
    from voicelog.engines.registry import resolve_engine
    from voicelog.settings import dictate_settings

    check_files(attach_paths)  # a file that cannot be attached is refused before anything is recorded
    config = load_config()
    settings = dictate_settings(config, engine=engine, model=model, device=device, silence=silence,
                                keep_audio=not no_audio, fallback_dir=fallback_dir)
    when = parse_when(recorded_at, "--recorded-at")
    talk = stderr()
    say: Callable[[str], None] = (lambda m: None) if quiet else (lambda m: talk.print(m))
    load = _engine_loader(settings.engine, config)

    if wav is not None:
        source = file_input(wav, recorded_at=when)  # refuses a missing, broken or silent file before anything loads
        resolve_engine(settings.engine, config)
        with _recording_diary(diary_file, passphrase_file, _warn) as diary:
            say(f"Transcribing {wav.name} ({source.dated}) …" if source.dated else f"Transcribing {wav.name} …")
            with unattached_if_not_stored(attach_paths):
                done = dictate_(source, settings, diary, load_engine=load, tell=_warn, wait_for_space=_asker(None))
            attached = attach_to_new_entry(diary, done.entry.seq, attach_paths, remove_original=remove_original)
    else:
        from voicelog.audio import MicrophoneSource

        resolve_engine(settings.engine, config)  # fail before recording if no engine can run
        with _recording_diary(diary_file, passphrase_file, _warn) as diary:
            if not isinstance(diary, UnopenedDiary):
                _tell_leftovers(recover_leftovers(diary, load, keep_audio=settings.keep_audio,
                                                  fallback_dir=settings.fallback_dir), say)
            live = _LiveWords(not quiet)
            with MicrophoneSource(device=settings.microphone.device) as mic:
                stopper = _Stopper(mic.stop, watch_stdin=True)

                def tell(message: str) -> None:
                    if live.enabled and live.shown:
                        sys.stderr.write("\n")  # below the words shown so far
                    _warn(message)

                try:
                    say("Recording. Speak now; stop by falling silent, pressing Enter, or Ctrl-C.")
                    source = AudioInput(mic, when or datetime.now().replace(microsecond=0), "microphone",
                                        live=True, stop=mic.stop)
                    with unattached_if_not_stored(attach_paths):
                        done = dictate_(source, settings, diary, load_engine=load, on_words=live, tell=tell,
                                        wait_for_space=_asker(stopper))
                finally:
                    stopper.restore()
                    live.done()
            attached = attach_to_new_entry(diary, done.entry.seq, attach_paths, remove_original=remove_original)
    if done.warning:
        talk.print(done.warning, markup=False)  # e.g. a recording cut short: what it holds is stored
    if done.extraction_failed:
        talk.print("The account is stored, but its date, place and people could not be worked out "
                   "(see the message above); run `voicelog reextract` once that is fixed.")
    say(f"Saved as entry {done.entry.seq} in {diary.path}.")
    if not quiet:
        tell_attached(attached, remove_original=remove_original)
    print_entry(done.entry, as_json)


class _StderrLines(logging.StreamHandler):  # type: ignore[type-arg]
    """One plain line a record on whatever ``sys.stderr`` is when the record is written."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(message)s"))

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current stderr


def _listen_logging() -> None:
    """State changes (never words) on stderr, one plain line each, for journald; set up once per process."""
    level = logging.DEBUG if logging.getLogger("voicelog").isEnabledFor(logging.DEBUG) else logging.INFO
    for name in ("voicelog.app.listen", "voicelog.app.recorder", "voicelog.audio", "voicelog.app.feedback"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(h, _StderrLines) for h in logger.handlers):
            logger.addHandler(_StderrLines())
        logger.propagate = False


@click.command(context_settings=CONTEXT)
@click.option("--wake", metavar="PHRASE",
              help="The private phrase that starts an account (else `wake` in the config).")
@click.option("--stop", "stop_phrase", metavar="PHRASE",
              help="A phrase that ends an account (else `stop` in the config).")
@click.option("--cancel", "cancel_phrase", metavar="PHRASE",
              help="A phrase that discards the account in progress (else `cancel` in the config).")
@click.option("--silence", type=click.FloatRange(0.5, 120), default=None,
              help="Seconds of silence that end an account [4].")
@click.option("--max-seconds", type=click.FloatRange(5, 7200), default=None,
              help="The longest account, in seconds [600].")
@click.option("--feedback", type=click.Choice(["none", "tone", "speech"]), default=None,
              help="How to say it heard you: nothing (default), a soft tone, or spoken date, time and place.")
@click.option("--gpio", is_flag=True,
              help="Raspberry Pi: an LED lit while recording, a button to start/end (voicelog-diary[pi]).")
@click.option("--led-pin", default="17", show_default=True, help="With --gpio: the LED's GPIO pin.")
@click.option("--button-pin", default="27", show_default=True, help="With --gpio: the button's GPIO pin.")
@click.option("--file", "wav", type=click.Path(path_type=Path),
              help="Listen to this recording (WAV, M4A, Ogg, MP3, FLAC, WebM, ...) instead of the microphone.")
@click.option("--recorded-at", metavar="ISO",
              help="With --file: when the recording started (default: the recording's own time, else the file's "
                   "time minus its length).")
@click.option("--device", help="Input device name or number (see `voicelog devices`).")
@click.option("--no-audio", is_flag=True, help="Do not keep the recordings with the entries.")
@click.option("--fallback-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help=FALLBACK_HELP)
@engine_options
@diary_option
@passphrase_option
@click.option("--json", "as_json", is_flag=True,
              help="Print each stored entry as a JSON line on stdout (account words: keep it out of service logs).")
@handle_errors
def listen(wake: str | None, stop_phrase: str | None, cancel_phrase: str | None, silence: float | None,
           max_seconds: float | None, feedback: str | None, gpio: bool, led_pin: str, button_pin: str,
           wav: Path | None, recorded_at: str | None, device: str | None, no_audio: bool, fallback_dir: Path | None,
           engine: str | None, model: str | None, diary_file: Path | None, passphrase_file: Path | None,
           as_json: bool) -> None:
    """Wait for your private wake phrase, then record the account that follows (hands-free).

    Runs until stopped (Ctrl-C, or SIGTERM from systemd, which first stores the
    account in progress). After the wake phrase, speak; the account ends with
    the stop phrase, a pause (--silence), --max-seconds, or the button; the
    cancel phrase throws it away. Nothing else that is said is stored or logged.
    There is no default wake phrase: choose one nobody else would say. Settings
    may live in the config file (wake, stop, cancel, listen_silence,
    max_seconds, feedback, fallback_dir); SIGHUP re-reads it. The log shows
    state changes only. If the disk fills up, accounts are held in memory and
    written as soon as there is space; what is still held when it stops goes to
    the journal or the --fallback-dir folder, and it exits with code 1 saying where.

    \b
    Examples:
      voicelog listen --wake "blue pelican notebook" --stop "end of entry" --cancel "scratch that"
      voicelog listen --feedback speech --device USB
      voicelog listen --file long-recording.wav --wake "blue pelican notebook" --recorded-at 2026-03-26T21:00
    """
    from voicelog.app.feedback import feedback_for
    from voicelog.app.listen import Listener, file_clock
    from voicelog.app.pump import BackgroundReader
    from voicelog.app.recorder import warm_up_extractor
    from voicelog.app.recover import recover_leftovers
    from voicelog.app.safekeeping import UnopenedDiary
    from voicelog.config import load_config
    from voicelog.engines.registry import resolve_engine
    from voicelog.heap import bound_heap
    from voicelog.settings import service_settings

    flags: dict[str, Any] = {"wake": wake, "stop": stop_phrase, "cancel": cancel_phrase, "silence": silence,
                             "max_seconds": max_seconds, "keep_audio": not no_audio, "fallback_dir": fallback_dir,
                             "engine": engine,
                             "model": model, "device": device, "feedback": feedback, "gpio": gpio,
                             "led_pin": led_pin, "button_pin": button_pin}
    config = load_config()
    settings = service_settings(config, **flags)  # refuses to start without a wake phrase
    when = parse_when(recorded_at, "--recorded-at")
    _listen_logging()
    log = logging.getLogger("voicelog.app.listen")
    resolve_engine(settings.engine, config)  # fail before anything else if no engine can run
    bound_heap()  # listening hears utterance after utterance, for days: freed blocks must not pile up
    load = _engine_loader(settings.engine, config)
    mic: ResilientMicrophone | None = None
    if wav is not None:
        from voicelog.audio.dating import recording_time
        from voicelog.audio.decode import open_audio

        recording = open_audio(wav)  # checks the file at once
        chunks: Iterable[bytes] = recording.chunks(chunk_seconds=0.1)
        start = when
        if start is None:
            dated = recording_time(wav)  # a recorder's own time is when it started; a modification time, its end
            start = dated.when if dated.from_metadata else dated.when - timedelta(seconds=recording.seconds or 0.0)
        clock, source_name = file_clock(start), f"file:{wav.name}"
    else:
        from voicelog.audio import ResilientMicrophone

        mic = ResilientMicrophone(settings.microphone.device)
        clock, source_name = None, "microphone"
    with _recording_diary(diary_file, passphrase_file, log.warning) as diary:
        if not isinstance(diary, UnopenedDiary):
            _tell_leftovers(recover_leftovers(diary, load, keep_audio=settings.listen.keep_audio,
                                              fallback_dir=settings.listen.fallback_dir), log.warning)
        if mic is not None:
            chunks = BackgroundReader(mic)  # capturing starts now, while the models load
        warm = warm_up_extractor()
        hearing = load()
        listener_ref: list[Listener] = []
        feedback_parts, controls = feedback_for(settings.feedback, lambda: listener_ref[0].press())
        warm.join()

        def saved(entry: Entry) -> None:
            if as_json:
                echo_json(entry.to_dict(), indent=None)

        listener = Listener(settings.listen, hearing, diary, feedback=feedback_parts, source=source_name,
                            clock=clock, on_saved=saved)
        listener_ref.append(listener)

        def on_stop(signum: int, frame: object) -> None:
            listener.shutdown()
            if mic is not None:
                mic.stop()

        def on_hup(signum: int, frame: object) -> None:
            try:
                listener.reload(service_settings(load_config(), **flags).listen)
            except VoicelogError as exc:
                log.warning("settings not reloaded: %s", exc)

        previous = {s: signal.signal(s, h) for s, h in
                    ((signal.SIGTERM, on_stop), (signal.SIGINT, on_stop), (signal.SIGHUP, on_hup))}
        try:
            outcomes = listener.run(chunks)
        finally:
            for s, h in previous.items():
                signal.signal(s, h)
            if mic is not None:
                mic.stop()
                if isinstance(chunks, BackgroundReader) and not chunks.close(timeout=_RELEASE_SECONDS):
                    log.warning("the microphone was not released within %g s", _RELEASE_SECONDS)
            if controls is not None:
                controls.close()
    stored = sum(1 for o in outcomes if o.kind == "saved")
    log.info("stored %d entr%s", stored, "y" if stored == 1 else "ies")
    if listener.unstored:
        from voicelog.app.safekeeping import AccountNotStored, summary

        kept = [o.kept for o in listener.unstored if o.kept is not None]
        raise AccountNotStored(kept[0]) if len(kept) == 1 else DiaryError(summary(kept))
