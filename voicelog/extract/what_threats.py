"""Threats: the trigger lists and named rules for the `threats` category, and how a threat said face to face
takes its approach and its "said" with it (README: said face to face, `threats` alone; by message, call,
voicemail, letter or note, also `unwanted_contact`).

Moved out of :mod:`voicelog.extract.what` (which applies these per clause) to keep each module under 500 lines.
The phrases are data: vocab/what_threats.txt, what_threats_conditional.txt, what_threat_gestures.txt.

Phrase lists miss most threats said in new words, so :func:`threat_shapes` (rule ``categories.threat-shape``)
recognises a threat by its shape in someone's words: after a word of speech or writing (vocab/what_threats_speech.txt:
"he said", "the note said", "she yelled out", "he goes"; or before one: "you'll see, he said"), a future or a
condition aimed at the person or those close to them together with harm, loss, pursuit or a consequence
(vocab/what_threats_shape.txt, with the placeholders of :data:`SHAPE_PARTS`). Whose words they are is read from the
words before the word of speech, not from the clause: "I said ..." and "I sent him a text saying ..." are the
person's own, "my mum said ..." a warning passed on. These are regular expressions over the clauses' words rather
than spaCy Matcher patterns for the reason given in :mod:`voicelog.extract.what`: the clauses are strings, and the
shapes need optional words and gaps that token patterns would spell out at greater length.
"""

from __future__ import annotations

import re

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said


def _list(name: str) -> re.Pattern[str]:
    """A trigger list (vocab/<name>.txt, one regular expression a line) as one pattern."""
    return re.compile(r"\b(?:" + "|".join(vocab.entries(name)) + r")\b")


THREATS = _list("what_threats")
THREATS_CONDITIONAL = _list("what_threats_conditional")
"""Threats said on a condition or indirectly: "if he can't have me then nobody will"."""
THREAT_GESTURES = _list("what_threat_gestures")
"""A finger drawn across the throat, a gun made with the fingers."""

THREAT_RULE = rule("categories.threats", "words that threaten, said or written (vocab/what_threats.txt)",
                   said("He walked up to me in the queue and said you'll regret it.", "threats"),
                   said("he stopped me on the stairs and told me to watch my back", "threats"),
                   said("She told me outside the chemist she'd have me done over.", "threats"),
                   said("he rang me and said he'd do me in", "threats, unwanted_contact"),
                   said("She sat down beside me on the tram and said she knows where the children go to school.",
                        "threats"),
                   said("My brother knows where our daughter plays netball, he drives her there.", "other", fires=False),
                   said("she phoned me late and she say she a go mash up me car", "threats, unwanted_contact"),
                   said("she cornered me by the swings and said you'll get a hiding if you talk to him again", "threats"))
THREAT_CONDITIONAL_RULE = rule(
    "categories.threats-conditional", "a threat on a condition or said indirectly (vocab/what_threats_conditional.txt)",
    said("Then he told me if he can't have me then nobody will.", "threats"),
    said("he came up to me and said it would be a shame if his mates had to visit", "threats"),
    said("He warned me if I can't have you no one will have you.", "threats"),
    said("They told me to hand the van back or they would smash my legs.", "threats"),
    said("he texted me saying i'm to answer him or he won't be responsible for what happens",
         "threats, unwanted_contact"),
    said("She stopped me at the lift and told me I'd be having a little visit soon.", "threats"),
    said("He texted me a picture of the bike I ride to work and wrote, pity if anything happens to it.",
         "threats, unwanted_contact"),
    said("She left a voicemail saying she's not through with me.", "threats, unwanted_contact"),
    said("he texted me saying your uncle can't save you for long", "threats, unwanted_contact"),
    said("He sent me a voice note saying you won't be happy for long.", "threats, unwanted_contact"),
    said("He leaned over the counter and said he has mates who will pay me a visit.", "threats"))
THREAT_GESTURE_RULE = rule("categories.threats-gesture", "a threatening gesture or object left (vocab/what_threat_gestures.txt)",
                           said("He drew a finger across his throat when he saw me.", "threats"),
                           said("he pointed his fingers at me like a gun from across the road", "threats"),
                           said("He squared up to me at the till like he was going to punch me.", "threats"),
                           said("she shook her fist at me through the bus window", "threats"),
                           said("He stopped beside me at the lights and held up a blade so I could see it.", "threats"),
                           said("she slid a thumb slowly across her neck and walked off", "threats"),
                           said("He parked across my drive so I was stuck and sat there dragging his finger across his "
                                "neck.", "threats"),
                           said("he waved and did a stabbing sort of move then laughed", "other", fires=False),
                           said("as I reversed she did a throat cutting thing at me", "threats"),
                           said("When I got to the car early today a dead magpie lay across the bonnet.",
                                "threats"),
                           said("He chucked a dead rat over the hedge into my veg patch.", "threats"),
                           said("The vet told me the dead bird my cat brought in was a starling.", "other", fires=False))
_THEIR_HAND = re.compile(r"\b(?:his|her|their) (?:finger|fingers|thumb|hand|fist|fists|throat|neck)\b")


def their_own(gesture: str) -> bool:
    """A gesture made with the doer's own hand ("running her thumb along her neck"), or a dead animal left for the
    person to find: someone else's, even when the clause it falls in began with the person ("I was stuck at the
    lights and ... running her thumb ...", "I opened the garage and a dead magpie lay on the bonnet")."""
    return bool(_THEIR_HAND.search(gesture)) or gesture.startswith("dead ")


THREAT_BY_MESSAGE_RULE = rule(
    "categories.threat-by-message", "a threat by message, call, voicemail or note is also contact",
    said("He texted saying I'd regret going to the police.", "threats, unwanted_contact"),
    said("A note was pushed under my door saying I'll hurt you.", "threats, unwanted_contact"),
    said("she dm'd me on tiktok that she'd smash my face in", "threats, unwanted_contact"))
THREAT_FACE_RULE = rule(
    "categories.threat-face-alone", "a threat said face to face, with no message, call or go-between, takes the "
    "account's approaches and words with it: threats alone",
    said("He blocked my way on the path and said I'd be sorry.", "threats"),
    said("she leaned in at the bar and told me i was dead", "threats"),
    said("He pulled up a chair at my table, kept going on about the divorce for ages, and then he said I'd regret "
         "taking the house.", "threats"),
    said("He rang me at work and said I'd regret taking the house.", "threats, unwanted_contact"))

SHAPE_PARTS = {
    # the one threatening, in the future: "I'll", "he's going to", "they'd", "he gonna"
    # (and "he go burn", "I'ma", "he finna" in Caribbean, West African and American Englishes)
    "they": r"(?:(?:i|he|she|we|they)(?:'ll| will|'d| would| shall|'s going to| is going to|'re going to| are going to|"
            r"'m going to| am going to|'s gonna|'re gonna|'m gonna| gonna| going to| go| gon| finna| fixing to)|i'ma|imma|ima)",
    # the person, in the future: "you'll", "you won't", and told back ("he said I'd be sorry")
    "you": r"(?:you|ye|i|she)(?:'ll| will|'d| would|'re going to| are going to|'m going to| am going to|'re gonna|"
           r"'m gonna| gonna| won't| will not| shall)(?<!\bi'll)(?<!\bi will)(?<!\bshe'll)(?<!\bshe will)",
    # the person or theirs as the object
    "obj": r"(?:me|you|us|her|ya|yous|youse)",
    # the words stop here: the end of the account or the start of a new clause
    "end": r"(?=(?: (?:and|then|so|but|or|if|i|he|she|they|we|you|um|uh|er|erm|mate|love|again|yet|soon|one|just|too|"
           r"because|cos|cause|trust|believe|okay|ok|right|well|now|eventually|sooner|wherever|anywhere|everywhere|"
           r"whatever|no matter|in the end)\b|$|\n))",
}
"""The placeholders of vocab/what_threats_shape.txt (:data:`THREAT_SHAPE_RULE`)."""
SHAPE_REACH = {
    "shape": 16,  # "he said, smiling the whole time, that if I ever move away with the children he'll find us"
    "listed": 6,  # a listed threat phrase (vocab/what_threats.txt) close after the word of speech: "saying watch your back"
}
"""How many words after a word of speech (vocab/what_threats_speech.txt) a threat may start."""
_SPEECH = "|".join(vocab.entries("what_threats_speech"))
_SHAPES = "|".join(_shape for _shape in (
    _line.replace("{they}", SHAPE_PARTS["they"]).replace("{you}", SHAPE_PARTS["you"]).replace(
        "{obj}", SHAPE_PARTS["obj"]).replace("{end}", SHAPE_PARTS["end"]) for _line in vocab.entries("what_threats_shape")
) if _shape)
_LISTED = "|".join(vocab.entries("what_threats") + vocab.entries("what_threats_conditional"))
THREAT_SHAPE = re.compile(r"(?:\s[^\s]+){0," + str(SHAPE_REACH["shape"]) + r"}?\s(?P<threat>" + _SHAPES + ")")
"""After a word of speech, within :data:`SHAPE_REACH` words, the shape of a threat (vocab/what_threats_shape.txt)."""
THREAT_LISTED = re.compile(r"(?:\s[^\s]+){0," + str(SHAPE_REACH["listed"]) + r"}?\s(?P<threat>" + _LISTED + r")\b")
"""After a word of speech, a listed threat (vocab/what_threats.txt, what_threats_conditional.txt), whoever's
clause it falls in ("I got a letter saying I should watch my back")."""
_SHAPE_BEFORE = re.compile(r"\b(?P<threat>" + _SHAPES + r")(?: [^ ]+){0,2}$")
"""A threat's shape just before someone's word of speech: "or else you'll see, he said"."""
_SAID_AFTER = re.compile(r" (?:he|she|they|it|the note|the letter|the card|the message|the text) (?:just |then |also )?"
                         r"(?:said|says|goes|went|shouted|yelled|screamed|hissed|whispered|muttered|wrote|added|warned)\b")
"""Someone's word of speech after their words ("you'll regret it, he said")."""
_SPEECH_AT = re.compile(r"\b(?:" + _SPEECH + r")\b")
_OWN_WORDS = re.compile(r"\b(?:(?:i|we|i've|i'd|i'm|we've|we'd|we're|me and \w+|\w+ and i)(?: \w+)?(?: (?:just|then|also|even|"
                        r"only|finally|literally|quickly|calmly|back))?|(?:i|we)(?:'ve|'d)? (?:\w+ )?(?:sent|wrote|left|posted|"
                        r"texted|messaged|emailed|put)(?: [\w']+){0,5}) $")
"""The words before a word of speech that make it the person's own ("I said", "we told him", "I then wrote", "I sent
him a text saying")."""
_OWN_SPEECH = re.compile(r"\b(?:i|we)(?: \w+)? (?:said|say|told|tell|warned|yelled|shouted|screamed|wrote|texted|"
                         r"messaged|replied|answered|asked|goes|went)\b")
"""The person speaking between someone's word of speech and a threat: "he said hello and I told him ..."."""
_ON_THEIR_SIDE = ("friend", "friends", "mate", "mates", "mum", "mom", "mam", "mother", "dad", "father", "nan", "gran",
                  "grandma", "grandad", "aunt", "auntie", "colleague", "colleagues", "coworker", "flatmate", "housemate",
                  "roommate", "solicitor", "lawyer", "doctor", "gp", "nurse", "midwife", "counsellor", "counselor",
                  "therapist", "police", "officer", "officers", "detective", "judge", "magistrate", "court", "social worker",
                  "support worker", "key worker")
"""People whose words are a warning passed on or advice, not a threat ("my mum said he'll find me"). A partner,
neighbour, boss or relation is left out: they may be the one threatening."""
_THEIRS = re.compile(r"\b(?:my|our|the) (?:\w+ )?(?:" + "|".join(_ON_THEIR_SIDE) + r")(?: \w+)? $")
"""The words before a word of speech that make it a bystander's on the person's side or the law's ("my friend
said", "my mum then told me", "the police said"): a warning passed on, not the threat."""
_NOT_SAID = re.compile(r"\b(?:never|didn't|did not|doesn't|does not|hasn't|has not|haven't|wouldn't|not|no one|nobody)"
                       r"(?: \w+)?(?: \w+)? $")
"""A word of speech denied: "he never said he'd hurt me", "nobody told me"."""
THREAT_SHAPE_RULE = rule(
    "categories.threat-shape",
    "a future or condition aimed at the person with harm, loss, pursuit or a consequence, in someone's words "
    "(vocab/what_threats_shape.txt, after vocab/what_threats_speech.txt)",
    said("He said I'll always find you, wherever you go.", "threats"),
    said("i found a note on my car and it said you won't be laughing once i'm done with you", "threats, unwanted_contact"),
    said("There was a card on the mat and it said this is only the beginning.", "threats, unwanted_contact"),
    said("she leant out of her car and shouted next one's you", "threats"),
    said("He texted me saying I should stop ignoring him, or else we come back with more of us.",
         "threats, unwanted_contact"),
    said("he goes stop lying about me otherwise you'll see", "threats"),
    said("He rang me and said he'll take the kids abroad and I'll never see them.", "threats, unwanted_contact"),
    said("i found a note on the car that said you cannae run from me", "threats, unwanted_contact"),
    said("He wrote to me that he still has a key and can come in whenever he likes.", "threats, unwanted_contact"),
    said("Don't you dare go to the police or you'll find out, he said.", "threats"),
    said("He said I'll see you tomorrow then and walked off.", "unwanted_contact", fires=False),
    said("She texted me saying you'll love it, it's lovely.", "unwanted_contact", fires=False),
    said("I said to him if you come near me again you'll be sorry.", "other", fires=False),
    said("He said he'll pay me back on Friday.", "unwanted_contact", fires=False),
    said("He leaned on my gate and warned me what happens to tenants who complain to the council.", "threats"),
    said("she texted me if you keep lying you'll soon see what happen to you", "threats, unwanted_contact"),
    said("He told me what happened to his van at the garage.", "unwanted_contact", fires=False))


def threat_shapes(text: str, bounds: tuple[int, ...] = ()) -> list[tuple[int, str]]:
    """The threats in ``text`` (an account's clauses, lower-case words) found by their shape
    (:data:`THREAT_SHAPE_RULE`): someone's words, not the person's own and not denied. Each is (where its word of
    speech starts, the words from there to the end of the threat). ``bounds`` are the offsets of the spaces that
    join two clauses: a threat may also end there ("... otherwise you'll see | my wife heard it"), which a second
    pass finds with those spaces made line breaks (a shape's own words never span one)."""
    found = _threat_shapes(text)
    if bounds:
        chars = list(text)
        for i in bounds:
            chars[i] = "\n"
        marked = "".join(chars)
        found += [(at, words.replace("\n", " ")) for at, words in _threat_shapes(marked, at_bound=True)
                  if not any(a <= at < a + len(w) or at <= a < at + len(words) for a, w in found)]
    return sorted(found)


def _threat_shapes(text: str, *, at_bound: bool = False) -> list[tuple[int, str]]:
    """:func:`threat_shapes` in one pass; at_bound: only shapes (not listed phrases) that end at a line break."""
    cues = [s for s in _SPEECH_AT.finditer(text) if text[s.end():s.end() + 1] in (" ", "\n")]
    own = [bool(_OWN_WORDS.search(text[max(0, s.start() - 40):s.start()])) for s in cues]
    out: list[tuple[int, str]] = []
    done = 0
    for k, s in enumerate(cues):
        before = text[max(0, s.start() - 40):s.start()]
        if s.start() < done or own[k] or _NOT_SAID.search(before) or _THEIRS.search(before):
            continue
        m = THREAT_SHAPE.match(text, s.end()) or (None if at_bound else THREAT_LISTED.match(text, s.end()))
        if m is None or at_bound and text[m.end():m.end() + 1] != "\n" or _OWN_SPEECH.search(text, s.end(), m.start("threat")):
            continue  # "he said hello and I told him if you come back you'll see": the person's own words
        out.append((s.start(), text[s.start():m.end()]))
        done = m.end()
    for s in () if at_bound else _SAID_AFTER.finditer(text):  # "next one's you, he shouted"
        if any(at <= s.start() < at + len(words) for at, words in out):
            continue
        m = _SHAPE_BEFORE.search(text, max(0, s.start() - 160), s.start())
        if m is not None and not _OWN_SPEECH.search(text, max(0, m.start() - 30), m.start()):
            out.append((m.start("threat"), text[m.start("threat"):s.end()]))
    return sorted(out)


THREAT_REACH = {
    "said before": 2,  # "he said | um | if I leave ...": the "said" of a threat up to two clauses on is the threat
    "said after": 2,  # "if he can't have me | then nobody will | he said": up to two clauses back
    "approach": 2,  # "he came up to me | and | said watch your back": the approach before a threat
}
"""How many clauses from a face-to-face threat its approach and its "said" belong to it (a threat alone)."""
THREAT_SPEECH = ("said", "says", "told me", "shouted", "shouting", "shouts", "screamed", "screaming", "yelled", "yelling")
"""The words by which a threat is said face to face."""
THREAT_APPROACHES = ("came", "approached", "stopped", "blocked", "leaning", "leant", "leaned", "walked up", "banged",
                     "knocked", "hammered", "cornered", "confronted", "pulled up", "caught up", "coming", "approaching",
                     "walking up", "banging", "knocking", "hammering", "rocked up", "turned up", "turning up")
"""How an approach that brings a threat with it begins (a face hit starting with one of these)."""


def face_alone(ev: dict[str, list[str]], fired: list[tuple[str, str]]) -> bool:
    """A threat in an account with no go-between (``ev``: what.py's evidence): the face-to-face approaches and words
    are the threat's (:data:`THREAT_FACE_RULE`), noted in ``fired``. Across the development sets, 21 of 24 accounts
    with a threat and face-to-face words but no message, call or go-between were threats alone."""
    if not ev["threats"] or ev["third_party"]:
        return False
    if ("threats", THREAT_FACE_RULE) not in fired:
        fired.append(("threats", THREAT_FACE_RULE))
    return True


def part_of_threat(hit: str, gap: int, said_after: int) -> bool:
    """A face-to-face hit that is only the approach or the words of a nearby threat (:data:`THREAT_FACE_RULE`):
    ``gap`` clauses on to the next threat, ``said_after`` clauses back to the last one."""
    if gap == 0:
        return True
    if hit in THREAT_SPEECH and (gap <= THREAT_REACH["said before"] or said_after <= THREAT_REACH["said after"]):
        return True
    return gap <= THREAT_REACH["approach"] and hit.startswith(THREAT_APPROACHES)


_INTENT = re.compile(r"\b(?:i'll|he'll|she'll|they'll|will|would|going to|gonna|threatened to|threatening to|wants to|"
                     r"if|or|he'd|she'd|i'd|they'd)\b")


def intended(text: str, hit: str) -> bool:
    """A deed only threatened or imagined ("he'll come round and smash the windows"), not done."""
    at = text.find(hit)
    before = " ".join(text[:at].split()[-6:])
    found = [m.group(0) for m in _INTENT.finditer(before)]
    if found and all(f.endswith("'d") for f in found) and not _SAID_INTENT.search(text[:at]):
        return False  # "and he'd cut right through the line": had, not would, with no words or condition before
    return bool(found)


_SAID_INTENT = re.compile(r"\b(?:said|says|saying|told|tells|threatened|warned|texted|messaged|emailed|dm'd|dmed|wrote|if|or|reckon|wants|wanted)\b")
"""Words before a 'he'd' that make it 'he would' ("he said he'd smash it")."""
