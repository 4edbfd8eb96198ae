"""The recording beside the transcript: opening it, finding it, and what the panel shows.

The window starts on the silent clock; opening a recording swaps in libVLC
under the same PlayerProxy. A recording that cannot be played is said once,
and reading goes on with the silent clock from the same place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from reader.core.model import Header
from reader.player.base import Player, PlayerState
from reader.player.proxy import PlayerProxy
from reader.ui.window.document import Document

if TYPE_CHECKING:  # made after the window's first frame
    from reader.ui.media.panel import MediaPanel
    from reader.ui.window.quoting import Say

# Makes a libVLC-backed player, or returns (None, why not).
BackendFactory = Callable[[], "tuple[Player | None, str | None]"]
CANNOT_PLAY = "The recording could not be played"


class Recording(QObject):
    panel_changed = Signal()  # the panel shows something else (video, audio card, none)

    def __init__(
        self,
        player: PlayerProxy,
        backend_factory: BackendFactory,
        document: Document,
        settings: QSettings,
        say: Say,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._backend_factory = backend_factory
        self._document = document
        self._settings = settings
        self._say = say
        self._parent = parent
        self._panel: MediaPanel | None = None  # once the window is complete
        self.remembered: Path | None = None  # the recording used last time
        self.nominal_ms = 0  # how long the silent clock runs: the transcript's length
        self._problem = ""  # why the last recording could not be played
        self._place = 0  # where reading was when a recording was opened
        player.error_occurred.connect(self._on_error)
        player.video_changed.connect(lambda _has: self.refresh_panel())
        player.duration_changed.connect(lambda _ms: self.refresh_panel())

    def attach(self, panel: MediaPanel) -> None:
        self._panel = panel
        self.refresh_panel()

    def new_transcript(self) -> None:
        """Another transcript: what was said of the last one's recording is old news."""
        self.remembered = None
        self._problem = ""

    def set_nominal_length(self, ms: int) -> None:
        self.nominal_ms = ms
        self._player.set_nominal_length(ms)

    def open(self, path: str | Path) -> bool:
        """Play `path` (libVLC replaces the silent clock); False when it cannot."""
        p, player = Path(path), self._player
        self._place = player.position()  # kept: a failed load leaves the clock at 0
        if player.is_silent():
            vlc_player, why = self._backend_factory()
            if vlc_player is None:
                self._say(f"Cannot play {p.name}: {why}", True)
                return False
            if self._panel is not None:
                vlc_player.set_video_surface(self._panel.video.native_id())
            position = player.position()
            player.set_backend(vlc_player)
            player.load(p)
            if position:
                player.seek(position)
        else:
            player.load(p)
        if player.state() is PlayerState.ERROR:
            # Failed at once (no such file, say): back to the silent clock now, so
            # what the caller does next (a seek to --at) lands on it.
            self._fall_back_to_silence()
            return False
        self._problem = ""
        self.refresh_panel()
        return True

    def find(self) -> Path | None:
        """The transcript's recording when it can be found by itself: the one used
        last time, or by name, video id or title (the user picks when titles tie)."""
        path = self._document.path
        if path is None or not self._player.is_silent():
            return None
        remembered = self.remembered
        if remembered is not None and remembered.is_file():
            return remembered
        from reader.ui.media.media_dirs import load_dirs
        from reader.ui.media.pair_dialog import pair_media

        t = self._document.transcript
        header = t.header if t is not None else None
        return pair_media(self._parent, path, header, load_dirs(self._settings))

    def refresh_panel(self) -> None:
        panel, player = self._panel, self._player
        if panel is None or player.state() is PlayerState.ERROR:
            return
        media = player.media()
        if media is None or player.is_silent():
            panel.show_no_media(self._problem)
        elif player.has_video():
            panel.show_video()
        else:
            t = self._document.transcript
            panel.show_audio(t.header if t else Header(), media.name, player.duration())
        self.panel_changed.emit()

    def _on_error(self, message: str) -> None:
        self._say(message, True)
        self._problem = CANNOT_PLAY
        if self._panel is not None:
            self._panel.show_no_media(CANNOT_PLAY)
        # After the failing backend has returned from the call that failed.
        QTimer.singleShot(0, self._fall_back_to_silence)

    def _fall_back_to_silence(self) -> None:
        player = self._player
        if player.is_silent() or player.state() is not PlayerState.ERROR:
            return
        from reader.player.clock_player import ClockPlayer

        position = player.position() or self._place
        player.set_backend(ClockPlayer())
        player.set_nominal_length(self.nominal_ms)
        if position:
            player.seek(position)
        self.refresh_panel()
