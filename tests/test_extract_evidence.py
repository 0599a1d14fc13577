"""voicelog.extract.evidence: evidence the person says they kept, in both text styles."""

import pytest
from conftest import STYLES

from voicelog.extract.evidence import find_evidence
from voicelog.extract.normalize import normalize

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
