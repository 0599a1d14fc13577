"""``voicelog.heap``: large blocks given back when freed, and the freed rest of the C heap returned, seen in the
process's own resident memory (glibc on Linux; elsewhere the functions do nothing and these tests skip)."""

from __future__ import annotations

import ctypes
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from voicelog import heap

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc" or not Path("/proc/self/status").exists(),
                                reason="glibc's malloc on Linux only")


def _rss_mib() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


# A fresh process frees one 8 MiB block (mapped: glibc then raises its threshold to 8 MiB), then makes and frees
# a second one, and says how much of it stayed resident.
_TWICE = """
import sys
from pathlib import Path
from voicelog import heap
def rss():
    return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
if sys.argv[1] == "bounded":
    heap.bound_heap()
block = b"\\x01" * (8 << 20)
del block
before = rss()
block = b"\\x01" * (8 << 20)
del block
print(rss() - before)
"""


@pytest.mark.slow
def test_a_freed_large_block_is_given_back_once_the_heap_is_bounded() -> None:
    def kept(mode: str) -> float:
        run = subprocess.run([sys.executable, "-c", _TWICE, mode], capture_output=True, text=True, check=True)
        return float(run.stdout)

    assert kept("default") > 6  # glibc's own way: the second block came from the heap and stays there, freed
    assert kept("bounded") < 2


def test_freed_heap_memory_is_given_back() -> None:
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size, n = 64 << 10, 400  # 25 MiB in blocks under any mapping threshold: they come from the heap
    blocks = [libc.malloc(size) for _ in range(n)]
    for block in blocks:
        ctypes.memset(block, 1, size)
    for block in blocks[:-1]:  # the last one stays, so the freed space is not at the heap's top
        libc.free(block)
    held = _rss_mib()
    heap.give_back_freed_memory()
    given_back = held - _rss_mib()
    libc.free(blocks[-1])
    assert given_back > 20

