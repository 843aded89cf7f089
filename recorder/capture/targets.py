"""Naming the exact widget an event went to, and finding it again during replay.

A target is the object path of the nearest widget with its own name, plus `sub`: the steps
from there down to an unnamed part of it (a table's viewport, a spin box's line edit), each
step a Qt-internal name or `Class#n`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from recorder.capture.widget_paths import descendants, direct_children, object_path


def _own_name(widget: QWidget) -> str:
    name = widget.objectName()
    return name if name and not name.startswith("qt_") else ""


def _step(widget: QWidget) -> str:
    name = widget.objectName()
    if name:
        return name
    parent = widget.parentWidget()
    siblings = [
        w
        for w in (direct_children(parent, type(widget)) if parent is not None else [])
        if not w.objectName()
    ]
    index = siblings.index(widget) if widget in siblings else 0
    return f"{type(widget).__name__}#{index}"


PATH_PROPERTY = "_recorder_target"


def describe(widget: QWidget) -> tuple[str, str]:
    """(path, sub) for `widget`, remembered on the widget: it is asked for every event."""
    cached = widget.property(PATH_PROPERTY)
    if isinstance(cached, (tuple, list)):
        return cached[0], cached[1]
    found = _describe(widget)
    widget.setProperty(PATH_PROPERTY, list(found))
    return found


def _describe(widget: QWidget) -> tuple[str, str]:
    steps: list[str] = []
    current = widget
    parent = current.parentWidget()
    while not _own_name(current) and parent is not None:
        steps.append(_step(current))
        current, parent = parent, parent.parentWidget()
    return object_path(current), "/".join(reversed(steps))


def _address(widget: QWidget) -> int:
    # The C++ object's address: Python's id() of a wrapper handed out by Qt is not stable.
    return int(shiboken6.getCppPointer(widget)[0])


def window_of(widget: QWidget) -> int:
    return _address(widget.window())


@dataclass(frozen=True)
class Scope:
    """The windows a replay (or a replay's recorder) works in: all but those that existed
    before it started (a test's own window, the replay viewer).

    Each replay holds its own scope, never a module-wide one: addresses are reused, so a set
    left over from an earlier replay in the same process would hide a later window that got
    one of its addresses (its recorder would observe nothing of it). For the same reason a
    window that was there at the start and is deleted during the replay (a test's closed
    dialog, deleted later) no longer counts: the replay's own dialog may be given its
    address, and was once hidden so (a replay "diverged", its report dialog not shown)."""

    outside: frozenset[int] = frozenset()
    # Addresses of `outside` windows deleted since: free for the replay's own windows.
    gone: set[int] = field(default_factory=set, compare=False)

    @classmethod
    def after_existing_windows(cls) -> Scope:
        windows = QApplication.topLevelWidgets()
        scope = cls(frozenset(_address(w) for w in windows))
        for window in windows:
            address = _address(window)
            window.destroyed.connect(lambda *_, gone=address: scope.gone.add(gone))
        return scope

    def _outside(self, address: int) -> bool:
        return address in self.outside and address not in self.gone

    def windows(self) -> list[QWidget]:
        """The visible windows in scope."""
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not self._outside(_address(w))
        ]

    def holds(self, widget: QWidget) -> bool:
        return not self._outside(window_of(widget))

    def resolve(self, path: str, sub: str = "") -> QWidget | None:
        """The widget for (path, sub), a visible one first: a closed dialog that was not yet
        deleted can share its path with the one on screen."""
        hidden: QWidget | None = None
        for window in self.windows():
            for widget in [window, *descendants(window, QWidget)]:
                if _own_name(widget) and object_path(widget) == path:
                    found = _descend(widget, sub)
                    if found is not None and found.isVisible():
                        return found
                    hidden = hidden or found
        return hidden

    def known_paths(self) -> list[str]:
        return sorted(
            {
                object_path(w)
                for window in self.windows()
                for w in [window, *descendants(window, QWidget)]
                if _own_name(w)
            }
        )


EVERYWHERE = Scope()  # the app's own recorder, in the app's own process


def _descend(widget: QWidget, sub: str) -> QWidget | None:
    current: QWidget | None = widget
    for step in [s for s in sub.split("/") if s]:
        if current is None:
            return None
        children = direct_children(current, QWidget)
        if "#" in step:
            class_name, _, index = step.partition("#")
            matches = [c for c in children if type(c).__name__ == class_name and not c.objectName()]
            current = matches[int(index)] if int(index) < len(matches) else None
        else:
            current = next((c for c in children if c.objectName() == step), None)
    return current
