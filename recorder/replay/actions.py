"""Applying one recorded UI event to the live widgets as real Qt input.

`apply` returns READY when it drove the widget, WAIT when the target is not there yet (not
created, hidden or disabled: the caller retries until a timeout, as Squish's waitForObject
does), or SKIPPED for events that are consequences rather than input (a dialog that closed
itself, a window move, a release over a widget that is already gone).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeGuard

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QMenu, QWidget

from recorder.capture.entered import STAND_INS
from recorder.capture.schema import UiEvent
from recorder.capture.targets import Scope, describe
from recorder.capture.widget_paths import descendants


class Outcome(Enum):
    READY = "ready"
    WAIT = "wait"
    SKIPPED = "skipped"


CONSEQUENCES = frozenset({"move", "close", "dialog_finished"})
RELEASES = frozenset({"mouse_release", "key_release"})
MASKED_STAND_IN = "x"  # typed for each masked key: same length, never the real password


# Inputs that land at a point of the widget: they need it where the user's pointer found it.
POSITIONED = frozenset({"mouse_press", "mouse_release", "mouse_dblclick", "wheel", "context_menu"})


def _usable(widget: QWidget | None, event: UiEvent) -> bool:
    """As the user found it: enabled unless recorded otherwise; laid out for a pointer input."""
    return usable(widget, bool(event.data.get("enabled", True)), event.kind in POSITIONED)


def usable(
    widget: QWidget | None, enabled: bool = True, positioned: bool = True
) -> TypeGuard[QWidget]:
    """Visible, as enabled as wanted and, for input that lands at a point, laid out: what a
    replay and a generated test wait for before they drive a widget."""
    if widget is None or not widget.isVisible():
        return False
    if positioned and not laid_out(widget):
        return False
    return widget.isEnabled() == enabled


def laid_out(widget: QWidget) -> bool:
    """Whether the widget has its place on screen yet.

    On X a window's size is the window manager's answer to the app's request. A dialog that
    had just opened was seen still at 100x30, smaller than its own minimum, with its children
    squeezed into that: its mode switch was 78x0, and a press there hit nothing. On a loaded
    machine that moment lasts (4 of 100 replays of bug-enter-after-switch clicked into it and
    diverged). No user ever clicked a widget of no size.
    """
    if widget.width() <= 0 or widget.height() <= 0:
        return False
    window = widget.window()
    screen = window.screen()
    return window_sized(window.size(), window.minimumSize(), screen.availableGeometry().size())


def window_sized(size: QSize, minimum: QSize, screen: QSize) -> bool:
    """A window is sized once it is at least its minimum; a minimum larger than the screen
    the window manager may never grant, so such a window is taken as it is."""
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        return True
    return size.width() >= minimum.width() and size.height() >= minimum.height()


def target_of(event: UiEvent, scope: Scope) -> QWidget | None:
    if event.kind == "menu_action":
        return scope.resolve(event.target)
    return scope.resolve(event.target, event.sub)


def apply(event: UiEvent, scope: Scope) -> Outcome:
    kind = event.kind
    if kind in CONSEQUENCES or (kind == "resize" and "/" in event.target):
        return Outcome.SKIPPED  # dialogs size and close themselves; only the user's window
    if kind == "menu_action":
        return _menu(event, scope)
    widget = target_of(event, scope)
    if not _usable(widget, event):
        if kind == "focus_in" and widget is not None and not widget.isEnabled():
            # Focus passing through: removing a cart's last line moves focus on to Check out
            # in the moment before the refresh turns it off, and on again. The recorder saw
            # that moment; a replay may refresh first. The next focus_in says where it went.
            return Outcome.SKIPPED
        if kind in RELEASES or kind == "focus_in":
            return Outcome.SKIPPED if widget is None or not widget.isVisible() else Outcome.WAIT
        return Outcome.WAIT
    assert widget is not None
    if kind.startswith("mouse_"):
        _mouse(widget, event)
    elif kind.startswith("key_"):
        _key(widget, event)
    elif kind == "wheel":
        _wheel(widget, event)
    elif kind == "focus_in":
        # Focus implies the window was active: window shortcuts (Ctrl+Enter) depend on it.
        widget.activateWindow()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    elif kind == "resize":
        widget.resize(event.data["w"], event.data["h"])
    elif kind == "combo_select":
        _combo(widget, event)
    elif kind == "context_menu":
        _context_menu(widget, event)
    elif kind == "text_entered":
        _enter(widget, event)
    return Outcome.READY


def activate_for(event: UiEvent, scope: Scope) -> bool:
    """Ask for the event's window to be the active one; True while it is not yet.

    A key can run a shortcut (Ctrl+L) only in the active window, and on a real display the
    window manager activates a window when it gets to it, not when asked.
    """
    # Only a key that can be a shortcut (Ctrl, Alt or Meta held) needs the window active:
    # plain typing goes to the widget it is sent to either way.
    held = Qt.KeyboardModifier(event.data.get("modifiers", 0)) & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    if event.kind != "key_press" or not held:
        return False
    widget = target_of(event, scope)
    if widget is None or not widget.isVisible():
        return False
    window = widget.window()
    if QApplication.activeWindow() is window:
        return False
    window.activateWindow()
    return True


def focus_elsewhere(event: UiEvent, scope: Scope) -> str | None:
    """The path of the focus widget when it is not the event's target, in the same window
    (a window that is not active yet has no say on focus, so it is not judged)."""
    target = target_of(event, scope)
    focus = QApplication.focusWidget()
    if target is None or focus is None or focus.window() is not target.window():
        return None
    if focus is target:
        return None
    path, sub = describe(focus)
    return f"{path} [{sub}]" if sub else path


def point_for(widget: QWidget, event: UiEvent) -> QPoint:
    """Where to click: the recorded item wherever it is drawn now, else the recorded point
    kept inside the widget (it may be smaller than when recorded)."""
    item = event.data.get("item")
    view = widget.parentWidget()
    if item and isinstance(view, QAbstractItemView) and widget is view.viewport():
        model = view.model()
        row = item["row"]
        if item.get("key") is not None:
            for r in range(model.rowCount()):
                if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == item["key"]:
                    row = r
                    break
        index = model.index(row, item["column"])
        view.scrollTo(index)
        return view.visualRect(index).center()
    x = min(max(int(event.data.get("x", 0)), 0), max(widget.width() - 1, 0))
    y = min(max(int(event.data.get("y", 0)), 0), max(widget.height() - 1, 0))
    return QPoint(x, y)


def _mouse(widget: QWidget, event: UiEvent) -> None:
    pos = point_for(widget, event)
    button = Qt.MouseButton(event.data.get("button", 1) or 1)
    modifiers = Qt.KeyboardModifier(event.data.get("modifiers", 0))
    if button == Qt.MouseButton.RightButton and event.kind != "mouse_move":
        # Sent straight to the widget: through the window system (QTest) a right press would
        # open the context menu a second time; the recorded context_menu step opens it.
        _send_mouse(widget, event, pos, button, modifiers)
        return
    if event.kind == "mouse_press":
        QTest.mousePress(widget, button, modifiers, pos)
    elif event.kind == "mouse_release":
        QTest.mouseRelease(widget, button, modifiers, pos)
    elif event.kind == "mouse_dblclick":
        QTest.mouseDClick(widget, button, modifiers, pos)
    else:
        QTest.mouseMove(widget, pos)


TYPING = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def _key(widget: QWidget, event: UiEvent) -> None:
    press = event.kind == "key_press"
    if event.data.get("masked"):
        key, text = Qt.Key.Key_X.value, MASKED_STAND_IN
        modifiers = Qt.KeyboardModifier.NoModifier
    else:
        key, text = event.data["key"], event.data.get("text", "")
        modifiers = Qt.KeyboardModifier(event.data.get("modifiers", 0))
    # One key event as the window system delivers it: spontaneous, offered to shortcuts
    # first, with the recorded text exactly. Not QTest.keyPress: it presses the modifier
    # keys again around the key, and they were recorded (and are replayed) on their own.
    QTest.simulateEvent(widget, press, key, modifiers, text, bool(event.data.get("autorepeat")))


def _enter(widget: QWidget, event: UiEvent) -> None:
    """Type what was entered over whatever the field holds (a stand-in for a masked one), as
    keys, so the app sees an edit and the replay's recorder records the same entry."""
    if event.data.get("masked"):
        content = STAND_INS.get(event.data.get("fill", "long"), STAND_INS["long"])
    else:
        content = str(event.data.get("text", ""))
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
    if content:
        QTest.keyClicks(widget, content)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Backspace)


def _wheel(widget: QWidget, event: UiEvent) -> None:
    """One wheel notch at the recorded point. Qt hands a synthesized wheel event to its
    receiver only; a real one goes on to the parents while it is ignored (a spin box's line
    edit passes it to the spin box), so this walks the parents the same way."""
    pos = point_for(widget, event)
    current = widget
    while True:
        wheel = _wheel_event(current, pos, event.data)
        QApplication.sendEvent(current, wheel)
        parent = current.parentWidget()
        if wheel.isAccepted() or current.isWindow() or parent is None:
            return
        pos, current = current.mapTo(parent, pos), parent


def _wheel_event(widget: QWidget, pos: QPoint, data: dict[str, Any]) -> QWheelEvent:
    return QWheelEvent(
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        QPoint(),
        QPoint(data["dx"], data["dy"]),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier(data.get("modifiers", 0)),
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def _combo(widget: QWidget, event: UiEvent) -> None:
    if isinstance(widget, QComboBox):
        widget.hidePopup()
        index = event.data["index"]
        found = widget.findText(event.data.get("text", ""))
        index = found if found >= 0 else index
        widget.setCurrentIndex(index)
        widget.activated.emit(index)


def _menu(event: UiEvent, scope: Scope) -> Outcome:
    """Trigger the recorded action: in the open popup first (a context menu's actions are
    made with it), else the app's own action of that name, then close what is still open."""
    name = event.data.get("action")
    popup = QApplication.activePopupWidget()
    candidates = [*(descendants(popup, QAction) if popup is not None else [])]
    # Only the replayed app's windows: another window's action of the same name (a test's or
    # a finished session's window still alive in this process) would act on another shop.
    candidates += [a for w in scope.windows() for a in descendants(w, QAction)]
    action = next((a for a in candidates if a.objectName() == name and a.isEnabled()), None)
    if action is None:
        return Outcome.WAIT
    menu = next((m for m in action.associatedObjects() if isinstance(m, QMenu)), None)
    if menu is None:
        action.trigger()
    else:
        _click_in_menu(menu, action)
    _close_popups()  # whatever a recorded click or context_menu step left open
    return Outcome.READY


def _click_in_menu(menu: QMenu, action: QAction) -> None:
    """Choose the item as a user does, with a click in its open menu: the app (and its
    recorder, which replays run too) sees the choice exactly as it did when recorded."""
    if not menu.isVisible():
        _close_popups()  # the keys that led to another menu were not recorded: open this one
        owner = menu.parentWidget()
        anchor = owner.mapToGlobal(owner.rect().topLeft()) if owner else QPoint(0, 0)
        menu.popup(anchor)
    QTest.mouseClick(
        menu,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        menu.actionGeometry(action).center(),
    )


def _close_popups() -> None:
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        popup = QApplication.activePopupWidget()


def _context_menu(widget: QWidget, event: UiEvent) -> None:
    pos = point_for(widget, event)
    reason = QContextMenuEvent.Reason(event.data.get("reason", 0))
    request = QContextMenuEvent(reason, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, request)


def _send_mouse(
    widget: QWidget,
    event: UiEvent,
    pos: QPoint,
    button: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier,
) -> None:
    kind = {
        "mouse_press": QEvent.Type.MouseButtonPress,
        "mouse_release": QEvent.Type.MouseButtonRelease,
        "mouse_dblclick": QEvent.Type.MouseButtonDblClick,
    }[event.kind]
    buttons = Qt.MouseButton(event.data.get("buttons", button.value))
    local = QPointF(pos)
    glob = QPointF(widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, QMouseEvent(kind, local, glob, button, buttons, modifiers))
