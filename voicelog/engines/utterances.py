"""Cutting a stream of audio into utterances at short pauses, for engines that hear whole utterances."""

from __future__ import annotations

from voicelog.pcm import SAMPLE_WIDTH, byte_offset, seconds


class UtteranceCutter:
    """Cuts a stream of chunks into utterances at short pauses; audio with no speech is dropped.

    Energy-based (the same detector that ends a dictation), so it is cheap; the
    recogniser's own voice-activity detector decides afterwards what is speech.
    """

    def __init__(self, *, pause: float = 0.6, max_seconds: float = 15.0, preroll: float = 0.4) -> None:
        from voicelog.audio import SilenceDetector

        self._detector = SilenceDetector(silence_seconds=pause, initial_timeout=None)
        self._max_bytes = byte_offset(max_seconds)
        self._preroll_bytes = byte_offset(preroll)
        self._buf = bytearray()
        self._buf_start = 0  # byte offset in the stream of _buf[0]
        self._pos = 0  # bytes fed so far

    def feed(self, chunk: bytes) -> list[tuple[float, bytes]]:
        """Take a chunk; return the utterances it completed, each as (start seconds, PCM)."""
        done: list[tuple[float, bytes]] = []
        self._buf += chunk
        self._pos += len(chunk)
        fired = self._detector.feed(chunk)
        if fired or len(self._buf) >= self._max_bytes:
            done.append(self._take())
        elif not self._detector.speech_heard and len(self._buf) > self._preroll_bytes:
            drop = len(self._buf) - self._preroll_bytes
            drop -= drop % SAMPLE_WIDTH
            del self._buf[:drop]
            self._buf_start += drop
        return done

    def flush(self) -> list[tuple[float, bytes]]:
        """The utterance in progress, if any speech was heard in it."""
        if self._detector.speech_heard and self._buf:
            return [self._take()]
        self.clear()
        return []

    def clear(self) -> None:
        """Forget the audio held (chatter is dropped at once)."""
        self._buf = bytearray()
        self._buf_start = self._pos
        self._detector.reset()

    def _take(self) -> tuple[float, bytes]:
        out = (seconds(self._buf_start), bytes(self._buf))
        self.clear()
        return out
