"""voicelog.corrections: the field names a person uses, the form review and `amend --edit` show, and where
`amend --edit` may put the file it hands to an editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicelog import corrections
from voicelog.incident import Incident


def test_ram_folder_is_only_ever_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # a folder on disk is passed over
    found = corrections.ram_folder()
    assert found is None or found != tmp_path


def test_one_set_of_field_names_with_the_stored_ones_as_aliases() -> None:
    from voicelog.errors import UsageError

    assert corrections.NAMES == ("date", "time", "approximate", "period", "place", "people", "categories",
                                 "impact", "evidence", "police", "address", "vehicle", "contact", "reported")
    shown = [n for n in corrections.NAMES if n not in ("approximate", "period")]
    assert [name for name, _ in corrections.FORM] == shown
    for key in ("place", "location", "where", "Place"):
        assert corrections.parse_set([f"{key}=Moss Lane"]) == {"location": "Moss Lane"}
    assert corrections.parse_set(["approximate=yes"]) == corrections.parse_set(["time_approximate=y"])
    assert corrections.validate_changes({"place": "Moss Lane"}) == {"location": "Moss Lane"}
    with pytest.raises(UsageError) as refused:
        corrections.parse_set(["mood=sad"])
    assert str(refused.value).endswith(", ".join(corrections.NAMES) + ".")  # errors say what help says
    for bad, said in ((["approximate=maybe"], "approximate 'maybe' must be yes or no"),):
        with pytest.raises(UsageError, match=said):
            corrections.parse_set(bad)
    with pytest.raises(UsageError, match="^place must be text"):
        corrections.validate_changes({"location": 3})
    with pytest.raises(UsageError, match="place is given twice"):
        corrections.validate_changes({"place": "a", "location": "b"})


def test_the_amend_help_lists_the_same_names() -> None:
    from click.testing import CliRunner

    from voicelog.cli import cli

    help_text = " ".join(CliRunner().invoke(cli, ["amend", "--help"]).stdout.split())
    assert ", ".join(corrections.NAMES) in help_text


def test_form_text_round_trips_into_amendments() -> None:
    from voicelog.errors import UsageError
    from voicelog.incident import Incident, PersonRef

    before = corrections.form_values(Incident(date="2026-03-24", time="21:30", time_approximate=True,
                                              location="Carlton Road", people=(PersonRef("Colin Mowbray", "subject"),)))
    assert before["time"] == "~21:30" and before["people"] == "Colin Mowbray:subject" and before["police"] == ""
    assert corrections.form_changes(before, dict(before)) == {}
    after = {**before, "time": "21:45", "people": "Colin Mowbray:subject, Hilda:witness", "evidence": "photo; cctv"}
    assert corrections.form_changes(before, after) == {
        "time_approximate": False, "time": "21:45",
        "people": [{"name": "Colin Mowbray", "role": "subject"}, {"name": "Hilda", "role": "witness"}],
        "evidence": ["photo", "cctv"],
    }
    assert corrections.form_changes(before, {**before, "time": "", "place": ""}) == {"time": None, "location": None}
    with pytest.raises(UsageError, match="role"):
        corrections.form_changes(before, {**before, "people": "Colin Mowbray:boss"})
    with pytest.raises(UsageError, match="24-hour"):
        corrections.form_changes(before, {**before, "time": "~25:00"})


def test_the_police_log_fields_are_lists_split_at_semicolons_and_checked() -> None:
    from voicelog.errors import UsageError

    assert corrections.parse_set(["vehicle=white van; red Kia Picanto, registration BD68 HKP", "reported="]) == {
        "vehicle": ["white van", "red Kia Picanto, registration BD68 HKP"], "reported": []}
    assert corrections.parse_set(["witness_contact=Nadia Brook: 07700 900333"]) == {
        "contact": ["Nadia Brook: 07700 900333"]}
    with pytest.raises(UsageError, match="address must be a list of text"):
        corrections.validate_changes({"address": "3 Tanner Row"})
    shown = corrections.form_values(Incident(address=("3 Tanner Row", "BN3 5UX"), contact=("Nadia: 07700 900333",)))
    assert shown["address"] == "3 Tanner Row; BN3 5UX" and shown["contact"] == "Nadia: 07700 900333"
    assert corrections.form_changes(shown, {**shown, "address": "3 Tanner Row"}) == {"address": ["3 Tanner Row"]}
