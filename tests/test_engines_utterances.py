"""voicelog.engines.utterances: cutting audio into utterances at pauses, dropping what holds no speech."""

from __future__ import annotations

import numpy as np
import pytest

from voicelog.engines.utterances import UtteranceCutter


def _feed(cutter: UtteranceCutter, audio: np.ndarray) -> list[tuple[float, bytes]]:
    out: list[tuple[float, bytes]] = []
    for i in range(0, len(audio), 1600):
        out += cutter.feed(audio[i : i + 1600].tobytes())
    return out


def test_utterance_cutter_cuts_at_pauses_and_drops_silence() -> None:
    rng = np.random.default_rng(0)
    speech = (rng.normal(0, 3000, 16000)).astype(np.int16)
    audio = np.concatenate([np.zeros(32000, np.int16), speech, np.zeros(16000, np.int16), speech,
                            np.zeros(32000, np.int16)])
    cutter = UtteranceCutter(pause=0.6)
    out = _feed(cutter, audio)
    out += cutter.flush()
    assert len(out) == 2
    starts = [round(s, 1) for s, _ in out]
    assert starts[0] == pytest.approx(1.6, abs=0.2) and starts[1] == pytest.approx(3.6, abs=0.2)
    assert all(len(pcm) / 32000 < 2.3 for _, pcm in out)  # 0.4 s lead-in + 1 s speech + the pause, no more


def test_a_long_utterance_is_cut_at_the_length_cap_and_flush_gives_the_rest() -> None:
    rng = np.random.default_rng(1)
    # 5 s of talk without a pause: loud and quiet stretches of a fifth of a second each
    talk = np.concatenate([rng.normal(0, 3000 if i % 2 else 100, 3200) for i in range(25)]).astype(np.int16)
    cutter = UtteranceCutter(pause=0.6, max_seconds=2.0)
    out = _feed(cutter, np.concatenate([np.zeros(8000, np.int16), talk]))
    assert len(out) == 2 and all(len(pcm) == 2 * 16000 * 2 for _, pcm in out)
    assert out[1][0] == pytest.approx(out[0][0] + 2.0)
    rest = cutter.flush()
    assert len(rest) == 1 and rest[0][0] == pytest.approx(out[1][0] + 2.0)
    assert cutter.flush() == []


def test_clear_forgets_what_was_held() -> None:
    speech = (np.random.default_rng(2).normal(0, 3000, 8000)).astype(np.int16)
    cutter = UtteranceCutter(pause=0.6)
    assert _feed(cutter, speech) == []
    cutter.clear()
    assert cutter.flush() == []
    assert _feed(cutter, np.zeros(16000, np.int16)) == [] and cutter.flush() == []  # silence alone is no utterance
