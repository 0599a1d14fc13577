"""Commands on the diary as a whole (voicelog.cli.diary): init and its wake phrase, amend (with --set or in an
editor), show --history, reextract, verify --head."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSPHRASE, files_containing

from voicelog.cli import cli
from voicelog.config import load_config
from voicelog.errors import VaultError
from voicelog.extract import EXTRACTOR_VERSION
from voicelog.incident import Incident
from voicelog.store import opening
from voicelog.transcript import Transcript

TEXT = "yesterday at about ten past eight in the evening colin mowbray followed me along moss lane"


@pytest.fixture
def diary(voicelog_home: Path) -> Path:
    path = voicelog_home / "diary.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    with opening.open_for_recording(path) as book:  # as an older voicelog would have stored it
        old = Incident(date="2026-03-29", location="moss line", extractor_version="rules-0")
        book.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(TEXT), incident=old, source="text")
    return path


def _show(n: int) -> dict:
    r = CliRunner().invoke(cli, ["show", str(n), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_amend_sets_fields_and_keeps_the_original(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["amend", "1", "--set", "place=Moss Lane", "--set", "time=20:10",
                                 "--set", "people=Colin Mowbray:subject, Hilda:witness", "--note", "misheard"])
    assert r.exit_code == 0, r.output
    entry = _show(1)
    assert entry["incident"]["location"] == "Moss Lane" and entry["incident"]["time"] == "20:10"
    assert entry["incident"]["people"][1]["role"] == "witness"
    assert entry["original_incident"]["location"] == "moss line"
    assert entry["amendments"][0]["note"] == "misheard"
    r = CliRunner().invoke(cli, ["show", "1", "--history"])
    assert "As first written" in r.stdout and "Amendment 1 " in r.stdout  # numbered per entry, not by chain row
    assert "[amended]" in r.stdout


@pytest.mark.parametrize("bad, message", [
    ("time=25:00", "24-hour"), ("date=last tuesday", "not a date"), ("categories=stalking", "unknown categor"),
    ("people=Dave:boss", "role"), ("mood=sad", "Cannot amend mood"), ("place", "FIELD=VALUE"),
])
def test_bad_amendments_are_refused_and_change_nothing(diary: Path, bad: str, message: str) -> None:
    before = diary.read_bytes()
    r = CliRunner().invoke(cli, ["amend", "1", "--set", bad])
    assert r.exit_code == 2
    assert message in r.output
    assert diary.read_bytes() == before


def test_reextract_updates_old_entries_but_the_persons_correction_wins(diary: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["amend", "1", "--set", "place=Moss Lane by the canal"]).exit_code == 0
    r = runner.invoke(cli, ["reextract", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"seq": 1, "from": "rules-0", "to": EXTRACTOR_VERSION}]
    entry = _show(1)
    assert entry["incident"]["extractor_version"] == EXTRACTOR_VERSION
    assert entry["incident"]["time"] == "20:10"  # found by the new extractor
    assert entry["incident"]["location"] == "Moss Lane by the canal"  # the person's word stands
    assert json.loads(runner.invoke(cli, ["reextract", "--json"]).stdout) == []  # nothing left to redo
    assert runner.invoke(cli, ["verify"]).exit_code == 0


# -- init --wake ---------------------------------------------------------------------------------------


def test_init_saves_the_wake_phrase_and_keeps_other_settings(voicelog_home: Path) -> None:
    voicelog_home.mkdir(parents=True)
    (voicelog_home / "config.toml").write_text('engine = "whisper"\nsilence = 3.5\n')
    r = CliRunner().invoke(cli, ["init", "--wake", "purple  kettle on the moon"])
    assert r.exit_code == 0, r.output
    config = load_config()
    assert config.wake == "purple kettle on the moon"
    assert config.engine == "whisper" and config.silence == 3.5
    assert (voicelog_home / "config.toml").stat().st_mode & 0o777 == 0o600


def test_a_one_word_wake_phrase_is_refused(voicelog_home: Path) -> None:
    r = CliRunner().invoke(cli, ["init", "--wake", "hello"])
    assert r.exit_code == 2 and "has only one word: choose at least 3 words" in r.output
    assert load_config().wake is None


# -- amend --edit keeps the editor's file in memory and wipes it ------------------------------------------

PLACE = "Quillfeather Passage"
"""A place name that appears nowhere else, to look for on disk."""

EDITOR = """#!{python}
import json, sys
path = sys.argv[1]
with open({log!r}, "a") as log:
    log.write(path + "\\n")
changes = json.loads(bytes.fromhex("{changes}"))  # hex, so the script itself holds no place name
lines = [line if line.startswith("#") or line.split(":")[0] not in changes
         else line.split(":")[0] + ": " + changes[line.split(":")[0]] for line in open(path).read().splitlines()]
open(path, "w").write("\\n".join(lines) + "\\n")
"""


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: dict) -> Path:
    """A real editor process that rewrites the lines it is told to in the form it is given; returns the log of
    files it edited."""
    import stat
    import sys

    log = tmp_path / "edited.log"
    script = tmp_path / "fake-editor"
    script.write_text(EDITOR.format(python=sys.executable, log=str(log), changes=json.dumps(changes).encode().hex()))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setenv("VISUAL", str(script))
    return log


@pytest.mark.slow  # runs a real editor process
def test_amend_edit_keeps_the_file_in_memory_and_wipes_it(diary: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile
    import time

    from voicelog import corrections

    ram = corrections.ram_folder()
    if ram is None:
        pytest.skip("no in-memory folder on this machine")
    started = time.time() - 1
    log = _editor(tmp_path, monkeypatch, {"place": PLACE, "time": "20:10"})
    r = CliRunner().invoke(cli, ["amend", "1", "--edit", "--note", "fixed in the editor"])
    assert r.exit_code == 0, r.output
    entry = _show(1)
    assert entry["incident"]["location"] == PLACE and entry["incident"]["time"] == "20:10"
    assert entry["amendments"][0]["changes"] == {"location": PLACE, "time": "20:10"}
    edited = Path(log.read_text().strip())
    assert edited.is_relative_to(ram) and not edited.exists() and not edited.parent.exists()
    assert files_containing([Path(tempfile.gettempdir()), ram], (PLACE,), since=started) == []


@pytest.mark.slow  # runs a real editor process
def test_amend_edit_checks_what_the_editor_wrote(diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, {"people": "Hilda:boss"})
    before = diary.read_bytes()
    r = CliRunner().invoke(cli, ["amend", "1", "--edit"])
    assert r.exit_code == 2 and "role 'boss' must be one of" in r.output
    assert diary.read_bytes() == before


def test_amend_edit_is_refused_for_a_sealed_diary_without_an_in_memory_folder(
        diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from voicelog import corrections

    monkeypatch.setattr(corrections, "ram_folder", lambda: None)
    log = _editor(tmp_path, monkeypatch, {"place": PLACE})
    r = CliRunner().invoke(cli, ["amend", "1", "--edit"])
    assert r.exit_code == 2 and "--set" in r.output and "voicelog review" in r.output
    assert not log.exists()  # the editor never ran


def test_amend_edit_without_an_editor_asks_field_by_field(diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("voicelog.cli.diary.has_terminal", lambda: True)
    # Enter keeps the date; a wrong time is asked for again; "-" clears the people; Enter for the rest.
    typed = "\n25:00\n20:10\nMoss Lane\n-\n\n\n\n\n\n\n\n\n"  # Enter keeps each field after people
    r = CliRunner().invoke(cli, ["amend", "1", "--edit", "--note", "asked"], input=typed)
    assert r.exit_code == 0, r.output
    assert "Enter keeps the value shown, - clears it" in r.stderr
    assert "place [moss line]" in r.stderr and "24-hour" in r.stderr
    entry = _show(1)
    assert entry["incident"]["location"] == "Moss Lane" and entry["incident"]["time"] == "20:10"
    assert entry["incident"]["people"] == [] and entry["amendments"][0]["note"] == "asked"


def test_amend_edit_with_no_terminal_and_no_editor_is_refused_at_once(diary: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    before = diary.read_bytes()
    r = CliRunner().invoke(cli, ["amend", "1", "--edit"])  # CliRunner's stdin is not a terminal
    assert r.exit_code == 2 and "there is none here" in r.stderr and "--set FIELD=VALUE" in r.stderr
    assert diary.read_bytes() == before


# -- verify --head -------------------------------------------------------------------------------------


def test_verify_head_accepts_an_earlier_export_and_refuses_a_short_or_unknown_hash(diary: Path) -> None:
    runner = CliRunner()
    with opening.open_for_recording(diary) as book:
        _, exported = book.head()
    assert runner.invoke(cli, ["amend", "1", "--set", "place=Moss Lane"]).exit_code == 0
    r = runner.invoke(cli, ["verify", "--head", exported[:16]])
    assert r.exit_code == 0, r.output
    assert "export ends at row 2; 1 row(s) were added since" in r.stdout
    data = json.loads(runner.invoke(cli, ["verify", "--head", exported.upper(), "--json"]).stdout)
    assert data["ok"] and data["export_row"] == 2 and data["rows_added_since"] == 1 and not data["head_matches"]
    r = runner.invoke(cli, ["verify", "--head", exported[:8]])
    assert r.exit_code == 2 and "16 hex" in r.output
    r = runner.invoke(cli, ["verify", "--head", "0123456789abcdef0123"])
    assert r.exit_code == 3 and "no row has the hash" in r.stdout


# -- one passphrase policy: prompt, file, environment ----------------------------------------------------

STRONG = "walnut lantern seventeen orbit"


def _no_diary(home: Path) -> bool:
    return not (home / "diary.db").exists() and not (home / "diary.db.key").exists()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person at a terminal (CliRunner's stdin is not one): the commands ask instead of refusing."""
    monkeypatch.setattr("voicelog.cli.options.has_terminal", lambda: True)
    monkeypatch.setattr("voicelog.cli.diary.has_terminal", lambda: True)


def test_init_asks_again_until_the_typed_passphrase_is_strong(voicelog_home: Path, terminal: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    typed = "x\nx\npassword1\npassword1\n" + f"{STRONG}\n{STRONG}\n" + "\n"  # the last: no wake phrase
    r = CliRunner().invoke(cli, ["init"], input=typed)
    assert r.exit_code == 0, r.output
    assert "too short" in r.stderr and "too easy to guess" in r.stderr
    assert r.stderr.count("New passphrase") == 3
    opening.open_for_reading(voicelog_home / "diary.db", STRONG).close()


def test_init_at_a_terminal_creates_nothing_if_no_strong_passphrase_comes(voicelog_home: Path, terminal: None,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    r = CliRunner().invoke(cli, ["init"], input="example only\nexample only\n")
    assert r.exit_code != 0 and "too easy to guess" in r.stderr
    assert _no_diary(voicelog_home)


def test_init_says_a_diary_exists_before_asking_for_a_passphrase(voicelog_home: Path, terminal: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert CliRunner().invoke(cli, ["init"], input="\n").exit_code == 0  # Enter: no wake phrase
    before = (voicelog_home / "diary.db").read_bytes()
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    for args in (["init"], ["init", "--plain"]):
        r = CliRunner().invoke(cli, args, input=f"{STRONG}\n{STRONG}\n\n")
        assert r.exit_code == 2 and "A diary already exists at" in r.stderr
        assert "passphrase:" not in r.stderr.lower() and "Warning" not in r.stderr  # nothing asked or warned first
    assert (voicelog_home / "diary.db").read_bytes() == before


@pytest.mark.parametrize("weak", ["x", " ", "password1", "example only"])
def test_a_weak_passphrase_file_is_refused_for_a_new_diary(voicelog_home: Path, tmp_path: Path, weak: str) -> None:
    secret = tmp_path / "secret"
    secret.write_text(weak + "\n")
    r = CliRunner().invoke(cli, ["init", "--passphrase-file", str(secret)])
    assert r.exit_code == 2, r.output
    assert "passphrase is too" in r.stderr and "four or more unrelated words" in r.stderr
    assert _no_diary(voicelog_home)
    secret.write_text(STRONG + "\n")
    assert CliRunner().invoke(cli, ["init", "--passphrase-file", str(secret)]).exit_code == 0
    opening.open_for_reading(voicelog_home / "diary.db", STRONG).close()


@pytest.mark.parametrize("command", [["init"], ["people", "add", "Colin Mowbray"]], ids=["init", "first-use"])
@pytest.mark.parametrize("weak", ["x", " ", "password1"])
def test_a_weak_environment_passphrase_is_refused_for_a_new_diary(voicelog_home: Path, command: list[str],
                                                                  weak: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICELOG_PASSPHRASE", weak)
    r = CliRunner().invoke(cli, command)
    assert r.exit_code == 2, r.output
    assert "passphrase is too" in r.stderr
    assert _no_diary(voicelog_home)


def test_passwd_refuses_a_weak_new_passphrase_from_a_file_or_the_prompt(diary: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    key = opening.key_path(diary)
    before = key.read_bytes()
    new = tmp_path / "new"
    new.write_text("x\n")
    r = CliRunner().invoke(cli, ["passwd", "--new-passphrase-file", str(new)])
    assert r.exit_code == 2 and "too short" in r.stderr
    assert key.read_bytes() == before
    monkeypatch.setattr("voicelog.cli.diary.has_terminal", lambda: True)
    r = CliRunner().invoke(cli, ["passwd"], input=f"password1\npassword1\n{STRONG}\n{STRONG}\n")
    assert r.exit_code == 0, r.output
    assert "too easy to guess" in r.stderr
    opening.open_for_reading(diary, STRONG).close()


def test_passwd_moves_the_diary_to_a_new_key_and_says_so(diary: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from voicelog.store.keys import fingerprint, load_sealer, unlock

    key = opening.key_path(diary)
    taken = tmp_path / "taken.key"  # a copy someone made before the change
    taken.write_bytes(key.read_bytes())
    new = tmp_path / "new"
    new.write_text(STRONG + "\n")
    r = CliRunner().invoke(cli, ["passwd", "--new-passphrase-file", str(new)])
    assert r.exit_code == 0, r.output
    public = load_sealer(key).public_key
    assert public != load_sealer(taken).public_key
    assert f"new key (fingerprint {fingerprint(public)})" in r.stderr
    assert "restart `voicelog listen`" in r.stderr and "fresh `voicelog backup`" in r.stderr
    monkeypatch.setenv("VOICELOG_PASSPHRASE", STRONG)
    assert _show(1)["transcript"]["text"] == TEXT  # the entry from before the change
    with opening.open_for_recording(diary) as book:
        book.append(recorded_at=datetime(2026, 4, 2, 9, 0), transcript=Transcript("i moved to a new flat"),
                    incident=Incident(), source="text")
    assert _show(2)["transcript"]["text"] == "i moved to a new flat"
    old_opener = unlock(taken, TEST_PASSPHRASE)  # the passphrase before the change
    assert old_opener.open(load_sealer(taken).seal(b"x")) == b"x"
    with pytest.raises(VaultError):
        old_opener.open(load_sealer(key).seal(b"sealed after the change"))


# -- the verification code: shown at init, checked by verify, started by upgrade -------------------------


def _code_from(output: str) -> str:
    line = next(x for x in output.splitlines() if x.startswith("Verification code:"))
    return line.split(":", 1)[1].strip()


def test_init_shows_the_code_once_and_verify_checks_the_seals_with_it(voicelog_home: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["init"])
    assert r.exit_code == 0, r.output
    code = _code_from(r.stderr)
    assert "keep it away from this device" in r.stderr
    r = runner.invoke(cli, ["verify", "--code", code])
    assert r.exit_code == 0 and "carry their seals" in r.stdout
    r = runner.invoke(cli, ["verify"])  # with VOICELOG_PASSPHRASE set, the passphrase checks them too
    assert r.exit_code == 0 and "carry their seals" in r.stdout
    wrong = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA"
    r = runner.invoke(cli, ["verify", "--code", wrong, "--json"])
    assert r.exit_code == 3 and json.loads(r.stdout)["wrong_code"]
    r = runner.invoke(cli, ["verify", "--code", "not-a-code"])
    assert r.exit_code == 2 and "not a voicelog verification code" in r.output


def test_verify_names_rows_cut_out(voicelog_home: Path) -> None:
    import sqlite3

    runner = CliRunner()
    code = _code_from(runner.invoke(cli, ["init"]).stderr)
    path = voicelog_home / "diary.db"
    with opening.open_for_recording(path) as book:
        book.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript("one"), incident=Incident(),
                    source="text")
        book.append(recorded_at=datetime(2026, 3, 30, 22, 47), transcript=Transcript("two"), incident=Incident(),
                    source="text")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM entries WHERE seq = 3")
    conn.commit()
    conn.close()
    r = runner.invoke(cli, ["verify", "--code", code])
    assert r.exit_code == 3 and "removed" in r.stdout and "FAILED" in r.stdout


def test_upgrade_starts_sealing_an_older_diary(voicelog_home: Path) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "tests" / "fixtures" / "store_v1", voicelog_home)
    runner = CliRunner()
    r = runner.invoke(cli, ["verify"], env={"VOICELOG_PASSPHRASE": ""})
    assert r.exit_code == 0 and "voicelog upgrade" in r.stdout
    passphrase = voicelog_home / "pass.txt"
    passphrase.write_text("old diary passphrase\n")
    r = runner.invoke(cli, ["upgrade", "--passphrase-file", str(passphrase)])
    assert r.exit_code == 0, r.output
    code = _code_from(r.stderr)
    r = runner.invoke(cli, ["verify", "--code", code])
    assert r.exit_code == 0 and "carry their seals" in r.stdout
    r = runner.invoke(cli, ["upgrade", "--passphrase-file", str(passphrase)])
    assert r.exit_code == 2 and "already" in r.output
    r = runner.invoke(cli, ["people", "list", "--json", "--passphrase-file", str(passphrase)])
    # moved into the chain (the name is the one stored in the v1 fixture diary)
    assert json.loads(r.stdout) == [{"name": "John Smith", "aliases": ["my ex"]}]


# -- a diary with damaged and forged rows: verify, amend, audio, salvage -------------------------------------


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """Four entries, each with a recording, and one person; entry 2's sealed content has a bit flipped (row 3) and
    entry 3 is a record sealed to another key (row 4)."""
    from damage_fixtures import flip_byte, seal_to_another_key, tone_flac

    path = tmp_path / "d.db"
    opening.init_diary(path, passphrase=TEST_PASSPHRASE)
    with opening.open_for_recording(path) as book:
        for i in range(1, 5):
            book.append(recorded_at=datetime(2026, 3, i, 21, 0), transcript=Transcript(f"account number {i}"),
                        incident=Incident(date=f"2026-03-0{i}"), source="microphone", audio=tone_flac(0.5))
    with opening.open_for_reading(path, passphrase=TEST_PASSPHRASE) as book:
        book.add_person("Colin Mowbray", ["my ex"])
    assert (flip_byte(path, 2), seal_to_another_key(path, 3)) == (3, 4)
    return path


def _rows(path: Path) -> int:
    with opening.open_diary(path) as book:
        return book.head()[0]


def test_verify_names_each_damaged_row_and_exits_3(damaged: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["verify", "--diary", str(damaged)])  # with the passphrase: the seals are checked too
    assert r.exit_code == 3
    assert "Problem: Entry 2 (row 3)" in r.stdout and "Problem: Entry 3 (row 4)" in r.stdout
    assert r.stdout.strip().splitlines()[-1].startswith("FAILED")
    data = json.loads(runner.invoke(cli, ["verify", "--json", "--diary", str(damaged)]).stdout)
    assert not data["ok"] and data["seals_checked"] and {3, 4} <= set(data["bad_seals"])


def test_amend_and_audio_of_intact_entries_work_and_a_damaged_entry_is_refused_unchanged(damaged: Path,
                                                                                        tmp_path: Path) -> None:
    from damage_fixtures import flip_byte

    runner = CliRunner()
    rows = _rows(damaged)
    r = runner.invoke(cli, ["amend", "2", "--set", "place=Moss Lane", "--diary", str(damaged)])
    assert r.exit_code == 1 and "Entry 2 is damaged and cannot be shown (entry 2 (row 3)" in r.stderr
    assert _rows(damaged) == rows  # refused before anything was written
    r = runner.invoke(cli, ["amend", "4", "--set", "place=Moss Lane", "--json", "--diary", str(damaged)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["incident"]["location"] == "Moss Lane"
    assert "Entry 2 (row 3)" in r.stderr and "Entry 3 (row 4)" in r.stderr  # the tamper check's warning

    for n in (1, 2):  # entry 2's words are lost, its recording is not
        out = tmp_path / f"entry-{n}.wav"
        r = runner.invoke(cli, ["audio", str(n), "--out", str(out), "--diary", str(damaged)])
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 16000
    flip_byte(damaged, 4, column="audio")
    r = runner.invoke(cli, ["audio", "4", "--out", str(tmp_path / "entry-4.wav"), "--diary", str(damaged)])
    assert r.exit_code == 1 and "The recording kept with entry 4 is damaged" in r.stderr
    assert not (tmp_path / "entry-4.wav").exists()


def test_salvage_copies_every_readable_entry_into_a_new_diary_and_names_the_rest(damaged: Path,
                                                                                 tmp_path: Path) -> None:
    import hashlib

    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    new = tmp_path / "salvaged.db"
    runner = CliRunner()
    r = runner.invoke(cli, ["salvage", str(new), "--diary", str(damaged)])
    assert r.exit_code == 0, r.output
    assert "failed its tamper check" in r.stderr
    assert "Copied 2 entries (0 correction(s), 2 recording(s)) and 1 person" in r.stderr
    assert "entry 4 is now 2" in r.stderr
    assert "Could not copy 2 entries (2, 3)" in r.stderr and "entry 3 (row 4)" in r.stderr
    assert "The recording of entry 2 still opens" in r.stderr
    assert "Verification code:" in r.stderr
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before

    listed = runner.invoke(cli, ["list", "--json", "--diary", str(new)])
    assert listed.exit_code == 0 and listed.stderr == ""
    assert [(e["seq"], e["transcript"]["text"], e["recorded_at"], e["source"], e["has_audio"])
            for e in json.loads(listed.stdout)] == [
        (1, "account number 1", "2026-03-01T21:00:00", "microphone", True),
        (2, "account number 4", "2026-03-04T21:00:00", "microphone", True)]
    assert runner.invoke(cli, ["verify", "--diary", str(new)]).exit_code == 0
    people = runner.invoke(cli, ["people", "list", "--json", "--diary", str(new)])
    assert json.loads(people.stdout) == [{"name": "Colin Mowbray", "aliases": ["my ex"]}]
    r = runner.invoke(cli, ["salvage", str(new), "--diary", str(damaged)])
    assert r.exit_code == 2 and "already exists" in r.stderr


def test_salvage_needs_the_passphrase(damaged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICELOG_PASSPHRASE")
    r = CliRunner().invoke(cli, ["salvage", str(tmp_path / "new.db"), "--diary", str(damaged)])
    assert r.exit_code == 2 and "needs your passphrase" in r.stderr
    assert not (tmp_path / "new.db").exists()


# -- void, and entry numbers without gaps --------------------------------------------------------------------


def test_void_takes_an_entry_out_of_lists_but_not_out_of_the_diary(diary: Path) -> None:
    runner = CliRunner()
    with opening.open_for_recording(diary) as book:
        book.append(recorded_at=datetime(2026, 3, 31, 9, 0), transcript=Transcript("the radio said good morning"),
                    incident=Incident(), source="microphone")
    r = runner.invoke(cli, ["void", "2", "--reason", "a false trigger: the radio"])
    assert r.exit_code == 0, r.output
    assert "Entry 2 voided on " in r.stderr and ": a false trigger: the radio" in r.stderr and r.stdout == ""
    listed = runner.invoke(cli, ["list"])
    assert listed.exit_code == 0 and "radio said" not in listed.stdout
    assert "voided on" in listed.stdout and "a false trigger: the radio" in listed.stdout
    data = json.loads(runner.invoke(cli, ["list", "--json"]).stdout)
    assert [e["seq"] for e in data] == [1, 2] and data[1]["voided"]["reason"] == "a false trigger: the radio"
    assert "transcript" not in data[1] and "incident" not in data[1] and data[0]["voided"] is None
    shown = runner.invoke(cli, ["show", "2"])
    assert "Entry 2 voided on" in shown.stdout and "good morning" not in shown.stdout
    assert "good morning" not in runner.invoke(cli, ["show", "2", "--json"]).stdout
    history = runner.invoke(cli, ["show", "2", "--history"])
    assert "the radio said good morning" in history.stdout and "Amendment 1 " in history.stdout
    assert "voided: a false trigger: the radio" in history.stdout
    full = json.loads(runner.invoke(cli, ["show", "2", "--history", "--json"]).stdout)
    assert full["transcript"]["text"] == "the radio said good morning" and full["voided"] is not None
    assert runner.invoke(cli, ["search", "radio"]).stdout == ""
    again = runner.invoke(cli, ["void", "2", "--reason", "twice", "--json"])
    assert again.exit_code == 2 and "already voided" in again.stderr and again.stdout == ""
    assert runner.invoke(cli, ["void", "1", "--reason", "   "]).exit_code == 2
    verified = runner.invoke(cli, ["verify"])
    assert verified.exit_code == 0, verified.output


def test_void_json_and_a_changed_void_caught_by_verify(diary: Path) -> None:
    import sqlite3

    runner = CliRunner()
    r = runner.invoke(cli, ["void", "1", "--reason", "recorded by mistake", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["seq"] == 1 and out["voided"]["reason"] == "recorded by mistake" and "transcript" not in out
    conn = sqlite3.connect(diary)  # someone with the file tries to take the void back out
    row = conn.execute("SELECT max(seq) FROM entries WHERE kind = 'amendment'").fetchone()[0]
    conn.execute("UPDATE entries SET kind = 'people' WHERE seq = ?", (row,))
    conn.commit()
    conn.close()
    verified = runner.invoke(cli, ["verify"])
    assert verified.exit_code == 3 and "FAILED" in verified.stdout and f"row {row}" in verified.stdout


def test_an_old_diary_with_a_correction_between_entries_lists_without_a_gap(voicelog_home: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from store_fixtures import OLD_PASS, old_diary_with_gap

    voicelog_home.mkdir(parents=True)
    path = old_diary_with_gap(voicelog_home)  # rows 1, 2 entries, row 3 a correction, rows 4, 5 entries
    monkeypatch.setenv("VOICELOG_PASSPHRASE", OLD_PASS)
    runner = CliRunner()
    assert [e["seq"] for e in json.loads(runner.invoke(cli, ["list", "--json"]).stdout)] == [1, 2, 3, 4]
    assert json.loads(runner.invoke(cli, ["show", "3", "--json"]).stdout)["transcript"]["text"] == \
        "he was at the school gates"
    missing = runner.invoke(cli, ["show", "5"])
    assert missing.exit_code == 2 and "no entry 5" in missing.stderr
    assert runner.invoke(cli, ["amend", "4", "--set", "place=the phone box"]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["show", "4", "--json"]).stdout)["incident"]["location"] == "the phone box"
    assert runner.invoke(cli, ["void", "3", "--reason", "not him"]).exit_code == 0
    listed = runner.invoke(cli, ["list"]).stdout
    assert "voided on" in listed and "not him" in listed and "school gates" not in listed
    assert runner.invoke(cli, ["verify"]).exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entries SET recorded_at = '2020-01-01T00:00:00' WHERE seq = 5")  # entry 4's row
    conn.commit()
    conn.close()
    verified = runner.invoke(cli, ["verify"])
    assert verified.exit_code == 3 and "Entry 4 (row 5)" in verified.stdout  # the number `list` shows


# -- amend --transcript ---------------------------------------------------------------------------------

HEARD = "yesterday evening someone was baying on my bedroom window"
MEANT = "yesterday evening someone was banging on my bedroom window, it was Colin Mowbray"


def test_amend_transcript_from_standard_input_keeps_the_recognisers_words(diary: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    with opening.open_for_recording(diary) as book:
        book.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(HEARD, engine="vosk"),
                    incident=Incident(date="2026-03-29", location="moss line"), source="microphone")
    assert runner.invoke(cli, ["amend", "2", "--set", "place=Moss Lane"]).exit_code == 0
    r = runner.invoke(cli, ["amend", "2", "--transcript", "-", "--json"], input=MEANT + "\n")
    assert r.exit_code == 0, r.output
    assert "shell history" not in r.stderr  # read from standard input: nothing on the command line
    done = json.loads(r.stdout)
    assert done["transcript"]["text"] == MEANT and done["words_corrected"]["recognised"]["text"] == HEARD
    assert done["incident"]["location"] == "Moss Lane"  # corrected by hand before: kept
    assert [p["name"] for p in done["incident"]["people"]] == ["Colin Mowbray"]  # from the corrected words
    shown = runner.invoke(cli, ["show", "2"]).stdout
    assert "banging on my bedroom window" in shown and "baying" not in shown and "words corrected by you" in shown
    history = runner.invoke(cli, ["show", "2", "--history"]).stdout
    assert f"words: “{HEARD}”" in history and f"words: “{MEANT}”" in history
    assert "Amendment 2 " in history and "words corrected by you" in history
    assert [e["seq"] for e in json.loads(runner.invoke(cli, ["list", "--json"]).stdout)] == [1, 2]  # no gaps
    out = tmp_path / "log.html"
    r = runner.invoke(cli, ["report", "--out", str(out), "--format", "html"])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    row = page[page.index('id="entry-2"'):]
    row = row[:row.index("</tr>")]
    assert "banging on my bedroom window" in row and 'title="words corrected by the diarist"' in row
    assert f"words as the recogniser heard them: “{HEARD}”" in row
    assert runner.invoke(cli, ["verify"]).exit_code == 0


def test_amend_transcript_on_the_command_line_warns_about_shell_history(diary: Path) -> None:
    r = CliRunner().invoke(cli, ["amend", "1", "--transcript", TEXT.replace("moss lane", "Moss Lane")])
    assert r.exit_code == 0, r.output
    assert "shell history" in r.stderr and "--transcript -" in r.stderr
    assert _show(1)["transcript"]["text"].endswith("Moss Lane")
    r = CliRunner().invoke(cli, ["amend", "1", "--transcript", "-"], input="  \n")
    assert r.exit_code == 2 and "empty" in r.output
    assert "--transcript -" in CliRunner().invoke(cli, ["amend", "--help"]).stdout


def test_amend_sets_the_police_log_fields_on_an_entry_stored_before_they_existed(voicelog_home: Path) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "tests" / "fixtures" / "store_v1", voicelog_home)  # written by an older voicelog
    passphrase = voicelog_home / "pass.txt"
    passphrase.write_text("old diary passphrase\n")
    runner = CliRunner()
    key = ["--passphrase-file", str(passphrase)]
    r = runner.invoke(cli, ["show", "1", "--json", *key])
    assert r.exit_code == 0, r.output
    before = json.loads(r.stdout)["incident"]
    assert (before["address"], before["vehicle"], before["contact"], before["reported"]) == ([], [], [], [])
    r = runner.invoke(cli, ["amend", "1", *key, "--set", "vehicle=white Kia Ceed, registration KD71 XRT",
                            "--set", "witness_contact=Nadia Brook: 07700 900333; nb@example.net",
                            "--set", "address=3 Tanner Row, Ashby", "--set", "reported=police (101)"])
    assert r.exit_code == 0, r.output
    after = json.loads(runner.invoke(cli, ["show", "1", "--json", *key]).stdout)
    assert after["incident"]["vehicle"] == ["white Kia Ceed, registration KD71 XRT"]
    assert after["incident"]["contact"] == ["Nadia Brook: 07700 900333", "nb@example.net"]
    assert after["incident"]["address"] == ["3 Tanner Row, Ashby"] and after["incident"]["reported"] == ["police (101)"]
    assert after["original_incident"]["vehicle"] == []
    shown = runner.invoke(cli, ["show", "1", *key]).stdout
    assert "KD71 XRT" in shown and "Reported" in shown and "[amended]" in shown
    r = runner.invoke(cli, ["verify"], env={"VOICELOG_PASSPHRASE": ""})
    assert r.exit_code == 0 and "fit" in r.stdout, r.stdout
