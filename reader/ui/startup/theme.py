"""Light, dark or the system's palette; the highlight is readable in each.

Qt follows a dark desktop on its own where the platform says so; the
explicit dark palette covers desktops that do not (and the user's choice).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
_default_palette: QPalette | None = None


def system_is_dark() -> bool:
    """Whether the desktop's own palette (as Qt took it from the platform) is dark.

    Read from the palette rather than QStyleHints.colorScheme(): that answers
    with a Qt namespace enum, and PySide6 building those costs ~12 ms before
    the window's first frame.
    """
    palette = _default_palette if _default_palette is not None else QGuiApplication.palette()
    role = QPalette.ColorRole
    return palette.color(role.Window).lightness() < palette.color(role.WindowText).lightness()


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: QColor(37, 39, 43),
        role.WindowText: QColor(226, 228, 232),
        role.Base: QColor(27, 29, 32),
        role.AlternateBase: QColor(43, 46, 51),
        role.ToolTipBase: QColor(50, 53, 58),
        role.ToolTipText: QColor(226, 228, 232),
        role.PlaceholderText: QColor(140, 146, 156),
        role.Text: QColor(226, 228, 232),
        role.Button: QColor(48, 51, 56),
        role.ButtonText: QColor(226, 228, 232),
        role.BrightText: QColor(255, 120, 120),
        role.Highlight: QColor(94, 158, 255),
        role.HighlightedText: QColor(15, 17, 20),
        role.Link: QColor(120, 175, 255),
        role.Light: QColor(70, 74, 80),
        role.Midlight: QColor(58, 61, 67),
        role.Mid: QColor(44, 47, 52),
        role.Dark: QColor(20, 21, 24),
        role.Shadow: QColor(0, 0, 0),
    }
    for r, c in colors.items():
        p.setColor(r, c)
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(110, 114, 122))
    return p


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply 'system', 'light' or 'dark'; returns the one applied."""
    global _default_palette
    if _default_palette is None:
        # A copy already; QPalette(palette) would make PySide6 build the Qt
        # namespace to choose among its overloads (start-up time).
        _default_palette = app.palette()
    if theme not in THEMES:
        theme = "system"
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    if dark:
        app.setStyle("Fusion")  # the native styles ignore a custom dark palette
        app.setPalette(dark_palette())
    elif app.palette() != _default_palette:
        # Only when leaving dark: setting a palette repolishes every widget,
        # which the light start-up need not pay for.
        app.setPalette(_default_palette)
    return theme
