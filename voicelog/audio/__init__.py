"""Audio in voicelog: WAV files and microphones as 16 kHz mono int16 chunks, levels, endpointing, FLAC.

Every source ends up as an iterator of ``bytes`` holding PCM in the format of
:mod:`voicelog.pcm`, so the recogniser, the capture journal and the listening
loop are fed the same way whether the audio comes from a file or a live
microphone. One module a job:

- :mod:`~voicelog.audio.decode`: ``open_audio``, ``AudioFile``, ``DecodedFile`` (any recording a phone makes
  to 16 kHz mono int16: WAV through ``open_wav``, the rest through PyAV, decoded packet by packet)
- :mod:`~voicelog.audio.dating`: ``recording_time``, ``RecordingTime`` (a recording's own time, else the file's)
- :mod:`~voicelog.audio.wav`: ``open_wav``, ``WavFile``, ``read_wav``, ``wav_chunks`` (any WAV to 16 kHz
  mono int16, decoded block by block)
- :mod:`~voicelog.audio.resample`: ``Resampler``, streaming rate conversion (libsoxr)
- :mod:`~voicelog.audio.levels`: ``level_dbfs``, ``is_silent``, ``has_sound``, ``SoundMeter``
- :mod:`~voicelog.audio.endpoint`: ``SilenceDetector``, ``until_silence``
- :mod:`~voicelog.audio.microphone`: ``list_devices``, ``MicrophoneSource``,
  ``ResilientMicrophone``, ``check_microphone``
- :mod:`~voicelog.audio.codec`: ``encode_flac``, ``decode_flac``, ``FlacEncoder``

The names are imported from their modules on first use, so ``import
voicelog.audio`` stays cheap (no numpy, soundfile or PortAudio) for ``voicelog --help``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicelog.audio.codec import FlacEncoder, decode_flac, encode_flac
    from voicelog.audio.dating import RecordingTime, recording_time
    from voicelog.audio.decode import AudioFile, DecodedFile, open_audio
    from voicelog.audio.endpoint import SilenceDetector, StopReason, until_silence
    from voicelog.audio.levels import SoundMeter, has_sound, is_silent, level_dbfs
    from voicelog.audio.microphone import (
        InputDevice,
        MicCheck,
        MicrophoneSource,
        ResilientMicrophone,
        check_microphone,
        list_devices,
    )
    from voicelog.audio.resample import Resampler
    from voicelog.audio.wav import WavFile, open_wav, read_wav, wav_chunks

_HOMES = {
    "open_audio": "decode",
    "AudioFile": "decode",
    "DecodedFile": "decode",
    "recording_time": "dating",
    "RecordingTime": "dating",
    "open_wav": "wav",
    "WavFile": "wav",
    "read_wav": "wav",
    "wav_chunks": "wav",
    "Resampler": "resample",
    "level_dbfs": "levels",
    "is_silent": "levels",
    "has_sound": "levels",
    "SoundMeter": "levels",
    "SilenceDetector": "endpoint",
    "StopReason": "endpoint",
    "until_silence": "endpoint",
    "InputDevice": "microphone",
    "MicCheck": "microphone",
    "MicrophoneSource": "microphone",
    "ResilientMicrophone": "microphone",
    "check_microphone": "microphone",
    "list_devices": "microphone",
    "encode_flac": "codec",
    "decode_flac": "codec",
    "FlacEncoder": "codec",
}
"""Each public name and the module it lives in."""

__all__ = [
    "AudioFile",
    "DecodedFile",
    "RecordingTime",
    "FlacEncoder",
    "InputDevice",
    "MicCheck",
    "MicrophoneSource",
    "Resampler",
    "ResilientMicrophone",
    "SilenceDetector",
    "SoundMeter",
    "StopReason",
    "WavFile",
    "check_microphone",
    "decode_flac",
    "encode_flac",
    "has_sound",
    "is_silent",
    "level_dbfs",
    "list_devices",
    "open_audio",
    "open_wav",
    "read_wav",
    "recording_time",
    "until_silence",
    "wav_chunks",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
