"""``voicelog.app.pump``: capture goes on in the background while the consumer is busy, and nothing is lost."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from voicelog.app.pump import BackgroundReader, stop_after


def test_items_are_read_ahead_while_the_consumer_is_busy() -> None:
    read: list[int] = []
    all_read = threading.Event()

    def source() -> Iterator[int]:
        for i in range(5):
            read.append(i)
            yield i
        all_read.set()

    reader = BackgroundReader(source())
    assert all_read.wait(5), "the source was not read before anyone consumed it"  # as models load
    assert list(reader) == [0, 1, 2, 3, 4] == read


def test_what_the_consumer_leaves_is_drained() -> None:
    reader = BackgroundReader(iter(range(10)))
    taken = []
    for item in reader:
        taken.append(item)
        if item == 3:
            break
    assert taken + reader.drain() == list(range(10))


def test_an_error_in_the_source_reaches_the_consumer() -> None:
    def failing() -> Iterator[bytes]:
        yield b"\0\0"
        raise OSError("the microphone went away")

    reader = BackgroundReader(failing())
    got = []
    with pytest.raises(OSError, match="went away"):
        for chunk in reader:
            got.append(chunk)
    assert got == [b"\0\0"]


def test_stop_after_tells_the_source_once_the_consumer_is_done() -> None:
    stopped: list[float] = []
    chunks = stop_after(iter([b"a", b"b"]), lambda: stopped.append(time.monotonic()))
    assert next(chunks) == b"a" and not stopped
    assert list(chunks) == [b"b"] and len(stopped) == 1
