"""A sealed diary end to end through the `voicelog` command: nothing readable on disk, passphrases, tampering,
crashes, a full disk. In-process (click's CliRunner) except where a separate process is the point: a SIGKILL while
recording, and a file-size limit standing in for a full disk."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import (
    EXAMPLE_WAV,
    ROOT,
    TEST_PASSPHRASE,
    files_containing,
    start_dictating,
    wait_for_journal,
)

from voicelog.cli import cli
from voicelog.store.opening import open_diary

UNIQUE = "pomegranate"


def _voicelog(*args: str) -> Result:
    """`voicelog ARGS` run in-process."""
    return CliRunner().invoke(cli, list(args))


def _without_passphrase() -> dict:
    env = os.environ.copy()
    env.pop("VOICELOG_PASSPHRASE", None)
    return env


@pytest.fixture
def no_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """No VOICELOG_PASSPHRASE: a diary is unlocked only by --passphrase-file."""
    monkeypatch.delenv("VOICELOG_PASSPHRASE")


@pytest.fixture
def whisper() -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")


@pytest.fixture(scope="module")
def unique_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wav = tmp_path_factory.mktemp("wav") / "unique.wav"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_example.py"), "--out", str(wav), "--text",
         f"Yesterday evening a man left a {UNIQUE} on my doorstep with a note. I was scared."],
        check=True, capture_output=True,
    )
    return wav


@pytest.mark.slow  # Piper makes the speech, Whisper hears it
def test_no_word_of_an_account_is_on_disk_until_unlocked(unique_wav: Path, voicelog_home: Path, tmp_path: Path,
                                                         no_passphrase: None, whisper: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(TEST_PASSPHRASE + "\n")
    system_tmp = Path(tempfile.gettempdir())
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))  # every temporary file, from Python or C, lands here
    monkeypatch.setattr(tempfile, "tempdir", None)
    r = _voicelog("init", "--passphrase-file", str(secret))
    assert r.exit_code == 0, r.output
    # dictate needs no passphrase: it seals with the public key
    r = _voicelog("dictate", "--file", str(unique_wav), "--engine", "whisper", "--recorded-at", "2026-03-30T21:47",
                  "--json")
    assert r.exit_code == 0, r.output
    assert UNIQUE in r.stdout.lower()  # the person sees their own entry printed
    db = voicelog_home / "diary.db"
    dump = tmp_path / "diary.dump"
    conn = sqlite3.connect(db)
    dump.write_text("\n".join(conn.iterdump()))
    conn.close()
    assert files_containing([voicelog_home, tmp, system_tmp / "voicelog"], (UNIQUE,)) == []
    assert UNIQUE.encode() not in dump.read_bytes().lower()
    # reading without the passphrase refuses; the wrong one refuses and changes nothing
    before = {p.name: p.read_bytes() for p in voicelog_home.iterdir() if p.is_file()}
    r = _voicelog("list")
    assert r.exit_code == 2 and "passphrase" in r.stderr and UNIQUE not in r.output
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    r = _voicelog("search", UNIQUE, "--passphrase-file", str(wrong))
    assert r.exit_code == 2 and "does not unlock" in r.stderr
    assert UNIQUE not in r.output
    assert {p.name: p.read_bytes() for p in voicelog_home.iterdir() if p.is_file()} == before
    # with it, the word is found
    r = _voicelog("search", UNIQUE, "--json", "--passphrase-file", str(secret))
    assert r.exit_code == 0, r.output
    assert [e["seq"] for e in json.loads(r.stdout)] == [1]


@pytest.mark.slow  # Whisper
def test_kept_audio_comes_back(voicelog_home: Path, tmp_path: Path, whisper: None) -> None:
    r = _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at", "2026-03-26T22:05")
    assert r.exit_code == 0, r.output
    out = tmp_path / "back.wav"
    r = _voicelog("audio", "1", "--out", str(out))
    assert r.exit_code == 0, r.output
    from voicelog.audio import read_wav

    back, original = read_wav(out), read_wav(EXAMPLE_WAV)
    assert abs(len(back) - len(original)) <= 1
    assert (back == original).all()  # FLAC is lossless


def test_passwd_moves_to_a_new_key_without_resealing(tmp_path: Path, voicelog_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    r = _voicelog("people", "add", "Colin Mowbray", "--alias", "my ex")
    assert r.exit_code == 0, r.output
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n")
    with open_diary(voicelog_home / "diary.db") as before:
        rows_before = before.db.execute("SELECT seq, content, audio, hash FROM entries ORDER BY seq").fetchall()
    r = _voicelog("passwd", "--new-passphrase-file", str(new))
    assert r.exit_code == 0, r.output
    with open_diary(voicelog_home / "diary.db") as after:  # nothing re-sealed: one row added, pinning the new key
        rows_after = after.db.execute("SELECT seq, content, audio, hash FROM entries ORDER BY seq").fetchall()
        assert rows_after[:-1] == rows_before
        assert after.db.execute("SELECT kind FROM entries ORDER BY seq DESC").fetchone()[0] == "key"
        assert after.verify().ok
    assert _voicelog("people", "list").exit_code == 2  # the old one no longer unlocks
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    r = _voicelog("people", "list", "--json", "--passphrase-file", str(new))
    assert json.loads(r.stdout) == [{"name": "Colin Mowbray", "aliases": ["my ex"]}]


@pytest.mark.slow  # Whisper
def test_verify_command_names_the_changed_entry(voicelog_home: Path, whisper: None, no_passphrase: None) -> None:
    assert _voicelog("init", "--passphrase-file", str(_secret(voicelog_home.parent))).exit_code == 0
    for when in ("2026-03-20T10:00", "2026-03-21T10:00", "2026-03-22T10:00"):
        assert _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at", when,
                         "--no-audio", "-q").exit_code == 0
    r = _voicelog("verify")
    assert r.exit_code == 0 and "All 4 rows fit" in r.stdout  # the setup record and three entries
    conn = sqlite3.connect(voicelog_home / "diary.db")
    conn.execute("UPDATE entries SET recorded_at = '2026-03-19T10:00:00' WHERE seq = 2")  # a time slipped in
    conn.commit()
    conn.close()
    r = _voicelog("verify", "--json")
    assert r.exit_code == 3
    assert json.loads(r.stdout)["problem"]["seq"] == 2


def _secret(folder: Path) -> Path:
    path = folder / "secret.txt"
    path.write_text(TEST_PASSPHRASE + "\n")
    return path


@pytest.mark.slow  # a voicelog process on the virtual microphone, killed; Whisper
def test_sigkill_while_recording_is_recovered(voicelog_home: Path, whisper: None) -> None:
    from virtmic import VirtualMic, skip_without_pulseaudio

    skip_without_pulseaudio()
    assert _voicelog("init").exit_code == 0
    env = _without_passphrase()  # the recording side has no passphrase, like a Pi service
    with VirtualMic() as mic:
        proc = start_dictating(["--engine", "whisper", "--silence", "30", "--recorded-at", "2026-03-26T22:05"],
                               {**env, **mic.env})
        assert mic.play(EXAMPLE_WAV).wait(30)
        wait_for_journal(voicelog_home / "diary.db.journal", 11.0)  # all the speech is on disk
        proc.send_signal(signal.SIGKILL)  # a crash, or the battery dying
        proc.wait(30)
    journals = list((voicelog_home / "diary.db.journal").glob("*.vlj"))
    assert len(journals) == 1
    r = _voicelog("recover", "--json", "--engine", "whisper")
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["recovered"] is True and entry["source"] == "recovered"
    assert "gary holden" in entry["transcript"]["text"].lower()
    assert entry["recorded_at"] == "2026-03-26T22:05:00"
    assert list((voicelog_home / "diary.db.journal").glob("*.vlj")) == []
    assert _voicelog("verify").exit_code == 0


@pytest.mark.slow  # a voicelog process with a file-size limit; Whisper
def test_full_disk_during_a_write(voicelog_home: Path, whisper: None) -> None:
    assert _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at",
                     "2026-03-20T10:00", "-q").exit_code == 0
    db = voicelog_home / "diary.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write starts the WAL file afresh
    conn.close()
    limit = 64 * 1024  # the WAL may not grow past this; an entry with its audio needs about 200 KB

    def small_disk() -> None:  # files may not grow past `limit` bytes, as on a nearly full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = subprocess.run(
        [sys.executable, "-m", "voicelog", "dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper",
         "--recorded-at", "2026-03-21T10:00", "-q"],
        capture_output=True, text=True, preexec_fn=small_disk, timeout=300, check=False,
    )
    assert r.returncode != 0
    assert "could not be stored, but the recording" in r.stderr and "Traceback" not in r.stderr  # app/safekeeping
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1
    r = _voicelog("verify")
    assert r.exit_code == 0 and "All 2 rows fit" in r.stdout  # the setup record and the entry
    r = _voicelog("list", "--json")
    assert [e["recorded_at"] for e in json.loads(r.stdout)] == ["2026-03-20T10:00:00"]


def test_missing_or_damaged_key_file_is_one_clear_sentence(voicelog_home: Path) -> None:
    assert _voicelog("people", "add", "Dave").exit_code == 0
    key = voicelog_home / "diary.db.key"
    good = key.read_bytes()
    key.write_text('{"format": "voicelog-key-1", "public_key": "AAAA"}')
    r = _voicelog("list")
    assert r.exit_code != 0 and "damaged" in r.stderr and isinstance(r.exception, SystemExit)  # no traceback
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1
    key.unlink()
    r = _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "-q")
    assert r.exit_code != 0 and "voicelog init" in r.stderr and isinstance(r.exception, SystemExit)
    key.write_bytes(good)
    assert _voicelog("people", "list").exit_code == 0
    assert _voicelog("verify").exit_code == 0
