"""``AccountRecorder``: one account's journal, audio and storing, on a real sealed diary and real files."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.recorder import EXTRACTION_FAILED, AccountRecorder, store_account
from voicelog.store.journal import find_journals, read_journal
from voicelog.store.opening import init_diary, journal_dir, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

WHEN = datetime(2026, 3, 26, 22, 5)
TEXT = "yesterday at half past nine a man followed me from the station to my door"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _tone(seconds: float) -> bytes:
    t = np.arange(int(16000 * seconds)) / 16000
    return (2000 * np.sin(2 * np.pi * 300 * t)).astype(np.int16).tobytes()


def test_the_journal_appears_with_the_first_audio_and_goes_once_stored(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
        assert not find_journals(journal_dir(diary_path))  # a microphone that never opened leaves nothing
        for _ in range(4):
            recorder.add(_tone(0.5))
        [journal] = find_journals(journal_dir(diary_path))
        assert recorder.seconds == pytest.approx(2.0)
        entry = recorder.store(Transcript(text=TEXT, duration=2.0))
    assert not journal.exists()
    assert entry.has_audio and entry.incident.extractor_version != EXTRACTION_FAILED
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert diary.get(entry.seq).transcript.text == TEXT


def test_abandoning_keeps_every_chunk_for_recover_and_discarding_removes_it(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        kept = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
        kept.add(_tone(1.0))
        kept.abandon()
        dropped = AccountRecorder(diary, recorded_at=datetime(2026, 3, 26, 23, 0), source="microphone")
        dropped.add(_tone(1.0))
        dropped.discard()
        assert diary.count() == 0
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        back = read_journal(journal, diary.opener)
    assert back.recorded_at == WHEN and back.pcm == _tone(1.0)


def test_a_failed_store_leaves_the_whole_journal(diary_path: Path) -> None:
    diary = open_for_recording(diary_path)
    recorder = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
    recorder.add(_tone(1.5))
    diary.close()  # the diary goes away under the recorder: storing fails for real
    with pytest.raises(sqlite3.ProgrammingError):
        recorder.store(Transcript(text=TEXT, duration=1.5))
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        back = read_journal(journal, diary.opener)
        assert diary.count() == 0
    assert back.complete and back.pcm == _tone(1.5)


def test_no_audio_asked_keeps_none_unless_no_words_were_heard(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        quiet = AccountRecorder(diary, recorded_at=WHEN, source="microphone", keep_audio=False)
        quiet.add(_tone(0.5))
        without = quiet.store(Transcript(text=TEXT, duration=0.5))
        wordless = AccountRecorder(diary, recorded_at=WHEN, source="microphone", keep_audio=False)
        wordless.add(_tone(0.5))
        kept = wordless.store(Transcript(text="", duration=0.5))
    assert not without.has_audio
    assert kept.has_audio  # audio in which nothing was recognised may be evidence


def test_a_locked_diary_marks_the_entry_for_the_registry(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        locked = store_account(diary, Transcript(text=TEXT), recorded_at=WHEN, source="typed")
    with open_for_recording(diary_path, passphrase=TEST_PASSPHRASE) as diary:
        unlocked = store_account(diary, Transcript(text=TEXT), recorded_at=WHEN, source="typed")
    assert not locked.registry_applied and unlocked.registry_applied


def test_a_recording_on_disk_is_not_journaled_again(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False)
        recorder.add(_tone(1.0))
        assert not find_journals(journal_dir(diary_path))
        recorder.abandon()  # a failure leaves nothing to recover: the file itself is still there
        assert not find_journals(journal_dir(diary_path))
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False)
        recorder.add(_tone(1.0))
        entry = recorder.store(Transcript(text=TEXT, duration=1.0))
    assert entry.has_audio and entry.source == "file:phone.wav"
