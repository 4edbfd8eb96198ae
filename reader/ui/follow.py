"""Moves the highlight with playback: a bisect per tick, work only on change."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.core.model import Transcript
from reader.player.base import Player
from reader.ui.transcript_model import TranscriptModel
from reader.ui.transcript_view import TranscriptView


class Follower(QObject):
    def __init__(self, player: Player, model: TranscriptModel, view: TranscriptView) -> None:
        super().__init__(view)
        self._model = model
        self._view = view
        self._transcript: Transcript | None = model.transcript
        player.position_changed.connect(self.on_position)

    def reset(self) -> None:
        self._transcript = self._model.transcript

    def on_position(self, ms: int) -> None:
        transcript = self._transcript
        if transcript is None or not len(transcript):
            return
        row = transcript.index_at(ms)
        if row != self._model.current_row():
            self._model.set_current(row)
            self._view.on_current_changed(self._model.row_of_segment(row))
