"""Rules that settle the contact kinds of an account from the account as a whole, after the clause-by-clause evidence
(:mod:`voicelog.extract.what` calls :func:`settle`): a relation of the other person threatening the person in their
own name is `threats`, not contact through others; words begun as an act of their own before someone hurt the person
or broke their things are contact too."""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

OWN_THREAT_RULE = rule(
    "categories.third-party-own-threat", "a relation or friend of the other person who threatens the person face to "
    "face in their own name, passing on nobody's wishes, is threats alone, not contact through others",
    said("My ex's brother Ludo came up to me outside the bakery on Saturday and said if I show my face at the club "
         "again he'll break my legs, then he walked off laughing with his mates.", "threats"),
    said("My ex's brother Ludo came up to me outside the bakery on Saturday and said Fen wants the car back and if I "
         "don't hand it over she'll make me sorry, then he walked off laughing with his mates.", "third_party, threats",
         fires=False))
SAID_ELSEWHERE_RULE = rule(
    "categories.said-to-someone-else", "words the other person said only to someone else ('said to the manager that "
    "...', answering whoever asked them to leave, or put out in a post for others to read) are no contact with the "
    "person",
    said("Bertil was waiting outside the garden centre where I work for two hours this afternoon, our supervisor "
         "ordered him off the forecourt but he said his bus wasn't due yet.", "loitering"),
    said("Bertil came up to me at the till in the garden centre and said I owe him an apology.", "unwanted_contact",
         fires=False),
    said("Last night Bertil set up a page on the allotment forum as if he were me, saying I'm giving away my shed "
         "for free, in my name.", "other"))
CONTACT_BEFORE_HARM_RULE = rule(
    "categories.contact-before-harm", "words begun as an act of their own ('started shouting at me that ...', 'starts "
    "cussing me out') before the other person hurt the person or broke their things: unwanted_contact besides the "
    "violence or damage",
    said("At the market on Sunday Odran marched over and started shouting at me that I'd ruined his life, then he "
         "shoved me into the fruit stall and walked off, the stallholder saw it all.", "unwanted_contact, violence"),
    said("At the market on Sunday Odran marched over and knocked me against the fruit stall and then the stallholder "
         "started shouting at him, and he walked off.", "violence", fires=False))

_ASSOC = re.compile(r"\b(?:" + "|".join(vocab.entries("what_associate_speech")) + r")\b")
_SPEECH = frozenset(("said", "says", "told me", "told her", "told him", "told my"))
_RELAY = re.compile(r"\b(?:wants?|wanted|says|sent|send|asked|asking|knows|told (?:him|her|them|us)|misses|loves|sorry|"
                    r"in bits|in a bad way|heartbroken|upset|(?:ring|call|phone|text|message|see|talk to|meet) (?:him|her|"
                    r"them)|come home|come back|go back|the family|his family|her family|drop the|withdraw)\b")
"""Words that pass someone else's wish or news on: "said Dan wants", "said the family knows", "you should ring him"."""


def own_threat(lower: str, cats: list[str], ev: dict[str, list[str]]) -> bool:
    """Contact through others resting only on a relation of theirs speaking face to face, whose words are a threat
    passing on nobody's wishes (:data:`OWN_THREAT_RULE`)."""
    hits = ev["third_party"]
    if "threats" not in cats or not hits or ev["relayed"] or ev["remote"] or not all(h in _SPEECH for h in hits):
        return False
    if not all(_ASSOC.fullmatch(h) for h in hits):
        return False
    at = lower.find(hits[0])
    return at >= 0 and not _RELAY.search(lower[at:at + 160])


_SPOKEN = frozenset(("said", "says", "saying"))
_SAY = re.compile(r"\b(?:said|says|saying|say)\b")
_TO_SOMEONE = re.compile(r" (?:it )?to (?:the|my|our|his|her|their|a|an|this|that|every|all|some) (?!face\b)\w+")
"""Speech aimed at someone else: "said to the manager", "saying to my colleague"."""
_ANSWERING = re.compile(r"\b(?:asked|told|ordered) (?:him|her|them)\b(?: \w+){0,8}? (?:and|but|then) (?:he|she|they) $")
"""Speech answering a bystander: "the steward told her to go and she said ..."."""
_PUBLISHED = re.compile(r"\b(?:posted|posting|posts|put up|shared|uploaded|profile|page|group|thread|story|status|"
                        r"caption|commented|in my name|pretending to be me|replied to)\b")
"""Words put out for others to read, shortly before the "saying": "a page made under my name, saying ..."."""


def said_elsewhere(lower: str, ev: dict[str, list[str]]) -> bool:
    """Face-to-face contact resting only on "said", every one of them said to someone else or in answer to them
    (:data:`SAID_ELSEWHERE_RULE`)."""
    if not ev["face"] or ev["remote"] or not all(h in _SPOKEN for h in ev["face"]):
        return False
    found = list(_SAY.finditer(lower))
    return bool(found) and all(_TO_SOMEONE.match(lower, m.end()) or _ANSWERING.search(lower[max(0, m.start() - 80):m.start()])
                               or _PUBLISHED.search(lower[max(0, m.start() - 100):m.start()]) for m in found)


def settle(cats: list[str], ev: dict[str, list[str]], n: Normalized) -> tuple[list[str], list[str]]:
    """Apply :data:`OWN_THREAT_RULE` to the categories found so far (changed in place) and give the contact hits still
    standing, less those :data:`SAID_ELSEWHERE_RULE` keeps out: (remote, face). Rules that fired go into the
    evidence's rule list."""
    fired: list[tuple[str, str]] = n._cache["what_rules"]
    if "third_party" in cats and own_threat(n.lower, cats, ev):
        cats.remove("third_party")
        if ("kept-out", OWN_THREAT_RULE) not in fired:
            fired.append(("kept-out", OWN_THREAT_RULE))
    if said_elsewhere(n.lower, ev):
        if ("kept-out", SAID_ELSEWHERE_RULE) not in fired:
            fired.append(("kept-out", SAID_ELSEWHERE_RULE))
        return ev["remote"], []
    return ev["remote"], ev["face"]


_STARTED = re.compile(r"\b(?:start(?:ed|s|ing)?|began|begin) (?:to )?(?:cuss\w*|curs\w*|abus\w*|shout\w*|scream\w*|"
                      r"yell\w*|roar\w*|going on|go on|swear\w*|swore|calling me|rant\w*|mouthing|having a go|effing|"
                      r"insult\w*|on at me|slagging)\b(?! (?:at |to )?(?:him|her|them)\b)")
"""Words begun as an act of their own: "started shouting at me", "start cuss me", "starts going on about"."""
_NOT_THEIRS = re.compile(r"\b(?:i|we|lady|woman|man|neighbour|neighbours|friend|mate|staff|people|everyone|someone|"
                         r"somebody|they|security|guard|manager|teacher)(?: \w+)? $")


def contact_before_harm(cats: list[str], ev: dict[str, list[str]], joined: str) -> bool:
    """Words begun as their own act before violence or damage, with no threat (:data:`CONTACT_BEFORE_HARM_RULE`):
    joined is the account's clauses' words."""
    if "threats" in cats or not ("violence" in cats or "property_damage" in cats):
        return False
    harm = [joined.find(h) for h in ev["violence"] + ev["property_damage"] if h in joined]
    for m in _STARTED.finditer(joined):
        if _NOT_THEIRS.search(joined[max(0, m.start() - 20):m.start()]):
            continue
        if any(at > m.end() for at in harm):
            return True
    return False


PHOTO_DELIVERED_RULE = rule(
    "categories.photo-delivered", "a photo of the person, their family or home delivered to them (through the "
    "letterbox, under the wiper, left on the step, in an envelope) is a message showing they watch: monitoring and "
    "unwanted_contact (README); with a present it is the gift's (vocab/what_photo_delivery.txt)",
    said("Back at the allotment car park I found a picture of me by the cash machine this morning tucked under my "
         "wiper, snapped from the far pavement, no message, and I know it's Ansel.",
         "monitoring, unwanted_contact"),
    said("At the school fete Ansel followed me from stall to stall snapping pictures with his camera all afternoon, "
         "until my sister made him stop.", "following", fires=False))
_PHOTO = re.compile(r"\b(?:photo|photos|picture|pictures|polaroid|polaroids|photograph|photographs|printout)\b")
_TAKING = re.compile(r"\b(?:took|taking|take|takes|snapped|snapping|filming|filmed)(?: \w+){0,2} $")
"""Someone taking the photo ("was snapping pictures of us by the lockers"): no photo delivered."""
_DELIVERY = re.compile(r"\b(?:" + "|".join(vocab.entries("what_photo_delivery")) + r")\b")


def photo_delivered(cats: list[str], lower: str) -> bool:
    """A photo delivered to the person in an account of being watched, with no present (:data:`PHOTO_DELIVERED_RULE`):
    lower is the account's lower-case words."""
    if "monitoring" not in cats or "gifts" in cats:
        return False
    return any(_DELIVERY.search(lower[max(0, m.start() - 100):m.end() + 100]) for m in _PHOTO.finditer(lower)
               if not _TAKING.search(lower[max(0, m.start() - 25):m.start()]))
