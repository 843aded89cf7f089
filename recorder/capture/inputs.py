"""Input capture: the user's mouse, keys and popup choices, as the inputs a replay drives.

Each key or mouse event is recorded once, at the widget that first receives it (Qt then offers
it to the parents if the child ignores it): a mouse event at the deepest widget under the
cursor, a key event at the focus widget. Popups (combo lists, menus) are recorded by what was
chosen, not by pixels. Typing into a password field, a sensitive field or the bug report's
note is recorded as one `text_entered` event (recorder/capture/entered.py), not key by key.

`InputCapture` only decides what an event means; the Recorder (recorder/capture/record.py)
numbers and stores it, and guards every call here so that a failure costs one event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QMenu,
    QMenuBar,
    QWidget,
)

from recorder.capture.entered import entered, kept_whole, passes_through
from recorder.capture.schema import UiEvent
from recorder.capture.widget_paths import descendants, object_path


class Recorder(Protocol):
    """What the capture asks of the Recorder that owns it (recorder/capture/record.py), named
    here so that the two modules do not import each other."""

    def record(self, kind: str, widget: QWidget, data: dict[str, Any]) -> UiEvent | None: ...
    def look_if_changed(self) -> None: ...
    def reserve_menu_choice(self) -> None: ...
    def menu_chosen(self, target: str, data: dict[str, Any]) -> None: ...
    def guarded(self, work: Callable[[], object]) -> None: ...


E = QEvent.Type
MOUSE = {
    E.MouseButtonPress: "mouse_press",
    E.MouseButtonRelease: "mouse_release",
    E.MouseButtonDblClick: "mouse_dblclick",
    E.MouseMove: "mouse_move",
}
KEYS = {E.KeyPress: "key_press", E.KeyRelease: "key_release"}
WINDOW = {E.Resize: "resize", E.Move: "move", E.Close: "close"}
WATCHED = frozenset(
    [*MOUSE, *KEYS, *WINDOW, E.Wheel, E.FocusIn, E.Show, E.Hide, E.ShortcutOverride, E.ContextMenu]
)
# The Qt events by which an input reaches a widget (a key press first as ShortcutOverride).
INPUT_EVENTS = frozenset([*MOUSE, *KEYS, E.Wheel, E.ContextMenu, E.ShortcutOverride])
INPUT_KINDS = frozenset(
    [*MOUSE.values(), *KEYS.values(), "wheel", "combo_select", "menu_action", "context_menu"]
) | {"text_entered"}


def _in_popup(widget: QWidget) -> bool:
    """Inside a combo box's list or a file dialog: recorded by the choice made (the index, the
    chosen path as an input value), not by the pixels clicked inside."""
    window = widget.window()
    if isinstance(window, QFileDialog):
        return True
    return window.windowType() == Qt.WindowType.Popup and not isinstance(window, QMenu)


class InputCapture:
    """Turns the Qt events the Recorder's filter lets through into recorded inputs."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder
        # The last input seen and where: Qt offers an ignored event to the parents next, and
        # those offers must not be recorded again.
        self._last_input: tuple[Any, ...] = ()
        self._last_receiver: QWidget | None = None
        self._override: tuple[QWidget, tuple[Any, ...]] | None = None
        self._menu_input = False  # the last input went to an open menu
        self._menu_keys: set[int] = set()  # keys pressed in a menu, whose release is not kept
        # Typed into, not yet written as one entry (recorder/capture/entered.py).
        self._entering: list[QWidget] = []

    def input_recorded(self) -> None:
        """An input was recorded, so the last one did not go to an open menu."""
        self._menu_input = False

    def _propagated(self, widget: QWidget, signature: tuple[Any, ...]) -> bool:
        """True when this is the event just recorded, now offered to an ancestor."""
        last = self._last_receiver
        if last is not None and not shiboken6.isValid(last):
            last = self._last_receiver = None  # deleted since (a closed dialog's button)
        # A strict ancestor: the same widget getting an equal event again is a new input
        # (two wheel notches synthesized with the same timestamp, say), not a propagation.
        if (
            signature == self._last_input
            and last is not None
            and widget is not last
            and widget.isAncestorOf(last)
        ):
            return True
        self._last_input, self._last_receiver = signature, widget
        return False

    def capture(self, obj: QWidget, kind: QEvent.Type, event: QEvent) -> None:
        keys = kind in KEYS or kind == E.ShortcutOverride
        if keys and (
            isinstance(obj, (QMenu, QMenuBar))
            or isinstance(QApplication.activePopupWidget(), QMenu)
        ):
            # Keys in an open menu only navigate it (Left and Right even reach the menu bar
            # and the window, no ancestors of the popup): the choice is recorded instead, as
            # the action triggered.
            self._menu_input = True
            if kind != E.KeyRelease:
                self._menu_keys.add(event.key())  # type: ignore[attr-defined]
            return
        if kind == E.KeyRelease and event.key() in self._menu_keys:  # type: ignore[attr-defined]
            # The release of a key whose press went to a menu, landing where the menu was
            # (Return that chose a context menu item): its press was not recorded either.
            # Noted as the last input, so its offers to the parents are not recorded either.
            self._menu_keys.discard(event.key())  # type: ignore[attr-defined]
            key_event: QKeyEvent = event  # type: ignore[assignment]
            self._last_input = (
                E.KeyRelease,
                key_event.key(),
                key_event.text(),
                key_event.modifiers(),
                key_event.timestamp(),
            )
            self._last_receiver = obj
            return
        if kind == E.Hide:
            if isinstance(obj, QMenu):
                self._menu_closing(obj)
            return
        if kind in MOUSE:
            self._mouse(obj, event)  # type: ignore[arg-type]
        elif kind in KEYS or kind == E.ShortcutOverride:
            self._key(obj, event)  # type: ignore[arg-type]
        elif kind == E.Wheel:
            self._wheel(obj, event)  # type: ignore[arg-type]
        elif kind == E.FocusIn:
            if not _in_popup(obj) and obj is QApplication.focusWidget():
                self._recorder.record("focus_in", obj, {})
        elif kind == E.ContextMenu:
            self._context_menu(obj, event)  # type: ignore[arg-type]
        elif kind == E.Show:
            self._hook(obj)
        elif obj.isWindow() and not _in_popup(obj) and not isinstance(obj, QMenu):
            self._window(obj, kind)

    def _mouse(self, widget: QWidget, event: QMouseEvent) -> None:
        if event.type() == E.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            return
        pos = event.position().toPoint()
        glob = event.globalPosition().toPoint()
        signature = (event.type(), glob.x(), glob.y(), event.button(), event.timestamp())
        if self._propagated(widget, signature) or _in_popup(widget):
            return
        if isinstance(widget, QMenu):
            # Pixels inside a menu mean nothing at replay; the release of the click that opened
            # a context menu even lands on it, over an item it does not choose.
            self._menu_input = True
            return
        data: dict[str, Any] = {
            # Replay waits for the same state: a click on a button that was still disabled
            # (say, while a background job ran) must hit a disabled button again.
            "enabled": widget.isEnabled(),
            "x": pos.x(),
            "y": pos.y(),
            "button": event.button().value,
            "buttons": event.buttons().value,
            "modifiers": event.modifiers().value,
        }
        view = widget.parentWidget()
        if isinstance(view, QAbstractItemView) and widget is view.viewport():
            index = view.indexAt(pos)
            if index.isValid():
                key = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
                data["item"] = {
                    "row": index.row(),
                    "column": index.column(),
                    "key": key if isinstance(key, str) else None,
                }
        self._recorder.record(MOUSE[event.type()], widget, data)

    def _key(self, widget: QWidget, event: QKeyEvent) -> None:
        # Qt offers each key press as a ShortcutOverride first; when a shortcut takes it (say
        # Ctrl+Enter), no KeyPress follows. So presses are recorded at the override, and the
        # KeyPress that usually follows it is recognised and skipped.
        text = event.text()
        override = event.type() == E.ShortcutOverride
        signature = (
            E.KeyPress if override else event.type(),
            event.key(),
            text,
            event.modifiers(),
            event.timestamp(),
        )
        if override:
            if self._propagated(widget, signature) or _in_popup(widget):
                return
            self._override = (widget, signature)
        elif event.type() == E.KeyPress and self._override == (widget, signature):
            self._override = None
            return
        elif self._propagated(widget, signature) or _in_popup(widget):
            return
        if kept_whole(widget) and not passes_through(event):
            if widget not in self._entering:
                # What was shown before the typing, filed under the entry's number to come.
                self._recorder.look_if_changed()
                self._entering.append(widget)  # written as one text_entered, before the next
            return
        data = {
            "key": event.key(),
            "modifiers": event.modifiers().value,
            "text": text,
            "autorepeat": event.isAutoRepeat(),
        }
        self._recorder.record("key_press" if override else KEYS[event.type()], widget, data)

    def write_entries(self) -> None:
        """What was typed into whole-text fields, as one event each, before the next event."""
        if not self._entering:  # nearly always: this runs before every recorded event
            return
        entering, self._entering = self._entering, []
        for widget in entering:
            if shiboken6.isValid(widget):
                self._recorder.record("text_entered", widget, entered(widget))

    def _wheel(self, widget: QWidget, event: QWheelEvent) -> None:
        pos = event.position().toPoint()
        glob = event.globalPosition().toPoint()
        delta = event.angleDelta()
        # By global position: a spin box's line edit and the spin box itself see the same wheel
        # turn at different local positions.
        signature = (event.type(), glob.x(), glob.y(), delta.y(), event.timestamp())
        if self._propagated(widget, signature) or _in_popup(widget):
            return
        self._recorder.record(
            "wheel",
            widget,
            {
                "x": pos.x(),
                "y": pos.y(),
                "dx": delta.x(),
                "dy": delta.y(),
                "modifiers": event.modifiers().value,
            },
        )

    def _window(self, window: QWidget, kind: QEvent.Type) -> None:
        if kind == E.Resize:
            self._recorder.record("resize", window, {"w": window.width(), "h": window.height()})
        elif kind == E.Move:
            self._recorder.record("move", window, {"x": window.x(), "y": window.y()})
        elif kind == E.Close:
            self._recorder.record("close", window, {})

    def _context_menu(self, widget: QWidget, event: QContextMenuEvent) -> None:
        """A context menu asked for, by a right click or by the keyboard: replay asks again,
        and the menu the widget builds then offers the same actions."""
        glob = event.globalPos()
        signature = (E.ContextMenu, glob.x(), glob.y(), int(event.reason().value))
        if self._propagated(widget, signature) or _in_popup(widget):
            return
        pos = event.pos()
        reason = event.reason().value
        data = {"x": pos.x(), "y": pos.y(), "reason": reason}
        self._recorder.record("context_menu", widget, data)

    def _menu_closing(self, menu: QMenu) -> None:
        """A menu hides just before its chosen action runs: the choice is numbered now."""
        if self._menu_input and menu.activeAction() is not None:
            self._recorder.reserve_menu_choice()

    def _menu_triggered(self, menu: QMenu, action: QAction) -> None:
        """A menu item chosen in an open menu, by mouse or keys; not one run by its shortcut
        (that key is recorded where it was typed)."""
        if not self._menu_input or not action.objectName():
            return
        self._menu_input = False  # a submenu's choice reaches its parent menus too: once
        owner = menu.parentWidget()
        while isinstance(owner, (QMenu, QMenuBar)):
            owner = owner.parentWidget()
        target = object_path(owner) if owner is not None else ""
        self._recorder.menu_chosen(target, {"action": action.objectName()})

    def _hook(self, widget: QWidget) -> None:
        """Listen to what dialogs and combo boxes decide, once per widget (a dynamic property
        marks it: ids of deleted widgets are reused)."""
        answered = isinstance(widget, QFileDialog)  # its answer is recorded as an input value
        if isinstance(widget, QDialog) and not answered and not widget.property("_recorded"):
            widget.setProperty("_recorded", True)
            widget.finished.connect(
                lambda result, w=widget: self._from_signal(
                    "dialog_finished", w, lambda: {"result": result}
                )
            )
        if isinstance(widget, QMenu) and not widget.property("_recorded"):
            widget.setProperty("_recorded", True)
            widget.triggered.connect(
                lambda action, m=widget: self._recorder.guarded(
                    lambda: self._menu_triggered(m, action)
                )
            )
        # Each widget gets a Show of its own when it becomes visible (its window or page shown),
        # so a combo box is hooked at its own; a window's walk is only a safety net. Walking
        # below every widget shown cost a page switch a walk per widget of the page.
        combos = descendants(widget, QComboBox) if widget.isWindow() else []
        for combo in [widget, *combos] if isinstance(widget, QComboBox) else combos:
            if not combo.property("_recorded"):
                combo.setProperty("_recorded", True)
                combo.activated.connect(
                    lambda index, c=combo: self._from_signal(
                        "combo_select", c, lambda: {"index": index, "text": c.itemText(index)}
                    )
                )

    def _from_signal(self, kind: str, widget: QWidget, data: Callable[[], dict[str, Any]]) -> None:
        """Record what a signal reported, with the same guard as the event filter."""
        if shiboken6.isValid(widget):
            self._recorder.guarded(lambda: self._recorder.record(kind, widget, data()))
