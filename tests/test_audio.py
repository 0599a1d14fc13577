"""voicelog.audio: WAV reading on real files, levels, endpointing, and the live microphone."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile
from virtmic import VirtualMic, pulseaudio_missing_reason, skip_without_pulseaudio

from voicelog.audio import (
    InputDevice,
    MicrophoneSource,
    Resampler,
    SilenceDetector,
    is_silent,
    level_dbfs,
    list_devices,
    read_wav,
    until_silence,
    wav_chunks,
)
from voicelog.errors import AudioError

SR = 16000
TONE_HZ = 440.0
TONE_AMP = 0.5
TONE_DBFS = 20 * np.log10(TONE_AMP / np.sqrt(2))  # RMS of a sine at half scale, about -9 dBFS

needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


# --------------------------------------------------------------------------- helpers


def dominant_hz(samples: np.ndarray, rate: int = SR) -> float:
    """The strongest frequency in ``samples``."""
    x = samples.astype(np.float64) * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(x))
    return float(np.fft.rfftfreq(len(x), 1.0 / rate)[np.argmax(spectrum)])


def tone(seconds: float, *, hz: float = TONE_HZ, dbfs: float = -20.0, rate: int = SR) -> np.ndarray:
    """An int16 sine whose RMS level is ``dbfs``."""
    amp = 32768 * np.sqrt(2) * 10 ** (dbfs / 20)
    t = np.arange(int(round(seconds * rate))) / rate
    return np.round(amp * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def syllables(seconds: float, *, dbfs: float = -20.0) -> np.ndarray:
    """Speech-like sound: 200 ms voiced bursts with 100 ms gaps."""
    out = tone(seconds, hz=180.0, dbfs=dbfs) + tone(seconds, hz=720.0, dbfs=dbfs - 6)
    period, gap = int(0.3 * SR), int(0.1 * SR)
    for start in range(int(0.2 * SR), len(out), period):
        out[start : start + gap] = 0
    return out


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * SR)), dtype=np.int16)


def noise(seconds: float, dbfs: float, seed: int = 0) -> np.ndarray:
    amp = 32768 * 10 ** (dbfs / 20)
    return np.round(np.random.default_rng(seed).normal(0, amp, int(seconds * SR))).astype(np.int16)


def chunks_of(samples: np.ndarray, seconds: float = 0.5) -> Iterator[bytes]:
    n = int(seconds * SR)
    for i in range(0, len(samples), n):
        yield samples[i : i + n].tobytes()


def format_tag(path: Path) -> int:
    """The WAVE fmt chunk's format tag (1 PCM, 3 float, 0xFFFE extensible)."""
    data = path.read_bytes()
    i = data.index(b"fmt ")
    return int(struct.unpack("<H", data[i + 8 : i + 10])[0])


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real synthetic speech from espeak-ng (22.05 kHz mono)."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-w", str(path), "John followed me to my front door."],
        check=True,
        capture_output=True,
    )
    return path


# --------------------------------------------------------------------------- read_wav formats


def sox_tone(*args: str) -> Callable[[Path, int, int], None]:
    """A writer that makes a 1 s, half-scale 440 Hz tone with sox and the given encoding options."""

    def write(path: Path, rate: int, channels: int) -> None:
        subprocess.run(
            [
                "sox",
                "-n",
                "-r",
                str(rate),
                "-c",
                str(channels),
                *args,
                str(path),
                "synth",
                "1.0",
                "sine",
                str(TONE_HZ),
                "vol",
                str(TONE_AMP),
            ],
            check=True,
            capture_output=True,
        )

    return write


def sf_tone(subtype: str) -> Callable[[Path, int, int], None]:
    """A writer that makes the same tone with soundfile in ``subtype``."""

    def write(path: Path, rate: int, channels: int) -> None:
        t = np.arange(rate) / rate
        x = TONE_AMP * np.sin(2 * np.pi * TONE_HZ * t)
        soundfile.write(str(path), np.repeat(x[:, None], channels, axis=1), rate, subtype=subtype)

    return write


FORMATS = [
    # id, writer, rate, channels, expected fmt tag (None: don't care)
    ("sox-u8", sox_tone("-b", "8", "-e", "unsigned-integer"), 16000, 1, 1),
    ("sox-s16", sox_tone("-b", "16"), 16000, 1, 1),
    ("sox-s24-extensible", sox_tone("-b", "24"), 16000, 1, 0xFFFE),
    ("sox-s32-extensible", sox_tone("-b", "32", "-e", "signed-integer"), 16000, 1, 0xFFFE),
    ("sox-f32", sox_tone("-b", "32", "-e", "floating-point"), 16000, 1, 3),
    ("sox-stereo", sox_tone("-b", "16"), 16000, 2, 1),
    ("sox-6ch-extensible", sox_tone("-b", "16"), 16000, 6, 0xFFFE),
    ("sox-44k1", sox_tone("-b", "16"), 44100, 1, 1),
    ("sox-48k-stereo-24", sox_tone("-b", "24"), 48000, 2, 0xFFFE),
    ("sox-8k", sox_tone("-b", "16"), 8000, 1, 1),
    ("sox-22k05", sox_tone("-b", "16"), 22050, 1, 1),
    ("sf-u8", sf_tone("PCM_U8"), 16000, 1, None),
    ("sf-s24-44k1", sf_tone("PCM_24"), 44100, 1, None),
    ("sf-s32-48k", sf_tone("PCM_32"), 48000, 1, None),
    ("sf-float-22k05-stereo", sf_tone("FLOAT"), 22050, 2, None),
    ("sf-double-11k025", sf_tone("DOUBLE"), 11025, 1, None),
]


@needs_sox
@pytest.mark.parametrize(
    ("writer", "rate", "channels", "tag"),
    [pytest.param(*case[1:], id=case[0]) for case in FORMATS],
)
def test_read_wav_returns_16k_mono_int16_with_content_kept(
    tmp_path: Path, writer: Callable[[Path, int, int], None], rate: int, channels: int, tag: int | None
) -> None:
    path = tmp_path / "tone.wav"
    writer(path, rate, channels)
    if tag is not None:
        assert format_tag(path) == tag  # the file really is in the format under test
    samples = read_wav(path)
    assert samples.dtype == np.int16
    assert samples.ndim == 1
    assert len(samples) == pytest.approx(SR * 1.0, rel=0.01)
    assert dominant_hz(samples) == pytest.approx(TONE_HZ, abs=3)
    # Same level as written: averaging identical channels and resampling keep it.
    assert level_dbfs(samples[800:-800]) == pytest.approx(TONE_DBFS, abs=0.5)


def test_read_wav_16k_mono_16bit_is_bit_exact(tmp_path: Path) -> None:
    x = noise(0.7, -12, seed=3)
    path = tmp_path / "exact.wav"
    soundfile.write(str(path), x, SR, subtype="PCM_16")
    np.testing.assert_array_equal(read_wav(path), x)


def test_read_wav_downmix_averages_channels(tmp_path: Path) -> None:
    left = tone(1.0, dbfs=-10).astype(np.float64) / 32768
    path = tmp_path / "left-only.wav"
    soundfile.write(str(path), np.stack([left, np.zeros_like(left)], axis=1), 48000, subtype="PCM_16")
    # 1 s at 48 kHz is read as 1/3 s at 16 kHz; averaging with a silent channel halves it (-6 dB).
    samples = read_wav(path)
    assert len(samples) == 16000 // 3 + 1
    assert level_dbfs(samples[200:-200]) == pytest.approx(-16.0, abs=0.3)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_resampling_removes_what_16k_cannot_hold(tmp_path: Path, rate: int) -> None:
    # A 10 kHz tone cannot exist at 16 kHz: it must be filtered out, not folded down to 6 kHz.
    path = tmp_path / "high.wav"
    soundfile.write(str(path), tone(1.0, hz=10000, dbfs=-6, rate=rate), rate, subtype="PCM_16")
    assert level_dbfs(read_wav(path)[800:-800]) < -70  # ends trimmed: the abrupt start is a click


def test_read_wav_keeps_speech(speech_wav: Path) -> None:
    info = soundfile.info(str(speech_wav))
    samples = read_wav(speech_wav)
    assert len(samples) == pytest.approx(info.duration * SR, rel=0.01)
    assert not is_silent(samples)


def test_read_wav_of_a_wav_cut_short_returns_what_is_there(tmp_path: Path) -> None:
    # A recording interrupted by a power cut: the header promises more than the file holds.
    full = tmp_path / "full.wav"
    soundfile.write(str(full), tone(2.0), SR, subtype="PCM_16")
    cut = tmp_path / "cut.wav"
    cut.write_bytes(full.read_bytes()[: 44 + SR * 2])  # header + 1 s
    assert len(read_wav(cut)) == pytest.approx(SR, rel=0.01)


# --------------------------------------------------------------------------- read_wav errors


def _riff(form: bytes, body: bytes = b"") -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + form + body


def _valid_wav_bytes(tmp_path: Path) -> bytes:
    p = tmp_path / "valid.wav"
    soundfile.write(str(p), tone(0.5), SR, subtype="PCM_16")
    return p.read_bytes()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        (d / name).write_bytes(data)
        return d / name

    return make


def _directory(d: Path) -> Path:
    (d / "folder.wav").mkdir()
    return d / "folder.wav"


def _header_cut_short(d: Path) -> Path:
    path = d / "h.wav"
    path.write_bytes(_valid_wav_bytes(d)[:30])
    return path


def _zero_frames(d: Path) -> Path:
    path = d / "z.wav"
    soundfile.write(str(path), np.zeros(0, dtype=np.int16), SR, subtype="PCM_16")
    return path


MP3_FRAMES = b"\xff\xfb\x90\x64" + bytes(413)
BAD_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", lambda d: d / "nope.wav", "does not exist"),
    ("directory", _directory, "is a directory"),
    ("zero-bytes", _write("e.wav", b""), "is empty (0 bytes)"),
    ("text", _write("t.wav", b"I was followed home on Tuesday.\n"), "is not a WAV file (it looks like text)"),
    ("mp3", _write("m.wav", b"ID3\x04" + bytes(6) + MP3_FRAMES * 5), "is not a WAV file (it looks like MP3)"),
    ("mp3-no-id3", _write("m2.wav", MP3_FRAMES * 5), "is not a WAV file (it looks like MP3)"),
    (
        "riff-avi",
        _write("a.wav", _riff(b"AVI ", b"LIST" + bytes(200))),
        "is not a WAV file (it is a RIFF 'AVI ' file)",
    ),
    ("riff-cut-before-form", _write("r.wav", b"RIFF\x24\x00\x00"), "is truncated"),
    ("header-cut-short", _header_cut_short, "is damaged or truncated"),
    (
        "no-data-chunk",
        _write("n.wav", _riff(b"WAVE", b"junk" + struct.pack("<I", 4) + b"abcd")),
        "is damaged or truncated",
    ),
    ("zero-frames", _zero_frames, "holds no audio"),
]


@pytest.mark.parametrize(
    ("make", "message"), [pytest.param(make, msg, id=name) for name, make, msg in BAD_FILES]
)
def test_read_wav_errors_name_the_path_and_the_problem(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(AudioError) as raised:
        read_wav(path)
    text = str(raised.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text
    # wav_chunks checks the file when called, not at the first chunk.
    with pytest.raises(AudioError):
        wav_chunks(path)


def test_wav_chunks_are_half_second_pcm_that_add_up_to_read_wav(speech_wav: Path) -> None:
    chunks = list(wav_chunks(speech_wav))
    assert all(isinstance(c, bytes) for c in chunks)
    assert {len(c) for c in chunks[:-1]} == {SR // 2 * 2}
    assert 0 < len(chunks[-1]) <= SR
    np.testing.assert_array_equal(np.frombuffer(b"".join(chunks), "<i2"), read_wav(speech_wav))
    assert {len(c) for c in list(wav_chunks(speech_wav, chunk_seconds=0.1))[:-1]} == {3200}


def test_resampler_streaming_matches_one_shot() -> None:
    x = np.random.default_rng(7).standard_normal(30000).astype(np.float32) * 0.1
    whole = Resampler(44100)
    expected = np.concatenate([whole.process(x), whole.flush()])
    streamed = Resampler(44100)
    parts, i = [], 0
    for n in [1, 13, 441, 4000, 10000] * 10:
        parts.append(streamed.process(x[i : i + n]))
        i += n
    parts.append(streamed.flush())
    np.testing.assert_allclose(np.concatenate(parts), expected, atol=1e-6)
    assert len(expected) == int(np.ceil(30000 * 16000 / 44100))


# --------------------------------------------------------------------------- levels


def test_level_dbfs() -> None:
    assert level_dbfs(np.full(100, 32767, dtype=np.int16)) == pytest.approx(0.0, abs=0.01)
    assert level_dbfs(tone(1.0, dbfs=-20)) == pytest.approx(-20.0, abs=0.05)
    assert level_dbfs(np.full(10, 0.5, dtype=np.float32)) == pytest.approx(-6.02, abs=0.01)
    assert level_dbfs(silence(1.0)) == -np.inf
    assert level_dbfs(np.zeros(0, dtype=np.int16)) == -np.inf


@pytest.mark.parametrize(
    ("samples", "silent"),
    [
        pytest.param(silence(3.0), True, id="zeros"),
        pytest.param(noise(3.0, -65), True, id="low-hiss"),
        pytest.param(np.concatenate([silence(2.0), tone(0.05, dbfs=-6), silence(2.0)]), True, id="one-click"),
        pytest.param(tone(1.0, dbfs=-30), False, id="tone"),
        pytest.param(
            np.concatenate([silence(20.0), syllables(1.0, dbfs=-35)]), False, id="speech-in-long-quiet"
        ),
    ],
)
def test_is_silent(samples: np.ndarray, silent: bool) -> None:
    assert is_silent(samples) is silent


def test_is_silent_on_real_speech(speech_wav: Path) -> None:
    assert not is_silent(read_wav(speech_wav))


# --------------------------------------------------------------------------- SilenceDetector


def feed_all(detector: SilenceDetector, samples: np.ndarray, seconds: float = 0.5) -> int:
    """Feed ``samples`` in chunks; return how many samples were fed before it fired."""
    fed = 0
    for chunk in chunks_of(samples, seconds):
        fed += len(chunk) // 2
        if detector.feed(chunk):
            break
    return fed


@pytest.mark.parametrize("background", ["zeros", "hiss-60", "room-40"])
@pytest.mark.parametrize("chunk_seconds", [0.1, 0.5, 0.37])
def test_detector_stops_silence_seconds_after_speech(background: str, chunk_seconds: float) -> None:
    bg: Callable[[float], np.ndarray] = {
        "zeros": silence,
        "hiss-60": lambda s: noise(s, -60),
        "room-40": lambda s: noise(s, -40, seed=1),
    }[background]
    lead, speech = bg(1.0), syllables(3.0, dbfs=-18)
    speech_end = len(lead) + len(speech) - int(0.1 * SR)  # the last burst ends 0.1 s early
    signal = np.concatenate([lead, speech + bg(3.0), bg(6.0)])
    det = SilenceDetector(silence_seconds=2.5)
    feed_all(det, signal, chunk_seconds)
    assert det.reason == "silence"
    assert det.speech_heard
    assert det.stop_sample is not None
    assert (det.stop_sample - speech_end) / SR == pytest.approx(2.5, abs=0.1)


def test_detector_learns_a_room_that_gets_louder() -> None:
    # A fan comes on at -35 dBFS as the person stops talking: the floor climbs to it
    # within a few seconds instead of mistaking the fan for more speech.
    signal = np.concatenate([silence(1.0), syllables(2.0, dbfs=-15), noise(30.0, -35)])
    det = SilenceDetector(silence_seconds=2.5)
    feed_all(det, signal)
    assert det.reason == "silence"
    assert det.stop_sample is not None
    assert 3.0 * SR + 2.5 * SR <= det.stop_sample <= 3.0 * SR + 8.0 * SR


def test_detector_keeps_going_through_pauses_shorter_than_silence_seconds() -> None:
    signal = np.concatenate(
        [syllables(1.0), silence(2.0), syllables(1.0), silence(2.0), syllables(1.0), silence(4.0)]
    )
    det = SilenceDetector(silence_seconds=2.5)
    feed_all(det, signal)
    assert det.reason == "silence"
    assert det.stop_sample is not None and det.stop_sample > 7 * SR


def test_detector_ignores_a_knock_and_gives_up_after_initial_timeout() -> None:
    signal = np.concatenate([silence(1.0), tone(0.06, dbfs=-6), silence(40.0)])
    det = SilenceDetector(silence_seconds=2.5, initial_timeout=30.0)
    feed_all(det, signal)
    assert not det.speech_heard
    assert det.reason == "no_speech"
    assert det.stop_sample == pytest.approx(30 * SR, abs=0.03 * SR)


def test_detector_without_initial_timeout_waits_for_speech() -> None:
    det = SilenceDetector(silence_seconds=1.0, initial_timeout=None)
    assert not det.feed(silence(60.0).tobytes())
    assert det.feed(np.concatenate([syllables(1.0), silence(2.0)]))
    assert det.reason == "silence"


def test_detector_caps_the_length() -> None:
    det = SilenceDetector(max_seconds=10.0)
    feed_all(det, syllables(20.0))
    assert det.reason == "max_length"
    assert det.stop_sample == pytest.approx(10 * SR, abs=0.03 * SR)
    assert det.feed(b"\x00\x00" * 100)  # stays fired
    det.reset()
    assert not det.done and det.samples_seen == 0


def test_until_silence_passes_chunks_through_and_stops(speech_wav: Path) -> None:
    speech = read_wav(speech_wav)
    chunks = list(chunks_of(np.concatenate([speech, silence(10.0)])))
    det = SilenceDetector(silence_seconds=2.0)
    out = list(until_silence(iter(chunks), det))
    assert out == chunks[: len(out)]
    assert det.reason == "silence"
    heard = len(b"".join(out)) // 2
    # espeak leaves a little quiet at the end of its file, so the stop falls within 2-3 s of it
    assert len(speech) + 1.5 * SR < heard < len(speech) + 3.0 * SR


def test_until_silence_ends_with_its_source() -> None:
    chunks = list(chunks_of(syllables(2.0)))
    det = SilenceDetector()
    assert list(until_silence(chunks, det)) == chunks
    assert det.reason is None and det.speech_heard


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
