"""A part of a place taken back and said again: "at the chippy on Quarrow Road, no sorry, on Fern Road".

People often get the street, the town or the centre of a place wrong and put it right at once, keeping the rest of
the place ("the chippy on ..."). :func:`without_taken_back` drops the words taken back and the correction
("on Quarrow Road, no sorry,") before the place is read, as :func:`~voicelog.extract.where._without_fillers` drops
fillers, so the place reads on as it was meant: "the chippy on Fern Road". A whole place taken back ("the Asda, no
wait, the Aldi") is left to the rule ``self-correction`` (:mod:`voicelog.extract.where_seeds`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from voicelog.extract.normalize import Normalized
from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import STREET, Reader, wl
from voicelog.extract.where_scores import SCORES
from voicelog.extract.where_weigh import corrections_rx

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TAKEN_BACK_PART = rule(
    "location.taken-back-part",
    "\"the chippy on Quarrow Road, no sorry, on Fern Road\": the last part of a place put right keeps the rest.",
    said("I was at the chippy on Quarrow Road, no sorry, on Fern Road, and he pushed in front of me.",
         "the chippy on Fern Road"),
    said("i was at the chippy on quarrow road no sorry on fern road and he pushed in front of me", "the chippy on fern road"),
    said("he was waiting outside my block in hexley no in brantwood sorry when i got back", "outside my block in brantwood"),
    said("he stood outside the chemist in the grangemoor no the weldon centre and shouted at me",
         "outside the chemist in the weldon centre"),
    said("He came into the chemist on Quarrow Road, no wait, that's wrong, it's the one on Fern Road, and shouted.",
         "the chemist on Fern Road"),
    said("I was at the market on Fell Square, no, sorry, it's Fenn Square, and he stood behind me.",
         "the market on Fenn Square"),
    said("He was at the Asda, no wait, the Aldi by Fern Road.", "the Aldi by Fern Road", fires=False),
    said("He was outside the gym on Quarrow Road. Sorry, I'm rambling, on and on.", "outside the gym on Quarrow Road",
         fires=False),
)

_LINKS = frozenset("on in off at".split())
"""A link before the part of a place that can be taken back: "the chippy on Quarrow Road", "my block in Hexley"."""
_RESTATED = frozenset("it's it is was i mean".split())
"""Words between a correction and the part said again ("no, sorry, it's on Fern Road")."""
_VERBS = frozenset("is was 's isn't wasn't".split())
"""After the part said again: a new clause about the place ("no, the shop is behind ..."), not a part of it."""
_REACH = 4
"""The part taken back is at most this many words (after its link)."""


def without_taken_back(account: Normalized, doc: Doc | None) -> tuple[Normalized, Doc | None, list[tuple[int, int]]]:
    """Rule ``taken-back-part``: the account without the part of a place taken back and the correction after it
    ("on Quarrow Road, no sorry,"), with the parse to match (or None), and the spans of the original text cut out
    (none when nothing was taken back)."""
    reader = Reader.of(account, doc)
    words, lowers = account.words, reader.lowers
    for match, i, j in account.finditer(corrections_rx()):
        if "not" in match.group(0).split() or i == 0 or account.punct_after(i - 1) in (".", "?", "!", ";"):
            continue  # "no, not the Iceland" takes a place back and gives none; a new sentence is no correction
        while j < len(words) - 1:  # "no, sorry, it's", "no wait, that's wrong": all of it the correction
            more = corrections_rx().match(" ".join(lowers[j:j + 4]))
            if lowers[j] in _RESTATED:
                j += 1
            elif more:
                j += len(more.group(0).split())
            else:
                break
        if j + 2 < len(words) and lowers[j] == "the" and lowers[j + 1] in ("one", "1") and lowers[j + 2] in _LINKS:
            j += 2  # "..., it's the one on Fern Road": the same place, on the street put right
        link = lowers[j] if j < len(words) and lowers[j] in _LINKS else None
        start = j + (link is not None)
        end = _part_end(reader, start)
        cut = next((k for k in range(i - 1, max(-1, i - _REACH - 2), -1)
                    if lowers[k] in _LINKS and (link is None or lowers[k] == link)), None)
        if end <= start or cut is None or cut == i - 1 \
                or any(account.punct_after(k) in (".", "?", "!", ";") for k in range(cut, i - 1)) \
                or not _a_part(reader, cut + 1, i) or not _kept_before(reader, cut, i):
            continue
        if end < len(words) and lowers[end] in _VERBS or lowers[end - 1] in lowers[max(0, cut - 3):cut]:
            continue  # "on Quarrow Road, no, the flat is off Fern Road": a new clause about the place kept, not its part
        if reader.head(cut + 1, i).rule == STREET != reader.head(start, end).rule:
            continue  # "the Londis on Quarrow Road, no, it was the Spar": a street is put right only by a street
        drop = set(range(cut + (link is None), j))  # "in the grangemoor no the weldon centre" keeps its "in"
        if end < len(words) and lowers[end] == "sorry":
            drop.add(end)  # "no in brantwood sorry": the apology after the part said again goes too
        return _cut(account, doc, drop)
    return account, doc, []


def _part_end(reader: Reader, start: int) -> int:
    """The end of the longest part of a place starting at words[start] (Vosk's run-on text reads "brantwood sorry when"
    as one phrase); start when there is none."""
    end = reader.np_end(start) if start < len(reader.lowers) else start
    end = next((k + 1 for k in range(start, end) if reader.account.punct_after(k)), end)  # "the Spar, the Spar on ..."
    return next((stop for stop in range(end, start, -1) if reader.head(start, stop).score > SCORES.not_a_place),
                next((stop for stop in range(end, start, -1) if _a_part(reader, start, stop)), start))


def _a_part(reader: Reader, start: int, end: int) -> bool:
    """words[start:end] can be the last part of a place: a street, a place noun or a name; no person, time or thing."""
    head = reader.head(start, end)
    return head.score > SCORES.not_a_place or reader.unknown_name(start, end) and head.score >= 0


def _kept_before(reader: Reader, cut: int, i: int) -> bool:
    """Before the link, a place the part belongs to ("the chippy", "my block"): a place noun or shop opened by a cue
    a few words back, so a whole place said again ("at Quarrow Road no at Fern Road") stays with ``self-correction``."""
    lowers = reader.lowers
    for start in range(cut - 1, max(-1, cut - 6), -1):
        if lowers[start] in wl("cues") or lowers[start] in wl("cues_kept"):
            least = SCORES.place_noun - SCORES.capitalised  # "greggs" alone is no shop; "greggs in the fellgate centre" is
            return start < cut - 1 and max(reader.head(start + 1, cut).score, reader.head(start + 1, i).score) >= least
    return False


def _cut(account: Normalized, doc: Doc | None, drop: set[int]) -> tuple[Normalized, Doc | None, list[tuple[int, int]]]:
    """The account without the words drop (indices into words), the punctuation after each, and the parse to match;
    and the spans of the original text cut out."""
    words, original = account.words, account.original
    spans: list[tuple[int, int]] = []
    for k in sorted(drop):  # from the end of the word kept before to the space before the word kept after
        after = words[k + 1].start - 1 if k + 1 < len(words) else len(original)
        before = words[k - 1].end if k > 0 else words[k].start
        if spans and spans[-1][1] >= before:
            spans[-1] = (spans[-1][0], after)
        else:
            spans.append((before, after))
    text, at = "", 0
    for a, b in spans:
        text, at = text + original[at:a], b
    text += original[at:]
    kept = []
    for token in account.tokens:
        if any(a <= token.start < b for a, b in spans):
            continue
        shift = sum(b - a for a, b in spans if b <= token.start)
        kept.append(replace(token, start=token.start - shift, end=token.end - shift))
    if doc is not None and len(doc) == len(words):
        from spacy.tokens import Doc

        keep = [k for k in range(len(words)) if k not in drop]
        doc = Doc(doc.vocab, words=[doc[k].text for k in keep], pos=[doc[k].pos_ for k in keep],
                  tags=[doc[k].tag_ for k in keep])
    else:
        doc = None
    return Normalized(text, tuple(kept)), doc, spans


def in_original(at: int, spans: list[tuple[int, int]]) -> int:
    """Where offset at of the shortened text is in the original (spans: what :func:`without_taken_back` cut out)."""
    for a, b in spans:
        if at >= a:
            at += b - a
    return at
