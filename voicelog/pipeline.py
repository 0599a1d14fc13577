"""The whole path from audio to a diary entry, as plain functions the CLI calls."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from voicelog.asr.base import SAMPLE_RATE, Transcriber
from voicelog.diary import Diary, Entry
from voicelog.errors import AudioError
from voicelog.transcript import Transcript

log = logging.getLogger(__name__)


def warm_up_extractor() -> threading.Thread:
    """Load spaCy and dateparser in the background, so they are ready when speech ends."""

    def _load() -> None:
        try:
            from voicelog.extract import warm_up

            warm_up()
        except Exception:  # a failure here resurfaces, with its message, at extraction time
            log.debug("extractor warm-up failed", exc_info=True)

    thread = threading.Thread(target=_load, name="voicelog-warm-up", daemon=True)
    thread.start()
    return thread


def file_chunks(path: Path, *, chunk_seconds: float = 0.5) -> list[bytes]:
    """The WAV at ``path`` as 16 kHz mono chunks, refusing a silent one."""
    from voicelog.audio import is_silent, read_wav

    samples = read_wav(path)
    if is_silent(samples):
        raise AudioError(f"{path} contains no speech (it is silent); nothing was stored.")
    step = int(SAMPLE_RATE * chunk_seconds)
    return [samples[i : i + step].tobytes() for i in range(0, len(samples), step)]


def transcribe(
    chunks: Iterable[bytes],
    transcriber: Transcriber,
    *,
    on_text: Callable[[str], None] | None = None,
    what: str = "the recording",
) -> Transcript:
    """Run the recogniser and refuse an account in which it heard nothing."""
    transcript = transcriber.transcribe(chunks, on_text=on_text)
    if transcript.is_empty:
        raise AudioError(f"No speech was recognised in {what}; nothing was stored.")
    return transcript


def store_account(
    diary: Diary,
    transcript: Transcript,
    *,
    recorded_at: datetime,
    source: str,
) -> Entry:
    """Extract the incident from ``transcript`` and append it to ``diary``."""
    from voicelog.extract import extract_incident

    incident = extract_incident(transcript.text, recorded_at=recorded_at, known_people=diary.people())
    return diary.append(recorded_at=recorded_at, transcript=transcript, incident=incident, source=source)


def file_recorded_at(path: Path) -> datetime:
    """When a WAV was made, as far as the file says: its modification time, local."""
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
