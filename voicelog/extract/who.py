"""Who was involved: named people and their part (subject, witness, other).

Sources, strongest first: the diary owner's registry of known people (names
and aliases, fuzzy matched because recognisers mishear names), titles
("Mrs Lindqvist"), cue phrases ("my neighbour Nell", "a woman called Ruth Cattermole"),
and spaCy's NER run on a truecased copy of lower-case text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicelog.extract.names import adverbs, any_first_names, common_words, first_names, nouns, ordinary, surnames
from voicelog.extract.normalize import Normalized
from voicelog.incident import KnownPerson, PersonRef

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TITLES = {"mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "dr": "Dr", "mister": "Mr"}
RELATIONS = (
    "friend|best friend|mate|neighbour|neighbor|colleague|coworker|co worker|workmate|boss|manager|"
    "sister|brother|mum|mom|mother|dad|father|cousin|son|daughter|flatmate|housemate|roommate|partner|"
    "boyfriend|girlfriend|husband|wife|uncle|aunt|auntie|nan|gran|grandma|grandad|teacher|trainer|"
    "personal trainer|client|buddy|running buddy|landlord|landlady|ex|ex husband|ex wife|ex boyfriend|"
    "ex girlfriend|ex partner|supervisor|carer|support worker|solicitor|niece|nephew|stepdad|stepmum|"
    "brother in law|sister in law|dad's|mum's|kid's|kids'"
)
_DATE_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december""".split())
_RELATION_WORDS = frozenset(re.split(r"[| ]", RELATIONS))
OWN_SIDE = re.compile(r"\b(?:my|our)\b")
BEHAVIOUR = (
    r"follow\w*|grabb\w*|grab|push\w*|shov\w*|hit|punch\w*|slap\w*|kick\w*|spat|spit\w*|text\w*|messag\w*|"
    r"rang|ring\w*|call\w*|phon\w*|email\w*|e mail\w*|sent|send\w*|was|were|is|has|had|have|turn\w* up|"
    r"came|come|corner\w*|slash\w*|smash\w*|key\w*|post\w*|left|kept|keeps|sat|stood|stand\w*|wait\w*|"
    r"park\w*|tagg\w*|logg\w*|put|did|does|threat\w*|said|say\w*|shout\w*|scream\w*|got|offer\w*|"
    r"sign\w*|walk\w*|jogg\w*|drove|driv\w*|watch\w*|stare\w*|star\w*|broke|damag\w*|wrote|again|"
    r"pretend\w*|hang\w*|lean\w*|banging|knock\w*|tried|try\w*|turned|approach\w*|attack\w*|threw|"
    r"track\w*|chas\w*|block\w*|egg\w*|and his|and her|who"
)
WITNESS = (
    r"saw|seen|sees|heard|hears|noticed|notices|witnessed|filmed|recorded|got it on (?:video|camera|film)|"
    r"was with me|were with me|was there|walked me|took a (?:picture|photo|video)|clocked|spotted|"
    r"got (?:his|her|the) (?:number plate|reg|registration)|pulled him off|pulled her off|came out and saw|"
    r"can confirm|will confirm|confirmed|can back me up|backed me up|will back me up|can vouch|vouch|"
    r"was next to me|were next to me|was beside me|was present|were there|caught it on|watched (?:it|the whole|him|her)"
)
BLAME = re.compile(
    r"(?:it was|it's|its|it is|must be|must have been|has to be|had to be|definitely|reckon it's|think it's|"
    r"think it was|know it was|know it's|sure it's|sure it was|sounded like|looks like|from|by|love|"
    r"only|obviously|probably|it was definitely|like) $"
)
STRONG_CUES = re.compile(
    rf"\b(?:(?:a|this|some) (?:man|woman|guy|girl|lady|bloke|lad|boy|person) (?:called|named)|called|named|"
    rf"name's|name is|(?:my|his|her|their|our|the) (?:{RELATIONS}))$"
)
NOT_NAMES = frozenset("""
god jesus christ police boss mum dad okay ok hey hi um so bless insta valentine st saint lady van teddy baby
guy man sir madam love honey angel darling bear king queen major page security staff
""".split())
PLACE_AFTER = frozenset("""
street road lane avenue close way drive park station shop school college car centre square hill row
parade grove place crescent terrace gardens court mews
""".split())


@dataclass
class _Found:
    name: str
    i: int
    j: int
    registered: bool = False
    cue: str = ""


def _alias_rx(alias: str) -> str:
    words = re.sub(r"[^a-z0-9' ]+", " ", alias.lower().replace("-", " ")).split()
    # "Lee's voice" is still Lee; "my ex's mum" is somebody else
    poss = "" if words and words[0] in ("my", "his", "her", "their", "our", "the", "a", "your") else "(?:'s)?"
    return r"(?<![\w'])" + r" ".join(re.escape(w) for w in words) + poss + r"(?![\w'])"


def _registry_hits(n: Normalized, known: Sequence[KnownPerson]) -> list[_Found]:
    from rapidfuzz import fuzz

    out: list[_Found] = []
    taken: set[int] = set()
    terms: list[tuple[str, KnownPerson]] = []
    for p in known:
        forms = {p.name, *p.aliases}
        first = p.name.split()[0]
        forms.add(first)
        for f in forms:
            if f.strip():
                terms.append((f, p))
    terms.sort(key=lambda t: -len(t[0]))
    for form, p in terms:
        rx = _alias_rx(form)
        for _match, i, j in n.finditer(rx):
            if any(k in taken for k in range(i, j)):
                continue
            out.append(_Found(p.name, i, j, registered=True, cue=form))
            taken.update(range(i, j))
            # "Becky's husband" also mentions Becky
            for k in range(i, j - 1):
                w = n.words[k]
                if w.lower.endswith("'s") and (w.text[:1].isupper() or w.lower[:-2] in any_first_names()):
                    out.append(_Found(w.text[:-2].capitalize(), k, k + 1, cue="possessor"))
    # fuzzy: a misheard first name or one-word alias
    singles = {}
    for p in known:
        for f in {p.name.split()[0], *p.aliases}:
            f = f.lower()
            if " " not in f and len(f) >= 4:
                singles[f] = p
    stop = common_words()
    for k, w in enumerate(n.words):
        lw = w.lower.removesuffix("'s")
        if k in taken or len(lw) < 4 or lw in stop or w.kind != "word":
            continue
        for f, p in singles.items():
            if fuzz.ratio(lw, f) >= (85 if len(f) <= 5 else 80) and lw[0] == f[0]:
                out.append(_Found(p.name, k, k + 1, registered=True, cue="fuzzy"))
                taken.add(k)
                break
    return out


_NOT_BEFORE_NAME = frozenset("""
the a an at in on to into from outside inside near by past towards toward his her their our your my this that
some any every of for
""".split())


def name_pairs(n: Normalized) -> frozenset[int]:
    """Starts of two-word names in lower-case text that no first-name list knows ("dragos ionescu"):
    two words no dictionary calls ordinary, at least one unknown as a noun, not after a determiner."""
    if n._cache.get("pairs") is not None:
        cached: frozenset[int] = n._cache["pairs"]
        return cached
    from voicelog.extract.names import _census, ordinary

    fn, nn = any_first_names(), nouns()
    last = _census("dist.all.last")
    words = [w.lower for w in n.words]
    out: set[int] = set()

    def namey(w: str, first: bool) -> bool:
        w = w.removesuffix("'s")
        if len(w) < 3 or not w.isalpha() or ordinary(w) or w in NOT_NAMES or w in PLACE_AFTER \
                or w in _DATE_WORDS or w in _RELATION_WORDS:
            return False
        return (first and w in fn) or w in last or w not in nn

    for k in range(len(words) - 1):
        a, b = words[k], words[k + 1]
        if n.words[k].kind != "word" or n.words[k + 1].kind != "word" or a.endswith("'s"):
            continue
        if k > 0 and words[k - 1] in _NOT_BEFORE_NAME:
            continue
        if k + 2 < len(words) and words[k + 2] in PLACE_AFTER:
            continue
        if namey(a, True) and namey(b, False) and not (a in nn and b.removesuffix("'s") in nn) and a != b:
            out.add(k)
    pairs = frozenset(out)
    n._cache["pairs"] = pairs
    return pairs


def truecase_words(n: Normalized) -> list[str]:
    """Words for spaCy: as spoken when cased, else names and 'I' capitalised."""
    words = [w.text for w in n.words]
    if any(c.isupper() for c in n.original):
        return words
    fn, sn, common, adv = first_names(), surnames(), common_words(), adverbs()
    pairs = name_pairs(n)
    out: list[str] = []
    prev_cap = False
    for k, w in enumerate(words):
        lw = w.lower()
        base = lw.removesuffix("'s")
        prev = out[-1].lower() if out else ""
        cap = False
        if lw == "i" or lw.startswith("i'"):
            cap = True
        elif base in fn and base not in NOT_NAMES and base not in _RELATION_WORDS:
            cap = True
        elif prev in TITLES and base not in common:
            cap = True
        elif prev_cap and k > 0 and words[k - 1].lower() in fn and base.replace("'", "") in sn \
                and base not in NOT_NAMES and base not in adv and words[k - 1].lower() != base:
            cap = True
        elif k in pairs or (k - 1) in pairs:
            cap = True
        elif re.fullmatch(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", lw):
            cap = True
        out.append(w[:1].upper() + w[1:] if cap else w)
        prev_cap = cap and lw != "i"
    return out


def _name_at(words: list[str], n: Normalized, k: int, *, loose: bool,
             doc: Doc | None = None) -> tuple[str, int] | None:
    """A one- or two-word name starting at word k, with its end."""
    if k >= len(words):
        return None
    if loose and not words[k][:1].isupper():
        lb = re.sub(r"'s$", "", words[k].lower())
        if doc is not None and k < len(doc) and doc[k].pos_ not in ("PROPN", "NOUN", "ADJ") and ordinary(lb):
            return None  # the tagger calls unknown lower-case names verbs ("my friend hamza saw"): trust the cue
        if lb not in any_first_names() and (lb in nouns() or lb in common_words()):
            return None
    common = common_words()
    w = words[k]
    base = re.sub(r"'s$", "", w)
    lb = base.lower()
    if lb in NOT_NAMES or (lb in common and not (loose and lb in any_first_names())) or not re.fullmatch(r"[A-Za-z][A-Za-z'-]*", base) or n.words[k].kind != "word":
        return None
    if not (base[:1].isupper() or loose):
        return None
    end = k + 1
    if not w.lower().endswith("'s") and end < len(words):
        nxt = re.sub(r"'s$", "", words[end])
        nl = nxt.lower()
        surname_ok = nl in surnames() or (nl not in common and nl not in PLACE_AFTER)
        if nxt[:1].isupper() and surname_ok and nl not in NOT_NAMES and n.words[end].kind == "word" \
                and nl not in _DATE_WORDS and nl != lb:
            base = f"{base} {nxt}"
            end += 1
    return base, end


def _candidates(n: Normalized, words: list[str], doc: Doc | None) -> list[_Found]:
    out: list[_Found] = []
    lower = [w.lower for w in n.words]
    for k, lw in enumerate(lower):
        if lw in TITLES and k + 1 < len(words):
            got = _name_at(words, n, k + 1, loose=True, doc=doc)
            if got and got[0].split()[0].lower() not in first_names() | {"i"}:
                nm = f"{TITLES[lw]} {got[0].split()[0].capitalize()}"
                out.append(_Found(nm, k, k + 2, cue="title"))
            elif got:
                out.append(_Found(got[0], k + 1, got[1], cue="title"))
        left = " ".join(lower[max(0, k - 4):k])
        if STRONG_CUES.search(left):
            got = _name_at(words, n, k, loose=True, doc=doc)
            if got:
                out.append(_Found(got[0], k, got[1], cue="cue"))
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            end = ent.end
            # no parser runs (speed), so nothing stops an entity crossing "Craig. My"
            for k in range(ent.start, ent.end - 1):
                if n.punct_after(k) in (".", "?", "!", ",", ";", ":"):
                    end = k + 1
                    break
            ent = doc[ent.start:end]
            toks = [t.text for t in ent]
            if not all(t[:1].isupper() for t in toks) or any(t.lower() in NOT_NAMES for t in toks):
                continue
            if ent.end < len(lower) and lower[ent.end] in PLACE_AFTER:
                continue
            if any(t.lower() in PLACE_AFTER or t.lower() in _DATE_WORDS for t in toks):
                continue
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and (prev.lower_ in ("in", "towards", "near", "into", "at")
                                     or prev.pos_ in ("DET", "ADJ")):
                continue  # "in Otley", "same red Fiesta"
            start = ent.start
            while len(toks) > 1 and toks[0].lower() == toks[1].lower():  # "Tobias. Tobias Lindqvist."
                toks, start = toks[1:], start + 1
            name = " ".join(re.sub(r"'s$", "", t) for t in toks)
            out.append(_Found(name, start, ent.end, cue="ner"))
    if not any(c.isupper() for c in n.original):
        for k in name_pairs(n):
            second = words[k + 1].removesuffix("'s")
            out.append(_Found(f"{words[k]} {second}", k, k + 2, cue="pair"))
    # capitalised name-list words spaCy missed
    fn = first_names()
    for k, w in enumerate(words):
        base = re.sub(r"'s$", "", w)
        if base[:1].isupper() and base.lower() in fn and k > 0 and lower[k] != "i":
            got = _name_at(words, n, k, loose=False)
            if got:
                out.append(_Found(got[0], k, got[1], cue="list"))
    return out


def _is_place_word(n: Normalized, f: _Found) -> bool:
    """'Moss Lane', 'St Brendan's', 'at Rosario's': a name that is part of a place."""
    lower = [w.lower for w in n.words]
    nxt = lower[f.j] if f.j < len(lower) else ""
    prev = lower[f.i - 1] if f.i > 0 else ""
    if nxt in PLACE_AFTER or prev in ("st", "saint", "christmas", "year's", "new"):
        return True
    return lower[f.j - 1].endswith("'s") and prev in ("at", "to", "from", "into", "outside", "in")


def _role(n: Normalized, f: _Found, people_spans: list[tuple[int, int]]) -> str | None:
    lower = [w.lower for w in n.words]
    after = " ".join(lower[f.j:f.j + 8])
    before = " ".join(lower[max(0, f.i - 4):f.i]) + " "
    head = lower[f.j - 1] if f.j - 1 < len(lower) else ""
    if f.cue == "possessor":
        return "possessor"
    if head.endswith("'s") and re.match(rf"(?:{RELATIONS}|new|ex|husband|wife|voice|car)\b", after) \
            and not re.match(r"(?:voice|car)\b", after):
        return "possessor"
    if BLAME.search(before):
        return "subject"
    if re.match(rf"(?:(?:he|she|they) )?(?:(?!and |but |then |because |he |she )\w+ ){{0,5}}?(?:{WITNESS})\b", after) and not re.match(
            r"(?:\w+ ){0,2}?(?:followed|grabbed|pushed|shoved)\b", after):
        # "Penny next door heard it", "Gwilym who was queueing there saw it"
        return "witness"
    if re.search(r"\bwith (?:my \w+ )?$", before) or re.search(r"\b(?:witnessed by|seen by)$", before.strip()):
        return "witness"
    if re.match(rf"(?:(?:and|&) (?:his|her|their) \w+ \w+ |(?:and|&) \w+ |again |just |then |also |had |has |always |kept |was |were )?(?:{BEHAVIOUR})\b", after):
        if re.match(r"(?:was|were) (?:with|there|in|at|on|my|so|really|scared|upset|shaken|home)\b", after):
            return None
        return "subject"
    return None


def _same_surname(a: str, b: str) -> bool:
    """'mr varga' and 'quentin varga': a title and surname, and a full name with that surname."""
    wa, wb = a.split(), b.split()
    if len(wa) != 2 or len(wb) != 2 or wa[-1] != wb[-1]:
        return False
    return (wa[0] in TITLES) != (wb[0] in TITLES)


@dataclass(frozen=True)
class Who:
    """The people of an account, and whether any rests on a weak cue."""

    people: tuple[PersonRef, ...]
    unsure: bool
    """Someone was found only by a fuzzy match, an unknown-word pair, or by resolving "he"."""
    rules: tuple[str, ...] = ()
    """The rules (:mod:`voicelog.extract.rules`) that found the people or set their roles."""


WEAK_CUES = frozenset(("fuzzy", "pair"))


def find_who(n: Normalized, known: Sequence[KnownPerson] = (), doc: Doc | None = None,
             words: list[str] | None = None) -> tuple[PersonRef, ...]:
    """Named people with roles, registered ones under their registered name."""
    return find_who_with_doubts(n, known, doc, words).people


def find_who_with_doubts(n: Normalized, known: Sequence[KnownPerson] = (), doc: Doc | None = None,
                     words: list[str] | None = None) -> Who:
    """Named people with roles, and whether any was found only on weak evidence (so the person should check)."""
    words = words if words is not None else truecase_words(n)
    found = _registry_hits(n, known)
    reg_spans = [(f.i, f.j) for f in found]
    cands = [c for c in _candidates(n, words, doc) if not _is_place_word(n, c)]
    # overlapping candidates: the longest wins ("Ruth Cattermole" over "Cattermole")
    cands.sort(key=lambda c: (-(c.j - c.i), c.i))
    kept: list[_Found] = []
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
    by_name: dict[str, list[_Found]] = {}
    order: list[str] = []
    for f in sorted(found, key=lambda f: (f.i, -(f.j - f.i))):
        key = f.name.lower()
        match = next((k for k in order if k == key or (not f.registered and k.split()[0] == key)
                      or (not f.registered and key.split()[0] == k and len(key.split()) > 1)
                      or (not f.registered and _same_surname(k, key))), None)
        if match is None:
            order.append(key)
            by_name[key] = [f]
        else:
            # "Mr Varga, my landlord, Owen Varga": the full name, not the title, is reported
            titled = match.split()[0] in TITLES and key.split()[0] not in TITLES
            if (len(key) > len(match) or titled) and not by_name[match][0].registered:
                by_name[key] = by_name.pop(match) + [f]
                order[order.index(match)] = key
                for x in by_name[key]:
                    x.name = f.name
            else:
                by_name[match].append(f)
    roles: dict[str, str | None] = {}
    spans = [(f.i, f.j) for fs in by_name.values() for f in fs]
    for key in order:
        rs = [_role(n, f, spans) for f in by_name[key]]
        if "subject" in rs:
            roles[key] = "subject"
        elif "witness" in rs:
            roles[key] = "witness"
        elif "possessor" in rs:
            roles[key] = "other"
        else:
            roles[key] = None
    # the speaker's own people ("my neighbour Pat said ...") report, they are not the subject
    for key in order:
        f0 = by_name[key][0]
        before = " ".join(w.lower for w in n.words[max(0, f0.i - 3):f0.i])
        if roles[key] == "subject" and not f0.registered and re.search(
                rf"\b(?:my|our) (?!ex\b)(?:\w+ )?(?:{RELATIONS})$", before) and not any(
                BLAME.search(" ".join(w.lower for w in n.words[max(0, f.i - 6):f.i]) + " ") for f in by_name[key]):
            roles[key] = "witness"
    # relation cue from the speaker's side ("my friend Sarah") leans witness/other; else subject
    has_subject = any(r == "subject" for r in roles.values())
    out: list[PersonRef] = []
    weak = False
    for key in order:
        fs = by_name[key]
        role = roles[key]
        if role is None:
            f0 = fs[0]
            before = " ".join(w.lower for w in n.words[max(0, f0.i - 3):f0.i])
            own_side = re.search(rf"\b(?:my|our) (?:{RELATIONS})(?: \w+)?$", before)
            if own_side or not (f0.registered or not has_subject):
                role = "other"
            else:
                role = "subject"
                has_subject = True
        out.append(PersonRef(name=fs[0].name, role=role, source=n.source(fs[0].i, fs[0].j)))
        if all(f.cue in WEAK_CUES for f in fs):
            weak = True
    # "he" with one registered person and nobody else doing anything: that person
    if known and not any(p.role == "subject" for p in out) and len(known) == 1:
        if re.search(r"\b(?:he|he's|she|she's|him)\b", n.lower):
            names = {p.name.lower() for p in out}
            if known[0].name.lower() not in names:
                out.insert(0, PersonRef(name=known[0].name, role="subject", source="he"))
                weak = True  # only a pronoun points at them
    return Who(tuple(out), weak)
