"""voicelog.extract.police_log: the police-log fields through the whole extractor (real spaCy), with provenance."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.normalize import normalize
from voicelog.extract.police_log import not_read_out, police_log
from voicelog.incident import Incident, PersonRef

REC = datetime(2026, 4, 14, 21, 0)
ACCOUNT = ("Tonight at about eight a silver Ford Focus, reg Lima Kilo one nine Alpha Bravo Charlie, stopped outside "
           "fourteen Kings Road and Gary Pellow got out and shouted at me. My neighbour Ruth Okafor saw it all. "
           "Her number is oh seven seven double oh nine double oh one two three. I rang one oh one afterwards.")


@pytest.mark.parametrize("style", STYLES)
def test_every_police_log_field_from_one_account_with_its_words_and_rules(style) -> None:
    said = style(ACCOUNT)
    inc = extract_incident(said, recorded_at=REC)
    assert inc.vehicle == ("silver Ford Focus, registration LK19 ABC",)
    assert inc.address == ("14 Kings Road",)
    assert inc.reported == ("police (101)",)
    assert [p.role for p in inc.people if p.name.lower() == "ruth okafor"] == ["witness"]
    assert [p.name.lower() for p in inc.people] == ["gary pellow", "ruth okafor"]  # no "Alpha Bravo" from the reg
    assert inc.time == "20:00"  # "rang one oh one" is no 1:01
    assert [c.lower() for c in inc.contact] == ["ruth okafor: 07700 900123"]
    for name in ("vehicle", "address", "contact", "reported"):
        assert inc.sources[name] and all(part in said for part in inc.sources[name].split("; "))
    assert inc.rules["vehicle"] == "vehicle.make-model; vehicle.plate-spoken"
    assert inc.rules["address"] == "address.house-street" and inc.rules["reported"] == "reported.police-how"
    assert inc.rules["contact"] == "contact.witness-named"


def test_an_account_without_them_has_none_and_old_stored_incidents_read_them_as_empty() -> None:
    inc = extract_incident("He followed me from the gym again on Monday.", recorded_at=REC)
    assert (inc.address, inc.vehicle, inc.contact, inc.reported) == ((), (), (), ())
    assert not {"address", "vehicle", "contact", "reported"} & set(inc.sources)
    stored_before = {"date": "2026-04-13", "location": "the gym", "police": ["PC Ellery"], "people": []}
    old = Incident.from_dict(stored_before)
    assert old.police == ("PC Ellery",) and (old.address, old.vehicle, old.contact, old.reported) == ((), (), (), ())
    again = Incident.from_dict(inc.to_dict() | {"vehicle": ["white van"], "contact": ["Ann: 07700 900111"]})
    assert again.vehicle == ("white van",) and again.contact == ("Ann: 07700 900111",)


def test_only_fields_said_are_returned_and_a_witness_names_the_contact() -> None:
    n = normalize("Imran saw it. His number is 07700 900222.")
    found = police_log(n, (PersonRef("Imran Dale", "witness", "Imran"),))
    assert set(found) == {"contact"} and found["contact"][0].text == "Imran Dale: 07700 900222"
    assert police_log(normalize("He followed me."), ()) == {}


def test_a_registration_or_postcode_read_out_is_no_person_and_no_place() -> None:
    n = normalize("a red van reg Romeo Tango one two Delta Echo Foxtrot came past and Romeo Tango waved. "
                  "postcode l k one nine a b")
    logged = police_log(n)
    assert logged["vehicle"][0].text == "red van, registration RT12 DEF"
    people = (PersonRef("Delta Echo", "other", "Delta Echo"), PersonRef("Romeo Tango", "subject", "Romeo Tango"),
              PersonRef("Gary Pellow", "subject", "Gary Pellow"))
    place = PersonRef("LK1 9AB", "other", "postcode l k one nine a b")  # anything with the words it came from
    kept, where = not_read_out(n, people, place, logged)
    assert [p.name for p in kept] == ["Romeo Tango", "Gary Pellow"]  # said again outside the registration: kept
    assert where is None
    assert not_read_out(n, people, None, {}) == (people, None)
