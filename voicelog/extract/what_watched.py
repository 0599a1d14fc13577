"""Signs of being watched that span the account's clauses (:mod:`voicelog.extract.what` adds them to the
monitoring evidence): the person saying they never told anyone what the other person knew, words that someone
is watching them, and their comings and goings written down. All are matched over the whole account, since a
recogniser's clause breaks ("i never told her | which gym i use") fall inside them."""

from __future__ import annotations

import re

from voicelog.extract.rules import rule, said

NEVER_TOLD_RULE = rule(
    "categories.monitoring-never-told", "the person says they never told anyone (or told them) what the other person "
    "knew: they were watched (across the development sets, 25 of 25 accounts saying so were monitoring)",
    said("He stopped me by the vending machine and said he liked my new glasses, I've never told him I wear glasses.",
         "monitoring, unwanted_contact"),
    said("she sent me a text saying enjoy the swim i hadn't told anyone where i was going", "monitoring, unwanted_contact"),
    said("I never told him to come round, he just turned up at the office shouting.", "unwanted_contact",
         fires=False))
_NEVER_TOLD = re.compile(r"\bi(?:'ve|'d| have| had)? (?:never|not|hadn't|haven't|have never|had never) (?:even )?"
                         r"(?:told|given|mentioned|shared)(?: it)? (?:to )?(?:anyone|anybody|him|her|them|a soul|nobody|"
                         r"no one)(?: (?:at|from) (?:work|the \w+))?(?=$| (?:where|what|which|when|i|i'd|i'm|i've|my|that|"
                         r"about (?!it\b)|we|we'd|we're|anything|then|and|so|yet|either)\b)")
""""I never told her where we'd be", "I hadn't told anyone we were going", "I'd never mentioned to anyone where I park"; not "I
never told him about it" (what he knew is not said)."""

WATCHING_YOU_RULE = rule(
    "categories.monitoring-watching-you", "someone says the other person is watching the person ('he's watching "
    "you', 'she's always watching'): they are watched",
    said("A lad I'd never seen came up at the cashpoint and said Corwin sends his love, he's watching you.",
         "monitoring, third_party, threats"),
    said("my phone lit up with a message from an unknown number saying we're watching everything you do",
         "monitoring, unwanted_contact"),
    said("He's watching the football at the pub with his brother, so I went round to get my things.", "other",
         fires=False))
_WATCHING = re.compile(r"\b(?:he's|she's|they're|he is|she is|they are|we're|we are|he'll be|she'll be|they'll be|"
                       r"we'll be) (?:always |still |now |just )?watching(?: (?:you|her|me|us|how|what|who|where|"
                       r"somehow|everything|every)\b|$)")
"""Someone watching the person, said by them or passed on: not watching a thing ("watching the football")."""

LOGGED_RULE = rule(
    "categories.monitoring-logged", "someone writes down or counts the person's comings and goings or visitors "
    "('keeping a log of who comes to the house', 'counting how many people visit me', 'scribbling in a notebook')",
    said("The man across the landing told me he's been keeping a log of everyone who comes to my flat.", "monitoring"),
    said("she stood at the corner scribbling in a notebook every time i went out", "monitoring"),
    said("He was writing down the number of the taxi when I got out, and then he drove off.", "other", fires=False))
_LOGGED = re.compile(r"\b(?:writ(?:ing|es|ten)|wrote|not(?:ing|ed|es)|jott(?:ing|ed)|scribbl(?:ing|ed)|keep(?:ing|s)? a "
                     r"(?:record|log|note|list|tally)|kept a (?:record|log|note|list|tally)|counting|logg(?:ing|ed)) "
                     r"(?:[a-z']+ ){0,6}?(?:who comes|comes and goes|come and go|visits? me|my visitors|"
                     r"in (?:a|his|her|their) (?:little )?(?:notebook|notepad|book))\b")
"""The person's comings and goings or visitors written down or counted; not a number or a plate noted."""
_OWN = re.compile(r"\b(?:i|we)(?:'ve|'m|'d| have| am| was| had| were)?(?: been| just| also| even)? $")
"""The person keeping their own log ("I've been writing it all down in a notebook"): no sign of being watched."""


def watched(whole: str) -> list[tuple[str, str]]:
    """(matched words, rule name) for each sign of watching in ``whole``, the account's clauses' lower-case words."""
    return [(m.group(0), NEVER_TOLD_RULE) for m in _NEVER_TOLD.finditer(whole)] + [
        (m.group(0), WATCHING_YOU_RULE) for m in _WATCHING.finditer(whole)] + [
        (m.group(0), LOGGED_RULE) for m in _LOGGED.finditer(whole) if not _OWN.search(whole[max(0, m.start() - 20):m.start()])]
