"""Names that are places, not people: streets, towns, shops, a place's own words, screen names.

who.py asks these before it counts a candidate from :mod:`voicelog.extract.mentions` as a person; each
check is a named rule that shows in the people field's provenance (``is_place_word`` is the silent one:
'Sorrel Lane', 'St Brendan's', 'at Rosario's', where a person's name never stood).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.mentions import Found, _cased, lowered
from voicelog.extract.names import (
    FILLERS,
    PLACE_AFTER,
    RELATIONS,
    TITLES,
    any_first_names,
    cased_first_names,
    first_names,
    nouns,
    ordinary,
    subject_verbs,
    surnames,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.who_listed import world_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["CROSS_STREET", "IN_PLACE", "NAME_STARTS_CLAUSE", "PLACE_NAME", "PLACE_TAIL", "PROFILE", "TOWN_OR_SHOP",
           "cross_street", "in_place", "is_place_word", "place_tail",
           "place_name", "profile", "starts_clause", "town_or_shop"]

PLACE_TAIL = rule("people.place-tail", "a district's last word that is also a name ('from Marsden Heath', 'at Ashby "
                  "Dale') after another word and a place word ('at', 'from', 'to') ends the place, not a person",
                  said("We stepped down from the coach at Marsden Heath and Tomos was by the shelter.", "Tomos (subject)"),
                  said("i was on the bus from colwick heath and tomos got on", "Tomos (subject)"),
                  said("I was at the bus stop with Heath and Tomos came up.", "Heath (witness), Tomos (witness)",
                       fires=False))
_TAIL_BEFORE = frozenset("at from to in into near towards toward past through via outside".split())


def place_tail(n: Normalized, f: Found) -> bool:
    """PLACE_TAIL: a one-word name of vocab/who_place_tails.txt after a word that is no first name or title, itself
    after a place preposition ('at Marsden Heath')."""
    lower = lowered(n)
    if f.registered or f.j - f.i != 1 or f.i < 2 or lower[f.i] not in vocab.words("who_place_tails"):
        return False
    prev = lower[f.i - 1]
    return lower[f.i - 2] in _TAIL_BEFORE and not n.punct_after(f.i - 1) and not n.punct_after(f.i - 2) \
        and prev not in any_first_names() and prev not in TITLES and prev not in ("the", "a", "my", "his", "her") \
        and (not _cased(n) or n.words[f.i - 1].text[:1].isupper())

NAME_STARTS_CLAUSE = rule(
    "people.name-starts-clause", "a first name right before what a subject does ('was', 'came', 'kept', a full name "
    "before 'waiting') or a relation renaming them ('my ex') starts a clause of its own, even where the place's words "
    "ran over it",
    said("Today at the market Lucius was sitting on the wall by my stall.", "Lucius (subject)"),
    said("i was at the leisure centre on kelvedon road and radek my ex came over", "Radek (subject)", fires=False),
    said("he was in the aldi car park in ashby tomasz pelka waiting by my car", "Tomasz Pelka (subject)"))
IN_PLACE = rule("people.in-the-place", "a capitalised word inside the account's place ('down Prince of Wales "
                "Road', a street name misheard) or joined by 'and' to a place ('in Kirkby and Halewood') is no person",
                said("Tomos followed me all the way down Prince of Wales Road.", "Tomos (subject)"),
                said("I was at the market in Kirkby and Halewood when Tomos grabbed my bag.", "Tomos (subject)"),
                said("Tomos followed me from the bus to Bristol Temple Meads.", "Tomos (subject)"),
                said("Tomos was waiting outside the bank on the high street, Ormskirk, just staring at me.", "Tomos (subject)"),
                said("I arrived at the library on Crane Street and Mr Adeyinka was parked outside.",
                     "Mr Adeyinka (subject)", fires=False),
                said("I went to the cafe on Kirkgate and Kamal Rashidi was in there, sat at the back.",
                     "Kamal Rashidi (subject)", fires=False))


TOWN_OR_SHOP = rule("people.town-or-shop", "a name right after 'in' ('back in Darwin', 'a shop in Kendal') is a town, "
                    "and 'the X's' with no noun after ('at the Wendy's on Main Street') a shop: neither is a person",
                    said("Tomos texted me, he's back in Darwin.", "Tomos (subject)"),
                    said("Tomos grabbed my arm at the Wendy's on Main Street.", "Tomos (subject)"),
                    said("outside the bakery on tanners lane tomos kicked my car door in marta from the cafe saw it",
                         "Tomos (subject), Marta (witness)", fires=False))


PROFILE = rule("people.profile-not-person", "a name after 'a profile/account/page called' is a screen name, "
               "not a person of the incident",
               said("He messaged me from an account called Ben Carver, it's obviously Tomos.", "Tomos (subject)"))
_PROFILE = re.compile(r"\b(?:profile|account|page|username|user|handle|channel|group) (?:called|named|name) $")


def profile(n: Normalized, f: Found) -> bool:
    """Whether a candidate is a screen name after 'an account called' (PROFILE)."""
    return bool(_PROFILE.search(" ".join(lowered(n)[max(0, f.i - 3):f.i]) + " "))


PLACE_NAME = rule("people.place-name", "a name ending in a street or place word ('Larch Grove', 'Haversham Hall', 'Pellingham "
                  "Stores') is a place, unless it is a first name and a surname said where a person goes",
                  said("Tomos trailed me down to the corner of Rosemary Grove.", "Tomos (subject)"),
                  said("tomos followed me back to beverley hall after the lecture", "Tomos (subject)"),
                  said("I saw Jimmy Hall push the bins over.", "Jimmy Hall (subject)", fires=False))
_PLACE_HEADS = vocab.words("where_streets") | {h for h in vocab.entries("where_heads") if " " not in h} | {"stores", "lab"}
_NEVER_SURNAMES = frozenset("beach mall stores supermarket pharmacy physio clinic salon bakery lab dental nagar bazaar "
                            "apartments".split())
"""Place words that end a place's name and hardly ever a person's ('a walk along Coral Beach')."""
_PLACE_PREPOSITIONS = frozenset("of to at on in from near towards toward past down up along into outside behind".split())


def place_name(n: Normalized, f: Found) -> bool:
    """Whether a candidate is a place's name by its last word (PLACE_NAME)."""
    parts = f.name.lower().split()
    if f.registered or f.cue in ("registry", "fuzzy", "possessor", "title") or len(parts) < 2 \
            or parts[-1] not in _PLACE_HEADS or n.words[f.j - 1].lower.endswith("'s"):
        return False
    prev = n.words[f.i - 1].lower if f.i > 0 else ""
    return prev in _PLACE_PREPOSITIONS or parts[0] not in first_names() or parts[-1] not in surnames() \
        or parts[-1] in _NEVER_SURNAMES


def town_or_shop(n: Normalized, f: Found) -> bool:
    """Whether a candidate is a town after 'in' or a shop as 'the X's' (TOWN_OR_SHOP)."""
    if f.registered or f.cue in ("registry", "fuzzy", "possessor", "cue", "title") or f.i == 0:
        return False
    lower = lowered(n)
    last = n.words[f.j - 1].lower
    nxt = lower[f.j] if f.j < len(lower) else ""
    verbs = subject_verbs()  # "kicked the door in nadia saw it": 'in' ends a verb, a sentence follows
    verb_next = nxt in verbs or nxt in ("from", "on", "at") and any(w in verbs for w in lower[f.j + 1:f.j + 5])
    if lower[f.i - 1] in ("in", "on") and not last.endswith("'s") and n.punct_after(f.i - 1) == "" \
            and not (verb_next and n.punct_after(f.j - 1) == ""):
        return True
    return lower[f.i - 1] == "the" and f.j - f.i == 1 and last.endswith("'s") and (
        nxt in ("", "on", "in", "at", "by", "near", "and") or n.punct_after(f.i) != "")


def in_place(n: Normalized, f: Found, place: str | None, doc: Doc | None) -> bool:
    """Whether a candidate is part of the account's place, not a person (IN_PLACE)."""
    if f.registered or f.cue in ("registry", "fuzzy", "possessor") or n.words[f.j - 1].lower.endswith("'s"):
        return False  # "outside Sarah's house": Sarah is a person the place belongs to
    lower = lowered(n)
    name = " ".join(lower[f.i:f.j])
    if lower[f.i] in TITLES and f.j - f.i > 1 or _cased(n) and f.j - f.i == 2 and lower[f.i] in cased_first_names() \
            and lower[f.i + 1] in surnames() and lower[f.i + 1].removesuffix("s") not in nouns() \
            and (f.i == 0 or lower[f.i - 1] not in _TOWN_BEFORE):  # not "Ramesh Sweets", a shop
        return False  # "a letter from Mr Osric Tunbridge", "the camera picked up Osric Tunbridge": a person
    if re.search(rf"\b(?:my|his|her|our|their) (?:\w+ )?(?:{RELATIONS})$", " ".join(lower[max(0, f.i - 3):f.i])):
        return False  # "my flatmate Clodagh": a person, whatever place was read around her
    if place:
        spoken = " " + " ".join(re.findall(r"[\w']+", place.lower())) + " "
        before = lower[f.i - 1] if f.i > 0 else ""
        after = lower[f.j] if f.j < len(lower) else ""
        if f" {before} {name} " in spoken or f" {name} {after} " in spoken:
            return True  # with a neighbour, so one "Dean" in "Dean Road" is not every Dean of the account
        if f.j - f.i == 1 and n.punct_after(f.i - 1) == "," and spoken.endswith(f" {before} ") \
                and n.punct_after(f.i) in (",", ".") and lower[f.i] not in any_first_names() \
                and not re.match(rf"(?:my|his|her|our|their) (?:{RELATIONS})\b", " ".join(lower[f.j:f.j + 3])):
            return True  # "on the high street, Guildford, ...": the town of the place
    if doc is not None and f.i < len(doc) and doc[f.i].ent_type_ in ("GPE", "LOC", "FAC", "ORG") \
            and doc[f.i].ent_iob_ == "I" and not n.punct_after(f.i - 1) and lower[f.i - 1] not in FILLERS \
            and lower[f.i - 1] not in first_names() and lower[f.i - 1] not in TITLES \
            and not (lower[f.i - 1] in ("and", "&") and _clause_after(n, f)):
        return True  # "to Bristol Temple Meads": the tail of a place's name
    if f.i < 2 or lower[f.i - 1] not in ("and", "&") or f.name.split()[0].lower() in first_names() \
            or _clause_after(n, f):
        return False
    placed = {t.i for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG") for t in e} if doc is not None else set()
    left = lower[f.i - 2]
    return f.i - 2 in placed or bool(place and re.search(rf"\b{re.escape(left)}$", place.lower().rstrip(" .,")))


_TOWN_BEFORE = frozenset("in into to from at near outside via towards through".split())
"""Before one of these a first name and surname may be a town ('in Milton Keynes'), not a person."""
_CLAUSE_VERBS = frozenset("was were pulled had came come comes turned started kept stood sat got".split())
"""After 'Place and X', one of these says X starts a clause of their own (people.in-the-place does not hold)."""


def _clause_after(n: Normalized, f: Found) -> bool:
    """'the cafe on Kirkgate and Kamal Rashidi was in there', '... and Mr Adeyinka followed me', '... and Radek, my
    ex, came over': a title, a verb right after the name, or a relation renaming them makes 'and X' a person starting
    a clause, not the rest of the place."""
    lower = lowered(n)
    nxt = lower[f.j] if f.j < len(lower) and not n.punct_after(f.j - 1) else ""
    renamed = n.punct_after(f.j - 1) in ("", ",") and bool(_RENAMED.match(" ".join(lower[f.j:f.j + 4])))
    doing = f.j - f.i >= 2 and nxt.endswith("ing") and ordinary(nxt)  # "... in Ashby Tomasz Pelka waiting by my car"
    return lower[f.i] in TITLES or nxt in _CLAUSE_VERBS or nxt in subject_verbs() or renamed or doing


_RENAMED = re.compile(rf"(?:my|his|her|our|their) (?:\w+'s )?(?:\w+ )?(?:{RELATIONS})\b")
"""After a name: 'Radek, my ex', 'Radek my sister's ex husband': a relation says the name is a person's."""


def starts_clause(n: Normalized, f: Found) -> bool:
    """NAME_STARTS_CLAUSE: a first name before what a subject does or a relation renaming them is a person, though
    the place read around it reaches over it ("at the market Lucius was sitting")."""
    return _first_name(n, lowered(n)[f.i]) and _clause_after(n, f)


def _first_name(n: Normalized, word: str) -> bool:
    """A first name of the lists (in cased text the world's too; in lower case those of the world's that are no
    everyday word)."""
    return word in (cased_first_names() if _cased(n) else first_names()) or not _cased(n) and world_name(word)


_AT_SOMEONES = frozenset("""house flat place home room door garden party wedding engagement birthday funeral do bbq
barbecue christening tonight today yesterday last this for and
i i'm i'd i've he she they we you so but then when because cos until till with about around""".split())
"""After 'at Tanvi's' these make it a person's home or event, not a shop ('sleeping at Tanvi's tonight'); in
lower-case run-on text a pronoun or conjunction after it does too ('i was at tanvi's so he ...')."""


_RELATION_HEADS = frozenset(r for r in vocab.entries("who_relations") if " " not in r)
"""One-word relations: after 'from Carys's' one of these names her relative, so Carys is a person."""


_STREETS = frozenset("street road lane avenue row terrace crescent grove parade square mews gardens hill".split())
"""After a name with 's these are a street's ('St Anselm's Road', 'Cooper's Row'), never a person's."""


_HOMES = frozenset("house flat place home garden yard drive driveway porch gate door caravan shed".split())
"""After a first name and surname with 's, these are that person's ('Warren Tuckey's yard')."""


def is_place_word(n: Normalized, f: Found) -> bool:
    """'Sorrel Lane', 'St Brendan's', 'at Rosario's': a name that is part of a place; but 'at Tanvi's flat',
    'at Rhea's wedding', 'sleeping at Tanvi's tonight' name a person (a first name, not a shop of the lists)."""
    lower = lowered(n)
    nxt = lower[f.j] if f.j < len(lower) else ""
    prev = lower[f.i - 1] if f.i > 0 else ""
    if prev in ("st", "saint", "christmas", "year's", "new"):
        return True
    if nxt in PLACE_AFTER:  # "Sorrel Lane"; but "Ross Ainsley's car", "Sarah's house" are a person's
        return nxt in _STREETS or not (lower[f.j - 1].endswith("'s") and lower[f.i].removesuffix("'s") in first_names())
    if not (lower[f.j - 1].endswith("'s") and prev in ("at", "to", "from", "into", "outside", "in", "beside", "behind", "near",
                                                    "opposite", "past")) \
            or nxt in _RELATION_HEADS:  # "an email from Carys's husband": her husband, not a shop
        return False
    first = lower[f.i].removesuffix("'s")
    someones = nxt in _AT_SOMEONES or nxt == "" or n.punct_after(f.j - 1) in (".", ",", "?", "!")
    if f.j - f.i == 2 and first in first_names() and nxt in _HOMES:
        return False  # "into Warren Tuckey's garden": a person's garden, not a shop
    return not (f.j - f.i == 1 and first in first_names() and lower[f.i] not in vocab.words("places") and someones)


CROSS_STREET = rule("people.cross-street", "a word joined by 'and' to a numbered street ('on Ninth and Garfield', "
                    "'at Garfield and Ninth', 'the corner of Ninth and Garfield') names the crossing street, not a person",
                    said("Tomos was waiting at the diner on Ninth and Garfield, right by the window.", "Tomos (subject)"),
                    said("tomos followed me from the laundromat at garfield and twelfth", "Tomos (subject)"),
                    said("Tomos turned up on the ninth and Opal saw him.", "Tomos (subject), Opal (witness)",
                         fires=False))
_CROSSING_BEFORE = frozenset("on at of off near by to from down up along past onto".split())


def cross_street(n: Normalized, f: Found) -> bool:
    """CROSS_STREET: a one-word name and a numbered street ('9th') joined by 'and', after a word leading to a place."""
    if f.registered or f.j - f.i != 1:
        return False
    lower = lowered(n)

    def numbered(k: int) -> bool:
        return 0 <= k < len(lower) and n.words[k].kind == "ord"

    def leads(k: int) -> bool:
        return k >= 0 and lower[k] in _CROSSING_BEFORE and not n.punct_after(k)

    before = f.i >= 3 and lower[f.i - 1] == "and" and numbered(f.i - 2) and leads(f.i - 3)
    after = f.j + 1 < len(lower) and lower[f.j] == "and" and numbered(f.j + 1) and leads(f.i - 1)
    return (before or after) and not n.punct_after(f.i - 1 if before else f.i)
