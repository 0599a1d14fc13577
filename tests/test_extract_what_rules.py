"""``voicelog.extract.what_rules``: the relayed rule's words given to the speaker to pass on (through the whole
extractor, both recogniser styles)."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import STYLES

from voicelog.extract import extract_incident


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    "Her ex leaned over the garden wall and said tell Mira she can't keep my daughter from me.",
    "That lad Callum was at the bus shelter again and he goes, tell Jo she's next.",
    "My sister's ex stopped me by the chemist and said to tell Pria he's not finished with her.",
])
def test_words_given_to_the_speaker_to_pass_on_are_contact_through_others(said, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert "third_party" in incident.categories
    assert "categories.third-party-relayed" in (incident.rules.get("categories") or "").split("; ")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said", [
    # the speaker's own words to pass on, and words for the speaker, are nobody's relayed message
    "Callum was at the bus shelter again so I said tell Jo I'm not coming tonight and walked off.",
    "Callum was at the bus shelter again and he said tell me where she lives or else.",
])
def test_the_speakers_own_message_or_one_for_the_speaker_is_not_passed_on(said, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert "categories.third-party-relayed" not in (incident.rules.get("categories") or "").split("; ")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "contact"), [
    ("His cousin Oswin rang me last night and said Rollo wants the van back or I'll be sorry.", True),
    ("Yesterday Rollo's sister left me a voicemail saying Rollo wants the van back or else.", True),
    # the person's own relation telling them, not the go-between's call
    ("My sister got a message from Rollo saying tell her she'd better watch it.", False),
    ("Mam rang me at tea time. She said Rollo came round asking for me and said tell her I'll find her.", False),
])
def test_a_threat_passed_on_by_message_or_call_is_contact_too(said, contact, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert "threats" in incident.categories
    assert ("unwanted_contact" in incident.categories) is contact


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "contact"), [
    ("Ferdie posted a photo of my front gate on his Facebook with the caption, lovely evening for it.", True),
    ("He keeps sending me DMs on Instagram, all week saying he knows where I went on Saturday.", True),
    ("Ferdie logged into my email and changed my profile name to watching you.", True),
    # the person's own posting, or none, is no post of theirs
    ("Ferdie knew I was at the lido on Sunday and I haven't posted anything in weeks.", False),
])
def test_a_post_showing_they_watch_is_contact_too(said, contact, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert "monitoring" in incident.categories
    assert ("unwanted_contact" in incident.categories) is contact


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "watched"), [
    # knowledge the other person should not have had, as the person says it
    ("Ferdie texted me good luck for the interview. Nobody knew about the interview except my mum.", True),
    ("Ferdie rang the depot asking for me by name. He's not supposed to know my shift pattern.", True),
    ("Ferdie emailed me a list of my evening classes, he knew my timetable somehow.", True),
    ("Ferdie messaged me asking how the dentist went. I never told anyone about the dentist.", True),
    # not knowing, said of the person or of nobody in particular
    ("Ferdie shouted at me outside the bakery and nobody did anything.", False),
    ("Ferdie texted me twenty times. I didn't know what to do.", False),
])
def test_knowledge_they_should_not_have_is_monitoring(said, watched, style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert ("monitoring" in incident.categories) is watched


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "through_others"), [
    # a relation of theirs passing on what the other person wants, or contacting the person by message
    ("Otto, my ex's stepbrother, stopped me outside the chip shop and said Rollo wants his bike back or else.", True),
    ("Otto, my ex's stepbrother, texted me to say keep my mouth shut or I'll regret it.", True),
    # a relation of theirs who came and spoke or did harm on their own account
    ("Otto, my ex's stepbrother, stopped me outside the chip shop and said I'd pay for what I did to his car.", False),
    ("My ex's stepbrother kicked my front gate in last night and shouted that I'm a liar.", False),
])
def test_a_relation_of_theirs_acting_in_person_for_themselves_is_not_contact_through_others(said, through_others,
                                                                                           style):
    incident = extract_incident(style(said), recorded_at=datetime(2026, 3, 14, 18, 0))
    assert ("third_party" in incident.categories) is through_others
