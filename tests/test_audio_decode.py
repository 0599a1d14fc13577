"""voicelog.audio.decode: the recordings phones make, written here with PyAV, read back as 16 kHz mono chunks;
long files in bounded memory; damaged, cut-short and non-audio files told in one sentence."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import SPEECH_WAV, dominant_hz, tone
from phone_fixtures import PHONE_FORMATS, speech, write_jpeg, write_recording, write_silent_video

from voicelog.audio import DecodedFile, WavFile, level_dbfs, open_audio
from voicelog.audio.decode import FORMATS, demuxer_for
from voicelog.errors import AudioError
from voicelog.pcm import BYTES_PER_SECOND, SAMPLE_RATE


def _samples(chunks: Iterator[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(chunks), dtype="<i2")


@pytest.mark.parametrize("name", sorted(PHONE_FORMATS))
def test_every_phone_format_reads_back_as_the_same_speech(tmp_path: Path, name: str) -> None:
    fmt = PHONE_FORMATS[name]
    samples, rate = speech(SPEECH_WAV)
    path = write_recording(tmp_path / f"memo{fmt.suffix}", fmt, samples, rate, stereo=name == "mp4")
    audio = open_audio(path)
    assert isinstance(audio, DecodedFile) and audio.path == path
    assert audio.seconds is not None and abs(audio.seconds - len(samples) / rate) < 0.1
    decoded = _samples(audio.chunks())
    assert abs(len(decoded) / SAMPLE_RATE - len(samples) / rate) < 0.1
    # The same loudness as the original speech, within what a lossy codec (AMR at 8 kHz) changes.
    assert abs(level_dbfs(decoded) - level_dbfs(samples)) < 3.0
    assert audio.warning is None


@pytest.mark.parametrize("name", ["m4a", "3gp", "ogg", "mp3", "webm"])
def test_a_tone_keeps_its_pitch_through_codec_resampler_and_downmix(tmp_path: Path, name: str) -> None:
    fmt = PHONE_FORMATS[name]
    path = write_recording(tmp_path / f"tone{fmt.suffix}", fmt, tone(2.0, hz=440.0, rate=44100), 44100,
                           stereo=name != "3gp")
    audio = open_audio(path)
    decoded = _samples(audio.chunks())
    assert abs(dominant_hz(decoded[SAMPLE_RATE // 2 : SAMPLE_RATE * 3 // 2]) - 440.0) < 5.0


def test_chunks_are_half_seconds_of_16_khz_mono_int16(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    audio = open_audio(write_recording(tmp_path / "memo.m4a", PHONE_FORMATS["m4a"], samples, rate))
    chunks = list(audio.chunks())
    assert all(len(c) == BYTES_PER_SECOND // 2 for c in chunks[:-1])
    assert 0 < len(chunks[-1]) <= BYTES_PER_SECOND // 2 and len(chunks[-1]) % 2 == 0
    assert len(list(audio.chunks(0.1))[0]) == BYTES_PER_SECOND // 10
    with pytest.raises(ValueError):
        audio.chunks(0)


def test_a_long_recording_is_decoded_in_bounded_memory(tmp_path: Path) -> None:
    """Ten minutes of MP3 (19 MB once decoded) read chunk by chunk: no block or chunk grows with the file, and
    the Python heap never holds more than a couple of megabytes of it."""
    minutes = 10
    samples, rate = speech(SPEECH_WAV)
    repeats = int(minutes * 60 * rate / len(samples)) + 1
    fmt = PHONE_FORMATS["mp3"]._replace(rate=16000)
    path = write_recording(tmp_path / "long.mp3", fmt, (samples for _ in range(repeats)), rate)
    audio = open_audio(path)
    assert isinstance(audio, DecodedFile)
    assert audio.seconds is not None and audio.seconds > minutes * 60

    blocks = audio.blocks()
    longest_block = max(len(block) for block, _ in zip(blocks, range(500), strict=False))
    blocks.close()
    assert longest_block <= SAMPLE_RATE  # one packet's worth (MP3: 72 ms at 16 kHz), never more than a second

    total, sizes = 0, set()
    tracemalloc.start()
    try:
        for chunk in audio.chunks():
            total += len(chunk)
            sizes.add(len(chunk))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total / BYTES_PER_SECOND > minutes * 60
    assert sizes <= {BYTES_PER_SECOND // 2, total % (BYTES_PER_SECOND // 2)}
    assert peak < 2 * 2**20, f"{peak / 2**20:.1f} MB held while decoding {total / 2**20:.0f} MB"


def test_wav_keeps_its_own_path(tmp_path: Path) -> None:
    assert isinstance(open_audio(SPEECH_WAV), WavFile)
    assert demuxer_for(SPEECH_WAV) == "wav"


def test_an_mp3_behind_an_id3_tag_is_found(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    path = write_recording(tmp_path / "memo.mp3", PHONE_FORMATS["mp3"], samples, rate,
                           metadata={"title": "voice memo 12"})
    assert path.read_bytes()[:3] == b"ID3"
    assert demuxer_for(path) == "mp3"


def test_the_container_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    path = write_recording(tmp_path / "memo.mp3", PHONE_FORMATS["m4a"], samples, rate)  # misnamed M4A
    assert demuxer_for(path) == "mov"
    assert len(_samples(open_audio(path).chunks())) > 4 * SAMPLE_RATE


# --------------------------------------------------------------------------- what is refused, and how


def _refusal(path: Path) -> str:
    with pytest.raises(AudioError) as caught:
        open_audio(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and message.endswith(".")
    assert "Traceback" not in message and "av.error" not in message
    return message


def test_text_is_refused_with_what_it_looks_like_and_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "memo.m4a"
    path.write_text("dear diary, this is text not sound\n")
    message = _refusal(path)
    assert "is not an audio recording (it looks like text)" in message and FORMATS in message


def test_a_photo_is_refused(tmp_path: Path) -> None:
    assert "it looks like a JPEG image" in _refusal(write_jpeg(tmp_path / "IMG_0001.jpg"))


def test_a_webp_in_riff_is_not_taken_for_a_wav(tmp_path: Path) -> None:
    path = tmp_path / "sticker.webp"
    path.write_bytes(b"RIFF" + (30).to_bytes(4, "little") + b"WEBPVP8 " + bytes(22))
    assert "it looks like a RIFF 'WEBP' file" in _refusal(path)


def test_a_video_without_sound_is_refused(tmp_path: Path) -> None:
    assert "holds no audio" in _refusal(write_silent_video(tmp_path / "screen.mp4"))


def test_empty_missing_and_folder(tmp_path: Path) -> None:
    (tmp_path / "empty.m4a").write_bytes(b"")
    assert "is empty (0 bytes)" in _refusal(tmp_path / "empty.m4a")
    assert "does not exist" in _refusal(tmp_path / "nowhere.ogg")
    assert "is a directory" in _refusal(tmp_path)


def test_an_m4a_cut_short_before_its_index_is_refused_with_what_to_do(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    whole = write_recording(tmp_path / "whole.m4a", PHONE_FORMATS["m4a"], samples, rate).read_bytes()
    cut = tmp_path / "cut.m4a"
    cut.write_bytes(whole[: len(whole) // 2])  # the MP4 index (moov) is written last: a copy cut short lacks it
    message = _refusal(cut)
    assert "is damaged or cut short and cannot be read" in message and "wait until it is complete" in message


def test_an_mp3_cut_short_is_read_as_far_as_it_goes_and_says_so(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    whole = write_recording(tmp_path / "whole.mp3", PHONE_FORMATS["mp3"], np.tile(samples, 2), rate).read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(whole[: len(whole) // 2])
    audio = open_audio(cut)
    assert audio.warning is None  # nothing is known before it is read
    decoded = _samples(audio.chunks())
    assert 3.0 < len(decoded) / SAMPLE_RATE < 5.5
    assert audio.warning == (f"The recording {cut} was cut short (it holds 0:04 of the 0:08 its header promises; "
                             "the recording was interrupted or the copy is incomplete): what it holds is "
                             "transcribed and stored.")


def test_damaged_packets_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    samples, rate = speech(SPEECH_WAV)
    data = bytearray(write_recording(tmp_path / "whole.m4a", PHONE_FORMATS["m4a"], samples, rate,
                                     metadata={"creation_time": "2026-03-14T09:12:00Z"}).read_bytes())
    mdat = data.index(b"mdat")
    data[mdat + 2000 : mdat + 6000] = np.random.default_rng(3).integers(0, 256, 4000, dtype=np.uint8).tobytes()
    damaged = tmp_path / "damaged.m4a"
    damaged.write_bytes(bytes(data))
    audio = open_audio(damaged)
    decoded = _samples(audio.chunks())
    assert len(decoded) > 2 * SAMPLE_RATE
    assert audio.warning is not None and audio.warning.startswith(f"The recording {damaged} ")
    assert audio.warning.endswith("transcribed and stored.")
