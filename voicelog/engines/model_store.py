"""Models on disk: the table of known Vosk models, where voicelog looks for one, and how it installs one.

Lookup order for a Vosk model, first match wins:

1. ``--model DIR`` (``explicit``),
2. the ``VOICELOG_MODEL`` environment variable,
3. ``model`` in ``config.toml``,
4. subfolders of ``./models/`` in the current directory,
5. subfolders of the user's models folder (``voicelog paths``; ``VOICELOG_HOME/models``),
6. subfolders of vosk's own cache (``~/.cache/vosk``), read but never written.

The first three name one folder; if it is not a Vosk model that is an error, not a
reason to look elsewhere. Only :func:`install_model` touches the network.

Each engine's module says where its own models come from (the Whisper models in
:mod:`~voicelog.engines.whisper_models`); this module keeps what they share: the
found-model record, :func:`download_file` and :class:`ModelNotInstalled`.
"""

from __future__ import annotations

import hashlib
import http.client
import importlib.util
import logging
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from voicelog.config import Config
from voicelog.errors import ModelError
from voicelog.paths import fsync_dir, get_paths, vosk_cache_dir

log = logging.getLogger(__name__)

DEFAULT_MODEL = "vosk-model-small-en-us-0.15"
"""The model ``voicelog models install`` fetches when no name is given."""

ENV_MODEL = "VOICELOG_MODEL"
"""Environment variable naming a Vosk model folder."""


@dataclass(frozen=True)
class KnownModel:
    """A model voicelog knows how to download and verify."""

    name: str
    """The archive's name, which is also the top-level folder inside it."""
    language: str
    """Language code of the speech it recognises."""
    url: str
    """The model's official download address."""
    sha256: str
    """Hex SHA-256 of the zip file at ``url``."""
    size_bytes: int
    """Exact size of the zip file at ``url``."""


# alphacephei.com publishes no digests. The SHA-256 and size below are those of the
# published zip as recorded independently by several public projects (the Arch Linux
# AUR PKGBUILD of vosk-api-git, numen's get-model.sh, and others recording 41,205,931
# bytes); they could not be re-checked from this machine, which has no route to
# alphacephei.com.
KNOWN_MODELS: dict[str, KnownModel] = {
    m.name: m
    for m in (
        KnownModel(
            name="vosk-model-small-en-us-0.15",
            language="en",
            url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
            sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
            size_bytes=41_205_931,
        ),
    )
}
"""Models ``voicelog models install`` can fetch, by name."""


class ModelNotInstalled(ModelError):
    """A model the catalogue knows by name was asked for, and is not on this machine."""


@dataclass(frozen=True)
class FoundModel:
    """A model present on this machine."""

    engine: str
    """The engine that reads it, as in :data:`voicelog.engines.ENGINE_NAMES`."""
    name: str
    """The model's name (its folder name, or the name its package gives it)."""
    language: str
    """Language code, or ``und`` when it cannot be told."""
    size_bytes: int
    """Disk space the model's files take."""
    path: Path
    """The model folder."""
    source: str = ""
    """Where it came from, for ``voicelog models list`` (a download address and revision, a package)."""


# ---------------------------------------------------------------------------
# Recognising a model folder


def is_vosk_model(path: Path) -> bool:
    """True when ``path`` is a folder laid out like a Vosk model.

    Current models keep ``am/final.mdl`` and ``conf/model.conf``; older ones keep
    ``final.mdl`` and ``mfcc.conf`` at the top (vosk accepts both layouts).
    """
    if not path.is_dir():
        return False
    if (path / "am" / "final.mdl").is_file() and (path / "conf" / "model.conf").is_file():
        return True
    return (path / "final.mdl").is_file() and (
        (path / "mfcc.conf").is_file() or (path / "conf" / "mfcc.conf").is_file()
    )


# Vosk names its models vosk-model-[small-]<lang>[-<region>]-<version>; a few use
# country codes instead of language codes.
_NAME_RE = re.compile(r"^vosk[-_]model[-_](?:small[-_])?([a-z]{2,3})(?:[-_][a-z]{2})?(?:[-_]|$)")
_CODE_FIX = {"cn": "zh", "ua": "uk", "vn": "vi", "kz": "kk", "jp": "ja", "gr": "el", "spk": "und"}
_LANGUAGE_NAMES = {
    "english": "en", "korean": "ko", "chinese": "zh", "german": "de", "french": "fr",
    "spanish": "es", "italian": "it", "portuguese": "pt", "russian": "ru", "japanese": "ja",
    "dutch": "nl", "hindi": "hi", "ukrainian": "uk", "vietnamese": "vi", "turkish": "tr",
    "polish": "pl", "czech": "cs", "arabic": "ar", "farsi": "fa", "persian": "fa",
    "swedish": "sv", "catalan": "ca", "kazakh": "kk", "uzbek": "uz", "esperanto": "eo",
}  # fmt: skip


def guess_language(path: Path) -> str:
    """The language of the Vosk model in ``path``: known table, folder name, then its README.

    Returns ``und`` (undetermined) rather than pretending a model is English.
    """
    known = KNOWN_MODELS.get(path.name)
    if known:
        return known.language
    for name in (path.name, path.parent.name):
        match = _NAME_RE.match(name.lower())
        if match:
            code = match.group(1)
            return _CODE_FIX.get(code, code)
    readme = path / "README"
    try:
        first = readme.read_text(encoding="utf-8", errors="replace").splitlines()[0].lower()
    except (OSError, IndexError):
        return "und"
    for word in re.findall(r"[a-z]+", first):
        if word in _LANGUAGE_NAMES:
            return _LANGUAGE_NAMES[word]
    return "und"


def model_size(path: Path) -> int:
    """Bytes taken by the files under ``path``."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


# ---------------------------------------------------------------------------
# Finding models


def _search_dirs() -> list[Path]:
    """Folders whose subfolders may be models, in lookup order."""
    return [Path.cwd() / "models", get_paths().models_dir, vosk_cache_dir()]


def _models_in(folder: Path) -> Iterator[Path]:
    """Vosk models in ``folder`` (the folder itself, then subfolders), known models first."""
    if not folder.is_dir():
        return
    if is_vosk_model(folder):
        yield folder
    try:
        subs = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError as exc:
        log.debug("cannot list %s: %s", folder, exc)
        return
    order = list(KNOWN_MODELS)
    subs.sort(key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name))
    for sub in subs:
        if is_vosk_model(sub):
            yield sub


def _named_model(value: str, source: str) -> Path:
    """The model folder a person named through ``source`` (a folder, or a known model's name); an error
    if it is not one."""
    path = Path(value).expanduser()
    if is_vosk_model(path):
        return path
    if value in KNOWN_MODELS and not path.exists():
        for folder in _search_dirs():
            if is_vosk_model(folder / value):
                return folder / value
        raise ModelNotInstalled(f"The Vosk model {value} is not installed; run `voicelog models install {value}`.")
    if not path.exists():
        raise ModelError(
            f"The model folder {path} ({source}) does not exist; pass the folder of an unpacked Vosk model."
        )
    raise ModelError(
        f"{path} ({source}) is not a Vosk model folder (no am/final.mdl and conf/model.conf); "
        "pass the folder of an unpacked Vosk model."
    )


def find_vosk_model(explicit: str | os.PathLike[str] | None = None, config: Config | None = None) -> Path | None:
    """The Vosk model to use, by the lookup order in this module's docstring, or None."""
    if explicit:
        return _named_model(os.fspath(explicit), "from --model")
    env = os.environ.get(ENV_MODEL)
    if env:
        return _named_model(env, f"from {ENV_MODEL}")
    if config is not None and config.model:
        return _named_model(config.model, "from config.toml")
    for folder in _search_dirs():
        for model in _models_in(folder):
            log.debug("found Vosk model %s", model)
            return model
    return None


def importable(module: str) -> bool:
    """True when a top-level ``module`` could be imported, without importing it."""
    if module in sys.modules:
        return sys.modules[module] is not None
    return importlib.util.find_spec(module) is not None


def display_name(path: Path) -> str:
    """A model folder's name; for a folder called just ``model``, its parent's name."""
    return path.parent.name if path.name == "model" and path.parent.name else path.name


def found_model(
    engine: str, path: Path, *, name: str | None = None, language: str | None = None, source: str = ""
) -> FoundModel:
    """A :class:`FoundModel` for the folder ``path``, its size measured now."""
    lang = language or guess_language(path)
    known = KNOWN_MODELS.get(path.name)
    if not source and known is not None:
        source = known.url
    return FoundModel(engine, name or display_name(path), lang, model_size(path), path, source)


def vosk_models(config: Config | None = None) -> list[Path]:
    """Every Vosk model folder present on this machine, in lookup order, each folder once."""
    candidates: list[Path] = []
    named = [os.environ.get(ENV_MODEL), config.model if config else None]
    for value in named:
        if value and is_vosk_model(Path(value).expanduser()):
            candidates.append(Path(value).expanduser())
    for folder in _search_dirs():
        candidates.extend(_models_in(folder))
    found: list[Path] = []
    seen: set[Path] = set()
    for path in candidates:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)
    return found


# ---------------------------------------------------------------------------
# Installing


def _safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's entries, refusing any that would land outside the target folder."""
    members = archive.infolist()
    for info in members:
        pure = PurePosixPath(info.filename.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts:
            raise ModelError(f"The model archive holds an unsafe path ({info.filename}); it was not installed.")
    return members


def download_file(
    url: str,
    target: Path,
    *,
    expected_size: int | None,
    progress: Callable[[int, int], None] | None,
) -> str:
    """Stream ``url`` into ``target`` and return its hex SHA-256; raises ModelError on any failure."""
    digest = hashlib.sha256()
    received = 0
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
            header = response.headers.get("Content-Length")
            announced = int(header) if header and header.isdigit() else None
            if announced is not None and expected_size is not None and announced != expected_size:
                raise ModelError(
                    f"{url} offers {announced} bytes, not the expected {expected_size}; try again later."
                )
            total = announced or expected_size or 0
            while True:
                block = response.read(1 << 16)
                if not block:
                    break
                out.write(block)
                digest.update(block)
                received += len(block)
                if progress is not None:
                    progress(received, total)
            out.flush()
            os.fsync(out.fileno())
    except urllib.error.HTTPError as exc:
        raise ModelError(f"Downloading {url} failed with HTTP {exc.code} ({exc.reason}); try again later.") from exc
    except urllib.error.URLError as exc:
        raise ModelError(
            f"Could not reach {url} ({exc.reason}); check the network, or copy an unpacked model folder "
            f"into {get_paths().models_dir} and pass --model DIR."
        ) from exc
    except http.client.HTTPException as exc:  # IncompleteRead: the server closed early
        raise ModelError(f"The download from {url} was cut off ({exc.__class__.__name__}); try again.") from exc
    except (OSError, ValueError) as exc:  # timeouts, resets, a full disk, a malformed URL
        raise ModelError(f"Downloading {url} failed ({exc}); try again.") from exc
    if announced is not None and received != announced:
        raise ModelError(f"The download from {url} was cut off ({received} of {announced} bytes); try again.")
    if expected_size is not None and received != expected_size:
        raise ModelError(
            f"The download from {url} is {received} bytes, not the expected {expected_size}; try again later."
        )
    return digest.hexdigest()


def install_model(
    name: str = DEFAULT_MODEL,
    *,
    dest_dir: Path | None = None,
    url: str | None = None,
    sha256: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Download, verify and unpack a known Vosk model into ``dest_dir``; return its folder.

    The archive is checked against the table's size and SHA-256 before anything is
    unpacked, and the model appears under its name only once complete, so a failed or
    interrupted install leaves nothing behind. ``url`` and ``sha256`` override the table
    (for mirrors and tests); with either given the table's size is not enforced.
    """
    known = KNOWN_MODELS.get(name)
    if known is None:
        names = ", ".join(sorted(KNOWN_MODELS))
        raise ModelError(f"Unknown model {name!r}; known models: {names}.")
    dest_dir = Path(dest_dir) if dest_dir is not None else get_paths().models_dir
    final = dest_dir / known.name
    if is_vosk_model(final):
        log.info("model %s is already installed in %s", known.name, final)
        return final
    if final.exists():
        raise ModelError(f"{final} exists but is not a complete Vosk model; remove it and run the install again.")
    source = url or known.url
    expected_sha = (sha256 or known.sha256).lower()
    expected_size = known.size_bytes if url is None and sha256 is None else None
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"Cannot create the models folder {dest_dir} ({exc.strerror}).") from exc

    temps: list[Path] = []
    try:
        fd, partial_name = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=dest_dir)
        os.close(fd)
        partial = Path(partial_name)
        temps.append(partial)
        log.info("downloading %s from %s", known.name, source)
        actual_sha = download_file(source, partial, expected_size=expected_size, progress=progress)
        if actual_sha != expected_sha:
            raise ModelError(
                f"The download from {source} does not match its published SHA-256 "
                f"(got {actual_sha}); it was discarded, try again later."
            )
        unpack = Path(tempfile.mkdtemp(prefix=".unpack-", dir=dest_dir))
        temps.append(unpack)
        try:
            with zipfile.ZipFile(partial) as archive:
                archive.extractall(unpack, members=_safe_members(archive))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise ModelError(f"The download from {source} is not a readable zip archive ({exc}).") from exc
        except OSError as exc:
            raise ModelError(f"Unpacking the model into {dest_dir} failed ({exc.strerror or exc}).") from exc
        root = _unpacked_root(unpack, known.name)
        if root is None:
            raise ModelError(f"The archive from {source} does not contain a Vosk model folder.")
        move_into_place(root, final, is_vosk_model)
        log.info("installed %s in %s", known.name, final)
        return final
    finally:
        for temp in temps:
            if temp.is_dir():
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink(missing_ok=True)


def move_into_place(ready: Path, final: Path, complete: Callable[[Path], bool]) -> None:
    """A checked model folder moved to its final name in one rename (its folder fsynced), so a model is either
    whole or absent; a model another install completed there first is kept (``complete`` says whether it is)."""
    try:
        os.rename(ready, final)
        fsync_dir(final.parent)
    except OSError as exc:
        if complete(final):  # another install finished first
            return
        raise ModelError(f"Could not move the model into {final} ({exc.strerror or exc}).") from exc


def _unpacked_root(unpack: Path, name: str) -> Path | None:
    """The model folder inside an unpacked archive: ``name/``, a lone top folder, or the top itself."""
    if is_vosk_model(unpack / name):
        return unpack / name
    entries = [p for p in unpack.iterdir() if not p.name.startswith("__MACOSX")]
    if len(entries) == 1 and is_vosk_model(entries[0]):
        return entries[0]
    if is_vosk_model(unpack):
        return unpack
    return None
