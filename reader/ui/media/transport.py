"""The transport bar: play/pause, position slider with times, skips, speed, volume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QWidget,
)

from reader.core.timefmt import format_time
from reader.player.base import RATES, Player, PlayerState

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent

SKIP_MS = 5000


class SeekSlider(QSlider):
    """A slider that jumps to where it is clicked, and tells when the user seeks."""

    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.dragging = False
        self.setRange(0, 0)
        self.sliderPressed.connect(self._pressed)
        self.sliderReleased.connect(self._released)

    def _pressed(self) -> None:
        self.dragging = True

    def _released(self) -> None:
        self.dragging = False
        self.seek_requested.emit(self.value())

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and not self._on_handle(ev):
            value = QStyle.sliderValueFromPosition(
                self.minimum(), self.maximum(), int(ev.position().x()), self.width()
            )
            self.setValue(value)
            self.seek_requested.emit(value)
            return  # jump where clicked instead of Qt's page step
        super().mousePressEvent(ev)

    def _on_handle(self, ev: QMouseEvent) -> bool:
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, self
        )
        return handle.contains(ev.position().toPoint())


class TransportBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._build()
        self._connect_signals()
        self._on_duration(player.duration())
        self._on_position(player.position())
        self._on_state(player.state())
        self._on_rate(player.rate())  # a remembered speed is set before the bar exists

    def _build(self) -> None:
        style = self.style()
        self.play_button = QToolButton(self)
        self.play_button.setToolTip("Play / pause (Space)")
        self.back_button = QToolButton(self)
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.back_button.setToolTip("Back 5 seconds (Left)")
        self.forward_button = QToolButton(self)
        self.forward_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.forward_button.setToolTip("Forward 5 seconds (Right)")
        self.slider = SeekSlider(self)
        self.slider.setAccessibleName("Position")
        self.elapsed = QLabel("0:00", self)
        self.total = QLabel("0:00", self)
        for label in (self.elapsed, self.total):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.speed = QComboBox(self)
        self.speed.setToolTip("Playback speed ([ and ])")
        for rate in RATES:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(RATES.index(1.0))
        self.volume_icon = QLabel(self)
        self.volume_icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume).pixmap(16, 16)
        )
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(self._player.volume())
        self.volume.setFixedWidth(90)
        self.volume.setAccessibleName("Volume")
        self.volume.setToolTip("Volume")

        # Keys belong to the window (Space, arrows), not to whichever button was clicked.
        for button in (self.play_button, self.back_button, self.forward_button, self.slider):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 6)
        for widget in (self.back_button, self.play_button, self.forward_button, self.elapsed):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        for other in (self.total, self.speed, self.volume_icon, self.volume):
            row.addWidget(other)

    def _connect_signals(self) -> None:
        p = self._player
        self.play_button.clicked.connect(p.toggle)
        self.back_button.clicked.connect(lambda: p.skip(-SKIP_MS))
        self.forward_button.clicked.connect(lambda: p.skip(SKIP_MS))
        self.slider.seek_requested.connect(p.seek)
        self.slider.sliderMoved.connect(self._on_slider_moved)
        self.speed.currentIndexChanged.connect(lambda i: p.set_rate(float(self.speed.itemData(i))))
        self.volume.valueChanged.connect(p.set_volume)
        p.position_changed.connect(self._on_position)
        p.duration_changed.connect(self._on_duration)
        p.state_changed.connect(self._on_state)
        p.rate_changed.connect(self._on_rate)
        p.volume_changed.connect(self._on_volume)

    def _on_slider_moved(self, value: int) -> None:
        self.elapsed.setText(format_time(value, always_hours=self._hours()))

    def _hours(self) -> bool:
        return self._player.duration() >= 3_600_000

    def _on_position(self, ms: int) -> None:
        if self.slider.dragging:
            return  # the user is holding the handle: don't fight them
        # Moving the handle repaints the slider: only when it moves a pixel.
        width = max(1, self.slider.width())
        top = max(1, self.slider.maximum())
        if ms * width // top != self.slider.value() * width // top:
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        text = format_time(ms, always_hours=self._hours())
        if text != self.elapsed.text():
            self.elapsed.setText(text)
        # Wake again for the next second on the label or the next pixel.
        next_pixel = ((ms * width // top) + 1) * top // width + 1
        self._player.request_update_at(min((ms // 1000 + 1) * 1000, next_pixel))

    def _on_duration(self, ms: int) -> None:
        self.slider.setRange(0, max(0, ms))
        self.slider.setPageStep(max(1000, ms // 20))
        self.total.setText(format_time(ms, always_hours=ms >= 3_600_000))
        # A seek made before the length was known was clamped by the old range.
        self._on_position(self._player.position())

    def _on_state(self, state: PlayerState) -> None:
        playing = state is PlayerState.PLAYING
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        enabled = state not in (PlayerState.NO_MEDIA, PlayerState.ERROR, PlayerState.LOADING)
        for w in (self.play_button, self.back_button, self.forward_button, self.slider):
            w.setEnabled(enabled)

    def _on_rate(self, rate: float) -> None:
        best = min(range(len(RATES)), key=lambda i: abs(RATES[i] - rate))
        self.speed.blockSignals(True)
        self.speed.setCurrentIndex(best)
        self.speed.blockSignals(False)

    def _on_volume(self, volume: int) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(volume)
        self.volume.blockSignals(False)
