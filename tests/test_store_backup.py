"""Backups (voicelog.store.backup): the diary and its key file as a pair, or nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_fixtures import PASS, append, new_sealed

from voicelog.cli import cli
from voicelog.errors import DiaryError, UsageError
from voicelog.store.backup import BackupResult, backup_diary
from voicelog.store.opening import init_diary, key_path, open_diary, open_for_reading


def test_a_sealed_diary_is_copied_with_its_key(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    append(sealed, "kept safe")
    usb = tmp_path / "usb"
    usb.mkdir()
    done = backup_diary(sealed, usb / "copy.db")
    assert done == BackupResult(usb / "copy.db", usb / "copy.db.key")
    assert key_path(usb / "copy.db").read_bytes() == key_path(sealed).read_bytes()
    assert {p.name: p.stat().st_mode & 0o777 for p in usb.iterdir()} == {"copy.db": 0o600, "copy.db.key": 0o600}
    with open_for_reading(usb / "copy.db", PASS) as copy:  # the pair is enough to read it elsewhere
        assert [e.transcript.text for e in copy.entries()] == ["kept safe"]
        result = copy.verify()
        assert result.ok and result.seals_checked and result.rows == 2  # the setup record and the entry


def test_a_plain_diary_has_no_key_to_copy(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    init_diary(plain, passphrase=None, plain=True)
    assert backup_diary(plain, tmp_path / "copy.db") == BackupResult(tmp_path / "copy.db", None)
    assert not key_path(tmp_path / "copy.db").exists()


def test_existing_files_are_never_overwritten(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    (tmp_path / "taken.db").write_bytes(b"someone's file")
    with pytest.raises(UsageError, match="already exists; choose a new file name"):
        backup_diary(sealed, tmp_path / "taken.db")
    key_path(tmp_path / "other.db").write_bytes(b"another diary's key")
    with pytest.raises(UsageError, match="other.db.key already exists"):
        backup_diary(sealed, tmp_path / "other.db")
    assert (tmp_path / "taken.db").read_bytes() == b"someone's file"
    assert key_path(tmp_path / "other.db").read_bytes() == b"another diary's key"
    assert not (tmp_path / "other.db").exists()


def test_no_half_backup_is_left_when_the_key_cannot_be_copied(tmp_path: Path) -> None:
    sealed = new_sealed(tmp_path)
    key = key_path(sealed)
    key.rename(tmp_path / "moved.key")
    key.mkdir()  # something that is not a readable key file where the key should be
    with pytest.raises(DiaryError, match="Could not copy the key file beside the backup .*no backup was left"):
        backup_diary(sealed, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists() and not key_path(tmp_path / "copy.db").exists()


def test_the_backup_command_reports_both_files(tmp_path: Path, voicelog_home: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    r = runner.invoke(cli, ["backup", str(tmp_path / "copy.db")])
    assert r.exit_code == 0, r.output
    assert f"Backed up to {tmp_path / 'copy.db'} and copy.db.key." in r.stderr
    r = runner.invoke(cli, ["backup", str(tmp_path / "copy.db")])
    assert r.exit_code == 2 and "already exists" in r.stderr


def test_the_backup_command_makes_a_missing_folder_private(tmp_path: Path, voicelog_home: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    dest = tmp_path / "usb" / "backups" / "diary.db"
    r = runner.invoke(cli, ["backup", str(dest)])
    assert r.exit_code == 0, r.output
    assert dest.is_file() and key_path(dest).is_file()
    for folder in (dest.parent, dest.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with open_diary(dest) as copy:
        assert copy.verify().ok


def test_a_failed_diary_copy_leaves_neither_half(tmp_path: Path) -> None:
    from voicelog.store.backup import partial_path

    sealed = new_sealed(tmp_path)
    append(sealed, "kept safe")
    dest = tmp_path / "usb" / "copy.db"
    dest.parent.mkdir()
    (partial_path(dest) / "in the way").mkdir(parents=True)  # the copy cannot be written where it goes first
    with pytest.raises(DiaryError, match=r"Could not write the backup .*copy.db .*nothing was left there"):
        backup_diary(sealed, dest)
    assert {p.name for p in dest.parent.iterdir()} == {".copy.db.part"}  # only what was in the way
    assert not dest.exists() and not key_path(dest).exists()


def test_what_a_killed_backup_leaves_is_reused_or_removed_by_the_next(tmp_path: Path) -> None:
    from voicelog.store.backup import partial_path

    sealed = new_sealed(tmp_path)
    append(sealed, "kept safe")
    dest = tmp_path / "copy.db"
    # A backup killed during the diary's copy: the key copy whole (written first), the diary's copy half made.
    key_path(dest).write_bytes(key_path(sealed).read_bytes())
    partial_path(dest).write_bytes(sealed.read_bytes()[:1000])
    assert backup_diary(sealed, dest) == BackupResult(dest, key_path(dest))
    assert not partial_path(dest).exists()
    with open_for_reading(dest, PASS) as copy:
        assert [e.transcript.text for e in copy.entries()] == ["kept safe"]
