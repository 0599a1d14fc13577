"""Real image files made with Pillow for the attachment and report tests (not a test module)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicelog.report import Report

CAMERA = f"Camera-{uuid.uuid4().hex[:12]}"
"""The camera make written into every test photo's EXIF: a thumbnail must not carry it (made per run)."""


def photo_bytes(width: int = 1600, height: int = 1200, *, orientation: int = 1) -> bytes:
    """A JPEG photo with EXIF metadata (camera make, a GPS position, an orientation), as a phone saves one."""
    from PIL import Image

    image = Image.new("RGB", (width, height), (190, 40, 50))
    for x in range(0, width, 40):  # stripes, so the JPEG is not all one colour
        for y in range(height):
            image.putpixel((x, y), (250, 250, 250))
    exif = image.getexif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}  # GPS: a street
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def unique_photo_bytes(width: int = 1234, height: int = 987) -> bytes:
    """A photo like :func:`photo_bytes` whose last blocks are random: its compressed bytes (and a thumbnail's) are
    found in no other file, so a search of the temp folder for a copy cannot hit another test's photo."""
    import os

    from PIL import Image

    image = Image.open(io.BytesIO(photo_bytes(width, height)))
    exif = image.getexif()
    image.paste(Image.frombytes("RGB", (256, 256), os.urandom(256 * 256 * 3)), (width - 256, height - 256))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def screenshot_bytes(width: int = 540, height: int = 1170) -> bytes:
    """A PNG screenshot with transparency, as a phone saves one."""
    from PIL import Image

    image = Image.new("RGBA", (width, height), (20, 60, 200, 160))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_images(folder: Path) -> tuple[Path, Path]:
    """A photo (``car.jpg``) and a screenshot (``message.png``) in ``folder``, made there."""
    folder.mkdir(parents=True, exist_ok=True)
    photo, shot = folder / "car.jpg", folder / "message.png"
    photo.write_bytes(photo_bytes())
    shot.write_bytes(screenshot_bytes())
    return photo, shot


def tail_of(data: bytes) -> bytes:
    """64 bytes from the end of an image's compressed data: found only in a copy of that very image."""
    return data[-96:-32]


def report_with_evidence_and_a_void(tmp_path: Path) -> tuple[Report, bytes]:
    """A real sealed diary: two entries, a photo sealed to the first, the second voided; its report."""
    from dataclasses import replace

    from store_fixtures import append, new_sealed, reader

    from voicelog import report
    from voicelog.app.attach import attach_files
    from voicelog.app.void import void
    from voicelog.filters import Registry
    from voicelog.store.attachments import attachments
    from voicelog.store.opening import open_for_recording

    folder = tmp_path / "diary"
    folder.mkdir()
    path = new_sealed(folder)
    append(path, "he followed me to the bus stop")
    append(path, "the radio was on in the kitchen")
    photo = tmp_path / "bus stop.jpg"
    photo.write_bytes(photo_bytes(400, 300))
    with open_for_recording(path) as d:
        attach_files(d, 1, [photo])
    with reader(path) as d:
        void(d, 2, "recorded by mistake")
        built = report.build_report(d.entries(), Registry(d.people()), head=d.head())
        built = replace(built, exhibits=tuple(attachments(d)))
    return built, photo.read_bytes()
