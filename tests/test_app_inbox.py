"""voicelog.app.inbox: a folder a phone syncs to, imported once (real recordings, a real diary, Whisper), with
files still being written left for next time and files that are not recordings skipped."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_WAV, TEST_PASSPHRASE
from phone_fixtures import PHONE_FORMATS, speech, write_jpeg, write_recording

from voicelog.app.inbox import ImportedState, InboxImport, import_inbox, inbox_files, state_path, temporary_name
from voicelog.engines.base import Engine
from voicelog.errors import UsageError
from voicelog.settings import DictateSettings, EngineSettings
from voicelog.store.opening import init_diary, open_for_reading, open_for_recording

SETTINGS = DictateSettings(engine=EngineSettings(engine="whisper"))
RECORDED = "2026-03-14T09:12:00Z"
AN_HOUR_AGO = time.time() - 3600


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def _settled(path: Path) -> Path:
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))  # synced a while ago, not growing
    return path


def _memo(folder: Path, name: str, kind: str = "m4a", *, times: int = 1) -> Path:
    samples, rate = speech(EXAMPLE_WAV)
    folder.mkdir(parents=True, exist_ok=True)
    return _settled(write_recording(folder / name, PHONE_FORMATS[kind], np.tile(samples, times), rate,
                                    metadata={"creation_time": RECORDED}))


class _Loads:
    """The engine, counting how often it is asked for."""

    def __init__(self, engine: Engine | None) -> None:
        self.engine, self.calls = engine, 0

    def __call__(self) -> Engine:
        self.calls += 1
        if self.engine is None:
            raise AssertionError("the recogniser was loaded with nothing to hear")
        return self.engine


def _run(folder: Path, diary_path: Path, engine: Engine | None, **kwargs: object) -> tuple[InboxImport, _Loads]:
    loads = _Loads(engine)
    with open_for_recording(diary_path) as diary:
        state = ImportedState(state_path(diary_path))
        run = import_inbox(folder, kwargs.pop("settings", SETTINGS), diary, state=state,  # type: ignore[arg-type]
                           load_engine=loads, **kwargs)  # type: ignore[arg-type]
    return run, loads


def _outcomes(run: InboxImport) -> dict[str, str]:
    return {f.path.relative_to(run.folder).as_posix(): f.outcome for f in run.files}


@pytest.mark.parametrize(("name", "temporary"), [
    (".syncthing.Recording 12.m4a.tmp", True),  # Syncthing on Linux and Android
    ("~syncthing~Recording 12.m4a.tmp", True),  # Syncthing on Windows
    ("~Recording 12.m4a", True),
    ("Recording 12.m4a.part", True),  # Firefox, KDE Connect
    ("Recording 12.m4a.crdownload", True),  # Chrome
    ("Recording 12.m4a", False),
    ("part 2 of the account.m4a", False),
])
def test_temporary_names(name: str, temporary: bool) -> None:
    assert temporary_name(name) is temporary


def test_nothing_new_loads_no_recogniser_and_says_why_each_file_was_left(tmp_path: Path, diary_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / ".syncthing.memo.m4a.tmp").write_bytes(b"\0" * 100)
    (inbox / "memo.m4a.part").write_bytes(b"\0" * 100)
    _settled(write_jpeg(inbox / "IMG_0412.jpg"))
    (inbox / "notes.txt").write_text("shopping list\n")
    _settled(inbox / "notes.txt")
    (inbox / ".stversions").mkdir()
    (inbox / ".stversions" / "old.m4a").write_bytes(b"kept by Syncthing, never imported")
    run, loads = _run(inbox, diary_path, None)
    assert _outcomes(run) == {".syncthing.memo.m4a.tmp": "waiting", "IMG_0412.jpg": "refused",
                              "memo.m4a.part": "waiting", "notes.txt": "refused"}
    assert loads.calls == 0
    reasons = {f.path.name: f.reason for f in run.files}
    assert "it looks like a JPEG image" in (reasons["IMG_0412.jpg"] or "")
    assert "still being copied" in (reasons["memo.m4a.part"] or "")


def test_a_missing_inbox_is_told(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        inbox_files(tmp_path / "nowhere")


def test_delete_imported_needs_the_audio_kept(tmp_path: Path, diary_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    with pytest.raises(UsageError, match="--no-audio keeps none"):
        _run(tmp_path / "inbox", diary_path, None, delete_imported=True,
             settings=DictateSettings(engine=EngineSettings(engine="whisper"), keep_audio=False))


def test_the_kept_hashes_are_keyed_private_and_name_nothing(tmp_path: Path, diary_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    memo = inbox / "Recording of Dennis at the gate.m4a"
    memo.write_bytes(b"not really audio")
    state = ImportedState(state_path(diary_path))
    digest = state.content_hash(memo)
    state.add(digest, state.fingerprint(memo, memo.stat()))
    assert digest != hashlib.sha256(memo.read_bytes()).hexdigest()  # keyed: not a hash anyone can look up
    assert stat.S_IMODE(state_path(diary_path).stat().st_mode) == 0o600
    text = state_path(diary_path).read_text()
    assert "Dennis" not in text and "Recording" not in text and str(inbox) not in text
    again = ImportedState(state_path(diary_path))  # read back from disk
    assert again.imported(digest) and again.content_hash(memo) == digest


@pytest.mark.slow
def test_importing_a_folder_twice_stores_each_recording_once(tmp_path: Path, diary_path: Path,
                                                             whisper_engine: Engine) -> None:
    inbox = tmp_path / "inbox"
    memo = _memo(inbox, "Recording 12.m4a")
    _memo(inbox / "voice notes", "note.ogg", "ogg", times=2)
    copy = inbox / "synced again" / "Recording 12.m4a"  # the same recording, synced twice
    copy.parent.mkdir()
    copy.write_bytes(memo.read_bytes())
    _settled(copy)
    (inbox / "notes.txt").write_text("not a recording\n")
    _settled(inbox / "notes.txt")

    first, loads = _run(inbox, diary_path, whisper_engine)
    assert _outcomes(first) == {"Recording 12.m4a": "stored", "notes.txt": "refused",
                                "synced again/Recording 12.m4a": "already imported", "voice notes/note.ogg": "stored"}
    assert loads.calls == 1  # loaded once, for both
    assert first.stopped is None
    stored = [f for f in first.files if f.outcome == "stored"]
    assert all(f.dated and "from the recording's own metadata" in f.dated for f in stored)

    copy.rename(inbox / "renamed.m4a")  # the phone renamed it: still the same recording
    second, loads = _run(inbox, diary_path, whisper_engine)
    assert _outcomes(second) == {"Recording 12.m4a": "already imported", "notes.txt": "refused",
                                 "renamed.m4a": "already imported", "voice notes/note.ogg": "already imported"}
    assert loads.calls == 0

    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        entries = diary.entries()
    assert sorted(e.source for e in entries) == ["file:Recording 12.m4a", "file:note.ogg"]
    expected = datetime(2026, 3, 14, 9, 12, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert all(e.recorded_at == expected.isoformat() and e.has_audio for e in entries)
    assert all(p.exists() for p in (memo, inbox / "renamed.m4a"))  # originals stay unless asked


@pytest.mark.slow
def test_a_growing_file_is_left_for_next_time(tmp_path: Path, diary_path: Path, whisper_engine: Engine) -> None:
    inbox = tmp_path / "inbox"
    memo = _memo(inbox, "Recording 13.m4a")
    os.utime(memo)  # written to a moment ago: it may still be growing
    first, loads = _run(inbox, diary_path, whisper_engine)
    assert _outcomes(first) == {"Recording 13.m4a": "waiting"} and loads.calls == 0
    assert "may still be growing" in (first.files[0].reason or "")
    _settled(memo)  # the copy has finished
    second, _ = _run(inbox, diary_path, whisper_engine)
    assert _outcomes(second) == {"Recording 13.m4a": "stored"}


@pytest.mark.slow
def test_delete_imported_deletes_only_what_was_stored_with_its_audio(tmp_path: Path, diary_path: Path,
                                                                      whisper_engine: Engine) -> None:
    inbox = tmp_path / "inbox"
    memo = _memo(inbox, "Recording 14.m4a")
    silent = _settled(write_recording(inbox / "pocket.m4a", PHONE_FORMATS["m4a"], speech(EXAMPLE_WAV)[0] * 0,
                                      16000))
    run, _ = _run(inbox, diary_path, whisper_engine, delete_imported=True)
    assert _outcomes(run) == {"Recording 14.m4a": "stored", "pocket.m4a": "refused"}
    assert [f.deleted for f in run.files] == [True, False]
    assert not memo.exists() and silent.exists()  # refused: kept for the person to look at
    with open_for_reading(diary_path, TEST_PASSPHRASE) as diary:
        [entry] = diary.entries()
    assert entry.has_audio


@pytest.mark.slow
def test_a_damaged_diary_stops_the_import_and_the_journaled_account_is_not_imported_twice(
        tmp_path: Path, diary_path: Path, whisper_engine: Engine) -> None:
    import shutil

    from voicelog.app.safekeeping import unopened_diary
    from voicelog.errors import DiaryError
    from voicelog.store.journal_reader import find_journals
    from voicelog.store.opening import journal_dir

    inbox = tmp_path / "inbox"
    first = _memo(inbox, "Recording 15.m4a")
    second = _memo(inbox, "Recording 16.m4a", times=2)
    backup = tmp_path / "backup.db"
    shutil.copyfile(diary_path, backup)
    diary_path.write_bytes(b"\x00garbage, not a diary\xff" * 512)
    with pytest.raises(DiaryError) as opening:
        open_for_recording(diary_path)
    with unopened_diary(diary_path, opening.value) as diary:
        run = import_inbox(inbox, SETTINGS, diary, state=ImportedState(state_path(diary_path)),
                           load_engine=lambda: whisper_engine, delete_imported=True)
    assert _outcomes(run) == {"Recording 15.m4a": "not stored"}  # the second is not tried on a failing diary
    assert run.stopped is not None and "kept in the journal" in run.stopped
    assert len(find_journals(journal_dir(diary_path))) == 1  # for `voicelog recover`
    assert first.exists() and second.exists()  # nothing deleted that is not an entry

    backup.replace(diary_path)  # restored: the import goes on where it stopped, without a second copy
    again, _ = _run(inbox, diary_path, whisper_engine)
    assert _outcomes(again) == {"Recording 15.m4a": "already imported", "Recording 16.m4a": "stored"}
