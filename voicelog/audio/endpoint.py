"""Endpointing: deciding from the audio alone when a spoken account has ended."""

from __future__ import annotations

import collections
import logging
from collections.abc import Iterable, Iterator
from typing import Literal

import numpy as np
import numpy.typing as npt

from voicelog.audio.levels import frame_levels
from voicelog.pcm import SAMPLE_RATE

log = logging.getLogger(__name__)

StopReason = Literal["silence", "no_speech", "max_length"]
"""Why a :class:`SilenceDetector` fired: quiet after speech, nobody spoke, or the length cap."""

class SilenceDetector:
    """Decides when a spoken account has ended: speech, then ``silence_seconds`` of quiet.

    Energy-based over 30 ms frames against an adaptive noise floor (the quietest
    frame of the last ``floor_window_seconds``), so it is cheap enough for a
    Raspberry Pi. It also gives up after ``initial_timeout`` seconds without
    speech and stops at ``max_seconds`` whatever happens.
    Decisions are made on sample counts, never the wall clock.
    """

    def __init__(
        self,
        *,
        silence_seconds: float = 2.5,
        initial_timeout: float | None = 30.0,
        max_seconds: float | None = None,
        sample_rate: int = SAMPLE_RATE,
        margin_db: float = 10.0,
        min_speech_dbfs: float = -50.0,
        min_speech_seconds: float = 0.15,
        frame_seconds: float = 0.03,
        floor_window_seconds: float = 3.0,
    ) -> None:
        self.silence_seconds = silence_seconds
        self.initial_timeout = initial_timeout
        self.max_seconds = max_seconds
        self.sample_rate = sample_rate
        self.margin_db = margin_db
        """How far above the noise floor a frame must be to count as speech."""
        self.min_speech_dbfs = min_speech_dbfs
        """Frames quieter than this are never speech, however low the floor."""
        self.min_speech_seconds = min_speech_seconds
        """Speech must run this long without a break to count (a click or knock does not)."""
        self.floor_window_seconds = floor_window_seconds
        """The noise floor is the quietest frame within this many recent seconds."""
        self._frame_len = max(1, round(frame_seconds * sample_rate))
        self.reset()

    def reset(self) -> None:
        """Forget everything heard, ready for a new recording."""
        self._pending: npt.NDArray[np.int16] = np.empty(0, dtype=np.int16)
        self.samples_seen = 0
        """Samples fed so far (whole frames only)."""
        self.noise_floor_dbfs: float | None = None
        """The current estimate of the background level."""
        self.speech_heard = False
        """True once a run of speech at least ``min_speech_seconds`` long has been heard."""
        self.speech_samples = 0
        """Samples in frames judged as speech."""
        self.last_speech_sample: int | None = None
        """Sample count at the end of the last speech frame."""
        self.reason: StopReason | None = None
        """Why the detector fired, or None while it has not."""
        self.stop_sample: int | None = None
        """Sample count at which the detector fired."""
        self._run = 0
        window = max(1, round(self.floor_window_seconds * self.sample_rate / self._frame_len))
        self._recent: collections.deque[float] = collections.deque(maxlen=window)

    @property
    def done(self) -> bool:
        """True once the recording should stop."""
        return self.reason is not None

    def feed(self, chunk: bytes | bytearray | memoryview | npt.NDArray[np.int16]) -> bool:
        """Take the next chunk of 16-bit PCM; return True once the recording should stop."""
        if self.reason is not None:
            return True
        if isinstance(chunk, np.ndarray):
            x = chunk.astype(np.int16, copy=False).reshape(-1)
        else:
            x = np.frombuffer(chunk, dtype="<i2")
        if len(self._pending):
            x = np.concatenate((self._pending, x))
        n = len(x) // self._frame_len
        self._pending = x[n * self._frame_len :].copy()
        for level in frame_levels(x[: n * self._frame_len], self._frame_len):
            self._frame(float(level))
            if self.reason is not None:
                return True
        return False

    def _frame(self, level: float) -> None:
        level = max(level, -100.0)
        floor = min(self._recent) if self._recent else level
        threshold = max(floor + self.margin_db, self.min_speech_dbfs)
        speech = level > threshold
        # Minimum statistics: the floor is the quietest frame of the last few seconds.
        # Speech always pauses within that window, so the floor sits on the room's
        # level; a room that gets louder (a fan, traffic) is learned after one window.
        self._recent.append(level)
        self.noise_floor_dbfs = min(self._recent)
        self.samples_seen += self._frame_len
        sr = self.sample_rate
        if speech:
            self._run += self._frame_len
            self.speech_samples += self._frame_len
            self.last_speech_sample = self.samples_seen
            if self._run >= self.min_speech_seconds * sr:
                self.speech_heard = True
        else:
            self._run = 0
        if self.max_seconds is not None and self.samples_seen >= self.max_seconds * sr:
            self._fire("max_length")
        elif self.speech_heard:
            assert self.last_speech_sample is not None
            if self.samples_seen - self.last_speech_sample >= self.silence_seconds * sr:
                self._fire("silence")
        elif self.initial_timeout is not None and self.samples_seen >= self.initial_timeout * sr:
            self._fire("no_speech")

    def _fire(self, reason: StopReason) -> None:
        self.reason = reason
        self.stop_sample = self.samples_seen
        log.debug("silence detector: %s at %.2f s", reason, self.samples_seen / self.sample_rate)


def until_silence(chunks: Iterable[bytes], detector: SilenceDetector) -> Iterator[bytes]:
    """Pass ``chunks`` through until ``detector`` says the account has ended.

    The chunk on which it fires is still yielded. Check ``detector.reason``
    afterwards: ``"no_speech"`` means nobody spoke before the initial timeout.
    The source may also end first, e.g. when the CLI calls
    :meth:`MicrophoneSource.stop` on Enter or Ctrl-C.
    """
    for chunk in chunks:
        done = detector.feed(chunk)
        yield chunk
        if done:
            return
