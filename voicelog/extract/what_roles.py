"""Who did the deed a trigger phrase names, for the categories (what.py).

A clause's doer comes from :mod:`voicelog.extract.clauses` (speaker, other, bystander,
associate, thing). Two refinements live here:

- the noun phrase right before a matched verb decides over the clause's role
  ("... and Tobias grabbed my arm", "... Nell's dad was parked"): :func:`local_role`;
- the people the account is about (the subjects found by who.py, by name or by
  the alias the person gave them) are the other person wherever they are named, even
  as a relation: in "my partner Bram shoved me" or "my stepdad Cyril trapped me in the hall",
  when that is who the account is about, the relation is the doer, not a bystander
  (:data:`DOER_NAMED_RULE`). Without it "my friend dragged me onto the bus" and "my ex
  dragged me" read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from voicelog.extract.clauses import (
    BYSTANDER_NOUNS,
    FILLER,
    SPEAKER,
    STRANGER,
    Clause,
    contracted,
    name_as_verb,
    subject_role,
    verbish,
)
from voicelog.extract.rules import rule, said

DOER_NAMED_RULE = rule(
    "categories.doer-named", "the person the account is about does the deed even when named as a relation "
    "('my partner Bram shoved me'), so a relation noun does not make them a bystander",
    said("Last night my partner Bram shoved me hard against the fridge.", "violence"),
    said("my neighbour torvald kicked my car door in and dented it", "property_damage"))

NAMED_BYSTANDER_RULE = rule(
    "categories.named-bystander", "once the account's subject is known, what someone else named does "
    "(shouting for help, texting the person) is not put down to the subject",
    said("Piers Wragg grabbed my arm at the bar and Tilly Brand yelled at him to let go.", "violence"))

_STOPLIKE = frozenset("""i me him her us them it to at in on of for from by with about up down out off over into onto
round around through across behind near outside opposite and but so then when while because that which who where as
than the a an this my his their our your there here not no never very too like um uh er erm just home back away
again also even really what how why if or morning night afternoon evening today yesterday tonight""".split())
_AUX = frozenset("was were had has have is are been just already still then also kept keeps had been was just "
                 "literally actually suddenly again really".split())


_INFORMAL_PEOPLE = frozenset("fella fellow feller chap geezer dude bloke guy".split())
"""Everyday words for a man that the clause splitter does not know as people."""


def local_role(text: str, start: int, role: str, doers: frozenset[str] = frozenset()) -> str:
    """The doer of the words at start: the noun phrase right before the verb ("... Tobias grabbed my arm",
    "... Nell's dad was parked") when there is one, else the clause's role; a phrase naming one of the doers
    (:func:`doer_words`) is the other person."""
    before = text[:start].split()
    k = len(before)
    while k > 0 and before[k - 1] in _AUX:
        k -= 1
    if k > 2 and before[k - 1] == "and" and before[k - 2] in ("came", "come", "comes", "went", "go", "goes"):
        k -= 2  # "his mate came and gave me": the one who came did it
    if k == 0:
        return role
    w = before[k - 1]
    if w in SPEAKER:
        return "speaker"
    if w in ("he", "she", "they", "someone", "somebody"):
        return "other" if role not in ("bystander",) or k != 1 else role
    if w in _STOPLIKE or w.endswith("ly"):
        return role
    j = k
    while j > 0 and k - j < 3 and before[j - 1] not in _STOPLIKE:
        j -= 1
    if j > 0 and before[j - 1] in ("my", "our", "his", "her", "their", "the", "a", "an", "this"):
        j -= 1  # "my friend grabbed", "the driver told"
    np = before[j:k]
    if doers and any(w in doers for w in np):
        return "other"
    if j > 0 and np[:1] == ["my"] and role == "other" and named(before[j - 1]) and before[j - 2:j - 1] not in (
            ["he"], ["she"], ["they"], ["i"], ["you"], ["we"]):  # "he see my car": a verb, not a name
        return role  # "mr voss my old tutor was waiting": the relation renames the one named before it
    r, _ = subject_role(np)
    if r == "thing" and np[:1] in (["the"], ["this"], ["that"]) and np[1:2] and np[1] in _INFORMAL_PEOPLE:
        return "other"  # "the fella Rico was parked up", "this geezer was sat outside"
    return r or role


def named(word: str) -> bool:
    """A word that names someone: a first name, or a word no dictionary knows, not a contracted pronoun ("it'd")."""
    from voicelog.extract.names import any_first_names, ordinary

    return word not in _STOPLIKE and word not in SPEAKER and not contracted(word) and (
        word in any_first_names() or not ordinary(word))


STRANGER_RULE = rule(
    "categories.stranger", "a negation that only says the doer is a stranger ('a bloke I never met', 'some girl I "
    "didn't recognise') does not deny the deed that follows it",
    said("A woman I'd never met trailed me from the ferry terminal along three streets to my gate.", "following"),
    said("A bloke I'd never seen before grabbed my arm outside the chip shop.", "violence"),
    said("I don't know why, but he never followed me after that.", "other", fires=False))
_STRANGER_ANYWHERE = re.compile(r"\b" + STRANGER)
_STRANGER = re.compile(r"\b" + STRANGER + " ?$")


def stranger(before: str) -> bool:
    """The words before a deed end in a negation that describes the doer, not the deed ("a chap I never met",
    "some girl I didn't recognise"): :data:`STRANGER_RULE`."""
    return bool(_STRANGER.search(before))


def spared(whole: str, ev: dict[str, list[str]]) -> list[str]:
    """[:data:`STRANGER_RULE`] when a deed found (ev: what.py's evidence) comes right after such a negation in the
    account's words (whole), else []."""
    for m in _STRANGER_ANYWHERE.finditer(whole):
        after = whole[m.end():m.end() + 30]
        if any(h and h in after for hits in ev.values() for h in hits):
            return [STRANGER_RULE]
    return []


def doer_words(names: Iterable[str]) -> frozenset[str]:
    """The words that name the people an account is about: each word of their names and of the aliases or
    phrases they were found by ("my partner Bram" gives partner, bram), less the small words and the everyday
    words of a phrase ("i reckon it's Bram" gives bram alone; a relation such as partner is kept)."""
    from voicelog.extract.names import any_first_names, ordinary

    out = set()
    for name in names:
        for w in re.findall(r"[^\W\d_][\w']*", name.lower()):
            if w in _STOPLIKE or w in FILLER or len(w) < 2 or w in ("ex", "mr", "mrs", "ms", "miss", "dr"):
                continue
            if ordinary(w) and w not in BYSTANDER_NOUNS and w not in any_first_names():
                continue
            out.add(w)
    return frozenset(out)


def with_doers(c: Clause, doers: frozenset[str]) -> Clause:
    """The clause's doer once the people the account is about are known (:data:`DOER_NAMED_RULE`,
    :data:`NAMED_BYSTANDER_RULE`): a subject naming one of them is the other person ("my partner bram shoved
    me"); a subject that is someone else's name is a bystander ("mrs quint leaned out and yelled for help")."""
    if not doers or c.role not in ("bystander", "other"):
        return c
    words = c.text.split()
    k = 0
    while k < len(words) and (words[k] in FILLER or words[k] in ("and", "then", "so", "but", "when", "because")):
        k += 1
    head = []
    for w in words[k:k + 5]:
        if (w in _AUX or verbish(w)) and w not in doers:
            break
        head.append(w)
    if any(w in doers for w in head):
        return replace(c, role="other") if c.role != "other" else c
    if c.role == "other" and head and (head[0] in _TITLES and len(head) > 1 or head[0] not in _STOPLIKE and named(head[0])
                                       and head[0] not in _PRONOUNS and not name_as_verb(head[:2])):
        return replace(c, role="bystander")
    return c


_TITLES = frozenset("mr mrs ms miss dr mister".split())
_PRONOUNS = frozenset("he she they he'd she'd they'd he's she's they're he'll she'll they'll they've someone somebody "
                      "someone's somebody's".split())
