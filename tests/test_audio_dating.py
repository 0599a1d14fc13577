"""voicelog.audio.dating: a recording dated by its own metadata (as phone recorders write it) before the file's
modification time, and the person told which."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from audio_fixtures import SPEECH_WAV
from phone_fixtures import PHONE_FORMATS, speech, write_recording

from voicelog.audio import recording_time
from voicelog.audio.dating import metadata_time, parse_tag


def local(*args: int) -> datetime:
    """A UTC time as this machine's local wall-clock time, as the diary keeps it."""
    return datetime(*args, tzinfo=UTC).astimezone().replace(tzinfo=None)  # type: ignore[misc]


COPIED = datetime(2026, 4, 2, 18, 30)
"""When the file was copied off the phone: its modification time."""


def _copied(path: Path) -> Path:
    os.utime(path, (COPIED.timestamp(), COPIED.timestamp()))
    return path


@pytest.mark.parametrize(("tag", "expected"), [
    ("2026-03-14T09:12:00.000000Z", (local(2026, 3, 14, 9, 12), False)),  # MP4 creation_time, UTC
    ("2026-03-14T09:12:07+0100", (local(2026, 3, 14, 8, 12, 7), False)),  # Apple's creationdate, with its zone
    ("2026-03-14T09:12:07-05:00", (local(2026, 3, 14, 14, 12, 7), False)),
    ("2026-03-14 09:12:07", (datetime(2026, 3, 14, 9, 12, 7), False)),  # no zone: local already
    ("2026-03-14", (datetime(2026, 3, 14, 12, 0), True)),  # the day only: noon, and marked
    ("2026", None),  # a year is no date
    ("yesterday", None),
    ("2026-02-30T10:00:00Z", None),
])
def test_metadata_times(tag: str, expected: tuple[datetime, bool] | None) -> None:
    assert parse_tag(tag) == expected


def test_the_best_tag_wins_and_an_unset_clock_is_ignored() -> None:
    tags = [{"creation_time": "1904-01-01T00:00:00Z", "DATE": "2026-03-13"},
            {"com.apple.quicktime.creationdate": "2026-03-14T09:12:00+0000"}]
    assert metadata_time(tags) == (local(2026, 3, 14, 9, 12), False)
    assert metadata_time([{"creation_time": "1904-01-01T00:00:00Z"}, {"date": "2026-03-13"}]) == (
        datetime(2026, 3, 13, 12, 0), True)
    assert metadata_time([{"creation_time": "2099-01-01T00:00:00Z"}]) is None  # a clock far ahead
    assert metadata_time([{"origination_date": "2026:03:14", "origination_time": "09-12-00"}]) == (
        datetime(2026, 3, 14, 9, 12), False)  # a WAV's broadcast extension, as recorders write it
    assert metadata_time([{}, {"encoder": "Lavf"}]) is None


@pytest.mark.parametrize("name", ["m4a", "3gp", "ogg", "mp3", "flac", "webm"])
def test_a_copied_phone_recording_is_dated_by_its_own_time(tmp_path: Path, name: str) -> None:
    fmt = PHONE_FORMATS[name]
    samples, rate = speech(SPEECH_WAV)
    path = _copied(write_recording(tmp_path / f"memo{fmt.suffix}", fmt, samples, rate,
                                   metadata={"creation_time": "2026-03-14T09:12:00.000000Z"}))
    found = recording_time(path)
    assert found.when == local(2026, 3, 14, 9, 12) and found.from_metadata and not found.day_only
    assert found.describe() == f"dated {found.when:%Y-%m-%d %H:%M} from the recording's own metadata"


def test_an_ogg_voice_note_dated_on_its_stream_and_an_mp3_by_its_date_tag(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    ogg = write_recording(tmp_path / "note.ogg", PHONE_FORMATS["ogg"], samples, rate,
                          stream_metadata={"creation_time": "2026-03-14T09:12:00Z"})
    assert recording_time(ogg).when == local(2026, 3, 14, 9, 12)
    mp3 = _copied(write_recording(tmp_path / "memo.mp3", PHONE_FORMATS["mp3"], samples, rate,
                                  metadata={"date": "2026-03-13"}))
    found = recording_time(mp3)
    assert found.when == datetime(2026, 3, 13, 12, 0) and found.day_only
    assert found.describe() == "dated 2026-03-13 (no time of day given) from the recording's own metadata"


@pytest.mark.parametrize("name", ["m4a", "amr", "wav"])
def test_without_metadata_the_modification_time_is_used_and_said(tmp_path: Path, name: str) -> None:
    if name == "wav":
        path = tmp_path / "memo.wav"
        path.write_bytes(SPEECH_WAV.read_bytes())
    else:
        samples, rate = speech(SPEECH_WAV)
        path = write_recording(tmp_path / f"memo{PHONE_FORMATS[name].suffix}", PHONE_FORMATS[name], samples, rate)
    found = recording_time(_copied(path))
    assert found.when == COPIED and not found.from_metadata
    assert found.describe() == "dated 2026-04-02 18:30 from the file's modification time"


def test_a_file_that_is_not_audio_is_dated_by_its_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "notes.m4a"
    path.write_text("creation_time: 2026-03-14T09:12:00Z\n")
    assert recording_time(_copied(path)).when == COPIED
