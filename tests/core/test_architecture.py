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
        bad |= {m for m in _reader_imports(f) if m.startswith(("reader.ui", "reader.player"))}
        assert not bad, f"{f} imports {bad}"


def test_only_the_vlc_backend_imports_vlc() -> None:
    importers = {f.name for f in PACKAGE.rglob("*.py") if "vlc" in _imports(f)}
    assert importers == {"vlc_backend.py"}


def test_player_does_not_import_ui() -> None:
    for f in (PACKAGE / "player").rglob("*.py"):
        assert "reader.ui" not in _imports(f), f
        assert not any(m.startswith("reader.ui") for m in _reader_imports(f)), f


# The UI's packages, lowest first: a package may import only those before it.
UI_LAYERS = ("startup", "transcript", "search", "media", "notes", "library", "window")


def _reader_imports(path: Path) -> set[str]:
    """Every reader module `path` imports, absolute or relative, at run time or
    for type checking only (an import circle of either kind is a circle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("reader"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join((*base, node.module) if node.module else base)
            else:
                module = node.module or ""
            if module.startswith("reader"):
                names.add(module)
                names.update(f"{module}.{a.name}" for a in node.names)
    return names


def _modules() -> dict[str, Path]:
    out = {}
    for f in PACKAGE.rglob("*.py"):
        parts = f.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


def test_ui_packages_import_only_lower_ones() -> None:
    for name, f in _modules().items():
        if not name.startswith("reader.ui.") or name.count(".") < 3:
            continue
        own = UI_LAYERS.index(name.split(".")[2])
        for imported in _reader_imports(f):
            if imported.startswith("reader.ui.") and imported.count(".") >= 2:
                layer = imported.split(".")[2]
                assert layer in UI_LAYERS, f"{name} imports {imported}: not a UI package"
                other = UI_LAYERS.index(layer)
                same_level = {layer, name.split(".")[2]} == {"search", "media"}
                assert other <= own and not same_level, f"{name} imports {imported}"


def test_no_import_circles() -> None:
    modules = _modules()
    graph = {
        name: {m for m in _reader_imports(f) if m in modules and m != name}
        for name, f in modules.items()
    }
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circle = [*trail[trail.index(name) :], name]
            raise AssertionError("import circle: " + " -> ".join(circle))
        if name in done:
            return
        for other in sorted(graph[name]):
            if not name.startswith(other + "."):  # a module's own package __init__
                visit(other, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
