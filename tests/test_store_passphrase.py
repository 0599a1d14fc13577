"""The policy for a new passphrase (voicelog.store.passphrase), and the library calls that apply it: a new diary
and a changed passphrase. Real zxcvbn, real Argon2id, real key files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from store_fixtures import PASS, new_sealed

from voicelog.errors import UsageError
from voicelog.store.keys import unlock
from voicelog.store.opening import change_passphrase, init_diary, key_path
from voicelog.store.passphrase import MIN_LENGTH, check_new_passphrase

STRONG = "walnut lantern seventeen orbit"

WEAK = [
    pytest.param("x", "too short", id="one-letter"),
    pytest.param(" ", "too short", id="a-space"),
    pytest.param(" " * 12, "too short", id="only-spaces"),
    pytest.param("ab7", "too short", id="three-characters"),
    pytest.param("password1", "very common password", id="common-password"),
    pytest.param("abcdefgh1234", "Sequences", id="sequences"),
    pytest.param("example only", "Add another word", id="two-common-words"),
]


@pytest.mark.parametrize(("weak", "why"), WEAK)
def test_a_weak_passphrase_is_refused_with_advice(weak: str, why: str) -> None:
    with pytest.raises(UsageError, match=why) as refused:
        check_new_passphrase(weak)
    message = str(refused.value)
    assert "four or more unrelated words" in message
    if weak.strip():
        assert weak not in message  # the message never repeats what was typed


def test_the_strength_message_names_the_threshold() -> None:
    with pytest.raises(UsageError, match=r"strength [0-2] of 4; a new one needs 3"):
        check_new_passphrase("password1")


@pytest.mark.parametrize("strong", [STRONG, TEST_PASSPHRASE, PASS, "correct horse battery staple",
                                    "ünïcödé wörds för mÿ dïärÿ", "a" * 20 + " long passphrase " * 10])
def test_a_strong_passphrase_is_accepted(strong: str) -> None:
    check_new_passphrase(strong)


def test_length_is_counted_in_characters_not_bytes() -> None:
    assert MIN_LENGTH == 8
    with pytest.raises(UsageError, match="too short"):
        check_new_passphrase("ééééééé")  # 14 bytes, 7 characters


def test_a_new_diary_with_a_weak_passphrase_leaves_nothing_behind(tmp_path: Path) -> None:
    db = tmp_path / "folder" / "diary.db"
    with pytest.raises(UsageError, match="too easy to guess"):
        init_diary(db, passphrase="password1")
    assert not db.parent.exists()
    init_diary(db, passphrase=STRONG)
    assert db.exists() and key_path(db).exists()


def test_a_weak_new_passphrase_changes_nothing_but_an_old_weak_one_still_unlocks(tmp_path: Path) -> None:
    db = new_sealed(tmp_path)
    before = key_path(db).read_bytes()
    with pytest.raises(UsageError, match="too short"):
        change_passphrase(db, PASS, "x")
    assert key_path(db).read_bytes() == before
    # A passphrase set before the policy (here written through the key layer, as older voicelog did) still works,
    # and may be changed to a strong one.
    from voicelog.store import keys

    keys.change_passphrase(key_path(db), PASS, "x", opslimit=1, memlimit=8192)
    unlock(key_path(db), "x")
    change_passphrase(db, "x", STRONG)
    unlock(key_path(db), STRONG)
