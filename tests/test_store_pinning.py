"""Pinning (voicelog.store.pinning): the setup record and key rows say the mode and key, readable without a key."""

from __future__ import annotations

from pathlib import Path

from store_fixtures import PASS, reader, tamper

from voicelog.store import pinning, sealing
from voicelog.store.keys import load_sealer
from voicelog.store.opening import change_passphrase, init_diary, key_path, open_diary


def test_a_new_diary_pins_its_mode_key_and_code_in_row_one(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    origin = sealing.parse_code(init_diary(path, passphrase=PASS))
    with open_diary(path) as diary:  # no passphrase needed to read the pin
        pin = pinning.read_pin(diary.db.conn)
    assert pin is not None and pin.seq == 1 and pin.mode == "sealed"
    assert pin.public_key == bytes(load_sealer(key_path(path)).public_key) and pin.keys == (pin.public_key,)
    assert pin.code == sealing.fingerprint(origin)
    with reader(path) as unlocked:
        assert unlocked.origin() == origin  # sealed to the owner's key in the record


def test_a_plain_diary_pins_its_mode_and_keeps_no_origin(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    init_diary(path, passphrase=None, plain=True)
    with open_diary(path) as diary:
        assert diary.pin is not None and diary.pin.mode == "plain"
        assert diary.pin.public_key is None and diary.pin.sealed_origin is None and diary.origin() is None


def test_passwd_pins_the_next_key_and_keeps_the_first(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    init_diary(path, passphrase=PASS)
    first = bytes(load_sealer(key_path(path)).public_key)
    new = change_passphrase(path, PASS, "a brand new long passphrase")
    with open_diary(path) as diary:
        assert diary.pin is not None and diary.pin.public_key == new and diary.pin.keys == (first, new)


def test_an_unreadable_setup_record_gives_no_pin(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    init_diary(path, passphrase=PASS)
    tamper(path, "UPDATE entries SET content = ? WHERE seq = 1", (b"PL1 not json",))
    with open_diary(path) as diary:
        assert diary.pin is None
        assert "setup record" in diary.verify().state  # and the check says it is gone
