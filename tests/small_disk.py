"""A small real file system for full-disk tests: a tmpfs of a few MB mounted for one test (not a test module).

Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed the test is skipped and says why. The mount
is made with mount(2) through ctypes, so no process is started (the slow guard stays quiet), and it is
detached when the test ends, whatever happened.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import EXPECTED_SKIP

_MNT_DETACH = 2


class SmallDisk:
    """A tmpfs mounted at :attr:`path` that a test fills up and frees again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """The mount point: everything written under it shares the small disk."""
        self._filler = path / ".filler"

    def fill(self) -> None:
        """Take every free byte of the disk, as a runaway log or a phone backup would."""
        fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for block in (1 << 16, 1 << 12, 1 << 9, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
        finally:
            os.close(fd)

    def free(self) -> None:
        """Give the space back."""
        self._filler.unlink(missing_ok=True)

    @property
    def full(self) -> bool:
        """Whether a new 4 KB file would be refused now."""
        probe = self.path / ".probe"
        try:
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.write(fd, b"\0" * 4096)
            finally:
                os.close(fd)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                return True
            raise
        finally:
            probe.unlink(missing_ok=True)
        return False


@contextmanager
def small_disk(where: Path, size_kb: int = 4096) -> Iterator[SmallDisk]:
    """Mount a ``size_kb`` tmpfs at ``where`` (created) for the ``with`` block; skip the test if not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    libc = ctypes.CDLL(None, use_errno=True)  # the C library already loaded (Linux): no ldconfig lookup
    options = f"size={size_kb}k,mode=0700".encode()
    if libc.mount(b"tmpfs", str(where).encode(), b"tmpfs", 0, options) != 0:
        code = ctypes.get_errno()
        expected = f" {EXPECTED_SKIP}" if os.geteuid() != 0 else ""  # as root a refused mount is a surprise
        pytest.skip(f"a small tmpfs cannot be mounted here ({os.strerror(code)}): the full-disk tests need root "
                    f"or CAP_SYS_ADMIN{expected}")
    try:
        yield SmallDisk(where)
    finally:
        libc.umount2(str(where).encode(), _MNT_DETACH)
