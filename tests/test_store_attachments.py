"""Attachments as chained rows of real sealed diaries: sealed with the public key, read back with the passphrase."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_fixtures import append, chain_ok, new_sealed, reader, tamper

from voicelog.errors import LockedError, UsageError, VaultError
from voicelog.store import attachments
from voicelog.store.opening import open_diary, open_for_recording

MARKER = b"EXHIBIT-MARKER-7f3a the text only the screenshot holds"


def _attach(path: Path, number: int = 1, data: bytes = MARKER, name: str = "shot.png") -> attachments.Attachment:
    with open_for_recording(path) as diary:  # public key only: no passphrase
        return attachments.attach(diary, number, name=name, media_type="image/png", data=data)


def test_an_attachment_is_sealed_chained_and_read_back_with_its_record(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    append(path, "he sent a message at nine")
    append(path, "he was outside again")
    first = _attach(path, 2)
    second = _attach(path, 1, b"second file", "voicemail.m4a")
    assert (first.exhibit, first.entry, second.exhibit, second.entry) == (1, 2, 2, 1)
    assert MARKER not in path.read_bytes()  # sealed, not stored in clear
    assert chain_ok(path)
    with reader(path) as diary:
        found = attachments.attachments(diary)
        assert [(a.exhibit, a.entry, a.name, a.size) for a in found] == [
            (1, 2, "shot.png", len(MARKER)), (2, 1, "voicemail.m4a", 11)]
        assert found[0].sha256 == hashlib.sha256(MARKER).hexdigest() and found[0].attached_at.startswith("20")
        assert attachments.content(diary, found[0]) == MARKER
        assert [a.name for a in attachments.attachments(diary, 1)] == ["voicemail.m4a"]
        assert [e.seq for e in diary.entries()] == [1, 2]  # the rows are not entries and leave no number gap
        assert attachments.stored_whole(diary, found[0])


def test_reading_attachments_needs_the_passphrase(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    append(path, "he called")
    _attach(path)
    with open_for_recording(path) as diary, pytest.raises(LockedError):
        attachments.attachments(diary)


def test_a_missing_entry_and_a_too_large_file_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    append(path, "he called")
    with open_for_recording(path) as diary:
        head = diary.head()
        with pytest.raises(UsageError, match="no entry 5"):
            attachments.attach(diary, 5, name="a.png", media_type="image/png", data=b"x")
        with pytest.raises(UsageError, match="50 MB"):
            attachments.attach(diary, 1, name="big.mp4", media_type="video/mp4",
                               data=b"\0" * (attachments.MAX_BYTES + 1))
        assert diary.head() == head


def test_an_edited_attachment_record_or_file_is_caught_by_verify(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    append(path, "he called")
    att = _attach(path)
    conn = sqlite3.connect(path)
    blob = bytearray(conn.execute("SELECT audio FROM entries WHERE seq = ?", (att.row,)).fetchone()[0])
    conn.close()
    blob[-1] ^= 1  # one bit of the sealed file flipped, as an edit of the file would
    tamper(path, "UPDATE entries SET audio = ? WHERE seq = ?", (bytes(blob), att.row))
    with open_diary(path) as diary:
        result = diary.verify()
    assert not result.ok and result.problem is not None and result.problem.seq == att.row
    with reader(path) as diary, pytest.raises(VaultError):
        attachments.content(diary, attachments.attachments(diary)[0])

    other = new_sealed(tmp_path, "e.db")
    append(other, "he called")
    att = _attach(other)
    conn = sqlite3.connect(other)
    record = bytearray(conn.execute("SELECT content FROM entries WHERE seq = ?", (att.row,)).fetchone()[0])
    conn.close()
    record[-1] ^= 1  # the sealed record (name, size, SHA-256) edited
    tamper(other, "UPDATE entries SET content = ? WHERE seq = ?", (bytes(record), att.row))
    assert not chain_ok(other)


def test_an_old_diary_without_attachments_lists_none(tmp_path: Path) -> None:
    path = new_sealed(tmp_path)
    append(path, "he called")
    with reader(path) as diary:
        assert attachments.attachments(diary) == []
