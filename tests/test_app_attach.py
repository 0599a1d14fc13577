"""Attaching real files to real sealed diaries, and writing them back out as exhibits."""

from __future__ import annotations

import hashlib
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from conftest import files_containing
from store_fixtures import append, chain_ok, new_sealed, reader

from voicelog.app.attach import UNKNOWN, attach_files, media_type, write_exhibits
from voicelog.errors import UsageError
from voicelog.store import attachments
from voicelog.store.opening import open_for_recording

MARKER = f"EVIDENCE-{uuid.uuid4().hex}"  # made per run: no other file (this source, a shell log) holds it
PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + MARKER.encode() + b"\0" * 64


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    folder = tmp_path / "diary"
    folder.mkdir()
    path = new_sealed(folder)
    append(path, "he left a voicemail and sent a photo of my door")
    return path


def _evidence(tmp_path: Path) -> list[Path]:
    photos = tmp_path / "gallery"
    photos.mkdir()
    shot, note = photos / "screenshot.png", photos / "message.txt"
    shot.write_bytes(PNG)
    note.write_text(f"I know where you live {MARKER}\n")
    return [shot, note]


def test_attached_files_leave_no_plaintext_behind_and_come_back_out_identical(diary: Path, tmp_path: Path) -> None:
    files = _evidence(tmp_path)
    since = time.time() - 1
    with open_for_recording(diary) as d:  # no passphrase, as when recording
        done = attach_files(d, 1, files, remove_original=True)
    assert [a.attachment.type for a in done] == ["image/png", "text/plain"]
    assert all(a.removed for a in done) and not any(f.exists() for f in files)
    assert chain_ok(diary)
    assert files_containing([diary.parent, Path(tempfile.gettempdir())], (MARKER,), since=since) == []

    out = tmp_path / "out"
    with reader(diary) as d:
        written = write_exhibits(d, out)
        again = write_exhibits(d, out, 1)  # never over a file: numbered names
    assert [w.path.name for w in written] == ["exhibit-1-screenshot.png", "exhibit-2-message.txt"]
    assert [w.path.name for w in again] == ["exhibit-1-screenshot (2).png", "exhibit-2-message (2).txt"]
    assert written[0].path.read_bytes() == PNG == again[0].path.read_bytes()
    assert all(w.path.stat().st_mode & 0o777 == 0o600 for w in written + again)
    assert out.stat().st_mode & 0o777 == 0o700


def test_without_remove_original_the_originals_stay(diary: Path, tmp_path: Path) -> None:
    files = _evidence(tmp_path)
    with open_for_recording(diary) as d:
        done = attach_files(d, 1, files)
    assert not any(a.removed for a in done) and all(f.exists() for f in files)


def test_one_bad_file_in_the_list_attaches_nothing(diary: Path, tmp_path: Path) -> None:
    files = _evidence(tmp_path)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    big = tmp_path / "video.mp4"
    with big.open("wb") as fh:  # sparse: the size is real, the disk is not filled
        fh.truncate(attachments.MAX_BYTES + 1)
    with open_for_recording(diary) as d:
        for bad, why in ((tmp_path / "nope.png", "no file"), (empty, "empty"), (big, "50 MB"),
                         (tmp_path, "not a file")):
            with pytest.raises(UsageError, match=why):
                attach_files(d, 1, [*files, bad], remove_original=True)
        with pytest.raises(UsageError, match="no entry 4"):
            attach_files(d, 4, files)
    assert all(f.exists() for f in files)
    with reader(diary) as d:
        assert attachments.attachments(d) == []


def test_an_out_path_that_is_a_file_is_refused(diary: Path, tmp_path: Path) -> None:
    with open_for_recording(diary) as d:
        attach_files(d, 1, _evidence(tmp_path))
    taken = tmp_path / "taken"
    taken.write_text("mine")
    with reader(diary) as d, pytest.raises(UsageError, match="taken"):
        write_exhibits(d, taken)
    assert taken.read_text() == "mine"


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("IMG_0001.HEIC", b"\0\0\0\x18ftypheic", "image/heic"),
    ("photo", b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
    ("voicemail.amr", b"#!AMR\n", "audio/amr"),
    ("call.m4a", b"\0\0\0\x20ftypM4A ", "audio/mp4"),
    ("clip.mov", b"\0\0\0\x14ftypqt  ", "video/quicktime"),
    ("rec.wav", b"RIFF\0\0\0\0WAVEfmt ", "audio/wav"),
    ("letter.pdf.png", b"%PDF-1.7", "application/pdf"),  # the bytes win over a misleading name
    ("letter.docx", b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("notes.txt", b"hello", "text/plain"),
    ("blob", b"\x01\x02", UNKNOWN),
])
def test_the_type_comes_from_the_bytes_then_the_name(name: str, head: bytes, expected: str) -> None:
    assert media_type(name, head) == expected


def test_the_report_lists_the_exhibits_of_the_entries_it_reports(diary: Path, tmp_path: Path) -> None:
    from voicelog.app.export import report

    append(diary, "he rang eleven times")
    with open_for_recording(diary) as d:
        attach_files(d, 1, _evidence(tmp_path))
    out = tmp_path / "log.html"
    with reader(diary) as d:
        report(d, out)
        later = tmp_path / "later.html"
        report(d, later, since="2026-03-25")  # both incidents are earlier: no entry, so no exhibit, is listed
    page = out.read_text()
    assert '<section class="sheet exhibits">' in page and 'id="exhibit-2"' in page
    assert "screenshot.png" in page and hashlib.sha256(PNG).hexdigest() in page
    assert MARKER not in page  # listed, never embedded
    assert "screenshot.png" not in later.read_text()


def test_files_for_a_new_entry_are_checked_first_and_a_late_failure_names_the_stored_entry(diary: Path,
                                                                                              tmp_path: Path) -> None:
    from voicelog.app.attach import attach_to_new_entry, check_files

    shot, note = _evidence(tmp_path)
    check_files([shot, note])  # both fine
    with pytest.raises(UsageError, match=r"There is no file .*gone\.png; nothing was attached"):
        check_files([shot, tmp_path / "gone.png"])
    with open_for_recording(diary) as d:
        assert attach_to_new_entry(d, 1, []) == []
        shot.unlink()  # gone between the check and the sealing (the account was being typed)
        with pytest.raises(UsageError) as err:
            attach_to_new_entry(d, 1, [note, shot])
    assert str(err.value).startswith("Entry 1 is stored, but its files were not all attached: There is no file")
    assert str(err.value).endswith("Attach them with `voicelog attach 1 FILE...`.")
    with reader(diary) as d:
        assert attachments.attachments(d) == []  # every file is checked before any is sealed
