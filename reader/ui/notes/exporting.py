"""File > Export Notes: the open transcript's marks as Markdown, Readwise CSV, Anki
or JSON, in a file the user picks (the filter, or the name's ending, says which
format); written atomically, and the format and folder remembered.

The save dialog sits behind a replaceable attribute so tests can answer it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reader.core.marks.types import Mark, MarkedDocument

# (text, error) -> shown in the window's message strip.
Say = Callable[[str, bool], None]
# (suggested path, dialog title, filters, preselected filter) -> (chosen path or "", filter)
AskSavePath = Callable[[Path, str, str, str], "tuple[str, str]"]

FILTERS = {
    "md": "Markdown, for Obsidian (*.md)",
    "csv": "Readwise CSV (*.csv)",
    "anki": "Anki notes, tab-separated (*.txt *.tsv)",
    "json": "JSON (*.json)",
}
NAMES = {"md": "Markdown", "csv": "Readwise CSV", "anki": "Anki notes", "json": "JSON"}
FORMAT_KEY = "notes/format"  # the format chosen last time
DIR_KEY = "notes/dir"  # the folder exported to last time


def format_for(path: str, selected_filter: str, default: str = "md") -> tuple[Path, str]:
    """The file to write and its format: a known ending decides, else the filter,
    whose ending is then added."""
    from reader.core.marks.export import FORMAT_OF_SUFFIX, SUFFIX

    target = Path(path)
    fmt = FORMAT_OF_SUFFIX.get(target.suffix.lower())
    if fmt is not None:
        return target, fmt
    fmt = next((f for f, text in FILTERS.items() if text == selected_filter), default)
    return target.with_name(target.name + SUFFIX[fmt]), fmt


class NotesExport:
    def __init__(self, settings: QSettings, say: Say, parent: QWidget) -> None:
        self._settings = settings
        self._say = say
        self._parent = parent
        self.ask_save_path: AskSavePath = self._ask_save_path

    def export(self, doc: MarkedDocument, marks: Sequence[Mark]) -> bool:
        """Ask where, then write; False when cancelled or refused (said)."""
        from reader.core.marks.export import file_name

        fmt = self._last_format()
        folder = self._folder(doc)
        suggested = folder / file_name(doc, fmt)
        path, chosen = self.ask_save_path(
            suggested, "Export Notes", ";;".join(FILTERS.values()), FILTERS[fmt]
        )
        if not path:
            return False
        return self.export_to(path, doc, marks, chosen)

    def export_to(
        self, path: str | Path, doc: MarkedDocument, marks: Sequence[Mark], selected: str = ""
    ) -> bool:
        from reader.core.marks.export import write_notes

        target, fmt = format_for(str(path), selected, self._last_format())
        if target.resolve() == doc.path.resolve():
            self._say(f"Not exported: {target} is the transcript itself.", True)
            return False
        try:
            write_notes(fmt, [(doc, marks)], target, per_document=False)
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say(f"Could not export the notes to {target}: {reason}", True)
            return False
        self._settings.setValue(FORMAT_KEY, fmt)
        self._settings.setValue(DIR_KEY, str(target.parent))
        n = len(marks)
        what = "1 mark" if n == 1 else f"{n:,} marks"
        self._say(f"Exported {what} as {NAMES[fmt]} to {target}", False)
        return True

    def _last_format(self) -> str:
        fmt = str(self._settings.value(FORMAT_KEY, "md"))
        return fmt if fmt in FILTERS else "md"

    def _folder(self, doc: MarkedDocument) -> Path:
        remembered = str(self._settings.value(DIR_KEY, "") or "")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return doc.path.parent if doc.path.parent.is_dir() else Path.home()

    def _ask_save_path(
        self, suggested: Path, title: str, filters: str, selected: str
    ) -> tuple[str, str]:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(self._parent, title, str(suggested), filters, selected)
