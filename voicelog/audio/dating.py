"""When a recording on disk was made: its container's own recording time before the file's modification time.

Phone recorders write the time a recording was made into the file (MP4/M4A/3GP ``creation_time``, Apple's
``com.apple.quicktime.creationdate`` with its time zone, a ``date`` tag in Ogg, MP3 and FLAC, a WAV's broadcast
extension). A copied file's modification time is the day it was copied, so it is only the fallback. Times are
returned as local wall-clock time without a zone, as the diary keeps them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

PathLike = str | os.PathLike[str]

EARLIEST = datetime(2000, 1, 1)
"""A recording time before this is a recorder's unset clock (MP4 counts from 1904), not a real time."""

_TAGS = ("com.apple.quicktime.creationdate", "creation_time", "date", "creation_date", "date_recorded",
         "recording_time", "icrd")
"""Metadata keys holding a recording time, best first (keys compared in lower case)."""

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")


@dataclass(frozen=True)
class RecordingTime:
    """When a recording was made, and how that was found out."""

    when: datetime
    """Local time, without a zone; at noon when the file gives only the day."""
    from_metadata: bool
    """True when the file's own metadata said; False when it is the file's modification time."""
    day_only: bool = False
    """The metadata gave the day but not the time of day."""

    def describe(self) -> str:
        """How the person is told, e.g. ``dated 2026-03-14 09:12 from the recording's own metadata``."""
        if self.day_only:
            return f"dated {self.when:%Y-%m-%d} (no time of day given) from the recording's own metadata"
        where = "the recording's own metadata" if self.from_metadata else "the file's modification time"
        return f"dated {self.when:%Y-%m-%d %H:%M} from {where}"


def parse_tag(value: str) -> tuple[datetime, bool] | None:
    """A metadata time as (local naive time, day only), or None when it is not a full date."""
    m = _ISO.match(value.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        when = datetime(int(year), int(month), int(day), int(hour or 12), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zone is not None and hour is not None:
        offset = timedelta(0) if zone == "Z" else _offset(zone)
        when = (when - offset).replace(tzinfo=None)
        when = _utc_to_local(when)
    return when, hour is None


def _offset(zone: str) -> timedelta:
    digits = zone[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return -delta if zone[0] == "-" else delta


def _utc_to_local(utc: datetime) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _plausible(when: datetime) -> bool:
    return EARLIEST <= when <= datetime.now() + timedelta(days=1)


def metadata_time(tags: list[dict[str, str]]) -> tuple[datetime, bool] | None:
    """The best recording time in metadata dictionaries (container first, then streams), or None."""
    lowered = [{k.lower(): v for k, v in t.items()} for t in tags]
    for key in _TAGS:
        for t in lowered:
            value = t.get(key)
            parsed = parse_tag(value) if value else None
            if parsed is not None and _plausible(parsed[0]):
                return parsed
    for t in lowered:  # a WAV's broadcast extension: date and time apart
        day, clock = t.get("origination_date", "").replace(":", "-"), t.get("origination_time", "").replace("-", ":")
        parsed = parse_tag(f"{day} {clock}" if clock else day) if day else None
        if parsed is not None and _plausible(parsed[0]):
            return parsed
    return None


def _container_tags(path: Path) -> list[dict[str, str]]:
    """The metadata of ``path``'s container and its streams; empty when it is not a file PyAV reads."""
    import av

    from voicelog.audio.decode import demuxer_for
    from voicelog.errors import AudioError

    try:
        demuxer = demuxer_for(path)
        with av.open(str(path), mode="r", format=demuxer, metadata_errors="ignore") as container:
            return [dict(container.metadata), *(dict(s.metadata) for s in container.streams)]
    except (AudioError, av.error.FFmpegError, OSError):
        return []


def modification_time(path: PathLike) -> datetime:
    """The file's modification time, local, to the second."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime).replace(microsecond=0)


def recording_time(path: PathLike) -> RecordingTime:
    """When ``path`` was recorded: its own metadata if it says (and plausibly), else its modification time."""
    p = Path(path)
    found = metadata_time(_container_tags(p))
    if found is not None:
        when, day_only = found
        return RecordingTime(when.replace(microsecond=0), True, day_only)
    return RecordingTime(modification_time(p), False)
