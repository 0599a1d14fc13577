"""voicelog.audio.resample: the streaming resampler keeps pitch, level, length and timing, in chunks or whole."""

from __future__ import annotations

import numpy as np
import pytest
from audio_fixtures import SR

from voicelog.audio import Resampler
from voicelog.audio.resample import to_int16

RATES = [8000, 11025, 22050, 44100, 48000]


def sine(hz: float, seconds: float, rate: int, amp: float = 0.5) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def resample_whole(x: np.ndarray, rate: int) -> np.ndarray:
    r = Resampler(rate)
    return np.concatenate([r.process(x), r.flush()])


def resample_in_chunks(x: np.ndarray, rate: int, sizes: list[int]) -> np.ndarray:
    r = Resampler(rate)
    parts, i, k = [], 0, 0
    while i < len(x):
        n = sizes[k % len(sizes)]
        parts.append(r.process(x[i : i + n]))
        i, k = i + n, k + 1
    parts.append(r.flush())
    return np.concatenate(parts)


def peak_hz(y: np.ndarray, rate: int = SR) -> float:
    """The FFT peak, refined by parabolic interpolation between bins."""
    spectrum = np.abs(np.fft.rfft(y.astype(np.float64) * np.hanning(len(y))))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2])
    return float((k + 0.5 * (a - c) / (a - 2 * b + c)) * rate / len(y))


@pytest.mark.parametrize("rate", [44100, 48000])
def test_a_1khz_sine_comes_out_at_16k_with_the_same_pitch_level_and_timing(rate: int) -> None:
    x = sine(1000.0, 2.0, rate)
    y = resample_whole(x, rate)
    assert y.dtype == np.float32
    assert len(y) == 2 * SR
    assert peak_hz(y) == pytest.approx(1000.0, abs=0.5)
    middle = y[800:-800]  # the ends are where the filter sees the sine start and stop
    assert np.max(np.abs(middle)) == pytest.approx(0.5, rel=1e-3)
    assert np.sqrt(np.mean(np.square(middle, dtype=np.float64))) == pytest.approx(0.5 / np.sqrt(2), rel=1e-3)
    # Sample for sample the sine it should be: the filter's delay has been taken out.
    t = np.arange(len(y)) / SR
    np.testing.assert_allclose(middle, (0.5 * np.sin(2 * np.pi * 1000.0 * t))[800:-800], atol=1e-3)


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("n_in", [1, 100, 4410, 30000, 48001])
def test_output_length_is_the_input_length_scaled_to_16k(rate: int, n_in: int) -> None:
    x = np.random.default_rng(n_in).standard_normal(n_in).astype(np.float32) * 0.1
    assert len(resample_whole(x, rate)) == round(n_in * SR / rate)


@pytest.mark.parametrize("rate", [44100, 48000, 22050])
def test_feeding_tenth_of_a_second_chunks_gives_the_same_samples_as_all_at_once(rate: int) -> None:
    x = sine(1000.0, 3.0, rate) + np.random.default_rng(1).standard_normal(3 * rate).astype(np.float32) * 0.05
    whole = resample_whole(x, rate)
    chunked = resample_in_chunks(x, rate, [rate // 10])
    assert len(chunked) == len(whole)
    np.testing.assert_allclose(chunked, whole, atol=1e-6)  # no clicks at the chunk borders


def test_streaming_in_odd_sized_blocks_matches_one_shot() -> None:
    x = np.random.default_rng(7).standard_normal(30000).astype(np.float32) * 0.1
    expected = resample_whole(x, 44100)
    streamed = resample_in_chunks(x, 44100, [1, 13, 441, 4000, 10000])
    np.testing.assert_allclose(streamed, expected, atol=1e-6)
    assert len(expected) == round(30000 * 16000 / 44100)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_what_16k_cannot_hold_is_filtered_out_and_what_it_can_is_kept(rate: int) -> None:
    # 10 kHz is above 16 kHz's Nyquist rate: it must vanish, not fold down to 6 kHz.
    assert np.max(np.abs(resample_whole(sine(10000.0, 1.0, rate), rate)[800:-800])) < 1e-4
    # 7 kHz is inside the passband and keeps its level.
    kept = resample_whole(sine(7000.0, 1.0, rate), rate)[800:-800]
    assert np.max(np.abs(kept)) == pytest.approx(0.5, rel=0.01)


def test_equal_rates_pass_samples_through_untouched() -> None:
    x = np.random.default_rng(3).standard_normal(1000).astype(np.float32)
    r = Resampler(SR)
    assert r.passthrough
    np.testing.assert_array_equal(r.process(x), x)
    assert len(r.flush()) == 0
    assert not Resampler(44100).passthrough


def test_misuse_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        Resampler(0)
    r = Resampler(48000)
    r.process(np.zeros(4800, dtype=np.float32))
    r.flush()
    assert len(r.flush()) == 0  # a second flush has nothing more
    with pytest.raises(RuntimeError, match="after flush"):
        r.process(np.zeros(10, dtype=np.float32))


def test_to_int16_rounds_and_clips_overshoot() -> None:
    x = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 1.7, -1.7, 1 / 65536], dtype=np.float32)
    out = to_int16(x)
    assert out.dtype == np.dtype("<i2")
    assert out.tolist() == [0, 16384, -16384, 32767, -32768, 32767, -32768, 0]
