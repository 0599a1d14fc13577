"""``voicelog people``: the people a person names, so accounts are matched to them."""

from __future__ import annotations

from pathlib import Path

import click

from voicelog.cli.asking import asked, asked_each, split, wants_asking
from voicelog.cli.discreet import discreet_option
from voicelog.cli.options import (
    CONTEXT,
    diary_option,
    diary_path,
    first_diary,
    handle_errors,
    json_option,
    open_to_read,
    passphrase_option,
    stderr,
    warn_damaged,
)
from voicelog.cli.render import echo_json, person_dict, safe
from voicelog.display import clean


@click.group(context_settings=CONTEXT)
def people() -> None:
    """The people you name, so accounts are matched to them.

    \b
    Examples:
      voicelog people add "Colin Mowbray" --alias "my ex" --alias colin
      voicelog people list
      voicelog people show "Colin Mowbray"
      voicelog people alias "Edward Haworth" ned "his brother"
      voicelog people merge "Edward Haworth" "Ned H"
    """


@people.command("add", context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--alias", "aliases", multiple=True,
              help="Another way you refer to them (repeatable); `-` asks for them at a prompt.")
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_add(name: str | None, aliases: tuple[str, ...], diary_file: Path | None, passphrase_file: Path | None,
               as_json: bool) -> None:
    """Register NAME (or add aliases to a registered person).

    Leave NAME out (or give -) to type it, and their aliases, at a prompt:
    a name on the command line stays in your shell history in plain text.

    \b
    Examples:
      voicelog people add                  asked for the name and aliases
      voicelog people add "Colin Mowbray" --alias "my ex" --alias colin
    """
    prompted = wants_asking(name)
    name = asked(name, "Name")
    if prompted and not aliases:
        aliases = tuple(split(asked(None, "Other names for them, separated by commas (Enter for none)",
                                    optional=True)))
    aliases = asked_each(aliases, "Other names for them, separated by commas")
    path = diary_path(diary_file)
    if not path.exists():
        first_diary(path, passphrase_file)
    with open_to_read(diary_file, passphrase_file) as diary:
        person = diary.add_person(name, aliases)
    if as_json:
        echo_json(person_dict(person), indent=None)
    else:
        also = f" (also: {', '.join(person.aliases)})" if person.aliases else ""
        stderr().print(f"Registered {safe(person.name + also)}")


@people.command("list", context_settings=CONTEXT)
@discreet_option
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_list(diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """List registered people and their aliases.

    \b
    Example:
      voicelog people list --json
    """
    with open_to_read(diary_file, passphrase_file) as diary:
        found = diary.people()
        warn_damaged(diary)  # entries the registry could not be matched to (read when it was applied)
    if as_json:
        echo_json([person_dict(p) for p in found], indent=None)
        return
    if not found:
        stderr().print("No one registered yet. Add someone with `voicelog people add NAME --alias ALIAS`.")
    for p in found:
        click.echo(clean(p.name + (f"  (also: {', '.join(p.aliases)})" if p.aliases else "")))


@people.command("show", context_settings=CONTEXT)
@discreet_option
@click.argument("name", required=False)
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_show(name: str | None, diary_file: Path | None, passphrase_file: Path | None, as_json: bool) -> None:
    """Show NAME's aliases and the incidents naming them: how many, first, last, behaviours.

    Leave NAME out (or give -) to type it at a prompt, out of your shell history.

    \b
    Examples:
      voicelog people show "Colin Mowbray"
      voicelog people show dave --json
      voicelog people show                 asked for the name
    """
    name = asked(name, "Name")
    from voicelog.filters import Registry
    from voicelog.report import person_summary

    with open_to_read(diary_file, passphrase_file) as diary:
        registry = Registry(diary.people())
        entries = diary.entries()
        summary = person_summary(name, entries, registry, roles=("subject", "witness", "other"))
        subject = person_summary(name, entries, registry).count
        warn_damaged(diary)
    known = registry.known(name)
    if as_json:
        echo_json({"name": summary.name, "registered": known is not None, "aliases": list(summary.aliases),
                   "incidents": summary.count, "as_subject": subject, "first": summary.first or None,
                   "last": summary.last or None, "behaviours": dict(summary.behaviours),
                   "trend": summary.trend, "entries": list(summary.numbers)}, indent=None)
        return
    click.echo(clean(summary.name) + ("" if known else "  (not registered; `voicelog people add` to register)"))
    if summary.aliases:
        click.echo(f"  also called  {clean(', '.join(summary.aliases))}")
    if not summary.count:
        click.echo("  no incidents name them")
        return
    click.echo(f"  incidents    {summary.count} ({subject} as the one who did it), "
               f"first {clean(summary.first)}, last {clean(summary.last)}")
    click.echo("  behaviour    " + clean(", ".join(f"{c} ({n})" for c, n in summary.behaviours) or "—"))
    click.echo(f"  frequency    {summary.trend_text}")
    click.echo(f"  entries      {', '.join(str(n) for n in summary.numbers)}")


@people.command("alias", context_settings=CONTEXT)
@click.argument("name", required=False)
@click.argument("aliases", nargs=-1)
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_alias(name: str | None, aliases: tuple[str, ...], diary_file: Path | None, passphrase_file: Path | None,
                 as_json: bool) -> None:
    """Add ALIASES (other ways you refer to them) to the registered person NAME.

    Leave them out (or give -) to type them at a prompt, out of your shell history.

    \b
    Examples:
      voicelog people alias "Edward Haworth" ned "his brother"
      voicelog people alias                asked for the name and the aliases
    """
    name = asked(name, "Name")
    aliases = asked_each(aliases or ("-",), "Other names for them, separated by commas")
    with open_to_read(diary_file, passphrase_file) as diary:
        person = diary.add_aliases(name, aliases)
    if as_json:
        echo_json(person_dict(person), indent=None)
    else:
        stderr().print(f"{safe(person.name)} is also: {safe(', '.join(person.aliases))}")


@people.command("merge", context_settings=CONTEXT)
@click.argument("keep", required=False)
@click.argument("other", required=False)
@diary_option
@passphrase_option
@json_option
@handle_errors
def people_merge(keep: str | None, other: str | None, diary_file: Path | None, passphrase_file: Path | None,
                 as_json: bool) -> None:
    """Make OTHER the same person as KEEP: OTHER's name and aliases become KEEP's aliases.

    OTHER may be a registered person (who is then removed from the list) or a
    name as it appears in entries. Entries are not rewritten; lists and reports
    count both as KEEP from now on.

    Leave them out (or give -) to type them at a prompt, out of your shell history.

    \b
    Examples:
      voicelog people merge "Edward Haworth" ned
      voicelog people merge                asked for both names
    """
    keep = asked(keep, "The person to keep")
    other = asked(other, "The name to count as them")
    with open_to_read(diary_file, passphrase_file) as diary:
        person = diary.merge_people(keep, other)
    if as_json:
        echo_json(person_dict(person), indent=None)
    else:
        stderr().print(f"{safe(other)} is now counted as {safe(person.name)} "
                       f"(also: {safe(', '.join(person.aliases))}).")
