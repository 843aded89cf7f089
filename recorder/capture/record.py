"""The recorder: what the user did and saw, numbered and stored beside the domain events it
caused.

The Recorder is the application-wide event filter and the one place that numbers a session's
events. It hands the work to collaborators: `InputCapture` (recorder/capture/inputs.py) says
what a mouse, key or popup event means as an input, `Looks` (recorder/capture/looks.py)
keeps what the windows show before the inputs that followed a change, and the sink
(recorder/capture/sink.py) writes everything on a background thread. Besides the inputs it
records what the app did by itself (a named timer, a background job), the values the tape
hands out, the commands each input sent and the exceptions raised.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections import Counter
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from domain.writeside.bus import CommandReport
from recorder.capture.inputs import INPUT_EVENTS, INPUT_KINDS, WATCHED, InputCapture
from recorder.capture.looks import Looks
from recorder.capture.observation import Observation
from recorder.capture.schema import UiEvent
from recorder.capture.sink import SqliteSink
from recorder.capture.targets import EVERYWHERE, PATH_PROPERTY, Scope, describe
from recorder.capture.virtual_time import TIMER, timer_path

log = logging.getLogger("replayshop.recorder")

E = QEvent.Type

# How long nothing must have been painted before a look is held for the next input: longer
# than the gaps between the paints of one change (a page switch and its table filled), far
# shorter than a person's pause before the next input.
SETTLE_MS = 30
# The pointer moving. A window passes it on; Qt's own handlers answer it with hover, which
# changes pixels only, and those through a paint the filter sees (which drops a held look). A
# widget class of the app's that handles it itself (POINTER_HANDLERS) may do more, and makes
# the input read the texts again. A slot connected to a hover signal of Qt's widgets (entered,
# hovered, linkHovered) would be a change the filter cannot see: the app connects none.
POINTER = frozenset([E.MouseMove, E.HoverMove, E.HoverEnter, E.HoverLeave, E.Enter, E.Leave])
POINTER_HANDLERS = ("event", "mouseMoveEvent", "enterEvent", "leaveEvent")
_QTS_OWN: dict[type, bool] = {}
# What is on screen changed: a look held before is not the screen any more.
PAINTED = frozenset([E.Paint, E.UpdateRequest, E.UpdateLater])
# Held looks given up in a row before the recorder stops holding until the next event it
# records: something keeps changing the screen (an animation, a blinking cursor).
MAX_HOLDS = 20


# Recorder._commanded: a command done refreshes the screens, so a look is due. A command run
# as a background job (sign-in) reports on its worker thread, where the look's settle timer
# cannot be started ("Timers cannot be started from another thread": the look was never held,
# and the recorder's state changed under the GUI thread): the signal reaches the recorder's
# own thread queued from there, and at once from its own.


class Recorder(QObject):
    _commanded = Signal()

    def __init__(self, sink: SqliteSink, session_id: str) -> None:
        super().__init__()
        self.sink = sink
        self.session_id = session_id
        # The log's head when the session began: what a replay starts from.
        self.start_position = 0
        self.enabled = True
        self.seq = 0
        self.current_seq = 0  # the interaction being handled
        self.exceptions = 0
        self._commands = 0  # commands noted so far (ui_commands.n)
        self.scope = EVERYWHERE  # the windows whose input and screens are recorded
        self._values: Counter[str] = Counter()
        self._t0 = time.monotonic()
        self.activity_listeners: list[Callable[[str, str], None]] = []  # (kind, target)
        self._reserved: tuple[int, int] | None = None  # (seq, t_ms) of a menu choice under way
        self.skipped = 0  # events lost to a failure inside the recorder (logged, never raised)
        self._failures_logged: set[tuple[Any, ...]] = set()
        self.looks = Looks(sink, lambda: self.scope.windows())
        # Fires once the filter has seen nothing for SETTLE_MS while a look is due: the look
        # is then taken and held for the next input (Looks.hold), off the input's path.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._hold)
        self._holding = False  # inside Looks.hold: the events it causes change nothing
        self._holds = 0  # held looks given up since the last event recorded
        self.looks.hold_soon = self._hold_soon
        self._commanded.connect(self.look_before_next_input)  # (see above the class)
        # Delivers the screen refresh the app has queued after a command (set by the app):
        # see _refresh_before_input.
        self.queued_refresh: Callable[[], None] | None = None
        self._refreshing = False
        self.inputs = InputCapture(self)

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
        self._commanded.emit()
        self.sink.flush()

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
        self.looks.hold_soon = lambda: None
        self._settle.stop()
        self.sink.close()

    # --- what the user saw ------------------------------------------------------------------

    def observe(self, anchor: int) -> Observation:
        """Store what the app's windows show now, as seen before UI event `anchor`."""
        return self.looks.observe(anchor)

    def look_before_next_input(self) -> None:
        """Observe before the next input whatever changed or not: a replay looks where the
        user's recorder looked, so the two are compared at the same moments (typing alone
        does not make the recorder look, and the two need not have typed alike by then)."""
        self.looks.due = True

    def observe_end(self) -> None:
        """The last thing the user saw, when the session ends with windows still open."""
        self.inputs.write_entries()
        if self.enabled and self.looks.due and self.scope.windows():
            self.guarded(lambda: self.observe(self.looks.anchor(self.seq + 1)))

    def look_if_changed(self) -> None:
        """Before the input numbered next, when the screen may have changed since the last
        look. Only before an input: an input is replayed as one step, so a replay files what
        it sees then under the same step (a window closing is a consequence, inside a step)."""
        self.looks.before_input(self.seq + 1)

    def _hold_soon(self) -> None:
        if self._holds < MAX_HOLDS and self.enabled:
            self._settle.start()  # (re)started: it fires once the filter has been quiet

    def _hold(self) -> None:
        """The app has settled after a change: the look for the next input, held (or a held
        one's texts read again, which is cheap and not counted against MAX_HOLDS)."""
        held = self.looks.held
        if not self.enabled or not self.looks.due or (held is not None and held.sure):
            return
        self._holding = True
        try:
            self.guarded(self.looks.hold)
        finally:
            self._holding = False
        if held is None or self.looks.held is not held:
            self._holds += 1

    def _quiet(self, obj: QObject, event: QEvent) -> bool:
        """Whether `event` leaves a held look as the screen is (see Recorder.eventFilter)."""
        kind = event.type()
        if kind in POINTER:
            return _qts_own(obj)
        if kind in INPUT_EVENTS or obj is self._settle or self._holding:
            # An input is recorded at the widget it reaches first, which takes the held look
            # before the widget handles it; a window only passes it on, and what that changes
            # comes as events of its own. One not recorded is looked at once it has been
            # handled: see _unrecorded.
            return True
        return (
            kind == E.DynamicPropertyChange
            and event.propertyName().data() == PATH_PROPERTY.encode()  # type: ignore[attr-defined]
        )

    # --- numbering and storing events -------------------------------------------------------

    def note_activity(self, kind: str, target: str, data: dict[str, Any] | None = None) -> None:
        """Something the app did by itself (ACTIVITY_KINDS); called on the GUI thread."""
        if self.enabled:
            self._emit(kind, target, "", data or {})
            self.looks.due = True
        for listener in list(self.activity_listeners):
            listener(kind, target)

    def record(self, kind: str, widget: QWidget, data: dict[str, Any]) -> UiEvent | None:
        target, sub = describe(widget)
        if not target:
            return None  # an unnamed window (such as a tooltip) is nothing a user drives
        return self._emit(kind, target, sub, data)

    def _emit(self, kind: str, target: str, sub: str, data: dict[str, Any]) -> UiEvent:
        self.inputs.write_entries()
        if kind in INPUT_KINDS:
            self.look_if_changed()
        self._holds = 0
        self.looks.after(kind, data)
        self.seq += 1
        if kind in INPUT_KINDS:
            self.current_seq = self.seq
            self.inputs.input_recorded()
            self._reserved = None  # a menu closed without a choice: its number stays unused
        event = UiEvent(self.seq, self._now_ms(), kind, target, sub, data)
        self.sink.event(event)
        return event

    def reserve_menu_choice(self) -> None:
        """A menu hides just before its chosen action runs: the choice's number is taken now,
        so commands the action issues carry it (QMenu.triggered comes only after them)."""
        if self._reserved is None:
            self.look_if_changed()
            self._holds = 0
            self.looks.due = True
            self.seq += 1
            self.current_seq = self.seq
            self._reserved = (self.seq, self._now_ms())

    def menu_chosen(self, target: str, data: dict[str, Any]) -> None:
        """The menu item chosen, under the number its menu took when it hid (if it did)."""
        if self._reserved is not None:
            seq, t_ms = self._reserved
            self._reserved = None
            self.sink.event(UiEvent(seq, t_ms, "menu_action", target, "", data))
        else:
            self._emit("menu_action", target, "", data)

    def _now_ms(self) -> int:
        return int((time.monotonic() - self._t0) * 1000)

    # --- the event filter, and the guard around everything it does --------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.looks.due and not self._quiet(obj, event):
            # Whatever the app does, it does while handling some event, and the filter sees
            # each one before it is handled: after any event but a quiet one, a held look's
            # texts are read again (a slot's setText sends no event of its own); a paint
            # means the screen changed since.
            if kind in PAINTED:
                self.looks.changed()
            else:
                self.looks.handled()
        if kind == E.Timer and isinstance(obj, QTimer):
            self._timer(obj)
            return False
        if kind not in WATCHED or not isinstance(obj, QWidget):
            return False
        # A widget being destroyed still gets events (focus moves away from it, its window
        # closes) while its Python wrapper is already invalid: touching it would raise.
        if (
            not self.enabled
            or not shiboken6.isValid(obj)
            or (self.scope.outside and not self.scope.holds(obj))
        ):
            if kind in INPUT_EVENTS and self.looks.held is not None:
                self._unrecorded(obj, kind)
            return False
        try:
            if kind in INPUT_EVENTS and self.looks.due:
                self._refresh_before_input()
                if not shiboken6.isValid(obj):
                    return False
            self.inputs.capture(obj, kind, event)
            if kind in INPUT_EVENTS and self.looks.held is not None:
                self._unrecorded(obj, kind)
        except Exception as error:
            # The recorder must never break the app it watches: an exception escaping an event
            # filter goes to the app's error dialog, whose own events come back here. One
            # event is skipped, and each kind of failure is logged once.
            self.looks.handled()  # (an input it did not record: the widget handles it next)
            self.skipped += 1
            self._log_failure(kind, error)
        return False

    def _unrecorded(self, obj: QWidget, kind: QEvent.Type) -> None:
        """An input reached a widget and was not recorded there (the pointer moved, a key
        offered to a parent after the child ignored it, a key in an open menu): the widget
        handles it next, and that may change a text. A key's ShortcutOverride only asks
        whether the widget wants it; the pointer, see POINTER."""
        if kind != E.ShortcutOverride and not (kind == E.MouseMove and _qts_own(obj)):
            self.looks.handled()

    def _refresh_before_input(self) -> None:
        """A command's screen refresh is queued (it runs from the event loop, never inside the
        command), and an input the window system already held may be dispatched before it: a
        key released while the command ran. Which of the two comes first is up to the
        scheduler, and the look taken before that input would show one or the other. A
        replay delivers what is queued before every step; so does the recorder, before an
        input that follows a change, and the two see the same screens on any machine."""
        if self.queued_refresh is not None and not self._refreshing:
            self._refreshing = True
            try:
                self.queued_refresh()
            finally:
                self._refreshing = False

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

    def guarded(self, work: Callable[[], object]) -> None:
        """Run recorder work that a signal started, with the event filter's guard."""
        if not self.enabled:
            return
        try:
            work()
        except Exception as error:
            self.skipped += 1
            self._log_failure(E.None_, error)

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


def _qts_own(obj: QObject) -> bool:
    """Whether Qt's own handlers answer the pointer on `obj`: no class of the app's between
    it and Qt handles it itself (see POINTER)."""
    kind = type(obj)
    known = _QTS_OWN.get(kind)
    if known is None:
        apps = [c for c in kind.__mro__ if not c.__module__.startswith(("PySide6.", "Shiboken"))]
        known = _QTS_OWN[kind] = not any(name in vars(c) for c in apps for name in POINTER_HANDLERS)
    return known
