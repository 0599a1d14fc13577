"""FLAC: how a recording is kept (sealed) with its diary entry, losslessly and about half the size of PCM."""

from __future__ import annotations

import io

import numpy as np
import numpy.typing as npt

from voicelog.pcm import SAMPLE_RATE


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
