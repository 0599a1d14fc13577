"""voicelog.extract: accounts to Incidents end to end, the fields marked uncertain, and the dev-set score floor."""

import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import STYLES, vosk_style

from voicelog.extract import EXTRACTOR_VERSION, extract_batch, extract_incident
from voicelog.incident import KnownPerson

EVAL = Path(__file__).resolve().parent.parent / "eval"  # the dev set and its scorer, in the repository


REC = datetime(2025, 10, 15, 20, 5)  # a Wednesday
KNOWN = (KnownPerson("Anthony Gale", ("tony", "my ex")),)

ACCOUNTS = [
    (
        "On Monday evening at about quarter past six my ex followed me from the gym on "
        "Carlton Road to the Co-op. My friend Jessica was with me and saw him.",
        dict(date="2025-10-13", time="18:15", time_approximate=True, period=None,
             people={("Anthony Gale", "subject"), ("Jessica", "witness")}, cats={"following"}),
        "gym on carlton road",
    ),
    (
        "Twenty minutes ago Tony sent me a message saying he knows where I am and I'll regret it.",
        dict(date="2025-10-15", time="19:45", time_approximate=True, period=None,
             people={("Anthony Gale", "subject")}, cats={"threats", "unwanted_contact", "monitoring"}),
        None,
    ),
    (
        "Yesterday afternoon a woman called Nicola Hart was waiting outside my office on Tanner Street.",
        dict(date="2025-10-14", time=None, time_approximate=False, period="afternoon",
             people={("Nicola Hart", "subject")}, cats={"loitering"}),
        "outside my office on tanner street",
    ),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want, place", ACCOUNTS)
def test_account(said, want, place, style):
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert inc.extractor_version == EXTRACTOR_VERSION
    assert (inc.date, inc.time, inc.time_approximate, inc.period) == (
        want["date"], want["time"], want["time_approximate"], want["period"])
    assert {(p.name, p.role) for p in inc.people} == want["people"]
    assert set(inc.categories) == want["cats"]
    if place is None:
        assert inc.location is None
    else:
        assert place in vosk_style(inc.location or "")
        assert inc.sources["location"] in style(said)
    assert inc.sources.get("people")


def test_sources_point_at_spoken_words():
    said = "On Friday at half past nine my ex was outside the Black Horse."
    inc = extract_incident(said, recorded_at=REC, known_people=KNOWN)
    assert inc.sources["date"] == "On Friday"
    assert inc.sources["time"] == "half past nine"
    assert inc.sources["people"] == "my ex"
    assert "Black Horse" in inc.sources["location"]


def test_empty_text_gives_recording_day():
    inc = extract_incident("", recorded_at=REC)
    assert inc.date == "2025-10-15" and inc.time is None and inc.people == ()


def test_batch_lines_to_predictions():
    lines = [{"id": "x1", "text": "he followed me yesterday", "recorded_at": "2025-10-15T20:05:00",
              "known_people": [{"name": "Anthony Gale", "aliases": ["my ex"]}]}]
    (pred,) = list(extract_batch(lines))
    assert pred["id"] == "x1" and pred["incident_date"] == "2025-10-14"
    assert set(pred) == {"id", "incident_date", "incident_time", "time_approximate", "period",
                         "location", "people", "categories"}


# Floors a little below what the extractor reaches on the development sets (all were read while writing rules, so
# their figures flatter; eval/README.md). A drop means a regression; raise them, never lower them.
# Raised at the end of the nineteenth round (2026-12-02, 12:05 UTC) to 0.02 below what the extractor reached then
# (rounded down to two places, never above 0.98; never lowered). heldout15 has none: it was the validation set of the
# thirteenth to nineteenth rounds (scored per change, counts only, never read; eval/README.md). heldout16 was added
# when the fourteenth round opened it, heldout17 when the fifteenth did, heldout18 when the sixteenth did, heldout19
# when the seventeenth did, heldout20 when the eighteenth did, heldout21 when the nineteenth did (a check set
# there, its accounts not read). heldout24 and heldout25, the nineteenth round's validation sets, have none.
FLOORS = {
    ("dev", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.98, "people_f1": 0.98, "role_accuracy": 0.98,
                      "categories_f1": 0.98, "all_fields": 0.98},
    ("dev", "natural"): {"date": 0.98, "time": 0.98, "location": 0.98, "people_f1": 0.98, "role_accuracy": 0.98,
                         "categories_f1": 0.98, "all_fields": 0.98},
    ("dev2", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.93, "people_f1": 0.97, "role_accuracy": 0.98,
                       "categories_f1": 0.96, "all_fields": 0.92},
    ("dev2", "natural"): {"date": 0.98, "time": 0.98, "location": 0.94, "people_f1": 0.97, "role_accuracy": 0.98,
                          "categories_f1": 0.95, "all_fields": 0.92},
    ("dev3", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.88, "people_f1": 0.97, "role_accuracy": 0.79,
                       "categories_f1": 0.92, "all_fields": 0.86},
    ("dev3", "natural"): {"date": 0.98, "time": 0.98, "location": 0.85, "people_f1": 0.96, "role_accuracy": 0.77,
                          "categories_f1": 0.92, "all_fields": 0.83},
    ("dev4", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.94, "people_f1": 0.96, "role_accuracy": 0.8,
                       "categories_f1": 0.92, "all_fields": 0.9},
    ("dev4", "natural"): {"date": 0.98, "time": 0.98, "location": 0.94, "people_f1": 0.96, "role_accuracy": 0.81,
                          "categories_f1": 0.93, "all_fields": 0.89},
    ("dev5", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.93, "people_f1": 0.96, "role_accuracy": 0.87,
                       "categories_f1": 0.97, "all_fields": 0.88},
    ("dev5", "natural"): {"date": 0.98, "time": 0.98, "location": 0.93, "people_f1": 0.96, "role_accuracy": 0.86,
                          "categories_f1": 0.96, "all_fields": 0.89},
    ("dev6", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.8, "people_f1": 0.96, "role_accuracy": 0.85,
                       "categories_f1": 0.93, "all_fields": 0.76},
    ("dev6", "natural"): {"date": 0.98, "time": 0.97, "location": 0.83, "people_f1": 0.94, "role_accuracy": 0.84,
                          "categories_f1": 0.93, "all_fields": 0.73},
    ("dev7", "vosk"): {"date": 0.97, "time": 0.96, "location": 0.85, "people_f1": 0.96, "role_accuracy": 0.79,
                       "categories_f1": 0.9, "all_fields": 0.8},
    ("dev7", "natural"): {"date": 0.97, "time": 0.96, "location": 0.88, "people_f1": 0.96, "role_accuracy": 0.81,
                          "categories_f1": 0.91, "all_fields": 0.81},
    ("dev8", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.84, "people_f1": 0.94, "role_accuracy": 0.78,
                       "categories_f1": 0.9, "all_fields": 0.8},
    ("dev8", "natural"): {"date": 0.98, "time": 0.98, "location": 0.88, "people_f1": 0.95, "role_accuracy": 0.79,
                          "categories_f1": 0.91, "all_fields": 0.81},
    ("heldout", "vosk"): {"date": 0.98, "time": 0.96, "location": 0.93, "people_f1": 0.95, "role_accuracy": 0.92,
                          "categories_f1": 0.94, "all_fields": 0.88},
    ("heldout", "natural"): {"date": 0.98, "time": 0.96, "location": 0.95, "people_f1": 0.97, "role_accuracy": 0.92,
                             "categories_f1": 0.94, "all_fields": 0.93},
    ("heldout2", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.93, "people_f1": 0.96, "role_accuracy": 0.92,
                           "categories_f1": 0.9, "all_fields": 0.89},
    ("heldout2", "natural"): {"date": 0.98, "time": 0.98, "location": 0.93, "people_f1": 0.96, "role_accuracy": 0.91,
                              "categories_f1": 0.91, "all_fields": 0.89},
    ("heldout3", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.86, "people_f1": 0.98, "role_accuracy": 0.91,
                           "categories_f1": 0.89, "all_fields": 0.86},
    ("heldout3", "natural"): {"date": 0.98, "time": 0.98, "location": 0.91, "people_f1": 0.98, "role_accuracy": 0.93,
                              "categories_f1": 0.91, "all_fields": 0.91},
    ("heldout4", "vosk"): {"date": 0.98, "time": 0.98, "location": 0.91, "people_f1": 0.97, "role_accuracy": 0.95,
                           "categories_f1": 0.9, "all_fields": 0.89},
    ("heldout4", "natural"): {"date": 0.98, "time": 0.98, "location": 0.96, "people_f1": 0.97, "role_accuracy": 0.95,
                              "categories_f1": 0.91, "all_fields": 0.93},
    ("heldout6", "vosk"): {"date": 0.98, "time": 0.97, "location": 0.86, "people_f1": 0.95, "role_accuracy": 0.82,
                           "categories_f1": 0.93, "all_fields": 0.8},
    ("heldout6", "natural"): {"date": 0.98, "time": 0.97, "location": 0.86, "people_f1": 0.96, "role_accuracy": 0.82,
                              "categories_f1": 0.94, "all_fields": 0.83},
    ("heldout7", "vosk"): {"date": 0.98, "time": 0.96, "location": 0.83, "people_f1": 0.95, "role_accuracy": 0.86,
                           "categories_f1": 0.92, "all_fields": 0.77},
    ("heldout7", "natural"): {"date": 0.98, "time": 0.96, "location": 0.85, "people_f1": 0.96, "role_accuracy": 0.87,
                              "categories_f1": 0.92, "all_fields": 0.81},
    ("heldout8", "vosk"): {"date": 0.97, "time": 0.98, "location": 0.82, "people_f1": 0.94, "role_accuracy": 0.85,
                           "categories_f1": 0.89, "all_fields": 0.74},
    ("heldout8", "natural"): {"date": 0.97, "time": 0.98, "location": 0.83, "people_f1": 0.95, "role_accuracy": 0.85,
                              "categories_f1": 0.9, "all_fields": 0.77},
    ("heldout9", "vosk"): {"date": 0.96, "time": 0.95, "location": 0.9, "people_f1": 0.94, "role_accuracy": 0.87,
                           "categories_f1": 0.9, "all_fields": 0.76},
    ("heldout9", "natural"): {"date": 0.96, "time": 0.95, "location": 0.9, "people_f1": 0.95, "role_accuracy": 0.87,
                              "categories_f1": 0.9, "all_fields": 0.8},
    ("heldout10", "vosk"): {"date": 0.98, "time": 0.94, "location": 0.83, "people_f1": 0.95, "role_accuracy": 0.83,
                            "categories_f1": 0.84, "all_fields": 0.76},
    ("heldout10", "natural"): {"date": 0.98, "time": 0.94, "location": 0.83, "people_f1": 0.96, "role_accuracy": 0.84,
                               "categories_f1": 0.85, "all_fields": 0.77},
    ("heldout11", "vosk"): {"date": 0.96, "time": 0.98, "location": 0.93, "people_f1": 0.92, "role_accuracy": 0.8,
                            "categories_f1": 0.89, "all_fields": 0.84},
    ("heldout11", "natural"): {"date": 0.96, "time": 0.98, "location": 0.93, "people_f1": 0.96, "role_accuracy": 0.78,
                               "categories_f1": 0.88, "all_fields": 0.89},
    ("heldout12", "vosk"): {"date": 0.98, "time": 0.95, "location": 0.83, "people_f1": 0.91, "role_accuracy": 0.76,
                            "categories_f1": 0.85, "all_fields": 0.71},
    ("heldout12", "natural"): {"date": 0.98, "time": 0.97, "location": 0.86, "people_f1": 0.92, "role_accuracy": 0.76,
                               "categories_f1": 0.85, "all_fields": 0.74},
    ("heldout13", "vosk"): {"date": 0.95, "time": 0.94, "location": 0.86, "people_f1": 0.92, "role_accuracy": 0.79,
                            "categories_f1": 0.83, "all_fields": 0.73},
    ("heldout13", "natural"): {"date": 0.94, "time": 0.93, "location": 0.87, "people_f1": 0.93, "role_accuracy": 0.78,
                               "categories_f1": 0.83, "all_fields": 0.73},
    ("heldout14", "vosk"): {"date": 0.97, "time": 0.94, "location": 0.83, "people_f1": 0.96, "role_accuracy": 0.82,
                            "categories_f1": 0.85, "all_fields": 0.78},
    ("heldout14", "natural"): {"date": 0.97, "time": 0.96, "location": 0.88, "people_f1": 0.97, "role_accuracy": 0.82,
                               "categories_f1": 0.85, "all_fields": 0.86},
    ("heldout16", "vosk"): {"date": 0.95, "time": 0.95, "location": 0.77, "people_f1": 0.95, "role_accuracy": 0.73,
                            "categories_f1": 0.73, "all_fields": 0.68},
    ("heldout16", "natural"): {"date": 0.95, "time": 0.94, "location": 0.81, "people_f1": 0.95, "role_accuracy": 0.72,
                               "categories_f1": 0.74, "all_fields": 0.73},
    ("heldout17", "vosk"): {"date": 0.98, "time": 0.97, "location": 0.88, "people_f1": 0.96, "role_accuracy": 0.85,
                            "categories_f1": 0.84, "all_fields": 0.85},
    ("heldout17", "natural"): {"date": 0.98, "time": 0.97, "location": 0.92, "people_f1": 0.95, "role_accuracy": 0.85,
                               "categories_f1": 0.84, "all_fields": 0.84},
    ("heldout18", "vosk"): {"date": 0.98, "time": 0.96, "location": 0.91, "people_f1": 0.95, "role_accuracy": 0.85,
                            "categories_f1": 0.81, "all_fields": 0.85},
    ("heldout18", "natural"): {"date": 0.98, "time": 0.95, "location": 0.86, "people_f1": 0.96, "role_accuracy": 0.85,
                               "categories_f1": 0.8, "all_fields": 0.83},
    ("heldout19", "vosk"): {"date": 0.97, "time": 0.95, "location": 0.78, "people_f1": 0.9, "role_accuracy": 0.77,
                            "categories_f1": 0.73, "all_fields": 0.65},
    ("heldout19", "natural"): {"date": 0.98, "time": 0.94, "location": 0.79, "people_f1": 0.91, "role_accuracy": 0.77,
                               "categories_f1": 0.75, "all_fields": 0.64},
    ("heldout20", "vosk"): {"date": 0.95, "time": 0.93, "location": 0.83, "people_f1": 0.9, "role_accuracy": 0.76,
                            "categories_f1": 0.79, "all_fields": 0.64},
    ("heldout20", "natural"): {"date": 0.95, "time": 0.94, "location": 0.82, "people_f1": 0.92, "role_accuracy": 0.77,
                               "categories_f1": 0.79, "all_fields": 0.68},
    ("heldout21", "vosk"): {"date": 0.96, "time": 0.91, "location": 0.76, "people_f1": 0.9, "role_accuracy": 0.83,
                            "categories_f1": 0.78, "all_fields": 0.61},
    ("heldout21", "natural"): {"date": 0.96, "time": 0.92, "location": 0.82, "people_f1": 0.91, "role_accuracy": 0.85,
                               "categories_f1": 0.79, "all_fields": 0.66},
}


@pytest.mark.parametrize(("name", "style"), list(FLOORS))
def test_dev_set_floor(name, style):
    sys.path.insert(0, str(EVAL))
    try:
        from score import load, score
        from score import vosk_style as eval_vosk_style
    finally:
        sys.path.remove(str(EVAL))
    gold = load(str(EVAL / f"{name}.jsonl"))
    inputs = [{"id": g["id"], "recorded_at": g["recorded_at"], "known_people": g.get("known_people", []),
               "text": g["spoken"] if style == "natural" else eval_vosk_style(g["spoken"])}
              for g in gold.values()]
    preds = {p["id"]: p for p in extract_batch(inputs)}
    result = score(gold, preds)
    for key, floor in FLOORS[name, style].items():
        assert result[key] >= floor, (name, style, key, result)


@pytest.mark.parametrize("style", STYLES)
def test_details_in_incident_with_sources(style):
    said = ("Last night PC Sarah Hughes gave me crime reference one two three four five six. "
            "My ex followed me again and I was terrified. I screenshotted his messages.")
    inc = extract_incident(style(said), recorded_at=REC)
    assert [vosk_style(x) for x in inc.impact] == ["i was terrified"]
    assert "screenshot" in inc.evidence
    assert [x.lower() for x in inc.police] == ["pc sarah hughes", "crime reference 123456"]
    for key in ("impact", "evidence", "police"):
        for part in inc.sources[key].split("; "):
            assert part in style(said)
    # the officer is mentioned, not a party to the incident
    assert all(p.role == "other" for p in inc.people if "hughes" in p.name.lower())


# Incident.uncertain: fields decided by a default or a guess are marked, and only those.
UNCERTAIN = [
    # clear accounts: nothing to check
    ("On Monday evening at about quarter past six my ex followed me from the gym on Carlton Road.", set()),
    ("Yesterday at six p m Tony was waiting outside my office on Tanner Street.", set()),
    # a self-correction: the correction wins, and the person sees it
    ("On Monday, no, Tuesday, at 9 pm my ex was outside my house.", {"date"}),
    ("At eight, no, half eight, my ex was outside my house.", {"time"}),
    # the recording day by default while the account talks about another time we cannot resolve
    ("Last week my ex was outside my house.", {"date"}),
    ("The other day my ex was waiting outside my house.", {"date"}),
    # am or pm by default, not context
    ("Last Friday at half nine my ex was outside my house.", {"time"}),
    # a misheard registered name matched fuzzily
    ("Yesterday at six p m Antony was waiting outside my office on Tanner Street.", {"people"}),
]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("said, want", UNCERTAIN)
def test_uncertain_fields(said, want, style):
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert set(inc.uncertain) == want, inc


@pytest.mark.parametrize("style", STYLES)
def test_close_places_make_location_uncertain(style):
    said = "Yesterday at six p m my ex was at the station and then at the library."
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert "location" in inc.uncertain


@pytest.mark.parametrize("style", STYLES)
def test_nothing_matched_makes_categories_uncertain(style):
    said = "Yesterday at six p m I saw my ex again."
    inc = extract_incident(style(said), recorded_at=REC, known_people=KNOWN)
    assert inc.categories == ("other",) and "categories" in inc.uncertain


def test_uncertain_survives_round_trip():
    inc = extract_incident("Last week my ex was outside.", recorded_at=REC, known_people=KNOWN)
    from voicelog.incident import Incident

    assert Incident.from_dict(inc.to_dict()).uncertain == inc.uncertain
