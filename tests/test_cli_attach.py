"""``voicelog attach`` and ``voicelog exhibits`` on real sealed diaries, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog.cli import cli
from voicelog.store.opening import init_diary, open_diary

JPEG = b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"a photo of the car outside" + b"\0" * 32


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["write", "--diary", str(path), "-q"], input="He parked outside at nine.\n")
    assert r.exit_code == 0, r.output
    return path


def _photo(tmp_path: Path) -> Path:
    photo = tmp_path / "car.jpg"
    photo.write_bytes(JPEG)
    return photo


def test_attach_needs_no_passphrase_and_says_what_it_sealed(diary: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    photo = _photo(tmp_path)
    r = CliRunner().invoke(cli, ["attach", "1", str(photo), "--diary", str(diary), "--remove-original"])
    assert r.exit_code == 0, r.output
    assert "Sealed car.jpg to entry 1 as exhibit 1 (image/jpeg" in r.stderr
    assert "Deleted the original" in r.stderr and not photo.exists()
    with open_diary(diary) as d:
        assert d.verify().ok


def test_exhibits_lists_as_json_and_writes_out_without_overwriting(diary: Path, tmp_path: Path) -> None:
    CliRunner().invoke(cli, ["attach", "1", str(_photo(tmp_path)), "--diary", str(diary)])
    r = CliRunner().invoke(cli, ["exhibits", "--json", "--diary", str(diary)])
    assert r.exit_code == 0, r.output
    listed = json.loads(r.stdout)
    assert [(x["exhibit"], x["entry"], x["name"], x["type"], x["size"]) for x in listed] == [
        (1, 1, "car.jpg", "image/jpeg", len(JPEG))]
    out = tmp_path / "evidence"
    for expected in ("exhibit-1-car.jpg", "exhibit-1-car (2).jpg"):
        r = CliRunner().invoke(cli, ["exhibits", "1", "--out", str(out), "--json", "--diary", str(diary)])
        assert r.exit_code == 0, r.output
        assert Path(json.loads(r.stdout)[0]["path"]).name == expected
        assert (out / expected).read_bytes() == JPEG


def test_exhibits_with_a_wrong_passphrase_writes_nothing(diary: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    CliRunner().invoke(cli, ["attach", "1", str(_photo(tmp_path)), "--diary", str(diary)])
    monkeypatch.setenv("VOICELOG_PASSPHRASE", "not the passphrase at all")
    out = tmp_path / "evidence"
    r = CliRunner().invoke(cli, ["exhibits", "--out", str(out), "--diary", str(diary)])
    assert r.exit_code != 0 and "passphrase" in r.stderr.lower()
    assert not out.exists()


def test_a_missing_entry_or_file_is_one_clear_sentence(diary: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["attach", "7", str(_photo(tmp_path)), "--diary", str(diary)])
    assert r.exit_code != 0 and "There is no entry 7" in r.stderr and "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["attach", "1", str(tmp_path / "gone.png"), "--diary", str(diary)])
    assert r.exit_code != 0 and "There is no file" in r.stderr


def test_an_entry_that_could_not_be_stored_says_its_files_were_not_attached(tmp_path: Path) -> None:
    import sqlite3

    from voicelog.cli.attach import unattached_if_not_stored
    from voicelog.errors import DiaryError
    from voicelog.store.schema import write_error

    photo = _photo(tmp_path)
    full = write_error(tmp_path / "diary.db", sqlite3.OperationalError("database or disk is full"))
    with pytest.raises(DiaryError) as err, unattached_if_not_stored([photo]):
        raise full
    said = str(err.value)
    assert said.startswith("The disk holding") and f"None of the files to attach ({photo.name}) was attached" in said
    assert "voicelog attach N FILE" in said and photo.exists()
    with pytest.raises(DiaryError) as err, unattached_if_not_stored([]):
        raise write_error(tmp_path / "diary.db", sqlite3.OperationalError("database or disk is full"))
    assert "attach" not in str(err.value)  # nothing to attach, nothing said about it
