"""voicelog.engines.vocabulary: the person's names and places for a recogniser, and names matched by sound."""

from __future__ import annotations

import pytest

from voicelog.engines.vocabulary import PROMPT_CHARS, Vocabulary, phonetic_key, respell
from voicelog.incident import KnownPerson
from voicelog.transcript import Transcript, Word

# Invented names, none from an evaluation set.
REGISTRY = [KnownPerson("Tadhg Burke", ("tadg", "my ex")), KnownPerson("Rhys", ()), KnownPerson("Kez Dunmore", ())]


def heard(text: str, engine: str = "vosk") -> Transcript:
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 0.8) for i, w in enumerate(text.split()))
    return Transcript(text=text, words=words, engine=engine, model="m", duration=len(words) * 0.5)


def test_the_vocabulary_holds_names_and_name_aliases_capitalised_and_confirmed_places() -> None:
    v = Vocabulary.of(REGISTRY, ["the Copper Kettle", "the copper  kettle", "Ashgrove Lane"])
    assert v.names == ("Tadhg Burke", "Tadg", "Rhys", "Kez Dunmore")  # "my ex" is no word to expect
    assert v.places == ("the Copper Kettle", "Ashgrove Lane")
    assert v.prompt() == "Names: Tadhg Burke, Tadg, Rhys, Kez Dunmore. Places: the Copper Kettle, Ashgrove Lane."
    assert v.single_names() == {"tadhg": "Tadhg", "tadg": "Tadg", "rhys": "Rhys", "kez": "Kez"}
    assert Vocabulary().empty and not v.empty


def test_a_long_vocabulary_is_cut_at_a_whole_name() -> None:
    v = Vocabulary.of([KnownPerson(f"Person{i:03d} Example", ()) for i in range(100)])
    prompt = v.prompt()
    assert len(prompt) <= PROMPT_CHARS
    assert prompt.endswith("Example.") and prompt.startswith("Names: Person000 Example,")


@pytest.mark.parametrize(("a", "b"), [("kev", "kef"), ("sean", "shaun"), ("rhys", "reese"), ("tadhg", "tayg")])
def test_sound_alikes_share_a_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("said", "expected"), [
    ("my friend rees said he saw him", "my friend rhys said he saw him"),  # lower case stays lower case
    ("My neighbour Reese texted me twice.", "My neighbour Rhys texted me twice."),
    ("my ex kes said it was over", "my ex kez said it was over"),
    ("my friend tact said it was over", "my friend tadhg said it was over"),  # one final consonant more
    ("I told Keys he had to go.", "I told Kez he had to go."),
])
def test_a_word_heard_where_a_name_goes_that_sounds_like_a_registered_name_is_that_name(said: str,
                                                                                       expected: str) -> None:
    t = respell(heard(said), Vocabulary.of(REGISTRY))
    assert t.text == expected
    assert [w.text.strip(".,") for w in t.words] == expected.replace(".", "").replace(",", "").split()
    assert [w.start for w in t.words] == [w.start for w in heard(said).words]  # timings stay


@pytest.mark.parametrize("said", [
    "and kept going down the road",  # not a name's slot
    "he kept texting me",
    "my friend said he was there",  # "said" carries the sentence
    "my friend Rhys said so",  # already the name
    "my friend Karen said so",  # sounds like no registered name
])
def test_other_words_stay(said: str) -> None:
    t = heard(said)
    assert respell(t, Vocabulary.of(REGISTRY)) is t


def test_no_vocabulary_changes_nothing() -> None:
    t = heard("my friend rees said")
    assert respell(t, Vocabulary()) is t
    assert respell(t, Vocabulary(places=("the Copper Kettle",))) is t


@pytest.mark.parametrize(("said", "echo"), [
    ("he sat there as always. and Tadhg Burke, Tadhg Burke, Tadhg Burke, Tadhg", 8),  # the primed list said back
    ("he sat there. Rhys, Kez Dunmore, Tadhg Burke", 5),
    ("it was Tadhg Burke.", 0),  # a name said once is what was said
    ("me and Rhys and Tadhg", 0),  # two people named together
    ("the car park as always", 0),
])
def test_the_vocabulary_said_back_after_the_speech_is_found(said: str, echo: int) -> None:
    from voicelog.engines.vocabulary import echo_tail

    assert echo_tail(said.split(), Vocabulary.of(REGISTRY)) == echo
