"""What a screen reader is told about the widgets this app paints itself.

Qt describes its own controls; a painted QWidget is a "filler" to a screen reader. The star
rating is a slider from 0 (none chosen) to 5 with a Value a screen reader reads, and follows
as it changes; the charts are charts, their values in their description (set by the charts
themselves, the same text a recording observes). A factory (`QAccessible.installFactory`)
describes them, not a change of base class: a StarRating made a QAbstractSlider would be
recorded as a slider, and the committed recordings drive it by its clicks and keys.
"""

from __future__ import annotations

from functools import cache

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleValueInterface
from PySide6.QtWidgets import QAccessibleWidget

from app.widgets.charts import BarChart
from app.widgets.stars import MAX_STARS, StarRating

Role = QAccessible.Role


class _StarsValue(QAccessibleValueInterface):
    def __init__(self, stars: StarRating) -> None:
        super().__init__()
        self._stars = stars

    def currentValue(self) -> int:
        return self._stars.value()

    def setCurrentValue(self, value: object) -> None:
        """A screen reader choosing a rating, as the keys 1 to 5 do (and only when they may)."""
        if self._stars.isEnabled() and isinstance(value, int | float) and 1 <= value <= MAX_STARS:
            self._stars.setValue(int(value))

    def minimumValue(self) -> int:
        return 0

    def maximumValue(self) -> int:
        return MAX_STARS

    def minimumStepSize(self) -> int:
        return 1


class _StarsAccessible(QAccessibleWidget):
    def __init__(self, stars: StarRating) -> None:
        super().__init__(stars, Role.Slider)
        self._value = _StarsValue(stars)  # lives as long as this interface

    # Qt wants the address of the C++ interface. PySide's stub says int, but it takes only a
    # VoidPtr back from Python (anything else crashed the app in PySide 6.11), so the base
    # class's answer (an int: the address, or 0) goes back wrapped too.
    def interface_cast(self, kind: QAccessible.InterfaceType) -> object:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ValueInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self._value)[0])
        return shiboken6.VoidPtr(super().interface_cast(kind))


def describe(_class_name: str, widget: QObject) -> QAccessibleInterface | None:
    """The factory Qt asks first for every object it describes; None leaves it to Qt."""
    interface: QAccessibleInterface
    if isinstance(widget, StarRating):
        interface = _StarsAccessible(widget)
    elif isinstance(widget, BarChart):
        interface = QAccessibleWidget(widget, Role.Chart)
    else:
        return None
    # Qt keeps the interface by its address and deletes it with the widget; PySide would
    # delete it as soon as Python forgets it, so the widget holds it until then.
    setattr(widget, "_accessible_interface", interface)  # noqa: B010
    return interface


@cache  # Qt keeps its factories for the whole process: installed once
def install_accessibility() -> None:
    """Before the first window is shown."""
    QAccessible.installFactory(describe)
