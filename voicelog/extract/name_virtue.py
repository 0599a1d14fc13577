"""Virtue names: given names that are everyday words ("Blessing", "Favour", "Wisdom"), common in West and
Southern Africa and their communities in Britain, and in English use since the Puritans.

The census lists lack most of them, so vocab/names_virtue.txt adds them to the first names that are also words
(names.any_first_names): the neighbours then tell the name from the word as for "Hope" or "Will"
(names.name_sense: "Comfort rang me", not "for comfort"). At the start of a cased sentence a capital says nothing,
so the tagger's one-word person there is the word unless its neighbours say otherwise ("Gift on the mat again").
"""

from __future__ import annotations

from voicelog.extract import vocab
from voicelog.extract.rules import rule, said

__all__ = ["VIRTUE_NAME", "virtue_name"]

VIRTUE_NAME = rule("people.virtue-name", "a virtue name that is also a word ('comfort', 'favour', 'wisdom') is a "
                   "first name where its neighbours say so, as for 'hope' or 'will'; at a sentence's start a capital "
                   "alone does not make it one (silent: found as a word-sense name)",
                   said("Yesterday Comfort came to my door again shouting.", "Comfort (subject)", fires=False),
                   said("wisdom pushed me off the bench at the bus stop", "Wisdom (subject)", fires=False),
                   said("Another gift on the step today, a scarf this time.", None, fires=False),
                   said("I have lost all peace of mind, he rang twelve times.", None, fires=False))


def virtue_name(word: str) -> bool:
    """A name of vocab/names_virtue.txt (lower case, "'s" ignored)."""
    return word.lower().removesuffix("'s") in vocab.words("names_virtue")
