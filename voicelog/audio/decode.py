"""Any recording a phone makes (M4A/AAC, MP4/3GP, AMR, Ogg Opus/Vorbis, MP3, FLAC, WebM, WAV) as 16 kHz mono int16.

:func:`open_audio` is the one opener for a recording on disk. A WAV file keeps its own path
(:func:`~voicelog.audio.wav.open_wav`: libsndfile, with its checks for forged headers and files cut short, which
PyAV would not make); everything else is decoded with PyAV (FFmpeg's decoders) and its ``AudioResampler``, packet
by packet, so memory holds a fraction of a second of audio whatever the file's length. The container is chosen
from the file's first bytes, never guessed by FFmpeg: only the demuxers of audio formats are used (no playlist or
network demuxer can be reached from a file someone sends), and a file that is not audio is refused with one
sentence saying what it looks like.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from voicelog.audio.wav import clock, rechunk
from voicelog.errors import AudioError
from voicelog.pcm import SAMPLE_RATE

if TYPE_CHECKING:
    import av.container

    from voicelog.audio.resample import Int16s

PathLike = str | os.PathLike[str]

FORMATS = "WAV, M4A/AAC, MP4, 3GP/AMR, Ogg (Opus, Vorbis), MP3, FLAC and WebM"
"""What :func:`open_audio` reads, as told to the person."""

MIN_RATE, MAX_RATE = 4_000, 384_000
"""Sample rates a recording can have (as for WAV files)."""
MAX_CHANNELS = 8
"""More channels than any phone or recorder writes."""

_WAV_MAGIC = (b"RIFF", b"RIFX", b"RF64", b"BW64")
_HEAD_BYTES = 64


class AudioFile(Protocol):
    """A recording on disk whose header has been checked; its audio is decoded as it is read."""

    @property
    def path(self) -> Path:
        """The file."""
        ...

    @property
    def seconds(self) -> float | None:
        """How long it lasts, where the file says (None when it does not)."""
        ...

    @property
    def warning(self) -> str | None:
        """What to tell the person about a damaged or cut-short file, once it has been read; None if whole."""
        ...

    def chunks(self, chunk_seconds: float = 0.5) -> Iterator[bytes]:
        """The audio as 16 kHz mono int16 PCM chunks of ``chunk_seconds`` (the last may be shorter)."""
        ...


def _sniff(head: bytes) -> str | None:
    """FFmpeg's demuxer for a file starting with ``head``, or None when it is no audio format voicelog reads."""
    if head[:3] == b"ID3" and len(head) >= 10:
        return "id3"  # MP3 (or, rarely, FLAC/AAC) behind an ID3 tag: looked past by _sniff_after_id3
    if head[4:8] == b"ftyp" or head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "mov"  # MP4, M4A, 3GP, MOV
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"  # WebM, MKV, MKA
    if head[:5] == b"#!AMR":
        return "amr"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF0 == 0xF0 and head[1] & 0x06 == 0:
        return "aac"  # ADTS: MPEG sync with layer bits 00
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "mp3"
    return None


def _sniff_after_id3(path: Path, head: bytes) -> str | None:
    size = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F)
    with open(path, "rb") as f:
        f.seek(10 + size + (10 if head[5] & 0x10 else 0))
        after = f.read(_HEAD_BYTES)
    kind = _sniff(after)
    return "mp3" if kind in (None, "id3") else kind  # MP3 frames may start after padding FFmpeg skips itself


def _looks_like(head: bytes) -> str:
    """A short guess at what a file that is not audio holds, for the refusal."""
    guesses = [
        (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or office document"),
        (b"SQLite format 3", "an SQLite database"), (b"\x1f\x8b", "a gzip archive"),
    ]
    for magic, what in guesses:
        if head.startswith(magic):
            return what
    if head[:4] in _WAV_MAGIC:
        return f"a RIFF {head[8:12].decode('latin-1')!r} file"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "an HEIC image"
    if head and all(32 <= b < 127 or b in (9, 10, 13) or b >= 0x80 for b in head):
        return "text"
    return "no audio format voicelog knows"


def _not_audio(path: Path, head: bytes) -> AudioError:
    return AudioError(f"{path} is not an audio recording (it looks like {_looks_like(head)}); voicelog reads "
                      f"{FORMATS} files, so give it the recording itself.")


def _damaged(path: Path, e: Exception) -> AudioError:
    reason = str(getattr(e, "strerror", None) or e).rstrip(".")
    return AudioError(f"The recording {path} is damaged or cut short and cannot be read ({reason}); if it is still "
                      "being copied or synced, wait until it is complete, else use a fresh copy from the phone.")


def read_head(path: PathLike) -> bytes:
    """The first bytes of ``path``, checking it is a readable, non-empty file (AudioError naming it if not)."""
    p = Path(path)
    if not p.exists():
        raise AudioError(f"The audio file {p} does not exist.")
    if p.is_dir():
        raise AudioError(f"{p} is a directory, not an audio recording.")
    try:
        with open(p, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError as e:
        raise AudioError(f"The audio file {p} cannot be read: {e.strerror or e}.") from e
    if not head:
        raise AudioError(f"The audio file {p} is empty (0 bytes).")
    return head


def demuxer_for(path: PathLike) -> str:
    """The container of ``path`` (``wav`` or an FFmpeg demuxer's name); AudioError when it is not audio."""
    p = Path(path)
    head = read_head(p)
    if head[:4] in _WAV_MAGIC and (len(head) < 12 or head[8:12] == b"WAVE"):
        return "wav"  # a header cut short is told as such by open_wav
    kind = _sniff(head)
    if kind == "id3":
        kind = _sniff_after_id3(p, head)
    if kind is None:
        raise _not_audio(p, head)
    return kind


def open_container(path: Path, demuxer: str) -> av.container.InputContainer:
    """``path`` opened with PyAV as ``demuxer`` (never FFmpeg's guess), or AudioError in one sentence."""
    import av

    try:
        return av.open(str(path), mode="r", format=demuxer, metadata_errors="ignore")
    except av.error.FFmpegError as e:
        raise _damaged(path, e) from e


@dataclass
class _Damage:
    """What went wrong while a file was decoded (filled in as it is read)."""

    skipped_packets: int = 0
    stopped: str | None = None
    decoded_seconds: float = 0.0
    finished: bool = False


@dataclass(frozen=True)
class DecodedFile:
    """A compressed recording whose container and audio stream have been checked; decoded as it is read."""

    path: Path
    """The file."""
    container: str
    """FFmpeg's demuxer for it (``mov``, ``ogg``, ``mp3``, ...)."""
    codec: str
    """Its audio codec (``aac``, ``opus``, ``amrnb``, ...)."""
    sample_rate: int
    """Its own rate (it is converted to 16 kHz as it is read)."""
    channels: int
    """Its channels (mixed into one)."""
    seconds: float | None
    """How long the container says it lasts (None when it does not say)."""
    _damage: _Damage = field(default_factory=_Damage, repr=False, compare=False)

    @property
    def warning(self) -> str | None:
        """What to tell the person once the file has been read: damaged stretches skipped, or a file cut short."""
        d = self._damage
        if not d.finished:
            return None
        if d.stopped is not None:
            return (f"The recording {self.path} is damaged after {clock(d.decoded_seconds)} ({d.stopped}): what "
                    "comes before is transcribed and stored.")
        if self.seconds is not None and d.decoded_seconds < self.seconds - 1.0:
            return (f"The recording {self.path} was cut short (it holds {clock(d.decoded_seconds)} of the "
                    f"{clock(self.seconds)} its header promises; the recording was interrupted or the copy is "
                    "incomplete): what it holds is transcribed and stored.")
        if d.skipped_packets:
            return (f"The recording {self.path} has {d.skipped_packets} damaged stretch(es) that could not be "
                    "decoded and were skipped; the rest is transcribed and stored.")
        return None

    def blocks(self) -> Iterator[Int16s]:
        """The audio as 16 kHz mono int16 arrays, one a decoded packet (a fraction of a second each)."""
        return _decode(self)

    def chunks(self, chunk_seconds: float = 0.5) -> Iterator[bytes]:
        """The audio as 16 kHz mono int16 PCM chunks of ``chunk_seconds`` (the last may be shorter)."""
        if chunk_seconds <= 0:
            raise ValueError(f"chunk_seconds must be positive, got {chunk_seconds}")
        return rechunk(self.blocks(), chunk_seconds)



def _open_decoded(path: Path, demuxer: str) -> DecodedFile:
    import av

    with open_container(path, demuxer) as container:
        if not container.streams.audio:
            raise AudioError(f"{path} holds no audio (it has no sound track); voicelog reads {FORMATS} recordings.")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        try:
            av.codec.Codec(ctx.name, "r")
        except (av.error.FFmpegError, ValueError) as e:
            raise AudioError(f"The recording {path} is in {ctx.name or 'an unknown'} audio, which this "
                             "installation cannot decode; convert it to M4A, MP3 or WAV on the phone.") from e
        rate, channels = int(ctx.sample_rate or 0), int(ctx.channels or 0)
        if (rate and not MIN_RATE <= rate <= MAX_RATE) or channels > MAX_CHANNELS:
            raise AudioError(
                f"The recording {path} claims {rate} Hz and {channels} channel(s), which no recording has; its "
                "header is damaged or forged, and nothing was stored.")
        seconds: float | None = None
        if stream.duration is not None and stream.time_base is not None:
            seconds = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            seconds = container.duration / 1_000_000
        return DecodedFile(path, demuxer, ctx.name, rate, channels, seconds)


def _decode(file: DecodedFile) -> Iterator[Int16s]:
    """Decode ``file`` packet by packet through PyAV's resampler into 16 kHz mono int16 arrays."""
    import av

    damage = file._damage
    damage.skipped_packets, damage.stopped, damage.decoded_seconds, damage.finished = 0, None, 0.0, False
    samples = 0
    with open_container(file.path, file.container) as container:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        packets = container.demux(stream)
        while True:
            try:
                packet = next(packets)
            except StopIteration:
                break
            except av.error.FFmpegError as e:  # the container itself is broken from here on
                damage.stopped = str(getattr(e, "strerror", None) or e).rstrip(".")
                break
            try:
                frames = packet.decode()
            except av.error.FFmpegError:
                damage.skipped_packets += 1  # one damaged packet: skipped, as FFmpeg's own tools do
                continue
            for frame in frames:
                try:
                    converted = resampler.resample(frame)
                except ValueError:  # the stream changed rate or layout mid-way: a new resampler from here
                    tail = resampler.resample(None)
                    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
                    converted = [*tail, *resampler.resample(frame)]
                for out in converted:
                    block = _samples(out)
                    samples += len(block)
                    damage.decoded_seconds = samples / SAMPLE_RATE
                    yield block
        for out in resampler.resample(None):
            block = _samples(out)
            samples += len(block)
            damage.decoded_seconds = samples / SAMPLE_RATE
            yield block
    damage.finished = True


def _samples(frame: av.AudioFrame) -> Int16s:
    block: Int16s = np.ascontiguousarray(frame.to_ndarray().reshape(-1), dtype="<i2")
    return block


def open_audio(path: PathLike) -> AudioFile:
    """Check that ``path`` is a recording voicelog reads, with an audio track; nothing is decoded yet.

    WAV goes through :func:`~voicelog.audio.wav.open_wav`; the rest through PyAV. Raises :class:`AudioError`
    (one sentence naming the path) for a missing, empty, damaged or non-audio file.
    """
    p = Path(path)
    demuxer = demuxer_for(p)
    if demuxer == "wav":
        from voicelog.audio.wav import open_wav

        return open_wav(p)
    return _open_decoded(p, demuxer)
