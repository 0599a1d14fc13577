"""Voiding an entry without deleting it (voicelog.app.void): a chained amendment, the number kept, the content out
of lists, searches and reports but kept for the owner, a second void refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from damage_fixtures import flip_byte
from store_fixtures import OLD_PASS, append, chain_ok, new_sealed, old_diary_with_gap, reader

from voicelog.app.void import MAX_REASON, void
from voicelog.errors import DiaryError, UsageError
from voicelog.filters import Registry, apply_filter, make_filter, search_entries
from voicelog.report import build_report, person_summary, render_csv
from voicelog.store.opening import open_diary, open_for_reading

REASON = "the wake phrase heard the television"


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = new_sealed(tmp_path)
    for text in ("he followed me to the bus stop", "the neighbours were chatting about their dog",
                 "he was waiting at the gate"):
        append(path, text)
    return path


def test_a_voided_entry_keeps_its_number_and_its_words_for_the_owner(three: Path) -> None:
    with reader(three) as diary:
        rows_before = diary.head()[0]
        done = void(diary, 2, f"  {REASON}\n")
        assert diary.head()[0] == rows_before + 1  # one more chained row; nothing removed or rewritten
        assert done.entry.voided is not None
        day = done.entry.voided.written_at[:10]
        assert abs((datetime.now(UTC).date() - date.fromisoformat(day)).days) <= 1
        assert done.line == f"Entry 2 voided on {day}: {REASON}"
        assert done.to_dict()["voided"]["reason"] == REASON and "transcript" not in done.to_dict()
        assert [e.seq for e in diary.entries()] == [1, 2, 3]
        kept = diary.get(2)
        assert kept.voided is not None and kept.transcript.text == "the neighbours were chatting about their dog"
        assert kept.to_dict()["voided"] == done.to_dict()["voided"]  # the full view still has everything
        assert [a["void"] for a in kept.to_dict()["amendments"]] == [REASON]
        assert diary.get(1).voided is None and diary.get(1).void_line() == ""
    assert chain_ok(three)
    with open_diary(three) as locked:
        assert locked.verify().ok


def test_a_voided_entry_cannot_be_voided_twice(three: Path) -> None:
    with reader(three) as diary:
        void(diary, 3, REASON)
        rows = diary.head()[0]
        with pytest.raises(UsageError, match=r"Entry 3 was already voided on \d{4}-\d\d-\d\d; it stays void") as err:
            void(diary, 3, "another reason")
        assert REASON not in str(err.value)  # the person's words stay out of error messages
        assert diary.head()[0] == rows


@pytest.mark.parametrize("reason", ["", "   \n", "x" * (MAX_REASON + 1)])
def test_a_void_needs_a_short_reason(three: Path, reason: str) -> None:
    with reader(three) as diary:
        rows = diary.head()[0]
        with pytest.raises(UsageError, match="reason"):
            void(diary, 1, reason)
        assert diary.head()[0] == rows and diary.get(1).voided is None


def test_a_missing_or_damaged_entry_is_not_voided(three: Path) -> None:
    with reader(three) as diary:
        with pytest.raises(UsageError, match="no entry 4"):
            void(diary, 4, REASON)
    flip_byte(three, 2)  # one bit of entry 2's sealed content
    with reader(three) as diary:
        rows = diary.head()[0]
        with pytest.raises(DiaryError, match="Entry 2 is damaged"):
            void(diary, 2, REASON)
        assert diary.head()[0] == rows


def test_a_voided_entry_matches_no_filter_or_search_and_is_one_line_in_the_report(three: Path) -> None:
    with reader(three) as diary:
        void(diary, 2, REASON)
        entries = diary.entries()
        head = diary.head()
    registry = Registry()
    assert [e.seq for e in search_entries(entries, ["dog"])] == []
    assert [e.seq for e in search_entries(entries, ["he"])] == [1, 3]
    assert [e.seq for e in apply_filter(entries, make_filter(people=["Colin Mowbray"]), registry)] == [1, 3]
    built = build_report(entries, registry, head=head)
    assert [r.number for r in built.rows] == ["1", "3", "2"]  # the voided one placed by the day it was recorded
    voided = built.rows[2]
    assert voided.what_happened.startswith("Entry 2 voided on ") and voided.what_happened.endswith(REASON)
    assert (voided.place, voided.people, voided.behaviours, voided.date) == ("", "", "", "")
    assert [(p.name, p.count, p.numbers) for p in built.people] == [("Colin Mowbray", 2, (1, 3))]
    assert person_summary("Colin Mowbray", entries, registry).numbers == (1, 3)  # `people show` too
    assert "dog" not in render_csv(built)


def test_an_old_diary_entry_is_voided_by_the_number_shown(tmp_path: Path) -> None:
    path = old_diary_with_gap(tmp_path)  # entries in rows 1, 2, 4, 5, shown 1-4
    with open_for_reading(path, OLD_PASS) as diary:
        void(diary, 3, REASON)
        assert [e.seq for e in diary.entries() if e.voided] == [3]
        assert diary.get(3).transcript.text == "he was at the school gates"
    assert chain_ok(path)
