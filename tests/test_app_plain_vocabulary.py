"""voicelog.app.plain_vocabulary: the opt-in unsealed names and places for a recorder without the passphrase.

Real parts: sealed diaries in tmp_path, the real file system (modes, what is on disk). Names invented.
"""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app import plain_vocabulary
from voicelog.app.rehear import hearing_vocabulary
from voicelog.engines.vocabulary import Vocabulary
from voicelog.errors import LockedError
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

NAME = "Zebulon Quarrie"
ALIAS = "zeb"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary" / "diary.db"
    path.parent.mkdir()
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_reading(path, TEST_PASSPHRASE) as diary:
        diary.add_person(NAME, [ALIAS, "my ex"])
    return path


def _files_holding(root: Path, word: str) -> list[Path]:
    """Every file under ``root`` whose bytes hold ``word`` in any case (as UTF-8 or UTF-16)."""
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            if word.lower().encode() in data or word.lower().encode("utf-16-le") in data:
                found.append(path)
    return found


def test_the_file_lists_names_and_places_under_the_warning_and_reads_back() -> None:
    v = Vocabulary(("Zebulon Quarrie", "Zeb"), ("the Copper Kettle",))
    text = plain_vocabulary.render(v).decode()
    assert text.startswith("# voicelog recorder vocabulary")
    assert "# This file is NOT sealed: anyone who can read this device" in text
    assert "name: Zeb\n" in text and "place: the Copper Kettle\n" in text
    assert plain_vocabulary.parse(text) == v
    assert plain_vocabulary.parse("# name: Nobody\n\nplace:\nsomething else\n") == Vocabulary()


def test_turned_on_it_is_written_beside_the_diary_for_the_owner_only(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        kept = plain_vocabulary.turn_on(diary)
    assert kept.path == diary_path.parent / "diary.db.recorder-vocabulary.txt"
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert kept.vocabulary.names == (NAME, "Zeb")  # the relation alias "my ex" is no word to expect
    read = plain_vocabulary.read(diary_path)
    assert read is not None and read.vocabulary == kept.vocabulary


def test_a_locked_diary_cannot_turn_it_on(diary_path: Path) -> None:
    with open_for_recording(diary_path) as locked, pytest.raises(LockedError, match="needs the diary unlocked"):
        plain_vocabulary.turn_on(locked)
    assert not plain_vocabulary.plain_path(diary_path).exists()


def test_the_locked_recorder_hears_with_it_only_once_turned_on(diary_path: Path) -> None:
    with open_for_recording(diary_path) as locked:
        assert hearing_vocabulary(locked).empty  # the registry is sealed, and no plain copy was asked for
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        plain_vocabulary.turn_on(diary)
    with open_for_recording(diary_path) as locked:
        assert hearing_vocabulary(locked).names == (NAME, "Zeb")
    assert plain_vocabulary.turn_off(diary_path)
    assert not plain_vocabulary.plain_path(diary_path).exists()
    assert not plain_vocabulary.turn_off(diary_path)  # nothing left to delete
    with open_for_recording(diary_path) as locked:
        assert hearing_vocabulary(locked).empty


def test_it_is_kept_in_step_when_the_diary_is_unlocked_to_hear(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        plain_vocabulary.turn_on(diary)
        diary.add_person("Ottilie Farquay", [])
        assert "Ottilie Farquay" in hearing_vocabulary(diary).names
    read = plain_vocabulary.read(diary_path)
    assert read is not None and set(read.vocabulary.names) == {NAME, "Zeb", "Ottilie Farquay"}
    assert stat.S_IMODE(read.path.stat().st_mode) == 0o600


def test_without_opting_in_no_name_is_written_anywhere(diary_path: Path, tmp_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.append(recorded_at=datetime(2026, 4, 9, 10, 30),
                     transcript=Transcript("typed"), incident=Incident(location="the Copper Kettle"), source="text")
        assert hearing_vocabulary(diary).names == (NAME, "Zeb")  # read to hear with, in memory only
    with open_for_recording(diary_path) as locked:
        hearing_vocabulary(locked)
    assert not plain_vocabulary.plain_path(diary_path).exists()
    assert _files_holding(tmp_path, "Zebulon") == [] and _files_holding(tmp_path, "Quarrie") == []
    # the same scan sees the name once the person asks for the plain copy (so it can find one)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        plain_vocabulary.turn_on(diary)
    assert _files_holding(tmp_path, "Quarrie") == [plain_vocabulary.plain_path(diary_path)]
