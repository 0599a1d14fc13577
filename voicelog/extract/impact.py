"""How it felt: the person's own words about fear, distress and changes to daily life.

Stalking under the law needs fear of violence or serious alarm or distress, so
these are quoted as spoken ("I was terrified", "I've stopped taking the bus"),
not summarised. A clause opens at a first-person feeling or change cue and ends
at punctuation, a conjunction, or a new subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicelog.extract.normalize import Normalized


@dataclass(frozen=True)
class Detail:
    """One thing said, normalised, with the spoken words it came from."""

    text: str
    """The value to store: the person's words, or a normalised kind ("screenshot")."""
    source: str
    """The spoken words."""


_I = r"(?:i|i'm|i've|i'd|i was|i am|i felt|i feel|i have|i had|i got|i get|i've been|i have been|i'm now|we|we're|we've)"
_INTENS = r"(?:(?:so|really|very|absolutely|completely|totally|genuinely|actually|quite|a bit|a little|bit|too|just|still|properly|that|literally|now|honestly|fucking|bloody) )*"
FEELINGS = (
    r"terrified|scared|frightened|afraid|petrified|shaken(?: up)?|shaking|trembling|upset|anxious|panick(?:ing|ed)|"
    r"in bits|in pieces|distressed|alarmed|humiliated|sick|on edge|paranoid|nervous|worried|intimidated|"
    r"traumati[sz]ed|devastated|in tears|crying|a wreck|a mess|unsafe|not safe|vulnerable|exhausted|"
    r"horrified|freaked out|frozen|froze|numb|helpless|powerless|hysterical|beside myself|sick to my stomach|"
    r"having panic attacks|on anti ?depressants|depressed|jumpy|can't cope|can't sleep|cannot sleep|"
    r"couldn't sleep|couldn't breathe|couldn't stop shaking|couldn't stop crying|not sleeping|barely sleeping|"
    r"a nervous wreck|scared stiff|scared for my life|in fear|fearing for my life|feared for my life"
)
# "I was terrified", "I'm scared to leave the house", "I felt sick"
FEEL_RX = re.compile(rf"\b{_I} {_INTENS}(?:feeling |felt |feel |being |been |getting )?(?:{FEELINGS})\b")
# first-person changes to daily life: "I've stopped taking the bus", "I had to change my route"
_ME = r"(?:i|i've|i have|i had|i'd|i'm|i am|we|we've|we have|we had|we're)"
_ADV = r"(?:(?:now|also|even|just|actually|since|basically|pretty much|more or less|completely|all) )*"
_CHANGE_VERB = (
    r"stopped \w+ing|stop \w+ing|stopped going|given up \w+ing|gave up \w+ing|changed (?:my|the|our|where|how|when)|"
    r"moved (?:out|in with|house|away|back|to|my)|quit (?:my|the)|avoid(?:ing)? (?:\w+ )?(?:the|that|going|my|walking|town|him|her)|"
    r"started (?:\w+ing|to)|start(?:ing)? to|got (?:a|an) (?:panic alarm|alarm|camera|doorbell|new)|"
    r"(?:installed|fitted|put up|put in|bought) (?:a|an|cameras|new|some)|(?:been|am|was) off work|"
    r"taken time off|took time off|been signed off|signed off|working from home|work from home|"
    r"(?:been )?staying (?:with|at|in)|stayed (?:with|at) (?:my|a|friends)|sleeping (?:with|at|in|on)|"
    r"keep (?:\w+ing|looking|checking)|always (?:\w+ing|check|look)|come off|came off|deleted my|closed my|"
    r"made my \w+ (?:private|accounts private)|set my \w+ to private|changed the locks|(?:had|got) (?:the|my|our) locks changed|blocked (?:him|her|them|his|her)"
)
_MUST = r"(?:had to|have to|'ve had to|have had to|need to|needed to)"
_MUST_VERB = (
    r"change|move|leave (?:my|the|work|home)|stay (?:with|at|in)|take (?:a different|another|the long|taxis|a taxi|time off)|"
    r"get (?:a lift|lifts|taxis|a taxi|someone|my|new|a new)|ask (?:someone|my|a friend)|walk (?:a different|the long)|"
    r"hide|quit|give up|block|come off|delete|lock|call in sick|go to (?:the doctor|my gp|a and e)"
)
_CANT = r"(?:can't|cannot|couldn't|don't|won't|daren't|dare not|no longer|never|barely|hardly|haven't|can not)"
_CANT_VERB = (
    r"go out|go anywhere|leave the house|leave my|walk (?:alone|on my own|home|anywhere)|sleep|slept|eat|eaten|"
    r"feel safe|felt safe|stop \w+ing|relax|concentrate|work|go (?:to|into|back|near|past|out)|"
    r"answer (?:the|my) (?:phone|door)|open (?:the|my) (?:door|curtains)|take the (?:bus|train|tube)|drive|"
    r"be on my own|be alone|let the (?:kids|children)|use (?:my|the)|look at my phone"
)
CHANGE_RX = re.compile(
    rf"\b{_ME} {_ADV}(?:{_CHANGE_VERB}|{_MUST} (?:{_MUST_VERB})|{_CANT} {_ADV}(?:{_CANT_VERB}))\b"
)
STOP_AFTER = frozenset("and but so then because cos cause when while after as since until till which where or".split())
SUBJECTS = frozenset("he she they it he's she's they're it's his her their there someone somebody".split())
# a new subject is part of the clause when it carries the feared outcome: "scared he'll come back"
FEARED = frozenset("he'll she'll they'll he'd she'd they'd".split())
MAX_WORDS = 14


def _clause_end(n: Normalized, i: int, j: int) -> int:
    """End (exclusive) of the clause that starts at word i and whose cue ends at word j."""
    words = n.words
    k = j
    while k < len(words) and k - i < MAX_WORDS:
        if n.punct_after(k - 1) in (".", ",", ";", "?", "!", ":") and k > j - 1:
            break
        lw = words[k].lower
        if lw in STOP_AFTER:
            break
        if lw in ("i", "i'm", "i've", "i'd"):
            # "so scared I couldn't breathe" goes on; "terrified I screenshotted it" is a new clause
            nxt = words[k + 1].lower if k + 1 < len(words) else ""
            if k > j or nxt not in ("couldn't", "can't", "could", "didn't", "wasn't", "thought", "felt", "froze"):
                break
        if lw in SUBJECTS and not (lw in FEARED or words[k - 1].lower in ("that",)):
            break
        if lw in ("um", "uh", "er", "erm"):
            break
        k += 1
    # a clause does not end on a dangling function word ("I'm scared to")
    while k > j and words[k - 1].lower in ("to", "the", "a", "my", "of", "that", "for", "like", "in", "on", "at"):
        k -= 1
    return k


def find_impact(n: Normalized) -> tuple[Detail, ...]:
    """The person's words about how they felt and how their life has changed, in order."""
    spans: list[tuple[int, int]] = []
    for rx in (FEEL_RX, CHANGE_RX):
        for _match, i, j in n.finditer(rx):
            end = _clause_end(n, i, j)
            if end <= i:
                continue
            spans.append((i, end))
    # overlapping clauses: keep the earliest, widest
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Detail] = []
    last = -1
    for i, j in spans:
        if i < last:
            continue
        text = n.source(i, j).strip(" ,.;:!?")
        out.append(Detail(text=text, source=text))
        last = j
    return tuple(out)
