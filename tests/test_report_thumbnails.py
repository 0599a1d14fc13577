"""Thumbnails of real images (made with Pillow) sealed in a real diary: small, upright, without metadata,
made in memory only, and a clear sentence when Pillow is missing."""

from __future__ import annotations

import base64
import io
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import files_containing, files_holding
from image_fixtures import CAMERA, photo_bytes, screenshot_bytes, tail_of, unique_photo_bytes
from PIL import Image
from store_fixtures import append, new_sealed, reader

from voicelog.app.attach import attach_files
from voicelog.errors import UsageError
from voicelog.report.thumbnails import MAX_SIDE, load_pillow, thumbnail, thumbnails
from voicelog.store.attachments import attachments
from voicelog.store.opening import open_for_recording


def _decoded(url: str) -> tuple[str, bytes]:
    head, data = url.split(",", 1)
    return head, base64.b64decode(data)


def test_a_photo_becomes_a_small_jpeg_without_its_exif() -> None:
    original = photo_bytes(1600, 1200)
    assert CAMERA.encode() in original  # the test photo does carry the metadata
    thumb = thumbnail(original, 1)
    head, data = _decoded(thumb.data_url)
    assert head == "data:image/jpeg;base64" and thumb.problem == ""
    with Image.open(io.BytesIO(data)) as small:
        assert small.size == (MAX_SIDE, 240)  # the aspect kept, the long side MAX_SIDE
        assert dict(small.getexif()) == {}  # no camera, no GPS position, nothing
    assert CAMERA.encode() not in data and len(data) < len(original) // 5


def test_a_photo_taken_sideways_is_shown_upright() -> None:
    thumb = thumbnail(photo_bytes(1600, 1200, orientation=6), 3)  # 6: rotate 90° to view
    with Image.open(io.BytesIO(_decoded(thumb.data_url)[1])) as small:
        assert small.size == (240, MAX_SIDE)


def test_a_screenshot_with_transparency_stays_png_and_a_small_image_is_not_enlarged() -> None:
    thumb = thumbnail(screenshot_bytes(100, 200), 2)
    head, data = _decoded(thumb.data_url)
    assert head == "data:image/png;base64"
    with Image.open(io.BytesIO(data)) as small:
        assert small.size == (100, 200) and small.mode == "RGBA"


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's first bytes)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + chunk + end


@pytest.mark.parametrize(("data", "problem"), [
    (b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10, "could not be read"),
    (b"\0\0\0\x18ftypheic" + b"\0" * 200, "a format the report cannot show"),
    (_png_claiming(30_000, 30_000), "too large an image to shrink"),  # Pillow's own bomb limit
    (_png_claiming(10_000, 8_500), "too large an image to shrink"),  # under Pillow's limit, over ours
])
def test_an_image_that_cannot_be_read_gets_a_reason_not_a_thumbnail(data: bytes, problem: str) -> None:
    thumb = thumbnail(data, 4)
    assert thumb.data_url == "" and problem in thumb.problem


def test_thumbnails_come_from_the_sealed_diary_and_leave_nothing_on_disk(tmp_path: Path) -> None:
    folder = tmp_path / "diary"
    folder.mkdir()
    path = new_sealed(folder)
    append(path, "he photographed my car on the drive")
    gallery = tmp_path / "gallery"
    gallery.mkdir()
    photo = unique_photo_bytes()  # its bytes and its thumbnail's are in no other test's (or process's) files
    (gallery / "car.jpg").write_bytes(photo)
    (gallery / "note.txt").write_text("not an image")
    with open_for_recording(path) as d:
        attach_files(d, 1, [gallery / "car.jpg", gallery / "note.txt"], remove_original=True)
    since = time.time() - 1
    with reader(path) as d:
        made = thumbnails(d, attachments(d))
    assert [t.exhibit for t in made] == [1]  # the text file is not an image: no thumbnail tried
    thumb_bytes = _decoded(made[0].data_url)[1]
    # Neither the photo nor its thumbnail was written anywhere: the test's folders and the temp folder hold no copy.
    folders = [tmp_path, Path(tempfile.gettempdir())]
    assert files_holding(folders, (tail_of(thumb_bytes), tail_of(photo)), since=since) == []
    assert files_containing([tmp_path], (CAMERA,), since=0) == []  # the photo's metadata is only sealed


def test_without_pillow_the_flag_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)  # as on a machine without Pillow: `import PIL` fails
    with pytest.raises(UsageError, match=r"need Pillow, which is not installed\. Install it with `.+ -m pip install "
                                         r"Pillow` .*voicelog-diary\[pdf\].*or leave out --with-images"):
        load_pillow()
