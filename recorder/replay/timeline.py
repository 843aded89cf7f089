"""The viewer's timeline parts: a seek slider marked where things happened, and the picture
of what the user saw at the step the replay is on.

The marks are the report page's (recorder/writers/web_page_script.py): a blue mark where
a step caused domain events (◆), a red one where it raised an exception (✖), and a taller
red one at the divergence (⚠). The texts are the viewer's (`recorder/replay/viewer.py`
translates them); this module only draws.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSlider, QStyle, QStyleOptionSlider

from recorder.capture.schema import Picture
from recorder.fileformat.pictures import decoded
from recorder.fileformat.shoprec import Recording

DOMAIN, ERROR, DIVERGENCE = "domain", "error", "divergence"
MARK_COLORS = {DOMAIN: QColor("#1a5fb4"), ERROR: QColor("#c01c28"), DIVERGENCE: QColor("#c01c28")}
SYMBOLS = {DOMAIN: "◆", ERROR: "✖", DIVERGENCE: "⚠"}


def marks_of(recording: Recording) -> dict[int, str]:
    """By UI event index: what happened there, the weightier kept (an error over events)."""
    caused = recording.caused_by_ui_event()
    raised = {e["ui_seq"] for e in recording.exceptions}
    marks = {}
    for index, event in enumerate(recording.ui_events):
        if event.seq in raised:
            marks[index] = ERROR
        elif caused.get(event.seq):
            marks[index] = DOMAIN
    return marks


class MarkedSlider(QSlider):
    """A horizontal seek slider with a mark under each step where something happened."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.marks: dict[int, str] = {}
        self.setMinimumHeight(self.sizeHint().height() + 8)

    def set_marks(self, marks: Mapping[int, str]) -> None:
        self.marks = dict(marks)
        self.update()

    def mark(self, index: int, kind: str) -> None:
        self.marks[index] = kind
        self.update()

    def x_of(self, index: int) -> int:
        """Where step `index` is along the groove, in the slider's own pixels."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = max(groove.width() - handle.width(), 1)
        offset = QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), index, span)
        return groove.x() + handle.width() // 2 + offset

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        bottom = self.height() - 1
        # The divergence last, over whatever else is at its place.
        for index, kind in sorted(self.marks.items(), key=lambda m: m[1] == DIVERGENCE):
            tall = 8 if kind == DIVERGENCE else 5
            width = 3 if kind == DIVERGENCE else 2
            x = self.x_of(index)
            painter.fillRect(QRect(x - width // 2, bottom - tall, width, tall), MARK_COLORS[kind])
        painter.end()


def picture_before(pictures: Mapping[int, Picture], seq: int) -> Picture | None:
    """What the user saw as UI event `seq` came: the last picture taken before it."""
    anchors = sorted(pictures)
    at = bisect.bisect_right(anchors, seq) - 1
    return pictures[anchors[at]] if at >= 0 else None


class PictureView(QLabel):
    """A picture of the windows, scaled to the width it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(120, 80))
        self._pixmap = QPixmap()
        self.shown: Picture | None = None

    def show_picture(self, picture: Picture | None) -> None:
        if picture is self.shown:
            return
        self.shown = picture
        image = decoded(picture) if picture is not None else None
        self._pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._pixmap.isNull():
            self.setPixmap(QPixmap())
            return
        self.setPixmap(
            self._pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
