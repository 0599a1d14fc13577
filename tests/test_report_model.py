"""voicelog.report.model: the timeline rows and each person's pattern, built from the demo diary."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from report_fixtures import read_demo, report_with_cli

from voicelog import report


def test_filters_narrow_the_report(demo, tmp_path: Path) -> None:
    rows = report.rows_from_csv(report_with_cli(demo, tmp_path, "csv", "--person", "ned", "--since",
                                                "2026-02-01").read_text())
    assert rows and all("Edward Haworth" in r.people and r.date >= "2026-02-01" for r in rows)
    data = json.loads(report_with_cli(demo, tmp_path, "json", "--category", "property_damage").read_text())
    assert data["report"]["selection"] == "behaviours: property damage"
    assert all("property damage" in r["behaviours"] for r in data["rows"]) and len(data["rows"]) == 5


def test_the_report_counts_the_pattern_person_by_person(demo) -> None:
    entries, registry, head = read_demo(demo)
    built = report.build_report(reversed(entries), registry, head=head, now=datetime(2026, 4, 1, 12, 0, 30, 5))
    assert [(p.name, p.count) for p in built.people] == sorted(demo.counts.items(), key=lambda nc: -nc[1])
    assert [p.trend for p in built.people] == ["more", "same", "same"]
    assert built.others == (("Hilda", 5), ("Nell", 2))  # witnesses, not counted as doing it
    assert len(built.rows) == demo.entries and built.unnamed == 0
    assert [r.date for r in built.rows] == sorted(r.date for r in built.rows)  # the order incidents happened
    assert all(re.fullmatch(r"~?\d\d:\d\d", r.time) for r in built.rows)
    assert len(built.weeks) == 10 and all(date.fromisoformat(w).weekday() == 0 for w in built.weeks)
    assert all(sum(p.weekly) == p.count and len(p.weekly) == 10 for p in built.people)
    assert (built.head_seq, built.head_hash) == head and built.generated_at == "2026-04-01T12:00:30"
    assert built.amended_rows == len(demo.amended)
    assert [r.number for r in built.rows if r.amended] == [str(n) for n in demo.amended]
    assert built.selection == "" and built.title == "" and built.name == ""


def test_a_person_is_found_under_any_name_and_counted_by_role(demo) -> None:
    entries, registry, _ = read_demo(demo)
    dave = report.person_summary("ned", entries, registry)
    assert dave.name == "Edward Haworth" and dave.count == 9
    assert "his brother" in dave.aliases  # merged, so counted as one
    assert len(dave.numbers) == 9 and dave.first <= dave.last
    hilda = report.person_summary("Hilda", entries, registry)
    assert hilda.count == 0 and hilda.also_witness == 5 and hilda.trend == "unknown"
    as_witness = report.person_summary("Hilda", entries, registry, roles=("subject", "witness", "other"))
    assert as_witness.count == 5 and as_witness.also_witness == 0


def test_a_correction_shows_in_its_row_with_what_it_was(demo) -> None:
    entries, registry, _ = read_demo(demo)
    [entry] = [e for e in entries if e.seq == demo.amended[0]]
    row = report.make_row(entry, registry)
    assert row.place == "the Lidl car park on Carlton Road"
    assert row.amended.startswith("place (was “") and "lid all car park" in row.amended
    assert report.corrected_columns(entry) == {"place"}
    assert row.time == report.when_text(entry) and row.entry_hash == entry.hash
    untouched = next(e for e in entries if e.seq not in demo.amended)
    assert report.make_row(untouched, registry).amended == "" and report.corrected_columns(untouched) == set()


def test_the_cover_carries_a_real_verification_and_the_rows_left_out(tmp_path: Path) -> None:
    from report_fixtures import damaged_report

    built, checked = damaged_report(tmp_path)
    assert built.integrity is checked and [r.number for r in built.rows] == ["1", "3"]
    assert not checked.ok and checked.seals_checked and re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){2}", checked.code)
    assert checked.summary.startswith("FAILED") and checked.problems
    assert all("Entry 2 (row 3)" in p for p in checked.problems)
    assert len(checked.left_out) == 1 and checked.left_out[0].startswith("entry 2 (row 3): ")


def test_a_sound_diary_has_a_passing_check_and_nothing_left_out(demo) -> None:
    from conftest import TEST_PASSPHRASE

    from voicelog.store.opening import open_for_reading

    with open_for_reading(demo.path, passphrase=TEST_PASSPHRASE) as book:
        checked = report.integrity(book.verify(), book.damaged.values())
    assert checked.ok and checked.problems == () and checked.left_out == () and checked.seals_checked
    assert checked.summary.endswith(f"(verification code {checked.code}).")
    entries, registry, head = read_demo(demo)
    assert report.build_report(entries, registry, head=head).integrity is None  # only when checked


def test_corrected_words_are_reported_marked_with_the_recognisers_in_the_note(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE

    from voicelog.app.amend import correct_words
    from voicelog.filters import Registry
    from voicelog.incident import Incident
    from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
    from voicelog.transcript import Transcript

    heard, meant = "my neighbor misses pen hollow saw him", "my neighbour Mrs Penhallow saw him"
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as diary:
        diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(heard, engine="vosk"),
                     incident=Incident(date="2026-03-29", location="moss line"), source="microphone")
    with open_for_reading(path, TEST_PASSPHRASE) as diary:
        correct_words(diary, 1, meant, changes={"location": "Moss Lane"}, note="misheard")
        entry, head = diary.get(1), diary.head()
    row = report.make_row(entry, Registry([]))
    assert row.what_happened == meant and row.place == "Moss Lane"
    assert row.amended.startswith("words, place (was “moss line”) corrected ") and ": misheard;" in row.amended
    assert row.amended.endswith(f"words as the recogniser heard them: “{heard}”")
    assert report.corrected_columns(entry) == {"what_happened", "place"}
    built = report.build_report([entry], Registry([]), head=head)
    assert built.amended_rows == 1 and f"“{heard}”" in report.render_md(built)
    with open_for_recording(path) as diary:  # a typed account's first words were typed, not heard
        diary.append(recorded_at=datetime(2026, 3, 31, 8, 0), transcript=Transcript(heard), source="typed",
                     incident=Incident(date="2026-03-31"))
    with open_for_reading(path, TEST_PASSPHRASE) as diary:
        typed = correct_words(diary, 2, meant).entry
    assert report.make_row(typed, Registry([])).amended.endswith(f"words as first typed: “{heard}”")


def test_the_police_log_fields_are_in_the_row_and_a_correction_of_one_is_named(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE
    from report_fixtures import police_log_diary

    from voicelog.filters import Registry
    from voicelog.store.opening import open_for_reading

    with open_for_reading(police_log_diary(tmp_path), TEST_PASSPHRASE) as diary:
        said, plain = diary.get(1), diary.get(2)
        assert diary.verify().ok
    row = report.make_row(said, Registry([]))
    assert row.vehicle == "white Kia Ceed, registration KD71 XRF"  # as corrected
    assert said.original is not None and said.original.vehicle == ("white Kia Ceed, registration KD71 XRT",)
    assert (row.address, row.witness_contact, row.reported) == (
        "3 Tanner Row", "Nadia Brook: 07700 900333", "police (101)")
    assert report.corrected_columns(said) == {"vehicle"}
    assert "vehicle corrected " in row.amended and row.amended.endswith(": the last letter is F")
    empty = report.make_row(plain, Registry([]))
    assert (empty.vehicle, empty.address, empty.witness_contact, empty.reported) == ("", "", "", "")
