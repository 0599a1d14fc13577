"""The extractor's word lists as data: one entry a line, in the package and in the person's own config folder.

Each list is ``voicelog/extract/vocab/<name>.txt``: one word or phrase a line,
lower case, ``#`` starts a comment. A person adds their own entries without a
release in the config folder (``voicelog paths`` shows it; ``VOICELOG_HOME``
in tests): ``places.txt`` for the shops, venues and streets of their life,
``names.txt`` for first names, in the same format (see :data:`USER_FILES`).
The lists are read once per process.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

USER_FILES = {"places": "places.txt", "names": "names.txt"}
"""The lists a person can add to, and the file in their config folder each is read from."""


def parse(text: str) -> tuple[str, ...]:
    """The entries of one list file: lower-cased, spaces collapsed, comments and blank lines dropped, in order."""
    out: list[str] = []
    for line in text.splitlines():
        entry = " ".join(line.split("#", 1)[0].lower().split())
        if entry and entry not in out:
            out.append(entry)
    return tuple(out)


@cache
def entries(name: str) -> tuple[str, ...]:
    """The package's list ``name``, then the person's own additions (for the lists in :data:`USER_FILES`)."""
    try:
        packaged = resources.files("voicelog.extract").joinpath("vocab", f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no word list called {name!r} in voicelog/extract/vocab") from None
    found = list(parse(packaged))
    user = user_file(name)
    if user is not None:
        try:
            own = parse(user.read_text(encoding="utf-8"))
        except FileNotFoundError:
            own = ()
        except (OSError, UnicodeDecodeError) as exc:  # a broken file must not stop an account being stored
            log.warning("Your word list %s could not be read (%s); it is left out.", user, type(exc).__name__)
            own = ()
        found += [e for e in own if e not in found]
    return tuple(found)


def words(name: str) -> frozenset[str]:
    """List ``name`` as a set, for membership tests."""
    return _as_set(name)


@cache
def _as_set(name: str) -> frozenset[str]:
    return frozenset(entries(name))


@cache
def phrases_by_first(name: str) -> tuple[dict[str, tuple[tuple[str, ...], ...]], int]:
    """List ``name``'s phrases as tuples of words, by their first word, and the most words a phrase has: to look for
    them at each word of an account without trying every phrase at every word."""
    phrases = [tuple(entry.split()) for entry in entries(name)]
    firsts = dict.fromkeys(p[0] for p in phrases)
    return {w: tuple(p for p in phrases if p[0] == w) for w in firsts}, max(map(len, phrases), default=1)


@cache
def forms(name: str) -> frozenset[str]:
    """List ``name`` with the forms its words take as nouns and verbs ("dm": "dms", "dm's", "dmed", "dm'd", "dming";
    "snapchat": "snapchatting"; "facetime": "facetiming"): for words no dictionary inflects for us."""
    out = set()
    for w in entries(name):
        stems = {w, w + w[-1]} if w[-1:] not in "aeiouy" else {w}
        if w.endswith("e"):
            stems.add(w[:-1])
        out |= {w, w + "s", w + "'s", w + "es", w + "d", w + "'d"} | {s + e for s in stems for e in ("ed", "ing")}
    return frozenset(out)


def user_file(name: str) -> Path | None:
    """Where the person's own additions to list ``name`` are read from, or None if it takes none."""
    if name not in USER_FILES:
        return None
    from voicelog.paths import get_paths

    return get_paths().config_dir / USER_FILES[name]


def reload() -> None:
    """Forget the lists read so far (after the person edited their own, in a long-running process or a test)."""
    entries.cache_clear()
    _as_set.cache_clear()
    phrases_by_first.cache_clear()
    forms.cache_clear()
