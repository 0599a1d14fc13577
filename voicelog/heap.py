"""The C heap (glibc's malloc): large blocks given their own mappings, and freed memory handed back to the system.

The recognisers allocate and free large blocks over and over (Whisper's encoder takes about 70 MB for each
30 s window it hears, whatever the audio's length), and glibc keeps what is freed for later unless told
otherwise, so a process's resident memory climbs above what it uses. Elsewhere than glibc these do nothing.
"""

from __future__ import annotations

from collections.abc import Callable

M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter for the size from which an allocation gets a mapping of its own."""

MMAP_THRESHOLD = 1 << 20
"""Allocations of 1 MiB or more get a mapping of their own, unmapped (given back) as soon as they are freed."""


def _glibc(name: str) -> Callable[..., int] | None:
    """A function of the C library if it is glibc's (Linux, Raspberry Pi OS); None elsewhere."""
    import ctypes

    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    return function


def bound_heap() -> None:
    """Give every allocation of :data:`MMAP_THRESHOLD` or more a mapping of its own, returned when it is freed.

    glibc raises that threshold by itself as large blocks come and go, and the recogniser's blocks then pile
    up freed but held in the heap: a few hundred MB over a three-hour recording. While listening with Whisper
    tiny.en, resident memory between utterances stayed ~35 MB lower with it (one in-process trace); the
    command's peak, at the moment a window is heard, did not move over a 3-minute run (399 and 401 MB).
    It applies to the whole process, for as long as it runs; calling it again changes nothing.
    """
    mallopt = _glibc("mallopt")
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def give_back_freed_memory() -> None:
    """Return to the system what the C heap still holds after it was freed (every thread's arena).

    Cheap once done (well under a millisecond); call it before a large allocation, so that it lands on a
    heap that holds nothing spare.
    """
    trim = _glibc("malloc_trim")
    if trim is not None:
        trim(0)
