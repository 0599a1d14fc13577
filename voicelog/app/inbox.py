"""A phone inbox: every new recording in a folder (one a phone syncs to) stored once as an entry.

A recording already imported is known by a keyed hash of its content (HMAC-SHA256), kept beside the diary in
``<diary>.imported`` (``0o600``) with its random key. Someone holding the device learns from that file how many
recordings were imported, nothing about what they say; with the key beside it, they could only test whether a
copy of a recording they already hold was imported (the diary's own rows say as much). Files a sync tool is still
writing (its temporary names, or a file changed in the last few seconds) are left for the next run. An original
is deleted, when the person asks, only after its entry is stored with its audio.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from voicelog.app.dictate import dictate, file_input
from voicelog.app.safekeeping import AccountNotStored, UnopenedDiary
from voicelog.engines.base import Engine
from voicelog.errors import AudioError, DiaryError, NoSpeechError, UsageError
from voicelog.settings import DictateSettings
from voicelog.store.diary import Diary

Outcome = Literal["stored", "already imported", "waiting", "refused", "not stored"]
"""What became of one file: stored as an entry; imported before; left for next time (still being written);
refused (not audio, damaged, silent, no words heard); or heard but the diary did not take it (the import stops)."""

SETTLE_SECONDS = 10.0
"""A file changed more recently than this may still be growing: it is left for the next run."""

_TEMPORARY_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", ".temp")
_STATE_HEADER = "voicelog-imported-1"
_READ_BLOCK = 1 << 20


def state_path(diary: Path) -> Path:
    """Where the keyed hashes of a diary's imported recordings are kept: beside it, as ``<diary>.imported``."""
    return diary.with_name(diary.name + ".imported")


def temporary_name(name: str) -> bool:
    """Whether ``name`` is a sync tool's or browser's file still being written (Syncthing, ``~`` files, ...)."""
    lower = name.lower()
    return (name.startswith("~") or (lower.startswith(".syncthing.") and lower.endswith(".tmp"))
            or lower.endswith(_TEMPORARY_SUFFIXES))


class ImportedState:
    """The keyed hashes of recordings already imported into one diary (content, and the file as it was seen)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._content: set[str] = set()
        self._seen: set[str] = set()
        if path.exists():
            self._key = self._load()
        else:
            self._key = secrets.token_bytes(32)
            self._append(f"{_STATE_HEADER}\nkey {self._key.hex()}\n", create=True)

    def _load(self) -> bytes:
        try:
            lines = self.path.read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise DiaryError(f"The list of imported recordings {self.path} cannot be read ({exc}); move it aside "
                             "to start afresh (recordings still in the folder are then imported again).") from exc
        if len(lines) < 2 or lines[0] != _STATE_HEADER or not lines[1].startswith("key "):
            raise DiaryError(f"The list of imported recordings {self.path} is not one voicelog wrote; move it "
                             "aside to start afresh (recordings still in the folder are then imported again).")
        for line in lines[2:]:
            kind, _, digest = line.partition(" ")
            (self._content if kind == "c" else self._seen).add(digest)
        return bytes.fromhex(lines[1][4:])

    def _append(self, text: str, *, create: bool = False) -> None:
        flags = os.O_WRONLY | os.O_APPEND | (os.O_CREAT | os.O_EXCL if create else 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise DiaryError(f"The list of imported recordings {self.path} cannot be written "
                             f"({exc.strerror or exc}); nothing was imported.") from exc
        try:
            os.write(fd, text.encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def content_hash(self, path: Path) -> str:
        """The keyed hash of a file's content, read a block at a time."""
        mac = hmac.new(self._key, digestmod=hashlib.sha256)
        with open(path, "rb") as f:
            while block := f.read(_READ_BLOCK):
                mac.update(block)
        return mac.hexdigest()

    def fingerprint(self, path: Path, stat: os.stat_result) -> str:
        """The keyed hash of a file's name, size and modification time: known files are not read again."""
        seen = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
        return hmac.new(self._key, seen, hashlib.sha256).hexdigest()

    def seen(self, fingerprint: str) -> bool:
        """This file, unchanged, was imported (or found to be a duplicate) before."""
        return fingerprint in self._seen

    def imported(self, content_hash: str) -> bool:
        """A recording with this content was imported before."""
        return content_hash in self._content

    def add(self, content_hash: str, fingerprint: str) -> None:
        """Remember a recording as imported (written and fsynced at once)."""
        lines = ""
        if content_hash not in self._content:
            lines += f"c {content_hash}\n"
        if fingerprint not in self._seen:
            lines += f"f {fingerprint}\n"
        if lines:
            self._append(lines)
        self._content.add(content_hash)
        self._seen.add(fingerprint)


@dataclass(frozen=True)
class InboxFile:
    """What became of one file in the inbox."""

    path: Path
    """The file."""
    outcome: Outcome
    """Stored, already imported, waiting, refused or not stored."""
    reason: str | None = None
    """Why it was left or refused, in one sentence (never the account's words)."""
    entry_seq: int | None = None
    """The new entry, when stored."""
    dated: str | None = None
    """How the entry was dated (``dated 2026-03-14 09:12 from the recording's own metadata``)."""
    deleted: bool = False
    """The original was deleted after its entry was stored with its audio (``--delete-imported``)."""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {"path": str(self.path), "outcome": self.outcome, "reason": self.reason, "entry": self.entry_seq,
                "dated": self.dated, "deleted": self.deleted}


@dataclass(frozen=True)
class InboxImport:
    """One run over an inbox folder."""

    folder: Path
    """The folder."""
    files: tuple[InboxFile, ...]
    """Every file looked at, in the order they were."""
    stopped: str | None = None
    """Why the run stopped before the end (the diary did not take an account), or None."""

    def count(self, outcome: Outcome) -> int:
        """How many files had ``outcome``."""
        return sum(1 for f in self.files if f.outcome == outcome)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        outcomes: tuple[Outcome, ...] = ("stored", "already imported", "waiting", "refused", "not stored")
        return {"folder": str(self.folder), "files": [f.to_dict() for f in self.files],
                "counts": {o: self.count(o) for o in outcomes}, "stopped": self.stopped}


def inbox_files(folder: Path) -> list[Path]:
    """The files in ``folder`` and its subfolders, by path; hidden files and folders (``.stversions``) left out."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise UsageError(f"The inbox {folder} {what}; give the folder your phone's recordings arrive in.")
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / n for n in names if not n.startswith(".") or temporary_name(n)]
    return sorted(found)


def import_inbox(folder: Path, settings: DictateSettings, diary: Diary | UnopenedDiary, *, state: ImportedState,
                 load_engine: Callable[[], Engine], delete_imported: bool = False,
                 settle_seconds: float = SETTLE_SECONDS, now: Callable[[], float] = time.time,
                 on_file: Callable[[InboxFile], None] | None = None,
                 on_start: Callable[[int], None] | None = None) -> InboxImport:
    """Store every recording in ``folder`` not imported before as an entry of ``diary``, once.

    The recogniser is loaded (``load_engine``) only when there is something new to hear, and once. ``on_start``
    is told how many files there are; ``on_file`` each file's outcome as it is known. A file that is not a
    recording is refused and the rest go on; when the diary does not take an account, the run stops there
    (:attr:`InboxImport.stopped`) and the account is kept as ``dictate`` keeps it.
    """
    if delete_imported and not settings.keep_audio:
        raise UsageError("--delete-imported deletes a recording only once it is kept with its entry, and "
                         "--no-audio keeps none; leave one of them out.")
    engine: list[Engine] = []

    def engine_once() -> Engine:
        if not engine:
            engine.append(load_engine())
        return engine[0]

    paths = inbox_files(folder)
    if on_start is not None:
        on_start(len(paths))
    done: list[InboxFile] = []
    stopped: str | None = None
    for result in _each(paths, settings, diary, state, engine_once, delete_imported, settle_seconds, now):
        done.append(result)
        if on_file is not None:
            on_file(result)
        if result.outcome == "not stored":
            stopped = result.reason
            break
    return InboxImport(folder, tuple(done), stopped)


def _each(paths: list[Path], settings: DictateSettings, diary: Diary | UnopenedDiary, state: ImportedState,
          engine: Callable[[], Engine], delete_imported: bool, settle_seconds: float,
          now: Callable[[], float]) -> Iterator[InboxFile]:
    for path in paths:
        if temporary_name(path.name):
            yield InboxFile(path, "waiting", "a sync tool's temporary file: it is still being copied")
            continue
        try:
            before = path.stat()
        except OSError:
            continue  # gone since the folder was listed (a sync tool renamed it): the next run sees it
        fingerprint = state.fingerprint(path, before)
        if state.seen(fingerprint):
            yield InboxFile(path, "already imported")
            continue
        if now() - before.st_mtime < settle_seconds:
            yield InboxFile(path, "waiting", "it changed in the last few seconds and may still be growing")
            continue
        try:
            digest = state.content_hash(path)
            after = path.stat()
        except OSError as exc:
            yield InboxFile(path, "refused", f"it cannot be read ({exc.strerror or exc})")
            continue
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            yield InboxFile(path, "waiting", "it changed while it was read and may still be growing")
            continue
        if state.imported(digest):
            state.add(digest, fingerprint)
            yield InboxFile(path, "already imported")
            continue
        yield _store(path, settings, diary, state, engine, delete_imported, digest, fingerprint)


def _store(path: Path, settings: DictateSettings, diary: Diary | UnopenedDiary, state: ImportedState,
           engine: Callable[[], Engine], delete_imported: bool, digest: str, fingerprint: str) -> InboxFile:
    try:
        source = file_input(path)
        done = dictate(source, settings, diary, load_engine=engine)
    except NoSpeechError:
        return InboxFile(path, "refused", "no words were recognised in it")
    except AccountNotStored as exc:
        if exc.kept.place in ("journal", "fallback"):  # whole and sealed: `voicelog recover` makes its entry
            _remember(state, digest, fingerprint)  # so the next import does not make a second one
        return InboxFile(path, "not stored", str(exc))
    except AudioError as exc:
        return InboxFile(path, "refused", str(exc))
    except DiaryError as exc:
        return InboxFile(path, "not stored", str(exc))
    _remember(state, digest, fingerprint)  # after the entry is stored: a crash in between imports it again
    deleted = False
    if delete_imported and done.entry.has_audio:
        try:
            path.unlink()
            deleted = True
        except OSError:
            pass  # stored all the same; the next run knows it by its hash
    return InboxFile(path, "stored", done.warning, done.entry.seq, source.dated, deleted)


def _remember(state: ImportedState, digest: str, fingerprint: str) -> None:
    """Note a recording as imported; a list that cannot be written (a full disk) means a duplicate later, no loss."""
    try:
        state.add(digest, fingerprint)
    except DiaryError:
        pass
