"""Shared fixtures: every test gets its own voicelog home, so no test touches a real diary."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_WAV = ROOT / "examples" / "incident.wav"


@pytest.fixture(autouse=True)
def voicelog_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point VOICELOG_HOME at a fresh folder and clear the other overrides."""
    home = tmp_path / "voicelog-home"
    monkeypatch.setenv("VOICELOG_HOME", str(home))
    for var in ("VOICELOG_DIARY", "VOICELOG_MODEL", "VOICELOG_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    return home
