"""The neutral name: chosen in the config file or the environment, said instead of "voicelog" and "stalking"."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_fixtures import report_with_cli

from voicelog.config import save_setting
from voicelog.demo import Demo
from voicelog.display_name import (
    check_name,
    display_name,
    neutral,
    report_kicker,
    service_description,
    service_unit,
)
from voicelog.errors import UsageError
from voicelog.paths import get_paths


@pytest.mark.parametrize(("text", "seen"), [
    ("Keep a stalking or harassment diary by speaking.", "Keep a diary by speaking."),
    ("Stalking and harassment diary · incident log", "Diary · incident log"),
    ('voicelog report --title "Incident diary"', 'notes report --title "Diary"'),
    ("Run `voicelog list`; voicelog-listen.service", "Run `notes list`; notes-listen.service"),
    # paths and environment variables keep their real spelling: they must still work when typed
    ("in ~/.local/share/voicelog/models (VOICELOG_HOME)", "in ~/.local/share/voicelog/models (VOICELOG_HOME)"),
    ("a stalker followed me", "a stalker followed me"),  # an account's own words are not the tool's
])
def test_a_neutral_name_hides_the_tool_and_what_the_diary_is_for(text: str, seen: str) -> None:
    assert neutral(text, "notes") == seen


def test_without_a_chosen_name_every_text_is_unchanged() -> None:
    text = "Keep a stalking or harassment diary by speaking with voicelog."
    assert display_name() == "voicelog"
    assert neutral(text) == text
    assert report_kicker() == "Stalking and harassment diary · incident log"


def test_the_config_file_chooses_the_name_and_the_environment_overrides_it(monkeypatch: pytest.MonkeyPatch) -> None:
    save_setting("display_name", "notes")
    assert display_name() == "notes"
    assert neutral("Keep a stalking or harassment diary with voicelog.") == "Keep a diary with notes."
    monkeypatch.setenv("VOICELOG_DISPLAY_NAME", "jottings")
    assert display_name() == "jottings"


def test_a_name_that_cannot_be_a_command_is_refused_and_never_breaks_help(monkeypatch: pytest.MonkeyPatch) -> None:
    for bad in ("My Notes", "notes; rm -rf /", "", "9lives", "a" * 40):
        with pytest.raises(UsageError, match="lower-case letters"):
            check_name(bad)
    assert check_name("my-notes") == "my-notes"
    monkeypatch.setenv("VOICELOG_DISPLAY_NAME", "My Notes")
    assert display_name() == "voicelog"  # help must always show: an unusable name falls back
    monkeypatch.delenv("VOICELOG_DISPLAY_NAME")
    get_paths().config_file.parent.mkdir(parents=True, exist_ok=True)
    get_paths().config_file.write_text("display_name = [broken\n", encoding="utf-8")
    assert display_name() == "voicelog"


def test_the_service_unit_is_named_as_install_pi_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert service_unit("listen") == "voicelog-listen.service"
    monkeypatch.setenv("VOICELOG_DISPLAY_NAME", "notes")
    assert service_unit("listen") == "notes-listen.service"
    assert service_unit("import", "jottings") == "jottings-import.service"


def test_service_descriptions_say_the_chosen_name() -> None:
    assert service_description("listen", "notes") == "notes hands-free diary (waits for a private phrase)"
    assert service_description("import", "notes", folder="/srv/inbox") == \
        "notes phone inbox (stores new recordings from /srv/inbox)"
    assert service_description("listen", "voicelog").startswith("voicelog ")
    with pytest.raises(UsageError, match="no 'record' service"):
        service_description("record", "notes")


def test_the_report_cover_says_the_neutral_name_not_stalking(demo: Demo, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "neutral").mkdir()
    plain = report_with_cli(demo, tmp_path / "plain", "html").read_text(encoding="utf-8")
    assert "Stalking and harassment diary · incident log" in plain
    save_setting("display_name", "notes")
    page = report_with_cli(demo, tmp_path / "neutral", "html").read_text(encoding="utf-8")
    assert '<div class="kicker">Diary · incident log</div>' in page
    assert "stalking" not in page.lower()
