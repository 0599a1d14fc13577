"""Discreet feedback for ``voicelog listen``: none (the default), a soft tone, a spoken summary, an LED.

Feedback never says a word of the account beyond its date, time and place,
and never stops the loop: a missing speaker or espeak-ng is skipped quietly.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from voicelog.errors import UsageError
from voicelog.settings import FEEDBACK_KINDS, FeedbackSettings

if TYPE_CHECKING:
    import numpy as np
    from gpiozero.pins import Factory
    from numpy.typing import NDArray

    from voicelog.store.entries import Entry

log = logging.getLogger(__name__)



class Feedback(Protocol):
    """Tells the person, discreetly, what the hands-free loop is doing."""

    def recording(self) -> None:
        """An account has started."""
        ...

    def saved(self, entry: Entry) -> None:
        """An account was stored as ``entry``."""
        ...

    def discarded(self) -> None:
        """An account was cancelled, or nothing was said."""
        ...

    def waiting(self) -> None:
        """Back to waiting for the wake phrase."""
        ...


class NoFeedback:
    """Say nothing (the default)."""

    def recording(self) -> None:
        pass

    def saved(self, entry: Entry) -> None:
        pass

    def discarded(self) -> None:
        pass

    def waiting(self) -> None:
        pass

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def _number(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + ("" if ones == 0 else f" {_ONES[ones]}")


def spoken_time(hhmm: str) -> str:
    """``"21:30"`` as espeak should say it: ``"nine thirty p m"``."""
    hours, minutes = (int(x) for x in hhmm.split(":"))
    suffix = "a m" if hours < 12 else "p m"
    h12 = hours % 12 or 12
    if minutes == 0:
        return f"{_number(h12)} {suffix}"
    mins = f"o {_ONES[minutes]}" if minutes < 10 else _number(minutes)
    return f"{_number(h12)} {mins} {suffix}"


def spoken_summary(entry: Entry) -> str:
    """What the speech feedback says: "Saved. Tuesday, nine thirty p m, Carlton Road." (no other words)."""
    inc = entry.incident
    parts = []
    if inc.date:
        try:
            parts.append(date.fromisoformat(inc.date).strftime("%A"))
        except ValueError:
            pass
    if inc.time:
        parts.append(spoken_time(inc.time))
    elif inc.period:
        parts.append(str(inc.period))
    if inc.location:
        parts.append(str(inc.location))
    return "Saved." + (" " + ", ".join(parts) + "." if parts else "")


class ToneFeedback:
    """A short soft tone when an account starts, two when it is saved, a low one when discarded."""

    def __init__(self, *, volume_dbfs: float = -24.0, rate: int = 22050) -> None:
        self.volume = 10 ** (volume_dbfs / 20.0)
        self.rate = rate
        self._sd: ModuleType | None = None  # sounddevice, once an output device is found
        self._checked = False

    def _device(self) -> ModuleType | None:
        if not self._checked:
            self._checked = True
            try:
                import sounddevice as sd

                sd.query_devices(kind="output")
                self._sd = sd
            except Exception:
                log.info("no sound output device; tones are skipped")
        return self._sd

    def tones(self, *freqs: float, seconds: float = 0.12) -> NDArray[np.float32]:
        """The samples of ``freqs`` played one after another, each faded in and out (no clicks)."""
        import numpy as np

        n = int(self.rate * seconds)
        t = np.arange(n) / self.rate
        fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
        gap = np.zeros(int(self.rate * 0.06))
        parts = []
        for f in freqs:
            parts += [np.sin(2 * np.pi * f * t) * fade * self.volume, gap]
        return np.concatenate(parts).astype(np.float32)

    def _play(self, *freqs: float) -> None:
        sd = self._device()
        if sd is None:
            return
        try:
            sd.play(self.tones(*freqs), self.rate)  # returns at once; plays in the background
        except Exception:
            log.info("the tone could not be played; skipped")

    def recording(self) -> None:
        self._play(660.0)

    def saved(self, entry: Entry) -> None:
        self._play(660.0, 880.0)

    def discarded(self) -> None:
        self._play(440.0)

    def waiting(self) -> None:
        pass


class SpeechFeedback:
    """Reads back "Saved. Tuesday, nine thirty p m, Carlton Road." through espeak-ng."""

    def __init__(self, command: Sequence[str] = ("espeak-ng", "-s", "150", "-a", "60")) -> None:
        self.command = list(command)
        self._warned = False
        self.last: subprocess.Popen[bytes] | None = None
        """The most recent espeak-ng process (tests wait on it)."""

    def argv(self) -> list[str]:
        """The espeak-ng command line. The words go on stdin: any local user can read a process's arguments."""
        return [*self.command, "--stdin"]

    def say(self, text: str) -> None:
        """Speak ``text`` in the background; skipped with one log line when espeak-ng is missing."""
        if shutil.which(self.command[0]) is None:
            if not self._warned:
                self._warned = True
                log.warning("%s is not installed; spoken feedback is skipped", self.command[0])
            return
        try:
            proc = subprocess.Popen(self.argv(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        except OSError:
            log.info("spoken feedback could not start; skipped")
            return
        self.last = proc
        # Write and reap on a thread: a slow espeak-ng must not hold up the loop.
        threading.Thread(target=_feed, args=(proc, text.encode("utf-8")), daemon=True).start()

    def recording(self) -> None:
        pass

    def saved(self, entry: Entry) -> None:
        self.say(spoken_summary(entry))

    def discarded(self) -> None:
        self.say("Discarded.")

    def waiting(self) -> None:
        pass


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    try:
        proc.communicate(data)
    except (OSError, ValueError):  # espeak-ng died early: feedback is optional
        proc.kill()
        proc.wait()


class GpioControls:
    """A Raspberry Pi LED (lit while recording, blinks on save) and push button (start or end an account).

    Needs gpiozero (``pip install 'voicelog-diary[pi]'``); tests pass gpiozero's MockFactory.
    """

    def __init__(self, press: Callable[[], None], *, led_pin: int | str = 17, button_pin: int | str = 27,
                 pin_factory: Factory | None = None) -> None:
        try:
            from gpiozero import LED, Button
        except ImportError as exc:
            raise UsageError("--gpio needs gpiozero; install it with `pip install 'voicelog-diary[pi]'`.") from exc
        try:
            self.led = LED(led_pin, pin_factory=pin_factory)
            self.button = Button(button_pin, bounce_time=0.05, pin_factory=pin_factory)
        except Exception as exc:  # gpiozero raises its own errors off a Pi (no pin factory, pin in use)
            raise UsageError(f"The GPIO pins could not be opened ({type(exc).__name__}: {exc}); "
                             "check --led-pin/--button-pin, or run without --gpio.") from exc
        self.button.when_pressed = lambda *_: press()

    def recording(self) -> None:
        self.led.on()

    def saved(self, entry: Entry) -> None:
        self.led.blink(on_time=0.15, off_time=0.15, n=3, background=True)

    def discarded(self) -> None:
        self.led.off()

    def waiting(self) -> None:
        pass

    def close(self) -> None:
        """Release the pins."""
        self.led.close()
        self.button.close()


class MultiFeedback:
    """Several kinds of feedback at once (e.g. the LED and a tone)."""

    def __init__(self, parts: Sequence[Feedback]) -> None:
        self.parts = list(parts)

    def _each(self, name: str, *args: object) -> None:
        for part in self.parts:
            try:
                getattr(part, name)(*args)
            except Exception:
                log.info("%s feedback failed; skipped", type(part).__name__)

    def recording(self) -> None:
        self._each("recording")

    def saved(self, entry: Entry) -> None:
        self._each("saved", entry)

    def discarded(self) -> None:
        self._each("discarded")

    def waiting(self) -> None:
        self._each("waiting")


def make_feedback(kind: str) -> Feedback:
    """The feedback ``--feedback KIND`` asks for (``none``, ``tone`` or ``speech``)."""
    if kind == "tone":
        return ToneFeedback()
    if kind == "speech":
        return SpeechFeedback()
    if kind in ("none", "", None):
        return NoFeedback()
    raise UsageError(f"Unknown feedback {kind!r}; use one of: {', '.join(FEEDBACK_KINDS)}.")


def feedback_for(settings: FeedbackSettings, press: Callable[[], None]) -> tuple[MultiFeedback, GpioControls | None]:
    """The feedback ``settings`` ask for, and the GPIO controls (whose button calls ``press``) when asked for."""
    parts: list[Feedback] = [make_feedback(settings.kind)]
    controls = None
    if settings.gpio:
        controls = GpioControls(press, led_pin=settings.led_pin, button_pin=settings.button_pin)
        parts.append(controls)
    return MultiFeedback(parts), controls
