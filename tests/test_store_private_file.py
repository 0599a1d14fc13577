"""voicelog.store.private_file: private files on a real file system, including a full one."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from voicelog.errors import DiaryError, UsageError
from voicelog.store.private_file import write_private


@pytest.fixture(params=[0o022, 0o000, 0o277], ids=["umask-022", "umask-000", "umask-277"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_new_file_is_readable_only_by_its_owner_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    out = write_private(tmp_path / "entry-3.wav", b"RIFF....")
    assert out == tmp_path / "entry-3.wav"
    assert out.read_bytes() == b"RIFF...." and _mode(out) == 0o600
    replaced = write_private(out, b"again", overwrite=True)
    assert replaced.read_bytes() == b"again" and _mode(replaced) == 0o600


def test_a_writer_function_gets_the_open_binary_file(tmp_path: Path) -> None:
    def write(fh: BinaryIO) -> None:
        fh.write(b"first ")
        fh.write(b"second")

    assert write_private(tmp_path / "out.bin", write).read_bytes() == b"first second"


def test_an_existing_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "log.html"
    out.write_text("keep me")
    out.chmod(0o644)
    with pytest.raises(UsageError) as caught:
        write_private(out, b"new")
    assert str(caught.value) == f"{out} already exists; choose another name, or add --force to replace it."
    assert out.read_text() == "keep me" and _mode(out) == 0o644
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "nowhere.html")  # a dangling link is a name in use too: nothing is written through it
    with pytest.raises(UsageError):
        write_private(link, b"new")
    assert not (tmp_path / "nowhere.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "log.html"]


def test_overwrite_replaces_the_whole_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "log.html"
    out.write_text("the old, longer report " * 100)
    out.chmod(0o644)
    assert write_private(out, b"new", overwrite=True).read_bytes() == b"new"
    assert _mode(out) == 0o600
    assert write_private(tmp_path / "fresh.html", b"made", overwrite=True).read_bytes() == b"made"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.html", "log.html"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_failing_writer_leaves_no_file_and_the_old_one_whole(tmp_path: Path, overwrite: bool) -> None:
    class Broken(Exception):
        pass

    def half_then_fail(fh: BinaryIO) -> None:
        fh.write(b"half an account" * 1000)
        fh.flush()
        raise Broken("the encoder gave up")

    new = tmp_path / "new.wav"
    with pytest.raises(Broken):  # not an OSError: raised as it is, after the clean-up
        write_private(new, half_then_fail, overwrite=overwrite)
    assert not new.exists()
    if overwrite:
        old = tmp_path / "old.wav"
        old.write_bytes(b"the old recording")
        with pytest.raises(Broken):
            write_private(old, half_then_fail, overwrite=True)
        assert old.read_bytes() == b"the old recording"
    assert [p.name for p in tmp_path.iterdir()] == (["old.wav"] if overwrite else [])


def test_an_os_error_in_the_writer_is_one_sentence_and_leaves_nothing(tmp_path: Path) -> None:
    def no_space(fh: BinaryIO) -> None:
        fh.write(b"part")
        raise OSError(28, "No space left on device")

    out = tmp_path / "backup.db"
    with pytest.raises(DiaryError) as caught:
        write_private(out, no_space)
    assert str(caught.value) == f"Could not write {out} (No space left on device); nothing was written."
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_or_a_folder_in_the_way_is_a_diary_error(tmp_path: Path) -> None:
    missing = tmp_path / "not here" / "log.html"
    with pytest.raises(DiaryError) as caught:
        write_private(missing, b"x")
    assert str(caught.value) == f"Could not write {missing} (No such file or directory); nothing was written."
    with pytest.raises(DiaryError):
        write_private(missing, b"x", overwrite=True)
    folder = tmp_path / "a folder"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(DiaryError, match="nothing was written"):
        write_private(folder, b"x", overwrite=True)
    assert (folder / "inside").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder"]


_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from voicelog.errors import DiaryError
    from voicelog.store.private_file import write_private
    try:
        write_private(Path(sys.argv[1]), b"x" * 200_000, overwrite=sys.argv[2] == "overwrite")
    except DiaryError as exc:
        print(exc)
        sys.exit(3)
""")


def _on_a_full_disk(path: Path, *, overwrite: bool) -> subprocess.CompletedProcess[str]:
    """Write 200 KB to ``path`` in a process whose files may not grow past 64 KB, as on a nearly full disk."""
    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process

    return subprocess.run([sys.executable, "-c", _CHILD, str(path), "overwrite" if overwrite else "new"],
                          capture_output=True, text=True, check=False, preexec_fn=small_disk, timeout=60,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.slow
def test_a_full_disk_gives_a_diary_error_and_leaves_nothing(tmp_path: Path) -> None:
    new = tmp_path / "report.html"
    r = _on_a_full_disk(new, overwrite=False)
    assert r.returncode == 3, r.stderr
    assert r.stdout.strip() == f"Could not write {new} (File too large); nothing was written."
    assert list(tmp_path.iterdir()) == []

    old = tmp_path / "old.html"
    old.write_bytes(b"the old report")
    r = _on_a_full_disk(old, overwrite=True)
    assert r.returncode == 3, r.stderr
    assert "nothing was written" in r.stdout
    assert old.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["old.html"]
