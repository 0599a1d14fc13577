"""Loudness of audio: RMS level in dBFS, per-frame levels, and whether a recording is silent."""

from __future__ import annotations

import math

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


def is_silent(
    samples: npt.ArrayLike,
    threshold_dbfs: float = -50.0,
    *,
    sample_rate: int = SAMPLE_RATE,
    min_seconds: float = 0.2,
) -> bool:
    """Whether int16 ``samples`` hold less than ``min_seconds`` of sound above ``threshold_dbfs``.

    Levels are taken over 20 ms frames, so speech in a long quiet recording
    still counts while a single click or steady low hiss does not.
    """
    x = np.asarray(samples)
    if x.dtype != np.int16:
        x = np.clip(np.rint(x.astype(np.float64) * 32768.0), -32768, 32767).astype(np.int16)
    frame_len = max(1, sample_rate // 50)
    levels = frame_levels(x.reshape(-1), frame_len)
    loud_seconds = int(np.count_nonzero(levels > threshold_dbfs)) * frame_len / sample_rate
    return loud_seconds < min_seconds
