"""A person's corrections to an entry: parsing ``--set FIELD=VALUE``, the form of fields that ``review``
and ``amend --edit`` show, checking and typing every field, and a private scratch file for the editor.

Every way of correcting an entry (``amend --set``, ``amend --edit``, ``voicelog review``) ends in
:meth:`voicelog.store.diary.Diary.amend`, which checks the changes with :func:`validate_changes`, so what
is written to the chain always has the shape the readers expect. A person names the fields one way
everywhere (:data:`NAMES`: ``place``, ``approximate``); the names the diary stores (``location``,
``time_approximate``) are accepted as aliases.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from voicelog.errors import UsageError
from voicelog.incident import CATEGORIES, PERIODS, POLICE_LOG, ROLES, Incident

log = logging.getLogger(__name__)

AMENDABLE = ("date", "time", "time_approximate", "period", "location", "people", "categories",
             "impact", "evidence", "police", "address", "vehicle", "contact", "reported")
"""Incident fields a person may correct with ``voicelog amend``, as the diary stores them."""

STORED_AS = {"place": "location", "approximate": "time_approximate"}
"""The person's name of a field, where the diary stores it under another."""

NAMES = tuple({v: k for k, v in STORED_AS.items()}.get(key, key) for key in AMENDABLE)
"""The fields by the names a person uses, in every help text, error and form."""

ALIASES = {**STORED_AS, "where": "location", "who": "people", "location": "location",
           "time_approximate": "time_approximate", "witness_contact": "contact", "vehicles": "vehicle",
           "addresses": "address"}
"""Other names accepted for some fields (the stored names among them)."""

FORM = (  # (name, how it is written)
    ("date", "like 2026-03-24"),
    ("time", "like 21:30, or ~21:30 when approximate"),
    ("place", "where it happened, as you would say it"),
    ("people", "Name:role, … (role: subject, witness, other)"),
    ("categories", "following, threats, … (comma-separated)"),
    ("impact", "separate with ;"),
    ("evidence", "separate with ;"),
    ("police", "crime reference, officer; separate with ;"),
    ("address", "house number, street, town, postcode; separate with ;"),
    ("vehicle", "colour, make, model, registration; separate with ;"),
    ("contact", "a witness's Name: phone or email; separate with ;"),
    ("reported", "police (101), police (online), landlord, …; separate with ;"),
)
"""The fields ``review``, ``amend --edit`` and its prompt show, in order, with how each is written."""


def name_of(key: str) -> str:
    """The name a person uses for the stored field ``key`` (``location`` is ``place``)."""
    return {v: k for k, v in STORED_AS.items()}.get(key, key)


def form_values(incident: Incident) -> dict[str, str]:
    """``incident``'s fields as the text the form shows (the forms ``amend --set`` takes), by :data:`FORM` name."""
    inc = incident
    time = (("~" if inc.time_approximate else "") + inc.time) if inc.time else ""
    return {
        "date": inc.date or "",
        "time": time,
        "place": inc.location or "",
        "people": ", ".join(f"{p.name}:{p.role}" for p in inc.people),
        "categories": ", ".join(inc.categories),
        "impact": "; ".join(inc.impact),
        "evidence": "; ".join(inc.evidence),
        "police": "; ".join(inc.police),
        **{name: "; ".join(getattr(inc, name)) for name in POLICE_LOG},
    }


def form_changes(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, Any]:
    """The amendment for form fields edited from ``before`` to ``after``; an emptied field is cleared.

    Checked as ``amend --set`` is checked (a :class:`UsageError` names the field and how to write it).
    """
    sets: list[str] = []
    cleared: dict[str, None] = {}
    for key, _ in FORM:
        new = after.get(key, before.get(key, "")).strip()
        if new == before.get(key, "").strip():
            continue
        if key == "time":
            approx = new.startswith("~")
            new = new.lstrip("~").strip()
            if new and approx != before.get(key, "").strip().startswith("~"):
                sets.append(f"approximate={'yes' if approx else 'no'}")
        if key in ("date", "time") and not new:
            cleared[key] = None  # "not said" rather than a wrong guess
            continue
        sets.append(f"{key}={new}")
    return {**parse_set(sets), **cleared}

_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def parse_set(items: Sequence[str]) -> dict[str, Any]:
    """``--set field=value`` pairs as typed changes, checked by :func:`validate_changes`.

    People are ``Name:role`` separated by commas, categories by commas, impact,
    evidence, police, address, vehicle, contact and reported by semicolons.
    """
    out: dict[str, Any] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set {item!r} needs the form FIELD=VALUE, e.g. --set place=\"Carlton Road\".")
        key, value = (x.strip() for x in item.split("=", 1))
        key = ALIASES.get(key.lower(), key)
        typed: Any = value
        if key == "time_approximate":
            answer = value.lower()
            if answer not in ("1", "true", "yes", "y", "0", "false", "no", "n"):
                raise UsageError(f"approximate {value!r} must be yes or no.")
            typed = answer in ("1", "true", "yes", "y")
        elif key in ("period", "location"):
            typed = value or None
        elif key == "people":
            typed = []
            for part in filter(None, (p.strip() for p in value.split(","))):
                name, _, role = part.partition(":")
                typed.append({"name": name.strip(), "role": role.strip() or "subject"})
        elif key == "categories":
            typed = [c.strip() for c in value.split(",") if c.strip()]
        elif key in ("impact", "evidence", "police", *POLICE_LOG):
            typed = [v.strip() for v in value.split(";") if v.strip()]
        out[key] = typed
    return validate_changes(out)


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` checked field by field and in the types the diary stores; a :class:`UsageError` says
    which field is wrong and how to write it."""
    unknown = sorted(str(k) for k in changes if ALIASES.get(k, k) not in AMENDABLE)
    if unknown:
        raise UsageError(f"Cannot amend {', '.join(unknown)}; the fields are: {', '.join(NAMES)}.")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        stored = ALIASES.get(key, key)
        if stored in out:
            raise UsageError(f"{name_of(stored)} is given twice (as {key} too); give it once.")
        out[stored] = _CHECKS[stored](value)
    return out


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.strptime(value.strip(), "%Y-%m-%d").date().isoformat()
        except ValueError:
            pass
    raise UsageError(f"date {value!r} is not a date like 2026-03-24.")


def _time(value: Any) -> str | None:
    if value is None:
        return None
    match = _TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise UsageError(f"time {value!r} is not a 24-hour time like 21:30.")
    return f"{int(match[1]):02d}:{match[2]}"


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"approximate {value!r} must be yes or no.")
    return value


def _period(value: Any) -> str | None:
    if value is None:
        return None
    if value not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}.")
    period: str = value
    return period


def _location(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"place must be text (the place as you would say it), not {type(value).__name__}.")
    return value.strip() or None


def _people(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, (list, tuple)):
        raise UsageError('people must be a list like [{"name": "Colin Mowbray", "role": "subject"}].')
    out = []
    for person in value:
        if not (isinstance(person, Mapping) and isinstance(person.get("name"), str) and person["name"].strip()
                and "role" in person):
            raise UsageError('each person needs a name and a role, like '
                             f'{{"name": "Colin Mowbray", "role": "subject"}}; got {person!r}.')
        if person["role"] not in ROLES:
            raise UsageError(f"role {person['role']!r} must be one of {', '.join(ROLES)}.")
        out.append({"name": " ".join(person["name"].split()), "role": person["role"]})
    return out


def _categories(value: Any) -> list[str]:
    items = _texts("categories", value)
    bad = [c for c in items if c not in CATEGORIES]
    if bad:
        raise UsageError(f"unknown categor{'y' if len(bad) == 1 else 'ies'} {', '.join(bad)}; "
                         f"use {', '.join(CATEGORIES)}.")
    return items


def _texts(key: str, value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise UsageError(f'{key} must be a list of text, like ["screenshot", "photo"].')
    return [v.strip() for v in value if v.strip()]


# Each field's check: the value as the diary stores it, or a UsageError.
_CHECKS: dict[str, Callable[[Any], object]] = {
    "date": _date,
    "time": _time,
    "time_approximate": _flag,
    "period": _period,
    "location": _location,
    "people": _people,
    "categories": _categories,
    "impact": lambda v: _texts("impact", v),
    "evidence": lambda v: _texts("evidence", v),
    "police": lambda v: _texts("police", v),
    **{name: partial(_texts, name) for name in POLICE_LOG},
}


# -- a private scratch file for `amend --edit` -----------------------------------------------

RAM_FILESYSTEMS = ("tmpfs", "ramfs")


def ram_folder() -> Path | None:
    """A writable folder held in memory (``$XDG_RUNTIME_DIR``, then ``/dev/shm``), or None when there is none.

    An editor's temporary file there never reaches the disk, so names and places
    from a sealed diary are not left behind in clear.
    """
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if not candidate:
            continue
        path = Path(candidate)
        if path.is_dir() and os.access(path, os.W_OK | os.X_OK) and _in_memory(path):
            return path
    return None


def _in_memory(path: Path) -> bool:
    """Whether ``path`` is on a RAM-backed filesystem, read from the mount table (Linux)."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return False  # cannot tell, so do not trust it with a sealed diary's words
    real = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind in RAM_FILESYSTEMS


@contextmanager
def scratch_file(text: str, *, suffix: str = ".json", folder: Path | None = None) -> Iterator[Path]:
    """A file holding ``text`` in a new ``0o700`` folder (in ``folder``, default the system temp folder).

    Afterwards every file in that folder (the editor's backups too) is overwritten
    with zeros and the folder removed.
    """
    where = Path(tempfile.mkdtemp(prefix="voicelog-", dir=folder))
    os.chmod(where, 0o700)
    path = where / f"amend{suffix}"
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        yield path
    finally:
        _shred_folder(where)


def _shred_folder(folder: Path) -> None:
    for root, _, files in os.walk(folder):
        for name in files:
            target = Path(root) / name
            try:
                if target.is_symlink() or not target.is_file():
                    continue
                size = target.stat().st_size
                with open(target, "r+b") as f:
                    f.write(b"\0" * size)
                    f.flush()
                    os.fsync(f.fileno())
            except OSError as exc:
                log.warning("Could not overwrite a scratch file before removing it (%s)", type(exc).__name__)
    shutil.rmtree(folder, ignore_errors=True)
