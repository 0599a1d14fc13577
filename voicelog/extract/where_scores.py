"""The one table of place scores: how much each sign counts towards "this is the incident's place".

:mod:`voicelog.extract.where_phrase` scores a phrase by what it is (a street, a place noun, a shop), and
:mod:`voicelog.extract.where` and :mod:`voicelog.extract.where_grow` add or take off what the words around it say
(a weak cue, a habit, a self-correction, "that's where it happened"). All of those numbers live here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """How much each sign counts towards "this is the incident's place" (the larger, the surer)."""

    street: float = 4.0
    """A named street ("Aspen Lane"), an address or a postcode: the most exact place people say."""
    place_noun: float = 2.5
    """A phrase ending in a place noun, a part of a home or a shop's name ("the bus stop", "the aldi")."""
    known_place: float = 3.0
    """A place the person confirmed in an earlier entry: more than a place noun, less than a street."""
    weak_noun: float = 1.0
    """A place noun with other common senses on its own ("the window", "the road")."""
    capitalised: float = 1.5
    """Added when the phrase has a capitalised word (a name, in Whisper-style text)."""
    unknown_name: float = 1.0
    """A name no dictionary knows after "in", "at", "outside" ("in Thornbury")."""
    transport: float = 0.5
    """A bus, train or tram, before the cue decides: only riding it (:attr:`riding`) makes it the place."""
    riding: float = 3.0
    """On the bus, got the 6:15 train: where it happened."""
    vehicle: float = 0.2
    """Someone's car or van: where they sat, not a place."""
    not_a_place: float = 0.4
    """A phrase scoring this or less is no place on its own (it can still be extended: "the back of the bus")."""
    never: float = -5.0
    """Online, a person, a body part: never a place."""
    the_one_on: float = 1.0
    """Added for "the Plough, the one on Quarry Street": the speaker made the place exact on purpose."""
    link_factor: float = 0.6
    """A further phrase ("on Hollin Road") counts this share of its own score, when the first phrase was a place."""
    named_link: float = 0.5
    """Added when an unnamed shop is pinned down by a street ("the Londis on Hollin Road")."""
    they_were_there: float = 1.0
    """Added when the other person is named just before the cue ("he was at", "I saw her outside")."""
    weak_cue: float = -1.5
    """Opened by "to", "from", "past": where someone went, not where it happened."""
    move_cue: float = -1.0
    """Opened by "got", "caught", "took" without a vehicle ridden."""
    boarding: float = -3.0
    """"got on at Tanners Lane": where they boarded."""
    elsewhere: float = -3.0
    """"on my way home from", "he lives in", "I usually go to": a habit or a place passed by."""
    off_work: float = -3.0
    """"home from my shift at the bakery": where the person came off work, often not where it happened."""
    home_part_no_cue: float = 1.5
    """A part of my home said with no cue ("banging my back door"): a place, but any cue's place beats it."""
    until: float = -3.0
    """Where a following ended ("walked behind me till the Spar on ..."), not where it happened."""
    said_there: float = 6.0
    """Added when the speaker says so: "..., and that's where it happened"."""
    arrived: float = 2.0
    """Added to a place arrived at when the other person was there ("when I reached the tram stop he was already there")."""
    venue_reach: int = 40
    """A bare part of a venue ("the queue") belongs to a venue named at most this many words before it."""
    corrected: float = -4.0
    """The place said just before a self-correction ("the Asda, no wait, ...")."""
    correction: float = 0.5
    """Added to the place said just after a self-correction, so it wins a tie with the one it replaces."""
    earlier: float = 0.05
    """Taken off in proportion to how late a place comes: of two equal places the first told wins."""
    close_rival: float = 0.75
    """Another place this close (or closer) makes the winner unsure."""
    sure: float = 1.5
    """A winner scoring less than this is unsure."""


SCORES = Scores()
"""The one table of place scores."""
