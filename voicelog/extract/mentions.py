"""Where a person is named in an account: the candidates for who.py, and what is never a person.

Sources, strongest first: the diary owner's registry of known people (known.py: names, aliases, near misses by
spelling or sound), titles ("Mrs Ekholm"), cue phrases ("my neighbour Nell", "a woman called Ruth Cattermole"),
spaCy's NER run on a truecased copy of lower-case text, the first-name lists, unknown word pairs, and first names
that are also everyday words told apart by their neighbours (names.name_sense). Fillers ("Erm Jack"), police
officers, reference codes and organisations are kept out (places: who_places.py). Word lists are data
(vocab/who_*.txt). Titles stay a lookup of the word before a name rather than spaCy Matcher patterns: the name
after a title is read by the same checks as any other (`_name_at`), and a one-token title needs no phrase matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from voicelog.extract import vocab
from voicelog.extract.name_cues import CUE_RARE_NOUN, NAMING, NICKNAME, named, nickname, rare_noun_name
from voicelog.extract.name_place_glue import PLACE_NOUN_NOT_FIRST, place_end
from voicelog.extract.name_surnames import rare_surname_word, surname_after_word_name
from voicelog.extract.name_tagger import TAGGER_PARTS, tagger_parts
from voicelog.extract.name_virtue import virtue_name
from voicelog.extract.names import (
    BLAME,
    BLAME_END,
    CUE_THEN_VERB,
    DATE_WORDS,
    FILLERS,
    MISSES_VERB,
    NOT_NAMES,
    PLACE_AFTER,
    PLACED_WITNESS,
    RELATION_WORDS,
    RELATIONS,
    STRONG_CUES,
    TIME_ENDS,
    TITLES,
    adverbs,
    any_first_names,
    cased_first_names,
    common_words,
    first_names,
    kin_not_title,
    listed_possessor,
    name_or_word,
    name_pairs,
    name_sense,
    nouns,
    ordinary,
    plural,
    stop_words,
    subject_verbs,
    surnames,
    third_name_word,
    verb_not_surname,
    word_as_name,
    word_form,
)
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.who_signed import SIGNED, signed_names

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# The rules that find people and give them their part; each name goes into Incident.rules["people"]
# (the registry's are in known.py).
TITLE = rule("people.title", "a civil title and the name after it, title kept (Mr, Mrs, Ms, Miss, Dr)",
             said("Mrs Ezeudu from number six saw him at the gate.", "Mrs Ezeudu (witness)"),
             said("doctor danquah was there when he grabbed me", "Dr Danquah (witness)"))
MISSES = rule("people.misses-title", "'misses' before a capitalised surname is the title Mrs as a recogniser "
              "writes it ('my neighbour misses Bhattacharya saw him')",
              said("My neighbour misses Bhattacharya saw him climb the fence.", "Mrs Bhattacharya (witness)"),
              said("He misses London a lot, he said.", None, fires=False))
CUE = rule("people.cue", "a name after 'called', 'named' or a relation ('my neighbour Nell', 'me mate Jo', 'the night manager Ade')",
           said("A man called Tobias Renn followed me off the tram.", "Tobias Renn (subject)"),
           said("my neighbour petra saw him at the window", "Petra (witness)"),
           said("me mate oluchi was with me, she saw him", "Oluchi (witness)"), said("The night manager Nkechi saw him.", "Nkechi (witness)"))
TAGGER = rule("people.tagger", "a person spaCy's named-entity tagger finds in cased text (or in a truecased copy)",
              said("Yesterday Tobias Renn waited outside the gym for an hour.", "Tobias Renn (subject)"))
LISTED = rule("people.first-name-list", "a capitalised word in the first-name lists (census, vocab/names.txt, your names.txt)",
              said("Then Clodagh yelled my name over the whole car park.", "Clodagh (subject)"))
PAIR = rule("people.unknown-pair", "two unknown words together in lower-case text, read as a first name and surname",
            said("dragos ionescu kept ringing me all night", "Dragos Ionescu (subject)"))
SENSE = rule("people.word-sense", "a first name that is also a word (will, mark, rose, hope, grant, bill, summer) "
             "is the name as a subject, after 'it was', after a greeting or a verb of meeting, or before 'my flatmate'; "
             "else the word",
             said("Will will be there again, he said so.", "Will (subject)"),
             said("Hope saw him follow me to the lights.", "Hope (witness)"),
             said("I was with Rose by the roses when he grabbed me.", "Rose (witness)"),
             said("mark followed me home and i had a mark on my arm", "Mark (subject)"),
             said("Bill kept ringing me. I paid the bill anyway.", "Bill (subject)"),
             said("i hope he stops, grant followed me home again", "Grant (subject)"),
             said("Summer was with me when he followed us, it was summer", "Summer (witness)"),
             said("I hope he stops. He drew a line on my car.", None, fires=False),
             said("it was summer and he followed me to the bus", None, fires=False),
             said("He sat outside for an hour. Summer, my flatmate, filmed him.", "Summer (witness)"),
             said("Amber across the road has noticed his car too.", "Amber (witness)"),
             said("last summer my cousin moved out and he kept calling", None, fires=False))
FILLER = rule("people.filler-not-name", "a hesitation (Erm, Um, Uh, Herm, Er) is never part of a name",
              said("Erm Jack followed me to the shop.", "Jack (subject)"),
              said("herm, jack was outside my house again", "Jack (subject)"))
DIALECT = rule("people.dialect-word-not-name", "a Scots or Caribbean function word (fae, tae, mi, pon, wid) is never a name",
               said("a note fae him through the letterbox, then ruairidh came tae the door", "Ruairidh (subject)", fires=False),
               said("Ezekiel grab mi hand an bruk mi phone pon di step", "Ezekiel (subject)", fires=False))
OFFICER = rule("people.officer-not-party", "a police officer (PC, DC, Sgt ...) is a police detail, not a person of the incident",
               said("The officer was PC Attwood and the log number is CAD 1234.", None),
               said("Sgt Fairbairn took my statement and Dr Bhattacharya saw it happen.", "Dr Bhattacharya (witness)", fires=False))
REFERENCE = rule("people.reference-not-person", "a reference number or code (CAD1234, crime reference 55) is never a person",
                 said("He rang me again. The log number is CAD1234 and the crime reference is AB 12345.", None))
ORGANISATION = rule("people.organisation-not-person", "a name that ends as an organisation's (Support, Aid, Police, Council), "
                    "or a shop or place of the places lists",
                    said("I told Avon and Somerset Police and Victim Support about him following me.", None),
                    said("At the bus stop he said Grace Baptist Church won't help me.", None),
                    said("At the bus stop he said Eastgate Housing was on his side.", None))
POSSESSOR = rule("people.possessor", "'Tara's husband Craig': Craig is the person, Tara is only mentioned (in "
                 "lower-case text a listed first name that is also a word too: 'treasure's husband')",
                 said("Tara's husband Craig followed me to work.", "Tara (other), Craig (subject)"),
                 said("yesterday treasure's husband rupert came to my gate shouting", "Treasure (other), Rupert (subject)"),
                 said("my sister's husband rupert came to my gate shouting", "Rupert (subject)", fires=False),
                 said("Sophie's uncle, Mr Bramley, was shouting at me outside.", "Sophie (other), Mr Bramley (subject)"))
UNKNOWN = rule("people.unknown-word", "a word no dictionary or list knows, where a name goes: before what a subject "
               "does at the start of a clause, before 'my ex', capitalised inside a sentence, or capitalised at a "
               "clause's start and taken up by 'he'/'she' ('Dzintars, he came') (marked unsure)",
               said("yesterday wojtek rang me eleven times", "Wojtek (subject)"),
               said("Nomathemba from next door heard him shouting at my window.", "Nomathemba (witness)"),
               said("Ifeoluwa, my ex, left flowers on my doorstep.", "Ifeoluwa (subject)"),
               said("Then the lad from the post room, Dzintars, he came again to my desk.", "Dzintars (subject)"),
               said("He keeps messaging me on Snapchat.", None, fires=False))
AFTER_TIME = rule("people.unknown-after-time", "a word no list knows, right after a time ('at half six', 'nine "
                  "o'clock', 'lunchtime') and before what a subject does, is a name (a time ends a clause in run-on "
                  "speech); a plural after a number ('three lads were') is not",
                  said("on tuesday at half twelve dobromir came up behind me at the market", "Dobromir (subject)"),
                  said("tonight about nine o'clock ekwueme come by the house shouting", "Ekwueme (subject)"),
                  said("at about eight three lads were waiting by my car", None, fires=False))
BLAMED_UNKNOWN = rule("people.unknown-blamed", "'it was X' closing the account or a clause: X, a word no list "
                      "knows, is the person who did it",
                      said("someone keyed my car last night and i know it was teodor", "Teodor (subject)"),
                      said("i turned round and walked off it was radomir", "Radomir (subject)"))
RULE_OF_CUE = {"title": TITLE, "misses": MISSES, "cue": CUE, "ner": TAGGER, "ner-part": TAGGER_PARTS, "list": LISTED, "nickname": NICKNAME,
               "rare-noun": CUE_RARE_NOUN, "pair": PAIR, "sense": SENSE, "possessor": POSSESSOR, "unknown": UNKNOWN,
               "after-time": AFTER_TIME, "blamed": BLAMED_UNKNOWN, "cue-verb": CUE_THEN_VERB,
               "signed": SIGNED, "after-place": PLACE_NOUN_NOT_FIRST}
"""Which rule found a person, by how they were found (known.py adds the registry's)."""


@dataclass
class Found:
    """One mention of a person (mutable: merging in who.py renames it to the fullest name)."""

    name: str
    """The name as it will be reported."""
    i: int
    """First word (index into Normalized.words)."""
    j: int
    """One past the last word."""
    registered: bool = False
    """From the diary's registry."""
    cue: str = ""
    """How it was found (a key of :data:`RULE_OF_CUE`)."""


def truecase_words(n: Normalized) -> list[str]:
    """Words for spaCy: as spoken when cased, else names and 'I' capitalised."""
    words = [w.text for w in n.words]
    if _cased(n):
        return words
    fn, sn, common, adv = first_names(), surnames(), common_words(), adverbs()
    pairs = name_pairs(n)
    lows = [w.lower() for w in words]
    out: list[str] = []
    prev_cap = False
    for k, w in enumerate(words):
        lw = w.lower()
        base = lw.removesuffix("'s")
        prev = out[-1].lower() if out else ""
        cap = False
        if lw == "i" or lw.startswith("i'"):
            cap = True
        elif name_or_word(base) and (sense := _sense(words, k)) is not None:
            cap = sense
        elif base in fn and base not in NOT_NAMES and base not in RELATION_WORDS:
            cap = True
        elif prev in TITLES and base not in common and not kin_not_title(lows, k - 1):  # not "my father went"
            cap = True
        elif prev_cap and k > 0 and (words[k - 1].lower() in any_first_names() or k > 1 and lower_at(words, k - 2)
                                     in TITLES) and (base.replace("'", "") in sn or _unknown(base)) and base not in NOT_NAMES \
                and base not in RELATION_WORDS and not words[k - 1].lower().endswith("'s") and base not in adv \
                and words[k - 1].lower() != base and base not in subject_verbs() \
                and lower_at(words, k + 1) not in _OBJECTS and not verb_not_surname(words, k) \
                and not third_name_word(out, words, k) and not rare_surname_word(base):  # "gavin thinks"
            cap = True
        elif k in pairs or (k - 1) in pairs:
            cap = True
        elif _WEEKDAY.fullmatch(lw):
            cap = True
        out.append(w[:1].upper() + w[1:] if cap else w)
        prev_cap = cap and lw != "i"
    return out


def _sense(words: Sequence[str], k: int, n: Normalized | None = None) -> bool | None:
    """names.name_sense for words[k] within its sentence (punctuation ends one in cased text)."""
    lo = [w.lower() for w in words]
    i, j = k, k + 1
    while i > 0 and k - i < 6 and not (n is not None and n.punct_after(i - 1) in (".", "?", "!", ";", ":")):
        i -= 1
    while j < len(lo) and j - k < 3 and not (n is not None and n.punct_after(j - 1) in (".", "?", "!", ";", ":", ",")):
        j += 1
    before = lo[i:k]
    blamed = bool(BLAME.search(" ".join(before[-4:]) + " ")) and bool(before)
    sense = name_sense(before, lo[k], lo[k + 1:j], blamed=blamed)
    if sense is None and n is not None and words[k][:1].isupper() and i < k and lo[k - 1] != "i":
        return True  # capitalised inside a sentence: cased text says it is a name
    if sense is None and lo[k + 1:k + 2] in (["my"], ["me"], ["his"], ["her"], ["our"]) \
            and lo[k + 2:k + 3] and lo[k + 2].removesuffix("'s") in RELATION_WORDS \
            and (k == 0 or lo[k - 1] not in ("last", "this", "next", "that", "in", "the", "a", "every", "since", "all")):
        return True  # "Summer, my flatmate, saw it": a relation in apposition says it is a person
    if sense is None and (lo[k + 1:k + 3] in (["one", "of"], ["1", "of"]) or lo[k + 1:k + 2] == ["from"] and lo[k + 2:k + 3]
                          and lo[k + 2] in ("my", "work", "next", "upstairs", "downstairs", "across", "church")):
        return True  # "Summer, one of the nurses, saw it", "grace from my choir heard it": a person
    if sense is None and (k + 1 < len(lo) and (lo[k + 1] in surnames() and not ordinary(lo[k + 1]) and lo[k + 1] not in
                          nouns() or surname_after_word_name(lo[k], lo[k + 1], unknown=_unknown(lo[k + 1]) and not (
                              _unknown(lower_at(lo, k + 2)) or lower_at(lo, k + 2) in surnames())))  # "rocky rakesh bhattar"
                          or PLACED_WITNESS.match(" ".join(lo[k + 1:k + 6]))):
        return True  # "hope mcbride rang", "rose at the counter heard it": a surname, or a witness at their post
    return sense


def _name_at(words: list[str], n: Normalized, k: int, *, loose: bool,
             doc: Doc | None = None) -> tuple[str, int] | None:
    """A one- or two-word name starting at word k, with its end."""
    if k >= len(words):
        return None
    lw = words[k].lower().removesuffix("'s")
    if k > 0 and words[k - 1].lower() in TITLES and lw in surnames() and lw not in stop_words() and lw not in NOT_NAMES \
            and n.words[k].kind == "word" and n.punct_after(k - 1) in ("", ".") \
            and not _first_and_surname(words, n, k, after_title=True):  # "Mr. Thorn"; "Mr Rasmus Tolland" goes on
        return words[k].removesuffix("'s"), k + 1  # "Mr Thorn", "Mrs Birch": a surname that is also a word
    if loose and not words[k][:1].isupper():
        lb = _POSSESSIVE.sub("", words[k].lower())
        if doc is not None and k < len(doc) and doc[k].pos_ not in ("PROPN", "NOUN", "ADJ") and (ordinary(lb) or len(
                lb) > 6 and lb.endswith(("ed", "ing")) and lb not in any_first_names()):  # "dad photoshopped it"
            return None  # the tagger calls unknown lower-case names verbs ("my friend hamza saw"): trust the cue
        if lb not in any_first_names() and (lb in nouns() or lb in common_words()):
            return None
    common = common_words()
    w = words[k]
    base = _POSSESSIVE.sub("", w)
    lb = base.lower()
    if lb in NOT_NAMES or (lb in common and not (loose and lb in any_first_names())) or not _WORDLIKE.fullmatch(base) or n.words[k].kind != "word":
        return None
    if not (base[:1].isupper() or loose):
        return None
    end = k + 1
    if not w.lower().endswith("'s") and end < len(words):
        nxt = _POSSESSIVE.sub("", words[end])
        nl = nxt.lower()
        surname_ok = nl in surnames() or (nl not in common and nl not in PLACE_AFTER)
        if nxt[:1].isupper() and surname_ok and nl not in NOT_NAMES and n.words[end].kind == "word" \
                and nl not in DATE_WORDS and nl != lb and not n.punct_after(k) and nl != "i" \
                and (_cased(n) or not verb_not_surname(words, end)) \
                and not nl.startswith("i'") and not (nl in first_names() and _first_and_surname(words, n, end)):
            # "Wayne, I'd know him anywhere"; "my mate tiago rory mullins": Rory Mullins is another person
            base = f"{base} {nxt}"
            end += 1
    return base, end


def _first_and_surname(words: list[str], n: Normalized, k: int, after_title: bool = False) -> bool:
    """'Mr Rasmus Tolland': after a title, a first name (or, right after the title, any word that is no everyday
    word) with a capitalised surname after it is the whole name."""
    nxt = words[k + 1].removesuffix("'s") if k + 1 < len(words) else ""
    first = words[k].lower() in first_names() or after_title and not ordinary(words[k]) \
        and (nxt.lower() in surnames() or _unknown(nxt))
    return first and nxt[:1].isupper() and not n.punct_after(k) and lower_at(words, k + 2) not in _OBJECTS \
        and nxt.lower() not in NOT_NAMES and nxt.lower() not in PLACE_AFTER and n.words[k + 1].kind == "word"


def lower_at(words: Sequence[str], k: int) -> str:
    """The word at k in lower case, '' past either end."""
    return words[k].lower() if 0 <= k < len(words) else ""


_OBJECTS = frozenset("me him her us them it".split())
"""After one of these a word is a verb ('kayley carry me'), so the word before it is no surname."""


def candidates(n: Normalized, words: list[str], doc: Doc | None) -> list[Found]:
    """Every unregistered mention that may be a person (overlapping; who.py picks)."""
    out: list[Found] = []
    lower = lowered(n)
    not_names = set()  # two-sense words their neighbours call the everyday word ("a mark", "I hope")
    for k, w in enumerate(words):
        base = w.removesuffix("'s")
        joined = k > 0 and words[k - 1][:1].isupper() and not n.punct_after(k - 1) \
            and words[k - 1].lower() not in NOT_NAMES  # "Chapel Row", not "Morning Grant"
        if name_or_word(base) and n.words[k].kind == "word" and not joined:
            sense = _sense(words, k, n)
            if sense is False:
                not_names.add(k)
            elif sense is True and (base.lower() not in first_names() or not base[:1].isupper()):
                got = _name_at(words, n, k, loose=True)  # the lists find "Drew", "Sarah" when cased
                if got:
                    out.append(Found(got[0][:1].upper() + got[0][1:], k, got[1], cue="sense"))
    for k, lw in enumerate(lower):
        at = k + 1
        while at < len(words) - 1 and lower[at] in FILLERS:  # "Mrs, um, Ezeudu"
            at += 1
        title = lw if lw in TITLES and not kin_not_title(lower, k) else \
            "missus" if lw == "misses" and _misses_title(n, words, at) else ""
        if title and at < len(words):
            got = _name_at(words, n, at, loose=True, doc=doc)
            head = got[0].split()[0].lower() if got else ""
            if got and (head not in first_names() and head != "i" and not _first_and_surname(words, n, at, True)
                        or got[1] == at + 1):
                surname = got[0].split()[0]
                nm = f"{TITLES[title]} {surname[:1].upper() + surname[1:]}"  # "Mr McCorquodale" as written
                out.append(Found(nm, k, at + 1, cue="title" if title == lw else "misses"))
            elif got:  # "Mr Rasmus Tolland": the whole name, a civil title kept ("Rev Jonah Wren" is Jonah Wren)
                civil = TITLES[title] + " " if TITLES[title] in ("Mr", "Mrs", "Ms", "Miss", "Dr") else ""
                out.append(Found(f"{civil}{got[0]}", k, got[1], cue="title"))
        left = " ".join(lower[sentence_start(n, k, 4):k])
        if (STRONG_CUES.search(left) or NAMING.search(left)) and (k not in not_names or NAMING.search(left)):
            got = _name_at(words, n, k, loose=True, doc=doc) or named(words, n, k, left)
            verb_cue = not got and not lower_at(lower, k - 1).endswith("'s") and word_as_name(words, n, k)
            rare = None if got or verb_cue else rare_noun_name(words, n, k, doc, left, _place_words())
            if got or verb_cue or rare:
                nm, end = got or verb_cue or rare or ("", k)
                out.append(Found(" ".join(w[:1].upper() + w[1:] for w in nm.split()), k, end,
                                 cue="cue" if got else "cue-verb" if verb_cue else "rare-noun"))
        nick = nickname(words, n, k, left, doc)
        if nick is not None:  # NICKNAME: "the one they call moth", everyday word or not
            out.append(Found(" ".join(w[:1].upper() + w[1:] for w in nick[0].split()), k, nick[1], cue="nickname"))
        # "Tara's husband Craig", "sophie's uncle": the possessor is mentioned
        if lw.endswith("'s") and k + 1 < len(lower) and lower[k + 1] in RELATION_WORDS and k not in not_names:
            base = words[k][:-2]
            if (base[:1].isupper() or _unknown(base)) and base.lower() not in NOT_NAMES \
                    and base.lower() not in common_words() | FILLERS or listed_possessor(lower, k, cased=_cased(n)):
                out.append(Found(base[:1].upper() + base[1:], k, k + 1, cue="possessor"))
    if doc is not None:
        for whole in doc.ents:
            if whole.label_ != "PERSON":
                continue
            for start, end, part in tagger_parts(n, words, whole.start, whole.end):
                if start >= end or (end - start == 1 and start in not_names):
                    continue
                ent = doc[start:end]
                toks = [t.text for t in ent]
                if not all(t[:1].isupper() for t in toks) or any(t.lower().removesuffix("'s") in NOT_NAMES
                                                                  or t.lower().removesuffix("'s") in stop_words() for t in toks):
                    continue
                if ent.end < len(lower) and lower[ent.end] in PLACE_AFTER:
                    continue
                if end - start == 1 and ordinary(lower[start]) and (end < len(lower) and lower[end] in _PRONOUNS
                                                                      or lower[start].endswith(("ing", "ed"))):
                    continue  # "Said he saw it", "Laughing, he drove off": an everyday word, not a name
                if end - start == 1 and (start == 0 or n.punct_after(start - 1) in (".", "?", "!")) \
                        and lower[start] in nouns() and (lower[start] not in any_first_names() or virtue_name(
                            lower[start]) and _sense(words, start, n) is not True):  # VIRTUE_NAME
                    continue  # "Driver stayed in the car", "Gift on the mat": a sentence's first word is capitalised
                if any(t.lower() in PLACE_AFTER or t.lower() in DATE_WORDS for t in toks):
                    continue
                prev = doc[ent.start - 1] if ent.start > 0 else None
                if prev is not None and (prev.lower_ in ("in", "towards", "near", "into", "at")
                                         or prev.pos_ in ("DET", "ADJ")):
                    continue  # "in Otley", "same red Fiesta"
                while len(toks) > 1 and toks[0].lower() == toks[1].lower():  # "Tobias. Tobias Ekholm."
                    toks, start = toks[1:], start + 1
                name = " ".join(_POSSESSIVE.sub("", t) for t in toks)
                out.append(Found(name, start, ent.end, cue="ner-part" if part else "ner"))
    if not _cased(n):
        for k in name_pairs(n):
            second = words[k + 1].removesuffix("'s")
            out.append(Found(f"{words[k]} {second}", k, k + 2, cue="pair"))
    out += _unknown_names(n, words, doc) + [Found(nm, k, k + 1, cue="signed") for nm, k in signed_names(n, words, _cased(n))]
    # capitalised name-list words spaCy missed (in cased text, the world's first names too)
    fn = cased_first_names() if _cased(n) else first_names()
    for k, w in enumerate(words):
        base = _POSSESSIVE.sub("", w)
        if base[:1].isupper() and base.lower() in fn and lower[k] != "i" and k not in not_names:
            got = _name_at(words, n, k, loose=False)
            if got:
                out.append(Found(got[0], k, got[1], cue="list"))
    return out


def _misses_title(n: Normalized, words: list[str], at: int) -> bool:
    """'misses Varley' in cased text: Mrs Varley, misheard (MISSES); never at the start of a sentence."""
    prev = words[at - 2].lower() if at > 1 else ""
    return _cased(n) and at < len(words) and words[at][:1].isupper() and words[at].lower() in surnames() \
        and words[at].lower() not in first_names() and not n.punct_after(at - 1) and prev not in MISSES_VERB


_PRONOUNS, POS_NOT = frozenset("i he she they we you it".split()), ("ADJ", "DET", "NUM")  # POS_NOT: "a silver Corsa"
_CODE = re.compile(r"[A-Za-z]*\d[\w/-]*|[A-Z]{2,}")


_TAKEN_UP = re.compile(r"(?:he|she) (?!and\b|or\b|is\b|was\b)\w+")
"""Cased text, after a capitalised name at a clause's start: 'Wojtek, he came again' (the name taken up)."""
_CLAUSE_START = frozenset("""and then so but when because cos yesterday today tonight again also now later earlier
apparently suddenly well oh um uh erm er morning afternoon evening night""".split())
_NOT_AFTER = frozenset("""a an the this that his her their our your my its some any every on in at to into onto from
via near by past towards toward outside inside of for with about""".split())


@cache
def _subject_verbs() -> str:
    return "|".join(sorted(subject_verbs() | {"turned up", "keeps", "kept", "has been", "had been"}, key=len, reverse=True))


_WORDLIKE = re.compile(r"[^\W\d_][\w'-]+")
"""A name is two letters or more: a lone letter ("F. E.") is a misheard or spelt-out name, never one."""
_UPPER = re.compile(r"[A-Z]")
_WEEKDAY, _POSSESSIVE = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"), re.compile(r"'s$")


def _cased(n: Normalized) -> bool:
    """Cased text (Whisper) rather than Vosk's lower case."""
    return bool(_UPPER.search(n.original))


def sentence_start(n: Normalized, k: int, most: int) -> int:
    """Where the words before word k begin, at most ``most`` back and never before a full stop, ? or !."""
    i = k
    while i > max(0, k - most) and n.punct_after(i - 1) not in (".", "?", "!"):
        i -= 1
    return i


def lowered(n: Normalized) -> list[str]:
    """The account's words in lower case, worked out once (who.py and this module ask for them per mention)."""
    if "lowered" not in n._cache:
        n._cache["lowered"] = [w.lower for w in n.words]
    out: list[str] = n._cache["lowered"]
    return out


@cache
def _deeds() -> str:
    return "|".join(vocab.entries("who_deeds"))


def _unknown(word: str) -> bool:
    """A word no dictionary or word list here knows: in speech, most often a name ("wojtek", "Thandiwe")."""
    w = word.lower().removesuffix("'s")
    return len(w) >= 3 and w.isalpha() and not ordinary(w) and w not in nouns() and w not in NOT_NAMES \
        and w not in any_first_names() \
        and w not in DATE_WORDS and w not in PLACE_AFTER and w not in RELATION_WORDS and w not in stop_words() \
        and w not in _place_words() and not word_form(w)


@cache
def _place_words() -> frozenset[str]:
    words = {entry for entry in vocab.entries("places") if " " not in entry}  # "lidl", not "john lewis"
    return frozenset(words | {w.removesuffix("'s") for w in words})


def _unknown_names(n: Normalized, words: list[str], doc: Doc | None) -> list[Found]:
    """Words no list knows, where a name goes: before what a subject does at the start of a clause ("wojtek rang
    me"), before "my ex" and the like ("Ravi, my ex, ..."), or capitalised inside a sentence in cased text."""
    cased = _cased(n)
    # the tagger's places are not names; its ORG for an unknown name at the start of a sentence often is one
    other_ents = {t.i for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") for t in e} if doc is not None else set()
    lower = [w.lower() for w in words]
    out = []
    for k, w in enumerate(words):
        if n.words[k].kind != "word" or not _unknown(w) or (cased and not w[:1].isupper()):
            continue
        start = k == 0 or n.punct_after(k - 1) in (".", "?", "!", ";", ":", ",") or lower[k - 1] in _CLAUSE_START
        timed = not start and (n.words[k - 1].kind != "word" or lower[k - 1] in TIME_ENDS or not cased and place_end(
            lower, k)) and not plural(lower[k])  # PLACE_NOUN_NOT_FIRST: "by the canal dobromir kicked"
        end = k + 1  # "Later Gwion Tremlett came over": an unknown first name and a surname
        if k + 1 < len(words) and cased and words[k + 1][:1].isupper() and not n.punct_after(k) \
                and (lower[k + 1].removesuffix("'s") in surnames() or _unknown(words[k + 1])) and lower[k + 1] not in NOT_NAMES:
            end = k + 2
        nxt = re.sub(r"^(?:again|then|just|also|suddenly|still|only) ", "", " ".join(lower[end:end + 3]))  # "radu again"
        verb = lower[end] if end < len(lower) else ""
        acts = bool(re.match(rf"(?:who (?:\w+ )?)?(?:{_subject_verbs()}|{_deeds()})\b", nxt)) or (
            verb.endswith("ed") and ordinary(verb)) or bool(re.match(
            r"(?:from (?:next door|upstairs|downstairs|across the road|over the road|number)|(?:my|his|her|our) "
            rf"(?:{RELATIONS})\b)", nxt)) or cased and bool(_TAKEN_UP.match(nxt))
        if k in other_ents and not (n.punct_after(k) == "," and re.match(rf"(?:my|his|her|our) (?:{RELATIONS})\b", nxt)
                                    or acts and end == k + 2 and n.punct_after(k - 1) == ","):  # ", Gwion Tremlett, rang"
            continue  # a place, unless a relation renames it ("Zorana, my ex's sister") or a full name does a deed
        inside = cased and k > 0 and (not start and lower[k - 1] not in _NOT_AFTER or end == k + 2 and n.punct_after(
            k - 1) == ",") and not words[k - 1][:1].isupper() and not (doc is not None and doc[k - 1].pos_ in POS_NOT)
        blamed = not cased and end == len(words) or end < len(words) and n.punct_after(end - 1) in (".", "!", "?") \
            or lower_at(lower, end) in _CLAUSE_START
        blamed = blamed and bool(BLAME_END.search(" ".join(lower[max(0, k - 3):k]) + " "))
        if (start and acts) or inside or blamed or (timed and acts):
            name = " ".join(x.removesuffix("'s")[:1].upper() + x.removesuffix("'s")[1:] for x in words[k:end])
            cue = "unknown" if (start and acts) or inside else ("after-place" if place_end(lower, k) else
                                                                 "after-time") if timed and acts else "blamed"
            out.append(Found(name, k, end, cue=cue))
    return out

