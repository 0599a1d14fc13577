"""Segments Whisper invents over silence are left out; segments it heard are kept (voicelog.engines.hallucination)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voicelog.engines.hallucination import Segment, frame_levels, heard_segments, made_up, quiet

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPEECH_SECONDS = 4.23
"""tests/fixtures/en_short.wav: "A man in a red jacket followed me from the bus stop to my front door last night."."""


def speech_then_quiet(quiet_seconds: float = 4.0, noise_dbfs: float = -60.0) -> np.ndarray:
    """en_short.wav (Piper, real speech) at 16 kHz, then ``quiet_seconds`` of faint seeded noise."""
    from voicelog.audio import read_wav

    speech = read_wav(FIXTURES / "en_short.wav").astype(np.float32) / 32768.0
    noise = np.random.default_rng(3).standard_normal(int(quiet_seconds * 16_000)) * 10 ** (noise_dbfs / 20)
    return np.concatenate([speech, noise.astype(np.float32)])


HEARD = Segment(" A man in a red jacket followed me from the bus stop to my front door last night.", 0.0, 4.1,
                0.02, -0.21, 1.3)
"""A segment as tiny.en gives for en_short.wav, with the signs of speech heard right."""


def test_quiet_tells_the_trailing_silence_from_the_speech() -> None:
    levels = frame_levels(speech_then_quiet())
    assert not quiet(HEARD, levels)
    assert quiet(Segment(" Thank you.", 4.6, 7.5, 0.1, -0.3, 0.8), levels)
    assert quiet(Segment(" Thank you.", 9.0, 10.0, 0.1, -0.3, 0.8), levels)  # past the window's end


@pytest.mark.parametrize("text", [" Thank you very much for joining us today.", " Thanks for watching!",
                                  " Bye.", " I'll see you in the next video."])
def test_a_closing_phrase_said_over_the_trailing_silence_is_left_out(text: str) -> None:
    audio = speech_then_quiet()
    closing = Segment(text, 4.4, 7.0, 0.12, -0.35, 0.9)  # confident enough: only the silence under it tells
    kept = list(heard_segments([HEARD, closing], audio))
    assert kept == [HEARD]


def test_a_closing_phrase_in_doubt_is_left_out_even_over_some_sound() -> None:
    audio = speech_then_quiet(noise_dbfs=-25.0)  # a loud hum: not quiet
    closing = Segment(" Thank you.", 4.4, 6.0, 0.45, -0.8, 0.8)
    assert not quiet(closing, frame_levels(audio))
    assert list(heard_segments([HEARD, closing], audio)) == [HEARD]


def test_thank_you_said_by_the_person_is_kept() -> None:
    audio = speech_then_quiet()
    said = Segment(" Thank you.", 3.0, 4.1, 0.05, -0.25, 0.8)  # over speech, confident
    assert list(heard_segments([Segment(HEARD.text, 0.0, 3.0, 0.02, -0.2, 1.3), said], audio))[-1] is said


def test_a_closing_phrase_with_the_account_going_on_after_it_is_kept() -> None:
    audio = np.concatenate([speech_then_quiet(1.0), speech_then_quiet(0.5)])
    thanks = Segment(" Thank you.", 4.3, 4.9, 0.35, -0.65, 0.8)  # in doubt, but the account goes on at once
    again = Segment(HEARD.text, 5.23, 9.4, 0.02, -0.2, 1.3)
    assert list(heard_segments([HEARD, thanks, again], audio)) == [HEARD, thanks, again]


def test_no_speech_over_quiet_audio_and_wordless_segments_are_left_out() -> None:
    audio = speech_then_quiet()
    dots = Segment(" . . . . . . . . .", 4.2, 4.6, 0.94, -0.96, 1.42)
    mumble = Segment(" So I went to the shop.", 4.5, 7.0, 0.75, -0.7, 1.1)
    assert list(heard_segments([HEARD, dots], audio)) == [HEARD]
    assert list(heard_segments([HEARD, mumble], audio)) == [HEARD]
    assert made_up(dots, HEARD, None, frame_levels(audio))


def test_whispers_own_no_speech_test_holds_over_sound_too() -> None:
    audio = speech_then_quiet(noise_dbfs=-20.0)
    guessed = Segment(" and then the other one.", 4.4, 7.0, 0.8, -1.2, 1.1)
    unsure_but_speech = Segment(" and then the other one.", 4.4, 7.0, 0.8, -0.5, 1.1)  # loud, fairly sure: kept
    assert list(heard_segments([HEARD, guessed], audio)) == [HEARD]
    assert list(heard_segments([HEARD, unsure_but_speech], audio)) == [HEARD, unsure_but_speech]


def test_a_line_repeated_over_silence_is_left_out() -> None:
    audio = speech_then_quiet(8.0)
    loop = Segment(" I don't know. I don't know. I don't know. I don't know. I don't know.", 4.4, 12.0, 0.2,
                   -0.4, 3.1)
    assert list(heard_segments([HEARD, loop], audio)) == [HEARD]


TRACKER = ("I found a tracker taped under the back bumper of my car this morning. I pulled into the Lidl car park on "
           "Orchard Lane and took it off. Only Kev would do this.")
"""An invented account that tiny.en, primed with its one name, ends with a made-up row of dots over the faint noise
after it (seen here with the noise below; both are repeatable: Piper without its random noise, seeded noise). At
-60 dBFS it wrote "MUSIC" there when given the samples as floats, nothing once they were 16-bit: such text comes and
goes with the least change, which is why it is judged by its signs, not by the recording."""


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` samples of pink noise from 20 Hz up at 16 kHz, unit mean power."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / 16_000)
    spectrum[f < 20] = 0
    spectrum[f >= 20] /= np.sqrt(f[f >= 20])
    noise = np.fft.irfft(spectrum, n)
    return noise / np.sqrt(np.mean(noise**2))


@pytest.mark.slow
def test_tiny_en_primed_makes_up_a_trailing_segment_and_the_transcript_leaves_it_out(tmp_path: Path) -> None:
    from listen_fixtures import piper

    from voicelog.engines.vocabulary import Vocabulary
    from voicelog.engines.whisper import VAD_THRESHOLD, WhisperTranscriber
    from voicelog.incident import KnownPerson

    speech = piper(TRACKER, tmp_path).astype(np.float32) / 32768.0
    rng = np.random.default_rng(7)
    level = 10 ** (-45 / 20)  # a quiet room: -45 dBFS under the speech and for 6 s after it
    audio = np.concatenate([speech + pink(speech.size, rng) * level, pink(6 * 16_000, rng) * level])
    pcm = np.round(audio * 32768).clip(-32768, 32767).astype("<i2")
    vocabulary = Vocabulary.of([KnownPerson("Kevin Doyle", ("Kev",))])
    transcriber = WhisperTranscriber().primed(vocabulary)

    raw, _ = transcriber.model.transcribe(  # as the engine asks, before anything is left out
        pcm.astype(np.float32) / 32768.0, language="en", beam_size=transcriber.beam_size, vad_filter=True,
        vad_parameters={"threshold": VAD_THRESHOLD}, word_timestamps=True, condition_on_previous_text=False,
        temperature=0.0, hotwords=vocabulary.prompt())
    raw = list(raw)
    invented = [s for s in raw if s.start >= len(speech) / 16_000 - 0.2]
    assert len(invented) <= 1 and all(s is raw[-1] for s in invented), [s.text for s in raw]
    assert all(s.avg_logprob > -1.0 for s in invented)  # passes Whisper's own no-speech test: the engine kept it before

    heard = transcriber.transcribe([pcm.tobytes()])
    assert heard.text.endswith("Only Kev would do this."), heard.text
    if not invented:  # float results differ by CPU: on some hosts tiny.en makes nothing up here
        pytest.skip("tiny.en made up no trailing segment on this host; the transcript was still checked, and the "
                    "leaving-out itself is checked on made-up segments by the tests above (expected where this runs)")
    assert all(w.end <= len(speech) / 16_000 + 0.3 for w in heard.words)
    kept = list(heard_segments(raw, pcm.astype(np.float32) / 32768.0))
    assert kept == raw[: len(raw) - 1]  # every segment heard is kept: real segments, judged as the engine does
