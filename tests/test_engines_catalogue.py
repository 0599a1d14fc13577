"""voicelog.engines.catalogue: every engine's downloadable models in one list, and installing one by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicelog.engines.catalogue import downloads, install
from voicelog.errors import ModelError


def test_every_engines_downloads_are_listed_with_size_and_source() -> None:
    rows = downloads()
    assert [(d.engine, d.name) for d in rows] == [
        ("vosk", "vosk-model-small-en-us-0.15"), ("whisper", "base.en"), ("whisper", "small.en")]
    assert all(d.size_bytes > 1_000_000 and d.source and d.note for d in rows)
    assert rows[2].source.startswith("Systran/faster-whisper-small.en@d1d751a (Hugging Face)")


def test_an_unknown_name_lists_every_known_one() -> None:
    with pytest.raises(ModelError, match="Unknown model 'medium.en'; known models: vosk-model-small-en-us-0.15, "
                                         "base.en, small.en"):
        install("medium.en")


@pytest.mark.parametrize("name", ["vosk-model-small-en-us-0.15", "small.en"])
def test_each_name_goes_to_its_engines_installer(name: str, tmp_path: Path) -> None:
    # Both installers say which address they could not reach; nothing is left in the models folder.
    with pytest.raises(ModelError, match=r"Could not reach http://127\.0\.0\.1:9/"):
        install(name, url="http://127.0.0.1:9/x")
