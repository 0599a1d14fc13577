"""What happened: behaviour categories, following the evaluation README's rules.

A threat is `threats`; by message, call, voicemail, letter or note it is also
`unwanted_contact`. Other unwanted face-to-face contact is `unwanted_contact`.
A gift with a card is `gifts` alone. A message showing they watch or track the
person is `monitoring` and `unwanted_contact`. Contact through other people is
`third_party`.

Patterns are matched clause by clause (see :mod:`voicelog.extract.clauses`), so
what the speaker did ("I rang my mum") or a bystander did ("my friend dragged
me onto the bus") is not put down to the other person, and a negated deed ("he
didn't touch me") does not count.

The trigger phrases are data: vocab/what_*.txt, one regular expression a line (a new way of saying a threat is
a line there, not code). Each category is decided by a named rule (:func:`find_what_by_rule`, the
``categories.*`` rules below, each with its examples). The phrases stay regular expressions over clause text
rather than spaCy Matcher patterns: the clauses are strings built without the tagger (Vosk text has no
punctuation to split on), and most phrases need optional words and alternations that token patterns would spell
out at greater length with no gain; spaCy's PhraseMatcher is used where phrases are fixed (who.py's hedges).
"""

from __future__ import annotations

import bisect
import re

from voicelog.extract import vocab, what_roles
from voicelog.extract.clauses import SPEAKER, Clause, clauses, scanned
from voicelog.extract.normalize import Normalized
from voicelog.extract.what_layer import decide as layer_decide
from voicelog.extract.what_learned import decide
from voicelog.extract.what_roles import DOER_NAMED_RULE, NAMED_BYSTANDER_RULE, local_role, named, with_doers
from voicelog.extract.what_rules import (
    CATEGORY_RULES,
    CONTACT_FACE_RULE,
    CONTACT_REMOTE_RULE,
    LOITERING_PART_RULE,
    MONITOR_KNOWS_RULE,
    NOT_A_CALL_RULE,
    OTHER_FALLBACK_RULE,
    RELATION_ACTS_RULE,
    RELAYED_RULE,
    THIRD_ALONE_RULE,
    THIRD_BEHALF_RULE,
    contact_also,
)
from voicelog.extract.what_rules import brief_presence as _brief
from voicelog.extract.what_rules import not_a_call as _not_a_call
from voicelog.extract.what_rules import part_of_harm as _part_of_harm
from voicelog.extract.what_rules import relation_acts as _relation_acts
from voicelog.extract.what_rules import relayed as _relayed
from voicelog.extract.what_settle import settle
from voicelog.extract.what_tense import NARRATIVE_PRESENT_RULE, past_clauses, read_as_past
from voicelog.extract.what_threats import (
    THREAT_BY_MESSAGE_RULE,
    THREAT_CONDITIONAL_RULE,
    THREAT_FACE_RULE,
    THREAT_GESTURE_RULE,
    THREAT_GESTURES,
    THREAT_RULE,
    THREAT_SHAPE_RULE,
    THREATS,
    THREATS_CONDITIONAL,
    face_alone,
    part_of_threat,
    their_own,
    threat_shapes,
)
from voicelog.extract.what_threats import intended as _intended
from voicelog.extract.what_watched import watched


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


def _list(name: str) -> re.Pattern[str]:
    """A trigger list (vocab/<name>.txt, one regular expression a line) as one pattern; {rel} is a relation."""
    return _rx(*(e.replace("{rel}", _REL) for e in vocab.entries(name)))

# The trigger lists, each vocab/<name>.txt: one regular expression a line over a clause's lower-case words.
_REL = "(?:" + "|".join(vocab.entries("what_relations")) + ")"
"""The person's relations, work and circles (a list's {rel})."""
FOLLOWING = _list("what_following")
FOLLOWING_ANY = _list("what_following_any")
"""Following told from the person's side ("I switched lanes and so did she"): whoever the clause's subject is."""
LOITERING = _list("what_loitering")
LOITERING_ANY = _list("what_loitering_any")
"""Waiting about told from what was seen ("that grey hatchback opposite my gate once more"): whoever the clause's subject is."""
NOT_LOITERING = _list("what_not_loitering")
REMOTE_OTHER = _list("what_contact_by_them")
"""Direct contact from the other person by message, call or note."""
REMOTE_ANY = _list("what_contact_received")
LETTER_FROM = _list("what_contact_letter_from")
"""A letter, note or card from someone named, whoever handed it over: their contact."""
INSTITUTION = _list("what_institutions")
FACE = _list("what_contact_face")
ASSOC = _list("what_associate_speech")
"""An associate of the other person passing something on: third party."""
GIFTS = _list("what_gifts")
NOT_GIFT = _list("what_not_gifts")
DAMAGE = _list("what_damage")
DAMAGE_RESULT = _list("what_damage_result")
"""Damage told by what it did to a thing ("the rear wiper snapped clean off"): whoever the clause's subject is."""
VIOLENCE = _list("what_violence")
VIOLENCE_PASSIVE = _list("what_violence_passive")
"""'I was grabbed', 'I got hit': a violent deed with the speaker as object."""
MONITOR_ANY = _list("what_monitoring")
"""Signs of being watched or tracked, whoever did the deed."""
MONITOR_OTHER = _list("what_monitoring_by_them")
"""Watching or tracking by the other person, in their clauses or their words."""
MONITOR_SAID = _list("what_monitoring_said")
THIRD = _list("what_third_party")
THIRD_ANY = _list("what_third_party_received")  # a relation of the speaker receiving the contact
THIRD_ASKED = _list("what_third_party_any")
"""Someone asked to pass something on, or someone close contacted for them: whoever the clause's subject is."""
THIRD_BEHALF = _list("what_third_party_behalf")
"""Someone passing messages or acting on the other person's behalf."""
THIRD_ASKING = _list("what_third_party_asking")  # their associate asking about the person
THIRD_ASKED_ABOUT = _list("what_third_party_asked")
"""Someone asking other people about the person, or a go-between's "it's from a friend": any doer but the person."""
OTHER = _list("what_other")

NEG = re.compile(r"\b(?:didn't|did not|never|not|wasn't|weren't|hasn't|hadn't|haven't|doesn't|don't|won't|no one|nobody|none|"
                 r"without|couldn't|can't|no sign of)\b")


def _negated(text: str, start: int) -> bool:
    """A negation in the few words before a match: "he didn't touch me", "never threatened" (not "some lad I never met")."""
    before = text[max(0, start - 25):start]
    return bool(NEG.search(before)) and not re.search(r"\b(?:not|never) (?:only|just)\b", before) and not what_roles.stranger(before)


def _hits(found: list[re.Match[str]], c: Clause, roles: tuple[str, ...] | None, *, negation: bool = True,
          doers: frozenset[str] = frozenset(), by_doer: list[str] | None = None) -> list[str]:
    """Of a pattern's matches found in the clause, those whose doer (:func:`local_role`) is one of roles, not
    negated; by_doer collects those that count only because the doer names the account's subject."""
    out = []
    for m in found:
        if roles is not None and local_role(c.text, m.start(), c.role, doers) not in roles:
            continue
        if negation and _negated(c.text, m.start()):
            continue
        out.append(m.group(0))
        if by_doer is not None and roles is not None and doers and local_role(c.text, m.start(), c.role) not in roles:
            by_doer.append(m.group(0))
    return out

_SEEN = re.compile(r"\b(?:saw|see|seen|noticed|spotted|found|clocked|there was|there's|there were)\b")


def _seen_doing(rx: re.Pattern[str], c: Clause) -> bool:
    """ "I saw him standing by the shelter": the speaker's clause, the other person's deed."""
    if c.role != "speaker":
        return False
    for m in rx.finditer(c.text):
        before = c.text[max(0, m.start() - 40):m.start()]
        it_was = _IT_WAS.search(before)  # "when I looked out it was Gary Holden standing by the bins"
        is_named = it_was is not None and all(named(w) for w in it_was.group(1).split())
        seen = _SEEN.search(before)
        if seen and not _SOMEONE.search(before[seen.end():]) and not is_named:
            continue  # "there was a teddy bear sitting on the step": a thing, not someone waiting
        if (seen or is_named) and not _negated(c.text, m.start()):
            return True
    return False

_SOMEONE = re.compile(r"\b(?:him|her|them|he|she|they|someone|somebody|man|woman|guy|bloke|lad|fella|car|van|truck|"
                      r"ute|jeep|suv|motorbike|bike|[a-z]+'s car)\b|^ ?(?!a |an |the |some |his |her |my |our )[a-z']+ $")
"""Someone (or their vehicle) between "saw" and what they were doing: "saw him standing", "saw dean waiting"."""
_IT_WAS = re.compile(r"\bit (?:was|is) ((?:[a-z']+ ){1,2})$")

_SPEECH = frozenset(("said", "says", "told me", "saying"))
_REPORTERS = frozenset("""they it phone card note letter sign screen police officer brigade neighbour neighbours friend
mate manager boss mum mom dad sister brother attendant driver guard staff security doctor nurse receptionist teacher
witness flatmate housemate colleague coworker landlord landlady school secretary cousin son daughter wife husband
partner app email message text""".split())
_REPORTED_START = re.compile(r"^(?:that )?(?:it|someone|somebody|there|they|a man|a woman|a bloke|a guy|someone's)\b|"
                             r"^(?:that )?(?:he|she) (?:saw|seen|heard|noticed|spotted)\b(?! (?:me|you)\b)|^(?:nothing|not a word)\b")
"""Words after "said" that make it a report or silence: "said he saw him by the bins", "said nothing"."""


def _their_words(text: str, hit: str, other_gender: str | None) -> bool:
    """ "said"/"told me" as words the other person spoke to the speaker, not a report by someone else
    ("my neighbour said he heard", "the card said", "she said it looked like him", "my phone said someone")."""
    at = text.find(hit)
    before = text[:at].split()[-4:]
    after = text[at + len(hit):].strip()
    if any(w in _REPORTERS for w in before) or _REPORTED_START.match(after):
        return False
    pron = before[-1] if before else ""
    g = {"he": "m", "she": "f"}.get(pron)
    if g and other_gender and g != other_gender:
        return False  # "she said ..." when the account is about him: a witness speaking
    if hit == "saying":
        return True  # "walked behind me all the way saying my name": the participle goes with the clause's doer
    if pron and pron not in ("he", "she", "and", "then", "just", "also", "again", "once") and not pron.endswith("ly") \
            and pron not in SPEAKER and text.split()[:1] != [pron]:
        return False  # a named bystander or another noun speaking ("tony said")
    return True


VEHICLE = re.compile(r"\b(?:car|van|truck|ute|motorbike|bike|scooter|taxi|jeep|lorry|4x4|suv|pickup)\b")
_POSTED = re.compile(r"\b(?:letter|letters|note|notes|card|cards|parcel|parcels)$")
_TO_SPEAKER = (" me", "address", "email", "inbox", "number", "phone", "mobile", "landline")
"""How a contact hit ends when it reached the speaker, whatever relation follows ("emailed my work address")."""
_FROM_OWN = re.compile(r" from (?:my|our) (?:\w+ )?" + _REL + r"\b")
"""A call or message from the person's own relation or friend ("got a text from my aunt"): not their contact."""
_CALLING = ("calling me", "called me")
_TO_THEM = re.compile(r" (?:to )?(?:her|him|them)\b")
_WHAT_HE = re.compile(r"\bwhat (?:he|she|they) (?:\w+ )?$")  # "because of what he texted last week": a mention

_ASKED_MY = re.compile(r"\b(?:my|our) (?:\w+ )?" + _REL + r"(?: \w+){0,3} $")
"""The speaker's relation just before "asking where I ...": the one being asked."""


def _evidence(n: Normalized, doers: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Matched words per category (and per contact kind), clause by clause; doers are the words naming the people
    the account is about (:func:`voicelog.extract.what_roles.doer_words`)."""
    if n._cache.get("what_doers") == doers and "what" in n._cache:
        cached: dict[str, list[str]] = n._cache["what"]
        return cached

    by_doer: list[str] = []  # hits that count only because a relation named is the account's subject
    found: dict[tuple[str, int, str], list[re.Match[str]]] = {}  # several rules ask a list of the same clause

    def hits(rx: re.Pattern[str], c: Clause, roles: tuple[str, ...] | None, *, negation: bool = True) -> list[str]:
        return _hits(scanned(found, rx, c.text), c, roles, negation=negation, doers=doers, by_doer=by_doer)

    plain = clauses(n)
    cs, read_past = past_clauses(tuple(with_doers(c, doers) for c in clauses(n, doers)))  # categories.narrative-present
    ev: dict[str, list[str]] = {k: [] for k in ("following", "loitering", "gifts", "property_damage", "threats",
                                                "violence", "monitoring", "third_party", "other", "remote", "face",
                                                "relayed", "lingered", "loiter_in_act", "received")}
    # threats may span clauses ("said I know where your mum works"): match on the whole text
    starts, pos = [], 0
    for c in cs:
        starts.append(pos)
        pos += len(c.text) + 1
    threat_at: list[int] = []
    threat_face: list[str] = []  # approaches and "said"s taken by a face-to-face threat
    he = sum(w in ("he", "he'd", "he's", "he'll", "him", "his") for c in cs for w in c.text.split())
    she = sum(w in ("she", "she'd", "she's", "she'll", "her") for c in cs for w in c.text.split())
    other_gender = "m" if he > she else "f" if she > he else None
    whole = " ".join(c.text for c in cs)
    fired: list[tuple[str, str]] = []  # (category, rule) of the sub-rules that matched
    ev["relayed"] = _relayed(whole)
    if ev["relayed"]:
        ev["third_party"] += ev["relayed"]
        fired.append(("third_party", RELAYED_RULE))
    for rx, name in ((THREATS, THREAT_RULE), (THREATS_CONDITIONAL, THREAT_CONDITIONAL_RULE),
                     (THREAT_GESTURES, THREAT_GESTURE_RULE)):
        for m in rx.finditer(whole):
            j = max(0, bisect.bisect_right(starts, m.start()) - 1)
            c = cs[j]
            if _negated(whole[starts[j]:], m.start() - starts[j]) or c.role == "speaker" and not c.reported and not (
                    rx is THREAT_GESTURES and their_own(m.group(0))):  # "and running her thumb along her neck"
                continue
            if c.role == "bystander" and not c.reported and not m.group(0).startswith("threat"):
                continue
            ev["threats"].append(m.group(0))
            threat_at.append(j)
            fired.append(("threats", name))
    for at, words in threat_shapes(whole, tuple(p - 1 for p in starts[1:])):  # categories.threat-shape (owned by what_threats.py): a threat by its shape
        threat_at.append(max(0, bisect.bisect_right(starts, at) - 1))
        ev["threats"].append(words)
        fired.append(("threats", THREAT_SHAPE_RULE))
    for m in MONITOR_OTHER.finditer(whole):  # "saying he knows | where I am" spans clauses
        j = max(0, bisect.bisect_right(starts, m.start()) - 1)
        if cs[j].role in ("other", "associate", "thing") or cs[j].reported:
            if m.group(0).startswith("ask") and _ASKED_MY.search(whole[max(0, m.start() - 50):m.start()]):
                continue  # "messaged my sister asking where I work": a question through others, not knowledge
            if not _negated(whole[starts[j]:], m.start() - starts[j]):
                ev["monitoring"].append(m.group(0))
                fired.append(("monitoring", MONITOR_KNOWS_RULE))
    ev["monitoring"] += [words for words, _ in watched(whole)]  # what_watched.py: categories.monitoring-never-told,
    fired += [("monitoring", name) for _, name in watched(whole)]  # categories.monitoring-watching-you
    loiter_at: list[int] = []  # clauses with loitering that did not last or come back
    act_at: list[int] = []  # clauses with another act (following, violence, damage, words face to face)
    for i, c in enumerate(cs):
        t = c.text
        sizes = [len(ev[k]) for k in _ACT_KEYS]
        ev["following"] += hits(FOLLOWING, c, ("other", "associate")) + [
            h for h in hits(FOLLOWING, c, ("speaker", "bystander", "thing")) if h.startswith("was ")] + (
            hits(FOLLOWING, c, ("thing",)) if VEHICLE.search(t) else []) + hits(FOLLOWING_ANY, c, None)
        if not NOT_LOITERING.search(t):
            before = len(ev["loitering"])
            ev["loitering"] += [h for h in hits(LOITERING, c, ("other", "associate")) if not _intended(t, h)] + [  # "... sat in his van all afternoon"
                h for h in hits(LOITERING, c, ("speaker", "thing")) if re.search(
                    r"\b(?:his|her|their) (?:car|van|truck|ute|motorbike|bike|jeep|taxi)\b", t[t.find(h):t.find(h) + len(h) + 20])]
            ev["loitering"] += hits(LOITERING_ANY, c, None)
            if _seen_doing(LOITERING, c):
                ev["loitering"].append("seen")
            if len(ev["loitering"]) > before and LINGERED.search(t):
                ev["lingered"].append(t)
            elif len(ev["loitering"]) > before:
                loiter_at.append(i)
        if not NOT_GIFT.search(t) and not (c.role == "speaker" and re.search(r"\b(?:i|we) (?:bought|gave|sent|ordered|got him|got her)\b", t)):
            ev["gifts"] += hits(GIFTS, c, None)
        ev["property_damage"] += [h for h in hits(DAMAGE, c, ("other", "associate", "thing")) + hits(DAMAGE_RESULT, c, None) + (
            hits(DAMAGE, c, ("speaker", "bystander")) if re.search(r"\b(?:found|saw|noticed|came (?:out|back|home) to|had been|has been|were|was)\b", t) else [])
            if not _intended(t, h)]
        ev["violence"] += [h for h in hits(VIOLENCE, c, ("other", "associate")) if not _intended(t, h)] + (
            hits(VIOLENCE_PASSIVE, c, None) if c.role != "thing" else [])
        ev["monitoring"] += hits(MONITOR_ANY, c, None) + [h for h in hits(MONITOR_SAID, c, None) if c.reported or re.search(
            r"\b(?:saying|said|says|wrote|written|came through|came in|read|reads|texted|messaged|commented|dm'd)\b",  # "a text came | ..."
            (cs[i - 1].text[-40:] if i else "") + " " + t[:t.find(h)])]
        online = ("thing",) if re.search(r"\b(?:account|profile|page|it's been|it has been|it had been)\b", t) else ()
        ev["third_party"] += hits(THIRD, c, ("other", "associate", *online)) + [
            h for h in hits(THIRD_ANY, c, None) if not (h.startswith("ask") and c.role == "speaker")]  # "I asked my sister"
        behalf = hits(THIRD_BEHALF, c, ("other", "associate", "bystander", "thing")) + hits(THIRD_ASKED, c, None) + hits(
            THIRD_ASKING, c, ("associate",)) + hits(THIRD_ASKED_ABOUT, c, ("other", "associate", "bystander", "thing"))
        if behalf:
            ev["third_party"] += behalf
            fired.append(("third_party", THIRD_BEHALF_RULE))
        if not c.reported:
            ev["third_party"] += hits(ASSOC, c, ("associate",))
        ev["other"] += hits(OTHER, c, None)
        ev["remote"] += hits(LETTER_FROM, c, None, negation=False)  # "his mate handed me a letter from Tony"
        if not INSTITUTION.search(t) and not behalf:  # "got his sister to send me a message": relayed
            direct = [h for h in hits(REMOTE_OTHER, c, ("other", "thing")) if not _WHAT_HE.search(
                t[:t.find(h)]) and not re.search(
                r"\b(?:my|our|the kids') (?:\w+ )?" + _REL + r"\b", t[t.find(h):t.find(h) + len(h) + 30]) or h.endswith(_TO_SPEAKER)
                      or _POSTED.search(h)]  # "sent a letter to my work": for the person, wherever it came
            named = [h for h in direct if _not_a_call(h, t[t.find(h) + len(h):])]  # categories.not-a-call
            fired += [("not-a-call", NOT_A_CALL_RULE) for _ in named[:1]]  # name-calling is words, not a call:
            direct, ev["face"] = [h for h in direct if h not in named], ev["face"] + [h for h in named if h in _CALLING]
            received = [h for h in hits(REMOTE_ANY, c, None, negation=False)
                        if (c.role in ("speaker", "thing", "other") or c.reported) and not _FROM_OWN.match(t[t.find(h) + len(h):])]
            ev["remote"] += direct + received
            ev["received"] += received
        if c.role == "other" and not c.reported and not hits(THIRD, c, ("other", "associate")):
            for h in hits(FACE, c, None):
                if h in _SPEECH and not _their_words(c.text, h, other_gender):
                    continue
                if _TO_THEM.match(t[t.find(h) + len(h):]) and re.search(
                        r"\b(?:my|our) (?:\w+ )?" + _REL + r"\b", (cs[i - 1].text + " " if i else "") + t):
                    ev["third_party"].append(h)  # "turned up at my daughter's school and tried to talk to her"
                    continue
                gap = min((j - i for j in threat_at if j >= i), default=99)
                said_after = min((i - j for j in threat_at if j < i), default=99)  # "... nobody will, he said"
                if part_of_threat(h, gap, said_after):  # the approach and the words of a threat said face to face
                    threat_face.append(h)
                    continue
                ev["face"].append(h)
        if [len(ev[k]) for k in _ACT_KEYS] != sizes:
            act_at.append(i)
    first_act = min((j for j in act_at if j not in loiter_at), default=len(cs))
    if loiter_at and all(j in act_at or j > first_act for j in loiter_at):
        ev["loiter_in_act"].append("yes")  # standing about inside another act, or after it: part of it
    if (ev["remote"] or ev["face"] or ev["threats"]) and not ev["third_party"] and _relation_acts(whole, doers, by_message=bool(ev["remote"])):
        ev["third_party"].append("relation of theirs")
        fired.append(("third_party", RELATION_ACTS_RULE))
    if threat_face:
        fired.append(("threats", THREAT_FACE_RULE))
    if by_doer or any(a.role != b.role and a.role == "other" for a, b in zip(cs, plain, strict=True)):
        fired += [(cat, DOER_NAMED_RULE) for cat in ("violence", "property_damage", "following", "loitering") if ev[cat]]
    if any(a.role != b.role and a.role == "bystander" for a, b in zip(cs, plain, strict=True)):
        fired += [(cat, NAMED_BYSTANDER_RULE) for cat in ("violence", "property_damage", "following", "loitering",
                                                          "threats") if ev[cat]]
    fired += [("read-as", NARRATIVE_PRESENT_RULE)] if read_as_past(ev, read_past) else []
    fired += [("read-as", r) for r in what_roles.spared(whole, ev)]
    n._cache["what"] = ev
    n._cache["what_rules"] = fired
    n._cache["what_doers"] = doers
    return ev


LINGERED = re.compile(r"\b(?:wait(?:ed|ing|s)?|loiter\w*|lurk\w*|hang(?:ing|s)? (?:a)?round|hanging about|hung (?:a)?round|"
                      r"parked|sat (?:in|outside|there)|sitting (?:in|outside|there)|for (?:like |about |around |maybe |nearly |"
                      r"almost |over |at least |a good )?(?:ages|hours|an hour|over an hour|"
                      r"half an hour|\w+ minutes|\w+ hours|the (?:whole|entire) \w+)|all (?:night|day|evening|morning|afternoon)|"
                      r"again|every (?:day|night|morning|evening|week)|times|till|until|since|engine running|idling)\b")
"""Waiting that lasted or came back: loitering in its own right even beside other acts (LOITERING_PART_RULE)."""
_ACT_KEYS = ("following", "violence", "property_damage", "face")
"""The acts that standing about can be part of."""
TRIGGERS = {"following": (FOLLOWING, FOLLOWING_ANY), "loitering": (LOITERING, LOITERING_ANY),
             "violence": (VIOLENCE, VIOLENCE_PASSIVE), "property_damage": (DAMAGE, DAMAGE_RESULT), "gifts": (GIFTS,),
             "threats": (THREATS,), "monitoring": (MONITOR_ANY, MONITOR_OTHER), "third_party": (THIRD, THIRD_BEHALF),
             "unwanted_contact": (REMOTE_OTHER, REMOTE_ANY, FACE)}
"""Each category's trigger lists: when one matched and its rule still gave nothing, the fallback does not guess."""

GIFT_HANDING = frozenset(("gave me", "handed me", "hand me", "hands me"))
"""Handing over, which with a gift is the gift's delivery, not contact (README: a gift with a card is gifts alone)."""
WEAK_FACE = frozenset(("asked for", "asking for", "wants to talk", "wanted to talk", "came up behind me", "came up beside me",
                       "came up next to me", "came over"))
"""An approach or a request alone: face-to-face contact only when nothing else happened."""
RELAYED_SPEECH = frozenset(("said", "says", "told me", "asked for", "asking for", "shouting", "screaming", "yelling",
                            "kept saying", "going on about", "saying"))
"""Speech that, in an account of contact through others, is the go-between's report, not contact."""

# Single words that point at a category only weakly: one of these alone leaves the category in doubt.
WEAK_WORDS = frozenset("""
staring note letter comment comments present presents parcel tyre tyres bruise spit hacked tracking gps regret
calls buzzer doorbell screenshot broke broken scratch scratched damage damaged post threat threats card seen
dent dented destroyed wrecked grabbed said says
""".split())


def categories_unsure(n: Normalized, cats: tuple[str, ...], doers: frozenset[str] = frozenset()) -> bool:
    """True when a category rests on one weak keyword, or nothing matched and "other" is a fallback."""
    ev = _evidence(n, doers)
    if cats == ("other",) and not ev["other"] or n._cache.get("what_learned"):
        return True
    for c in cats:
        hits = set(ev.get(c) or ())
        if c == "unwanted_contact":
            hits = set(ev["remote"]) | set(ev["face"])
        if len(hits) == 1 and next(iter(hits)) in WEAK_WORDS:
            return True
    return False


def find_what_by_rule(n: Normalized, *, has_place: bool = True, doers: frozenset[str] = frozenset()
                      ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The categories (:func:`find_what`) and the rules (:mod:`voicelog.extract.rules`) that gave them."""
    cats = find_what(n, has_place=has_place, doers=doers)
    ev = _evidence(n, doers)
    fired: list[str] = []
    for cat in cats:
        if cat == "unwanted_contact":
            if ev["remote"]:
                fired.append(CONTACT_REMOTE_RULE)
                if "threats" in cats:
                    fired.append(THREAT_BY_MESSAGE_RULE)
            if ev["face"]:
                fired.append(CONTACT_FACE_RULE)
            fired += [n._cache["what_contact_also"]] if n._cache.get("what_contact_also") else []
        elif cat == "third_party" and n._cache.get("what_relayed") and "unwanted_contact" not in cats:
            fired += [CATEGORY_RULES[cat], THIRD_ALONE_RULE, *(name for c, name in n._cache["what_rules"] if c == cat)]
        elif cat == "other" and not ev["other"]:
            fired.append(OTHER_FALLBACK_RULE)
        elif ev.get(cat):
            subs = [name for c, name in n._cache["what_rules"] if c == cat]
            fired += subs if cat == "threats" else [CATEGORY_RULES[cat], *subs]
    if n._cache.get("what_loitering_part"):
        fired.append(LOITERING_PART_RULE)
    fired += [name for c, name in n._cache["what_rules"] if c in ("not-a-call", "kept-out", "read-as")]
    if n._cache.get("what_learned"):
        fired.append(n._cache["what_learned"])
    return cats, tuple(dict.fromkeys(fired))


def find_what(n: Normalized, *, has_place: bool = True, doers: frozenset[str] = frozenset(), learned: bool = True
              ) -> tuple[str, ...]:
    """Behaviour categories of the account, in a stable order; doers name the people it is about
    (:func:`voicelog.extract.what_roles.doer_words`); learned=False gives the rules' alone (none when none matched)."""
    ev = _evidence(n, doers)
    n._cache["what_loitering_part"] = n._cache["what_learned"] = None  # this call's, not an earlier call's
    cats: list[str] = []
    for c in ("following", "loitering", "gifts", "property_damage", "threats", "violence", "monitoring",
              "third_party", "other"):
        if ev[c]:
            cats.append(c)
    if "loitering" in cats and (not ev["lingered"] and ev["loiter_in_act"] or _part_of_harm(cats, ev["lingered"], n.lower)
                                or _brief(ev["loitering"], ev["lingered"], len(cats) > 1 or bool(ev["remote"] or ev["face"]))):
        cats.remove("loitering")  # "planted herself at my step yelling", "trailed me and lingered by the exit": part of the act
        n._cache["what_loitering_part"] = True
    # a gift sent or left, with or without a card, is gifts alone: "sent a", "sent flowers" is its delivery
    delivery = not re.search(r"\b(?:message|messages|text|texts|texted|email|emails|voicemail|dm|rang|phoned|called me|"
                             r"calls|messaged)\b", n.lower)
    gifts_only = bool(ev["gifts"]) and all(re.search(r"\b(?:card|note|letter)\b", h) or h in (
        "card", "note", "letter", "card saying", "card said") or delivery and re.match(r"(?:sent|send|sends|sending) ", h)
        for h in ev["remote"])
    remote_hits, face_hits = settle(cats, ev, n)  # categories.third-party-own-threat
    if ev["gifts"]:  # "the receptionist gave me a box of chocolates from him": the gift's delivery
        face_hits = [h for h in face_hits if h not in GIFT_HANDING]
    if ev["violence"]:  # "wouldn't let me leave" is the violence itself, not words besides it
        face_hits = [h for h in face_hits if not any(h in v or v in h for v in ev["violence"])]
    if face_hits and face_alone(ev, n._cache["what_rules"]):  # categories.threat-face-alone
        face_hits = []
    if ev["relayed"]:  # a go-between passing on their words: the approach or call is the go-between's
        remote_hits, face_hits = [], []
    if ev["third_party"]:  # what reached the person through others is third_party alone (README)
        remote_hits = [h for h in remote_hits if not any(h in t or t in h for t in ev["third_party"])
                       and h not in ev["received"]]  # "had a call", "got a message": whose, the account says through others
        face_hits = [h for h in face_hits if h not in RELAYED_SPEECH]
        n._cache["what_relayed"] = (remote_hits, face_hits) != (ev["remote"], ev["face"])
    remote = bool(remote_hits) and not (gifts_only and not ev["threats"])  # a threat in a gift's note is contact
    contact = remote
    # "said", "told me", "asked for" on their own are speech anywhere in the account (a neighbour said,
    # the card said, the fire brigade said): face-to-face contact only when nothing else happened.
    strong_face = [h for h in face_hits if h not in WEAK_FACE]
    if (strong_face or face_hits and not cats) and "violence" not in cats:  # words said while hurting: violence
        contact = True
    if "monitoring" in cats and remote:
        contact = True
    n._cache["what_contact_also"] = None if contact else contact_also(cats, ev, n.lower, " ".join(c.text for c in past_clauses(clauses(n))[0]))
    contact = contact or bool(n._cache["what_contact_also"])  # a post that shows watching, a threat relayed by message
    if contact:
        cats.append("unwanted_contact")
    if not learned:
        return tuple(cats)
    layered = layer_decide(n.lower, cats)  # categories.learned-layer, when vocab/what_layer.tsv is there
    if layered:
        out, n._cache["what_learned"] = layered
        return out
    joined = " ".join(c.text for c in clauses(n))
    triggered = [cat for cat, rxs in TRIGGERS.items() if any(rx.search(joined) for rx in rxs)]
    out, n._cache["what_learned"] = decide(n.lower, cats, triggered)  # categories.learned-vote / -fallback
    return out
