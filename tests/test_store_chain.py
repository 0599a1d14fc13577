"""The hash chain (voicelog.store.chain): verify names the row that is not as written, on real tampered files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fixtures import append, new_sealed, reader, tamper

from voicelog.store.chain import GENESIS, entry_hash
from voicelog.store.opening import open_diary


@pytest.fixture
def six(tmp_path: Path) -> Path:
    path = new_sealed(tmp_path)
    for i in range(6):
        append(path, f"account number {i}")
    return path


def _verify(path: Path) -> tuple[int, str]:
    with open_diary(path) as diary:
        problem = diary.verify().problem
    assert problem is not None
    return problem.seq, problem.what


def test_the_hash_inputs_are_the_file_format() -> None:
    """Diaries already written must keep verifying: these hashes were made by voicelog before the store moved."""
    assert entry_hash(1, "2026-03-30T21:47:00", "entry", b"VL1sealed", None, GENESIS) == (
        "1711553798c9b22fbc1ff483f202f9fd01d266b0608f6c0ee57ee1430911cf62")
    assert entry_hash(2, "2026-03-30T21:47:00", "amendment", b"VL1x", b"VL1audio", "ab" * 32) == (
        "5e9478b84e2919e85e0b16769f771125bec41dfd3f66ea77dd5e4c6b24fbd7e9")


def test_verify_passes_on_an_untouched_diary_and_counts_amendments(six: Path) -> None:
    with reader(six) as diary:
        diary.amend(2, note="remembered more")
    with open_diary(six) as diary:
        result = diary.verify()
        assert result.ok and result.rows == 8  # the setup record, six entries and an amendment
        assert diary.head()[0] == 8
        rows = diary.db.execute("SELECT prev_hash, hash FROM entries ORDER BY seq").fetchall()
    assert rows[0][0] == GENESIS
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))


def test_verify_finds_a_flipped_byte(six: Path) -> None:
    conn = sqlite3.connect(six)
    content = bytearray(conn.execute("SELECT content FROM entries WHERE seq = 4").fetchone()[0])
    conn.close()
    content[40] ^= 0x01
    tamper(six, "UPDATE entries SET content = ? WHERE seq = 4", (bytes(content),))
    assert _verify(six) == (4, "changed")


def test_verify_finds_a_removed_row(six: Path) -> None:
    tamper(six, "DELETE FROM entries WHERE seq = 3")
    assert _verify(six) == (3, "removed")


def test_verify_finds_two_swapped_rows(six: Path) -> None:
    conn = sqlite3.connect(six)
    conn.execute("UPDATE entries SET seq = -2 WHERE seq = 2")
    conn.execute("UPDATE entries SET seq = 2 WHERE seq = 5")
    conn.execute("UPDATE entries SET seq = 5 WHERE seq = -2")
    conn.commit()
    conn.close()
    assert _verify(six) == (2, "reordered")


def test_verify_finds_a_forged_row_inserted(six: Path) -> None:
    """A forger who knows the format re-hashes their row, but cannot re-hash the rows after it unseen."""
    conn = sqlite3.connect(six)
    rows = conn.execute("SELECT seq FROM entries ORDER BY seq DESC").fetchall()
    for (seq,) in rows:
        if seq >= 3:
            conn.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq + 1, seq))
    prev = conn.execute("SELECT hash FROM entries WHERE seq = 2").fetchone()[0]
    forged = b"VL1" + b"\0" * 100
    digest = entry_hash(3, "", "entry", forged, None, prev, 2)
    conn.execute("INSERT INTO entries (seq, number, recorded_at, written_at, kind, content, audio, prev_hash, hash)"
                 " VALUES (3, 2, '', '', 'entry', ?, NULL, ?, ?)", (forged, prev, digest))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "inserted")


def test_verify_finds_a_row_changed_and_rehashed(six: Path) -> None:
    """Row 3's time is edited and its own hash recomputed: row 3 changed, not row 4 removed."""
    conn = sqlite3.connect(six)
    seq, recorded, kind, content, audio, prev_hash, number = conn.execute(
        "SELECT seq, recorded_at, kind, content, audio, prev_hash, number FROM entries WHERE seq = 3").fetchone()
    recorded = "2026-03-01T09:00:00"
    digest = entry_hash(seq, recorded, kind, content, audio, prev_hash, number)
    conn.execute("UPDATE entries SET recorded_at = ?, hash = ? WHERE seq = 3", (recorded, digest))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "changed")
    with open_diary(six) as diary:
        assert diary.verify().fit == 2  # the rows before it fit


def test_verify_finds_a_row_removed_and_the_rest_renumbered(six: Path) -> None:
    conn = sqlite3.connect(six)
    conn.execute("DELETE FROM entries WHERE seq = 3")
    for seq in (4, 5, 6, 7):
        conn.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq - 1, seq))
    conn.commit()
    conn.close()
    assert _verify(six) == (3, "removed")


def test_find_hash_names_the_row(six: Path) -> None:
    with open_diary(six) as diary:
        rows = diary.db.execute("SELECT seq, hash FROM entries ORDER BY seq").fetchall()
        assert diary.find_hash(rows[2][1][:16].upper()) == 3
        assert diary.find_hash(rows[5][1]) == 6
        assert diary.find_hash("f" * 64) is None
        assert diary.find_hash("not hex") is None
