"""Police details said in an account: reference numbers, officers, collar numbers.

References are read digit by digit as people say them ("crime reference one
two three four five six", "double four", "oh"), with spelled letters, and
written back compactly: "crime reference 123456". Officers keep their rank:
"PC Sarah Prothero", "DC Bhattacharya".
"""

from __future__ import annotations

import re

from voicelog.extract.digits import TENS, UNITS
from voicelog.extract.impact import Detail
from voicelog.extract.normalize import Normalized

# cue (as said, lower case) -> label written before the number
REF_CUES = (
    (r"crime (?:reference|ref|number|reference number|ref number|no)", "crime reference"),
    (r"(?:incident|log|occurrence|cad|case) (?:reference|ref|number|no|reference number|ref number)", None),
    (r"(?:police )?(?:reference|ref) (?:number|no)|reference|ref", "reference"),
    (r"(?:collar|badge|shoulder|warrant) (?:number|no)|collar", None),
)
REF_RX = re.compile(
    r"\b(?P<cue>" + "|".join(rx for rx, _ in REF_CUES) + r")(?: (?:is|was|it's|its|number|of|for it|:))*\b"
)
RANKS = {  # as said -> as written: the rank said is kept ("Sgt Attwood", "Sergeant Attwood")
    "pc": "PC", "p c": "PC", "police constable": "PC", "constable": "PC", "wpc": "WPC",
    "pcso": "PCSO", "p c s o": "PCSO", "dc": "DC", "d c": "DC", "detective constable": "DC",
    "ds": "DS", "d s": "DS", "detective sergeant": "DS", "sergeant": "Sergeant", "sgt": "Sgt",
    "di": "DI", "detective inspector": "DI", "inspector": "Inspector", "detective": "Detective",
    "officer": "Officer", "garda": "Garda", "trooper": "Trooper",
}
RANK_RX = re.compile(
    r"\b(?P<rank>" + "|".join(sorted((re.escape(r) for r in RANKS), key=len, reverse=True))
    + r")(?: (?:called|named|who was called|by the name of))? (?=\S)"
)
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# how letters are said when spelt out
SPOKEN_LETTERS = {"aitch": "h", "ay": "a", "bee": "b", "cee": "c", "dee": "d", "double you": "w", "ex": "x",
                  "why": "y", "zed": "z", "zee": "z", "kay": "k", "jay": "j", "pee": "p", "queue": "q",
                  "tee": "t", "vee": "v", "gee": "g", "are": "r", "oh": "0", "o": "0", "nought": "0", "nil": "0"}
DIGIT_WORDS = {**{k: v for k, v in UNITS.items() if v < 10}, "oh": 0, "o": 0, "nought": 0, "nil": 0, "zero": 0}
STOP_NAME = frozenset("""
said says told was is came who and the a an at on in from to with he she they it i came come has had have
would will could should did does took takes gave give rang called phoned emailed asked arrived turned
""".split())


def _code_after(words: list[str], k: int) -> tuple[str, int]:
    """A spoken reference starting at words[k]: its compact form and the index after it."""
    out: list[str] = []
    start = k
    digits = 0
    while k < len(words):
        w = words[k]
        if re.fullmatch(r"[0-9]+(?:[/-][0-9]+)*", w) or re.fullmatch(r"[a-z]{1,3}[0-9]+[a-z0-9/-]*", w):
            out.append(w.upper())
            digits += sum(c.isdigit() for c in w)
            k += 1
        elif w in ("double", "triple") and k + 1 < len(words) and (
                words[k + 1] in DIGIT_WORDS or re.fullmatch(r"[0-9]", words[k + 1]) or words[k + 1] in LETTERS):
            nxt = words[k + 1]
            ch = str(DIGIT_WORDS[nxt]) if nxt in DIGIT_WORDS else nxt.upper()
            out.append(ch * (2 if w == "double" else 3))
            digits += 2 if ch.isdigit() else 0
            k += 2
        elif w in TENS:
            v = TENS[w]
            if k + 1 < len(words) and words[k + 1] in UNITS and 1 <= UNITS[words[k + 1]] <= 9:
                v += UNITS[words[k + 1]]
                k += 1
            out.append(str(v))
            digits += 2
            k += 1
        elif w in UNITS:
            out.append(str(UNITS[w]))
            digits += len(str(UNITS[w]))
            k += 1
        elif w in ("hundred",) and out:
            out.append("00")
            digits += 2
            k += 1
        elif w in DIGIT_WORDS and out:
            out.append("0")
            digits += 1
            k += 1
        elif len(w) == 1 and w in LETTERS and w not in ("a", "i") or (w in ("a",) and k + 1 < len(words)
                                                                       and _is_code_word(words[k + 1])) or (
                not out and 2 <= len(w) <= 3 and w.isalpha() and w not in STOP_NAME and w not in SPOKEN_LETTERS
                and w not in DIGIT_WORDS and k + 1 < len(words) and (re.fullmatch(r"[0-9]{3,}", words[k + 1]) or words[k + 1] in UNITS
                                             or words[k + 1] in TENS or words[k + 1] in ("double", "triple"))):
            # spelt letters, or a letter prefix said as one word before its digits ("CAD 1234", "AB 12345")
            out.append(w.upper())
            k += 1
        elif w in SPOKEN_LETTERS and out and not SPOKEN_LETTERS[w].isdigit():
            out.append(SPOKEN_LETTERS[w].upper())
            k += 1
        elif w in ("slash", "stroke", "dash") and out and k + 1 < len(words) and _is_code_word(words[k + 1]):
            out.append("/")
            k += 1
        else:
            break
    if digits < 3:
        return "", start
    return "".join(out), k


def _is_code_word(w: str) -> bool:
    return bool(re.fullmatch(r"[0-9]+", w)) or w in UNITS or w in TENS or w in DIGIT_WORDS or (
        len(w) == 1 and w in LETTERS)


_WORD_RX = re.compile(r"[^\W_]+(?:['’/-][^\W_]+)*")


def _words(n: Normalized) -> list[re.Match[str]]:
    """The spoken words, split the way they were said: normalising would read "nine thirty" as a time."""
    return list(_WORD_RX.finditer(n.original))


def _label(cue: str) -> str:
    for rx, label in REF_CUES:
        if re.fullmatch(rx, cue):
            if label:
                return label
            first = cue.split()[0]
            return f"{first} number"
    return "reference"


def _name_after(n: Normalized, words: list[str], k: int) -> tuple[str, int]:
    """One or two name words at words[k:], capitalised; '' when they look like ordinary words."""
    from voicelog.extract.names import any_first_names, common_words, surnames

    common = common_words()
    got: list[str] = []
    cased = any(c.isupper() for c in n.original)
    originals = {w.lower(): w for w in re.findall(r"[^\W\d_][\w'’-]*", n.original)}
    while k < len(words) and len(got) < 2:
        w = words[k].removesuffix("'s")
        if w in STOP_NAME or not re.fullmatch(r"[^\W\d_][\w'-]+", w):
            break
        said = originals.get(w, w)
        if cased and not said[:1].isupper():
            break
        if not cased and w in common and w not in any_first_names() and w not in surnames():
            break
        got.append(said[:1].upper() + said[1:])
        k += 1
        if words[k - 1].endswith("'s"):
            break
    return " ".join(got), k


def find_police(n: Normalized) -> tuple[Detail, ...]:
    """Crime reference numbers, officers' names and collar numbers, as said (once per account: who.py asks too)."""
    if "police" not in n._cache:
        n._cache["police"] = _find_police(n)
    found: tuple[Detail, ...] = n._cache["police"]
    return found


def _find_police(n: Normalized) -> tuple[Detail, ...]:
    spans = _words(n)
    words = [m.group(0).lower().replace("’", "'") for m in spans]
    text = " ".join(words)
    # char offset -> word index in `text`
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    hits: list[tuple[int, str, str]] = []

    def index_at(char: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(starts, char) - 1)

    def source(i: int, j: int) -> str:
        return n.original[spans[i].start():spans[j - 1].end()] if i < j else ""

    def add(at: int, value: str, source: str) -> None:
        hits.append((at, value, source))

    for m in REF_RX.finditer(text):
        k = index_at(m.end()) if m.end() < len(text) else len(words)
        if m.end() < len(text) and text[m.end()] == " ":
            k = index_at(m.end() + 1)
        code, end = _code_after(words, k)
        if code:
            add(m.start(), f"{_label(m.group('cue'))} {code}", source(index_at(m.start()), end))
    for m in RANK_RX.finditer(text):
        rank = RANKS[m.group("rank")]
        k = index_at(m.end())
        if rank == "Officer" and not re.search(r"(?:called|named|by the name of)$", m.group(0).strip()):
            continue  # "the officer said": a rank word only names someone when the name is cued
        name, end = _name_after(n, words, k)
        if name:
            add(m.start(), f"{rank} {name}", source(index_at(m.start()), end))
    out: list[Detail] = []
    seen: set[str] = set()
    for _, value, src in sorted(hits):
        if value.lower() not in seen:
            seen.add(value.lower())
            out.append(Detail(text=value, source=src))
    return tuple(out)
