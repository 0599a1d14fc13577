"""The opt-in plain recorder vocabulary: the person's names and places kept unsealed beside the diary.

The people registry is sealed, so a recorder running without the passphrase
(``listen`` on a Pi, ``dictate`` without unlocking) hears without the person's
names. A person may choose to keep a plain copy of them beside the diary for the
recorder to prime with. Nothing is written unless they turn it on
(``voicelog vocabulary --plain on``), it is written ``0o600`` and replaced whole,
kept in step whenever the diary is unlocked to hear, and deleted when turned off.
It reveals who the diary is about to anyone who can read the device.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicelog.engines.vocabulary import Vocabulary
from voicelog.errors import DiaryError, LockedError

if TYPE_CHECKING:
    from voicelog.store.diary import Diary

log = logging.getLogger(__name__)

SUFFIX = ".recorder-vocabulary.txt"
"""The plain file's name is the diary's with this added (``diary.db.recorder-vocabulary.txt``)."""

WARNING = (
    "This file is NOT sealed: anyone who can read this device (or a backup or copy of it) can read the names "
    "and places in it, and so see who your diary is about. It lets the recorder expect those words while the "
    "diary is locked. Turn it off with `voicelog vocabulary --plain off`."
)
"""What turning the plain file on reveals; printed when it is turned on and written at the top of the file."""

_HEADER = "# voicelog recorder vocabulary, kept unsealed because you asked for it.\n"
_NAME, _PLACE = "name: ", "place: "


@dataclass(frozen=True)
class PlainVocabulary:
    """The plain recorder vocabulary file of a diary, and what it holds."""

    path: Path
    """Where it is (beside the diary)."""
    vocabulary: Vocabulary
    """The names and places in it."""


def plain_path(diary_file: Path) -> Path:
    """Where the plain vocabulary of the diary at ``diary_file`` is kept, if the person turned it on."""
    return diary_file.with_name(diary_file.name + SUFFIX)


def render(vocabulary: Vocabulary) -> bytes:
    """The file's text: the warning as comments, then one ``name:`` or ``place:`` line a term."""
    lines = [_HEADER, *(f"# {line}\n" for line in _wrap(WARNING))]
    lines += [f"{_NAME}{n}\n" for n in vocabulary.names] + [f"{_PLACE}{p}\n" for p in vocabulary.places]
    return "".join(lines).encode("utf-8")


def parse(text: str) -> Vocabulary:
    """The vocabulary in a plain file's ``text``; comments, blank and unknown lines are skipped."""
    names: list[str] = []
    places: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(_NAME.strip()):
            names.append(line[len(_NAME.strip()):].strip())
        elif line.startswith(_PLACE.strip()):
            places.append(line[len(_PLACE.strip()):].strip())
    return Vocabulary(tuple(n for n in names if n), tuple(p for p in places if p))


def turn_on(diary: Diary) -> PlainVocabulary:
    """Write (or rewrite) the plain vocabulary of the unlocked ``diary`` beside it, ``0o600``.

    LockedError when the diary is locked: the registry it copies is sealed.
    """
    from voicelog.app.rehear import diary_vocabulary
    from voicelog.store.private_file import write_private

    if diary.opener is None:
        raise LockedError("Writing the plain recorder vocabulary needs the diary unlocked; give your passphrase.")
    vocabulary = diary_vocabulary(diary)
    path = write_private(plain_path(diary.path), render(vocabulary), overwrite=True)
    return PlainVocabulary(path, vocabulary)


def turn_off(diary_file: Path) -> bool:
    """Delete the plain vocabulary of the diary at ``diary_file``; False when there was none."""
    from voicelog.paths import fsync_dir

    path = plain_path(diary_file)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DiaryError(f"The plain recorder vocabulary {path} could not be deleted ({exc.strerror}); delete "
                         "it by hand.") from exc
    fsync_dir(path.parent)
    return True


def read(diary_file: Path) -> PlainVocabulary | None:
    """The plain vocabulary of the diary at ``diary_file``, or None when the person has not turned it on (or it
    cannot be read: the recorder then hears without it, as without opting in)."""
    path = plain_path(diary_file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("the plain recorder vocabulary %s could not be read (%s); hearing without it", path,
                    type(exc).__name__)
        return None
    return PlainVocabulary(path, parse(text))


def keep_in_step(diary: Diary, vocabulary: Vocabulary) -> None:
    """Rewrite the plain file with ``vocabulary`` (the unlocked diary's) if the person turned it on and it
    differs; nothing is written otherwise, so without opting in no name reaches the disk unsealed."""
    from voicelog.store.private_file import write_private

    now = read(diary.path)
    if now is None or now.vocabulary == vocabulary:
        return
    write_private(now.path, render(vocabulary), overwrite=True)


def _wrap(text: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)
