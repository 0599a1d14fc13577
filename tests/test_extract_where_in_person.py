"""Whether an account of calls or messages had anyone there in person (voicelog.extract.where_in_person)."""

from __future__ import annotations

import pytest

from voicelog.extract.normalize import normalize
from voicelog.extract.where_in_person import not_in_person


@pytest.mark.parametrize("text", [
    "He texted me all evening, then he crosses the road at the Texaco on Pell Street and spits at me.",
    "She kept messaging, and at nine she came in to the salon and told my clients lies about me.",
    "He's been ringing all day and then someone pried my letterbox open at the flat.",
    "somebody kept ringing my doorbell at two and i saw on my phone it was him",
    "My cousin texted and told me that a lad called Bas had come to the house on Sunday night.",
    "dad rang me to say kieran had been round to his bungalow on larch close asking for me",
    "the woman at the desk told me that his brother had come by at ten and then he messaged me",
])
def test_someone_there_in_person_keeps_the_place(text: str) -> None:
    assert not not_in_person(normalize(text))


@pytest.mark.parametrize("text", [
    "She rang six times. The last one came in at nine: she'll come to my work and smash my car.",
    "He phoned from a blocked number and claimed he'd driven by my new flat.",
    "She left a voicemail at six saying I'll regret it. I work at the depot at Kestrel Park.",
    "He messaged me on Instagram, no wait, it was Snapchat, saying he misses me.",
    "I got a letter from him today, it came at ten, and I've been stealing glances at it all day.",
    "He rang and said he had come to the flat but I was out.",
    "she rang me and said i was out when he came round",
])
def test_only_at_a_distance_has_no_place(text: str) -> None:
    assert not_in_person(normalize(text))
