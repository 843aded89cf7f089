"""Observations: what the user saw, as text a person can read in a diff.

An observation is the visible state of every window of the app: for each visible widget
with something to show, its object path and one line of text (a label's text, a field's
text, a table's rows and selection, a slider's value, a chart's values). Password fields
show only that they are masked. A painted widget says what it shows through the `observed`
property (the rating histogram, the analytics chart), never through pixels.

Observations are stored as deltas (what changed since the previous one), so a session that
looks at the same page for an hour stays small. `Looks` decides when the recorder looks:
before an input that followed a change on screen, and at the end.

At each look the recorder may also keep a picture of the windows (`picture`, when the
setting is on: `Pictures`). It draws the app's own widgets, never the screen, so no other
program's window is in it, and it leaves every password field, widget marked `sensitive`
(and what is inside one) and widget marked `unobserved` out of the drawing: their pixels are
never drawn, so there is nothing to paint over, and the picture shows no more than the
observation's texts do. The sink scales and compresses it on its own thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from recorder.capture.entered import is_masked
from recorder.capture.observation import Observation, delta
from recorder.capture.sink import SqliteSink
from recorder.capture.targets import describe
from recorder.capture.virtual_time import ACTIVITY_KINDS
from recorder.capture.widget_paths import object_path

MAX_ROWS = 100  # rows of one table or list: enough to tell, bounded in size
PICTURE_WIDTH = 800  # pixels: a picture is scaled down to at most this wide
PICTURE_BUDGET = 8 * 1024**2  # bytes per session: past half, half as wide; past it, none
MAX_CANVAS = 4096  # pixels: windows spread wider than this are drawn as the first one alone
BLANK = QColor(128, 128, 128)  # where a private widget is: never drawn

# Events after which the screen may show something else: the next input first observes it.
DIRTYING = frozenset(
    {"mouse_release", "mouse_dblclick", "combo_select", "menu_action", "context_menu", "wheel"}
    | {"dialog_finished", "resize", *ACTIVITY_KINDS}
)
DIRTYING_KEYS = frozenset(
    k.value for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab)
)


class Pictures:
    """The setting that keeps pictures at each look, and their budget: past half of it the
    pictures are half as wide, past all of it there are none (`skipped` counts those)."""

    def __init__(self, width: int = PICTURE_WIDTH, budget: int = PICTURE_BUDGET) -> None:
        self.width, self.budget = width, budget
        self.taken = 0
        self.skipped = 0

    def width_after(self, spent: int) -> int | None:
        """How wide the next picture may be after `spent` bytes of them, or None."""
        if spent >= self.budget:
            return None
        return self.width if spent < self.budget // 2 else max(self.width // 2, 1)


@dataclass
class Held:
    """A look taken while the app was idle, not stored yet: texts, picture (None: none drawn;
    `failed`: its drawing failed), and whether they are `sure` to be the screen still."""

    seen: Observation
    image: QImage | None
    failed: bool = False
    sure: bool = True


class Looks:
    """When the recorder looks at the windows: before an input that followed a change on
    screen (or that a replay asked for), and at the end. Each look is stored as what changed
    since the one before.

    The look may be taken earlier, once the app has settled after the change (`hold`): the
    next input stores it if nothing happened since. After an event the app handled, the texts
    are read again (`handled`: at the next settle, or by the input); a paint or a recorded
    event drops it (`changed`). Neither the sink nor the `listeners` see a held look before an
    input takes it: what they get is what the windows showed as the input came."""

    def __init__(self, sink: SqliteSink, windows: Callable[[], list[QWidget]]) -> None:
        self._sink = sink
        self._windows = windows  # the visible windows in the recorder's scope
        self._observed: Observation = {}  # the last observation stored
        self._due = True
        self.held: Held | None = None
        # Asks for a held look once the app has settled (set by the recorder).
        self.hold_soon: Callable[[], None] = lambda: None
        # During a replay: the recorded step an observation belongs to (recorder seqs differ).
        self.anchor_for: Callable[[int], int] | None = None
        self.listeners: list[Callable[[int, Observation], None]] = []
        self.pictures: Pictures | None = None  # None: the setting is off

    @property
    def due(self) -> bool:
        """Something may have changed on screen since the last look stored."""
        return self._due

    @due.setter
    def due(self, value: bool) -> None:
        self._due, self.held = value, None
        if value:
            self.hold_soon()

    def changed(self) -> None:  # something was painted or recorded: a held look is stale
        if self._due:
            self.held = None
            self.hold_soon()

    def handled(self) -> None:
        """The app handled an event, which may have changed a text without painting yet: the
        texts are read again once it has settled (or by the input, if it comes first)."""
        if self.held is not None and self.held.sure:
            self.held.sure = False
            self.hold_soon()

    def hold(self) -> None:
        """Look now and keep it for the next input (see the class's note). A held look the app
        handled an event after keeps its picture if the texts are still the same."""
        if not self._due or (self.held is not None and self.held.sure):
            return
        seen = observe(self._windows(), is_masked)
        if self.held is not None and seen == self.held.seen:
            self.held.sure = True  # nothing painted since it was drawn, and the same texts
            return
        image, failed = None, False
        if self.pictures is not None and self._width(self.pictures) is not None:
            try:
                image = picture(self._windows(), is_masked)
            except RuntimeError:  # a widget deleted while it was drawn
                failed = True
        self.held = Held(seen, image, failed)

    def observe(self, anchor: int) -> Observation:
        """Store what the windows show now, as seen before UI event `anchor`."""
        self.held = None
        return self._store(anchor, observe(self._windows(), is_masked), None)

    def _store(self, anchor: int, seen: Observation, held: Held | None) -> Observation:
        self._sink.observation(anchor, json.dumps(delta(self._observed, seen)))
        self._observed, self.due = seen, False
        for listener in list(self.listeners):
            listener(anchor, seen)
        if self.pictures is not None:
            self._picture(anchor, self.pictures, held)
        return seen

    def _width(self, pictures: Pictures) -> int | None:  # of the next picture, None: none
        return pictures.width_after(self._sink.picture_bytes)

    def _picture(self, anchor: int, pictures: Pictures, held: Held | None) -> None:
        width = self._width(pictures)
        if width is None or (held is not None and held.failed):
            pictures.skipped += 1
            return
        if held is not None:
            image = held.image
        else:
            try:
                image = picture(self._windows(), is_masked)
            except RuntimeError:  # a widget deleted while it was drawn: this look goes without
                pictures.skipped += 1
                return
        if image is not None:
            pictures.taken += 1
            self._sink.picture(anchor, image, width)

    def anchor(self, seq: int) -> int:
        return self.anchor_for(seq) if self.anchor_for is not None else seq

    def before_input(self, seq: int) -> None:
        """Before input `seq`: a look, if the screen may have changed since the last one (the
        held one, when nothing happened since it was taken)."""
        if not self._due:
            return
        held = self.held
        if held is None:
            self.observe(self.anchor(seq))
        elif held.sure:
            self._store(self.anchor(seq), held.seen, held)
        else:
            seen = observe(self._windows(), is_masked)
            if seen == held.seen:
                self._store(self.anchor(seq), held.seen, held)
            else:
                self._store(self.anchor(seq), seen, None)

    def after(self, kind: str, data: Mapping[str, Any]) -> None:
        """An event of `kind` was recorded: it may change what is shown, and a look held
        before it is not the screen the next input comes to."""
        if kind in DIRTYING or (kind == "key_press" and data.get("key") in DIRTYING_KEYS):
            self.due = True  # observe before the next input
        else:
            self.changed()


def observe(windows: list[QWidget], is_sensitive: Any) -> Observation:
    """What the visible windows show now. `is_sensitive(widget)` marks masked fields."""
    seen: Observation = {}
    for window in windows:
        if isinstance(window, QMenu) or not shiboken6.isValid(window):
            continue
        for widget in _inside(window):
            if not widget.isVisible():
                continue
            text = _shown(widget, is_sensitive)
            if text is not None:
                # A widget of its own name by its path; an unnamed one (a label showing a
                # balance) by its named ancestor's path and the steps down to it.
                path = object_path(widget) if _named_somewhere(widget) else _unnamed(widget)
                if not path:
                    continue
                twins = sum(1 for key in seen if key == path or key.startswith(path + "#"))
                seen[f"{path}#{twins + 1}" if twins else path] = text
    return seen


def picture(windows: list[QWidget], is_private: Callable[[QWidget], bool]) -> QImage | None:
    """The visible windows drawn into one image where they stand, main windows first and the
    active one last. A private widget (`is_private`, or inside one, or `unobserved`) is left
    out of the region drawn: its pixels stay BLANK, and its text is never drawn at all."""
    shown = [
        w
        for w in windows
        if shiboken6.isValid(w) and w.isVisible() and not isinstance(w, QMenu) and w.width()
    ]
    if not shown:
        return None
    shown.sort(key=lambda w: (isinstance(w, QDialog), w.isActiveWindow()))
    rects = [QRect(w.mapToGlobal(QPoint(0, 0)), w.size()) for w in shown]
    area = rects[0]
    for rect in rects[1:]:
        area = area.united(rect)
    if area.width() > MAX_CANVAS or area.height() > MAX_CANVAS:
        area = rects[0]
    area.setSize(area.size().boundedTo(QSize(MAX_CANVAS, MAX_CANVAS)))  # a file may hold it
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(BLANK)
    painter = QPainter(image)
    try:
        for n, (window, rect) in enumerate(zip(shown, rects, strict=True)):
            offset = rect.topLeft() - area.topLeft()
            if n:  # what a window hides below it (the image is blank below the first)
                painter.fillRect(QRect(offset, rect.size()), BLANK)
            window.render(painter, offset, QRegion(window.rect()) - _private(window, is_private))
    finally:
        painter.end()
    return image


def _private(window: QWidget, is_private: Callable[[QWidget], bool]) -> QRegion:
    """Where the window's private widgets are, in its own coordinates."""
    region = QRegion()
    for widget in _inside(window):
        if widget.isVisible() and (is_private(widget) or widget.property("unobserved")):
            region += QRegion(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))
    return region


def _inside(window: QWidget) -> list[QWidget]:
    """The window and its visible widgets, not those of the dialogs it owns: each dialog is a
    window of its own and is walked once, as one (children(), not findChildren: see
    widget_paths.py). A hidden widget's subtree is not walked: nothing in it is visible (the
    pages a stack does not show are most of a window's widgets)."""
    found, stack = [], [window]
    while stack:
        widget = stack.pop()
        found.append(widget)
        stack.extend(
            reversed(
                [
                    c
                    for c in widget.children()
                    if isinstance(c, QWidget) and not c.isWindow() and c.isVisible()
                ]
            )
        )
    return found


def _unnamed(widget: QWidget) -> str:
    path, sub = describe(widget)
    return f"{path}/{sub}" if path and sub else ""


def _named_somewhere(widget: QWidget) -> bool:
    name = widget.objectName()
    return bool(name) and not name.startswith("qt_")


def _part_of_an_input(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def _inside_sensitive(widget: QWidget, is_sensitive: Any) -> bool:
    """A widget marked sensitive, or inside one (the box that shows a password once)."""
    current: QWidget | None = widget
    while current is not None:
        if is_sensitive(current):
            return True
        current = current.parentWidget()
    return False


def _shown(widget: QWidget, is_sensitive: Any) -> str | None:
    if isinstance(widget, (QLabel, QLineEdit, QPlainTextEdit, QTextEdit)) and _inside_sensitive(
        widget, is_sensitive
    ):
        return "(masked)"
    if isinstance(widget, QScrollBar) or _part_of_an_input(widget):
        # Where a scroll bar is depends on the window's size, and a field's own parts (its
        # clear button fading in) on timing: what they show is the field's, seen already.
        return None
    if widget.property("unobserved"):
        # What the window says about the world outside this session (other app instances
        # writing to the same server), not about what the user did: a replay cannot see it.
        return None
    observed = widget.property("observed")
    if observed is not None:
        return str(observed)
    state = "" if widget.isEnabled() else " [disabled]"
    if isinstance(widget, QLineEdit):
        return ("(masked)" if is_sensitive(widget) else widget.text()) + state
    if isinstance(widget, QLabel):
        return widget.text() + state
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText() + state
    if isinstance(widget, QComboBox):
        return widget.currentText() + state
    if isinstance(widget, QAbstractSpinBox):
        return widget.text() + state
    if isinstance(widget, QAbstractSlider):
        return f"{widget.value()} of {widget.minimum()}..{widget.maximum()}{state}"
    if isinstance(widget, QAbstractButton):
        checked = " [checked]" if widget.isCheckable() and widget.isChecked() else ""
        return widget.text() + checked + state
    if isinstance(widget, QTableWidget):
        return _table(widget) + state
    if isinstance(widget, QListWidget):
        return _list(widget) + state
    if isinstance(widget, QAbstractItemView):
        return f"{widget.model().rowCount()} rows" if widget.model() else None
    return None


def _table(table: QTableWidget) -> str:
    selected = {i.row() for i in table.selectionModel().selectedRows()}
    lines = []
    for row in range(min(table.rowCount(), MAX_ROWS)):
        cells = [table.item(row, col) for col in range(table.columnCount())]
        mark = "> " if row in selected else "  "
        lines.append(mark + " | ".join(c.text() if c else "" for c in cells))
    if table.rowCount() > MAX_ROWS:
        lines.append(f"  … {table.rowCount() - MAX_ROWS} more rows")
    return "\n".join(lines) if lines else "(empty)"


def _list(view: QListWidget) -> str:
    lines = []
    for row in range(min(view.count(), MAX_ROWS)):
        item = view.item(row)
        if item is None or item.isHidden():
            continue
        mark = "> " if item.isSelected() else "  "
        lines.append(mark + item.text().replace("\n", " / "))
    return "\n".join(lines) if lines else "(empty)"
