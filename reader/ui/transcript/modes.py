"""Loop the current line and learner mode (pause at the end of each line).

Both run on the player's interpolated position, which arrives every 16 ms,
so they act within a frame of the line's end rather than libVLC's coarse
time steps.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reader.core.model import Segment
from reader.player.base import Player
from reader.ui.transcript.model import TranscriptModel


class PlaybackModes(QObject):
    loop_changed = Signal(bool)
    learner_changed = Signal(bool)

    def __init__(
        self, player: Player, model: TranscriptModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._model = model
        self._loop: Segment | None = None
        self._learner = False
        self._paused_after = -1  # row learner mode last stopped at, not to stop twice
        self._last_row = -1
        self._seeking = False
        player.position_changed.connect(self._on_position)
        player.seeked.connect(self._on_seeked)

    def is_looping(self) -> bool:
        return self._loop is not None

    def is_learner(self) -> bool:
        return self._learner

    def set_loop(self, on: bool) -> None:
        """Loop the line being spoken now (or the first line before playback)."""
        segment = None
        if on:
            transcript = self._model.transcript
            if transcript is None or not len(transcript):
                on = False
            else:
                segment = transcript[max(0, self._model.current_row())]
                if segment.end_ms <= segment.start_ms:
                    on, segment = False, None  # a line with no length cannot loop
        if (self._loop is not None) == on and segment == self._loop:
            return
        self._loop = segment
        self.loop_changed.emit(on)

    def reset(self) -> None:
        """Another transcript: its lines are not the ones looped or counted."""
        self.set_loop(False)
        self._paused_after = -1
        self._last_row = -1

    def toggle_loop(self) -> None:
        self.set_loop(self._loop is None)

    def set_learner(self, on: bool) -> None:
        if on != self._learner:
            self._learner = on
            self._paused_after = -1
            transcript, row = self._model.transcript, self._model.current_row()
            # Switched on in the pause after a line: that line is already done.
            if (
                on
                and transcript is not None
                and row >= 0
                and self._player.position() >= transcript[row].end_ms
            ):
                self._paused_after = row
            self.learner_changed.emit(on)

    def toggle_learner(self) -> None:
        self.set_learner(not self._learner)

    def _on_seeked(self, ms: int) -> None:
        # A jump is not "reaching the end of a line": start counting afresh.
        transcript = self._model.transcript
        self._last_row = transcript.index_at(ms) if transcript is not None else -1
        self._paused_after = -1

    def _on_position(self, ms: int) -> None:
        loop = self._loop
        if loop is not None:
            if self._seeking:
                return  # our own seek's position report
            if (ms >= loop.end_ms or ms < loop.start_ms - 250) and self._player.is_playing():
                self._seeking = True
                try:
                    self._player.seek(loop.start_ms)
                finally:
                    self._seeking = False
                if not loop.start_ms <= self._player.position() < loop.end_ms:
                    self.set_loop(False)  # the line is out of reach (past the media's end)
            else:
                self._player.request_update_at(loop.end_ms)
            return
        transcript = self._model.transcript
        if transcript is None:
            return
        row = transcript.index_at(ms)
        last, self._last_row = self._last_row, row
        if not self._learner or not self._player.is_playing() or row < 0:
            return
        if row > last >= 0 and last != self._paused_after:
            # The next line began before the last one's end time: stop at the boundary.
            self._stop_after(last)
        elif ms >= transcript[row].end_ms and row != self._paused_after:
            self._stop_after(row)
        elif ms < transcript[row].end_ms:
            self._player.request_update_at(transcript[row].end_ms)

    def _stop_after(self, row: int) -> None:
        self._paused_after = row
        self._player.pause()
