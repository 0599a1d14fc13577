"""Recordings in the formats phones save, written by the tests themselves with PyAV (not a test module)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import soundfile


class PhoneFormat(NamedTuple):
    """One way a phone or recorder saves audio: container, codec and the rate the codec takes."""

    suffix: str
    container: str
    codec: str
    rate: int


PHONE_FORMATS = {
    "m4a": PhoneFormat(".m4a", "ipod", "aac", 44100),  # iPhone Voice Memos, most Android recorders
    "mp4": PhoneFormat(".mp4", "mp4", "aac", 48000),
    "3gp": PhoneFormat(".3gp", "3gp", "libopencore_amrnb", 8000),  # older Android recorders: AMR-NB in 3GP
    "amr": PhoneFormat(".amr", "amr", "libopencore_amrnb", 8000),
    "ogg": PhoneFormat(".ogg", "ogg", "libopus", 48000),  # WhatsApp/Signal voice notes
    "opus": PhoneFormat(".opus", "opus", "libopus", 48000),
    "vorbis": PhoneFormat(".ogg", "ogg", "vorbis", 44100),
    "mp3": PhoneFormat(".mp3", "mp3", "libmp3lame", 44100),
    "flac": PhoneFormat(".flac", "flac", "flac", 44100),
    "webm": PhoneFormat(".webm", "webm", "libopus", 48000),  # a browser's MediaRecorder
}


def speech(path: Path) -> tuple[np.ndarray, int]:
    """A WAV's samples as int16 (mono) and its rate."""
    data, rate = soundfile.read(str(path), dtype="int16", always_2d=True)
    return data.mean(axis=1).astype(np.int16), int(rate)


def write_recording(path: Path, fmt: PhoneFormat, blocks: Iterator[np.ndarray] | np.ndarray, rate: int, *,
                    metadata: dict[str, str] | None = None, stream_metadata: dict[str, str] | None = None,
                    stereo: bool = False) -> Path:
    """Encode int16 samples at ``rate`` (one array, or blocks of them for a long file) as ``fmt`` into ``path``."""
    import av

    stereo = stereo or fmt.codec == "vorbis"  # FFmpeg's own Vorbis encoder writes stereo only
    layout = "stereo" if stereo else "mono"
    with av.open(str(path), "w", format=fmt.container) as out:
        if metadata:
            out.metadata.update(metadata)
        options = {"strict": "experimental"} if fmt.codec == "vorbis" else {}
        stream = out.add_stream(fmt.codec, rate=fmt.rate, options=options)
        stream.layout = layout  # type: ignore[union-attr]
        if stream_metadata:
            stream.metadata.update(stream_metadata)
        codec_format = stream.codec_context.codec.audio_formats[0].name  # type: ignore[union-attr]
        resampler = av.AudioResampler(format=codec_format, layout=layout, rate=fmt.rate)
        pts = 0
        for block in [blocks] if isinstance(blocks, np.ndarray) else blocks:
            pcm = np.repeat(block.reshape(-1, 1), 2, axis=1).reshape(1, -1) if stereo else block.reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm, dtype=np.int16), format="s16",
                                               layout=layout)
            frame.sample_rate, frame.pts = rate, pts
            pts += len(block)
            for converted in resampler.resample(frame):
                for packet in stream.encode(converted):  # type: ignore[union-attr]
                    out.mux(packet)
        for converted in resampler.resample(None):
            for packet in stream.encode(converted):  # type: ignore[union-attr]
                out.mux(packet)
        for packet in stream.encode(None):  # type: ignore[union-attr]
            out.mux(packet)
    return path


def write_jpeg(path: Path) -> Path:
    """A real (small, grey) JPEG photo, as a phone's gallery holds."""
    import av

    with av.open(str(path), "w", format="image2") as out:
        stream = out.add_stream("mjpeg", rate=1)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuvj420p"  # type: ignore[union-attr]
        frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 128, dtype=np.uint8), format="rgb24")
        for packet in stream.encode(frame):  # type: ignore[union-attr]
            out.mux(packet)
        for packet in stream.encode(None):  # type: ignore[union-attr]
            out.mux(packet)
    return path


def write_silent_video(path: Path) -> Path:
    """An MP4 with a picture and no sound track (a screen recording made with the microphone off)."""
    import av

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"  # type: ignore[union-attr]
        for i in range(5):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 40 * i, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):  # type: ignore[union-attr]
                out.mux(packet)
        for packet in stream.encode(None):  # type: ignore[union-attr]
            out.mux(packet)
    return path
