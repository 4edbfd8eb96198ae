"""Marking while listening: between the marks store, the transcript list and the Notes panel.

M marks what the user means: the words dragged over inside a line, else the
picked lines (each unbroken run of them one mark), else the line being spoken.
N opens the note editor on that mark (made first when there is none). The
store is opened on first need, after the window is on screen, and a
transcript's marks are read once the whole transcript is in; changes go
through `MarkChanges` (changes.py), which keeps them undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.core.marks.store import MarksError
from reader.ui.notes.changes import MarkChanges, Refused
from reader.ui.notes.model import TIME_TEXT_ROLE, NotesModel

if TYPE_CHECKING:
    from reader.core.marks.store import MarksStore
    from reader.core.marks.types import Attached, Mark
    from reader.core.model import Transcript
    from reader.player.base import Player
    from reader.ui.notes.editor import NoteEditor
    from reader.ui.notes.exporting import NotesExport
    from reader.ui.notes.panel import NotesPanel
    from reader.ui.transcript.model import TranscriptModel
    from reader.ui.transcript.view import TranscriptView

OpenMarks = Callable[[], "MarksStore"]  # the marks store, opened on first need
Say = Callable[[str, bool], None]  # (text, error) -> the window's message strip
Range = tuple[int, int, "tuple[int, int] | None"]  # segments first..last, chars of first

NOT_AVAILABLE = "Marks are not available here."
NO_TRANSCRIPT = "Open a transcript to mark its lines."
STILL_READING = "The transcript is still being read; marks can be made once all of it is in."


class Marking(QObject):
    panel_wanted = Signal(bool)  # the Notes panel belongs in the side area; True: just marked

    def __init__(
        self,
        model: TranscriptModel,
        view: TranscriptView,
        player: Player,
        settings: QSettings,
        say: Say,
        parent: QWidget,
        open_store: OpenMarks | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._view = view
        self._player = player
        self._settings = settings
        self._say = say
        self._parent = parent
        self._open_store = open_store
        self.notes = NotesModel()
        self.undo_stack = QUndoStack(self)
        self.changes = MarkChanges(self.notes, model, self.undo_stack, say)
        self.notes.note_edited.connect(lambda mark_id, note: self.changes.edit(mark_id, note=note))
        self._panel: NotesPanel | None = None
        self._exporter: NotesExport | None = None
        self._editor: NoteEditor | None = None
        self._store: MarksStore | None = None
        self._shown: tuple[Path | None, Transcript | None] = (None, None)
        self._why = NO_TRANSCRIPT if open_store is not None else NOT_AVAILABLE
        self._attach_soon = QTimer(self)
        self._attach_soon.setSingleShot(True)
        self._attach_soon.setInterval(0)  # once the window is painted
        self._attach_soon.timeout.connect(self._attach)
        # Another window, or `transcript-reader mark` bound to a key, may have
        # marked this transcript meanwhile: read again when the window comes back.
        parent.installEventFilter(self)

    @property
    def panel(self) -> NotesPanel:
        """The Notes panel, made on first need."""
        if self._panel is None:
            from reader.ui.notes.panel import NotesPanel

            self._panel = NotesPanel(self.notes, self._parent)
            self._panel.jump_requested.connect(self.jump)
            self._panel.remove_requested.connect(self.changes.remove)
            self._panel.export_requested.connect(self.export_notes)
            self._panel.note_requested.connect(self.open_editor)
        return self._panel

    def has_marks_open(self) -> bool:
        """A transcript's marks are read and can be changed."""
        return self.changes.doc is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        activated = event.type() == QEvent.Type.WindowActivate
        if activated and self.changes.reread() and self.notes.rowCount():
            self.panel_wanted.emit(False)
        return False

    # --- the transcript shown ------------------------------------------------------------
    def show_document(self, path: Path | None, transcript: Transcript | None) -> None:
        """A transcript is shown: `transcript` is all of it, None while the rest is
        still being read. Its marks are read right after (not inside the window's
        first paint)."""
        if (path, transcript) == self._shown and transcript is not None:
            return  # the same one again
        self._attach_soon.stop()
        self._close_editor()
        self._shown = (path, transcript)
        self.changes.close_document()
        if self._open_store is None:
            self._why = NOT_AVAILABLE
        elif transcript is None:
            self._why = STILL_READING if path is not None else NO_TRANSCRIPT
        else:
            self._why = STILL_READING
            self._attach_soon.start()

    def _attach(self) -> None:
        path, transcript = self._shown
        if path is None or transcript is None or self._open_store is None:
            return
        try:
            if self._store is None:
                self._store = self._open_store()
                self.changes.store = self._store
            attached = self._store.attach(path, transcript)
            marks = self._store.marks(attached.doc)
        except (MarksError, ValueError, OSError) as exc:
            self._why = f"Marks cannot be kept: {exc}"
            self.changes.tell_warnings()
            self._say(self._why, True)
            return
        self.changes.open(self._store, attached.doc, transcript, marks)
        self.changes.tell_warnings()
        self._tell_moved(attached)
        if marks:
            self.panel_wanted.emit(False)

    def _tell_moved(self, attached: Attached) -> None:
        if attached.lost:
            n = attached.lost
            what = "1 mark" if n == 1 else f"{n:,} marks"
            self._say(
                f"The transcript changed: {what} could not be placed in it again;"
                " they are kept in Notes, flagged.",
                False,
            )
        elif attached.moved:
            n = attached.moved
            what = "1 mark was" if n == 1 else f"{n:,} marks were"
            self._say(f"The transcript changed: {what} placed again by time and text.", False)

    def _ready(self) -> bool:
        """Marks can be made now; else the user is told why not."""
        if self._attach_soon.isActive():  # asked before it ran: now
            self._attach_soon.stop()
            self._attach()
        if not self.has_marks_open():
            self._say(self._why, False)
            return False
        return True

    # --- marking ----------------------------------------------------------------------------
    def mark(self) -> list[Mark]:
        """M: mark the picked words, else the picked lines, else the spoken line."""
        if not self._ready():
            return []
        ranges = self._ranges()
        if not ranges:
            self._say("No line is being spoken yet: play, or pick lines to mark.", False)
            return []
        fresh = [r for r in ranges if self.changes.find(*r) is None]
        if not fresh:
            self._say("Already marked. N adds a note to it; Delete in Notes removes it.", False)
            return []
        added: list[Mark] = []
        if len(fresh) > 1:
            self.undo_stack.beginMacro(f"Mark {len(fresh)} Passages")
        try:
            for first, last, chars in fresh:
                added.append(self.changes.add(first, last, chars))
        except Refused:
            pass
        finally:
            if len(fresh) > 1:
                self.undo_stack.endMacro()
        if added:
            self._view.clear_picked()
            self._view.clearSelection()
            self.panel_wanted.emit(True)
            self.panel.show_mark(added[0].id)
        return added

    def _ranges(self) -> list[Range]:
        picked = self._view.picked_words()
        if picked is not None:
            return [self._word_range(*picked)]
        selection = self._view.selectionModel()
        rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection else []
        if rows:
            return _runs(self._model.segments_of_rows(rows))
        spoken = self._spoken()
        return [(spoken, spoken, None)] if spoken >= 0 else []

    def _word_range(self, row: int, chars: tuple[int, int]) -> Range:
        """Words picked in a row: chars of one line, or the lines they reach into."""
        a, b = chars
        first = self._model.segment_at(row, a)
        last = self._model.segment_at(row, max(a, b - 1))
        if first != last:
            return (first, last, None)
        base, end = self._model.segment_span(first)
        lo, hi = max(0, a - base), min(end, b) - base
        if (lo <= 0 and hi >= end - base) or hi <= lo:
            return (first, first, None)  # all of the line
        return (first, first, (lo, hi))

    def _spoken(self) -> int:
        current = self._model.current_row()
        transcript = self._shown[1]
        if current < 0 and transcript is not None:
            current = transcript.index_at(self._player.position())
        return current

    def _picked_anything(self) -> bool:
        selection = self._view.selectionModel()
        picked_lines = bool(selection and selection.hasSelection())
        return self._view.picked_words() is not None or picked_lines

    # --- notes ---------------------------------------------------------------------------
    def edit_note(self) -> None:
        """N: the note editor on the mark meant (the one holding the spoken line, if
        nothing is picked), made first when there is none."""
        if not self._ready():
            return
        ranges = self._ranges()
        if not ranges:
            self._say("No line is being spoken yet: play, or pick lines to add a note to.", False)
            return
        mark = self.changes.find(*ranges[0])
        if mark is None and not self._picked_anything():
            mark = self.changes.holding(ranges[0][0])
        if mark is None:
            added = self.mark()
            if not added:
                return
            mark = added[0]
        self._view.clear_picked()
        self._view.clearSelection()
        self.open_editor(mark.id)

    def open_editor(self, mark_id: int) -> NoteEditor | None:
        """The note editor beside the mark's line; what is typed is kept on closing."""
        from reader.ui.notes.editor import NoteEditor

        mark = self.changes.by_id(mark_id)
        if mark is None:
            return None
        self._close_editor()
        time_text = self.notes.index(self.notes.row_of(mark_id)).data(TIME_TEXT_ROLE)
        heading = f"{time_text}  {' '.join(mark.text.split())}"
        editor = NoteEditor(heading, mark.note, mark.tags, self._parent)
        editor.finished.connect(lambda note, tags: self._editor_closed(mark_id, note, tags))
        editor.destroyed.connect(self._forget_editor)
        self._editor = editor
        editor.popup_at(self._anchor(mark))
        return editor

    def editor(self) -> NoteEditor | None:
        return self._editor

    def _editor_closed(self, mark_id: int, note: str, tags: tuple[str, ...]) -> None:
        self._editor = None
        self.changes.edit(mark_id, note=note, tags=tags)

    def _forget_editor(self) -> None:
        self._editor = None

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.close()  # keeps what was typed

    def _anchor(self, mark: Mark) -> QRect:
        """Where the editor goes (global): under the mark's row, or atop the list."""
        viewport = self._view.viewport()
        rect = self._view.visualRect(self._model.index(self._model.row_of_segment(mark.first)))
        if not rect.isValid() or not rect.intersects(viewport.rect()):
            rect = QRect(0, 0, viewport.width(), 40)
        left = rect.left() + self._view.time_width()
        top_left = viewport.mapToGlobal(QPoint(left, rect.top()))
        return QRect(top_left, rect.size())

    # --- going there, taking them out --------------------------------------------------------
    def jump(self, mark_id: int, play: bool = False) -> None:
        """Hear a mark: the player goes to its start (and plays, when asked)."""
        mark = self.changes.by_id(mark_id)
        if mark is None:
            return
        self._player.seek(mark.start_ms)
        self._view.set_following(True)
        if play and not self._player.is_playing():
            self._player.play()

    def export_notes(self) -> bool:
        """File > Export Notes: this transcript's marks, to a file the user picks."""
        if not self._ready():
            return False
        store, doc = self._store, self.changes.doc
        assert store is not None and doc is not None
        try:
            document = self.changes.run("Could not export", lambda: store.document(doc))
            marks = self.changes.run("Could not export", lambda: store.marks(doc))
        except Refused:
            return False
        if document is None or not marks:
            self._say("This transcript has no marks to export yet: M marks a line.", False)
            return False
        return self.exporter.export(document, marks)

    @property
    def exporter(self) -> NotesExport:
        if self._exporter is None:
            from reader.ui.notes.exporting import NotesExport

            self._exporter = NotesExport(self._settings, self._say, self._parent)
        return self._exporter

    def close(self) -> None:
        """The window is closing: an open editor keeps its text, then the store closes."""
        self._close_editor()
        self._attach_soon.stop()
        self._parent.removeEventFilter(self)
        store, self._store = self._store, None
        self.changes.doc = None
        self.changes.store = None
        if store is not None:
            try:
                store.close()
            except MarksError as exc:
                self._say(str(exc), True)


def _runs(segments: list[int]) -> list[Range]:
    """Unbroken runs of segment indexes, each a range: [3, 4, 5, 9] -> 3..5, 9..9."""
    out: list[Range] = []
    for seg in sorted(set(segments)):
        if out and seg == out[-1][1] + 1:
            out[-1] = (out[-1][0], seg, None)
        else:
            out.append((seg, seg, None))
    return out
