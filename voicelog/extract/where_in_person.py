"""Whether an account of calls, messages or posts had anyone there in person (rule ``location.not-in-person`` of
:mod:`voicelog.extract.where`): contact at a distance has no place, unless someone other than the speaker came,
stood, knocked, pried ... (vocab/where_presence.txt phrases, vocab/where_presence_verbs.txt verbs)."""

from __future__ import annotations

import re
from functools import cache

from voicelog.extract import vocab
from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import phrases_rx, wl

NOT_IN_PERSON = rule("location.not-in-person", "Messages, calls and posts with nobody there in person have no place.",
                     said("He sent me ten messages on Instagram calling me names.", None, fires=False),
                     said("he messaged me on instagram while i was at the gym", None, fires=False),
                     said("His cousin come up at the bus stop and hand me a letter from him.", "the bus stop", fires=False),
                     said("I got an SMS from him, he wrote that he saw my car parked by the Tesco last night.", None,
                          fires=False),
                     said("he pulled up alongside me on tanners lane and told me to answer his messages",
                          "tanners lane", fires=False),
                     said("He stopped me in the post office queue on Mill Road and said I'd regret it.",
                          "the post office queue on Mill Road", fires=False),
                     said("He messaged me that he was outside, and when I peeked through the blinds he was standing by the lamppost.",
                          "by the lamppost", fires=False),
                     said("Someone got in while I was out and left a rose on the kitchen table. I rang 999.",
                          "the kitchen table", fires=False),
                     said("He texted me all evening, then he crosses the road at the Texaco on Pell Street and spits "
                          "at me.", "the Texaco on Pell Street", fires=False),
                     said("She rang six times. The last one came in at nine: she'll come to my work and smash my car.",
                          None, fires=False),
                     said("somebody kept ringing my doorbell at the flat on dene road and i saw on my phone it was him",
                          "the flat on dene road", fires=False),
                     said("My gran rang this afternoon and said that Rory had been to her house in Dunmore, shouting.",
                          "her house in Dunmore", fires=False),
                     said("yesterday rory went round to my brother's flat in hillfield asking for me then sam rang me",
                          "my brother's flat in hillfield", fires=False),
                     # "in touch", "for stealing": a preposition, no one doing it; "came in the post": a letter
                     said("His sister got in touch again, she rang me at work at two asking for the car keys back.", None,
                          fires=False),
                     said("He called my office in Dunmore and told my boss I was sacked for stealing.", None, fires=False),
                     said("a letter came in the second post to the flat from dale saying i'll pay for it", None, fires=False),
                     # only a threat or a plan ("he'll be waiting"); "will turned up" is someone called Will
                     said("He rang from a withheld number and said nothing. He'll be waiting at the bus stop on Friday, "
                          "he says.", None, fires=False),
                     said("will turned up at my door and kept ringing the bell", "my door", fires=False),
                     # "a man called Bas" names him; a thing sent to the person's work arrived at a place
                     said("on sunday a man called bas at the bowling club took photos of me and my son with his phone",
                          "the bowling club", fires=False),
                     said("She sent a box of dead roses to my work, the bakery on Quillon Row, with a note saying I'm next.",
                          "the bakery on Quillon Row", fires=False),
                     said("he sent a parcel to the house with a note saying he misses me", None, fires=False),
                     said("i received two emails at work off him and now i'm scared to go back to my flat on pell street", None,
                          fires=False))
_OWN_CALLS = re.compile(r"\b(?:i|we|i'm|we're)(?: \w+)? (?:called|rang|phoned|rung|call|ring|ringing|calling|phoning|dialled)(?: up)? (?:the police"
                        r"|the cops|the guards|911|999|101|nine one one|nine nine nine|one oh one|my \w+|the \w+)")
"""Calls the person made (rule ``not-in-person`` counts only contact from others)."""
_MARKS = {".": " .", "?": " .", "!": " .", ";": " .", ",": " ,"}
"""Punctuation kept as words where a reported message must stop at it (rule ``not-in-person``)."""


def not_in_person(account: Normalized) -> bool:
    """Rule ``not-in-person``: contact at a distance, with no sign of anyone there."""
    lower = _OWN_CALLS.sub(" ", account.lower)  # "I called 999", "my sister rang the police": the person's own calls
    lower = _NAMED.sub(r"\1 named", lower)  # "a man called Bas": a name, not a call
    if _TO_WORK.search(lower):
        return False  # "he sent a parcel to my work", "a letter came at the office": it arrived at a place
    marked = " ".join(word.lower + _MARKS.get(account.punct_after(i), "") for i, word in enumerate(account.words))
    # what a message said ("saying he saw my car outside hers") is not where anything happened; it ends at a full
    # stop or a comma ("saying he was outside, and when I looked he was by the lamppost")
    deeds = re.sub(phrases_rx("reported").pattern + r"(?: that)?(?: [^ .,]+){0,14}", " ", marked)
    # where the speaker was, or is now ("I'm at my sister's": rule where-i-am-now)
    deeds = re.sub(r"\b(?:i|we)(?: was| were| am|'m|'re| are)(?: staying| stopping| still| now| back)? (?:at|in|on|out|outside)\b",
                   " ", deeds)
    places = wl("heads") | wl("streets")
    remote = any((re.findall(r"[\w']+", lower[match.end():match.end() + 20]) or [""])[0] not in places
                 for match in phrases_rx("remote").finditer(lower))  # "the ring road", "the post office": places
    deeds = _LEFT_A_MESSAGE.sub(" ", deeds)  # "she left a voicemail": a message, nobody at the door
    deeds = _BY_POST.sub(" ", deeds)  # "it came in the second post": a letter arriving, nobody at the door
    return remote and not _presence(deeds) and not _someone_there(deeds) and not _visit_reported(lower)


_NAMED = re.compile(r"\b((?:a|an|the|this|that|one|some) (?:\w+ )?(?:man|woman|guy|lad|girl|boy|bloke|fella|fellow|chap|lady"
                    r"|person|someone|somebody|account|profile|page|user|group)) called\b")
"""A person or account said by name ("a man called Bas", "an account called ..."): no phone call."""
_TO_WORK = re.compile(r"(?<!will )(?<!'ll )(?<!gonna )(?<!going to )\b(?:sent|sends|send|sending|came|come|comes|arrived|"
                      r"delivered|got|received)(?: (?!e ?mails?\b|messages?\b|texts?\b|calls?\b|voicemails?\b)[\w']+){0,5}? "
                      r"(?:to|at) (?:my |the |our )?(?:work|office|workplace|halls|reception)\b"
                      r"(?! address| email| e mail| line| phone| number)")
"""Something sent or brought to the person's work or halls: it arrived there, a place as much as a visit (people name
that place; a letter to the house names none); not an email or a call, nor a threat to come."""
_BY_POST = re.compile(r"\b(?:came|come|comes|arrived|arrives)(?: in| with| through| by)? (?:the |today's |this morning's |"
                      r"yesterday's )?(?:[\w']+ )?(?:post|mail)\b(?! office| box)"
                      r"|\b(?:was|were|is) at (?=\d)")
"""A letter coming in the post, and "that was at 10 40" (a time): no sign of anyone there (rule ``not-in-person``)."""
_NOT_YET = re.compile(r"\b(?:will|wo|gonna|might|going to|want to|wants to|[a-z]+'ll)(?: \w+)?(?: be)? $|\b[a-z]+'d be $")
"""Just before a sign of presence: only a threat or a plan ("he'll be waiting", "she'll come up to my work")."""


def _presence(deeds: str) -> bool:
    """A phrase of vocab/where_presence.txt that says someone was there, not that they will be (rule
    ``not-in-person``: "he says he will be waiting outside" is no visit; "Will turned up" is one: a past form after
    "will" makes it a name)."""
    for match in phrases_rx("presence").finditer(deeds):
        not_yet = _NOT_YET.search(deeds[max(0, match.start() - 30):match.start()])
        if not_yet is None or " be " not in not_yet.group(0) + " " and match.group(0).split()[0].endswith("ed"):
            return True
    return False


_VISITED = re.compile(r"\b(?:said|says|to say|told me|telling me|saying)(?: that)? ((?:[\w']+ ){0,3}?[\w']+)(?: had| has|'d| was)?"
                      r"(?: just| already)? (?:turned up|been round|been over|been to|came round|come round|came over|"
                      r"come over|came by|come by|came to|come to|went round|gone round|showed up|knocked)\b")
"""A visit someone else reports: "my gran said Rory had been round to hers", "she told me that a lad called Bas had
come to the door" (rule ``not-in-person``'s exception)."""
_SELF_REPORTED = frozenset("""he she they he'd she'd they'd he's she's they've they're i we you i'd we'd you'd i'm it
that there this someone somebody""".split())
"""Subjects of a reported visit that make it only a claim or a plan ("he said he'd come round")."""
_CLAUSE_WORDS = frozenset("and but so when then if because or not never".split())
"""Words that cannot be inside the subject of a reported visit ("she said I was out when he came round")."""


def _visit_reported(lower: str) -> bool:
    """Rule ``not-in-person``'s exception: someone told the person that a named other came round ("she said Rory
    turned up at hers"): that visit happened in person, though only reported (not "he said he'd come round")."""
    return any(not set(match.group(1).split()) & (_SELF_REPORTED | _CLAUSE_WORDS) for match in _VISITED.finditer(lower))


_NOT_OTHERS = frozenset("""i we i'd we'd i'm i've you to will would 'll gonna could might may can if not don't didn't
never won't wouldn't should must it this that one which what there number kids children a an the my
your his her our their no for of about in with without from by into""".split())
"""Before a verb of presence: the speaker (or their children coming home) did it, a thing did ("a letter came"),
or it did not (yet) happen ("she will come to my work"); after a preposition it has no subject ("sacked for
stealing", "in touch")."""
_TOLD = frozenset("said says saying told tells telling claimed claims wrote writes texted messaged".split())
"""Before the subject of a verb of presence: it was only told ("he said he'd driven past my flat")."""
_LEFT_A_MESSAGE = re.compile(r"\bleft (?:me )?(?:a|an|another|two|three|\w+ more) (?:\w+ )?(?:voicemail|voice mail|"
                             r"voice note|message|comment|review|text|missed call)s?\b")
_COME = frozenset("come came comes coming".split())
_COME_WHERE = frozenset("in into inside up over round around by to back across out down along and".split())
"""After "came": the person came somewhere ("came in", "came round"), not a message arriving ("it came at six")."""
_WENT, _WENT_WHERE = frozenset(("went", "gone")), frozenset("round around over into inside".split())
""""went round", "gone over": a visit somewhere (went alone is too common: "he went mad on the phone")."""
_BETWEEN = frozenset("just then had has have was were is 'd already still even also been be being".split())


@cache
def _presence_forms() -> frozenset[str]:
    """Every form of the verbs of presence (vocab/where_presence_verbs.txt), read once."""
    return frozenset(form for line in vocab.entries("where_presence_verbs") for form in line.split())


def _someone_there(deeds: str) -> bool:
    """Rule ``not-in-person``'s exception: a verb of presence (vocab/where_presence_verbs.txt) done by someone other
    than the speaker ("she came in", "he crosses the street", "somebody pried it open"; not "I walked home", "we
    were waiting", "she will come to my work and break the door", "the number came back")."""
    forms = _presence_forms()
    words = re.findall(r"[\w']+", deeds)
    last: tuple[int, bool] | None = None  # the last verb of presence and whether someone else did it
    for k, word in enumerate(words):
        if word in _WENT and k + 1 < len(words) and words[k + 1] in _WENT_WHERE and 0 < k:
            pass  # "Rory went round to my brother's flat": a visit
        elif word not in forms or k == 0 or word in _COME and (k + 1 == len(words) or words[k + 1] not in _COME_WHERE):
            continue
        j = k - 1
        while j > 0 and (words[j] in _BETWEEN or words[j].endswith("ly")) and k - j < 4:
            j -= 1
        subject = words[j]
        if subject == "and":  # "he will come round and break ...": the verb before says who, and whether it happened
            other = last is not None and k - last[0] < 8 and last[1]
        else:
            other = not (subject in _NOT_OTHERS or subject.endswith("'ll") or subject[0].isdigit()
                         or j > 0 and words[j - 1] in _TOLD)
        if other:
            return True
        last = (k, other)
    return False
