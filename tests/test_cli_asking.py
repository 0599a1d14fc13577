"""Names, notes and reasons typed at a prompt instead of given as arguments, into real sealed diaries; and a real
interactive bash whose history file keeps the command but never the name typed at the prompt."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE

from voicelog.app.write import write_entry
from voicelog.cli import cli
from voicelog.cli.asking import asked, asked_each, split, words_of
from voicelog.errors import UsageError
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording

ACCOUNT = "Yesterday at nine Quillfeather waited outside my flat on Ashgrove Terrace for an hour."


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    with open_for_recording(path) as book:
        write_entry(book, ACCOUNT, recorded_at=datetime(2026, 3, 30, 21, 47))
    return path


def _run(diary: Path, args: list[str], typed: str) -> str:
    r = CliRunner().invoke(cli, [*args, "--diary", str(diary)], input=typed)
    assert r.exit_code == 0, r.output
    return r.stdout


def _people(diary: Path) -> list[tuple[str, tuple[str, ...]]]:
    with open_for_reading(diary, TEST_PASSPHRASE) as book:
        return [(p.name, p.aliases) for p in book.people()]


def test_the_helpers_keep_what_was_given_and_ask_for_what_was_not() -> None:
    assert split(" my ex, colin ,, ") == ["my ex", "colin"]
    assert words_of('"car park" blue') == ["car park", "blue"] and words_of('unbalanced "quote') == \
        ["unbalanced", '"quote']
    assert asked("Colin", "Name") == "Colin"  # given: never asked


def test_people_add_with_no_name_asks_for_the_name_and_the_aliases(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["people", "add", "--diary", str(diary)], input="Zorvath Quillfeather\nmy ex, zed\n")
    assert r.exit_code == 0, r.output
    assert "Name: " in r.stderr and "Other names for them" in r.stderr
    assert _people(diary) == [("Zorvath Quillfeather", ("my ex", "zed"))]


def test_a_dash_asks_and_aliases_may_be_left_empty(diary: Path) -> None:
    _run(diary, ["people", "add", "-"], "Hilda Marchbank\n\n")
    _run(diary, ["people", "add", "Orrin Pell", "--alias", "-"], "the neighbour\n")
    _run(diary, ["people", "alias"], "Hilda Marchbank\nhilda, aunt h\n")
    assert _people(diary) == [("Hilda Marchbank", ("hilda", "aunt h")), ("Orrin Pell", ("the neighbour",))]
    shown = json.loads(_run(diary, ["people", "show", "--json"], "Orrin Pell\n"))
    assert shown["name"] == "Orrin Pell" and shown["aliases"] == ["the neighbour"]


def test_an_empty_answer_is_asked_again_and_no_answer_at_all_is_one_sentence(diary: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    r = CliRunner().invoke(cli, ["people", "add", "--diary", str(diary)], input="\n\nZed Pell\n\n")
    assert r.exit_code == 0, r.output
    assert r.stderr.count("Name: ") == 3
    r = CliRunner().invoke(cli, ["void", "1", "--diary", str(diary)], input="")
    assert r.exit_code == 2
    assert r.stderr.endswith("Error: Nothing was typed for 'why is it void'; give it at the prompt (or pipe it in "
                             "on standard input) and try again.\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # standard input already at its end
    with pytest.raises(UsageError, match="Nothing was typed for 'person'"):
        asked_each(["-"], "Person")


def test_void_amend_and_search_ask_for_their_words(diary: Path) -> None:
    _run(diary, ["amend", "1", "--set", "-", "--note", "-"], "place=the Ashgrove Terrace bus stop\nhe wore a cap\n")
    found = _run(diary, ["search", "--json"], '"bus stop"\n')
    assert [e["seq"] for e in json.loads(found)] == [1]
    listed = _run(diary, ["list", "--json", "--person", "-"], "Quillfeather\n")
    assert [e["seq"] for e in json.loads(listed)] == [1]
    assert json.loads(_run(diary, ["list", "--json", "--person", "-"], "Orrin Pell\n")) == []
    _run(diary, ["void", "1"], "recorded by mistake\n")
    with open_for_reading(diary, TEST_PASSPHRASE) as book:
        entry = book.get(1)
        assert entry.incident.location == "the Ashgrove Terrace bus stop"
        assert [a.note for a in entry.amendments if a.note] == ["he wore a cap"]
        assert entry.void_line().endswith(": recorded by mistake")


def test_write_and_extract_take_a_dash_as_the_prompt_and_warn_of_nothing(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["write", "--text", "-", "--diary", str(diary)],
                           input="Orrin Pell rang me nine times tonight\n")
    assert r.exit_code == 0, r.output
    assert "shell history" not in r.stderr  # nothing went on the command line
    r = CliRunner().invoke(cli, ["extract", "--json"], input="Orrin Pell rang me nine times tonight\n")
    assert r.exit_code == 0, r.output
    assert "Orrin Pell" in [p["name"] for p in json.loads(r.stdout)["people"]]
    r = CliRunner().invoke(cli, ["extract", "--text", "x", "--batch", "-"])
    assert r.exit_code == 2 and "not both" in r.stderr


class _Shell:
    """An interactive bash on a real pseudo-terminal, keeping its history in ``histfile``."""

    def __init__(self, env: dict[str, str]) -> None:
        self.main, terminal = pty.openpty()
        self.proc = subprocess.Popen(["bash", "--norc", "--noprofile", "-i"], stdin=terminal, stdout=terminal,
                                     stderr=terminal, env=env, close_fds=True, start_new_session=True)
        os.close(terminal)
        self.seen = b""

    def read_until(self, marker: bytes, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while marker not in self.seen and time.monotonic() < deadline:
            if select.select([self.main], [], [], 0.3)[0]:
                try:
                    self.seen += os.read(self.main, 65536)
                except OSError:
                    break
        return marker in self.seen

    def type(self, line: str) -> None:
        os.write(self.main, line.encode() + b"\r")

    def end(self) -> int:
        code = self.proc.wait(timeout=60)
        os.close(self.main)
        return code


@pytest.mark.slow  # a real shell on a real terminal, running voicelog
def test_the_shells_history_keeps_the_command_but_never_the_name_typed_at_the_prompt(diary: Path,
                                                                                     tmp_path: Path) -> None:
    histfile = tmp_path / "bash_history"
    env = {**os.environ, "HISTFILE": str(histfile), "PS1": "ready$ ", "VOICELOG_DIARY": str(diary),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    shell = _Shell(env)
    assert shell.read_until(b"ready$ ")
    shell.type("voicelog people add")
    assert shell.read_until(b"Name: "), shell.seen.decode(errors="replace")
    shell.type("Zorvath Quillfeather")
    assert shell.read_until(b"Other names for them")
    shell.type("my ex")
    assert shell.read_until(b"Registered Zorvath Quillfeather")
    shell.type("exit")
    assert shell.end() == 0
    history = histfile.read_text()
    assert "voicelog people add" in history  # the shell kept the command line ...
    assert "Quillfeather" not in history and "my ex" not in history  # ... and nothing typed at the prompt
    assert _people(diary) == [("Zorvath Quillfeather", ("my ex",))]
