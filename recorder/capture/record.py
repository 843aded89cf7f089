"""Capture: an application-wide event filter that turns user input into UiEvent records.

Each key or mouse event is recorded once, at the widget that first receives it (Qt then offers
it to the parents if the child ignores it): a mouse event at the deepest widget under the
cursor, a key event at the focus widget. Popups (combo lists, menus) are recorded by what was
chosen, not by pixels. Typing into a password field, a sensitive field or the bug report's
note is recorded as one `text_entered` event (recorder/capture/entered.py), not key by key.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections import Counter
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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

from domain.writeside.bus import CommandReport
from recorder.capture.entered import entered, is_masked, kept_whole, passes_through
from recorder.capture.observation import Observation, delta
from recorder.capture.observe import observe
from recorder.capture.sink import SqliteSink
from recorder.capture.targets import EVERYWHERE, Scope, describe
from recorder.capture.virtual_time import JOB_DONE, TIMER, timer_path
from recorder.capture.widget_paths import descendants, object_path
from recorder.fileformat.schema import UiEvent

log = logging.getLogger("replayshop.recorder")

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
INPUT_KINDS = frozenset(
    [*MOUSE.values(), *KEYS.values(), "wheel", "combo_select", "menu_action", "context_menu"]
) | {"text_entered"}
# What the app did by itself between two inputs, at a time that depends on the user's pace: a
# named app timer that fired, a background job that finished. Replay waits for each of these
# before the next input, so the order of timers and input is the user's at any speed.
ACTIVITY_KINDS = frozenset({TIMER, JOB_DONE})
# Events after which the screen may show something else: the next input first observes it.
DIRTYING = frozenset(
    {"mouse_release", "mouse_dblclick", "combo_select", "menu_action", "context_menu", "wheel"}
    | {"dialog_finished", "resize", *ACTIVITY_KINDS}
)
DIRTYING_KEYS = frozenset(
    k.value for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab)
)


def _in_popup(widget: QWidget) -> bool:
    """Inside a combo box's list or a file dialog: recorded by the choice made (the index, the
    chosen path as an input value), not by the pixels clicked inside."""
    window = widget.window()
    if isinstance(window, QFileDialog):
        return True
    return window.windowType() == Qt.WindowType.Popup and not isinstance(window, QMenu)


class Recorder(QObject):
    def __init__(self, sink: SqliteSink, session_id: str) -> None:
        super().__init__()
        self.sink = sink
        self.session_id = session_id
        self.enabled = True
        self.seq = 0
        self.current_seq = 0  # the interaction being handled
        self.exceptions = 0
        self._commands = 0  # commands noted so far (ui_commands.n)
        self.scope = EVERYWHERE  # the windows whose input and screens are recorded
        self._values: Counter[str] = Counter()
        self._t0 = time.monotonic()
        # The last input seen and where: Qt offers an ignored event to the parents next, and
        # those offers must not be recorded again.
        self._last_input: tuple[Any, ...] = ()
        self._last_receiver: QWidget | None = None
        self._override: tuple[QWidget, tuple[Any, ...]] | None = None
        self.activity_listeners: list[Callable[[str, str], None]] = []  # (kind, target)
        self._menu_input = False  # the last input went to an open menu
        self._menu_keys: set[int] = set()  # keys pressed in a menu, whose release is not kept
        self._observed: Observation = {}  # the last observation stored
        self._dirty = True  # something may have changed on screen since then
        # During a replay: the recorded step an observation belongs to (recorder seqs differ).
        self.anchor_for: Callable[[int], int] | None = None
        self.observation_listeners: list[Callable[[int, Observation], None]] = []
        self._reserved: tuple[int, int] | None = None  # (seq, t_ms) of a menu choice under way
        self.skipped = 0  # events lost to a failure inside the recorder (logged, never raised)
        self._failures_logged: set[tuple[Any, ...]] = set()
        self._entering: list[
            QWidget
        ] = []  # typed into, not yet written (recorder/capture/entered.py)

    # --- what the rest of the app calls -----------------------------------------------------

    def install(self, app: QApplication, scope: Scope = EVERYWHERE) -> None:
        """`scope`, for a replay's recorder: the replay's own windows. Input on the windows
        that existed before the replayed app's (the viewer, a test's window) is the
        developer's, and what they show is not the user's screen."""
        self.scope = scope
        app.installEventFilter(self)

    def context(self) -> Mapping[str, Any]:
        """Metadata for the command bus: which interaction and session caused a command."""
        correlation = f"ui-{self.current_seq}" if self.current_seq else None
        return {"correlation_id": correlation, "session": self.session_id}

    def note_value(self, kind: str, value: str) -> None:
        n = self._values[kind]
        self._values[kind] += 1
        self.sink.value(kind, n, value)

    def note_account(self, account_id: str, role: str) -> None:
        """Someone signed in: what a report of this session may hold depends on who."""
        self.sink.account(account_id, role)

    def on_command(self, report: CommandReport) -> None:
        self.sink.streams(report.loaded_streams)
        correlation = str(report.context.get("correlation_id") or "")
        ui_seq = int(correlation[3:]) if correlation.startswith("ui-") else 0
        self.sink.command(self._commands, ui_seq, report.command, report.refused_as or "")
        self._commands += 1
        self._dirty = True  # the screens refreshed: what the user sees next is worth keeping
        self.sink.flush()

    # --- what the user saw ------------------------------------------------------------------

    def observe(self, anchor: int) -> Observation:
        """Store what the app's windows show now, as seen before UI event `anchor`."""
        seen = observe(self.scope.windows(), is_masked)
        self.sink.observation(anchor, json.dumps(delta(self._observed, seen)))
        self._observed, self._dirty = seen, False
        for listener in list(self.observation_listeners):
            listener(anchor, seen)
        return seen

    def look_before_next_input(self) -> None:
        """Observe before the next input whatever changed or not: a replay looks where the
        user's recorder looked, so the two are compared at the same moments (typing alone
        does not make the recorder look, and the two need not have typed alike by then)."""
        self._dirty = True

    def observe_end(self) -> None:
        """The last thing the user saw, when the session ends with windows still open."""
        self._write_entries()
        if self.enabled and self._dirty and self.scope.windows():
            self._guarded(lambda: self.observe(self._anchor(self.seq + 1)))

    def _anchor(self, seq: int) -> int:
        return self.anchor_for(seq) if self.anchor_for is not None else seq

    def _observe_if_changed(self, kind: str) -> None:
        # Only before an input: an input is replayed as one step, so a replay files what it
        # sees then under the same step (a window closing is a consequence, inside a step).
        if self._dirty and kind in INPUT_KINDS:
            self.observe(self._anchor(self.seq + 1))

    def record_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        self.exceptions += 1
        text = "".join(traceback.format_exception(kind, error, tb))
        self.sink.exception(self.exceptions, self.current_seq, kind.__name__, str(error), text)
        self.sink.flush(wait=True)  # the app may not survive what comes next

    def close(self) -> None:
        self.observe_end()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.sink.close()

    # --- capture ----------------------------------------------------------------------------

    def note_activity(self, kind: str, target: str) -> None:
        """Something the app did by itself (ACTIVITY_KINDS); called on the GUI thread."""
        if self.enabled:
            self._emit(kind, target, "", {})
            self._dirty = True
        for listener in list(self.activity_listeners):
            listener(kind, target)

    def record(self, kind: str, widget: QWidget, data: dict[str, Any]) -> UiEvent | None:
        target, sub = describe(widget)
        if not target:
            return None  # an unnamed window (such as a tooltip) is nothing a user drives
        return self._emit(kind, target, sub, data)

    def _emit(self, kind: str, target: str, sub: str, data: dict[str, Any]) -> UiEvent:
        self._write_entries()
        self._observe_if_changed(kind)
        if kind in DIRTYING or (kind == "key_press" and data.get("key") in DIRTYING_KEYS):
            self._dirty = True  # it may change what is shown: observe before the next input
        self.seq += 1
        if kind in INPUT_KINDS:
            self.current_seq = self.seq
            self._menu_input = False
            self._reserved = None  # a menu closed without a choice: its number stays unused
        event = UiEvent(self.seq, self._now_ms(), kind, target, sub, data)
        self.sink.event(event)
        return event

    def _now_ms(self) -> int:
        return int((time.monotonic() - self._t0) * 1000)

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

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == E.Timer and isinstance(obj, QTimer):
            self._timer(obj)
            return False
        if kind not in WATCHED or not self.enabled or not isinstance(obj, QWidget):
            return False
        # A widget being destroyed still gets events (focus moves away from it, its window
        # closes) while its Python wrapper is already invalid: touching it would raise.
        if not shiboken6.isValid(obj) or (self.scope.outside and not self.scope.holds(obj)):
            return False
        try:
            self._capture(obj, kind, event)
        except Exception as error:
            # The recorder must never break the app it watches: an exception escaping an event
            # filter goes to the app's error dialog, whose own events come back here. One
            # event is skipped, and each kind of failure is logged once.
            self.skipped += 1
            self._log_failure(kind, error)
        return False

    def _log_failure(self, kind: QEvent.Type, error: Exception) -> None:
        where = traceback.extract_tb(error.__traceback__)[-1:]
        signature = (type(error).__name__, tuple((f.filename, f.lineno) for f in where))
        if signature not in self._failures_logged:
            self._failures_logged.add(signature)
            log.warning(
                "recorder skipped a %s event after %s: %s (logged once)\n%s",
                kind.name,
                type(error).__name__,
                error,
                "".join(traceback.format_exception(error)),
            )

    def _capture(self, obj: QWidget, kind: QEvent.Type, event: QEvent) -> None:
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
                self.record("focus_in", obj, {})
        elif kind == E.ContextMenu:
            self._context_menu(obj, event)  # type: ignore[arg-type]
        elif kind == E.Show:
            self._hook(obj)
        elif obj.isWindow() and not _in_popup(obj) and not isinstance(obj, QMenu):
            self._window(obj, kind)

    def _timer(self, timer: QTimer) -> None:
        """An app timer fired: only named ones (the app's own, such as a search debounce)."""
        name = timer.objectName()
        if not name or name.startswith("qt_") or not shiboken6.isValid(timer):
            return
        try:
            self.note_activity(TIMER, timer_path(timer))
        except Exception as error:
            self.skipped += 1
            self._log_failure(E.Timer, error)

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
        self.record(MOUSE[event.type()], widget, data)

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
                self._observe_if_changed("text_entered")
                self._entering.append(widget)  # written as one text_entered, before the next
            return
        data = {
            "key": event.key(),
            "modifiers": event.modifiers().value,
            "text": text,
            "autorepeat": event.isAutoRepeat(),
        }
        self.record("key_press" if override else KEYS[event.type()], widget, data)

    def _write_entries(self) -> None:
        """What was typed into whole-text fields, as one event each, before the next event."""
        if not self._entering:  # nearly always: this runs before every recorded event
            return
        entering, self._entering = self._entering, []
        for widget in entering:
            if shiboken6.isValid(widget):
                self.record("text_entered", widget, entered(widget))

    def _wheel(self, widget: QWidget, event: QWheelEvent) -> None:
        pos = event.position().toPoint()
        glob = event.globalPosition().toPoint()
        delta = event.angleDelta()
        # By global position: a spin box's line edit and the spin box itself see the same wheel
        # turn at different local positions.
        signature = (event.type(), glob.x(), glob.y(), delta.y(), event.timestamp())
        if self._propagated(widget, signature) or _in_popup(widget):
            return
        self.record(
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

    def _window(self, window: QWidget, kind: E) -> None:
        if kind == E.Resize:
            self.record("resize", window, {"w": window.width(), "h": window.height()})
        elif kind == E.Move:
            self.record("move", window, {"x": window.x(), "y": window.y()})
        elif kind == E.Close:
            self.record("close", window, {})

    def _context_menu(self, widget: QWidget, event: QContextMenuEvent) -> None:
        """A context menu asked for, by a right click or by the keyboard: replay asks again,
        and the menu the widget builds then offers the same actions."""
        glob = event.globalPos()
        signature = (E.ContextMenu, glob.x(), glob.y(), int(event.reason().value))
        if self._propagated(widget, signature) or _in_popup(widget):
            return
        pos = event.pos()
        reason = event.reason().value
        self.record("context_menu", widget, {"x": pos.x(), "y": pos.y(), "reason": reason})

    def _menu_closing(self, menu: QMenu) -> None:
        """A menu hides just before its chosen action runs: the choice's number is taken now,
        so commands the action issues carry it (QMenu.triggered comes only after them)."""
        if self._menu_input and self._reserved is None and menu.activeAction() is not None:
            self._observe_if_changed("menu_action")
            self._dirty = True
            self.seq += 1
            self.current_seq = self.seq
            self._reserved = (self.seq, self._now_ms())

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
        data = {"action": action.objectName()}
        if self._reserved is not None:
            seq, t_ms = self._reserved
            self._reserved = None
            self.sink.event(UiEvent(seq, t_ms, "menu_action", target, "", data))
        else:
            self._emit("menu_action", target, "", data)

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
                lambda action, m=widget: self._guarded(lambda: self._menu_triggered(m, action))
            )
        combos = descendants(widget, QComboBox)
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
            self._guarded(lambda: self.record(kind, widget, data()))

    def _guarded(self, work: Callable[[], object]) -> None:
        if not self.enabled:
            return
        try:
            work()
        except Exception as error:
            self.skipped += 1
            self._log_failure(E.None_, error)
