"""A pytest plugin that fails a test not marked ``slow`` which starts a process or loads a speech model
(not a test module; conftest.py registers :class:`SlowGuard`).

The guard watches each phase (setup, call, teardown) of every test without the ``slow`` marker; whatever
the phase started is reported as a failure of that phase, so `pytest -m "not slow"` stays a fast inner
loop. It only watches: a process still starts and a model still loads, so the test behaves as without it.

What counts: anything Python audits as starting a program (``subprocess``, ``os.system``, ``os.fork``,
``os.posix_spawn``, ``os.exec*``), a ``multiprocessing`` process, and a ``vosk.Model`` or
``faster_whisper.WhisperModel`` being built. Programs run from C code (PortAudio's plugins) are not seen,
and neither is ``ctypes.util.find_library`` asking ``ldconfig`` where a library is (sounddevice does it once,
when it is first imported): that is a library lookup, not a test starting a program.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import multiprocessing.process
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest

PROCESS_EVENTS = frozenset({"subprocess.Popen", "os.system", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn",
                            "os.exec"})
"""Audit events raised when Python starts a program or forks."""

LIBRARY_LOOKUP = ("/ctypes/util.py",)
"""Where a started program is only a shared-library lookup (ldconfig -p, gcc, ld), not the test's own."""

MODEL_CLASSES = {"vosk": "Model", "faster_whisper": "WhisperModel"}
"""The speech models' constructors, by the module that defines them."""

_seen: list[str] | None = None
"""What the test being watched started, or None while no test is watched."""


def _note(what: str) -> None:
    if _seen is not None:
        _seen.append(what)


def _finding_a_library() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.endswith(LIBRARY_LOOKUP):
            return True
        frame = frame.f_back
    return False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Called for every audited event in the process: return at once unless a watched test starts a program.
    if _seen is None or event not in PROCESS_EVENTS or _finding_a_library():
        return
    program = args[0] if args else ""
    if event == "subprocess.Popen" and len(args) > 1:  # (executable, args, cwd, env): name the command line
        program = args[1] if isinstance(args[1], str) else " ".join(str(a) for a in args[1][:3])
    if isinstance(program, bytes):
        program = program.decode(errors="replace")
    _note(f"{event}: {program}")


def _watch_constructor(module: ModuleType, name: str) -> None:
    cls = getattr(module, name, None)
    if cls is None or getattr(cls.__init__, "_slow_guard", False):
        return
    original: Callable[..., None] = cls.__init__
    # Only the name is kept: holding the module would keep it alive to the end of the interpreter, whose last
    # clean-up then empties its globals before vosk.Model.__del__ runs (and that needs them).
    what = f"{module.__name__}.{name}(): loads a speech model"

    @functools.wraps(original)
    def watched_init(self: object, *args: object, **kwargs: object) -> None:
        _note(what)
        original(self, *args, **kwargs)

    watched_init._slow_guard = True  # type: ignore[attr-defined]
    cls.__init__ = watched_init


def _then_watch(exec_module: Callable[[ModuleType], None], fullname: str) -> Callable[[ModuleType], None]:
    def exec_and_watch(module: ModuleType) -> None:
        exec_module(module)
        _watch_constructor(module, MODEL_CLASSES[fullname])

    return exec_and_watch


class _ModelImports(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when another finder finds a speech library, watches its model class once loaded."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None,
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MODEL_CLASSES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader.exec_module = _then_watch(spec.loader.exec_module, fullname)  # type: ignore[method-assign]
                return spec
        return None


def _watch_process_start() -> None:
    start = multiprocessing.process.BaseProcess.start
    if getattr(start, "_slow_guard", False):
        return

    @functools.wraps(start)
    def watched_start(self: multiprocessing.process.BaseProcess) -> None:
        _note(f"multiprocessing: {self.name}")
        start(self)

    watched_start._slow_guard = True  # type: ignore[attr-defined]
    multiprocessing.process.BaseProcess.start = watched_start  # type: ignore[method-assign]


_installed = False


def install() -> None:
    """Start watching (once per process; audit hooks cannot be removed, so they stay and check a flag)."""
    global _installed
    if _installed:
        return
    _installed = True
    sys.addaudithook(_audit)
    _watch_process_start()
    sys.meta_path.insert(0, _ModelImports())
    for name, cls in MODEL_CLASSES.items():  # already imported before the guard was installed
        module = sys.modules.get(name)
        if module is not None:
            _watch_constructor(module, cls)


@contextmanager
def watching() -> Iterator[list[str]]:
    """Collect what starts inside the block; a nested block (a test run by a test) passes its finds outward."""
    global _seen
    outer, _seen = _seen, []
    try:
        yield _seen
    finally:
        if outer is not None:
            outer.extend(_seen)
        _seen = outer


def message(phase: str, seen: list[str]) -> str:
    """Why the phase fails."""
    listed = "\n".join(f"  {what}" for what in dict.fromkeys(seen))
    return (f"this test is not marked slow, yet its {phase} started a process or loaded a speech model:\n{listed}\n"
            "mark it @pytest.mark.slow, or check it in-process (click's CliRunner) without a recogniser")


FINDS = pytest.StashKey[dict[str, list[str]]]()
"""What each phase of a watched test started."""


class SlowGuard:
    """The plugin: watches the phases of every test not marked slow and fails the phase that started something."""

    def pytest_configure(self, config: pytest.Config) -> None:
        install()

    def _watch(self, item: pytest.Item, phase: str) -> Iterator[None]:
        if item.get_closest_marker("slow") is not None:
            yield
            return
        with watching() as seen:
            yield
        item.stash.setdefault(FINDS, {})[phase] = seen

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Iterator[None]:
        yield from self._watch(item, "setup")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        yield from self._watch(item, "call")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Iterator[None]:
        yield from self._watch(item, "teardown")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
        outcome = yield
        report = outcome.get_result()  # type: ignore[attr-defined]
        seen = item.stash.get(FINDS, {}).get(call.when)
        if not seen:
            return
        if report.failed:
            report.sections.append(("slow guard", message(call.when, seen)))
        else:
            report.outcome = "failed"
            report.longrepr = message(call.when, seen)
