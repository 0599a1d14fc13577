"""Evidence kept with an entry: files sealed into the diary, and written back out as numbered exhibits.

:func:`attach_files` checks every file before sealing any (so a bad one in the
list attaches nothing), recognises its type from its first bytes (the name's
extension otherwise), seals it to the entry (:mod:`voicelog.store.attachments`)
and, only when asked and only once the sealed copy is read back whole from the
diary file, deletes the original: a copy left in a phone's gallery is not sealed.
:func:`write_exhibits` writes them back out (``0o600``, never over a file: a
name taken gets `` (2)``, `` (3)`` ...).
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voicelog.app.safekeeping import UnopenedDiary
from voicelog.errors import DiaryError, UsageError, VoicelogError
from voicelog.store import attachments as store
from voicelog.store.attachments import Attachment
from voicelog.store.diary import Diary
from voicelog.store.private_file import write_private

_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"fLaC", "audio/flac"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"#!AMR", "audio/amr"),
    (0, b"\x1aE\xdf\xa3", "video/webm"),
    (0, b"PK\x03\x04", "application/zip"),
    (4, b"ftypheic", "image/heic"),
    (4, b"ftypheix", "image/heic"),
    (4, b"ftypmif1", "image/heif"),
    (4, b"ftypM4A", "audio/mp4"),
    (4, b"ftypqt", "video/quicktime"),
    (4, b"ftyp3gp", "video/3gpp"),
    (4, b"ftyp", "video/mp4"),
)
"""Leading bytes of the formats evidence usually comes in, first match wins."""
_RIFF = {b"WAVE": "audio/wav", b"WEBP": "image/webp", b"AVI ": "video/x-msvideo"}
_OFFICE = {".docx", ".xlsx", ".pptx", ".odt", ".ods"}
UNKNOWN = "application/octet-stream"
"""The type of a file neither its bytes nor its name tell."""


@dataclass(frozen=True)
class Attached:
    """One file after it was sealed to an entry."""

    attachment: Attachment
    """What the diary records about it."""
    source: Path
    """The file it was read from."""
    removed: bool
    """Whether the original was deleted (asked for, and the sealed copy was read back whole first)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON ``voicelog attach --json`` prints."""
        return {**self.attachment.to_dict(), "source": str(self.source), "original_removed": self.removed}


@dataclass(frozen=True)
class Written:
    """One exhibit written out."""

    attachment: Attachment
    """The exhibit."""
    path: Path
    """Where it was written (``0o600``)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON ``voicelog exhibits --out --json`` prints."""
        return {**self.attachment.to_dict(), "path": str(self.path)}


def media_type(name: str, head: bytes) -> str:
    """The media type of a file called ``name`` whose first bytes are ``head``: sniffed, else by extension."""
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    suffix = Path(name).suffix.lower()
    for offset, magic, kind in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if kind == "application/zip" and suffix in _OFFICE:
                break  # a Word or OpenDocument file is a zip: its extension says which
            return kind
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or UNKNOWN


def attach_files(diary: Diary, number: int, files: list[Path], *, remove_original: bool = False) -> list[Attached]:
    """Seal each of ``files`` to entry ``number``, in order; every file is checked before any is sealed.

    A missing, unreadable, empty, non-regular or too large file is a
    :class:`UsageError` and nothing is attached. With ``remove_original`` each
    original is deleted once its sealed copy is read back whole from the diary.
    """
    if not files:
        raise UsageError("Name at least one file to attach, e.g. `voicelog attach 3 screenshot.png`.")
    diary._entry_row(number)  # a missing entry is refused before any file is read
    check_files(files)
    done: list[Attached] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"Could not read {path} ({exc.strerror or exc}); {len(done)} of {len(files)} files "
                             "were attached.") from None
        if len(data) > store.MAX_BYTES:  # it grew since it was checked
            raise store.too_big(path.name, len(data))
        attachment = store.attach(diary, number, name=path.name, media_type=media_type(path.name, data[:32]),
                                  data=data)
        del data
        removed = False
        if remove_original:
            if not store.stored_whole(diary, attachment):
                raise DiaryError(f"The sealed copy of {path} could not be read back whole from {diary.path}, so "
                                 "the original was kept; run `voicelog verify`.")
            try:
                path.unlink()
            except OSError as exc:
                raise DiaryError(f"{path} is sealed as exhibit {attachment.exhibit}, but could not be deleted "
                                 f"({exc.strerror or exc}); delete it yourself.") from None
            removed = True
        done.append(Attached(attachment, path, removed))
    return done


def check_files(files: Sequence[Path]) -> None:
    """Refuse (:class:`UsageError`) a file :func:`attach_files` would refuse: missing, unreadable, empty, not a
    regular file, or over the size limit; ``dictate`` and ``write`` ask this before anything is recorded."""
    for path in files:
        _check(path)


def attach_to_new_entry(diary: Diary | UnopenedDiary, number: int, files: Sequence[Path], *,
                        remove_original: bool = False) -> list[Attached]:
    """:func:`attach_files` for the entry just stored by ``dictate --attach`` or ``write --attach``.

    A failure is a :class:`UsageError` (a file changed since it was checked)
    or a :class:`DiaryError`; either sentence says that entry ``number`` is
    stored, and how to attach the files to it later.
    """
    if not files:
        return []
    try:
        # An account recorded while the diary could not be opened was stored once it opened again.
        target = diary.reopened() if isinstance(diary, UnopenedDiary) else diary
        return attach_files(target, number, list(files), remove_original=remove_original)
    except VoicelogError as exc:
        kind = UsageError if isinstance(exc, UsageError) else DiaryError
        raise kind(f"Entry {number} is stored, but its files were not all attached: {exc} Attach them with "
                   f"`voicelog attach {number} FILE...`.") from exc


def write_exhibits(diary: Diary, out: Path, entry: int | None = None) -> list[Written]:
    """Write every exhibit (or entry ``entry``'s) into folder ``out`` (made ``0o700`` if missing).

    Each is checked against its SHA-256 first and written ``0o600`` as
    ``exhibit-N-NAME``; a name already taken gets `` (2)``, `` (3)`` ...: no file
    is ever replaced. Needs the diary unlocked.
    """
    found = store.attachments(diary, entry)
    if not found:
        return []
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"Could not make the folder {out} ({exc.strerror or exc}); nothing was written.") from None
    if not out.is_dir():
        raise UsageError(f"{out} is not a folder; pass --out with a folder. Nothing was written.")
    written: list[Written] = []
    for item in found:
        data = store.content(diary, item)
        written.append(Written(item, _write_new(out, f"exhibit-{item.exhibit}-{_safe(item.name)}", data)))
    return written


def _check(path: Path) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UsageError(f"There is no file {path}; nothing was attached.") from None
    except OSError as exc:
        raise UsageError(f"Could not read {path} ({exc.strerror or exc}); nothing was attached.") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path} is not a file (a folder or device?); nothing was attached.")
    if info.st_size == 0:
        raise UsageError(f"{path} is empty; nothing was attached.")
    if info.st_size > store.MAX_BYTES:
        raise store.too_big(path.name, info.st_size)
    if not os.access(path, os.R_OK):
        raise UsageError(f"{path} cannot be read (permissions); nothing was attached.")


def _safe(name: str) -> str:
    """``name`` without folders, control characters or a leading dot, so it lands where asked and is seen."""
    clean = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in Path(name).name).lstrip(".")
    return clean or "file"


def _write_new(folder: Path, name: str, data: bytes) -> Path:
    stem, suffix = os.path.splitext(name)
    for n in range(1, 1000):
        path = folder / (name if n == 1 else f"{stem} ({n}){suffix}")
        if path.exists() or path.is_symlink():
            continue
        try:
            return write_private(path, data)
        except UsageError:  # taken since we looked
            continue
    raise UsageError(f"Too many files named like {name} in {folder}; choose an empty folder. It was not written.")
