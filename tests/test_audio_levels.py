"""voicelog.audio.levels: RMS levels in dBFS and telling a silent recording from one with speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, noise, silence, syllables, tone

from voicelog.audio import is_silent, level_dbfs, read_wav


@pytest.fixture(scope="module")
def speech_wav() -> Path:
    """Real speech (Piper, 22.05 kHz mono), committed in tests/fixtures."""
    return SPEECH_WAV


def test_level_dbfs() -> None:
    assert level_dbfs(np.full(100, 32767, dtype=np.int16)) == pytest.approx(0.0, abs=0.01)
    assert level_dbfs(tone(1.0, dbfs=-20)) == pytest.approx(-20.0, abs=0.05)
    assert level_dbfs(np.full(10, 0.5, dtype=np.float32)) == pytest.approx(-6.02, abs=0.01)
    assert level_dbfs(silence(1.0)) == -np.inf
    assert level_dbfs(np.zeros(0, dtype=np.int16)) == -np.inf


@pytest.mark.parametrize(
    ("samples", "silent"),
    [
        pytest.param(silence(3.0), True, id="zeros"),
        pytest.param(noise(3.0, -65), True, id="low-hiss"),
        pytest.param(np.concatenate([silence(2.0), tone(0.05, dbfs=-6), silence(2.0)]), True, id="one-click"),
        pytest.param(tone(1.0, dbfs=-30), False, id="tone"),
        pytest.param(
            np.concatenate([silence(20.0), syllables(1.0, dbfs=-35)]), False, id="speech-in-long-quiet"
        ),
    ],
)
def test_is_silent(samples: np.ndarray, silent: bool) -> None:
    assert is_silent(samples) is silent


def test_is_silent_on_real_speech(speech_wav: Path) -> None:
    assert not is_silent(read_wav(speech_wav))
