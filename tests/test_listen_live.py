"""`voicelog listen` as a service on a live (virtual) microphone: the mic goes away and comes back, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from listen_fixtures import ACCOUNT_1, ACCOUNT_2, CHATTER, WAKE, scene
from virtmic import SOURCE_NAME, VirtualMic, skip_without_pulseaudio

pytestmark = pytest.mark.slow


class _Service:
    """`voicelog listen` in a subprocess, its stderr (state changes) watched line by line."""

    def __init__(self, mic: VirtualMic, db: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voicelog", "listen", "--diary", str(db), "--engine", "whisper",
             "--wake", "blue pelican notebook", "--json", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **mic.env},
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 60.0, count: int = 1) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(text in line for line in self.lines) < count:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(f"never saw {text!r}; stderr was:\n{''.join(self.lines)}")
                self._changed.wait(min(left, 0.5))

    def finish(self, timeout: float = 120.0) -> tuple[int, list[dict]]:
        assert self.proc.stdout is not None
        try:  # wait first (its JSON lines fit the pipe), so a service that never ends fails instead of hanging
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the service did not end; stderr was:\n{''.join(self.lines)}") from None
        out = self.proc.stdout.read()
        self._reader.join(5)
        return code, [json.loads(line) for line in out.splitlines() if line.strip()]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture()
def live(tmp_path: Path):
    pytest.importorskip("faster_whisper")
    skip_without_pulseaudio()
    with VirtualMic() as mic:
        yield mic


def test_the_microphone_going_away_and_coming_back_keeps_the_service_running(live: VirtualMic, tmp_path: Path) -> None:
    wav = scene([WAKE, 1.2, ACCOUNT_1, 0.5], tmp_path / "wake_account.wav")
    svc = _Service(live, tmp_path / "d.db", "--silence", "2", "--recorded-at", "2026-03-26T22:05")
    try:
        svc.wait_for("waiting for the wake phrase")
        assert live._pactl("suspend-source", SOURCE_NAME, "1").returncode == 0  # the mic stops sending audio
        svc.wait_for("microphone lost", timeout=20)
        time.sleep(2.0)  # at least one reopen with back-off finds it still gone
        assert live._pactl("suspend-source", SOURCE_NAME, "0").returncode == 0
        svc.wait_for("microphone back", timeout=40)
        live.play(wav)
        svc.wait_for("saved entry 1", timeout=90)
        svc.proc.send_signal(signal.SIGTERM)
        code, entries = svc.finish()
    finally:
        svc.kill()
    assert code == 0, "".join(svc.lines)
    assert len(entries) == 1
    assert "gary holden" in entries[0]["transcript"]["text"].lower()
    assert entries[0]["source"] == "microphone"


def test_sigterm_mid_account_stores_the_account(live: VirtualMic, tmp_path: Path) -> None:
    wav = scene([1.0, CHATTER[0], 1.0, WAKE, 1.2, ACCOUNT_2], tmp_path / "mid.wav")
    db = tmp_path / "d.db"
    svc = _Service(live, db, "--silence", "30")
    try:
        svc.wait_for("waiting for the wake phrase")
        played = live.play(wav)
        svc.wait_for("recording", timeout=60)
        assert played.wait(60)
        time.sleep(1.0)  # still recording: 30 s of silence would be needed to end it
        svc.proc.send_signal(signal.SIGTERM)  # systemd stopping the service
        code, entries = svc.finish()
    finally:
        svc.kill()
    assert code == 0, "".join(svc.lines)
    assert len(entries) == 1
    assert "dennis foster" in entries[0]["transcript"]["text"].lower()
    assert "ended by shutdown" in "".join(svc.lines)
    from voicelog.store import opening

    with opening.open_for_reading(db, passphrase=TEST_PASSPHRASE) as book:
        assert book.count() == 1
    assert not list(opening.journal_dir(db).glob("*.vlj"))
