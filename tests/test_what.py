"""Behaviour categories, in both text styles."""


import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.what import find_what

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


# Rules-3: subject-aware (speaker, bystander, the other person), negation, several categories.
WHAT_NEW = [
    ("He followed me from the station all the way to my door.", {"following"}),
    ("I think I was being followed home from the gym.", {"following"}),
    ("He kept moving seats until he was right behind me on the train.", {"following"}),
    ("He was sat in his car across the road from my house for two hours.", {"loitering"}),
    ("She was hanging around outside my work when I finished.", {"loitering"}),
    ("I saw him standing by the bus shelter again, just staring.", {"loitering"}),
    ("He didn't touch me but he was stood at the end of my drive.", {"loitering"}),
    ("He rang me eleven times from a withheld number.", {"unwanted_contact"}),
    ("I got another voicemail from him last night.", {"unwanted_contact"}),
    ("There was a note under my windscreen wiper saying you'll pay for this.", {"threats", "unwanted_contact"}),
    ("He left me a voicemail saying he'd make me pay.", {"threats", "unwanted_contact"}),
    ("He came up to me in the shop and asked why I'd blocked him.", {"unwanted_contact"}),
    ("He grabbed my arm and said if I tell anyone he'll kill me.", {"violence", "threats"}),
    ("He shoved me into the wall and walked off.", {"violence"}),
    ("She spat at me in the street.", {"violence"}),
    ("Someone keyed my car and let the tyres down.", {"property_damage"}),
    ("My front window had been smashed when I got home.", {"property_damage"}),
    ("Somebody pulled up all the plants in my front garden.", {"property_damage"}),
    ("He left a bunch of roses on my doorstep with a card.", {"gifts"}),
    ("I found an AirTag in my handbag.", {"monitoring"}),
    ("He was taking photos of me from across the road.", {"monitoring"}),
    ("He texted me saying he knows I was at Shauna's last night.", {"monitoring", "unwanted_contact"}),
    ("He messaged my mum asking where I'm living now.", {"third_party"}),
    ("His sister came up to me at work and said he wants to talk.", {"third_party"}),
    ("My friend Lucy got a message from him asking about me.", {"third_party"}),
    ("I rang my dad and he came to pick me up.", {"other"}),
    ("My friend grabbed my arm and pulled me into the shop.", {"other"}),
    ("He said he just wanted to talk and wouldn't leave me alone.", {"unwanted_contact"}),
    ("He set up a fake profile with my name and photos.", {"other"}),
    ("He was waiting outside my flat and then followed me to the bus stop.", {"following", "loitering"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, cats", WHAT_NEW)
def test_categories_general(said, cats, style):
    assert set(find_what(normalize(style(said)))) == cats
