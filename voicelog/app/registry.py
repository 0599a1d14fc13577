"""Re-extraction: the people registry applied after an unlock, and entries redone by a newer extractor.

Both append amendments; the original entry always stays, and the person's own
corrections still win over any re-extraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from voicelog.incident import Incident, KnownPerson
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry


@dataclass(frozen=True)
class Reextracted:
    """One entry redone by ``voicelog reextract``."""

    seq: int
    """The entry's number."""
    old_version: str
    """The extractor that made the fields replaced."""
    new_version: str
    """The extractor that made the new ones."""


def confirmed_places(entries: Sequence[Entry]) -> tuple[str, ...]:
    """The places the person confirmed: set in a correction, or on an entry they marked reviewed; newest first.

    The extractor counts them as known places, so a shop named before is found
    again without a cue word. One wording per place (the newest), case aside.
    """
    found: dict[str, str] = {}
    for entry in reversed(entries):
        said = [a.changes.get("location") for a in reversed(entry.amendments)]
        if entry.reviewed:
            said.append(entry.incident.location)
        for place in said:
            if isinstance(place, str) and place.strip():
                found.setdefault(" ".join(place.lower().split()), " ".join(place.split()))
    return tuple(found.values())


def apply_registry(diary: Diary) -> list[int]:
    """Re-extract the entries recorded while the diary was locked, now that its people registry can be read.

    Run on every unlock (see :func:`voicelog.app.reading.open_to_read`). Each such
    entry gets one re-extraction amendment, noted "people registry applied";
    the store checks and writes each in one transaction, so two readers unlocking
    at once never add it twice. Returns the numbers of the entries done.
    """
    places: list[tuple[str, ...]] = []  # read only if some entry needs doing: most unlocks have none

    def extract(entry: Entry, known: Sequence[KnownPerson]) -> Incident:
        if not places:
            places.append(confirmed_places(diary.entries()))
        return _extract(entry, known, places[0])

    return diary.apply_registry(extract)


def reextract(diary: Diary, *, every: bool = False) -> list[Reextracted]:
    """Re-run extraction on entries made by an older extractor (or on ``every`` entry)."""
    from voicelog.extract import EXTRACTOR_VERSION

    known = diary.people()
    done = []
    every_entry = diary.entries()
    places = confirmed_places(every_entry)
    for entry in every_entry:
        machine = next((a.incident for a in reversed(entry.amendments) if a.incident is not None),
                       entry.original or entry.incident)
        if not every and machine.extractor_version == EXTRACTOR_VERSION:
            continue
        diary.amend(entry.seq, incident=_extract(entry, known, places),
                    note=f"re-extracted with {EXTRACTOR_VERSION}")
        done.append(Reextracted(entry.seq, machine.extractor_version, EXTRACTOR_VERSION))
    return done


def _extract(entry: Entry, known: Sequence[KnownPerson], places: Sequence[str] = ()) -> Incident:
    from voicelog.extract import extract_incident

    return extract_incident(entry.transcript.text, recorded_at=datetime.fromisoformat(entry.recorded_at),
                            known_people=list(known), known_places=places)
