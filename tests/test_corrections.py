"""voicelog.corrections: where `amend --edit` may put the file it hands to an editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicelog import corrections


def test_ram_folder_is_only_ever_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # a folder on disk is passed over
    found = corrections.ram_folder()
    assert found is None or found != tmp_path
