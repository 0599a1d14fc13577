"""Loudness of audio: RMS level in dBFS, per-frame levels, and whether a recording is silent (whole or streamed)."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from voicelog.pcm import SAMPLE_RATE


def level_dbfs(samples: npt.ArrayLike) -> float:
    """The RMS level of ``samples`` in dBFS (``-inf`` for digital silence or no samples).

    Integer samples are measured against their type's full scale, float samples
    against 1.0; a full-scale sine measures about -3 dBFS.
    """
    x = np.asarray(samples)
    if x.size == 0:
        return -math.inf
    scale = float(-np.iinfo(x.dtype).min) if np.issubdtype(x.dtype, np.integer) else 1.0
    ms = float(np.mean(np.square(x, dtype=np.float64))) / (scale * scale)
    return 10.0 * math.log10(ms) if ms > 0.0 else -math.inf


def frame_levels(samples: npt.NDArray[np.int16], frame_len: int) -> npt.NDArray[np.float32]:
    """Per-frame RMS levels in dBFS of int16 ``samples`` (a trailing partial frame is dropped)."""
    n = len(samples) // frame_len
    if n == 0:
        return np.empty(0, dtype=np.float32)
    frames = samples[: n * frame_len].astype(np.float32).reshape(n, frame_len)
    ms = np.mean(np.square(frames), axis=1) / (32768.0 * 32768.0)
    with np.errstate(divide="ignore"):
        levels: npt.NDArray[np.float32] = (10.0 * np.log10(ms)).astype(np.float32, copy=False)
    return levels


SILENCE_DBFS = -50.0
"""A 20 ms frame quieter than this is not sound: room tone, hiss, a phone's noise floor."""
MIN_SOUND_SECONDS = 0.2
"""A recording with less sound than this in all (a click, a bump) holds no speech."""


class SoundMeter:
    """Counts the seconds of sound in 16 kHz mono int16 PCM fed in chunks of any size, exactly as
    :func:`is_silent` counts them in the whole: 20 ms frames, carried across chunk borders."""

    def __init__(self, threshold_dbfs: float = SILENCE_DBFS, *, sample_rate: int = SAMPLE_RATE) -> None:
        self.threshold_dbfs = threshold_dbfs
        """Frames louder than this count as sound."""
        self.frame_len = max(1, sample_rate // 50)
        """Samples in a 20 ms frame."""
        self.sample_rate = sample_rate
        """Samples a second."""
        self.loud_frames = 0
        """Frames so far louder than the threshold."""
        self._carry = np.empty(0, dtype=np.int16)

    @property
    def loud_seconds(self) -> float:
        """Seconds of sound so far."""
        return self.loud_frames * self.frame_len / self.sample_rate

    def feed(self, samples: npt.NDArray[np.int16]) -> None:
        """Count the whole frames of ``samples`` (with what was left of the last chunk); keep the rest."""
        x = np.concatenate([self._carry, samples]) if len(self._carry) else samples
        whole = len(x) // self.frame_len * self.frame_len
        self.loud_frames += int(np.count_nonzero(frame_levels(x[:whole], self.frame_len) > self.threshold_dbfs))
        self._carry = x[whole:].copy()


def has_sound(chunks: Iterable[bytes], threshold_dbfs: float = SILENCE_DBFS, *,
              min_seconds: float = MIN_SOUND_SECONDS) -> bool:
    """Whether 16 kHz mono int16 PCM ``chunks`` hold ``min_seconds`` of sound above ``threshold_dbfs``.

    Stops reading at the first ``min_seconds`` of sound, so a recording with speech is seldom read far; only
    a silent one is read to its end. The same answer as ``not is_silent(all the samples)``.
    """
    meter = SoundMeter(threshold_dbfs)
    carry = b""
    for chunk in chunks:
        data = carry + bytes(chunk)
        usable = len(data) // 2 * 2
        carry = data[usable:]
        meter.feed(np.frombuffer(data[:usable], dtype="<i2"))
        if meter.loud_seconds >= min_seconds:
            return True
    return False


def is_silent(
    samples: npt.ArrayLike,
    threshold_dbfs: float = SILENCE_DBFS,
    *,
    sample_rate: int = SAMPLE_RATE,
    min_seconds: float = MIN_SOUND_SECONDS,
) -> bool:
    """Whether int16 ``samples`` hold less than ``min_seconds`` of sound above ``threshold_dbfs``.

    Levels are taken over 20 ms frames, so speech in a long quiet recording
    still counts while a single click or steady low hiss does not.
    """
    x = np.asarray(samples)
    if x.dtype != np.int16:
        x = np.clip(np.rint(x.astype(np.float64) * 32768.0), -32768, 32767).astype(np.int16)
    meter = SoundMeter(threshold_dbfs, sample_rate=sample_rate)
    meter.feed(x.reshape(-1))
    return meter.loud_seconds < min_seconds
