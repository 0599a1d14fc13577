"""The one background pump for audio: capture goes on while the models load."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_WAIT = 0.5
"""Seconds a blocked put or get waits before looking again (keeps signal handlers and :meth:`close` responsive)."""


class BackgroundReader(Generic[T]):
    """Pulls items from ``source`` on a thread from now on, so audio is captured while models load.

    An exception in ``source`` is raised in the consuming thread; :meth:`drain`
    waits for the source to end and returns what the consumer left. With
    ``max_items`` the thread reads at most that many items ahead of the consumer
    and then waits for it (a file, which can be read far faster than it is
    heard); without it nothing is ever held back (a microphone, which cannot wait).
    """

    def __init__(self, source: Iterable[T], *, name: str = "voicelog-capture", max_items: int = 0) -> None:
        self._queue: queue.Queue[T | _End | BaseException] = queue.Queue(max_items)
        self._closed = threading.Event()
        self._ended = False  # the consumer has taken the end of the source
        self._thread = threading.Thread(target=self._pump, args=(source,), name=name, daemon=True)
        self._thread.start()

    def _pump(self, source: Iterable[T]) -> None:
        try:
            for item in source:
                if not self._put(item):
                    return  # closed: nobody takes any more
        except BaseException as exc:
            self._put(exc)
        finally:
            self._put(_END)

    def _put(self, item: T | _End | BaseException) -> bool:
        while not self._closed.is_set():
            try:
                self._queue.put(item, timeout=_WAIT)
            except queue.Full:
                continue
            return True
        return False

    def __iter__(self) -> Iterator[T]:
        while True:
            try:
                item = self._queue.get(timeout=_WAIT)  # a timeout keeps signal handlers responsive
            except queue.Empty:
                continue
            if isinstance(item, _End):
                self._ended = True
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def drain(self, timeout: float = 5.0) -> list[T]:
        """Wait up to ``timeout`` seconds for ``source`` to end; return the items nobody consumed."""
        left: list[T] = []
        deadline = time.monotonic() + timeout
        while not self._ended and (wait := deadline - time.monotonic()) > 0:  # taking: a bounded source waits
            try:
                item = self._queue.get(timeout=min(wait, _WAIT))
            except queue.Empty:
                continue
            if isinstance(item, _End):
                self._ended = True
            elif not isinstance(item, BaseException):
                left.append(item)
        return left

    def close(self, timeout: float = 1.0) -> bool:
        """Stop reading ``source``: what was read ahead is dropped, and the thread, which ends at its next item, is
        waited for up to ``timeout`` seconds (so that it no longer touches what the source feeds).

        Returns whether the thread ended, its source closed: a microphone must be released before the process
        exits, or PortAudio's exit handler closes the stream a second time, at once, and never returns.
        """
        self._closed.set()
        while not self._queue.empty():
            self._queue.get_nowait()
        self._thread.join(timeout=timeout)
        return not self._thread.is_alive()


class _End:
    """Marks the end of a :class:`BackgroundReader` source (None may be a real item)."""


_END = _End()


def stop_after(chunks: Iterable[T], stop: Callable[[], None]) -> Iterator[T]:
    """Pass ``chunks`` through, then call ``stop`` (stop the microphone once the speaker is done)."""
    yield from chunks
    stop()
