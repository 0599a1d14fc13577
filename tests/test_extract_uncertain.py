"""Incident.uncertain: fields decided by a default or a guess are marked, and only those."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.incident import KnownPerson

REC = datetime(2025, 10, 15, 20, 5)  # a Wednesday evening
KNOWN = (KnownPerson("Anthony Gale", ("tony", "my ex")),)

CASES = [
    # clear accounts: nothing to check
    ("On Monday at about quarter past six in the evening my ex followed me from the gym on Carlton Road.", set()),
    ("Yesterday at six p m Tony was waiting outside my office on King Street.", set()),
    # a self-correction: the correction wins, and the person sees it
    ("On Monday, no, Tuesday, at 9 pm my ex was outside my house.", {"date"}),
    ("At eight, no, half eight, my ex was outside my house.", {"time"}),
    # the recording day by default while the account talks about another time we cannot resolve
    ("Last week my ex was outside my house.", {"date"}),
    ("The other day my ex was waiting outside my house.", {"date"}),
    # am or pm by default, not context
    ("Last Friday at half nine my ex was outside my house.", {"time"}),
    # a misheard registered name matched fuzzily
    ("Yesterday at six p m Antony was waiting outside my office on King Street.", {"people"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", CASES)
def test_uncertain_fields(said, want, style):
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert set(inc.uncertain) == want, inc


@pytest.mark.parametrize("style", STYLES)
def test_close_places_make_location_uncertain(style):
    said = "Yesterday at six p m my ex was at the station and then at the library."
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert "location" in inc.uncertain


@pytest.mark.parametrize("style", STYLES)
def test_nothing_matched_makes_categories_uncertain(style):
    said = "Yesterday at six p m I saw my ex again."
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert inc.categories == ("other",) and "categories" in inc.uncertain


def test_uncertain_survives_round_trip():
    inc = extract_incident("Last week my ex was outside.", recorded_at=REC, known_people=KNOWN)
    from voicelog.incident import Incident

    assert Incident.from_dict(inc.to_dict()).uncertain == inc.uncertain
