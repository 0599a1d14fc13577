"""Which mentions of an account are one person: who.py's merge asks these before it lists anyone twice.

A title and surname and the full name ("Dr Ossery", "Dr Amaka Ossery"), a short or pet form and the full first name
("Benny", "Benedict Arliss"), and a name said again as another with "that's" ("Tadhg, that's Timothy Breen").
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract.mentions import Found, lowered
from voicelog.extract.names import TITLES
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

__all__ = ["SHORT_FORM", "THAT_IS", "TITLED_FIRST", "restated_as", "same_surname", "short_form", "shortens",
           "titled_first", "IN_FULL", "said_in_full"]

SHORT_FORM = rule("people.short-form-once", "a short or pet form of a first name and the full name said in the "
                  "same account are one person, by the full name ('Benny ... Benedict Arliss', 'Robbie ... Robert')",
                  said("Robbie sent it. Robbie is my cousin's ex, Robert Tunstall.", "Robert Tunstall (subject)"),
                  said("Benny rang me six times last night. Benedict Varghese never gives up.", "Benedict Varghese (subject)"),
                  said("Rob sent it, and Robert Quayle saw him post it.", "Robert Quayle (subject)"))
THAT_IS = rule("people.that-is-once", "a name said again as another with 'that's' or 'I mean' ('Tadhg, that's "
               "Timothy Breen') is one person, by the second name",
               said("Yesterday Tadhg, that's Timothy Breen, followed me to the car.", "Timothy Breen (subject)"),
               said("It was Dave, that's Kev's brother, who followed me to the car.", "Dave (subject), Kev (other)",
                    fires=False))

TITLED_FIRST = rule("people.titled-first-name-once", "a first name said alone and a title with that first name and a "
                    "surname ('my boss, Ms Odile Varga ... Odile said') are one person, by the full name",
                    said("My manager, Ms Odile Varga, saw it. Later Odile rang the police.", "Ms Odile Varga (witness)"),
                    said("Mrs Odile Varga saw it. Odile Brandt pushed me.", "Mrs Odile Varga (witness), Odile Brandt (subject)",
                         fires=False))


def titled_first(a: str, b: str) -> bool:
    """TITLED_FIRST: 'a' is a title, a first name and a surname, 'b' that first name alone ('ms odile varga' and
    'odile')."""
    wa, wb = a.split(), b.split()
    return len(wa) >= 3 and wa[0] in TITLES and len(wb) == 1 and wa[1] == wb[0]


def same_surname(a: str, b: str) -> bool:
    """'mr varga' and 'quentin varga': a title and surname, and a full name with that surname;
    'dr danquah' and 'danquah': a title and surname, and the surname alone; 'dr danquah' and 'dr kemi danquah':
    the same title before the surname and before the full name (never 'mr X' and 'mrs X')."""
    wa, wb = a.split(), b.split()
    ta, tb = len(wa) > 1 and wa[0] in TITLES, len(wb) > 1 and wb[0] in TITLES
    if not ta or ta and tb and wa[0] != wb[0]:
        return False
    if len(wa) == 2 and len(wb) == 1:
        return wa[1] == wb[0]
    return len(wa) == 2 and len(wb) - tb >= 2 and wa[-1] == wb[-1] and len(wb) <= 3


def shortens(short: str, full: str) -> bool:
    """'rob' and 'robert', 'benny' and 'benedict': the start of the longer first name, or a
    pet form ending -ie/-y that shares its first three letters (never the same name, never one of two letters)."""
    if short == full or len(short) < 3:
        return False
    if full.startswith(short):
        return True
    return len(short) >= 4 and short[:3] == full[:3] and short.endswith(("ie", "y")) and not full.endswith(("ie", "y"))


def short_form(a: str, b: str) -> bool:
    """SHORT_FORM: 'a' is one untitled word, a short or pet form of the first name of 'b' ('benny' and 'benedict
    arliss', 'robbie' and 'robert')."""
    wa, wb = a.split(), b.split()
    if len(wa) != 1 or len(wb) > 1 and wb[0] in TITLES:
        return False
    return shortens(wa[0], wb[0]) and (len(wb) > 1 or len(wb[0]) > len(wa[0]))


_THAT_IS = (("that's",), ("thats",), ("that", "is"), ("i", "mean"))
"""Words that say the name after them is the name before, said again ('Tadhg, that's Timothy')."""


def restated_as(n: Normalized, before: Sequence[Found], f: Found) -> bool:
    """THAT_IS: f comes right after a mention of 'before' and 'that's' or 'I mean' ('Tadhg, that's Timothy Breen',
    'Miss Dot, that's Dorothy Amis'), and is no one's possessive ('Dave, that's Kev's brother')."""
    lower = lowered(n)
    if n.words[f.j - 1].lower.endswith("'s") or f.registered:
        return False
    return any(f.i - g.j in (1, 2) and tuple(lower[g.j:f.i]) in _THAT_IS and not n.punct_after(f.i - 1)
               for g in before)


IN_FULL = rule("people.nickname-then-full-name", "a one-word name said right before a full name that starts with the "
               "same two letters or ends with that word ('Jonno, Jonathan Carlow', 'Grant, Marcus Grant') is one person, "
               "by the full name",
               said("Yesterday Jonno, Jonathan Carlow, followed me to the car.", "Jonathan Carlow (subject)"),
               said("The porter said he gave the name Grant, Marcus Grant, at the desk.", "Marcus Grant (subject)"),
               said("yesterday harrison harry carlow followed me to the car", "Harry Carlow (subject)"),
               said("Yesterday Dora, Marcus Quill and I went to the car.", "Dora (subject), Marcus Quill (witness)",
                    fires=False))


def said_in_full(n: Normalized, before: Sequence[Found], f: Found) -> bool:
    """IN_FULL: f, a first name and surname, comes right after a one-word mention in 'before' (with a comma between in
    cased text), which is its first name's start ('jonno' and 'jonathan') or its surname ('Grant, Marcus Grant')."""
    words = f.name.lower().split()
    if len(words) < 2 or words[0] in TITLES or f.registered or n.words[f.j - 1].lower.endswith("'s"):
        return False
    cased = any(w.text[:1].isupper() for w in n.words)
    for g in before:
        one = g.name.lower().split()
        if len(one) != 1 or g.registered or g.j != f.i or (n.punct_after(g.j - 1) != "," if cased else False):
            continue
        if not n.punct_after(f.j - 1) and f.j < len(n.words) and lowered(n)[f.j] in ("and", "&"):
            continue  # "Dora, Marcus Quill and I": a list of people
        if one[0] != words[0] and (one[0][:2] == words[0][:2] and len(one[0]) >= 2 or one[0] == words[-1]):
            return True
    return False
