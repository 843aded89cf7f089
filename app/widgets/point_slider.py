"""A slider that goes where it is clicked, as a media player's seek bar does.

QSlider moves one page towards a click on its groove: over a long log that is a position
nobody chose, and reaching a moment takes a dozen clicks. A click beside the handle here puts
the handle under the pointer first, so the same press goes on as a drag from there; keys and
the wheel keep QSlider's steps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider


class PointSlider(QSlider):
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.orientation() == (
            Qt.Orientation.Horizontal
        ):
            self._jump_to(event.position().toPoint().x())
        super().mousePressEvent(event)

    def _jump_to(self, x: int) -> None:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        if handle.left() <= x <= handle.right():
            return  # on the handle: QSlider's own drag
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        # The handle's centre travels from groove.left + half a handle to groove.right - half.
        span = groove.width() - handle.width()
        offset = x - groove.left() - handle.width() // 2
        value = QStyle.sliderValueFromPosition(
            self.minimum(),
            self.maximum(),
            max(0, min(offset, span)),
            max(span, 1),
            option.upsideDown,
        )
        self.setValue(value)
