"""voicelog.extract.address: house number, street, town and postcode, in both text styles."""

import pytest
from conftest import STYLES

from voicelog.extract.address import find_addresses
from voicelog.extract.normalize import normalize

ADDRESSES = [
    ("He turned up at fourteen Kings Road again last night.", ["14 Kings Road"]),
    ("He was waiting outside number 9 Cedar Close when I got back.", ["9 Cedar Close"]),
    ("I live at flat two, forty three Wenlock Gardens.", ["Flat 2, 43 Wenlock Gardens"]),
    ("It was outside 6 Ferndale Road Kettlebury, postcode K T nine three Q Z.",
     ["6 Ferndale Road, Kettlebury, KT9 3QZ"]),
    ("The flat is at postcode Echo Hotel four seven Romeo Whiskey.", ["EH4 7RW"]),
    ("He left flowers at two hundred and twelve Long Lane.", ["212 Long Lane"]),
    # not addresses
    ("I walked 2 miles down the road to get away.", []),
    ("He was on Kings Road at 9 in the evening.", []),
    ("He called me 3 times on the way home.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expected"), ADDRESSES)
def test_addresses_as_said(style, said: str, expected: list[str]) -> None:
    found = find_addresses(normalize(style(said)))
    assert [f.text for f in found] == expected
    for f in found:
        assert f.source in style(said) and f.rule.startswith("address.")


def test_a_town_after_a_comma_and_a_written_postcode_in_a_cased_account() -> None:
    found = find_addresses(normalize("He was parked outside 1420 Maple Avenue, Springfield, all night."))
    assert [f.text for f in found] == ["1420 Maple Avenue, Springfield"]
    found = find_addresses(normalize("He was parked by the shops, BN3 5UX, for an hour."))
    assert [(f.text, f.rule) for f in found] == [("BN3 5UX", "address.postcode")]
    found = find_addresses(normalize("It was 22 Mill Street. Then he drove off."))
    assert [f.text for f in found] == ["22 Mill Street"]  # the next sentence's first word is no town


def test_letters_read_out_without_a_cue_are_no_postcode() -> None:
    assert find_addresses(normalize("He shouted B S four Q Z at me.")) == ()
