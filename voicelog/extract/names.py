"""First names and surnames, for spotting people in lower-case text.

The lists come from the `names` package (US census first names and surnames,
MIT licence) when it is installed, plus the names common in the UK and
Ireland that the census lists lack (vocab/names.txt, and the person's own
names.txt). Without the package, only that list and the cue phrases in who.py
find unregistered names.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache

from voicelog.extract import vocab

# Census first names that are also everyday words; still found through cues and capitals.
_NAME_WORDS_KEEP = frozenset("""
harry jimmy jack josh lee matt nick caroline carol christian julian norman hector dexter fabian dorian
marcel marian pauline clement homer shona brad chuck eddy rick rob randy carmine
""".split())


log = logging.getLogger(__name__)

@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names, minus those that are common English words."""
    out = set(vocab.words("names"))
    out |= _census("dist.male.first") | _census("dist.female.first")
    return frozenset(out - common_words())


@lru_cache(maxsize=1)
def any_first_names() -> frozenset[str]:
    """Every first name we know, everyday words included ("bill", "grant")."""
    return frozenset(vocab.words("names") | _census("dist.male.first") | _census("dist.female.first"))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Lower-case surnames that are not function words or verb forms (empty without `names`)."""
    return frozenset(w for w in _census("dist.all.last") - _function_words()
                     if not w.endswith(("ed", "ing")))


@lru_cache(maxsize=1)
def adverbs() -> frozenset[str]:
    """WordNet adverbs ("straight", "away"): never a surname after a first name."""
    try:
        from voicelog.extract.nlp import lemma_table

        return frozenset(lemma_table("lemma_index")["adv"])
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def nouns() -> frozenset[str]:
    """WordNet nouns from the spaCy model's lemmatizer tables (empty if absent)."""
    try:
        from voicelog.extract.nlp import lemma_table

        return frozenset(lemma_table("lemma_index")["noun"])
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Stop words and irregular verb forms ("rang", "went", "saw")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        from voicelog.extract.nlp import lemma_table

        exc = lemma_table("lemma_exc")
        words |= set(exc["verb"])
    except (KeyError, ValueError, OSError, ImportError) as err:  # a model without lookups: less filtered
        log.warning("spaCy's lemma tables are missing (%s); names are found less reliably", type(err).__name__)
    words |= {"street", "road", "lane", "avenue", "close", "way", "drive", "park", "again", "too", "there",
              "outside", "said", "saw", "came", "got", "went", "was", "is", "and", "then", "who"}
    return frozenset(words)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words that are names only rarely: spaCy stop words, WordNet verbs, adjectives, adverbs."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        from voicelog.extract.nlp import lemma_table

        index = lemma_table("lemma_index")
        for pos in ("verb", "adj", "adv"):
            words |= set(index[pos])
    except (KeyError, ValueError, OSError, ImportError) as err:  # a model without lookups: less filtered
        log.warning("spaCy's lemma tables are missing (%s); names are found less reliably", type(err).__name__)
    words |= set("""
    street road lane avenue close way drive park place court station bus stop shop school work home house
    day night morning evening afternoon week month year time sorry um like yeah okay mum dad
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december christmas easter
    """.split())
    return frozenset(words - _NAME_WORDS_KEEP)


@lru_cache(maxsize=8192)
def ordinary(word: str) -> bool:
    """An everyday English word or an inflection of one ("pulled", "phoned", "brought", "driving")."""
    w = word.lower().removesuffix("'s")
    common, func = common_words(), _function_words()
    if w in common or w in func:
        return True
    stems = []
    if w.endswith("ied"):
        stems.append(w[:-3] + "y")
    if w.endswith("ed"):
        stems += [w[:-2], w[:-1], w[:-3]]
    if w.endswith("ing"):
        stems += [w[:-3], w[:-3] + "e", w[:-4]]
    if w.endswith("es"):
        stems.append(w[:-2])
    if w.endswith("s"):
        stems.append(w[:-1])
    if w.endswith("er"):
        stems += [w[:-2], w[:-1]]
    verbal = w.endswith(("ed", "ing"))  # "texted": a verb made from a noun the lists call a noun only
    nn = nouns() if verbal else frozenset()
    return any(st in common or st in nn for st in stems if len(st) > 2)


@lru_cache(maxsize=1)
def _senses() -> dict[str, frozenset[str]]:
    """vocab/who_senses.txt by kind: the neighbours that tell a name from the everyday word."""
    out: dict[str, set[str]] = {}
    for line in vocab.entries("who_senses"):
        kind, _, words = line.partition(":")
        out.setdefault(kind.strip(), set()).update(words.split())
    return {k: frozenset(v) for k, v in out.items()}


def subject_verbs() -> frozenset[str]:
    """Words that, right after a name, make it the subject of a sentence ("Hope said", "bartek rang")."""
    return _senses()["subject-verb"]


def two_senses(word: str) -> bool:
    """A first name that is also an everyday word or a form of one ("will", "mark", "drew", "summer")."""
    w = word.lower().removesuffix("'s")
    return w in any_first_names() and (w not in first_names() or ordinary(w))


def name_sense(before: Sequence[str], word: str, after: Sequence[str], *, blamed: bool = False) -> bool | None:
    """Whether a two-sense word is the name (True), the everyday word (False) or neither is clear (None),
    from the lower-case words of its sentence before and after it; ``blamed`` when "it was" or the like comes
    right before ("I think it was mark")."""
    s = _senses()
    w = word.lower().removesuffix("'s")
    prev = before[-1] if before else ""
    nxt = after[0] if after else ""
    time_word = w in s["time-word"]
    if word.lower().endswith("'s") and nxt not in ("a", "an", "the", "my", "been", "got", "gone", "going", "not", ""):
        return not (time_word and prev in s["before-word"] | s["before-word-weak"])  # "mark's car", not "this summer's"
    if blamed and not time_word:
        return True
    if prev in s["before-name"]:
        return not (time_word and nxt in ("", "and", "or", "when", "holidays", "holiday", "term", "time"))
    if prev in s["before-word"] or w not in first_names() and (prev in s["before-word-weak"] or prev.endswith("ly")):
        return False  # "to grant", "really frank"; but "talking to james"
    if nxt in s["subject-verb"] and not (prev == w):
        return True
    return None


@lru_cache(maxsize=4)
def _census(fname: str) -> set[str]:
    try:
        import names as _names_pkg
    except ImportError:
        return set()
    path = os.path.join(os.path.dirname(_names_pkg.__file__), fname)
    try:
        with open(path, encoding="ascii", errors="ignore") as f:
            return {line.split()[0].lower() for line in f if line.strip()}
    except OSError:
        return set()
