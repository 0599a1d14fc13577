"""Checking a diary (voicelog.store.verification) against the person it documents, holding the file.

Each test is one attack from issue 10, done as that person could: sqlite3 on the
real file, the diary's format, PyNaCl and the public key. Rows written before
the attack are named by ``verify`` with the verification code (or the
passphrase); what cannot be caught (rows appended with the state the attacker
found on the device) is pinned down too, so the threat model's limits stay true.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from nacl.public import PrivateKey
from store_fixtures import PASS, WHEN, append, reader, tamper, transcript

from voicelog.incident import Incident
from voicelog.store import chain, entries, padding, sealing
from voicelog.store.keys import PublicKeySealer, load_sealer
from voicelog.store.opening import init_diary, key_path, open_diary, open_for_recording
from voicelog.store.verification import Verification


@pytest.fixture
def diary(tmp_path: Path) -> tuple[Path, bytes]:
    """A sealed diary with five entries (rows 2-6 after the setup record) and its origin (from the code)."""
    path = tmp_path / "d.db"
    code = init_diary(path, passphrase=PASS)
    for i in range(5):
        append(path, f"account number {i}")
    return path, sealing.parse_code(code)


def check(path: Path, origin: bytes | None) -> Verification:
    with open_diary(path) as locked:
        return locked.verify(origin)


def rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    found = conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM entries ORDER BY seq").fetchall()
    conn.close()
    return found


def rehash_from(path: Path, first: int) -> None:
    """What a forger does after changing row ``first``: recompute every hash from there, so the chain fits."""
    conn = sqlite3.connect(path)
    prev = conn.execute("SELECT hash FROM entries WHERE seq < ? ORDER BY seq DESC LIMIT 1", (first,)).fetchone()
    prev_hash = prev[0] if prev else chain.GENESIS
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM entries WHERE seq >= ? ORDER BY seq",
                            (first,)).fetchall():
        digest = chain.row_hash((row[0], row[1], row[2], row[3], row[4], prev_hash, "", row[7]))
        conn.execute("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", (prev_hash, digest, row[0]))
        prev_hash = digest
    conn.commit()
    conn.close()


def forged_content(path: Path, text: str) -> bytes:
    """An entry's content sealed to the diary's public key, as anyone can make it."""
    content = entries.entry_content(transcript=transcript(text), incident=Incident(), source="text",
                                    recovered=False, registry_applied=True, recorded_at=WHEN.isoformat())
    return load_sealer(key_path(path)).seal(padding.pad(entries.encode({**content, "written_at": "x"})))


def test_an_untouched_diary_passes_with_the_code_and_with_the_passphrase(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    result = check(path, origin)
    assert result.ok and result.seals_checked and result.rows == 6 and result.sealed_from == 1
    assert result.code == sealing.fingerprint(origin)
    with reader(path) as unlocked:  # the origin, sealed to the owner's key in the setup record
        assert unlocked.verify().ok and unlocked.verify().seals_checked
    without = check(path, None)
    assert without.ok and not without.seals_checked and "were not checked" in without.summary()


def test_a_forged_entry_rehashed_to_the_end_is_named(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    tamper(path, "UPDATE entries SET content = ? WHERE seq = 3", (forged_content(path, "he was never there"),))
    rehash_from(path, 3)
    assert check(path, None).problem is None  # the hash chain alone is fooled, as the issue found
    result = check(path, origin)
    assert not result.ok and result.bad_seals == (3, 4, 5, 6)
    assert "Entry 2 (row 3) does not carry the seal" in result.sentences()[0]


def test_a_forged_amendment_slipped_between_rows_is_named(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    conn = sqlite3.connect(path)
    for (seq,) in conn.execute("SELECT seq FROM entries WHERE seq >= 4 ORDER BY seq DESC").fetchall():
        conn.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq + 1, seq))
    amendment = entries.amendment_content(2, changes={}, note="I was mistaken, he was not there", incident=None,
                                          reviewed=True)
    sealed = load_sealer(key_path(path)).seal(padding.pad(entries.encode(amendment)))
    conn.execute("INSERT INTO entries (seq, recorded_at, written_at, kind, content, prev_hash, hash, seal) "
                 "VALUES (4, '', '', 'amendment', ?, '', '', 'ab')", (sealed,))
    conn.commit()
    conn.close()
    rehash_from(path, 4)
    result = check(path, origin)
    assert 4 in result.bad_seals and "A correction (row 4)" in " ".join(result.sentences())


def test_rows_cut_off_the_end_are_named_even_without_the_code(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    tamper(path, "DELETE FROM entries WHERE seq >= 5")
    for result in (check(path, None), check(path, origin)):
        assert not result.ok and "rows 5 to 6 were removed" in result.state


def test_a_cut_with_the_state_rolled_back_is_named_with_the_code(diary: tuple[Path, bytes]) -> None:
    """The person cuts rows and writes a state that counts only what is left: they cannot make its key."""
    path, origin = diary
    tamper(path, "DELETE FROM entries WHERE seq >= 5")
    tamper(path, "UPDATE seal_state SET seq = 5")
    assert check(path, None).ok  # the count fits: only the key can tell
    result = check(path, origin)
    assert not result.ok and "sealing state was altered" in result.state


def test_a_removed_state_is_named(diary: tuple[Path, bytes]) -> None:
    path, _ = diary
    tamper(path, "DELETE FROM seal_state")
    assert "sealing state is missing" in check(path, None).state


def test_a_row_removed_and_the_rest_renumbered_and_rehashed_is_named(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM entries WHERE seq = 3")
    for seq in (4, 5, 6):
        conn.execute("UPDATE entries SET seq = ?, number = ? WHERE seq = ?", (seq - 1, seq - 2, seq))
    conn.execute("UPDATE seal_state SET seq = 6")
    conn.commit()
    conn.close()
    rehash_from(path, 3)
    result = check(path, origin)
    assert result.bad_seals == (3, 4, 5) and "sealing state was altered" in result.state


def test_reordered_rows_are_named(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entries SET seq = -1 WHERE seq = 3")
    conn.execute("UPDATE entries SET seq = 3 WHERE seq = 5")
    conn.execute("UPDATE entries SET seq = 5 WHERE seq = -1")
    conn.commit()
    conn.close()
    assert check(path, None).problem is not None
    rehash_from(path, 3)
    assert set(check(path, origin).bad_seals) >= {3, 5}


def test_a_changed_written_time_is_named_and_the_clear_column_means_nothing(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    tamper(path, "UPDATE entries SET written_at = '2020-01-01T00:00:00+00:00' WHERE seq = 2")
    with reader(path) as unlocked:  # the times shown come from the sealed content, not the clear column
        assert unlocked.get(1).written_at != "2020-01-01T00:00:00+00:00"
    assert check(path, origin).ok
    tamper(path, "UPDATE entries SET content = ? WHERE seq = 2", (forged_content(path, "account number 0"),))
    rehash_from(path, 2)
    assert check(path, origin).bad_seals[0] == 2


def test_a_forged_people_list_is_named_and_the_old_table_is_not_read(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    with reader(path) as unlocked:
        unlocked.add_person("Colin Mowbray", ["my ex"])
    sealer = load_sealer(key_path(path))
    tamper(path, "INSERT INTO people (content) VALUES (?)",
           (sealer.seal(b'{"name": "Innocent Neighbour", "aliases": ["colin mowbray"]}'),))
    with reader(path) as unlocked:
        assert [p.name for p in unlocked.people()] == ["Colin Mowbray"]
    forged = sealer.seal(padding.pad(b'{"people": [{"name": "Innocent Neighbour", "aliases": ["my ex"]}]}'))
    tamper(path, "UPDATE entries SET content = ? WHERE kind = 'people'", (forged,))
    rehash_from(path, 7)
    result = check(path, origin)
    assert result.bad_seals == (7,) and "A people-list change (row 7)" in result.sentences()[0]


def test_a_row_appended_without_the_state_is_named(diary: tuple[Path, bytes]) -> None:
    path, origin = diary
    prev = rows(path)[-1][6]
    content = forged_content(path, "a forged account")
    digest = chain.entry_hash(7, "", "entry", content, None, str(prev), 6)
    tamper(path, "INSERT INTO entries (seq, number, recorded_at, written_at, kind, content, prev_hash, hash) "
                 "VALUES (7, 6, '', '', 'entry', ?, ?, ?)", (content, prev, digest))
    result = check(path, None)
    assert result.unsealed == (7,) and "added without the diary's sealing state" in result.state
    assert not check(path, origin).ok


def test_what_cannot_be_caught_rows_appended_with_the_state_found_on_the_device(diary: tuple[Path, bytes]) -> None:
    """The limit in docs/threat-model.md: whoever holds the device can append as voicelog would."""
    path, origin = diary
    with open_for_recording(path) as taken:
        taken.append(recorded_at=WHEN, transcript=transcript("written by whoever had the device"),
                     incident=Incident(), source="text")
    assert check(path, origin).ok


def test_a_wrong_code_is_named(diary: tuple[Path, bytes]) -> None:
    path, _ = diary
    result = check(path, sealing.new_origin())
    assert result.wrong_code and not result.ok and "not this diary's code" in result.sentences()[0]


def test_a_replaced_setup_record_is_named(diary: tuple[Path, bytes]) -> None:
    """The attacker writes their own setup record (their key, their code): the owner's code names row 1."""
    path, origin = diary
    from voicelog.store import pinning

    theirs = PrivateKey.generate()
    forged = pinning.seal_content(mode="sealed", code="0000-0000-0000", public_key=bytes(theirs.public_key),
                                  sealed_origin=PublicKeySealer(theirs.public_key).seal(sealing.new_origin()))
    tamper(path, "UPDATE entries SET content = ? WHERE seq = 1", (forged,))
    rehash_from(path, 1)
    result = check(path, origin)
    assert result.wrong_code and result.bad_seals[0] == 1


@pytest.mark.parametrize("change", [
    "UPDATE entries SET content = CAST(x'00' || content AS TEXT) WHERE seq = 3",  # sealed bytes made text
    "UPDATE entries SET recorded_at = CAST(x'ff00' AS TEXT) WHERE seq = 3",  # a text column made undecodable
])
def test_a_column_changed_to_another_type_is_named_not_a_crash(diary: tuple[Path, bytes], change: str) -> None:
    path, origin = diary
    tamper(path, change)
    for code in (None, origin):
        result = check(path, code)
        assert not result.ok and result.problem is not None and result.problem.seq == 3
