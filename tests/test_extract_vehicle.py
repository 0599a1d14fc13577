"""voicelog.extract.vehicle: colour, make, model and registration, in both text styles."""

import pytest
from conftest import STYLES

from voicelog.extract.normalize import normalize
from voicelog.extract.vehicle import find_vehicles, plate_text

VEHICLES = [
    ("He drove past in a silver Ford Focus twice.", ["silver Ford Focus"]),
    ("A silver Ford Focus, reg Lima Kilo one nine Alpha Bravo Charlie, followed me home.",
     ["silver Ford Focus, registration LK19 ABC"]),
    ("She pulled up in a dark blue Vauxhall Corsa, registration Whiskey Foxtrot seven zero Kilo Lima Mike.",
     ["dark blue Vauxhall Corsa, registration WF70 KLM"]),
    ("The number plate was y t seven two double r x.", ["registration YT72 RRX"]),
    ("He sped off in a grey pickup, license plate seven N R K four one two.", ["grey pickup, registration 7NRK412"]),
    ("A white van sat outside the house for an hour.", ["white van"]),
    ("He has a black Audi A3 now and a red motorbike.", ["black Audi A3", "red motorbike"]),
    ("He turned up in his new Tesla.", ["Tesla"]),
    ("He was waiting in the silver Astra again.", ["silver Astra"]),
    # not vehicles
    ("I sat in the back seat of the bus.", []),
    ("She bought a mini fridge for the flat.", []),
    ("He ate a plate of chips outside my window.", []),
    ("He said he would ford the river to get to me.", []),
    ("He wore a black puma hoodie.", []),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("said", "expected"), VEHICLES)
def test_vehicles_as_said(style, said: str, expected: list[str]) -> None:
    found = find_vehicles(normalize(style(said)))
    assert [f.text for f in found] == expected
    for f in found:
        assert f.source in style(said) and f.rule.startswith("vehicle.")


def test_a_registration_written_out_counts_without_a_cue_in_a_cased_account() -> None:
    found = find_vehicles(normalize("The car was WX21 TPL and it stopped by the gate."))
    assert [(f.text, f.source, f.rule) for f in found] == [
        ("registration WX21 TPL", "WX21 TPL", "vehicle.plate-written")]


def test_a_registration_joins_the_vehicle_of_its_own_sentence_only() -> None:
    found = find_vehicles(normalize("He was in a red Kia. Later the reg was Bravo Delta six eight Hotel Kilo Papa."))
    assert [f.text for f in found] == ["red Kia", "registration BD68 HKP"]
    joined = find_vehicles(normalize("A red Kia Picanto with the reg BD68 HKP"))[0]
    assert joined.rule == "vehicle.make-model; vehicle.plate-spoken" and joined.source.endswith("BD68 HKP")


def test_plate_text_spaces_a_current_uk_registration_only() -> None:
    assert plate_text("LK19ABC") == "LK19 ABC" and plate_text("7NRK412") == "7NRK412"
