"""Impact, evidence and police details, in both text styles."""

from datetime import datetime

import pytest
from conftest import STYLES, vosk_style

from voicelog.extract import extract_incident
from voicelog.extract.evidence import find_evidence
from voicelog.extract.impact import find_impact
from voicelog.extract.normalize import normalize
from voicelog.extract.police import find_police

REC = datetime(2025, 10, 15, 20, 5)

IMPACT = [
    ("He followed me home. I was terrified.", ["i was terrified"]),
    ("I'm scared to leave the house now.", ["i'm scared to leave the house now"]),
    ("I've stopped taking the bus and I had to change my route to work.",
     ["i've stopped taking the bus", "i had to change my route to work"]),
    ("I was absolutely shaking when I got in.", ["i was absolutely shaking"]),
    ("I don't feel safe in my own home any more.", ["i don't feel safe in my own home any more"]),
    ("I haven't slept properly since. I keep checking the windows.",
     ["i haven't slept properly", "i keep checking the windows"]),
    ("I'm scared he'll come back tonight.", ["i'm scared he'll come back tonight"]),
    ("I moved in with my mum for a week because of it.", ["i moved in with my mum for a week"]),
    ("I can't go out on my own any more.", ["i can't go out on my own any more"]),
    ("Honestly I'm a nervous wreck.", ["i'm a nervous wreck"]),
    ("We've had the locks changed.", ["we've had the locks changed"]),
    # not impact: narration, other people's feelings, denials
    ("I took the bus home at six.", []),
    ("I stopped at the lights and he pulled up next to me.", []),
    ("My sister was terrified too.", []),
    ("I wasn't scared, just annoyed.", []),
    ("He said he was upset with me.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", IMPACT)
def test_impact(said, want, style):
    got = find_impact(normalize(style(said)))
    assert [vosk_style(d.text) for d in got] == [vosk_style(w) for w in want]
    for d in got:
        assert d.source in style(said)


EVIDENCE = [
    ("I screenshotted it straight away.", ["screenshot"]),
    ("My Ring doorbell got him on camera.", ["doorbell camera"]),
    ("I took a photo of the bruise.", ["photo"]),
    ("He left a voicemail and I've saved it.", ["voicemail"]),
    ("I've kept all his messages.", ["messages kept"]),
    ("There's CCTV in the car park so the police can get that.", ["CCTV"]),
    ("My neighbour filmed the whole thing on her phone.", ["video"]),
    ("My dash-cam caught him tailgating me.", ["dashcam"]),
    ("I went to A and E and they wrote up the bruises.", ["medical record"]),
    ("I still have the letter he pushed through the door.", ["letter"]),
    ("I got his number plate, it's a black Golf.", ["registration number"]),
    ("I've got screenshots of the messages and a video.", ["screenshot", "messages kept"]),
    # not evidence
    ("He left a voicemail saying he'd get me.", []),
    ("He kept sending messages all night.", []),
    ("I didn't manage to get a photo.", []),
    ("There was no CCTV.", []),
    ("He took photos of me through the window.", []),
    ("He sent a picture of my house.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", EVIDENCE)
def test_evidence(said, want, style):
    got = find_evidence(normalize(style(said)))
    assert [d.text for d in got] == want


POLICE = [
    ("I rang 101 and got a crime reference, one two three four five six.", ["crime reference 123456"]),
    ("The crime reference number is 4712903.", ["crime reference 4712903"]),
    ("PC Sarah Hughes came round, her collar number is four five six one.",
     ["PC Sarah Hughes", "collar number 4561"]),
    ("I spoke to DC Patel and she gave me an incident number, double four oh nine one two.",
     ["DC Patel", "incident number 440912"]),
    ("An officer called James Reid took my statement.", ["Officer James Reid"]),
    ("My reference is C R slash one two three four slash two five.", ["reference CR/1234/25"]),
    ("The log number was forty seven twelve.", ["log number 4712"]),
    # a clock time next to a reference is not read into it, nor a time as a reference
    ("It happened at nine thirty, crime ref nine three zero zero one.", ["crime reference 93001"]),
    ("Police constable Martin Kowalski, badge number two two eight.",
     ["PC Martin Kowalski", "badge number 228"]),
    ("The officer said there was nothing they could do.", []),
    ("He followed me to the reference library at nine.", []),
    ("I reported it to the police.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", POLICE)
def test_police(said, want, style):
    got = find_police(normalize(style(said)))
    assert [d.text.lower() for d in got] == [w.lower() for w in want]


@pytest.mark.parametrize("style", STYLES)
def test_details_in_incident_with_sources(style):
    said = ("Last night PC Sarah Hughes gave me crime reference one two three four five six. "
            "My ex followed me again and I was terrified. I screenshotted his messages.")
    inc = extract_incident(style(said), recorded_at=REC)
    assert [vosk_style(x) for x in inc.impact] == ["i was terrified"]
    assert "screenshot" in inc.evidence
    assert [x.lower() for x in inc.police] == ["pc sarah hughes", "crime reference 123456"]
    for key in ("impact", "evidence", "police"):
        for part in inc.sources[key].split("; "):
            assert part in style(said)
    # the officer is mentioned, not a party to the incident
    assert all(p.role == "other" for p in inc.people if "hughes" in p.name.lower())
