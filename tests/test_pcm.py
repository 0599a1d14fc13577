"""``voicelog.pcm``: the one audio format, and conversions between bytes and seconds."""

from __future__ import annotations

import numpy as np

from voicelog import pcm


def test_the_format_is_16_khz_mono_int16() -> None:
    assert (pcm.SAMPLE_RATE, pcm.SAMPLE_WIDTH, pcm.CHANNELS, pcm.FORMAT) == (16000, 2, 1, "s16le")
    one_second = np.zeros(pcm.SAMPLE_RATE, dtype="<i2").tobytes()
    assert len(one_second) == pcm.BYTES_PER_SECOND
    assert pcm.seconds(len(one_second)) == 1.0


def test_offsets_fall_on_sample_boundaries() -> None:
    for seconds in (0.0, 0.5, 1.23456, 7.0):
        offset = pcm.byte_offset(seconds)
        assert offset % pcm.SAMPLE_WIDTH == 0
        assert abs(pcm.seconds(offset) - seconds) < 1 / pcm.SAMPLE_RATE


def test_audio_is_cut_into_whole_sample_chunks_with_nothing_lost() -> None:
    audio = np.arange(16000 * 2 + 100, dtype="<i2").tobytes()
    pieces = pcm.chunks(audio, chunk_seconds=0.5)
    assert b"".join(pieces) == audio
    assert [len(p) for p in pieces[:-1]] == [pcm.byte_offset(0.5)] * 4 and len(pieces[-1]) == 200
