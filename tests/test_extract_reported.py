"""voicelog.extract.reported: whether and how an incident was reported, in both text styles."""

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.reported import find_reported

REPORTED = [
    ("I rang one oh one straight away and they gave me a reference.", ["police (101)"]),
    ("I called nine nine nine when he wouldn't leave the garden.", ["police (999)"]),
    ("I dialed 911 from the car.", ["police (911)"]),
    ("I reported it online to the police that night.", ["police (online)"]),
    ("The next morning I went to the police station and reported it.", ["police (at a station)"]),
    ("Mum and I came back from the local police station at teatime.", ["police (at a station)"]),
    ("I reported it to the police and they said they would speak to him.", ["police"]),
    ("I called 101 and reported it to the police.", ["police (101)"]),
    ("The police came round at ten.", ["police"]),
    ("I emailed my landlord about the fence and told the school.", ["landlord", "school"]),
    ("I reported it to my manager at work.", ["employer"]),
    ("I haven't reported it to the police yet because I'm scared of what he'll do.", ["not reported to police"]),
    # not reported (yet), or reported by someone else
    ("I'll be reporting it to the police tomorrow.", []),
    ("I was too scared to call the police.", []),
    ("He told the police I was lying.", []),
    ("He said he would call the police on me.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expected"), REPORTED)
def test_reports_as_said(style, said: str, expected: list[str]) -> None:
    found = find_reported(normalize(style(said)))
    assert [f.text for f in found] == expected
    for f in found:
        assert f.source in style(said) and f.rule.startswith("reported.")
