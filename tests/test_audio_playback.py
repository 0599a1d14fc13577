"""voicelog.audio.playback: a kept recording opened in memory only; no sound output said, never a crash."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import TEST_PASSPHRASE, files_holding

from voicelog.audio.codec import encode_flac
from voicelog.audio.playback import Player, Sound, recording_in_memory, why_no_playback
from voicelog.errors import UsageError
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript


def test_a_kept_recording_is_opened_and_decoded_in_memory_only(tmp_path: Path) -> None:
    samples = (np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000) * 8000).astype(np.int16)
    path = tmp_path / "d.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as diary:  # sealed: the diary holds the recording encrypted
        diary.append(recorded_at=datetime(2026, 3, 2, 9, 0), transcript=Transcript("he was at the door"),
                     incident=Incident(), source="microphone", audio=encode_flac(samples))
        diary.append(recorded_at=datetime(2026, 3, 3, 9, 0), transcript=Transcript("typed"), incident=Incident(),
                     source="text")
    assert b"fLaC" not in path.read_bytes()  # the FLAC is not in the file in clear
    temp = Path(tempfile.gettempdir())
    since = time.time() - 1  # file times may lag the clock by a tick
    with open_for_reading(path, TEST_PASSPHRASE) as diary:
        sound = recording_in_memory(diary, 1)
        assert sound.rate == 16000 and np.array_equal(sound.samples, samples) and sound.seconds == 1.0
        with pytest.raises(UsageError, match="Entry 2 has no recording kept"):
            recording_in_memory(diary, 2)
    clear = (b"fLaC", samples.tobytes()[2000:2064])  # the FLAC's header, or a run of its samples
    written = files_holding([tmp_path, temp], clear, since=since)
    assert not written, f"opening a recording wrote it in clear to {written}"


def test_without_an_output_device_playing_says_why_and_does_nothing() -> None:
    why = why_no_playback()
    if why is None:
        pytest.skip("this machine has a sound output device; the path tested here is the one without")
    assert why in ("no sound output device", "no PortAudio sound library")
    player = Player()
    sound = Sound(np.zeros(1600, dtype=np.int16), 16000)
    assert player.play(sound) == why and not player.playing
    player.stop()  # nothing playing: nothing happens
    assert not player.playing
