"""The reading commands: ``list``, ``show``, ``search``, ``report`` and ``review``.

Each works on a diary with damaged or forged rows: opening it runs the tamper
check and warns loudly when it fails, every entry that can be read is shown, and
each one that cannot is named after the output (``warn_damaged``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicelog.cli.asking import ASK, asked, asked_each, words_of
from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    filter_options,
    handle_errors,
    json_option,
    open_to_read,
    passphrase_option,
    stderr,
    warn_damaged,
)
from voicelog.cli.render import entries_table, print_entry, print_history

if TYPE_CHECKING:
    from voicelog.store.diary import Diary
    from voicelog.store.entries import Entry


def _filtered(diary: Diary, entries: Sequence[Entry], persons: tuple[str, ...], since: str | None,
              until: str | None, categories: tuple[str, ...]) -> list[Entry]:
    """``entries`` narrowed by the filter options, people matched through the registry."""
    from voicelog.filters import Registry, apply_filter, make_filter

    persons = asked_each(persons, "Person")  # --person - : typed at a prompt, out of the shell's history
    flt = make_filter(people=persons, since=since, until=until, categories=categories)
    if not flt.active:
        return list(entries)
    return apply_filter(entries, flt, Registry(diary.people() if flt.people else ()))


@click.command("list", context_settings=CONTEXT)
@discreet_option
@filter_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def list_(persons: tuple[str, ...], since: str | None, until: str | None, categories: tuple[str, ...],
          diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """List the diary's entries, oldest first.

    --person matches a registered person's name, aliases and everyone merged
    into them; --since and --until compare the day the incident happened.

    \b
    Examples:
      voicelog list
      voicelog list --person "Colin Mowbray" --since 2026-01-01 --category following
      voicelog list --json | jq '.[].incident.date'
    """
    with open_to_read(diary_file, passphrase_file) as diary:
        entries_table(_filtered(diary, diary.entries(), persons, since, until, categories), as_json)
        warn_damaged(diary)


@click.command(context_settings=CONTEXT)
@discreet_option
@click.argument("number", type=int)
@click.option("--history", is_flag=True, help="Also show the entry as first written and every amendment.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def show(number: int, history: bool, diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Show entry NUMBER in full: fields, where each came from, transcript.

    The amended view is shown; --history adds the original and each amendment
    (and, for an entry you voided, what it said).
    Words the recogniser was unsure of are marked (?), fields the extractor was
    unsure of are marked [check].

    \b
    Examples:
      voicelog show 3
      voicelog show 3 --history
    """
    with open_to_read(diary_file, passphrase_file) as diary:
        entry = diary.get(number)  # a damaged entry is a DiaryError naming it; the others still show
        print_entry(entry, as_json, history=history)
        if history and not as_json:
            print_history(entry)
        warn_damaged(diary)  # corrections that could not be read (they may have been to this entry)


@click.command(context_settings=CONTEXT)
@discreet_option
@click.argument("words", nargs=-1)
@filter_options
@diary_option
@passphrase_option
@json_option
@handle_errors
def search(words: tuple[str, ...], persons: tuple[str, ...], since: str | None, until: str | None,
           categories: tuple[str, ...], diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Find entries whose account or fields contain all of WORDS.

    Whole words, with their endings ("follow" finds "followed" and "following";
    "car" finds "cars", not "scared"); quote a phrase to find its words in a row.
    Leave WORDS out (or give -) to type them at a prompt, out of your shell history.

    \b
    Examples:
      voicelog search car park
      voicelog search "Colin Mowbray" --json
      voicelog search car park --since 2026-03-01 --category following
      voicelog search                      asked for the words
    """
    if not words or words == (ASK,):
        words = tuple(words_of(asked(None, "Words to find")))
    with open_to_read(diary_file, passphrase_file) as diary:
        entries_table(_filtered(diary, diary.search(words), persons, since, until, categories), as_json)
        warn_damaged(diary)


@click.command(context_settings=CONTEXT)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write the report to (it is not sealed).")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "csv", "json", "md"]), default=None,
              help="html (print-ready, default), pdf (A4, numbered pages), csv, json or md; else guessed from "
                   "--out's extension.")
@click.option("--title", default="", help="A title for the cover (nothing is guessed); `-` asks for it at a prompt.")
@click.option("--name", "own_name", default="", help="Your name, for the cover (left off unless given); `-` asks for "
                                                      "it at a prompt, out of your shell history.")
@click.option("--statement", is_flag=False, flag_value="", default=None, metavar="[TEXT]",
              help="PDF only: end with a statement of truth to sign (your --name, a signature line, a date line); "
                   "TEXT replaces the standard wording.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@click.option("--with-images", is_flag=True,
              help="HTML and PDF: show a small copy of each attached image beside its exhibit (made in memory; "
                   "needs Pillow). Without it no picture is in the report.")
@filter_options
@diary_option
@passphrase_option
@handle_errors
def report(out: Path, fmt: str | None, title: str, own_name: str, statement: str | None, force: bool,
           with_images: bool, persons: tuple[str, ...],
           since: str | None, until: str | None, categories: tuple[str, ...], diary_file: Path | None,
           passphrase_file: Path | None) -> None:
    """Write a report for police or a solicitor: the pattern per person, then every incident.

    HTML is one self-contained page set for A4 (open it in any browser, print
    or save as PDF; it loads nothing from anywhere); pdf is the same report as
    an A4 PDF with numbered pages (it needs WeasyPrint: the [pdf] extra), and
    can end with a statement of truth to sign; csv, json and md hold the
    same timeline columns. The cover carries the diary's tamper check and names
    any entry that could not be read (left out; every other one is reported).
    The report ends with the diary's head hash for `voicelog verify --head`. It
    is written only to --out, not sealed.

    \b
    Examples:
      voicelog report --out log.html
      voicelog report --out log.html --title "Incident diary" --name "Jane Doe"
      voicelog report --format pdf --out log.pdf --name "Jane Doe" --statement
      voicelog report --out colin.csv --person "Colin Mowbray" --since 2026-01-01
      voicelog report --format pdf --out log.pdf --with-images
    """
    from voicelog.app.export import check_report
    from voicelog.app.export import report as report_

    # before asking for the passphrase
    title = asked(title, "Title", optional=True) if title == ASK else title
    own_name = asked(own_name, "Your name", optional=True) if own_name == ASK else own_name
    check_report(out, fmt, statement=statement, overwrite=force, with_images=with_images)
    with open_to_read(diary_file, passphrase_file) as diary:
        written = report_(diary, out, fmt=fmt, people=persons, since=since, until=until, categories=categories,
                          title=title, name=own_name, statement=statement, overwrite=force,
                          with_images=with_images)
        warn_damaged(diary)
    if not written.verified:
        stderr().print("[bold red]The report says on its cover that this diary failed its tamper check[/bold red]"
                       + (" (a CSV has no cover: hand it over with the HTML, JSON or Markdown report)."
                          if written.format == "csv" else "."))
    voided = (f" and {written.voided} voided entr{'y' if written.voided == 1 else 'ies'} (one line each)"
              if written.voided else "")
    stderr().print(f"Wrote a report of {written.incidents} incident(s){voided} to {out}. "
                   "[bold]It is not sealed:[/bold] "
                   "anyone who opens the file can read it. Keep it somewhere safe, and delete it once handed over.")


@click.command(context_settings=CONTEXT)
@click.option("--unreviewed", is_flag=True, help="Only entries you have not confirmed yet.")
@filter_options
@diary_option
@passphrase_option
@handle_errors
def review(unreviewed: bool, persons: tuple[str, ...], since: str | None, until: str | None,
           categories: tuple[str, ...], diary_file: Path | None, passphrase_file: Path | None) -> None:
    """Go through entries, newest first: confirm them, or correct what was misheard.

    Keyboard only. Up/Down choose an entry, Tab moves through its fields,
    Ctrl+L clears a field, Ctrl+S saves corrections (as an amendment; the
    original stays), Ctrl+R confirms the entry as right. Escape or Ctrl+C quits
    at once and clears the screen and scrollback; with a correction not saved,
    it covers the screen and asks first (Escape again leaves without saving).

    \b
    Examples:
      voicelog review
      voicelog review --unreviewed
    """
    from voicelog.cli.review_app import run_review

    with open_to_read(diary_file, passphrase_file) as diary:
        entries = _filtered(diary, diary.entries(with_words=True), persons, since, until, categories)
        found = dict(diary.damaged)
        run_review(diary, entries, unreviewed=unreviewed, damaged=found)
        diary.damaged = found  # a save in the app reads again; name what the listing itself left out
        warn_damaged(diary)
