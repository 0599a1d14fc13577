"""First names, surnames and the word lists that tell a person's name from other words.

The people word lists (titles, fillers, relations, never-names, organisation
endings; vocab/who_*.txt) are read here once for mentions.py and who.py, with
:func:`name_sense`, which tells a first name that is also a word ("Will will be
there") from the word by its neighbours (vocab/who_senses.txt).

The lists come from the `names` package (US census first names and surnames,
MIT licence) when it is installed, plus the names common in the UK and
Ireland that the census lists lack (vocab/names.txt, and the person's own
names.txt). Without the package, only that list and the cue phrases in who.py
find unregistered names.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.wordset import WordSet

# Census first names that are also everyday words; still found through cues and capitals.
_NAME_WORDS_KEEP = frozenset("""
harry jimmy jack josh lee matt nick caroline carol christian julian norman hector dexter fabian dorian
marcel marian pauline clement homer shona brad chuck eddy rick rob randy carmine
""".split())


log = logging.getLogger(__name__)

# The word lists that tell a person's name from other words (vocab/who_*.txt), shared by mentions.py and who.py.
def _titles() -> dict[str, str]:
    out = {}
    for line in vocab.entries("who_titles"):
        said_as, _, written = line.partition("->")
        out[said_as.strip()] = (written.strip() or said_as.strip()).capitalize()
    return out


TITLES = _titles()
"""Civil titles kept with a name, as said -> as written (vocab/who_titles.txt)."""
FILLERS = vocab.words("who_fillers")
"""Hesitation sounds ("Erm", "Herm"): never part of a name."""
RELATIONS = "|".join(sorted(vocab.entries("who_relations"), key=len, reverse=True))
DATE_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december""".split())
RELATION_WORDS = frozenset(re.split(r"[| ]", RELATIONS))
OWN_SIDE = re.compile(r"\b(?:my|our)\b")
BLAME = re.compile(
    r"(?:it was|it's|its|it is|must be|must have been|has to be|had to be|definitely|reckon it's|think it's|"
    r"think it was|know it was|know it's|sure it's|sure it was|sounded like|looks like|from|by|love|"
    r"only|obviously|probably|it was definitely|like|might have been|might've been|could have been|"
    r"could've been|may have been|reckon|suspect) $"
)
STRONG_CUES = re.compile(
    rf"\b(?:(?:a|this|some|one|1) (?:man|woman|guy|girl|lady|bloke|lad|boy|person) (?:called|named|name)|called|named|"
    rf"(?:they|people|everyone|everybody) (?:call|calls)(?: (?:him|her))?|known as|goes by|name's|name is|(?:one|1) of them|(?:my|me|mi|his|her|their|our|the|\w+'s)(?: (?!(?:{RELATIONS})\b)\w+)? (?:{RELATIONS}))$"
)
MISSES_VERB = frozenset("he she it who that which one everyone nobody somebody someone still really just never "
                        "always also so and".split())
"""Before 'misses' these make it the verb ('he misses London'), not the title Mrs as a recogniser writes it."""
NOT_NAMES = vocab.words("who_not_names") | FILLERS | vocab.forms("who_media_verbs")
"""Words never taken for a name (vocab/who_not_names.txt), the fillers, and every form of an app or message word."""
APP_VERB = rule("people.app-verb-not-name", "an app or message word in any form ('snapchatting', 'DMed', 'screenshot's') "
                "is never a name, though no dictionary lists the form (silent)",
                said("since friday tobias has been snapchatting me all night", "Tobias (subject)", fires=False),
                said("Then Ottilie DMed me at midnight.", "Ottilie (subject)", fires=False))
ORGANISATION_ENDS = vocab.words("who_organisations")
POLICE_RANKS = frozenset("pc wpc pcso dc ds di sgt sergeant constable inspector detective officer garda trooper deputy sheriff".split())
"""A name right after one of these is a police officer: a police detail (police.py), not a person of the incident."""
PLACE_AFTER = frozenset("""
street road lane avenue close way drive park station shop school college car centre square hill row
parade grove place crescent terrace gardens court mews
stores supermarket mall pharmacy physio clinic salon bakery lab dental beach nagar bazaar apartments
""".split())


@dataclass(frozen=True)
class Fuzzy:
    """How near a word must be to a registered one-word name or alias to be taken for it (recognisers mishear
    names: "Dannie" for "Danny"). Scores are rapidfuzz ratios, 0-100; the first letters must also agree."""

    shortest: int = 4
    """Names and words shorter than this are never fuzzy matched ("Al", "Jo": too many near misses)."""
    short_name: int = 5
    """Up to this many letters a name is short, and needs :attr:`short_score`."""
    short_score: int = 85
    """The ratio a short name needs (one letter off in five)."""
    long_score: int = 80
    """The ratio a longer name needs."""


FUZZY = Fuzzy()
"""The near-miss scores for registered names, as one named table."""



@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names, minus those that are common English words or verb forms ("hung", "rang")."""
    out = set(vocab.words("names"))
    out |= _census("dist.male.first") | _census("dist.female.first")
    return frozenset(out - common_words() - (_function_words() - set(vocab.words("names"))))


@lru_cache(maxsize=1)
def world_first_names() -> frozenset[str]:
    """First names of many countries (vocab ``names_world``, from Faker's lists) that are neither everyday words nor
    surnames here: trusted only when capitalised in cased text ("Tyrese", "Felicity"), where the census lists miss
    them."""
    world = vocab.words("names_world") - common_words() - _function_words()
    return frozenset(w for w in world if w not in all_surnames() and not ordinary(w))


@lru_cache(maxsize=1)
def cased_first_names() -> frozenset[str]:
    """The first names trusted when capitalised in cased text: the lists' and the world's, joined once."""
    return first_names() | world_first_names()


@lru_cache(maxsize=1)
def any_first_names() -> frozenset[str]:
    """Every first name we know, everyday words included ("bill", "grant"; the virtue names, name_virtue.py)."""
    return frozenset(vocab.words("names") | vocab.words("names_virtue") | _census("dist.male.first")
                     | _census("dist.female.first"))


@lru_cache(maxsize=1)
def surnames() -> WordSet:
    """Lower-case surnames that are not function words or verb forms (empty without `names`)."""
    function_words = _function_words()
    return WordSet(w for w in census_words("dist.all.last") if w not in function_words and not w.endswith(("ed", "ing")))


@lru_cache(maxsize=1)
def all_surnames() -> WordSet:
    """Every lower-case surname of the census list, function words and verb forms too (empty without `names`)."""
    return WordSet(census_words("dist.all.last"))


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
    """Words that, right after a name, make it the subject of a sentence ("Hope said", "wojtek rang")."""
    return _senses()["subject-verb"]


def two_senses(word: str) -> bool:
    """A first name that is also an everyday word or a form of one ("will", "mark", "drew", "summer", "ute")."""
    w = word.lower().removesuffix("'s")
    return w in any_first_names() and (w not in first_names() or ordinary(w) or w in nouns())


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
    if prev == "that" and w in first_names() and (nxt in s["subject-verb"] or nxt.removesuffix("'s") in surnames()
                                                   and not ordinary(nxt)):
        return True  # THAT_NAME: "she says that robert quill's been asking", not "that mark on my car"
    if prev in s["before-name"] and not (prev in s["time-of-day"] and before[-2:-1] not in ([], ["good"])):
        return not (time_word and nxt in ("", "and", "or", "when", "holidays", "holiday", "term", "time"))
    if prev in s["before-word"] or w not in first_names() and (prev in s["before-word-weak"] or prev.endswith("ly")):
        return False  # "to grant", "really frank"; but "talking to james"
    if nxt in s["subject-verb"] and not (prev == w):
        return True
    return None


@lru_cache(maxsize=2)
def _census(fname: str) -> set[str]:
    """A census first-name list as a set (a few thousand words; the surnames are held as a :class:`WordSet`)."""
    return set(census_words(fname))


def census_words(fname: str) -> Iterator[str]:
    """The lower-case words of one of the `names` package's census lists, read as they are used (none without
    the package)."""
    try:
        import names as _names_pkg
    except ImportError:
        return
    path = os.path.join(os.path.dirname(_names_pkg.__file__), fname)
    try:
        with open(path, encoding="ascii", errors="ignore") as f:
            yield from (line.split()[0].lower() for line in f if line.strip())
    except OSError:
        return


_NOT_BEFORE_NAME = frozenset("""the a an at in on to into from outside inside near by past towards toward his her their
our your my this that some any every of for""".split())


_VERB_OBJECTS = frozenset("me him us them".split())
_VERB_LINKS = frozenset("with for at in on me him her us them it".split())
_IT_COPULAS = frozenset("was is 's had has would will wasn't isn't".split())


def verb_not_surname(words: Sequence[str], k: int) -> bool:
    """VERB_AFTER_NAME (who.py): in lower-case text the word at k, after a first name, is a verb and no surname
    when an object follows it ('ilse photoshopped it', 'sade rings me') or it is an everyday -s form before
    'with'/'at' ('chibuike works with me')."""
    w = words[k].lower() if k < len(words) else ""
    nxt = words[k + 1].lower() if k + 1 < len(words) else ""
    after = words[k + 2].lower() if k + 2 < len(words) else ""
    if nxt in _VERB_OBJECTS or nxt == "it" and after not in _IT_COPULAS:
        return True
    return w.endswith("s") and ordinary(w) and nxt in _VERB_LINKS


_DETERMINERS = frozenset("a an the this these those his her their our your my its some any every no".split())


def listed_possessor(lower: Sequence[str], k: int, *, cased: bool) -> bool:
    """POSSESSOR (mentions.py) in lower-case text: 'blessing's husband', 'faith's boyfriend': a word of the first-name
    lists (the world's too) before 's and a relation is a person even when it is also an everyday word; not after a
    determiner ('the blessing's'), and never a relation itself ('my sister's husband')."""
    base = lower[k].removesuffix("'s")
    return not cased and (base in any_first_names() or base in vocab.words("names_world")) \
        and base not in RELATION_WORDS and base not in NOT_NAMES and base not in stop_words() \
        and (k == 0 or lower[k - 1] not in _DETERMINERS)


_KIN_BEFORE = frozenset("a an the this that my your his her our their its me baby step god grand late younger older "
                        "little big".split())


def kin_not_title(lower: Sequence[str], k: int) -> bool:
    """A title that is also a relation ('father') is the relation after 'my', 'X's', 'baby' and the like
    ('my father Jerome', 'her baby father')."""
    return lower[k] in RELATION_WORDS and k > 0 and (lower[k - 1] in _KIN_BEFORE or lower[k - 1].endswith("'s"))


def name_pairs(n: Normalized) -> frozenset[int]:
    """Starts of two-word names in lower-case text that no first-name list knows ("dragos ionescu"):
    two words no dictionary calls ordinary, at least one unknown as a noun, not after a determiner."""
    if n._cache.get("pairs") is not None:
        cached: frozenset[int] = n._cache["pairs"]
        return cached
    from voicelog.extract.name_place_glue import place_noun

    fn, nn, world = any_first_names(), nouns(), world_first_names()
    last = all_surnames()
    words = [w.lower for w in n.words]
    out: set[int] = set()

    def namey(w: str, first: bool) -> bool:
        w = w.removesuffix("'s")
        if len(w) < 3 or not w.isalpha() or ordinary(w) or w in NOT_NAMES or w in PLACE_AFTER or w in FILLERS \
                or w in DATE_WORDS or w in RELATION_WORDS:
            return False
        if first and w.endswith("s") and w[:-1] in nn and w not in fn:
            return False  # "two older boys jonah": a plural noun does not start a name
        return (first and w in fn) or w in last or (w not in nn and w.removesuffix("s") not in nn)  # "platforms"

    for k in range(len(words) - 1):
        a, b = words[k], words[k + 1]
        if n.words[k].kind != "word" or n.words[k + 1].kind != "word" or a.endswith("'s"):
            continue
        if k > 0 and words[k - 1] in _NOT_BEFORE_NAME:
            continue
        if k + 2 < len(words) and words[k + 2] in PLACE_AFTER or verb_not_surname(words, k + 1):
            continue
        if a in nn and a not in fn and a not in world and (b in fn or b in world or place_noun(a)):
            continue  # NOUN_NOT_FIRST: "the next stall ottilie"; PLACE_NOUN_NOT_FIRST: "the canal dobromir"
        if namey(a, True) and namey(b, False) and not (a in nn and b.removesuffix("'s") in nn) and a != b \
                and not (b in first_names() and k + 2 < len(words) and words[k + 2] in last):  # "tiago rory mullins"
            out.add(k)
    pairs = frozenset(out)
    n._cache["pairs"] = pairs
    return pairs


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, less 'will'."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - {"will"}  # the one stop word that is often a name ("Will will be there")


def name_or_word(word: str) -> bool:
    """names.two_senses, less the words that are never a person here (function words, places, relations)."""
    w = word.lower()
    return two_senses(w) and w not in stop_words() and w not in NOT_NAMES and w not in RELATION_WORDS \
        and w not in PLACE_AFTER and w not in DATE_WORDS


def plural(word: str) -> bool:
    """'four tyres', 'two lads': a plural of an everyday noun after a number is never a name."""
    w = word.removesuffix("'s")
    return w.endswith("s") and any(ordinary(stem) or stem in nouns() for stem in (w[:-1], w[:-2]) if len(stem) > 2)


TIME_ENDS = frozenset("""o'clock oclock lunchtime teatime dinnertime time ago am pm midnight midday noon one two three
four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty""".split())
"""A time said before a clause ends it: 'tonight about nine o'clock ...', 'at half twelve ...', 'evening time ...'."""
BLAME_END = re.compile(r"\b(?:it was|it's|its|it is|must have been|must be|turned out to be|was definitely) $")
"""'it was X' closing a clause: X, a word no list knows, is the person."""


# The rules these helpers decide (found in mentions.py, named here beside their code).
CUE_THEN_VERB = rule("people.cue-noun-then-verb", "after a relation or post ('my supervisor', 'the "
                     "cleaner'), an everyday noun right before told/said/saw/rang is the person's name",
                     said("my manager sincerity told me he had phoned the office twice", "Sincerity (other)"),
                     said("he kept shouting and the cleaner clemency saw him from the stairs", "Clemency (witness)"),
                     said("my mum's message said he had been round again", None, fires=False))
THAT_NAME = rule("people.that-then-name", "after 'that' a first name of the lists before a surname or what a subject "
                 "does is the name ('she says that robert quill's been asking'), not 'that' pointing at a thing",
                 said("my nephew says that robert quill's been asking where i live", "Robert Quill (subject)",
                      fires=False))
NOUN_NOT_FIRST = rule("people.noun-not-first-name", "in lower-case text a noun that is no first name does not start a "
                      "two-word name with a first name after it ('the next stall ottilie') (silent)",
                      said("the woman at the next stall ottilie saw him take it", "Ottilie (witness)", fires=False))
VERB_AFTER_NAME = rule("people.verb-not-surname", "in lower-case text a word after a first name is a verb, not a "
                       "surname, when an object follows it ('ilse photoshopped it') or it is an everyday -s form "
                       "before with/at ('chibuike works with me')",
                       said("he posted it and my sister ilse photoshopped it and sent it to me", "Ilse (other)",
                            fires=False),
                       said("my nephew chibuike works with me and he saw everything", "Chibuike (witness)", fires=False))


_SAYING_THINGS = frozenset("""text message note letter email card post voicemail call phone sign notice screen
app camera report statement letterbox""".split())
"""Things that 'said' something ('my boss text said'): never a name."""
_NAME_VERBS = frozenset("told said saw heard rang phoned called texted messaged came come says tells".split())


def word_as_name(words: Sequence[str], n: Normalized, k: int) -> tuple[str, int] | None:
    """CUE_THEN_VERB: after a relation or post ('my supervisor', 'the cleaner'), an everyday noun right
    before told/said/saw/rang is the person's name ('my manager sincerity told me', 'my aunt clemency rang')."""
    w = words[k].lower()
    if k + 1 >= len(words) or words[k + 1].lower() not in _NAME_VERBS or n.words[k].kind != "word" \
            or not w.isalpha() or len(w) < 3 or w in stop_words() or w in NOT_NAMES or w in adverbs() \
            or w in RELATION_WORDS or w in DATE_WORDS or w in PLACE_AFTER or n.punct_after(k) \
            or w.endswith(("ly", "ing")) or w in _SAYING_THINGS or w not in nouns() and not name_or_word(w):
        return None
    return words[k][:1].upper() + words[k][1:], k + 1


WORD_FORM = rule("people.word-form-not-name", "the plural of a noun ('bonfires', 'goes') or a verb made with a doubled "
                 "consonant ('tiktokking') is an everyday word no dictionary lists, never an unknown name (silent)",
                 said("yesterday he was there by the bonfires staring at me", None, fires=False),
                 said("My brother Osric keeps TikTokking about me, says he'll tell Mum.", "Osric (other)", fires=False))


@lru_cache(maxsize=1)
def _short_verbs() -> frozenset[str]:
    """Two-letter verbs ('go', 'do'): 'goes' and 'does' are their forms."""
    from voicelog.extract.nlp import lemma_table

    try:
        return frozenset(v for v in lemma_table("lemma_index")["verb"] if len(v) == 2)
    except (KeyError, ValueError, OSError, ImportError):
        return frozenset(("go", "do"))


_DOUBLED_ENDING = re.compile(r"([b-df-hj-np-tv-z])\1(?:ing|ed|er|ers)$")


def word_form(w: str) -> bool:
    """WORD_FORM_NOT_NAME: the plural of a noun ('bonfires', 'goes' of 'go') or a verb made with a doubled consonant
    ('tiktokking', 'zoomed' is a plain verb already) is an everyday word, though no dictionary lists that form."""
    if w.endswith("s") and len(w) > 5 and w[:-1] in nouns() or w.endswith("es") and w[:-2] in _short_verbs():
        return True  # a short rare noun's plural may be a name ("rimas"): five letters or more
    return bool(_DOUBLED_ENDING.search(w)) and w not in all_surnames()


NO_THIRD_WORD = rule("people.no-third-name-word", "in lower-case text an everyday word after a first name and "
                     "surname ('ottilie morgan spray painted') is no third part of the name (silent)",
                     said("i saw ottilie morgan spray painting my garage door", "Ottilie Morgan (subject)", fires=False))


def third_name_word(out: Sequence[str], words: Sequence[str], k: int) -> bool:
    """NO_THIRD_WORD: an everyday word after a first name and surname ('ottilie brandt spray painted') is not
    one more part of the name."""
    whole = k > 1 and out[k - 2][:1].isupper() and words[k - 2].lower() in any_first_names() \
        and words[k - 2].lower() != words[k - 1].lower()  # "ottilie, ottilie morgan": the first name said again
    return whole and ordinary(words[k])  # not after a title: "mrs adebayo hale", a double-barrelled surname


PLACED_WITNESS = re.compile(r"(?:(?:on|at|behind) (?:the|my|our|reception|security) (?:\w+ )?|(?:from )?(?:next door|"
                             r"upstairs|downstairs|across the road|over the road|across the street|opposite) )"
                             r"(?:has |had |will |also |too )?(?:saw|seen|heard|noticed|said|says|reckons|told|tell|rang"
                             r"|watched)\b")
"""'rose at the counter heard it', 'holly next door says', 'ivy across the road has noticed': a witness at their post."""
