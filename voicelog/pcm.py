"""The one audio format every part of voicelog passes around: 16 kHz mono signed 16-bit little-endian PCM.

Audio decoding, microphones, the capture journal and the speech engines all
import these constants from here, so none of them imports another for them.
"""

from __future__ import annotations

SAMPLE_RATE = 16000
"""Samples a second."""
SAMPLE_WIDTH = 2
"""Bytes a sample (int16)."""
CHANNELS = 1
"""Mono."""
FORMAT = "s16le"
"""The format's name, as written in the capture journal's header."""
BYTES_PER_SECOND = SAMPLE_RATE * SAMPLE_WIDTH * CHANNELS
"""Bytes of PCM a second of audio takes."""


def seconds(pcm_bytes: int) -> float:
    """How long ``pcm_bytes`` bytes of PCM last, in seconds."""
    return pcm_bytes / BYTES_PER_SECOND


def byte_offset(seconds: float) -> int:
    """The byte offset (on a sample boundary) of ``seconds`` into PCM."""
    return int(seconds * SAMPLE_RATE) * SAMPLE_WIDTH


def chunks(audio: bytes, *, chunk_seconds: float = 0.5) -> list[bytes]:
    """``audio`` cut into chunks of ``chunk_seconds``, as a microphone would deliver it."""
    step = byte_offset(chunk_seconds)
    return [audio[i : i + step] for i in range(0, len(audio), step)]
