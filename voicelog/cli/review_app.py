"""``voicelog review``: go through entries in a terminal, confirm them or correct what was misheard.

A Textual app, keyboard only, fine over SSH. The diary is unlocked once by the
caller; the decrypted entries live only in this process's memory. A correction
is appended as an amendment (the original stays); confirming appends a
``reviewed`` amendment; Ctrl+T hears an entry's kept recording again with the
person's names (offered where it was recorded locked or not heard again yet,
:mod:`voicelog.app.rehear`). An entry that could not be read (a damaged or forged
row) is listed as damaged, with why, and cannot be confirmed or corrected; the
others are reviewed as usual. Escape or Ctrl+C ends it at once and clears the
screen and the scrollback, so nothing of the diary stays on screen.

A correction typed but not saved is never dropped quietly: moving to another
entry asks first (save, discard or go back), and leaving covers the screen at
once and asks (Escape again leaves without saving). Every field fits an 80x24
terminal, one line each, with the keys written out under them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, TextIO

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, ListItem, ListView, Static

from voicelog.cli import review_notes as notes
from voicelog.cli.clearing import ClearingApp
from voicelog.cli.render import marked_transcript
from voicelog.cli.review_words import WordsKeys
from voicelog.cli.unsaved import Unsaved
from voicelog.corrections import FORM, form_changes, form_values, name_of
from voicelog.display import clean
from voicelog.errors import VoicelogError
from voicelog.store.diary import Diary
from voicelog.store.entries import Entry
from voicelog.transcript import LOW_CONFIDENCE

if TYPE_CHECKING:
    from voicelog.engines.base import Engine, Transcriber
    from voicelog.transcript import Transcript


SOURCES = {"place": "location"}
"""Where a field's words are kept in an incident's ``sources``, where it is not under its own name."""

HINTS = (
    "[b]Tab[/b] next field · [b]Ctrl+L[/b] clear field · [b]Ctrl+S[/b] save · [b]Ctrl+R[/b] confirm\n"
    "[b]Ctrl+N[/b]/[b]P[/b] next/prev · [b]Ctrl+T[/b] rehear · [b]Ctrl+E[/b] words · [b]Esc[/b] leave, screen cleared"
)
"""The keys, always on screen (a footer would cut them off at 80 columns)."""


def _damaged_label(number: int) -> str:
    return f"✗ {number:>4}  [red]damaged[/red]"


def _list_label(entry: Entry) -> str:
    if entry.voided is not None:
        return notes.voided_label(entry)
    inc = entry.incident
    mark = "✓" if entry.reviewed else "•"
    return escape(clean(f"{mark} {entry.seq:>4}  {inc.date or entry.recorded_at[:10]}  {(inc.location or '')[:18]}"))


class ReviewApp(WordsKeys, ClearingApp):
    """The review screen: entries on the left, the chosen one on the right."""

    TITLE = "voicelog review"
    ENABLE_COMMAND_PALETTE = False  # its Ctrl+P is our "previous"; and nothing here should search elsewhere
    CSS = """
    #body { height: 1fr; }
    #entries { width: 30; border-right: solid $primary-darken-2; }
    #detail { padding: 0 1; }
    .row { height: 1; }
    .label { width: 11; color: $text-muted; }
    .label.check { color: $warning; }
    .row Input { height: 1; width: 1fr; border: none; padding: 0 1; background: $boost; }
    .row Input:focus { background: $primary 30%; }
    #said { height: auto; max-height: 2; color: $text-muted; text-style: italic; }
    #attached { height: auto; max-height: 2; color: $text-muted; }
    #transcript-box { height: 1fr; min-height: 3; border: round $primary-darken-2; }
    #transcript-box:focus { border: round $accent; }
    #transcript { padding: 0 1; }
    #hints { height: 2; padding: 0 1; color: $text-muted; }
    #status { height: 1; padding: 0 1; background: $boost; }
    #rehear { color: $warning; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "quick_exit", "Quick exit", priority=True),
        Binding("ctrl+c", "quick_exit", "Quick exit", show=False, priority=True),
        Binding("ctrl+q", "quick_exit", "Quit", show=False, priority=True),
        Binding("ctrl+s", "save", "Save corrections", priority=True),
        Binding("ctrl+r", "confirm", "Confirm (reviewed)", priority=True),
        Binding("ctrl+n", "move(1)", "Next", priority=True),
        Binding("ctrl+p", "move(-1)", "Previous", priority=True),
        Binding("ctrl+t", "rehear", "Hear again", priority=True),
        Binding("ctrl+l", "clear_field", "Clear field", priority=True),
        Binding("ctrl+e", "words", "Correct the words", priority=True),
    ]

    def __init__(self, diary: Diary, entries: Sequence[Entry], *, unreviewed: bool = False,
                 terminal: TextIO | None = None, damaged: Mapping[int, str] | None = None,
                 load_engine: Callable[[], Engine] | None = None) -> None:
        super().__init__()
        self.load_engine = load_engine
        """Loads the recogniser for Ctrl+T (hear again); the person's usual engine when None."""
        self._engine: Engine | None = None
        self._hearing = False
        self.diary = diary
        self.entries = sorted((e for e in entries if not (unreviewed and e.reviewed)), key=lambda e: -e.seq)
        self.damaged = dict(damaged or {})
        """Entries that could not be read, by number, with why: listed as damaged, never editable."""
        self.attached = notes.attached_by_entry(diary)
        """The files sealed to each entry (names, types, sizes), by entry number."""
        self.why_not = ""
        """Why the row shown (damaged or voided) cannot be confirmed or corrected."""
        self.rows: list[Entry | int] = sorted([*self.entries, *self.damaged],
                                              key=lambda row: -(row if isinstance(row, int) else row.seq))
        """What the list shows, newest first: an entry, or the number of a damaged one."""
        self.unreviewed = unreviewed
        self.terminal = terminal
        self.current: Entry | None = None
        self.shown: dict[str, str] = {}
        self.asking: Unsaved | None = None
        """The question about an unsaved correction, while it is on screen."""
        names = sorted({clean(p.name) for p in diary.people()}
                       | {clean(p.name) for e in entries for p in e.incident.people})
        self._suggest = SuggestFromList([f"{n}:subject" for n in names] + [f"{n}:witness" for n in names],
                                        case_sensitive=False)

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Focus goes in this order: the list, each field, then the account (scrollable, framed when focused).
        with Horizontal(id="body"):
            yield ListView(*(ListItem(Label(_damaged_label(row)), id=f"d{row}") if isinstance(row, int)
                             else ListItem(Label(_list_label(row)), id=f"e{row.seq}") for row in self.rows),
                           id="entries")
            with Vertical(id="detail"):
                yield Static(id="heading")
                yield Static(id="rehear")
                for key, hint in FORM:
                    with Horizontal(classes="row", id=f"r-{key}"):
                        yield Label(key.capitalize(), classes="label", id=f"l-{key}")
                        yield Input(id=f"f-{key}", placeholder=hint, select_on_focus=False,
                                    suggester=self._suggest if key == "people" else None)
                yield Static(id="said")
                yield Static(id="attached")
                with VerticalScroll(id="transcript-box"):
                    yield Static(id="transcript")
        yield Static(HINTS, id="hints")
        yield Static(id="status")

    def on_mount(self) -> None:
        if self.rows:
            self.show_row(self.rows[0])
            self.query_one("#entries", ListView).focus()
        else:
            self.query_one("#heading", Static).update(
                "Nothing to review: every entry is confirmed." if self.unreviewed else "The diary has no entries.")

    def show_row(self, row: Entry | int) -> None:
        """Show an entry, or say why a damaged one cannot be shown."""
        if isinstance(row, int):
            self.show_damaged(row)
        else:
            self.show(row)

    def _fields_shown(self, shown: bool) -> None:
        for key, _ in FORM:
            for selector in (f"#r-{key}", f"#l-{key}", f"#f-{key}"):
                self.query_one(selector).display = shown
        self.query_one("#said").display = shown
        self.query_one("#attached").display = False  # show() shows it for an entry with files

    def show_damaged(self, number: int) -> None:
        """Say that entry ``number`` could not be read, and why (no content: there is none to show)."""
        self._show_without_fields(
            f"[b]Entry {number}[/b] · [bold red]damaged: cannot be read[/bold red]",
            f"{escape(clean(self.damaged[number]))}\n\nIt cannot be confirmed or corrected here. The other entries "
            "are readable; `voicelog verify` says more, and `voicelog salvage` copies every readable entry to a "
            "new diary.", "this entry is damaged and cannot be read, so it cannot be confirmed or corrected.")

    def _show_without_fields(self, heading: str, text: str, why_not: str) -> None:
        """A damaged or voided entry: a heading and a text, no fields; ``why_not`` if a save is tried."""
        self.current = None
        self.shown = {}
        self.why_not = why_not
        self.query_one("#rehear", Static).display = False
        self._fields_shown(False)
        self.query_one("#heading", Static).update(heading)
        self.query_one("#transcript", Static).update(text)

    def show(self, entry: Entry) -> None:
        """Fill the right-hand side with ``entry`` (a voided one: when and why only, as lists and reports)."""
        if entry.voided is not None:
            self._show_without_fields(notes.voided_heading(entry), notes.voided_text(entry), notes.VOIDED_WHY)
            return
        self._fields_shown(True)
        files = notes.attached_markup(self.attached.get(entry.seq, ()))
        self.query_one("#attached", Static).update(files)
        self.query_one("#attached", Static).display = bool(files)
        self.current = entry
        # What the fields show, and what an edit is compared with: control characters visible, not raw.
        self.shown = {key: clean(value) for key, value in form_values(entry.incident).items()}
        state = "[green]reviewed ✓[/green]" if entry.reviewed else "[yellow]not reviewed yet[/yellow]"
        amended = f" · amended {len(entry.amendments)}×" if entry.amendments else ""
        recorded = escape(clean(entry.recorded_at.replace("T", " ")))
        self.query_one("#heading", Static).update(f"[b]Entry {entry.seq}[/b] · recorded {recorded} · {state}{amended}")
        self._offer_rehear(entry)
        text = marked_transcript(entry.transcript, highlight="bold black on yellow")
        if any(w.confidence < LOW_CONFIDENCE for w in entry.transcript.words):
            text.append("\n(?) the recogniser was unsure of this word", style="dim")
        self.query_one("#transcript", Static).update(text)
        for key, _ in FORM:
            self.query_one(f"#f-{key}", Input).value = self.shown[key]
            label = self.query_one(f"#l-{key}", Label)
            unsure = SOURCES.get(key, key) in entry.incident.uncertain
            label.update(key.capitalize() + (" ?" if unsure else ""))
            label.set_class(unsure, "check")
        self._explain(self.focused)

    def _explain(self, widget: object) -> None:
        """Under the fields: where the focused field's value was heard, whether to check it, how to write it."""
        said = self.query_one("#said", Static)
        entry = self.current
        if entry is None or not isinstance(widget, Input) or not (widget.id or "").startswith("f-"):
            said.update("Fields marked ? are ones to check." if entry is not None and any(
                SOURCES.get(k, k) in entry.incident.uncertain for k, _ in FORM) else "")
            return
        key = (widget.id or "")[2:]
        sources = entry.incident.sources
        heard = sources.get(SOURCES.get(key, key)) or (sources.get("period") if key == "time" else "")
        check = " [yellow]\\[check][/yellow]" if SOURCES.get(key, key) in entry.incident.uncertain else ""
        hint = dict(FORM)[key]
        said.update(f"{key.capitalize()} from: “{escape(clean(str(heard)))}”{check}" if heard
                    else f"{key.capitalize()}: {escape(hint)}{check}")

    def on_descendant_focus(self, event: object) -> None:
        self._explain(self.focused)

    def status(self, message: str) -> None:
        self.query_one("#status", Static).update(message)

    # -- events and actions ---------------------------------------------------------

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        if event.item is None or not event.item.id:
            return
        seq = int(event.item.id[1:])
        row: Entry | int | None = seq if event.item.id.startswith("d") else next(
            (e for e in self.entries if e.seq == seq), None)
        if row is None or row is self.current:
            return
        target = row
        self._then_leave_entry(lambda: self.show_row(target), stay=self._back_in_list)

    def _row_index(self) -> int | None:
        """Where the entry shown is in the list."""
        for index, row in enumerate(self.rows):
            if isinstance(row, Entry) and self.current is not None and row.seq == self.current.seq:
                return index
        return None

    def _back_in_list(self) -> None:
        """Put the list's highlight back on the entry shown (the person chose to keep editing it)."""
        index = self._row_index()
        if index is not None:
            self.query_one("#entries", ListView).index = index

    def _edited(self) -> dict[str, str]:
        return {key: self.query_one(f"#f-{key}", Input).value for key, _ in FORM}

    def unsaved(self) -> bool:
        """Whether a field of the entry shown has been edited and not saved."""
        return self.current is not None and any(
            value.strip() != self.shown.get(key, "").strip() for key, value in self._edited().items())

    def _then_leave_entry(self, go: Callable[[], None], *, stay: Callable[[], None] | None = None,
                          leaving: bool = False) -> None:
        """Do ``go`` (show another entry, or leave); first ask what to do with an unsaved correction."""
        if not self.unsaved() or self.current is None:
            go()
            return

        def answered(answer: str | None) -> None:
            self.asking = None
            if answer == "save" and self._amend(reviewed=False):
                go()
            elif answer == "discard":
                if self.current is not None:
                    self.show(self.current)  # the fields as they were
                go()
            else:  # back to editing, or a save that was refused (the status line says why)
                if stay is not None:
                    stay()

        self.asking = Unsaved(self.current.seq, leaving=leaving)
        self.push_screen(self.asking, answered)

    def _amend(self, *, reviewed: bool) -> bool:
        entry = self.current
        if entry is None:
            if self.rows:  # after mounting, nothing is current only while a damaged or voided entry is shown
                self.status(f"[red]Not saved:[/red] {self.why_not}")
            return False
        try:
            changes = form_changes(self.shown, self._edited())
        except VoicelogError as exc:
            self.status(f"[red]Not saved:[/red] {escape(str(exc))}")
            return False
        if not changes and not reviewed:
            self.status("Nothing changed.")
            return False
        note = "corrected in review" if changes else ""
        self.diary.amend(entry.seq, changes=changes, note=note, reviewed=reviewed)
        fresh = self.diary.get(entry.seq)
        self.entries = [fresh if e.seq == entry.seq else e for e in self.entries]
        self.rows = [fresh if isinstance(r, Entry) and r.seq == entry.seq else r for r in self.rows]
        item = self.query_one(f"#e{entry.seq}", ListItem)
        item.query_one(Label).update(_list_label(fresh))
        self.show(fresh)
        done = ", ".join(name_of(k) for k in changes)
        self.status((f"Saved as an amendment: {escape(clean(done))}. " if changes else "")
                    + ("Confirmed as reviewed." if reviewed else "The original is kept."))
        return True

    def action_save(self) -> None:
        """Save edited fields as one amendment (while the unsaved question is up: its "save")."""
        if self.asking is not None:
            self.asking.dismiss("save")
            return
        self._amend(reviewed=False)

    def action_confirm(self) -> None:
        """Mark the entry reviewed (with any edits), then go to the next one."""
        if self.asking is None and self._amend(reviewed=True):
            self.action_move(1)

    def action_move(self, step: int) -> None:
        """Show the next (1) or previous (-1) entry, asking first about an unsaved correction."""
        view = self.query_one("#entries", ListView)
        if not self.rows or self.asking is not None:
            return
        index = max(0, min(len(self.rows) - 1, (view.index or 0) + step))

        def go() -> None:
            view.index = index
            self.show_row(self.rows[index])

        self._then_leave_entry(go)

    def action_clear_field(self) -> None:
        """Empty the field being edited: saved, that clears it ("not said")."""
        if isinstance(self.focused, Input):
            self.focused.value = ""
        else:
            self.status("Tab to a field first; Ctrl+L then empties it.")

    # -- hearing again (voicelog rehear, for the entry shown) ---------------------------

    def _offer_rehear(self, entry: Entry) -> None:
        from voicelog.app.rehear import offered

        why = offered(entry)
        hint = self.query_one("#rehear", Static)
        hint.update(f"Ctrl+T hears its recording again with your names and places: {why}." if why else "")
        hint.display = why is not None

    def action_rehear(self) -> None:
        """Hear the entry's kept recording again with your names and places; an amendment if the words differ."""
        from voicelog.app.rehear import hearing_vocabulary

        entry = self.current
        if entry is not None and self.unsaved():
            self.status("Not heard again yet: save your correction (Ctrl+S) or undo it first.")
            return
        if entry is None or not entry.has_audio:
            self.status("Not heard again: " + ("this entry has no recording kept." if entry is not None
                                               else "nothing readable is shown."))
            return
        if self._hearing:
            self.status("Still hearing the last recording; a moment.")
            return
        try:
            vocabulary = hearing_vocabulary(self.diary)
            flac = self.diary.audio(entry.seq)  # read here: the diary stays in this thread
        except VoicelogError as exc:
            self.status(f"[red]Not heard again:[/red] {escape(str(exc))}")
            return
        self._hearing = True
        self.status(f"Hearing entry {entry.seq} again with your names and places…")

        def work() -> None:
            from voicelog.app.rehear import default_engine, hear, primed_with

            try:
                if self._engine is None:
                    self._engine = (self.load_engine or default_engine)()
                transcriber = primed_with(self._engine.transcriber, vocabulary)
                heard = hear(transcriber, flac)
            except VoicelogError as exc:
                self.call_from_thread(self._rehear_failed, str(exc))
                return
            except Exception as exc:  # a damaged recording: say so, keep reviewing (no words in the message)
                self.call_from_thread(self._rehear_failed, f"its recording could not be heard ({type(exc).__name__}).")
                return
            self.call_from_thread(self._reheard, entry, heard, transcriber, not vocabulary.empty)

        self.run_worker(work, thread=True, group="rehear", exit_on_error=False)

    def _rehear_failed(self, why: str) -> None:
        self._hearing = False
        self.status(f"[red]Not heard again:[/red] {escape(why)}")

    def _reheard(self, entry: Entry, heard: Transcript, transcriber: Transcriber, primed: bool) -> None:
        from voicelog.app.rehear import keep_heard
        from voicelog.cli.rehear import diff_markup

        self._hearing = False
        try:
            done = keep_heard(self.diary, entry, heard, transcriber, primed=primed)
        except VoicelogError as exc:
            self.status(f"[red]Not heard again:[/red] {escape(str(exc))}")
            return
        if not done.changed:
            self.status(f"Entry {entry.seq} heard again: the same words; nothing added.")
            return
        fresh = self.diary.get(entry.seq)
        self.entries = [fresh if e.seq == entry.seq else e for e in self.entries]
        self.rows = [fresh if isinstance(r, Entry) and r.seq == entry.seq else r for r in self.rows]
        self.query_one(f"#e{entry.seq}", ListItem).query_one(Label).update(_list_label(fresh))
        kept = ""
        if self.current is not None and self.current.seq == entry.seq:
            if self.unsaved():  # typed while it was being heard: never wiped
                kept = " Your unsaved correction is still on screen; save it to see the new words."
            else:
                self.show(fresh)
        self.status(f"Entry {entry.seq} heard again, added as an amendment: {diff_markup(done.diff)}{kept}")

    def action_quick_exit(self) -> None:
        """Leave at once; the screen and scrollback are cleared when the app has closed.

        With a correction not saved, the screen is covered at once and the person is
        asked; pressed again (Escape or Ctrl+C), it leaves without saving.
        """
        if self.asking is not None or not self.unsaved():
            self.exit("quick-exit")
            return
        self._then_leave_entry(lambda: self.exit("quick-exit"), leaving=True)

    async def action_quit(self) -> None:
        """Textual's own quit (Ctrl+Q) goes the same way."""
        self.action_quick_exit()


def run_review(diary: Diary, entries: Sequence[Entry], *, unreviewed: bool = False,
               damaged: Mapping[int, str] | None = None) -> str | None:
    """Review ``entries`` (already unlocked) in the terminal; ``damaged`` entries are listed as such."""
    return ReviewApp(diary, entries, unreviewed=unreviewed, damaged=damaged).run()
