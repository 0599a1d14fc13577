"""Keys (voicelog.store.keys): key file, passphrase, sealing and opening, with real files and real crypto."""

from __future__ import annotations

import itertools
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from voicelog.errors import UsageError, VaultError, VoicelogError, WrongPassphrase
from voicelog.store import key_file, keys

# The cheapest Argon2id libsodium allows, so the suite stays quick; one test
# below uses the real defaults.
FAST = {"opslimit": 1, "memlimit": 8192}
WORD = b"quizzicalmarmoset"


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "diary.key"
    keys.create_keys(path, "correct horse battery staple", **FAST)
    return path


def test_round_trip(key_path: Path) -> None:
    sealer = keys.load_sealer(key_path)
    record = sealer.seal(b"he followed me to the station")
    opener = keys.unlock(key_path, "correct horse battery staple")
    assert opener.open(record) == b"he followed me to the station"
    assert record.startswith(b"VL1")
    assert len(record) == len(b"he followed me to the station") + keys.SEALED_OVERHEAD
    assert keys.is_sealed(record)
    assert bytes(opener.public_key) == bytes(sealer.public_key)
    assert sealer.fingerprint == keys.fingerprint(opener.public_key)


def test_create_returns_sealer_for_the_new_key(tmp_path: Path) -> None:
    path = tmp_path / "diary.key"
    sealer = keys.create_keys(path, "pass phrase", **FAST)
    record = sealer.seal(b"x")
    assert keys.unlock(path, "pass phrase").open(record) == b"x"


def test_key_file_fields_and_mode(key_path: Path) -> None:
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    document = json.loads(key_path.read_text())
    assert set(document) == {
        "format", "public_key", "kdf", "salt", "opslimit", "memlimit", "params_digest", "sealed_private_key"
    }
    assert document["format"] == "voicelog-key-2"
    assert document["kdf"] == "argon2id"
    assert (document["opslimit"], document["memlimit"]) == (1, 8192)
    # No temp files left beside it.
    assert [p.name for p in key_path.parent.iterdir()] == ["diary.key"]


def test_default_argon2id_limits_are_stored_and_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "diary.key"
    chosen = key_file.machine_limits()  # libsodium's MODERATE, or 64 MiB where memory is short
    monkeypatch.setattr(keys, "machine_limits", key_file.machine_limits)  # the real choice, not the suite's
    keys.create_keys(path, "default cost")
    document = json.loads(path.read_text())
    assert (document["opslimit"], document["memlimit"]) == (chosen.opslimit, chosen.memlimit)
    assert chosen in (key_file.MODERATE, key_file.LOW_MEMORY)
    assert keys.unlock(path, "default cost").open(keys.load_sealer(path).seal(b"ok")) == b"ok"


def test_create_refuses_existing_key(key_path: Path) -> None:
    before = key_path.read_bytes()
    with pytest.raises(VaultError, match="already exists"):
        keys.create_keys(key_path, "another", **FAST)
    assert key_path.read_bytes() == before


def test_create_refuses_empty_passphrase(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        keys.create_keys(tmp_path / "diary.key", "", **FAST)
    assert info.value.exit_code == 2
    assert not (tmp_path / "diary.key").exists()


def test_wrong_passphrase_changes_nothing(key_path: Path) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase, match="does not unlock the diary; nothing was changed") as info:
        keys.unlock(key_path, "incorrect horse")
    assert info.value.exit_code == 2
    assert isinstance(info.value, VoicelogError)
    with pytest.raises(WrongPassphrase):
        keys.change_passphrase(key_path, "incorrect horse", "new one", **FAST)
    assert key_path.read_bytes() == before


def test_change_passphrase(key_path: Path) -> None:
    old_record = keys.load_sealer(key_path).seal(b"before the change")
    public_before = json.loads(key_path.read_text())["public_key"]

    keys.change_passphrase(key_path, "correct horse battery staple", "a brand new phrase", **FAST)

    with pytest.raises(WrongPassphrase):
        keys.unlock(key_path, "correct horse battery staple")
    opener = keys.unlock(key_path, "a brand new phrase")
    assert opener.open(old_record) == b"before the change"
    assert json.loads(key_path.read_text())["public_key"] == public_before
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert [p.name for p in key_path.parent.iterdir()] == ["diary.key"]


def test_change_passphrase_refuses_empty_new(key_path: Path) -> None:
    before = key_path.read_bytes()
    with pytest.raises(UsageError):
        keys.change_passphrase(key_path, "correct horse battery staple", "", **FAST)
    assert key_path.read_bytes() == before


def test_change_passphrase_can_raise_the_cost(key_path: Path) -> None:
    keys.change_passphrase(key_path, "correct horse battery staple", "p2", opslimit=2, memlimit=1 << 20)
    document = json.loads(key_path.read_text())
    assert (document["opslimit"], document["memlimit"]) == (2, 1 << 20)
    keys.unlock(key_path, "p2")


def test_passphrase_unicode_forms_match(tmp_path: Path) -> None:
    path = tmp_path / "diary.key"
    sealer = keys.create_keys(path, "caf\u00e9", **FAST)  # composed é
    record = sealer.seal(b"x")
    assert keys.unlock(path, "cafe\u0301").open(record) == b"x"  # e + combining accent: the same passphrase
    with pytest.raises(WrongPassphrase):
        keys.unlock(path, "cafe")


def test_missing_key_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "diary.key"
    with pytest.raises(VaultError, match="voicelog init") as info:
        keys.load_sealer(missing)
    assert str(missing) in str(info.value)
    with pytest.raises(VaultError, match="voicelog init"):
        keys.unlock(missing, "anything")


def _damage_cases(good: dict) -> list[bytes]:
    cases: list[bytes] = [b"", b"{", b"\xff\xfe not json", b"[]", b"null"]
    for field in good:
        broken = dict(good)
        del broken[field]
        cases.append(json.dumps(broken).encode())
    for field, value in [
        ("format", "voicelog-key-9"),
        ("kdf", "scrypt"),
        ("public_key", "not base64!"),
        ("public_key", "AAAA"),
        ("salt", 12),
        ("opslimit", "3"),
        ("opslimit", 0),
        ("memlimit", 1 << 50),
        ("sealed_private_key", "QUJD"),
    ]:
        cases.append(json.dumps({**good, field: value}).encode())
    return cases


def test_damaged_key_file(key_path: Path) -> None:
    good = json.loads(key_path.read_text())
    for content in _damage_cases(good):
        key_path.write_bytes(content)
        with pytest.raises(VaultError, match="is damaged; restore it from your backup") as info:
            keys.load_sealer(key_path)
        assert "without it the diary cannot be read" in str(info.value)
        with pytest.raises(VaultError, match="is damaged"):
            keys.unlock(key_path, "correct horse battery staple")


def test_key_file_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "diary.key").mkdir()
    with pytest.raises(VaultError, match="damaged"):
        keys.load_sealer(tmp_path / "diary.key")


def test_swapped_public_key_is_detected(key_path: Path, tmp_path: Path) -> None:
    """Someone who replaces the public key (to read future entries) is caught at unlock."""
    other = tmp_path / "other.key"
    keys.create_keys(other, "theirs", **FAST)
    document = json.loads(key_path.read_text())
    document["public_key"] = json.loads(other.read_text())["public_key"]
    key_path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="altered"):
        keys.unlock(key_path, "correct horse battery staple")


def test_sealed_record_hides_the_words(key_path: Path) -> None:
    sealer = keys.load_sealer(key_path)
    record = sealer.seal(b"at nine he said " + WORD + b" again")
    assert WORD not in record
    assert WORD[:6] not in record
    # Two seals of the same content differ (fresh nonce).
    assert sealer.seal(WORD) != sealer.seal(WORD)


def test_damaged_or_foreign_records_fail_without_content(key_path: Path, tmp_path: Path) -> None:
    opener = keys.unlock(key_path, "correct horse battery staple")
    record = keys.load_sealer(key_path).seal(b"secret " + WORD)
    for bad in [
        b"",
        b"VL1",
        record[:-1],
        record[:40] + bytes([record[40] ^ 1]) + record[41:],
        record[:-1] + bytes([record[-1] ^ 0x80]),
        b"XX1" + record[3:],
    ]:
        with pytest.raises(VaultError) as info:
            opener.open(bad)
        assert WORD.decode() not in str(info.value)
    other = tmp_path / "other.key"
    foreign = keys.create_keys(other, "theirs", **FAST).seal(b"not yours")
    with pytest.raises(VaultError, match="another diary key"):
        opener.open(foreign)
    with pytest.raises(VaultError, match="unsealed"):
        opener.open(keys.PlainCodec().seal(b"plain"))


def test_opening_many_records_needs_one_box_per_sealer(key_path: Path) -> None:
    sealers = [keys.load_sealer(key_path) for _ in range(3)]
    records = [sealers[i % 3].seal(f"entry {i} ".encode() * 100) for i in range(10_000)]
    opener = keys.unlock(key_path, "correct horse battery staple")
    assert opener.cached_boxes == 0
    for i, record in enumerate(records):
        assert opener.open(record) == f"entry {i} ".encode() * 100
    assert opener.cached_boxes == 3


def test_opener_can_make_a_sealer(key_path: Path) -> None:
    opener = keys.unlock(key_path, "correct horse battery staple")
    assert opener.open(opener.sealer().seal(b"amendment")) == b"amendment"


def test_plain_codec_has_the_same_interface() -> None:
    codec = keys.PlainCodec()
    record = codec.seal(b"kept in clear by choice")
    assert record == b"PL1kept in clear by choice"
    assert not keys.is_sealed(record)
    assert codec.open(record) == b"kept in clear by choice"
    with pytest.raises(VaultError, match="passphrase"):
        codec.open(b"VL1" + os.urandom(80))
    with pytest.raises(VaultError):
        codec.open(b"garbage")


# -- the KDF parameters are authenticated ------------------------------------------------------------

OLD_KEY = Path(__file__).parent / "fixtures" / "store_v1" / "diary.db.key"
"""A key file of the first format (parameters not bound), written by an older voicelog."""
OLD_PASS = "old diary passphrase"


@pytest.mark.parametrize(("field", "value"), [
    ("opslimit", 2),
    ("memlimit", 16384),
    ("salt", "AAAAAAAAAAAAAAAAAAAAAA=="),
    ("format", "voicelog-key-1"),  # a downgrade to the unbound format
])
def test_an_edited_kdf_parameter_says_altered_not_wrong_passphrase(key_path: Path, field: str, value: object) -> None:
    document = json.loads(key_path.read_text())
    assert document[field] != value
    document[field] = value
    key_path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="altered") as raised:
        keys.unlock(key_path, "correct horse battery staple")
    assert not isinstance(raised.value, WrongPassphrase)
    with pytest.raises(VaultError, match="altered"):
        keys.change_passphrase(key_path, "correct horse battery staple", "another good phrase", **FAST)


def test_a_parameter_edit_with_a_recomputed_digest_still_does_not_unlock(key_path: Path) -> None:
    """The digest is unkeyed; the parameters are also the wrapping's associated data, so no edit unlocks."""
    import base64

    document = json.loads(key_path.read_text())
    document["opslimit"] = 2
    bound = key_file.bound_parameters(base64.b64decode(document["public_key"]), base64.b64decode(document["salt"]),
                                      2, document["memlimit"])
    document["params_digest"] = base64.b64encode(key_file.params_digest(bound)).decode()
    key_path.write_text(json.dumps(document))
    with pytest.raises(WrongPassphrase):
        keys.unlock(key_path, "correct horse battery staple")


def test_recording_needs_no_parameters_so_an_edit_does_not_stop_it(key_path: Path) -> None:
    document = json.loads(key_path.read_text())
    document["memlimit"] = 16384
    key_path.write_text(json.dumps(document))
    assert keys.load_sealer(key_path).seal(b"still recorded").startswith(keys.SEALED_MAGIC)


def test_an_old_format_key_file_still_unlocks_and_passwd_rewrites_it_bound(tmp_path: Path) -> None:
    path = tmp_path / "old.key"
    path.write_bytes(OLD_KEY.read_bytes())
    assert json.loads(path.read_text())["format"] == "voicelog-key-1"
    public = keys.unlock(path, OLD_PASS).public_key
    keys.change_passphrase(path, OLD_PASS, "a brand new phrase", **FAST)
    document = json.loads(path.read_text())
    assert document["format"] == "voicelog-key-2" and "params_digest" in document
    assert bytes(keys.unlock(path, "a brand new phrase").public_key) == bytes(public)
    document["opslimit"] = 2
    path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="altered"):
        keys.unlock(path, "a brand new phrase")


# -- passwd rotates to a new key pair -----------------------------------------------------------------

OLD_PHRASE = "correct horse battery staple"
NEW_PHRASE = "a brand new phrase"


def test_rotation_seals_new_records_to_a_new_key_and_keeps_every_old_one_readable(key_path: Path) -> None:
    before_sealer = keys.load_sealer(key_path)
    before = before_sealer.seal(b"sealed before the change")

    new_public = keys.rotate_keys(key_path, OLD_PHRASE, NEW_PHRASE, **FAST)

    after_sealer = keys.load_sealer(key_path)
    assert bytes(after_sealer.public_key) == new_public != bytes(before_sealer.public_key)
    after = after_sealer.seal(b"sealed after the change")
    opener = keys.unlock(key_path, NEW_PHRASE)
    assert opener.open(before) == b"sealed before the change"
    assert opener.open(after) == b"sealed after the change"
    assert [bytes(k) for k in opener.public_keys] == [new_public, bytes(before_sealer.public_key)]
    assert bytes(opener.public_key) == new_public
    assert opener.open(opener.sealer().seal(b"amended")) == b"amended"  # amendments go to the new key too
    with pytest.raises(WrongPassphrase):
        keys.unlock(key_path, OLD_PHRASE)
    document = json.loads(key_path.read_text())
    assert document["format"] == "voicelog-key-2" and set(document) == {
        "format", "public_key", "kdf", "salt", "opslimit", "memlimit", "params_digest", "sealed_private_key"
    }
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert [p.name for p in key_path.parent.iterdir()] == ["diary.key"]


def test_an_old_copy_of_the_key_file_opens_nothing_sealed_after_rotation(key_path: Path, tmp_path: Path) -> None:
    """An ex-partner who kept a copy of the key file and knows the old passphrase."""
    copy = tmp_path / "taken.key"
    copy.write_bytes(key_path.read_bytes())
    keys.rotate_keys(key_path, OLD_PHRASE, NEW_PHRASE, **FAST)
    record = keys.load_sealer(key_path).seal(b"where I live now")
    old_opener = keys.unlock(copy, OLD_PHRASE)
    with pytest.raises(VaultError, match="another diary key") as raised:
        old_opener.open(record)
    assert "where I live" not in str(raised.value)
    assert keys.unlock(key_path, NEW_PHRASE).open(record) == b"where I live now"


def test_two_rotations_in_a_row(key_path: Path, tmp_path: Path) -> None:
    phrases = [OLD_PHRASE, "second phrase here", "third phrase at last"]
    records, copies = [], []
    for i, (old, new) in enumerate(itertools.pairwise(phrases)):
        records.append(keys.load_sealer(key_path).seal(f"record {i}".encode()))
        copies.append(tmp_path / f"copy{i}.key")
        copies[-1].write_bytes(key_path.read_bytes())
        keys.rotate_keys(key_path, old, new, **FAST)
    records.append(keys.load_sealer(key_path).seal(b"record 2"))

    final = keys.unlock(key_path, phrases[-1])
    assert [final.open(r) for r in records] == [b"record 0", b"record 1", b"record 2"]
    assert len(final.public_keys) == 3 == len({bytes(k) for k in final.public_keys})
    for phrase in phrases[:-1]:
        with pytest.raises(WrongPassphrase):
            keys.unlock(key_path, phrase)
    # Each older copy opens what was sealed up to its time, and nothing after.
    for i, copy in enumerate(copies):
        opener = keys.unlock(copy, phrases[i])
        assert [opener.open(r) for r in records[: i + 1]] == [f"record {j}".encode() for j in range(i + 1)]
        for later in records[i + 1 :]:
            with pytest.raises(VaultError):
                opener.open(later)


def test_change_passphrase_after_a_rotation_keeps_every_key(key_path: Path) -> None:
    record = keys.load_sealer(key_path).seal(b"first key")
    keys.rotate_keys(key_path, OLD_PHRASE, NEW_PHRASE, **FAST)
    keys.change_passphrase(key_path, NEW_PHRASE, "plain re-wrap phrase", **FAST)
    opener = keys.unlock(key_path, "plain re-wrap phrase")
    assert opener.open(record) == b"first key" and len(opener.public_keys) == 2


def test_a_wrong_old_passphrase_rotates_nothing(key_path: Path) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        keys.rotate_keys(key_path, "incorrect horse", NEW_PHRASE, **FAST)
    with pytest.raises(UsageError):
        keys.rotate_keys(key_path, OLD_PHRASE, "", **FAST)
    assert key_path.read_bytes() == before
    with pytest.raises(VaultError, match="voicelog init"):
        keys.rotate_keys(key_path.parent / "missing.key", OLD_PHRASE, NEW_PHRASE, **FAST)


def test_a_first_format_key_file_is_rotated_into_the_current_format(tmp_path: Path) -> None:
    path = tmp_path / "old.key"
    path.write_bytes(OLD_KEY.read_bytes())
    old_public = bytes(keys.load_sealer(path).public_key)
    record = keys.load_sealer(path).seal(b"written with the first format")
    new_public = keys.rotate_keys(path, OLD_PASS, NEW_PHRASE, **FAST)
    assert new_public != old_public
    assert json.loads(path.read_text())["format"] == "voicelog-key-2"
    opener = keys.unlock(path, NEW_PHRASE)
    assert opener.open(record) == b"written with the first format"
    assert [bytes(k) for k in opener.public_keys] == [new_public, old_public]


@pytest.mark.parametrize("field", ["memlimit", "opslimit"])
def test_an_edited_limit_of_a_rotated_key_file_says_altered(key_path: Path, field: str) -> None:
    keys.rotate_keys(key_path, OLD_PHRASE, NEW_PHRASE, **FAST)
    document = json.loads(key_path.read_text())
    document[field] *= 2
    key_path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="altered") as raised:
        keys.unlock(key_path, NEW_PHRASE)
    assert not isinstance(raised.value, WrongPassphrase)
    with pytest.raises(VaultError, match="altered"):
        keys.rotate_keys(key_path, NEW_PHRASE, "yet another phrase", **FAST)


def test_rotation_never_lowers_the_cost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without limits given, passwd takes the stronger of the file's cost and this machine's choice."""
    monkeypatch.setattr(keys, "machine_limits", key_file.machine_limits)  # the real choice, not the suite's
    path = tmp_path / "diary.key"
    keys.create_keys(path, OLD_PHRASE, opslimit=5, memlimit=8192)
    keys.rotate_keys(path, OLD_PHRASE, NEW_PHRASE)
    document = json.loads(path.read_text())
    chosen = key_file.machine_limits()
    assert (document["opslimit"], document["memlimit"]) == (5, chosen.memlimit)
    keys.unlock(path, NEW_PHRASE)


def test_two_rotations_at_once_lose_no_key(key_path: Path) -> None:
    """Two passwd runs at the same moment: one wins, the other is refused, and no key is lost."""
    record = keys.load_sealer(key_path).seal(b"before both")
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def rotate(phrase: str) -> None:
        barrier.wait()
        try:
            results[phrase] = keys.rotate_keys(key_path, OLD_PHRASE, phrase, opslimit=1, memlimit=32 << 20)
        except WrongPassphrase as exc:
            results[phrase] = exc

    threads = [threading.Thread(target=rotate, args=(p,)) for p in ("phrase of thread one", "phrase of thread two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [(winner, public)] = [(p, r) for p, r in results.items() if isinstance(r, bytes)]
    assert sum(isinstance(r, WrongPassphrase) for r in results.values()) == 1
    opener = keys.unlock(key_path, winner)
    assert bytes(opener.public_key) == public and opener.open(record) == b"before both"


def test_opening_many_records_across_rotations_needs_few_boxes(key_path: Path) -> None:
    old_sealers = [keys.load_sealer(key_path) for _ in range(3)]
    keys.rotate_keys(key_path, OLD_PHRASE, NEW_PHRASE, **FAST)
    new_sealers = [keys.load_sealer(key_path) for _ in range(2)]
    sealers = old_sealers + new_sealers
    records = [sealers[i % 5].seal(f"entry {i} ".encode() * 100) for i in range(10_000)]
    opener = keys.unlock(key_path, NEW_PHRASE)
    for i, record in enumerate(records):
        assert opener.open(record) == f"entry {i} ".encode() * 100
    # One box per sealer of the current key; two per sealer of the old one (the current key is tried first).
    assert opener.cached_boxes == 2 * 1 + 3 * 2


def test_a_record_with_a_low_order_ephemeral_key_is_refused_as_damaged(key_path: Path) -> None:
    opener = keys.unlock(key_path, OLD_PHRASE)
    with pytest.raises(VaultError, match="damaged"):
        opener.open(keys.SEALED_MAGIC + bytes(32) + bytes(24) + bytes(40))
