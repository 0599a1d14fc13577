"""Pubs and inns named by their own words ("the Foresters Arms", "the Rose and Crown", "the blue stag"): rule
``location.pub-name``, used by :class:`voicelog.extract.where_phrase.Reader` to tell a pub from a body part ("by the
arms") and to keep "the Fox and Hounds" whole where a place phrase would stop at "and".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicelog.extract.rules import rule, said

if TYPE_CHECKING:  # pragma: no cover
    from voicelog.extract.where_phrase import Reader

PUB = rule("location.pub-name", "\"the Foresters Arms\", \"the Kings Head\", \"the Rose and Crown\" name a pub, not a body part.",
           said("I was at the Foresters Arms on Saturday and he kept staring at me.", "the Foresters Arms"),
           said("i was at the foresters arms on saturday and he kept staring at me", "the foresters arms"),
           said("He was drinking in the Kings Head when I walked in.", "the Kings Head"), said(
               "We were in the Rose and Crown and he sat at the next table.", "the Rose and Crown"), said(
               "we were in the rose and crown and he sat at the next table", "the rose and crown"), said(
               "He grabbed me by the arms and shook me.", None, fires=False), said(
               "he grabbed me by the upper arms and shook me", None, fires=False),
           said("we were in the blue stag on friday and he kept staring", "the blue stag"))


def pub_word(reader: Reader, pos: int) -> bool:
    """words[pos] can be a word of a pub's name: a noun or a name, not a body part, person or common word."""
    from voicelog.extract.where_phrase import wl

    word = reader.account.words[pos]
    return word.kind == "word" and (lower := word.lower) not in wl("not_pub_names") and lower not in wl("determiners") \
        and lower not in wl("body_parts") and lower not in wl("people") and lower not in wl("stop") \
        and (word.text[:1].isupper() or reader._tag(pos) in ("NOUN", "PROPN"))

def pub_name(reader: Reader, start: int, end: int) -> str:
    """words[start:end] name a pub (rule ``pub-name``): "named" ("the Kings Head", "the Fox and Hounds"), "lower"
    ("the coach and horses": less sure), "" ("by the arms", "in the head")."""
    from voicelog.extract.where_phrase import _someone, wl

    words, lowers = reader.account.words, reader.lowers[start:end]
    if end - start < 3 or lowers[0] != "the":
        return ""
    if lowers[-1] in wl("pub_heads") and end - start <= 5 and pub_word(reader, end - 2) and all(
            pub_word(reader, p) or reader._tag(p) == "ADJ" for p in range(start + 1, end - 2)):  # "the black bull inn"
        before = words[end - 2]  # "the Kings Head", not "the bald head"
        return "named" if lowers[-1] != "head" or before.text[:1].isupper() or before.lower.endswith("s") else ""
    if lowers[-1] in wl("pub_heads") and lowers[-1] not in ("head", "arms") and end - start == 3 \
            and reader._tag(end - 2) == "ADJ" and lowers[1] not in wl("not_pub_names"):
        # a colour or other adjective before an inn's word ("the Blue Stag", "the old swan"); in lower case less sure
        return "named" if words[end - 2].text[:1].isupper() and words[end - 1].text[:1].isupper() else "lower"
    if end - start == 4 and lowers[2] == "and" and pub_word(reader, start + 1) and pub_word(reader, start + 3) \
            and not all(lower in wl("heads") or lower in wl("home_parts") for lower in lowers[1::2]):
        first, second = words[start + 1], words[start + 3]
        if first.text[:1].isupper() and second.text[:1].isupper():
            return "named"
        if first.text.islower() and second.text.islower() and reader._tag(start + 1) == "NOUN" \
                and reader._tag(start + 3) == "NOUN" and not _someone(second.lower):
            return "lower"
    return ""
