"""The reader window's widgets, built in two steps so the first frame comes soon.

Step one (`_build`, `_start_list`) is what the first frame shows: the menu
titles; the transcript's opening drawn by a FirstFrame where the list goes;
the player side and the transport bar as empty room of their size. Step two
(`complete`), right after that frame: the list, swapped in to the pixel, the
player panel, the transport bar, the actions and their keys.

Step one touches nothing that makes PySide6 build the Qt namespace's ~100
enums, QStyle's or the list's types, nor imports the other parts: together
~50 ms of start-up (test_startup.py checks it, bench_startup.py measures it).
A `Qt.` anywhere on that path, or a call PySide6 resolves among overloads that
take one (QSplitter(parent), QPalette(palette), QColor(color), setPen ...),
undoes most of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import QFrame, QMainWindow, QSplitter, QVBoxLayout, QWidget

from reader.ui.first_frame import FirstFrame, list_font
from reader.ui.resume import ResumeKeeper

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton

    from reader.core.model import Transcript
    from reader.core.state import PositionStore
    from reader.player.proxy import PlayerProxy
    from reader.ui.banner import Banner
    from reader.ui.follow import Follower
    from reader.ui.media_panel import MediaPanel
    from reader.ui.modes import PlaybackModes
    from reader.ui.preferences import Preferences
    from reader.ui.search_panel import SearchPanel
    from reader.ui.transcript_model import TranscriptModel
    from reader.ui.transcript_view import TranscriptView
    from reader.ui.transport import TransportBar

# Room kept for the transport bar until it is built: its height last time, or
# at first this many lines of the interface font (what Fusion makes of it).
TRANSPORT_LINES = 2.35
TRANSPORT_HEIGHT_KEY = "layout/transport_height"
# Whether the list's scroll bar took room from its rows last time: not where the
# style lays scroll bars over the content (macOS), and the first frame follows.
LIST_BAR_KEY = "layout/list_bar_takes_room"
# The player panel's narrowest; its room in the first frame is as wide (else the
# list would narrow, and re-wrap, when the panel arrives in a narrow window).
PANEL_MIN_WIDTH = 240
# The menu bar's titles, in order; shortcuts.py fills the menus (after the first frame).
MENUS = ("File", "Edit", "Playback", "View", "Help")


class WindowParts(QMainWindow):
    first_painted = Signal()  # the first frame with transcript text in it
    completed = Signal()  # the whole window is built
    # Set by MainWindow before _build().
    player: PlayerProxy
    settings: QSettings
    prefs: Preferences
    _positions: PositionStore | None
    # Made in step two.
    model: TranscriptModel
    view: TranscriptView
    follower: Follower
    modes: PlaybackModes
    panel: MediaPanel
    transport: TransportBar
    back_button: QPushButton

    def __init__(self) -> None:
        super().__init__()
        self._banner: Banner | None = None
        self._complete = False
        self._first_frame_seen = False
        self._first: FirstFrame | None = None  # stands in for the list until it exists
        self._shown: tuple[Transcript, int] | None = None  # (what it shows, length_ms)

    # --- what MainWindow adds (wiring) --------------------------------------------------
    def _list_built(self) -> None: ...
    def _completed(self) -> None: ...  # also makes the actions
    def _first_frame_shown(self) -> None: ...

    # --- step one -------------------------------------------------------------------
    def _build(self) -> None:
        """The frame around the list."""
        for title in MENUS:  # titles now, so the menu bar does not appear later
            menu = self.menuBar().addMenu(f"&{title}")
            menu.setObjectName(f"menu_{title}")
        central = QWidget(self)
        self._box = QVBoxLayout(central)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        # Horizontal by default; QSplitter(central) would make PySide6 build the Qt
        # namespace to tell the overloads apart (see the module's docstring).
        splitter = QSplitter(parent=central)
        self._left = QWidget(splitter)
        self._left_box = QVBoxLayout(self._left)
        self._left_box.setContentsMargins(0, 0, 0, 0)
        self._left_box.setSpacing(0)
        self.search: SearchPanel | None = None  # built on first Ctrl+F: start-up time
        self._side = QWidget(splitter)  # the player panel goes here
        self._side.setMinimumWidth(PANEL_MIN_WIDTH)
        self._side_box = QVBoxLayout(self._side)
        self._side_box.setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(self._left)
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
        self.resume: ResumeKeeper | None = None
        if self._positions is not None:
            self.resume = ResumeKeeper(self.player, self._positions, self)
            self.resume.message.connect(lambda text: self.banner.show_message(text, error=False))

    def _start_list(self, staged: bool) -> None:
        """A FirstFrame in the list's place when staged, else the list itself."""
        if staged and not self.prefs.paragraphs_saved():  # FirstFrame draws lines only
            bar = self._list_bar_takes_room()
            self._first = FirstFrame(list_font(self.prefs.text_scale()), bar, self._left)
            self._left_box.addWidget(self._first)
            self._first.painted.connect(self._on_first_frame)
        else:
            self._build_list()

    def _transport_height(self) -> int:
        value = self.settings.value(TRANSPORT_HEIGHT_KEY, 0)
        remembered = int(value) if isinstance(value, (int, str)) and str(value).isdigit() else 0
        if 10 <= remembered <= 200:  # anything else was not written by us
            return remembered
        return round(self.fontMetrics().height() * TRANSPORT_LINES)

    def _on_first_frame(self) -> None:
        if self._first_frame_seen:
            return  # the list's own first paint, after the FirstFrame's
        self._first_frame_seen = True
        # After the frame is on screen, not inside its paint event; and before
        # what others start on first_painted (the app's libVLC, say).
        QTimer.singleShot(0, self.complete)
        self._first_frame_shown()
        self.first_painted.emit()

    # --- step two -------------------------------------------------------------------
    def has_list(self) -> bool:
        return self._first is None and hasattr(self, "view")

    def is_complete(self) -> bool:
        return self._complete

    def _build_list(self) -> None:
        """The transcript list, its model and what follows playback in it."""
        from reader.ui.follow import Follower
        from reader.ui.modes import PlaybackModes
        from reader.ui.transcript_model import TranscriptModel
        from reader.ui.transcript_view import TranscriptView

        self.model = TranscriptModel()
        self.view = TranscriptView(self.model, self._left)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        if self._first is not None:
            self._left_box.replaceWidget(self._first, self.view)
            self.view.show()  # now, not when the layout gets round to it: same frame
            self._first.hide()
            self._first.deleteLater()
            self._first = None
        else:
            self._left_box.addWidget(self.view)
        self.follower = Follower(self.player, self.model, self.view)
        self.modes = PlaybackModes(self.player, self.model, self)
        self.prefs.attach_view()
        self.view.first_painted.connect(self._on_first_frame)
        self.view.first_painted.connect(self._remember_list_bar)
        self._list_built()
        shown, self._shown = self._shown, None
        if shown is not None:  # what the FirstFrame showed
            self.model.set_transcript(*shown)
            self.follower.reset()
            self.follower.on_position(self.player.position())

    def _list_bar_takes_room(self) -> bool:
        return str(self.settings.value(LIST_BAR_KEY, "true")).lower() != "false"

    def _remember_list_bar(self) -> None:
        takes_room = self.view.viewport().width() < self.view.width()
        if takes_room != self._list_bar_takes_room():
            self.settings.setValue(LIST_BAR_KEY, takes_room)

    def complete(self) -> None:
        """Build the rest of the window: list, player panel, transport bar, actions, keys."""
        if self._complete:
            return
        if not self.has_list():
            self._build_list()
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        from reader.ui.media_panel import MediaPanel
        from reader.ui.transport import TransportBar

        self.back_button = QPushButton("↓ Back to current line", self.view)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.hide()
        self.panel = MediaPanel(self._side)
        self._side_box.addWidget(self.panel)
        self.transport = TransportBar(self.player, self.centralWidget())
        self._box.replaceWidget(self._bottom, self.transport)
        self._bottom.deleteLater()
        if self.isVisible():  # shown in the next frame, all at once
            self.panel.show()
            self.transport.show()
        height = self.transport.sizeHint().height()
        if str(self.settings.value(TRANSPORT_HEIGHT_KEY)) != str(height):
            self.settings.setValue(TRANSPORT_HEIGHT_KEY, height)
        self._complete = True
        self._completed()  # actions, keys and their wiring
        self.completed.emit()

    # --- messages -------------------------------------------------------------------
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
