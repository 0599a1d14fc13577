"""Who was involved: named people and their part (subject, witness, other).

The candidates come from :mod:`voicelog.extract.mentions` (registry, titles,
cues, the tagger, name lists, word senses); here they are merged so one person
is named once, given their part by the words around them (a deed, a witness
verb, "it was X", the speaker's own people), and marked unsure when only
suspected ("I think it was Mark") or found on weak evidence. The hedges are
found by spaCy's PhraseMatcher over vocab/who_hedges.txt (new: before, "I
think it was" only made the person the subject, through the BLAME expression,
with no doubt recorded); what a person did or saw is vocab/who_deeds.txt and
vocab/who_witness.txt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.known import ALIAS_NAME, REGISTRY, SOUNDS_LIKE, registry_hits
from voicelog.extract.mentions import (
    FILLER,
    LISTED,
    OFFICER,
    POSSESSOR,
    RULE_OF_CUE,
    Found,
    candidates,
    is_place_word,
    lowered,
    not_a_party,
    sentence_start,
    truecase_words,
)
from voicelog.extract.names import (
    BLAME,
    FILLERS,
    POLICE_RANKS,
    RELATIONS,
    TITLES,
    any_first_names,
    first_names,
    subject_verbs,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.incident import KnownPerson, PersonRef

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

__all__ = ["Who", "find_who", "find_who_with_doubts", "truecase_words"]

BEHAVIOUR = "|".join(vocab.entries("who_deeds"))
"""What makes a named person the subject, right after the name (vocab/who_deeds.txt)."""
WITNESS = "|".join(vocab.entries("who_witness"))
"""What makes a named person a witness (vocab/who_witness.txt)."""

BLAMED = rule("people.role-blame", "'it was X', 'must have been X': X is the subject",
              said("Someone let my tyres down. It was Gary again.", "Gary (subject)"))
SUSPECTED = rule("people.suspected", "'I think it was X', 'pretty sure it was', 'might have been': X is the subject, "
                 "the field marked unsure and the hedge kept in the source",
                 said("I think it was Mark who scratched my car.", "Mark (subject)"),
                 said("i'm pretty sure it was daniel who slashed my tyres", "Daniel (subject)"),
                 said("It might have been Kevin who left the flowers.", "Kevin (subject)"))
DEED = rule("people.role-deed", "a name followed by what they did (followed, grabbed, texted, was outside): the subject",
            said("Rachel grabbed my arm outside the chemist.", "Rachel (subject)"))
WITNESSED = rule("people.role-witness", "a name followed by saw, heard, was with me, can confirm, or the speaker's "
                 "companion ('me and Jodie'): a witness",
                 said("He was shouting and Aoife heard all of it.", "Aoife (witness)"),
                 said("Me and Jodie were walking home when he came up behind us.", "Jodie (witness)"))
OWN_SIDE_RULE = rule("people.role-own-side", "the speaker's own people ('my sister Moira') report or are told; never the subject",
                     said("I phoned my sister Moira straight away.", "Moira (other)"))
MENTIONED = rule("people.role-mentioned", "a name with no deed of its own: the subject if nobody else is, else mentioned",
                 said("I cannot stop thinking about Gareth.", "Gareth (subject)"))
ONCE = rule("people.once", "one person once, with one part: a title and surname, a full name and a first name merge",
            said("Mr Varga, my landlord, Quentin Varga, let himself into my flat.", "Quentin Varga (subject)"),
            said("Dr Osei saw him push me over. Kemi Osei can confirm all of it.", "Kemi Osei (witness)"))
PRONOUN = rule("people.pronoun-registered", "'he' with one registered person and nobody else named: that person (unsure)",
               said("He was outside again.", None, fires=False))  # needs a registry: see tests/test_extract_who.py


IN_PLACE = rule("people.in-the-place", "a capitalised word inside the account's place ('down Prince of Wales "
                "Road', a street name misheard) or joined by 'and' to a place ('in Kirkby and Halewood') is no person",
                said("Kofi followed me all the way down Prince of Wales Road.", "Kofi (subject)"),
                said("I was at the market in Kirkby and Halewood when Kofi grabbed my bag.", "Kofi (subject)"),
                said("Kofi followed me from the bus to Bristol Temple Meads.", "Kofi (subject)"),
                said("Kofi was waiting outside the bank on the high street, Ormskirk, just staring at me.", "Kofi (subject)"))


TOWN_OR_SHOP = rule("people.town-or-shop", "a name right after 'in' ('back in Darwin', 'a shop in Kendal') is a town, "
                    "and 'the X's' with no noun after ('at the Wendy's on Main Street') a shop: neither is a person",
                    said("Kofi texted me, he's back in Darwin.", "Kofi (subject)"),
                    said("Kofi grabbed my arm at the Wendy's on Main Street.", "Kofi (subject)"),
                    said("outside the bakery on tanners lane kofi kicked my car door in marta from the cafe saw it",
                         "Kofi (subject), Marta (witness)", fires=False))


POSSESSIVE_END = rule("people.possessive-not-surname", "'Priya Omar's new girlfriend': a word with 's before a relation "
                      "is the next person's possessor, not the surname of the name before it",
                      said("yesterday evening priya omar's new girlfriend commented on my post", "Priya (subject), Omar (other)"))


PROFILE = rule("people.profile-not-person", "a name after 'a profile/account/page called' is a screen name, "
               "not a person of the incident",
               said("He messaged me from an account called Ben Carver, it's obviously Kofi.", "Kofi (subject)"))
_PROFILE = re.compile(r"\b(?:profile|account|page|username|user|handle|channel|group) (?:called|named|name) $")


def _town_or_shop(n: Normalized, f: Found) -> bool:
    """Whether a candidate is a town after 'in' or a shop as 'the X's' (TOWN_OR_SHOP)."""
    if f.registered or f.cue in ("registry", "fuzzy", "possessor", "cue", "title") or f.i == 0:
        return False
    lower = lowered(n)
    last = n.words[f.j - 1].lower
    nxt = lower[f.j] if f.j < len(lower) else ""
    verbs = subject_verbs()  # "kicked the door in nadia saw it": 'in' ends a verb, a sentence follows
    verb_next = nxt in verbs or nxt in ("from", "on", "at") and any(w in verbs for w in lower[f.j + 1:f.j + 5])
    if lower[f.i - 1] == "in" and not last.endswith("'s") and n.punct_after(f.i - 1) == "" \
            and not (verb_next and n.punct_after(f.j - 1) == ""):
        return True
    return lower[f.i - 1] == "the" and f.j - f.i == 1 and last.endswith("'s") and (
        nxt in ("", "on", "in", "at", "by", "near", "and") or n.punct_after(f.i) != "")


def _in_place(n: Normalized, f: Found, place: str | None, doc: Doc | None) -> bool:
    """Whether a candidate is part of the account's place, not a person (IN_PLACE)."""
    if f.registered or f.cue in ("registry", "fuzzy", "possessor") or n.words[f.j - 1].lower.endswith("'s"):
        return False  # "outside Sarah's house": Sarah is a person the place belongs to
    lower = lowered(n)
    name = " ".join(lower[f.i:f.j])
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
            and lower[f.i - 1] not in first_names() and lower[f.i - 1] not in TITLES:
        return True  # "to Bristol Temple Meads": the tail of a place's name
    if f.i < 2 or lower[f.i - 1] not in ("and", "&") or f.name.split()[0].lower() in first_names():
        return False
    placed = {t.i for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG") for t in e} if doc is not None else set()
    left = lower[f.i - 2]
    return f.i - 2 in placed or bool(place and re.search(rf"\b{re.escape(left)}$", place.lower().rstrip(" .,")))


def _blamed(before: str) -> bool:
    """ "it was X", "I think it's from my cousin X": the words before a name blame them."""
    return bool(BLAME.search(before) or BLAME.search(_RELATION_END.sub(" ", before)))


_RELATION_END = re.compile(rf" (?:my|his|her|their|our) (?:\w+ )?(?:{RELATIONS}) $")


def _role(n: Normalized, f: Found) -> tuple[str | None, str]:
    """A mention's part and the rule that gave it (None: nothing in its words says)."""
    lower = lowered(n)
    after = " ".join(lower[f.j:f.j + 8])
    before = " ".join(lower[sentence_start(n, f.i, 4):f.i]) + " "
    head = lower[f.j - 1] if f.j - 1 < len(lower) else ""
    if f.cue == "possessor":
        return "possessor", POSSESSOR
    if head.endswith("'s") and re.match(rf"(?:{RELATIONS}|new|ex|husband|wife)\b", after):
        return "possessor", POSSESSOR
    if _blamed(before):
        return "subject", BLAMED
    if re.search(r"\b(?:me|myself) and $", before) or re.match(r"(?:and|&) (?:i|me|myself)\b", after):
        return "witness", WITNESSED  # "me and Jodie were walking home": the speaker's companion
    apposition = re.match(rf"(?:my|his|her|their|our) (?:(?:{RELATIONS})'s )?(?:{RELATIONS}) ", after)
    if apposition:
        after = after[apposition.end():]  # "Ravi, my ex, left flowers": what follows is Ravi's
    pair = re.match(r"(?:and|&) (\w+) ", after)
    if pair and f.j < len(n.words) - 1 and (n.words[f.j + 1].text[:1].isupper() or pair.group(1) in first_names()):
        after = after[pair.end():]  # "Jack and Jill from upstairs heard it": what Jill did, Jack did
    if re.match(rf"(?:(?:he|she|they) )?(?:(?!and |but |then |because |he |she )\w+ ){{0,5}}?(?:{WITNESS})\b", after) \
            and not re.match(r"(?:\w+ ){0,2}?(?:followed|grabbed|pushed|shoved)\b", after):
        # "Penny next door heard it", "Gwilym who was queueing there saw it"
        return "witness", WITNESSED
    if re.search(r"\bwith (?:my \w+ )?(?:\w+ (?:and|&) )?$", before) \
            or re.search(r"\b(?:witnessed by|seen by)$", before.strip()):  # "with Abbie and Chloe": both
        return "witness", WITNESSED
    if re.match(rf"(?:(?:and|&) (?:his|her|their) \w+ \w+ |(?:and|&) \w+ |again |just |then |also |had |has |always "
                rf"|kept |was |were )?(?:{BEHAVIOUR})\b", after):
        if re.match(r"(?:was|were) with (?:him|her|them)\b", after):
            return "subject", DEED  # "his mate Fergal was with him": along with the one it is about
        if re.match(r"(?:was|were) (?:with|there|in|at|on|my|so|really|scared|upset|shaken|home)\b", after):
            return None, MENTIONED
        return "subject", DEED
    return None, MENTIONED


def _same_surname(a: str, b: str) -> bool:
    """'mr varga' and 'quentin varga': a title and surname, and a full name with that surname;
    'dr osei' and 'osei': a title and surname, and the surname alone."""
    wa, wb = a.split(), b.split()
    if len(wa) == 2 and len(wb) == 1 and wa[0] in TITLES and wa[1] == wb[0]:
        return True
    if len(wa) != 2 or len(wb) != 2 or wa[-1] != wb[-1]:
        return False
    return (wa[0] in TITLES) != (wb[0] in TITLES)


@dataclass(frozen=True)
class Who:
    """The people of an account, and whether any rests on a weak cue."""

    people: tuple[PersonRef, ...]
    unsure: bool
    """Someone was found only by a fuzzy match, an unknown-word pair, by resolving "he", or is only suspected."""
    rules: tuple[str, ...] = ()
    """The rules (:mod:`voicelog.extract.rules`) that found the people, set their roles or kept someone out."""


WEAK_CUES = frozenset(("fuzzy", "sounds", "alias-name", "pair", "unknown"))
_REGISTRY_RULE = {"sounds": SOUNDS_LIKE, "alias-name": ALIAS_NAME}
"""The registry's rules by how a registered person was found (else people.registry)."""


def find_who(n: Normalized, known: Sequence[KnownPerson] = (), doc: Doc | None = None,
             words: list[str] | None = None) -> tuple[PersonRef, ...]:
    """Named people with roles, registered ones under their registered name."""
    return find_who_with_doubts(n, known, doc, words).people


def _hedges(n: Normalized, doc: Doc | None) -> list[tuple[int, int]]:
    """Word spans of the hedges before a suspected name ("I think it was", "pretty sure"): spaCy's PhraseMatcher
    on lower case over vocab/who_hedges.txt (it replaced a regex alternation of the phrases)."""
    if doc is None:
        return []
    return [(s, e) for _, s, e in _hedge_matcher()(doc)]


@cache
def _hedge_matcher() -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc as SpacyDoc

    from voicelog.extract.nlp import load_nlp

    words = load_nlp().vocab
    matcher = PhraseMatcher(words, attr="LOWER")
    matcher.add("HEDGE", [SpacyDoc(words, words=p.split()) for p in vocab.entries("who_hedges")])
    return matcher


_BRIDGE = frozenset("it was it's its that who had been be his her their".split()) | frozenset(RELATIONS.split("|"))
"""Words that may stand between a hedge and the name ("might have been his brother Dean")."""


def find_who_with_doubts(n: Normalized, known: Sequence[KnownPerson] = (), doc: Doc | None = None,
                         words: list[str] | None = None, place: str | None = None) -> Who:
    """Named people with roles, and whether any was found only on weak evidence (so the person should check);
    ``place`` is the account's place as spoken (where.py's source), whose words are nobody's name."""
    from voicelog.extract.police import find_police

    words = words if words is not None else truecase_words(n)
    fired: list[str] = []
    found = []
    for f in registry_hits(n, known):  # "PC Daniel Hughes" is an officer, not the registered Daniel
        if f.i > 0 and n.words[f.i - 1].lower in POLICE_RANKS:
            fired.append(OFFICER)
        else:
            found.append(f)
    reg_spans = [(f.i, f.j) for f in found]
    officers: set[str] = set()
    for d in find_police(n):
        parts = d.text.lower().split()
        if len(parts) > 1 and not parts[-1][:1].isdigit() and not d.text.lower().startswith(("crime", "log", "ref")):
            officers.update((" ".join(parts[1:]), parts[-1]))
    cands = []
    every = candidates(n, words, doc)
    for c in every:
        if is_place_word(n, c):
            continue
        if _in_place(n, c, place, doc):
            fired.append(IN_PLACE)
            continue
        if _PROFILE.search(" ".join(lowered(n)[max(0, c.i - 3):c.i]) + " "):
            fired.append(PROFILE)
            continue
        if _town_or_shop(n, c):
            fired.append(TOWN_OR_SHOP)
            continue
        out_rule = not_a_party(n, words, c, frozenset(officers))
        if out_rule:
            fired.append(out_rule)
            continue
        if c.j - c.i > 1 and n.words[c.j - 1].lower.endswith("'s") and re.match(
                rf"(?:\w+ )?(?:{RELATIONS})\b", " ".join(lowered(n)[c.j:c.j + 3])):
            c = replace(c, name=" ".join(c.name.split()[:-1]), j=c.j - 1)  # POSSESSIVE_END: "Priya, Omar's wife"
            fired.append(POSSESSIVE_END)
        if any(a < c.j and c.i < b for a, b in reg_spans):
            continue  # before the longest wins: "priya omar's girlfriend" keeps Priya when Omar is registered
        cands.append(c)
    # overlapping candidates: the longest wins ("Ruth Cattermole" over "Cattermole")
    cands.sort(key=lambda c: (-(c.j - c.i), c.i, c.cue in WEAK_CUES))
    kept: list[Found] = []
    for c in cands:
        if any(k.i < c.j and c.i < k.j for k in kept):
            continue
        kept.append(c)
    for c in kept:
        if any(a < c.j and c.i < b for a, b in reg_spans):
            continue
        # an unregistered mention of a registered person's other name
        found.append(c)
    # merge by name; a first name alone joins a full name that starts with it
    by_name: dict[str, list[Found]] = {}
    order: list[str] = []
    for f in sorted(found, key=lambda f: (f.i, -(f.j - f.i))):
        key = f.name.lower()
        match = next((k for k in order if k == key or (not f.registered and k.split()[0] == key)
                      or (not f.registered and key.split()[0] == k and len(key.split()) > 1)
                      or (not f.registered and (_same_surname(k, key) or _same_surname(key, k)))), None)
        if match is None:
            order.append(key)
            by_name[key] = [f]
            continue
        if match != key:
            fired.append(ONCE)
        # "Mr Varga, my landlord, Owen Varga": the full name, not the title, is reported
        titled = match.split()[0] in TITLES and key.split()[0] not in TITLES and len(key.split()) > 1
        if (len(key) > len(match) and len(key.split()) >= len(match.split()) or titled) \
                and not by_name[match][0].registered:
            by_name[key] = by_name.pop(match) + [f]
            order[order.index(match)] = key
            for x in by_name[key]:
                x.name = f.name
        else:
            by_name[match].append(f)
    roles: dict[str, tuple[str | None, str]] = {}
    for key in order:
        rs = [_role(n, f) for f in by_name[key]]
        roles[key] = next((r for want in ("subject", "witness", "possessor") for r in rs if r[0] == want), rs[0])
        if roles[key][0] == "possessor":
            roles[key] = ("other", POSSESSOR)
    # the speaker's own people ("my neighbour Pat said ...") report, they are not the subject
    for key in order:
        f0 = by_name[key][0]
        before = " ".join(lowered(n)[max(0, f0.i - 3):f0.i])
        if roles[key][0] == "subject" and not f0.registered and re.search(
                rf"\b(?:my|our) (?!ex\b)(?:\w+ )?(?:{RELATIONS})$", before) and not any(
                _blamed(" ".join(lowered(n)[max(0, f.i - 7):f.i]) + " ") for f in by_name[key]):
            roles[key] = ("witness", OWN_SIDE_RULE)
    # relation cue from the speaker's side ("my friend Sarah") leans witness/other; else subject
    has_subject = any(r[0] == "subject" for r in roles.values())
    hedges = _hedges(n, doc)
    out: list[PersonRef] = []
    weak = False
    for key in order:
        fs = by_name[key]
        role, why = roles[key]
        f0 = fs[0]
        if role is None:
            before = " ".join(lowered(n)[max(0, f0.i - 3):f0.i])
            own_side = re.search(rf"\b(?:my|our) (?:{RELATIONS})(?: \w+)?$", before)
            if own_side or not (f0.registered or not has_subject):
                role, why = "other", (OWN_SIDE_RULE if own_side else MENTIONED)
            else:
                role = "subject"
                has_subject = True
        source = n.source(f0.i, f0.j)
        if role == "subject":
            for f in fs:  # "I think it was Mark": suspected, kept with the words that hedged
                h = next((s for s, e in hedges if e <= f.i and all(w.lower in _BRIDGE for w in n.words[e:f.i])), None)
                after = next((e for s, e in hedges if f.j <= s <= f.j + 1), None)  # "Dean, I'm not sure"
                if h is not None or after is not None:
                    source, weak = (n.source(h, f.j) if h is not None else n.source(f.i, after or f.j)), True
                    fired.append(SUSPECTED)
                    break
        out.append(PersonRef(name=_as_written(n, f0), role=role, source=source))
        fired += [_REGISTRY_RULE.get(f.cue, REGISTRY) for f in fs if f.registered] if f0.registered else [
            RULE_OF_CUE.get(c.cue, LISTED) for c in [f0, *every] if c is f0 or (c.i, c.j) == (f0.i, f0.j)]
        fired.append(why)
        if f0.i > 0 and n.words[f0.i - 1].lower in FILLERS:
            fired.append(FILLER)
        if all(f.cue in WEAK_CUES for f in fs):
            weak = True
    # "he" with one registered person and nobody else doing anything: that person
    if known and not any(p.role == "subject" for p in out) and len(known) == 1:
        if re.search(r"\b(?:he|he's|she|she's|him)\b", n.lower):
            names = {p.name.lower() for p in out}
            if known[0].name.lower() not in names:
                out.insert(0, PersonRef(name=known[0].name, role="subject", source="he"))
                fired.append(PRONOUN)
                weak = True  # only a pronoun points at them
    once = _once(out)
    if len(once) < len(out):
        fired.append(ONCE)
    return Who(once, weak, tuple(dict.fromkeys(fired)))


def _as_written(n: Normalized, f: Found) -> str:
    """A hyphenated name as it was written ("Mary-Jane", "Ann-Marie Kerr"): the words alone lose the hyphen."""
    spoken = n.source(f.i, f.j)
    if f.registered or "-" not in spoken or spoken.replace("-", " ").lower() != f.name.lower():
        return f.name
    return "-".join(part[:1].upper() + part[1:] for part in spoken.split("-"))


_RANK = {"subject": 0, "witness": 1, "other": 2}


def _once(people: list[PersonRef]) -> tuple[PersonRef, ...]:
    """The last guard: one entry per name (titles aside), with the strongest part any mention gave."""
    def bare(name: str) -> str:
        words = name.lower().split()
        return " ".join(words[1:] if len(words) > 1 and words[0] in TITLES else words)

    best: dict[str, PersonRef] = {}
    for p in people:
        key = bare(p.name)
        if key not in best or _RANK.get(p.role, 3) < _RANK.get(best[key].role, 3):
            best[key] = p if key not in best else PersonRef(best[key].name, p.role, best[key].source)
    return tuple(best.values())
