"""Growing a ride: the steps of :mod:`voicelog.extract.where_grow` that make the bus, train or tram ridden exact.

Its route number ("the bus, the number 42"), a part of it and its number ("the top deck of the 73") and its route
("the train from Dunmore"); each a named rule (:mod:`voicelog.extract.rules`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said
from voicelog.extract.where_phrase import Reader, wl
from voicelog.extract.where_scores import SCORES

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.where_grow import Growing

BUS_NUMBER = rule("location.bus-by-number", "\"the top deck of the 57\": a part of a bus and the bus by its number.",
                  said("He went up and sat on the top deck of the 57 towards Brackenbury and kept staring.",
                       "the top deck of the 57 towards Brackenbury"),
                  said("he went up and sat on the top deck of the fifty seven towards brackenbury and kept staring",
                       "the top deck of the fifty seven towards brackenbury"))
ROUTE = rule("location.route", "The route of the bus or train ridden makes it exact: the train from Dunmore.",
             said("He was on the train from Dunmore and sat opposite me.", "the train from Dunmore"),
             said("He was on the 8.15 train to Leeds sitting opposite me.", "the 8.15 train to Leeds"))
RIDE_NUMBER = rule("location.ride-number", "\"the bus, the number 64\": the ride named by its route number is exact.",
                   said("I sat on the bus, the number sixty four, and he got on after me.", "the bus, the number sixty four"),
                   said("i was dozing on the night bus the n twelve when he plonked himself next to me", "the night bus the n twelve"),
                   said("I got the bus home, the three one two, and he was already on it.", "the bus home, the three one two"))
_AFTER_NUMBER = frozenset("from going heading towards to and when with".split())
"""What may follow a bus's number after a part of it: its route, or the clause going on ("the 73 and he")."""
_ROUTE_LINKS = ("from", "going to", "heading to", "towards", "to")
"""What says the route of a bus or train ridden ("the 52 going to Dunmore")."""


def _ends_sentence(reader: Reader, i: int) -> bool:
    """Word i ends a sentence (Whisper's full stop, question mark...)."""
    return i >= 0 and reader.account.punct_after(i) in (".", "?", "!", ";")


def by_ride_number(g: Growing) -> bool | None:
    """``ride-number``: "the bus, the number 81", "the night bus, the N 50", "the bus home, the three one two": the
    ride being taken, named by its route number."""
    words, pos, reader = g.words, g.pos, g.reader
    if g.end is None or RIDE_NUMBER in g.rules or words[g.seed.end - 1].lower not in wl("transport") \
            or _ends_sentence(reader, pos - 1):
        return None
    at = pos + (words[pos].lower in ("home", "back"))  # "the bus home, the three one two"
    at += at < len(words) and words[at].lower == "the"
    at += at < len(words) and words[at].lower in ("number", "no")
    at += at + 1 < len(words) and len(words[at].lower) == 1 and words[at].kind == "word" and words[at + 1].kind == "num"
    if at >= len(words) or words[at].kind != "num" or words[at - 1].lower in ("home", "back") or at == pos:
        return None  # "the bus, 20 minutes late": a number said alone is no route
    first = at
    while at < len(words) and words[at].kind == "num" and (at == first or not reader.account.punct_after(at - 1)):
        at += 1
    after = words[at + 1].lower if at + 1 < len(words) else ""
    if at < len(words) and len(words[at].lower) == 1 and words[at].text.isalpha() and not reader.account.punct_after(
            at - 1) and (words[at].lower not in "ai" or words[at].text == "A" or reader.account.punct_after(at)
                         or after in ("", "and", "when", "but", "so", "then", "he", "she", "they", "i")):
        at += 1  # "the twelve C"
    g.score += SCORES.the_one_on
    return g.took(at, RIDE_NUMBER)


def by_bus_number(g: Growing) -> bool | None:
    """``bus-by-number``: "the top deck of the 73", "the back seat of the 52 bus"."""
    words = g.words
    if words[g.pos - 1].lower not in wl("bus_parts") or not g.ahead.startswith("of "):
        return None
    at = g.pos + 1 + (g.pos + 1 < len(words) and words[g.pos + 1].lower == "the")
    if at >= len(words) or words[at].kind != "num" or _ends_sentence(g.reader, g.pos):
        return None
    at += at + 1 < len(words) and words[at + 1].lower in wl("transport")
    if at + 1 < len(words) and not _ends_sentence(g.reader, at) and words[at + 1].lower not in _AFTER_NUMBER:
        return None  # "the front of the 7 queue"
    g.head, g.score = max(g.head, SCORES.riding), max(g.score, SCORES.riding)
    return g.took(at + 1, BUS_NUMBER)


def by_route(g: Growing) -> bool | None:
    """``route``: "the train from Carlisle", "the 212 bus going to Clonmel" (up to three words of name)."""
    words, doc = g.words, g.reader.doc
    if not (words[g.pos - 1].lower in wl("transport") | wl("vehicles") | {"flight"} or words[g.pos - 1].kind == "time"
            or BUS_NUMBER in g.rules[-1:]):
        return None
    link = next((link for link in _ROUTE_LINKS if g.ahead.startswith(link + " ")), None)
    if link is None:
        return False
    link_start = link_end = g.pos + len(link.split())
    while link_end < min(len(words), link_start + 3) and words[link_end].lower not in wl("stop") \
            and words[link_end].kind == "word" and words[link_end].lower not in wl("date_words") \
            and (doc is None or link_end >= len(doc) or doc[link_end].pos_ in ("PROPN", "NOUN", "ADJ", "NUM")):
        link_end += 1  # not "sitting"
    return g.took(link_end, ROUTE) if link_start < link_end else False
