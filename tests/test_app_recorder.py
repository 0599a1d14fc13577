"""``AccountRecorder``: one account's journal, audio and storing, on a real sealed diary and real files."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import TEST_PASSPHRASE

from voicelog.app.recorder import EXTRACTION_FAILED, AccountRecorder, store_account
from voicelog.store.journal_reader import find_journals, read_journal
from voicelog.store.keys import unlock
from voicelog.store.opening import init_diary, journal_dir, key_path, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

FIXTURES = Path(__file__).parent / "fixtures"
WHEN = datetime(2026, 3, 26, 22, 5)
TEXT = "yesterday at half past nine a man followed me from the station to my door"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _tone(seconds: float) -> bytes:
    t = np.arange(int(16000 * seconds)) / 16000
    return (2000 * np.sin(2 * np.pi * 300 * t)).astype(np.int16).tobytes()


def test_the_journal_appears_with_the_first_audio_and_goes_once_stored(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
        assert not find_journals(journal_dir(diary_path))  # a microphone that never opened leaves nothing
        for _ in range(4):
            recorder.add(_tone(0.5))
        [journal] = find_journals(journal_dir(diary_path))
        assert recorder.seconds == pytest.approx(2.0)
        entry = recorder.store(Transcript(text=TEXT, duration=2.0))
    assert not journal.exists()
    assert entry.has_audio and entry.incident.extractor_version != EXTRACTION_FAILED
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert diary.get(entry.seq).transcript.text == TEXT


def test_abandoning_keeps_every_chunk_for_recover_and_discarding_removes_it(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        kept = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
        kept.add(_tone(1.0))
        kept.abandon()
        dropped = AccountRecorder(diary, recorded_at=datetime(2026, 3, 26, 23, 0), source="microphone")
        dropped.add(_tone(1.0))
        dropped.discard()
        assert diary.count() == 0
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        back = read_journal(journal, diary.opener)
    assert back.recorded_at == WHEN and back.pcm == _tone(1.0)


def test_a_failed_store_leaves_the_whole_journal(diary_path: Path) -> None:
    diary = open_for_recording(diary_path)
    recorder = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
    recorder.add(_tone(1.5))
    diary.close()  # the diary goes away under the recorder: storing fails for real
    with pytest.raises(sqlite3.ProgrammingError):
        recorder.store(Transcript(text=TEXT, duration=1.5))
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        back = read_journal(journal, diary.opener)
        assert diary.count() == 0
    assert back.complete and back.pcm == _tone(1.5)


def test_no_audio_asked_keeps_none_unless_no_words_were_heard(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        quiet = AccountRecorder(diary, recorded_at=WHEN, source="microphone", keep_audio=False)
        quiet.add(_tone(0.5))
        without = quiet.store(Transcript(text=TEXT, duration=0.5))
        wordless = AccountRecorder(diary, recorded_at=WHEN, source="microphone", keep_audio=False)
        wordless.add(_tone(0.5))
        kept = wordless.store(Transcript(text="", duration=0.5))
    assert not without.has_audio
    assert kept.has_audio  # audio in which nothing was recognised may be evidence


def test_a_locked_diary_marks_the_entry_for_the_registry(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        locked = store_account(diary, Transcript(text=TEXT), recorded_at=WHEN, source="typed")
    with open_for_recording(diary_path, passphrase=TEST_PASSPHRASE) as diary:
        unlocked = store_account(diary, Transcript(text=TEXT), recorded_at=WHEN, source="typed")
    assert not locked.registry_applied and unlocked.registry_applied


def test_a_recording_on_disk_is_not_journaled_again(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False)
        recorder.add(_tone(1.0))
        assert not find_journals(journal_dir(diary_path))
        recorder.abandon()  # a failure leaves nothing to recover: the file itself is still there
        assert not find_journals(journal_dir(diary_path))
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False)
        recorder.add(_tone(1.0))
        entry = recorder.store(Transcript(text=TEXT, duration=1.0))
    assert entry.has_audio and entry.source == "file:phone.wav"


def _chunks(audio: bytes, seconds: float = 0.5) -> list[bytes]:
    size = int(16000 * seconds) * 2
    return [audio[i:i + size] for i in range(0, len(audio), size)]


def test_a_recording_on_disk_is_held_as_flac_and_stored_as_it_was_before(diary_path: Path) -> None:
    from voicelog.audio import encode_flac, read_wav

    speech = read_wav(FIXTURES / "en_short.wav")
    with open_for_recording(diary_path) as diary:
        for compress in (True, False):
            recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:en_short.wav", journal=False,
                                       compress=compress)
            for chunk in _chunks(speech.tobytes()):
                recorder.add(chunk)
            assert recorder.seconds == pytest.approx(len(speech) / 16000)
            assert bool(recorder.pcm) is not compress  # compressed, the PCM is not held as well
            recorder.store(Transcript(text=TEXT, duration=recorder.seconds))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert diary.audio(1) == diary.audio(2) == encode_flac(speech)


def test_a_recording_held_as_flac_that_the_diary_refuses_goes_whole_to_the_journal(diary_path: Path) -> None:
    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError

    diary_path.write_bytes(b"this is no diary, only garbage bytes\x00\xff" * 100)
    with pytest.raises(DiaryError) as info:
        open_for_recording(diary_path)
    recorder = AccountRecorder(unopened_diary(diary_path, info.value), recorded_at=WHEN, source="file:phone.wav",
                               journal=False, compress=True)
    for chunk in _chunks(_noise(2.0)):
        recorder.add(chunk)
    assert recorder.try_store(Transcript(text=TEXT, duration=2.0)) is None
    kept = recorder.keep_safe()  # for recover, which needs the PCM: decoded from the FLAC held
    assert kept.place == "journal"
    assert read_journal(kept.path, unlock(key_path(diary_path), TEST_PASSPHRASE)).pcm == _noise(2.0)


def test_a_recording_held_as_flac_cannot_be_cut(diary_path: Path) -> None:
    with open_for_recording(diary_path) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False, compress=True)
        recorder.add(_tone(1.0))
        with pytest.raises(ValueError, match="cannot be cut"):
            recorder.cut_at(0.5)


# -- a full disk, a damaged diary ---------------------------------------------------------------------------


def _noise(seconds: float, seed: int = 3) -> bytes:
    """Audio FLAC cannot shrink, so storing it really needs the space."""
    return np.random.default_rng(seed).normal(0, 3000, int(16000 * seconds)).astype(np.int16).tobytes()


def _read_back(diary_path: Path, journal: Path) -> bytes:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        return read_journal(journal, diary.opener).pcm


def test_a_disk_full_while_recording_holds_the_account_until_space_returns(disk, diary_on_disk: Path) -> None:
    told: list[str] = []
    with open_for_recording(diary_on_disk) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="listen", tell=told.append)
        recorder.add(_noise(1.0))
        disk.fill()
        for i in range(8):  # 4 s more, none of which the disk takes
            recorder.add(_noise(0.5, seed=10 + i))
        assert told and told[0].startswith("The disk is full: the account being recorded is held in memory")
        assert recorder.try_store(Transcript(text=TEXT, duration=5.0)) is None
        assert recorder.full and recorder.waiting_for_space
        held = recorder.status()
        assert held.place == "memory" and held.on_disk == pytest.approx(1.0)
        assert held.message.startswith("The disk is full: 4 seconds of the account recorded at 2026-03-26 22:05")
        assert "held in memory" in held.message and "voicelog keeps trying" in held.message
        assert recorder.retry() is None  # still full
        disk.free()
        entry = recorder.retry()
        assert entry is not None and entry.has_audio
    assert not find_journals(journal_dir(diary_on_disk))  # the journal goes once the entry is stored
    with open_for_reading(diary_on_disk, TEST_PASSPHRASE) as diary:
        assert diary.get(entry.seq).transcript.text == TEXT
        assert len(diary.audio(entry.seq)) > 0


def test_a_diary_full_after_the_journal_is_whole_keeps_it_in_the_journal(disk, diary_on_disk: Path) -> None:
    with open_for_recording(diary_on_disk) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="microphone")
        recorder.add(_noise(3.0))
        disk.fill()  # the journal has it all; the diary's write needs new space
        assert recorder.try_store(Transcript(text=TEXT, duration=3.0)) is None
        assert recorder.full and "full" in str(recorder.problem)
        kept = recorder.keep_safe()
        assert diary.count() == 0
    assert kept.place == "journal" and kept.path is not None
    assert kept.message == (f"The disk is full: the account recorded at 2026-03-26 22:05 (3 s) is kept, sealed, in the "
                            f"journal {kept.path}; free some space, then run `voicelog recover`.")
    assert _read_back(diary_on_disk, kept.path) == _noise(3.0)


def test_what_the_disk_will_not_take_goes_whole_to_the_fallback_folder(disk, diary_on_disk: Path,
                                                                        tmp_path: Path) -> None:
    fallback = tmp_path / "usb" / "voicelog"
    with open_for_recording(diary_on_disk) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="listen", fallback_dir=fallback)
        recorder.add(_noise(1.0))
        disk.fill()
        recorder.add(_noise(2.0, seed=4))
        assert recorder.try_store(Transcript(text=TEXT, duration=3.0)) is None
        kept = recorder.keep_safe()
    assert kept.place == "fallback" and kept.path is not None and kept.path.parent == fallback
    assert "fallback folder" in kept.message and "voicelog recover" in kept.message
    assert find_journals(journal_dir(diary_on_disk)) == []  # the partial journal gave way to the whole copy
    disk.free()
    assert _read_back(diary_on_disk, kept.path) == _noise(1.0) + _noise(2.0, seed=4)
    assert b"RIFF" not in kept.path.read_bytes()[:64] and TEXT.encode() not in kept.path.read_bytes()


def test_without_a_fallback_the_loss_is_said_honestly(disk, diary_on_disk: Path) -> None:
    with open_for_recording(diary_on_disk) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="listen")
        recorder.add(_noise(2.0))
        disk.fill()
        recorder.add(_noise(3.0, seed=5))
        assert recorder.try_store(Transcript(text=TEXT, duration=5.0)) is None
        kept = recorder.keep_safe()
    assert kept.place == "lost" and kept.on_disk == pytest.approx(2.0)
    assert "no fallback folder is set, so 3 seconds of the account recorded at 2026-03-26 22:05" in kept.message
    assert "except its first 2 seconds, which are in the journal for `voicelog recover`" in kept.message
    [journal] = find_journals(journal_dir(diary_on_disk))
    disk.free()
    assert _read_back(diary_on_disk, journal) == _noise(2.0)


def test_a_recording_on_disk_is_pointed_to_when_nothing_takes_it(disk, diary_on_disk: Path, tmp_path: Path) -> None:
    wav = tmp_path / "phone.wav"
    with open_for_recording(diary_on_disk) as diary:
        recorder = AccountRecorder(diary, recorded_at=WHEN, source="file:phone.wav", journal=False, original=wav)
        recorder.add(_noise(2.0))
        disk.fill()
        assert recorder.try_store(Transcript(text=TEXT, duration=2.0)) is None
        kept = recorder.keep_safe()
    assert kept.place == "file" and str(wav) in kept.message and "voicelog dictate --file" in kept.message


def test_a_damaged_diary_keeps_the_account_sealed_in_the_journal(diary_path: Path) -> None:
    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError

    diary_path.write_bytes(b"this is no diary, only garbage bytes\x00\xff" * 100)
    with pytest.raises(DiaryError) as info:
        open_for_recording(diary_path)
    unopened = unopened_diary(diary_path, info.value)
    assert "could not be opened (file is not a database)" in unopened.warning
    recorder = AccountRecorder(unopened, recorded_at=WHEN, source="microphone")
    recorder.add(_tone(1.5))
    assert recorder.try_store(Transcript(text=TEXT, duration=1.5)) is None
    assert not recorder.waiting_for_space  # waiting mends no diary: the journal has it whole already
    kept = recorder.keep_safe()
    assert kept.place == "journal" and kept.message == (
        f"The diary could not be written (file is not a database); your account is kept in the journal {kept.path}; "
        "run `voicelog recover` once the diary is repaired or restored.")
    opener = unlock(key_path(diary_path), TEST_PASSPHRASE)  # sealed to the key file: the passphrase opens it
    assert read_journal(kept.path, opener).pcm == _tone(1.5)
    assert b"station" not in kept.path.read_bytes()


def test_no_key_file_means_no_recording_beside_a_damaged_diary(tmp_path: Path) -> None:
    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError

    problem = DiaryError("The diary is damaged.")
    with pytest.raises(DiaryError, match="damaged"):
        unopened_diary(tmp_path / "diary.db", problem)  # nothing to seal with: nothing journaled in clear


def test_a_diary_the_full_disk_kept_closed_takes_the_account_once_there_is_space(disk, diary_on_disk: Path) -> None:
    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError

    disk.fill()
    with pytest.raises(DiaryError) as info:  # SQLite cannot even make its shared-memory file
        open_for_recording(diary_on_disk)
    with unopened_diary(diary_on_disk, info.value, reopen=lambda: open_for_recording(diary_on_disk)) as unopened:
        assert unopened.warning.startswith(f"The disk holding the diary {diary_on_disk} is full, so it could not "
                                           "be opened")
        recorder = AccountRecorder(unopened, recorded_at=WHEN, source="listen")
        recorder.add(_noise(2.0))
        assert recorder.try_store(Transcript(text=TEXT, duration=2.0)) is None
        assert recorder.waiting_for_space and recorder.status().place == "memory"
        disk.free()
        entry = recorder.retry()
        assert entry is not None
    assert not find_journals(journal_dir(diary_on_disk))
    with open_for_reading(diary_on_disk, TEST_PASSPHRASE) as diary:
        assert diary.get(entry.seq).transcript.text == TEXT
