"""What a test written from a recording (`replayshop recording script`) runs on.

The generated test reads like a hand-written pytest-qt test: clicks and keys by widget path
through qtbot, then the domain events each command appended and what the user saw. This
module gives it the app as a replay starts it: through the factory a replay is handed, on the
recording's starting state in a throw-away store, with the recorded clock values, ids and
password outcomes handed back in the order they were taken.

Every failure names the step (`shop.step("…")`) it happened in.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from domain.model.events import RecordedEvent
from domain.writeside.bus import CommandReport
from recorder.capture.schema import UiEvent
from recorder.capture.start_state import StartState
from recorder.capture.tape import ReplayTape
from recorder.capture.targets import Scope
from recorder.fileformat.seeded_shop import OtherWriters, seed_replay_store
from recorder.fileformat.shoprec import load_recording
from recorder.replay import actions
from recorder.replay.compare import Fact, actual_facts, diff
from recorder.replay.factory import AppFactory, ReplaySetup
from recorder.replay.stepping import ACTIVATE_MS, LATE_EVENTS_MS, WAIT_TIMEOUT_MS
from recorder.writers.object_map import object_map
from recorder.writers.script_checks import focus_differs, read_models_differ, screen_differences
from recorder.writers.script_jobs import ScriptJobs, until

__all__ = ["ScriptedShop", "StepFailed", "object_map"]  # what a written test imports

VIEWPORT = "qt_scrollarea_viewport"  # where an item view's rows are clicked


class StepFailed(AssertionError):
    """The app did something else than in the recording, at the step named."""


class ScriptedShop:
    """The app started on a recording's starting state, driven by a generated test."""

    def __init__(self, recording: Path, factory: AppFactory, qtbot: Any) -> None:
        self.recording = load_recording(recording)
        self.qtbot = qtbot
        self.title = "starting the app"
        self.number = 0
        self._appended: list[RecordedEvent] = []
        self._matched: list[Fact] = []  # the recording's domain events this test saw again
        self._activity: Counter[tuple[str, str]] = Counter()
        self._activation_given_up = False
        self._workdir = Path(tempfile.mkdtemp(prefix="replayshop-script-"))
        # Windows open now (the test's own) are not the app under test.
        self.scope = Scope.after_existing_windows()
        db = self._store = seed_replay_store(self.recording, self._workdir / "start")
        # Lenient: a step a developer adds gets fresh ids and times once the recorded run out.
        tape = ReplayTape(self.recording.inputs, lenient=True)
        locale = self.recording.meta.get("locale")
        if locale:
            QLocale.setDefault(QLocale(locale))
        setup = ReplaySetup(
            db,
            tape.clock,
            tape.ids,
            tape.passwords(),
            self._context,
            None,
            tape.take,
            StartState.of(self.recording.meta),
            self.scope,
        )
        try:
            self.target = factory(setup)
        except BaseException:
            shutil.rmtree(self._workdir, ignore_errors=True)  # nothing of a failed start stays
            raise
        self.window = self.target.window
        self.target.bus.subscribers.append(self._appended.extend)
        self._refused: list[str] = []  # the refusals' types since the last check
        self.target.bus.observers.append(self._on_command)
        if self.target.recorder is not None:
            self.target.recorder.activity_listeners.append(self._on_activity)
        self._jobs = ScriptJobs(self.target.time, self.recording.ui_events, self._fail)
        self._others = OtherWriters(self.recording.other_writes)
        self._others.restart(db, self.target.others_arrived)

    def __enter__(self) -> ScriptedShop:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.target.close()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def _context(self) -> Mapping[str, Any]:
        return {"correlation_id": f"script-{self.number}", "session": "script"}

    def _on_command(self, report: CommandReport) -> None:
        if report.refused_as:
            self._refused.append(report.refused_as)

    def _on_activity(self, kind: str, target: str) -> None:
        self._activity[(kind, target)] += 1

    def _fail(self, message: str) -> StepFailed:
        return StepFailed(f'step {self.number} "{self.title}": {message}')

    # --- steps ------------------------------------------------------------------------------

    def step(self, title: str) -> None:
        """Start the next step; the one before must not have appended events left unchecked."""
        self._nothing_unexpected()
        self._jobs.mark()
        self._refused.clear()  # one the recording did not have shows as events missing
        self.number += 1
        self.title = title

    def done(self, read_models: bool = True) -> None:
        """The end of the session: the last step appended nothing left unchecked, and the read
        models hold what they held when the session was exported, as a replay checks (when the
        session's domain events all happened again; `read_models=False` leaves it out)."""
        self._nothing_unexpected()
        recorded = self.recording.meta.get("projection_digests")
        # A developer who deleted or changed a step changed the session on purpose: its read
        # models are compared only when every recorded domain event happened again.
        replayed_all = len(self._matched) == len(self.recording.expected)
        if not read_models or not recorded or not replayed_all:
            return
        self.number, self.title = self.number + 1, "the end of the session"
        self.target.caught_up()
        differing = read_models_differ(self.recording, self._store)
        if differing:
            raise self._fail(f"the read models differ at the end of the session: {differing}")

    def _nothing_unexpected(self) -> None:
        self._jobs.settle()
        QCoreApplication.sendPostedEvents()
        if self._appended:
            found = "\n".join(f.line() for f in actual_facts(self._appended))
            self._appended.clear()
            raise self._fail(f"appended events the recording did not:\n{found}")

    # --- finding widgets --------------------------------------------------------------------

    def widget(self, path: str, sub: str = "", enabled: bool = True) -> QWidget:
        """The widget at `path`, once it is there, visible and (by default) enabled: the app
        may still be opening a dialog or refreshing a page, as the user's screen was."""
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()
        found: list[QWidget] = []

        def usable() -> bool:
            widget = self.scope.resolve(path, sub)
            if not actions.usable(widget, enabled):  # laid out too: a test clicks and types
                return False
            found.append(widget)
            return True

        if not until(usable, WAIT_TIMEOUT_MS, self.target.working):
            state = "enabled" if enabled else "disabled"
            name = f"{path} [{sub}]" if sub else path
            raise self._fail(
                f"{name} was not there, visible, laid out and {state} within "
                f"{WAIT_TIMEOUT_MS // 1000} s"
            ) from None
        return found[-1]

    def focus(self, path: str, sub: str = "") -> QWidget:
        """The widget, with the keyboard focus in its active window: where keys go."""
        widget = self.widget(path, sub)
        window = widget.window()
        if QApplication.activeWindow() is not window and not self._activation_given_up:
            window.activateWindow()
            # A shortcut (Ctrl+L) works only in the active window, and on a real display the
            # window manager activates a window when it gets to it: wait as a replay does.
            # Where it never does (no window manager), stop waiting at every key.
            active = until(
                lambda: QApplication.activeWindow() is window, ACTIVATE_MS, self.target.working
            )
            self._activation_given_up = not active
        if window.focusWidget() is not widget or QApplication.focusWidget() is not widget:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    def viewport(self, path: str) -> QWidget:
        return self.widget(path, VIEWPORT)

    def row(self, path: str, row: int, key: str | None = None, column: int = 0) -> QPoint:
        """Where row `row` of the item view at `path` is drawn now; with `key`, the row that
        holds that item wherever it moved."""
        item = {"row": row, "column": column, "key": key}
        event = UiEvent(0, 0, "mouse_press", path, VIEWPORT, {"item": item})
        return actions.point_for(self.viewport(path), event)

    # --- inputs a qtbot call does not cover ---------------------------------------------------

    def _apply(self, kind: str, path: str, sub: str = "", **data: Any) -> None:
        event = UiEvent(0, 0, kind, path, sub, data)
        if kind != "menu_action":
            self.widget(path, sub)
        if actions.apply(event, self.scope) is actions.Outcome.READY:
            return
        if not until(
            lambda: actions.apply(event, self.scope) is actions.Outcome.READY,
            WAIT_TIMEOUT_MS,
            self.target.working,
        ):
            raise self._fail(f"could not {kind.replace('_', ' ')} {path} {data}") from None

    def enter(self, path: str, text: str = "", masked: str | None = None) -> None:
        """Type over what the field holds; a masked entry types a stand-in of the recorded
        length class ("empty", "short" or "long"), never the user's password."""
        if masked is None:
            self._apply("text_entered", path, text=text)
        else:
            self._apply("text_entered", path, masked=True, fill=masked)

    def choose(self, path: str, text: str, index: int) -> None:
        """Pick an entry of a combo box, by its text (by index if the text is gone)."""
        self._apply("combo_select", path, text=text, index=index)

    def menu(self, action: str) -> None:
        """Choose the menu or context-menu action with this object name."""
        self._apply("menu_action", "main", action=action)

    def context_menu(self, path: str, pos: QPoint, sub: str = "") -> None:
        self._apply("context_menu", path, sub, x=pos.x(), y=pos.y(), reason=0)

    def wheel(self, path: str, pos: QPoint, dy: int, dx: int = 0, sub: str = "") -> None:
        self._apply("wheel", path, sub, x=pos.x(), y=pos.y(), dx=dx, dy=dy)

    def wait_for(self, kind: str, target: str, times: int) -> None:
        """Until the app's named timer has fired (or background job finished) `times` times:
        the app did that by itself between the user's inputs."""
        clock = self.target.time

        def happened() -> bool:  # the app's clock is held, as in a replay: let it go off
            if self._activity[(kind, target)] < times and clock is not None:
                clock.release(kind, target)
            return self._activity[(kind, target)] >= times

        if not until(happened, WAIT_TIMEOUT_MS, self.target.working):
            raise self._fail(
                f"{target} ran {self._activity[(kind, target)]} times within "
                f"{WAIT_TIMEOUT_MS // 1000} s; the recording needs {times}"
            ) from None
        self._jobs.ended_job(kind, target)

    def others_before(self, seq: int) -> None:
        """Other app instances' events (a shared store) that the user's window took in by UI
        event `seq`: appended to this test's store as a replay appends them there."""
        event = next((e for e in self.recording.ui_events if e.seq == seq), None)
        if event is None:
            raise self._fail(f"the recording has no UI event #{seq}")
        self._others.bring_before(event)

    # --- what the recording expects -----------------------------------------------------------

    def expect_events(self, *expected: Fact) -> None:
        """The domain events appended since the last check are exactly these."""
        if self._jobs.keep_for_end(lambda: self.expect_events(*expected)):
            return
        wanted = list(expected)

        def arrived() -> bool:  # a worker thread may still be appending
            QCoreApplication.sendPostedEvents()
            return len(self._appended) >= len(wanted)

        # If not, the difference below says what is missing.
        until(arrived, LATE_EVENTS_MS, self.target.working)
        actual = actual_facts(self._appended)
        self._appended.clear()
        if actual != wanted:
            raise self._fail(f"the domain events differ:\n{diff(wanted, actual)}")
        self._matched.extend(actual)

    def expect_refused(self, kind: str) -> None:
        """The step's command was refused as `kind` (a `DomainError` type), as the user's was,
        and appended nothing: a refusal is a step of its own, so a rule that stops refusing
        fails here rather than at whatever step comes next."""
        if self._jobs.keep_for_end(lambda: self.expect_refused(kind)):
            return
        until(lambda: bool(self._refused or self._appended), LATE_EVENTS_MS, self.target.working)
        QCoreApplication.sendPostedEvents()
        refused, self._refused = self._refused, []
        if self._appended:
            found = "\n".join(f.line() for f in actual_facts(self._appended))
            self._appended.clear()
            raise self._fail(f"the recorded refusal {kind} did not happen; appended:\n{found}")
        if kind not in refused:
            instead = f"refused as {', '.join(refused)}" if refused else "no command was refused"
            raise self._fail(f"the recorded refusal {kind} did not happen: {instead}")

    def sees(
        self,
        shown: Mapping[str, str] | None = None,
        rows: Mapping[str, Mapping[int, str]] | None = None,
        gone: Iterable[str] = (),
    ) -> None:
        """The widgets show these texts, as the user saw them; in `rows`, a list or table
        shows these rows (by number, from 0); those in `gone` are not shown any more (a path
        ending in /* stands for everything under it).

        Given a few seconds, as a widget is: work the app finishes by itself (a time-travel
        build) may still be under way, as it was while the user looked."""
        self._jobs.settle()
        found: list[str] = []

        def alike() -> bool:
            QCoreApplication.sendPostedEvents()
            found[:] = screen_differences(self.scope, shown or {}, rows or {}, gone)
            return not found

        if not until(alike, WAIT_TIMEOUT_MS, self.target.working):
            raise self._fail("what the user saw differs:\n" + "\n".join(found)) from None

    @contextmanager
    def raises(self, kind: str) -> Iterator[None]:
        """The recorded session raised `kind` here: a crash this test reproduces. Once a fix
        makes it go away, this fails; take the `with` away then."""
        with self.qtbot.captureExceptions() as caught:
            yield
            QCoreApplication.sendPostedEvents()
            QApplication.processEvents()
        raised = [type(error).__name__ for _, error, _ in caught]
        if kind not in raised:
            instead = f"; raised instead: {', '.join(raised)}" if raised else ""
            raise self._fail(f"the recorded {kind} did not happen{instead}")

    def expect_focus(self, path: str, sub: str = "") -> None:
        """Where Tab took the keyboard focus is the app's doing: it went where the user's did."""
        differing = focus_differs(self.scope, path, sub)
        if differing:
            raise self._fail(differing)
