"""voicelog.audio.microphone: missing PortAudio, and the live microphone through the virtual mic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SR, TONE_HZ, dominant_hz, espeak_wav, tone
from virtmic import VirtualMic, pulseaudio_missing_reason, skip_without_pulseaudio

from voicelog.audio import (
    InputDevice,
    MicrophoneSource,
    SilenceDetector,
    is_silent,
    level_dbfs,
    list_devices,
    read_wav,
    until_silence,
)
from voicelog.errors import AudioError


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real synthetic speech from espeak-ng (22.05 kHz mono)."""
    return espeak_wav(tmp_path_factory.mktemp("speech"))


# --------------------------------------------------------------------------- microphone without hardware


def test_missing_libportaudio_is_an_audio_error_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes.util

    # sounddevice looks PortAudio up with find_library at import; make that fail as on a bare system.
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.raises(AudioError, match="libportaudio2"):
        list_devices()
    with pytest.raises(AudioError, match="libportaudio2"):
        MicrophoneSource().open()


def test_missing_sounddevice_package_is_an_audio_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # import fails as if not installed
    with pytest.raises(AudioError, match="sounddevice"):
        list_devices()


# ----------------------------------------------------------------- live, through the virtual microphone


@pytest.fixture(scope="module")
def mic() -> Iterator[VirtualMic]:
    skip_without_pulseaudio()
    with VirtualMic() as vm:
        yield vm


def _record_while(source: MicrophoneSource, until: threading.Event, extra: float = 0.4) -> np.ndarray:
    """Collect chunks until ``until`` is set plus ``extra`` seconds (with a hard cap)."""
    got: list[bytes] = []
    deadline: float | None = None
    hard_stop = time.monotonic() + 20
    for chunk in source:
        got.append(chunk)
        now = time.monotonic()
        if deadline is None and until.is_set():
            deadline = now + extra
        if (deadline is not None and now >= deadline) or now > hard_stop:
            source.stop()
    return np.frombuffer(b"".join(got), "<i2")


@pytest.mark.slow
def test_list_devices_shows_the_virtual_mic_as_default(mic: VirtualMic) -> None:
    devices = list_devices()
    assert devices and all(isinstance(d, InputDevice) for d in devices)
    defaults = [d for d in devices if d.is_default]
    assert len(defaults) == 1
    assert defaults[0].channels >= 1
    assert defaults[0].default_samplerate > 0
    # ALSA's pulse plugin is how PortAudio reaches the daemon's default source (the pipe).
    assert any(d.name in ("pulse", "default") for d in devices)


@pytest.mark.slow
def test_microphone_hears_played_speech_and_until_silence_ends_on_its_own(
    mic: VirtualMic, speech_wav: Path
) -> None:
    original = read_wav(speech_wav)
    detector = SilenceDetector(silence_seconds=1.0, initial_timeout=10.0)
    with MicrophoneSource() as source:
        watchdog = threading.Timer(20.0, source.stop)  # the test must not hang if detection fails
        watchdog.start()
        try:
            mic.play(speech_wav, lead_silence=0.3)
            recorded = np.frombuffer(b"".join(until_silence(source, detector)), "<i2")
        finally:
            watchdog.cancel()
        assert source.overflows == 0
        assert source.device_rate == SR and source.device_channels == 1
    # It ended because the speaker stopped, not because the source ran dry or the watchdog fired.
    assert detector.reason == "silence"
    seconds = len(recorded) / SR
    speech_seconds = len(original) / SR
    assert speech_seconds + 0.5 < seconds < speech_seconds + 3.0
    assert not is_silent(recorded)
    assert level_dbfs(recorded) > -40
    # The pipe carries 16 kHz s16le untouched: the speech is in there, sample for sample.
    n = len(recorded) + len(original)
    corr = np.fft.irfft(np.fft.rfft(recorded, n) * np.conj(np.fft.rfft(original, n)), n)
    best = int(np.argmax(corr[: len(recorded) - len(original) + 1]))
    segment = recorded[best : best + len(original)].astype(np.float64)
    similarity = corr[best] / (np.linalg.norm(segment) * np.linalg.norm(original))
    assert similarity > 0.99


@pytest.mark.slow
def test_microphone_resamples_when_opened_at_another_rate(mic: VirtualMic) -> None:
    with MicrophoneSource(device_samplerate=44100) as source:
        done = mic.play_samples(tone(0.6, dbfs=-12), lead_silence=0.1)
        recorded = _record_while(source, done, extra=0.2)
        assert source.device_rate == 44100
    loud = recorded[np.abs(recorded) > 0]
    assert dominant_hz(loud) == pytest.approx(TONE_HZ, abs=3)
    assert level_dbfs(loud[1600:-1600]) == pytest.approx(-12, abs=1.0)


@pytest.mark.slow
def test_stop_from_another_thread_ends_iteration(mic: VirtualMic) -> None:
    got: list[bytes] = []
    with MicrophoneSource() as source:
        stopper = threading.Timer(0.5, source.stop)
        stopper.start()
        # Consumed on a thread only so that a stop() that never ends iteration fails instead of hanging.
        consumer = threading.Thread(target=lambda: got.append(b"".join(source)), daemon=True)
        consumer.start()
        consumer.join(timeout=60)
        assert not consumer.is_alive(), "stop() from another thread did not end iteration"
        assert stopper.finished.is_set()  # it ended because of stop(), not on its own
        assert b"".join(source) == b""  # and it stays stopped
    # Audio up to the stop and no more (audio time, not wall-clock time: timings live in scripts/bench.py).
    assert 0.3 * SR <= len(got[0]) / 2 <= 1.5 * SR


@pytest.mark.slow
def test_unknown_device_is_an_audio_error_that_points_to_voicelog_devices(mic: VirtualMic) -> None:
    with pytest.raises(AudioError, match="voicelog devices"):
        MicrophoneSource(device="no such microphone anywhere").open()
    with pytest.raises(AudioError, match="voicelog devices"):
        MicrophoneSource(device=999).open()


@pytest.mark.slow
def test_a_child_process_records_from_the_virtual_mic_with_its_env(mic: VirtualMic) -> None:
    script = (
        "import numpy as np\n"
        "from voicelog.audio import MicrophoneSource, level_dbfs\n"
        "import sys, threading\n"
        "with MicrophoneSource() as s:\n"
        "    sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
        "    threading.Timer(1.0, s.stop).start()\n"
        "    a = np.frombuffer(b''.join(s), '<i2')\n"
        "print(round(level_dbfs(a), 1))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_") and k != "XDG_RUNTIME_DIR"}
    env.update(mic.env)
    child = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    mic.play_samples(tone(0.5, dbfs=-15))
    out, err = child.communicate(timeout=20)
    assert child.returncode == 0, err
    assert float(out.strip()) > -30


def test_virtual_mic_reason_is_none_exactly_when_pulseaudio_is_here_else_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = all(shutil.which(tool) for tool in ("pulseaudio", "pactl"))
    assert (pulseaudio_missing_reason() is None) == installed
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with neither tool on it
    reason = pulseaudio_missing_reason()
    assert reason is not None and "pulseaudio is not installed" in reason and "apt-get install" in reason
