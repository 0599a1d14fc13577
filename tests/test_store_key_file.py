"""The key file (voicelog.store.key_file): the Argon2id cost chosen by memory, and what a file may hold."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from voicelog.errors import UsageError, VaultError
from voicelog.store import key_file, keys
from voicelog.store.key_file import LOW_MEMORY, MODERATE, KdfLimits, choose_limits

MiB = 1024 * 1024
FAST = {"opslimit": 1, "memlimit": 8192}


def test_moderate_is_libsodiums_moderate() -> None:
    assert (MODERATE.opslimit, MODERATE.memlimit) == (3, 256 * MiB)
    assert (LOW_MEMORY.opslimit, LOW_MEMORY.memlimit) == (3, 64 * MiB)


@pytest.mark.parametrize(("available", "chosen"), [
    (24 * 1024 * MiB, MODERATE),  # a desktop
    (3500 * MiB, MODERATE),  # a 4 GB Raspberry Pi
    (760 * MiB, MODERATE),  # a 1 GB Raspberry Pi at rest
    (512 * MiB, MODERATE),  # twice MODERATE's memory, just enough
    (512 * MiB - 1, LOW_MEMORY),
    (380 * MiB, LOW_MEMORY),  # a 512 MB Pi Zero 2, or a 1 GB Pi with a recogniser running
    (40 * MiB, LOW_MEMORY),  # too little even for that: the floor, which unlock reports if it fails
    (0, LOW_MEMORY),
    (None, MODERATE),  # the system does not say (no /proc/meminfo, no sysconf figure)
])
def test_the_cost_is_chosen_by_the_memory_available(available: int | None, chosen: KdfLimits) -> None:
    assert choose_limits(available) == chosen


def test_this_machine_reports_a_plausible_figure() -> None:
    available = key_file.available_memory()
    assert available is not None
    assert 0 < available <= os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert key_file.machine_limits() in (MODERATE, LOW_MEMORY)


def test_at_least_takes_the_stronger_of_each() -> None:
    assert KdfLimits(5, 64 * MiB).at_least(MODERATE) == KdfLimits(5, 256 * MiB)
    assert MODERATE.at_least(LOW_MEMORY) == MODERATE


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.key"
    keys.create_keys(path, "correct horse battery staple", **FAST)
    return path


@pytest.mark.parametrize("size", [40, 40 + 31, 40 + 33, 40 + 32 * (key_file.MAX_KEYS + 1)])
def test_a_wrapped_part_that_cannot_hold_whole_keys_is_damaged(key_path: Path, size: int) -> None:
    document = json.loads(key_path.read_text())
    document["sealed_private_key"] = base64.b64encode(os.urandom(size)).decode()
    key_path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="damaged"):
        key_file.read_key_file(key_path)


def test_a_first_format_file_holds_exactly_one_key(key_path: Path) -> None:
    document = json.loads(key_path.read_text())
    document.update(format="voicelog-key-1", sealed_private_key=base64.b64encode(os.urandom(40 + 64)).decode())
    del document["params_digest"]
    key_path.write_text(json.dumps(document))
    with pytest.raises(VaultError, match="damaged"):
        key_file.read_key_file(key_path)


def test_a_rotated_file_holds_its_keys_newest_first(key_path: Path) -> None:
    first = bytes(keys.load_sealer(key_path).public_key)
    second = keys.rotate_keys(key_path, "correct horse battery staple", "second phrase", **FAST)
    third = keys.rotate_keys(key_path, "second phrase", "third phrase", **FAST)
    document = key_file.read_key_file(key_path)
    assert len(document.sealed_private_keys) == 24 + 16 + 3 * 32
    held = key_file.unwrap_private_keys(key_path, document, b"third phrase")
    assert [bytes(k.public_key) for k in held] == [third, second, first]


def test_key_document_refuses_what_it_could_not_read_back() -> None:
    from nacl.public import PrivateKey

    with pytest.raises(UsageError, match="1 to"):
        key_file.key_document([], b"secret", KdfLimits(1, 8192))
    with pytest.raises(UsageError, match="opslimit"):
        key_file.key_document([PrivateKey.generate()], b"secret", KdfLimits(0, 8192))
    with pytest.raises(UsageError, match="memlimit"):
        key_file.key_document([PrivateKey.generate()], b"secret", KdfLimits(1, 1 << 40))


def test_locking_a_missing_key_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="voicelog init"), key_file.locked(tmp_path / "none.key"):
        pass
