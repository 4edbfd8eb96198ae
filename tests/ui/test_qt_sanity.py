"""Guards for the Qt binding itself: PySide6 6.12.0 broke Python-side emit()."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(object)


def test_emit_does_not_leak_references_to_true(qtbot: QtBot) -> None:
    # 6.12.0 dropped a reference to True on every emit; on Python 3.11 the app
    # then aborts ("deallocating True") after a few hundred signals.
    e = _Emitter()
    got: list[object] = []
    e.fired.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(500):
        e.fired.emit(i)
    assert len(got) == 500
    assert abs(sys.getrefcount(True) - before) < 50
