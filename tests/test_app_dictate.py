"""``voicelog.app.dictate``: a whole dictation through the library, no click involved, with real parts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE

from voicelog.app.dictate import AudioInput, dictate, file_input
from voicelog.app.recover import recover
from voicelog.audio import read_wav
from voicelog.errors import AudioError, NoSpeechError
from voicelog.settings import DictateSettings, EngineSettings
from voicelog.store.journal import find_journals
from voicelog.store.opening import init_diary, journal_dir, open_for_reading, open_for_recording

pytestmark = pytest.mark.slow

WHEN = datetime(2026, 3, 26, 22, 5)
SETTINGS = DictateSettings(engine=EngineSettings(engine="whisper"), silence=1.0)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _chunks(samples: np.ndarray, seconds: float = 0.5) -> list[bytes]:
    step = int(16000 * seconds)
    return [samples[i : i + step].tobytes() for i in range(0, len(samples), step)]


def test_a_recording_becomes_a_sealed_entry_through_the_library(diary_path: Path, whisper_engine) -> None:
    with open_for_recording(diary_path) as diary:  # the recording side: public key only
        done = dictate(file_input(EXAMPLE_WAV, recorded_at=WHEN), SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert done.entry.seq == 1 and not done.extraction_failed
    assert done.seconds == pytest.approx(len(read_wav(EXAMPLE_WAV)) / 16000, abs=0.01)
    assert not find_journals(journal_dir(diary_path))  # the journal goes once the entry is stored
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [entry] = diary.entries()
    assert "john smith" in entry.transcript.text.lower()
    assert entry.source == "file:incident.wav" and entry.has_audio
    assert entry.recorded_at == WHEN.isoformat()
    assert any(p.name == "John Smith" for p in entry.incident.people)


def test_a_live_source_ends_after_the_silence_and_is_stopped(diary_path: Path, whisper_engine) -> None:
    speech = _chunks(read_wav(EXAMPLE_WAV))
    stopped: list[bool] = []

    def microphone() -> Iterator[bytes]:  # speech, then quiet, then more speech the account must not get
        yield from speech
        for _ in range(40):
            if stopped:
                return
            yield bytes(8000 * 2)
        yield from speech

    source = AudioInput(microphone(), WHEN, "microphone", live=True, stop=lambda: stopped.append(True))
    with open_for_recording(diary_path) as diary:
        done = dictate(source, SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert stopped, "the source was never told to stop"
    assert done.entry.transcript.text.lower().count("john smith") == 1
    assert done.seconds < 2 * len(speech) * 0.5  # the second telling was never recorded


def test_no_words_heard_stores_nothing_and_leaves_no_journal(diary_path: Path, whisper_engine) -> None:
    t = np.arange(16000 * 3) / 16000
    hum = (3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.int16)
    with open_for_recording(diary_path) as diary:
        with pytest.raises(NoSpeechError, match="nothing was stored"):
            dictate(AudioInput(_chunks(hum), WHEN, "microphone"), SETTINGS, diary, load_engine=lambda: whisper_engine)
        assert diary.count() == 0
    assert not find_journals(journal_dir(diary_path))


def test_a_microphone_failing_midway_keeps_what_was_said_for_recover(diary_path: Path, whisper_engine) -> None:
    speech = _chunks(read_wav(EXAMPLE_WAV))

    def failing_microphone() -> Iterator[bytes]:
        yield from speech
        raise AudioError("The microphone was unplugged.")

    with open_for_recording(diary_path) as diary:
        with pytest.raises(AudioError, match="voicelog recover"):
            dictate(AudioInput(failing_microphone(), WHEN, "microphone"), SETTINGS, diary,
                    load_engine=lambda: whisper_engine)
        assert diary.count() == 0
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [done] = recover(diary, lambda: whisper_engine)
        assert done.journal == journal and done.entry is not None
        assert done.entry.recovered and "john smith" in done.entry.transcript.text.lower()
        assert done.entry.recorded_at == WHEN.isoformat()
    assert not journal.exists()


def test_a_silent_file_is_refused_before_anything_loads(tmp_path: Path) -> None:
    import soundfile as sf

    quiet = tmp_path / "quiet.wav"
    sf.write(quiet, np.zeros(16000, dtype=np.int16), 16000)
    with pytest.raises(AudioError, match="silent"):
        file_input(quiet)
