"""``voicelog.app.recover``: journals left by a crash become entries; damaged ones set aside, silent ones dropped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE

from voicelog.app.recover import recover, recover_leftovers
from voicelog.audio import read_wav
from voicelog.engines.base import Engine
from voicelog.incident import Incident
from voicelog.store import sealing
from voicelog.store.journal import JournalWriter, journal_path
from voicelog.store.journal_reader import find_journals, read_journal
from voicelog.store.journal_seal import Stamp, current_stamp, stamp_at
from voicelog.store.keys import load_sealer
from voicelog.store.opening import init_diary, journal_dir, key_path, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

WHEN = datetime(2026, 3, 26, 22, 5)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _crash(diary_path: Path, samples: np.ndarray, when: datetime = WHEN, *, keep_audio: bool = True) -> Path:
    """A journal as a crash leaves it: written by the recording side, no final record."""
    folder = journal_dir(diary_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    with open_for_recording(diary_path) as diary:
        assert diary.sealer is not None
        writer = JournalWriter(journal_path(folder), diary.sealer, recorded_at=when,
                               meta={"source": "microphone", "keep_audio": keep_audio}, stamp=diary.journal_stamp())
        for i in range(0, len(samples), 8000):
            writer.append(samples[i : i + 8000].tobytes())
        writer.abandon()
        return writer.path


def _no_engine() -> Engine:
    raise AssertionError("no recogniser should be needed here")


def test_a_locked_diary_only_says_journals_are_waiting(diary_path: Path) -> None:
    path = _crash(diary_path, np.zeros(16000, dtype=np.int16))
    with open_for_recording(diary_path) as diary:
        leftovers = recover_leftovers(diary, _no_engine)
    assert leftovers.locked and leftovers.recovered == ()
    assert path.exists()


def test_silence_is_dropped_and_a_damaged_journal_set_aside_without_a_recogniser(diary_path: Path) -> None:
    silent = _crash(diary_path, np.zeros(16000 * 2, dtype=np.int16))
    broken = silent.with_name("20260101T000000-1-dead.vlj")
    broken.write_bytes(b"")  # a crash between creating the file and writing its header
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = {r.journal.name: r for r in recover(diary, _no_engine)}
        assert diary.count() == 0
    assert done[silent.name].entry is None and done[silent.name].seconds == pytest.approx(2.0)
    damaged = broken.with_name(broken.name + ".damaged")
    assert damaged.name in done and done[damaged.name].problem
    assert not silent.exists() and damaged.exists() and find_journals(journal_dir(diary_path)) == []


@pytest.mark.slow
def test_speech_becomes_an_entry_marked_recovered_and_no_audio_is_honoured(diary_path: Path, whisper_engine) -> None:
    path = _crash(diary_path, read_wav(EXAMPLE_WAV), keep_audio=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        leftovers = recover_leftovers(diary, lambda: whisper_engine)
        [done] = leftovers.recovered
        assert not leftovers.locked and done.journal == path and done.entry is not None
        entry = diary.get(done.entry.seq)
    assert entry.recovered and entry.source == "recovered" and entry.recorded_at == WHEN.isoformat()
    assert "gary holden" in entry.transcript.text.lower()
    assert not entry.has_audio  # the recording asked for --no-audio before it was cut off
    assert not path.exists()


@pytest.mark.slow
def test_audio_without_recognised_words_is_kept_as_evidence(diary_path: Path, whisper_engine) -> None:
    rng = np.random.default_rng(7)
    t = np.arange(16000 * 3) / 16000
    hum = 3000 * np.sin(2 * np.pi * 180 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 200, t.size)
    _crash(diary_path, hum.astype(np.int16), keep_audio=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [done] = recover(diary, lambda: whisper_engine)
    assert done.entry is not None and done.entry.transcript.text == "" and done.entry.has_audio


# -- journals this diary's recorder did not write (the adversary holds the device) ------------------------------


def _forged(diary_path: Path, stamp: Stamp | None) -> Path:
    """A journal of speech-like noise made with only what anyone holding the device can read: the key file."""
    folder = journal_dir(diary_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    noise = (np.random.default_rng(3).normal(0, 3000, 16000 * 2)).astype(np.int16)
    writer = JournalWriter(journal_path(folder), load_sealer(key_path(diary_path)), recorded_at=WHEN,
                           meta={"source": "microphone", "keep_audio": True}, stamp=stamp)
    writer.append(noise.tobytes())
    writer.abandon()
    return writer.path


def _next_row(diary_path: Path) -> int:
    state = sealing.peek_state(diary_path)
    assert state is not None
    return state.seq


def test_a_journal_forged_from_the_public_key_is_refused_and_nothing_is_stored(diary_path: Path) -> None:
    unsealed = _forged(diary_path, None)
    made_up = _forged(diary_path, stamp_at(_next_row(diary_path), b"\x01" * 32))  # a guessed key
    ahead = _forged(diary_path, stamp_at(_next_row(diary_path) + 5, b"\x02" * 32))  # a row not reached yet
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = {r.journal.name: r for r in recover(diary, _no_engine)}
        assert diary.count() == 0
    assert done[unsealed.name].refused and done[unsealed.name].unsealed and done[unsealed.name].left_in_place
    assert "carries no seal" in done[unsealed.name].problem and unsealed.exists()  # it waits for the person
    for forged, why in ((made_up, "does not match this diary"), (ahead, "has not reached")):
        aside = forged.with_name(forged.name + ".refused")
        result = done[aside.name]
        assert result.refused and not result.unsealed and why in result.problem
        assert aside.exists() and not forged.exists()  # kept for whoever investigates, never stored
    assert find_journals(journal_dir(diary_path)) == [unsealed]


def test_a_journal_stamped_before_later_entries_keeps_its_seal(diary_path: Path) -> None:
    path = _crash(diary_path, np.zeros(16000, dtype=np.int16))
    with open_for_recording(diary_path) as diary:
        for i in range(3):  # the diary moves on; the journal's row key is gone from the disk
            diary.append(recorded_at=WHEN, transcript=Transcript(f"entry {i}"), incident=Incident(), source="text")
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        journal = read_journal(path, diary.opener)
        assert journal.seal is not None and journal.seal.row < _next_row(diary_path)
        assert diary.journal_problem(journal.seal) is None


def test_a_journal_forged_with_the_state_read_at_t_passes_as_appending_after_t_would(diary_path: Path) -> None:
    # The limit docs/threat-model.md states: whoever holds the device holds the recorder's state, so a journal
    # made now from it passes, like any row appended now. It cannot claim a row from before they took it.
    state = sealing.peek_state(diary_path)
    assert state is not None
    now = _forged(diary_path, current_stamp(state))
    earlier = _forged(diary_path, stamp_at(state.seq - 1, state.key))  # the state's key passed off as the last row's
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert diary.journal_problem(read_journal(now, diary.opener).seal) is None
        assert "does not match" in (diary.journal_problem(read_journal(earlier, diary.opener).seal) or "")
