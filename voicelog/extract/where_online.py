"""An online service or the phone is no place ("on my phone", "on facebook"), but a noun after it makes a shop.

Rule ``location.online-thing``: :class:`~voicelog.extract.where_phrase.Reader` asks :func:`online` of each word of a
phrase before it reads the phrase as a place, a shop or a person.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicelog.extract.rules import rule, said

ONLINE_THING = rule("location.online-thing", "\"on my phone\" is no place, but a noun after it makes a shop: \"the phone store\".",
                    said("The man at the phone store on Dunholm Street found a tracker app.", "the phone store on Dunholm Street",
                         fires=False),
                    said("I was in my shop, Kelsey Bright Phone Repairs on Barrow Highway, when he came in shouting.",
                         "Kelsey Bright Phone Repairs on Barrow Highway", fires=False),
                    said("He kept messaging me on my phone all night.", None, fires=False))


def online(lowers: Sequence[str], i: int) -> bool:
    """Rule ``online-thing``: lowers[i] names an online service or the phone ("on facebook", "my phone"), unless a
    noun after it makes it a kind of shop ("the phone store", "Ridley Phone Repairs")."""
    from voicelog.extract.where_phrase import wl

    after = lowers[i + 1] if i + 1 < len(lowers) else ""  # not "her facebook posts", "snapchat asking"
    return lowers[i] in wl("online") and not (after in wl("heads") or after in ("repair", "repairs", "accessories"))
