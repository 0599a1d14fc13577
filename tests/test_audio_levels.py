"""voicelog.audio.levels: RMS levels in dBFS and telling a silent recording from one with speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, noise, silence, syllables, tone

from voicelog.audio import SoundMeter, has_sound, is_silent, level_dbfs, read_wav


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


SILENT_OR_NOT = [
    pytest.param(silence(3.0), True, id="zeros"),
    pytest.param(noise(3.0, -65), True, id="low-hiss"),
    pytest.param(np.concatenate([silence(2.0), tone(0.05, dbfs=-6), silence(2.0)]), True, id="one-click"),
    pytest.param(tone(1.0, dbfs=-30), False, id="tone"),
    pytest.param(
        np.concatenate([silence(20.0), syllables(1.0, dbfs=-35)]), False, id="speech-in-long-quiet"
    ),
]


@pytest.mark.parametrize(("samples", "silent"), SILENT_OR_NOT)
def test_is_silent(samples: np.ndarray, silent: bool) -> None:
    assert is_silent(samples) is silent


def test_is_silent_on_real_speech(speech_wav: Path) -> None:
    assert not is_silent(read_wav(speech_wav))


def _odd_chunks(samples: np.ndarray) -> list[bytes]:
    """``samples`` as PCM cut at odd byte counts, so frames and even samples straddle chunk borders."""
    pcm, sizes, out, i = samples.tobytes(), [7, 641, 3_201, 16_001], [], 0
    while i < len(pcm):
        out.append(pcm[i : i + sizes[len(out) % len(sizes)]])
        i += len(out[-1])
    return out


@pytest.mark.parametrize(("samples", "silent"), SILENT_OR_NOT)
def test_has_sound_in_chunks_agrees_with_is_silent_on_the_whole(samples: np.ndarray, silent: bool) -> None:
    assert has_sound(_odd_chunks(samples)) is not silent


def test_has_sound_stops_reading_at_the_first_sound() -> None:
    read: list[int] = []

    def chunks():
        for i, chunk in enumerate(_odd_chunks(np.concatenate([syllables(1.0), silence(60.0)]))):
            read.append(i)
            yield chunk

    assert has_sound(chunks())
    assert len(read) < 20  # the first second, not the minute of quiet after it
    assert not has_sound(iter(()))


def test_the_meter_counts_frames_across_chunk_borders_as_in_one_piece() -> None:
    samples = np.concatenate([syllables(2.0, dbfs=-30), noise(1.0, -45)])
    whole, pieces = SoundMeter(), SoundMeter()
    whole.feed(samples)
    for i in range(0, len(samples), 333):
        pieces.feed(samples[i : i + 333])
    assert pieces.loud_frames == whole.loud_frames > 0
    assert whole.loud_seconds == pytest.approx(whole.loud_frames * 0.02)


def test_has_sound_on_real_speech(speech_wav: Path) -> None:
    assert has_sound(_odd_chunks(read_wav(speech_wav)))
