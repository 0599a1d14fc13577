"""Threats: the trigger lists and named rules for the `threats` category, and how a threat said face to face
takes its approach and its "said" with it (README: said face to face, `threats` alone; by message, call,
voicemail, letter or note, also `unwanted_contact`).

Moved out of :mod:`voicelog.extract.what` (which applies these per clause) to keep each module under 500 lines.
The phrases are data: vocab/what_threats.txt, what_threats_conditional.txt, what_threat_gestures.txt.
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said


def _list(name: str) -> re.Pattern[str]:
    """A trigger list (vocab/<name>.txt, one regular expression a line) as one pattern."""
    return re.compile(r"\b(?:" + "|".join(vocab.entries(name)) + r")\b")


THREATS = _list("what_threats")
THREATS_CONDITIONAL = _list("what_threats_conditional")
"""Threats said on a condition or indirectly: "if he can't have me then nobody will"."""
THREAT_GESTURES = _list("what_threat_gestures")
"""A finger drawn across the throat, a gun made with the fingers."""

THREAT_RULE = rule("categories.threats", "words that threaten, said or written (vocab/what_threats.txt)",
                   said("He walked up to me in the queue and said you'll regret it.", "threats"),
                   said("he stopped me on the stairs and told me to watch my back", "threats"),
                   said("She told me outside the chemist she'd have me done over.", "threats"),
                   said("he rang me and said he'd do me in", "threats, unwanted_contact"))
THREAT_CONDITIONAL_RULE = rule(
    "categories.threats-conditional", "a threat on a condition or said indirectly (vocab/what_threats_conditional.txt)",
    said("If he can't have me then nobody will, he said.", "threats"),
    said("he came up to me and said it would be a shame if something happened to my car", "threats"),
    said("He said if I can't have you no one will have you.", "threats"))
THREAT_GESTURE_RULE = rule("categories.threats-gesture", "a threatening gesture or object left (vocab/what_threat_gestures.txt)",
                           said("He drew his finger across his throat when he saw me.", "threats"),
                           said("he pointed his fingers at me like a gun from across the road", "threats"))
THREAT_BY_MESSAGE_RULE = rule(
    "categories.threat-by-message", "a threat by message, call, voicemail or note is also contact",
    said("He texted saying I'd regret going to the police.", "threats, unwanted_contact"),
    said("A note was pushed under my door saying I'll hurt you.", "threats, unwanted_contact"),
    said("she dm'd me on tiktok that she'd smash my face in", "threats, unwanted_contact"))
THREAT_FACE_RULE = rule(
    "categories.threat-face-alone", "a threat said face to face takes its approach and its 'said' with it: threats alone",
    said("He blocked my way on the path and said I'd be sorry.", "threats"),
    said("she leaned in at the bar and told me i was dead", "threats"))

THREAT_REACH = {
    "said before": 2,  # "he said | um | if I leave ...": the "said" of a threat up to two clauses on is the threat
    "said after": 2,  # "if he can't have me | then nobody will | he said": up to two clauses back
    "approach": 2,  # "he came up to me | and | said watch your back": the approach before a threat
}
"""How many clauses from a face-to-face threat its approach and its "said" belong to it (a threat alone)."""
THREAT_SPEECH = ("said", "says", "told me")
"""The words by which a threat is said face to face."""
THREAT_APPROACHES = ("came", "approached", "stopped", "blocked", "leaning", "leant", "leaned", "walked up")
"""How an approach that brings a threat with it begins (a face hit starting with one of these)."""


def part_of_threat(hit: str, gap: int, said_after: int) -> bool:
    """A face-to-face hit that is only the approach or the words of a nearby threat (:data:`THREAT_FACE_RULE`):
    ``gap`` clauses on to the next threat, ``said_after`` clauses back to the last one."""
    if gap == 0:
        return True
    if hit in THREAT_SPEECH and (gap <= THREAT_REACH["said before"] or said_after <= THREAT_REACH["said after"]):
        return True
    return gap <= THREAT_REACH["approach"] and hit.startswith(THREAT_APPROACHES)
