"""What a report shows, built from the amended view of the diary: the timeline rows and each person's pattern.

The renderers (:mod:`voicelog.report.text`, :mod:`voicelog.report.html`) only
format a :class:`Report`; everything counted or compared is decided here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from voicelog.filters import Filter, Registry, incident_day
from voicelog.report.thumbnails import Thumbnail
from voicelog.store.attachments import Attachment
from voicelog.store.entries import Entry
from voicelog.store.verification import Verification

COLUMNS = {
    "number": "No.",
    "date": "Date",
    "time": "Time",
    "place": "Place",
    "what_happened": "What happened (own words)",
    "people": "People and roles",
    "behaviours": "Behaviour",
    "impact": "Impact",
    "evidence": "Evidence kept",
    "police_reference": "Police reference",
    "reported": "Reported",
    "address": "Address",
    "vehicle": "Vehicle",
    "witness_contact": "Witness contact",
    "recorded_at": "Recorded",
    "entry_hash": "Entry hash",
    "amended": "Amended",
}
"""The timeline's columns (the police-log ones), with their printed headings."""

# The amended field of an incident -> the timeline column it shows in.
_FIELD_OF = {"location": "place", "date": "date", "time": "time", "time_approximate": "time", "period": "time",
             "people": "people", "categories": "behaviours", "impact": "impact", "evidence": "evidence",
             "police": "police_reference", "reported": "reported", "address": "address", "vehicle": "vehicle",
             "contact": "witness_contact"}


@dataclass(frozen=True)
class Row:
    """One incident in the timeline, every column as text (so CSV and JSON hold the same rows)."""

    number: str
    """The entry's number in the diary (``voicelog show NUMBER``)."""
    date: str
    """ISO date of the incident, or empty when none was said."""
    time: str
    """``HH:MM`` (``~`` when approximate), a part of the day, or empty."""
    place: str
    """The place as spoken (or corrected)."""
    what_happened: str
    """The account in the person's own words, as transcribed."""
    people: str
    """``Name (role)`` separated by ``; ``, names as registered."""
    behaviours: str
    """Behaviour categories separated by ``, ``."""
    impact: str
    """What the person felt or changed, separated by ``; ``."""
    evidence: str
    """What was kept, separated by ``; ``."""
    police_reference: str
    """Crime reference numbers, officers, separated by ``; ``."""
    reported: str
    """Whether and how it was reported ("police (101)", "landlord"), separated by ``; ``."""
    address: str
    """Full addresses said, separated by ``; ``."""
    vehicle: str
    """Vehicles described (colour, make, model, registration), separated by ``; ``."""
    witness_contact: str
    """Witnesses' contact details ("Name: number"), separated by ``; ``."""
    recorded_at: str
    """When the account was spoken."""
    entry_hash: str
    """The entry's chain hash."""
    amended: str
    """The person's corrections, ``; ``-separated: which fields, when, and their note; empty if none."""


@dataclass(frozen=True)
class PersonSummary:
    """The pattern for one person named as doing it."""

    name: str
    """The registered (or spoken) name they are reported under."""
    aliases: tuple[str, ...]
    """Other names the person used for them, merged people included."""
    count: int
    """Incidents naming them as the one who did it."""
    first: str
    """ISO day of the first of those incidents."""
    last: str
    """ISO day of the last."""
    behaviours: tuple[tuple[str, int], ...]
    """Behaviour categories with how many incidents showed each, most frequent first."""
    weekly: tuple[int, ...]
    """Incidents in each week of the report (weeks start on Monday; see :attr:`Report.weeks`)."""
    trend: str
    """``more``, ``less``, ``same`` or ``unknown`` (too few incidents to tell)."""
    trend_text: str
    """One sentence explaining :attr:`trend` with the numbers."""
    numbers: tuple[int, ...]
    """Their entries' numbers, in timeline order."""
    also_witness: int = 0
    """Incidents naming them in another role (witness, mentioned)."""


@dataclass(frozen=True)
class Integrity:
    """What checking the diary found when the report was made, and what could not be read: for the cover."""

    ok: bool
    """The check found nothing wrong."""
    summary: str
    """One line: :meth:`voicelog.store.verification.Verification.summary`."""
    problems: tuple[str, ...] = ()
    """One sentence a problem found, each naming the row (empty when :attr:`ok`)."""
    code: str = ""
    """The fingerprint of the verification code the diary was set up with ("" for a diary without one)."""
    seals_checked: bool = False
    """Whether each row's forward-secure seal was checked, not only the hash chain."""
    left_out: tuple[str, ...] = ()
    """One sentence an entry or correction that could not be read, so is not in the report (no content)."""


def integrity(verification: Verification, left_out: Iterable[str] = ()) -> Integrity:
    """The cover's account of ``verification`` and of the rows ``left_out`` (sentences naming them)."""
    return Integrity(ok=verification.ok, summary=verification.summary(),
                     problems=() if verification.ok else tuple(verification.sentences()),
                     code=verification.code, seals_checked=verification.seals_checked, left_out=tuple(left_out))


@dataclass(frozen=True)
class Report:
    """Everything a report shows, in every format."""

    rows: tuple[Row, ...]
    """The timeline, in the order incidents happened."""
    people: tuple[PersonSummary, ...]
    """People named as doing it, most incidents first."""
    others: tuple[tuple[str, int], ...]
    """Witnesses and others named (not as doing it), with how many incidents name them."""
    first: str
    """ISO day of the first incident in the report ("" when empty)."""
    last: str
    """ISO day of the last."""
    weeks: tuple[str, ...]
    """ISO day of each Monday from the first incident's week to the last's."""
    behaviours: tuple[tuple[str, int], ...]
    """Behaviour categories across all incidents, most frequent first."""
    head_seq: int
    """The diary's last row number when the report was made."""
    head_hash: str
    """The diary's chain head hash then."""
    generated_at: str
    """When the report was made (local ISO time)."""
    selection: str = ""
    """The filters applied, in words ("" for the whole diary)."""
    title: str = ""
    """The diary's title, only if the person gave one."""
    name: str = ""
    """The person's own name, only if they gave it."""
    unnamed: int = 0
    """Incidents that name no one."""
    amended_rows: int = field(default=0)
    """How many incidents carry a correction by the person."""
    integrity: Integrity | None = None
    """What checking the diary found, and the rows left out as unreadable; None when not checked."""
    exhibits: tuple[Attachment, ...] = ()
    """The files sealed to the reported entries, numbered as exhibits (no content)."""
    thumbnails: tuple[Thumbnail, ...] = ()
    """Small copies of the image exhibits, only when the person asked (``--with-images``)."""
    voided: int = 0
    """Timeline rows that are voided entries: one line each, counted in no total or chart."""

    @property
    def incidents(self) -> int:
        """The incidents reported: the timeline's rows less the voided ones."""
        return len(self.rows) - self.voided


def when_text(entry: Entry) -> str:
    """The time column: ``~21:30``, ``21:30``, ``evening`` or empty."""
    inc = entry.incident
    if inc.time:
        return ("~" if inc.time_approximate else "") + inc.time
    return inc.period or ""


def _sort_key(entry: Entry) -> tuple[str, str, int]:
    if entry.voided is not None:  # the day it tells of was voided with it: placed by when it was recorded
        return (entry.recorded_at[:10], "", entry.seq)
    return (incident_day(entry), entry.incident.time or "", entry.seq)


def _corrections(entry: Entry) -> list[tuple[str, set[str], str]]:
    """The person's own amendments: (day written, timeline columns changed, note)."""
    out = []
    for a in entry.amendments:
        if a.words_corrected:  # the person's own words (``amend --transcript``), with any fields set alongside
            out.append((a.written_at[:10], {"what_happened", *(_FIELD_OF.get(k, k) for k in a.changes)}, a.note))
            continue
        if a.incident is not None and not a.changes:
            continue  # a machine re-extraction, not a correction
        if not a.changes and not a.note:
            continue  # a confirmation only
        out.append((a.written_at[:10], {_FIELD_OF.get(k, k) for k in a.changes}, a.note))
    return out


def corrected_columns(entry: Entry) -> set[str]:
    """The timeline columns (keys of :data:`COLUMNS`) the person corrected in ``entry``, for the ``†`` marks."""
    if entry.voided is not None:
        return set()  # its row shows none of them
    return {col for _, cols, _ in _corrections(entry) for col in cols}


def _amended_text(entry: Entry) -> str:
    parts = []
    first = entry.original or entry.incident
    was = {"place": first.location, "date": first.date, "time": first.time}
    for day, cols, note in _corrections(entry):
        if not cols:
            parts.append(f"note {day}: {note}")
            continue
        what = ", ".join(f"{c.replace('_', ' ')} (was “{was[c]}”)" if was.get(c) else c.replace("_", " ")
                         for c in sorted(cols - {"what_happened"}))
        if "what_happened" in cols:
            what = "words" + (", " + what if what else "")
        parts.append(f"{what} corrected {day}" + (f": {note}" if note else ""))
    if entry.words_corrected is not None:
        how = "as first typed" if entry.source == "typed" else "as the recogniser heard them"
        parts.append(f"words {how}: “{' '.join(entry.recognised.text.split())}”")
    return "; ".join(parts)


def _people_text(entry: Entry, registry: Registry) -> str:
    out = []
    for p in entry.incident.people:
        name = registry.canonical(p.name)
        said = f", named as “{p.name}”" if name.lower() != p.name.strip().lower() else ""
        out.append(f"{name} ({p.role}{said})")
    return "; ".join(out)


def make_row(entry: Entry, registry: Registry) -> Row:
    """The timeline row for ``entry``; a voided one says only that it was voided, when and why."""
    if entry.voided is not None:
        return Row(**{**{f.name: "" for f in fields(Row)}, "number": str(entry.seq), "what_happened": entry.void_line(),
                      "recorded_at": entry.recorded_at, "entry_hash": entry.hash})
    inc = entry.incident
    return Row(
        number=str(entry.seq),
        date=inc.date or "",
        time=when_text(entry),
        place=inc.location or "",
        what_happened=entry.transcript.text.strip(),
        people=_people_text(entry, registry),
        behaviours=", ".join(c.replace("_", " ") for c in inc.categories),
        impact="; ".join(inc.impact),
        evidence="; ".join(inc.evidence),
        police_reference="; ".join(inc.police),
        reported="; ".join(inc.reported),
        address="; ".join(inc.address),
        vehicle="; ".join(inc.vehicle),
        witness_contact="; ".join(inc.contact),
        recorded_at=entry.recorded_at,
        entry_hash=entry.hash,
        amended=_amended_text(entry),
    )


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def _trend(weekly: Sequence[int], count: int) -> tuple[str, str]:
    """Compare the later half of the weeks since the first incident with the earlier half."""
    start = next((i for i, n in enumerate(weekly) if n), 0)
    span = list(weekly[start:])
    if count < 3 or len(span) < 4:
        return "unknown", "Too few incidents, or too short a time, to tell whether they are becoming more frequent."
    half = len(span) // 2
    early, late = span[: len(span) - half], span[len(span) - half :]
    a, b = sum(early) / len(early), sum(late) / len(late)
    numbers = (f"{sum(late)} in the last {len(late)} weeks, against {sum(early)} in the "
               f"{len(early)} weeks before ({b:.1f} a week against {a:.1f}).")
    if b >= a * 1.5 and sum(late) - sum(early) >= 2:
        return "more", "Becoming more frequent: " + numbers
    if a >= b * 1.5 and sum(early) - sum(late) >= 2:
        return "less", "Becoming less frequent: " + numbers
    return "same", "About as frequent throughout: " + numbers


def person_summary(name: str, entries: Sequence[Entry], registry: Registry, weeks: Sequence[str] | None = None,
                   *, roles: Sequence[str] = ("subject",)) -> PersonSummary:
    """The pattern for ``name`` over ``entries``, counting the incidents naming them in one of ``roles``.

    ``weeks`` defaults to every week from their first such incident to their last.
    """
    entries = sorted((e for e in entries if e.voided is None), key=_sort_key)  # a voided entry counts nowhere
    key = registry.canonical(name).lower()
    mine, other_roles = [], 0
    for e in entries:
        found = {p.role for p in e.incident.people if registry.canonical(p.name).lower() == key}
        if found & set(roles):
            mine.append(e)
        elif found:
            other_roles += 1
    if weeks is None:
        weeks = _week_list(incident_day(mine[0]), incident_day(mine[-1])) if mine else ()
    index = {w: i for i, w in enumerate(weeks)}
    weekly = [0] * len(weeks)
    for e in mine:
        i = index.get(_monday(incident_day(e)).isoformat())
        if i is not None:
            weekly[i] += 1
    behaviours = Counter(c for e in mine for c in e.incident.categories)
    trend, text = _trend(weekly, len(mine))
    known = registry.known(name)
    canonical = registry.canonical(name)
    spoken = {p.name.strip() for e in mine for p in e.incident.people
              if registry.canonical(p.name).lower() == key and p.name.strip().lower() != canonical.lower()}
    aliases = tuple(known.aliases) if known else ()
    aliases += tuple(sorted(s for s in spoken if s.lower() not in {a.lower() for a in aliases}))
    return PersonSummary(
        name=canonical,
        aliases=aliases,
        count=len(mine),
        first=incident_day(mine[0]) if mine else "",
        last=incident_day(mine[-1]) if mine else "",
        behaviours=tuple(behaviours.most_common()),
        weekly=tuple(weekly),
        trend=trend,
        trend_text=text,
        numbers=tuple(e.seq for e in mine),
        also_witness=other_roles,
    )


def _week_list(first: str, last: str) -> tuple[str, ...]:
    if not first:
        return ()
    monday, end = _monday(first), _monday(last)
    out = []
    while monday <= end:
        out.append(monday.isoformat())
        monday += timedelta(days=7)
    return tuple(out)


def build_report(
    entries: Iterable[Entry],
    registry: Registry,
    *,
    head: tuple[int, str],
    flt: Filter | None = None,
    title: str = "",
    name: str = "",
    now: datetime | None = None,
    checked: Integrity | None = None,
) -> Report:
    """The report over ``entries`` (already filtered), in the order incidents happened.

    ``checked`` (see :func:`integrity`) puts the diary's verification and the
    entries left out as unreadable on the cover.
    """
    ordered = sorted(entries, key=_sort_key)
    rows = tuple(make_row(e, registry) for e in ordered)
    ordered = [e for e in ordered if e.voided is None]  # a voided entry is one line in the timeline, counted nowhere
    days = [incident_day(e) for e in ordered]
    first, last = (days[0], days[-1]) if days else ("", "")
    if flt is not None and flt.until and first and flt.until.isoformat() > last:
        last = flt.until.isoformat()  # the weeks run to the end of what was asked for
    weeks = _week_list(first, last)
    subjects: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for e in ordered:
        names = {registry.canonical(p.name): p.role for p in e.incident.people if p.role == "subject"}
        subjects.update(names.keys())
        other = {registry.canonical(p.name) for p in e.incident.people} - set(names)
        others.update(other)
    people = [person_summary(n, ordered, registry, weeks) for n, _ in subjects.most_common()]
    people.sort(key=lambda s: (-s.count, s.name.lower()))
    others_only = [(n, c) for n, c in others.most_common() if n not in subjects]
    return Report(
        rows=rows,
        people=tuple(people),
        others=tuple(others_only),
        first=first,
        last=days[-1] if days else "",
        weeks=weeks,
        behaviours=tuple(Counter(c for e in ordered for c in e.incident.categories).most_common()),
        head_seq=head[0],
        head_hash=head[1],
        generated_at=(now or datetime.now()).replace(microsecond=0).isoformat(),
        selection=flt.describe() if flt is not None else "",
        title=title.strip(),
        name=name.strip(),
        unnamed=sum(1 for e in ordered if not e.incident.people),
        amended_rows=sum(1 for r in rows if r.amended),
        integrity=checked,
        voided=len(rows) - len(ordered),
    )
