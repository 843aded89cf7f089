"""Small painted charts: the rating histogram and a horizontal bar chart.

QtCharts lives in the 300 MB PySide6-Addons wheel; these two charts need 80 lines of QPainter.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.platform.i18n import translate


class BarChart(QWidget):
    """Labelled horizontal bars, longest first as given. `set_bars([(label, value), ...])`."""

    def __init__(self, name: str, color: str = "#4a90d9", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._bars: list[tuple[str, int]] = []
        self._color = QColor(color)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.set_empty_text(translate("BarChart", "Nothing to show yet."))

    def set_empty_text(self, text: str) -> None:
        """What it says with no bars: painted, and told to a screen reader (a chart is a
        chart to it, app/widgets/accessibility.py, which says what it shows)."""
        self.empty_text = text
        if not self._bars:
            self.setAccessibleDescription(text)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self._bars = bars
        # What it shows, as data: a recording keeps this, never the pixels
        # (recorder/capture/looks.py).
        values = "; ".join(f"{label}: {value}" for label, value in bars) or self.empty_text
        self.setProperty("observed", values)
        self.setAccessibleDescription(values)  # the same values, for a screen reader
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        return QSize(320, max(60, len(self._bars) * self.row_height() + 8))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        text_color = self.palette().text().color()
        if not self._bars:
            painter.setPen(text_color)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_width = min(
            self.width() // 2, max(metrics.horizontalAdvance(b[0]) for b in self._bars) + 12
        )
        value_width = metrics.horizontalAdvance("0000000") + 8
        top, h = 4, self.row_height()
        biggest = max(value for _, value in self._bars) or 1
        span = max(10, self.width() - label_width - value_width - 8)
        for label, value in self._bars:
            painter.setPen(text_color)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(4, top, label_width - 8, h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                shown,
            )
            width = span * value / biggest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._color)
            painter.drawRoundedRect(QRectF(label_width, top + 3, max(width, 1), h - 6), 3, 3)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(label_width + width + 6, top, value_width, h),
                Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            top += h


class RatingHistogram(BarChart):
    """How many reviews gave 5, 4, 3, 2 and 1 stars."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, "#f5a623", parent)
        self.set_empty_text(translate("BarChart", "No ratings yet."))
        self.setAccessibleName(translate("BarChart", "Ratings"))

    def set_counts(self, counts: dict[int, int]) -> None:
        bars = [(f"{'★' * stars}", counts.get(stars, 0)) for stars in range(5, 0, -1)]
        self.set_bars(bars if any(v for _, v in bars) else [])
        if any(v for _, v in bars):  # "5 stars: 3", not five star glyphs read out one by one
            self.setAccessibleDescription(
                "; ".join(
                    # self.tr, not translate(): lupdate gives only its count plural forms.
                    self.tr("%n star(s): {0}", "", s).format(counts.get(s, 0))
                    for s in range(5, 0, -1)
                )
            )
