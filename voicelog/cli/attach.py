"""``voicelog attach`` (evidence sealed to an entry) and ``voicelog exhibits`` (listed, or written back out)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    escape,
    handle_errors,
    json_option,
    open_to_read,
    open_to_record,
    passphrase_option,
    stderr,
)
from voicelog.cli.render import echo_json, safe
from voicelog.display import clean
from voicelog.errors import VoicelogError

if TYPE_CHECKING:
    from voicelog.app.attach import Attached


@click.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--remove-original", is_flag=True,
              help="Delete each file once its sealed copy is stored (a copy left in a gallery is not sealed).")
@diary_option
@passphrase_option
@json_option
@handle_errors
def attach(number: int, files: tuple[Path, ...], remove_original: bool, diary_file: Path | None,
           passphrase_file: Path | None, as_json: bool) -> None:
    """Seal screenshots, photos, voicemails, videos or documents to entry NUMBER.

    Each file is sealed into the diary with its name, type, size, SHA-256 and
    the time it was attached, as a row of the tamper-evident chain (`voicelog
    verify` checks it). No passphrase is needed; reading it back
    (`voicelog exhibits`) needs it. Files of up to 50 MB are taken.

    The original stays where it was unless you add --remove-original: then it
    is deleted once the sealed copy is stored and read back whole.

    \b
    Examples:
      voicelog attach 3 screenshot.png voicemail.m4a
      voicelog attach 3 ~/Pictures/car.jpg --remove-original
    """
    from voicelog.app.attach import attach_files

    with open_to_record(diary_file, passphrase_file) as diary:
        done = attach_files(diary, number, list(files), remove_original=remove_original)
    if as_json:
        echo_json([a.to_dict() for a in done])
        return
    tell_attached(done, remove_original=remove_original)


F = TypeVar("F", bound=Callable[..., Any])


def attach_options(func: F) -> F:
    """``--attach FILE`` (repeatable) and ``--remove-original``, for ``dictate`` and ``write``."""
    func = click.option("--remove-original", is_flag=True,
                        help="With --attach: delete each file once its sealed copy is stored.")(func)
    return click.option("--attach", "attach_paths", multiple=True, metavar="FILE",
                        type=click.Path(path_type=Path),
                        help="Seal this file (screenshot, photo, voicemail, video, document) to the new entry; "
                             "repeat for more. Checked before anything is recorded.")(func)


@contextmanager
def unattached_if_not_stored(files: Sequence[Path]) -> Iterator[None]:
    """Around storing a new entry that files are to be sealed to: when the entry cannot be stored (a full disk, a
    damaged diary), the error also says that none of the files was attached and what to do, so the person does not
    take them for sealed (their originals are untouched, as attaching comes only after the entry is stored)."""
    try:
        yield
    except VoicelogError as err:
        if files:
            names = ", ".join(safe(f.name) for f in files)
            err.args = (f"{err} None of the files to attach ({names}) was attached; they are where they were: "
                        "once the entry is stored, seal them with `voicelog attach N FILE...`.",)
        raise


def tell_attached(done: Sequence[Attached], *, remove_original: bool) -> None:
    """What was sealed (and deleted), on stderr."""
    talk = stderr()
    for a in done:
        att = a.attachment
        talk.print(f"Sealed {safe(att.name)} to entry {att.entry} as exhibit {att.exhibit} "
                   f"({att.type}, {att.size} bytes, SHA-256 {att.sha256[:16]}...).")
        if a.removed:
            talk.print(f"  Deleted the original {escape(str(a.source))}; the sealed copy is in the diary.")
    if not remove_original and done:
        talk.print("The originals are still where they were (not sealed there); add --remove-original to delete "
                   "them once sealed.")


@click.command(context_settings=CONTEXT)
@discreet_option
@click.argument("number", type=int, required=False)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the files into this folder (made if missing; never over a file).")
@diary_option
@passphrase_option
@json_option
@handle_errors
def exhibits(number: int | None, out: Path | None, diary_file: Path | None, passphrase_file: Path | None,
             as_json: bool) -> None:
    """List the files sealed to the diary (or to entry NUMBER); with --out, write them back out.

    Exhibits are numbered in the order they were attached. Written files are
    readable by you only and named exhibit-N-NAME; a name already taken gets
    " (2)", never replacing a file. Needs your passphrase.

    \b
    Examples:
      voicelog exhibits                      every exhibit: name, type, SHA-256, entry
      voicelog exhibits 3 --out ~/evidence   entry 3's files written out
    """
    from voicelog.app.attach import write_exhibits
    from voicelog.store.attachments import attachments

    with open_to_read(diary_file, passphrase_file) as diary:
        if out is not None:
            written = write_exhibits(diary, out, number)
            if as_json:
                echo_json([w.to_dict() for w in written])
                return
            for w in written:
                click.echo(f"Exhibit {w.attachment.exhibit}: {clean(str(w.path))}")
            if not written:
                stderr().print("No exhibits to write.")
            return
        found = attachments(diary, number)
    if as_json:
        echo_json([a.to_dict() for a in found])
        return
    if not found:
        stderr().print("No files are attached" + (f" to entry {number}." if number is not None else "."))
        return
    for a in found:
        click.echo(f"Exhibit {a.exhibit}  entry {a.entry}  {clean(a.name)}  {a.type}  {a.size} bytes  "
                   f"attached {a.attached_at}\n  SHA-256 {a.sha256}")
