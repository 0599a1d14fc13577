"""Live microphones through PortAudio (sounddevice), as iterators of 16 kHz mono int16 chunks.

:class:`MicrophoneSource` records from one device; :class:`ResilientMicrophone`
keeps a service listening through unplugging and replugging;
:func:`check_microphone` judges whether a device hears a person at all.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import Any, Self

import numpy as np

from voicelog.audio.levels import level_dbfs
from voicelog.audio.resample import Resampler, to_int16
from voicelog.errors import AudioError
from voicelog.pcm import SAMPLE_RATE, SAMPLE_WIDTH

log = logging.getLogger(__name__)

_DEVICE_HINT = "Run `voicelog devices` to see the microphones and pass one with --device."


def _import_sounddevice() -> ModuleType:
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
            "reinstall voicelog (`pip install voicelog-diary`)."
        ) from e
    module: ModuleType = sounddevice
    return module


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


def _default_input_index(sd: ModuleType) -> int | None:
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

    def __enter__(self) -> Self:
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
                blocksize=max(1, round(rate * self.block_seconds)),
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
            except Exception:  # closing must not mask the real error
                log.debug("aborting the input stream failed", exc_info=True)
            try:
                stream.close()
            except Exception:
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
                yield to_int16(tail).tobytes()

    def _halt(self) -> None:
        stream = self._stream
        if stream is not None:
            try:
                stream.abort()
            except Exception:
                log.debug("aborting the input stream failed", exc_info=True)

    def _convert(self, raw: bytes, resampler: Resampler) -> bytes:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
        if self.device_channels > 1:
            x = x.reshape(-1, self.device_channels).mean(axis=1)
        return to_int16(resampler.process(x)).tobytes()

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's thread: copy and hand over, never block or raise.
        if status and status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(bytes(indata))

    # -- device choice

    def _resolve(self, sd: ModuleType) -> int:
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

    def _choose_settings(self, sd: ModuleType, index: int, info: Any) -> tuple[int, int]:
        default_rate = round(float(info["default_samplerate"]) or SAMPLE_RATE)
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
        need = int(seconds * SAMPLE_RATE) * SAMPLE_WIDTH
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
            source = MicrophoneSource(self.device, stall_timeout=self.stall_timeout)
            mic: MicrophoneSource | None = source
            try:
                source.open()
            except AudioError:
                mic = None
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
    except Exception:  # the next open reports any real problem
        log.debug("re-initialising PortAudio failed", exc_info=True)
