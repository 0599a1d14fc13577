"""What extraction finds in an account: when, where, who, what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = (
    "following",
    "loitering",
    "unwanted_contact",
    "gifts",
    "property_damage",
    "threats",
    "violence",
    "monitoring",
    "third_party",
    "other",
)
"""Behaviour categories, as in the evaluation README."""

ROLES = ("subject", "witness", "other")
"""A person's part in the incident: did it, saw or heard it, or was mentioned."""

PERIODS = ("morning", "afternoon", "evening", "night")
"""Parts of the day, given only when no clock time is."""


@dataclass(frozen=True)
class PersonRef:
    """A named person in an account."""

    name: str
    """The name as registered, or as spoken when not registered."""
    role: str
    """One of :data:`ROLES`."""
    source: str = ""
    """The words it came from."""


POLICE_LOG = ("address", "vehicle", "contact", "reported")
"""The fields police logs ask for beyond when, where and who (entries stored before them read them as empty)."""

LISTS = ("categories", "impact", "evidence", "police", *POLICE_LOG, "uncertain")
"""The fields that are lists of text."""


@dataclass(frozen=True)
class Incident:
    """The structured facts of one account. ``None`` means not said."""

    date: str | None = None
    """ISO date of the incident."""
    time: str | None = None
    """``HH:MM`` 24 h, or None when no time of day was given."""
    time_approximate: bool = False
    """The speaker hedged: about, around, just after, N minutes ago."""
    period: str | None = None
    """One of :data:`PERIODS`, only when no clock time was given."""
    location: str | None = None
    """The place as spoken."""
    people: tuple[PersonRef, ...] = ()
    """Named people with roles."""
    categories: tuple[str, ...] = ()
    """Behaviour categories, from :data:`CATEGORIES`."""
    impact: tuple[str, ...] = ()
    """What the person says they felt, and changes to daily life, in their words."""
    evidence: tuple[str, ...] = ()
    """What was kept: screenshot, photo, voicemail, CCTV, a witness statement."""
    police: tuple[str, ...] = ()
    """Police details said: crime reference number, officer's name or collar number."""
    address: tuple[str, ...] = ()
    """Full addresses said (house number, street, town, postcode): "14 Kings Road, Thornbury"."""
    vehicle: tuple[str, ...] = ()
    """Vehicles described: colour, make, model, registration ("silver Ford Focus, registration LK19 ABC")."""
    contact: tuple[str, ...] = ()
    """Witnesses' contact details said: "Name: phone number or email"."""
    reported: tuple[str, ...] = ()
    """Whether and how it was reported: "police (101)", "landlord", "not reported to police"."""
    uncertain: tuple[str, ...] = ()
    """Fields the extractor is unsure about, so the person can check and amend them."""
    sources: dict[str, str] = field(default_factory=dict)
    """For each field, the words it came from."""
    rules: dict[str, str] = field(default_factory=dict)
    """For each field, the extractor rules that decided it (``; ``-separated names, see voicelog/extract/rules.py)."""
    extractor_version: str = ""
    """Which extractor produced this, so old entries can be re-extracted."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        d = asdict(self)
        d["people"] = [asdict(p) for p in self.people]
        for name in LISTS:
            d[name] = list(getattr(self, name))
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Incident:
        """The inverse of :meth:`to_dict`."""
        values = dict(data)
        values["people"] = tuple(PersonRef(**p) for p in values.get("people", []))
        for name in LISTS:
            values[name] = tuple(values.get(name) or ())  # an entry stored before a field existed has none
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in values.items() if k in known})

    def to_prediction(self, item_id: str) -> dict[str, Any]:
        """The eval README's prediction line for this incident."""
        return {
            "id": item_id,
            "incident_date": self.date,
            "incident_time": self.time,
            "time_approximate": self.time_approximate,
            "period": self.period,
            "location": self.location,
            "people": [{"name": p.name, "role": p.role} for p in self.people],
            "categories": list(self.categories),
        }


@dataclass(frozen=True)
class KnownPerson:
    """A person in the diary owner's registry."""

    name: str
    """The name to report them under."""
    aliases: tuple[str, ...] = ()
    """Other ways the person refers to them: "my ex", "dave"."""
