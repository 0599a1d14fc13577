"""What every speech engine provides: a transcriber, a wake-phrase spotter and an live transcriber.

All of them are fed 16 kHz mono signed 16-bit little-endian PCM (:mod:`voicelog.pcm`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from voicelog.engines.vocabulary import Vocabulary
from voicelog.transcript import Transcript


class Transcriber(Protocol):
    """Turns a stream of audio chunks into a :class:`Transcript`."""

    @property
    def engine(self) -> str:
        """The engine's name (as in :data:`voicelog.engines.ENGINE_NAMES`), stored with each entry."""
        ...

    @property
    def model_name(self) -> str:
        """The model's name, stored with each entry."""
        ...

    @property
    def language(self) -> str:
        """The model's language code."""
        ...

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

    def primed(self, vocabulary: Vocabulary) -> Transcriber:
        """A transcriber sharing this one's loaded model that expects ``vocabulary`` (the person's own names and
        places, readable only while the diary is unlocked); each engine uses what its recogniser allows."""
        ...


class WakeSpotter(Protocol):
    """Hears the wake phrase in a stream of chunks; what else it hears is dropped at once."""

    def feed(self, chunk: bytes) -> bool:
        """Take a chunk; True when the wake phrase was just heard."""
        ...

    def reset(self) -> None:
        """Forget what was heard (after an account, or on reload)."""
        ...


class LiveTranscriber(Protocol):
    """Recognises an account as it arrives and says when new words firm up (for the stop phrase)."""

    def feed(self, chunk: bytes) -> list[str]:
        """Take a chunk; return the normalised words that firmed up with it (maybe none)."""
        ...

    def finish(self) -> Transcript:
        """Everything heard."""
        ...

    def final(self, pcm: bytes, draft: Transcript) -> Transcript:
        """The transcript to store for ``pcm`` (the account's audio, cut at any stop phrase), given the draft."""
        ...


class Engine(Protocol):
    """A loaded speech engine: one model, and everything voicelog hears with it."""

    @property
    def name(self) -> str:
        """The engine's name, as in :data:`voicelog.engines.ENGINE_NAMES`."""
        ...

    @property
    def transcriber(self) -> Transcriber:
        """Hears a whole account (dictation, files, recovery)."""
        ...

    def spotter(self, phrase: str) -> WakeSpotter:
        """A new wake spotter listening for ``phrase``."""
        ...

    def live_transcriber(self) -> LiveTranscriber:
        """A new live transcriber for one account."""
        ...

    def primed(self, vocabulary: Vocabulary) -> Engine:
        """This engine sharing its loaded model, whose accounts (whole and live) are heard expecting ``vocabulary``
        (:meth:`Transcriber.primed`); its wake spotter stays as it is."""
        ...
