"""``voicelog models bench``: how fast (and how well) a model hears speech on this machine, measured and kept.

The measure is one packaged recording (an invented account, Piper's voice, 7 s at 16 kHz) heard once by the
model a command would use. The result is kept in ``speeds.json`` in the models folder, keyed by the model's
folder, so ``voicelog models list`` can show it with the day it was measured; nothing is measured quietly,
and nothing about the person's own recordings is kept.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from voicelog.config import Config
from voicelog.errors import ModelError
from voicelog.paths import get_paths
from voicelog.pcm import seconds
from voicelog.phrases import normalise
from voicelog.settings import EngineSettings

SAMPLE = Path(__file__).with_name("bench_sample.flac")
"""The recording every model is measured on."""

SAMPLE_TEXT = ("On Friday evening at about a quarter to seven, a man in a grey coat waited outside the pharmacy "
               "on Mill Lane and followed me to the bus stop.")
"""What :data:`SAMPLE` says (invented), for counting the words a model gets wrong."""

SPEEDS_FILE = "speeds.json"
"""The file in the models folder that keeps the measurements."""


@dataclass(frozen=True)
class Speed:
    """One model's measurement on this machine."""

    engine: str
    """The engine that heard the sample."""
    model: str
    """The model's folder name."""
    path: str
    """The model's folder (resolved), which keys the measurement."""
    audio_seconds: float
    """Length of the sample."""
    load_seconds: float
    """Time to read the model."""
    hear_seconds: float
    """Time to hear the sample, once the model was read."""
    word_errors: int
    """Words substituted, dropped or added against :data:`SAMPLE_TEXT`."""
    words: int
    """Words in :data:`SAMPLE_TEXT`."""
    peak_mb: float
    """Peak resident memory of the measuring process (the model, the engine's libraries and Python)."""
    cpus: int
    """Processors this machine has."""
    measured_on: str
    """The day of the measurement (ISO date)."""

    @property
    def real_time_factor(self) -> float:
        """Seconds of hearing per second of speech: below 1 keeps up with a speaker."""
        return self.hear_seconds / self.audio_seconds if self.audio_seconds else 0.0

    def summary(self) -> str:
        """One line for people: speed, accuracy, memory, when."""
        return (f"{self.real_time_factor:.2f}x real time, {self.word_errors}/{self.words} words wrong, "
                f"{self.peak_mb:.0f} MB peak (measured {self.measured_on}, {self.cpus} CPUs)")


def word_errors(reference: str, heard: str) -> int:
    """Word-level edit distance between ``reference`` and ``heard``, both normalised."""
    ref, hyp = normalise(reference), normalise(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def bench(settings: EngineSettings, config: Config | None = None, *, today: date | None = None) -> Speed:
    """Measure the model ``settings`` pick on :data:`SAMPLE`, keep the result and return it.

    Raises ModelError when no model is found or the model heard nothing of the sample.
    """
    from voicelog.audio.decode import open_audio
    from voicelog.engines.model_store import display_name
    from voicelog.engines.registry import engine_module, engine_row, resolve_engine

    resolved = resolve_engine(settings, config)
    chunks = list(open_audio(SAMPLE).chunks())  # decoded before the clock starts
    audio_seconds = seconds(sum(len(c) for c in chunks))
    start = time.perf_counter()
    engine = engine_module(engine_row(resolved.name)).load(resolved.model, settings.language)
    loaded = time.perf_counter()
    heard = engine.transcriber.transcribe(chunks)
    done = time.perf_counter()
    if heard.is_empty:
        raise ModelError(f"The model in {resolved.model} heard nothing in the test recording; it may be "
                         "damaged or not an English model.")
    speed = Speed(
        engine=resolved.name, model=heard.model or display_name(resolved.model), path=str(resolved.model.resolve()),
        audio_seconds=round(audio_seconds, 2), load_seconds=round(loaded - start, 2),
        hear_seconds=round(done - loaded, 2), word_errors=word_errors(SAMPLE_TEXT, heard.text),
        words=len(normalise(SAMPLE_TEXT)), peak_mb=round(_peak_mb(), 1), cpus=os.cpu_count() or 1,
        measured_on=(today or date.today()).isoformat(),
    )
    record_speed(speed)
    return speed


def _speeds_path() -> Path:
    return get_paths().models_dir / SPEEDS_FILE


def recorded_speeds() -> dict[str, Speed]:
    """Every kept measurement, by resolved model folder; an unreadable file counts as none."""
    try:
        raw = json.loads(_speeds_path().read_text(encoding="utf-8"))
        return {key: Speed(**value) for key, value in raw.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def speed_of(path: Path) -> Speed | None:
    """The kept measurement of the model in ``path``, if it was measured."""
    return recorded_speeds().get(str(path.resolve()))


def record_speed(speed: Speed) -> None:
    """Keep ``speed``, replacing the model's earlier measurement (the file is replaced whole)."""
    speeds = recorded_speeds()
    speeds[speed.path] = speed
    target = _speeds_path()
    temp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".speeds-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({k: asdict(v) for k, v in speeds.items()}, out, indent=1)
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise ModelError(f"Could not keep the measurement in {target} ({exc.strerror or exc}).") from exc
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
