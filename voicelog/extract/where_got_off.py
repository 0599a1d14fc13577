"""A bare stop, station or platform is the one the speaker got off at, said just before it.

"I got off the tram at Hillfield and he was on the platform", "stepped off the last bus at Kelby and he was waiting
at the stop": the stop, station or platform said with no name of its own is the one named where the speaker got off
(rules ``platform-at`` and ``stop-at``), so the place reads "the platform at Hillfield", "the stop at Kelby".
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from voicelog.extract.normalize import Normalized
    from voicelog.extract.where import Place, _Candidate

PLATFORM_AT = rule("location.platform-at", "\"I got off at Hillfield ... he was on the platform\": the platform at Hillfield.",
                   said("When I got off at Hillfield, about six, he was standing on the platform.",
                        "the platform at Hillfield"),
                   said("when i got off at hillfield about six he was standing on the platform",
                        "the platform at hillfield"))
STOP_AT = rule("location.stop-at", "\"I stepped off the bus at Kelby ... he was at the stop\": the stop or station got off at.",
               said("i got off the late bus at kelby and marek was waiting at the stop for me", "the stop at kelby"),
               said("I got off the Luas at Fernhill and he chased me through the station.",
                    "the station at Fernhill"),
               said("I got off at Kelby and walked to my nan's. Later he was waiting at the stop by the shops.",
                    "the stop by the shops", fires=False))

_GOT_OFF = re.compile(r"\b(?:got|get|gets|getting|stepped|jumped|hopped) (?:off|aff)(?: the(?: \S+)?? \S+)?$")
"""Getting off just before "at" ("got off at", "got off the tram at", "hopped off the late bus at")."""
_BARE = {"platform": PLATFORM_AT, "platforms": PLATFORM_AT, "stop": STOP_AT, "station": STOP_AT}
"""The bare place said after it, and the rule that names it by where the speaker got off."""


def got_off_at(account: Normalized, best: _Candidate, candidates: Sequence[_Candidate]) -> Place | None:
    """Rules ``platform-at``, ``stop-at``: a bare "the platform", "the stop", "the station" (at most four words with
    its cue) is the one at the place the speaker got off at, said before it ("when I got off at Hillfield"), even
    when that name is also a surname ("got off at Connell")."""
    from voicelog.extract.where_phrase import Reader

    lowers = [word.lower for word in account.words]
    named_by = _BARE.get(lowers[best.end - 1])
    if named_by is None or best.end - best.cue_start > 4:
        return None
    for at in range(max(0, best.cue_start - 30), best.cue_start):
        if lowers[at] != "at" or not _GOT_OFF.search(" ".join(lowers[max(0, at - 5):at])):
            continue
        other = next((c for c in candidates if c.cue_start == at and c.end - c.cue_start <= 4), None)
        end = other.end if other is not None else Reader(account).np_end(at + 1)
        if not at + 1 < end <= min(at + 4, best.cue_start):
            continue
        name = other.place.text if other is not None else account.source(at + 1, end)
        place = best.place
        return replace(place, text=f"{place.text} at {name}", rules=(*place.rules, named_by))
    return None
