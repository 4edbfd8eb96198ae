"""Dependencies point one way: core imports neither Qt nor vlc; only one module imports vlc."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reader"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
            if node.module.startswith("reader."):
                names.add(".".join(node.module.split(".")[:2]))
    return names


def test_core_imports_neither_qt_nor_vlc() -> None:
    files = list((PACKAGE / "core").rglob("*.py"))
    assert files
    for f in files:
        bad = _imports(f) & {"PySide6", "vlc", "reader.ui", "reader.player"}
        assert not bad, f"{f} imports {bad}"


def test_only_the_vlc_backend_imports_vlc() -> None:
    importers = {f.name for f in PACKAGE.rglob("*.py") if "vlc" in _imports(f)}
    assert importers == {"vlc_backend.py"}


def test_player_does_not_import_ui() -> None:
    for f in (PACKAGE / "player").rglob("*.py"):
        assert "reader.ui" not in _imports(f), f
