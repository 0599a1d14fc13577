"""Hearing kept recordings again with the person's own vocabulary (``voicelog rehear``), and priming a dictation.

A diary opened to record without the passphrase cannot read its people registry,
so what was said then was heard without the person's names. Once the diary is
unlocked, each such entry's kept audio can be heard again, primed with the
registry's names and the places the person confirmed, and optionally by a
stronger model. The new transcript is an amendment: the entry's first
transcript stays, and the fields are extracted again (the person's own
corrections still win, as with every re-extraction).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from voicelog.engines.vocabulary import Vocabulary
from voicelog.errors import LockedError, UsageError, VoicelogError
from voicelog.store.diary import Diary

if TYPE_CHECKING:
    from voicelog.app.safekeeping import UnopenedDiary
    from voicelog.engines.base import Engine, Transcriber
    from voicelog.store.entries import Entry
    from voicelog.transcript import Transcript

log = logging.getLogger(__name__)

REHEAR_NOTE = "re-heard"
"""The start of a re-hearing amendment's note; the engine and model follow."""

CHUNK_SECONDS = 0.5
"""The kept audio is fed to the recogniser in chunks this long, as a file is."""


def diary_vocabulary(diary: Diary) -> Vocabulary:
    """The unlocked diary's vocabulary: its people registry's names and aliases, and the places confirmed."""
    from voicelog.app.registry import confirmed_places

    return Vocabulary.of(diary.people(), confirmed_places(diary.entries()))


def hearing_vocabulary(diary: Diary | UnopenedDiary) -> Vocabulary:
    """The words a recorder of ``diary`` should expect: the unlocked diary's vocabulary (the plain recorder file
    kept in step with it, if the person turned that on); a locked diary's plain recorder file if turned on; else
    none. A registry that cannot be read gives none: an account must be heard all the same."""
    from voicelog.app import plain_vocabulary

    if isinstance(diary, Diary) and diary.opener is not None:
        try:
            vocabulary = diary_vocabulary(diary)
        except Exception as exc:  # a damaged registry row must not stop an account being heard
            log.warning("the people registry could not be read for hearing (%s); hearing without it",
                        type(exc).__name__)
            return Vocabulary()
        try:
            plain_vocabulary.keep_in_step(diary, vocabulary)
        except VoicelogError as exc:
            log.warning("the plain recorder vocabulary could not be brought up to date (%s)", type(exc).__name__)
        return vocabulary
    plain = plain_vocabulary.read(diary.path)
    return Vocabulary() if plain is None else plain.vocabulary


def primed_transcriber(engine: Engine, diary: Diary | UnopenedDiary) -> Transcriber:
    """``engine``'s transcriber, primed with :func:`hearing_vocabulary`; the plain transcriber when there is none.

    A locked diary without the opt-in plain file gives the plain transcriber: its entries are
    marked and can be re-heard at the next unlock (:func:`rehear`).
    """
    return primed_with(engine.transcriber, hearing_vocabulary(diary))


def primed_with(transcriber: Transcriber, vocabulary: Vocabulary) -> Transcriber:
    """``transcriber`` primed with ``vocabulary``; itself when the vocabulary is empty."""
    return transcriber if vocabulary.empty else transcriber.primed(vocabulary)


def default_engine() -> Engine:
    """The engine ``voicelog dictate`` would load with the person's settings (for ``review``'s re-hearing)."""
    from voicelog.config import load_config
    from voicelog.engines.registry import load_engine
    from voicelog.settings import dictate_settings

    config = load_config()
    return load_engine(dictate_settings(config).engine, config)


def primed_engine(engine: Engine, diary: Diary | UnopenedDiary) -> Engine:
    """``engine`` whose accounts are heard primed with :func:`hearing_vocabulary` (for ``listen``); the wake
    spotter is the engine's own. ``engine`` itself when there is nothing to prime with."""
    vocabulary = hearing_vocabulary(diary)
    return engine if vocabulary.empty else engine.primed(vocabulary)


# --------------------------------------------------------------------------- word diff


@dataclass(frozen=True)
class DiffPart:
    """A run of words the same in both transcripts, only in the first (removed) or only in the new (added)."""

    kind: Literal["same", "removed", "added"]
    """Which."""
    text: str
    """The words, space separated."""


def word_diff(before: str, after: str) -> tuple[DiffPart, ...]:
    """The words of ``before`` and ``after`` as runs kept, removed and added (difflib's matching blocks)."""
    a, b = before.split(), after.split()
    out: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(DiffPart("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(DiffPart("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(DiffPart("added", " ".join(b[j1:j2])))
    return tuple(out)


# --------------------------------------------------------------------------- rehear


@dataclass(frozen=True)
class Reheard:
    """One entry's recording heard again."""

    seq: int
    """The entry's number."""
    before: str
    """The transcript it had."""
    after: str
    """What was heard now (the same as ``before`` when nothing changed, or nothing was heard)."""
    diff: tuple[DiffPart, ...]
    """The words changed, as runs."""
    amendment_seq: int | None
    """The amendment that holds the new transcript; None when nothing changed (no amendment is made)."""
    model: str
    """The engine and model that heard it (``whisper faster-whisper-tiny.en``)."""
    primed: bool
    """Whether the person's vocabulary was used."""

    @property
    def changed(self) -> bool:
        """The new transcript differs from the one before, and was stored."""
        return self.amendment_seq is not None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (for ``--json``): the words, as the person asked to see them."""
        return {"seq": self.seq, "changed": self.changed, "amendment": self.amendment_seq, "model": self.model,
                "primed": self.primed, "before": self.before, "after": self.after,
                "diff": [{"kind": p.kind, "text": p.text} for p in self.diff]}


def chosen_entries(diary: Diary, numbers: Sequence[int] = (), *, every: bool = False) -> list[Entry]:
    """The entries to hear again: ``numbers`` (each must have its recording kept), else every entry with a
    recording (``every``), else those recorded while the diary was locked and not heard again since."""
    if numbers:
        picked = [diary.get(n) for n in numbers]
        for n, entry in zip(numbers, picked, strict=True):
            if not entry.has_audio:
                raise UsageError(f"Entry {n} has no recording kept (it was made with --no-audio, or from "
                                 "text), so it cannot be heard again.")
            if entry.words_corrected is not None:
                raise UsageError(f"Entry {n}'s words were corrected by you; hearing it again would put the "
                                 "recogniser's words over yours. To change them, use `voicelog amend "
                                 f"{n} --transcript -`.")
        return picked
    with_audio = [e for e in diary.entries() if e.has_audio and e.words_corrected is None]  # yours stay
    if every:
        return with_audio
    return [e for e in with_audio if not e.registry_applied and e.first_transcript is None]


def rehear(diary: Diary, engine: Engine, entries: Sequence[Entry], *, prime: bool = True,
           on_entry: Callable[[Reheard], None] | None = None) -> list[Reheard]:
    """Hear each of ``entries``' kept recordings again with ``engine``, primed with the diary's vocabulary.

    Where the new transcript differs, it is appended as an amendment together with the fields extracted from it
    (the first transcript and fields stay; the person's own corrections still win). ``on_entry`` is told of each
    entry as it is done. Needs the diary unlocked: LockedError otherwise.
    """
    if diary.opener is None:
        raise LockedError("Hearing recordings again needs the diary unlocked; give your passphrase.")
    transcriber = primed_transcriber(engine, diary) if prime else engine.transcriber
    primed = transcriber is not engine.transcriber
    done: list[Reheard] = []
    for entry in entries:
        result = keep_heard(diary, entry, hear(transcriber, diary.audio(entry.seq)), transcriber, primed=primed)
        done.append(result)
        if on_entry is not None:
            on_entry(result)
    return done


def hear(transcriber: Transcriber, flac: bytes) -> Transcript:
    """A kept recording (``Diary.audio``'s FLAC) heard by ``transcriber``; touches no diary, so it may run in
    another thread (the review app does) while the diary stays with its own."""
    return transcriber.transcribe(_chunks(flac))


def keep_heard(diary: Diary, entry: Entry, heard: Transcript, transcriber: Transcriber, *,
               primed: bool) -> Reheard:
    """Store what ``transcriber`` heard in ``entry``'s recording: an amendment with the new transcript and the
    fields extracted from it where the words differ (nothing when they do not, or nothing was heard)."""
    from voicelog.app.recorder import EXTRACTION_FAILED, extract_account

    model = f"{transcriber.engine} {transcriber.model_name}"
    before = entry.transcript.text
    amendment = None
    if not heard.is_empty and heard.text.split() != before.split():
        incident = extract_account(diary, heard, recorded_at=datetime.fromisoformat(entry.recorded_at))
        fields = None if incident.extractor_version == EXTRACTION_FAILED else incident
        amendment = diary.amend(entry.seq, transcript=heard, incident=fields,
                                note=f"{REHEAR_NOTE} with {model}" + (", your names and places" if primed
                                                                      else "")).seq
    after = heard.text if amendment is not None else before
    return Reheard(entry.seq, before, after, word_diff(before, after), amendment, model, primed)


def offered(entry: Entry) -> str | None:
    """Why ``entry`` is worth hearing again (for ``review``), or None: its recording is kept and it has not been
    heard again yet; recorded while the diary was locked, the person's names were not expected."""
    if not entry.has_audio or entry.first_transcript is not None or entry.words_corrected is not None \
            or any(a.note.startswith(REHEAR_NOTE) for a in entry.amendments):
        return None
    if not entry.registry_applied:
        return "recorded while the diary was locked, so your names and places were not expected"
    return "its recording is kept"


def _chunks(flac: bytes) -> Iterator[bytes]:
    """A kept recording (FLAC, written at 16 kHz mono by the recorder) as int16 chunks, as a file is fed."""
    from voicelog.audio import decode_flac
    from voicelog.pcm import SAMPLE_RATE, byte_offset

    samples, rate = decode_flac(flac)
    if rate != SAMPLE_RATE or samples.ndim != 1:
        raise UsageError(f"A kept recording is {rate} Hz with {samples.ndim} dimensions, not the {SAMPLE_RATE} Hz "
                         "mono the recorder writes; it cannot be heard again.")
    pcm = samples.astype("<i2").tobytes()
    del samples
    step = byte_offset(CHUNK_SECONDS)
    for i in range(0, len(pcm), step):
        yield pcm[i : i + step]
