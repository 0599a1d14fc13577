"""``voicelog.extract.vocab``: word lists as data files, with the person's own additions from their config folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from voicelog.extract import vocab


@pytest.fixture(autouse=True)
def fresh_lists(voicelog_home: Path) -> Iterator[None]:
    voicelog_home.mkdir(parents=True, exist_ok=True)
    vocab.reload()
    yield
    vocab.reload()


def test_a_list_file_is_one_entry_a_line_lower_cased_with_comments() -> None:
    assert vocab.parse("# shops\nCorner  Shop\n\nthe Deli  # by the station\ncorner shop\n") == (
        "corner shop", "the deli")


def test_every_packaged_list_parses_and_holds_entries() -> None:
    from importlib import resources

    folder = resources.files("voicelog.extract").joinpath("vocab")
    for item in folder.iterdir():
        if item.name.endswith(".txt"):
            assert vocab.entries(item.name[:-4]), f"{item.name} is empty"


def test_the_person_adds_their_own_places_and_names_without_a_release(voicelog_home: Path) -> None:
    (voicelog_home / "places.txt").write_text("# my places\nBramblewick Deli\n", encoding="utf-8")
    (voicelog_home / "names.txt").write_text("Zorabel\n", encoding="utf-8")
    assert vocab.entries("places")[-1] == "bramblewick deli" and "bramblewick deli" in vocab.words("places")
    assert "zorabel" in vocab.words("names")
    assert vocab.user_file("categories") is None  # not every list takes additions


def test_an_unreadable_own_list_is_left_out_with_a_warning(voicelog_home: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    (voicelog_home / "places.txt").write_bytes(b"\xff\xfe not text")
    assert "places" in vocab.USER_FILES and vocab.entries("places") == vocab.parse(
        (Path(vocab.__file__).parent / "vocab" / "places.txt").read_text(encoding="utf-8"))
    assert "could not be read" in caplog.text and "not text" not in caplog.text


def test_an_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no word list called 'nonsense'"):
        vocab.entries("nonsense")
