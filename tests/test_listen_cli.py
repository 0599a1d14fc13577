"""`voicelog listen`, the command: settings from flags and the config file, a long recording end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf
from conftest import TEST_PASSPHRASE, files_containing
from listen_fixtures import (
    ACCOUNT_1,
    ACCOUNT_2,
    CHATTER,
    CHATTER_WORDS,
    STOP,
    WAKE,
    scene,
)

from voicelog.errors import UsageError
from voicelog.settings import ListenSettings, service_settings

RECORDED = "2026-03-26T22:05"


def _voicelog(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voicelog", *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=300, **kw)


@pytest.mark.slow
def test_no_wake_phrase_refuses_to_start_and_says_how_to_set_one() -> None:
    with pytest.raises(UsageError, match="--wake"):
        ListenSettings(wake="  ")
    with pytest.raises(UsageError, match="differ"):
        ListenSettings(wake="blue pelican", stop="Blue pelican!")
    r = _voicelog("listen", "--file", "nowhere.wav")
    assert r.returncode == 2
    assert "No wake phrase is set" in r.stderr and "--wake" in r.stderr and "config" in r.stderr


def test_settings_come_from_the_config_file_and_flags_win(voicelog_home: Path) -> None:
    from voicelog.config import load_config

    voicelog_home.mkdir(parents=True, exist_ok=True)
    from voicelog.paths import get_paths

    get_paths().config_file.parent.mkdir(parents=True, exist_ok=True)
    get_paths().config_file.write_text('wake = "silver kettle"\nstop = "over and out"\nlisten_silence = 6\n'
                                       'max_seconds = 120\nfeedback = "tone"\n')
    config = load_config()
    s = service_settings(config, env={}).listen
    assert (s.wake, s.stop, s.cancel, s.silence, s.max_seconds) == ("silver kettle", "over and out", None, 6.0, 120.0)
    assert config.feedback == "tone"
    assert service_settings(config, env={}, wake="green door", silence=3.0).listen.wake == "green door"
    assert ListenSettings(wake="x").silence == 4.0 and ListenSettings(wake="x").max_seconds == 600.0


@pytest.fixture(scope="module")
def two_accounts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two minutes: chatter, wake, account, stop phrase, chatter, wake, account ended by silence, chatter."""
    out = tmp_path_factory.mktemp("listen") / "two_accounts.wav"
    return scene([6.0, CHATTER[0], 8.0, CHATTER[3], 6.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.5, CHATTER[1],
                  10.0, CHATTER[4], 8.0, CHATTER[5], 6.0, WAKE, 1.2, ACCOUNT_2, 5.0, CHATTER[2], 10.0,
                  CHATTER[6], 12.0, CHATTER[7], 8.0], out)


@pytest.mark.slow
def test_whisper_two_accounts_among_chatter_become_exactly_two_entries(two_accounts: Path, voicelog_home: Path) -> None:
    pytest.importorskip("faster_whisper")
    r = _voicelog("listen", "--file", str(two_accounts), "--wake", "blue pelican notebook", "--stop", "end of entry",
                  "--engine", "whisper", "--recorded-at", RECORDED, "--json")
    assert r.returncode == 0, r.stderr
    entries = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(entries) == 2
    first, second = (e["incident"] for e in entries)
    assert (first["date"], first["time"]) == ("2026-03-24", "21:30")
    assert "main street" in first["location"].lower()
    assert {p["name"] for p in first["people"]} >= {"John Smith", "Sarah"}
    assert (second["date"], second["time"]) == ("2026-03-25", "08:00")
    assert "station road" in second["location"].lower()
    assert {p["name"] for p in second["people"]} >= {"Mark Jones", "Helen"}
    assert sf.info(str(two_accounts)).duration >= 120
    texts = [e["transcript"]["text"].lower() for e in entries]
    assert texts[0].startswith("on tuesday") and texts[1].startswith("yesterday")  # no first words lost
    assert not any("pelican" in t or "end of entry" in t for t in texts)  # wake and stop phrases are not stored
    assert texts[0].rstrip(".").endswith("saw it")
    # The log says what happened, never what was said.
    assert "saved entry 1" in r.stderr and "ended by stop phrase" in r.stderr and "ended by silence" in r.stderr
    for word in (*CHATTER_WORDS, "tuesday", "smith", "pelican"):
        assert word not in r.stderr.lower()

    # Unlocked, the diary holds no chatter; on disk nothing readable is left, no journal either.
    from voicelog.paths import diary_path
    from voicelog.store import opening

    with opening.open_for_reading(diary_path(), passphrase=TEST_PASSPHRASE) as book:
        stored = book.entries()
        assert len(stored) == 2
        for e in stored:
            text = e.transcript.text.lower()
            assert not [w for w in CHATTER_WORDS if w in text], text
            assert e.source == f"file:{two_accounts.name}"
            assert e.has_audio
    assert files_containing([voicelog_home], (*CHATTER_WORDS, "tuesday", "smith")) == []
    assert not list(opening.journal_dir(diary_path()).glob("*.vlj"))
