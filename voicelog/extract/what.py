"""What happened: behaviour categories, following the evaluation README's rules.

A threat is `threats`; by message, call, voicemail, letter or note it is also
`unwanted_contact`. Other unwanted face-to-face contact is `unwanted_contact`.
A gift with a card is `gifts` alone. A message showing they watch or track the
person is `monitoring` and `unwanted_contact`. Contact through other people is
`third_party`.
"""

from __future__ import annotations

import re

from voicelog.extract.normalize import Normalized


def _rx(*parts: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


FOLLOWING = _rx(r"follow(?:ed|ing|s)?(?! up)", r"(?:walked|was|were|kept|stayed|jogging|running) (?:right )?behind me",
                r"tail(?:ed|ing)", r"trail(?:ed|ing)", r"got on (?:right )?(?:behind|after) me", r"came in right after me",
                r"from shop to shop")
LOITERING = _rx(r"(?:waiting|waited|standing|stood|sat|sitting|parked|hanging (?:a)?round|hanging about|"
                r"loitering|lurking|leaning) (?:\w+ ){0,4}?(?:outside|across|opposite|by|at|near|under|in|on|around)",
                r"turned up (?:\w+ ){0,3}?(?:outside|at)", r"was (?:there|outside|waiting)", r"watching (?:us|me|the door|my)",
                r"hanging (?:a)?round", r"parked (?:across|outside|opposite|right next|up)", r"staring",
                r"been there since", r"sat in (?:his|her|their|a) (?:car|van)", r"(?:sat|stood|standing|waiting|waited) there")
REMOTE = _rx(r"text(?:ed|s|ing)?", r"messag(?:e|ed|es|ing)", r"e ?mail(?:ed|s)?", r"voicemail", r"rang me", r"rings me",
             r"called me", r"phoned me", r"ringing (?:me|my phone)", r"my phone (?:started|kept) ringing", r"calls",
             r"dm(?:ed|s)?", r"comments?", r"letter", r"note", r"whatsapp", r"snapchat", r"private number",
             r"withheld number", r"screenshot", r"sent me", r"from a new number", r"buzzer", r"doorbell")
FACE = _rx(r"came up to me", r"came over", r"said", r"shouting", r"shouted", r"screaming", r"screamed", r"told me",
           r"offered me", r"kept saying", r"asked me", r"talk(?:ed|ing)? to me", r"spoke to me", r"turned up at (?:my|the) door",
           r"banging on", r"knocking on", r"shouting my name", r"approached me", r"wouldn't take no")
GIFTS = _rx(r"flowers?", r"roses?", r"bouquet", r"chocolates?", r"gifts?", r"presents?", r"parcel", r"teddy(?: bear)?",
            r"necklace", r"jewellery", r"jewelry", r"perfume", r"takeaway (?:to|that)", r"brought (?:me )?a", r"left me a",
            r"card (?:saying|said)", r"delivered to me")
DAMAGE = _rx(r"slash(?:ed)?", r"smash(?:ed)?", r"keyed", r"scratch(?:ed)?", r"damag(?:ed|e)", r"broke(?:n)?(?! up)",
             r"set on fire", r"set fire", r"egged", r"graffiti", r"wrote \w+ on my", r"ripped (?:out|up|off)",
             r"kicked in", r"vandalis(?:ed|m)", r"tyres?", r"punctured", r"spray painted", r"paint on")
THREATS = _rx(r"regret", r"you'll pay", r"i'll pay", r"pay for (?:what|this|it)", r"watch (?:my|your) back",
              r"watch (?:myself|yourself)", r"or else", r"be sorry", r"can't hide", r"can't get away",
              r"(?:kill|hurt|burn|stab|get) (?:me|you|her|the place)", r"burn (?:the|my|your)",
              r"i know what you did", r"i'll be watching", r"he'll be watching", r"be seeing (?:me|you) soon",
              r"threat(?:en|ened|ening|s)?", r"if i (?:go|don't|do|tell|report)", r"if you (?:go|don't|do|tell|report)",
              r"post the (?:private )?photos", r"better not", r"i'd better", r"you'd better", r"she'd better",
              r"he'd better", r"better (?:answer|watch)", r"ruin (?:me|you|my|your)", r"i'll make you")
VIOLENCE = _rx(r"grabb?(?:ed|ing)?", r"push(?:ed)?", r"shov(?:ed|e)", r"hit me", r"punch(?:ed)?", r"slap(?:ped)?",
               r"kick(?:ed)? me", r"spat", r"spit", r"attack(?:ed)?", r"strangl(?:ed|e)", r"choked?", r"pinned",
               r"headbutt(?:ed)?", r"bruise", r"assault(?:ed)?", r"dragged me", r"threw (?:something|a \w+) at me")
MONITORING = _rx(r"tracker", r"airtag", r"air tag", r"gps", r"tracking", r"logg(?:ed|ing) into", r"logged in",
                 r"sign in from", r"my location", r"found you", r"i'll be watching", r"watching me",
                 r"knew (?:about|where|what)", r"photo of (?:me|my)", r"taken through my window",
                 r"go through my (?:messages|phone)", r"went through my (?:messages|phone)", r"hacked",
                 r"got into my (?:phone|account|email)", r"spyware", r"nice dress", r"what i was wearing",
                 r"taking pictures of me", r"photos of me", r"hadn't posted", r"read my messages")
THIRD = _rx(r"(?:rang|phoned|called|messaged|emailed|contacted|texted|sent|told|wrote to|tagged) (?:my|our|the kids') "
            r"(?:\w+ )?(?:manager|boss|mum|dad|mother|father|sister|brother|friends?|family|boyfriend|girlfriend|"
            r"husband|wife|partner|work|employer|colleagues?|school|landlord|neighbours?|kids'? school|son|daughter)",
            r"(?:my|our) (?:\w+ )?(?:manager|boss|mum|dad|sister|brother|friends?|family|boyfriend|girlfriend|school) "
            r"(?:got|received) (?:a|an) (?:message|call|email|text|letter)",
            r"friend requests?", r"messaging my friends", r"(?:rang|called|phoned) the (?:kids'? )?school",
            r"company's", r"posted (?:on|about)", r"pretending to be", r"tell her", r"tell him", r"told her i",
            r"told him i", r"social services")
OTHER = _rx(r"fake (?:profile|account)", r"signed me up", r"profile with my name", r"pretending to be me",
            r"impersonat\w+", r"dating sites?", r"mailing lists?")


def find_what(n: Normalized, *, has_place: bool = True) -> tuple[str, ...]:
    """Behaviour categories of the account, in a stable order."""
    t = n.lower
    cats: list[str] = []
    remote = bool(REMOTE.search(t))
    threat = bool(THREATS.search(t))
    if FOLLOWING.search(t):
        cats.append("following")
    if LOITERING.search(t) and not FOLLOWING.search(t):
        cats.append("loitering")
    gifts = bool(GIFTS.search(t))
    if gifts:
        cats.append("gifts")
    if DAMAGE.search(t):
        cats.append("property_damage")
    if threat:
        cats.append("threats")
    if VIOLENCE.search(t):
        cats.append("violence")
    monitoring = bool(MONITORING.search(t))
    if monitoring:
        cats.append("monitoring")
    if THIRD.search(t):
        cats.append("third_party")
    if OTHER.search(t):
        cats.append("other")
    # contact: messages and calls always; face to face only when not already a threat or violence
    contact = False
    if remote and not gifts and "third_party" not in cats:
        contact = True
    if remote and threat:
        contact = True
    if monitoring and remote:
        contact = True
    if not remote and FACE.search(t) and not threat and "violence" not in cats and "third_party" not in cats:
        contact = True
    if contact:
        cats.append("unwanted_contact")
    if not cats:
        cats.append("other")
    return tuple(cats)
