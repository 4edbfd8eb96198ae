"""The reader window: it composes the parts and wires them; the work is in the parts.

Start-up comes in stages (`Stage`): the constructor builds only the `Shell`
(reader.ui.startup), whose FirstFrame draws the transcript's opening; right
after that frame `complete()` builds the parts and puts them in the shell's
places: the transcript list (reader.ui.transcript), the side area with the
player panel (reader.ui.media), the transport bar, the actions. Each part gets
what it needs in its constructor and knows nothing of the window.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from reader.core.errors import TranscriptError
from reader.core.mediatypes import is_media
from reader.core.model import Transcript
from reader.core.state import PositionStore
from reader.player.proxy import PlayerProxy
from reader.ui.startup.shell import Shell, add_menu_titles
from reader.ui.window.document import Document
from reader.ui.window.preferences import Preferences
from reader.ui.window.recording import BackendFactory, Recording
from reader.ui.window.resume import ResumeKeeper

if TYPE_CHECKING:  # made after the first frame, or only annotate
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from reader.core.library import Library
    from reader.ui.media.panel import MediaPanel
    from reader.ui.media.transport import TransportBar
    from reader.ui.notes.marking import OpenMarks
    from reader.ui.search.panel import SearchPanel
    from reader.ui.transcript.back_button import BackButton
    from reader.ui.transcript.model import TranscriptModel
    from reader.ui.transcript.modes import PlaybackModes
    from reader.ui.transcript.view import TranscriptView
    from reader.ui.window.banner import Banner
    from reader.ui.window.side import SideArea

APP_NAME = "Transcript Reader"
OpenLibrary = Callable[[], "Library"]  # the library's store, opened on first use


class Stage(enum.Enum):
    SHELL = 1  # the frame and the FirstFrame; nothing painted yet
    FIRST_FRAME = 2  # the first frame is on screen; the parts come next
    PARTS = 3  # every part built; no text painted yet
    READY = 4  # complete and painted


class ReaderWindow(QMainWindow):
    first_painted = Signal()  # the first frame with transcript text in it
    completed = Signal()  # every part is built
    transcript_loaded = Signal(object)  # Transcript: a new one shown, or its whole parse

    def __init__(
        self,
        player: PlayerProxy,
        backend_factory: BackendFactory,
        settings: QSettings | None = None,
        positions: PositionStore | None = None,
        staged: bool = False,
        library: OpenLibrary | None = None,
        marks: OpenMarks | None = None,
    ) -> None:
        """`staged`: the first frame first, the parts right after it; `library`
        opens the library's store (on first use: File > Library); `marks` the
        marks store (once the window is on screen)."""
        super().__init__()
        self.player = player
        self._open_library = library
        self._open_marks = marks
        self._positions = positions
        # Tests pass their own; the app uses the user's (QSettings writes atomically).
        self.settings = settings if settings is not None else QSettings()
        self.document = Document()
        self._stage = Stage.SHELL
        self._banner: Banner | None = None
        self._shown: tuple[Transcript, int] | None = None  # for the list, until it exists
        self.prefs = Preferences(self.settings, player, self)
        add_menu_titles(self.menuBar())
        self.shell = Shell(self.settings, self.prefs.text_scale(), staged, self)
        self.setCentralWidget(self.shell)
        if self.shell.first_frame is not None:
            self.shell.first_frame.painted.connect(self._on_painted)
        self._resume: ResumeKeeper | None = None
        if positions is not None:
            self._resume = ResumeKeeper(player, positions, self)
            self._resume.message.connect(lambda text: self.say(text, error=False))
        self.recording = Recording(
            player, backend_factory, self.document, self.settings, self.say, self
        )
        player.error_occurred.connect(lambda _message: self.complete())  # the panel says it
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._update_title()
        if not staged:
            self.complete()

    # --- stages -------------------------------------------------------------------------
    def is_complete(self) -> bool:
        return self._stage in (Stage.PARTS, Stage.READY)

    def has_list(self) -> bool:
        return self.is_complete()

    def is_loading(self) -> bool:
        """Only part of a large file is shown; its whole parse comes next."""
        return self.document.is_loading()

    def _on_painted(self) -> None:
        """Text is on screen: the FirstFrame's, or the list's in a window built whole."""
        if self._stage is Stage.SHELL:
            self._stage = Stage.FIRST_FRAME
            # After the frame is on screen, not inside its paint event.
            QTimer.singleShot(0, self.complete)
        elif self._stage is Stage.PARTS:
            self._stage = Stage.READY
        else:
            return  # the list's own first paint, after the FirstFrame's
        self.first_painted.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = self.shell.first_frame
        if self._stage is Stage.SHELL and (first is None or not first.has_rows()):
            QTimer.singleShot(0, self.complete)  # no text to draw: no first frame to wait for

    def complete(self) -> None:
        """Build the parts and put them in the shell: list, side area, transport, actions."""
        if self.is_complete():
            return
        from reader.ui.window.parts import Parts

        whole = None
        if self.document.shows_a_window():
            # The first frame showed a stretch around the saved place; the list's
            # rows are the whole file's, so it is read before they show.
            whole = self._read_whole()
        given = (self, self.shell, self.player, self.document, self.prefs, self.settings, self)
        self.parts = Parts(*given, self.say, marks=self._open_marks)
        self.transcript_loaded.connect(lambda _shown: self.parts.follow_marks())
        self.parts.view.first_painted.connect(self._on_painted)
        self.parts.view.first_painted.connect(self._remember_list_bar)
        self.recording.panel_changed.connect(self.parts.place_search_results)
        self.prefs.paragraph_mode_changed.connect(self.actions_by_name["paragraphs"].setChecked)
        painted = self._stage is Stage.FIRST_FRAME
        self._stage = Stage.PARTS
        shown, self._shown = self._shown, None
        if shown is not None:  # what the FirstFrame showed
            self.model.set_transcript(*shown)
            self.parts.follower.reset()
            self.parts.follower.on_position(self.player.position())
        if painted:
            self._stage = Stage.READY
        self.recording.attach(self.panel)
        self.parts.follow_marks()
        self.completed.emit()
        if whole is not None:
            self.transcript_loaded.emit(whole)
        elif self.document.is_loading():
            QTimer.singleShot(0, self._read_rest)  # the complete window is on screen first

    # --- the parts, once built (see parts.py) -------------------------------------------
    @property
    def model(self) -> TranscriptModel:
        return self.parts.model

    @property
    def view(self) -> TranscriptView:
        return self.parts.view

    @property
    def modes(self) -> PlaybackModes:
        return self.parts.modes

    @property
    def panel(self) -> MediaPanel:
        return self.parts.panel

    @property
    def side(self) -> SideArea:
        return self.parts.side

    @property
    def transport(self) -> TransportBar:
        return self.parts.transport

    @property
    def search(self) -> SearchPanel | None:
        """The search bar, once it was first asked for."""
        return self.parts.search_panel if self.is_complete() else None

    @property
    def back_button(self) -> BackButton:
        return self.parts.back_button

    @property
    def actions_by_name(self) -> dict[str, QAction]:
        return self.parts.actions

    @property
    def transcript(self) -> Transcript | None:
        return self.document.transcript

    @property
    def transcript_path(self) -> Path | None:
        return self.document.path

    def _remember_list_bar(self) -> None:
        self.shell.remember_list_bar(self.view.viewport().width() < self.view.width())

    # --- messages -------------------------------------------------------------------
    @property
    def banner(self) -> Banner:
        """The message strip, made when there is first something to say."""
        if self._banner is None:
            from reader.ui.window.banner import Banner

            self._banner = Banner(self.shell)
            self.shell.put_top(self._banner)
        return self._banner

    def say(self, text: str, error: bool = True) -> None:
        self.banner.show_message(text, error=error)

    def _hide_banner(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    def _report_issues(self, transcript: Transcript) -> None:
        note = transcript.issues.describe()
        if note:
            self.say(f"{self.document.path}: {note}", error=False)

    # --- opening a transcript ---------------------------------------------------------
    def open_transcript(self, path: str | Path) -> bool:
        """Show a transcript; on bad input say so and keep what was open. A large
        file shows its opening (or, before the first frame, the stretch around
        its saved place) at once, and its whole parse right after."""
        path = Path(path)
        resume_ms = self._resume.saved_place(path) if self._resume is not None else None
        try:
            # The list shows a saved place far in only from the whole file; so does
            # the first frame in paragraph mode, as paragraphs built over a stretch
            # of the file need not break where the whole file's do.
            whole = self.is_complete() or self.prefs.paragraphs_saved()
            plan = self.document.open(path, resume_ms, whole_for_place=whole)
        except TranscriptError as exc:
            self.say(f"Could not open the transcript. {exc}")
            return False
        self._hide_banner()  # what it said was about what was open before
        resume = self._resume.switch_to(path) if self._resume is not None else None
        first = self.document.transcript
        assert first is not None
        complete = not self.document.is_loading()
        length = 0 if complete else plan.length_ms
        if self.is_complete():
            self.model.set_transcript(first, length)
            self.parts.follower.reset()
            self.modes.reset()
        else:
            self._shown = (first, length)
        # The opening's length is not the file's: the clock runs to the file's.
        self.recording.new_transcript()
        self.recording.set_nominal_length(plan.length_ms or first.duration_ms)
        if resume is not None:
            self.player.seek(resume.position_ms)
            self.recording.remembered = resume.media_path
        elif self.player.position():
            self.player.seek(0)  # a new transcript starts at its beginning
        if self.is_complete():
            self.parts.follower.on_position(self.player.position())
            self.view.set_following(True)
        elif self.shell.first_frame is not None:
            self.shell.first_frame.show_transcript(
                first,
                self.player.position(),
                self.prefs.paragraphs_saved(),
                max(length, first.duration_ms) >= 3_600_000,
            )
        self._update_title()
        self.recording.refresh_panel()
        self.transcript_loaded.emit(first)
        if complete:
            self._report_issues(first)
        else:
            if self._stage is not Stage.SHELL:  # else after the first frame
                QTimer.singleShot(0, self._read_rest)
        return True

    def _read_whole(self) -> Transcript | None:
        """The whole parse of a large file, shown from now on (clock and issues
        set); None when there is none to read or it cannot be read."""
        try:
            whole = self.document.read_rest()
        except TranscriptError as exc:
            self.say(f"Could not read all of the transcript. {exc}")
            return None
        if whole is not None:
            self.recording.set_nominal_length(whole.duration_ms)
            self._report_issues(whole)
            if not self.is_complete():
                self._shown = (whole, 0)
        return whole

    def _read_rest(self) -> None:
        if not self.is_complete():
            return  # complete() reads it, or it is read after the first frame
        whole = self._read_whole()
        if whole is None:
            return
        self.model.extend_to(whole)
        self.parts.follower.reset()
        self.parts.follower.on_position(self.player.position())
        self.recording.refresh_panel()
        self.transcript_loaded.emit(whole)

    def _update_title(self) -> None:
        t, path = self.document.transcript, self.document.path
        name = None
        if t is not None:
            name = t.header.title or (path.stem if path else None)
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    # --- media (recording.py does the work) -------------------------------------------
    def open_media(self, path: str | Path) -> bool:
        self.complete()  # the panel holds the video surface
        return self.recording.open(path)

    def find_recording(self) -> bool:
        """Open the transcript's recording when it can be found by itself."""
        found = self.recording.find()
        return found is not None and self.open_media(found)

    # --- what the File and Help actions do (actions.py's WindowCommands) -------------
    def choose_file(self) -> None:
        path = self._ask_open("Open transcript or recording", "Transcripts and media", True)
        if path:
            self.open_any(path)

    def choose_media(self) -> None:
        path = self._ask_open("Open recording", "Audio and video", False)
        if path:
            self.open_media(path)

    def _ask_open(self, title: str, kind: str, transcripts: bool) -> str:
        from reader.ui.window.dialogs import ask_open_path  # when asked

        path = self.document.path
        return ask_open_path(self, title, kind, transcripts, path.parent if path else None)

    def open_any(self, path: str | Path, find_media: bool = True) -> bool:
        if is_media(path):
            return self.open_media(path)
        opened = self.open_transcript(path)
        if opened and find_media:
            QTimer.singleShot(0, self.find_recording)  # may ask: after the window shows
        return opened

    def choose_media_dirs(self) -> None:
        from reader.ui.media.media_dirs import MediaDirsDialog

        MediaDirsDialog(self.settings, self).exec()

    def show_shortcuts(self) -> None:
        from reader.ui.window.dialogs import ShortcutsDialog

        ShortcutsDialog(self.actions(), self).show()

    # --- drag and drop, closing ---------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        # A transcript first, so a recording dropped with it pairs with the new text;
        # look for a recording only when none was dropped along.
        with_media = any(is_media(f) for f in files)
        for path in sorted(files, key=is_media):
            self.open_any(path, find_media=not with_media)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._resume is not None:
            self._resume.save()
        if self.is_complete():
            self.parts.close_library()
            self.parts.close_marks()
        self.player.close()
        super().closeEvent(event)

    # --- the library (reader/ui/library) -------------------------------------------------
    def show_library(self) -> None:
        """File > Library: every transcript in the library folders, in the side area."""
        self.complete()
        if self._open_library is None:
            self.say("The library is not available here.", error=False)
            return
        positions = self._positions
        panel = self.parts.library(
            self._open_library,
            lambda: positions.positions() if positions is not None else {},
            self.open_from_library,
        )
        panel.field.setFocus()

    def choose_library_folders(self) -> None:
        self.show_library()
        if self.parts.library_panel is not None:
            self.parts.library_panel.choose_folders()

    def open_from_library(self, path: Path, start_ms: int | None) -> None:
        """An episode (where it was left) or a found line (at its time, ready to play)."""
        if not self.open_any(path):
            return
        if start_ms is not None:
            self.player.seek(start_ms)
            self.view.set_following(True)
