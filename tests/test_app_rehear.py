"""voicelog.app.rehear: kept recordings heard again with the person's vocabulary, and primed dictation.

Real parts: a sealed diary in tmp_path, Piper's speech, Whisper tiny.en. The name is invented ("Keeley"), one
tiny.en writes as "Kelly" unless it expects it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from listen_fixtures import scene

from voicelog.app.amend import correct_words
from voicelog.app.dictate import dictate, file_input
from voicelog.app.rehear import chosen_entries, offered, primed_engine, primed_transcriber, rehear, word_diff
from voicelog.errors import LockedError, UsageError
from voicelog.incident import Incident
from voicelog.settings import DictateSettings, EngineSettings
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

SAID = "On Tuesday at about nine in the evening Keeley told me he had been asking about me at the bus station."
WHEN = datetime(2026, 4, 9, 10, 30)
SETTINGS = DictateSettings(engine=EngineSettings(engine="whisper"), silence=1.0)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_reading(path, TEST_PASSPHRASE) as diary:
        diary.add_person("Keeley Marsh", ["my neighbour"])
    return path


@pytest.fixture
def said(tmp_path: Path) -> Path:
    return scene([SAID], tmp_path / "said.wav")


def test_a_word_diff_shows_runs_kept_removed_and_added() -> None:
    parts = word_diff("Kelly told me he had been", "Keeley told me that he had been")
    assert [(p.kind, p.text) for p in parts] == [("removed", "Kelly"), ("added", "Keeley"), ("same", "told me"),
                                                ("added", "that"), ("same", "he had been")]
    assert word_diff("the same", "the same")[0].kind == "same"


def test_an_entry_without_its_recording_cannot_be_heard_again(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.append(recorded_at=WHEN, transcript=Transcript("typed"), incident=Incident(), source="text")
        with pytest.raises(UsageError, match="Entry 1 has no recording kept"):
            chosen_entries(diary, [1])
        assert chosen_entries(diary) == [] and chosen_entries(diary, every=True) == []


@pytest.mark.slow
def test_an_account_recorded_locked_is_heard_again_with_the_registry_as_an_amendment(
        diary_path: Path, said: Path, whisper_engine) -> None:
    with open_for_recording(diary_path) as locked:  # no passphrase: the registry cannot be read
        assert primed_transcriber(whisper_engine, locked) is whisper_engine.transcriber
        first = dictate(file_input(said, recorded_at=WHEN), SETTINGS, locked,
                        load_engine=lambda: whisper_engine).entry
        with pytest.raises(LockedError):
            rehear(locked, whisper_engine, [])
    assert "Keeley" not in first.transcript.text  # heard unprimed, the name is another word
    assert not first.registry_applied

    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.amend(first.seq, changes={"location": "the bus station on Tanner Street"})  # the person's own
        [picked] = chosen_entries(diary)
        [done] = rehear(diary, whisper_engine, [picked])
        assert done.changed and done.primed and done.seq == first.seq
        assert any(p.kind == "added" and "Keeley" in p.text.split() for p in done.diff)
        assert any(p.kind == "removed" for p in done.diff)
        entry = diary.get(first.seq)
        assert "Keeley" in entry.transcript.text
        assert entry.first_transcript is not None and entry.first_transcript.text == first.transcript.text
        assert "Keeley Marsh" in [p.name for p in entry.incident.people]  # fields extracted from the new words
        assert entry.incident.location == "the bus station on Tanner Street"  # the correction still wins
        assert entry.amendments[-1].note.startswith("re-heard with whisper")
        assert entry.to_dict()["first_transcript"]["text"] == first.transcript.text
        assert chosen_entries(diary) == []  # heard again once; --all would hear it again
        [again] = rehear(diary, whisper_engine, chosen_entries(diary, every=True))
        assert not again.changed and again.amendment_seq is None  # the same words: nothing added
        assert diary.verify().ok
        correct_words(diary, first.seq, "On Tuesday at nine Keeley Marsh asked about me at the bus station.")
        corrected = diary.get(first.seq)
        assert chosen_entries(diary, every=True) == [] and offered(corrected) is None  # the person's words stay
        with pytest.raises(UsageError, match="corrected by you"):
            chosen_entries(diary, [first.seq])


@pytest.mark.slow
def test_dictating_into_an_unlocked_diary_expects_the_registry(diary_path: Path, said: Path,
                                                               whisper_engine) -> None:
    with open_for_recording(diary_path, passphrase=TEST_PASSPHRASE) as diary:
        entry = dictate(file_input(said, recorded_at=WHEN), SETTINGS, diary, load_engine=lambda: whisper_engine).entry
    assert "Keeley" in entry.transcript.text
    assert "Keeley Marsh" in [p.name for p in entry.incident.people]


def test_review_offers_what_has_its_recording_kept_and_was_not_heard_again(diary_path: Path) -> None:
    with open_for_recording(diary_path) as locked:
        locked.append(recorded_at=WHEN, transcript=Transcript("typed"), incident=Incident(), source="text")
        locked.append(recorded_at=WHEN, transcript=Transcript("kept"), incident=Incident(), source="microphone",
                      audio=b"flac", registry_applied=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.append(recorded_at=WHEN, transcript=Transcript("kept"), incident=Incident(), source="microphone",
                     audio=b"flac")
        typed, locked_one, unlocked_one = diary.entries()
        assert offered(typed) is None
        assert offered(locked_one) == "recorded while the diary was locked, so your names and places were not expected"
        assert offered(unlocked_one) == "its recording is kept"


@pytest.mark.slow
def test_listen_primes_its_accounts_from_the_plain_copy_while_locked(diary_path: Path, whisper_engine) -> None:
    from voicelog.app import plain_vocabulary
    from voicelog.app.listen import Listener
    from voicelog.settings import ListenSettings

    settings = ListenSettings(wake="blue pelican notebook")
    with open_for_recording(diary_path) as locked:
        assert primed_engine(whisper_engine, locked) is whisper_engine  # sealed registry, no plain copy
        assert Listener(settings, whisper_engine, locked).engine is whisper_engine
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        plain_vocabulary.turn_on(diary)
    with open_for_recording(diary_path) as locked:
        engine = Listener(settings, whisper_engine, locked).engine
    assert engine is not whisper_engine
    assert engine.transcriber.vocabulary.names == ("Keeley Marsh",)  # accounts heard expecting the name
    assert engine.greedy is whisper_engine.greedy  # the wake spotter's beam is not primed
    assert whisper_engine.transcriber.vocabulary is None  # the shared engine is left as it was
