"""Whether and how an incident was reported: to the police (999, 101, online, at a station) or to a
landlord, school, employer, council or security.

"I rang one oh one" gives ``police (101)``; "I reported it online" gives
``police (online)``; "I told my landlord" gives ``landlord``; "I haven't called
the police" gives ``not reported to police``. A report only planned or feared
("I'm going to ring 101", "too scared to tell the police") is not one. Officers
and crime reference numbers are the ``police`` field (:mod:`voicelog.extract.police`).
"""

from __future__ import annotations

import re

from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.spelled import Found, Spoken, spoken, unique

POLICE_HOW = rule(
    "reported.police-how", "a report to the police and how: by 999, 101 or 911, online, at a station",
    said("I rang one oh one straight away and they gave me a reference.", "police (101)"),
    said("i called nine nine nine when he wouldn't leave the garden", "police (999)"),
    said("I reported it online to the police that night.", "police (online)"),
    said("The next morning I went to the police station and reported it.", "police (at a station)"),
)
POLICE = rule(
    "reported.police", "a report to the police said without how ('I reported it to the police', 'the police came')",
    said("I reported it to the police and they said they would speak to him.", "police"),
    said("I'll be reporting it to the police tomorrow.", None, fires=False),
)
NOT_REPORTED = rule(
    "reported.not-reported", "the person says they have not reported it to the police",
    said("I haven't reported it to the police yet because I'm scared of what he'll do.", "not reported to police"),
)
OTHERS = rule(
    "reported.others", "a report to a landlord, letting agent, housing, school, employer, council or security",
    said("I emailed my landlord about the broken fence.", "landlord"),
    said("We told the school and the head teacher is keeping an eye out.", "school"),
    said("I reported it to my manager at work.", "employer"),
)

_VERB = (r"(?:reported|report|told|informed|emailed|e-mailed|rang|rung|called|phoned|dialled|dialed|contacted|"
         r"messaged|wrote to|spoke to|spoken to|let|went to|gone to)")
_WHAT = r"(?:it |this |that |him |her |them |everything |all this |all of it |the \w+ |what happened |him in )?"
_TO = r"(?:to |with )?"
CHANNELS = (  # (value, pattern on the lower-case words, its rule)
    ("police (999)", rf"\b(?:{_VERB}|ring|call|dial|ringing|calling|dialling|dialing) (?:the police on )?"
                     r"(?:999|nine nine nine|triple nine)\b|\b999 call\b", POLICE_HOW),
    ("police (911)", rf"\b(?:{_VERB}|call|dial|calling|dialing) (?:the police on )?(?:911|nine one one)\b", POLICE_HOW),
    ("police (101)", rf"\b(?:{_VERB}|ring|call|ringing|calling) (?:the police on )?"
                     r"(?:101|one oh one|one o one|one zero one|one nought one)\b", POLICE_HOW),
    ("police (online)", rf"\b(?:reported|report|reporting) {_WHAT}(?:to the police )?online\b|"
                        r"\bonline (?:police )?(?:report|form)\b|\bpolice (?:website|online form|app)\b", POLICE_HOW),
    ("police (at a station)", r"\b(?:went|go|gone|walked|drove|came) (?:in ?to|down to|to) (?:the|a|my local|our local) "
                              r"police station\b|\b(?:reported|report) \w* ?(?:in person )?at the (?:police )?station\b|"
                              r"\b(?:got back|been|come back|came back|just back) (?:from|to|at) the (?:local )?police station\b",
     POLICE_HOW),
    ("police", rf"\b{_VERB} {_WHAT}{_TO}(?:the )?(?:police|cops|gardaí|garda)\b|"
               r"\b(?:police|officers?|cops) (?:came|attended|arrived|came round|came out|turned up|have been)\b",
     POLICE),
    ("landlord", rf"\b{_VERB} {_WHAT}{_TO}(?:my|our|the) (?:landlord|landlady)\b", OTHERS),
    ("letting agent", rf"\b{_VERB} {_WHAT}{_TO}(?:my|our|the) (?:letting agents?|letting agency|estate agents?)\b",
     OTHERS),
    ("housing", rf"\b{_VERB} {_WHAT}{_TO}(?:my|our|the) (?:housing officer|housing association|housing)\b", OTHERS),
    ("school", rf"\b{_VERB} {_WHAT}{_TO}(?:the|my|our|his|her|their|my \w+'s|the kids'|the children's) "
               r"(?:school|college|university|uni|head teacher|headteacher|head of year|teacher)\b", OTHERS),
    ("employer", rf"\b{_VERB} {_WHAT}{_TO}(?:my|our|the) (?:employer|manager|line manager|boss|supervisor|hr|"
                 r"human resources|work)\b", OTHERS),
    ("council", rf"\b{_VERB} {_WHAT}{_TO}the (?:council|local council|antisocial behaviour team|asb team)\b", OTHERS),
    ("security", rf"\b{_VERB} {_WHAT}{_TO}(?:the )?(?:security|security guard|security team)\b", OTHERS),
)
NOT_YET = re.compile(
    r"\b(?:not|n't|never|haven't|hasn't|didn't|won't|wouldn't|going to|gonna|will|i'll|we'll|want to|wanted to|"
    r"should|might|may|thinking (?:about|of)|about to|plan to|planning to|meaning to|scared to|afraid to|"
    r"frightened to|too \w+ to|before i could|can't|cannot|couldn't|if|whether|unless|or)(?: \S+){0,3} $")
"""Words before a report that make it not (yet) made."""
NEGATED = re.compile(r"\b(?:haven't|have not|hasn't|didn't|did not|never|not yet|still haven't|i've not)(?: \S+){0,2} $")
"""Words before a report to the police that say it was not made (as opposed to only planned)."""
SOMEONE_ELSE = re.compile(r"\b(?:he|she|they|he'd|she'd|they'd|he's|she's|they've)(?: \S+)? $")
"""A report made by the other person ("he told the police I was lying") is not the person's."""


def find_reported(n: Normalized) -> tuple[Found, ...]:
    """To whom and how the incident was reported, as said (the police first, by how, then others)."""
    s = spoken(n.original)
    text = " ".join(s.lower)
    out: list[Found] = []
    police_how = False
    for value, pattern, name in CHANNELS:
        for m in re.finditer(pattern, text):
            before = text[:m.start()]
            first = len(before.split())
            last = len(text[:m.end()].split())
            start_of_sentence = s.sentence_of(first)[0]
            lead = " ".join(s.lower[max(start_of_sentence, first - 5):first]) + " "
            if SOMEONE_ELSE.search(lead) and not (value == "police" and m.group(0).startswith(("police", "officer"))):
                continue
            if NOT_YET.search(lead):
                if value.startswith("police") and NEGATED.search(lead):
                    out.append(Found("not reported to police", _source(s, text, m, first), NOT_REPORTED,
                                     first))
                continue
            if value == "police" and police_how:
                continue  # "I rang 101 and reported it to the police": how is already said
            police_how = police_how or value.startswith("police (")
            out.append(Found(value, s.source(first, last), name, first))
    if any(f.text.startswith("police") for f in out):
        out = [f for f in out if f.text != "not reported to police"]  # "didn't ring 999, I rang 101"
    return unique(out)


def _source(s: Spoken, text: str, m: re.Match[str], first: int) -> str:
    """The words of a report said not to have been made, with the negation before them."""
    lead = max(s.sentence_of(first)[0], first - 3)
    return s.source(lead, len(text[:m.end()].split()))
