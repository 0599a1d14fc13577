"""The one background pump for audio: capture goes on while the models load."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundReader(Generic[T]):
    """Pulls items from ``source`` on a thread from now on, so audio is captured while models load.

    An exception in ``source`` is raised in the consuming thread; :meth:`drain`
    waits for the source to end and returns what the consumer left.
    """

    def __init__(self, source: Iterable[T], *, name: str = "voicelog-capture") -> None:
        self._queue: queue.Queue[T | _End | BaseException] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(source,), name=name, daemon=True)
        self._thread.start()

    def _pump(self, source: Iterable[T]) -> None:
        try:
            for item in source:
                self._queue.put(item)
        except BaseException as exc:
            self._queue.put(exc)
        finally:
            self._queue.put(_END)

    def __iter__(self) -> Iterator[T]:
        while True:
            try:
                item = self._queue.get(timeout=0.5)  # a timeout keeps signal handlers responsive
            except queue.Empty:
                continue
            if isinstance(item, _End):
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def drain(self, timeout: float = 5.0) -> list[T]:
        """Wait up to ``timeout`` seconds for ``source`` to end; return the items nobody consumed."""
        self._thread.join(timeout=timeout)
        left: list[T] = []
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if not isinstance(item, (_End, BaseException)):
                left.append(item)
        return left


class _End:
    """Marks the end of a :class:`BackgroundReader` source (None may be a real item)."""


_END = _End()


def stop_after(chunks: Iterable[T], stop: Callable[[], None]) -> Iterator[T]:
    """Pass ``chunks`` through, then call ``stop`` (stop the microphone once the speaker is done)."""
    yield from chunks
    stop()
