"""How entries, histories, tables, people and extractions look on screen; shared by the commands and ``review``.

JSON goes through :func:`echo_json`, so ``--json`` is the same everywhere; text
goes through rich, with every value from the diary escaped (:func:`safe`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from voicelog.display import clean

if TYPE_CHECKING:
    from rich.text import Text

    from voicelog.incident import Incident, KnownPerson, PersonRef
    from voicelog.store.entries import Entry
    from voicelog.transcript import Transcript

UNSURE_NOTE = "(?) marks a word the recogniser was unsure of."
CHECK_NOTE = "\\[check] marks a field voicelog was unsure of; correct it with `voicelog amend`."


def echo_json(data: Any, *, indent: int | None = 2) -> None:
    """``data`` as JSON on stdout (account words kept as they are; only control characters are escaped)."""
    from voicelog.display import json_safe

    # json.dumps escapes C0 controls itself; json_safe escapes C1 and bidi controls too (still the same data).
    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=indent)))


def safe(text: str) -> str:
    """A value from the diary ready for rich markup: control characters neutralised, brackets escaped."""
    from rich.markup import escape

    return escape(clean(text))


def people_text(people: Sequence[PersonRef]) -> str:
    """``Colin Mowbray (subject), Hilda (witness)``."""
    return ", ".join(f"{p.name} ({p.role})" for p in people)


def when_text(inc: Incident) -> str:
    """``2026-03-24 ~21:30``, or the part of day when no time was said."""
    parts = [inc.date or "?"]
    if inc.time:
        parts.append(("~" if inc.time_approximate else "") + inc.time)
    elif inc.period:
        parts.append(inc.period)
    return " ".join(parts)


def marked_transcript(transcript: Transcript, *, highlight: str = "bold") -> Text:
    """The account with words the recogniser was unsure of in ``highlight`` and marked ``(?)``."""
    from rich.text import Text

    from voicelog.transcript import LOW_CONFIDENCE

    if not transcript.words:
        return Text(clean(transcript.text))
    out = Text()
    for i, w in enumerate(transcript.words):
        if i and w.text[:1] not in "-,.;:!?'’)":  # Whisper splits "half-past" as "half", "-past"
            out.append(" ")
        if w.confidence < LOW_CONFIDENCE:
            out.append(clean(w.text), style=highlight)
            out.append("(?)", style="yellow")
        else:
            out.append(clean(w.text))
    return out


def source_text(inc: Incident, field: str) -> str:
    """The spoken words a field came from, quoted; the date's line also quotes the time's."""
    keys = ("date", "time", "period") if field == "date" else (field,)
    found = [str(inc.sources[k]) for k in keys if inc.sources.get(k)]
    return " + ".join(f"“{s}”" for s in dict.fromkeys(found))


def rule_text(inc: Incident, field: str) -> str:
    """The extractor rules that decided a field (the date's line also names the time's), for ``show``."""
    keys = ("date", "time") if field == "date" else (field,)
    names = [n for k in keys for n in (inc.rules.get(k) or "").split("; ") if n]
    return ", ".join(dict.fromkeys(names))


def person_dict(person: KnownPerson) -> dict[str, Any]:
    """A registered person as ``--json`` prints them."""
    return {"name": person.name, "aliases": list(person.aliases)}


def print_entry(entry: Entry, as_json: bool, *, history: bool = False) -> None:
    """One entry in full: fields (marked where unsure or amended), where they came from, the account.

    A voided entry shows only that it was voided, unless ``history`` (the owner asked for everything).
    """
    from voicelog.cli.options import stdout

    if entry.voided is not None and not history:
        if as_json:
            echo_json(entry.void_dict())
        else:
            stdout().print(f"{safe(entry.void_line())}\n[dim]  `voicelog show {entry.seq} --history` shows what "
                           "it said[/dim]")
        return
    if as_json:
        echo_json(entry.to_dict())
        return
    from voicelog.transcript import LOW_CONFIDENCE

    inc = entry.incident
    out = stdout()
    changed: set[str] = set()
    for a in entry.amendments:
        changed |= set(a.changes)

    def check(*fields: str) -> str:
        return " [yellow]\\[check][/yellow]" if any(f in inc.uncertain for f in fields) else ""

    def mark(*fields: str) -> str:
        return " [cyan]\\[amended][/cyan]" if changed & set(fields) else ""

    rows = [
        ("Entry", safe(str(entry.seq))
         + (" [magenta](recovered after a crash)[/magenta]" if entry.recovered else "")
         + (f" [red](voided on {safe(entry.voided.written_at[:10])}: {safe(entry.voided.void)})[/red]"
            if entry.voided else "")),
        ("Recorded", safe(entry.recorded_at)),
        ("When", safe(when_text(inc)) + check("date", "time") + mark("date", "time", "period", "time_approximate")),
        ("Where", safe(inc.location or "—") + check("location") + mark("location")),
        ("Who", safe(people_text(inc.people) or "—") + check("people") + mark("people")),
        ("What", safe(", ".join(inc.categories) or "—") + check("categories") + mark("categories")),
    ]
    for label, name in (("Impact", "impact"), ("Evidence", "evidence"), ("Police", "police"), ("Reported", "reported"),
                        ("Address", "address"), ("Vehicle", "vehicle"), ("Contact", "contact")):
        values = getattr(inc, name)
        if values:
            rows.append((label, safe("; ".join(values)) + mark(name)))
    rows += [
        ("Heard by", safe(f"{entry.recognised.engine} {entry.recognised.model}".strip() or "—")
         + (" [cyan](words corrected by you)[/cyan]" if entry.words_corrected else "")),
        ("Source", safe(entry.source) + (", recording kept" if entry.has_audio else "")),
        ("Hash", safe(entry.hash)),
    ]
    for label, value in rows:
        out.print(f"[bold]{label:9}[/bold] {value}")
    for label, field in (("when", "date"), ("where", "location"), ("who", "people"), ("what", "categories"),
                         ("reported", "reported"), ("address", "address"), ("vehicle", "vehicle"),
                         ("contact", "contact")):
        src, rules = source_text(inc, field), rule_text(inc, field)
        if src:
            out.print(f"[dim]  {label} from: {safe(src)}" + (f" (rule: {safe(rules)})" if rules else "") + "[/dim]")
    if entry.amendments:
        out.print(f"[dim]  amended {len(entry.amendments)} time(s); "
                  f"`voicelog show {entry.seq} --history` shows how[/dim]")
    out.print()
    out.print(marked_transcript(entry.transcript))
    if entry.words_corrected is not None:
        out.print(f"[dim]  words corrected by you on {safe(entry.words_corrected.written_at[:10])}; the words first "
                  f"recorded are kept: `voicelog show {entry.seq} --history`[/dim]")
    if any(w.confidence < LOW_CONFIDENCE for w in entry.transcript.words):
        out.print(f"[dim]{UNSURE_NOTE}[/dim]")
    if inc.uncertain:
        out.print(f"[dim]{CHECK_NOTE}[/dim]")


def print_history(entry: Entry) -> None:
    """The entry as first written, then each amendment, oldest first."""

    from voicelog.cli.options import stdout
    from voicelog.corrections import name_of

    out = stdout()
    first = entry.original or entry.incident
    out.print()
    out.print(f"[bold]As first written[/bold] ({safe(entry.written_at)}, "
              f"extractor {safe(first.extractor_version or '?')}):")
    out.print(f"  when {safe(when_text(first))}; where {safe(first.location or '—')}; "
              f"who {safe(people_text(first.people) or '—')}; what {safe(', '.join(first.categories) or '—')}")
    if entry.first_transcript is not None:  # the words changed since: the first are shown here
        out.print(f"  words: “{safe(entry.first_transcript.text)}”")
    for number, a in enumerate(entry.amendments, 1):  # numbered per entry: row numbers are the chain's
        what = ", ".join(f"{name_of(k)} = {json.dumps(v, ensure_ascii=False)}" for k, v in a.changes.items())
        if a.incident is not None:
            what = (what + "; " if what else "") + f"re-extracted ({a.incident.extractor_version})"
        if a.void:
            what = (what + "; " if what else "") + f"voided: {a.void}"
        if a.transcript is not None:
            what = (what + "; " if what else "") + ("words corrected by you" if a.words_corrected else "heard again")
        out.print(f"[bold]Amendment {number}[/bold] ({safe(a.written_at)}): {safe(what or 'note only')}"
                  + (f" — “{safe(a.note)}”" if a.note else ""))
        if a.transcript is not None:
            out.print(f"  words: “{safe(a.transcript.text)}”")


def entries_table(entries: Sequence[Entry], as_json: bool) -> None:
    """Entries one a row: number, when, where, who, what, the first words said."""
    if as_json:
        echo_json([e.void_dict() if e.voided else e.to_dict() for e in entries])
        return
    from voicelog.cli.options import stderr, stdout

    if not entries:
        stderr().print("No entries.")
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for col in ("#", "when", "where", "who", "what", "said"):
        table.add_column(col, overflow="fold")
    for e in entries:
        if e.voided is not None:  # its number stays in the list; its content does not
            table.add_row(str(e.seq), f"[dim]voided on {safe(e.voided.written_at[:10])}[/dim]", "", "", "",
                          f"[dim]{safe(e.voided.void)}[/dim]")
            continue
        inc = e.incident
        words = e.transcript.text.split()
        said = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        table.add_row(str(e.seq), safe(when_text(inc)), safe(inc.location or ""), safe(people_text(inc.people)),
                      safe(", ".join(inc.categories)), safe(said))
    stdout().print(table)


def print_extracted(incident: Incident) -> None:
    """What ``voicelog extract`` found, each field with the words it came from."""

    from voicelog.cli.options import stdout

    out = stdout()
    for label, value, field in (
        ("When", when_text(incident), "date"),
        ("Where", incident.location or "—", "location"),
        ("Who", people_text(incident.people) or "—", "people"),
        ("What", ", ".join(incident.categories) or "—", "categories"),
        ("Impact", "; ".join(incident.impact), "impact"),
        ("Evidence", "; ".join(incident.evidence), "evidence"),
        ("Police", "; ".join(incident.police), "police"),
        ("Reported", "; ".join(incident.reported), "reported"),
        ("Address", "; ".join(incident.address), "address"),
        ("Vehicle", "; ".join(incident.vehicle), "vehicle"),
        ("Contact", "; ".join(incident.contact), "contact"),
    ):
        if not value:
            continue
        src = source_text(incident, field)
        unsure = field in incident.uncertain or (field == "date" and "time" in incident.uncertain)
        out.print(f"[bold]{label:8}[/bold] {safe(value)}" + (" [yellow]\\[check][/yellow]" if unsure else "")
                  + (f"   [dim]← {safe(src)}[/dim]" if src else ""))
    if incident.uncertain:
        out.print("[dim]\\[check] marks a field voicelog was unsure of.[/dim]")
