"""voicelog.extract.police: officers and reference numbers, in both text styles."""

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident
from voicelog.extract.normalize import normalize
from voicelog.extract.police import find_police

POLICE = [
    ("I rang 101 and got a crime reference, one two three four five six.", ["crime reference 123456"]),
    ("The crime reference number is 4712903.", ["crime reference 4712903"]),
    ("PC Sarah Prothero came round, her collar number is four five six one.",
     ["PC Sarah Prothero", "collar number 4561"]),
    ("I spoke to DC Bhattacharya and she gave me an incident number, double four oh nine one two.",
     ["DC Bhattacharya", "incident number 440912"]),
    ("An officer called James Abernethy took my statement.", ["Officer James Abernethy"]),
    ("My reference is C R slash one two three four slash two five.", ["reference CR/1234/25"]),
    ("The log number was forty seven twelve.", ["log number 4712"]),
    # a clock time next to a reference is not read into it, nor a time as a reference
    ("It happened at nine thirty, crime ref nine three zero zero one.", ["crime reference 93001"]),
    ("Police constable Marsden Nowicki, badge number two two eight.",
     ["PC Marsden Nowicki", "badge number 228"]),
    ("The officer said there was nothing they could do.", []),
    ("He followed me to the reference library at nine.", []),
    ("I reported it to the police.", []),
    # a letter prefix said apart from its digits, and the rank kept as said
    ("The officer was PC Attwood and the log number is CAD 1234.", ["PC Attwood", "log number CAD1234"]),
    ("The crime reference is AB one two three four five.", ["crime reference AB12345"]),
    ("Sgt Fairbairn took my statement.", ["Sgt Fairbairn"]),
    ("Sergeant Fairbairn took my statement.", ["Sergeant Fairbairn"]),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", POLICE)
def test_police(said, want, style):
    got = find_police(normalize(style(said)))
    assert [d.text.lower() for d in got] == [w.lower() for w in want]


def test_an_account_is_read_for_police_details_once() -> None:
    n = normalize("PC Sarah Prothero came round.")
    assert find_police(n) is find_police(n)


def test_irish_and_american_ranks_are_officers_not_people():
    # natural style: an English recogniser in Vosk style writes no accented letters
    said = "Garda Ní Bhriain took my statement after Pádraig Doyle followed me home. Trooper Vance rang later."
    inc = extract_incident(said, recorded_at=datetime(2026, 5, 5, 12, 0))
    assert [p.name for p in inc.people] == ["Pádraig Doyle"]
    assert any(d.startswith("Garda") for d in inc.police) and any(d.startswith("Trooper") for d in inc.police)
