"""What a recogniser hands on: words with times and confidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple


class Word(NamedTuple):
    """One recognised word (a named tuple: a diary of 10,000 entries holds a million of them)."""

    text: str
    """The word as the recogniser printed it."""
    start: float
    """Seconds from the start of the audio."""
    end: float
    """Seconds from the start of the audio."""
    confidence: float
    """0..1; Vosk's per-word conf, Whisper's word probability."""


LOW_CONFIDENCE = 0.6
"""Words below this are marked in ``voicelog show`` so the person can check them."""


@dataclass(frozen=True)
class Transcript:
    """The whole recognised account."""

    text: str
    """The full text, as the engine printed it."""
    words: tuple[Word, ...] = ()
    """Each word with its timing; may be empty for an engine without timings."""
    engine: str = ""
    """``vosk`` or ``whisper``."""
    model: str = ""
    """The model's name (its folder name)."""
    duration: float = 0.0
    """Seconds of audio heard."""
    language: str = "en"
    """The model's language code."""

    @property
    def is_empty(self) -> bool:
        """True when nothing was recognised."""
        return not self.text.strip()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, kept in the diary."""
        return {
            "text": self.text,
            "words": [[w.text, round(w.start, 3), round(w.end, 3), round(w.confidence, 3)] for w in self.words],
            "engine": self.engine,
            "model": self.model,
            "duration": round(self.duration, 3),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, with_words: bool = True) -> Transcript:
        """The inverse of :meth:`to_dict`; ``with_words=False`` skips the timings, for fast listing."""
        return cls(
            text=data.get("text", ""),
            words=tuple(Word(*w) for w in data.get("words", [])) if with_words else (),
            engine=data.get("engine", ""),
            model=data.get("model", ""),
            duration=data.get("duration", 0.0),
            language=data.get("language", "en"),
        )
