"""voicelog.audio.wav: reading real WAV files of every common format, and what a bad file is told."""

from __future__ import annotations

import re
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile
from audio_fixtures import (
    SPEECH_WAV,
    SR,
    TONE_AMP,
    TONE_DBFS,
    TONE_HZ,
    dominant_hz,
    needs_sox,
    noise,
    tone,
)

from voicelog.audio import is_silent, level_dbfs, open_wav, read_wav, wav_chunks
from voicelog.errors import AudioError


def format_tag(path: Path) -> int:
    """The WAVE fmt chunk's format tag (1 PCM, 3 float, 0xFFFE extensible)."""
    data = path.read_bytes()
    i = data.index(b"fmt ")
    return int(struct.unpack("<H", data[i + 8 : i + 10])[0])


@pytest.fixture(scope="module")
def speech_wav() -> Path:
    """Real speech (Piper, 22.05 kHz mono), committed in tests/fixtures."""
    return SPEECH_WAV


# --------------------------------------------------------------------------- read_wav formats


def sox_tone(*args: str) -> Callable[[Path, int, int], None]:
    """A writer that makes a 1 s, half-scale 440 Hz tone with sox and the given encoding options."""

    def write(path: Path, rate: int, channels: int) -> None:
        subprocess.run(
            [
                "sox",
                "-n",
                "-r",
                str(rate),
                "-c",
                str(channels),
                *args,
                str(path),
                "synth",
                "1.0",
                "sine",
                str(TONE_HZ),
                "vol",
                str(TONE_AMP),
            ],
            check=True,
            capture_output=True,
        )

    return write


def sf_tone(subtype: str) -> Callable[[Path, int, int], None]:
    """A writer that makes the same tone with soundfile in ``subtype``."""

    def write(path: Path, rate: int, channels: int) -> None:
        t = np.arange(rate) / rate
        x = TONE_AMP * np.sin(2 * np.pi * TONE_HZ * t)
        soundfile.write(str(path), np.repeat(x[:, None], channels, axis=1), rate, subtype=subtype)

    return write


FORMATS = [
    # id, writer, rate, channels, expected fmt tag (None: don't care)
    ("sox-u8", sox_tone("-b", "8", "-e", "unsigned-integer"), 16000, 1, 1),
    ("sox-s16", sox_tone("-b", "16"), 16000, 1, 1),
    ("sox-s24-extensible", sox_tone("-b", "24"), 16000, 1, 0xFFFE),
    ("sox-s32-extensible", sox_tone("-b", "32", "-e", "signed-integer"), 16000, 1, 0xFFFE),
    ("sox-f32", sox_tone("-b", "32", "-e", "floating-point"), 16000, 1, 3),
    ("sox-stereo", sox_tone("-b", "16"), 16000, 2, 1),
    ("sox-6ch-extensible", sox_tone("-b", "16"), 16000, 6, 0xFFFE),
    ("sox-44k1", sox_tone("-b", "16"), 44100, 1, 1),
    ("sox-48k-stereo-24", sox_tone("-b", "24"), 48000, 2, 0xFFFE),
    ("sox-8k", sox_tone("-b", "16"), 8000, 1, 1),
    ("sox-22k05", sox_tone("-b", "16"), 22050, 1, 1),
    ("sf-u8", sf_tone("PCM_U8"), 16000, 1, None),
    ("sf-s24-44k1", sf_tone("PCM_24"), 44100, 1, None),
    ("sf-s32-48k", sf_tone("PCM_32"), 48000, 1, None),
    ("sf-float-22k05-stereo", sf_tone("FLOAT"), 22050, 2, None),
    ("sf-double-11k025", sf_tone("DOUBLE"), 11025, 1, None),
]


SOX_CASE = [pytest.mark.slow, needs_sox]
"""Marks for a file written by sox, a separate program."""


@pytest.mark.parametrize(
    ("writer", "rate", "channels", "tag"),
    [pytest.param(*case[1:], id=case[0], marks=SOX_CASE if case[0].startswith("sox-") else ()) for case in FORMATS],
)
def test_read_wav_returns_16k_mono_int16_with_content_kept(
    tmp_path: Path, writer: Callable[[Path, int, int], None], rate: int, channels: int, tag: int | None
) -> None:
    path = tmp_path / "tone.wav"
    writer(path, rate, channels)
    if tag is not None:
        assert format_tag(path) == tag  # the file really is in the format under test
    samples = read_wav(path)
    assert open_wav(path).cut_short is None and open_wav(path).warning is None  # a whole file is not "cut short"
    assert samples.dtype == np.int16
    assert samples.ndim == 1
    assert len(samples) == pytest.approx(SR * 1.0, rel=0.01)
    assert dominant_hz(samples) == pytest.approx(TONE_HZ, abs=3)
    # Same level as written: averaging identical channels and resampling keep it.
    assert level_dbfs(samples[800:-800]) == pytest.approx(TONE_DBFS, abs=0.5)


def test_read_wav_16k_mono_16bit_is_bit_exact(tmp_path: Path) -> None:
    x = noise(0.7, -12, seed=3)
    path = tmp_path / "exact.wav"
    soundfile.write(str(path), x, SR, subtype="PCM_16")
    np.testing.assert_array_equal(read_wav(path), x)


def test_read_wav_downmix_averages_channels(tmp_path: Path) -> None:
    left = tone(1.0, dbfs=-10).astype(np.float64) / 32768
    path = tmp_path / "left-only.wav"
    soundfile.write(str(path), np.stack([left, np.zeros_like(left)], axis=1), 48000, subtype="PCM_16")
    # 1 s at 48 kHz is read as 1/3 s at 16 kHz; averaging with a silent channel halves it (-6 dB).
    samples = read_wav(path)
    assert len(samples) == round(16000 / 3)  # soxr rounds the length to the nearest sample
    assert level_dbfs(samples[200:-200]) == pytest.approx(-16.0, abs=0.3)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_resampling_removes_what_16k_cannot_hold(tmp_path: Path, rate: int) -> None:
    # A 10 kHz tone cannot exist at 16 kHz: it must be filtered out, not folded down to 6 kHz.
    path = tmp_path / "high.wav"
    soundfile.write(str(path), tone(1.0, hz=10000, dbfs=-6, rate=rate), rate, subtype="PCM_16")
    assert level_dbfs(read_wav(path)[800:-800]) < -70  # ends trimmed: the abrupt start is a click


def test_read_wav_keeps_speech(speech_wav: Path) -> None:
    info = soundfile.info(str(speech_wav))
    samples = read_wav(speech_wav)
    assert len(samples) == pytest.approx(info.duration * SR, rel=0.01)
    assert not is_silent(samples)


def test_read_wav_of_a_wav_cut_short_returns_what_is_there(tmp_path: Path) -> None:
    # A recording interrupted by a power cut: the header promises more than the file holds.
    full = tmp_path / "full.wav"
    soundfile.write(str(full), tone(2.0), SR, subtype="PCM_16")
    cut = tmp_path / "cut.wav"
    cut.write_bytes(full.read_bytes()[: 44 + SR * 2])  # header + 1 s
    assert len(read_wav(cut)) == pytest.approx(SR, rel=0.01)
    wav = open_wav(cut)
    assert wav.cut_short is not None and not wav.cut_short.mid_frame
    assert (wav.cut_short.promised_seconds, wav.cut_short.held_seconds) == (2.0, 1.0)
    assert wav.warning == (f"The WAV file {cut} was cut short (it holds 0:01 of the 0:02 its header promises; "
                           "the recording was interrupted or the copy is incomplete): what it holds is transcribed "
                           "and stored.")


def _cut(path: Path, keep: int) -> Path:
    """A copy of ``path`` with only its first ``keep`` bytes, as an interrupted copy leaves it."""
    cut = path.with_name("cut-" + path.name)
    cut.write_bytes(path.read_bytes()[:keep])
    return cut


@pytest.mark.parametrize(("format", "subtype", "endian", "channels"), [
    ("WAV", "PCM_16", "FILE", 2),
    ("WAV", "PCM_24", "FILE", 1),
    ("WAV", "FLOAT", "FILE", 2),
    ("WAV", "PCM_16", "BIG", 2),  # RIFX
    ("RF64", "PCM_16", "FILE", 2),
    ("WAVEX", "PCM_24", "FILE", 6),
])
def test_every_kind_of_wav_cut_short_is_read_as_far_as_it_goes_and_says_so(
        tmp_path: Path, format: str, subtype: str, endian: str, channels: int) -> None:
    path = tmp_path / "long.wav"
    x = tone(3.0, dbfs=-12).astype(np.float64) / 32768
    soundfile.write(str(path), np.repeat(x[:, None], channels, axis=1), SR, subtype=subtype, format=format,
                    endian=endian)
    whole = open_wav(path)
    assert whole.cut_short is None and whole.seconds == 3.0
    cut = open_wav(_cut(path, path.stat().st_size * 2 // 3))
    assert cut.cut_short is not None
    assert cut.cut_short.promised_seconds == 3.0 and 1.5 < cut.cut_short.held_seconds < 2.1
    samples = np.concatenate(list(cut.blocks()))
    assert len(samples) == round(cut.frames)  # 16 kHz in, 16 kHz out: every frame the file holds
    assert level_dbfs(samples[800:-800]) == pytest.approx(-12, abs=0.3)
    assert "was cut short (it holds 0:0" in (cut.warning or "")


def test_a_wav_cut_part_way_through_a_frame_says_its_last_frame_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    soundfile.write(str(path), np.zeros((SR, 2), dtype=np.int16) + 1000, SR, subtype="PCM_16")
    cut = open_wav(_cut(path, path.stat().st_size - 3))  # 1 byte of the last 4-byte frame is left
    assert cut.cut_short is not None and cut.cut_short.mid_frame
    assert cut.frames == SR - 1
    assert cut.warning is not None and "its last sample frame is incomplete" in cut.warning
    assert len(read_wav(cut.path)) == SR - 1


def _set_data_size(path: Path, size: int) -> Path:
    data = bytearray(path.read_bytes())
    i = data.index(b"data")
    data[i + 4 : i + 8] = struct.pack("<I", size)
    path.write_bytes(bytes(data))
    return path


def test_a_header_that_never_got_its_size_or_a_chunk_after_the_data_is_not_cut_short(tmp_path: Path) -> None:
    # A recorder writing to a pipe cannot go back to fill in the size; libsndfile reads to the end.
    streamed = tmp_path / "streamed.wav"
    soundfile.write(str(streamed), tone(1.0), SR, subtype="PCM_16")
    for placeholder in (0xFFFFFFFF, 0x7FFFFFFF):
        wav = open_wav(_set_data_size(streamed, placeholder))
        assert wav.cut_short is None and wav.frames == SR
    tagged = tmp_path / "tagged.wav"  # libsndfile writes a LIST/INFO chunk before the audio: it is walked over
    with soundfile.SoundFile(str(tagged), "w", SR, 1, "PCM_16", format="WAV") as f:
        f.title = "kitchen"
        f.write(tone(1.0))
    assert tagged.read_bytes().index(b"LIST") < tagged.read_bytes().index(b"data")
    assert open_wav(tagged).cut_short is None
    body = tagged.read_bytes()[12:] + b"LIST" + struct.pack("<I", 5) + b"INFOx\x00"  # odd size, padded
    trailing = tmp_path / "trailing.wav"  # and some recorders write one after it
    trailing.write_bytes(_riff(b"WAVE", body))
    assert open_wav(trailing).cut_short is None and open_wav(trailing).frames == SR


def test_a_long_wav_is_decoded_block_by_block(tmp_path: Path) -> None:
    # 44.1 kHz stereo: never more than one read (65,536 frames, about 1.5 s) is decoded at a time.
    path = tmp_path / "long.wav"
    x = noise(20.0, -20, seed=4)
    soundfile.write(str(path), np.stack([x, x], axis=1), 44100, subtype="PCM_16")  # 20 s at 16 kHz is 7.3 s here
    blocks = list(open_wav(path).blocks())
    assert len(blocks) >= 4
    assert max(len(b) for b in blocks) <= 65_536 * SR // 44100 + 1
    np.testing.assert_array_equal(np.concatenate(blocks), read_wav(path))
    chunks = list(open_wav(path).chunks(0.5))
    assert b"".join(chunks) == read_wav(path).tobytes() and {len(c) for c in chunks[:-1]} == {SR}


# --------------------------------------------------------------------------- read_wav errors


def _riff(form: bytes, body: bytes = b"") -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + form + body


def _valid_wav_bytes(tmp_path: Path) -> bytes:
    p = tmp_path / "valid.wav"
    soundfile.write(str(p), tone(0.5), SR, subtype="PCM_16")
    return p.read_bytes()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        (d / name).write_bytes(data)
        return d / name

    return make


def _directory(d: Path) -> Path:
    (d / "folder.wav").mkdir()
    return d / "folder.wav"


def _header_cut_short(d: Path) -> Path:
    path = d / "h.wav"
    path.write_bytes(_valid_wav_bytes(d)[:30])
    return path


def _zero_frames(d: Path) -> Path:
    path = d / "z.wav"
    soundfile.write(str(path), np.zeros(0, dtype=np.int16), SR, subtype="PCM_16")
    return path


MP3_FRAMES = b"\xff\xfb\x90\x64" + bytes(413)
BAD_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", lambda d: d / "nope.wav", "does not exist"),
    ("directory", _directory, "is a directory"),
    ("zero-bytes", _write("e.wav", b""), "is empty (0 bytes)"),
    ("text", _write("t.wav", b"I was followed home on Tuesday.\n"), "is not a WAV file (it looks like text)"),
    ("mp3", _write("m.wav", b"ID3\x04" + bytes(6) + MP3_FRAMES * 5), "is not a WAV file (it looks like MP3)"),
    ("mp3-no-id3", _write("m2.wav", MP3_FRAMES * 5), "is not a WAV file (it looks like MP3)"),
    (
        "riff-avi",
        _write("a.wav", _riff(b"AVI ", b"LIST" + bytes(200))),
        "is not a WAV file (it is a RIFF 'AVI ' file)",
    ),
    ("riff-cut-before-form", _write("r.wav", b"RIFF\x24\x00\x00"), "is truncated"),
    ("header-cut-short", _header_cut_short, "is damaged or truncated"),
    (
        "no-data-chunk",
        _write("n.wav", _riff(b"WAVE", b"junk" + struct.pack("<I", 4) + b"abcd")),
        "is damaged or truncated",
    ),
    ("zero-frames", _zero_frames, "holds no audio"),
]


@pytest.mark.parametrize(
    ("make", "message"), [pytest.param(make, msg, id=name) for name, make, msg in BAD_FILES]
)
def test_read_wav_errors_name_the_path_and_the_problem(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(AudioError) as raised:
        read_wav(path)
    text = str(raised.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text
    # wav_chunks checks the file when called, not at the first chunk.
    with pytest.raises(AudioError):
        wav_chunks(path)


def test_wav_chunks_are_half_second_pcm_that_add_up_to_read_wav(speech_wav: Path) -> None:
    chunks = list(wav_chunks(speech_wav))
    assert all(isinstance(c, bytes) for c in chunks)
    assert {len(c) for c in chunks[:-1]} == {SR // 2 * 2}
    assert 0 < len(chunks[-1]) <= SR
    np.testing.assert_array_equal(np.frombuffer(b"".join(chunks), "<i2"), read_wav(speech_wav))
    assert {len(c) for c in list(wav_chunks(speech_wav, chunk_seconds=0.1))[:-1]} == {3200}


def _hand_made_wav(path: Path, *, rate: int, channels: int, data_bytes: int = 40_000) -> Path:
    """A PCM 16-bit WAV header written field by field (as a forger would), then ``data_bytes`` of quiet noise."""
    block = channels * 2
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * block, block, 16)
    data = np.random.default_rng(1).integers(-200, 200, data_bytes // 2, dtype="<i2").tobytes()
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


@pytest.mark.parametrize(("rate", "channels", "claim"), [
    (1, 1, "claims 1 Hz and 1 channel(s)"),
    (3_999, 1, "claims 3999 Hz"),
    (384_001, 2, "claims 384001 Hz"),
    (16_000, 9, "claims 16000 Hz and 9 channel(s)"),
])
def test_an_absurd_rate_or_channel_count_is_refused_before_decoding(
        tmp_path: Path, rate: int, channels: int, claim: str) -> None:
    # A 40 KB file claiming 1 Hz once grew past 5 GB while being resampled: now it is refused from its header.
    path = _hand_made_wav(tmp_path / "forged.wav", rate=rate, channels=channels)
    for read in (read_wav, wav_chunks):
        with pytest.raises(AudioError, match=rf"forged.wav {re.escape(claim)}.*header is damaged or forged, "
                                             "and nothing was stored"):
            read(path)


def test_the_rate_and_channel_limits_themselves_are_accepted(tmp_path: Path) -> None:
    for rate, channels in ((4_000, 1), (384_000, 8)):
        path = tmp_path / f"{rate}.wav"
        tone = np.sin(np.arange(rate // 10) * 2 * np.pi * 440 / rate) * 0.5
        soundfile.write(path, np.repeat(tone[:, None], channels, axis=1), rate, subtype="PCM_16")
        samples = read_wav(path)
        assert abs(len(samples) - 1_600) <= 2 and level_dbfs(samples) > -20
    low = tmp_path / "low.wav"
    soundfile.write(low, np.zeros(800), 2_000, subtype="PCM_16")  # a real file, by libsndfile, just too slow
    with pytest.raises(AudioError, match="claims 2000 Hz"):
        read_wav(low)
