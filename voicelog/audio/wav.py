"""WAV files as 16 kHz mono int16 audio: checking, decoding, downmixing and resampling.

Any PCM or float WAV that libsndfile reads is accepted; a file that is not a
WAV, or is damaged, raises :class:`AudioError` with one sentence naming the
path and, where it can be guessed, what the file really is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voicelog.audio.resample import Int16s, Resampler, to_int16
from voicelog.errors import AudioError
from voicelog.pcm import SAMPLE_RATE, SAMPLE_WIDTH

if TYPE_CHECKING:
    import soundfile

PathLike = str | os.PathLike[str]

_WAV_MAGIC = (b"RIFF", b"RIFX", b"RF64", b"BW64")
_READ_BLOCK_FRAMES = 1 << 16

MIN_RATE, MAX_RATE = 4_000, 384_000
"""Sample rates a recording can have; anything else is a damaged or forged header (1 Hz once grew past 5 GB)."""
MAX_CHANNELS = 8
"""More channels than any phone or recorder writes."""


def _describe_non_wav(head: bytes) -> str:
    """A short guess at what a file that is not a WAV holds, for the error message."""
    if head[:4] in _WAV_MAGIC:
        return f"it is a RIFF {head[8:12].decode('latin-1')!r} file"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "it looks like MP3"
    if head[:4] == b"fLaC":
        return "it looks like FLAC"
    if head[:4] == b"OggS":
        return "it looks like Ogg"
    if head[4:8] == b"ftyp":
        return "it looks like MP4/M4A"
    if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head):
        return "it looks like text"
    return "it does not start with a RIFF/WAVE header"


def _damaged(path: PathLike, e: Exception) -> AudioError:
    # libsndfile's message repeats the path; its error_string is just the reason.
    reason = str(getattr(e, "error_string", "") or e).rstrip(".")
    return AudioError(f"The WAV file {path} is damaged or truncated and cannot be read ({reason}).")


def _open_wav(path: PathLike) -> soundfile.SoundFile:
    """Check ``path`` is a readable, non-empty WAV file and open it with soundfile."""
    p = Path(path)
    if not p.exists():
        raise AudioError(f"The audio file {p} does not exist.")
    if p.is_dir():
        raise AudioError(f"{p} is a directory, not a WAV file.")
    try:
        with open(p, "rb") as f:
            head = f.read(12)
    except OSError as e:
        raise AudioError(f"The audio file {p} cannot be read: {e.strerror or e}.") from e
    if not head:
        raise AudioError(f"The audio file {p} is empty (0 bytes).")
    if head[:4] in _WAV_MAGIC and len(head) < 12:
        raise AudioError(f"The WAV file {p} is truncated: its header is cut short.")
    if head[:4] not in _WAV_MAGIC or head[8:12] != b"WAVE":
        raise AudioError(
            f"{p} is not a WAV file ({_describe_non_wav(head)}); convert it first, "
            f"e.g. `sox input -r 16000 -c 1 -b 16 output.wav`."
        )
    import soundfile

    try:
        sf = soundfile.SoundFile(str(p))
    except (RuntimeError, soundfile.SoundFileError) as e:
        raise _damaged(p, e) from e
    if sf.frames == 0 or sf.samplerate <= 0 or sf.channels <= 0:
        sf.close()
        raise AudioError(f"The WAV file {p} is empty: it holds no audio frames.")
    # Checked before a sample is decoded: resampling from an absurd rate would need unbounded memory.
    if not MIN_RATE <= sf.samplerate <= MAX_RATE or sf.channels > MAX_CHANNELS:
        rate, channels = sf.samplerate, sf.channels
        sf.close()
        raise AudioError(
            f"The WAV file {p} claims {rate} Hz and {channels} channel(s), which no recording has "
            f"({MIN_RATE}-{MAX_RATE} Hz, at most {MAX_CHANNELS} channels); its header is damaged or forged, "
            "and nothing was stored.")
    return sf


def _iter_wav_samples(sf: soundfile.SoundFile, path: PathLike) -> Iterator[Int16s]:
    """Read an open soundfile block by block; yield 16 kHz mono int16 arrays."""
    resampler = Resampler(sf.samplerate, SAMPLE_RATE)
    with sf:
        while True:
            try:
                block = sf.read(_READ_BLOCK_FRAMES, dtype="float32", always_2d=True)
            except (RuntimeError, ValueError) as e:
                raise _damaged(path, e) from e
            if len(block) == 0:
                break
            mono = block.mean(axis=1) if block.shape[1] > 1 else block[:, 0]
            if not np.all(np.isfinite(mono)):
                mono = np.nan_to_num(mono, nan=0.0, posinf=1.0, neginf=-1.0)
            out = resampler.process(mono)
            if len(out):
                yield to_int16(out)
    tail = resampler.flush()
    if len(tail):
        yield to_int16(tail)


def read_wav(path: PathLike) -> Int16s:
    """Read any PCM or float WAV file as 16 kHz mono int16 samples.

    Channels are averaged and the rate converted; any problem with the file
    raises :class:`AudioError` naming the path.
    """
    sf = _open_wav(path)
    parts = list(_iter_wav_samples(sf, path))
    samples: Int16s = np.concatenate(parts) if parts else np.empty(0, dtype="<i2")
    if samples.size == 0:
        raise AudioError(f"The WAV file {path} is empty: it holds no audio frames.")
    return samples


def wav_chunks(path: PathLike, chunk_seconds: float = 0.5) -> Iterator[bytes]:
    """Yield a WAV file's audio as 16 kHz mono int16 PCM chunks of ``chunk_seconds``.

    The file is checked before this returns, so a bad path fails at once rather
    than at the first chunk.
    """
    if chunk_seconds <= 0:
        raise ValueError(f"chunk_seconds must be positive, got {chunk_seconds}")
    sf = _open_wav(path)
    chunk_bytes = max(1, round(chunk_seconds * SAMPLE_RATE)) * SAMPLE_WIDTH

    def chunks() -> Iterator[bytes]:
        pending = b""
        for samples in _iter_wav_samples(sf, path):
            pending += samples.tobytes()
            while len(pending) >= chunk_bytes:
                yield pending[:chunk_bytes]
                pending = pending[chunk_bytes:]
        if pending:
            yield pending

    return chunks()
