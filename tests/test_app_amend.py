"""``voicelog.app.amend``: corrections as chained amendments, and the editor round trip, on a real sealed diary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.amend import amend, changes_from_form, correct_words, edit_changes, prompt_changes, way_to_edit
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
    shown: list[str] = []

    def editor(path: Path) -> None:  # what a person does in their editor: change one field, save
        text = path.read_text(encoding="utf-8")
        shown.append(text)
        path.write_text(text.replace("place: moss line", "place: Moss Lane"), encoding="utf-8")

    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        changes = edit_changes(diary.get(1), editor, sealed=True)
    assert changes == {"location": "Moss Lane"}
    lines = [line for line in shown[0].splitlines() if line and not line.startswith("#")]
    assert lines == ["date: 2026-03-29", "time:", "place: moss line", "people: Colin Mowbray:subject",
                     "categories:", "impact:", "evidence:", "police:", "address:", "vehicle:", "contact:",
                     "reported:"]  # the names used everywhere


@pytest.mark.parametrize(("after", "expected"), [
    ("place: x\n", {"location": "x"}),
    ("# a comment\n\nlocation: x\ntime: ~20:10\n", {"location": "x", "time_approximate": True, "time": "20:10"}),
    ("date:\n", {"date": None}),  # emptied: cleared ("not said")
    ("place: y\n", "Nothing was changed"),
    ("", "Nothing was changed"),
    ("mood: sad\n", "Line 1 of the edited text is not a field"),
    ("just words\n", "Line 1 .* NAME: VALUE"),
    ("place: a\nplace: b\n", "Line 2 .* a second time"),
    ("time: 25:00\n", "24-hour"),
])
def test_edited_text_is_checked(after: str, expected: dict[str, object] | str) -> None:
    before = {"date": "2026-03-29", "time": "", "place": "y"}
    if isinstance(expected, dict):
        assert changes_from_form(before, after) == expected
    else:
        with pytest.raises(UsageError, match=expected):
            changes_from_form(before, after)


def test_the_plain_prompt_asks_each_field_and_enter_keeps_it(diary_path: Path) -> None:
    typed = {"place": ["Moss Lane"], "time": ["25:00", "~20:10"], "people": ["-"]}  # a wrong time is asked again
    asked: list[tuple[str, str, str | None]] = []

    def ask(name: str, current: str, hint: str, problem: str | None) -> str:
        asked.append((name, current, problem))
        return typed.get(name, []).pop(0) if typed.get(name) else ""

    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        changes = prompt_changes(diary.get(1), ask)
        assert changes == {"location": "Moss Lane", "time_approximate": True, "time": "20:10", "people": []}
        done = amend(diary, 1, changes)
        assert done.entry.incident.location == "Moss Lane" and done.entry.incident.people == ()
    assert [name for name, _, _ in asked] == ["date", "time", "time", "place", "people", "categories", "impact",
                                              "evidence", "police", "address", "vehicle", "contact", "reported"]
    assert asked[2][2] is not None and "24-hour" in asked[2][2] and asked[3][1] == "moss line"


def test_the_plain_prompt_with_nothing_changed_makes_no_amendment(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        with pytest.raises(UsageError, match="Nothing was changed"):
            prompt_changes(diary.get(1), lambda name, current, hint, problem: "")
        assert diary.get(1).amendments == ()


def test_no_editor_means_the_prompt_and_no_terminal_is_refused_not_waited_on() -> None:
    assert way_to_edit(editor="nano", terminal=False) == "editor"  # a person's chosen editor (a GUI one too)
    assert way_to_edit(editor=None, terminal=True) == "prompt"  # never an editor nobody chose (vi)
    assert way_to_edit(editor="  ", terminal=True) == "prompt"
    with pytest.raises(UsageError, match="no terminal|there is none here.*--set FIELD=VALUE.*place"):
        way_to_edit(editor=None, terminal=False)


# -- amend --transcript: the person's own words ---------------------------------------------------------

HEARD = "yesterday evening someone was baying on my bedroom window at the flat"
MEANT = "yesterday evening someone was banging on my bedroom window at 12 Moss Lane, it was Colin Mowbray"


@pytest.fixture
def misheard_path(tmp_path: Path) -> Path:
    path = tmp_path / "misheard.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as diary:
        diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), source="microphone",
                     transcript=Transcript(HEARD, engine="vosk", model="vosk-model-small-en-us-0.15"),
                     incident=Incident(date="2026-03-29", period="evening", location="the flat"))
    return path


def test_corrected_words_replace_those_shown_and_the_recognisers_stay(misheard_path: Path) -> None:
    with open_for_reading(misheard_path, TEST_PASSPHRASE) as diary:
        done = correct_words(diary, 1, f"  {MEANT}\n", note="misheard banging")
        entry = diary.get(1)
        assert entry.transcript.text == MEANT and done.entry.transcript.text == MEANT
        assert entry.recognised.text == HEARD and entry.recognised.engine == "vosk"
        assert entry.words_corrected is not None and entry.words_corrected.note == "misheard banging"
        assert [p.name for p in entry.incident.people] == ["Colin Mowbray"]  # extracted again from the words
        assert entry.original is not None and entry.original.people == ()
        assert diary.count() == 1 and diary.verify().ok
    with open_for_reading(misheard_path, TEST_PASSPHRASE) as diary:  # sealed, and read back the same
        data = diary.get(1).to_dict()
        assert data["transcript"]["text"] == MEANT
        assert data["words_corrected"]["recognised"]["text"] == HEARD
        assert data["amendments"][0]["words_corrected"] is True and data["amendments"][0]["reheard"] is False


def test_a_place_corrected_by_hand_survives_the_words_being_corrected(misheard_path: Path) -> None:
    with open_for_reading(misheard_path, TEST_PASSPHRASE) as diary:
        amend(diary, 1, {"location": "the Co-op on Moss Lane"})
        done = correct_words(diary, 1, MEANT)
        assert done.entry.incident.location == "the Co-op on Moss Lane"  # not the "12 Moss Lane" in the words
        assert [p.name for p in done.entry.incident.people] == ["Colin Mowbray"]  # a field not corrected: new
        again = correct_words(diary, 1, MEANT.replace("banging", "knocking"), changes={"people": []})
        assert again.entry.incident.people == () and again.entry.incident.location == "the Co-op on Moss Lane"
        assert again.entry.recognised.text == HEARD  # a second correction: the recogniser's words still the first


@pytest.mark.parametrize("text, message", [("   \n", "empty"), (HEARD, "already reads exactly so")])
def test_empty_or_unchanged_words_are_refused_and_nothing_is_written(misheard_path: Path, text: str,
                                                                      message: str) -> None:
    before = misheard_path.read_bytes()
    with open_for_reading(misheard_path, TEST_PASSPHRASE) as diary:
        with pytest.raises(UsageError, match=message):
            correct_words(diary, 1, text)
    assert misheard_path.read_bytes() == before
