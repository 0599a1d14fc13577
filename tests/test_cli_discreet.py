"""--discreet on real diaries: the setting's order, scripts unbroken, and on a real terminal the account shown
only on the alternate screen, then the screen and scrollback cleared."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from datetime import datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog.app.write import write_entry
from voicelog.cli import cli
from voicelog.cli.discreet import NOT_A_TERMINAL, Held, _Tee, holding, run_discreetly, wanted
from voicelog.config import save_setting
from voicelog.store.opening import init_diary, open_for_recording

CLEAR = b"\x1b[2J\x1b[3J\x1b[H"
ALT_ON, ALT_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
ACCOUNT = "Yesterday at nine Quillfeather waited outside my flat on Ashgrove Terrace for an hour."


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as book:
        write_entry(book, ACCOUNT, recorded_at=datetime(2026, 3, 30, 21, 47))
    return path


def test_the_flag_comes_before_the_environment_and_the_environment_before_the_config(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert wanted(None) is False
    save_setting("discreet", True)
    assert wanted(None) is True and wanted(False) is False
    monkeypatch.setenv("VOICELOG_DISCREET", "0")
    assert wanted(None) is False and wanted(True) is True
    monkeypatch.setenv("VOICELOG_DISCREET", "yes")
    save_setting("discreet", False)
    assert wanted(None) is True


def test_a_discreet_setting_that_is_not_true_or_false_is_named() -> None:
    save_setting("discreet", "sometimes")
    r = CliRunner().invoke(cli, ["people", "list"])
    assert r.exit_code == 2 and "discreet in" in r.stderr and "true or false" in r.stderr


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "1"], ["show", "1", "--json"],
                                  ["search", "Quillfeather"], ["people", "list", "--json"]])
def test_piped_output_is_the_same_as_without_discreet(diary: Path, args: list[str]) -> None:
    plain = CliRunner().invoke(cli, [*args, "--diary", str(diary)])
    flagged = CliRunner().invoke(cli, [*args, "--discreet", "--diary", str(diary)])
    save_setting("discreet", True)
    configured = CliRunner().invoke(cli, [*args, "--diary", str(diary)])
    assert plain.exit_code == flagged.exit_code == configured.exit_code == 0, plain.output + flagged.output
    assert plain.stdout == flagged.stdout == configured.stdout
    if "--json" in args:
        json.loads(flagged.stdout)  # a script reading it is not broken
    assert NOT_A_TERMINAL not in flagged.stderr  # stderr is not a terminal here either: nothing to say


def test_what_a_command_prints_is_held_and_shown_even_when_it_ends_in_an_error() -> None:
    shown: list[tuple[str, str]] = []

    def fails_after_printing() -> None:
        click.echo("entry 3: Quillfeather at the gate")
        click.echo("Warning: 1 row could not be read", err=True)
        raise SystemExit(1)

    with pytest.raises(SystemExit):
        run_discreetly(fails_after_printing, show=lambda text, talk: shown.append((text, talk)))
    assert shown == [("entry 3: Quillfeather at the gate\n", "Warning: 1 row could not be read\n")]


def test_a_view_that_cannot_start_says_so_and_never_prints_the_held_words(
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken_view(text: str, talk: str) -> None:
        raise OSError("no terminal after all")

    with pytest.raises(SystemExit) as ended:
        run_discreetly(lambda: click.echo("entry 3: Quillfeather at the gate"), show=broken_view)
    assert ended.value.code == 1
    seen = capsys.readouterr()
    assert "Quillfeather" not in seen.out + seen.err
    assert seen.err == ("Error: the full-screen view of --discreet could not start (OSError); nothing was shown. "
                        "Run the command again with --no-discreet.\n")


def test_nothing_printed_shows_nothing_and_an_error_message_stays_on_screen(capsys: pytest.CaptureFixture[str]) -> None:
    shown: list[str] = []

    def refuses() -> None:
        click.echo("Error: there is no entry 9.", err=True)
        raise SystemExit(1)

    with pytest.raises(SystemExit):
        run_discreetly(refuses, clear_after=True, show=lambda text, talk: shown.append(text))
    assert shown == []
    assert capsys.readouterr().err == "Error: there is no entry 9.\n"  # not cleared away: it says what to do


def test_prompts_and_lines_rewritten_in_place_go_to_the_terminal_only(capsys: pytest.CaptureFixture[str]) -> None:
    held = Held()
    with holding(held):
        sys.stderr.write("Passphrase:")
        sys.stderr.write("\r\x1b[Kheard so far")
        sys.stderr.write("Matched your people list to 2 entries.\n")
        print("the entry")
    assert held.talk == ["Matched your people list to 2 entries.\n"]
    assert held.text == "the entry\n" and held.stdout.isatty()  # rich and click keep their colours
    assert capsys.readouterr().err == "Passphrase:\r\x1b[Kheard so farMatched your people list to 2 entries.\n"
    assert isinstance(sys.stderr, _Tee) is False  # put back after the block


def test_a_progress_bar_drawn_in_place_is_not_kept_as_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console
    from rich.progress import Progress

    held = Held()
    with holding(held):
        talk = Console(stderr=True, force_terminal=True, highlight=False)
        with Progress(console=talk, transient=True) as bar:
            task = bar.add_task("Hearing again", total=3)
            for _ in range(3):
                bar.advance(task)
                bar.refresh()
        talk.print("Heard 3 recordings again; 1 transcript changed.")
    assert held.talk == ["Heard 3 recordings again; 1 transcript changed.\n"]
    assert "Hearing again" in capsys.readouterr().err  # the bar itself was on the terminal as usual


class _Terminal:
    """``voicelog ARGS`` on a real pseudo-terminal of 100x30, as a person at a keyboard runs it."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.main, terminal = pty.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.proc = subprocess.Popen([sys.executable, "-m", "voicelog", *args], stdin=terminal, stdout=terminal,
                                     stderr=terminal, env=env, close_fds=True)
        os.close(terminal)
        self.seen = b""

    def read_until(self, marker: bytes, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while marker not in self.seen and time.monotonic() < deadline:
            if select.select([self.main], [], [], 0.3)[0]:
                try:
                    self.seen += os.read(self.main, 65536)
                except OSError:  # the terminal closed: the process has ended
                    break
        return marker in self.seen

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def end(self) -> int:
        code = self.proc.wait(timeout=60)
        self.read_until(b"\x00never", timeout=0.5)
        os.close(self.main)
        return code


def _env(tmp_path: Path, diary: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VOICELOG_DISCREET", "VOICELOG_DISPLAY_NAME")}
    env.update(VOICELOG_DIARY=str(diary), VOICELOG_HOME=str(tmp_path / "home"), TERM="xterm-256color")
    return env


def _only_on_the_alternate_screen(seen: bytes, word: bytes) -> None:
    """Every time ``word`` was drawn it was between entering and leaving the alternate screen, then wiped."""
    assert seen.count(word) > 0
    start, stop = seen.index(ALT_ON), seen.rindex(ALT_OFF)
    assert start < seen.index(word) and seen.rindex(word) < stop
    assert seen.endswith(CLEAR), seen[-200:]


@pytest.mark.slow  # a real terminal and a subprocess
@pytest.mark.parametrize("args", [["show", "1", "--discreet"], ["list"]], ids=["flag", "config"])
def test_on_a_real_terminal_the_account_is_shown_full_screen_then_wiped(diary: Path, tmp_path: Path,
                                                                       args: list[str]) -> None:
    if "--discreet" not in args:
        (tmp_path / "home").mkdir()
        (tmp_path / "home" / "config.toml").write_text("discreet = true\n")
    term = _Terminal(args, _env(tmp_path, diary))
    assert term.read_until(b"Quillfeather"), term.seen.decode(errors="replace")
    assert term.read_until(b"Esc or q: leave")
    term.type(b"\x1b")
    assert term.end() == 0
    _only_on_the_alternate_screen(term.seen, b"Quillfeather")


@pytest.mark.slow  # a real terminal and a subprocess
def test_without_discreet_the_account_stays_on_the_screen(diary: Path, tmp_path: Path) -> None:
    term = _Terminal(["show", "1"], _env(tmp_path, diary))
    assert term.end() == 0
    assert b"Quillfeather" in term.seen and ALT_ON not in term.seen and CLEAR not in term.seen


@pytest.mark.slow  # a real terminal and a subprocess
def test_discreet_write_clears_the_typed_words_even_when_quiet(diary: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in _env(tmp_path, diary).items() if k != "VOICELOG_PASSPHRASE"}
    term = _Terminal(["write", "-q", "--discreet"], env)
    term.type(b"Zorvath Quillbrim stood at the bus stop on Plimsworth Road\r\r")
    assert term.end() == 0, term.seen.decode(errors="replace")
    assert b"Quillbrim" in term.seen  # echoed by the terminal as it was typed ...
    assert term.seen.endswith(CLEAR)  # ... and wiped, screen and scrollback, once it was stored
