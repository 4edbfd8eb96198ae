"""The reader window: layout and wiring only; the work is in core, player and views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer

from reader.core.mediatypes import MEDIA_EXTENSIONS, is_media
from reader.core.model import Header, Transcript
from reader.core.state import PositionStore
from reader.player.base import RATES, Player, PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.preferences import Preferences
from reader.ui.transcript_window import APP_NAME as APP_NAME
from reader.ui.transcript_window import TranscriptWindow

if TYPE_CHECKING:  # event types only annotate; creating them costs start-up time
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent

    from reader.ui.quoting import QuoteActions
    from reader.ui.search_panel import SearchPanel

# Makes a libVLC-backed player, or returns (None, why not).
BackendFactory = Callable[[], "tuple[Player | None, str | None]"]


class MainWindow(TranscriptWindow):
    """The reader window: what it does with its parts (built by WindowParts) and its
    transcript (TranscriptWindow): media, actions, search, files dropped on it."""

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
        """`staged`: the first frame first, the rest right after it (see WindowParts)."""
        super().__init__()
        self.player = player
        self._backend_factory = backend_factory
        # Tests pass their own; the app uses the user's (QSettings writes atomically).
        self.settings = settings if settings is not None else QSettings()
        self._positions = positions
        self.transcript_path: Path | None = None
        self._pending_full: Path | None = None
        self._window_shown = False  # the first frame shows a window of a file, not its opening
        self._announce: Transcript | None = None  # read whole in complete(): said at its end
        self.remembered_media: Path | None = None  # the recording used last time
        self._build()
        self.prefs = Preferences(self)
        self.player.error_occurred.connect(self._on_player_error)
        self.player.video_changed.connect(self._on_video_changed)
        self.player.duration_changed.connect(lambda _ms: self._refresh_panel())
        self._start_list(staged)
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._update_title()
        if not staged:
            self.complete()

    # --- what the parts need of the window (see WindowParts) ---------------------------
    def _list_built(self) -> None:
        self.view.following_changed.connect(self._on_following_changed)
        self.view.segment_activated.connect(self._on_segment_activated)

    def _completed(self) -> None:
        from reader.ui.quoting import QuoteActions
        from reader.ui.shortcuts import install_actions

        self.quotes = QuoteActions(self)
        self.actions_by_name = install_actions(self)
        self.prefs.complete()
        self.back_button.clicked.connect(lambda: self.view.set_following(True))
        self.panel.open_media_requested.connect(self.choose_media)
        self._connect_modes()
        self._on_following_changed(self.view.is_following())
        self._refresh_panel()
        self._announce_whole()

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
