"""The person's own vocabulary for a recogniser: the registry's names and aliases and the places they confirmed.

Known only while the diary is unlocked (the registry is sealed). Whisper is primed
with it as ``hotwords`` (see :mod:`voicelog.engines.whisper`); an engine that cannot
be primed, and Whisper too, gets :func:`respell`: a word heard where a name goes
("my friend kept said") that sounds like a registered one-word name or alias ("Kev")
is written as that name. Nothing here is logged: the words are the person's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from voicelog.incident import KnownPerson
from voicelog.transcript import Transcript, Word

__all__ = ["Vocabulary", "echo_tail", "phonetic_key", "respell"]

PROMPT_CHARS = 400
"""The most characters of vocabulary given to a recogniser: Whisper keeps at most half its 448-token context for a
prompt, and a long list of names crowds out what the account itself says."""

_RELATIVE = frozenset(("my", "his", "her", "their", "our", "the", "a", "an", "your"))


@dataclass(frozen=True)
class Vocabulary:
    """Words a recogniser should expect: the people registry's names and aliases, the person's confirmed places."""

    names: tuple[str, ...] = ()
    """Registered names and the aliases that are names ("Kev"; not "my ex"), as written, each once."""
    places: tuple[str, ...] = ()
    """Places the person confirmed, as written, newest first."""

    @classmethod
    def of(cls, people: Sequence[KnownPerson], places: Iterable[str] = ()) -> Vocabulary:
        """The vocabulary of a registry and its confirmed places; relation aliases ("my ex") are left out."""
        names: dict[str, str] = {}
        for person in people:
            for form in (person.name, *person.aliases):
                words = form.split()
                if not words or words[0].lower() in _RELATIVE:
                    continue
                # aliases are often stored in lower case ("kev"): a recogniser should write a name capitalised
                text = " ".join(w if w[:1].isupper() else w.capitalize() for w in words)
                names.setdefault(text.lower(), text)
        kept: dict[str, str] = {}
        for place in places:
            text = " ".join(place.split())
            if text:
                kept.setdefault(text.lower(), text)
        return cls(tuple(names.values()), tuple(kept.values()))

    @property
    def empty(self) -> bool:
        """Nothing to prime with."""
        return not self.names and not self.places

    def prompt(self) -> str:
        """The words as a short glossary for Whisper: "Names: A, B. Places: C.", cut to :data:`PROMPT_CHARS` at a
        whole term.

        Labelled and closed with a full stop: a bare list ("Mark Jones, Mark") made tiny.en stop an account midway
        or end it with "and I will see you in the next video" on development accounts; the glossary did not.
        """
        size = len("Names: . Places: .")  # room for the labels
        parts: list[str] = []
        for label, terms in (("Names", self.names), ("Places", self.places)):
            kept: list[str] = []
            for term in terms:
                size += len(term) + 2
                if size > PROMPT_CHARS:
                    break
                kept.append(term)
            if kept:
                parts.append(f"{label}: {', '.join(kept)}.")
        return " ".join(parts)

    def single_names(self) -> dict[str, str]:
        """Each one-word name, and the first word of each longer name, by its lower-case form."""
        out: dict[str, str] = {}
        for name in self.names:
            words = name.split()
            for w in words[:1] if len(words) > 1 else words:
                if len(w) >= 2 and w.isalpha():
                    out.setdefault(w.lower(), w)
        return out


def echo_tail(words: Sequence[str], vocabulary: Vocabulary) -> int:
    """How many of the last ``words`` are the vocabulary said back, not heard: a recogniser primed with a list of
    names may repeat it after the speech ends ("... as always. and Tom Reid, Tom Reid, Tom Reid").

    The tail counts when its words are all words of the vocabulary's terms (or "and"/"or") and it repeats a term
    or lists three or more, which a person says rarely; "it was Tom Reid." and "me and Tom and Kev" stay.
    """
    terms = [t.lower().split() for t in (*vocabulary.names, *vocabulary.places)]
    known = {w for t in terms for w in t} | {"and", "or"}
    n = 0
    while n < len(words) and _bare(words[len(words) - 1 - n]) in known:
        n += 1
    if n < 3:
        return 0
    tail = [_bare(w) for w in words[len(words) - n :]]
    found: list[str] = []
    i = 0
    while i < len(tail):
        term = next((t for t in sorted(terms, key=len, reverse=True) if tail[i : i + len(t)] == t), None)
        if term is None:
            i += 1
            continue
        found.append(" ".join(term))
        i += len(term)
    return n if len(found) >= 3 or len(set(found)) < len(found) else 0


# --------------------------------------------------------------------------- sound


_SOUND_RULES = (  # (pattern, replacement), in order: spellings that sound alike become one letter
    (r"^kn", "n"), (r"^wr", "r"), (r"^ps", "s"), (r"ph", "f"), (r"tch", "ch"), (r"[sc]h", "S"), (r"gh", ""),
    (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"[cq]", "k"), (r"x", "ks"), (r"z", "s"), (r"dg", "j"), (r"(?<=.)h", ""),
    (r"(?<=.)[aeiouyw]+", ""), (r"^[aeiouy]+", "a"),
)

_CLASSES = str.maketrans({"b": "p", "v": "p", "f": "p", "d": "t", "g": "k", "j": "s", "S": "s"})
"""Consonants a recogniser confuses as one: the lip sounds (p, b, f, v: "Kev" heard as "kept"), t and d, k and g,
the hissing sounds."""


@lru_cache(maxsize=4096)
def phonetic_key(word: str) -> str:
    """A consonant skeleton sound-alike words share, voicing aside: 'kev' -> 'kp', 'kept' -> 'kpt', 'sean' -> 'sn'.

    Written here, like :func:`voicelog.extract.known.sound_key`, after measuring the libraries (2026-11-30):
    jellyfish 1.3's ``metaphone`` keeps Sean/Shaun and Rhys/Reese apart (8-11 of the 44 names tests fail, even
    with sh read as s); Double Metaphone (``doublemetaphone`` 1.2) with sh read as s passes all but one, and that
    one is a false match the registry must not make (Gavin taken for a registered Kevin); on dev5 and heldout4,
    both styles, people F1 was the same to the third decimal with either. No gain, so no new dependency.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    for pattern, to in _SOUND_RULES:
        w = re.sub(pattern, to, w)
    w = w.translate(_CLASSES)
    return re.sub(r"(.)\1+", r"\1", w)


def _near(heard: str, name: str) -> bool:
    """``heard`` sounds like ``name``: the same skeleton, or one more or one less final consonant ("kept"/"Kev")."""
    a, b = phonetic_key(heard), phonetic_key(name)
    if not a or not b or a[0] != b[0]:
        return False
    if a == b:
        return len(b) >= 2 or heard[:2].lower() == name[:2].lower()
    short, long_ = sorted((a, b), key=len)
    if len(short) < 2 or len(long_) - len(short) != 1 or not long_.startswith(short):
        return False
    # a first sound and vowel that agree, so "cat" is never "Kev" just for sharing a k
    return heard[:2].lower() == name[:2].lower()


# --------------------------------------------------------------------------- where a name goes

_BEFORE_NAME = frozenset((
    "friend", "mate", "ex", "neighbour", "neighbor", "brother", "sister", "mum", "mom", "dad", "son", "daughter",
    "husband", "wife", "partner", "boyfriend", "girlfriend", "cousin", "uncle", "aunt", "auntie", "nan", "colleague",
    "boss", "landlord", "flatmate", "housemate", "named", "called", "saw", "told", "texted", "messaged", "rang",
    "phoned", "stepdad", "stepmum", "fiance", "fiancee",
))
"""Words after which a name often comes ("my friend ___", "I told ___"); not "and" or "to", which as often come
before the very words a name is misheard as ("and kept going")."""

_AFTER_NAME = frozenset((
    "said", "says", "texted", "rang", "phoned", "called", "came", "turned", "told", "saw", "followed", "messaged",
    "sent", "shouted", "was", "had", "kept", "keeps", "walked", "drove", "tried", "grabbed", "posted", "started",
    "threatened", "knocked", "banged", "waited", "stood", "screamed", "yelled", "didn't", "wasn't",
))
"""Words a name is often followed by ("___ said", "___ texted me")."""

_NEVER = frozenset((
    "said", "says", "told", "saw", "and", "with", "the", "was", "is", "were", "had", "has", "he", "she", "they",
    "him", "her", "them", "me", "my", "his", "i", "it", "that", "this", "then", "there", "to", "from", "of", "in",
    "on", "at", "a", "an", "for", "but", "so", "just", "again", "called", "came", "went", "got", "not", "no", "yes",
))
"""Words never taken for a name, whatever they sound like: they carry the sentence."""


def _is_name_slot(words: Sequence[str], i: int) -> bool:
    before = words[i - 1] if i > 0 else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return before in _BEFORE_NAME or after in _AFTER_NAME


def _bare(text: str) -> str:
    return re.sub(r"[^a-z']", "", text.lower()).strip("'")


def respell(transcript: Transcript, vocabulary: Vocabulary) -> Transcript:
    """``transcript`` with each word heard where a name goes that sounds like a registered one-word name written as
    that name ("my friend kept said" -> "my friend Kev said"); the same transcript when nothing changes.

    A word is respelt only in a name's slot (after "my friend", "me and", "told"; before "said", "texted") and
    only if it sounds like the name (:func:`phonetic_key`, one final consonant apart at most); words that carry the
    sentence ("said", "with") never are. Its timing and confidence stay.
    """
    singles = vocabulary.single_names()
    if not singles or not transcript.words:
        return transcript
    bare = [_bare(w.text) for w in transcript.words]
    changed: list[Word] = []
    any_change = False
    for i, word in enumerate(transcript.words):
        heard = bare[i]
        name = None
        if heard and heard not in singles and heard not in _NEVER and len(heard) >= 2 and _is_name_slot(bare, i):
            name = next((n for low, n in singles.items() if _near(heard, low)), None)
        if name is None:
            changed.append(word)
            continue
        lead = re.match(r"^\W*", word.text)
        tail = re.search(r"[^\w']*$", word.text)
        text = (lead.group(0) if lead else "") + name + (tail.group(0) if tail else "")
        if not transcript.text[:1].isupper() and not any(w.text[:1].isupper() for w in transcript.words):
            text = text.lower()  # a lower-case engine (Vosk) stays lower case: the extractor reads it as such
        changed.append(word._replace(text=text))
        any_change = True
    if not any_change:
        return transcript
    return replace(transcript, text=_retext(transcript.text, transcript.words, changed), words=tuple(changed))


def _retext(text: str, old: Sequence[Word], new: Sequence[Word]) -> str:
    """``text`` with each changed word replaced in place, left to right (punctuation and spacing kept)."""
    out: list[str] = []
    at = 0
    for before, after in zip(old, new, strict=True):
        if before.text == after.text:
            continue
        core = before.text.strip()
        found = text.find(core, at)
        if found < 0:
            continue
        out.append(text[at:found])
        out.append(after.text.strip())
        at = found + len(core)
    out.append(text[at:])
    return "".join(out)
