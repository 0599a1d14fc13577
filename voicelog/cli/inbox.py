"""`voicelog import DIR`: every new recording in a folder a phone syncs to, stored once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    diary_path,
    engine_options,
    handle_errors,
    json_option,
    passphrase_option,
    stderr,
)
from voicelog.cli.recording import FALLBACK_HELP, _engine_loader, _recording_diary, _warn
from voicelog.cli.render import echo_json

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from voicelog.app.inbox import InboxFile, InboxImport, Outcome
    from voicelog.engines.base import Engine

_SAID = {"stored": "stored as entry {seq}", "already imported": "imported before, skipped",
         "waiting": "left for next time: {reason}", "refused": "not imported: {reason}",
         "not stored": "not stored: {reason}"}


def _line(f: InboxFile) -> str:
    said = _SAID[f.outcome].format(seq=f.entry_seq, reason=f.reason)
    if f.outcome == "stored":
        said += f", {f.dated}" if f.dated else ""
        said += "; the original was deleted" if f.deleted else ""
    return f"{f.path.name}: {said}"


def _summary(run: InboxImport) -> str:
    parts = [f"{run.count('stored')} stored"]
    said: tuple[tuple[Outcome, str], ...] = (("already imported", "imported before"),
                                            ("waiting", "left for next time"),
                                            ("refused", "could not be imported"))
    for outcome, words in said:
        if run.count(outcome):
            parts.append(f"{run.count(outcome)} {words}")
    return f"{run.folder}: " + ", ".join(parts) + "."


@click.command("import", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--delete-imported", is_flag=True,
              help="Delete each original once its entry is stored with its audio (never before).")
@click.option("--settle", type=click.FloatRange(0, 3600), default=10.0, show_default=True, metavar="SECONDS",
              help="Leave a file changed more recently than this for next time (it may still be growing).")
@click.option("--no-audio", is_flag=True, help="Do not keep the recordings with the entries.")
@click.option("-q", "--quiet", is_flag=True,
              help="Only the summary line (no file names: for a service's log).")
@click.option("--fallback-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help=FALLBACK_HELP)
@engine_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def import_(folder: Path, delete_imported: bool, settle: float, no_audio: bool, quiet: bool,
            fallback_dir: Path | None, engine: str | None, model: str | None, diary_file: Path | None,
            passphrase_file: Path | None, as_json: bool) -> None:
    """Store every new recording in FOLDER (e.g. one your phone syncs to) as a diary entry, once.

    Every recording voicelog reads (M4A, Ogg, MP3, 3GP/AMR, FLAC, WebM, WAV) in
    FOLDER and its subfolders becomes an entry, dated by the time the recording
    itself gives (else the file's modification time). Run it again whenever you
    like: a recording imported before is known by a keyed hash of its content
    (kept beside the diary, it says nothing of what was said) and skipped, even
    renamed or copied twice. A file a sync tool is still writing (Syncthing's
    .syncthing.*.tmp, ~ files, .part, .crdownload) or that changed in the last
    --settle seconds is left for next time. A file that is not a recording is
    named and skipped; the rest go on. Originals stay where they are unless
    --delete-imported, which deletes each one only after its entry is stored
    with its audio. No passphrase is needed.

    \b
    Examples:
      voicelog import ~/Sync/Recordings
      voicelog import ~/Sync/Recordings --delete-imported
      voicelog import /srv/phone-inbox --quiet        (what the Pi's timer runs)
    """
    from voicelog.app.inbox import ImportedState, import_inbox, state_path
    from voicelog.config import load_config
    from voicelog.engines.registry import resolve_engine
    from voicelog.settings import dictate_settings

    config = load_config()
    settings = dictate_settings(config, engine=engine, model=model, keep_audio=not no_audio,
                                fallback_dir=fallback_dir)
    talk = stderr()
    progress = _Progress(talk, enabled=talk.is_terminal and not quiet)

    def told(f: InboxFile) -> None:
        progress.advance()
        if not quiet and f.outcome != "already imported":
            progress.print(_line(f))

    with _recording_diary(diary_file, passphrase_file, _warn) as diary:
        state = ImportedState(state_path(diary_path(diary_file)))

        def load() -> Engine:
            resolve_engine(settings.engine, config)  # only once there is something new to hear
            return _engine_loader(settings.engine, config)()

        with progress:
            run = import_inbox(folder, settings, diary, state=state, load_engine=load,
                               delete_imported=delete_imported, settle_seconds=settle, on_file=told,
                               on_start=progress.start)
    if as_json:
        echo_json(run.to_dict())
    talk.print(_summary(run), markup=False)
    if run.stopped is not None:
        raise click.exceptions.Exit(1)


class _Progress:
    """A progress bar on stderr while more than one file is looked at (a terminal only); lines print above it."""

    def __init__(self, console: Console, *, enabled: bool) -> None:
        self.console = console
        self.enabled = enabled
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if not self.enabled or total < 2:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), console=self.console,
                             transient=True)
        self._bar.start()
        self._task = self._bar.add_task("import", total=total)

    def advance(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def print(self, line: str) -> None:
        self.console.print(line, markup=False)  # the bar's own console: the line goes above the bar

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
