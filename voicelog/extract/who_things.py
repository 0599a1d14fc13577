"""Names that belong to a thing, not a person: a shop, a hotel, a job or an online account named right after it.

who.py asks :func:`venue_name` before it counts a candidate from :mod:`voicelog.extract.mentions` as a person. A shop
is often named after someone ("my shop, Quill Fabrics", "my job, Hanley Motor Repairs") or in another language, and the
tagger or the name lists then call its name a person; said in apposition to the place, it names the place.
"""

from __future__ import annotations

import re
from functools import cache

from voicelog.extract import vocab
from voicelog.extract.mentions import Found, _cased, _deeds, lower_at, lowered
from voicelog.extract.names import RELATIONS, first_names, nouns, ordinary, stop_words, subject_verbs, surnames
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["AFTER_ARTICLE", "EVERYDAY_FORM", "NAMED_VENUE", "PET", "SHOP_POSSESSIVE", "after_article", "everyday_form",
           "pet", "shop_possessive", "venue_name"]

NAMED_VENUE = rule(
    "people.named-venue", "a name said right after a shop, hotel, job or account ('my shop, Quill Fabrics on Dunmore "
    "Road', 'the salon where I work, Hair Haven', 'a new account, Moonbeam') or before 'the ... shop' names that "
    "place, not a person; a first name that goes on to do something is still a person ('at the cafe, Jenny saw him')",
    said("Tomos threw paint at the front of my shop, Priya Fabrics, last night.", "Tomos (subject)"),
    said("Tomos came into the Polish shop on Mill Road, Zofia Market, and shouted at me.", "Tomos (subject)"),
    said("Tomos barged into my job, Conrad Motors, and kicked the counter.", "Tomos (subject)",
         fires=False),  # the place is read as "Conrad Motors" (location.apposition), so people.in-the-place keeps it out
    said("tomos barged into my job conrad motors and kicked the counter", "Tomos (subject)"),
    said("Tomos has made a new account, Ruby Sparkles, and keeps messaging me.", "Tomos (subject)"),
    said("At Mama Ifeoma's, the Nigerian food shop, Tomos grabbed my arm.", "Tomos (subject)"),
    said("I was in the cafe, Jenny saw Tomos grab my arm.", "Jenny (witness), Tomos (subject)", fires=False),
    said("i was at the pub and tomos grabbed my arm", "Tomos (subject)", fires=False))


@cache
def _venues() -> str:
    return "|".join(re.escape(v) for v in sorted(vocab.entries("who_venues"), key=len, reverse=True))


@cache
def _streets() -> str:
    return "|".join(sorted(vocab.words("where_streets"), key=len, reverse=True))


@cache
def _before() -> re.Pattern[str]:
    """A venue, then what may stand before its name: 'where I work', 'on Mill Road', 'it's called' (',' for commas)."""
    bridge = rf"(?: ,)?(?: (?:where i work(?: at| in)?|on (?:\w+ ){{1,3}}(?:{_streets()})|(?:(?:it's|its|it is) )?called))?"
    return re.compile(rf"(?:^| )(?:(?P<venue>{_venues()})|(?P<trade>{'|'.join(vocab.entries('who_venue_people'))})){bridge}"
                      r"(?: ,)?$")


@cache
def _after() -> re.Pattern[str]:
    """'Mama Ifeoma's, the Nigerian food shop': the name, then the kind of place it is."""
    return re.compile(rf"^(?:, )?the (?:[\w']+ ){{0,3}}(?:{_venues()})(?: ,| on| in| at| where| \.|$)")


_RENAMED = re.compile(rf"^(?:, )?(?:(?:that's|thats|that is|who's|whos) )?(?:my|his|her|our|their) (?:\w+'s )?(?:\w+ )?"
                      rf"(?:{RELATIONS})\b")
_PERSON_NOUNS = frozenset("man woman guy lad girl boy bloke fella lady owner staff worker assistant person kid".split())
"""'The girl in the shop, Agnes': a person at the place, named after it."""


def _marked(n: Normalized, i: int, j: int) -> str:
    """The lower-case words i..j with ' ,' and ' .' where the speaker paused."""
    out = []
    for k in range(max(0, i), min(j, len(n.words))):
        out.append(lowered(n)[k])
        p = n.punct_after(k)
        if p in (",", ";", "-"):
            out.append(",")
        elif p in (".", "?", "!"):
            out.append(".")
    return " ".join(out)


def _acts(n: Normalized, f: Found) -> bool:
    """What follows the name says it is a person: a verb of what a subject does ('Jenny saw'), or a relation that
    renames a first name ('Radek, my ex')."""
    lower = lowered(n)
    nxt = lower[f.j] if f.j < len(lower) else ""
    if nxt in ("again", "then", "just", "also", "still") and f.j + 1 < len(lower):
        nxt = lower[f.j + 1]
    if nxt in subject_verbs() or re.match(rf"(?:{_deeds()})\b", " ".join(lower[f.j:f.j + 3])) \
            or nxt.endswith("ed") and ordinary(nxt) and not n.punct_after(f.j - 1):
        return True
    if nxt in ("he", "she", "he's", "she's", "who", "i") or nxt == "think" and lower[f.j - 1:f.j] == ["i"]:
        return True  # "Agnes, she saw everything"; "Tom I think his name is"
    first = lower[f.i] in first_names() or lower[f.i] in vocab.words("names_world")
    if first and f.j - f.i == 2 and lower[f.i + 1] in surnames() and lower[f.i + 1] not in nouns():
        return True  # "my old job, Wendell Pryce": a first name and a surname
    if first and _RENAMED.match(_marked(n, f.j - 1, f.j + 5)[len(lower[f.j - 1]):].lstrip()):
        return True
    return first and not _cased(n) and nxt in ("and", "&")  # "at the pub john and paul came in": no commas to tell


def venue_name(n: Normalized, f: Found) -> bool:
    """NAMED_VENUE: the candidate names the shop, hotel, job or account said right before (or after) it."""
    if f.registered or f.cue in ("registry", "fuzzy", "title", "misses", "possessor") or f.i == 0:
        return False
    m = None
    for start in range(f.i, max(0, f.i - 2) - 1, -1):  # "a new account, Ruby Sparkles": Sparkles too is the account's
        if start < f.i and not (_cased(n) and n.words[start].text[:1].isupper() and not n.punct_after(start)):
            break
        m = _before().search(_marked(n, start - 9, start))
        if m is not None:
            break
    after = _marked(n, f.j - 1, f.j + 6)[len(lowered(n)[f.j - 1]):].lstrip()
    if m is None and not _after().match(after):
        return False
    lower = lowered(n)
    if m is not None and m.group("trade") and (lower[f.i] in first_names() or lower_at(lower, f.j) not in ("on", "in")):
        return False  # "my hairdresser, Tania": the person who does it; "my hairdresser, Salon Lumi on X Road" a shop
    said_before = start - len([w for w in m.group(0).split() if w not in (",", ".")]) if m is not None else start
    if m is not None and any(w in _PERSON_NOUNS for w in lower[max(0, said_before - 4):said_before]):
        return False  # "the girl in the shop, Agnes": a person
    return not _acts(n, f)


PET = rule(
    "people.pet-not-person", "a name that is the speaker's pet ('walking Poppy, that's the dog', 'my dog Poppy', "
    "'taking Poppy out, she's the cat') is no person of the incident",
    said("I was walking Poppy, that's the dog, when Tomos came up behind me.", "Tomos (subject)"),
    said("i was taking poppy out round the block shes the dog and tomos followed us", "Tomos (subject)"),
    said("My dog Poppy barked at him when Tomos kicked the gate.", "Tomos (subject)"),
    said("I was walking with Maisie, that's my friend, when Tomos came up.", "Maisie (witness), Tomos (subject)",
         fires=False))
_ANIMALS = r"(?:dog|dogs|cat|puppy|pup|kitten|horse|pony)"
_PET_AFTER = re.compile(rf"\b(?:that's|thats|that is|she's|shes|he's|hes|it's|its|she is|he is) (?:the|my|our|her|his) "
                        rf"(?:\w+ )?{_ANIMALS}\b")
_PET_BEFORE = re.compile(rf"\b(?:my|our|the|her|his) (?:\w+ )?{_ANIMALS}$")


def pet(n: Normalized, f: Found) -> bool:
    """PET: the name is an animal's: renamed as 'the dog' just after it, or said right after 'my dog'."""
    if f.registered:
        return False
    lower = lowered(n)
    after = " ".join(lower[f.j:f.j + 9])
    return bool(_PET_AFTER.search(after) or _PET_BEFORE.search(" ".join(lower[max(0, f.i - 3):f.i])))


EVERYDAY_FORM = rule(
    "people.numbered-or-verb-form", "a capitalised word before a capitalised number ('Ward Six' in cased text) names a numbered place, and a name starting with a verb's -es form ('goes') is an everyday word: "
    "neither is a person",
    said("I was in the staff room, Ward Six, and Tomos kept phoning me.", "Tomos (subject)"),
    said("the school my son goes to rang me because tomos tried to collect him", "Tomos (subject)"),
    said("I saw Will two days ago, and Tomos was with him.", "Will (other), Tomos (subject)", fires=False))
_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                     "seventeen eighteen nineteen twenty thirty forty fifty".split())


def everyday_form(n: Normalized, f: Found) -> bool:
    """EVERYDAY_FORM: 'Ward Six' (a capitalised number after a one-word name, cased text), or 'goes' first."""
    if f.registered or f.cue in ("registry", "fuzzy", "title", "misses"):
        return False
    first = f.name.split()[0].lower()
    if first.endswith("es") and first[:-2] in ("go", "do"):
        return True
    if not _cased(n) or f.j - f.i != 1 or f.j >= len(n.words) or n.punct_after(f.i):
        return False
    nxt = n.source(f.j, f.j + 1)  # as spoken: "Two" capitalised, not the digits the text was normalised to
    return nxt[:1].isupper() and nxt.lower() in _NUMBERS


AFTER_ARTICLE = rule(
    "people.after-article", "a name right after 'the', 'a' or 'an' ('in the Dottie Quarles', 'a Dottie Quarles cup') is a "
    "shop, a chain or a brand named after someone, not a person: people are named without an article",
    said("I was queueing in the Dottie Quarles on the corner when Tomos pushed in.", "Tomos (subject)"),
    said("tomos left a dottie quarles cup on my car", "Tomos (subject)"),
    said("Dottie Quarles was at the bar when Tomos pushed me.", "Dottie Quarles (other), Tomos (subject)", fires=False))
_ARTICLES = frozenset(("the", "a", "an"))


def after_article(n: Normalized, f: Found) -> bool:
    """AFTER_ARTICLE: the word before the name is an article, so the name is a thing's (a shop, a brand)."""
    if f.registered or f.cue in ("registry", "fuzzy", "title", "misses") or f.i == 0:
        return False
    return lowered(n)[f.i - 1] in _ARTICLES and not n.punct_after(f.i - 1)


SHOP_POSSESSIVE = rule(
    "people.possessive-shop", "'the X's' said as a place ('at the Percy Szabo's in Coburg', 'my work, the Lucky Sam's "
    "on Hume Road') is a shop or chain named after someone, not a person: a possessive after 'the' that owns nothing "
    "said next, only a pause, the end or a place word",
    said("Sunday at the Percy Szabo's in Coburg, Tomos pushed his trolley into me.", "Tomos (subject)"),
    said("tomos keeps driving past my work the lucky sam's on hume road", "Tomos (subject)"),
    said("Tomos says the Pettifer's dog got out again.", "Tomos (other)", fires=False),
    said("the card was left on my car outside the vet's and the writing looks like romilly's", "Romilly (subject)",
         fires=False))
_PLACE_NEXT = frozenset("on in at near by off opposite where down up round around over".split())
"""After 'the X's': words that go on about the place, not about something X owns."""


def shop_possessive(n: Normalized, f: Found) -> bool:
    """SHOP_POSSESSIVE: 'the' (with up to two unpaused words of the shop's name) before a name ending in 's, and a
    pause, the end or a place word after it."""
    if f.registered or f.cue in ("registry", "fuzzy", "title", "misses"):
        return False
    lower = lowered(n)
    if not lower[f.j - 1].endswith("'s") or n.punct_after(f.j - 1) == "'":
        return False
    k = f.i - 1
    while k >= 0 and f.i - k <= 3 and lower[k] != "the":
        if n.punct_after(k) or lower[k] in stop_words() or "'" in lower[k] \
                or _cased(n) and not n.words[k].text[:1].isupper():
            return False
        k -= 1
    if k < 0 or f.i - k > 3 or lower[k] != "the" or n.punct_after(k):
        return False
    return f.j >= len(lower) or bool(n.punct_after(f.j - 1)) or lower[f.j] in _PLACE_NEXT
