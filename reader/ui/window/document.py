"""What the window has open: the transcript's path, what is shown, and the rest still to read.

Opening goes through one core call (`plan_open`), which reads the file once and
says what to show first; for a large file the whole parse comes from the same
bytes right after the first frame (`read_rest`).
"""

from __future__ import annotations

from pathlib import Path

from reader.core.loading import OpenPlan, plan_open
from reader.core.model import Transcript


class Document:
    def __init__(self) -> None:
        self.path: Path | None = None
        self.transcript: Transcript | None = None  # what the window shows
        self._plan: OpenPlan | None = None  # a large file whose whole parse is to come

    def open(
        self, path: Path, resume_ms: int | None = None, whole_for_place: bool = False
    ) -> OpenPlan:
        """Plan showing `path` (around `resume_ms` when that is far in);
        `whole_for_place`: rather than a stretch around the place, read the whole
        file now. Raises TranscriptError and then keeps what was open."""
        plan = plan_open(path, resume_ms)
        first = plan.rest() if plan.around and whole_for_place else plan.first
        self.path, self.transcript = path, first
        self._plan = None if plan.complete or first is not plan.first else plan
        return plan

    def is_loading(self) -> bool:
        """Only part of the file is shown; the whole parse is still to come."""
        return self._plan is not None

    def shows_a_window(self) -> bool:
        """What is shown is a stretch around a resumed place, not the opening."""
        return self._plan is not None and self._plan.around

    def read_rest(self) -> Transcript | None:
        """The whole parse, now shown; None when it was read already. Raises
        TranscriptError (the part shown stays)."""
        plan, self._plan = self._plan, None
        if plan is None:
            return None
        self.transcript = plan.rest()
        return self.transcript

    def whole(self) -> Transcript | None:
        """Every line, for exporting while the rest is still to be read. Raises
        TranscriptError."""
        return self._plan.rest() if self._plan is not None else self.transcript
