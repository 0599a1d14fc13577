"""FLAC: how a recording is kept (sealed) with its diary entry, losslessly and about half the size of PCM.

:class:`FlacEncoder` compresses audio as it arrives, so a long recording that
must be kept is held in memory compressed rather than as PCM.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from voicelog.pcm import SAMPLE_RATE, SAMPLE_WIDTH

if TYPE_CHECKING:
    import soundfile


def encode_flac(samples: npt.ArrayLike, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Compress 16-bit mono audio losslessly as FLAC bytes (kept, sealed, as evidence)."""
    import soundfile

    buf = io.BytesIO()
    soundfile.write(buf, np.asarray(samples, dtype=np.int16), sample_rate, format="FLAC", subtype="PCM_16")
    return buf.getvalue()


def decode_flac(data: bytes) -> tuple[npt.NDArray[np.int16], int]:
    """The int16 samples and rate of FLAC bytes made by :func:`encode_flac`."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="int16")
    return samples, int(rate)


class FlacEncoder:
    """Compresses 16-bit mono PCM into FLAC in memory as it is added; :meth:`finish` gives the bytes.

    The result decodes to exactly the samples added, as :func:`encode_flac` of them all would.
    """

    def __init__(self, sample_rate: int = SAMPLE_RATE) -> None:
        import soundfile

        self.sample_rate = sample_rate
        """Samples a second."""
        self.frames = 0
        """Samples added so far."""
        self._buffer = io.BytesIO()
        self._carry = b""
        self._file: soundfile.SoundFile | None = soundfile.SoundFile(
            self._buffer, "w", samplerate=sample_rate, channels=1, format="FLAC", subtype="PCM_16")

    @property
    def seconds(self) -> float:
        """How long the audio added so far lasts."""
        return self.frames / self.sample_rate

    @property
    def compressed_bytes(self) -> int:
        """FLAC bytes written so far (the encoder holds back at most one block of 4,096 samples)."""
        return self._buffer.tell()

    def add(self, pcm: bytes) -> None:
        """Compress the next PCM (int16, little-endian); an odd byte waits for the next call."""
        if self._file is None:
            raise RuntimeError("FlacEncoder.add() called after finish()")
        data = self._carry + bytes(pcm)
        usable = len(data) // SAMPLE_WIDTH * SAMPLE_WIDTH
        self._carry = data[usable:]
        if usable:
            self._file.write(np.frombuffer(data[:usable], dtype="<i2"))
            self.frames += usable // SAMPLE_WIDTH

    def finish(self) -> bytes:
        """The FLAC bytes of everything added; the encoder takes no more after this."""
        if self._file is not None:
            self._file.close()
            self._file = None
        return self._buffer.getvalue()
