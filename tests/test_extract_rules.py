"""``voicelog.extract.rules``: every registered rule gets its own examples right through the whole extractor, and
says so in the field's provenance."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime

import pytest

import voicelog.extract
from voicelog.extract import extract_incident
from voicelog.extract.rules import FIELDS, RULES, Example, rule, said
from voicelog.incident import POLICE_LOG, Incident

for _module in pkgutil.iter_modules(voicelog.extract.__path__):  # every module registers its rules on import
    importlib.import_module(f"voicelog.extract.{_module.name}")


def value(incident: Incident, field: str) -> str | None:
    """A field in the form :class:`~voicelog.extract.rules.Example` states it."""
    if field == "date":
        return incident.date
    if field == "time":
        return None if incident.time is None else ("~" if incident.time_approximate else "") + incident.time
    if field == "location":
        return incident.location
    if field == "people":
        return ", ".join(f"{p.name} ({p.role})" for p in incident.people) or None
    if field in POLICE_LOG:
        return "; ".join(getattr(incident, field)) or None
    return ", ".join(sorted(incident.categories)) or None


CASES = [(name, i, example) for name, r in sorted(RULES.items()) for i, example in enumerate(r.examples)]


@pytest.mark.parametrize(("name", "index", "example"), CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_every_rule_gets_its_own_examples_right_and_names_itself(name: str, index: int, example: Example) -> None:
    field = RULES[name].field
    incident = extract_incident(example.said, recorded_at=datetime.fromisoformat(example.recorded_at))
    assert value(incident, field) == example.expect, f"{name} example {index}: {example.said!r}"
    if example.fires:
        assert name in (incident.rules.get(field) or "").split("; "), (
            f"{name} decided {field} but the provenance names {incident.rules.get(field)!r}")


def test_every_rule_has_a_name_by_field_a_purpose_and_examples() -> None:
    for name, r in RULES.items():
        assert r.field in FIELDS and name.startswith(r.field + ".") and r.purpose.strip() and r.examples


def test_registering_checks_the_field_the_examples_and_clashes() -> None:
    with pytest.raises(ValueError, match="starts with its field"):
        rule("mood.angry", "not a field", said("he shouted", None))
    with pytest.raises(ValueError, match="at least one example"):
        rule("location.nothing", "no examples")
    name = rule("location.test-only", "a rule made by this test", said("he was at the bus stop", "the bus stop"))
    try:
        assert RULES[name].field == "location"
        rule(name, "a rule made by this test", said("he was at the bus stop", "the bus stop"))  # the same again: fine
        with pytest.raises(ValueError, match="two different rules"):
            rule(name, "something else", said("he was at the bus stop", "the bus stop"))
    finally:
        del RULES[name]


def test_the_provenance_of_a_field_lists_each_rule_once_in_order() -> None:
    from voicelog.extract import _rules

    assert _rules([("date", "date.a"), ("time", "time.b")], [("location", "location.c")], [("date", "date.a")],
                  [("date", "date.d")]) == {"date": "date.a; date.d", "time": "time.b", "location": "location.c"}
