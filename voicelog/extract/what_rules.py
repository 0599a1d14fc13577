"""The named rules of the categories (:mod:`voicelog.extract.what` applies them): each name goes into
``Incident.rules["categories"]`` when its category is given, with invented examples the rule tests run."""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said
from voicelog.extract.what_roles import named
from voicelog.extract.what_settle import (
    CONTACT_BEFORE_HARM_RULE,
    PHOTO_DELIVERED_RULE,
    contact_before_harm,
    photo_delivered,
)
from voicelog.extract.what_threats import THREAT_RULE

FOLLOWING_RULE = rule("categories.following", "they followed, tailed or came after the person",
                      said("He followed me all the way home from the bus stop.", "following"))
LOITERING_RULE = rule("categories.loitering", "they waited, stood or sat about where the person lives, works or goes",
                      said("He was standing outside my house for an hour.", "loitering"),
                      said("He knocked for ages and then stayed out on the landing muttering until the caretaker came.",
                           "loitering"),
                      said("I stayed at my cousin's in Leeds that night.", "other", fires=False))
GIFTS_RULE = rule("categories.gifts", "flowers, presents or a card left or sent (with a card it is gifts alone)",
                  said("There were flowers on my doorstep with a card.", "gifts"))
DAMAGE_RULE = rule("categories.property-damage", "something of the person's damaged: tyres, windows, paint, garden",
                   said("Someone slashed my tyres in the night.", "property_damage"),
                   said("someone let both my back tyres down again", "property_damage"),
                   said("Somebody put a brick through the back window of the van last night.", "property_damage"),
                   said("someone had glued the lock on my shed so i couldn't get in", "property_damage"),
                   said("He reversed into my car in the supermarket car park on purpose.", "property_damage"),
                   said("he grabbed my tablet off me and flung it into the canal", "property_damage"),
                   said("The lock on the side gate had been forced when I got back from work.", "property_damage"))
VIOLENCE_RULE = rule("categories.violence", "they touched, grabbed, pushed or hurt the person (not a thing taken from "
                     "them or the way barred, alone)",
                     said("He pushed me against the wall.", "violence"),
                     said("He shoved me against the lockers and grabbed my keys off me.", "violence"),
                     said("He snatched my phone off me at the bar and read through my messages.", "other", fires=False),
                     said("She stood in the doorway of the staff room and wouldn't let me past until I gave her my "
                          "number.", "unwanted_contact", fires=False))
MONITORING_RULE = rule("categories.monitoring", "signs of being watched or tracked (vocab/what_monitoring.txt)",
                       said("I found a tracker in my bag.", "monitoring"),
                       said("He was out on his balcony with binoculars trained on my garden again.", "monitoring"),
                       said("i got a text from an unknown number saying nice new bike", "monitoring, unwanted_contact"),
                       said("He leaned out of his van and said you look lovely in that red jumper.",
                            "monitoring, unwanted_contact"),
                       said("A card came through the door saying hope you enjoyed the film on Friday.",
                            "monitoring, unwanted_contact"),
                       said("My neighbour has put a camera on his shed that looks right into my bedroom.", "monitoring"),
                       said("He messaged me to say wait till I see you at the gym on Monday.", "unwanted_contact",
                            fires=False))
MONITOR_KNOWS_RULE = rule(
    "categories.monitoring-knows", "they know where the person went, what they wore or did (vocab/what_monitoring_by_them.txt)",
    said("He texted me saying he knew what I was wearing today.", "monitoring, unwanted_contact"),
    said("he rang me and he knew where i went last night", "monitoring, unwanted_contact"),
    said("Oona stopped me by the lockers at work and said she knows I always leave at six.", "monitoring, unwanted_contact"),
    said("I know I left the shed locked, and this morning someone had smashed the shed window.", "property_damage",
         fires=False),
    said("Petra rang me at work to say her whole family knows what I did.", "unwanted_contact", fires=False),
    said("She cornered me by the bins and said the whole street knows what I'm like.", "unwanted_contact", fires=False))
THIRD_RULE = rule("categories.third-party", "contact through the person's family, friends or work",
                  said("His sister rang my boss and told her I steal.", "third_party"))
THIRD_BEHALF_RULE = rule(
    "categories.third-party-behalf", "someone passing messages or asking questions for them (vocab/what_third_party_*.txt)",
    said("His mate came into my work asking questions about me on his behalf.", "third_party"),
    said("his sister keeps messaging my mum to pass on messages", "third_party"))
THIRD_ALONE_RULE = rule(
    "categories.third-party-alone", "what reached the person only through others is not also unwanted_contact",
    said("His sister rang my mum and she said I should drop the case.", "third_party"),
    said("my sister got a message from him saying tell her she'd better watch it", "third_party, threats", fires=False))
THREAT_RELAYED_BY_MESSAGE_RULE = rule(
    "categories.threat-relayed-by-message", "a threat passed on through others that reached the person by message, "
    "call, voicemail or note is unwanted_contact too (README: a threat by message is also contact)",
    said("His cousin Oswin rang me last night and said Rollo wants the van back or I'll be sorry.",
         "third_party, threats, unwanted_contact"),
    said("Her brother texted me saying Lindy wants her dog back and if I don't she'll make my life hell.",
         "third_party, threats, unwanted_contact"),
    said("My sister got a message from him saying tell her she'd better watch it.", "third_party, threats",
         fires=False))
_TO_ME = re.compile(r"\b(?:(?:rang|phoned|called|texted|messaged|emailed|dm'd|rung|rings|calls|texts|messages) me|"
                    r"left me an? (?:voicemail|voice note|voice message|message|note))\b")
"""A go-between's contact that reached the person themselves: "rang me", "messaged me", "left me a voicemail"."""
_OWN_SIDE = re.compile(r"(?:\b(?:my|our) (?:[a-z]+ )?(?:" + "|".join(r for r in vocab.entries("what_relations") if r != "ex")
                       + r")(?: [a-z]+)?|(?:^|[.,!?] |\b(?:and|then|so) )(?:mam|mum|mom|dad|nan|gran|grandma)) $")
"""The person's own relation or friend as the one who got or made the call ("my sister got a message", "Mam rang me"):
telling the person, not the go-between's contact."""


def threat_relayed_by_message(threats: list[str], third: list[str], remote: list[str], text: str) -> bool:
    """A threat through others that came to the person by message, call, voicemail or note
    (:data:`THREAT_RELAYED_BY_MESSAGE_RULE`): remote are the account's contact hits, text its clauses' words; a call
    or message the person's own relation got or made is them being told, not the contact."""
    if not threats or not third:
        return False
    starts = [text.find(h) for h in remote if h in text] + [m.start() for m in _TO_ME.finditer(text)]
    return any(not _OWN_SIDE.search(text[max(0, at - 40):at]) for at in starts)


MONITOR_POSTED_RULE = rule(
    "categories.monitoring-posted", "a post, caption, comment or direct message that shows they watch the person is "
    "contact too (vocab/what_monitoring_posted.txt; README: a message showing they watch is also unwanted_contact)",
    said("Ferdie posted a photo of my front gate on his Facebook with the caption, lovely evening for it.",
         "monitoring, unwanted_contact"),
    said("He put it up on his story, a picture of my car outside the gym, written underneath, same time tomorrow.",
         "monitoring, unwanted_contact"),
    said("Ferdie has been logging into my email and reading my messages, I haven't posted anything in weeks.",
         "monitoring", fires=False))
_POSTED = re.compile(r"\b(?:" + "|".join(vocab.entries("what_monitoring_posted")) + r")\b")
_OWN_POST = re.compile(r"\b(?:i|i've|i'd|we|we've|haven't|hadn't|didn't|never|not|nothing)(?: \w+)? $")
"""Posting of the person's own, or none: "I posted", "I haven't posted"."""


def monitoring_posted(text: str) -> bool:
    """A post, caption, comment or message of theirs in the account (:data:`MONITOR_POSTED_RULE`): text its
    lower-case words."""
    return any(not _OWN_POST.search(text[max(0, m.start() - 20):m.start()]) for m in _POSTED.finditer(text))


THREAT_IN_MESSAGE_RULE = rule(
    "categories.threat-in-message", "a threat in an account that names the voicemail, message, letter or note it came "
    "in, with no go-between, is unwanted_contact too (vocab/what_contact_medium.txt; README: a threat by message)",
    said("Voicemail from Hartley at two in the morning, slurring, saying I'll be sorry if I keep ignoring him.",
         "threats, unwanted_contact"),
    said("that's the third voicemail from gideon since friday and this one says i'd better watch my back",
         "threats, unwanted_contact"),
    said("Hartley walked up to me at the tram stop and said I'll be sorry if I keep ignoring him.", "threats",
         fires=False))
_MEDIUM = re.compile(r"\b(?:" + "|".join(vocab.entries("what_contact_medium")) + r")\b")
_OWN_NOTE = re.compile(r"\b(?:made|make|making|took|take|taking|kept|keep|keeping|wrote|write|writing)(?: a| the)?(?: \w+)? $")
"""The person's own note or message ("I made a note of the time", "kept the messages"): not what the threat came in."""


def threat_in_message(cats: list[str], joined: str) -> bool:
    """A threat with no go-between in an account naming what it came in (:data:`THREAT_IN_MESSAGE_RULE`): joined is
    the account's clauses' words."""
    return "threats" in cats and "third_party" not in cats and any(
        not _OWN_NOTE.search(joined[max(0, m.start() - 25):m.start()]) for m in _MEDIUM.finditer(joined))


def contact_also(cats: list[str], ev: dict[str, list[str]], lower: str, joined: str) -> str | None:
    """The rule that makes an account unwanted_contact besides its other categories, or None: a post that shows they
    watch (:data:`MONITOR_POSTED_RULE`), a threat relayed by message (:data:`THREAT_RELAYED_BY_MESSAGE_RULE`); ev
    is the evidence, lower the account's lower-case words and joined its clauses' words."""
    if "monitoring" in cats and monitoring_posted(lower):
        return MONITOR_POSTED_RULE
    if threat_relayed_by_message(ev["threats"], ev["third_party"], ev["remote"], joined):
        return THREAT_RELAYED_BY_MESSAGE_RULE
    if threat_in_message(cats, joined):
        return THREAT_IN_MESSAGE_RULE
    if contact_before_harm(cats, ev, joined):
        return CONTACT_BEFORE_HARM_RULE
    if photo_delivered(cats, lower):
        return PHOTO_DELIVERED_RULE
    return None


RELAYED_RULE = rule(
    "categories.third-party-relayed", "someone passing on the other person's words by name ('told me that Dan says ...'), "
    "or the other person giving the speaker words to pass on ('said tell Mira she can't hide'): contact through others "
    "alone, its go-between's approach or call no contact of its own",
    said("His sister rang me and she kept saying Mark is heartbroken and I must meet him.", "third_party"),
    said("a woman I didn't know came up to me in the park and said Lee says hello", "third_party"),
    said("Kim, his new partner, came to my desk and told me that Joe wants his ring back.", "third_party"),
    said("Her ex leaned over the garden wall and said tell Mira she can't keep my daughter from me.", "third_party"))
OTHER_RULE = rule("categories.other", "harassment no other category covers: fake profiles, false reports",
                  said("He put my photos on three dating sites.", "other"),
                  said("Around midnight I heard somebody rattling the handle of the patio door, and through the glass "
                       "I saw it was Rufus.", "other"))
CONTACT_REMOTE_RULE = rule("categories.contact-remote", "messages, calls, letters or notes from them",
                           said("He sent me twenty texts overnight.", "unwanted_contact"),
                           said("He rang at four in the morning and said nothing.", "unwanted_contact"),
                           said("At two I had a facetime call off Gideon and let it ring out.", "unwanted_contact"))
CONTACT_FACE_RULE = rule("categories.contact-face", "unwanted words or approaches face to face",
                         said("He came over to me in the pub and kept asking me out.", "unwanted_contact"),
                         said("she rang my buzzer again and again and wouldn't go away", "unwanted_contact"))
OTHER_FALLBACK_RULE = rule("categories.other-fallback", "nothing matched: other, and the field marked unsure",
                           said("It has been a horrible week.", "other"))
CATEGORY_RULES = {"following": FOLLOWING_RULE, "loitering": LOITERING_RULE, "gifts": GIFTS_RULE,
                  "property_damage": DAMAGE_RULE, "violence": VIOLENCE_RULE, "monitoring": MONITORING_RULE,
                  "third_party": THIRD_RULE, "other": OTHER_RULE, "threats": THREAT_RULE}
"""The rule of each category's main word list."""

_REL = "(?:" + "|".join(vocab.entries("what_relations")) + ")"
LOITERING_PART_RULE = rule(
    "categories.loitering-part-of-act", "standing about only as part of another act (shouting at the door, "
    "following, damage) is that act, not loitering, unless the waiting lasted or came back; waiting for the person "
    "and then hurting, threatening them or damaging their things is that act alone unless the waiting lasted "
    "(:func:`part_of_harm`)",
    said("She was standing at my front gate yelling that I'm a cheat.", "unwanted_contact"),
    said("He was waiting outside my work for an hour and then followed me to the station.", "following, loitering",
         fires=False),
    said("Dervla was waiting by the lifts when I got out and she shoved me into the wall.", "violence"),
    said("he was sat in his car outside my flat for two hours then he grabbed me at the door", "loitering, violence",
         fires=False),
    said("She was stood by my van when I came out and said she'd make me regret it.", "threats"),
    said("Ruairi sat at the next table in the canteen snapping pictures of me with his phone.", "monitoring"),
    said("Bram said he had been waiting since six, and then he shoved me against the door.", "loitering, violence",
         fires=False))
_LASTED = re.compile(r"\b(?:for (?:like |about |around |maybe |nearly |almost |over |at least |a good )?(?:ages|hours|an hour|"
                     r"over an hour|half an hour|\w+ minutes|\w+ hours|the (?:whole|entire) \w+)|all (?:night|day|evening|"
                     r"morning|afternoon)|again|every (?:day|night|morning|evening|week)|times|till|until|since|"
                     r"engine running|idling)\b")
"""Waiting that lasted or came back, said in so many words (not merely "waiting" or "hanging round")."""


HARM = ("violence", "threats", "property_damage")
"""The acts that waiting about can lead up to and be part of (:func:`part_of_harm`)."""


_WAITED_LONG = re.compile(r"\b(?:been|was|were|had) (?:\w+ )?wait(?:ing|ed)\b(?: \w+){0,2}? (?:since|for (?:ages|hours|an hour|"
                          r"over an hour|half an hour|\w+ minutes|\w+ hours))\b")
"""A wait said to have lasted anywhere in the account: "he said he'd been waiting since noon"."""


def part_of_harm(cats: list[str], lingered: list[str], text: str) -> bool:
    """Waiting about that only led up to harm (:data:`LOITERING_PART_RULE`): "was waiting outside and grabbed my
    wrist" is the violence, "was leaning on my car and said I'd regret it" the threat; lingered are the clauses whose
    waiting the account marks as lasting, text the account's words."""
    return (any(c in cats for c in HARM) and not any(_LASTED.search(t) for t in lingered)
            and not _WAITED_LONG.search(text))

_BRIEF = re.compile(r"(?:sat|sits|sitting|stood)(?: right| just)? at|(?:sat|sits) by")
"""Where someone sat or stood during an approach ("sat at my table", "stood at the door"), not waiting about."""


def brief_presence(hits: list[str], lingered: list[str], others: bool) -> bool:
    """Loitering resting only on where someone sat or stood (:data:`_BRIEF`), nothing lasting, beside another act or
    words to the person (others): the place of that act (:data:`LOITERING_PART_RULE`)."""
    return others and not lingered and bool(hits) and all(_BRIEF.fullmatch(h) for h in hits)


RELATION_ACTS_RULE = rule(
    "categories.third-party-relation-acts", "the one who called, came or spoke is named as a relation or friend of the "
    "other person ('Otto, my ex's stepbrother', 'a text from Lorcan, my ex-husband's best mate'): contact through others "
    "(and, when they reached the person themselves, unwanted contact too)",
    said("Last night Otto, my ex's stepbrother, left me a voice note telling me to keep my mouth shut or regret it.",
         "third_party, threats, unwanted_contact"),
    said("this morning lorcan my ex husband's best mate messaged me to say she wants the dog back",
         "third_party, unwanted_contact"),
    said("Otto, my ex's stepbrother, stopped me outside the chip shop and said I'd pay for what I did to his car.",
         "threats", fires=False))
_EX = r"my ex(?:[ -](?:wife|husband|partner|boyfriend|girlfriend|fiance|fiancee))?'s"
_THEIR_REL = r"(?:new |best |old |older |younger |little |big )?(?:step ?)?(?:" + _REL + r"|mama|ma|pal|pals|boys|people|crew|bestie)"


def relation_acts(text: str, doers: frozenset[str], *, by_message: bool = False) -> bool:
    """A relation or friend of the other person named as the one who acted ("otto, my ex's stepbrother, ...",
    "ingrid's nephew turned up"): not an object ("went to my ex's mum's"). Face to face (by_message False) only when
    someone is named wanting, saying or sending something (:func:`_for_someone`): a relation who came and spoke or
    did harm for themselves acted on their own account."""
    owners = [(m.start(), m.end()) for m in _EX_RX.finditer(text)]
    for d in doers:
        if d.endswith("'s"):
            continue
        at = text.find(d + "'s ")
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():
                owners.append((at, at + len(d) + 3))
            at = text.find(d + "'s ", at + 1)
    return any(_REL_AFTER.match(text, end) and not _AFTER_PREPOSITION.search(text[max(0, start - 12):start].rstrip())
               for start, end in owners) and (by_message or _for_someone(text))


_WISH = re.compile(r"\b([a-z]+)(?:'s| is| has)? (?:wants|wanted|says|said|is going to|'s going to|is gonna|gonna|needs|"
                   r"misses|upset|in bits|knows|asked|sends|will)\b|\b(?:from|for) ([a-z]+)\b")
"""Someone named wanting, saying or sending something ("Jodie wants to know", "a letter from Clive")."""


def _for_someone(text: str) -> bool:
    """Whether the account names someone wanting, saying or sending something, as a go-between's words do."""
    return any(named(w) and w not in _NOT_RELAYED for m in _WISH.finditer(text) for w in m.groups() if w)


_EX_RX = re.compile(r"\b" + _EX + " ")
_REL_AFTER = re.compile(_THEIR_REL + r"\b")
_AFTER_PREPOSITION = re.compile(r"\b(?:to|at|from|with|in|into|by|for|about|of)(?: \w+)?$")


NOT_A_CALL_RULE = rule(
    "categories.not-a-call", "'calls me that', 'calling me a liar' is name-calling, and 'she rang me straight after' "
    "is someone telling the person what happened: neither is a call from the other person",
    said("Someone keyed my car overnight. Wendell calls me that word to wind me up.", "property_damage"),
    said("He sat in his van outside my gate for an hour. Tess next door saw him, she rang me straight after.", "loitering"))
_NAME_CALLING = re.compile(r" (?:that|names|all sorts|every|his|her|their|a|an)\b(?! (?:few|couple|second|third|fourth|dozen|lot|"
                           r"load|bunch|number|total|hundred|thousand|time|times)\b)")
_TOLD_AFTER = re.compile(r"(?: straight| right| just)? after(?:wards)?(?= (?:to|and|in|saying|asking)\b|$)")


def not_a_call(hit: str, after: str) -> bool:
    """A contact hit ("calls me", "rang me") that is not a call from the other person (:data:`NOT_A_CALL_RULE`):
    name-calling ("calls me that", "calling me a liar") or a bystander's call afterwards ("she phoned me straight
    after"); after is the clause's text following the hit."""
    if re.fullmatch(r"(?:calls|calling|called) me", hit) and _NAME_CALLING.match(after):
        return True
    return bool(re.fullmatch(r"(?:rang|rung|called|phoned|messaged|texted) me", hit)) and bool(_TOLD_AFTER.match(after))


_RELAYED = re.compile(r"\b(?:said|says|saying|told (?:me|her|him|them|us)|tells (?:me|her|him)|telling (?:me|her|him)|"
                      r"informed (?:me|her|him)|let me know|warned (?:me|her|him))"
                      r"(?:(?: [a-z']+){0,4}? that)? ([a-z']+) (?:just |really |still |only |so )?(?:says|said|wants|wanted|misses|sends|"
                      r"would like|needs|is (?:very |so |really )?"
                      r"(?:sad|sorry|depressed|upset|heartbroken|desperate|angry|hurt))\b")
"""Someone else's speech quoting the other person by name: "told me that Dan says", "saying Ravi is upset"."""
_NOT_RELAYED = frozenset("he she they it i you we that this everyone everybody nobody someone somebody".split())


_PASS_ON = re.compile(r"\b(?:said|says|saying|goes|went|shouted|yelled|whispered|told me) (?:to )?tell "
                      r"(?!(?:me|you|us|him to|her to|them to)\b)[a-z']+ [a-z']+")
"""Words given to the speaker to pass on to someone else: "said tell her I'll find her", "goes tell Jo she's next"."""
_BY_SPEAKER = re.compile(r"\b(?:i|we)(?: just| then| also)? $")


def relayed(text: str) -> list[str]:
    """The other person's words passed on by someone by name, or given to the speaker to pass on
    (:data:`RELAYED_RULE`)."""
    return [m.group(0) for m in _RELAYED.finditer(text) if m.group(1) not in _NOT_RELAYED and named(m.group(1))] + [
        m.group(0) for m in _PASS_ON.finditer(text) if not _BY_SPEAKER.search(text[max(0, m.start() - 12):m.start()])]
