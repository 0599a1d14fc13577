"""``voicelog.app.registry``: re-extraction as amendments, by an older extractor's entries or all of them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.registry import apply_registry, reextract
from voicelog.extract import EXTRACTOR_VERSION
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

TEXT = "yesterday at about ten past eight in the evening colin mowbray followed me along moss lane"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path, passphrase=TEST_PASSPHRASE) as diary:
        old = Incident(date="2026-03-29", location="moss line", extractor_version="rules-0")
        diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(TEXT), incident=old,
                     source="text")
    return path


def test_entries_of_an_older_extractor_are_redone_once_and_corrections_still_win(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.amend(1, changes={"location": "Moss Lane (by the school)"})
        [done] = reextract(diary)
        assert (done.seq, done.old_version, done.new_version) == (1, "rules-0", EXTRACTOR_VERSION)
        entry = diary.get(1)
        assert entry.incident.time == "20:10"  # the new extractor's reading
        assert entry.incident.location == "Moss Lane (by the school)"  # the person's own correction wins
        assert entry.original is not None and entry.original.location == "moss line"
        assert reextract(diary) == []  # nothing older is left
        assert [r.seq for r in reextract(diary, every=True)] == [1]
        assert diary.verify().ok


def test_the_registry_needs_a_registry(diary_path: Path) -> None:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert apply_registry(diary) == []  # registry_applied already, and nobody registered


def test_places_the_person_corrected_or_confirmed_are_known_places_newest_first(diary_path: Path) -> None:
    from voicelog.app.registry import confirmed_places

    with open_for_recording(diary_path) as diary:
        for text, place in (("he was outside the bakery", "the bakery"), ("he came to the quarry lane depot", None),
                            ("he sat in the car", "the car"), ("he was at the lido", "the lido")):
            diary.append(recorded_at=datetime(2026, 3, 1, 9, 0), transcript=Transcript(text),
                         incident=Incident(location=place), source="text")
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        diary.amend(3, changes={"location": "Quarry Lane  Depot"}, note="the recogniser missed it")
        diary.amend(2, reviewed=True)  # the bakery, confirmed as extracted
        diary.amend(5, changes={"location": "the Lido"})
        diary.amend(5, changes={"location": "the lido"})  # the same place again, in other case: once
        places = confirmed_places(diary.entries())
    assert places == ("the lido", "Quarry Lane Depot", "the bakery")  # entries 1 and 4 were never confirmed


def test_reextracting_finds_a_place_the_person_confirmed_on_another_entry(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        diary.append(recorded_at=datetime(2026, 3, 31, 9, 0), incident=Incident(), source="text",
                     transcript=Transcript("saw him in the saffron loft again"))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [before] = [r.seq for r in reextract(diary, every=True) if r.seq == 2]
        assert diary.get(before).incident.location is None  # no cue word the rules know, no known place yet
        diary.amend(1, changes={"location": "Saffron Loft"}, note="he waits there")
        reextract(diary, every=True)
        entry = diary.get(2)
    assert (entry.incident.location or "").lower() == "the saffron loft"
    assert "location.known-place" in entry.incident.rules.get("location", "")
