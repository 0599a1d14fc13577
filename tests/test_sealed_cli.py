"""A sealed diary end to end through the `voicelog` command, with real processes: nothing readable on disk,
passphrases, tampering, crashes, a full disk."""

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
from conftest import (
    EXAMPLE_WAV,
    ROOT,
    TEST_PASSPHRASE,
    files_containing,
    start_dictating,
    wait_for_journal,
)

pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")

pytestmark = pytest.mark.slow  # every test here starts voicelog processes, most with the Whisper recogniser

UNIQUE = "pomegranate"


def _voicelog(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voicelog", *args], capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=300, check=False, **kw)


def _without_passphrase() -> dict:
    env = os.environ.copy()
    env.pop("VOICELOG_PASSPHRASE", None)
    return env


@pytest.fixture(scope="module")
def unique_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wav = tmp_path_factory.mktemp("wav") / "unique.wav"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_example.py"), "--out", str(wav), "--text",
         f"Yesterday evening a man left a {UNIQUE} on my doorstep with a note. I was scared."],
        check=True, capture_output=True,
    )
    return wav


def test_no_word_of_an_account_is_on_disk_until_unlocked(unique_wav: Path, voicelog_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(TEST_PASSPHRASE + "\n")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**_without_passphrase(), "TMPDIR": str(tmp)}
    r = _voicelog("init", "--passphrase-file", str(secret), env=env)
    assert r.returncode == 0, r.stderr
    # dictate needs no passphrase: it seals with the public key
    r = _voicelog("dictate", "--file", str(unique_wav), "--engine", "whisper", "--recorded-at", "2026-03-30T21:47",
                  "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert UNIQUE in r.stdout.lower()  # the person sees their own entry printed
    db = voicelog_home / "diary.db"
    dump = tmp_path / "diary.dump"
    conn = sqlite3.connect(db)
    dump.write_text("\n".join(conn.iterdump()))
    conn.close()
    assert files_containing([voicelog_home, tmp, Path(tempfile.gettempdir()) / "voicelog"], (UNIQUE,)) == []
    assert UNIQUE.encode() not in dump.read_bytes().lower()
    # reading without the passphrase refuses; the wrong one refuses and changes nothing
    before = {p.name: p.read_bytes() for p in voicelog_home.iterdir() if p.is_file()}
    r = _voicelog("list", env=env)
    assert r.returncode == 2 and "passphrase" in r.stderr and UNIQUE not in r.stdout + r.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    r = _voicelog("search", UNIQUE, "--passphrase-file", str(wrong), env=env)
    assert r.returncode == 2 and "does not unlock" in r.stderr
    assert UNIQUE not in r.stdout + r.stderr
    assert {p.name: p.read_bytes() for p in voicelog_home.iterdir() if p.is_file()} == before
    # with it, the word is found
    r = _voicelog("search", UNIQUE, "--json", "--passphrase-file", str(secret), env=env)
    assert r.returncode == 0, r.stderr
    assert [e["seq"] for e in json.loads(r.stdout)] == [1]


def test_kept_audio_comes_back(voicelog_home: Path, tmp_path: Path) -> None:
    r = _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at", "2026-03-26T22:05")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "back.wav"
    r = _voicelog("audio", "1", "--out", str(out))
    assert r.returncode == 0, r.stderr
    from voicelog.audio import read_wav

    back, original = read_wav(out), read_wav(EXAMPLE_WAV)
    assert abs(len(back) - len(original)) <= 1
    assert (back == original).all()  # FLAC is lossless


def test_passwd_changes_the_passphrase_without_resealing(tmp_path: Path, voicelog_home: Path) -> None:
    r = _voicelog("people", "add", "Mark Jones", "--alias", "my ex")
    assert r.returncode == 0, r.stderr
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n")
    db_before = (voicelog_home / "diary.db").read_bytes()
    r = _voicelog("passwd", "--new-passphrase-file", str(new))
    assert r.returncode == 0, r.stderr
    assert (voicelog_home / "diary.db").read_bytes() == db_before
    assert _voicelog("people", "list").returncode == 2  # the old one no longer unlocks
    r = _voicelog("people", "list", "--json", "--passphrase-file", str(new), env=_without_passphrase())
    assert json.loads(r.stdout) == [{"name": "Mark Jones", "aliases": ["my ex"]}]


def test_verify_command_names_the_changed_entry(voicelog_home: Path) -> None:
    for when in ("2026-03-20T10:00", "2026-03-21T10:00", "2026-03-22T10:00"):
        assert _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at", when,
                         "--no-audio", "-q").returncode == 0
    r = _voicelog("verify", env=_without_passphrase())
    assert r.returncode == 0 and "All 3 rows fit" in r.stdout
    conn = sqlite3.connect(voicelog_home / "diary.db")
    conn.execute("UPDATE entries SET recorded_at = '2026-03-19T10:00:00' WHERE seq = 2")
    conn.commit()
    conn.close()
    r = _voicelog("verify", "--json", env=_without_passphrase())
    assert r.returncode == 3
    assert json.loads(r.stdout)["problem"]["seq"] == 2


def test_sigkill_while_recording_is_recovered(voicelog_home: Path) -> None:
    from virtmic import VirtualMic, skip_without_pulseaudio

    skip_without_pulseaudio()
    assert _voicelog("init").returncode == 0
    env = _without_passphrase()  # the recording side has no passphrase, like a Pi service
    with VirtualMic() as mic:
        proc = start_dictating(["--engine", "whisper", "--silence", "30", "--recorded-at", "2026-03-26T22:05"],
                               {**env, **mic.env})
        assert mic.play(EXAMPLE_WAV).wait(30)
        wait_for_journal(voicelog_home / "diary.db.journal", 10.5)  # all the speech is on disk
        proc.send_signal(signal.SIGKILL)  # a crash, or the battery dying
        proc.wait(30)
    journals = list((voicelog_home / "diary.db.journal").glob("*.vlj"))
    assert len(journals) == 1
    r = _voicelog("recover", "--json", "--engine", "whisper")
    assert r.returncode == 0, r.stderr
    [entry] = json.loads(r.stdout)
    assert entry["recovered"] is True and entry["source"] == "recovered"
    assert "john smith" in entry["transcript"]["text"].lower()
    assert entry["recorded_at"] == "2026-03-26T22:05:00"
    assert list((voicelog_home / "diary.db.journal").glob("*.vlj")) == []
    assert _voicelog("verify").returncode == 0


def test_full_disk_during_a_write(voicelog_home: Path) -> None:
    assert _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "--recorded-at",
                     "2026-03-20T10:00", "-q").returncode == 0
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
    assert "nothing was written" in r.stderr and "Traceback" not in r.stderr
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1
    r = _voicelog("verify")
    assert r.returncode == 0 and "All 1 rows fit" in r.stdout
    r = _voicelog("list", "--json")
    assert [e["recorded_at"] for e in json.loads(r.stdout)] == ["2026-03-20T10:00:00"]


def test_missing_or_damaged_key_file_is_one_clear_sentence(voicelog_home: Path) -> None:
    assert _voicelog("people", "add", "Dave").returncode == 0
    key = voicelog_home / "diary.db.key"
    good = key.read_bytes()
    key.write_text('{"format": "voicelog-key-1", "public_key": "AAAA"}')
    r = _voicelog("list")
    assert r.returncode != 0 and "damaged" in r.stderr and "Traceback" not in r.stderr
    key.unlink()
    r = _voicelog("dictate", "--file", str(EXAMPLE_WAV), "--engine", "whisper", "-q")
    assert r.returncode != 0 and "voicelog init" in r.stderr
    key.write_bytes(good)
    assert _voicelog("people", "list").returncode == 0
    assert _voicelog("verify").returncode == 0
