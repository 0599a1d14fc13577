"""``voicelog write``: typed accounts from standard input, a prompt or --text, into real sealed diaries."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE, files_containing

from voicelog.cli import cli
from voicelog.cli.write import HISTORY_WARNING
from voicelog.store.opening import init_diary, open_diary, open_for_reading

ACCOUNT = ("Last night at ten past eleven Quillfeather stood under the streetlight outside my flat "
           "on Ashgrove Terrace for twenty minutes, watching my window.")


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary" / "diary.db"
    path.parent.mkdir()
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _stored(path: Path) -> list[tuple[str, str, str]]:
    with open_for_reading(path, TEST_PASSPHRASE) as d:
        assert d.verify().ok
        return [(e.source, e.recorded_at, e.transcript.text) for e in d.entries()]


def test_standard_input_is_stored_as_a_typed_entry_with_json_like_dictate(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--recorded-at", "2026-03-30T07:15", "--json"],
                           input=ACCOUNT + "\n")
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown["seq"] == 1 and shown["source"] == "typed" and shown["recorded_at"] == "2026-03-30T07:15:00"
    assert shown["incident"]["date"] == "2026-03-29" and shown["incident"]["time"] == "23:10"
    assert "Ashgrove Terrace" in shown["incident"]["location"]
    assert r.stderr == f"Saved as entry 1 in {diary}.\n"  # no warning: nothing went on the command line
    assert _stored(diary) == [("typed", "2026-03-30T07:15:00", ACCOUNT)]


def test_text_on_the_command_line_works_but_warns_of_shell_history_in_one_line(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--text", "he rang me fourteen times today"])
    assert r.exit_code == 0, r.output
    first, *rest = r.stderr.splitlines()
    assert first == HISTORY_WARNING and "shell history" in first and "voicelog write" in first
    assert rest == [f"Saved as entry 1 in {diary}."]
    assert "he rang me fourteen times today" in r.stdout  # the entry is shown, as dictate shows it
    [(source, recorded_at, text)] = _stored(diary)
    assert (source, text) == ("typed", "he rang me fourteen times today")
    assert abs(time.time() - time.mktime(time.strptime(recorded_at, "%Y-%m-%dT%H:%M:%S"))) < 600  # default: now


def test_the_prompt_holds_the_words_in_memory_only(diary: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("voicelog.cli.write.has_terminal", lambda: True)
    tmp = tmp_path / "tmp"  # the temp dir, its own so that what is found in it was written by this test
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    typed = "Zorvath Quillbrim was at the bus stop again\non Plimsworth Terrace at eight\n\nthis is not part of it\n"
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary)], input=typed)
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("Type what happened; press Enter on an empty line to finish")
    # An empty line ends the account: the lines before it are one account, on one line.
    assert _stored(diary)[0][2] == "Zorvath Quillbrim was at the bus stop again on Plimsworth Terrace at eight"
    # Nothing unsealed anywhere: not beside the diary (file, WAL, journals), not in the home, not in the temp dir.
    assert files_containing([tmp_path], ("Quillbrim", "Plimsworth")) == []


def test_the_locked_recorder_stores_a_typed_entry_without_the_passphrase(diary: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    with open_for_reading(diary, TEST_PASSPHRASE) as d:
        d.add_person("Colin Mowbray", ["my ex"])
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--json"],
                           input="my ex followed me home from the station")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["source"] == "typed"
    with open_diary(diary) as d:  # without the passphrase nothing can be read back
        assert d.opener is None and d.count() == 1
    # The next unlock matches the people list to it, as for an entry recorded while locked.
    monkeypatch.setenv("VOICELOG_PASSPHRASE", TEST_PASSPHRASE)
    r = CliRunner().invoke(cli, ["show", "1", "--diary", str(diary), "--json"])
    assert r.exit_code == 0, r.output
    assert "Colin Mowbray" in [p["name"] for p in json.loads(r.stdout)["incident"]["people"]]


@pytest.mark.parametrize("given", ["", "\n  \n"])
def test_nothing_typed_stores_nothing(diary: Path, given: str) -> None:
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary)], input=given)
    assert r.exit_code == 2
    assert r.stderr == "Error: The account is empty, so nothing was stored; type what happened and try again.\n"
    with open_diary(diary) as d:
        assert d.count() == 0


def test_a_missing_diary_is_said_before_anything_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    r = CliRunner().invoke(cli, ["write", "--diary", str(tmp_path / "none.db")], input=ACCOUNT)
    assert r.exit_code != 0
    assert "run `voicelog init`" in r.stderr and "Quillfeather" not in r.output


def test_a_bad_date_is_refused_before_anything_is_read(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--recorded-at", "last tuesday"], input=ACCOUNT)
    assert r.exit_code == 2 and "--recorded-at 'last tuesday' is not an ISO date" in r.stderr


def test_help_teaches_the_prompt_and_stdin_and_why() -> None:
    r = CliRunner().invoke(cli, ["write", "--help"])
    assert r.exit_code == 0
    assert "| voicelog write" in r.stdout  # an example that pipes the words in
    assert "shell saves every" in r.stdout and "history" in r.stdout
    assert "empty line" in r.stdout and "temporary file" in r.stdout


class _Terminal:
    """`voicelog write ARGS` on a real pseudo-terminal, as a person at a keyboard runs it."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.main, terminal = pty.openpty()
        # Ctrl-C as at a terminal: a test run started in the background by a non-interactive shell ignores
        # SIGINT, and a child would inherit that (Python keeps an ignored SIGINT ignored).
        self.proc = subprocess.Popen([sys.executable, "-m", "voicelog", "write", *args], stdin=terminal,
                                     stdout=terminal, stderr=terminal, env=env, close_fds=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        os.close(terminal)
        self.seen = b""

    def read_until(self, marker: bytes, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.seen and time.monotonic() < deadline:
            if select.select([self.main], [], [], 0.5)[0]:
                try:
                    self.seen += os.read(self.main, 4096)
                except OSError:  # the terminal closed: the process has ended
                    break
        assert marker in self.seen, f"{marker!r} never came; the terminal showed: {self.seen.decode(errors='replace')}"

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def end(self) -> int:
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired as late:
            self.proc.kill()
            shown = self.seen.decode(errors="replace")
            raise AssertionError(f"still running a minute on; the terminal showed: {shown}") from late
        finally:
            os.close(self.main)
        return code


def _private_env(tmp_path: Path, diary: Path) -> dict[str, str]:
    """The recorder's environment (no passphrase), with a HOME and TMPDIR of its own under ``tmp_path``."""
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "VOICELOG_PASSPHRASE"}
    env.update(HOME=str(home), TMPDIR=str(tmp), VOICELOG_DIARY=str(diary))
    return env


@pytest.mark.slow
def test_typed_at_a_real_terminal_into_the_locked_recorder_leaves_no_words_on_disk(diary: Path, tmp_path: Path) -> None:
    term = _Terminal(["--recorded-at", "2026-03-30T21:47"], _private_env(tmp_path, diary))
    term.read_until(b"press Enter on an empty line")
    for line in (b"Zorvath Quillbrim waited by my car on Plimsworth Terrace", b"at half past five", b""):
        term.type(line + b"\r")
    term.read_until(b"voicelog amend")  # the entry is shown once it is stored
    assert term.end() == 0, term.seen.decode(errors="replace")
    assert b"Saved as entry 1" in term.seen and b"typed" in term.seen
    assert files_containing([tmp_path], ("Quillbrim", "Plimsworth")) == []
    assert _stored(diary) == [("typed", "2026-03-30T21:47:00",
                               "Zorvath Quillbrim waited by my car on Plimsworth Terrace at half past five")]


@pytest.mark.slow
def test_ctrl_c_at_the_prompt_stores_nothing_and_says_so(diary: Path, tmp_path: Path) -> None:
    term = _Terminal([], _private_env(tmp_path, diary))
    term.read_until(b"press Enter on an empty line")
    term.type(b"Zorvath Quillbrim was\r")
    term.read_until(b"Quillbrim was\r\n")  # echoed: the line has been read
    term.proc.send_signal(signal.SIGINT)  # Ctrl-C (the pseudo-terminal is not the process's controlling one)
    term.read_until(b"nothing was stored")
    assert term.end() == 1
    assert b"Stopped; nothing was stored." in term.seen
    with open_diary(diary) as d:
        assert d.count() == 0
    assert files_containing([tmp_path], ("Quillbrim",)) == []


def test_quiet_never_shows_the_account_and_with_json_only_its_number(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["write", "-q", "--diary", str(diary)], input=ACCOUNT + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout == "" and r.stderr == ""  # nothing of the account (nor of anything) on the terminal
    r = CliRunner().invoke(cli, ["write", "-q", "--json", "--diary", str(diary)], input=ACCOUNT + "\n")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"seq": 2} and "Ashgrove" not in r.output
    assert [text for _, _, text in _stored(diary)] == [ACCOUNT, ACCOUNT]


def test_attach_seals_files_to_the_typed_entry_and_leaves_no_copy(diary: Path, tmp_path: Path) -> None:
    from conftest import files_holding
    from image_fixtures import tail_of, write_images

    from voicelog.store.attachments import attachments, content

    photo, shot = write_images(tmp_path / "gallery")
    kept = photo.read_bytes(), shot.read_bytes()
    since = time.time() - 1
    first = CliRunner().invoke(cli, ["write", "--diary", str(diary), "-q"], input="he rang at midnight\n")
    assert first.exit_code == 0, first.output
    r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--attach", str(photo), "--attach", str(shot),
                                 "--remove-original"], input=ACCOUNT + "\n")
    assert r.exit_code == 0, r.output
    assert f"Saved as entry 2 in {diary}." in r.stderr
    assert "Sealed car.jpg to entry 2 as exhibit 1 (image/jpeg" in r.stderr
    assert "Sealed message.png to entry 2 as exhibit 2 (image/png" in r.stderr
    assert r.stderr.count("Deleted the original") == 2 and not photo.exists() and not shot.exists()
    with open_for_reading(diary, TEST_PASSPHRASE) as d:
        assert d.verify().ok
        found = attachments(d)
        assert [(a.entry, a.name) for a in found] == [(2, "car.jpg"), (2, "message.png")]
        assert (content(d, found[0]), content(d, found[1])) == kept
    assert files_holding([tmp_path, Path(tempfile.gettempdir())], tuple(tail_of(k) for k in kept), since=since) == []


def test_a_file_that_cannot_be_attached_is_refused_before_anything_is_stored(diary: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    for bad in (tmp_path / "missing.jpg", empty, tmp_path):
        r = CliRunner().invoke(cli, ["write", "--diary", str(diary), "--attach", str(bad)], input=ACCOUNT + "\n")
        assert r.exit_code == 2 and "nothing was attached" in r.stderr, r.output
    assert _stored(diary) == []
