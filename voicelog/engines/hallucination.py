"""Text Whisper invents: segments said over silence or noise that nobody spoke, told from those heard.

Whisper was trained on subtitled video, and over a quiet or noisy stretch, most often at the end of a
recording and more often when primed with a vocabulary, it may write what videos end with ("Thank you
very much for joining us today.", "See you in the next video."), a subtitle's sound tag ("MUSIC"), a row
of dots, or a line repeated. Such a segment carries signs: faster-whisper's ``no_speech_prob`` is high and
its ``avg_logprob`` low, its ``compression_ratio`` high for a repeated line, and the audio under it is far
quieter than the speech.
:func:`made_up` judges a segment from those signs and its neighbours; the Whisper engine hears a window's
segments through :func:`heard_segments`, which leaves out what it marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from voicelog.pcm import SAMPLE_RATE

NO_SPEECH = 0.6
"""Whisper's own threshold on ``no_speech_prob``: above it, the model itself thinks nobody spoke."""
LOW_LOGPROB = -1.0
"""Whisper's own threshold on ``avg_logprob``: below it, the words were a guess (with :data:`NO_SPEECH`, Whisper
itself leaves the segment out)."""
DOUBTFUL_LOGPROB = -0.6
"""An average log-probability this low (or a ``no_speech_prob`` over :data:`DOUBTFUL_NO_SPEECH`) is doubt enough
to leave out a stock closing phrase at the end; words heard right on our recordings average above -0.45."""
DOUBTFUL_NO_SPEECH = 0.3
"""See :data:`DOUBTFUL_LOGPROB`."""
REPEATED = 2.4
"""Whisper's threshold on ``compression_ratio``: above it, a line repeated over and over."""
QUIET_DB = 30.0
"""Audio this far (dB) below the window's speech level is quiet: nobody is speaking there."""
FRAME = SAMPLE_RATE // 50
"""20 ms frames for levels."""
ISOLATED_SECONDS = 1.0
"""A segment this far from the segments on either side stands alone."""

CLOSING = (
    "thank you", "thank you very much", "thank you so much", "thanks", "thanks for watching",
    "thank you for watching", "thank you for listening", "thanks for listening", "thank you for joining us",
    "thank you very much for joining us today", "thank you for joining us today", "thank you all",
    "please subscribe", "please like and subscribe", "subscribe to my channel", "see you next time",
    "see you in the next video", "i'll see you in the next video", "and i will see you in the next video",
    "see you later", "bye", "bye bye", "goodbye", "the end", "you",
    "music", "applause", "laughter", "silence", "inaudible", "blank audio", "no speech", "background noise",
)
"""What Whisper writes at the end of a video, and the sound tags of its subtitles ("[MUSIC]"), as :func:`plain`
gives them."""


@dataclass(frozen=True)
class Segment:
    """What faster-whisper says about one segment it heard, its times within the window."""

    text: str
    """The segment's text."""
    start: float
    """Where it starts, seconds into the window."""
    end: float
    """Where it ends, seconds into the window."""
    no_speech_prob: float
    """The model's probability that nothing was said."""
    avg_logprob: float
    """The mean log-probability of its tokens."""
    compression_ratio: float
    """Its text's length over its zlib-compressed length: high for a repeated line."""

    @classmethod
    def of(cls, segment: Any) -> Segment:
        """The signs of a ``faster_whisper`` segment."""
        return cls(segment.text, float(segment.start), float(segment.end), float(segment.no_speech_prob),
                   float(segment.avg_logprob), float(segment.compression_ratio))


def plain(text: str) -> str:
    """``text`` lower-cased, punctuation dropped, spaces single."""
    return " ".join(re.sub(r"[^\w\s']|_", " ", text.lower()).split())


def frame_levels(audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """The level of each 20 ms frame of ``audio`` (floats, full scale ±1), dBFS."""
    n = audio.size // FRAME
    if n == 0:
        return np.zeros(0)
    power = np.mean(np.square(audio[: n * FRAME].astype(np.float64)).reshape(n, FRAME), axis=1)
    return np.asarray(10.0 * np.log10(power + 1e-12), dtype=np.float64)


def quiet(segment: Segment, levels: npt.NDArray[np.float64]) -> bool:
    """True when most of the audio under ``segment`` is :data:`QUIET_DB` below the window's speech (its loud
    frames)."""
    if levels.size == 0:
        return True
    speech = float(np.percentile(levels, 95))
    first = int(segment.start * SAMPLE_RATE) // FRAME
    under = levels[first : max(first + 1, int(segment.end * SAMPLE_RATE) // FRAME)]
    if under.size == 0:  # past the window's end
        return True
    return float(np.mean(under > speech - QUIET_DB)) < 0.5


def made_up(seg: Segment, before: Segment | None, after: Segment | None, levels: npt.NDArray[np.float64]) -> bool:
    """Whether Whisper made ``seg`` up rather than heard it; ``before`` and ``after``: the segments with words on
    either side in its window (None at the window's ends), ``levels``: the window's :func:`frame_levels`.

    Made up: no word in it (dots, a dash); Whisper's own no-speech test (``no_speech_prob`` over
    :data:`NO_SPEECH` and ``avg_logprob`` under :data:`LOW_LOGPROB`), or a high ``no_speech_prob`` over quiet
    audio; a repeated line (``compression_ratio`` over :data:`REPEATED`) over quiet audio or in doubt; a stock
    closing phrase or sound tag (:data:`CLOSING`) ending the window or standing alone, over quiet audio or in
    doubt.
    """
    text = plain(seg.text)
    if not re.search(r"\w", text):
        return True
    silent = quiet(seg, levels)
    doubt = seg.no_speech_prob > DOUBTFUL_NO_SPEECH or seg.avg_logprob < DOUBTFUL_LOGPROB
    alone = (before is None or seg.start - before.end >= ISOLATED_SECONDS) and (
        after is None or after.start - seg.end >= ISOLATED_SECONDS)
    return (
        (seg.no_speech_prob > NO_SPEECH and (seg.avg_logprob < LOW_LOGPROB or silent))
        or (seg.compression_ratio > REPEATED and (silent or doubt))
        or (text in CLOSING and (after is None or alone) and (silent or doubt))
    )


def heard_segments(segments: Iterable[Any], audio: npt.NDArray[np.float32]) -> Iterator[Any]:
    """faster-whisper's ``segments`` of one window (``audio``, 16 kHz floats) as they come, less those
    :func:`made_up`: each is passed on once the next segment with words (or the window's end) is known."""
    levels = frame_levels(audio)
    before: Segment | None = None
    held: Any = None
    for seg in segments:
        if not re.search(r"\w", seg.text):
            continue  # no word: nothing heard
        if held is not None:
            if not made_up(Segment.of(held), before, Segment.of(seg), levels):
                yield held
            before = Segment.of(held)
        held = seg
    if held is not None and not made_up(Segment.of(held), before, None, levels):
        yield held
