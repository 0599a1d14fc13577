"""Entries and amendments (voicelog.store.entries): the amended view, checked corrections, old bad rows skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from store_fixtures import INCIDENT, append, chain_ok, new_sealed, reader

from voicelog.errors import UsageError
from voicelog.incident import Incident, PersonRef
from voicelog.store.entries import apply_changes


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    return new_sealed(tmp_path)


def test_apply_changes_types_fields_and_clears_their_doubt() -> None:
    changed = apply_changes(INCIDENT, {"time": "21:45", "people": [{"name": "Hilda Varley", "role": "witness"}],
                                       "evidence": ["photo"]})
    assert changed.time == "21:45" and "time" not in changed.uncertain
    assert changed.people == (PersonRef("Hilda Varley", "witness"),)
    assert changed.evidence == ("photo",)
    assert changed.location == INCIDENT.location


def test_amendments_give_the_amended_view_and_keep_the_original(sealed: Path) -> None:
    append(sealed, "it was on moss line")
    with reader(sealed) as diary:
        diary.amend(1, changes={"location": "Moss Lane", "time": "21:45"}, note="misheard")
        machine = Incident(date="2026-03-25", location="Moss Line", extractor_version="rules-9")
        diary.amend(1, incident=machine, note="re-extracted")
        entry = diary.get(1)
        assert entry.incident.location == "Moss Lane"  # the person's correction beats a later re-extraction
        assert entry.incident.time == "21:45"
        assert entry.incident.date == "2026-03-25"  # re-extraction replaces what the person did not touch
        assert "time" not in entry.incident.uncertain
        assert entry.original == INCIDENT
        assert entry.reextracted and entry.amended and not entry.reviewed
        assert [a.note for a in entry.amendments] == ["misheard", "re-extracted"]
        assert diary.count() == 1 and [e.seq for e in diary.entries()] == [1]
        data = entry.to_dict()
        assert data["original_incident"]["location"] == "Carlton Road"
        assert [a["reextracted"] for a in data["amendments"]] == [False, True]
        with pytest.raises(UsageError, match="Cannot amend transcript"):
            diary.amend(1, changes={"transcript": "rewritten"})
        with pytest.raises(UsageError, match="no entry 7"):
            diary.amend(7, note="x")
        with pytest.raises(UsageError, match="needs --set"):
            diary.amend(1)
    assert chain_ok(sealed)


@pytest.mark.parametrize("changes, message", [
    ({"people": ["Hilda"]}, "name and a role"),
    ({"people": [{"name": "Hilda", "role": "boss"}]}, "role"),
    ({"time": "25:00"}, "24-hour"),
    ({"date": "yesterday"}, "not a date"),
    ({"time_approximate": "yes"}, "approximate 'yes' must be yes or no"),
    ({"period": "teatime"}, "period"),
    ({"location": 7}, "place must be text"),  # one set of field names: 'location' is stored as the place
    ({"categories": "following"}, "list"),
    ({"categories": ["stalking"]}, "unknown categor"),
    ({"evidence": [1, 2]}, "list of text"),
])
def test_amend_checks_every_field(sealed: Path, changes: dict[str, Any], message: str) -> None:
    append(sealed, "it was on moss line")
    with reader(sealed) as diary:
        with pytest.raises(UsageError, match=message):
            diary.amend(1, changes=changes)
        assert diary.head()[0] == 2  # nothing was appended after the setup record and the entry


def test_amend_stores_typed_changes(sealed: Path) -> None:
    append(sealed, "it was on moss line")
    with reader(sealed) as diary:
        a = diary.amend(1, changes={"time": "9:05", "people": [{"name": " Hilda  Varley", "role": "witness"}],
                                    "evidence": ("photo",), "period": None})
        assert a.changes == {"time": "09:05", "people": [{"name": "Hilda Varley", "role": "witness"}],
                             "evidence": ["photo"], "period": None}
        assert diary.get(1).incident.people == (PersonRef("Hilda Varley", "witness"),)


def test_a_review_is_an_amendment_that_confirms(sealed: Path) -> None:
    append(sealed, "it was on moss line")
    with reader(sealed) as diary:
        diary.amend(1, reviewed=True)
        entry = diary.get(1)
    assert entry.reviewed and entry.incident == INCIDENT and not entry.reextracted


def test_an_amendment_that_cannot_be_applied_is_skipped(sealed: Path, caplog: pytest.LogCaptureFixture) -> None:
    append(sealed, "it was on moss line")
    append(sealed, "second account")
    with reader(sealed) as diary:
        diary.amend(1, changes={"location": "Moss Lane"})
        # As an older voicelog could have stored them, unchecked, sealed with the diary's own key.
        diary._append_row(kind="amendment", content={"amends": 1, "changes": {"people": ["Zebedee Quint"]}, "note": ""})
        diary._append_row(kind="amendment", content={"amends": 2, "changes": {"categories": "following"}, "note": ""})
        diary._append_row(kind="amendment", content={"note": "no target"})
    with caplog.at_level("WARNING", logger="voicelog.store.entries"), reader(sealed) as diary:
        entries = diary.entries()
        assert [e.seq for e in entries] == [1, 2]
        assert entries[0].incident.location == "Moss Lane"  # the good amendment still applies
        assert entries[0].incident.people == INCIDENT.people
        assert entries[1].incident.categories == INCIDENT.categories
        assert diary.get(1).incident.location == "Moss Lane"
    assert "skipped" in caplog.text and "Zebedee" not in caplog.text and "following" not in caplog.text
    assert chain_ok(sealed)


def test_a_void_is_an_amendment_read_back_with_its_reason(sealed: Path) -> None:
    append(sealed, "the neighbours talking")
    with reader(sealed) as diary:
        with pytest.raises(UsageError, match="An amendment needs"):
            diary.amend(1)
        stored = diary.amend(1, void="a false trigger")
        entry = diary.get(1)
        assert entry.voided == stored and entry.voided.void == "a false trigger" and entry.amended
        assert entry.void_line() == f"Entry 1 voided on {stored.written_at[:10]}: a false trigger"
        assert entry.void_dict() == {"seq": 1, "recorded_at": entry.recorded_at, "written_at": entry.written_at,
                                     "voided": {"on": stored.written_at, "reason": "a false trigger"},
                                     "hash": entry.hash, "prev_hash": entry.prev_hash}
        data = entry.to_dict()
        assert data["transcript"]["text"] == "the neighbours talking"  # the full view keeps the words
        assert [(a["number"], a["row"], a["void"]) for a in data["amendments"]] == [(1, 3, "a false trigger")]
        assert entry.incident == INCIDENT  # voiding changes no field
    assert chain_ok(sealed)
