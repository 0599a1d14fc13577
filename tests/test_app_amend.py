"""``voicelog.app.amend``: corrections as chained amendments, and the editor round trip, on a real sealed diary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.amend import amend, changes_from_edit, edit_changes
from voicelog.errors import UsageError
from voicelog.incident import Incident, PersonRef
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

TEXT = "yesterday at about ten past eight colin mowbray followed me along moss lane"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as diary:
        incident = Incident(date="2026-03-29", location="moss line", people=(PersonRef("Colin Mowbray", "subject"),))
        diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(TEXT), source="text",
                     incident=incident)
    return path


def test_an_amendment_is_a_new_row_and_the_original_stays(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = amend(diary, 1, {"location": "Moss Lane", "time": "20:10"}, note="misheard")
        assert done.amendment_seq == 3 and diary.count() == 1  # row 1 is the diary's setup record
        assert (done.entry.incident.location, done.entry.incident.time) == ("Moss Lane", "20:10")
        assert done.entry.original is not None and done.entry.original.location == "moss line"
        assert done.entry.amendments[0].note == "misheard"
        assert diary.verify().ok


def test_a_wrong_field_is_refused_and_nothing_is_written(diary_path: Path) -> None:
    before = diary_path.read_bytes()
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        with pytest.raises(UsageError, match="24-hour"):
            amend(diary, 1, {"time": "25:00"})
        with pytest.raises(UsageError, match="Cannot amend mood"):
            amend(diary, 1, {"mood": "sad"})
        assert diary.get(1).amendments == ()
    assert diary_path.read_bytes() == before


def test_the_editor_round_trip_takes_only_what_changed(diary_path: Path) -> None:
    def editor(path: Path) -> None:  # what a person does in their editor: change one field, save
        path.write_text(path.read_text(encoding="utf-8").replace('"moss line"', '"Moss Lane"'), encoding="utf-8")

    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        changes = edit_changes(diary.get(1), editor, sealed=True)
    assert changes == {"location": "Moss Lane"}


@pytest.mark.parametrize(("after", "message"), [
    ('{"location": "x"}\n', None),
    ("same", "Nothing was changed"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
])
def test_edited_text_is_checked(after: str, message: str | None) -> None:
    before = "same"
    if message is None:
        assert changes_from_edit({"location": "y"}, before, after) == {"location": "x"}
    else:
        with pytest.raises(UsageError, match=message):
            changes_from_edit({}, before, after)
