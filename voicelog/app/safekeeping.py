"""An account the diary did not take: where it is kept and the one sentence that says so.

The diary may refuse an account (the disk is full, the file is damaged or not a
diary, the disk fails); :class:`~voicelog.app.recorder.AccountRecorder` then keeps
it in a sealed journal, beside the diary or in the person's fallback folder,
and describes the outcome as a :class:`NotStored`. A diary that cannot even be
opened is an :class:`UnopenedDiary`: recording goes on into the journal, sealed
to the public key in the key file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from voicelog.errors import DiaryError, VoicelogError

if TYPE_CHECKING:
    from collections.abc import Callable

    from voicelog.store.diary import Diary
    from voicelog.store.journal_seal import Stamp
    from voicelog.store.keys import Sealer

Place = Literal["memory", "journal", "fallback", "file", "lost"]
"""Where an account the diary did not take is (see :attr:`NotStored.place`)."""


class UnopenedDiary:
    """A diary file that could not be opened: recording goes on, each account sealed into the journal beside it.

    With ``reopen``, opening is tried again each time an account is stored, so a
    diary a full disk kept closed takes accounts again once there is space.
    """

    opener = None
    """Nothing can be read from it."""

    def __init__(self, path: Path, sealer: Sealer, problem: DiaryError,
                 reopen: Callable[[], Diary] | None = None) -> None:
        self.path = path
        """The diary file."""
        self.sealer = sealer
        """Seals to the public key in the diary's key file."""
        self.problem = problem
        """Why it could not be opened."""
        self._reopen = reopen
        self._opened: Diary | None = None

    def journal_stamp(self) -> Stamp | None:
        """The seal for a journal, from the state in the diary file read as it stands; None if it cannot be read."""
        from voicelog.store import journal_seal, sealing

        return journal_seal.current_stamp(sealing.peek_state(self.path))

    def reopened(self) -> Diary:
        """The diary, if it opens now; else raises why not."""
        if self._opened is None:
            if self._reopen is None:
                raise self.problem
            try:
                self._opened = self._reopen()
            except DiaryError:  # still damaged, or still full
                raise
            except VoicelogError as exc:  # worse (its key file went too): it stays unopened all the same
                raise DiaryError(str(exc)) from exc
        return self._opened

    @property
    def warning(self) -> str:
        """One sentence for the person, said when recording starts."""
        if disk_full(self.problem, self.path.parent):
            return (f"The disk holding the diary {self.path} is full, so it could not be opened "
                    f"({reason(self.problem)}); recording goes on and each account is held in memory until there is "
                    "space, or kept in the fallback folder if one is set.")
        return (f"The diary {self.path} could not be opened ({reason(self.problem)}); recording goes on and "
                "each account is kept, sealed, in the journal; run `voicelog recover` once the diary is repaired "
                "or restored.")

    def close(self) -> None:
        """Close the diary if it was opened after all."""
        if self._opened is not None:
            self._opened.close()

    def __enter__(self) -> UnopenedDiary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unopened_diary(path: Path, problem: DiaryError, reopen: Callable[[], Diary] | None = None) -> UnopenedDiary:
    """Record beside a diary that ``problem`` kept from opening, sealing to its key file; raises ``problem`` if
    there is no key file to seal with (nothing is ever journaled in clear). ``reopen`` opens it, for later tries."""
    from voicelog.errors import VaultError
    from voicelog.store import keys
    from voicelog.store.opening import key_path

    try:
        sealer = keys.load_sealer(key_path(path))
    except VaultError:
        raise problem from None
    return UnopenedDiary(Path(path), sealer, problem, reopen)


@dataclass(frozen=True)
class NotStored:
    """Where an account the diary did not take is, and why."""

    place: Place
    """``memory`` (voicelog is still trying), ``journal`` (whole and sealed, beside the diary), ``fallback`` (whole
    and sealed, in the fallback folder), ``file`` (the recording it came from is untouched), or ``lost`` (at most a
    first part of it is on disk)."""
    recorded_at: datetime
    """When the account was spoken."""
    seconds: float
    """Its length."""
    full: bool
    """The disk was full; otherwise the diary (or the journal) refused it for another reason."""
    problem: str
    """Why, in a few words from SQLite or the system."""
    path: Path | None = None
    """The journal holding it (``journal``, ``fallback``, a first part for ``memory`` and ``lost``), or the
    recording (``file``)."""
    on_disk: float = 0.0
    """Seconds of it already in a journal on disk (``memory``, ``lost``)."""
    fallback_dir: Path | None = None
    """The fallback folder the person set, if any."""
    trying: bool = False
    """voicelog goes on trying to store it (``listen`` is still running)."""

    @property
    def message(self) -> str:
        """One sentence saying what happened, where the account is and what to do."""
        what = f"the account recorded at {self.recorded_at:%Y-%m-%d %H:%M} ({self.seconds:.0f} s)"
        cause = "The disk is full" if self.full else f"The diary could not be written ({self.problem})"
        if self.place == "journal":
            if not self.full:
                return (f"{cause}; your account is kept in the journal {self.path}; run `voicelog recover` once "
                        "the diary is repaired or restored.")
            then = ("voicelog keeps trying, or run `voicelog recover` once there is space" if self.trying
                    else "free some space, then run `voicelog recover`")
            return f"{cause}: {what} is kept, sealed, in the journal {self.path}; {then}."
        if self.place == "fallback":
            if not self.full:
                return (f"{cause}; your account is kept in the fallback folder {self.fallback_dir}; run "
                        "`voicelog recover` once the diary is repaired or restored.")
            return (f"{cause}: {what} is written, sealed, to the fallback folder {self.fallback_dir}; free some "
                    "space, then run `voicelog recover`.")
        if self.place == "file":
            once = "there is space" if self.full else "the diary is repaired or restored"
            return (f"{cause}, so {what} could not be stored, but the recording {self.path} is untouched; run "
                    f"`voicelog dictate --file` on it again once {once}.")
        cause = "The disk is full" if self.full else f"The journal could not be written ({self.problem})"
        held = self.seconds - self.on_disk
        if self.place == "memory":
            later = (f"it is written to the fallback folder {self.fallback_dir} if voicelog has to stop first"
                     if self.fallback_dir else "it is lost if voicelog stops first (a fallback folder on another "
                     "disk, --fallback-dir, would keep it)")
            fix = "free some space" if self.full else "check the disk"
            return (f"{cause}: {held:.0f} seconds of {what} are held in memory; {fix} - voicelog keeps trying - "
                    f"or {later}.")
        tried = "no fallback folder took it" if self.fallback_dir else "no fallback folder is set"
        part = (f", except its first {self.on_disk:.0f} seconds, which are in the journal for `voicelog recover`"
                if self.on_disk else "")
        advice = ("check that the fallback folder can be written" if self.fallback_dir else
                  "set a fallback folder on another disk (--fallback-dir) to keep them next time")
        return (f"{cause} and {tried}, so {held:.0f} seconds of {what} were only in memory and are lost now that "
                f"voicelog stops{part}; {advice}.")


class AccountNotStored(DiaryError):
    """An account was heard but the diary did not take it; :attr:`kept` says where it is."""

    def __init__(self, kept: NotStored) -> None:
        super().__init__(kept.message)
        self.kept = kept
        """Where the account is."""


def disk_full(exc: BaseException | None, folder: Path | None = None) -> bool:
    """Whether ``exc`` (or what caused it) is the disk or the quota being full.

    SQLite reports some writes refused for want of space as I/O errors (its
    shared-memory file, for one); with ``folder`` the free space there decides.
    """
    if exc is not None and folder is not None and short_of_space(folder):
        return True
    for _ in range(4):
        if exc is None:
            return False
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def short_of_space(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (next to) no space left for this user."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    free = st.f_bfree if os.geteuid() == 0 else st.f_bavail
    return free * st.f_frsize < 64 * 1024


def reason(exc: BaseException) -> str:
    """A few words on why: SQLite's or the system's own, rather than a whole sentence of ours."""
    cause = exc.__cause__ if isinstance(exc, DiaryError) and exc.__cause__ is not None else exc
    if isinstance(cause, OSError):
        return cause.strerror or type(cause).__name__
    return str(cause).rstrip(".") or type(cause).__name__


def summary(kept: list[NotStored]) -> str:
    """Where several accounts the diary did not take are, in one sentence (each had its own as it happened)."""
    places = {"journal": "in the journal beside the diary", "fallback": "in the fallback folder",
              "file": "only in their recordings", "lost": "lost (at most a first part is in the journal)",
              "memory": "held in memory"}
    counts: dict[str, int] = {}
    for one in kept:
        counts[one.place] = counts.get(one.place, 0) + 1
    where = "; ".join(f"{n} {places[p]}" for p, n in counts.items())
    return (f"{len(kept)} accounts could not be stored in the diary ({where}); run `voicelog recover` once there "
            "is space or the diary is repaired (the messages above say more).")
