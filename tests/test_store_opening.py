"""Opening a diary with the right keys (voicelog.store.opening), and diaries written before the store moved."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from store_fixtures import INCIDENT, PASS, WHEN, append, new_sealed, tamper, transcript

from voicelog.errors import (
    DiaryError,
    LockedError,
    UsageError,
    VaultError,
    WrongPassphrase,
)
from voicelog.store import keys
from voicelog.store.journal_reader import find_journals, read_journal
from voicelog.store.opening import (
    change_passphrase,
    init_diary,
    is_sealed,
    journal_dir,
    key_path,
    open_diary,
    open_for_reading,
    open_for_recording,
)

OLD = Path(__file__).parent / "fixtures" / "store_v1"
"""A sealed diary, its key file and a journal, and a plain diary, written by voicelog before ``voicelog.store``."""
OLD_PASS = "old diary passphrase"
LATER = datetime(2026, 3, 28, 12, 0)


def test_the_files_of_a_diary_sit_beside_it(tmp_path: Path) -> None:
    assert key_path(tmp_path / "diary.db") == tmp_path / "diary.db.key"
    assert journal_dir(tmp_path / "diary.db") == tmp_path / "diary.db.journal"


def test_recording_needs_only_the_public_key(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    with open_for_recording(sealed) as diary:
        assert diary.sealer is not None and diary.opener is None
    with open_for_recording(sealed, passphrase=PASS) as diary:
        assert diary.opener is not None  # unlocked too: the people registry can be used while recording
        assert diary.people() == []
    with pytest.raises(WrongPassphrase):
        open_for_recording(sealed, passphrase="not it")


def test_reading_a_sealed_diary_needs_the_passphrase(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    append(sealed, "he followed me")
    for missing in (None, "", lambda: None):
        with pytest.raises(LockedError, match="This diary is sealed: reading it needs your passphrase"):
            open_for_reading(sealed, missing)
    with pytest.raises(WrongPassphrase, match="does not unlock"):
        open_for_reading(sealed, "not it")
    asked: list[str] = []

    def ask() -> str:
        asked.append("asked")
        return PASS

    with open_for_reading(sealed, ask) as diary:
        assert diary.entries()[0].transcript.text == "he followed me"
        diary.amend(1, note="written while unlocked")  # reading also seals what it appends
    assert asked == ["asked"]


def test_a_plain_diary_never_asks(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    init_diary(plain, passphrase=None, plain=True)

    def ask() -> str:
        raise AssertionError("a plain diary asked for a passphrase")

    with open_for_reading(plain, ask) as diary:
        assert diary.entries() == []
    assert not is_sealed(plain) and not key_path(plain).exists()
    with pytest.raises(VaultError, match="plain \\(not sealed\\)"):
        change_passphrase(plain, "a", "b")


def test_init_refuses_an_empty_passphrase_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not empty"):
        init_diary(tmp_path / "d.db", passphrase="")
    assert list(tmp_path.iterdir()) == []


def test_a_diary_that_fails_to_appear_leaves_no_orphan_key(tmp_path: Path) -> None:
    (tmp_path / "d.db").symlink_to(tmp_path / "gone" / "d.db")  # the diary file cannot be created there
    with pytest.raises(DiaryError, match="Cannot create the diary"):
        init_diary(tmp_path / "d.db", passphrase=PASS)
    assert not key_path(tmp_path / "d.db").exists()


def test_change_passphrase(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    append(sealed, "before the change")
    assert is_sealed(sealed) and not is_sealed(tmp_path / "none.db")
    change_passphrase(sealed, PASS, "a brand new phrase")
    with pytest.raises(WrongPassphrase):
        open_for_reading(sealed, PASS)
    with open_for_reading(sealed, "a brand new phrase") as diary:
        assert diary.entries()[0].transcript.text == "before the change"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    copy = tmp_path / "old"
    shutil.copytree(OLD, copy)
    return copy


def test_a_diary_written_before_the_store_moved_still_opens_verifies_and_reads(old: Path) -> None:
    with open_diary(old / "diary.db") as locked:
        result = locked.verify()  # two entries and an amendment, made before forward-secure sealing
        assert result.ok and result.rows == 3 and result.sealed_from is None
    with open_for_reading(old / "diary.db", OLD_PASS) as diary:
        first, second = diary.entries()
        assert first.transcript.text == "john smith followed me home"
        assert first.incident.location == "Mill Lane" and first.original is not None
        assert diary.audio(1) == b"fLaC-not-really-audio"
        assert not second.registry_applied
        assert [(p.name, p.aliases) for p in diary.people()] == [("John Smith", ("my ex",))]
        diary.amend(2, note="still appends after the old rows")
    with open_for_recording(old / "diary.db") as diary:
        diary.append(recorded_at=LATER, transcript=first.transcript, incident=first.incident, source="text")
    with open_diary(old / "diary.db") as locked:
        assert locked.verify().ok and locked.verify().rows == 5
    with open_for_reading(old / "plain.db", None) as plain:
        assert [e.transcript.text for e in plain.entries()] == ["kept in clear"]


def test_a_journal_written_before_the_store_moved_still_reads(old: Path) -> None:
    [path] = find_journals(journal_dir(old / "diary.db"))
    with open_for_reading(old / "diary.db", OLD_PASS) as diary:
        assert diary.opener is not None
        journal = read_journal(path, diary.opener)
    assert journal.pcm == bytes(range(256)) * 100
    assert journal.sample_rate == 16000 and not journal.complete and not journal.damaged
    assert dict(journal.meta) == {"keep_audio": False}


# -- passwd moves the diary to a new key pair -------------------------------------------------------------

NEW_PASS = "walnut lantern seventeen orbit"


def _sealed_records(path: Path) -> set[bytes]:
    """Every sealed record in the diary file, whatever table and column holds it."""
    conn = sqlite3.connect(path)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {bytes(value) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')
                for value in row if isinstance(value, bytes) and value.startswith(keys.SEALED_MAGIC)}
    finally:
        conn.close()


def test_passwd_keeps_every_entry_readable_under_the_new_passphrase(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    append(sealed, "before the change")
    public = change_passphrase(sealed, PASS, NEW_PASS)
    assert public == bytes(keys.load_sealer(key_path(sealed)).public_key)
    append(sealed, "after the change")
    with open_for_reading(sealed, NEW_PASS) as diary:
        assert [e.transcript.text for e in diary.entries()] == ["before the change", "after the change"]
    with pytest.raises(WrongPassphrase):
        open_for_reading(sealed, PASS)


def test_an_old_key_file_and_the_old_passphrase_open_nothing_written_after_passwd(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    append(sealed, "before the change")
    taken = tmp_path / "taken.key"  # the copy an ex-partner made, who also knows the old passphrase
    shutil.copyfile(key_path(sealed), taken)
    before = _sealed_records(sealed)
    change_passphrase(sealed, PASS, NEW_PASS)
    append(sealed, "my new address is 4 Elm Road")
    written_after = _sealed_records(sealed) - before
    assert written_after
    old, new = keys.unlock(taken, PASS), keys.unlock(key_path(sealed), NEW_PASS)
    for record in written_after:
        new.open(record)
        with pytest.raises(VaultError):
            old.open(record)
    for record in before:  # what they could read before, they still can: it is what they had
        assert old.open(record) == new.open(record)


def test_two_passwd_in_a_row(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    phrases = [PASS, "second passphrase of four words", NEW_PASS]
    for i, (old, new) in enumerate(itertools.pairwise(phrases)):
        append(sealed, f"entry {i}")
        change_passphrase(sealed, old, new)
    append(sealed, "entry 2")
    with open_for_reading(sealed, NEW_PASS) as diary:
        assert [e.transcript.text for e in diary.entries()] == ["entry 0", "entry 1", "entry 2"]
    for phrase in phrases[:-1]:
        with pytest.raises(WrongPassphrase):
            open_for_reading(sealed, phrase)


def test_passwd_upgrades_a_diary_written_before_the_store_moved(old: Path) -> None:
    diary = old / "diary.db"
    change_passphrase(diary, OLD_PASS, NEW_PASS)
    assert json.loads(key_path(diary).read_text())["format"] == "voicelog-key-2"
    with open_for_reading(diary, NEW_PASS) as reading:
        assert [e.transcript.text for e in reading.entries()][0] == "john smith followed me home"
        assert [p.name for p in reading.people()] == ["John Smith"]
        assert reading.opener is not None
        [journal] = find_journals(journal_dir(diary))  # a recording cut short before the change: still recoverable
        assert read_journal(journal, reading.opener).pcm == bytes(range(256)) * 100


def test_passwd_refuses_a_wrong_old_passphrase_and_changes_nothing(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    before = key_path(sealed).read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(sealed, "not the passphrase", NEW_PASS)
    assert key_path(sealed).read_bytes() == before


# -- the key and the mode are pinned in the chain -----------------------------------------------------------


def test_a_swapped_key_file_never_gets_an_account_and_reading_says_what_happened(tmp_path: Path) -> None:
    """The attack of issue 10: the person's own key file replaced by one whose private key another holds."""
    sealed = new_sealed(tmp_path)
    append(sealed, "before the swap")
    original = key_path(sealed).read_bytes()
    key_path(sealed).unlink()
    theirs = keys.create_keys(key_path(sealed), "their own long passphrase")
    with open_for_recording(sealed) as diary:  # the next `dictate`: no passphrase, by design
        assert any("holds a different key" in w for w in diary.warnings)
        diary.append(recorded_at=WHEN, transcript=transcript("after the swap"), incident=INCIDENT, source="text")
        stored = diary.db.execute("SELECT content FROM entries ORDER BY seq DESC LIMIT 1").fetchone()[0]
    with pytest.raises(VaultError):  # not sealed to the key that was slipped in
        keys.unlock(key_path(sealed), "their own long passphrase").open(stored)
    assert bytes(theirs.public_key) not in stored
    with pytest.raises(VaultError, match="is not this diary's key.*replaced"):
        open_for_reading(sealed, PASS)
    key_path(sealed).write_bytes(original)  # the owner restores the key file: nothing was lost
    with open_for_reading(sealed, PASS) as diary:
        assert [e.transcript.text for e in diary.entries()] == ["before the swap", "after the swap"]
        assert diary.verify().ok and not diary.warnings


def test_a_missing_key_file_still_records_to_the_pinned_key(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    original = key_path(sealed).read_bytes()
    key_path(sealed).unlink()
    with open_for_recording(sealed) as diary:
        assert any("missing or damaged" in w for w in diary.warnings)
        diary.append(recorded_at=WHEN, transcript=transcript("kept anyway"), incident=INCIDENT, source="text")
    key_path(sealed).write_bytes(original)
    with open_for_reading(sealed, PASS) as diary:
        assert [e.transcript.text for e in diary.entries()] == ["kept anyway"]


def test_a_mode_downgrade_is_refused_and_said(tmp_path: Path) -> None:
    """`UPDATE meta SET value='plain'` once made later entries readable; the pinned mode wins."""
    sealed = new_sealed(tmp_path)
    tamper(sealed, "UPDATE meta SET value = 'plain' WHERE key = 'mode'")
    with open_for_recording(sealed) as diary:
        assert diary.sealed and any("kept sealed, as it was set up" in w for w in diary.warnings)
        diary.append(recorded_at=WHEN, transcript=transcript("grep cannot find this"), incident=INCIDENT,
                     source="text")
    assert b"grep cannot find this" not in sealed.read_bytes()
    assert not any(b"grep cannot find this" in p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    with open_for_reading(sealed, PASS) as diary:
        assert [e.transcript.text for e in diary.entries()] == ["grep cannot find this"]
