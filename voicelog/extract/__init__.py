"""Turn an account (as recognised text) into an :class:`~voicelog.incident.Incident`.

The stages are plain functions: normalise -> when -> where -> who -> what.
spaCy is loaded on first use, once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from voicelog.incident import Incident, KnownPerson

EXTRACTOR_VERSION = "rules-7"
"""Stored in each Incident so old entries can be re-extracted when this changes."""

__all__ = ["EXTRACTOR_VERSION", "extract_incident", "extract_batch", "warm_up"]


def warm_up() -> None:
    """Load everything extraction needs (spaCy, name lists, rapidfuzz, dateparser), so the first
    account is quick; the CLI calls this in a background thread while the person is speaking."""
    from datetime import datetime as _dt

    from voicelog.extract import names, when
    from voicelog.extract.nlp import load_nlp

    load_nlp()
    names.first_names()
    names.any_first_names()
    names.surnames()
    names.nouns()
    import rapidfuzz.fuzz  # noqa: F401  (registry matching)

    when.warm_up_dateparser()
    extract_incident("On the 3rd of May at nine I was scared, Sam Jones followed me to the station.",
                     recorded_at=_dt(2026, 5, 20, 12, 0),
                     known_people=(KnownPerson("Sam Jones", ("sam",)),))


def extract_incident(
    text: str,
    *,
    recorded_at: datetime,
    known_people: Sequence[KnownPerson] = (),
    known_places: Sequence[str] = (),
) -> Incident:
    """The when, where, who and what of one account, resolved against recorded_at; known_places are places the
    person confirmed before (found even without a cue word)."""
    from voicelog.extract.evidence import find_evidence
    from voicelog.extract.go_between import go_between_roles
    from voicelog.extract.heard import tidy_heard
    from voicelog.extract.impact import find_impact
    from voicelog.extract.nlp import import_spacy_without_its_cli, parse_words
    from voicelog.extract.normalize import normalize
    from voicelog.extract.police import find_police
    from voicelog.extract.police_log import not_read_out, police_log
    from voicelog.extract.what import categories_unsure, find_what_by_rule
    from voicelog.extract.what_roles import doer_words
    from voicelog.extract.when import find_when
    from voicelog.extract.where import find_where
    from voicelog.extract.who import find_who_with_doubts, truecase_words

    import_spacy_without_its_cli()  # before any module imports a part of spaCy
    n = normalize(tidy_heard(text or ""))
    when = find_when(n, recorded_at)
    words = truecase_words(n)
    doc = parse_words(words) if words else None
    place = find_where(n, doc, known_places)
    who = find_who_with_doubts(n, known_people, doc, words, place.source if place else None)
    people = who.people
    doers = doer_words([*(w for p in people if p.role == "subject" for w in (p.name, p.source)),
                        *(a for k in known_people for p in people if p.role == "subject" and p.name == k.name
                          for a in k.aliases)])
    categories, category_rules = find_what_by_rule(n, has_place=place is not None, doers=doers)
    people, go_between = go_between_roles(n, people, categories)
    logged = police_log(n, people)  # address, vehicle, witness contact, reported: {field: found}
    people, place = not_read_out(n, people, place, logged)  # "Romeo Tango" in a registration is no one
    unsure = set(when.unsure)
    if place is not None and place.unsure:
        unsure.add("location")
    if who.unsure:
        unsure.add("people")
    if categories_unsure(n, categories, doers):
        unsure.add("categories")
    sources = {}
    if when.date_source:
        sources["date"] = when.date_source
    if when.time_source:
        sources["time"] = when.time_source
    if place is not None:
        sources["location"] = place.source
    if people:
        sources["people"] = "; ".join(p.source for p in people if p.source)
    impact, evidence, police = find_impact(n), find_evidence(n), find_police(n)
    for name, details in (("impact", impact), ("evidence", evidence), ("police", police)):
        if details:
            sources[name] = "; ".join(d.source for d in details)
    for name, found in logged.items():
        sources[name] = "; ".join(f.source for f in found)
    return Incident(
        date=when.date,
        time=when.time,
        time_approximate=when.approximate,
        period=when.period,
        location=place.text if place else None,
        people=people,
        categories=categories,
        impact=tuple(d.text for d in impact),
        evidence=tuple(d.text for d in evidence),
        police=tuple(d.text for d in police),
        **{name: tuple(f.text for f in found) for name, found in logged.items()},
        uncertain=tuple(f for f in ("date", "time", "location", "people", "categories") if f in unsure),
        sources=sources,
        rules=_rules(when.rules, [("location", r) for r in (place.rules if place else ())],
                     [("people", r) for r in (*who.rules, *go_between)], [("categories", r) for r in category_rules],
                     [(name, r) for name, found in logged.items() for f in found for r in f.rule.split("; ")]),
        extractor_version=EXTRACTOR_VERSION,
    )


def _rules(*found: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each field's rule names, in the order they fired, once each."""
    out: dict[str, list[str]] = {}
    for field, name in (pair for group in found for pair in group):
        if name not in out.setdefault(field, []):
            out[field].append(name)
    return {field: "; ".join(names) for field, names in out.items()}


def _known(raw: Iterable[Mapping[str, Any]] | None) -> tuple[KnownPerson, ...]:
    return tuple(KnownPerson(name=p["name"], aliases=tuple(p.get("aliases") or ())) for p in raw or ()
                 if p.get("name"))


def extract_batch(lines: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Eval input lines ({id, text, recorded_at, known_people}) to prediction dicts."""
    for item in lines:
        incident = extract_incident(
            item.get("text", ""),
            recorded_at=datetime.fromisoformat(item["recorded_at"]),
            known_people=_known(item.get("known_people")),
        )
        yield incident.to_prediction(item["id"])
