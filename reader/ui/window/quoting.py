"""Getting text out of the window: a quote or a link on the clipboard, or an export file.

"The selection" is what the user picked in the list; in paragraph mode a picked
paragraph means all of its lines. With nothing picked, the line being spoken.
Modal dialogs sit behind replaceable attributes so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from reader.core import export
from reader.core.atomic import write_text_atomic
from reader.core.errors import TranscriptError
from reader.core.mediatypes import is_media
from reader.core.model import Segment, Transcript
from reader.player.base import Player
from reader.ui.transcript.model import TranscriptModel
from reader.ui.transcript.view import TranscriptView
from reader.ui.window.document import Document

# (text, error) -> shown to the user in the window's message strip.
Say = Callable[[str, bool], None]

# One save-dialog filter per export format, in the order the dialog lists them.
FILTERS = {
    "srt": "SubRip subtitles (*.srt)",
    "vtt": "WebVTT subtitles (*.vtt)",
    "txt": "Timestamped text (*.txt)",
    "json": "JSON (*.json)",
    "md": "Markdown (*.md)",
}
FORMAT_NAMES = {
    "srt": "SubRip",
    "vtt": "WebVTT",
    "txt": "timestamped text",
    "json": "JSON",
    "md": "Markdown",
}
FORMAT_KEY = "export/format"  # the format chosen last time
DIR_KEY = "export/dir"  # the folder exported to last time

# (suggested path, dialog title, preselected filter) -> (chosen path or "", chosen filter)
AskSavePath = Callable[[Path, str, str], "tuple[str, str]"]


def format_for(path: str, selected_filter: str, default: str = "srt") -> tuple[Path, str]:
    """The file to write and its format: a known extension decides, else the filter,
    whose extension is then added (`notes` with the Markdown filter -> `notes.md`)."""
    target = Path(path)
    fmt = export.SUFFIXES.get(target.suffix.lower())
    if fmt is not None:
        return target, fmt
    fmt = next((f for f, text in FILTERS.items() if text == selected_filter), default)
    return target.with_name(f"{target.name}.{fmt}"), fmt


class QuoteActions(QObject):
    def __init__(
        self,
        document: Document,
        model: TranscriptModel,
        view: TranscriptView,
        player: Player,
        settings: QSettings,
        say: Say,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._model = model
        self._view = view
        self._player = player
        self._settings = settings
        self._say = say
        self._parent = parent
        self.ask_save_path: AskSavePath = self._ask_save_path

    # --- the clipboard ------------------------------------------------------------
    def copy_quote(self) -> bool:
        """The selected lines (or the spoken one) as a quotation with title and times."""
        t = self._model.transcript
        segments = self.selected_segments() or self._current_segment()
        if t is None or not segments:
            return False
        QGuiApplication.clipboard().setText(export.quote(segments, t.header))
        return True

    def copy_link(self) -> bool:
        """A link to the video at the playing position, when the transcript names one."""
        t = self._model.transcript
        if t is None:
            return False
        link = export.source_link(t.header, self._player.position())
        if link is None:
            self._say("This transcript has no video id, so there is no link to copy.", False)
            return False
        QGuiApplication.clipboard().setText(link)
        return True

    def selected_segments(self) -> list[Segment]:
        t = self._model.transcript
        selection = self._view.selectionModel()
        if t is None or selection is None:
            return []
        rows = sorted({i.row() for i in selection.selectedIndexes()})
        return [t[i] for i in self._model.segments_of_rows(rows) if 0 <= i < len(t)]

    def _current_segment(self) -> list[Segment]:
        t = self._model.transcript
        if t is None or not len(t):
            return []
        current = self._model.current_row()
        if current < 0:
            current = t.index_at(self._player.position())
        return [t[current]] if 0 <= current < len(t) else []

    # --- export -----------------------------------------------------------------------
    def export(self, selection_only: bool = False) -> bool:
        """Ask where to save, then write the whole transcript or the selection."""
        if self._model.transcript is None:
            return False
        if selection_only and not self.selected_segments():
            self._say(
                "Nothing is selected: pick lines with Shift+click or Ctrl+click, then export.",
                False,
            )
            return False
        fmt = self._last_format()
        title = "Export Selection" if selection_only else "Export Transcript"
        path, chosen = self.ask_save_path(self.suggested_path(fmt, selection_only), title, fmt)
        if not path:
            return False  # cancelled
        return self.export_to(path, selection_only, chosen)

    def export_to(self, path: str | Path, selection_only: bool, selected_filter: str = "") -> bool:
        """Write atomically; a failure is a banner naming the file, never a traceback."""
        target, fmt = format_for(str(path), selected_filter, self._last_format())
        transcript = self._to_export(selection_only)
        if transcript is None:
            return False
        try:
            write_text_atomic(target, export.dumps(transcript, fmt), make_folders=False)
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say(f"Could not export to {target}: {reason}", True)
            return False
        self._settings.setValue(FORMAT_KEY, fmt)
        self._settings.setValue(DIR_KEY, str(target.parent))
        n = len(transcript)
        lines = "1 line" if n == 1 else f"{n:,} lines"
        self._say(f"Exported {lines} as {FORMAT_NAMES[fmt]} to {target}", False)
        return True

    def _to_export(self, selection_only: bool) -> Transcript | None:
        t = self._model.transcript
        if t is None:
            return None
        if selection_only:
            segments = self.selected_segments()
            if not segments:
                return None
            return Transcript(tuple(segments), t.header, t.source, t.format_name)
        try:  # while only the opening is parsed, the whole is read for the export
            return self._document.whole()
        except TranscriptError as exc:
            self._say(f"Could not export: {exc}", True)
            return None

    def suggested_path(self, fmt: str, selection_only: bool) -> Path:
        """Last export folder (or the transcript's), named after the transcript."""
        source = self._document.path
        remembered = str(self._settings.value(DIR_KEY, "") or "")
        if remembered and Path(remembered).is_dir():
            folder = Path(remembered)
        else:
            folder = source.parent if source is not None else Path.home()
        stem = _plain_stem(source) if source is not None else "transcript"
        if selection_only:
            stem += " (selection)"
        path = folder / f"{stem}.{fmt}"
        if source is not None and path == source:
            path = folder / f"{stem} (export).{fmt}"  # never offer to overwrite the source
        return path

    def _last_format(self) -> str:
        fmt = str(self._settings.value(FORMAT_KEY, "srt"))
        return fmt if fmt in export.WRITERS else "srt"

    def _ask_save_path(self, suggested: Path, title: str, fmt: str) -> tuple[str, str]:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(
            self._parent, title, str(suggested), ";;".join(FILTERS.values()), FILTERS[fmt]
        )


def _plain_stem(path: Path) -> str:
    """`Title [id].wav.txt` -> `Title [id]`: the transcript's name without its endings."""
    stem = path.stem
    return Path(stem).stem if is_media(stem) else stem
