"""Discreet feedback for the hands-free service (``voicelog.app.feedback``): tone, speech, several at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.mark.slow  # runs espeak-ng
def test_speech_feedback_says_date_time_and_place_only(tmp_path: Path) -> None:
    import shutil

    from voicelog.app.feedback import SpeechFeedback, spoken_summary, spoken_time
    from voicelog.incident import Incident

    assert spoken_time("21:30") == "nine thirty p m"
    assert spoken_time("08:05") == "eight o five a m"
    assert spoken_time("00:00") == "twelve a m"

    class _Entry:
        incident = Incident(date="2026-03-24", time="21:30", location="Carlton Road")

    assert spoken_summary(_Entry()) == "Saved. Tuesday, nine thirty p m, Carlton Road."
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    out = tmp_path / "said.wav"
    fb = SpeechFeedback(command=("espeak-ng", "-w", str(out)))
    fb.saved(_Entry())
    assert fb.last is not None and fb.last.wait(30) == 0
    assert out.stat().st_size > 10_000


def test_tone_feedback_is_soft_and_skips_quietly_without_a_speaker() -> None:
    from voicelog.app.feedback import MultiFeedback, ToneFeedback
    from voicelog.audio import level_dbfs

    tone = ToneFeedback()
    samples = tone.tones(660.0, 880.0)
    assert 0.2 < len(samples) / tone.rate < 0.5
    assert -32 < level_dbfs(samples) < -20
    tone.recording()  # no output device on this machine: nothing happens, nothing raises

    class Broken:
        def saved(self, entry):
            raise RuntimeError("LED on fire")

    class Seen:
        calls: list[object] = []

        def saved(self, entry):
            self.calls.append(entry)

    seen = Seen()
    MultiFeedback([Broken(), tone, seen]).saved("entry 7")  # one failing kind of feedback does not stop the rest
    assert seen.calls == ["entry 7"]


@pytest.mark.slow  # runs espeak-ng
def test_speech_feedback_keeps_the_words_off_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any local user can read a process's arguments (ps, /proc/PID/cmdline): the summary goes on stdin.

    A stand-in espeak-ng first on PATH (a real process) records what it was given.
    """
    from voicelog.app.feedback import SpeechFeedback
    from voicelog.incident import Incident

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "espeak-ng"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/argv"\ncat > "{tmp_path}/stdin"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    class _Entry:
        incident = Incident(date="2026-03-24", time="21:30", location="Lidl car park on Carlton Road")

    fb = SpeechFeedback()
    fb.saved(_Entry())
    assert fb.last is not None and fb.last.wait(30) == 0
    argv = (tmp_path / "argv").read_text()
    assert "--stdin" in argv.split()
    for word in ("Saved", "Tuesday", "nine", "Lidl", "Carlton", "Road"):
        assert word not in argv
    assert (tmp_path / "stdin").read_text() == "Saved. Tuesday, nine thirty p m, Lidl car park on Carlton Road."
