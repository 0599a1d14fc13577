"""Correcting an entry's words in ``voicelog review`` (Ctrl+E), with its recording playable where it can be.

The words open in a text area on a screen of their own. Ctrl+S stores them as
``voicelog amend N --transcript`` does (:func:`voicelog.app.amend.correct_words`:
a chained amendment, the fields found again except those corrected by hand, the
recogniser's words kept in the history), then shows what changed word by word
and the fields found again. Ctrl+E goes back to the entry and Escape (or Ctrl+C)
leaves the review as everywhere in it; with words typed and not saved, both ask
first (:class:`voicelog.cli.unsaved.Unsaved`). Ctrl+O plays or stops the entry's
kept recording, opened in memory only (:mod:`voicelog.audio.playback`); where
there is none, or no sound output, the keys under the text say so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, TextArea

from voicelog.cli.unsaved import Unsaved
from voicelog.corrections import form_values
from voicelog.display import clean
from voicelog.errors import VoicelogError

if TYPE_CHECKING:
    from voicelog.app.amend import Amended
    from voicelog.audio.playback import Player, Sound
    from voicelog.cli.review_app import ReviewApp
    from voicelog.store.diary import Diary
    from voicelog.store.entries import Entry

REVIEW_ACTIONS = frozenset({"quick_exit", "quit", "save", "confirm", "move", "rehear", "clear_field", "words"})
"""The review app's own actions, which rest while the words are edited (the editor has its own keys)."""

KEYS = "[b]Ctrl+S[/b] save the words · [b]Ctrl+E[/b] back to the entry · [b]Esc[/b] leave, screen cleared"
"""The editor's keys, always on screen."""


def normalised(text: str) -> str:
    """The words as they are compared and stored: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def playback_hint(entry: Entry) -> str:
    """What the line under the keys says about the entry's recording: how to play it, or why it cannot be."""
    from voicelog.audio.playback import why_no_playback

    if not entry.has_audio:
        return "No recording is kept with this entry, so there is nothing to play."
    why = why_no_playback()
    if why is not None:
        return f"Its recording cannot be played on this machine: {why}."
    return "[b]Ctrl+O[/b] plays its recording, or stops it"


def field_changes(before: Entry, after: Entry) -> list[tuple[str, str, str]]:
    """The fields that read differently after a correction: name, value before, value after."""
    old, new = form_values(before.incident), form_values(after.incident)
    return [(name, old[name], new[name]) for name in new if old.get(name, "") != new[name]]


class UnsavedWords(Unsaved):
    """The review's unsaved-correction question, for words: Ctrl+S and Escape answer it here too.

    (In the review itself the app's own keys answer them; they rest while the words are edited.)
    """

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "answer('save')", "Save", priority=True),
        Binding("escape,ctrl+c,ctrl+q", "answer('leave')", "Leave", priority=True),
    ]


class EditWords(Screen["Entry | None"]):
    """The entry's words in a text area, prefilled with the words it now reads; closed, it gives the entry as
    saved (None when nothing was)."""

    DEFAULT_CSS = """
    EditWords { padding: 0 1; }
    #w-heading { height: auto; }
    #w-text { height: 1fr; min-height: 4; }
    #w-result { height: auto; max-height: 8; padding: 0 1; border: round $success; display: none; }
    #w-keys { height: auto; color: $text-muted; }
    #w-status { height: 1; background: $boost; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save the words", priority=True),
        Binding("ctrl+e", "back", "Back to the entry", priority=True),
        Binding("escape,ctrl+c,ctrl+q", "leave", "Leave, screen cleared", priority=True),
        Binding("ctrl+o", "play", "Play or stop the recording", priority=True),
    ]

    def __init__(self, diary: Diary, entry: Entry) -> None:
        super().__init__()
        self.diary = diary
        self.entry = entry
        """The entry as it now reads (after a save, as saved)."""
        self.saved = False
        """Whether words were saved here."""
        self.asking: UnsavedWords | None = None
        self.player: Player | None = None
        self.sound: Sound | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"[b]Correcting the words of entry {self.entry.seq}[/b]. Saved, they are what is shown and "
                     "reported; the recogniser's words stay in the history (`voicelog show N --history`).",
                     id="w-heading")
        yield TextArea(self.entry.transcript.text, id="w-text", soft_wrap=True, show_line_numbers=False)
        yield Static(id="w-result")
        yield Static(f"{KEYS}\n{playback_hint(self.entry)}", id="w-keys")
        yield Static(id="w-status")

    def on_mount(self) -> None:
        self.query_one("#w-text", TextArea).focus()

    @property
    def typed(self) -> str:
        return self.query_one("#w-text", TextArea).text

    def unsaved(self) -> bool:
        """Whether the words in the text area differ from those the entry reads."""
        return normalised(self.typed) != normalised(self.entry.transcript.text)

    def status(self, message: str) -> None:
        self.query_one("#w-status", Static).update(message)

    def _save(self) -> bool:
        """Store the typed words as an amendment; show what changed. False (status says why) if refused."""
        from voicelog.app.amend import correct_words
        from voicelog.app.rehear import word_diff
        from voicelog.cli.rehear import diff_markup

        before = self.entry
        try:
            done: Amended = correct_words(self.diary, before.seq, self.typed, note="corrected in review")
        except VoicelogError as exc:
            self.status(f"[red]Not saved:[/red] {escape(str(exc))}")
            return False
        self.entry, self.saved = done.entry, True
        found = field_changes(before, done.entry)
        fields = "\n".join(f"  {name}: {escape(clean(old)) or '(none)'} → [b]{escape(clean(new)) or '(none)'}[/b]"
                           for name, old, new in found)
        result = self.query_one("#w-result", Static)
        diff = diff_markup(word_diff(before.transcript.text, done.entry.transcript.text))
        result.update(f"Saved as an amendment: {diff}"
                      + ("\nFields found again from your words:\n" + fields if found else
                         "\nThe fields read as before (those you corrected by hand keep your values)."))
        result.display = True
        self.status(f"Entry {before.seq}: your words are saved; the recogniser's are kept in the history.")
        return True

    def action_save(self) -> None:
        self._save()

    def _stop(self) -> None:
        if self.player is not None:
            self.player.stop()

    def _ask(self, *, leaving: bool, then: Callable[[], None]) -> None:
        """Do ``then`` (back to the entry, or leave); first ask what to do with words not saved."""
        if not self.unsaved():
            then()
            return

        def answered(answer: str | None) -> None:
            self.asking = None
            if answer == "save" and self._save() or answer == "discard":
                then()
            elif answer == "leave":
                self._leave_now()
            else:
                self.query_one("#w-text", TextArea).focus()

        self.asking = UnsavedWords(self.entry.seq, leaving=leaving)
        self.app.push_screen(self.asking, answered)

    def _back_now(self) -> None:
        self._stop()
        self.dismiss(self.entry if self.saved else None)

    def _leave_now(self) -> None:
        self._stop()
        self.app.exit("quick-exit")

    def action_back(self) -> None:
        """Back to the entry (asking first about words not saved)."""
        self._ask(leaving=False, then=self._back_now)

    def action_leave(self) -> None:
        """Leave the review, as Escape does everywhere in it (covering the screen and asking about unsaved words)."""
        self._ask(leaving=True, then=self._leave_now)

    def action_play(self) -> None:
        """Play the entry's kept recording (opened in memory only), or stop it playing."""
        from voicelog.audio.playback import Player, recording_in_memory, why_no_playback

        if self.player is not None and self.player.playing:
            self.player.stop()
            self.status("Stopped.")
            return
        if not self.entry.has_audio:
            self.status("No recording is kept with this entry.")
            return
        why = why_no_playback()
        if why is not None:
            self.status(f"Not played: {why} on this machine.")
            return
        try:
            if self.sound is None:
                self.sound = recording_in_memory(self.diary, self.entry.seq)
        except VoicelogError as exc:
            self.status(f"[red]Not played:[/red] {escape(str(exc))}")
            return
        except Exception as exc:  # a damaged recording: say so, keep editing (no words in the message)
            self.status(f"[red]Not played:[/red] its recording could not be read ({type(exc).__name__}).")
            return
        self.player = self.player or Player()
        refused = self.player.play(self.sound)
        self.status(f"Not played: {escape(refused)}." if refused else
                    f"Playing its recording ({self.sound.seconds:.0f} s); Ctrl+O stops it.")


class WordsKeys:
    """Mixed into the review app: Ctrl+E opens the entry's words; while they are edited the review's keys rest."""

    def action_words(self) -> None:
        """Correct the words of the entry shown (not a damaged or voided one, nor with a field edit unsaved)."""
        open_words(cast("ReviewApp", self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = cast("ReviewApp", self)
        return action not in REVIEW_ACTIONS or not any(isinstance(s, EditWords) for s in app.screen_stack)


def open_words(app: ReviewApp) -> None:
    """Open the words of the entry ``app`` shows in :class:`EditWords`, or say in the status line why not."""
    from voicelog.cli.review_app import _list_label

    entry = app.current
    if app.asking is not None:
        return
    if entry is None or entry.voided is not None:
        app.status(f"[red]Words not corrected:[/red] {app.why_not or 'nothing readable is shown.'}")
        return
    if app.unsaved():
        app.status("Words not opened yet: save your field correction (Ctrl+S) or undo it first.")
        return

    def closed(fresh: Entry | None) -> None:
        if fresh is None:
            return
        app.entries = [fresh if e.seq == fresh.seq else e for e in app.entries]
        app.rows = [fresh if not isinstance(r, int) and r.seq == fresh.seq else r for r in app.rows]
        app.query_one(f"#e{fresh.seq}").query_one(Static).update(_list_label(fresh))
        app.show(fresh)
        app.status(f"Entry {fresh.seq}: your words are saved as an amendment; the recogniser's are kept.")

    app.push_screen(EditWords(app.diary, entry), closed)
