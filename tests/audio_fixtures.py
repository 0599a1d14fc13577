"""Signals shared by the audio tests (not a test module): tones, speech-like bursts, noise, real speech."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

SR = 16000
TONE_HZ = 440.0
TONE_AMP = 0.5
TONE_DBFS = 20 * np.log10(TONE_AMP / np.sqrt(2))  # RMS of a sine at half scale, about -9 dBFS

needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")

SPEECH_WAV = Path(__file__).resolve().parent / "fixtures" / "en_short.wav"
"""Real speech, committed (Piper, 22.05 kHz mono, 4.2 s; see fixtures/README.md): no process starts to make it."""


def dominant_hz(samples: np.ndarray, rate: int = SR) -> float:
    """The strongest frequency in ``samples``."""
    x = samples.astype(np.float64) * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(x))
    return float(np.fft.rfftfreq(len(x), 1.0 / rate)[np.argmax(spectrum)])


def tone(seconds: float, *, hz: float = TONE_HZ, dbfs: float = -20.0, rate: int = SR) -> np.ndarray:
    """An int16 sine whose RMS level is ``dbfs``."""
    amp = 32768 * np.sqrt(2) * 10 ** (dbfs / 20)
    t = np.arange(round(seconds * rate)) / rate
    return np.round(amp * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def syllables(seconds: float, *, dbfs: float = -20.0) -> np.ndarray:
    """Speech-like sound: 200 ms voiced bursts with 100 ms gaps."""
    out = tone(seconds, hz=180.0, dbfs=dbfs) + tone(seconds, hz=720.0, dbfs=dbfs - 6)
    period, gap = int(0.3 * SR), int(0.1 * SR)
    for start in range(int(0.2 * SR), len(out), period):
        out[start : start + gap] = 0
    return out


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SR), dtype=np.int16)


def noise(seconds: float, dbfs: float, seed: int = 0) -> np.ndarray:
    amp = 32768 * 10 ** (dbfs / 20)
    return np.round(np.random.default_rng(seed).normal(0, amp, int(seconds * SR))).astype(np.int16)


def chunks_of(samples: np.ndarray, seconds: float = 0.5) -> Iterator[bytes]:
    n = int(seconds * SR)
    for i in range(0, len(samples), n):
        yield samples[i : i + n].tobytes()


def espeak_wav(folder: Path) -> Path:
    """Real synthetic speech from espeak-ng (22.05 kHz mono) in ``folder``; skips without espeak-ng."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    path = folder / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-w", str(path), "John followed me to my front door."],
        check=True,
        capture_output=True,
    )
    return path
