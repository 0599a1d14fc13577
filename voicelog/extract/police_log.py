"""The fields a police incident log asks for beyond when, where and who: the full address, a vehicle, a
witness's contact details, and whether and how it was reported.

Each has its own reader (:mod:`~voicelog.extract.address`, :mod:`~voicelog.extract.vehicle`,
:mod:`~voicelog.extract.contact`, :mod:`~voicelog.extract.reported`); this runs them on one account, and takes
out of the people and the place what was only a registration or a postcode read out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from voicelog.extract.normalize import Normalized
from voicelog.extract.spelled import Found, read_code, spoken
from voicelog.incident import PersonRef


def police_log(n: Normalized, people: Sequence[PersonRef] = ()) -> dict[str, tuple[Found, ...]]:
    """What was said for each of :data:`voicelog.incident.POLICE_LOG`, by field; a field with nothing is left out.

    ``people`` are the people found in the account: a witness among them puts their name to their contact details.
    """
    from voicelog.extract.address import find_addresses
    from voicelog.extract.contact import find_contacts
    from voicelog.extract.reported import find_reported
    from voicelog.extract.vehicle import find_vehicles

    witnesses = [(p.name, p.source) for p in people if p.role == "witness"]
    others = [(p.name, p.source) for p in people if p.role == "other"]
    found = {"address": find_addresses(n), "vehicle": find_vehicles(n), "contact": find_contacts(n, witnesses, others),
             "reported": find_reported(n)}
    return {name: values for name, values in found.items() if values}


CUES = frozenset("reg registration number plate licence license postcode post code zip".split())
"""Words a registration or a postcode is read out after, which a place or a name found in it may start with."""


class _Heard(Protocol):
    """Anything found with the words it came from (a place)."""

    @property
    def source(self) -> str: ...


P = TypeVar("P", bound=_Heard)


def not_read_out(n: Normalized, people: tuple[PersonRef, ...], place: P | None,
                 logged: dict[str, tuple[Found, ...]]) -> tuple[tuple[PersonRef, ...], P | None]:
    """``people`` and ``place`` without what was only a registration or a postcode read out ("Romeo Tango",
    "l k one nine a b"): the phonetic alphabet and spelt letters there name no one and no place."""
    codes = [f.source.lower() for name in ("vehicle", "address") for f in logged.get(name, ())
             if "plate" in f.rule or "postcode" in f.rule]
    if not codes:
        return people, place

    def read_out(words: str) -> bool:
        said = spoken(words)
        start = 0
        while start < len(said.lower) and said.lower[start] in CUES:
            start += 1
        whole = start < len(said.lower) and read_code(said.lower, said.said, start)[1] == len(said.lower)
        lower = words.lower()
        inside = sum(code.count(lower) for code in codes)
        return whole and inside > 0 and n.original.lower().count(lower) <= inside

    kept = tuple(p for p in people if not read_out(p.source or p.name))
    return kept, None if place is not None and read_out(place.source) else place
