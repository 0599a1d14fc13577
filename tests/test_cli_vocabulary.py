"""`voicelog vocabulary` (voicelog.cli.vocabulary), in-process: the words the recorder expects, the plain copy."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TEST_PASSPHRASE
from listen_fixtures import scene

from voicelog.app.plain_vocabulary import plain_path
from voicelog.cli import cli
from voicelog.store.opening import init_diary, open_for_reading


def _diary(tmp_path: Path) -> Path:
    db = tmp_path / "d.db"
    init_diary(db, passphrase=TEST_PASSPHRASE)
    with open_for_reading(db, TEST_PASSPHRASE) as diary:
        diary.add_person("Tadhg Burke", ["my ex"])
    return db


def _run(*args: str, stdin: str | None = None, passphrase: str | None = TEST_PASSPHRASE) -> Result:
    return CliRunner().invoke(cli, ["vocabulary", *args], input=stdin, env={"VOICELOG_PASSPHRASE": passphrase})


def test_it_shows_the_words_the_recorder_expects(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    r = _run("--diary", str(db))
    assert r.exit_code == 0, r.stderr
    assert "Names: Tadhg Burke" in r.stdout and "Places: (none confirmed yet)" in r.stdout
    r = _run("--diary", str(db), "--json")
    assert json.loads(r.stdout) == {"plain": False, "names": ["Tadhg Burke"], "places": []}
    assert not plain_path(db).exists()


def test_turning_the_plain_copy_on_warns_and_asks_first(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    r = _run("--plain", "on", "--diary", str(db), stdin="n\n")
    assert r.exit_code == 0, r.stderr
    assert "NOT sealed" in r.stderr and "see who your diary is about" in r.stderr
    assert "Nothing was written." in r.stderr and not plain_path(db).exists()

    r = _run("--plain", "on", "--diary", str(db), stdin="y\n")
    assert r.exit_code == 0, r.stderr
    assert "Wrote the plain recorder vocabulary" in r.stderr and "1 names" in r.stderr
    assert stat.S_IMODE(plain_path(db).stat().st_mode) == 0o600
    assert "name: Tadhg Burke" in plain_path(db).read_text()


def test_show_needs_no_passphrase_and_off_deletes_it(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    r = _run("--plain", "show", "--diary", str(db), passphrase=None)
    assert r.exit_code == 0 and "No plain recorder vocabulary is kept" in r.stderr
    assert _run("--plain", "on", "--yes", "--diary", str(db)).exit_code == 0
    r = _run("--plain", "show", "--diary", str(db), "--json", passphrase=None)
    assert json.loads(r.stdout) == {"plain": True, "path": str(plain_path(db)), "names": ["Tadhg Burke"],
                                    "places": []}
    r = _run("--plain", "off", "--diary", str(db), passphrase=None)
    assert r.exit_code == 0 and "Deleted the plain recorder vocabulary" in r.stderr
    assert not plain_path(db).exists()
    r = _run("--plain", "off", "--diary", str(db), passphrase=None)
    assert r.exit_code == 0 and "nothing to delete" in r.stderr


def test_a_wrong_passphrase_writes_nothing(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    r = _run("--plain", "on", "--yes", "--diary", str(db), passphrase="not the passphrase")
    assert r.exit_code != 0
    assert not plain_path(db).exists()


@pytest.mark.slow
def test_the_locked_recorder_hears_the_name_with_the_plain_copy_on(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    wav = scene(["Tadhg came to my door at ten and would not leave."], tmp_path / "said.wav")

    def dictate_locked() -> str:
        r = CliRunner().invoke(cli, ["dictate", "--file", str(wav), "--engine", "whisper", "--diary", str(db),
                                     "--json"], env={"VOICELOG_PASSPHRASE": None})
        assert r.exit_code == 0, r.stderr
        return str(json.loads(r.stdout)["transcript"]["text"])

    assert "Tadhg" not in dictate_locked()  # the registry is sealed: the name is heard as other words
    assert _run("--plain", "on", "--yes", "--diary", str(db)).exit_code == 0
    assert "Tadhg" in dictate_locked()  # still locked, primed from the plain copy
