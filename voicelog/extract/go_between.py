"""Roles in contact through others: who acts for whom ("Dan's mate Lee told me Dan wants ...").

The gold convention (eval/README.md): the one whose words or things are passed on is the subject; the
go-between who passes them on, named as theirs ("Dan's mate Lee", "Joy, that's Mark's new girlfriend"), is
another person mentioned. Decided after the categories (:mod:`voicelog.extract.what`), since it holds only
in an account of contact through others (``third_party``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicelog.extract import vocab
from voicelog.extract.clauses import clauses
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.incident import PersonRef

GO_BETWEEN_RULE = rule(
    "people.go-between", "in contact through others, whoever acts for someone named as theirs ('Dan's mate Lee') is "
    "other, and the one they act for is the subject (unless that one's own deed made them so already), when that one "
    "is named again wanting or saying something ('... told me Dan wants'); else the go-between came on their own",
    said("Dan's mate Lee came up to me in the street and told me Dan wants his stuff back.",
         "Dan (subject), Lee (other)"),
    said("Joy, that's Mark's new girlfriend, came into my work and told me that Mark says I'm a liar.",
         "Joy (other), Mark (subject)"),
    said("Dan's mate, who everyone calls Bigsy, sent me a voice note saying Dan wants the car back.",
         "Dan (subject), Bigsy (other)"),
    said("Tapiwa's brother Rudo stopped me at the school gates to say Tapiwa wants his tools back.",
         "Tapiwa (subject), Rudo (other)"),
    said("Yesterday Ilona's cousin Radek came into the shop asking what time I finish.",
         "Ilona (other), Radek (subject)", fires=False))
EX_NOT_GO_BETWEEN_RULE = rule(
    "people.ex-not-go-between", "someone named as another's ex ('Nadia's ex Tomasz', 'Tomasz, Nadia's ex-husband') "
    "is that one's own former partner, there on their own account, not their go-between: the ex keeps the role "
    "their own deeds give them, even when the one they split from is named in what they say ('said tell Nadia ...')",
    said("Nadia's ex Tomasz came round to my flat last night and said tell Nadia I know she's staying here.",
         "Nadia (other), Tomasz (subject)", fires=False),
    said("Yesterday Colm, that's Aoife's ex boyfriend, stood at my gate and said Aoife knows what she did.",
         "Colm (subject), Aoife (other)", fires=False))
_REL = "|".join(r for r in vocab.entries("what_relations") if r != "ex")  # people.ex-not-go-between
_GO_BETWEEN_OF = ("(?:new |old |best |younger |older |little |big )?(?:" + _REL + "|pal|pals|bestie|missus|fella|"
                  "girl|woman|lad|man)")
"""The relations by which someone acts for another: "Dan's mate", "Mark's new girlfriend"; never an ex, in any
form ("Dan's ex", "Dan's ex girlfriend"): a former partner comes on their own account (:data:`EX_NOT_GO_BETWEEN_RULE`)."""
_ACTS_FOR = re.compile(rf"\b(?P<them>\w+)'s {_GO_BETWEEN_OF}(?: (?:the one|the 1|the|one|1|who|that|they|people|everyone|"
                       rf"everybody|we|he|she|is|call|calls|called|named|known|as|him|her)){{0,5}} (?P<go>\w+)\b")
"""'Dan's mate Lee', 'Dan's mate, who everyone calls Bigsy': Lee and Bigsy act for Dan."""
_IS_THEIRS = re.compile(rf"\b(?P<go>\w+) (?:that's|that is|who is|who's|is) (?P<them>\w+)'s {_GO_BETWEEN_OF}\b")
"""'Joy, that's Mark's new girlfriend': Joy acts for Mark."""
_PASSES_ON = re.compile(rf"\b\w+'s {_GO_BETWEEN_OF} \w+ (?:\w+ ){{0,6}}?(?:told me|said|says|saying|to say|to tell me|say)\b")
"""'Tapiwa's brother Rudo stopped me to say ...': a go-between passing words on, whatever the categories say."""
GO_BETWEEN_OWN_DEEDS = frozenset(("following", "loitering", "violence", "property_damage"))
"""Deeds done in person: with one of these, a go-between named as a subject may have done it themselves."""


def go_between_roles(n: Normalized, people: tuple[PersonRef, ...], cats: tuple[str, ...]
                     ) -> tuple[tuple[PersonRef, ...], tuple[str, ...]]:
    """People's roles in contact through others (:data:`GO_BETWEEN_RULE`), and the rule when it changed them."""
    text = " ".join(c.text for c in clauses(n))
    if "third_party" not in cats and not _PASSES_ON.search(text):
        return people, ()
    roles = {p.name: p.role for p in people}
    own_deeds = bool(set(cats) & GO_BETWEEN_OWN_DEEDS)
    pairs = {(m.group("them"), m.group("go")) for m in [*_ACTS_FOR.finditer(text), *_IS_THEIRS.finditer(text)]
             if _their_words_follow(text, m.group("them"), m.end())}  # (the one acted for, the go-between)
    for a in people:
        for p in people:
            if roles[a.name] != "subject" or roles[p.name] != "other" and (roles[p.name] != "subject" or own_deeds):
                continue
            if any((pk, ak) in pairs for pk in _said_as(p) for ak in _said_as(a)):
                roles[a.name], roles[p.name] = "other", "subject"
    if all(roles[p.name] == p.role for p in people):
        return people, ()
    return tuple(replace(p, role=roles[p.name]) for p in people), (GO_BETWEEN_RULE,)


_WANTS = "wants|wanted|want|says|said|sent|told|asked|will|needs|misses|knows|thinks|wishes|is going|has asked"
"""What the one acted for is said to want or say, named again after the go-between ("... said Dan wants")."""


def _their_words_follow(text: str, them: str, start: int) -> bool:
    """Whether the one acted for is named again after the go-between, wanting or saying something ('Dan's mate Lee
    told me Dan wants his stuff back'); without it the go-between came on their own ('Dan's mate Lee came in
    asking for me', 'I think it was Dan's mate Lee'), and the rule does not hold. Named in what is passed on
    counts too ('said our Dan's in bits'), and so does what came from them ('a letter from Dan')."""
    name = re.escape(them)
    return re.search(rf"\b{name}(?:'s)? (?:\w+ )?(?:{_WANTS})\b|\b(?:said|says|saying|say|told me|tell me|asked|from)"
                     rf"(?: that)?(?: \w+)? {name}\b", text[start:]) is not None


def _said_as(p: PersonRef) -> set[str]:
    """The words a person goes by in the account: their first name, and the words they were found by (a
    registered 'Alexandra Petrova' said as 'sasha')."""
    said = re.findall(r"[a-z']+", p.source.lower())
    return {p.name.split()[0].lower()} | ({said[0].removesuffix("'s")} if said else set())
