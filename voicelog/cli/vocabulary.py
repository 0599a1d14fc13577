"""`voicelog vocabulary [--plain on|off|show]`: the names and places the recorder expects, and the opt-in plain copy."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    handle_errors,
    json_option,
    open_to_read,
    passphrase_option,
    stderr,
    stdout,
)
from voicelog.cli.render import echo_json
from voicelog.display import clean
from voicelog.engines.vocabulary import Vocabulary


@click.command(context_settings=CONTEXT)
@click.option("--plain", type=click.Choice(["on", "off", "show"]), metavar="on|off|show",
              help="Keep an UNSEALED copy of the words for the locked recorder (on), delete it (off), or say "
                   "whether it is kept and what it holds (show).")
@click.option("--yes", is_flag=True, help="With --plain on: do not ask to confirm the warning.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def vocabulary(plain: str | None, yes: bool, diary_file: Path | None, passphrase_file: Path | None,
               as_json: bool) -> None:
    """Show the names and places the recorder expects, or keep a plain copy for when the diary is locked.

    Unlocked, voicelog hears an account expecting the names and aliases of your
    people list and the places you confirmed, so a rare name ("Tadhg") is not
    written as an everyday word. That list is sealed in the diary, so a recorder
    running without your passphrase (`listen` on a Pi, `dictate` without
    unlocking) cannot read it: it hears without your names, and `voicelog
    rehear` hears those recordings again later.

    If you choose, --plain on keeps an unsealed copy of the list beside the
    diary for the locked recorder. Anyone who can read the device (or a copy
    of it) can then see who your diary is about. It is kept up to date whenever
    you unlock to record, and --plain off deletes it. Nothing is written unless
    you turn it on.

    \b
    Examples:
      voicelog vocabulary                    what the recorder expects (asks your passphrase)
      voicelog vocabulary --plain show       is a plain copy kept, and what is in it
      voicelog vocabulary --plain on         keep a plain copy (you are warned and asked)
      voicelog vocabulary --plain off        delete the plain copy
    """
    from voicelog.app import plain_vocabulary
    from voicelog.paths import diary_path

    talk = stderr()
    path = diary_path(diary_file)
    if plain == "off":
        removed = plain_vocabulary.turn_off(path)
        if as_json:
            echo_json({"plain": False, "deleted": removed}, indent=None)
        talk.print(f"Deleted the plain recorder vocabulary {escape(str(plain_vocabulary.plain_path(path)))}; the "
                   "locked recorder hears without your names again." if removed else
                   "No plain recorder vocabulary is kept for this diary; nothing to delete.")
        return
    if plain == "show":
        kept = plain_vocabulary.read(path)
        if as_json:
            echo_json({"plain": kept is not None, "path": None if kept is None else str(kept.path),
                       **_words(kept.vocabulary if kept else Vocabulary())}, indent=None)
        if kept is None:
            talk.print("No plain recorder vocabulary is kept: the locked recorder hears without your names "
                       "(`voicelog vocabulary --plain on` keeps one, unsealed).")
        else:
            talk.print(f"[yellow]A plain, unsealed recorder vocabulary is kept:[/yellow] {escape(str(kept.path))}")
            if not as_json:
                _print(kept.vocabulary)
        return
    if plain == "on":
        talk.print(f"[bold yellow]Warning:[/bold yellow] {escape(plain_vocabulary.WARNING)}")
        if not yes and not click.confirm("Keep your names and places unsealed for the recorder?", default=False,
                                         err=True):
            talk.print("Nothing was written.")
            return
    with open_to_read(diary_file, passphrase_file) as diary:
        if plain == "on":
            kept = plain_vocabulary.turn_on(diary)
            if as_json:
                echo_json({"plain": True, "path": str(kept.path), **_words(kept.vocabulary)}, indent=None)
            talk.print(f"Wrote the plain recorder vocabulary {escape(str(kept.path))} (only you can read it "
                       f"on this computer): {len(kept.vocabulary.names)} names, {len(kept.vocabulary.places)} "
                       "places.")
            return
        from voicelog.app.rehear import diary_vocabulary

        words = diary_vocabulary(diary)
    if as_json:
        echo_json({"plain": plain_vocabulary.read(path) is not None, **_words(words)}, indent=None)
        return
    _print(words)


def _words(v: Vocabulary) -> dict[str, list[str]]:
    return {"names": list(v.names), "places": list(v.places)}


def _print(v: Vocabulary) -> None:
    out = stdout()
    out.print("Names: " + (escape(clean(", ".join(v.names))) or "(none: add people with `voicelog people add`)"))
    out.print("Places: " + (escape(clean(", ".join(v.places))) or "(none confirmed yet)"))
