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
                r"from shop to shop", r"(?:crawling|driving|drove|walking|walked|came|kept|cycling|jogging) (?:\w+ ){0,3}?behind me",
                r"(?:walked|walking|kept) (?:right )?(?:next to|beside|alongside) me", r"everywhere i went", r"wherever i went",
                r"on my (?:bumper|tail)")
LOITERING = _rx(r"(?:waiting|waited|standing|stood|hanging (?:a)?round|hanging about|"
                r"loitering|lurking|leaning) (?:\w+ ){0,4}?(?:outside|across|opposite|by|at|near|under|in|on|around|next to)",
                r"(?:sat|sitting|parked) (?:\w+ ){0,3}?(?:outside|across|opposite|near|at the end|"
                r"in (?:his|her|their|a) (?:car|van|truck))", r"(?:was|were) (?:by|at|outside) (?:the|my) \w+ again",
                r"turned up (?:\w+ ){0,3}?(?:outside|at)", r"was (?:there|outside|waiting)", r"watching (?:us|me|the door|my)",
                r"hanging (?:a)?round", r"parked (?:across|outside|opposite|right next|up)", r"staring",
                r"been there since", r"sat in (?:his|her|their|a) (?:car|van)", r"(?:sat|stood|standing|waiting|waited) there")
# waiting for the person, said plainly: loitering even when they then followed
STRONG_LOITERING = _rx(r"(?:was|were) (?:already )?(?:waiting|parked|sat|standing|stood) (?:\w+ ){0,4}?(?:outside|across|opposite|by|at|near)",
                       r"sat there", r"(?:standing|stood|waiting|waited) (?:there|around|about)", r"hanging (?:a)?round")
REMOTE = _rx(r"text(?:ed|s|ing)?", r"messag(?:e|ed|es|ing)", r"e ?mail(?:ed|s)?", r"voicemail", r"rang me", r"rings me",
             r"called me", r"phoned me", r"ringing (?:me|my phone)", r"my phone (?:started|kept) ringing", r"calls",
             r"dm(?:ed|s)?", r"comments?", r"letter", r"note", r"whatsapp", r"snapchat", r"private number",
             r"withheld number", r"screenshot", r"sent me", r"from a new number", r"buzzer", r"doorbell")
FACE = _rx(r"came up to me", r"came over", r"(?:he|she|they|and) (?:\w+ )?(?:said|says)", r"said (?:to me|he|she|that)",
           r"whisper(?:ed|ing)?", r"tried to (?:talk|speak|kiss|hug|get in|sit|chat)", r"ask(?:ed|ing) (?:me|if|why|where|how|about)",
           r"kept (?:asking|trying|talking|going on)", r"going on about", r"wink(?:ed|ing)?", r"blew (?:me )?a kiss",
           r"sat (?:down )?(?:right )?(?:beside|next to|with) me", r"called out", r"shouted across", r"shouting", r"shouted", r"screaming", r"screamed", r"told me",
           r"offered me", r"kept saying", r"asked me", r"talk(?:ed|ing)? to me", r"spoke to me", r"turned up at (?:my|the) door",
           r"banging on", r"knocking on", r"shouting my name", r"approached me", r"wouldn't take no")
GIFTS = _rx(r"flowers?", r"roses", r"a (?:red |single )?rose", r"bouquet", r"chocolates?", r"gifts?", r"presents?", r"parcel", r"teddy(?: bear)?",
            r"necklace", r"jewellery", r"left (?:me )?a (?:\w+ )?card", r"pound note", r"gift card", r"jewelry", r"perfume", r"takeaway (?:to|that)", r"brought (?:me )?a", r"left me a",
            r"card (?:saying|said)", r"delivered to me")
DAMAGE = _rx(r"slash(?:ed)?", r"smash(?:ed)?", r"keyed", r"scratch(?:ed)?", r"damag(?:ed|e)", r"broke(?:n)?(?! up)",
             r"set on fire", r"set fire", r"egged", r"graffiti", r"wrote \w+ on my", r"ripped (?:out|up|off)",
             r"kicked in", r"vandalis(?:ed|m)", r"(?:wrote|written|scrawled|sprayed|scratched) (?:\w+ ){1,3}?(?:on|across) my",
             r"lipstick", r"tyres?", r"punctured", r"spray painted", r"paint on")
THREATS = _rx(r"regret", r"you'll pay", r"i'll pay", r"pay for (?:what|this|it)", r"watch (?:my|your) back",
              r"watch (?:myself|yourself)", r"or else", r"be sorry", r"can't hide", r"can't get away",
              r"(?:kill|hurt|burn|stab|get) (?:me|you|her|the place)", r"burn (?:the|my|your)",
              r"i know what you did", r"i'll be watching", r"he'll be watching", r"be seeing (?:me|you) soon",
              r"threat(?:en|ened|ening|s)?", r"if i (?:go|don't|do|tell|report)", r"if you (?:go|don't|do|tell|report)",
              r"post the (?:private )?photos", r"better not", r"i'd better", r"you'd better", r"she'd better",
              r"he'd better", r"better (?:answer|watch)", r"ruin (?:me|you|my|your)", r"i'll make you",
              r"(?:i'll|i will|he'd|he would|he'll|she'd|she'll|she would|they'll|they'd|gonna|going to) (?:\w+ )?"
              r"(?:kick|break|smash|hurt|kill|stab|burn|ruin|destroy|make sure|come for|come after|find out where|"
              r"get back at|make (?:you|me) pay|sort (?:you|me) out|do something|end (?:you|me|it))",
              r"i know where (?:you|your \w+) (?:live|lives|work|works|are)", r"there(?:'ll| will) be trouble",
              r"next time (?:i'll|i will|it'll|you'll)", r"you'll be sorry", r"or you'll")
VIOLENCE = _rx(r"grabb?(?:ed|ing)?", r"push(?:ed)?", r"shov(?:ed|e)", r"hit me", r"punch(?:ed)?", r"slap(?:ped)?",
               r"kick(?:ed)? me", r"spat", r"spit", r"attack(?:ed)?", r"strangl(?:ed|e)", r"choked?", r"pinned",
               r"headbutt(?:ed)?", r"put (?:his|her) hands? (?:on|up) (?:me|my)", r"touched (?:me|my)", r"grop(?:ed|ing)",
               r"kissed me", r"bruise", r"assault(?:ed)?", r"dragged me", r"threw (?:something|a \w+) at me")
MONITORING = _rx(r"tracker", r"airtag", r"air tag", r"gps", r"tracking", r"logg(?:ed|ing) into", r"logged in",
                 r"sign in from", r"my location", r"found you", r"i'll be watching", r"watching me",
                 r"knew (?:about|where|what)", r"photo of (?:me|my)", r"taken through my window",
                 r"go through my (?:messages|phone)", r"went through my (?:messages|phone)", r"hacked",
                 r"got into my (?:phone|account|email)", r"spyware", r"nice dress", r"what i was wearing",
                 r"taking pictures of me", r"photos of me", r"hadn't posted", r"read my messages",
                 r"film(?:ed|ing) (?:me|us)", r"record(?:ed|ing) (?:me|us)", r"(?:photos?|pictures?|videos?) of (?:me|us)",
                 r"phone (?:pointed|up|held up) at (?:me|us)", r"holding (?:his|her) phone up",
                 r"(?:photo|picture) of my (?:own )?(?:front )?(?:door|house|flat|car|window)",
                 r"(?:he|she|they) knows? (?:i was|where i|what i|who i|which car|which bus|when i)",
                 r"(?:he|she|they) (?:must have )?known? which", r"i see you", r"been watching me", r"haven't posted", r"hadn't posted")
THIRD = _rx(r"(?:rang|phoned|called|messaged|emailed|contacted|texted|sent|told|wrote to|tagged) (?:my|our|the kids') "
            r"(?:\w+ )?(?:manager|boss|mum|mom|dad|mother|father|sister|brother|friends?|family|boyfriend|girlfriend|"
            r"husband|wife|partner|work|employer|colleagues?|school|landlord|neighbours?|kids'? school|son|daughter)",
            r"(?:my|our) (?:\w+ )?(?:manager|boss|mum|dad|sister|brother|friends?|family|boyfriend|girlfriend|school) "
            r"(?:got|received) (?:a|an) (?:message|call|email|text|letter)",
            r"friend requests?", r"messaging my friends", r"(?:rang|called|phoned) the (?:kids'? )?school",
            r"company's", r"posted (?:on|about)", r"pretending to be", r"tell her", r"tell him", r"told her i",
            r"told him i", r"(?:his|her|their) (?:new )?(?:brother|sister|mum|mom|dad|mother|father|friend|friends|mate|mates|cousin|"
            r"girlfriend|boyfriend|wife|husband|partner) (?:came|turned up|messaged|texted|rang|called|phoned|emailed|"
            r"said|told|sent|wrote|showed up|approached|stopped)")
OTHER = _rx(r"fake (?:profile|account)", r"signed me up", r"profile with my name", r"pretending to be me",
            r"impersonat\w+", r"dating sites?", r"mailing lists?")


_SPEAKER = frozenset("i i'd i've i'm we we'd we've me".split())
_OTHERS = frozenset("he she they he'd she'd they'd he's she's they're his her their him".split())


def _by_other(t: str, rx: re.Pattern) -> bool:
    """A match whose doer is not the speaker: "I rang my sister" and "I was sitting near the back" do not count."""
    for m in rx.finditer(t):
        before = t[max(0, m.start() - 30):m.start()].split()[-3:]
        for w in reversed(before):
            if w in _OTHERS:
                return True
            if w in _SPEAKER or w in ("my", "our") and m.group(0).startswith(("parked", "sat", "sitting")):
                break
        else:
            return True
    return False


# Single words that point at a category only weakly: one of these alone leaves the category in doubt.
WEAK_WORDS = frozenset("""
staring note letter comment comments present presents parcel tyre tyres bruise spit hacked tracking gps regret
calls buzzer doorbell screenshot broke broken scratch scratched damage damaged post threat threats card
""".split())
_RULES = {"following": FOLLOWING, "loitering": LOITERING, "gifts": GIFTS, "property_damage": DAMAGE,
          "threats": THREATS, "violence": VIOLENCE, "monitoring": MONITORING, "third_party": THIRD, "other": OTHER}


def categories_unsure(n: Normalized, cats: tuple[str, ...]) -> bool:
    """True when a category rests on one weak keyword, or nothing matched and "other" is a fallback."""
    t = n.lower
    if cats == ("other",) and not OTHER.search(t):
        return True
    for c in cats:
        rx = _RULES.get(c)
        if rx is None:
            continue
        hits = {m.group(0) for m in rx.finditer(t)}
        if len(hits) == 1 and next(iter(hits)) in WEAK_WORDS:
            return True
    return False


def find_what(n: Normalized, *, has_place: bool = True) -> tuple[str, ...]:
    """Behaviour categories of the account, in a stable order."""
    t = n.lower
    cats: list[str] = []
    remote = bool(REMOTE.search(t))
    threat = bool(THREATS.search(t))
    if FOLLOWING.search(t):
        cats.append("following")
    if _by_other(t, LOITERING) and (not FOLLOWING.search(t) or STRONG_LOITERING.search(t)):
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
    if _by_other(t, THIRD):
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
    if not remote and _by_other(t, FACE) and not threat and "violence" not in cats and "third_party" not in cats:
        contact = True
    if contact:
        cats.append("unwanted_contact")
    if not cats:
        cats.append("other")
    return tuple(cats)
