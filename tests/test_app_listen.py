"""The hands-free loop (``voicelog.app.listen.Listener``) over WAV files with real engines and a sealed diary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from listen_fixtures import (
    ACCOUNT_1,
    ACCOUNT_2,
    CANCEL,
    CHATTER,
    CHATTER_WORDS,
    CONTINUOUS,
    CONTINUOUS_CANCEL,
    KO_ACCOUNT,
    KO_CHATTER,
    KO_WAKE,
    STOP,
    WAKE,
    espeak_ko,
    scene,
    timed_scene,
)

from voicelog.app.listen import Listener, file_clock
from voicelog.settings import ListenSettings

pytestmark = pytest.mark.slow


def _listener(engine, settings: ListenSettings, tmp_path: Path, **kw) -> tuple[Listener, object]:
    from voicelog.store import opening

    db = tmp_path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    book = opening.open_for_recording(db)
    listener = Listener(settings, engine, book,
                        clock=file_clock(datetime(2026, 3, 26, 22, 5)), **kw)
    return listener, book


def _chunks(wav: Path):
    from voicelog.audio import wav_chunks

    return wav_chunks(wav, chunk_seconds=0.1)


def test_the_cancel_phrase_leaves_no_entry(whisper_engine, tmp_path: Path) -> None:
    wav = scene([1.0, CHATTER[0], 1.0, WAKE, 1.2, "My ex sent me forty messages today.", 1.0, CANCEL, 1.5,
                 CHATTER[1], 1.0], tmp_path / "cancel.wav")
    settings = ListenSettings(wake="blue pelican notebook", stop="end of entry", cancel="scrap this entry")
    listener, book = _listener(whisper_engine, settings, tmp_path)
    with book:
        outcomes = listener.run(_chunks(wav))
        assert [(o.kind, o.reason) for o in outcomes] == [("cancelled", "cancel phrase")]
        assert book.count() == 0
    assert not list((tmp_path / "diary.db.journal").glob("*.vlj"))


def test_a_button_press_starts_and_ends_an_account_without_any_phrase(whisper_engine, tmp_path: Path) -> None:
    """The Pi's push button through gpiozero's mock pins; the LED is lit while recording."""
    pytest.importorskip("gpiozero")
    from gpiozero.pins.mock import MockFactory

    from voicelog.app.feedback import GpioControls

    wav = scene([0.5, ACCOUNT_1, 0.5], tmp_path / "account.wav")
    settings = ListenSettings(wake="blue pelican notebook", silence=30)
    factory = MockFactory()
    refs: list[Listener] = []
    controls = GpioControls(lambda: refs[0].press(), led_pin=17, button_pin=27, pin_factory=factory)
    listener, book = _listener(whisper_engine, settings, tmp_path, feedback=controls)
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
        assert "gary holden" in outcomes[0].entry.transcript.text.lower()
        assert book.count() == 1
    assert led_states[0] is True
    controls.close()


def test_vosk_korean_wake_phrase_then_an_entry(korean_vosk_engine, tmp_path: Path) -> None:
    wav = scene([1.0, KO_CHATTER[0], 1.0, KO_WAKE, 1.0, KO_ACCOUNT, 5.0, KO_CHATTER[1], 1.0], tmp_path / "ko.wav",
                voice=espeak_ko)
    tr = korean_vosk_engine
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


def test_a_listen_cycle_logged_at_debug_says_no_word_of_the_account(whisper_engine, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    """`listen --debug` goes to journald: every voicelog log record, at every level, is free of account words."""
    wav = scene([1.0, CHATTER[0], 1.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.0], tmp_path / "debug.wav")
    settings = ListenSettings(wake="blue pelican notebook", stop="end of entry")
    listener, book = _listener(whisper_engine, settings, tmp_path)
    caplog.set_level("DEBUG", logger="voicelog")
    with book:
        outcomes = listener.run(_chunks(wav))
    assert [(o.kind, o.reason) for o in outcomes] == [("saved", "stop phrase")]
    assert "gary holden" in outcomes[0].entry.transcript.text.lower()  # the account was heard...
    records = [r for r in caplog.records if r.name.startswith("voicelog")]
    assert any(r.levelname == "DEBUG" for r in records) and any("saved entry" in r.getMessage() for r in records)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") + str(r.exc_info or "") for r in records).lower()
    for word in ("monday", "holden", "iceland", "ferndale road", "neighbour", "brenda", "followed", "pelican",
                 *CHATTER_WORDS):
        assert word not in logged, word  # ...and none of it was logged


def test_an_account_journal_opens_with_its_first_audio_and_seals_no_audio_in(whisper_engine, tmp_path: Path) -> None:
    """A microphone that fails before any account audio leaves no journal; a journal (what a crash would
    leave) carries --no-audio, so `voicelog recover` can leave the recording out too."""
    from voicelog.errors import AudioError
    from voicelog.store import opening
    from voicelog.store.journal_reader import find_journals, read_journal

    settings = ListenSettings(wake="blue pelican notebook", keep_audio=False)
    listener, book = _listener(whisper_engine, settings, tmp_path)
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


# -- a full disk, a damaged diary: no account heard is lost ----------------------------------------------------


TWO_ACCOUNTS = [1.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 7.0, WAKE, 1.2, ACCOUNT_2, 1.0, STOP, 1.0]
SETTINGS = ListenSettings(wake="blue pelican notebook", stop="end of entry")


@pytest.fixture
def said() -> list[str]:
    """What the loop told the person (its log, as journald gets it)."""
    import logging

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Collect(level=logging.INFO)
    logger = logging.getLogger("voicelog.app.listen")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def _on_disk(engine, settings: ListenSettings, disk) -> tuple[Listener, object, Path]:
    from voicelog.store import opening

    db = disk.path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    diary = opening.open_for_recording(db)
    return Listener(settings, engine, diary, clock=file_clock(datetime(2026, 3, 26, 22, 5))), diary, db


def _recovered(db: Path, engine, fallback: Path | None = None, *, accept_unsealed: bool = False) -> list[str]:
    from voicelog.app.recover import recover
    from voicelog.store import opening

    with opening.open_for_reading(db, passphrase=TEST_PASSPHRASE) as diary:
        done = recover(diary, lambda: engine, fallback_dir=fallback, accept_unsealed=accept_unsealed)
    assert all(r.entry is not None for r in done), [r.problem for r in done]
    return [r.entry.transcript.text.lower() for r in done if r.entry is not None]


def test_a_full_disk_holds_the_account_and_stores_it_when_space_returns(whisper_engine, disk, tmp_path: Path,
                                                                        said: list[str]) -> None:
    wav = scene(TWO_ACCOUNTS, tmp_path / "two.wav")
    listener, diary, db = _on_disk(whisper_engine, SETTINGS, disk)
    disk.fill()  # full before the wake phrase: not even the journal's first bytes fit
    freed = []

    def chunks():
        for chunk in _chunks(wav):
            if not freed and listener.outcomes:  # the first account has ended: the person frees some space
                freed.append(listener.outcomes[0].kind)
                disk.free()
            yield chunk

    with diary:
        outcomes = listener.run(chunks())
        assert diary.count() == 2
    assert freed == ["held"]
    assert [(o.kind, o.reason) for o in outcomes] == [("saved", "stop phrase"), ("saved", "stop phrase")]
    assert "gary holden" in outcomes[0].entry.transcript.text.lower()
    assert "dennis foster" in outcomes[1].entry.transcript.text.lower()
    assert not any("nothing was said" in line for line in said)
    assert any(line.startswith("The disk is full: the account being recorded is held in memory") for line in said)
    held = [line for line in said if "are held in memory;" in line]
    assert len(held) == 1 and held[0].startswith("The disk is full: ")
    assert "the account recorded at 2026-03-26 22:05" in held[0] and "voicelog keeps trying" in held[0]
    assert any(line.startswith("there is space again: the account held since") for line in said)
    assert not list((db.parent / "diary.db.journal").glob("*.vlj"))


def test_a_disk_full_to_the_end_puts_every_account_in_the_fallback_folder(whisper_engine, disk, tmp_path: Path,
                                                                          said: list[str]) -> None:
    wav = scene(TWO_ACCOUNTS, tmp_path / "two.wav")
    fallback = tmp_path / "usb"
    settings = ListenSettings(wake="blue pelican notebook", stop="end of entry", fallback_dir=fallback)
    listener, diary, db = _on_disk(whisper_engine, settings, disk)
    disk.fill()
    with diary:
        outcomes = listener.run(_chunks(wav))
    assert [(o.kind, o.kept.place if o.kept else None) for o in outcomes] == [("held", "fallback")] * 2
    assert listener.unstored == outcomes
    last = [line for line in said if "fallback folder" in line and "is written, sealed" in line]
    assert len(last) == 2 and all(line.startswith("The disk is full: the account recorded at") for line in last)
    assert not any("nothing was said" in line for line in said)
    disk.free()
    words = _recovered(db, whisper_engine, fallback)
    assert len(words) == 2 and "gary holden" in words[0] and "dennis foster" in words[1]


def test_a_damaged_diary_does_not_stop_listening(whisper_engine, tmp_path: Path, said: list[str]) -> None:
    import shutil

    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError
    from voicelog.store import opening

    wav = scene([1.0, WAKE, 1.2, ACCOUNT_1, 1.0, STOP, 1.0], tmp_path / "one.wav")
    db = tmp_path / "diary.db"
    opening.init_diary(db, passphrase=TEST_PASSPHRASE)
    shutil.copyfile(db, tmp_path / "backup.db")
    db.write_bytes(b"garbage where the diary was \x00\xfe" * 300)
    with pytest.raises(DiaryError) as problem:
        opening.open_for_recording(db)
    listener = Listener(SETTINGS, whisper_engine, unopened_diary(db, problem.value),
                        clock=file_clock(datetime(2026, 3, 26, 22, 5)))
    [outcome] = listener.run(_chunks(wav))
    [journal] = list((tmp_path / "diary.db.journal").glob("*.vlj"))
    assert outcome.kind == "held" and outcome.kept is not None and outcome.kept.place == "journal"
    message = ("The diary could not be written (file is not a database); your account is kept in the journal "
               f"{journal}; run `voicelog recover` once the diary is repaired or restored.")
    assert outcome.kept.message == message and message in said
    (tmp_path / "backup.db").replace(db)  # restored
    # written while the diary could not be opened, so unstamped: the person says it is theirs
    [words] = _recovered(db, whisper_engine, accept_unsealed=True)
    assert "gary holden" in words


# -- natural speech: no pause around the phrases -----------------------------------------------------------------


PHRASES = ListenSettings(wake="blue pelican notebook", stop="end of entry", cancel="scrap this entry")


def _heard_again(db: Path, seq: int, engine) -> str:
    """The entry's kept recording, heard again: what the diary really holds of the audio."""
    from voicelog.audio.codec import decode_flac
    from voicelog.store import opening

    with opening.open_for_reading(db, passphrase=TEST_PASSPHRASE) as reader:
        samples, rate = decode_flac(reader.audio(seq))
    assert rate == 16000
    return engine.transcriber.transcribe([samples.tobytes()]).text.lower()


def test_continuous_speech_gives_one_entry_with_the_account_and_none_of_the_chatter(whisper_engine,
                                                                                    tmp_path: Path) -> None:
    """Chatter, wake phrase, account, stop phrase, chatter, all in one breath: the account starts right after the
    wake phrase (its date is said first), ends at the stop phrase, and nothing said around it is stored."""
    wav = scene([0.5, CONTINUOUS, 0.5], tmp_path / "continuous.wav")
    listener, book = _listener(whisper_engine, PHRASES, tmp_path)
    with book:
        outcomes = listener.run(_chunks(wav))
        assert [(o.kind, o.reason) for o in outcomes] == [("saved", "stop phrase")]
        assert book.count() == 1
    entry = outcomes[0].entry
    text = entry.transcript.text.lower()
    assert entry.incident.date == "2026-03-25"  # "yesterday", the first word after the wake phrase
    assert entry.incident.time == "08:00"
    assert entry.incident.location is not None and "hampton road" in entry.incident.location.lower()
    assert "dennis foster" in text and "irene" in text
    assert entry.recorded_at.startswith("2026-03-26T22:05:0")  # when the wake phrase ended, 3-4 s in
    audio = _heard_again(tmp_path / "diary.db", entry.seq, whisper_engine)
    assert "dennis foster" in audio
    for stored in (text, audio, " ".join(w.text.lower() for w in entry.transcript.words)):
        assert "pelican" not in stored and "entry" not in stored
        for word in (*CHATTER_WORDS, "zoo", "plumber", "boiler", "way home"):
            assert word not in stored, word


def test_the_cancel_phrase_counts_in_the_middle_of_an_utterance(whisper_engine, tmp_path: Path) -> None:
    wav = scene([0.5, CONTINUOUS_CANCEL, 0.5], tmp_path / "cancelled.wav")
    listener, book = _listener(whisper_engine, PHRASES, tmp_path)
    with book:
        outcomes = listener.run(_chunks(wav))
        assert [(o.kind, o.reason) for o in outcomes] == [("cancelled", "cancel phrase")]
        assert book.count() == 0
    assert not list((tmp_path / "diary.db.journal").glob("*.vlj"))


def test_trying_the_wake_phrase_hears_it_and_not_chatter(whisper_engine, tmp_path: Path) -> None:
    from voicelog.app.listen import try_wake_phrase

    said = scene([0.3, WAKE, 0.2], tmp_path / "wake.wav")  # no pause after it: the trial adds one
    chatter = scene([0.3, CHATTER[2], 0.5], tmp_path / "chatter.wav")
    assert try_wake_phrase(whisper_engine, "blue pelican notebook", _chunks(said))
    assert not try_wake_phrase(whisper_engine, "blue pelican notebook", _chunks(chatter))
    late = scene([3.0, WAKE, 0.5], tmp_path / "late.wav")  # said after the trial's time is up
    assert not try_wake_phrase(whisper_engine, "blue pelican notebook", _chunks(late), seconds=2.0)


def test_vosk_a_stop_phrase_mid_utterance_ends_the_account_and_nothing_after_it_is_kept(korean_vosk_engine,
                                                                                        tmp_path: Path) -> None:
    """Vosk, on the one model that installs here (Korean, spoken by espeak-ng): account, stop phrase and chatter
    in one breath. The model has no ``[unk]``, so its wake spotter needs the phrase alone between pauses (a
    model limit), and it hears espeak's Korean roughly: the stop phrase is taken as the words this model hears
    where it is said, from a first run without one. The second run must end there and keep nothing after it."""
    from voicelog.audio.codec import decode_flac
    from voicelog.store import opening

    stop_said = "안녕히 계세요"  # "goodbye"
    wav, spans = timed_scene([1.0, KO_CHATTER[1], 1.0, KO_WAKE, 1.0, (KO_ACCOUNT,), (stop_said,), (KO_CHATTER[0],),
                              5.0], tmp_path / "ko_breath.wav", voice=espeak_ko)
    stop_start, stop_end = spans[6]

    def run(settings: ListenSettings, folder: Path):
        folder.mkdir()
        offsets: list[float] = []
        listener, book = _listener(korean_vosk_engine, settings, folder)
        listener.clock = lambda offset: offsets.append(offset) or datetime(2026, 3, 26, 22, 5)
        with book:
            outcomes = listener.run(_chunks(wav))
            assert book.count() == 1
        [outcome] = outcomes
        return outcome, offsets[0]

    first, start = run(ListenSettings(wake=KO_WAKE), tmp_path / "first")
    assert (first.kind, first.reason) == ("saved", "silence")
    heard = [w for w in first.entry.transcript.words if stop_start - 0.15 <= start + w.start < stop_end]
    assert len(heard) >= 2 and any(start + w.start >= stop_end for w in first.entry.transcript.words)
    stop = " ".join(w.text for w in heard)

    second, start = run(ListenSettings(wake=KO_WAKE, stop=stop), tmp_path / "second")
    assert (second.kind, second.reason) == ("saved", "stop phrase")
    words = second.entry.transcript.words
    assert len(words) >= 10 and all(start + w.end <= stop_start + 0.15 for w in words)
    assert second.entry.transcript.text == " ".join(w.text for w in words)
    with opening.open_for_reading(tmp_path / "second" / "diary.db", passphrase=TEST_PASSPHRASE) as reader:
        samples, rate = decode_flac(reader.audio(second.entry.seq))
    assert start + len(samples) / rate <= stop_start + 0.1  # the kept audio ends where the stop phrase begins
