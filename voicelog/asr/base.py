"""The recogniser interface every engine implements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from voicelog.transcript import Transcript

SAMPLE_RATE = 16000
"""Every engine is fed 16 kHz mono signed 16-bit little-endian PCM."""


class Transcriber(Protocol):
    """Turns a stream of audio chunks into a :class:`Transcript`."""

    engine: str
    """``vosk`` or ``whisper``."""
    model_name: str
    """The model's name, stored with each entry."""
    language: str
    """The model's language code."""

    def transcribe(
        self,
        chunks: Iterable[bytes],
        *,
        on_text: Callable[[str], None] | None = None,
    ) -> Transcript:
        """Consume ``chunks`` (16 kHz mono int16 PCM) and return what was said.

        ``on_text`` is called with the words recognised so far, as they firm up,
        so a caller can show them while the person speaks.
        """
        ...
