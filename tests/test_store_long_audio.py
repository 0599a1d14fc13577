"""``voicelog.store.long_audio``: a long recording sealed in one buffer and stored in pieces, exactly as before."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE

from voicelog.errors import DiaryError
from voicelog.incident import Incident
from voicelog.store import long_audio, padding
from voicelog.store.keys import PlainCodec, PublicKeySealer, unlock
from voicelog.store.opening import init_diary, key_path, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

WHEN = datetime(2026, 3, 26, 22, 5)


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _sealer(diary_path: Path) -> PublicKeySealer:
    with open_for_recording(diary_path) as diary:
        sealer = diary.sealer
    assert isinstance(sealer, PublicKeySealer)
    return sealer


@pytest.mark.parametrize("length", [0, 5, 4088, 4089, 300_000, 3_000_001])
def test_sealing_in_one_buffer_gives_the_record_the_sealer_gives(diary_path: Path, length: int) -> None:
    sealer = _sealer(diary_path)
    data = os.urandom(length)
    record = long_audio.seal_padded(sealer, data)
    nonce = record[35:59]  # after b"VL1" and the ephemeral public key
    assert type(record) is bytes
    assert record == b"VL1" + sealer._ephemeral_public + sealer._box.encrypt(padding.pad(data), nonce)
    opener = unlock(key_path(diary_path), TEST_PASSPHRASE)
    assert padding.unpad(opener.open(record)) == data


def test_a_sealer_of_another_kind_seals_as_it_always_did() -> None:
    assert long_audio.seal_padded(PlainCodec(), b"abc") == PlainCodec().seal(padding.pad(b"abc"))


def test_a_sealing_makes_the_same_record_each_time(diary_path: Path) -> None:
    sealing = long_audio.Sealing(_sealer(diary_path), os.urandom(10_000), pad=True)
    assert sealing.make() == sealing.make()


def _append(diary_path: Path, audio: bytes) -> int:
    with open_for_recording(diary_path) as diary:
        return diary.append(recorded_at=WHEN, transcript=Transcript(text="a long recording"), incident=Incident(),
                            source="file:long.wav", audio=audio).seq


def test_a_recording_long_enough_to_go_in_pieces_reads_back_and_verifies(diary_path: Path) -> None:
    short, long = os.urandom(1000), os.urandom(long_audio.IN_PIECES + 123_457)
    assert _append(diary_path, short) == 1
    assert _append(diary_path, long) == 2
    assert _append(diary_path, short) == 3  # the chain goes on after it
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        assert diary.audio(2) == long and diary.audio(1) == diary.audio(3) == short
        checked = diary.verify()
        assert checked.ok and checked.seals_checked, checked.sentences()
        stored = diary.db.conn.execute("SELECT length(audio) FROM entries WHERE number = 2").fetchone()[0]
    assert stored == len(b"VL1") + 32 + 24 + 16 + padding.padded_size(len(long))  # as one insert would store it


def test_a_long_record_is_in_pieces_and_a_short_one_is_not(diary_path: Path) -> None:
    sealer = _sealer(diary_path)
    long = long_audio.Sealing(sealer, bytes(long_audio.IN_PIECES), pad=True)
    short = long_audio.Sealing(sealer, bytes(1000), pad=True)
    long.make()
    short.make()
    assert long.in_pieces and not short.in_pieces


def test_a_record_that_comes_out_different_the_second_time_is_refused(diary_path: Path, tmp_path: Path) -> None:
    import sqlite3

    sealing = long_audio.Sealing(_sealer(diary_path), os.urandom(5000), pad=False)  # a fresh nonce each seal
    conn = sqlite3.connect(tmp_path / "pieces.db")
    conn.execute("CREATE TABLE t (a BLOB)")
    conn.execute("INSERT INTO t (rowid, a) VALUES (1, zeroblob(?))", (len(sealing.make()),))
    with pytest.raises(DiaryError, match="came out different"):
        sealing.write(conn, "t", "a", 1)
    assert conn.execute("SELECT a FROM t").fetchone()[0] == bytes(len(sealing.make()))  # nothing written
