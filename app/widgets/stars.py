"""A 1-to-5 star input. It cannot hold a value outside 1..5, so no such rating can be entered."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleValueChangeEvent,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

STAR_SIZE = 26
MAX_STARS = 5


def star_polygon(rect: QRectF) -> QPolygonF:
    import math

    center, outer, inner = rect.center(), rect.width() / 2, rect.width() / 5
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(
            QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle))
        )
    return QPolygonF(points)


class StarRating(QWidget):
    """Click a star, or press 1-5 or the arrow keys. `value()` is 1..5, or 0 when unset."""

    changed = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._value = 0
        self.setProperty("observed", "0 of 5 stars")
        self.setAccessibleDescription(self.tr("No rating chosen; press 1 to 5"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Rating: click a star or press 1 to 5"))
        # A slider from 0 to 5 to a screen reader (app/widgets/accessibility.py).
        self.setAccessibleName(self.tr("Rating"))

    def sizeHint(self) -> QSize:
        return QSize(STAR_SIZE * 5 + 8, STAR_SIZE + 6)

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        value = max(0, min(5, int(value)))
        if value != self._value:
            self._value = value
            self.setProperty("observed", f"{value} of 5 stars")  # what a recording keeps
            self.setAccessibleDescription(self.tr("{0} of 5 stars").format(value))  # and is said
            if QAccessible.isActive():  # a screen reader follows the value as it changes
                QAccessible.updateAccessibility(QAccessibleValueChangeEvent(self, value))
            self.update()
            self.changed.emit(value)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setValue(int(event.position().x() // STAR_SIZE) + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.setValue(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.setValue(self._value + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.setValue(max(1, self._value - 1))
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gold, gold_edge = QColor("#f5a623"), QColor("#9a6b00")
        # An empty star is an outline in the text's colour, never a fill: a grey fill read as
        # a filled star on a dark background.
        outline = QPen(self.palette().color(QPalette.ColorRole.WindowText), 1.4)
        for k in range(5):
            rect = QRectF(k * STAR_SIZE + 2, 3, STAR_SIZE - 4, STAR_SIZE - 4)
            if k < self._value:
                painter.setPen(gold_edge)
                painter.setBrush(gold)
            else:
                painter.setPen(outline)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(star_polygon(rect))
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
