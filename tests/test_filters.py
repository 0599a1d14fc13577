"""voicelog.filters: filters built from what a person typed, and the registry that maps names to people."""

from __future__ import annotations

from datetime import date

import pytest

from voicelog.errors import UsageError
from voicelog.filters import Registry, apply_filter, make_filter
from voicelog.incident import KnownPerson


def test_filter_library_without_a_cli() -> None:
    flt = make_filter(people=["  Colin   Mowbray "], since="2026-01-01", categories=["Unwanted contact"])
    assert flt.people == ("Colin Mowbray",) and flt.since == date(2026, 1, 1)
    assert flt.categories == ("unwanted_contact",)
    assert "from 2026-01-01" in flt.describe()
    reg = Registry([KnownPerson("Colin Mowbray", ("my ex", "colin"))])
    assert reg.canonical("MY  EX") == "Colin Mowbray" and reg.canonical("Hilda") == "Hilda"
    assert apply_filter([], flt, reg) == []
    with pytest.raises(UsageError):
        make_filter(until="31/01/2026")
