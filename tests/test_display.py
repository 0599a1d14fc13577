"""voicelog.display: control characters and bidi overrides shown as visible escapes, JSON kept the same data."""

from __future__ import annotations

import json

import pytest

from voicelog.display import UNSAFE, clean, json_safe


@pytest.mark.parametrize(("stored", "shown"), [
    ("Main St\x1b[2J\u202eevil", "Main St\\x1b[2J\\u202eevil"),
    ("two\nlines\r\tand a bell\x07", "two\\x0alines\\x0d\\x09and a bell\\x07"),
    ("C1 CSI \x9b31m, DEL \x7f, NUL \x00", "C1 CSI \\x9b31m, DEL \\x7f, NUL \\x00"),
    ("\u2066isolate\u2069 \u200emark\u200f \u061c", "\\u2066isolate\\u2069 \\u200emark\\u200f \\u061c"),
    ("line\u2028sep", "line\\u2028sep"),
    ("Zoë at the café, عربي, 日本, “quotes” — fine", "Zoë at the café, عربي, 日本, “quotes” — fine"),
])
def test_clean_writes_unsafe_characters_as_visible_escapes(stored: str, shown: str) -> None:
    assert clean(stored) == shown


def test_nothing_unsafe_survives_clean() -> None:
    every = "".join(chr(cp) for cp in sorted(UNSAFE))
    assert not set(clean(every)) & {chr(cp) for cp in UNSAFE}
    assert {0x1B, 0x0A, 0x85, 0x9B, 0x202E, 0x2067, 0x200F, 0x061C} <= UNSAFE


def test_json_safe_is_the_same_data_with_nothing_raw() -> None:
    data = {"place": "Main St\x1b[2J\u202eevil\x9b\x7f", "name": "Zoë"}
    dumped = json.dumps(data, ensure_ascii=False)
    assert "\u202e" in dumped and "\x9b" in dumped and "\x1b" not in dumped  # json escapes only C0 itself
    safe = json_safe(dumped)
    assert not set(safe) & {chr(cp) for cp in UNSAFE}
    assert "\\u202e" in safe and "Zoë" in safe
    assert json.loads(safe) == data
