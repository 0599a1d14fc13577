"""A witness's contact details said in an account: a phone number or an email address.

"My neighbour Ruth Okafor saw it all, her number is oh seven seven double oh
nine double oh one two three" gives ``Ruth Okafor: 07700 900123``. A number is
read digit by digit as said ("oh", "double seven", written digits) and kept
when it is 10 to 13 digits long; an email is read as written or as said
("ruth dot okafor at example dot com"). Only details said about a witness
count: a witness named in the same sentence or the one before (the name is
put first), or a witness word there ("witness", "saw", "a passer-by", "gave me her number": the
person named in that sentence is put first, if any). A
number the other person called or texted from is not a witness's and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.spelled import Found, Spoken, read_code, spoken, unique

NAMED = rule(
    "contact.witness-named", "a phone number or email said near a witness the account names, put after their name",
    said("My neighbour Ruth Okafor saw it all. Her number is oh seven seven double oh nine double oh one two three.",
         "Ruth Okafor: 07700 900123"),
    said("Dev Ranganathan was with me and saw him, his email is dev dot r at example dot com",
         "Dev Ranganathan: dev.r@example.com"),
)
CUED = rule(
    "contact.witness-cue", "a phone number or email said where the account speaks of a witness, with no name",
    said("A man at the bus stop watched the whole thing and left me his number, 07700 900456.", "witness: 07700 900456"),
    said("He rang me from 07700 900789 and a passer-by saw him shouting.", None, fires=False),
    said("My neighbour Imelda gave me her number, 07700 900444, in case the police need her.",
         "Imelda: 07700 900444"),
)

WITNESS_WORDS = re.compile(
    r"\b(?:witness(?:es|ed)?|saw|seen|heard|watched|passer-?by|passers-?by|bystanders?|onlookers?|"
    r"(?:gave|give|left|took|got) (?:me |us )?(?:her|his|their) (?:number|details|email|phone number|contact details))\b")
"""Words that say someone saw or heard it, or left their details."""
NOT_A_WITNESS = re.compile(
    r"\b(?:(?:called|rang|phoned|texted|messaged|whatsapped|emailed|contacted) (?:me|us)|withheld|blocked|"
    r"(?:a|his|her|their|another) new (?:number|email)|burner)\b")
"""Words that make a number or an address in their sentence the other person's, not a witness's."""
FROM_BEFORE = re.compile(r"\bfrom(?: \S+){0,3}$")
"""A number said after "from" ("from 07700 ...", "from the number ...") is where a call or message came from."""
SPOKEN_EMAIL = re.compile(
    r"\b((?:[a-z0-9]+ (?:dot|underscore|dash|hyphen) )*[a-z0-9]+) at "
    r"((?:[a-z0-9]+ dot )+(?:com|org|net|co dot uk|uk|ie|io|edu|gov|me|info|ac dot uk|org dot uk))\b")
WRITTEN_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_contacts(n: Normalized, witnesses: Sequence[tuple[str, str]] = (),
                  others: Sequence[tuple[str, str]] = ()) -> tuple[Found, ...]:
    """Phone numbers and emails said about a witness; ``witnesses`` are the witnesses found, as (name, words said),
    and ``others`` the people named in no part, who are named with a number said where a witness word is."""
    s = spoken(n.original)
    out: list[Found] = []
    for value, start, end in [*_numbers(s), *_emails(s)]:
        first, last = s.sentence_of(start)
        if NOT_A_WITNESS.search(" ".join(s.lower[first:last])) or FROM_BEFORE.search(" ".join(s.lower[first:start])):
            continue
        before = s.sentence_of(first - 1)[0] if first > 0 else first
        near = s.source(before, last)
        name = next((w for w, words in witnesses if _named(near, w, words)), None)
        if name is not None:
            out.append(Found(f"{name}: {value}", s.source(start, end), NAMED, start))
        elif WITNESS_WORDS.search(" ".join(s.lower[before:last])):
            own = s.source(first, last)
            name = next((w for w, words in others if _named(own, w, words)), "witness")
            out.append(Found(f"{name}: {value}", s.source(start, end), CUED, start))
    return unique(out)


def _named(near: str, name: str, words: str) -> bool:
    """Whether the witness called ``name`` (said as ``words``) is named in the text ``near``."""
    lower = near.lower()
    return any(re.search(rf"\b{re.escape(part.lower())}\b", lower) for part in (words, name, name.split()[0]) if part)


def phone_text(digits: str) -> str:
    """A phone number grouped as written: UK ``07700 900123``, ``+44 7700 900123``, North American ``555 014 0123``."""
    if digits.startswith("+"):
        rest = digits[1:]
        if rest.startswith("44") and len(rest) == 12:
            return f"+44 {rest[2:6]} {rest[6:]}"
        return digits
    if len(digits) == 11 and digits.startswith("0"):
        return f"{digits[:5]} {digits[5:]}"
    if len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return digits


def _numbers(s: Spoken) -> list[tuple[str, int, int]]:
    out = []
    k = 0
    while k < len(s.lower):
        plus = s.lower[k] in ("+", "plus")
        code, end = read_code(s.lower, s.said, k + 1 if plus else k, letters=False)
        if 10 <= len(code) <= 13 and code.isdigit() and not _glued_to_letters(s, k, end):
            out.append((phone_text(("+" if plus else "") + code), k, end))
            k = end
        else:
            k += 1
    return out


def _glued_to_letters(s: Spoken, k: int, end: int) -> bool:
    """A run of digits that is part of a reference or a plate ("AB 1234567890") is not a phone number."""
    return k > 0 and len(s.lower[k - 1]) <= 3 and s.said[k - 1].isupper() and s.said[k - 1].isalpha()


def _emails(s: Spoken) -> list[tuple[str, int, int]]:
    out = []
    for m in WRITTEN_EMAIL.finditer(s.original):
        at = next((i for i, (a, b) in enumerate(s.spans) if a <= m.start() < b), None)
        last = next((i for i, (a, b) in enumerate(s.spans) if a < m.end() <= b), at)
        if at is not None and last is not None:
            out.append((m.group(0).rstrip("."), at, last + 1))
    text = " ".join(s.lower)
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    for m in SPOKEN_EMAIL.finditer(text):
        at, last = starts.index(m.start()), len(text[:m.end()].split())
        local = re.sub(r" (dot|underscore|dash|hyphen) ", lambda d: {"dot": ".", "underscore": "_"}.get(
            d.group(1), "-"), m.group(1))
        domain = m.group(2).replace(" dot ", ".")
        out.append((f"{local}@{domain}".replace(" ", ""), at, last))
    return out
