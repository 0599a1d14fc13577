"""Write voicelog/extract/vocab/names_world.txt: first names of many countries, from Faker's person providers.

Run by hand when Faker's lists change (Faker is not a dependency of voicelog; install it in a scratch
environment: `pip install faker`, then `python scripts/build_names.py`). Faker is MIT-licensed (copyright
Daniele Faraglia and contributors); its name lists come from public name statistics of each country.
Only names in the Latin alphabet are kept, lower-cased; the extractor removes everyday English words and
surnames itself (names.world_first_names()).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "voicelog" / "extract" / "vocab" / "names_world.txt"
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LOCALES = ("en", "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ", "en_IN", "hi_IN", "en_KE", "sw", "en_NG", "yo_NG",
           "ig_NG", "ha_NG", "en_PK", "tw_GH", "zu_ZA")
"""The countries whose names an English-speaking diary meets most (Faker has no en_AU, en_CA or Caribbean lists)."""


def main() -> None:
    import faker  # type: ignore[import-not-found]  # a scratch install, not a dependency

    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ATTRS:
            value = getattr(provider, attr, None)
            if value is None or isinstance(value, property):
                continue
            names |= {x.lower() for x in value if re.fullmatch(r"[A-Za-z][a-z'\-]+", x)}
    header = (f"# First names of many countries, from Faker {faker.VERSION}'s person providers (MIT licence, "
              "copyright Daniele Faraglia and contributors).\n# Written by scripts/build_names.py; do not edit by "
              "hand. Everyday English words and surnames are removed by names.world_first_names(), not here.\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
