"""The reader window's transcript: opening it, in two reads when it is large,
and showing it in the first frame or the list (see WindowParts for the two steps).

A large file shows its opening (or, reopened far in, a window around the saved
place) at once; the whole parse follows right after the first frame, so
start-up does not grow with the transcript's length.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal

from reader.core.errors import TranscriptError
from reader.core.formats import load
from reader.core.loading import AROUND_ROWS, probe_end_ms, read_around, read_prefix
from reader.core.model import Transcript
from reader.core.words import word_at
from reader.player.clock_player import ClockPlayer
from reader.ui.window_parts import WindowParts

APP_NAME = "Transcript Reader"


class TranscriptWindow(WindowParts):
    transcript_loaded = Signal(object)  # Transcript
    transcript_path: Path | None
    remembered_media: Path | None  # the recording used last time
    _pending_full: Path | None  # a large file whose whole parse is still to come
    _window_shown: bool  # the first frame shows a window of a file, not its opening
    _announce: Transcript | None  # read whole in complete(): said at its end

    def _refresh_panel(self) -> None: ...  # MainWindow's: the player side

    def _first_frame_shown(self) -> None:
        if self._pending_full is not None:
            QTimer.singleShot(0, self._finish_loading)

    def _announce_whole(self) -> None:
        announce, self._announce = self._announce, None
        if announce is not None:
            self.transcript_loaded.emit(announce)

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
        partial, window = read_prefix(path), False
        if partial is not None:
            # The file's end, so that times and the clock's length are final at once.
            length = probe_end_ms(path) or 0
            saved = self._saved_place(Path(path))
            last = partial[max(0, len(partial) - AROUND_ROWS)].start_ms if len(partial) else 0
            if saved is not None and saved >= last:  # the place is not in the opening
                around = None if self.has_list() else read_around(partial, path, saved, length)
                window = around is not None
                partial = around  # None: read it all, so the first frame shows the place
        if partial is not None:
            self.set_transcript(partial, Path(path), partial=True, length_ms=length)
            self._window_shown = window
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
        if self._window_shown:
            # The first frame showed a window of the file around the saved place;
            # the list's rows are the whole file's, so it is read before they show
            # (if that fails, the window is what there is, and the banner says why).
            self._window_shown = False
            whole = self._read_rest()
            if whole is not None:
                self._shown = (whole, 0)
                self._announce = whole  # once the window is complete (_completed)
        super()._build_list()

    def _read_rest(self) -> Transcript | None:
        """The whole parse of the large file whose opening (or a window of it) is
        shown, the clock's length set and skipped lines said; None when there is
        none to read, another file was opened meanwhile, or it cannot be read."""
        path, self._pending_full = self._pending_full, None
        if path is None or path != self.transcript_path:
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
        return full

    def is_loading(self) -> bool:
        return self._pending_full is not None

    def _finish_loading(self) -> None:
        self.complete()  # it runs after the first frame, as complete() does
        full = self._read_rest()
        if full is None:
            return
        self.model.extend_to(full)
        self.follower.reset()
        self.follower.on_position(self.player.position())
        self._refresh_panel()
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
        self._window_shown = False  # open_transcript sets it again for a window
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
