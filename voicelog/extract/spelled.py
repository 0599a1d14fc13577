"""Codes read out character by character: number plates, postcodes, phone numbers.

People read a code as letters ("L K"), letter names ("aitch", "zed"), the
phonetic alphabet ("Lima Kilo", "X-ray"), digits as words ("one nine", "oh",
"double seven", "nineteen") or as written ("LK19", "07700"). :func:`read_code`
takes such a run of words and gives back its characters; the plate, postcode
and phone readers decide what shape a code must have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from voicelog.extract.digits import TENS, UNITS

NATO = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
    "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
    "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
    "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X",
    "yankee": "Y", "zulu": "Z",
}
"""The phonetic alphabet as people say it (a spelling or two each)."""

LETTER_NAMES = {
    "aitch": "H", "haitch": "H", "bee": "B", "cee": "C", "see": "C", "dee": "D", "ee": "E", "eff": "F",
    "gee": "G", "jay": "J", "kay": "K", "el": "L", "ell": "L", "em": "M", "en": "N", "pee": "P", "queue": "Q",
    "cue": "Q", "ar": "R", "are": "R", "ess": "S", "tee": "T", "you": "U", "vee": "V", "double-u": "W",
    "ex": "X", "why": "Y", "zed": "Z", "zee": "Z",
}
"""Letters said by their names, as a recogniser writes them."""

ZEROES = {"oh": "0", "o": "0", "nought": "0", "nil": "0", "zero": "0"}
"""Ways of saying the digit 0."""

_WORD_RX = re.compile(r"[^\W_]+(?:['’\x00][^\W_]+)*|\+")
# What read_code tries on every word, compiled once.
_DIGITS, _ONE_DIGIT = re.compile(r"[0-9]+"), re.compile(r"[0-9]")
_WITH_DIGIT, _CAPITALS = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*"), re.compile(r"[A-Z]{2,3}")


@dataclass(frozen=True)
class Spoken:
    """An account split into the words it was said in (no normalising: "one oh one" stays three words)."""

    original: str
    """The account as given."""
    lower: tuple[str, ...]
    """Each word in lower case."""
    said: tuple[str, ...]
    """Each word as written."""
    spans: tuple[tuple[int, int], ...]
    """Where each word is in :attr:`original`."""

    def source(self, i: int, j: int) -> str:
        """The original words ``i`` to ``j - 1``."""
        return self.original[self.spans[i][0]:self.spans[j - 1][1]] if i < j else ""

    def sentence_of(self, i: int) -> tuple[int, int]:
        """The word range of the sentence holding word ``i`` (ended by ``.``, ``!`` or ``?``)."""
        start, end = i, i + 1
        while start > 0 and not _ends_sentence(self.original[self.spans[start - 1][1]:self.spans[start][0]]):
            start -= 1
        while end < len(self.spans) and not _ends_sentence(self.original[self.spans[end - 1][1]:self.spans[end][0]]):
            end += 1
        return start, end


def _ends_sentence(gap: str) -> bool:
    return any(c in gap for c in ".!?")


@lru_cache(maxsize=4)
def spoken(text: str) -> Spoken:
    """``text`` split into words ("x-ray" and "double-u" kept whole); the four police-log readers split the same
    account, so the last few are kept."""
    # a placeholder keeps "x-ray" one word for the word pattern; the hyphen is put back in what is shown
    held = re.sub(r"\b(?:x|double)-(?:ray|u)\b", lambda m: m.group(0).replace("-", "\x00"), text, flags=re.I)
    matches = list(_WORD_RX.finditer(held))
    said = tuple(m.group(0).replace("\x00", "-") for m in matches)
    return Spoken(text, tuple(w.lower().replace("’", "'") for w in said), said,
                  tuple((m.start(), m.end()) for m in matches))


def _digit(word: str) -> str | None:
    if word in ZEROES:
        return ZEROES[word]
    if word in UNITS and UNITS[word] < 10:
        return str(UNITS[word])
    return None


def read_code(words: tuple[str, ...], said: tuple[str, ...], k: int, *, letters: bool = True,
              max_chars: int = 16) -> tuple[str, int]:
    """The characters of a code read out from ``words[k]`` on (upper case), and the index after it.

    ``said`` is the same words as written (a written ``LK19`` or an upper-case ``ABC`` counts as letters even in
    a lower-case word list). With ``letters`` False only digits are read (a phone number).
    """
    out: list[str] = []
    start = k
    while k < len(words) and len(out) < max_chars:
        w, s = words[k], said[k]
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if _DIGITS.fullmatch(w):
            out.append(w)
        elif letters and _WITH_DIGIT.fullmatch(w):
            out.append(w.upper())  # written as one: "LK19", "19ABC"
        elif letters and _CAPITALS.fullmatch(s) and (out or k + 1 < len(words)):
            out.append(s)  # written in capitals: "ABC"
        elif w in ("double", "triple") and (_digit(nxt) or _ONE_DIGIT.fullmatch(nxt) or letters and (
                nxt in NATO or len(nxt) == 1 and nxt.isalpha() or nxt in LETTER_NAMES)):
            ch = _digit(nxt) or (nxt if nxt.isdigit() else NATO.get(nxt) or LETTER_NAMES.get(nxt) or nxt.upper())
            out.append(ch * (2 if w == "double" else 3))
            k += 1
        elif (d := _digit(w)) is not None and (w not in ("o", "oh") or out or _digit(nxt) or nxt.isdigit()):
            out.append(d)
        elif w in UNITS:
            out.append(str(UNITS[w]))  # "nineteen"
        elif w in TENS:
            value = TENS[w]
            if nxt in UNITS and 1 <= UNITS[nxt] <= 9:
                value += UNITS[nxt]
                k += 1
            out.append(str(value))
        elif letters and w == "x" and nxt == "ray":  # "X-ray" with its hyphen dropped
            out.append("X")
            k += 1
        elif letters and w in NATO:
            out.append(NATO[w])
        elif letters and out and w in LETTER_NAMES:
            out.append(LETTER_NAMES[w])
        elif letters and len(w) == 1 and w.isalpha() and (w not in ("a", "i") or out and _continues(words, k + 1)):
            out.append(w.upper())
        else:
            break
        k += 1
    if not out:
        return "", start
    return "".join(out), k


def _continues(words: tuple[str, ...], k: int) -> bool:
    """Whether the word at ``k`` goes on reading a code (so a lone "a" or "i" before it is a letter)."""
    if k >= len(words):
        return False
    w = words[k]
    return bool(_DIGITS.fullmatch(w)) or w in NATO or _digit(w) is not None or len(w) == 1 and w.isalpha()


@dataclass(frozen=True)
class Found:
    """One value a police-log field reader found (vehicle, address, contact, reported), with its provenance."""

    text: str
    """The value to store, written compactly ("silver Ford Focus, registration LK19 ABC")."""
    source: str
    """The spoken words it came from."""
    rule: str
    """The name of the rule that read it (:mod:`voicelog.extract.rules`)."""
    start: int = 0
    """Index of its first word in the :class:`Spoken` words, to order and join values."""


def unique(found: list[Found]) -> tuple[Found, ...]:
    """``found`` in the order said, each value once (case ignored)."""
    seen: set[str] = set()
    out = []
    for f in sorted(found, key=lambda f: f.start):
        if f.text.lower() not in seen:
            seen.add(f.text.lower())
            out.append(f)
    return tuple(out)
