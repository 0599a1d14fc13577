"""voicelog.extract.impact: what an incident did to the person, in both text styles."""

import pytest
from conftest import STYLES, vosk_style

from voicelog.extract.impact import find_impact
from voicelog.extract.normalize import normalize

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
