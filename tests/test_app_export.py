"""``voicelog.app.export``: a report and a recording written out of the sealed diary, private and never over a file."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import TEST_PASSPHRASE

from voicelog.app.export import export_audio, refuse_existing, report, report_format
from voicelog.app.recorder import AccountRecorder
from voicelog.errors import DiaryError, UsageError
from voicelog.incident import Incident
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording
from voicelog.transcript import Transcript

TEXT = "yesterday at about half past nine colin mowbray followed me from the station to my door"


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    t = np.arange(16000 * 2) / 16000
    tone = (3000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
    with open_for_recording(path) as diary:
        recorder = AccountRecorder(diary, recorded_at=datetime(2026, 3, 30, 21, 47), source="microphone")
        recorder.add(tone.tobytes())
        recorder.store(Transcript(TEXT, duration=2.0))
    return path


def test_the_report_format_follows_the_flag_then_the_extension() -> None:
    assert report_format(Path("log.csv")) == "csv"
    assert report_format(Path("log.MD")) == "md"
    assert report_format(Path("log.txt")) == "html"
    assert report_format(Path("log.csv"), "json") == "json"


def test_a_csv_report_lists_the_incident_and_is_private(diary_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        written = report(diary, out)
    assert (written.path, written.format, written.incidents) == (out, "csv", 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert (row["number"], row["date"], row["place"]) == ("1", "2026-03-29", "the station")


def test_an_existing_file_is_refused_unless_replacing_was_asked(diary_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.html"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        refuse_existing(out, overwrite=False)
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        with pytest.raises(UsageError, match="--force"):
            report(diary, out)
        assert out.read_text(encoding="utf-8") == "keep me"
        report(diary, out, overwrite=True, title="Incident log")
    assert "Incident log" in out.read_text(encoding="utf-8")


def test_the_recording_comes_back_as_a_private_wav(diary_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "entry-1.wav"
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = export_audio(diary, 1, out)
        with pytest.raises(UsageError, match="already exists"):
            export_audio(diary, 1, out)
    assert done.seconds == pytest.approx(2.0)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    samples, rate = sf.read(out, dtype="int16")
    assert rate == 16000 and len(samples) == 32000
    peak = np.abs(np.fft.rfft(samples.astype(float))).argmax() * rate / len(samples)
    assert peak == pytest.approx(440, abs=2)


def test_a_report_of_a_damaged_diary_leaves_out_the_bad_entry_and_says_so(diary_path: Path, tmp_path: Path) -> None:
    from damage_fixtures import flip_byte

    with open_for_recording(diary_path) as diary:
        diary.append(recorded_at=datetime(2026, 3, 31, 8, 0), transcript=Transcript("he was at the gate"),
                     incident=Incident(date="2026-03-31"), source="text")
    flip_byte(diary_path, 1)
    out = tmp_path / "report.json"
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        done = report(diary, out)
    assert done.incidents == 1 and not done.verified
    assert len(done.left_out) == 1 and done.left_out[0].startswith("entry 1 (row 2)")
    head = json.loads(out.read_text(encoding="utf-8"))["report"]
    assert head["left_out"] == list(done.left_out) and head["verification"]["ok"] is False


def test_a_damaged_recording_is_named_by_its_entry(diary_path: Path, tmp_path: Path) -> None:
    from damage_fixtures import flip_byte

    flip_byte(diary_path, 1, column="audio")
    out = tmp_path / "entry-1.wav"
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary, pytest.raises(DiaryError) as refused:
        export_audio(diary, 1, out)
    assert str(refused.value).startswith("The recording kept with entry 1 is damaged and cannot be opened")
    assert not out.exists()


def _attach_evidence(diary_path: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    """A real photo and screenshot (and a note) attached to entry 1, the originals deleted; their bytes."""
    from image_fixtures import write_images

    from voicelog.app.attach import attach_files

    photo, shot = write_images(tmp_path / "gallery")
    note = tmp_path / "gallery" / "note.txt"
    note.write_text("a note, not an image")
    kept = photo.read_bytes(), shot.read_bytes()
    with open_for_recording(diary_path) as diary:
        attach_files(diary, 1, [photo, shot, note], remove_original=True)
    return kept


def _pdf_images(path: Path) -> dict[str, bytes]:
    import pypdf

    return {image.name: image.data for page in pypdf.PdfReader(path).pages for image in page.images}


def test_with_images_the_html_and_pdf_show_small_copies_and_no_unsealed_copy_is_left(diary_path: Path,
                                                                                      tmp_path: Path) -> None:
    import base64
    import re
    import tempfile
    import time

    import pypdf
    from conftest import files_holding
    from image_fixtures import CAMERA, tail_of
    from PIL import Image

    photo, shot = _attach_evidence(diary_path, tmp_path)
    since = time.time() - 1
    out = {name: tmp_path / "out" / name for name in ("plain.html", "images.html", "plain.pdf", "images.pdf")}
    out["plain.html"].parent.mkdir()
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        for name, path in out.items():
            report(diary, path, with_images=name.startswith("images"))

    plain, page = out["plain.html"].read_text(), out["images.html"].read_text()
    assert "exhibit-3" in plain and "<img" not in plain and "data:image" not in plain  # listed, no picture
    urls = re.findall(r'<img class="thumb" src="data:image/(jpeg|png);base64,([^"]+)"', page)
    assert [kind for kind, _ in urls] == ["jpeg", "png"]  # the photo and the screenshot; the note has none
    thumbs = [base64.b64decode(data) for _, data in urls]
    for thumb in thumbs:
        with Image.open(io.BytesIO(thumb)) as small:
            assert max(small.size) <= 320 and dict(small.getexif()) == {}
    assert CAMERA not in page and tail_of(photo) not in b"".join(thumbs)  # a new small image, not the photo

    assert _pdf_images(out["plain.pdf"]) == {}
    embedded = _pdf_images(out["images.pdf"])
    assert len(embedded) == 2 and CAMERA.encode() not in out["images.pdf"].read_bytes()
    for data in embedded.values():
        with Image.open(io.BytesIO(data)) as small:
            assert max(small.size) <= 320
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out["images.pdf"]).pages)
    assert "car.jpg" in text and "reduced copies made for this report" in text

    # Nothing but the four reports holds the pictures: no copy of a photo or thumbnail anywhere else.
    found = files_holding([tmp_path, Path(tempfile.gettempdir())], (tail_of(photo), tail_of(shot),
                          *(tail_of(t) for t in thumbs)), since=since)
    assert [f for f in found if f not in out.values()] == []
    assert out["images.pdf"] in found  # the search does find a copy where there is one


@pytest.mark.parametrize("name", ["log.csv", "log.json", "log.md"])
def test_images_are_refused_outside_html_and_pdf_before_anything_is_read(tmp_path: Path, name: str) -> None:
    from voicelog.app.export import check_report

    with pytest.raises(UsageError, match="Images are shown only in the HTML and PDF reports"):
        check_report(tmp_path / name, with_images=True)
    assert not (tmp_path / name).exists()


def test_a_voided_entry_is_not_counted_as_an_incident(diary_path: Path, tmp_path: Path) -> None:
    from voicelog.app.void import void

    with open_for_recording(diary_path) as diary:
        diary.append(recorded_at=datetime(2026, 3, 31, 8, 0), transcript=Transcript("the radio was on"),
                     incident=Incident(), source="microphone")
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        void(diary, 2, "recorded by mistake")
        written = report(diary, tmp_path / "log.json")
    assert (written.incidents, written.voided) == (1, 1)
    data = json.loads((tmp_path / "log.json").read_text())["report"]
    assert (data["incidents"], data["voided"]) == (1, 1)
