"""A virtual microphone for tests: a private PulseAudio daemon with a pipe source.

Not a test module. Use it as a context manager::

    with VirtualMic() as mic:            # daemon up, default source = the pipe
        with MicrophoneSource() as src:  # open the recorder first ...
            done = mic.play("speech.wav")  # ... then speak into it
            ...

``VirtualMic`` sets ``os.environ`` while it runs, so this process and any child
process started meanwhile record from it; ``mic.env`` holds the variables to
pass explicitly to a subprocess (``env={**os.environ, **mic.env}``). Between
files the helper keeps feeding silence, as a real microphone would, so that
silence detection can fire and a recorder never starves.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import numpy as np

log = logging.getLogger(__name__)

RATE = 16000
"""The pipe source's rate; everything written is 16 kHz mono s16le."""
SOURCE_NAME = "virtmic"
"""The PulseAudio name of the virtual microphone."""
_ENV_KEYS = ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_COOKIE", "PULSE_CLIENTCONFIG")


def pulseaudio_missing_reason() -> str | None:
    """Why no virtual microphone can be made here, or None if it can."""
    for tool in ("pulseaudio", "pactl"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install pulseaudio libasound2-plugins)"
    return None


def skip_without_pulseaudio() -> None:
    """Skip the calling test when PulseAudio is not installed at all."""
    reason = pulseaudio_missing_reason()
    if reason is not None:
        import pytest

        pytest.skip(f"no virtual microphone: {reason}")


def _reinit_portaudio() -> None:
    """Make an already-imported sounddevice re-enumerate devices (PortAudio does so at init)."""
    sd = sys.modules.get("sounddevice")
    if sd is None:
        return
    sd._terminate()
    sd._initialize()


class VirtualMic:
    """A PulseAudio daemon in a temp runtime dir whose default source reads a FIFO we write."""

    def __init__(
        self,
        *,
        block_seconds: float = 0.05,
        noise_dbfs: float | None = None,
        startup_timeout: float = 10.0,
    ) -> None:
        self.block_seconds = block_seconds
        self.noise_dbfs = noise_dbfs
        """Level of white noise fed between files instead of digital silence (None: zeros)."""
        self.startup_timeout = startup_timeout
        self.runtime_dir: Path | None = None
        self.fifo: Path | None = None
        self.env: dict[str, str] = {}
        """Variables that point PulseAudio clients (and so PortAudio) at this daemon."""
        self.samples_written = 0
        """Samples written into the FIFO so far, silence included."""
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None
        self._fd: int | None = None
        self._writer: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._pending: collections.deque[tuple[np.ndarray, threading.Event]] = collections.deque()
        self._saved_env: dict[str, str | None] = {}
        self._last_done: threading.Event | None = None
        self._rng = np.random.default_rng(1234)

    @property
    def pid(self) -> int | None:
        """The daemon's process id while it runs."""
        return self._proc.pid if self._proc is not None else None

    # -- lifecycle

    def __enter__(self) -> VirtualMic:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> VirtualMic:
        """Start the daemon, wait until it answers, point this process at it, start feeding silence."""
        reason = pulseaudio_missing_reason()
        if reason is not None:
            raise RuntimeError(f"cannot start a virtual microphone: {reason}")
        runtime = Path(tempfile.mkdtemp(prefix="voicelog-virtmic-"))
        runtime.chmod(0o700)
        self.runtime_dir = runtime
        # The pipe source creates the FIFO itself and refuses one that already exists.
        self.fifo = runtime / "mic.fifo"
        cookie = runtime / "cookie"
        cookie.write_bytes(os.urandom(256))
        cookie.chmod(0o600)
        client_conf = runtime / "client.conf"
        client_conf.write_text("autospawn = no\n")
        socket = runtime / "pulse" / "native"
        self.env = {
            "XDG_RUNTIME_DIR": str(runtime),
            "PULSE_SERVER": f"unix:{socket}",
            "PULSE_COOKIE": str(cookie),
            "PULSE_CLIENTCONFIG": str(client_conf),
        }
        daemon_env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("PULSE_") and k not in ("DBUS_SESSION_BUS_ADDRESS",)
        }
        # HOME too, so the daemon keeps its state files out of the real home folder.
        daemon_env.update(self.env, HOME=str(runtime))
        del daemon_env["PULSE_SERVER"]
        self._log_path = runtime / "pulseaudio.log"
        args = [
            "pulseaudio",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--realtime=no",
            "--high-priority=no",
            "--disable-shm=yes",
            "--log-target=stderr",
            "-n",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
            f"--load=module-pipe-source source_name={SOURCE_NAME} file={self.fifo} "
            f"format=s16le rate={RATE} channels=1",
            "--load=module-null-sink",
        ]
        with open(self._log_path, "wb") as logf:
            self._proc = subprocess.Popen(
                args, env=daemon_env, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf
            )
        try:
            self._wait_ready()
            self._pactl("set-default-source", SOURCE_NAME)
            # The daemon holds the FIFO open for reading, so this does not block.
            self._fd = os.open(self.fifo, os.O_WRONLY)
            self._writer = threading.Thread(target=self._write_loop, name="virtmic-writer", daemon=True)
            self._writer.start()
            for key in _ENV_KEYS:
                self._saved_env[key] = os.environ.get(key)
                os.environ[key] = self.env[key]
            _reinit_portaudio()
        except BaseException:
            self.stop()
            raise
        log.debug("virtual microphone up: pid %s, runtime %s", self.pid, runtime)
        return self

    def stop(self) -> None:
        """Stop feeding, kill the daemon by its pid, restore the environment."""
        self._stopping.set()
        if self._writer is not None:
            self._writer.join(timeout=1.0)
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._writer is not None:
            # With the daemon gone a blocked write fails with EPIPE and the thread ends.
            self._writer.join(timeout=5.0)
            self._writer = None
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        with self._lock:
            for _, done in self._pending:
                done.set()
            self._pending.clear()
        if self._saved_env:
            for key, value in self._saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            self._saved_env = {}
            _reinit_portaudio()
        if self.runtime_dir is not None:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            self.runtime_dir = None

    # -- speaking into it

    def play(
        self,
        wav_path: str | os.PathLike[str],
        *,
        lead_silence: float = 0.0,
        trail_silence: float = 0.0,
    ) -> threading.Event:
        """Queue a WAV file to be spoken into the microphone in real time.

        Returns an event set once its last sample (and ``trail_silence``) has been
        written; silence keeps flowing afterwards until :meth:`stop`.
        """
        from voicelog.audio import read_wav

        return self.play_samples(read_wav(wav_path), lead_silence=lead_silence, trail_silence=trail_silence)

    def play_samples(
        self,
        samples: np.ndarray,
        *,
        lead_silence: float = 0.0,
        trail_silence: float = 0.0,
    ) -> threading.Event:
        """Queue 16 kHz mono int16 samples; see :meth:`play`."""
        if self._writer is None:
            raise RuntimeError("the virtual microphone is not running; call start() first")
        audio = np.concatenate(
            (
                np.zeros(int(round(lead_silence * RATE)), dtype="<i2"),
                np.asarray(samples, dtype="<i2").reshape(-1),
                np.zeros(int(round(trail_silence * RATE)), dtype="<i2"),
            )
        )
        done = threading.Event()
        with self._lock:
            self._pending.append((audio, done))
            self._last_done = done
        return done

    def wait_played(self, timeout: float = 30.0) -> bool:
        """Block until everything queued so far has been written; False on timeout."""
        last = self._last_done
        return True if last is None else last.wait(timeout)

    # -- internals

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **self.env}
        return subprocess.run(
            ["pactl", *args], env=env, capture_output=True, text=True, timeout=10, check=False
        )

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + self.startup_timeout
        last = ""
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"pulseaudio exited with code {self._proc.returncode}: {self._log_tail()}")
            result = self._pactl("list", "short", "sources")
            if result.returncode == 0:
                if SOURCE_NAME not in result.stdout:
                    raise RuntimeError(f"pulseaudio started without its pipe source: {self._log_tail()}")
                assert self.fifo is not None
                if self.fifo.exists():
                    return
            last = (result.stderr or result.stdout).strip()
            time.sleep(0.05)
        raise RuntimeError(
            f"pulseaudio did not answer within {self.startup_timeout:g} s ({last}): {self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            assert self._log_path is not None
            return self._log_path.read_text(errors="replace")[-2000:]
        except (OSError, AssertionError):
            return "(no log)"

    def _next_block(self, n: int) -> tuple[np.ndarray, list[threading.Event]]:
        """The next ``n`` samples (queued audio first, padded with silence) and the plays they finish."""
        parts: list[np.ndarray] = []
        finished: list[threading.Event] = []
        need = n
        with self._lock:
            while need and self._pending:
                audio, done = self._pending[0]
                take = audio[:need]
                parts.append(take)
                need -= len(take)
                if len(take) == len(audio):
                    self._pending.popleft()
                    finished.append(done)
                else:
                    self._pending[0] = (audio[len(take) :], done)
        if need:
            if self.noise_dbfs is None:
                parts.append(np.zeros(need, dtype="<i2"))
            else:
                amp = 32768.0 * 10 ** (self.noise_dbfs / 20.0)
                parts.append(np.clip(self._rng.normal(0.0, amp, need), -32768, 32767).astype("<i2"))
        return (np.concatenate(parts) if len(parts) > 1 else parts[0]), finished

    def _write_loop(self) -> None:
        assert self._fd is not None
        block = max(1, int(round(self.block_seconds * RATE)))
        lead = 2 * block  # keep at most this far ahead of real time
        t0 = time.monotonic()
        written = 0
        try:
            while not self._stopping.is_set():
                ahead = written - (time.monotonic() - t0) * RATE
                if ahead > lead:
                    time.sleep((ahead - lead) / RATE)
                    continue
                samples, finished = self._next_block(block)
                view = memoryview(samples.tobytes())
                while view:
                    n = os.write(self._fd, view)
                    view = view[n:]
                written += block
                self.samples_written = written
                for done in finished:
                    done.set()
        except OSError as e:
            if not self._stopping.is_set():
                log.warning("virtual microphone writer stopped: %s", e)
