"""Moves the highlight with playback: a bisect per update, work only on change.

It also tells the player when the next change is due (the next word or
line), so the player wakes exactly then instead of polling.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QObject

from reader.core.model import Transcript
from reader.core.words import timeline, word_at
from reader.player.base import Player
from reader.ui.transcript.model import TranscriptModel
from reader.ui.transcript.view import TranscriptView


class Follower(QObject):
    def __init__(self, player: Player, model: TranscriptModel, view: TranscriptView) -> None:
        super().__init__(view)
        self._player = player
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
        word = word_at(transcript[row], ms) if row >= 0 else None
        if row != self._model.current_row():
            self._model.set_current(row, word)
            self._view.on_current_changed(self._model.row_of_segment(row))
        else:
            self._model.set_current(row, word)
        self._player.request_update_at(self._next_change(transcript, row, ms))

    @staticmethod
    def _next_change(transcript: Transcript, row: int, ms: int) -> int:
        """When the highlight next changes: the next word, line end or line start."""
        following = transcript[row + 1].start_ms if row + 1 < len(transcript) else 1 << 62
        if row < 0:
            return following
        seg = transcript[row]
        if ms < seg.end_ms:
            starts = timeline(seg).starts
            i = bisect_right(starts, ms)  # the first word starting after ms
            upcoming = starts[i] if i < len(starts) else seg.end_ms
            return min(upcoming, following)
        return following
