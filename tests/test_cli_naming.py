"""Help under a neutral name, and the command and units scripts/neutral-name.sh installs under it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from voicelog.cli import cli
from voicelog.config import save_setting

SCRIPT = ROOT / "scripts" / "neutral-name.sh"


def _every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _every_command(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_with_a_neutral_name_no_help_says_voicelog_or_stalking() -> None:
    save_setting("display_name", "notes")
    commands = _every_command(cli)
    assert ("people", "add") in commands and ("report",) in commands
    for path in commands:
        r = CliRunner().invoke(cli, [*path, "--help"], prog_name="notes")
        assert r.exit_code == 0, (path, r.output)
        words = r.stdout.lower()
        assert "stalking" not in words and "harassment" not in words, path
        # the name only inside a path or an environment variable, which must keep its real spelling
        assert re.findall(r"(?<![\w/.])voicelog(?![\w/])", r.stdout) == [], (path, r.stdout)
    top = CliRunner().invoke(cli, ["--help"], prog_name="notes").stdout
    assert top.startswith("Usage: notes [OPTIONS]") and "Keep a diary by speaking." in top
    assert "notes show 3" in top


def test_without_a_chosen_name_help_is_as_written() -> None:
    top = CliRunner().invoke(cli, ["--help"]).stdout
    assert "Keep a stalking or harassment diary by speaking." in top and "voicelog show 3" in top


@pytest.fixture
def prefix(tmp_path: Path) -> Path:
    """An install prefix whose venv is this checkout's (the script only needs its voicelog and python)."""
    bin_dir = tmp_path / "opt notes" / "venv" / "bin"  # a space, as in a path someone chose
    bin_dir.mkdir(parents=True)
    (bin_dir / "voicelog").symlink_to(Path(sys.executable).parent / "voicelog")
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # this venv's Python
    (bin_dir / "python").chmod(0o755)
    return tmp_path / "opt notes"


@pytest.mark.slow  # runs the script and the installed command
def test_the_alias_is_voicelog_under_the_chosen_name(prefix: Path, tmp_path: Path) -> None:
    r = subprocess.run(["sh", str(SCRIPT), "alias", str(prefix), "notes"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    alias = prefix / "venv" / "bin" / "notes"
    assert os.access(alias, os.X_OK)
    env = {**os.environ, "VOICELOG_HOME": str(tmp_path / "home")}
    env.pop("VOICELOG_DISPLAY_NAME", None)
    shown = subprocess.run([str(alias), "--help"], capture_output=True, text=True, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Usage: notes [OPTIONS]") and "stalking" not in shown.stdout
    # the process is the venv's Python running .../bin/notes, so ps and systemctl status say notes
    argv = subprocess.run([str(alias), "-c", "x"], capture_output=True, text=True, env=env)
    assert argv.returncode == 2 and "Usage: notes" in argv.stderr
    refused = subprocess.run(["sh", str(SCRIPT), "alias", str(prefix), "My Notes"], capture_output=True, text=True)
    assert refused.returncode == 2 and "lower-case letters" in refused.stderr


@pytest.mark.slow  # runs the script and systemd-analyze
def test_the_units_say_the_chosen_name_and_keep_their_state_under_it(prefix: Path, tmp_path: Path) -> None:
    assert subprocess.run(["sh", str(SCRIPT), "alias", str(prefix), "notes"]).returncode == 0
    units = {}
    for template in ("voicelog-listen.service", "voicelog-import.service", "voicelog-import.timer"):
        r = subprocess.run(["sh", str(SCRIPT), "unit", str(ROOT / "scripts" / template), str(prefix), "notes",
                            "notes", "/var/lib/notes", "/srv/inbox"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        units[template.replace("voicelog", "notes")] = r.stdout
    listen = units["notes-listen.service"]
    assert "Description=notes hands-free diary (waits for a private phrase)" in listen.splitlines()
    assert "Environment=VOICELOG_DISPLAY_NAME=notes" in listen.splitlines()
    assert "Environment=VOICELOG_HOME=/var/lib/notes" in listen.splitlines()
    assert "StateDirectory=notes" in listen.splitlines()
    assert f'ExecStart="{prefix}/venv/bin/notes" listen' in listen.splitlines()  # quoted: the path has a space
    assert "Description=notes phone inbox (stores new recordings from /srv/inbox), every ten minutes" in \
        units["notes-import.timer"].splitlines()
    for text in units.values():
        described = [line for line in text.splitlines() if line.startswith("Description=")]
        assert len(described) == 1 and "voicelog" not in described[0] and "stalking" not in described[0]
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    folder = tmp_path / "units"
    folder.mkdir()
    for name, text in units.items():
        (folder / name).write_text(text)
    r = subprocess.run(["systemd-analyze", "verify", *map(str, sorted(folder.iterdir()))],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "notes-" not in r.stderr, r.stderr


def test_talk_and_errors_say_the_chosen_name_but_an_accounts_own_words_are_never_reworded(tmp_path: Path) -> None:
    from conftest import TEST_PASSPHRASE

    from voicelog.store.opening import init_diary

    diary = tmp_path / "diary.db"
    init_diary(diary, passphrase=TEST_PASSPHRASE)
    save_setting("display_name", "notes")
    account = "He found my stalking diary and the voicelog app on my phone at nine last night."
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary)], input=account + "\n")
    assert r.exit_code == 0, r.output
    assert account in r.stdout  # data is what was typed, word for word
    r = CliRunner().invoke(cli, ["amend", "1", "--note", "checked", "--diary", str(diary)])
    assert r.exit_code == 0, r.output
    assert "(`notes show 1 --history`)" in r.stderr and "voicelog" not in r.stderr
    assert account in r.stdout
    r = CliRunner().invoke(cli, ["show", "7", "--diary", str(diary)])
    assert r.exit_code != 0 and "`notes list` shows the numbers" in r.stderr and "voicelog" not in r.stderr
