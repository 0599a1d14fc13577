"""Which matrix multiply spaCy's networks use: numpy's (OpenBLAS, held to one thread) where blis would run its
generic kernel, blis everywhere else.

thinc multiplies with blis unless told otherwise. blis picks its kernel for the CPU when first used, from those its
wheel was built with: the x86-64 wheel has Intel Haswell's and a generic one in plain C, so on other x86-64 CPUs
(AMD's among them) it runs the generic one, where numpy's OpenBLAS tags the same words with the same answers in
about a fifth less time (this 2-core AMD EPYC: spaCy 5.1 -> 4.2 ms CPU per account). blis's aarch64 wheel (a
Raspberry Pi) is built for one kernel, Cortex-A57's NEON assembly, so it never reports generic there and nothing
changes on a Pi: both libraries use NEON there and which is faster has not been measured. An Intel CPU blis has a
kernel for keeps blis for the same reason.

OpenBLAS's own thread pool makes matrices this small several times slower (threads woken for every product), so
while spaCy runs it is held to one thread (threadpoolctl), and only then: numpy elsewhere in the process keeps its
own count. Without threadpoolctl, or without OpenBLAS under numpy, blis stays.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from threadpoolctl import ThreadpoolController

GENERIC = "generic"
"""blis's name for its plain-C kernel, the one numpy's matmul replaces."""

_ONE_AT_A_TIME = threading.Lock()
"""The thread limit is process-wide: two overlapping limits (the warm-up thread and the first account) would
each restore the count the other saved, in the wrong order."""


@lru_cache(maxsize=1)
def blis_kernel() -> str | None:
    """The kernel configuration blis chose for this CPU ("haswell", "cortexa57", "generic"), None if blis cannot
    be asked (not installed, or built without these functions)."""
    import ctypes
    import importlib.util

    try:
        spec = importlib.util.find_spec("blis.cy")
        if spec is None or spec.origin is None:
            return None
        lib = ctypes.CDLL(spec.origin)  # thinc has loaded it already: the same library, for two of its C functions
        lib.bli_arch_string.restype = ctypes.c_char_p
        name = lib.bli_arch_string(lib.bli_arch_query_id())
    except (ImportError, OSError, AttributeError):
        return None
    return name.decode() if isinstance(name, bytes) else None


@lru_cache(maxsize=1)
def _openblas() -> ThreadpoolController | None:
    """numpy's OpenBLAS, when blis would run its generic kernel and threadpoolctl can hold OpenBLAS's threads;
    otherwise None (blis stays). Asked once numpy is imported (spaCy imports it), so its library is found."""
    if blis_kernel() != GENERIC:
        return None
    try:
        import numpy  # noqa: F401  (loads the OpenBLAS that threadpoolctl looks for)
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    controller = ThreadpoolController().select(internal_api="openblas")
    return controller if controller.lib_controllers else None


def uses_numpy_matmul() -> bool:
    """Whether spaCy's pipeline is built to multiply with numpy (OpenBLAS) rather than blis on this machine."""
    return _openblas() is not None


def building_ops() -> AbstractContextManager[object]:
    """Around ``spacy.load``: thinc's layers take the ops current when they are built, so the whole pipeline
    (tok2vec, tagger, NER) multiplies with numpy where :func:`uses_numpy_matmul`; a no-op elsewhere."""
    if not uses_numpy_matmul():
        return nullcontext()
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Around running the pipeline: OpenBLAS held to one thread for the block when spaCy multiplies with it,
    its count restored after; one block at a time across threads. A no-op where blis stays."""
    controller = _openblas()
    if controller is None:
        yield
        return
    with _ONE_AT_A_TIME, controller.limit(limits=1):
        yield
