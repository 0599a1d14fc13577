"""The policy for a new passphrase, the same wherever it comes from: the prompt, a file or the environment.

Whoever the diary is about may get the device, and with it the key file, for long
enough to copy it; from then on every guess costs them only Argon2id time on their
own machines. So a new passphrase must be long enough and hard enough to guess by
the estimate of ``zxcvbn`` (Dropbox's estimator, which knows common passwords,
words, names, keyboard patterns, dates and l33t substitutions). The policy is for
new passphrases only: one set before it existed still unlocks.
"""

from __future__ import annotations

import unicodedata

from voicelog.errors import UsageError

MIN_LENGTH = 8
"""Fewest characters a new passphrase may have (after Unicode NFC normalisation)."""

MIN_SCORE = 3
"""Lowest zxcvbn score (0-4) accepted for a new passphrase.

zxcvbn scores 3 when it estimates at least 10^8 guesses are needed. The key file
is attacked offline at the Argon2id cost of the key file: about 0.55 s a guess on
one core at libsodium's MODERATE limits (0.1 s on a machine that had to fall back
to 64 MiB; see :mod:`voicelog.store.key_file`), so 10^8 guesses is roughly 640
core-days (160 at the fallback), where score 2 (10^6 to 10^8) can fall in hours
to days on one machine (the three-character ``ab7`` fell in 171 s at 64 MiB).
Score 4 (10^10) would refuse many phrases a person can remember; a phrase of four
or more unrelated words reaches it anyway, and the advice says so.
"""

_ESTIMATE_LENGTH = 72
"""zxcvbn refuses longer input (its matching is quadratic); only this many characters are scored."""

# Words anyone guessing would try first for this tool.
_CONTEXT_WORDS = ("voicelog", "diary", "passphrase", "password")

_ADVICE = "A phrase of four or more unrelated words works well and is easy to remember."


def check_new_passphrase(passphrase: str) -> None:
    """Raise :class:`UsageError` with advice if ``passphrase`` may not be set as a new passphrase.

    Refused: shorter than :data:`MIN_LENGTH` characters, or a zxcvbn score below
    :data:`MIN_SCORE`. The message never repeats the passphrase.
    """
    from zxcvbn import zxcvbn

    text = unicodedata.normalize("NFC", passphrase) if isinstance(passphrase, str) else ""
    if len(text) < MIN_LENGTH or not text.strip():
        raise UsageError(f"That passphrase is too short; use at least {MIN_LENGTH} characters. {_ADVICE}")
    result = zxcvbn(text[:_ESTIMATE_LENGTH], user_inputs=list(_CONTEXT_WORDS))
    score = int(result["score"])
    if score >= MIN_SCORE:
        return
    feedback = result.get("feedback") or {}
    hints = [str(feedback.get("warning") or "").strip()]
    hints += [str(s).strip() for s in feedback.get("suggestions") or []]
    said = " ".join(h if h.endswith(".") else h + "." for h in hints if h)
    raise UsageError(
        f"That passphrase is too easy to guess (strength {score} of 4; a new one needs {MIN_SCORE}). "
        f"{said + ' ' if said else ''}{_ADVICE}"
    )
