"""The reader window's parts, built right after its first frame and put in the shell.

Each part gets what it needs in its constructor: the model, the view, the
player, the settings, a way to say something. The window keeps the `Parts`
and wires what passes between them (window.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QFrame, QMainWindow, QMenu

from reader.player.base import RATES, Player
from reader.ui.media.panel import MediaPanel
from reader.ui.media.transport import TransportBar
from reader.ui.startup.shell import Shell
from reader.ui.transcript.back_button import BackButton
from reader.ui.transcript.follow import Follower
from reader.ui.transcript.model import TranscriptModel
from reader.ui.transcript.modes import PlaybackModes
from reader.ui.transcript.view import TranscriptView
from reader.ui.window.actions import WindowCommands, install_actions
from reader.ui.window.document import Document
from reader.ui.window.preferences import Preferences
from reader.ui.window.quoting import QuoteActions, Say
from reader.ui.window.side import SideArea

if TYPE_CHECKING:  # built on first use: it brings the search engine and rapidfuzz
    from collections.abc import Callable, Mapping

    from reader.core.library import Library
    from reader.ui.library.panel import LibraryPanel
    from reader.ui.library.worker import LibraryWorker
    from reader.ui.notes.marking import Marking, OpenMarks
    from reader.ui.search.panel import SearchPanel


SEEDED_KEY = "library/seeded"  # the library was given the media folders once


class Parts(QObject):
    def __init__(
        self,
        owner: QMainWindow,
        shell: Shell,
        player: Player,
        document: Document,
        prefs: Preferences,
        settings: QSettings,
        commands: WindowCommands,
        say: Say,
        marks: OpenMarks | None = None,
    ) -> None:
        """`owner`: the window whose menus and keys the actions go in; `marks`
        opens the marks store (on first need)."""
        super().__init__(owner)
        self._owner = owner
        self._shell = shell
        self._player = player
        self._document = document
        self._prefs = prefs
        self._say = say
        self._settings = settings
        self.model = TranscriptModel()
        self.view = TranscriptView(self.model, shell.left)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        shell.put_list(self.view)
        self.follower = Follower(player, self.model, self.view)
        self.modes = PlaybackModes(player, self.model, self)
        self.back_button = BackButton(self.view)
        prefs.attach(self.view, self.model)
        self.side = SideArea(shell)
        self.panel = MediaPanel(self.side)
        self.side.add_panel("player", "Player", self.panel)
        shell.put_side(self.side)
        self.transport = TransportBar(player, shell)
        shell.put_bottom(self.transport)
        self.quotes = QuoteActions(document, self.model, self.view, player, settings, say, owner)
        self._open_marks = marks
        self._marking: Marking | None = None  # made once the window is on screen
        self._marks_soon = QTimer(self)
        self._marks_soon.setSingleShot(True)
        self._marks_soon.timeout.connect(self._give_marks)
        self.search_panel: SearchPanel | None = None  # made on first use
        self.library_panel: LibraryPanel | None = None  # made on first use
        self._library: tuple[Library, LibraryWorker] | None = None
        menus = owner.menuBar()
        self.actions = install_actions(commands, self, player, menus, owner)
        view_menu = menus.findChild(QMenu, "menu_View")
        assert view_menu is not None
        prefs.build_theme_menu(view_menu)
        self.actions["paragraphs"].setChecked(self.model.paragraph_mode())
        self.modes.loop_changed.connect(self.actions["loop"].setChecked)
        self.modes.learner_changed.connect(self.actions["learner"].setChecked)
        self.panel.open_media_requested.connect(commands.choose_media)
        self.view.segment_activated.connect(self.play_segment)
        self.actions["undo"].setEnabled(False)
        self.actions["redo"].setEnabled(False)

    # --- marks and notes (reader/ui/notes) ----------------------------------------------
    @property
    def marking(self) -> Marking:
        """Marking and the Notes panel's model, made on first need: its modules cost
        the complete window's time, so it comes just after that is on screen."""
        if self._marking is None:
            from reader.ui.notes.marking import Marking

            self._marking = Marking(
                self.model, self.view, self._player, self._settings, self._say, self._owner,
                self._open_marks,
            )  # fmt: skip
            self._connect_marking(self._marking)
            if self._marks_soon.isActive():  # asked for before its time: now
                self._marks_soon.stop()
                self._give_marks()
        return self._marking

    def follow_marks(self) -> None:
        """A transcript is shown, or all of it is read: its marks follow."""
        if self._marking is None:
            self._marks_soon.start()
        else:
            self._give_marks()

    def _give_marks(self) -> None:
        doc = self._document
        self.marking.show_document(doc.path, None if doc.is_loading() else doc.transcript)

    def close_marks(self) -> None:
        self._marks_soon.stop()
        if self._marking is not None:
            self._marking.close()

    def _connect_marking(self, marking: Marking) -> None:
        stack = marking.undo_stack
        stack.canUndoChanged.connect(self.actions["undo"].setEnabled)
        stack.canRedoChanged.connect(self.actions["redo"].setEnabled)
        # Slots of this object, not lambdas: they go with it when the window goes.
        stack.undoTextChanged.connect(self._name_undo)
        stack.redoTextChanged.connect(self._name_redo)
        marking.panel_wanted.connect(self._show_notes)

    def _name_undo(self, text: str) -> None:
        self.actions["undo"].setText(f"&Undo {text}".rstrip())

    def _name_redo(self, text: str) -> None:
        self.actions["redo"].setText(f"&Redo {text}".rstrip())

    def _show_notes(self, just_marked: bool) -> None:
        """The Notes tab comes with a transcript's first mark; in front when the user
        just made it, unless a video is showing in the side area."""
        new = not self.side.has_panel("notes")
        front = just_marked and new and not self._player.has_video()
        self.side.add_panel("notes", "Notes", self.marking.panel, show=front)

    def place_search_results(self, reveal: bool = False) -> None:
        """Search results go to the side area unless a video is showing there; their
        tab comes to the front when they arrive or the search opens (`reveal`)."""
        search = self.search_panel
        if search is None:
            return
        dock = search.is_open() and not self._player.has_video()
        if dock:
            reveal = reveal or not self.side.has_panel("search")
            self.side.add_panel("search", "Search", search.results_view, show=reveal)
            search.set_results_docked(True)
        elif self.side.remove_panel("search") is not None:
            search.set_results_docked(False)

    @property
    def search(self) -> SearchPanel:
        """The search bar, made on first use (it costs the window's start time)."""
        if self.search_panel is None:
            from reader.ui.search.panel import SearchPanel

            panel = SearchPanel(self.model, self.view, self._player, self._shell.left)
            self._shell.put_above_list(panel)
            panel.opened.connect(lambda: self.place_search_results(reveal=True))
            panel.closed.connect(self.place_search_results)
            self.search_panel = panel
        return self.search_panel

    def library(
        self,
        open_library: Callable[[], Library],
        positions: Callable[[], Mapping[Path, int]],
        on_open: Callable[[Path, int | None], None],
    ) -> LibraryPanel:
        """The library's panel in the side area, made on first use, brought to the
        front. A library's first start takes the media folders already known (once:
        a user who removed every folder meant it)."""
        if self.library_panel is None:
            from reader.ui.library.panel import LibraryPanel
            from reader.ui.library.worker import LibraryWorker
            from reader.ui.media.media_dirs import load_dirs

            store = open_library()
            for warning in store.take_warnings():  # a damaged index kept aside, say
                self._say(warning, False)
            if str(self._settings.value(SEEDED_KEY, "false")).lower() != "true":
                self._settings.setValue(SEEDED_KEY, True)
                if not store.folders():
                    for folder in load_dirs(self._settings):
                        store.add_folder(Path(folder))
            worker = LibraryWorker(open_library, self)
            self._library = (store, worker)
            self.library_panel = LibraryPanel(store, worker, positions, self.side)
            self.library_panel.open_requested.connect(on_open)
        self.side.add_panel("library", "Library", self.library_panel)
        return self.library_panel

    def close_library(self) -> None:
        """Stop the library's thread and close its store (the window is closing)."""
        if self._library is not None:
            store, worker = self._library
            self._library = None
            if self.library_panel is not None:
                self.library_panel.shut_down()
            worker.close()
            store.close()

    # --- what the reading actions do (actions.py's ReadingCommands) -------------------
    def export(self, selection_only: bool) -> bool:
        return self.quotes.export(selection_only)

    def copy_quote(self) -> bool:
        return self.quotes.copy_quote()

    def copy_link(self) -> bool:
        return self.quotes.copy_link()

    def open_search(self) -> None:
        self.search.open_search()

    def mark(self) -> None:
        self.marking.mark()

    def edit_note(self) -> None:
        self.marking.edit_note()

    def undo(self) -> None:
        self.marking.undo_stack.undo()

    def redo(self) -> None:
        self.marking.undo_stack.redo()

    def export_notes(self) -> None:
        self.marking.export_notes()

    def step_hit(self, forward: bool) -> None:
        """F3 / Shift+F3: the next or previous search hit (opening search if closed)."""
        search = self.search
        if not search.is_open():
            search.open_search()
        if forward:
            search.next_hit()
        else:
            search.previous_hit()

    def step_line(self, delta: int) -> None:
        """Up/Down: hear the previous or next line from its start."""
        t = self.model.transcript
        if t is None or not len(t):
            return
        row = min(len(t) - 1, max(0, self.model.current_row() + delta))
        self._player.seek(t[row].start_ms)
        self.view.set_following(True)

    def step_rate(self, delta: int) -> None:
        rate = self._player.rate()
        i = min(range(len(RATES)), key=lambda k: abs(RATES[k] - rate))
        self._player.set_rate(RATES[min(len(RATES) - 1, max(0, i + delta))])

    def set_loop(self, on: bool) -> None:
        self.modes.set_loop(on)

    def set_learner(self, on: bool) -> None:
        self.modes.set_learner(on)

    def set_paragraph_mode(self, on: bool) -> None:
        self._prefs.set_paragraph_mode(on)

    def zoom_text(self, step: int) -> None:
        self._prefs.zoom_text(step)

    def resume_following(self) -> None:
        """Escape: close the search if it is open, drop picked words, and follow
        playback again."""
        if self.search_panel is not None and self.search_panel.is_open():
            self.search_panel.close_search()
        self.view.clear_picked()
        self.view.set_following(True)

    def play_segment(self, segment: int) -> None:
        """A line was clicked: hear it from its start."""
        t = self.model.transcript
        if t is None or not 0 <= segment < len(t):
            return
        self._player.seek(t[segment].start_ms)
        self.view.set_following(True)
        if not self._player.is_playing():
            self._player.play()
