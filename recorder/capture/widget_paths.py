"""Stable object paths: how a recording names a widget so replay can find it again.

A path is the chain of objectNames from the top-level window down, skipping unnamed layout
containers, e.g. `main/catalog/detail/add_to_cart`.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

T = TypeVar("T", bound=QObject)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QAbstractSlider,
    QPlainTextEdit,
    QTextEdit,
)


def descendants(root: QObject, kind: type[T]) -> list[T]:
    """Every object of `kind` below `root`, depth first, in the order Qt keeps children.

    Not `findChildren`: PySide 6 ties the wrappers it returns to the wrapper of the object it
    was called on, and when that one is a temporary (a C++-made parent, such as a message
    box's button box, wrapped for the first time) its release invalidates them, so the very
    widget the recorder was looking at raised "already deleted" on the next call.
    """
    found: list[T] = []
    stack = list(reversed(root.children()))
    while stack:
        child = stack.pop()
        if isinstance(child, kind):
            found.append(child)
        stack.extend(reversed(child.children()))
    return found


def direct_children(parent: QObject, kind: type[T]) -> list[T]:
    return [c for c in parent.children() if isinstance(c, kind)]


def object_path(widget: QWidget) -> str:
    names = []
    current: QWidget | None = widget
    while current is not None:
        name = current.objectName()
        if name and not name.startswith("qt_"):
            names.append(name)
        current = current.parentWidget()
    return "/".join(reversed(names))


def is_interactive(widget: QWidget) -> bool:
    """An input the user drives, as opposed to Qt's own parts inside one (a spin box's line
    edit, a table's scroll bars) or a message box's stock buttons."""
    # The app's own focusable widgets (such as its star rating) count as inputs too.
    custom_input = (
        not type(widget).__module__.startswith("PySide6")
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    )
    if not (isinstance(widget, INTERACTIVE) or custom_input):
        return False
    if widget.objectName().startswith("qt_"):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (*INTERACTIVE, QMessageBox)) or parent.objectName().startswith(
            ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer")
        ):
            return False
        parent = parent.parentWidget()
    return True


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in [root, *descendants(root, QWidget)] if is_interactive(w)]
