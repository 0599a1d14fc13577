"""A full address said in an account: flat, house number, street, town and postcode.

"fourteen Kings Road" gives ``14 Kings Road``; "flat 2, number 9 Cedar Close,
Thornbury, B S sixteen four Q Z" gives ``Flat 2, 9 Cedar Close, Thornbury,
BS16 4QZ``. A house number (in words or digits, after "number" or not) and a
street word (``vocab/where_streets.txt``) make an address; a town and a
postcode said right after it are added. A postcode said on its own is an
address too. The place of the incident (``location``) is read elsewhere: this
is the address a police log asks for.
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.digits import TENS, UNITS
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.spelled import Found, Spoken, read_code, spoken, unique

HOUSE_STREET = rule(
    "address.house-street", "a house number and a street (with a flat, a town and a postcode said with them)",
    said("He turned up at fourteen Kings Road again last night.", "14 Kings Road"),
    said("she left a note on the car outside number 9 Cedar Close, Thornbury.", "9 Cedar Close, Thornbury"),
    said("i live at flat two forty three wenlock gardens", "Flat 2, 43 Wenlock Gardens"),
    said("He was waiting at 1420 Maple Avenue, Springfield.", "1420 Maple Avenue, Springfield"),
)
POSTCODE = rule(
    "address.postcode", "a UK postcode read out or written, joined to the address before it or on its own",
    said("It was outside 6 Ferndale Road, Kettlebury, postcode K T nine three Q Z.",
         "6 Ferndale Road, Kettlebury, KT9 3QZ"),
    said("The flat is at postcode Echo Hotel four seven Romeo Whiskey.", "EH4 7RW"),
    said("He was parked by the shops, BN3 5UX, for an hour.", "BN3 5UX"),
)

NUMBER_CUES = frozenset("number no".split())
"""Words said before a house number ("number 9")."""
FLAT_WORDS = frozenset("flat apartment apt unit".split())
"""Words for a flat within a building ("flat 2")."""
POSTCODE_CUES = (("post", "code"), ("postcode",), ("zip", "code"), ("zip",), ("zipcode",))
"""The words a postcode or ZIP code follows."""
STOP = frozenset("""
a an the and but or to from at on in of by for with into onto past near outside opposite behind his her their my
our your its he she they i we you it was is were be been this that then when while who which just again all as
so up down over off out back there here where every each some any one
""".split())
"""Words that cannot be part of a street's name."""
POSTCODE_RX = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
"""A UK postcode's characters, without its space."""
WRITTEN_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")


def find_addresses(n: Normalized) -> tuple[Found, ...]:
    """Each address said: a house number and street (flat, town, postcode with it), or a postcode alone."""
    s = spoken(n.original)
    streets = vocab.words("where_streets")
    cased = any(c.isupper() for c in s.original)
    out: list[Found] = []
    taken: set[int] = set()
    i = 0
    while i < len(s.lower):
        got = _address_at(s, i, streets, cased)
        if got is None:
            i += 1
            continue
        found, end = got
        out.append(found)
        taken.update(range(i, end))
        i = end
    said = set(s.lower)
    if not (any(cue[0] in said for cue in POSTCODE_CUES) or WRITTEN_POSTCODE.search(s.original)):
        return unique(out)  # a postcode is found only after its cue or written as one (_postcode_at)
    for k in range(len(s.lower)):
        if k in taken:
            continue
        code = _postcode_at(s, k)
        if code is not None:
            out.append(Found(code[0], s.source(k, code[1]), POSTCODE, k))
            taken.update(range(k, code[1]))
    return unique(out)


_HOUSE_DIGITS = re.compile(r"[0-9]{1,5}[a-z]?")
"""A house number in digits, with a letter or not ("14", "14a")."""


def _number_at(s: Spoken, i: int) -> tuple[str, int] | None:
    """A house number from word ``i`` ("14", "14a", "fourteen", "twenty three"), and the index after it."""
    if i >= len(s.lower):
        return None
    w = s.lower[i]
    if _HOUSE_DIGITS.fullmatch(w):
        return w.upper() if w[-1].isalpha() else w, i + 1
    value, k = 0, i
    if k < len(s.lower) and s.lower[k] in UNITS and k + 1 < len(s.lower) and s.lower[k + 1] == "hundred":
        value, k = UNITS[s.lower[k]] * 100, k + 2
        if k < len(s.lower) and s.lower[k] == "and":
            k += 1
    if k < len(s.lower) and s.lower[k] in TENS:
        value += TENS[s.lower[k]]
        k += 1
        if k < len(s.lower) and s.lower[k] in UNITS and 1 <= UNITS[s.lower[k]] <= 9:
            value += UNITS[s.lower[k]]
            k += 1
    elif k < len(s.lower) and s.lower[k] in UNITS and UNITS[s.lower[k]] > 0:
        value += UNITS[s.lower[k]]
        k += 1
    return (str(value), k) if value else None


def _title(words: tuple[str, ...]) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _address_at(s: Spoken, i: int, streets: frozenset[str], cased: bool) -> tuple[Found, int] | None:
    """An address starting at word ``i`` (a flat, a number cue or the house number), and the index after it."""
    start = k = i
    flat = ""
    if s.lower[k] in FLAT_WORDS and (got := _number_at(s, k + 1)):
        flat, k = f"Flat {got[0]}", got[1]
        if k < len(s.lower) and s.lower[k] in ("at", "of"):
            k += 1
    if k < len(s.lower) and s.lower[k] in NUMBER_CUES:
        k += 1
    house = _number_at(s, k)
    if house is None:
        return None
    number, k = house
    name_start = k
    while k < len(s.lower) and k - name_start < 4 and s.lower[k] not in STOP and s.lower[k].isalpha() \
            and (not cased or s.said[k][:1].isupper()):
        if s.lower[k] in streets and k > name_start:
            break
        k += 1
    if not (name_start < k < len(s.lower) and s.lower[k] in streets and (not cased or s.said[k][:1].isupper())):
        return None
    if re.search(r"[.,;:!?]", s.original[s.spans[name_start - 1][1]:s.spans[k][0]]):
        return None  # the number and the street are in different phrases
    end = k + 1
    parts = [p for p in (flat, f"{number} {_title(s.said[name_start:end])}") if p]
    if cased and end < len(s.lower) and s.said[end][:1].isupper() and s.lower[end] not in STOP \
            and not _postcode_at(s, end) and not (s.sentence_of(end)[0] == end):
        town_end = end + 1
        if town_end < len(s.lower) and s.said[town_end][:1].isupper() and s.lower[town_end] not in STOP \
                and not _postcode_at(s, town_end) and not re.search(r"[.,;:!?]", s.original[
                    s.spans[end][1]:s.spans[town_end][0]]):
            town_end += 1
        parts.append(" ".join(s.said[end:town_end]))
        end = town_end
    elif not cased and end + 1 < len(s.lower) and s.lower[end] not in STOP and s.lower[end].isalpha() \
            and _postcode_at(s, end + 1) is not None:
        parts.append(_title(s.said[end:end + 1]))  # in lower-case words a town is known by the postcode after it
        end += 1
    code = _postcode_at(s, end)
    if code is not None:
        parts.append(code[0])
        end = code[1]
    rules = HOUSE_STREET + (f"; {POSTCODE}" if code is not None else "")
    return Found(", ".join(parts), s.source(start, end), rules, start), end


def _postcode_at(s: Spoken, k: int) -> tuple[str, int] | None:
    """A postcode (after its cue or not) from word ``k``, written with its space, and the index after it."""
    if k >= len(s.lower):
        return None
    cue = next((c for c in POSTCODE_CUES if tuple(s.lower[k:k + len(c)]) == c), None)
    at = k + len(cue) if cue else k
    while cue and at < len(s.lower) and s.lower[at] in ("is", "was", "of", "it's"):
        at += 1
    code, end = read_code(s.lower, s.said, at)
    if cue and cue[0].startswith("zip") and re.fullmatch(r"[0-9]{5}", code):
        return code, end
    # the longest start of what was read that is a postcode (a word after it may have been read as a letter)
    for size in range(min(len(code), 7), 4, -1):
        if POSTCODE_RX.fullmatch(code[:size]):
            used = _words_for(s, at, end, size)
            if used is not None and (cue or _written_as_postcode(s, at, used)):
                return f"{code[:size - 3]} {code[size - 3:size]}", used
    return None


def _words_for(s: Spoken, at: int, end: int, size: int) -> int | None:
    """The index after the words that read the first ``size`` characters, when they end on a word."""
    for stop in range(at + 1, end + 1):
        part, after = read_code(s.lower[:stop], s.said[:stop], at)
        if len(part) == size and after == stop:
            return stop
        if len(part) > size:
            return None
    return None


def _written_as_postcode(s: Spoken, at: int, end: int) -> bool:
    """Without a cue, only a postcode written as one ("BN3 5UX") counts: letters read out could be anything."""
    return bool(WRITTEN_POSTCODE.fullmatch(s.source(at, end)))
