"""What part someone named in an account played: the subject (did it), a witness (saw it or acted at the
scene) or other (only mentioned, or passed something on), read from the words around each mention.

who.py gathers the mentions and merges them into people; the rules here give each mention its part and the
later passes (own people, a registered subject first, reporters) correct it. The words are data:
vocab/who_deeds.txt (what a subject does), who_witness.txt and who_scene.txt (what a witness does),
who_reports.txt (what someone only mentioned does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicelog.extract import vocab
from voicelog.extract.mentions import POSSESSOR, Found, lowered, sentence_start
from voicelog.extract.names import BLAME, RELATIONS, first_names
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

BEHAVIOUR = "|".join(vocab.entries("who_deeds"))
"""What makes a named person the subject, right after the name (vocab/who_deeds.txt)."""
WITNESS = "|".join(vocab.entries("who_witness"))
"""What makes a named person a witness (vocab/who_witness.txt)."""
SCENE = "|".join(vocab.entries("who_scene"))
"""What someone other than the subject did at the scene that makes them a witness (vocab/who_scene.txt)."""
REPORTS = "|".join(vocab.entries("who_reports"))
"""What someone other than the subject did that makes them only mentioned (vocab/who_reports.txt)."""

BLAMED = rule("people.role-blame", "'it was X', 'must have been X': X is the subject",
              said("Someone let my tyres down. It was Gary again.", "Gary (subject)"))
DEED = rule("people.role-deed", "a name followed by what they did (followed, grabbed, texted, was outside): the subject",
            said("Rachel grabbed my arm outside the chemist.", "Rachel (subject)"))
WITNESSED = rule("people.role-witness", "a name followed by saw, heard, was with me, can confirm, or the speaker's "
                 "companion ('me and Jodie'): a witness",
                 said("He was shouting and Caoimhe heard all of it.", "Caoimhe (witness)"),
                 said("Me and Jodie were walking home when he came up behind us.", "Jodie (witness)"))
OWN_SIDE_RULE = rule("people.role-own-side", "the speaker's own people ('my sister Moira') report or are told; never the subject",
                     said("I phoned my sister Moira straight away.", "Moira (other)"))
MENTIONED = rule("people.role-mentioned", "a name with no deed of its own: the subject if nobody else is, else mentioned",
                 said("I cannot stop thinking about Gareth.", "Gareth (subject)"))
ABOUT = rule("people.role-about", "'this is about X', 'I'm recording this regarding my neighbour, X': the one the "
             "account is about is the subject",
             said("This is about my landlord, Mr Oyelowo. He let himself into my place again tonight.",
                  "Mr Oyelowo (subject)"),
             said("i'm recording this regarding my co-worker tobiah rennick he keeps leaving notes on my desk",
                  "Tobiah Rennick (subject)"),
             said("Right, this is about the neighbour again, Lorcan Vesey. My sister Oonagh saw him at the fence.",
                  "Lorcan Vesey (subject), Oonagh (witness)"))
_ABOUT = re.compile(r"\b(?:this|it|this one|this note|this entry|recording this|note|report)(?: is| was|'s)? "
                    r"(?:about|regarding|concerning) (?:(?:my|our|the|a|this) (?:\w+ ){1,2}?)?(?:again )?"
                    r"(?:(?:um|erm|uh) )?$")
"""The words before the name of the one an account is about (people.role-about)."""


def blamed(before: str) -> bool:
    """ "it was X", "I think it's from my cousin X": the words before a name blame them."""
    stripped = _RELATION_END.sub(" ", before)  # "it's Rory, obviously, my flatmate Ines filmed it": Rory's blame
    return bool(BLAME.search(before) or stripped != before and BLAME.search(stripped) and not _WEAK_BLAME.search(stripped))


_WEAK_BLAME = re.compile(r"\b(?:obviously|probably|only|like|love|definitely) $")


_RELATION_END = re.compile(rf" (?:my|his|her|their|our) (?:\w+ )?(?:{RELATIONS}) $")


def role_of(n: Normalized, f: Found) -> tuple[str | None, str]:
    """A mention's part and the rule that gave it (None: nothing in its words says)."""
    lower = lowered(n)
    end = f.j  # what they did, within their sentence ("Rory, I mean. My neighbour saw him": not Rory's)
    while end < min(len(lower), f.j + 12) and (end == f.j or n.punct_after(end - 1) not in (".", "?", "!")):
        end += 1
    after = " ".join(lower[f.j:end])
    before = " ".join(lower[sentence_start(n, f.i, 4):f.i]) + " "
    head = lower[f.j - 1] if f.j - 1 < len(lower) else ""
    if f.cue == "possessor":
        return "possessor", POSSESSOR
    if head.endswith("'s") and re.match(rf"(?:{RELATIONS}|new|ex|husband|wife)\b", after):
        return "possessor", POSSESSOR
    if blamed(before):
        return "subject", BLAMED
    if _ABOUT.search(" ".join(lower[max(0, f.i - 9):f.i]) + " "):
        return "subject", ABOUT
    if (re.search(rf"\b(?:me|myself) and (?:my (?:\w+ )?(?:{RELATIONS}) )?$", before) or re.match(r"(?:and|&) (?:i|me|myself)\b", after)) \
            and not f.registered:  # a registered person "and me" is the past ("the bakery Dan and me went to")
        return "witness", WITNESSED  # "me and Jodie were walking home": the speaker's companion
    after = re.sub(r"^(?:(?:so|right|well|like|um|erm|uh|anyway) )+", "", after)  # "Maeve, so, she saw him"
    after = re.sub(r"^from (?:next door|upstairs|downstairs|across the road|over the road|number \w+|the \w+ flat) ", "",
                   after)  # "Mr Tolland from number four and his son were ...": what he did
    apposition = re.match(rf"(?:that's |that is |who's |who is )?(?:my|his|her|their|our|\w+'s) (?:(?:{RELATIONS})'s )?"
                          rf"(?:old |new |former )?(?:{RELATIONS}) (?:\w+'s (?:my|his|her) (?:\w+ )?(?:{RELATIONS}) )?", after)
    if apposition:
        after = after[apposition.end():]  # "Ravi, my ex, left flowers": what follows is Ravi's
    pair = re.match(r"(?:and|&) (?!i |me )(\w+) ", after)  # "Rory and I broke up" is no pair of doers
    if pair and f.j < len(n.words) - 1 and (n.words[f.j + 1].text[:1].isupper() or pair.group(1) in first_names()):
        after = after[pair.end():]  # "Jack and Jill from upstairs heard it": what Jill did, Jack did
    if not f.registered and re.match(rf"(?:(?:he|she|they) )?(?:(?!and |but |then |because |he |she )\w+ ){{0,3}}?"
                                     rf"(?:{SCENE})\b", after):
        return "witness", SIDE  # "the porter, Ines, asked him his business": acted at the scene
    if re.match(rf"(?:(?:he|she|they) )?(?:(?!and |but |then |because |he |she |i )\w+ ){{0,5}}?(?:{WITNESS})\b", after) \
            and not re.match(r"(?:\w+ ){0,2}?(?:followed|grabbed|pushed|shoved)\b", after):
        # "Gwyneth next door heard it", "Gwilym who was queueing there saw it"; a registered person who "was there"
        if not f.registered or re.match(r"(?:(?:he|she|they) )?(?:\w+ ){0,5}?(?:saw|seen|heard|witnessed|noticed|spotted|filmed)\b", after):
            return "witness", WITNESSED  # is there to do it, not to see it
    if re.search(r"\b(?:front of|(?:he|she|they) (?:told|asked|showed|handed|said to)) (?:(?:my|our|the|his|her) )?"
                 r"(?:\w+ ){0,2}$", " ".join(lower[sentence_start(n, f.i, 7):f.i]) + " ") and not f.registered:
        return "witness", WITNESSED  # "started on me in front of the duty pharmacist, Mrs Anand": there to see it
    if re.search(r"\b(?:she's|he's|she is|he is|they're|they are|going out|seeing|back together) with $", before):
        return "other", MENTIONED  # "she's with Rory now": a partner, not one at the scene
    if re.search(r"\bwith (?:my \w+ )?(?:\w+ (?:and|&) )?$", before) \
            or re.search(r"\b(?:witnessed by|seen by)$", before.strip()):  # "with Abbie and Chloe": both
        return "witness", WITNESSED
    if re.match(rf"(?:(?:and|&) (?:his|her|their) \w+ \w+ |(?:and|&) (?!i |me )\w+ |again |just |then |also |had |has |always "
                rf"|kept |was |were )?(?:{BEHAVIOUR})\b", after):
        if re.match(r"(?:was|were) with (?:him|her|them)\b", after):
            return "subject", DEED  # "his mate Fergal was with him": along with the one it is about
        if re.match(r"(?:was|were) (?:with|there|in|at|on|my|so|really|scared|upset|shaken|home)\b", after):
            return None, MENTIONED
        return "subject", DEED
    return None, MENTIONED


SIDE = rule("people.reporter-or-witness", "someone who is not the subject is a witness if they saw it or acted at the "
           "scene (found it, stepped in, called security), and other if they only pass something on or talk about it "
           "afterwards ('my daughter reckons', 'the concierge said the lift camera was off') or were not there ('slept through it')",
           said("My cousin Ifeyinwa texted me that he'd been at her door asking for me.", "Ifeyinwa (other)"),
           said("Wesley keyed my car at two. My sister Odile was sleeping upstairs.", "Wesley (subject), Odile (other)"),
           said("My daughter Tavia said I should ring the council about him.", "Tavia (other)"),
           said("Gary punched me, then my workmate Lucja ran to call the manager.", "Gary (subject), Lucja (witness)"))
REGISTERED_FIRST = rule("people.registered-first", "when a registered person is the subject, anyone else named did not do "
                        "it: a witness or other as people.reporter-or-witness says; the registered person's own companion "
                        "('Rory and his cousin Tam', 'Rory's brother Fin') stays a subject",
                        said("The night porter Farida found the parcel by the lifts.", "Farida (witness)", fires=False))
_SIDE = re.compile(rf"\b(?:(?P<saw>{WITNESS}|{SCENE})|(?P<told>{REPORTS}))\b")


REPORTER = rule("people.reporter", "someone whose words only tell what they know ('said the lift camera was off', "
                "'says nobody rang her bell') is mentioned, not the subject, even when nobody else is named",
                said("Someone let my tyres down overnight. The concierge, Mr Vandermeulen, said the lift camera was off "
                     "all week.", "Mr Vandermeulen (other)"),
                said("Flowers left in the lobby again. Mrs Halvorsen across the landing says nobody rang her bell.",
                     "Mrs Halvorsen (other)"),
                said("Mr Vandermeulen told me he'd have me evicted by spring.", "Mr Vandermeulen (subject)", fires=False))
REPORTER_WORDS = re.compile(
    r"(?:(?:from |at )?(?:\w+ ){0,4}?)?(?:said|says|told me|tells me|reckons|mentioned)(?: that)? "
    r"(?:the|it|it's|its|there|there's|there was|nobody|no one|nothing|(?:he|she|they) "
    r"(?:hasn't|haven't|hadn't|didn't|never|wasn't|weren't|saw|seen|heard|noticed))\b")
"""What a reporter says right after their name (people.reporter): what they know, not a threat of their own."""


def side_of(n: Normalized, fs: Sequence[Found]) -> str | None:
    """'witness' or 'other' for someone who is not the subject, by what their sentence says they did first
    (people.reporter-or-witness); None when it says neither."""
    lower = lowered(n)
    for f in fs:
        end = f.j
        while end < len(lower) and end - f.j < 14 and n.punct_after(end) not in (".", "?", "!", ";"):
            end += 1
        got = _SIDE.search(" ".join(lower[f.j:end + 1]))
        if got:
            return "witness" if got.group("saw") is not None else "other"
    return None


def not_own(n: Normalized, fs: Sequence[Found]) -> bool:
    """Not introduced as the speaker's own ('my sister Moira'): registered, or no 'my <relation>' before."""
    f = fs[0]
    return f.registered or not re.search(rf"\b(?:my|our) (?!ex\b)(?:\w+ )?(?:{RELATIONS})$",
                                         " ".join(lowered(n)[max(0, f.i - 3):f.i]))


def companion(n: Normalized, f: Found, registered: Sequence[str]) -> bool:
    """'Rory and his cousin Tam', 'Rory's brother Fin': named as the registered person's own."""
    got = _COMPANION.search(" ".join(lowered(n)[max(0, f.i - 6):f.i]))
    return got is not None and (got.group(1) or got.group(2)) in {r.split()[0] for r in registered}


_COMPANION = re.compile(rf"\b(?:(\w+)'s|(\w+) (?:and|&) (?:his|her|their)) (?:\w+ )?(?:{RELATIONS})$")


_TO_ME = re.compile(r"(?:(?:he|she|they|had|has|then|just|also|again) ){0,2}(?:\w+ ){0,2}?(?:follow|grabb|push|shov|hit|punch|"
                    r"slapp|kick|spat|spit|smash|threaten|attack|chas|corner|stalk|film|photograph|key|slash|scratch)"
                    r"\w* (?:me|my|us|our)\b")


def did_it_to_me(n: Normalized, f: Found) -> bool:
    """'Tobias followed me home', 'Kelly grabbed my arm': a deed done to the speaker right after the name, which
    keeps someone a subject even beside a registered subject (people.registered-first)."""
    return bool(_TO_ME.match(" ".join(lowered(n)[f.j:f.j + 6])))
