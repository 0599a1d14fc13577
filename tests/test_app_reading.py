"""``voicelog.app.reading``: opened once to read, the passphrase asked only when sealed, the registry applied."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.reading import open_to_read, readable_people
from voicelog.app.recorder import store_account
from voicelog.errors import LockedError, WrongPassphrase
from voicelog.store.opening import init_diary, open_for_recording
from voicelog.transcript import Transcript

WHEN = datetime(2026, 3, 30, 21, 47)


def test_a_plain_diary_never_asks(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    init_diary(path, passphrase=None, plain=True)
    asked: list[bool] = []

    def ask() -> str | None:
        asked.append(True)
        return None

    with open_to_read(path, ask).diary as diary:
        assert diary.count() == 0
    assert asked == []
    assert readable_people(path) == []


def test_a_sealed_diary_asks_once_and_refuses_without_or_with_a_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "sealed.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    asked: list[bool] = []

    def ask() -> str | None:
        asked.append(True)
        return TEST_PASSPHRASE

    with open_to_read(path, ask).diary as diary:
        assert diary.opener is not None
    assert asked == [True]
    with pytest.raises(LockedError, match="passphrase"):
        open_to_read(path, lambda: None)
    with pytest.raises(WrongPassphrase):
        open_to_read(path, "not the passphrase")


def test_entries_recorded_while_locked_get_the_registry_at_unlock(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sealed.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_to_read(path, TEST_PASSPHRASE).diary as diary:
        diary.add_person("Colin Mowbray", ["my ex"])
    with open_for_recording(path) as diary:  # locked: the registry cannot be read while recording
        locked = store_account(diary, Transcript("yesterday at nine my ex followed me home"), recorded_at=WHEN,
                               source="typed")
    assert locked.incident.people == ()
    opened = open_to_read(path, TEST_PASSPHRASE)
    with opened.diary as diary:
        assert opened.registry_applied == (1,)
        assert [p.name for p in diary.get(1).incident.people] == ["Colin Mowbray"]
    again = open_to_read(path, TEST_PASSPHRASE)  # applied once: the next unlock has nothing to do
    with again.diary:
        assert again.registry_applied == ()
    monkeypatch.setenv("VOICELOG_PASSPHRASE", TEST_PASSPHRASE)
    assert [p.name for p in readable_people(path)] == ["Colin Mowbray"]
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    assert readable_people(path) == []  # sealed and no passphrase: extraction goes on without the list
