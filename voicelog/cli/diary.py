"""Commands about the diary itself: ``init``, ``passwd``, ``verify``, ``upgrade``, ``amend``, ``void``, ``audio``,
``backup``, ``salvage``, ``reextract``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from voicelog.cli.asking import ASK, asked, asked_each
from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    ask_passphrase,
    diary_option,
    diary_path,
    escape,
    given_passphrase,
    handle_errors,
    has_terminal,
    json_option,
    new_passphrase,
    open_to_read,
    passphrase_option,
    plural,
    show_code,
    stderr,
    warn_damaged,
)
from voicelog.cli.render import echo_json, print_entry
from voicelog.errors import UsageError


@click.command(context_settings=CONTEXT)
@click.option("--plain", is_flag=True, help="Keep the diary unsealed (anyone with the device can read it).")
@click.option("--wake", metavar="PHRASE", help="The private phrase that starts an account in `voicelog listen`.")
@diary_option
@passphrase_option
@handle_errors
def init(plain: bool, wake: str | None, diary_file: Path | None, passphrase_file: Path | None) -> None:
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
    from voicelog.store.opening import init_diary

    path = diary_path(diary_file)
    if path.exists() and path.stat().st_size > 0:  # said before any passphrase or warning
        raise UsageError(f"A diary already exists at {path}; nothing was changed. To start another, "
                         "give a new file with --diary.")
    if plain:
        stderr().print("[yellow]Warning:[/yellow] a plain diary is not sealed: anyone who gets this device "
                       "can read every account in it.")
        code = init_diary(path, passphrase=None, plain=True)
    else:
        given = given_passphrase(passphrase_file)
        if given is None:
            if not has_terminal():
                raise UsageError("No passphrase given; type one in a terminal, or use --passphrase-file / "
                                 "VOICELOG_PASSPHRASE.")
            given = new_passphrase()
        code = init_diary(path, passphrase=given)
    stderr().print(f"Diary ready at {path} ({'plain' if plain else 'sealed'}). "
                   + ("" if plain else f"Keep a backup of {path.name}.key too: without it a sealed diary "
                      "cannot be read."))
    show_code(code)
    if wake is None and has_terminal():
        wake = click.prompt(
            "For hands-free use (`voicelog listen`), choose a wake phrase only you would say, "
            "three or four unusual words (Enter to skip)", default="", show_default=False, err=True,
        )
    if wake and wake.strip():
        from voicelog.config import save_setting
        from voicelog.wake_strength import check_wake_phrase

        where = save_setting("wake", check_wake_phrase(wake))  # at least three words, not an everyday phrase
        stderr().print(f"Wake phrase saved in {where}.")
        if has_terminal() and click.confirm("Try it now: say it into the microphone and see if it is heard?",
                                            default=False, err=True):
            _try_wake_phrase(check_wake_phrase(wake))


def _try_wake_phrase(wake: str) -> None:
    """Listen for ``wake`` as `voicelog listen` would, once, and say whether it was heard (never fails `init`)."""
    from voicelog.app.listen import WAKE_TRIAL_SECONDS, try_wake_phrase
    from voicelog.audio import MicrophoneSource
    from voicelog.config import load_config
    from voicelog.engines.registry import load_engine
    from voicelog.errors import VoicelogError
    from voicelog.settings import dictate_settings

    try:
        config = load_config()
        settings = dictate_settings(config)
        engine = load_engine(settings.engine, config)
        stderr().print(f"Listening for {WAKE_TRIAL_SECONDS:.0f} seconds: say your wake phrase now.")
        with MicrophoneSource(settings.microphone.device) as mic:
            heard = try_wake_phrase(engine, wake, mic)
    except VoicelogError as exc:
        stderr().print(f"The phrase is saved, but it could not be tried: {exc}")
        return
    stderr().print("Heard it." if heard else "Not heard: try it again with `voicelog listen`, or choose words "
                   "the recogniser hears clearly (wake in the config file; `voicelog paths` shows where).")


@click.command(context_settings=CONTEXT)
@diary_option
@passphrase_option
@click.option("--new-passphrase-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the new passphrase from this file (for scripts).")
@handle_errors
def passwd(diary_file: Path | None, passphrase_file: Path | None, new_passphrase_file: Path | None) -> None:
    """Change the passphrase and move the diary to a new key.

    Entries from now on are sealed to a new key; earlier ones are not re-sealed
    and open with the new passphrase. An old copy of the key file, with the old
    passphrase, opens nothing written after the change. Restart `voicelog
    listen` if it is running, so that it seals to the new key.

    \b
    Examples:
      voicelog passwd
      voicelog passwd --passphrase-file old.txt --new-passphrase-file new.txt
    """
    from voicelog.store.keys import fingerprint
    from voicelog.store.opening import change_passphrase

    path = diary_path(diary_file)
    old = ask_passphrase(passphrase_file, label="Current passphrase")
    if new_passphrase_file is not None:
        new = given_passphrase(new_passphrase_file) or ""
    elif has_terminal():
        new = new_passphrase()
    else:
        raise UsageError("Give the new passphrase with --new-passphrase-file, or run in a terminal.")
    if not old:
        raise UsageError("The current passphrase is needed; type it, or use --passphrase-file.")
    public = change_passphrase(path, old, new)
    stderr().print(f"Passphrase changed. New entries are sealed to a new key (fingerprint {fingerprint(public)}); "
                   "earlier entries open with the new passphrase. Make a fresh `voicelog backup` (an older one cannot "
                   "open what is written from now on), and restart `voicelog listen` if it is running.")


@click.command(context_settings=CONTEXT)
@diary_option
@click.option("--code", metavar="CODE", help="The verification code shown when the diary was set up: checks every "
              "row's seal without the passphrase.")
@click.option("--unlock", is_flag=True, help="Check the seals with your passphrase instead of the code.")
@passphrase_option
@click.option("--head", "expected_head", metavar="HASH",
              help="Also check that the chain ends at this hash (from an export).")
@json_option
@handle_errors
def verify(diary_file: Path | None, code: str | None, unlock: bool, passphrase_file: Path | None,
           expected_head: str | None, as_json: bool) -> None:
    """Check that no entry was changed, forged, removed, inserted or reordered.

    Without the code or the passphrase it checks the hash chain and that no
    rows were cut off the end. With the verification code from `voicelog init`
    (or the passphrase) it also checks every row's forward-secure seal: someone
    who had the device can add rows after that moment, but cannot change,
    forge or remove any row written before it without this naming the row.
    Exit code 0 when everything fits, 3 when something does not.

    \b
    Examples:
      voicelog verify --code ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ
      voicelog verify --unlock             with your passphrase
      voicelog verify --head 3985b0d0c9a2…  the head hash printed on an export
    """
    import re

    from voicelog.store.opening import open_diary, open_for_reading
    from voicelog.store.sealing import parse_code

    if expected_head is not None:
        expected_head = expected_head.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{16,64}", expected_head):
            raise UsageError("--head needs at least 16 hex characters of the hash printed on the export "
                             "(0-9, a-f), e.g. --head 3985b0d0c9a2f1e4.")
    origin = parse_code(code) if code else None
    path = diary_path(diary_file)
    with_passphrase = origin is None and (unlock or given_passphrase(passphrase_file) is not None)
    opened = (open_for_reading(path, lambda: ask_passphrase(passphrase_file)) if with_passphrase
              else open_diary(path))
    with opened as diary:
        result = diary.verify(origin)
        head_seq, head = diary.head()
        export_row = diary.find_hash(expected_head) if expected_head else None
        warnings = diary.warnings
    head_ok = expected_head is None or export_row is not None
    added = head_seq - export_row if export_row is not None else None
    if as_json:
        echo_json({**result.to_dict(), "ok": result.ok and head_ok, "head": head,
                   "head_matches": head.startswith(expected_head) if expected_head else None,
                   "export_row": export_row, "rows_added_since": added, "warnings": warnings}, indent=None)
    else:
        for warning in warnings:
            click.echo(f"Warning: {warning}")
        for sentence in result.sentences():
            click.echo(f"Problem: {sentence}")
        if not head_ok:
            click.echo(f"Problem: no row has the hash {expected_head}: the rows the export was made from were changed "
                       "or removed (or the hash was copied wrongly).")
        elif expected_head and added:
            click.echo(f"The export ends at row {export_row}; {added} row(s) were added since.")
        click.echo(result.summary() + f" Head {head}.")
    if not result.ok or not head_ok:
        sys.exit(3)


@click.command(context_settings=CONTEXT)
@diary_option
@passphrase_option
@handle_errors
def upgrade(diary_file: Path | None, passphrase_file: Path | None) -> None:
    """Start forward-secure sealing on a diary made before it, and move its people list into the chain.

    Prints a verification code: write it down and keep it off the device.
    Every row already in the diary is covered from now on (the first sealed row
    holds the hash of the last one before it).

    \b
    Example:
      voicelog upgrade
    """
    from voicelog.store.opening import upgrade_diary

    code = upgrade_diary(diary_path(diary_file), lambda: ask_passphrase(passphrase_file))
    stderr().print("Forward-secure sealing started.")
    show_code(code)


def _ask_field(name: str, current: str, hint: str, problem: str | None) -> str:
    """One field at the plain prompt of ``amend --edit``; what is typed ("" for Enter)."""
    from voicelog.display import clean

    if problem:
        stderr().print(f"[red]{escape(problem)}[/red] ({escape(name)}: {escape(hint)})")
    shown = clean(current) or "not said"
    return str(click.prompt(f"{name} [{shown}]", default="", show_default=False, err=True))


@click.command(context_settings=CONTEXT)
@discreet_option(clear_after=True)
@click.argument("number", type=int)
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field: date, time, approximate, period, place, people, categories, impact, evidence, "
                   "police, address, vehicle, contact, reported; `--set -` asks for FIELD=VALUE at a prompt (out of "
                   "your shell history).")
@click.option("--note", default="", help="Why, or what else you remember; `--note -` asks for it at a prompt.")
@click.option("--edit", is_flag=True, help="Correct the fields in your editor ($EDITOR), or field by field when "
                                           "none is set.")
@click.option("--transcript", "words", metavar="TEXT",
              help="Correct the words: the whole account as it should read; `-` reads it from standard input, so "
                   "it is not kept in your shell history. The recogniser's words stay in the history.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def amend(number: int, sets: tuple[str, ...], note: str, edit: bool, words: str | None, diary_file: Path | None,
          passphrase_file: Path | None, as_json: bool) -> None:
    """Correct entry NUMBER without rewriting it: the correction is a new, chained amendment.

    People are written "Name:role" separated by commas (role: subject, witness,
    other); categories by commas; impact, evidence, police, address, vehicle,
    contact (a witness's "Name: number") and reported by semicolons.

    --transcript replaces the words shown and reported (marked as corrected,
    the recogniser's words kept in a footnote) and works out the fields again
    from them, except those you corrected yourself. Prefer `--transcript -`:
    a command line, with its words, is saved in your shell history in plain text.

    \b
    Examples:
      voicelog amend 4 --set date=2026-03-24 --set time=21:30
      voicelog amend 4 --set place="the Co-op on Moss Lane" --note "misheard as moss line"
      voicelog amend 4 --set people="Colin Mowbray:subject, Hilda:witness"
      voicelog amend 4 --set vehicle="white Kia Ceed, registration KD71 XRT" --set reported="police (101)"
      voicelog amend 4 --edit
      wl-paste | voicelog amend 4 --transcript -
      voicelog amend 4 --set - --note -          asked for the correction and the note
    """
    import os

    from voicelog import corrections
    from voicelog.app.amend import CLEAR, correct_words, edit_changes, prompt_changes, way_to_edit
    from voicelog.app.amend import amend as amend_

    # how to ask is settled before the passphrase: with no terminal and no editor, nobody can answer
    way = way_to_edit(editor=os.environ.get("VISUAL") or os.environ.get("EDITOR"), terminal=has_terminal()) \
        if edit else None
    sets = asked_each(sets, "Correction (FIELD=VALUE)")
    note = asked(note, "Note") if note == ASK else note
    changes = corrections.parse_set(sets)
    if words is not None and edit:
        raise UsageError("Correct the words (--transcript) and the fields (--edit) in two runs of `voicelog amend`.")
    if words == "-":
        if has_terminal():
            stderr().print("Type the account as it should read, then press Ctrl-D on an empty line (Ctrl-C stops "
                           "without changing anything). It is kept in memory only, then sealed.", markup=False)
        words = sys.stdin.read()
    elif words is not None:
        click.echo("Warning: words given with --transcript are saved in your shell history in plain text; next "
                   "time use `--transcript -` and type or pipe them in.", err=True)
    with open_to_read(diary_file, passphrase_file) as diary:
        entry = diary.get(number)  # a damaged entry is refused before anything is written
        if way == "editor":
            changes.update(edit_changes(entry, lambda path: click.edit(filename=str(path)), sealed=diary.sealed))
        elif way == "prompt":
            stderr().print(f"Correcting entry {number}, field by field: Enter keeps the value shown, {CLEAR} "
                           "clears it, Ctrl+C stops without saving anything.")
            changes.update(prompt_changes(entry, _ask_field))
        if words is not None:
            done = correct_words(diary, number, words, changes=changes, note=note)
        else:
            done = amend_(diary, number, changes, note=note)
        warn_damaged(diary)
    stderr().print(f"Entry {number} amended; the original is kept (`voicelog show {number} --history`).")
    print_entry(done.entry, as_json)


@click.command("void", context_settings=CONTEXT)
@click.argument("number", type=int)
@click.option("--reason", help="Why the entry is void (shown in lists and reports); left out or `-`, asked for at "
                               "a prompt (out of your shell history).")
@diary_option
@passphrase_option
@json_option
@handle_errors
def void(number: int, reason: str | None, diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Void entry NUMBER (a false start, someone else's chatter) without deleting it.

    The void is a new, chained amendment: the entry keeps its number, lists and
    reports show only that it was voided, when and why, and `voicelog show
    NUMBER --history` still shows you what it said. It cannot be undone.

    \b
    Examples:
      voicelog void 7 --reason "recorded by mistake: the television"
      voicelog void 7                       asked for the reason
    """
    from voicelog.app.void import void as void_
    from voicelog.cli.render import safe

    reason = asked(reason, "Why is it void")

    with open_to_read(diary_file, passphrase_file) as diary:
        done = void_(diary, number, reason)
        warn_damaged(diary)
    if as_json:
        echo_json(done.to_dict())
    else:
        stderr().print(f"{safe(done.line)}. Its words are kept: `voicelog show {number} --history` shows them.")


@click.command(context_settings=CONTEXT)
@click.argument("number", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="WAV file to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@diary_option
@passphrase_option
@handle_errors
def audio(number: int, out: Path, force: bool, diary_file: Path | None, passphrase_file: Path | None) -> None:
    """Write the recording kept with entry NUMBER to a WAV file (readable only by you).

    The file is not sealed: keep it somewhere safe, or hand it over and delete it.

    \b
    Example:
      voicelog audio 3 --out entry-3.wav
    """
    from voicelog.app.export import export_audio, refuse_existing

    refuse_existing(out, overwrite=force)  # before asking for the passphrase
    with open_to_read(diary_file, passphrase_file) as diary:
        done = export_audio(diary, number, out, overwrite=force)
        warn_damaged(diary)
    stderr().print(f"Wrote {done.seconds:.1f} s to {out}. It is not sealed: keep it safe.")


@click.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@diary_option
@handle_errors
def backup(dest: Path, diary_file: Path | None) -> None:
    """Write a consistent copy of the diary (still sealed) and its key file to DEST.

    Safe while a dictation or the listening service is writing. No passphrase needed.

    \b
    Example:
      voicelog backup /media/usb/diary-backup.db
    """
    from voicelog.store.backup import backup_diary

    done = backup_diary(diary_path(diary_file), dest)
    stderr().print(f"Backed up to {done.diary}" + (f" and {done.key.name}" if done.key else "") + ".")


@click.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@diary_option
@passphrase_option
@handle_errors
def salvage(dest: Path, diary_file: Path | None, passphrase_file: Path | None) -> None:
    """Copy every readable entry of a damaged diary into a new diary at DEST.

    Each entry keeps its recorded time, source, recording and corrections; the
    people list comes too. The new diary is sealed to the same key (its key
    file is copied beside it, so the same passphrase opens it) and gets a
    verification code of its own. Entries are numbered afresh. The damaged
    diary is only read, never changed. Needs the passphrase.

    \b
    Examples:
      voicelog salvage ~/diary-salvaged.db
      voicelog --diary ~/diary-salvaged.db list
    """
    from voicelog.app.salvage import salvage as salvage_
    from voicelog.cli.options import warn_opened
    from voicelog.store.opening import open_for_reading

    # Opened by the store, not open_to_read: applying the people list would write to the damaged diary.
    with open_for_reading(diary_path(diary_file), lambda: ask_passphrase(passphrase_file)) as diary:
        warn_opened(diary, check=True)
        done = salvage_(diary, dest)
    console = stderr()
    console.print(f"Copied {plural(len(done.copied), 'entry', 'entries')} "
                  f"({sum(c.corrections for c in done.copied)} correction(s), "
                  f"{sum(c.audio for c in done.copied)} recording(s)) and "
                  f"{plural(done.people, 'person', 'people')} of the people list to {done.diary}"
                  + (f", with its key file {done.key.name}." if done.key else "."))
    if done.renumbered:
        console.print("New numbers: " + ", ".join(f"entry {c.old} is now {c.new}" for c in done.renumbered) + ".")
    for c in done.copied:
        if c.flagged:
            console.print(f"[bold red]Entry {c.old}[/bold red] (now {c.new}) failed the tamper check; it was copied "
                          "with a note saying so.")
    if done.left_out:
        console.print(f"[bold red]Could not copy {plural(len(done.left_out), 'entry', 'entries')}[/bold red] "
                      f"({', '.join(str(n) for n in done.left_out)}): they cannot be read.")
        for why in done.left_out.values():
            console.print(f"  {escape(why)}")
    for sentence in done.not_copied:
        console.print(f"  {escape(sentence)}")
    for number in done.recordings_left:
        console.print(f"The recording of entry {number} still opens: `voicelog audio {number} --out "
                      f"entry-{number}.wav` writes it out of the damaged diary.")
    console.print("The damaged diary was not changed; keep it. Use the new one with --diary (or VOICELOG_DIARY).")
    show_code(done.code)


@click.command(context_settings=CONTEXT)
@click.option("--all", "every", is_flag=True, help="Redo every entry, not only those from an older extractor.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def reextract(every: bool, diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Re-run extraction on entries made by an older version of voicelog.

    Each result is appended as an amendment; the original stays, and your own
    corrections still take precedence.

    \b
    Example:
      voicelog reextract
    """
    from voicelog.app.registry import reextract as reextract_

    with open_to_read(diary_file, passphrase_file) as diary:
        done = reextract_(diary, every=every)
    if as_json:
        echo_json([{"seq": r.seq, "from": r.old_version, "to": r.new_version} for r in done], indent=None)
    else:
        stderr().print(f"Re-extracted {plural(len(done), 'entry', 'entries')}.")
