"""A vehicle said in an account: colour, make, model and registration, as a police log asks for them.

"a silver Ford Focus, reg Lima Kilo one nine Alpha Bravo Charlie" gives
``silver Ford Focus, registration LK19 ABC``; "a white van" gives ``white van``;
"the plate was seven A B C one two three" gives ``registration 7ABC123``. A
registration is read as said, letter by letter, with the phonetic alphabet or
letter names, digits as words or as written (:mod:`voicelog.extract.spelled`),
and joined to the vehicle described in the same sentence. Makes, models,
colours and kinds of vehicle are word lists (``vocab/vehicle_*.txt``).
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.spelled import Found, Spoken, read_code, spoken, unique

MAKE_MODEL = rule(
    "vehicle.make-model", "a make said with its colour, model or kind of vehicle: 'a silver Ford Focus'",
    said("He drove past in a silver Ford Focus twice.", "silver Ford Focus"),
    said("she got out of a dark blue vauxhall corsa and came to my door", "dark blue Vauxhall Corsa"),
    said("A black BMW estate was parked across my drive all evening.", "black BMW estate"),
    said("We were at the Ram Temple fete when he walked up.", None, fires=False),
)
COLOUR_KIND = rule(
    "vehicle.colour-kind", "a colour and a kind of vehicle with no make: 'a white van'",
    said("A white van sat outside the house with its engine running.", "white van"),
    said("He followed the bus in a red car.", "red car"),
)
COLOUR_MODEL = rule(
    "vehicle.colour-model", "a colour and a model said without its make: 'in the silver Astra'",
    said("He was parked outside my work again in the silver Astra.", "silver Astra"),
    said("a black focus sat at the end of the road", "black Focus"),
    said("He wore a black puma hoodie.", None, fires=False),
)
PLATE_SPOKEN = rule(
    "vehicle.plate-spoken", "a registration read out after its cue (reg, registration, number plate, licence plate)",
    said("A silver Ford Focus, reg Lima Kilo one nine Alpha Bravo Charlie, followed me home.",
         "silver Ford Focus, registration LK19 ABC"),
    said("the number plate was y t seven two double r x", "registration YT72 RRX"),
    said("He sped off in a grey pickup, license plate seven N R K four one two.",
         "grey pickup, registration 7NRK412"),
)
PLATE_WRITTEN = rule(
    "vehicle.plate-written", "a current UK registration written out with no cue ('WX21 TPL')",
    said("The car was WX21 TPL and it stopped by the gate.", "registration WX21 TPL"),
)

PLATE_CUES = (
    ("licence", "plate", "number"), ("license", "plate", "number"), ("registration", "plate"),
    ("registration", "number"), ("number", "plate"), ("licence", "plate"), ("license", "plate"),
    ("reg", "number"), ("reg", "plate"), ("plate", "number"), ("registration",), ("reg",), ("plate",),
    ("plates",), ("rego",),
)
"""The words a registration follows, longest first."""
FILLERS = frozenset("was is were it's its of it being showing read reads said says number starting starts "
                    "beginning begins with ending ends in".split())
"""Words between a cue and the registration ("the reg was", "number plate starting with")."""
SHADES = frozenset("dark light pale bright metallic matt matte deep".split())
"""Words kept before a colour ("dark blue")."""
DETERMINERS = frozenset("a an his her their the my its that this same".split())
"""Words before a make that show it is a vehicle ("his Ford", "a Tesla")."""
AMBIGUOUS = frozenset("seat mini smart jaguar ram genesis lincoln rover triumph ds harley".split())
"""Makes that are also everyday words or names: they need a colour, a model or a kind beside them."""
CAPITALS = frozenset("bmw vw mg ds gmc ktm suv".split())
"""Makes and kinds written in capitals."""
EVERYDAY_MODELS = frozenset("note leaf sport up jazz partner discovery defender golf puma galaxy ranger cooper swift "
                            "superb rio tipo transit".split())
"""Models that are everyday words too: in lower-case words, only with a make before them."""
STOP = frozenset("and but or then when while who which that was is he she they i it to from in on at with by "
                 "for of so as".split())
"""Words that end a model name in a cased account ("a Ford and ..." has no model)."""


def find_vehicles(n: Normalized) -> tuple[Found, ...]:
    """Each vehicle described (colour, make, model, kind) with its registration when said near it."""
    s = spoken(n.original)
    described = _described(s)
    plates = _plates(s)
    out: list[Found] = []
    used: set[int] = set()
    for plate in plates:
        owner = next((d for d in reversed(described) if d.start < plate.start and d.start not in used
                      and s.sentence_of(d.start) == s.sentence_of(plate.start)), None)
        if owner is None:
            out.append(plate)
            continue
        used.add(owner.start)
        end = plate.start + len(plate.source.split())
        out.append(Found(f"{owner.text}, {plate.text}", s.source(owner.start, min(end, len(s.lower))),
                         f"{owner.rule}; {plate.rule}", owner.start))
    out += [d for d in described if d.start not in used]
    return unique(out)


def _tidy(word: str) -> str:
    if word in CAPITALS or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word) and len(word) <= 5):
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _phrase_at(words: tuple[str, ...], i: int, table: frozenset[str]) -> int:
    """How many words (2 or 1) from ``i`` are an entry of ``table``; 0 when none."""
    if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in table:
        return 2
    return 1 if i < len(words) and words[i] in table else 0


def _joined(s: Spoken, i: int, j: int) -> bool:
    """No punctuation between words ``i`` and ``j - 1``."""
    return all(not re.search(r"[.,;:!?]", s.original[s.spans[k][1]:s.spans[k + 1][0]]) for k in range(i, j - 1))


def _colour_before(s: Spoken, i: int) -> int:
    """Where the colour words before word ``i`` start (``i`` when there are none)."""
    colours = vocab.words("vehicle_colours")
    k = i
    if k > 0 and s.lower[k - 1] in colours and _joined(s, k - 1, i + 1):
        k -= 1
        while k > 0 and s.lower[k - 1] in SHADES | colours and _joined(s, k - 1, i + 1):
            k -= 1
    return k


def _described(s: Spoken) -> list[Found]:
    makes, models = vocab.words("vehicle_makes"), vocab.words("vehicle_models")
    kinds, colours = vocab.words("vehicle_kinds"), vocab.words("vehicle_colours")
    cased = any(c.isupper() for c in s.original)
    out: list[Found] = []
    i = 0
    while i < len(s.lower):
        size = _phrase_at(s.lower, i, makes)
        if size:
            start = _colour_before(s, i)
            end = i + size
            make = " ".join(s.lower[i:end])
            model = _phrase_at(s.lower, end, models)
            if not model and cased and end < len(s.lower) and s.lower[end] not in STOP and make not in AMBIGUOUS and (
                    s.said[end][:1].isupper() or any(c.isdigit() for c in s.said[end])) and s.lower[end] not in kinds:
                model = 1  # "a Ford Puma", "a Kia XCeed": any capitalised word after the make
            if model and _joined(s, end - 1, end + model):
                end += model
            named = end
            kind = _phrase_at(s.lower, end, kinds)
            if kind and _joined(s, end - 1, end + kind):
                end += kind
            determiner = any(s.lower[j] in DETERMINERS for j in range(max(0, i - 2), i))  # "a new Kia"
            if start < i or end > i + size or (determiner and make not in AMBIGUOUS and (
                    not cased or s.said[i][:1].isupper())):
                text = " ".join([*s.lower[start:i], *(_tidy(w) for w in s.said[i:named]), *s.lower[named:end]])
                out.append(Found(text, s.source(start, end), MAKE_MODEL, start))
                i = end
                continue
        elif s.lower[i] in colours and (kind := _phrase_at(s.lower, i + 1, kinds)) and _joined(s, i, i + 1 + kind):
            start = _colour_before(s, i + 1)
            end = i + 1 + kind
            text = " ".join(w if w not in CAPITALS else w.upper() for w in s.lower[start:end])
            out.append(Found(text, s.source(start, end), COLOUR_KIND, start))
            i = end
            continue
        elif s.lower[i] in colours and (model := _model_alone(s, i + 1, models, cased)) and _joined(s, i, i + 1 + model):
            start = _colour_before(s, i + 1)
            end = i + 1 + model
            text = " ".join([*s.lower[start:i + 1], *(_tidy(w) for w in s.said[i + 1:end])])
            out.append(Found(text, s.source(start, end), COLOUR_MODEL, start))
            i = end
            continue
        i += 1
    return out


def _model_alone(s: Spoken, i: int, models: frozenset[str], cased: bool) -> int:
    """How many words from ``i`` name a model said without its make after a colour ("the silver Astra"); 0 if none.

    In a cased account the model is capitalised; in a lower-case one it must not be an everyday word too."""
    size = _phrase_at(s.lower, i, models)
    if not size:
        return 0
    if cased:
        return size if s.said[i][:1].isupper() or s.said[i][:1].isdigit() else 0
    return 0 if " ".join(s.lower[i:i + size]) in EVERYDAY_MODELS else size


_PLATE_CUE_STARTS = frozenset(cue[0] for cue in PLATE_CUES)
"""The first words of the plate cues: most words start none, and are passed over at once."""


def _plates(s: Spoken) -> list[Found]:
    out: list[Found] = []
    taken: set[int] = set()
    i = 0
    while i < len(s.lower):
        cue = None if s.lower[i] not in _PLATE_CUE_STARTS else \
            next((c for c in PLATE_CUES if tuple(s.lower[i:i + len(c)]) == c), None)
        if cue is None:
            i += 1
            continue
        k = i + len(cue)
        while k < len(s.lower) and s.lower[k] in FILLERS:
            k += 1
        code, end = read_code(s.lower, s.said, k)
        if _plate_shaped(code):
            out.append(Found(f"registration {plate_text(code)}", s.source(i, end), PLATE_SPOKEN, i))
            taken.update(range(i, end))
            i = end
            continue
        i = k
    for m in re.finditer(r"\b([A-Z]{2}[0-9]{2}) ?([A-Z]{3})\b", s.original):
        at = next((w for w, (a, _) in enumerate(s.spans) if a == m.start()), None)
        if at is not None and at not in taken:
            out.append(Found(f"registration {m.group(1)} {m.group(2)}", m.group(0), PLATE_WRITTEN, at))
    return out


def _plate_shaped(code: str) -> bool:
    """A registration has 2 to 8 letters and digits, a digit among them (a reg said in letters alone is rare)."""
    return 2 <= len(code) <= 8 and any(c.isdigit() for c in code) and (any(c.isalpha() for c in code)
                                                                       or len(code) >= 4)


def plate_text(code: str) -> str:
    """A registration as written: a current UK one with its space ("LK19 ABC"), any other as read."""
    if re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z]{3}", code):
        return f"{code[:4]} {code[4:]}"
    return code
