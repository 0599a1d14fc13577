"""``write_entry``: a typed account stored like a spoken one, on real sealed diaries with real spaCy extraction."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, files_containing

from voicelog.app.write import SOURCE, write_entry
from voicelog.errors import DiaryError, UsageError
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

WHEN = datetime(2026, 3, 30, 21, 47)
TEXT = ("Yesterday at half past nine in the evening my ex followed me\n"
        "from the Tesco car park on Main Street   to my front door.\n\nMy neighbour Sarah saw it.")
ONE_LINE = ("Yesterday at half past nine in the evening my ex followed me from the Tesco car park on Main Street "
            "to my front door. My neighbour Sarah saw it.")


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def test_a_typed_account_is_extracted_sealed_and_chained_like_a_spoken_one(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:  # the recorder's way: the public key only, no passphrase
        spoken = diary.append(recorded_at=WHEN, transcript=Transcript(text="he rang me twice", engine="vosk"),
                              incident=Incident(), source="microphone")
        entry = write_entry(diary, TEXT, recorded_at=WHEN)
    assert entry.seq == spoken.seq + 1 and entry.prev_hash == spoken.hash  # the next link of the same chain
    assert entry.source == SOURCE == "typed" and not entry.has_audio
    assert not entry.registry_applied  # locked: the people list is matched at the next unlock
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        stored = diary.get(entry.seq)
        assert diary.verify().ok
    assert stored.transcript.text == ONE_LINE and stored.transcript.words == ()
    assert stored.source == "typed" and stored.recorded_at == "2026-03-30T21:47:00"
    inc = stored.incident
    assert (inc.date, inc.time) == ("2026-03-29", "21:30")
    assert inc.location is not None and "Tesco" in inc.location
    assert "following" in inc.categories
    assert "Sarah" in [p.name for p in inc.people]
    assert not files_containing([diary_path.parent], ("Tesco", "neighbour Sarah"))  # sealed, not in clear


def test_an_unlocked_diary_matches_the_people_list_at_once(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.add_person("Colin Mowbray", ["my ex"])
        entry = write_entry(diary, "my ex was waiting outside the gym this morning", recorded_at=WHEN)
    assert entry.registry_applied
    assert "Colin Mowbray" in [p.name for p in entry.incident.people]


@pytest.mark.parametrize("text", ["", "   \n\n\t  "])
def test_an_empty_account_is_refused_and_nothing_is_stored(diary_path: Path, text: str) -> None:
    with open_for_recording(diary_path) as diary:
        with pytest.raises(UsageError, match="The account is empty, so nothing was stored"):
            write_entry(diary, text, recorded_at=WHEN)
    with open_diary(diary_path) as diary:
        assert diary.count() == 0


def test_a_full_disk_is_said_plainly_and_leaves_nothing_unsealed(disk, diary_on_disk: Path) -> None:
    with open_for_recording(diary_on_disk) as diary:
        disk.fill()
        with pytest.raises(DiaryError) as refused:
            write_entry(diary, "Quillfeather parked his van across my drive", recorded_at=WHEN)
    message = str(refused.value)
    assert message.startswith("The typed account was not stored: The disk holding")
    assert "Nothing of it was written anywhere else" in message and "Quillfeather" not in message
    assert not files_containing([disk.path], ("Quillfeather",))
    disk.free()
    with open_for_reading(diary_on_disk, TEST_PASSPHRASE) as diary:
        assert diary.count() == 0 and diary.verify().ok

