"""``voicelog.app.recover``: journals left by a crash become entries; damaged ones set aside, silent ones dropped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE

from voicelog.app.recover import recover, recover_leftovers
from voicelog.audio import read_wav
from voicelog.engines.base import Engine
from voicelog.store.journal import JournalWriter, find_journals, journal_path
from voicelog.store.opening import init_diary, journal_dir, open_for_reading, open_for_recording

WHEN = datetime(2026, 3, 26, 22, 5)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _crash(diary_path: Path, samples: np.ndarray, when: datetime = WHEN, *, keep_audio: bool = True) -> Path:
    """A journal as a crash leaves it: written by the recording side, no final record."""
    folder = journal_dir(diary_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    with open_for_recording(diary_path) as diary:
        assert diary.sealer is not None
        writer = JournalWriter(journal_path(folder), diary.sealer, recorded_at=when,
                               meta={"source": "microphone", "keep_audio": keep_audio})
        for i in range(0, len(samples), 8000):
            writer.append(samples[i : i + 8000].tobytes())
        writer.abandon()
        return writer.path


def _no_engine() -> Engine:
    raise AssertionError("no recogniser should be needed here")


def test_a_locked_diary_only_says_journals_are_waiting(diary_path: Path) -> None:
    path = _crash(diary_path, np.zeros(16000, dtype=np.int16))
    with open_for_recording(diary_path) as diary:
        leftovers = recover_leftovers(diary, _no_engine)
    assert leftovers.locked and leftovers.recovered == ()
    assert path.exists()


def test_silence_is_dropped_and_a_damaged_journal_set_aside_without_a_recogniser(diary_path: Path) -> None:
    silent = _crash(diary_path, np.zeros(16000 * 2, dtype=np.int16))
    broken = silent.with_name("20260101T000000-1-dead.vlj")
    broken.write_bytes(b"")  # a crash between creating the file and writing its header
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = {r.journal.name: r for r in recover(diary, _no_engine)}
        assert diary.count() == 0
    assert done[silent.name].entry is None and done[silent.name].seconds == pytest.approx(2.0)
    damaged = broken.with_name(broken.name + ".damaged")
    assert damaged.name in done and done[damaged.name].problem
    assert not silent.exists() and damaged.exists() and find_journals(journal_dir(diary_path)) == []


@pytest.mark.slow
def test_speech_becomes_an_entry_marked_recovered_and_no_audio_is_honoured(diary_path: Path, whisper_engine) -> None:
    path = _crash(diary_path, read_wav(EXAMPLE_WAV), keep_audio=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        leftovers = recover_leftovers(diary, lambda: whisper_engine)
        [done] = leftovers.recovered
        assert not leftovers.locked and done.journal == path and done.entry is not None
        entry = diary.get(done.entry.seq)
    assert entry.recovered and entry.source == "recovered" and entry.recorded_at == WHEN.isoformat()
    assert "john smith" in entry.transcript.text.lower()
    assert not entry.has_audio  # the recording asked for --no-audio before it was cut off
    assert not path.exists()


@pytest.mark.slow
def test_audio_without_recognised_words_is_kept_as_evidence(diary_path: Path, whisper_engine) -> None:
    rng = np.random.default_rng(7)
    t = np.arange(16000 * 3) / 16000
    hum = 3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 200, t.size)
    _crash(diary_path, hum.astype(np.int16), keep_audio=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [done] = recover(diary, lambda: whisper_engine)
    assert done.entry is not None and done.entry.transcript.text == "" and done.entry.has_audio
