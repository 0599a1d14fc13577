"""Varied accounts written for generalisation, not taken from any eval set, in both text styles.

Each row is a short account and the fields it must give. Recording time is a
Wednesday evening unless the row says otherwise.
"""

from datetime import datetime

import pytest
from conftest import STYLES, vosk_style

from voicelog.extract import extract_incident
from voicelog.incident import KnownPerson

WED = datetime(2025, 10, 15, 20, 5)
MORNING = datetime(2025, 10, 15, 8, 40)

# (said, recorded_at, date, time, approximate, period)
WHEN = [
    ("He was outside my house again.", WED, "2025-10-15", None, False, None),
    ("Today he followed me into town.", WED, "2025-10-15", None, False, None),
    ("This morning he was at the bus stop.", WED, "2025-10-15", None, False, "morning"),
    ("Earlier he rang me six times.", WED, "2025-10-15", None, False, None),
    ("Yesterday he was at the school gates.", WED, "2025-10-14", None, False, None),
    ("Last night he was banging on my door.", WED, "2025-10-14", None, False, "night"),
    ("Last night at about eleven he was banging on my door.", WED, "2025-10-14", "23:00", True, None),
    ("On Tuesday he was outside my work.", WED, "2025-10-14", None, False, None),
    ("Last Wednesday he followed me home.", WED, "2025-10-08", None, False, None),
    ("On Sunday afternoon he was in the park.", WED, "2025-10-12", None, False, "afternoon"),
    ("Two days ago he left flowers on my car.", WED, "2025-10-13", None, False, None),
    ("A week ago he slashed my tyres.", WED, "2025-10-08", None, False, None),
    ("The night before last he was in the car park.", WED, "2025-10-13", None, False, "night"),
    ("On the fourteenth he sent me a letter.", WED, "2025-10-14", None, False, None),
    ("On the twenty third he sent me a letter.", WED, "2025-09-23", None, False, None),
    ("On the third of March he was at my door.", WED, "2025-03-03", None, False, None),
    ("Just now he drove past my house.", WED, "2025-10-15", "20:05", True, None),
    ("Twenty minutes ago he drove past my house.", WED, "2025-10-15", "19:45", True, None),
    ("Half an hour ago he rang the doorbell.", WED, "2025-10-15", "19:35", True, None),
    ("At half past seven he was outside.", WED, "2025-10-15", "19:30", False, None),
    ("At nine o'clock he was outside.", MORNING, "2025-10-15", "09:00", False, None),
    ("At noon he turned up at my work.", WED, "2025-10-15", "12:00", False, None),
    ("At midnight he was banging on the door.", WED, "2025-10-15", "00:00", False, None),
    ("On Monday at quarter to ten at night he was outside.", WED, "2025-10-13", "21:45", False, None),
    ("On Monday at ten past eight in the morning he followed me.", WED, "2025-10-13", "08:10", False, None),
    ("Yesterday at lunchtime he came into the cafe.", WED, "2025-10-14", None, False, "afternoon"),
    ("Yesterday at around five thirty p m he was at the gate.", WED, "2025-10-14", "17:30", True, None),
    ("Yesterday at twenty five to seven in the evening he was at the gate.", WED, "2025-10-14", "18:35", False, None),
    ("On Friday just after six in the evening he was at the gate.", WED, "2025-10-10", "18:00", True, None),
    # pitfalls: ordinary words dateparser reads as dates
    ("They are outside my house and they want to talk.", WED, "2025-10-15", None, False, None),
    ("He said I may regret it and then he went to the shop.", WED, "2025-10-15", None, False, None),
    ("I saw them march up to my door.", WED, "2025-10-15", None, False, None),
    ("He said he'd march me to the car.", WED, "2025-10-15", None, False, None),
    # several times in one account: the incident's, not the speaker's day
    ("I left work at five and at about half five he was at the bus stop.", WED, "2025-10-15", "17:30", True, None),
    ("I finished my shift at six and then at seven he was waiting by my car.", WED, "2025-10-15", "19:00", False, None),
    # self-corrections: the correction wins
    ("On Monday, no, Tuesday, he was at my door.", WED, "2025-10-14", None, False, None),
    # the latest such time not after the recording (20:05), so 08:30
    ("At eight, sorry, half eight, he was at my door.", WED, "2025-10-15", "08:30", False, None),
    ("Yesterday at eight, sorry, half eight in the evening, he was at my door.", WED, "2025-10-14", "20:30", False, None),
    ("At fourteen hundred he came onto the ward.", WED, "2025-10-15", "14:00", False, None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, rec, date, time, approx, period", WHEN)
def test_when_general(said, rec, date, time, approx, period, style):
    inc = extract_incident(style(said), recorded_at=rec)
    assert (inc.date, inc.time, inc.time_approximate, inc.period) == (date, time, approx, period)


# (said, a wording the place must contain (vosk style), or None)
WHERE = [
    ("He was standing outside the Co-op on Hartley Road.", "co op on hartley road"),
    ("He followed me round the Morrisons on Dalry Road.", "morrisons on dalry road"),
    ("He was waiting at platform three at Derby station.", "platform three at derby station"),
    ("He was outside my flat for an hour.", "outside my flat"),
    ("He was in my back garden when I looked out.", "my back garden"),
    ("He came into the break room at the depot.", "break room"),
    ("He sat outside my apartment on Elm Street in his car.", "apartment on elm street"),
    ("He sent me forty messages on WhatsApp.", None),
    ("He rang me from a withheld number.", None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", WHERE)
def test_where_general(said, place, style):
    inc = extract_incident(style(said), recorded_at=WED)
    if place is None:
        assert inc.location is None
    else:
        assert place in vosk_style(inc.location or "")


# (said, known people, {(name lower, role)})
KNOWN = (KnownPerson("Anthony Gale", ("tony", "my ex")),)
WHO = [
    ("Andrei Popescu was outside the shop again and my friend Hamza saw him.", (),
     {("andrei popescu", "subject"), ("hamza", "witness")}),
    ("It was Craig. Craig Mathers. He slashed my tyres.", (), {("craig mathers", "subject")}),
    ("Mr Delgado, my landlord, Hector Delgado, let himself into my flat.", (), {("hector delgado", "subject")}),
    ("My upstairs neighbour, Mrs Okafor, she saw him at the door.", KNOWN,
     {("anthony gale", "subject"), ("mrs okafor", "witness")}),
    ("On Christmas Eve my ex was outside my house.", KNOWN, {("anthony gale", "subject")}),
    ("Tony followed me and a man at the bus stop saw it.", KNOWN, {("anthony gale", "subject")}),
    ("Antony followed me home from the station.", KNOWN, {("anthony gale", "subject")}),
    ("I rang my sister Orla straight away.", KNOWN, {("orla", "other")}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, known, want", WHO)
def test_who_general(said, known, want, style):
    inc = extract_incident(style(said), recorded_at=WED, known_people=known)
    assert {(p.name.lower(), p.role) for p in inc.people} == want


WHAT = [
    ("He was crawling along behind me in his car.", {"following"}),
    ("He was parked across the street and then he followed me to work.", {"following", "loitering"}),
    ("He rang me and said I know where your sister lives.", {"threats", "unwanted_contact"}),
    ("He came up to me and said next time I'll break it.", {"threats"}),
    ("He was filming me over the fence.", {"monitoring"}),
    ("He put his hand on my leg on the bus.", {"violence"}),
    ("He'd written liar across my windscreen in lipstick.", {"property_damage"}),
    ("His brother came to my work and said I was out of order.", {"third_party"}),
    ("I rang my sister and told her everything.", {"other"}),
    ("I was sitting near the back of the bus when he tried to talk to me.", {"unwanted_contact"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", WHAT)
def test_what_general(said, cats, style):
    inc = extract_incident(style(said), recorded_at=WED)
    assert set(inc.categories) == cats
