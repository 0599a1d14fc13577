"""Behaviour categories, in both text styles."""

import re

import pytest

from voicelog.extract.normalize import normalize
from voicelog.extract.what import find_what


def vosk_style(text: str) -> str:
    text = text.lower().replace("-", " ").replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


STYLES = [pytest.param(lambda s: s, id="natural"), pytest.param(vosk_style, id="vosk")]

CASES = [
    ("He followed me all the way home from the bus stop.", {"following"}),
    ("He was standing outside my house for an hour.", {"loitering"}),
    ("He sent me twenty texts overnight.", {"unwanted_contact"}),
    ("He texted saying I'd regret going to the police.", {"threats", "unwanted_contact"}),
    ("He came up to me and said I'd better watch my back.", {"threats"}),
    ("There were flowers on my doorstep with a card.", {"gifts"}),
    ("Someone slashed my tyres in the night.", {"property_damage"}),
    ("He pushed me against the wall.", {"violence"}),
    ("I found a GPS tracker under my car.", {"monitoring"}),
    ("He messaged me a photo of my front door saying found you.", {"monitoring", "unwanted_contact"}),
    ("His sister rang my boss and told her I steal.", {"third_party"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", CASES)
def test_categories(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats
