"""The one error type the core raises for bad input."""

from __future__ import annotations

from pathlib import Path


class TranscriptError(Exception):
    """A file could not be read as a transcript.

    The message always names the file and, where there is one, the line, so the
    CLI can print it as one line and the window can show it as it is.
    """

    def __init__(self, path: str | Path | None, message: str, line: int | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.reason = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = str(self.path) if self.path is not None else "<input>"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.reason}"
