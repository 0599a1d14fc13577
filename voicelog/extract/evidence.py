"""What was kept: evidence named in an account, as normalised kinds.

"I screenshotted it" gives ``screenshot``, "my Ring doorbell got him on camera"
gives ``doorbell camera``, "I took a photo of the bruise" gives ``photo``.
A thing merely mentioned ("he left a voicemail") counts when the person says
they kept it; a thing they did not get ("I didn't get a photo") does not.
"""

from __future__ import annotations

import re

from voicelog.extract.impact import Detail
from voicelog.extract.normalize import Normalized

_PIC = r"(?:photo|photos|photograph|photographs|picture|pictures|pic|pics|snap|snaps)"
KEEP = re.compile(
    r"\b(?:kept|keep|keeping|saved|save|still (?:have|got)|i've got|i have got|i've still got|i've saved|"
    r"backed (?:it |them )?up|haven't deleted|not deleted|didn't delete|hung on to|held on to|"
    r"forwarded|handed (?:it|them|that) (?:in|over)|gave (?:it|them|that) to the police|showed (?:the police|them)|"
    r"sent (?:it|them|that|copies) to the police|recorded)\b"
)
NEGATION = re.compile(
    r"\b(?:didn't|did not|couldn't|could not|never|forgot to|wish i'd|wish i had|wasn't able to|weren't able to|"
    r"too \w+ to|no|not|without|there's no|there was no|there isn't|there aren't|there wasn't|haven't got|don't have|"
    r"didn't have|deleted|lost)(?: \w+){0,3} $"
)
THIRD_PERSON = frozenset("he she they he's she's they've he'd she'd".split())
FIRST_PERSON = frozenset("i i've i'd i'm we we've my me our".split())

# (kind, pattern, needs a keep verb nearby, made by the person or a witness rather than the other side)
RULES: tuple[tuple[str, re.Pattern[str], bool, bool], ...] = tuple(
    (kind, re.compile(rf"\b(?:{rx})\b"), keep, own)
    for kind, rx, keep, own in (
        ("doorbell camera", r"ring doorbell|ring door bell|doorbell (?:camera|cam|footage|video|recording)|"
                            r"door bell (?:camera|cam|footage|video)|video doorbell|ring (?:camera|cam|footage|video|app)|"
                            r"(?:my|the|our) ring (?:got|caught|recorded|picked|filmed|has|shows|showed)", False, False),
        ("dashcam", r"dash ?cam(?:era)?s?|dash cam footage", False, False),
        ("CCTV", r"cctv|c c t v|security (?:camera|cameras|footage)|camera footage|cameras? (?:there|outside|in the|on the|at the)|"
                 r"footage", False, False),
        ("screenshot", r"screenshot\w*|screen shot\w*|screengrab\w*|screen grab\w*|screen recorded|screen recording", False, True),
        ("photo", rf"(?:took|take|taken|taking|got|get|have|snapped) (?:a |some |loads of |lots of |two |a few |the )?"
                  rf"{_PIC}(?! of me\b)|photographed|{_PIC} of (?:the|his|her|him|it|them|my (?!face\b)\w+|the \w+)", False, True),
        ("video", r"filmed|videoed|took (?:a )?video|(?:got|caught) (?:it|him|her|them|the whole thing) on (?:video|film|my phone|camera)|"
                  r"video of (?:him|her|it|them|the)|recorded (?:it|him|her|them|the whole thing) on my phone", False, True),
        ("audio recording", r"recorded (?:the call|the conversation|our conversation|what he said|what she said|him|her)|"
                            r"(?:voice|audio|call) recording", False, True),
        ("voicemail", r"voicemails?|voice mails?|voice messages?|voice notes?|answerphone message", True, False),
        ("messages kept", r"messages|texts|text messages|emails|dms|whatsapps|the message|the text|the email|"
                          r"his messages|her messages|their messages", True, False),
        ("call log", r"call log|call logs|call history|log of (?:the |his |her )?calls|list of (?:the |his |her )?calls", False, False),
        ("letter", r"letters?", True, False),
        ("note", r"the note|notes? (?:he|she|they) (?:left|wrote)", True, False),
        ("card", r"the card|cards? (?:he|she|they) (?:left|sent|wrote)", True, False),
        ("tracking device", r"the tracker|the airtag|the air tag|tracking device", True, False),
        ("medical record", r"(?:went|go|going|been) to (?:a and e|a e|a&e|hospital|the hospital|the doctor'?s?|my gp|the gp|"
                           r"the walk in|urgent care|minor injuries)|(?:doctor|gp|nurse|hospital) (?:saw|checked|looked at|"
                           r"recorded|noted|wrote|has it|documented)|medical (?:record|records|report|notes)|"
                           r"got (?:it |myself )?checked out|x ?rays?", False, False),
        ("statement", r"(?:gave|made|give|giving|given|took|taken) (?:a |her |his |my |their |a written )?statements?|"
                      r"witness statements?", False, False),
        ("registration number", r"(?:got|took|wrote down|noted|have) (?:down )?(?:his|her|the|their) (?:number plate|reg|"
                                r"registration|plate|car reg)|(?:reg|registration|number plate) (?:is|was|number)", False, False),
        ("diary", r"(?:keeping|kept|keep) (?:a )?(?:diary|log|record) of", False, False),
    )
)


def _negated(low: str, start: int) -> bool:
    return bool(NEGATION.search(low[max(0, start - 40):start]))


def _kept(window: str) -> bool:
    """A keep verb whose subject is not the other side ("he kept texting" is no evidence)."""
    for m in KEEP.finditer(window):
        before = window[:m.start()].split()[-2:]
        if not any(w in THIRD_PERSON for w in before) and not _negated(window, m.start()):
            return True
    return False


def _by_other_side(n: Normalized, i: int) -> bool:
    """The nearest subject before word i is he, she or they: "he took photos of me"."""
    for w in reversed(n.words[max(0, i - 4):i]):
        if w.lower in THIRD_PERSON:
            return True
        if w.lower in FIRST_PERSON:
            return False
    return False


def find_evidence(n: Normalized) -> tuple[Detail, ...]:
    """Kinds of evidence the person says they have, in order of first mention."""
    low = n.lower
    hits: list[tuple[int, str, str]] = []
    for kind, rx, needs_keep, own in RULES:
        for m, i, j in n.finditer(rx):
            if _negated(low, m.start()):
                continue
            if own and _by_other_side(n, i):
                continue
            a, b = max(0, i - 8), min(len(n.words), j + 6)
            if needs_keep and not _kept(" ".join(w.lower for w in n.words[a:b])):
                continue
            hits.append((i, kind, n.source(i, j)))
    kinds = {k for _, k, _ in hits}
    if kinds & {"doorbell camera", "CCTV", "dashcam"}:
        # "my Ring doorbell got him on camera" is the doorbell's video, not a second one
        hits = [h for h in hits if not (h[1] == "video" and re.search(r"\bon camera\b", h[2].lower()))]
    out: list[Detail] = []
    seen: set[str] = set()
    for _, kind, src in sorted(hits):
        if kind not in seen:
            seen.add(kind)
            out.append(Detail(text=kind, source=src))
    return tuple(out)
