"""Clauses of an account and who does what in each, for text with or without punctuation.

Vosk gives no punctuation, so clause boundaries are inferred from words: connectives
("and", "then", "so", "but", "when", "because") and a pronoun that starts a new
subject and verb ("... i sped up he sped up"). Each clause gets the
role of its doer: the ``speaker``, the ``other`` person (the one the account is
about), a ``bystander`` (my friend, the driver), an ``associate`` of the other
person (his brother), or a ``thing`` (my car, it). A clause with no subject of
its own ("... and kept hammering on the door") inherits the last one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from voicelog.extract.normalize import Normalized, Token


@dataclass(frozen=True)
class Clause:
    """One clause of an account."""

    text: str
    """Lower-case words joined by spaces."""
    role: str
    """Who does it: speaker, other, bystander, associate or thing."""
    reported: bool = False
    """Said or written by someone (after "said", "saying"): words, not deeds."""


def scanned(memo: dict[tuple[str, int, str], list[re.Match[str]]], rx: re.Pattern[str], text: str
            ) -> list[re.Match[str]]:
    """rx's matches in a clause's text, from memo when the same pattern met the same text before. Keyed by the
    pattern's source and flags: hashing a compiled pattern of a few thousand characters costs half a scan."""
    key = (rx.pattern, rx.flags, text)
    if key not in memo:
        memo[key] = list(rx.finditer(text))
    return memo[key]


CONNECTIVES = frozenset("""and then so but when because cos cause while until till whilst although though
which who where whereas""".split())
# Words after which a pronoun is an object, not a new subject ("told he", "that she").
_NO_SPLIT_AFTER = frozenset("""that said told saying says tell if whether know knew think thought reckon like than
as what how why where which who to at with for from by of about and then so but when because cos until till
while before after since once even just""".split())
SPEAKER = frozenset("i i'd i'm i've i'll we we'd we're we've we'll".split())
OTHER = frozenset("""he she they he'd she'd they'd he's she's they're he'll she'll they'll they've someone somebody
someone's somebody's""".split())
FILLER = frozenset("""um uh er erm eh like just then also so well again even still now suddenly literally basically
actually yeah okay ok right oh and but anyway apparently only already really""".split())
FEMALE = frozenset("sister mum mom mother wife girlfriend aunt auntie nan gran grandma lady woman girl daughter niece".split())
MALE = frozenset("brother dad father husband boyfriend uncle grandad man guy bloke lad boy son nephew".split())
BYSTANDER_NOUNS = frozenset("""friend friends mate mates sister brother mum mom mother dad father son daughter neighbour
neighbours neighbor colleague colleagues coworker boss manager supervisor husband wife boyfriend girlfriend partner
nan gran grandma grandad uncle aunt auntie cousin flatmate housemate roommate landlady teacher driver guard security
doorman concierge attendant receptionist nurse doctor officer police staff cashier barman barmaid bartender waiter
waitress bouncer conductor guard lady passenger passengers kids children daughter student students client customer
customers worker workers dog secretary caretaker headteacher head pastor vicar priest cop copper paramedic postman
postie courier cleaner shopkeeper owner assistant porter warden steward lifeguard instructor coach teachers""".split())
THINGS = frozenset("""it it's there there's car tyres tyre window windows door house flat phone card note letter
parcel flowers bins bin fence garden message messages email text""".split())
# Verbs a clause can start with when its subject is carried over from the one before.
_VERBISH = re.compile(r"^(?:\w+ed|\w+ing|kept|was|were|had|got|came|went|sat|stood|said|told|left|put|took|ran|began|"
                      r"tried|made|gave|threw|drove|rode|spat|hit|grabbed|walked|followed|wouldn't|didn't|did|"
                      r"does|do|is|are|has|have|says|keeps|knew|knows|saw|stole|broke|wrote|sent|rang|caught|"
                      r"let|held|pulled|shoved|pushed|bit|ripped|cut|dug|stuck|swore|yelled|waved|blew|"
                      r"would|could|should|will|won't|can't|can|must|might)$")
BLAMED_BEFORE_WHO = re.compile(r"\b(?:it was|it's|it is|must have been|might have been|could have been|may have been|"
                               r"must've been|might've been|could've been)(?: \w+){1,2}$")
"""A clause naming who did it, before "who ..." ("it was mark", "might have been his brother")."""
TITLES = frozenset("mr mrs ms miss dr mister".split())
SUBORDINATORS = frozenset("until till til when while whilst because cos as after before once since".split())
"""Words that start a clause hanging off another: the clause after it goes on with the main one's doer."""
REPORT = re.compile(r"(?<!being )(?<!been )\b(?:said|says|saying|say|told me|telling me|asking|asked|shouted|shouting|"
                    r"screamed|whispered|wrote|written|reads?|read|mouthed|mouthing|muttered|muttering|hissed|yelled|"
                    r"yelling|snarled|warned me|texted|messaged|(?:he|she|they) goes|(?:he|she|they) went like)\b(?: that)?$")
_SAYS = re.compile(r"\b(?:said|saying|says)\b")


def subject_role(words: list[str]) -> tuple[str | None, str | None]:
    """(role, gender) of the clause's own subject, or (None, None) when it has none."""
    k = 0
    while k < len(words) and words[k] in FILLER:
        k += 1
    if k >= len(words):
        return None, None
    w = words[k]
    if w in SPEAKER or (w == "me" and words[k + 1:k + 2] == ["and"]) or (w == "my" and words[k + 1:k + 3] in (
            ["friend", "and"], ["mum", "and"], ["sister", "and"]) and "i" in words[k + 3:k + 6]):
        return "speaker", None
    if w.endswith("'s") and len(w) > 3 and words[k + 1:k + 2] and words[k + 1] in BYSTANDER_NOUNS and w not in OTHER \
            and not (words[k + 2:k + 3] and words[k + 2] in TITLES):  # "sophie's uncle mr bramley": the one it is about
        relation = words[k + 1]  # "brendan's brother came to my door": someone acting for the other person
        return "associate", "f" if relation in FEMALE else "m" if relation in MALE else None
    if w in OTHER:
        return "other", {"he": "m", "he'd": "m", "he's": "m", "he'll": "m",
                         "she": "f", "she'd": "f", "she's": "f", "she'll": "f"}.get(w)
    if w in ("my", "our", "the", "a", "an", "this", "that", "his", "her", "their", "one", "some"):
        nxt = [x for x in words[k + 1:k + 4]]
        if w in ("my", "our") and nxt[:1] == ["ex's"] and nxt[1:2] and nxt[1] in BYSTANDER_NOUNS:
            return "associate", "f" if nxt[1] in FEMALE else "m" if nxt[1] in MALE else None  # "my ex's mum"
        if w == "my" and nxt[:1] == ["ex"] or (w in ("my", "our") and nxt[:2] in (["ex", "husband"], ["ex", "wife"],
                                                                                     ["ex", "boyfriend"], ["ex", "partner"])):
            return "other", None
        noun = next((x for x in nxt if x in BYSTANDER_NOUNS), None)
        gender = "f" if noun in FEMALE else "m" if noun in MALE else None
        if noun is not None and noun not in ("man", "woman", "guy", "bloke", "lad", "lady", "girl", "boy") or (
                noun in ("man", "woman", "guy", "bloke", "lady") and w in ("the",) and nxt[1:2] in (
                    ["from"], ["at"], ["behind"], ["next"], ["across"], ["who"], ["in"])):
            if w in ("his", "her", "their"):
                return "associate", gender
            return "bystander", gender
        if noun in ("man", "woman", "guy", "bloke", "lad", "lady", "girl", "boy"):
            return "other", gender
        if nxt and (nxt[0] in THINGS or w in ("my", "our", "the", "his", "her", "their") and nxt[0] not in BYSTANDER_NOUNS):
            return "thing", None
        return "other", None
    if w in THINGS:
        return "thing", None
    if w in ("nobody", "no"):
        return "thing", None
    if _VERBISH.match(w) or w in ("me", "him", "her", "them", "to", "for", "with", "at", "in", "on", "from", "by",
                                   "of", "up", "down", "out", "off", "over", "all", "every", "into", "round", "around",
                                   "back", "home", "not", "never", "too", "a", "about", "for", "like"):
        return None, None
    if name_as_verb(words[k:k + 2]):
        return None, None  # "then drew a thumb over his neck at me": a past tense that is also a first name
    return "other", None  # a name: "tobias lindqvist came up beside me"


_NAME_VERBS = frozenset(("drew",))
"""Past tenses that are also first names: a verb, not a new doer, before a determiner ("drew a line", "drew his")."""


def name_as_verb(words: list[str]) -> bool:
    """The first of two words is a past tense that is also a first name, used as a verb ("drew a thumb ...")."""
    return len(words) > 1 and words[0] in _NAME_VERBS and words[1] in ("his", "her", "their", "a", "the", "my")


_FINITE = frozenset("""was were is are am be been had has have did does do got get gets came come went said says told
saw seen heard kept keeps left put took made gave rang sent knew know knows tried wouldn't didn't can't couldn't won't
will would could should might must""".split())


def _apposition(words: list[str]) -> bool:
    """A chunk that only names someone or something ("my old landlord", "Gareth"): no verb of its own."""
    if not words or len(words) > 5 or any(w in _FINITE or w.endswith("ed") for w in words):
        return False
    return words[0] in ("my", "our", "his", "her", "their", "the", "a", "an") or len(words) <= 2 and all(
        w not in SPEAKER and w not in OTHER and w not in THINGS and w not in FILLER and w not in CONNECTIVES
        and not w[:1].isdigit() for w in words)


_QUOTES = frozenset('"“”')


_HESITATIONS = frozenset("um uh er erm like".split())
"""Fillers a recogniser sets off by commas ("she was, like, twenty yards back")."""


def _inline_quotes(toks: Sequence[Token]) -> set[int]:
    """Quote marks around one to three words inside a sentence ('sprayed "slag" on my door', 'wrote "liar" across
    it'): a word named, not speech, so the clause goes on through them; so do the commas around a hesitation
    ('driving past, like, every night', 'he, um, followed me')."""
    out: set[int] = set()
    for i, t in enumerate(toks):
        if t.text == "," and 0 < i < len(toks) - 3 and toks[i - 1].kind != "punct" and toks[i + 1].lower in _HESITATIONS \
                and toks[i + 2].text == "," and toks[i + 3].kind != "punct":
            out.update((i, i + 2))
            continue
        if t.text not in _QUOTES or i == 0 or toks[i - 1].kind == "punct":
            continue
        for j in range(i + 2, min(i + 5, len(toks) - 1)):
            if toks[j].text in _QUOTES:
                if toks[j + 1].kind != "punct" and all(x.kind != "punct" for x in toks[i + 1:j]):
                    out.update((i, j))
                break
    return out


def _chunks(n: Normalized) -> list[list[str]]:
    """Words split at sentence punctuation (natural text) and at connectives and new subjects."""
    out: list[list[str]] = []
    cur: list[str] = []
    toks = n.tokens
    starts = n._cache.setdefault("sentence_starts", {0})  # chunks that begin a sentence (after . ! ?)
    inline = _inline_quotes(toks)
    for idx, t in enumerate(toks):
        if t.kind == "punct":
            if t.text in ".,;!?:—–\"“”" and cur and idx not in inline:
                out.append(cur)
                cur = []
            if t.text in ".!?":
                starts.add(len(out))
            continue
        w = t.lower
        prev = cur[-1] if cur else ""
        nxt = ""
        for t2 in toks[idx + 1:idx + 3]:
            if t2.kind != "punct":
                nxt = t2.lower
                break
        if w in CONNECTIVES and cur and not all(x in CONNECTIVES for x in cur) and not (
                w == "and" and len(cur) <= 3 and not any(_VERBISH.match(x) for x in cur)):
            out.append(cur)
            cur = [w]
            continue
        if (w in SPEAKER or w in OTHER) and cur and prev not in _NO_SPLIT_AFTER and prev not in CONNECTIVES \
                and prev not in FILLER and not REPORT.search(" ".join(cur[-2:])) and nxt and (
                    _VERBISH.match(nxt) or w.endswith(("'d", "'s", "'m", "'ve", "'re", "'ll")) or nxt in (
                        "just", "never", "kept", "still", "always", "then", "also", "didn't", "don't", "must")):
            out.append(cur)
            cur = []
        cur.append(w)
    if cur:
        out.append(cur)
    return out


def clauses(n: Normalized, doers: frozenset[str] = frozenset()) -> tuple[Clause, ...]:
    """The account's clauses, each with the role of its doer; cached on the Normalized. doers are the words naming
    the people the account is about, when known: a chunk naming one of them before any verb ("... and at twenty
    to six hamish orr, the nephew of a woman in my choir, climbed on after me") makes them the doer, and a verbless chunk right
    after their name renames them."""
    key = "clauses " + " ".join(sorted(doers)) if doers else "clauses"
    if key in n._cache:
        cached: tuple[Clause, ...] = n._cache[key]
        return cached
    out: list[Clause] = []
    role, gender = "other", None
    last_by: tuple[int, str | None] | None = None  # (clause index, gender) of the last bystander named
    reported_left = 0
    main: tuple[str, str | None] | None = None  # the doer of the last clause that was not subordinate
    chunks = _chunks(n)
    he = sum(w in ("he", "he'd", "he's", "he'll", "him", "his") for ch in chunks for w in ch)
    she = sum(w in ("she", "she'd", "she's", "she'll", "her") for ch in chunks for w in ch)
    other_gender = "m" if he > she else "f" if she > he else None
    for i, words in enumerate(chunks):
        body = words[1:] if words and words[0] in CONNECTIVES else words
        r, g = subject_role(body)
        lead = " ".join(words[:2])
        if words and words[0] == "which" or lead in ("where i", "that i"):
            r, g = "thing", None
        elif words and words[0] == "who" and i > 0 and BLAMED_BEFORE_WHO.search(" ".join(chunks[i - 1])):
            r, g = "other", None  # "I think it was Mark who keyed my car": the one blamed did it
        elif words and words[0] == "who" and i > 0:
            prev_np = chunks[i - 1][-4:]
            while prev_np and prev_np[0] not in ("a", "an", "the", "my", "this", "his", "her", "their", "our"):
                prev_np = prev_np[1:]
            r, g = subject_role(prev_np) if prev_np else (None, None)
            if r == "other" and out and out[-1].role == "other" and prev_np[:1] in (["a"], ["an"]):
                r = "bystander"
            if r is None:
                r = out[-1].role if out else "other"

        elif i > 0 and out and out[-1].role in ("other", "bystander") and _verbless(chunks[i - 1]) and stranger_does(body):
            r, g = out[-1].role, gender  # "a lanky lad | i'd never met sidled over": the stranger does the deed

        if r is None or r == "other" and body[:1] != ["he"] and body[:1] != ["she"]:
            r, g = _late_associate(body, r, g)
        if doers:
            r, g = _with_doers(body, r, g, chunks[i - 1] if i else [], out[-1].role if out else None, doers,
                               quoted=reported_left > 0)
        if r == "other" and g is not None and last_by is not None and i - last_by[0] <= 2 and (
                last_by[1] == g or last_by[1] is None and g != other_gender) and body and body[0] in ("he", "she", "he'd", "she'd", "he's", "she's"):
            r = "bystander"  # "my neighbour Gwilym said he heard ...": the pronoun is the bystander
        relative = bool(words) and words[0] == "which" or lead in ("where i", "that i")
        if i > 0 and out and i not in n._cache["sentence_starts"] and _apposition(body) and r != "associate" and not (
                out[-1].role == "speaker" and (words[0] in CONNECTIVES or any(w in doers for w in body))):
            # "Mr Dale, my old landlord, was waiting": a noun phrase or a name set off by commas inside a sentence
            # renames the doer before it (a name after "the attendant" is the attendant), so the doer carries on;
            # "..., Dan's sister, came up to me" is not a renaming but someone acting for the other person; nor is a
            # name or noun phrase after the speaker's own clause that "and" brings in or that names the account's
            # subject ("I was at the till, and Osric, my ex's mate, sat down"): a new doer, not the speaker renamed
            r, g = out[-1].role, gender
        if r is None and i > 0 and chunks[i - 1][:1] and chunks[i - 1][0] in SUBORDINATORS and main is not None:
            role, gender = main  # "he waited until I finished | and then tailed me": the main clause's doer
        elif r is None and role in ("speaker", "thing") and _done_to_me(body):
            r, g = "other", None  # "I was locking up | and grabbed me by the collar": nobody does that to themselves,
            # nor does the day or a thing ("it was the fair on Saturday ... | and grabbed me round the waist")
        if r is not None and not relative:  # "..., where I get the bus, just standing there": he is still the doer
            role, gender = r, g
        if not (words and words[0] in SUBORDINATORS):
            main = (role, gender)
        if role == "bystander":
            last_by = (i, gender if gender else (g if r else None))
        text = " ".join(words)
        reported = reported_left > 0
        # a relative clause is the "thing" its own subject is (r is set whenever relative is)
        out.append(Clause(text, r if relative and r is not None else role, reported))
        reported_left = max(0, reported_left - 1)
        if REPORT.search(text) or _SAYS.search(text):
            reported_left = 2
    res = tuple(out)
    n._cache[key] = res
    return res


def verbish(word: str) -> bool:
    """A word that may be a clause's verb: a finite verb or an -ed/-ing form."""
    return bool(_VERBISH.match(word)) or word in _FINITE


def _done_to_me(body: list[str]) -> bool:
    """A subjectless clause whose verb takes "me" straight after it ("rang me", "shoved me"): the speaker is its object,
    so it cannot go on with the speaker as doer."""
    k = 0
    while k < len(body) and body[k] in FILLER:
        k += 1
    return len(body) > k + 1 and verbish(body[k]) and body[k] not in _FINITE - _DEEDS and body[k + 1] == "me"


_DEEDS = frozenset("got gets came come went said says told saw seen heard kept keeps left put took made gave rang sent knew".split())
"""Finite verbs that are deeds done to someone ("rang me", "told me"), unlike auxiliaries ("was me", "had me")."""


STRANGER = (r"(?:i|i'd|i've|we|we'd|we've)(?: (?:had|have))? (?:don't|didn't|do not|did not|never)(?: even| ever)? "
            r"(?:know|knew|recognise|recognize|recognised|recognized|seen|met)(?: (?:him|her|them|before|at all|from adam|"
            r"his name|her name|their name|either|anyway))*")
"""Words that only say the doer is a stranger: "(a chap) I never met", "(some girl) I didn't recognise"."""
_STRANGER_DOES = re.compile("^" + STRANGER + r" ([a-z']+)")
_NOT_A_DEED = frozenset("why what where how if who when whether that the a an it this his her".split())


def stranger_does(body: list[str]) -> bool:
    """A chunk that opens with :data:`STRANGER` and goes straight on to a verb: the deed of the stranger named
    before it ("some girl | i didn't recognise trailed me"), not the speaker's."""
    m = _STRANGER_DOES.match(" ".join(body))
    return m is not None and m.group(1) not in _NOT_A_DEED and verbish(m.group(1))


def _verbless(words: list[str]) -> bool:
    return not any(verbish(w) for w in words)


def _late_associate(body: list[str], r: str | None, g: str | None) -> tuple[str | None, str | None]:
    """ "by the lockers tomas's aunt | ilse | marched over to me": someone's relation named after an opening phrase,
    before any verb, is the chunk's doer."""
    for k, w in enumerate(body[:-1]):
        if verbish(w):
            break
        if w.endswith("'s") and len(w) > 3 and w not in OTHER and body[k + 1] in BYSTANDER_NOUNS and k > 0:
            relation = body[k + 1]
            return "associate", "f" if relation in FEMALE else "m" if relation in MALE else None
    return r, g


def _with_doers(body: list[str], r: str | None, g: str | None, before: list[str], last: str | None,
                doers: frozenset[str], *, quoted: bool = False) -> tuple[str | None, str | None]:
    """The chunk's doer given the words that name the account's subject (see :func:`clauses`)."""
    lead: list[str] = []
    for w in body:
        if _VERBISH.match(w) or w in _FINITE:
            break
        lead.append(w)
    if r == "associate":
        return r, g  # "tomas's aunt ilse": someone acting for the other person, whoever who.py named
    if any(w in doers for w in lead) and r != "speaker":
        return "other", g
    if lead == body and any(w in doers for w in body):
        return "other", g  # "and at ten to six hamish orr": the subject named at the end of an opening
    if before and before[-1] in doers and _verbless(body) and last == "other" and body[:1] != ["my"]:
        return "other", g  # "hamish orr | the nephew of a woman in my choir |": a renaming, however long
    if r == "other" and lead and not quoted and not any(w in doers for w in lead) and (
            lead[0] in TITLES and len(lead) > 1 or _someones_name(lead[0])):
        return "bystander", g  # "mrs quint leaned out and yelled for help": someone else named
    if before and len(before) <= 3 and _verbless(before) and last == "bystander" and _verbless(body) and not quoted \
            and body[:1] not in (["my"], ["our"]) and not any(w in doers for w in body):
        return "bystander", g  # "ottilie | the other cashier | told me a van was idling": renaming someone else
    return r, g


_CONTRACTED = frozenset("""i you he she they we who what that there it this one nobody somebody someone everyone everybody
anyone anybody y ya yall""".split())
"""Words whose contracted forms ("it'd", "that'll", "you'll", "who'd") no dictionary lists but that name no one."""


def contracted(word: str) -> bool:
    """A pronoun or a small word with a contraction ("it'll be a pity", "that'll teach you"): no one's name."""
    return "'" in word and word.split("'")[0] in _CONTRACTED


def _someones_name(word: str) -> bool:
    """A first name, or a word no dictionary knows, that is not a pronoun or a small word."""
    from voicelog.extract.names import any_first_names, ordinary

    return not contracted(word) and word not in OTHER and word not in SPEAKER and word not in FILLER and word not in CONNECTIVES and (
        word in any_first_names() or not ordinary(word)) and not word[:1].isdigit()
