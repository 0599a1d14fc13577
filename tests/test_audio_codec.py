"""voicelog.audio.codec: FLAC keeps a recording bit for bit and smaller than the PCM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, SR, noise, silence, syllables

from voicelog.audio import FlacEncoder, decode_flac, encode_flac, read_wav


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


def test_the_streaming_encoder_gives_the_same_flac_as_encoding_it_all_at_once() -> None:
    speech = read_wav(SPEECH_WAV)
    pcm = speech.tobytes()
    encoder = FlacEncoder()
    sizes = [1, 3_333, 8_000, 16_001]  # odd sizes: a sample split between two calls is put back together
    i = k = 0
    while i < len(pcm):
        encoder.add(pcm[i : i + sizes[k % len(sizes)]])
        i, k = i + sizes[k % len(sizes)], k + 1
    assert encoder.frames == len(speech) and encoder.seconds == pytest.approx(len(speech) / SR)
    assert 0 < encoder.compressed_bytes < len(pcm)  # compressed as it went, not held as PCM
    data = encoder.finish()
    assert data == encode_flac(speech)
    np.testing.assert_array_equal(decode_flac(data)[0], speech)
    assert encoder.finish() == data
    with pytest.raises(RuntimeError, match="after finish"):
        encoder.add(b"\x00\x00")


def test_the_streaming_encoder_of_nothing_gives_what_encode_flac_gives() -> None:
    assert FlacEncoder().finish() == encode_flac(np.empty(0, dtype=np.int16)) == b""  # libsndfile writes nothing
