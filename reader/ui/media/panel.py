"""The player side of the window: a video surface, an audio card, or "no media"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Header
from reader.core.timefmt import format_time
from reader.ui.startup.shell import SIDE_MIN_WIDTH


def _plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles come from files: never rich text
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(text: str, parent: QWidget, scale: float) -> QLabel:
    label = _plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def _has_native_windows() -> bool:
    return QGuiApplication.platformName() in ("xcb", "windows", "cocoa")


class VideoSurface(QFrame):
    """A native window VLC draws into."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if _has_native_windows():
            self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
            self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.setMinimumSize(160, 90)

    def native_id(self) -> int | None:
        # Only real windowing systems have a handle VLC can draw into.
        if not _has_native_windows():
            return None
        return int(self.winId())


class MediaPanel(QStackedWidget):
    open_media_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(SIDE_MIN_WIDTH)
        self._build_none_page()
        self._build_audio_page()
        self.video = VideoSurface(self)
        self.addWidget(self.video)
        self.show_no_media()

    def _build_none_page(self) -> None:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.none_title = _heading("No recording opened", page, 1.2)
        self.none_detail = _plain_label(
            "The transcript reads as usual. Play runs a silent clock at speaking pace.", page
        )
        self.none_detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.open_button = QPushButton("Open Media…", page)
        self.open_button.clicked.connect(self.open_media_requested)
        box.addWidget(self.none_title)
        box.addWidget(self.none_detail)
        box.addSpacing(8)
        box.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.none_page = page
        self.addWidget(page)

    def _build_audio_page(self) -> None:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(18, 18, 18, 18)
        box.addStretch(1)
        self.audio_art = QLabel(page)  # the app's icon stands in for cover art
        self.audio_art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.audio_art)
        box.addSpacing(14)
        self.audio_title = _heading("", page, 1.35)
        self.audio_details = _plain_label("", page)
        self.audio_details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        box.addWidget(self.audio_title)
        box.addSpacing(10)
        box.addWidget(self.audio_details)
        box.addStretch(2)
        self.audio_page = page
        self.addWidget(page)

    def show_no_media(self, reason: str = "") -> None:
        self.none_title.setText(reason or "No recording opened")
        self.setCurrentWidget(self.none_page)

    def show_audio(self, header: Header, media_name: str, duration_ms: int) -> None:
        icon = QGuiApplication.windowIcon()
        self.audio_art.setPixmap(icon.pixmap(112, 112) if not icon.isNull() else QPixmap())
        self.audio_title.setText(header.title or media_name)
        lines = []
        if header.video_id:
            lines.append(f"Source id: {header.video_id}")
        if header.modified:
            lines.append(f"Date: {header.modified:%Y-%m-%d}")
        if duration_ms:
            lines.append(f"Duration: {format_time(duration_ms, always_hours=True)}")
        lines.append(f"File: {media_name}")
        self.audio_details.setText("\n".join(lines))
        self.setCurrentWidget(self.audio_page)

    def show_video(self) -> None:
        self.setCurrentWidget(self.video)
