"""voicelog.audio.codec: FLAC keeps a recording bit for bit and smaller than the PCM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, SR, noise, silence, syllables

from voicelog.audio import decode_flac, encode_flac, read_wav


@pytest.mark.parametrize(
    "samples",
    [
        pytest.param(syllables(2.0, dbfs=-12), id="speech-like"),
        pytest.param(noise(1.0, -6, seed=5), id="loud-noise"),
        pytest.param(np.array([-32768, 32767, 0, 1, -1], dtype=np.int16), id="full-scale"),
        pytest.param(silence(0.5), id="silence"),
    ],
)
def test_flac_round_trip_is_bit_exact(samples: np.ndarray) -> None:
    data = encode_flac(samples)
    assert data[:4] == b"fLaC"
    decoded, rate = decode_flac(data)
    assert rate == SR
    assert decoded.dtype == np.int16
    np.testing.assert_array_equal(decoded, samples)


def test_flac_keeps_another_rate(tmp_path: Path) -> None:
    decoded, rate = decode_flac(encode_flac(syllables(0.5), sample_rate=8000))
    assert rate == 8000
    np.testing.assert_array_equal(decoded, syllables(0.5))


def test_flac_of_real_speech_is_smaller_than_its_pcm() -> None:
    speech = read_wav(SPEECH_WAV)
    data = encode_flac(speech)
    assert len(data) < 0.8 * speech.nbytes
    np.testing.assert_array_equal(decode_flac(data)[0], speech)
