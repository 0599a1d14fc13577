"""The one exception family voicelog raises; the CLI turns each into one sentence."""


class VoicelogError(Exception):
    """Something the person can fix; the message says what happened and what to do."""

    exit_code = 1


class AudioError(VoicelogError):
    """An audio input is missing, empty, silent, unreadable or the device failed."""


class ModelError(VoicelogError):
    """A recognition or language model is missing, damaged or could not be installed."""


class DiaryError(VoicelogError):
    """The diary could not be opened, read or written."""


class UsageError(VoicelogError):
    """An option or argument has a value that cannot be used."""

    exit_code = 2


class VaultError(VoicelogError):
    """The diary key file is missing or damaged, or a sealed record cannot be opened."""


class WrongPassphrase(VoicelogError):
    """The passphrase given does not unlock the diary's private key."""

    exit_code = 2


class JournalError(VoicelogError):
    """A capture journal left by a recording is not one voicelog can read."""


class LockedError(VoicelogError):
    """A sealed diary was asked for content without its passphrase."""

    exit_code = 2


class NoSpeechError(AudioError):
    """The recogniser heard no words in the audio, so there is nothing to store."""
