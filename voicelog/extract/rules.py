"""The extractor's rules by name: what each is for and the examples it must get right.

Every rule that can decide a field is registered here with :func:`rule`: a
name (``field.what-it-does``), a one-line purpose and its own examples. The
name goes into the field's provenance (``Incident.rules``: ``--json`` and
``show`` say which words a field came from and which rule took them), and
``tests/test_extract_rules.py`` runs every example through the whole
extractor, so a rule cannot lose its own cases unnoticed. A maintainer adding
a way people talk adds a rule here, with examples, beside the code that does it.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("date", "time", "location", "people", "categories", "address", "vehicle", "contact", "reported")
"""The fields a rule can decide."""

RECORDED_AT = "2026-03-30T21:47:00"
"""When an example is taken to be spoken, unless it says otherwise (a Monday evening)."""


@dataclass(frozen=True)
class Example:
    """One account and what the rule must make of it."""

    said: str
    """The account, as a recogniser would give it (either style)."""
    expect: str | None
    """The field's value: the date ``YYYY-MM-DD``, the time ``HH:MM`` (``~`` first when approximate), the place,
    the people as ``Name (role), ...`` in order found, the categories as ``a, b`` sorted; address, vehicle,
    contact and reported as their values joined by ``; ``; None for "not said"."""
    recorded_at: str = RECORDED_AT
    """When it was spoken (ISO, local time)."""
    fires: bool = True
    """The rule's name must be in the field's provenance (False for a rule that keeps something out)."""


@dataclass(frozen=True)
class Rule:
    """A named way of reading one field."""

    name: str
    """``field.what-it-does``, e.g. ``location.house-number``."""
    field: str
    """Which field it decides (one of :data:`FIELDS`)."""
    purpose: str
    """One line: what it is for."""
    examples: tuple[Example, ...]
    """What it must get right; at least one."""


RULES: dict[str, Rule] = {}
"""Every registered rule, by name."""


def rule(name: str, purpose: str, *examples: Example) -> str:
    """Register a rule and return its name (to store in provenance). Its field is the name's first part."""
    field = name.split(".", 1)[0]
    if field not in FIELDS:
        raise ValueError(f"a rule's name starts with its field ({', '.join(FIELDS)}): {name!r}")
    if not examples:
        raise ValueError(f"rule {name!r} needs at least one example")
    if name in RULES and RULES[name] != Rule(name, field, purpose, tuple(examples)):
        raise ValueError(f"two different rules are called {name!r}")
    RULES[name] = Rule(name, field, purpose, tuple(examples))
    return name


def said(text: str, expect: str | None, *, at: str = RECORDED_AT, fires: bool = True) -> Example:
    """Shorthand for an :class:`Example`."""
    return Example(text, expect, at, fires)
