"""voicelog.audio as a package: every public name is reachable, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import voicelog.audio


def test_every_public_name_resolves_to_the_module_that_defines_it() -> None:
    for name in voicelog.audio.__all__:
        value = getattr(voicelog.audio, name)
        if isinstance(value, (type, types.FunctionType)):  # StopReason is a type alias
            assert value.__module__.startswith("voicelog.audio."), (name, value.__module__)
            assert value.__name__ == name
        assert name in dir(voicelog.audio)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="resample_file"):
        voicelog.audio.resample_file  # noqa: B018
    with pytest.raises(ImportError):
        from voicelog.audio import Resampler2  # noqa: F401


@pytest.mark.slow
def test_importing_the_package_loads_no_numpy_soundfile_or_portaudio() -> None:
    code = (
        "import sys, voicelog.audio\n"
        "heavy = [m for m in ('numpy', 'soundfile', 'sounddevice', 'soxr') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
