"""Forward-secure sealing (voicelog.store.sealing): keys evolve one way, codes round-trip, old keys leave the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from store_fixtures import PASS, append

from voicelog.errors import UsageError
from voicelog.store import sealing
from voicelog.store.opening import init_diary, open_diary


def test_keys_evolve_one_way_and_each_row_has_its_own() -> None:
    origin = bytes(range(16))
    k1, k2 = sealing.key_at(origin, 1), sealing.key_at(origin, 2)
    assert k2 == sealing.evolve(k1) == hashlib.sha256(b"voicelog-evolve-1\n" + k1).digest()
    assert len({sealing.key_at(origin, n) for n in range(50)}) == 50
    assert sealing.tag(k1, "ab" * 32) != sealing.tag(k2, "ab" * 32)
    assert sealing.advance(sealing.State(3, sealing.key_at(origin, 3)), 7) == sealing.key_at(origin, 7)


def test_the_code_round_trips_as_people_type_it() -> None:
    origin = sealing.new_origin()
    code = sealing.format_code(origin)
    assert len(code.replace("-", "")) == 26 and all(len(g) <= 4 for g in code.split("-"))
    assert sealing.parse_code(code) == origin
    assert sealing.parse_code(code.lower().replace("-", " ")) == origin
    misread = code.replace("O", "0").replace("I", "1").replace("B", "8")  # letters read as digits
    assert sealing.parse_code(misread) == origin
    for wrong in ("", "ABCD-EFGH", code + "AAAA", "not a code at all!"):
        with pytest.raises(UsageError, match="not a voicelog verification code"):
            sealing.parse_code(wrong)
    assert sealing.fingerprint(origin) != sealing.fingerprint(sealing.new_origin())


def test_the_diary_keeps_only_the_next_key_and_no_earlier_one_stays_in_its_files(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    origin = sealing.parse_code(init_diary(path, passphrase=PASS))
    for i in range(3):
        append(path, f"account {i}")
    with open_diary(path) as diary:
        state = sealing.read_state(diary.db.conn)
        assert state == sealing.State(5, sealing.key_at(origin, 5))
    files = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert sealing.key_at(origin, 5) in files
    for n in range(0, 5):  # the origin and every key already used are gone from the diary's files
        assert sealing.key_at(origin, n) not in files
