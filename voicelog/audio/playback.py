"""Playing an entry's kept recording back, decrypted only in memory, where the machine has a sound output.

The sealed FLAC is opened by the diary into bytes in memory and decoded from
there (never to a file); the samples go straight to PortAudio. Where there is
no PortAudio library or no output device (a server, a Pi without speakers),
:func:`why_no_playback` says so in a few words and nothing is played.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from voicelog.store.diary import Diary


@dataclass(frozen=True)
class Sound:
    """A recording decoded in memory, ready to play."""

    samples: NDArray[np.int16]
    """The samples, mono int16."""
    rate: int
    """Samples a second."""

    @property
    def seconds(self) -> float:
        """How long it plays."""
        return len(self.samples) / self.rate if self.rate else 0.0


def recording_in_memory(diary: Diary, seq: int) -> Sound:
    """Entry ``seq``'s kept recording, opened and decoded in memory only (UsageError when none is kept)."""
    from voicelog.audio.codec import decode_flac

    samples, rate = decode_flac(diary.audio(seq))
    return Sound(samples, rate)


def _sounddevice() -> ModuleType | str:
    """sounddevice with an output device, or why not in a few words."""
    try:
        import sounddevice as sd
    except (OSError, ImportError):
        return "no PortAudio sound library"
    try:
        sd.query_devices(kind="output")
    except Exception:  # PortAudioError, ValueError: PortAudio finds no default output
        return "no sound output device"
    module: ModuleType = sd
    return module


def why_no_playback() -> str | None:
    """Why this machine cannot play sound (a few words), or None when it can."""
    found = _sounddevice()
    return found if isinstance(found, str) else None


class Player:
    """Plays one :class:`Sound` at a time in the background; :meth:`stop` ends it."""

    def __init__(self) -> None:
        self._sd: ModuleType | None = None
        self._started = False

    @property
    def playing(self) -> bool:
        """Whether a sound started here is still playing (not stopped, and not ended on its own)."""
        if self._sd is None or not self._started:
            return False
        try:
            return bool(self._sd.get_stream().active)
        except Exception:  # no stream any more (the device went away): nothing is playing
            return False

    def play(self, sound: Sound) -> str | None:
        """Start playing ``sound``; returns why it cannot be played here, or None once it plays."""
        found = _sounddevice()
        if isinstance(found, str):
            return found
        try:
            found.play(sound.samples, sound.rate)  # returns at once; plays in PortAudio's thread
        except Exception as exc:  # a device that went away: say so, never crash the review
            return f"the sound device refused it ({type(exc).__name__})"
        self._sd, self._started = found, True
        return None

    def stop(self) -> None:
        """Stop what is playing (nothing happens when nothing is)."""
        if self._sd is not None and self._started:
            try:
                self._sd.stop()
            except Exception:  # the device is gone; there is nothing left to stop
                pass
        self._started = False
