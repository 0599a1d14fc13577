"""`voicelog import` (voicelog.cli.inbox): a phone's folder imported twice through the command, in-process."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE
from phone_fixtures import PHONE_FORMATS, speech, write_recording

from voicelog.cli import cli
from voicelog.store.opening import init_diary, open_diary

AN_HOUR_AGO = time.time() - 3600


def _diary(tmp_path: Path) -> Path:
    db = tmp_path / "d.db"
    init_diary(db, passphrase=TEST_PASSPHRASE)
    return db


def test_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["import", str(tmp_path / "Sync"), "--diary", str(_diary(tmp_path))])
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"Error: The inbox {tmp_path / 'Sync'} does not exist; give the folder your "
                                "phone's recordings arrive in.")


def test_delete_imported_without_audio_is_refused_before_anything(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    r = CliRunner().invoke(cli, ["import", str(tmp_path / "in"), "--delete-imported", "--no-audio",
                                 "--diary", str(_diary(tmp_path))])
    assert r.exit_code == 2 and "--no-audio keeps none" in r.stderr


@pytest.mark.slow
def test_import_twice_through_the_command(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    inbox = tmp_path / "Sync" / "Recordings"
    inbox.mkdir(parents=True)
    samples, rate = speech(EXAMPLE_WAV)
    memo = write_recording(inbox / "Recording 12.m4a", PHONE_FORMATS["m4a"], samples, rate,
                           metadata={"creation_time": "2026-03-14T09:12:00Z"})
    (inbox / "IMG_0412.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    (inbox / ".syncthing.Recording 13.m4a.tmp").write_bytes(bytes(100))
    for p in (memo, inbox / "IMG_0412.jpg"):
        os.utime(p, (AN_HOUR_AGO, AN_HOUR_AGO))
    args = ["import", str(inbox), "--diary", str(db), "--engine", "whisper"]

    r = CliRunner().invoke(cli, [*args, "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["counts"] == {"stored": 1, "already imported": 0, "waiting": 1, "refused": 1, "not stored": 0}
    assert "Recording 12.m4a: stored as entry 1, dated 2026-03-14" in r.stderr
    assert "IMG_0412.jpg: not imported:" in r.stderr and "it looks like a JPEG image" in r.stderr
    assert ".syncthing.Recording 13.m4a.tmp: left for next time" in r.stderr
    assert r.stderr.strip().endswith(f"{inbox}: 1 stored, 1 left for next time, 1 could not be imported.")

    r = CliRunner().invoke(cli, [*args, "--quiet"])
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == f"{inbox}: 0 stored, 1 imported before, 1 left for next time, 1 could not be " \
                               "imported."
    with open_diary(db) as diary:
        assert diary.count() == 1
