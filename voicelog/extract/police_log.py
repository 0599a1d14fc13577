"""The fields a police incident log asks for beyond when, where and who: the full address, a vehicle, a
witness's contact details, and whether and how it was reported.

Each has its own reader (:mod:`~voicelog.extract.address`, :mod:`~voicelog.extract.vehicle`,
:mod:`~voicelog.extract.contact`, :mod:`~voicelog.extract.reported`); this runs them on one account.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract.normalize import Normalized
from voicelog.extract.spelled import Found
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
    found = {"address": find_addresses(n), "vehicle": find_vehicles(n), "contact": find_contacts(n, witnesses),
             "reported": find_reported(n)}
    return {name: values for name, values in found.items() if values}
