"""Who was involved: named people and their part (subject, witness, other).

The candidates come from :mod:`voicelog.extract.mentions` (registry, titles,
cues, the tagger, name lists, word senses); here they are merged so one person
is named once, given their part by the words around them (a deed, a witness
verb, "it was X", the speaker's own people), and marked unsure when only
suspected ("I think it was Mark") or found on weak evidence. The hedges are
found by spaCy's PhraseMatcher over vocab/who_hedges.txt (new: before, "I
think it was" only made the person the subject, through the BLAME expression,
with no doubt recorded). Each mention's part is read by :mod:`voicelog.extract.who_roles`;
names that are places are kept out by :mod:`voicelog.extract.who_places`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
    lowered,
    sentence_start,
    truecase_words,
)
from voicelog.extract.name_parts import longer_names
from voicelog.extract.name_whole import whole_names
from voicelog.extract.names import (
    FILLERS,
    POLICE_RANKS,
    RELATIONS,
    TITLES,
    any_first_names,
    first_names,
    surnames,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.who_apposed import apposed
from voicelog.extract.who_dropped import (
    CONTRACTION,
    CORRECTED_NAME,
    FORM_OF_ADDRESS,
    KIN_WORD,
    PLURAL_NOUN,
    SPEAKER_NAME,
    addressed,
    contraction,
    corrected,
    kin_word,
    not_a_party,
    plural_noun,
    speaker_name,
)
from voicelog.extract.who_learned import with_learned
from voicelog.extract.who_listed import listed_in_context
from voicelog.extract.who_once import (
    IN_FULL,
    SHORT_FORM,
    THAT_IS,
    TITLED_FIRST,
    restated_as,
    said_in_full,
    same_surname,
    short_form,
    titled_first,
)
from voicelog.extract.who_place_person import FULL_NAME_AFTER_PLACE, person_after_place
from voicelog.extract.who_places import (
    CROSS_STREET,
    IN_PLACE,
    NAME_STARTS_CLAUSE,
    PLACE_NAME,
    PLACE_TAIL,
    PROFILE,
    TOWN_OR_SHOP,
    cross_street,
    in_place,
    is_place_word,
    place_name,
    place_tail,
    profile,
    starts_clause,
    town_or_shop,
)
from voicelog.extract.who_possessor import possessors
from voicelog.extract.who_roles import (
    BLAMED,
    DEED,
    MENTIONED,
    OWN_SIDE_RULE,
    REGISTERED_FIRST,
    REPORTER,
    REPORTER_WORDS,
    SIDE,
    blamed,
    companion,
    did_it_to_me,
    not_own,
    role_of,
    side_of,
)
from voicelog.extract.who_things import (
    AFTER_ARTICLE,
    EVERYDAY_FORM,
    NAMED_VENUE,
    PET,
    SHOP_POSSESSIVE,
    after_article,
    everyday_form,
    pet,
    shop_possessive,
    venue_name,
)
from voicelog.extract.who_towns import LISTED_TOWN, listed_town
from voicelog.incident import KnownPerson, PersonRef

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

__all__ = ["Who", "find_who", "find_who_with_doubts", "truecase_words"]

SUSPECTED = rule("people.suspected", "'I think it was X', 'pretty sure it was', 'might have been': X is the subject, "
                 "the field marked unsure and the hedge kept in the source",
                 said("I think it was Mark who scratched my car.", "Mark (subject)"),
                 said("i'm pretty sure it was daniel who slashed my tyres", "Daniel (subject)"),
                 said("It might have been Kevin who left the flowers.", "Kevin (subject)"))
ONCE = rule("people.once", "one person once, with one part: a title and surname, a full name and a first name merge",
            said("Mr Varga, my landlord, Quentin Varga, let himself into my flat.", "Quentin Varga (subject)"),
            said("Dr Danquah saw him push me over. Kemi Danquah can confirm all of it.", "Kemi Danquah (witness)"))
PRONOUN = rule("people.pronoun-registered", "'he' with one registered person and nobody else named: that person (unsure); "
               "never when the speaker doubts it was them ('I can't say it's him', 'I don't know if it was him')",
               said("He was outside again.", None, fires=False))  # needs a registry: see tests/test_extract_who.py
_DOUBTED = re.compile(r"\b(?:can't|cannot|can not|couldn't|don't know|do not know|not sure|no idea|can't be sure|"
                      r"not certain|never saw)\b(?: [\w']+){0,4} (?:him|her|them|who)\b")
"""The speaker doubts who it was: "he" points at nobody named."""


POSSESSIVE_END = rule("people.possessive-not-surname", "'Priya Omar's new girlfriend': a word with 's before a relation "
                      "is the next person's possessor, not the surname of the name before it; but a surname that is no "
                      "first name ends the one name ('Wendell Okonjo's son')",
                      said("last night priya omar's new girlfriend sent me a nasty message", "Priya (subject), Omar (other)"),
                      said("last night wendell gruber's son rupert sent me a nasty message",
                           "Wendell Gruber (other), Rupert (subject)", fires=False))


INTERJECTION = rule("people.opening-interjection", "the account's first word on its own before a discourse word "
                    "('Ayyo, so ...', 'Bueno, right ...') is a greeting or an exclamation, not a person",
                    said("Ayyo, so an hour ago he was hanging about the taxi rank.", None),
                    said("Bueno, so he was parked by my gate again this morning.", None),
                    said("Maeve, so, she saw him come up to the car.", "Maeve (witness)", fires=False))
GREETING = rule("people.greeting", "a greeting or blessing of any language (vocab/who_greetings.txt: 'kia ora', "
                "'sat sri akal') names nobody",
                said("kia ora so this morning he was parked outside the dairy again", None),
                said("sat sri akal yesterday he followed me from the bus stop to my gate", None))


def _greeting(n: Normalized, f: Found) -> bool:
    """A word of the candidate lies inside a greeting phrase (GREETING)."""
    lower = lowered(n)
    by_first, longest = vocab.phrases_by_first("who_greetings")  # only the phrases a word can start are tried there
    for start in range(max(0, f.i - longest + 1), min(f.j, len(lower))):
        if any(f.i - len(p) < start <= len(lower) - len(p) and tuple(lower[start:start + len(p)]) == p
               for p in by_first.get(lower[start], ())):
            return True
    return False


_DISCOURSE = frozenset("so right well okay ok um uh erm like yeah anyway listen look".split())


def _interjection(n: Normalized, f: Found) -> bool:
    """The account's first word alone before a comma and a discourse word, and no listed first name (INTERJECTION)."""
    lower = lowered(n)
    return f.i == 0 and f.j == 1 and not f.registered and n.punct_after(0) in (",", "!", ".") and len(lower) > 1 \
        and lower[1] in _DISCOURSE and lower[0] not in vocab.words("names") \
        and (lower[0] not in any_first_names() or len(lower[0]) <= 2)  # "Ay, so": too short to tell, said first


def _possessor_apart(n: Normalized, f: Found) -> bool:
    """POSSESSIVE_END: the word with 's is another person ('Priya Omar's girlfriend', Omar a first name or no
    surname), not the surname that ends one name ('Wendell Gruber's son', 'Mrs Thistlewood's son')."""
    last = n.words[f.j - 1].lower.removesuffix("'s")
    if f.j - f.i == 2 and lowered(n)[f.i] in TITLES:
        return False
    return last in first_names() or last not in surnames()


def _their_relative(n: Normalized, f: Found) -> bool:
    """'Her husband, Mr Okoye': a relative of someone named, who shares the surname but is another person."""
    return bool(re.search(rf"\b(?:his|her|their) (?:\w+ )?(?:{RELATIONS})$", " ".join(lowered(n)[max(0, f.i - 3):f.i])))


@dataclass(frozen=True)
class Who:
    """The people of an account, and whether any rests on a weak cue."""

    people: tuple[PersonRef, ...]
    unsure: bool
    """Someone was found only by a fuzzy match, an unknown-word pair, by resolving "he", or is only suspected."""
    rules: tuple[str, ...] = ()
    """The rules (:mod:`voicelog.extract.rules`) that found the people, set their roles or kept someone out."""


WEAK_CUES = frozenset(("fuzzy", "sounds", "alias-name", "pair", "unknown", "after-time", "blamed", "learned",
                       "listed-context", "apposed", "mid-clause"))
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

_Check = tuple[Callable[[Normalized, Found], bool], str]
_PLACE_CHECKS: tuple[_Check, ...] = ((place_name, PLACE_NAME), (place_tail, PLACE_TAIL), (listed_town, LISTED_TOWN),
                                     (cross_street, CROSS_STREET))
"""A candidate that is a place's name or its last word is no person (the rule that says so goes in provenance)."""
_FIRST_CHECKS: tuple[_Check, ...] = ((profile, PROFILE), (_interjection, INTERJECTION), (_greeting, GREETING))
_THEN_CHECKS: tuple[_Check, ...] = (
    (speaker_name, SPEAKER_NAME), (plural_noun, PLURAL_NOUN), (lambda n, c: contraction(c), CONTRACTION),
    (lambda n, c: kin_word(c), KIN_WORD), (town_or_shop, TOWN_OR_SHOP), (venue_name, NAMED_VENUE), (pet, PET),
    (everyday_form, EVERYDAY_FORM), (after_article, AFTER_ARTICLE),
    (shop_possessive, SHOP_POSSESSIVE))
"""After the place checks, in this order (a name the speaker took back comes between the two tables): the first
check that holds drops the candidate, and its rule is what provenance shows."""


def find_who_with_doubts(n: Normalized, known: Sequence[KnownPerson] = (), doc: Doc | None = None,
                         words: list[str] | None = None, place: str | None = None) -> Who:
    """Named people with roles, and whether any was found only on weak evidence (so the person should check);
    ``place`` is the account's place as spoken (where.py's source), whose words are nobody's name."""
    from voicelog.extract.police import find_police

    words = words if words is not None else truecase_words(n)
    fired: list[str] = []
    found = []
    for f in registry_hits(n, known):  # "PC Daniel Prothero" is an officer, not the registered Daniel
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
    every = whole_names(n, words, longer_names(n, words, with_learned(n, words, doc, [
        *candidates(n, words, doc), *listed_in_context(n, words), *possessors(n, words, doc),
        *apposed(n, words, doc)])))
    taken_back = {c.name.lower() for c in every if corrected(n, c, [*every, *found])}  # every mention of it

    def corrected_here(n: Normalized, c: Found) -> bool:
        return c.name.lower() in taken_back

    for c in every:
        trimmed = addressed(c)  # "Sister Marisa": a form of address, not part of her name
        if trimmed is not None:
            c = trimmed
            fired.append(FORM_OF_ADDRESS)
        if c.cue != "owner" and is_place_word(n, c):  # 'behind Tavish's van': his van, no shop
            continue
        dropped = next((r for check, r in _PLACE_CHECKS if check(n, c)), None)
        if dropped is None and in_place(n, c, place, doc):
            if starts_clause(n, c):
                fired.append(NAME_STARTS_CLAUSE)  # "at the market Lucius was sitting": the place ran over him
            elif person_after_place(n, c):
                fired.append(FULL_NAME_AFTER_PLACE)  # "... in Aberfeldy Cosmin Varga, he was there"
            else:
                dropped = IN_PLACE
        if dropped is None:
            dropped = next((r for check, r in (*_FIRST_CHECKS, (corrected_here, CORRECTED_NAME), *_THEN_CHECKS)
                            if check(n, c)), None)
        if dropped is not None:
            fired.append(dropped)
            continue
        out_rule = not_a_party(n, words, c, frozenset(officers))
        if out_rule:
            fired.append(out_rule)
            continue
        if c.j - c.i > 1 and n.words[c.j - 1].lower.endswith("'s") and _possessor_apart(n, c) and re.match(
                rf"(?:\w+ )?(?:{RELATIONS})\b", " ".join(lowered(n)[c.j:c.j + 3])):
            c = replace(c, name=" ".join(c.name.split()[:-1]), j=c.j - 1)  # POSSESSIVE_END: "Priya, Omar's wife"
            fired.append(POSSESSIVE_END)
        if any(a < c.j and c.i < b for a, b in reg_spans):
            continue  # before the longest wins: "priya omar's girlfriend" keeps Priya when Omar is registered
        cands.append(c)
    # overlapping candidates: the longest wins ("Ruth Cattermole" over "Cattermole")
    cands.sort(key=lambda c: (-(c.j - c.i), c.i, c.cue != "restated", c.cue in WEAK_CUES))
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
                      or (not f.registered and (titled_first(k, key) or titled_first(key, k)))
                      or (not f.registered and (same_surname(k, key) or same_surname(key, k))
                          and not _their_relative(n, f))
                      or (not f.registered and not by_name[k][0].registered
                          and (short_form(k, key) or short_form(key, k)))
                      or restated_as(n, by_name[k], f) or said_in_full(n, by_name[k], f)), None)
        if match is None:
            order.append(key)
            by_name[key] = [f]
            continue
        if match != key:
            fired.append(THAT_IS if restated_as(n, by_name[match], f) else IN_FULL
                         if said_in_full(n, by_name[match], f) else SHORT_FORM
                         if short_form(match, key) or short_form(key, match) else TITLED_FIRST
                         if titled_first(match, key) or titled_first(key, match) else ONCE)
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
        rs = [role_of(n, f) for f in by_name[key]]
        roles[key] = next((r for want in ("subject", "witness", "possessor") for r in rs if r[0] == want), rs[0])
        if roles[key][0] == "possessor":
            roles[key] = ("other", POSSESSOR)
    # the speaker's own people ("my neighbour Pat said ...") report, they are not the subject
    for key in order:
        f0 = by_name[key][0]
        before = " ".join(lowered(n)[max(0, f0.i - 3):f0.i])
        if roles[key][0] == "subject" and not f0.registered and re.search(
                rf"\b(?:my|our) (?!ex\b)(?:\w+ )?(?:{RELATIONS})$", before) and not any(
                blamed(" ".join(lowered(n)[sentence_start(n, f.i, 7):f.i]) + " ") for f in by_name[key]):
            side = side_of(n, by_name[key])  # "my partner Ruslan shoved me" with nobody else doing it: still Ruslan
            if side is not None or any(r[0] == "subject" for k, r in roles.items() if k != key and not_own(n, by_name[k])):
                roles[key] = ("other", SIDE) if side == "other" else ("witness", OWN_SIDE_RULE)
    # "the concierge said the lift camera was off": someone who only tells what they know did not do it
    for key in order:
        if roles[key][1] in (DEED, MENTIONED) and not by_name[key][0].registered and any(
                REPORTER_WORDS.match(" ".join(lowered(n)[f.j:f.j + 12])) for f in by_name[key]):
            roles[key] = ("other", REPORTER)
    # a registered person did it: the others named are witnesses or mentioned, bar their own companions
    registered = [k for k in order if by_name[k][0].registered and roles[k][0] in ("subject", None)]
    for key in order:
        fs = by_name[key]
        if not registered or fs[0].registered or roles[key][0] != "subject" or roles[key][1] == BLAMED:
            continue
        side = side_of(n, fs)  # "Dan's mate Lee gave me a letter from Dan": passing it on, not a companion in it
        if side is None and any(did_it_to_me(n, f) for f in fs):
            continue  # "Tobias Renn followed me home. I think Gary sent him": his own deed
        if side == "other" or not any(companion(n, f, registered) for f in fs):
            roles[key] = (side or "witness", REGISTERED_FIRST)
    # "Jonah and Tiago circled us": the second of a pair does what the first did
    for key in order:
        f0 = by_name[key][0]
        if roles[key][0] is None and f0.i > 1 and lowered(n)[f0.i - 1] in ("and", "&"):
            mate = next((k for k in order if k != key and any(f.j == f0.i - 1 for f in by_name[k])), None)
            if mate is not None and roles[mate][0] == "subject":
                roles[key] = roles[mate]
    # relation cue from the speaker's side ("my friend Sarah") leans witness/other; else subject
    has_subject = any(r[0] == "subject" for r in roles.values())
    hedges = _hedges(n, doc)
    out: list[PersonRef] = []
    weak = False
    for key in order:
        fs = by_name[key]
        role, why = roles[key]
        f0 = fs[0]
        partner = next((q for q in out if f0.i > 1 and lowered(n)[f0.i - 1] in ("and", "&")
                        and any(f.j == f0.i - 1 for f in by_name.get(q.name.lower(), ()))), None)
        if role is None and partner is not None and partner.role == "subject":
            role, why = "subject", MENTIONED  # "Jonah and Tiago circled us": what one did, both did
        if role is None and f0.registered and any(k != key and by_name[k][0].registered and roles[k][0] == "subject"
                                                  for k in order):
            role, why = "other", MENTIONED  # "his dad shouted at me ... since Rory and I broke up": Rory is only mentioned
        if role is None:
            before = " ".join(lowered(n)[max(0, f0.i - 3):f0.i])
            own_side = re.search(rf"\b(?:my|our) (?!ex\b|ex-)(?:{RELATIONS})(?: \w+)?$", before)  # "my ex, Dan": theirs
            if own_side or not (f0.registered or not has_subject):
                role, why = "other", (OWN_SIDE_RULE if own_side else MENTIONED)
                if not f0.registered and side_of(n, fs) == "witness":  # "the porter, Ines, asked him his business"
                    role, why = "witness", SIDE
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
    if known and not any(p.role == "subject" for p in out) and len(known) == 1 and not _DOUBTED.search(n.lower):
        if _free_pronoun(n, [f for k in order for f in by_name[k]]):
            names = {p.name.lower() for p in out}
            if known[0].name.lower() not in names:
                out.insert(0, PersonRef(name=known[0].name, role="subject", source="he"))
                fired.append(PRONOUN)
                weak = True  # only a pronoun points at them
    once = _once(out)
    if len(once) < len(out):
        fired.append(ONCE)
    return Who(once, weak, tuple(dict.fromkeys(fired)))


def _free_pronoun(n: Normalized, named: Sequence[Found]) -> bool:
    """A 'him', or a 'he' or 'she' no one named before it in its sentence can be ('Dean was with me, he saw it' is
    Dean, so nobody unnamed did anything)."""
    lower = lowered(n)
    for k, w in enumerate(lower):
        if w == "him" or w in ("he", "he's", "she", "she's") \
                and not any(sentence_start(n, k, 30) <= f.i < k for f in named):  # "she saw him": him is free
            return True
    return False


def _as_written(n: Normalized, f: Found) -> str:
    """A hyphenated name as it was written ("Mary-Jane", "Ann-Marie Lusk"): the words alone lose the hyphen."""
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
