"""voicelog.audio.endpoint: SilenceDetector and until_silence on synthetic rooms and real speech."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, SR, chunks_of, noise, silence, syllables, tone

from voicelog.audio import SilenceDetector, read_wav, until_silence


@pytest.fixture(scope="module")
def speech_wav() -> Path:
    """Real speech (Piper, 22.05 kHz mono), committed in tests/fixtures."""
    return SPEECH_WAV


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
    # the recording ends in a little quiet, so the stop falls within 1.5-3 s of its end
    assert len(speech) + 1.5 * SR < heard < len(speech) + 3.0 * SR


def test_until_silence_ends_with_its_source() -> None:
    chunks = list(chunks_of(syllables(2.0)))
    det = SilenceDetector()
    assert list(until_silence(chunks, det)) == chunks
    assert det.reason is None and det.speech_heard
