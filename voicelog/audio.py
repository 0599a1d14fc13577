"""Audio sources: WAV files and the microphone, as 16 kHz mono int16 chunks.

Every source ends up as an iterator of ``bytes`` holding signed 16-bit
little-endian PCM at :data:`voicelog.asr.base.SAMPLE_RATE`, so the recogniser,
the capture journal and the listening loop are fed the same way whether the
audio comes from a file or a live microphone.
"""

from __future__ import annotations

import collections
import logging
import math
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import numpy as np

from voicelog.asr.base import SAMPLE_RATE
from voicelog.errors import AudioError

log = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]
StopReason = Literal["silence", "no_speech", "max_length"]

_DEVICE_HINT = "Run `voicelog devices` to see the microphones and pass one with --device."
_WAV_MAGIC = (b"RIFF", b"RIFX", b"RF64", b"BW64")
_READ_BLOCK_FRAMES = 1 << 16


# --------------------------------------------------------------------------- levels


def level_dbfs(samples: np.ndarray) -> float:
    """The RMS level of ``samples`` in dBFS (``-inf`` for digital silence or no samples).

    Integer samples are measured against their type's full scale, float samples
    against 1.0; a full-scale sine measures about -3 dBFS.
    """
    x = np.asarray(samples)
    if x.size == 0:
        return -math.inf
    scale = float(-np.iinfo(x.dtype).min) if np.issubdtype(x.dtype, np.integer) else 1.0
    ms = float(np.mean(np.square(x, dtype=np.float64))) / (scale * scale)
    return 10.0 * math.log10(ms) if ms > 0.0 else -math.inf


def _frame_levels(samples: np.ndarray, frame_len: int) -> np.ndarray:
    """Per-frame RMS levels in dBFS of int16 ``samples`` (a trailing partial frame is dropped)."""
    n = len(samples) // frame_len
    if n == 0:
        return np.empty(0)
    frames = samples[: n * frame_len].astype(np.float32).reshape(n, frame_len)
    ms = np.mean(np.square(frames), axis=1) / (32768.0 * 32768.0)
    with np.errstate(divide="ignore"):
        levels: np.ndarray = 10.0 * np.log10(ms)
    return levels


def is_silent(
    samples: np.ndarray,
    threshold_dbfs: float = -50.0,
    *,
    sample_rate: int = SAMPLE_RATE,
    min_seconds: float = 0.2,
) -> bool:
    """Whether int16 ``samples`` hold less than ``min_seconds`` of sound above ``threshold_dbfs``.

    Levels are taken over 20 ms frames, so speech in a long quiet recording
    still counts while a single click or steady low hiss does not.
    """
    x = np.asarray(samples)
    if x.dtype != np.int16:
        x = np.clip(np.rint(x.astype(np.float64) * 32768.0), -32768, 32767).astype(np.int16)
    frame_len = max(1, sample_rate // 50)
    levels = _frame_levels(x.reshape(-1), frame_len)
    loud_seconds = int(np.count_nonzero(levels > threshold_dbfs)) * frame_len / sample_rate
    return loud_seconds < min_seconds


# --------------------------------------------------------------------------- resampling


class Resampler:
    """Streaming band-limited resampler (Kaiser-windowed sinc, polyphase) in plain numpy.

    Feed float blocks to :meth:`process` and call :meth:`flush` once at the end;
    the output has ``ceil(n_in * rate_out / rate_in)`` samples in total.
    """

    def __init__(
        self,
        rate_in: int,
        rate_out: int = SAMPLE_RATE,
        *,
        zero_crossings: int = 16,
        rolloff: float = 0.92,
        beta: float = 8.6,
    ) -> None:
        if rate_in <= 0 or rate_out <= 0:
            raise ValueError(f"sample rates must be positive, got {rate_in} and {rate_out}")
        g = math.gcd(int(rate_in), int(rate_out))
        self.rate_in = int(rate_in)
        self.rate_out = int(rate_out)
        self._up = self.rate_out // g
        self._down = self.rate_in // g
        # Cutoff in cycles per input sample; below the lower of the two Nyquist rates.
        fc = 0.5 * min(1.0, self._up / self._down) * rolloff
        half_width = zero_crossings / (2.0 * fc)
        self._k = k = int(math.ceil(half_width))
        phases = np.arange(self._up, dtype=np.float64)[:, None] / self._up
        tau = phases + (k - 1 - np.arange(2 * k, dtype=np.float64))[None, :]
        ratio = np.clip(tau / half_width, -1.0, 1.0)
        window = np.i0(beta * np.sqrt(1.0 - ratio * ratio)) / np.i0(beta)
        table = 2.0 * fc * np.sinc(2.0 * fc * tau) * window
        table /= table.sum(axis=1, keepdims=True)  # unity gain at DC for every phase
        self._table = table.astype(np.float32)
        self._buf = np.zeros(k - 1, dtype=np.float32)
        self._buf_start = -(k - 1)  # absolute input index of _buf[0]; before 0 is silence
        self._total_in = 0
        self._n = 0  # next output index
        self._flushed = False

    @property
    def passthrough(self) -> bool:
        """True when the rates are equal and samples go through untouched."""
        return self._up == self._down

    def process(self, x: np.ndarray) -> np.ndarray:
        """Resample the next block of float samples; returns what can be computed so far."""
        x = np.asarray(x, dtype=np.float32).reshape(-1)
        if self.passthrough:
            return x
        if self._flushed:
            raise RuntimeError("Resampler.process() called after flush()")
        self._buf = np.concatenate((self._buf, x))
        self._total_in += len(x)
        last = self._total_in - 1 - self._k  # the highest base index whose taps are all here
        n_end = ((last + 1) * self._up + self._down - 1) // self._down if last >= 0 else 0
        return self._run(n_end)

    def flush(self) -> np.ndarray:
        """Return the remaining output, treating the input as followed by silence."""
        if self.passthrough or self._flushed:
            return np.empty(0, dtype=np.float32)
        self._flushed = True
        self._buf = np.concatenate((self._buf, np.zeros(self._k + 1, dtype=np.float32)))
        n_end = (self._total_in * self._up + self._down - 1) // self._down
        return self._run(n_end)

    def _run(self, n_end: int) -> np.ndarray:
        up, down, k = self._up, self._down, self._k
        taps = np.arange(2 * k)
        out = []
        block = max(1, 262_144 // (2 * k))  # bounds the gathered matrix to ~1 MB of float32
        for n0 in range(self._n, n_end, block):
            n = np.arange(n0, min(n0 + block, n_end), dtype=np.int64)
            pos = n * down
            base = pos // up
            idx = (base - k + 1 - self._buf_start)[:, None] + taps[None, :]
            out.append(np.einsum("ij,ij->i", self._buf[idx], self._table[pos % up]))
        if n_end > self._n:
            self._n = n_end
            keep_from = (n_end * down) // up - k + 1
            drop = keep_from - self._buf_start
            if drop > 0:
                self._buf = self._buf[drop:]
                self._buf_start = keep_from
        if not out:
            return np.empty(0, dtype=np.float32)
        return np.concatenate(out).astype(np.float32, copy=False)


def _to_int16(x: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] to int16, rounding and clipping overshoot."""
    return np.clip(np.rint(x * 32768.0), -32768, 32767).astype("<i2")


def resample(samples: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    """Resample mono int16 ``samples`` from ``rate_in`` to ``rate_out`` Hz."""
    x = np.asarray(samples)
    if rate_in == rate_out:
        return x.astype("<i2", copy=False)
    r = Resampler(rate_in, rate_out)
    y = np.concatenate((r.process(x.astype(np.float32) / 32768.0), r.flush()))
    return _to_int16(y)


# --------------------------------------------------------------------------- WAV files


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


def _open_wav(path: PathLike) -> Any:
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
    return sf


def _iter_wav_samples(sf: Any, path: PathLike) -> Iterator[np.ndarray]:
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
                yield _to_int16(out)
    tail = resampler.flush()
    if len(tail):
        yield _to_int16(tail)


def read_wav(path: PathLike) -> np.ndarray:
    """Read any PCM or float WAV file as 16 kHz mono int16 samples.

    Channels are averaged and the rate converted; any problem with the file
    raises :class:`AudioError` naming the path.
    """
    sf = _open_wav(path)
    parts = list(_iter_wav_samples(sf, path))
    samples = np.concatenate(parts) if parts else np.empty(0, dtype="<i2")
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
    chunk_bytes = max(1, int(round(chunk_seconds * SAMPLE_RATE))) * 2

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


# --------------------------------------------------------------------------- endpointing


class SilenceDetector:
    """Decides when a spoken account has ended: speech, then ``silence_seconds`` of quiet.

    Energy-based over 30 ms frames against an adaptive noise floor (the quietest
    frame of the last ``floor_window_seconds``), so it is cheap enough for a
    Raspberry Pi. It also gives up after ``initial_timeout`` seconds without
    speech and stops at ``max_seconds`` whatever happens.
    Decisions are made on sample counts, never the wall clock.
    """

    def __init__(
        self,
        *,
        silence_seconds: float = 2.5,
        initial_timeout: float | None = 30.0,
        max_seconds: float | None = None,
        sample_rate: int = SAMPLE_RATE,
        margin_db: float = 10.0,
        min_speech_dbfs: float = -50.0,
        min_speech_seconds: float = 0.15,
        frame_seconds: float = 0.03,
        floor_window_seconds: float = 3.0,
    ) -> None:
        self.silence_seconds = silence_seconds
        self.initial_timeout = initial_timeout
        self.max_seconds = max_seconds
        self.sample_rate = sample_rate
        self.margin_db = margin_db
        """How far above the noise floor a frame must be to count as speech."""
        self.min_speech_dbfs = min_speech_dbfs
        """Frames quieter than this are never speech, however low the floor."""
        self.min_speech_seconds = min_speech_seconds
        """Speech must run this long without a break to count (a click or knock does not)."""
        self.floor_window_seconds = floor_window_seconds
        """The noise floor is the quietest frame within this many recent seconds."""
        self._frame_len = max(1, int(round(frame_seconds * sample_rate)))
        self.reset()

    def reset(self) -> None:
        """Forget everything heard, ready for a new recording."""
        self._pending = np.empty(0, dtype=np.int16)
        self.samples_seen = 0
        """Samples fed so far (whole frames only)."""
        self.noise_floor_dbfs: float | None = None
        """The current estimate of the background level."""
        self.speech_heard = False
        """True once a run of speech at least ``min_speech_seconds`` long has been heard."""
        self.speech_samples = 0
        """Samples in frames judged as speech."""
        self.last_speech_sample: int | None = None
        """Sample count at the end of the last speech frame."""
        self.reason: StopReason | None = None
        """Why the detector fired, or None while it has not."""
        self.stop_sample: int | None = None
        """Sample count at which the detector fired."""
        self._run = 0
        window = max(1, int(round(self.floor_window_seconds * self.sample_rate / self._frame_len)))
        self._recent: collections.deque[float] = collections.deque(maxlen=window)

    @property
    def done(self) -> bool:
        """True once the recording should stop."""
        return self.reason is not None

    def feed(self, chunk: bytes | bytearray | memoryview | np.ndarray) -> bool:
        """Take the next chunk of 16-bit PCM; return True once the recording should stop."""
        if self.reason is not None:
            return True
        if isinstance(chunk, np.ndarray):
            x = chunk.astype(np.int16, copy=False).reshape(-1)
        else:
            x = np.frombuffer(chunk, dtype="<i2")
        if len(self._pending):
            x = np.concatenate((self._pending, x))
        n = len(x) // self._frame_len
        self._pending = x[n * self._frame_len :].copy()
        for level in _frame_levels(x[: n * self._frame_len], self._frame_len):
            self._frame(float(level))
            if self.reason is not None:
                return True
        return False

    def _frame(self, level: float) -> None:
        level = max(level, -100.0)
        floor = min(self._recent) if self._recent else level
        threshold = max(floor + self.margin_db, self.min_speech_dbfs)
        speech = level > threshold
        # Minimum statistics: the floor is the quietest frame of the last few seconds.
        # Speech always pauses within that window, so the floor sits on the room's
        # level; a room that gets louder (a fan, traffic) is learned after one window.
        self._recent.append(level)
        self.noise_floor_dbfs = min(self._recent)
        self.samples_seen += self._frame_len
        sr = self.sample_rate
        if speech:
            self._run += self._frame_len
            self.speech_samples += self._frame_len
            self.last_speech_sample = self.samples_seen
            if self._run >= self.min_speech_seconds * sr:
                self.speech_heard = True
        else:
            self._run = 0
        if self.max_seconds is not None and self.samples_seen >= self.max_seconds * sr:
            self._fire("max_length")
        elif self.speech_heard:
            assert self.last_speech_sample is not None
            if self.samples_seen - self.last_speech_sample >= self.silence_seconds * sr:
                self._fire("silence")
        elif self.initial_timeout is not None and self.samples_seen >= self.initial_timeout * sr:
            self._fire("no_speech")

    def _fire(self, reason: StopReason) -> None:
        self.reason = reason
        self.stop_sample = self.samples_seen
        log.debug("silence detector: %s at %.2f s", reason, self.samples_seen / self.sample_rate)


def until_silence(chunks: Iterable[bytes], detector: SilenceDetector) -> Iterator[bytes]:
    """Pass ``chunks`` through until ``detector`` says the account has ended.

    The chunk on which it fires is still yielded. Check ``detector.reason``
    afterwards: ``"no_speech"`` means nobody spoke before the initial timeout.
    The source may also end first, e.g. when the CLI calls
    :meth:`MicrophoneSource.stop` on Enter or Ctrl-C.
    """
    for chunk in chunks:
        done = detector.feed(chunk)
        yield chunk
        if done:
            return


# --------------------------------------------------------------------------- microphone


def _import_sounddevice() -> Any:
    """Import sounddevice, turning a missing PortAudio library into an AudioError."""
    try:
        import sounddevice
    except OSError as e:  # sounddevice raises this when libportaudio is absent
        raise AudioError(
            "The PortAudio library is missing, so no microphone can be opened; "
            "install it with `sudo apt install libportaudio2`."
        ) from e
    except ImportError as e:
        raise AudioError(
            "The sounddevice package is missing, so no microphone can be opened; "
            "reinstall voicelog (`pip install voicelog`)."
        ) from e
    return sounddevice


@dataclass(frozen=True)
class InputDevice:
    """A sound device that can record."""

    index: int
    """PortAudio's device index, usable as ``--device``."""
    name: str
    """The device's name, also usable (or any unique part of it) as ``--device``."""
    channels: int
    """The most input channels it offers."""
    default_samplerate: float
    """The rate it runs at unless asked otherwise."""
    is_default: bool
    """Whether it is the system's default input."""


def _default_input_index(sd: Any) -> int | None:
    try:
        info = sd.query_devices(kind="input")
    except (sd.PortAudioError, ValueError):
        return None
    return int(info["index"])


def list_devices() -> list[InputDevice]:
    """The devices that can record, as PortAudio sees them."""
    sd = _import_sounddevice()
    try:
        devices = sd.query_devices()
    except sd.PortAudioError as e:
        raise AudioError(f"The sound devices could not be listed ({e}).") from e
    default = _default_input_index(sd)
    return [
        InputDevice(
            index=int(d["index"]),
            name=str(d["name"]),
            channels=int(d["max_input_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            is_default=int(d["index"]) == default,
        )
        for d in devices
        if d["max_input_channels"] > 0
    ]


class MicrophoneSource:
    """A live microphone as an iterator of 16 kHz mono int16 chunks (about 0.1 s each).

    Use it as a context manager; iteration ends after :meth:`stop`, which is safe
    to call from another thread or a signal handler. If the device refuses
    16 kHz mono it is opened at its own rate and channel count and converted.
    """

    def __init__(
        self,
        device: int | str | None = None,
        *,
        block_seconds: float = 0.1,
        device_samplerate: int | None = None,
        stall_timeout: float | None = 5.0,
    ) -> None:
        self.device = device
        self.block_seconds = block_seconds
        self._forced_rate = device_samplerate
        self.stall_timeout = stall_timeout
        """Raise AudioError if the device delivers nothing for this long (None waits forever)."""
        self.overflows = 0
        """Blocks PortAudio reported as overflowed (audio was lost before we saw it)."""
        self.device_name = ""
        """The name of the device actually opened."""
        self.device_rate = 0
        """The rate the device was opened at (chunks are always 16 kHz)."""
        self.device_channels = 0
        """The channel count the device was opened with (chunks are always mono)."""
        self._queue: queue.Queue[bytes] = queue.Queue()
        self._stopped = threading.Event()
        self._stream: Any = None

    # -- lifecycle

    def __enter__(self) -> MicrophoneSource:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Open the device and start recording into the queue."""
        if self._stream is not None:
            return
        self._stopped.clear()
        sd = _import_sounddevice()
        index = self._resolve(sd)
        info = sd.query_devices(index)
        self.device_name = str(info["name"])
        rate, channels = self._choose_settings(sd, index, info)
        try:
            stream = sd.RawInputStream(
                device=index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                blocksize=max(1, int(round(rate * self.block_seconds))),
                callback=self._callback,
            )
            stream.start()
        except sd.PortAudioError as e:
            raise AudioError(
                f"The microphone {self.device_name!r} could not be opened ({e}). {_DEVICE_HINT}"
            ) from e
        self._stream = stream
        self.device_rate, self.device_channels = rate, channels
        log.debug("recording from %r at %d Hz, %d channel(s)", self.device_name, rate, channels)

    def stop(self) -> None:
        """Ask iteration to end: queued audio is still yielded, then the iterator stops."""
        self._stopped.set()

    def close(self) -> None:
        """Stop the device and release it."""
        self._stopped.set()
        stream, self._stream = self._stream, None
        if stream is not None:
            # abort() rather than stop(): stop() waits for the device and hangs if
            # it has gone quiet (an unplugged mic); at most one block is lost.
            try:
                stream.abort()
            except Exception:  # noqa: BLE001 - closing must not mask the real error
                log.debug("aborting the input stream failed", exc_info=True)
            try:
                stream.close()
            except Exception:  # noqa: BLE001
                log.debug("closing the input stream failed", exc_info=True)
        if self.overflows:
            log.warning("the microphone overflowed %d time(s); some audio was lost", self.overflows)

    # -- iteration

    def __iter__(self) -> Iterator[bytes]:
        if self._stream is None:
            self.open()
        resampler = Resampler(self.device_rate, SAMPLE_RATE)
        convert = self.device_channels != 1 or not resampler.passthrough
        last_data = time.monotonic()
        while True:
            if self._stopped.is_set():
                self._halt()
                break
            try:
                raw = self._queue.get(timeout=0.05)
            except queue.Empty:
                if self._stream is not None and not self._stream.active:
                    raise AudioError(f"The microphone {self.device_name!r} stopped. {_DEVICE_HINT}") from None
                if self.stall_timeout is not None and time.monotonic() - last_data > self.stall_timeout:
                    raise AudioError(
                        f"The microphone {self.device_name!r} sent no audio for "
                        f"{self.stall_timeout:g} s; check it is plugged in. {_DEVICE_HINT}"
                    ) from None
                continue
            last_data = time.monotonic()
            yield self._convert(raw, resampler) if convert else raw
        # Drain what the callback delivered before the stream was halted.
        while True:
            try:
                raw = self._queue.get_nowait()
            except queue.Empty:
                break
            yield self._convert(raw, resampler) if convert else raw
        if convert:
            tail = resampler.flush()
            if len(tail):
                yield _to_int16(tail).tobytes()

    def _halt(self) -> None:
        stream = self._stream
        if stream is not None:
            try:
                stream.abort()
            except Exception:  # noqa: BLE001
                log.debug("aborting the input stream failed", exc_info=True)

    def _convert(self, raw: bytes, resampler: Resampler) -> bytes:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
        if self.device_channels > 1:
            x = x.reshape(-1, self.device_channels).mean(axis=1)
        return _to_int16(resampler.process(x)).tobytes()

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's thread: copy and hand over, never block or raise.
        if status and status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(bytes(indata))

    # -- device choice

    def _resolve(self, sd: Any) -> int:
        device: int | str | None = self.device
        if isinstance(device, str) and device.strip().isdigit():
            device = int(device)
        try:
            inputs = [d for d in sd.query_devices() if d["max_input_channels"] > 0]
        except sd.PortAudioError as e:
            raise AudioError(f"The sound devices could not be listed ({e}). {_DEVICE_HINT}") from e
        if not inputs:
            raise AudioError(f"No microphone was found; plug one in. {_DEVICE_HINT}")
        if device is None:
            index = _default_input_index(sd)
            if index is None:
                raise AudioError(f"There is no default microphone. {_DEVICE_HINT}")
            return index
        try:
            info = sd.query_devices(device, kind="input")
        except (ValueError, sd.PortAudioError) as e:
            raise AudioError(f"No microphone matches --device {device!r} ({e}). {_DEVICE_HINT}") from e
        if info["max_input_channels"] <= 0:
            raise AudioError(f"The device {info['name']!r} cannot record. {_DEVICE_HINT}")
        return int(info["index"])

    def _choose_settings(self, sd: Any, index: int, info: Any) -> tuple[int, int]:
        default_rate = int(round(float(info["default_samplerate"]) or SAMPLE_RATE))
        rates = [self._forced_rate] if self._forced_rate else [SAMPLE_RATE, default_rate]
        # Mono first; some USB and array mics only open with all their channels.
        max_channels = int(info["max_input_channels"])
        channel_options = [c for c in dict.fromkeys((1, 2, max_channels)) if c <= max_channels]
        last_error: Exception | None = None
        for channels in channel_options:
            for rate in dict.fromkeys(rates):
                try:
                    sd.check_input_settings(device=index, channels=channels, dtype="int16", samplerate=rate)
                except (sd.PortAudioError, ValueError) as e:
                    last_error = e
                    continue
                return rate, channels
        raise AudioError(
            f"The microphone {self.device_name!r} accepts neither 16 kHz nor its own rate "
            f"({last_error}). {_DEVICE_HINT}"
        )


@dataclass(frozen=True)
class MicCheck:
    """What ``voicelog devices --test`` heard from a microphone."""

    device: str
    """The device's name."""
    device_rate: int
    """The rate it was opened at (audio is converted to 16 kHz)."""
    seconds: float
    """Seconds recorded."""
    level_dbfs: float
    """RMS level of the loudest half second, in dBFS."""
    peak_dbfs: float
    """The highest sample, in dBFS."""
    verdict: str
    """``ok``, ``silent``, ``quiet`` or ``clipping``."""
    advice: str
    """One sentence for the person."""


def check_microphone(device: int | str | None = None, *, seconds: float = 3.0) -> MicCheck:
    """Record ``seconds`` from ``device`` and judge its level (speak while it records)."""
    parts: list[bytes] = []
    with MicrophoneSource(device) as mic:
        need = int(seconds * SAMPLE_RATE) * 2
        got = 0
        for chunk in mic:
            parts.append(chunk)
            got += len(chunk)
            if got >= need:
                break
        name, rate = mic.device_name, mic.device_rate
    samples = np.frombuffer(b"".join(parts), dtype="<i2")
    half = SAMPLE_RATE // 2
    windows = [samples[i : i + half] for i in range(0, max(1, len(samples) - half + 1), half // 2)]
    level = max((level_dbfs(w) for w in windows if len(w)), default=-math.inf)
    peak_value = int(np.max(np.abs(samples.astype(np.int32)))) if samples.size else 0
    peak = 20 * math.log10(peak_value / 32768.0) if peak_value else -math.inf
    if peak_value <= 1:
        verdict, advice = "silent", "No sound at all: the microphone may be muted, unplugged or the wrong device."
    elif peak >= -0.3:
        verdict, advice = "clipping", "Too loud (clipping): lower the input level (alsamixer) or move back."
    elif level < -50.0:
        verdict, advice = "quiet", "Very quiet: speak closer, or raise the input level (alsamixer)."
    else:
        verdict, advice = "ok", "The microphone hears you."
    return MicCheck(name, rate, len(samples) / SAMPLE_RATE, level, peak, verdict, advice)


class ResilientMicrophone:
    """A microphone for a service: survives being unplugged and plugged back.

    Iterates 16 kHz mono int16 chunks like :class:`MicrophoneSource`. When the
    device fails or goes quiet for ``stall_timeout`` seconds it yields one empty
    chunk (``b""``, the sign that the device was lost), logs it, and reopens with
    back-off (``first_delay`` doubling up to ``max_delay``) until audio flows
    again, which it logs too. Overflows are logged as they grow, not raised.
    :meth:`stop` ends iteration from any thread or signal handler.
    """

    def __init__(
        self,
        device: int | str | None = None,
        *,
        stall_timeout: float = 3.0,
        first_delay: float = 0.5,
        max_delay: float = 30.0,
        overflow_report_seconds: float = 60.0,
    ) -> None:
        self.device = device
        self.stall_timeout = stall_timeout
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.overflow_report_seconds = overflow_report_seconds
        self.losses = 0
        """Times the device was lost."""
        self.overflows = 0
        """Overflows over every stream opened."""
        self._stopped = threading.Event()
        self._mic: MicrophoneSource | None = None

    def stop(self) -> None:
        """End iteration soon (queued audio is still yielded)."""
        self._stopped.set()
        mic = self._mic
        if mic is not None:
            mic.stop()

    def __iter__(self) -> Iterator[bytes]:
        delay = self.first_delay
        lost = False
        last_report = time.monotonic()
        reported = 0
        while not self._stopped.is_set():
            if lost:
                _reinit_portaudio()  # a replugged USB mic is a new ALSA card; PortAudio lists cards at init
            mic = MicrophoneSource(self.device, stall_timeout=self.stall_timeout)
            try:
                mic.open()
            except AudioError:
                mic = None  # type: ignore[assignment]
            if mic is not None:
                self._mic = mic
                if self._stopped.is_set():
                    mic.stop()
                try:
                    for chunk in mic:
                        if lost:
                            lost = False
                            delay = self.first_delay
                            log.warning("microphone back: %r", mic.device_name)
                        yield chunk
                        if mic.overflows > reported and time.monotonic() - last_report >= self.overflow_report_seconds:
                            log.warning("the microphone overflowed %d time(s) so far; some audio was lost",
                                        self.overflows + mic.overflows)
                            reported, last_report = mic.overflows, time.monotonic()
                except AudioError:
                    pass
                finally:
                    self.overflows += mic.overflows
                    reported = 0
                    mic.close()
                    self._mic = None
                if self._stopped.is_set():
                    return
            if not lost:
                lost = True
                self.losses += 1
                log.warning("microphone lost (unplugged or silent); trying again with back-off")
                yield b""
            if self._stopped.wait(delay):
                return
            delay = min(delay * 2, self.max_delay)


def _reinit_portaudio() -> None:
    """Make PortAudio list the sound devices again (it does so only when initialised)."""
    try:
        sd = _import_sounddevice()
        sd._terminate()
        sd._initialize()
    except Exception:  # noqa: BLE001 - the next open reports any real problem
        log.debug("re-initialising PortAudio failed", exc_info=True)


def encode_flac(samples: np.ndarray, sample_rate: int = 16000) -> bytes:
    """Compress 16-bit mono audio losslessly as FLAC bytes (kept, sealed, as evidence)."""
    import io

    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, np.asarray(samples, dtype=np.int16), sample_rate, format="FLAC", subtype="PCM_16")
    return buf.getvalue()


def decode_flac(data: bytes) -> tuple[np.ndarray, int]:
    """The int16 samples and rate of FLAC bytes made by :func:`encode_flac`."""
    import io

    import soundfile as sf

    samples, rate = sf.read(io.BytesIO(data), dtype="int16")
    return samples, rate
