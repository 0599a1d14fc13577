"""scripts/install-pi.sh and the systemd unit for `voicelog listen`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "install-pi.sh"
UNIT = ROOT / "scripts" / "voicelog-listen.service"


def test_install_script_passes_shellcheck() -> None:
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    r = subprocess.run(["shellcheck", "--shell=sh", str(SCRIPT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_unit_restarts_on_failure_needs_no_network_and_reloads_on_sighup() -> None:
    unit = UNIT.read_text()
    lines = {line.split("=", 1)[0]: line.split("=", 1)[1] for line in unit.splitlines()
             if "=" in line and not line.startswith("#")}
    assert lines["Restart"] == "on-failure"
    assert "sound.target" in lines["After"]
    assert "network" not in lines["After"] and "Wants" not in lines
    assert lines["ExecStart"] == "@PREFIX@/venv/bin/voicelog listen"
    assert "-HUP" in lines["ExecReload"]
    assert lines["WantedBy"] == "multi-user.target"
    assert lines["User"] == "@USER@"


def test_install_script_refuses_unknown_options_and_the_service_without_root() -> None:
    r = subprocess.run(["sh", str(SCRIPT), "--bogus"], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown option --bogus" in r.stderr
    r = subprocess.run(["sh", str(SCRIPT), "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "--no-systemd" in r.stdout


@pytest.mark.slow
def test_install_into_a_temporary_prefix_then_the_installed_voicelog_runs(tmp_path: Path) -> None:
    """Takes about half a minute: pip installs voicelog and its dependencies from the local package index."""
    prefix = tmp_path / "opt voicelog"  # a space in the path must not break it
    env = {**os.environ, "PYTHON": sys.executable}
    r = subprocess.run(["sh", str(SCRIPT), "--prefix", str(prefix), "--no-systemd"], capture_output=True,
                       text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"created a virtual environment in {prefix}/venv" in r.stdout
    assert "installed voicelog" in r.stdout
    exe = prefix / "venv" / "bin" / "voicelog"
    help_ = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert help_.returncode == 0 and "listen" in help_.stdout
    listen = subprocess.run([str(exe), "listen", "--help"], capture_output=True, text=True, timeout=60)
    assert listen.returncode == 0 and "--wake" in listen.stdout
