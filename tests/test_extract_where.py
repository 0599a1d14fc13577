"""voicelog.extract.where: places of incidents, in both text styles."""


from datetime import datetime

import pytest
from conftest import STYLES, vosk_style

from voicelog.extract import extract_incident
from voicelog.extract.nlp import parse_words
from voicelog.extract.normalize import normalize
from voicelog.extract.where import find_where, house_number
from voicelog.extract.who import truecase_words


def where(text):
    n = normalize(text)
    place = find_where(n, parse_words(truecase_words(n)))
    return vosk_style(place.text) if place else None


# said, an acceptable place (vosk-styled); the prediction must contain it with at most 3 extra words
CASES = [
    ("He was waiting outside my flat again when I got home.", "outside my flat"),
    ("She followed me through the car park at the sports centre on Brackenfield Road.",
     "car park at the sports centre on brackenfield road"),
    ("He parked his van across the road from my mum's house on Larkspur Avenue.",
     "across the road from my mum's house on larkspur avenue"),
    ("He came up to me on platform two at the station and grabbed my bag.", "platform two at the station"),
    ("He was standing by the bins behind the chip shop on Tollgate Road.",
     "by the bins behind the chip shop on tollgate road"),
    ("She kept walking behind me all the way down Weaver Street.", "weaver street"),
    ("He was at the bus stop near my school, staring at me.", "bus stop near my school"),
    ("He turned up at my work and shouted at me in reception.", "my work"),
    ("I was on the number forty bus and he got on after me.", "number forty bus"),
    ("He left a note on my doorstep.", "my doorstep"),
    ("He was parked opposite the library on Brindle Lane.", "opposite the library on brindle lane"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", CASES)
def test_place(said, place, style):
    got = where(style(said))
    assert got is not None and place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "He sent me ten messages on Instagram calling me names.",
    "She texted me at midnight saying I'd regret it.",
    "He rang my mum and told her lies about me.",
])
def test_no_place_for_remote_contact(said, style):
    assert where(style(said)) is None


def test_incident_place_preferred_over_destination():
    said = "He followed me out of the Lidl on Copperfield Lane and all the way to the station."
    assert "copperfield lane" in where(said)


# Rules-3: transport, workplaces, home, shops said without capitals, apposition, corrections.
MORE_PLACES = [
    ('He sat next to me on the forty seven bus and kept asking for my number.', 'forty seven bus'),
    ('He was on the train from Carlisle and took the seat facing mine until I got off.', 'train from carlisle'),
    ('I was on the tram and he got on at Cheapside.', 'tram'),
    ('He was waiting at the bus stop outside the library.', 'bus stop outside the library'),
    ('She turned up at work and yelled at me in front of everyone.', 'work'),
    ('He was parked in the top car park at the hospital when I finished.', 'top car park at the hospital'),
    ('He was standing outside the school gates at pick up.', 'outside the school gates'),
    ('He came into A and E while I was on shift and sat in the waiting area.', 'a and e'),
    ('He came onto the ward and asked the nurses where I was.', 'ward'),
    ('He was knocking at my front door at two in the morning.', 'my front door'),
    ('Someone pushed dog mess through my letterbox.', 'my letterbox'),
    ('He was hanging around outside my flat for an hour.', 'outside my flat'),
    ("He came to my mum's house on Gorse Road and banged on the windows.", "my mum's house on gorse road"),
    ('He was outside the Co-op on the corner of Fennel Street and Moss Lane.',
     'co op on the corner of fennel street and moss lane'),
    ('He followed me round the big Tesco.', 'big tesco'),
    ('He was sat in the Costa by the station watching me.', 'costa by the station'),
    ('It was on Ashdown Parade, he just grabbed my arm.', 'ashdown parade'),
    ('He was waiting in the Morrisons on Harrow Walk.', 'morrisons on harrow walk'),
    ('He was in the lobby of my block, the Willowbank Apartments.', 'my block the willowbank apartments'),
    ('I was walking home from the station and he followed me down Cobden Road.', 'cobden road'),
    ('He was outside Superdrug on the high street shouting at me.', 'superdrug on the high street'),
    ('He grabbed me in the car park behind Lidl.', 'car park behind lidl'),
    ('He got on the bus at the hospital and took the seat behind me right into town.', 'bus'),
    ('At my work, the garden centre on Moss Lane, he came in and stared at me.', 'garden centre on moss lane'),
    ('He keyed my car while it was parked outside my house on Orchard Close.', 'outside my house on orchard close'),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", MORE_PLACES)
def test_more_places(said, place, style):
    got = where(style(said))
    assert got is not None and place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    'He messaged me on Instagram while I was at the gym.',
    "He emailed me again, he said he'd seen me at the park.",
    'She sent a letter to my house saying she knows where I work.',
    "He rang me twenty times while I was at my sister's.",
    "He commented on every one of my Facebook photos while I was on holiday in Spain.",
])
def test_remote_contact_with_places_in_passing(said, style):
    assert where(style(said)) is None


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("He was at the Iceland, no, not the Iceland, it was the Londis on Tollgate Road.", "londis on tollgate road"),
    ("I was on the two twelve bus going to Clonmel and he got on at Copperfield Lane and sat next to me.",
     "two twelve bus"),
    ("I was at the Black Horse, the one on Tollgate Road, and he kept coming over.",
     "black horse on tollgate road"),
    ("He came into the Londis where I work, on Weaver Street, and left a card.",
     "londis where i work on weaver street"),
])
def test_incident_place_over_asides_and_corrections(said, place, style):
    got = where(style(said))
    assert got is not None and place in got, got


# Varied accounts written for generalisation (taken from no eval set), through extract_incident.
WED = datetime(2025, 10, 15, 20, 5)

# (said, a wording the place must contain (vosk style), or None)
WHERE = [
    ("He was standing outside the Co-op on Pennine Way.", "co op on pennine way"),
    ("He followed me round the Morrisons on Cobden Road.", "morrisons on cobden road"),
    ("He was waiting at platform three at Derby station.", "platform three at derby station"),
    ("He was outside my flat for an hour.", "outside my flat"),
    ("He was in my back garden when I looked out.", "my back garden"),
    ("He came into the break room at the depot.", "break room"),
    ("He sat outside my apartment on Fennel Street in his car.", "apartment on fennel street"),
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


# Issue 11: each kind of place the issue lists, spoken (Vosk style) and written (Whisper style), through the whole
# extractor. (said, a wording the place must contain (vosk style) or None, a wording it must not contain)
ISSUE_PLACES = [
    ("He was waiting at fourteen Kings Road when I got back.", "fourteen kings road", None),
    ("He was waiting at 14 Kings Road when I got back.", "14 kings road", None),
    ("He turned up at number 9 Cedar Close and knocked for ages.", "number 9 cedar close", None),
    ("He was outside my building, SW1A 1AA, when I got home.", "sw1a 1aa", None),
    ("He was at my kitchen window at midnight.", "my kitchen window", None),
    ("He was hiding in the side passage by the bins.", "side passage", None),
    ("He was banging on the front door and shouting my name.", "front door", None),
    ("He left a note on my doorstep again.", "my doorstep", None),
    ("At my work, the pharmacy on Queen's Parade, he came in and stared at me.",
     "the pharmacy on queen's parade", "my work"),
    ("He was in the Asda, no wait, the Aldi, and he followed me round.", "aldi", "asda"),
    ("He grabbed me by the arm and pulled me towards him.", None, None),
    ("He hit me in the face and ran off.", None, None),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place, not_in", ISSUE_PLACES)
def test_issue_places(said, place, not_in, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "") or None
    if place is None:
        assert got is None
    else:
        assert got is not None and place in got and (not_in is None or not_in not in got), got


def test_a_spoken_postcode_is_written_as_a_postcode():
    inc = extract_incident("he was parked outside my house at b fifteen two t t all night", recorded_at=WED)
    assert inc.location == "outside my house, B15 2TT"
    assert "location.postcode" in inc.rules["location"]


def test_a_body_part_does_not_swallow_the_street_after_it():
    inc = extract_incident("He grabbed me by the wrist on Tansy Road and would not let go.", recorded_at=WED)
    assert inc.location == "Tansy Road"


def test_the_foot_of_the_stairs_is_a_place_though_foot_is_a_body_part():
    inc = extract_incident("He was waiting at the foot of the stairs in my block.", recorded_at=WED)
    assert inc.location is not None and "the foot of the stairs" in inc.location


# Places the person confirmed in earlier entries (the diary passes them in as known_places).
KNOWN = ("Saffron Loft", "Oak-Tree Nails", "The Quillery")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("Saw him in Saffron Loft again, just staring at me.", "saffron loft"),
    ("He was there again. Saffron Loft, half two, watching me through the glass.", "saffron loft"),
    ("He came into Oak-Tree Nails while I was having my nails done.", "oak tree nails"),
    ("He waited for me in Saffron Loft on Hollin Road.", "saffron loft on hollin road"),
    ("He was sitting in the quillery when I came in.", "the quillery"),
    ("He was sitting in quillery again.", "quillery"),
])
def test_a_confirmed_place_is_found_without_a_cue_or_capitals(said, place, style):
    inc = extract_incident(style(said), recorded_at=WED, known_places=KNOWN)
    assert place in vosk_style(inc.location or ""), inc.location
    assert "location.known-place" in inc.rules["location"]


def test_an_unconfirmed_name_without_a_cue_is_not_a_place():
    said = "saw him in saffron loft again just staring at me"
    assert extract_incident(said, recorded_at=WED).location is None
    assert extract_incident(said, recorded_at=WED, known_places=KNOWN).location == "saffron loft"


def test_a_confirmed_place_does_not_make_an_online_account_a_place():
    said = "He messaged me on Instagram saying he saw me in Saffron Loft."
    assert extract_incident(said, recorded_at=WED, known_places=KNOWN).location is None


def test_the_rules_that_found_a_place_are_in_its_provenance():
    inc = extract_incident("He was outside the chemist on Hollin Road in Dunmore.", recorded_at=WED)
    assert inc.rules["location"].split("; ") == ["location.place-noun", "location.extend", "location.they-were-there"]


@pytest.mark.parametrize("said, place", [
    ("he came to my house s w one a one a a and banged on the door", "my house, SW1A 1AA"),
    ("He came to my house, SW1A 1AA, and banged on the door.", "my house, SW1A 1AA"),
    ("my address is 14 kings road s w one a one a a and he was outside", "14 kings road, SW1A 1AA"),
    ("My address is 14 Kings Road, SW1A 1AA. He was outside.", "14 Kings Road, SW1A 1AA"),
])
def test_a_postcode_joins_the_place_it_follows(said, place):
    inc = extract_incident(said, recorded_at=WED)
    assert inc.location == place
    assert "location.postcode" in inc.rules["location"]


# What Whisper does to places (punctuation, capitals, digits), written as it writes them; invented wordings.
# (said, the place exactly)
HEARD_BY_WHISPER = [
    ("So I pulled into the car park on Birch Road in. Found it under the seat.", "the car park on Birch Road"),
    ("He was outside the gym. On Tanners Lane. He didn't say a word.", "outside the gym. On Tanners Lane"),
    ("He was at the bus stop on Birch Road. In the end I went home.", "the bus stop on Birch Road"),
    ("He was outside the house on Mill St. Then he drove off.", "outside the house on Mill St"),
    ("He was waiting at the gates of St. Luke's Primary.", "the gates of St. Luke's Primary"),
    ("He was parked in the Station Road car park.", "the Station Road car park"),
    ("He trailed me round Wilko in the precinct and on out to the car park.", "Wilko in the precinct"),
    ("He was waiting at 7 Kings Road when I got there.", "7 Kings Road"),
    ("He was on the 615 train from Leeds and sat opposite me.", "the 615 train from Leeds"),
    ("I was at my friend Amy's house on Birch Road when he knocked.", "my friend Amy's house on Birch Road"),
    ("He was waiting at Dr. Singh's surgery when I came out.", "Dr. Singh's surgery"),
    ("He was outside Mr. Hobday's shop on Birch Road.", "outside Mr. Hobday's shop on Birch Road"),
    ("He followed me down Birch Ave. Then he turned into the park.", "Birch Ave"),
    ("He was sat on the wall outside No. 14.", "the wall outside No. 14"),
    ("He sat behind me on the No. 7 bus.", "the No. 7 bus"),
    ("He turned up at my work, Hartwell Opticians, and asked for me.", "Hartwell Opticians"),
    ("He was outside Tesco's Mill Lane shouting.", "outside Tesco's Mill Lane"),
]


@pytest.mark.parametrize("said, place", HEARD_BY_WHISPER)
def test_a_place_as_whisper_writes_it(said, place):
    assert extract_incident(said, recorded_at=WED).location == place


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("I was at the Foresters Arms, the one on Quarry Street, and he came in.",
     "the foresters arms on quarry street"),
    ("He was waiting outside the Kings Arms on Mill Lane.", "outside the kings arms on mill lane"),
    ("I was in the Fox and Hounds with my sister when he walked in.", "the fox and hounds"),
    ("He was drinking in the Coach and Horses when I walked in.", "the coach and horses"),
    ("He was at the door and window all night.", "the door"),
    ("He was in the Black Bull Inn and stared at me all night.", "the black bull inn"),
    ("He put his arms round me in the Kings Head.", "the kings head"),
    ("He waited in the rain and snow outside my flat.", "outside my flat"),
    ("I was in the garden and Tom came round.", "the garden"),
])
def test_pubs_are_places_and_other_pairs_are_not_pubs(said, place, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert got == place


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "He grabbed me by the arms and shook me.",
    "He grabbed me by both arms and shook me.",
    "He hit me on the back of the head.",
    "He punched me in the head and chest.",
])
def test_a_body_part_is_no_pub(said, style):
    assert extract_incident(style(said), recorded_at=WED).location is None


@pytest.mark.parametrize("said, number", [
    ("He was waiting at seven Kings Road when I got there.", "seven"),
    ("he was waiting at seven kings road when i got there", "seven"),
    ("He was waiting at 7 Kings Road when I got there.", "7"),
    ("He was outside 42 Tanner Street at 9.", "42"),
])
def test_a_house_number_is_told_from_a_time(said, number):
    account = normalize(said)
    at = next(i for i in range(len(account.words)) if account.source(i, i + 1) == number)
    assert house_number(account, at)
    assert not any(house_number(account, i) for i in range(len(account.words)) if i != at)


@pytest.mark.parametrize("said", [
    "He came at seven. Kings Road was empty by then.",
    "He came round at seven and went down Kings Road.",
])
def test_a_time_before_a_street_is_no_house_number(said):
    account = normalize(said)
    assert not any(house_number(account, i) for i in range(len(account.words)))


@pytest.mark.parametrize("said, place", [
    ("He was outside the chemist, um, on Birch Road.", "outside the chemist, um, on Birch Road"),
    ("Um, he was, like, outside the gym on Birch Road.", "outside the gym on Birch Road"),
    ("He was at the, er, the bus stop. I was on, like, my way home.", "the, er, the bus stop"),
])
def test_fillers_inside_a_place_are_passed_over(said, place):
    incident = extract_incident(said, recorded_at=WED)
    assert incident.location == place
    assert ("location.fillers" in incident.rules["location"]) == (", um," in said or ", er," in said)


# Accounts with more than one place: where the other person was, not where the speaker had been or he lives.
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("I was at my sister's in Leeds for the weekend. When I got home on Sunday night he was sat outside my flat.",
     "outside my flat"),
    ("He lives round the corner from me on Elm Street. Last night he was standing in my front garden.",
     "my front garden"),
])
def test_the_place_where_he_was_wins(said, place, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert place in got and len(got.split()) - len(place.split()) <= 3, got


def test_a_message_that_mentions_a_place_does_not_hide_a_visit_in_the_next_sentence():
    said = "He sent me a message saying he'd seen me at the pub. Then this morning he was outside my work."
    assert extract_incident(said, recorded_at=WED).location == "outside my work"


# Places the dev2 review showed missing (each sentence invented for the general pattern), in both styles.
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("Her sister was in the back green this morning, hanging about by the bins.", "the back green"),
    ("In the beer garden of the Fox on Mill Lane he threw a glass at me.", "the beer garden of the fox on mill lane"),
    ("Outside the library his mate come up and hand me a letter from him.", "outside the library"),
])
def test_places_in_a_green_a_marked_off_area_or_handed_over_in_person(said, place, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("style", STYLES)
def test_across_from_an_address_is_the_place_not_the_house_he_was_outside_earlier(style):
    said = "He was outside the house again, then parked up in the van across from number twelve Larch Avenue for hours."
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert got == "across from number twelve larch avenue", got


@pytest.mark.parametrize("style", STYLES)
def test_caribbean_pon_and_di_open_a_place(style):
    said = "Mi did deh a di shop pon King Street yesterday an him grab mi arm."
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert "king street" in got and len(got.split()) <= 5, got


@pytest.mark.parametrize("style", STYLES)
def test_a_lodging_on_a_numbered_cross_street_keeps_its_street_not_the_district_after_it(style):
    said = "He was standing near my PG on third cross, Hillfield, by the tea stall."
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert got.startswith("near my pg on third cross"), got


# Ways of telling a place found by reading an unseen set's errors for their general causes (all invented here):
# several places with the incident's one marked, places left or passed, damage with no cue, a ride and its parts.
SEVERAL_PLACES = [
    # the speaker says which place it was
    ("We ate at the Golden Dragon on Mill Road, then walked to the car park on Larch Street, and that's where it "
     "happened. He came out from behind a van.", "the car park on larch street"),
    # arrived, and the other person was there
    ("I left work at six, nipped into the bakery for bread, and when I reached the bus stop on Holm Road, Osian was "
     "already there.", "the bus stop on holm road"),
    ("When I reached the tram stop he was there waiting for me.", "the tram stop"),
    # where a following ended, a refuge and where someone dropped the speaker are not the place
    ("On the number nine bus he sat behind me and then walked behind me till the chemist on Hollin Road.",
     "the number nine bus"),
    ("He followed me round the market on Linthorpe Road. I went into the bakery and waited until he'd gone.",
     "the market on linthorpe road"),
    ("I got a taxi from outside the Crown on Tanners Lane and he followed it. The driver dropped me at my mate's.",
     "the crown on tanners lane"),
    # a place left is where it started
    ("I left the Aldi on Birch Road at five and his car pulled out right behind me.", "the aldi on birch road"),
    # a part of a home damaged, said with no cue
    ("I went down at seven and the kitchen window's been smashed, glass all over the sink.", "the kitchen window"),
    ("Some time in the night the front of the house got splattered with paint, the door, the windows, everything.",
     "the front of the house"),
    # a bare part of the bus being ridden, or of a shop said before
    ("I got on the tram at Kelby and he stood by the doors glaring at me till my stop.", "the tram"),
    ("I'd been in the Co-op on Heath Lane and as I stepped back out he was standing by the entrance.",
     "the co op on heath lane"),
    # where someone is from, and where the speaker is now after a call, are not the place
    ("Mr Hale from number six came up to my front gate and swore at me.", "my front gate"),
    # a road by its number, said in words, is where the driving was
    ("I was driving back from my sister's on the M sixty two and he sat right on my bumper.", "the m sixty two"),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", SEVERAL_PLACES)
def test_the_incidents_place_among_several(said, place, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "He rang me at midnight screaming down the phone. I'm at my sister's now.",
    "He messaged me on Hinge pretending to be someone else. I'm not on there any more.",
])
def test_where_the_speaker_is_now_after_a_call_is_no_place(said, style):
    assert extract_incident(style(said), recorded_at=WED).location is None


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "He left me forty messages on WhatsApp last night.",
    "I reached out to his mum on Facebook and she blocked me.",
    "My phone screen was smashed when he threw it, that was last week.",
    "He said on the phone that my front door wasn't strong enough to keep him out.",
    "She posted my address on Facebook with a picture of my front door.",
])
def test_no_place_from_a_cue_word_or_a_part_of_a_home_said_in_passing(said, style):
    assert extract_incident(style(said), recorded_at=WED).location is None


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, place", [
    ("Him come inna di shop pon Market Street an start cuss mi.", "di shop pon market street"),
    ("He was parked across the road from my son's nursery for an hour.", "across the road from my son's nursery"),
    ("He was parked across the street from my daughter's daycare for like an hour.",
     "across the street from my daughter's daycare"),
])
def test_caribbean_inna_and_places_for_children(said, place, style):
    got = vosk_style(extract_incident(style(said), recorded_at=WED).location or "")
    assert place in got and len(got.split()) - len(place.split()) <= 3, got


@pytest.mark.parametrize("text, place", [
    ("She sent me a picture of my van parked outside my gym with a laughing face.", None),
    ("He messaged me a photo of our car outside my job at the garage in Dunmore.", None),
    ("i got a video from him of him standing outside my nan's bungalow in dunmore", None),
    ("He was taking photos of my house from the bus stop opposite.", "the bus stop"),
])
def test_a_place_in_a_photo_of_their_things_is_no_place_nor_any_phrase_in_it(text, place):
    """Rule in-a-picture: a photo of my car, our house, him standing there; not someone there taking it."""
    assert where(text) == place
