"""Recording commands (voicelog.cli.recording): `dictate` refusing bad audio, `listen`'s settings and a long
recording end to end, `recover` on journals left by a crash (damaged ones set aside, wordless audio kept,
silence dropped)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from click.testing import CliRunner
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE, files_containing
from listen_fixtures import (
    ACCOUNT_1,
    ACCOUNT_2,
    CHATTER,
    CHATTER_WORDS,
    STOP,
    WAKE,
    scene,
)
from phone_fixtures import PHONE_FORMATS, speech, write_jpeg, write_recording

from voicelog.app.recover import UNSEALED_NOTE
from voicelog.audio import read_wav
from voicelog.cli import cli
from voicelog.errors import UsageError
from voicelog.settings import ListenSettings
from voicelog.store import opening
from voicelog.store.journal import JournalWriter, journal_path
from voicelog.store.opening import journal_dir, open_diary, open_for_recording

RECORDED = "2026-03-26T22:05"


# -- dictate ----------------------------------------------------------------------------------------------


def _write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return path


def _cut_m4a(path: Path) -> Path:
    """An M4A copied only half way: its index (written last) is missing."""
    samples, rate = speech(EXAMPLE_WAV)
    whole = write_recording(path, PHONE_FORMATS["m4a"], samples, rate).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "notes.wav").write_text("dear diary, this is text not sound\n")
    (tmp / "empty.wav").write_bytes(b"")
    rng = np.random.default_rng(1)
    return {
        "missing": (tmp / "nowhere.wav", "nowhere.wav"),
        "empty": (tmp / "empty.wav", "empty"),
        "not a wav": (tmp / "notes.wav", "is not an audio recording (it looks like text)"),
        "photo": (write_jpeg(tmp / "IMG_0412.jpg"), "is not an audio recording (it looks like a JPEG image)"),
        "m4a cut short": (_cut_m4a(tmp / "memo.m4a"), "is damaged or cut short and cannot be read"),
        "silent": (_write_wav(tmp / "silent.wav", np.zeros(16000 * 3)), "no speech"),
        "hiss": (_write_wav(tmp / "hiss.wav", rng.normal(0, 3, 16000 * 3)), "no speech"),
        "no frames": (_write_wav(tmp / "noframes.wav", np.zeros(0)), "empty"),
    }


@pytest.mark.parametrize("kind", ["missing", "empty", "not a wav", "photo", "m4a cut short", "silent", "hiss",
                                  "no frames"])
def test_bad_audio_gets_one_line_and_no_entry(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase="pass phrase")
    with opening.open_for_reading(db, passphrase="pass phrase") as diary:
        diary.add_person("Dennis Foster")
    before = db.read_bytes()
    path, message = _bad_inputs(tmp_path)[kind]
    r = CliRunner().invoke(cli, ["dictate", "--file", str(path), "--diary", str(db), "--engine", "whisper"])
    assert r.exit_code != 0
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    assert message.lower() in lines[0].lower()
    assert "Traceback" not in r.output
    with open_diary(db) as diary:
        assert diary.count() == 0
    assert db.read_bytes() == before


PHONE_RECORDED = "2026-03-14T09:12:00.000000Z"
"""When the phone says the recording was made (UTC, as MP4's creation_time is written)."""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["m4a", "ogg", "opus", "mp3", "3gp", "amr", "flac", "webm"])
def test_dictate_stores_a_phone_recording_dated_by_its_metadata(tmp_path: Path, name: str) -> None:
    fmt = PHONE_FORMATS[name]
    samples, rate = speech(EXAMPLE_WAV)
    path = write_recording(tmp_path / f"Recording 12{fmt.suffix}", fmt, samples, rate,
                           metadata={"creation_time": PHONE_RECORDED})
    copied = datetime(2026, 4, 2, 18, 30)
    os.utime(path, (copied.timestamp(), copied.timestamp()))  # copied off the phone weeks later
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["dictate", "--file", str(path), "--diary", str(db), "--engine", "whisper",
                                 "--json"])
    assert r.exit_code == 0, r.output
    entry = json.loads(r.stdout)
    # Raw AMR has no metadata: the modification time, and the person told so.
    expected = copied if name == "amr" else datetime.fromisoformat(PHONE_RECORDED).astimezone().replace(tzinfo=None)
    said = "the file's modification time" if name == "amr" else "the recording's own metadata"
    assert entry["recorded_at"].startswith(expected.strftime("%Y-%m-%dT%H:%M"))
    assert f"dated {expected:%Y-%m-%d %H:%M} from {said}" in r.stderr
    assert entry["source"] == f"file:{path.name}"
    assert "followed" in entry["transcript"]["text"].lower()
    with open_diary(db) as diary:
        assert diary.count() == 1


@pytest.mark.slow
def test_recorded_at_still_wins_over_the_recordings_own_time(tmp_path: Path) -> None:
    samples, rate = speech(EXAMPLE_WAV)
    path = write_recording(tmp_path / "memo.m4a", PHONE_FORMATS["m4a"], samples, rate,
                           metadata={"creation_time": PHONE_RECORDED})
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["dictate", "--file", str(path), "--diary", str(db), "--engine", "whisper",
                                 "--recorded-at", RECORDED, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["recorded_at"].startswith(RECORDED)
    assert "dated" not in r.stderr


# -- listen -----------------------------------------------------------------------------------------------


def test_no_wake_phrase_refuses_to_start_and_says_how_to_set_one() -> None:
    with pytest.raises(UsageError, match="--wake"):
        ListenSettings(wake="  ")
    with pytest.raises(UsageError, match="differ"):
        ListenSettings(wake="blue pelican", stop="Blue pelican!")
    r = CliRunner().invoke(cli, ["listen", "--file", "nowhere.wav"])
    assert r.exit_code == 2
    assert "No wake phrase is set" in r.stderr and "--wake" in r.stderr and "config" in r.stderr


def _voicelog(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voicelog", *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=300, **kw)


@pytest.fixture(scope="module")
def two_accounts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two minutes: chatter, wake, account, stop phrase, chatter, wake, account ended by silence, chatter."""
    out = tmp_path_factory.mktemp("listen") / "two_accounts.wav"
    return scene([6.0, CHATTER[0], 8.0, CHATTER[3], 6.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.5, CHATTER[1],
                  10.0, CHATTER[4], 8.0, CHATTER[5], 6.0, WAKE, 1.2, ACCOUNT_2, 5.0, CHATTER[2], 10.0,
                  CHATTER[6], 12.0, CHATTER[7], 8.0], out)


@pytest.mark.slow
def test_whisper_two_accounts_among_chatter_become_exactly_two_entries(two_accounts: Path, voicelog_home: Path) -> None:
    """In its own process, as systemd runs it: listen sets up its log lines (for journald) on the process's stderr."""
    pytest.importorskip("faster_whisper")
    r = _voicelog("listen", "--file", str(two_accounts), "--wake", "blue pelican notebook", "--stop", "end of entry",
                  "--engine", "whisper", "--recorded-at", RECORDED, "--json")
    assert r.returncode == 0, r.stderr
    entries = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(entries) == 2
    first, second = (e["incident"] for e in entries)
    assert (first["date"], first["time"]) == ("2026-03-23", "20:30")
    assert "iceland car park on ferndale road" in first["location"].lower()
    assert {p["name"] for p in first["people"]} >= {"Gary Holden", "Brenda"}
    assert (second["date"], second["time"]) == ("2026-03-25", "08:00")
    assert "hampton road" in second["location"].lower()
    assert {p["name"] for p in second["people"]} >= {"Dennis Foster", "Irene"}
    assert sf.info(str(two_accounts)).duration >= 120
    texts = [e["transcript"]["text"].lower() for e in entries]
    assert texts[0].startswith("on monday") and texts[1].startswith("yesterday")  # no first words lost
    assert not any("pelican" in t or "end of entry" in t for t in texts)  # wake and stop phrases are not stored
    assert texts[0].rstrip(".").endswith("saw it")
    # The log says what happened, never what was said.
    assert "saved entry 1" in r.stderr and "ended by stop phrase" in r.stderr and "ended by silence" in r.stderr
    for word in (*CHATTER_WORDS, "monday", "holden", "pelican"):
        assert word not in r.stderr.lower()

    # Unlocked, the diary holds no chatter; on disk nothing readable is left, no journal either.
    from voicelog.paths import diary_path

    with opening.open_for_reading(diary_path(), passphrase=TEST_PASSPHRASE) as book:
        stored = book.entries()
        assert len(stored) == 2
        for e in stored:
            text = e.transcript.text.lower()
            assert not [w for w in CHATTER_WORDS if w in text], text
            assert e.source == f"file:{two_accounts.name}"
            assert e.has_audio
    assert files_containing([voicelog_home], (*CHATTER_WORDS, "monday", "holden")) == []
    assert not list(opening.journal_dir(diary_path()).glob("*.vlj"))


# -- recover ----------------------------------------------------------------------------------------------


@pytest.fixture
def diary(voicelog_home: Path) -> Path:
    """A new diary where `voicelog recover` looks by default."""
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    return voicelog_home / "diary.db"


def _journal(diary: Path, samples: np.ndarray, when: datetime) -> Path:
    folder = journal_dir(diary)
    folder.mkdir(mode=0o700, exist_ok=True)
    with open_for_recording(diary) as book:
        writer = JournalWriter(journal_path(folder), book.sealer, recorded_at=when, stamp=book.journal_stamp())
        for i in range(0, len(samples), 8000):
            writer.append(samples[i : i + 8000].tobytes())
        writer.abandon()  # as a crash leaves it: no final record
        return writer.path


def test_recover_with_nothing_to_recover(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["recover", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []


@pytest.mark.slow  # the Whisper recogniser hears every journal
def test_damaged_journal_is_set_aside_and_the_rest_recovered(diary: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    good = _journal(diary, read_wav(EXAMPLE_WAV), datetime(2026, 3, 26, 22, 5))
    broken = good.with_name("20260101T000000-1-dead.vlj")
    broken.write_bytes(b"")  # a crash between creating the file and writing its header
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["recovered"] and "gary holden" in entry["transcript"]["text"].lower()
    assert "set aside" in r.stderr
    assert not good.exists() and not broken.exists()
    assert broken.with_name(broken.name + ".damaged").exists()


@pytest.mark.slow  # the Whisper recogniser hears every journal
def test_audio_without_recognised_words_is_kept_not_deleted(diary: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    rng = np.random.default_rng(7)
    t = np.arange(16000 * 3) / 16000
    hum = (3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 200, t.size))
    path = _journal(diary, hum.astype(np.int16), datetime(2026, 3, 26, 23, 0))
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["transcript"]["text"] == "" and entry["has_audio"] is True
    assert "recording is kept" in r.stderr
    assert not path.exists()


def test_silent_journal_is_removed_with_nothing_stored(diary: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    path = _journal(diary, np.zeros(16000 * 2, dtype=np.int16), datetime(2026, 3, 26, 23, 0))  # no recogniser needed
    r = CliRunner().invoke(cli, ["recover", "--json", "--engine", "whisper"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    assert not path.exists()
    with open_for_recording(diary) as book:
        assert book.count() == 0


# -- a full disk, a damaged diary -------------------------------------------------------------------------------


def _fallback_journal(diary: Path, folder: Path, samples: np.ndarray, when: datetime) -> Path:
    from voicelog.store.journal import write_journal

    with open_for_recording(diary) as book:
        return write_journal(folder, book.sealer, samples.tobytes(), recorded_at=when,
                             meta={"source": "listen", "keep_audio": True}, stamp=book.journal_stamp())


def test_recover_reads_the_fallback_folder_and_leaves_what_is_not_its_own(diary: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    silent = _fallback_journal(diary, usb, np.zeros(16000, dtype=np.int16), datetime(2026, 3, 26, 23, 0))
    other = usb / "20260101T000000-1-0ther.vlj"
    other.write_bytes(b"VLJ1 another diary's journal, or a damaged one")
    r = CliRunner().invoke(cli, ["recover", "--json", "--fallback-dir", str(usb)])  # silence needs no recogniser
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == []
    assert f"{silent.name}: 1.0 s of silence; removed." in r.stderr
    assert f"{other} could not be read" in r.stderr and "it was left where it is" in r.stderr
    assert not silent.exists() and other.exists()  # someone else's is never renamed or deleted
    other.unlink()
    _fallback_journal(diary, usb, np.zeros(16000, dtype=np.int16), datetime(2026, 3, 26, 23, 5))
    monkeypatch.setenv("VOICELOG_FALLBACK_DIR", str(usb))  # the setting, not only the flag
    r = CliRunner().invoke(cli, ["recover"])
    assert r.exit_code == 0 and "silence; removed" in r.stderr and list(usb.iterdir()) == []


def test_the_recording_commands_offer_a_fallback_folder() -> None:
    for command in ("dictate", "listen", "recover"):
        r = CliRunner().invoke(cli, [command, "--help"])
        assert r.exit_code == 0 and "--fallback-dir" in r.stdout, command
        assert "VOICELOG_FALLBACK_DIR" in r.stdout, command


@pytest.mark.slow  # Whisper, in-process
def test_dictate_on_a_disk_already_full_keeps_the_account_in_the_fallback_folder(disk, tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    db = disk.path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    usb = tmp_path / "usb"
    disk.fill()
    r = CliRunner().invoke(cli, ["dictate", "--file", str(EXAMPLE_WAV), "--diary", str(db), "--engine", "whisper",
                                 "--recorded-at", RECORDED, "--fallback-dir", str(usb), "-q"])
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output and r.stdout == ""
    assert f"The disk holding the diary {db} is full, so it could not be opened" in r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        f"Error: The disk is full: the account recorded at 2026-03-26 22:05 (10 s) is written, sealed, to the "
        f"fallback folder {usb}; free some space, then run `voicelog recover`.")
    disk.free()
    r = CliRunner().invoke(cli, ["recover", "--json", "--diary", str(db), "--engine", "whisper",
                                 "--fallback-dir", str(usb)])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert "gary holden" in entry["transcript"]["text"].lower() and entry["recorded_at"] == RECORDED + ":00"
    assert list(usb.iterdir()) == []


@pytest.mark.slow  # Whisper, in-process
def test_a_damaged_diary_does_not_stop_dictate_or_listen(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    import shutil

    db = tmp_path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    shutil.copyfile(db, tmp_path / "backup.db")
    db.write_bytes(b"\x00not a diary any more\xff" * 400)
    r = CliRunner().invoke(cli, ["dictate", "--file", str(EXAMPLE_WAV), "--diary", str(db), "--engine", "whisper",
                                 "--recorded-at", RECORDED, "-q"])
    assert r.exit_code == 1, r.output
    assert f"The diary {db} could not be opened (file is not a database); recording goes on" in r.stderr
    [journal] = list(journal_dir(db).glob("*.vlj"))
    assert r.stderr.strip().splitlines()[-1] == (
        f"Error: The diary could not be written (file is not a database); your account is kept in the journal "
        f"{journal}; run `voicelog recover` once the diary is repaired or restored.")
    wav = scene([1.0, WAKE, 1.2, ACCOUNT_2, 1.0, STOP, 1.0], tmp_path / "one.wav")
    r = CliRunner().invoke(cli, ["listen", "--file", str(wav), "--wake", "blue pelican notebook", "--stop",
                                 "end of entry", "--diary", str(db), "--engine", "whisper", "--recorded-at", RECORDED])
    assert r.exit_code == 1, r.output
    assert "nothing was said" not in r.stderr
    assert len(list(journal_dir(db).glob("*.vlj"))) == 2
    assert r.stderr.strip().splitlines()[-1].startswith("Error: The diary could not be written (file is not a "
                                                        "database); your account is kept in the journal ")
    (tmp_path / "backup.db").replace(db)  # the diary restored from its backup
    r = CliRunner().invoke(cli, ["recover", "--json", "--diary", str(db), "--engine", "whisper"])
    assert r.exit_code == 3 and json.loads(r.stdout) == []  # no seal from the diary: the person must say so
    assert r.stderr.count("carries no seal from this diary") == 2 and "--accept-unsealed" in r.stderr
    r = CliRunner().invoke(cli, ["recover", "--json", "--diary", str(db), "--engine", "whisper", "--accept-unsealed"])
    assert r.exit_code == 0, r.output
    recovered = json.loads(r.stdout)
    texts = [e["transcript"]["text"].lower() for e in recovered]  # oldest recording first
    assert len(texts) == 2 and "gary holden" in texts[0] and "dennis foster" in texts[1]
    assert all(e["amendments"][-1]["note"] == UNSEALED_NOTE for e in recovered)
    assert "end of entry" not in texts[1]  # the stop phrase is no more kept than in a stored entry


# -- dictate --attach -------------------------------------------------------------------------------------


def test_dictate_refuses_a_file_it_cannot_attach_before_recording(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["dictate", "--file", str(EXAMPLE_WAV), "--diary", str(db), "--engine", "whisper",
                                 "--attach", str(tmp_path / "screenshot.png")])
    assert r.exit_code == 2 and "There is no file" in r.stderr and "nothing was attached" in r.stderr, r.output
    assert "Transcribing" not in r.stderr  # refused before the recording was read or a recogniser loaded
    with open_diary(db) as diary:
        assert diary.count() == 0


@pytest.mark.slow
def test_dictate_seals_the_attached_files_to_the_new_entry(tmp_path: Path) -> None:
    import tempfile
    import time

    from conftest import files_holding
    from image_fixtures import tail_of, write_images

    from voicelog.store.attachments import attachments, content

    photo, shot = write_images(tmp_path / "gallery")
    kept = photo.read_bytes(), shot.read_bytes()
    since = time.time() - 1
    db = tmp_path / "d.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["dictate", "--file", str(EXAMPLE_WAV), "--diary", str(db), "--engine", "whisper",
                                 "--recorded-at", RECORDED, "--attach", str(photo), "--attach", str(shot),
                                 "--remove-original", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["seq"] == 1  # stdout is the entry, as without --attach
    assert "Sealed car.jpg to entry 1 as exhibit 1" in r.stderr and "Sealed message.png to entry 1" in r.stderr
    assert not photo.exists() and not shot.exists()
    with opening.open_for_reading(db, TEST_PASSPHRASE) as diary:
        assert diary.verify().ok
        assert tuple(content(diary, a) for a in attachments(diary, 1)) == kept
    assert files_holding([tmp_path, Path(tempfile.gettempdir())], tuple(tail_of(k) for k in kept), since=since) == []
