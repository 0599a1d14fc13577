"""voicelog.extract.clauses: clauses and who does each, with and without punctuation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import STYLES

from voicelog.extract.clauses import clauses, subject_role
from voicelog.extract.normalize import normalize


def roles(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.role) for c in clauses(normalize(text))]


@pytest.mark.parametrize("style", STYLES)
def test_connectives_and_new_subjects_split_clauses(style: Callable[[str], str]) -> None:
    got = roles(style("I sped up, he sped up and then he grabbed my arm."))
    assert [r for _, r in got] == ["speaker", "other", "other"] and got[-1][0].endswith("grabbed my arm")


@pytest.mark.parametrize("style", STYLES)
def test_the_one_blamed_does_what_follows_who(style: Callable[[str], str]) -> None:
    got = roles(style("I think it was Mark who keyed my car."))
    assert got[-1] == ("who keyed my car", "other")


def test_a_relative_clause_after_a_bystander_is_theirs() -> None:
    assert roles("my neighbour who lives opposite saw him")[0][1] == "bystander"


ROLES = [
    (["my", "ex's", "mum", "rang"], "associate"),  # someone of the other person's side
    (["brendan's", "brother", "came"], "associate"),
    (["sophie's", "uncle", "mr", "bramley", "was"], "other"),  # the relation named: the one it is about
    (["my", "friend", "saw"], "bystander"),
    (["he", "followed"], "other"),
    (["i", "rang"], "speaker"),
    (["my", "car", "was"], "thing"),
    (["followed", "me"], None),  # no subject of its own: inherits
]


@pytest.mark.parametrize(("words", "want"), ROLES)
def test_the_subject_of_a_clause(words: list[str], want: str | None) -> None:
    assert subject_role(words)[0] == want


def test_words_after_said_are_reported() -> None:
    got = clauses(normalize("he said i know where you live and then he left"))
    assert any(c.reported for c in got) and not got[0].reported


def test_a_noun_phrase_or_a_name_set_off_by_commas_does_not_change_the_doer() -> None:
    got = roles("Mr Dale, my old landlord, was waiting outside.")
    assert got[-1] == ("was waiting outside", "other")
    got = roles("The caretaker, Ruben, said he saw a man by my car.")
    assert [r for _, r in got] == ["bystander", "bystander", "bystander"]


@pytest.mark.parametrize("style", STYLES)
def test_after_a_subordinate_clause_the_main_clauses_doer_carries_on(style: Callable[[str], str]) -> None:
    got = roles(style("He waited until I finished my shift and then tailed me home."))
    assert got[-1][1] == "other" and got[-1][0].endswith("tailed me home")


def test_someone_brought_in_by_and_after_the_speaker_is_the_new_doer_not_a_renaming_of_me() -> None:
    # "and Bartholomew, my cousin's lodger," comes after the speaker's own clause: it names a new doer, so the
    # subjectless clauses after it are his, not the speaker's (the apposition rule would carry "I" on)
    got = roles("I was queueing at the post office, and Bartholomew, my cousin's lodger, came over and pinched my arm.")
    assert got[-2:] == [("came over", "other"), ("and pinched my arm", "other")]
    named = "I was sorting my shelf at the library, Bartholomew, my cousin's lodger, walked over and pinched my arm."
    assert clauses(normalize(named), frozenset({"bartholomew"}))[-1].role == "other"
    assert clauses(normalize(named))[-1].role == "speaker"  # without knowing who it is about: a renaming of the place


def test_a_noun_phrase_that_starts_a_sentence_is_a_new_doer() -> None:
    got = roles("He followed me home. My neighbour, Pat, pulled him off me.")
    assert [r for _, r in got] == ["other", "bystander", "bystander", "bystander"]
    assert roles("Mr Ellery, my former piano teacher, was loitering outside.")[-1][1] == "other"


@pytest.mark.parametrize("style", STYLES)
def test_the_accounts_subject_named_late_or_renamed_at_length_is_the_doer(style: Callable[[str], str]) -> None:
    said = style("I locked up the studio at seven, and at ten past Hamish Orr, the nephew of a woman in my choir, "
                 "climbed on the tram after me and walked behind me to the shop.")
    plain = [c.role for c in clauses(normalize(said))]
    known = [c.role for c in clauses(normalize(said), frozenset({"hamish", "orr"}))]
    assert known[-1] == "other" and plain[-1] != "other"


def test_someone_acting_for_the_subject_stays_their_associate() -> None:
    said = "By the lockers Tomas's aunt, Ilse, marched over to me and said he wants to talk."
    got = clauses(normalize(said), frozenset({"ilse"}))
    assert any(c.role == "associate" for c in got)


def test_someone_else_named_and_renamed_is_a_bystander_once_the_subject_is_known() -> None:
    # natural style only: in Vosk text with no punctuation nothing splits "from piers ottilie the other cashier told me"
    said = "There was a box on my desk from Piers. Ottilie, the other cashier, told me a van was idling there at six."
    got = clauses(normalize(said), frozenset({"piers"}))
    assert got[-1].text.startswith("told me") and got[-1].role == "bystander"
    assert clauses(normalize(said))[-1].role != "bystander"


@pytest.mark.parametrize("style", STYLES)
def test_a_subjectless_clause_done_to_me_is_not_the_speakers(style: Callable[[str], str]) -> None:
    got = roles(style("I was locking the shed and then shoved me against the fence."))
    assert got[0][1] == "speaker" and got[-1] == ("and then shoved me against the fence", "other")
    kept = roles(style("I was locking the shed and then rang my sister."))
    assert kept[-1][1] == "speaker"
