"""``voicelog.app.dictate``: a whole dictation through the library, no click involved, with real parts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE

from voicelog.app.dictate import AudioInput, dictate, file_input
from voicelog.app.recover import recover
from voicelog.audio import read_wav
from voicelog.errors import AudioError, NoSpeechError
from voicelog.settings import DictateSettings, EngineSettings
from voicelog.store.journal_reader import find_journals
from voicelog.store.opening import init_diary, journal_dir, open_for_reading, open_for_recording

pytestmark = pytest.mark.slow

WHEN = datetime(2026, 3, 26, 22, 5)
SETTINGS = DictateSettings(engine=EngineSettings(engine="whisper"), silence=1.0)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _chunks(samples: np.ndarray, seconds: float = 0.5) -> list[bytes]:
    step = int(16000 * seconds)
    return [samples[i : i + step].tobytes() for i in range(0, len(samples), step)]


def test_a_recording_becomes_a_sealed_entry_through_the_library(diary_path: Path, whisper_engine) -> None:
    with open_for_recording(diary_path) as diary:  # the recording side: public key only
        done = dictate(file_input(EXAMPLE_WAV, recorded_at=WHEN), SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert done.entry.seq == 1 and not done.extraction_failed
    assert done.seconds == pytest.approx(len(read_wav(EXAMPLE_WAV)) / 16000, abs=0.01)
    assert not find_journals(journal_dir(diary_path))  # the journal goes once the entry is stored
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [entry] = diary.entries()
    assert "gary holden" in entry.transcript.text.lower()
    assert entry.source == "file:incident.wav" and entry.has_audio
    assert entry.recorded_at == WHEN.isoformat()
    assert any(p.name == "Gary Holden" for p in entry.incident.people)


def test_a_live_source_ends_after_the_silence_and_is_stopped(diary_path: Path, whisper_engine) -> None:
    speech = _chunks(read_wav(EXAMPLE_WAV))
    stopped: list[bool] = []

    def microphone() -> Iterator[bytes]:  # speech, then quiet, then more speech the account must not get
        yield from speech
        for _ in range(40):
            if stopped:
                return
            yield bytes(8000 * 2)
        yield from speech

    source = AudioInput(microphone(), WHEN, "microphone", live=True, stop=lambda: stopped.append(True))
    with open_for_recording(diary_path) as diary:
        done = dictate(source, SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert stopped, "the source was never told to stop"
    assert done.entry.transcript.text.lower().count("gary holden") == 1
    assert done.seconds < 2 * len(speech) * 0.5  # the second telling was never recorded


def test_no_words_heard_stores_nothing_and_leaves_no_journal(diary_path: Path, whisper_engine) -> None:
    t = np.arange(16000 * 3) / 16000
    hum = (3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.int16)
    with open_for_recording(diary_path) as diary:
        with pytest.raises(NoSpeechError, match="nothing was stored"):
            dictate(AudioInput(_chunks(hum), WHEN, "microphone"), SETTINGS, diary, load_engine=lambda: whisper_engine)
        assert diary.count() == 0
    assert not find_journals(journal_dir(diary_path))


def test_a_microphone_failing_midway_keeps_what_was_said_for_recover(diary_path: Path, whisper_engine) -> None:
    speech = _chunks(read_wav(EXAMPLE_WAV))

    def failing_microphone() -> Iterator[bytes]:
        yield from speech
        raise AudioError("The microphone was unplugged.")

    with open_for_recording(diary_path) as diary:
        with pytest.raises(AudioError, match="voicelog recover"):
            dictate(AudioInput(failing_microphone(), WHEN, "microphone"), SETTINGS, diary,
                    load_engine=lambda: whisper_engine)
        assert diary.count() == 0
    [journal] = find_journals(journal_dir(diary_path))
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [done] = recover(diary, lambda: whisper_engine)
        assert done.journal == journal and done.entry is not None
        assert done.entry.recovered and "gary holden" in done.entry.transcript.text.lower()
        assert done.entry.recorded_at == WHEN.isoformat()
    assert not journal.exists()


def test_a_silent_file_is_refused_before_anything_loads(tmp_path: Path) -> None:
    import soundfile as sf

    quiet = tmp_path / "quiet.wav"
    sf.write(quiet, np.zeros(16000, dtype=np.int16), 16000)
    with pytest.raises(AudioError, match="silent"):
        file_input(quiet)


def test_a_recording_cut_short_is_stored_with_a_warning(diary_path: Path, tmp_path: Path, whisper_engine) -> None:
    # A phone that died mid-recording: the header promises 9.7 s, the file holds the first two thirds.
    data = EXAMPLE_WAV.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) * 2 // 3 + 1])  # and it ends part-way through a sample
    source = file_input(cut, recorded_at=WHEN)
    with open_for_recording(diary_path) as diary:
        done = dictate(source, SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert done.warning is not None
    assert done.warning.startswith(f"The WAV file {cut} was cut short (it holds 0:06 of the 0:09 its header promises")
    assert done.warning.endswith("what it holds is transcribed and stored.")
    assert done.seconds == pytest.approx(9.73 * 2 / 3, abs=0.05)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [entry] = diary.entries()
    assert "gary holden" in entry.transcript.text.lower() and entry.has_audio
    with open_for_recording(diary_path) as diary:
        whole = dictate(file_input(EXAMPLE_WAV, recorded_at=WHEN), SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert whole.warning is None


# -- a full disk, a damaged diary: the account is never lost ---------------------------------------------------


def _filling(disk, chunks: list[bytes], after: int) -> Iterator[bytes]:
    """A microphone whose disk fills up after ``after`` chunks of the account."""
    for i, chunk in enumerate(chunks):
        if i == after:
            disk.fill()
        yield chunk


def _recovered_words(diary_path: Path, engine, fallback: Path | None = None, *,
                     accept_unsealed: bool = False) -> list[str]:
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = recover(diary, lambda: engine, fallback_dir=fallback, accept_unsealed=accept_unsealed)
        assert all(r.entry is not None for r in done), [r.problem for r in done]
        return [r.entry.transcript.text.lower() for r in done if r.entry is not None]


def test_a_disk_filling_up_while_dictating_keeps_the_account_in_the_fallback_folder(
        disk, diary_on_disk: Path, tmp_path: Path, whisper_engine) -> None:
    from voicelog.app.safekeeping import AccountNotStored

    fallback = tmp_path / "usb"
    settings = DictateSettings(engine=EngineSettings(engine="whisper"), fallback_dir=fallback)
    told: list[str] = []
    speech = _chunks(read_wav(EXAMPLE_WAV))
    with open_for_recording(diary_on_disk) as diary:
        with pytest.raises(AccountNotStored) as info:
            dictate(AudioInput(_filling(disk, speech, after=4), WHEN, "microphone"), settings, diary,
                    load_engine=lambda: whisper_engine, tell=told.append)
        assert diary.count() == 0
    assert told == ["The disk is full: the account being recorded is held in memory from now on; free some space - "
                    f"voicelog keeps trying - or it goes to the fallback folder {fallback} if voicelog has to stop "
                    "first."]
    kept = info.value.kept
    assert kept.place == "fallback" and kept.full
    assert str(info.value).startswith("The disk is full: the account recorded at 2026-03-26 22:05 (10 s) is "
                                      f"written, sealed, to the fallback folder {fallback}; free some space")
    assert "cannot rollback" not in str(info.value)
    assert find_journals(journal_dir(diary_on_disk)) == []  # the first part gave way to the whole copy
    disk.free()
    [words] = _recovered_words(diary_on_disk, whisper_engine, fallback)
    assert "gary holden" in words and "ferndale road" in words  # all of it, the part after the disk filled too


def test_dictate_waits_for_the_person_to_free_space_and_then_stores(disk, diary_on_disk: Path,
                                                                   whisper_engine) -> None:
    asked = []

    def wait_for_space(kept) -> bool:
        asked.append(kept.message)
        disk.free()  # the person deletes a large video, then presses Enter
        return True

    speech = _chunks(read_wav(EXAMPLE_WAV))
    with open_for_recording(diary_on_disk) as diary:
        done = dictate(AudioInput(_filling(disk, speech, after=6), WHEN, "microphone"), SETTINGS, diary,
                       load_engine=lambda: whisper_engine, wait_for_space=wait_for_space)
    assert len(asked) == 1 and asked[0].startswith("The disk is full: ") and "held in memory" in asked[0]
    assert "gary holden" in done.entry.transcript.text.lower() and done.entry.has_audio
    assert not find_journals(journal_dir(diary_on_disk))
    with open_for_reading(diary_on_disk, TEST_PASSPHRASE) as diary:
        assert len(diary.audio(done.entry.seq)) > 0


def test_a_file_on_a_full_disk_without_a_fallback_points_to_the_recording(disk, diary_on_disk: Path,
                                                                         whisper_engine) -> None:
    from voicelog.app.safekeeping import AccountNotStored

    source = file_input(EXAMPLE_WAV, recorded_at=WHEN)
    with open_for_recording(diary_on_disk) as diary, pytest.raises(AccountNotStored) as info:
        disk.fill()
        dictate(source, SETTINGS, diary, load_engine=lambda: whisper_engine)
    assert info.value.kept.place == "file"
    assert f"the recording {EXAMPLE_WAV} is untouched; run `voicelog dictate --file` on it again" in str(info.value)


def test_a_damaged_diary_does_not_stop_dictating(diary_path: Path, tmp_path: Path, whisper_engine) -> None:
    import shutil

    from voicelog.app.safekeeping import AccountNotStored, unopened_diary
    from voicelog.errors import DiaryError

    backup = tmp_path / "backup.db"
    shutil.copyfile(diary_path, backup)  # closed, so the file is the whole diary
    diary_path.write_bytes(b"\x00garbage, not a diary\xff" * 512)
    with pytest.raises(DiaryError) as opening:
        open_for_recording(diary_path)
    diary = unopened_diary(diary_path, opening.value)
    with pytest.raises(AccountNotStored) as info:
        dictate(AudioInput(_chunks(read_wav(EXAMPLE_WAV)), WHEN, "microphone"), SETTINGS, diary,
                load_engine=lambda: whisper_engine)
    [journal] = find_journals(journal_dir(diary_path))
    assert str(info.value) == ("The diary could not be written (file is not a database); your account is kept in "
                               f"the journal {journal}; run `voicelog recover` once the diary is repaired or "
                               "restored.")
    assert b"holden" not in journal.read_bytes().lower()  # sealed
    backup.replace(diary_path)  # the diary restored from its backup
    with open_for_reading(diary_path, TEST_PASSPHRASE) as restored:  # no seal: the diary could not be read then
        [waiting] = recover(restored, lambda: whisper_engine)
    assert waiting.refused and waiting.unsealed and waiting.entry is None and journal.exists()
    [words] = _recovered_words(diary_path, whisper_engine, accept_unsealed=True)  # the person says it is theirs
    assert "gary holden" in words
