"""The reader window: layout and wiring only; the work is in core, player and views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QFrame, QMainWindow, QSplitter, QVBoxLayout, QWidget

from reader.core.errors import TranscriptError
from reader.core.formats import load
from reader.core.loading import probe_end_ms, read_prefix
from reader.core.mediatypes import MEDIA_EXTENSIONS, is_media
from reader.core.model import Header, Transcript
from reader.core.state import PositionStore
from reader.player.base import RATES, Player, PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.follow import Follower
from reader.ui.modes import PlaybackModes
from reader.ui.preferences import Preferences
from reader.ui.resume import ResumeKeeper
from reader.ui.shortcuts import MENUS
from reader.ui.transcript_model import TranscriptModel
from reader.ui.transcript_view import TranscriptView

if TYPE_CHECKING:  # event types only annotate; creating them costs start-up time
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
    from PySide6.QtWidgets import QPushButton

    from reader.ui.banner import Banner
    from reader.ui.media_panel import MediaPanel
    from reader.ui.quoting import QuoteActions
    from reader.ui.search_panel import SearchPanel
    from reader.ui.transport import TransportBar

APP_NAME = "Transcript Reader"
# Makes a libVLC-backed player, or returns (None, why not).
BackendFactory = Callable[[], "tuple[Player | None, str | None]"]
# Room kept for the transport bar until it is built: its height last time, or
# at first this many lines of the interface font (what Fusion makes of it).
TRANSPORT_LINES = 2.35
TRANSPORT_HEIGHT_KEY = "layout/transport_height"


class MainWindow(QMainWindow):
    """The reader window.

    Built in two steps when `staged`: first what the first frame shows (menu
    titles, the transcript list, the player side and transport bar as empty
    space of their size), then, right after that frame, the rest (`complete`).
    The first step touches nothing that makes PySide6 build Qt's namespace
    enums, QStyle's, or import the other parts: ~40 ms of start-up.
    """

    transcript_loaded = Signal(object)  # Transcript
    completed = Signal()  # the whole window is built (see `staged`)
    panel: MediaPanel
    transport: TransportBar
    back_button: QPushButton
    quotes: QuoteActions
    actions_by_name: dict[str, QAction]

    def __init__(
        self,
        player: PlayerProxy,
        backend_factory: BackendFactory,
        settings: QSettings | None = None,
        positions: PositionStore | None = None,
        staged: bool = False,
    ) -> None:
        super().__init__()
        self.player = player
        self._backend_factory = backend_factory
        # Tests pass their own; the app uses the user's (QSettings writes atomically).
        self.settings = settings if settings is not None else QSettings()
        self._positions = positions
        self.model = TranscriptModel()
        self.transcript_path: Path | None = None
        self._pending_full: Path | None = None
        self.remembered_media: Path | None = None  # the recording used last time
        self._banner: Banner | None = None
        self._complete = False
        self._build()
        self.prefs = Preferences(self)
        self._connect_signals()
        self.view.first_painted.connect(self._on_first_frame)
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._update_title()
        if not staged:
            self.complete()

    # --- building -------------------------------------------------------------------
    def _build(self) -> None:
        """What the first frame shows."""
        for title in MENUS:  # titles now, so the menu bar does not appear later
            menu = self.menuBar().addMenu(f"&{title}")
            menu.setObjectName(f"menu_{title}")
        central = QWidget(self)
        self._box = QVBoxLayout(central)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        self.view = TranscriptView(self.model, central)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        # Horizontal by default; QSplitter(central) would make PySide6 build the Qt
        # namespace to tell the overloads apart (see the class docstring).
        splitter = QSplitter(parent=central)
        left = QWidget(splitter)
        self._left_box = QVBoxLayout(left)
        self._left_box.setContentsMargins(0, 0, 0, 0)
        self._left_box.setSpacing(0)
        self._left_box.addWidget(self.view)
        self.search: SearchPanel | None = None  # built on first Ctrl+F: start-up time
        self._side = QWidget(splitter)  # the player panel goes here
        self._side_box = QVBoxLayout(self._side)
        self._side_box.setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(left)
        splitter.addWidget(self._side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])
        splitter.setChildrenCollapsible(False)
        self._box.addWidget(splitter, 1)
        self._bottom = QWidget(central)  # stands in for the transport bar
        self._bottom.setFixedHeight(self._transport_height())
        self._box.addWidget(self._bottom)
        self.setCentralWidget(central)
        self.follower = Follower(self.player, self.model, self.view)
        self.modes = PlaybackModes(self.player, self.model, self)
        self.resume: ResumeKeeper | None = None
        if self._positions is not None:
            self.resume = ResumeKeeper(self.player, self._positions, self)
            self.resume.message.connect(lambda text: self.banner.show_message(text, error=False))

    def _transport_height(self) -> int:
        value = self.settings.value(TRANSPORT_HEIGHT_KEY, 0)
        remembered = int(value) if isinstance(value, (int, str)) and str(value).isdigit() else 0
        if 10 <= remembered <= 200:  # anything else was not written by us
            return remembered
        return round(self.fontMetrics().height() * TRANSPORT_LINES)

    def is_complete(self) -> bool:
        return self._complete

    def complete(self) -> None:
        """Build the rest of the window: player panel, transport bar, actions and keys."""
        if self._complete:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        from reader.ui.media_panel import MediaPanel
        from reader.ui.quoting import QuoteActions
        from reader.ui.shortcuts import install_actions
        from reader.ui.transport import TransportBar

        self.back_button = QPushButton("↓ Back to current line", self.view)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.hide()
        self.panel = MediaPanel(self._side)
        self._side_box.addWidget(self.panel)
        self.transport = TransportBar(self.player, self.centralWidget())
        self._box.replaceWidget(self._bottom, self.transport)
        self._bottom.deleteLater()
        height = self.transport.sizeHint().height()
        if height != self._bottom.height():
            self.settings.setValue(TRANSPORT_HEIGHT_KEY, height)
        self.quotes = QuoteActions(self)
        self.actions_by_name = install_actions(self)
        self._complete = True
        self.prefs.complete()
        self.back_button.clicked.connect(lambda: self.view.set_following(True))
        self.panel.open_media_requested.connect(self.choose_media)
        self._connect_modes()
        self._on_following_changed(self.view.is_following())
        self._refresh_panel()
        self.completed.emit()

    def _connect_signals(self) -> None:
        self.view.following_changed.connect(self._on_following_changed)
        self.view.segment_activated.connect(self._on_segment_activated)
        self.player.error_occurred.connect(self._on_player_error)
        self.player.video_changed.connect(self._on_video_changed)
        self.player.duration_changed.connect(lambda _ms: self._refresh_panel())

    @property
    def banner(self) -> Banner:
        """The message strip, made when there is first something to say."""
        if self._banner is None:
            from reader.ui.banner import Banner

            self._banner = Banner(self.centralWidget())
            self._box.insertWidget(0, self._banner)
        return self._banner

    def _hide_banner(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    def _on_first_frame(self) -> None:
        # After the frame is on screen, not inside its paint event.
        QTimer.singleShot(0, self.complete)
        if self._pending_full is not None:
            QTimer.singleShot(0, self._finish_loading)

    # --- transcript -------------------------------------------------------------------
    @property
    def transcript(self) -> Transcript | None:
        return self.model.transcript

    def open_transcript(self, path: str | Path) -> bool:
        """Load a transcript; on bad input say so and keep what was open.

        A large file shows its opening at once and the full parse follows
        right after the first paint, so start-up does not grow with length.
        """
        partial = read_prefix(path)
        if partial is not None:
            # The file's end, so that times and the clock's length are final at once.
            length = probe_end_ms(path) or 0
            self.set_transcript(partial, Path(path), partial=True, length_ms=length)
            self._hide_banner()
            self._pending_full = Path(path)
            if self.view.has_painted():  # else _on_first_frame reads the rest
                QTimer.singleShot(0, self._finish_loading)
            return True
        try:
            transcript = load(path)
        except TranscriptError as exc:
            self.banner.show_message(f"Could not open the transcript. {exc}")
            return False
        self.set_transcript(transcript, Path(path))
        self._report_issues(transcript, path)
        return True

    def is_loading(self) -> bool:
        return self._pending_full is not None

    def _finish_loading(self) -> None:
        path, self._pending_full = self._pending_full, None
        if path is None or path != self.transcript_path:
            return  # another transcript was opened meanwhile
        try:
            full = load(path)
        except TranscriptError as exc:
            self.banner.show_message(f"Could not read all of the transcript. {exc}")
            return
        self.model.extend_to(full)
        self.follower.reset()
        backend = self.player.backend
        if isinstance(backend, ClockPlayer):
            backend.set_length(full.duration_ms)
        self.follower.on_position(self.player.position())
        self._refresh_panel()
        self._report_issues(full, path)
        self.transcript_loaded.emit(full)

    def _report_issues(self, transcript: Transcript, path: str | Path) -> None:
        note = transcript.issues.describe()
        if note:
            self.banner.show_message(f"{path}: {note}", error=False)
        else:
            self._hide_banner()

    def set_transcript(
        self,
        transcript: Transcript,
        path: Path | None = None,
        partial: bool = False,
        length_ms: int = 0,
    ) -> None:
        """Show `transcript`; `partial` when it is only the opening of a larger file,
        whose whole length is `length_ms` when known (0: not known)."""
        resume = self.resume.switch_to(path) if self.resume is not None else None
        self.transcript_path = path
        self._pending_full = None
        self.model.set_transcript(transcript, length_ms if partial else 0)
        self.follower.reset()
        self.modes.reset()
        backend = self.player.backend
        if isinstance(backend, ClockPlayer):
            # The opening's length is not the file's: no limit until the rest is read,
            # or a saved place further on would be cut short.
            backend.set_length(length_ms if partial else transcript.duration_ms)
        self.remembered_media = None
        if resume is not None:
            self.player.seek(resume.position_ms)
            self.remembered_media = resume.media_path
        elif self.player.position():
            self.player.seek(0)  # a new transcript starts at its beginning
        self.follower.on_position(self.player.position())
        self.view.set_following(True)
        self._update_title()
        self._refresh_panel()
        self.transcript_loaded.emit(transcript)

    def _update_title(self) -> None:
        t = self.transcript
        name = None
        if t is not None:
            name = t.header.title or (self.transcript_path.stem if self.transcript_path else None)
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    # --- media ------------------------------------------------------------------------
    def open_media(self, path: str | Path) -> bool:
        self.complete()  # the panel holds the video surface
        p = Path(path)
        backend = self.player.backend
        if isinstance(backend, ClockPlayer):
            vlc_player, why = self._backend_factory()
            if vlc_player is None:
                self.banner.show_message(f"Cannot play {p.name}: {why}")
                return False
            vlc_player.set_video_surface(self.panel.video.native_id())
            position = self.player.position()
            self.player.set_backend(vlc_player)
            self.player.load(p)
            if position:
                self.player.seek(position)
        else:
            self.player.load(p)
        if self.player.state() is PlayerState.ERROR:
            return False
        self._refresh_panel()
        return True

    def _refresh_panel(self) -> None:
        media = self.player.media()
        if not self._complete or self.player.state() is PlayerState.ERROR:
            return
        if media is None or isinstance(self.player.backend, ClockPlayer):
            self.panel.show_no_media()
        elif self.player.has_video():
            self.panel.show_video()
        else:
            header = self.transcript.header if self.transcript else Header()
            self.panel.show_audio(header, media.name, self.player.duration())

    def _on_video_changed(self, has_video: bool) -> None:
        self._refresh_panel()

    def _on_player_error(self, message: str) -> None:
        self.banner.show_message(message)
        self.complete()
        self.panel.show_no_media("The recording could not be played")

    # --- user actions -----------------------------------------------------------------
    def _on_segment_activated(self, segment: int) -> None:
        t = self.transcript
        if t is None or not 0 <= segment < len(t):
            return
        self.player.seek(t[segment].start_ms)
        self.view.set_following(True)
        if not self.player.is_playing():
            self.player.play()

    # --- reading comfort ----------------------------------------------------------
    def set_paragraph_mode(self, on: bool) -> None:
        self.prefs.set_paragraph_mode(on)

    def set_theme(self, theme: str) -> None:
        self.prefs.set_theme(theme)

    def resume_following(self) -> None:
        """Escape: close the search if it is open, and follow playback again."""
        if self.search is not None and self.search.is_open():
            self.search.close_search()
        self.view.set_following(True)

    def step_line(self, delta: int) -> None:
        """Up/Down: hear the previous or next line from its start."""
        t = self.transcript
        if t is None or not len(t):
            return
        row = min(len(t) - 1, max(0, self.model.current_row() + delta))
        self.player.seek(t[row].start_ms)
        self.view.set_following(True)

    def step_rate(self, delta: int) -> None:
        rate = self.player.rate()
        i = min(range(len(RATES)), key=lambda k: abs(RATES[k] - rate))
        self.player.set_rate(RATES[min(len(RATES) - 1, max(0, i + delta))])

    def _connect_modes(self) -> None:
        loop, learner = self.actions_by_name["loop"], self.actions_by_name["learner"]
        self.modes.loop_changed.connect(loop.setChecked)
        self.modes.learner_changed.connect(learner.setChecked)

    def _on_following_changed(self, following: bool) -> None:
        if not self._complete:
            return  # complete() sets the button
        self.back_button.setVisible(not following)
        self._place_back_button()

    def _place_back_button(self) -> None:
        if not self._complete:
            return
        b = self.back_button
        b.adjustSize()
        vp = self.view.viewport()
        b.move((vp.width() - b.width()) // 2, vp.height() - b.height() - 12)
        b.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._place_back_button)

    def choose_file(self) -> None:
        path = self._ask_open("Open transcript or recording", "Transcripts and media", True)
        if path:
            self.open_any(path)

    def choose_media(self) -> None:
        path = self._ask_open("Open recording", "Audio and video", False)
        if path:
            self.open_media(path)

    def _ask_open(self, title: str, kind: str, transcripts: bool) -> str:
        from PySide6.QtWidgets import QFileDialog  # only when asked: start-up time

        patterns = " ".join(f"*{e}" for e in sorted(MEDIA_EXTENSIONS))
        if transcripts:
            patterns = f"*.txt *.srt *.vtt *.json *.md {patterns}"
        folder = str(self.transcript_path.parent) if self.transcript_path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, title, folder, f"{kind} ({patterns});;All files (*)"
        )
        return path

    def open_any(self, path: str | Path, find_media: bool = True) -> bool:
        if is_media(path):
            return self.open_media(path)
        opened = self.open_transcript(path)
        if opened and find_media:
            QTimer.singleShot(0, self.find_recording)  # may ask: after the window shows
        return opened

    def find_recording(self) -> bool:
        """Open the transcript's recording when it can be found by itself
        (same name, video id or title; the user picks when titles tie)."""
        if self.transcript_path is None or not isinstance(self.player.backend, ClockPlayer):
            return False
        from reader.ui.pair_dialog import pair_media

        remembered = self.remembered_media
        found = remembered if remembered is not None and remembered.is_file() else None
        if found is None:
            header = self.transcript.header if self.transcript is not None else None
            found = pair_media(self, self.transcript_path, header)
        return found is not None and self.open_media(found)

    def choose_media_dirs(self) -> None:
        from reader.ui.media_dirs import MediaDirsDialog

        MediaDirsDialog(self.settings, self).exec()

    # --- search -------------------------------------------------------------------------
    def _search_panel(self) -> SearchPanel:
        if self.search is None:
            from reader.ui.search_panel import SearchPanel

            self.search = SearchPanel(self.model, self.view, self.player, self)
            self._left_box.insertWidget(0, self.search)
        return self.search

    def open_search(self) -> None:
        self._search_panel().open_search()

    def step_hit(self, forward: bool) -> None:
        """F3 / Shift+F3: the next or previous search hit (opening search if closed)."""
        panel = self._search_panel()
        if not panel.is_open():
            panel.open_search()
        if forward:
            panel.next_hit()
        else:
            panel.previous_hit()

    def show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).show()

    # --- drag and drop ------------------------------------------------------------------
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
        if self.resume is not None:
            self.resume.save()
        self.player.close()
        super().closeEvent(event)
