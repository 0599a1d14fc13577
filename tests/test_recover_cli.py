"""`voicelog recover` on journals left by a crash: damaged ones are set aside, wordless audio is kept, silence is dropped."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_WAV

from voicelog.audio import read_wav
from voicelog.cli import cli
from voicelog.store.journal import JournalWriter, journal_path
from voicelog.store.opening import journal_dir, open_for_recording

pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")

pytestmark = pytest.mark.slow  # the Whisper recogniser hears every journal


@pytest.fixture
def diary(voicelog_home: Path) -> Path:
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    return voicelog_home / "diary.db"


def _journal(diary: Path, samples: np.ndarray, when: datetime) -> Path:
    folder = journal_dir(diary)
    folder.mkdir(mode=0o700, exist_ok=True)
    with open_for_recording(diary) as book:
        writer = JournalWriter(journal_path(folder, when), book.sealer, recorded_at=when)
        for i in range(0, len(samples), 8000):
            writer.append(samples[i : i + 8000].tobytes())
        writer.abandon()  # as a crash leaves it: no final record
        return writer.path


def test_damaged_journal_is_set_aside_and_the_rest_recovered(diary: Path) -> None:
    good = _journal(diary, read_wav(EXAMPLE_WAV), datetime(2026, 3, 26, 22, 5))
    broken = good.with_name("20260101T000000-1-dead.vlj")
    broken.write_bytes(b"")  # a crash between creating the file and writing its header
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["recovered"] and "john smith" in entry["transcript"]["text"].lower()
    assert "set aside" in r.stderr
    assert not good.exists() and not broken.exists()
    assert broken.with_name(broken.name + ".damaged").exists()


def test_audio_without_recognised_words_is_kept_not_deleted(diary: Path) -> None:
    rng = np.random.default_rng(7)
    t = np.arange(16000 * 3) / 16000
    hum = (3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 200, t.size))
    path = _journal(diary, hum.astype(np.int16), datetime(2026, 3, 26, 23, 0))
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["transcript"]["text"] == "" and entry["has_audio"] is True
    assert "recording is kept" in r.stderr
    assert not path.exists()


def test_silent_journal_is_removed_with_nothing_stored(diary: Path) -> None:
    path = _journal(diary, np.zeros(16000 * 2, dtype=np.int16), datetime(2026, 3, 26, 23, 0))
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    assert not path.exists()
    with open_for_recording(diary) as book:
        assert book.count() == 0
