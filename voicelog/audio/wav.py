"""WAV files as 16 kHz mono int16 audio: checking, decoding, downmixing and resampling, block by block.

Any PCM or float WAV that libsndfile reads is accepted; a file that is not a
WAV, or is damaged, raises :class:`AudioError` with one sentence naming the
path and, where it can be guessed, what the file really is. :func:`open_wav`
checks the header; the audio is then decoded as it is read, about 1.5 s at a
time, so a three-hour recording needs no more memory than a short one. A file
cut short (a power cut while recording, an incomplete copy) is read as far as
it goes, and :attr:`WavFile.cut_short` says so.
"""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
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


def _riff_data_size(path: Path, head: bytes) -> tuple[int, int, int] | None:
    """What the header says of the audio: (data chunk size, bytes there after it starts, bytes a frame).

    None when the header does not say (a streaming recorder that never went back to write the size, or an
    RF64 file without its ``ds64`` sizes); libsndfile then reads to the end of the file.
    """
    big = head[:4] == b"RIFX"
    size_of = ">I" if big else "<I"
    file_size = path.stat().st_size
    data_size_64: int | None = None
    block_align = 0
    with open(path, "rb") as f:
        offset = 12
        while offset + 8 <= file_size:
            f.seek(offset)
            chunk_id, size = f.read(4), struct.unpack(size_of, f.read(4))[0]
            if chunk_id == b"ds64" and size >= 16:
                data_size_64 = struct.unpack("<Q", f.read(16)[8:16])[0]
            elif chunk_id == b"fmt " and size >= 14:
                fmt = f.read(14)
                channels = struct.unpack(">H" if big else "<H", fmt[2:4])[0]
                block_align = struct.unpack(">H" if big else "<H", fmt[12:14])[0] or channels
            elif chunk_id == b"data":
                start = offset + 8
                if head[:4] in (b"RF64", b"BW64") and size == 0xFFFFFFFF:
                    if data_size_64 is None:
                        return None
                    size = data_size_64
                if size == 0 or size >= _UNKNOWN_SIZE or block_align == 0:
                    return None
                return size, file_size - start, block_align
            offset += 8 + size + (size & 1)  # chunks are padded to an even length
    return None


_UNKNOWN_SIZE = 0x7FFF0000
"""A data size this large (in a file under 4 GB) is a placeholder written by a recorder that streamed its output."""


@dataclass(frozen=True)
class CutShort:
    """How much audio a WAV file's header promises, and how much the file holds."""

    promised_seconds: float
    """The length its header gives."""
    held_seconds: float
    """The length of the audio actually in the file."""
    mid_frame: bool
    """The file ends part-way through a sample frame."""


def clock(seconds: float) -> str:
    """A length as a person reads it: "4:05", "1:02:09"."""
    whole = int(seconds)
    h, m, s = whole // 3600, whole // 60 % 60, whole % 60
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


@dataclass(frozen=True)
class WavFile:
    """A WAV file whose header has been checked; its audio is read on demand, block by block, never whole."""

    path: Path
    """The file."""
    sample_rate: int
    """Its own rate (it is converted to 16 kHz as it is read)."""
    channels: int
    """Its channels (averaged into one)."""
    frames: int
    """Sample frames in the file, as far as it goes."""
    cut_short: CutShort | None = None
    """Set when the file holds less than its header promises (it is still read, as far as it goes)."""

    @property
    def seconds(self) -> float:
        """How long the audio in the file lasts."""
        return self.frames / self.sample_rate

    @property
    def warning(self) -> str | None:
        """What to tell the person about a file cut short, in one sentence; None for a whole file."""
        cut = self.cut_short
        if cut is None:
            return None
        lost = cut.promised_seconds - cut.held_seconds
        if lost >= 1.0:
            held = f"it holds {clock(cut.held_seconds)} of the {clock(cut.promised_seconds)} its header promises"
        elif cut.mid_frame and round(lost * self.sample_rate) <= 1:
            held = "its last sample frame is incomplete"
        else:
            held = f"it holds {cut.held_seconds:.2f} s of the {cut.promised_seconds:.2f} s its header promises"
        return (f"The WAV file {self.path} was cut short ({held}; the recording was interrupted or the copy is "
                "incomplete): what it holds is transcribed and stored.")

    def blocks(self) -> Iterator[Int16s]:
        """The audio as 16 kHz mono int16 arrays of about 1.5 s (of the file's audio) each, decoded as read."""
        return _iter_wav_samples(_open_wav(self.path), self.path)

    def chunks(self, chunk_seconds: float = 0.5) -> Iterator[bytes]:
        """The audio as 16 kHz mono int16 PCM chunks of ``chunk_seconds`` (the last may be shorter)."""
        if chunk_seconds <= 0:
            raise ValueError(f"chunk_seconds must be positive, got {chunk_seconds}")
        return rechunk(self.blocks(), chunk_seconds)


def open_wav(path: PathLike) -> WavFile:
    """Check that ``path`` is a readable WAV file with audio in it, and say how much; nothing is decoded yet.

    Raises :class:`AudioError` (one sentence naming the path) for a missing, empty, damaged or forged file.
    """
    p = Path(path)
    sf = _open_wav(p)
    with sf:
        rate, channels, frames = int(sf.samplerate), int(sf.channels), int(sf.frames)
    with open(p, "rb") as f:
        head = f.read(12)
    cut: CutShort | None = None
    try:
        sizes = _riff_data_size(p, head)
    except (OSError, struct.error):
        sizes = None  # libsndfile opened it; what it reads is all there is to read
    if sizes is not None:
        promised, held, block = sizes
        if held < promised or min(held, promised) % block:
            cut = CutShort(promised_seconds=math.ceil(promised / block) / rate, held_seconds=frames / rate,
                           mid_frame=bool(min(held, promised) % block))
    return WavFile(p, rate, channels, frames, cut)


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
    """Read any PCM or float WAV file as 16 kHz mono int16 samples, all at once (for short files).

    Channels are averaged and the rate converted; any problem with the file
    raises :class:`AudioError` naming the path. A long recording is better
    read with :func:`open_wav`, which decodes it as it goes.
    """
    parts = list(open_wav(path).blocks())
    samples: Int16s = np.concatenate(parts) if parts else np.empty(0, dtype="<i2")
    if samples.size == 0:
        raise AudioError(f"The WAV file {path} is empty: it holds no audio frames.")
    return samples


def wav_chunks(path: PathLike, chunk_seconds: float = 0.5) -> Iterator[bytes]:
    """Yield a WAV file's audio as 16 kHz mono int16 PCM chunks of ``chunk_seconds``, decoded as they are read.

    The file is checked before this returns, so a bad path fails at once rather
    than at the first chunk.
    """
    if chunk_seconds <= 0:
        raise ValueError(f"chunk_seconds must be positive, got {chunk_seconds}")
    return open_wav(path).chunks(chunk_seconds)


def rechunk(blocks: Iterator[Int16s], chunk_seconds: float) -> Iterator[bytes]:
    """Blocks of samples of any length as PCM chunks of ``chunk_seconds`` each (the last may be shorter)."""
    chunk_bytes = max(1, round(chunk_seconds * SAMPLE_RATE)) * SAMPLE_WIDTH
    pending = bytearray()
    for samples in blocks:
        pending += samples.tobytes()
        start = 0
        while len(pending) - start >= chunk_bytes:
            yield bytes(pending[start : start + chunk_bytes])
            start += chunk_bytes
        del pending[:start]
    if pending:
        yield bytes(pending)
