"""The reader window: layout and wiring only; the work is in core, player and views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal

from reader.core.errors import TranscriptError
from reader.core.formats import load
from reader.core.loading import AROUND_ROWS, probe_end_ms, read_around, read_prefix
from reader.core.mediatypes import MEDIA_EXTENSIONS, is_media
from reader.core.model import Header, Transcript
from reader.core.state import PositionStore
from reader.core.words import word_at
from reader.player.base import RATES, Player, PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.preferences import Preferences
from reader.ui.window_parts import WindowParts

if TYPE_CHECKING:  # event types only annotate; creating them costs start-up time
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent

    from reader.ui.quoting import QuoteActions
    from reader.ui.search_panel import SearchPanel

APP_NAME = "Transcript Reader"
# Makes a libVLC-backed player, or returns (None, why not).
BackendFactory = Callable[[], "tuple[Player | None, str | None]"]


class MainWindow(WindowParts):
    """The reader window: what it does with its parts (built by WindowParts)."""

    transcript_loaded = Signal(object)  # Transcript
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

    def _first_frame_shown(self) -> None:
        if self._pending_full is not None:
            QTimer.singleShot(0, self._finish_loading)

    # --- transcript -------------------------------------------------------------------
    @property
    def transcript(self) -> Transcript | None:
        if self.has_list():
            return self.model.transcript
        return self._shown[0] if self._shown is not None else None

    def open_transcript(self, path: str | Path) -> bool:
        """Load a transcript; on bad input say so and keep what was open.

        A large file shows its opening at once and the full parse follows
        right after the first paint, so start-up does not grow with length.
        """
        self._window_shown = False
        partial = read_prefix(path)
        if partial is not None:
            # The file's end, so that times and the clock's length are final at once.
            length = probe_end_ms(path) or 0
            saved = self._saved_place(Path(path))
            last = partial[max(0, len(partial) - AROUND_ROWS)].start_ms if len(partial) else 0
            if saved is not None and saved >= last:  # the place is not in the opening
                around = None if self.has_list() else read_around(partial, path, saved, length)
                self._window_shown = around is not None
                partial = around  # None: read it all, so the first frame shows the place
        if partial is not None:
            self.set_transcript(partial, Path(path), partial=True, length_ms=length)
            self._hide_banner()
            self._pending_full = Path(path)
            if self._first_frame_seen:  # else _on_first_frame reads the rest
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

    def _saved_place(self, path: Path) -> int | None:
        if self._positions is None:
            return None
        saved = self._positions.get(path)
        self._positions.take_warnings()  # said again, by ResumeKeeper, when it reads them
        return saved.position_ms if saved is not None else None

    def _build_list(self) -> None:
        whole = None
        if self._window_shown:
            # The first frame showed a window of the file around the saved place;
            # the list's rows are the whole file's, so it is read before they show.
            self._window_shown = False
            self._shown = whole = self._whole_for_list()
        super()._build_list()
        if whole is not None:
            self.transcript_loaded.emit(whole[0])

    def _whole_for_list(self) -> tuple[Transcript, int] | None:
        path, self._pending_full = self._pending_full, None
        if path is None:
            return None
        try:
            full = load(path)
        except TranscriptError as exc:
            self.banner.show_message(f"Could not read all of the transcript. {exc}")
            return None
        backend = self.player.backend
        if isinstance(backend, ClockPlayer):
            backend.set_length(full.duration_ms)
        self._report_issues(full, path)
        return full, 0

    def is_loading(self) -> bool:
        return self._pending_full is not None

    def _finish_loading(self) -> None:
        self.complete()  # it runs after the first frame, as complete() does
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
        listed = self.has_list()
        if listed:
            self.model.set_transcript(transcript, length_ms if partial else 0)
            self.follower.reset()
            self.modes.reset()
        else:
            self._shown = (transcript, length_ms if partial else 0)
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
        if listed:
            self.follower.on_position(self.player.position())
            self.view.set_following(True)
        else:
            self._show_first_frame(transcript, max(length_ms, transcript.duration_ms))
        self._update_title()
        self._refresh_panel()
        self.transcript_loaded.emit(transcript)

    def _show_first_frame(self, transcript: Transcript, length_ms: int) -> None:
        """What the list will show first: the spoken line (as Follower finds it)
        and its word, times in h:mm:ss past an hour (as TranscriptModel)."""
        assert self._first is not None
        ms = self.player.position()
        current = transcript.index_at(ms)
        word = word_at(transcript[current], ms) if current >= 0 else None
        self._first.show_transcript(transcript, current, word, length_ms >= 3_600_000)

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
