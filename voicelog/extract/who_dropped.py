"""Candidates who.py drops though a rule found them: a police officer, a reference, an organisation, a name the
speaker took back, the speaker's own name, a plural everyday noun, a contraction.

Each is a named rule (:mod:`voicelog.extract.rules`) whose name goes into the people's provenance when it fires.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicelog.extract import vocab
from voicelog.extract.mentions import _CODE, OFFICER, ORGANISATION, REFERENCE, Found, _place_words, lowered
from voicelog.extract.names import (
    ORGANISATION_ENDS,
    POLICE_RANKS,
    RELATION_WORDS,
    TITLES,
    any_first_names,
    cased_first_names,
    nouns,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said

CORRECTED_NAME = rule(
    "people.corrected-name", "a name the speaker takes back ('Mr Pollock, no, sorry, Mr Pollard', 'gavin no darren "
    "darren moss') is not a person; the name after the correction is",
    said("At about nine Mr Pollock, no, sorry, Mr Pollard came to my door and shouted.", "Mr Pollard (subject)"),
    said("it was gavin no darren darren moss from work who followed me home", "Darren Moss (subject)"),
    said("My neighbour Dana, no wait, her daughter Ruby saw him.", "Ruby (witness)"),
    said("At ten Mr Osman, no, Omar, Mr Omar Belkacem, came to the desk and shouted.", "Mr Omar Belkacem (subject)"),
    said("then Lionel, sorry, not Lionel, I mean Linus, Linus Gray, was waiting by the gate", "Linus Gray (subject)"),
    said("Petra's mate Dom, no, hold on, it was Petra herself, rang me at midnight.", "Petra (subject)"),
    said("Last week Ngaire's nephew Ihaia, no, it was her other nephew, Hohepa, threw eggs at my window.",
         "Ngaire (other), Hohepa (subject)"),
    said("then odette's husband sorry no my husband lorcan turned up at the gate", "Lorcan (subject)"),
    said("Rupert, no, it were Anders, Anders Holm, who kicked the bin over.", "Anders Holm (subject)"),
    said("Odette's husband Lorcan turned up, no, he rang first, then came to the gate.", "Odette (other), Lorcan (subject)",
         fires=False),
    said("It was Lionel, no doubt, waiting by the gate.", "Lionel (subject)", fires=False))
SPEAKER_NAME = rule(
    "people.speaker-own-name", "the speaker's own name ('my name's Doris', 'my name is ...', 'This is Doris' or 'I am "
    "Doris' opening the account) is not a person of the incident",
    said("my name's doris i'm seventy and a man keeps ringing me saying he's from the council", None),
    said("My name is Abena Mensah and Kwesi Ampofo followed me home.", "Kwesi Ampofo (subject)"),
    said("Hello, this is Winifred, I'm seventy. Osric rang me four times today.", "Osric (subject)"),
    said("i am wendy this is about my neighbour osric who keeps shouting at me", "Osric (subject)"),
    said("This is Osric, my ex, he keeps ringing me at night.", "Osric (subject)", fires=False))
CONTRACTION = rule(
    "people.contraction-not-name", "a word with a contraction ('wasn't', 'they're', 'he'll') is never a name",
    said("my partner's brother wasn't asked to the party but he turned up at the bar", None))
PLURAL_NOUN = rule(
    "people.plural-noun-not-name", "a plural everyday noun ('from different numbers', 'them cards') is never a name, "
    "even where a name list holds it",
    said("he rang me from different numbers all night it was gary", "Gary (subject)"),
    said("miles kept ringing me all night", "Miles (subject)", fires=False))

CAR_MODEL = rule(
    "people.car-model-not-person", "a word right after a car make ('a black seat leon', 'his ford ka') is the model "
    "of a car, never a person, though it may be a first name",
    said("he was sat in his black seat leon outside my house again", None),
    said("he followed me in his ford ka then carys came out and saw him", "Carys (witness)"))
NOT_A_REFERENCE = rule(
    "people.name-after-no", "after 'no' or 'number' a title and name, or a first name and surname, is a person "
    "('Mr Pollock, no, Mr Osric Tunbridge'), not a reference; a spelt code ('victor oscar') still is (silent)",
    said("At nine Mr Quayle, no, Mr Osric Tunbridge, came to my class.", "Mr Osric Tunbridge (subject)", fires=False),
    said("The phone rang at two. Same number Neville Tunbridge used.", "Neville Tunbridge (subject)", fires=False))
FORM_OF_ADDRESS = rule(
    "people.form-of-address", "a kin word said as a form of address before a first name ('Sister Marisa', "
    "'Brother Anselm', 'Aunty Lowri') is no part of the name; a church title is kept ('Father Anselm', 'Deacon Wrenfield')",
    said("He shouted at me in the car park. Sister Marisa was with me, she heard it.", "Marisa (witness)"),
    said("After the service Father Anselm came out and stood between us.", "Father Anselm (subject)", fires=False))
_ADDRESS_WORDS = frozenset("sister brother aunty auntie uncle".split())
"""Kin words said to people of a church or a neighbourhood as a form of address."""


def addressed(f: Found) -> Found | None:
    """FORM_OF_ADDRESS: the candidate without a kin word of address before a first name ('Sister Marisa' ->
    'Marisa'), or None when it has none."""
    parts = f.name.split()
    if len(parts) < 2 or parts[0].lower() not in _ADDRESS_WORDS or parts[1].lower() not in cased_first_names():
        return None
    return Found(" ".join(parts[1:]), f.i + 1, f.j, f.registered, f.cue)


_TAKEN_BACK = frozenset("no sorry wait i mean actually rather".split())
"""Words that take back what was just said."""
_BETWEEN = frozenset("no not sorry wait i mean actually rather it was were it's oh um uh erm er".split())
"""Words that may stand between a name taken back and the name meant."""
_WHOSE = frozenset("his her my their our the".split())
_HOLD_ON = frozenset("hang hold on himself herself other own older younger elder".split())
"""After 'no': 'Dex, no, hang on, it was Rufus himself', 'no, it was his other cousin'."""
_BEFORE_PLURAL = frozenset("""the them those these some many different all my his her their our your several few any
no other new old more of lots loads two three four five six seven eight nine ten""".split())
"""Words before a plural that make it a count of things ("different numbers", "them cards"), not a name."""
_STRONG_CUES = frozenset(("registry", "title", "misses", "cue"))
"""Cues that name a person whatever the word ("my neighbour Ivy", "Mrs Summers")."""


def corrected(n: Normalized, f: Found, every: Sequence[Found], depth: int = 0) -> bool:
    """CORRECTED_NAME: a correction follows f and another name follows the correction: a candidate, a registered
    person ('ilse i mean ines'), or a bare first name before the full one ('Mr Osman, no, Omar, Mr Omar Belkacem');
    the same name again after 'not' is taken back with it ('Ansel, sorry, not Ansel, I mean Anselm')."""
    lower = lowered(n)
    k, said_no = f.j, False
    if lower[f.j - 1].endswith("'s") and f.j < len(lower) and lower[f.j] in RELATION_WORDS:
        k += 1  # "Odette's ex, no, my ex, Bram": the possessor goes with the relation taken back
    while k < len(lower) and k - f.j < 8 and (lower[k] in _BETWEEN or said_no and (
            lower[k] in _WHOSE or lower[k] in RELATION_WORDS or lower[k] in _HOLD_ON)):  # "Dana, no wait, her daughter Ruby"
        said_no = said_no or lower[k] in _TAKEN_BACK
        k += 1
    if not said_no or k == f.j or k >= len(lower):
        return False
    if lower[k] in TITLES:
        k += 1
    same = f.name.lower()
    if any(other is not f and other.i in (k, k - 1) and other.name.lower() != same for other in every):
        return True
    again = next((o for o in every if o.i == k and o.name.lower() == same and lower[k - 1] == "not"), None)
    if again is not None and depth < 2:
        return corrected(n, again, every, depth + 1)
    meant = lower[k] if k < len(lower) and n.words[k].kind == "word" else ""
    return meant in any_first_names() and meant not in same.split() and meant not in RELATION_WORDS \
        and meant not in _BETWEEN and any(o.i > k and meant in o.name.lower().split() for o in every)


_INTRODUCED = re.compile(r"(?:^| )(?:this is|i am|i'm)$")
_RENAMED = re.compile(rf"(?:my|his|her|our|their) (?:\w+'s )?(?:\w+ )?(?:{'|'.join(RELATION_WORDS)})\b")


def speaker_name(n: Normalized, f: Found) -> bool:
    """SPEAKER_NAME: "my name's X", "my name is X", "I'm called X"; at the start of the account "This is X" or
    "I am X" (the speaker saying who is recording), unless a relation renames X ("this is Dean, my ex")."""
    lower = lowered(n)
    before = " ".join(lower[max(0, f.i - 3):f.i])
    if f.registered:
        return False
    if before.endswith(("my name's", "my name is", "my names", "i'm called", "i am called")):
        return True
    opening = f.i <= 5 and all(n.punct_after(k) not in (".", "?", "!") for k in range(f.i - 1))
    return opening and bool(_INTRODUCED.search(before)) and not lower[f.j - 1].endswith("'s") \
        and not _RENAMED.match(" ".join(lower[f.j:f.j + 4])) and n.punct_after(f.j - 1) in (".", ",", "") \
        and (f.j >= len(lower) or lower[f.j] not in ("who", "that", "and", "from", "again"))


def plural_noun(n: Normalized, f: Found) -> bool:
    """PLURAL_NOUN: one word after a determiner or a quantifier, the plural of an everyday noun that is no first
    name ("different numbers", "them cards"; not "James", "Rogers", nor "Miles" said as a name), found by no strong
    cue."""
    word = f.name.lower()
    if f.cue in _STRONG_CUES or f.registered or " " in word or not word.endswith("s") or f.i == 0 \
            or lowered(n)[f.i - 1] not in _BEFORE_PLURAL and n.words[f.i - 1].kind != "num":
        return False
    stems = [stem for stem in (word[:-1], word[:-2] if word.endswith("es") else "") if len(stem) > 2]
    return any(stem in nouns() and stem not in any_first_names() for stem in stems)


KIN_WORD = rule(
    "people.kin-word-not-name", "a relation said alone as if a name ('at Nan's house', 'my son's dad', 'my neighbour "
    "Auntie') is the speaker's relative by their relation, not a named person, though a name list holds the word",
    said("He left a rose on my car outside Nan's house, then Tomos drove off.", "Tomos (subject)"),
    said("My neighbour Auntie saw Tomos kick the gate.", "Tomos (subject)"),
    said("My friend Nanette saw Tomos kick the gate.", "Nanette (witness), Tomos (subject)", fires=False))


def kin_word(f: Found) -> bool:
    """KIN_WORD: the whole name is one relation word ('Nan', 'Son', 'Auntie')."""
    word = f.name.lower().removesuffix("'s")
    return not f.registered and f.cue not in ("title", "misses") and " " not in word and word in RELATION_WORDS


_CONTRACTED = ("n't", "'re", "'ll", "'ve", "'m", "'d")


def contraction(f: Found) -> bool:
    """CONTRACTION: a word of the name is a contraction."""
    return not f.registered and any(w.lower().endswith(_CONTRACTED) for w in f.name.split())


def not_a_party(n: Normalized, words: list[str], f: Found, officers: frozenset[str]) -> str | None:
    """The rule that keeps a candidate out of the people: a police officer, a reference, an organisation."""
    lower = lowered(n)
    prev = lower[f.i - 1] if f.i > 0 else ""
    name = f.name.lower().split()
    if prev in POLICE_RANKS or len(name) > 1 and name[0] in POLICE_RANKS or (
            " ".join(name) in officers and f.cue not in ("registry", "fuzzy")):
        return OFFICER
    if any(_CODE.fullmatch(w) and w.lower() not in TITLES for w in f.name.split()) \
            or re.search(r"\b(?:reference|ref|number|no)(?: is| was)?$", " ".join(lower[max(0, f.i - 3):f.i])) \
            and not _named_after_no(n, f):
        return REFERENCE
    if prev in vocab.words("vehicle_makes") and f.cue not in ("registry", "fuzzy"):
        return CAR_MODEL
    after = lower[f.j:f.j + 4]
    if len(name) == 1 and name[0] in _place_words() and f.cue not in ("registry", "fuzzy"):
        return ORGANISATION  # "I went to Lidl": a shop (vocab/places.txt and your own places.txt)
    if name[-1] in ORGANISATION_ENDS or after[:1] and after[0] in ORGANISATION_ENDS or after[:2] and (
            after[0] in ("and", "&") and len(after) > 2 and after[2] in ORGANISATION_ENDS) or (
            lower[f.j - 1].endswith("'s") and after[:1] and after[0] in ORGANISATION_ENDS):
        return ORGANISATION
    return None


_SPELLING_WORDS = frozenset("""alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike
november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray yankee zulu""".split())


def _named_after_no(n: Normalized, f: Found) -> bool:
    """NOT_A_REFERENCE: 'Mr Pollock, no, Mr Osric Tunbridge', 'the same number Osric Tunbridge used': a title, or a
    first name and surname none of which spells a code, after 'no'/'number' is a person, not a reference."""
    words = f.name.lower().split()
    if any(w in _SPELLING_WORDS for w in words) or f.j < len(n.words) and n.words[f.j].kind != "word":
        return False
    return words[0] in TITLES and len(words) > 1 or len(words) > 1 and words[0] in cased_first_names()
