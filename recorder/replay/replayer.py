"""The replay engine: drive the real app from a recording and judge what it does.

The app is started through a factory the caller passes in (the recorder never imports `app`),
on a throw-away copy of the starting state, with the recorded clock, ids and password checks
fed back. Each step re-drives one UI event as real Qt input, then the domain events appended
under that step's correlation id are compared with the recorded ones.
"""

from __future__ import annotations

import difflib
import json
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QWidget

from domain.model.clock import Clock, IdGenerator
from domain.model.events import RecordedEvent
from domain.model.passwords import Passwords
from domain.writeside.bus import CommandBus
from recorder.capture.observation import Observation
from recorder.capture.record import ACTIVITY_KINDS, INPUT_KINDS, Recorder
from recorder.capture.start_state import StartState
from recorder.capture.tape import ReplayTape
from recorder.capture.targets import EVERYWHERE, Scope
from recorder.capture.virtual_time import TIMER, AppClock
from recorder.fileformat import validate
from recorder.fileformat.digests import differing_rows, projection_digests
from recorder.fileformat.schema import UiEvent
from recorder.fileformat.shoprec import Recording
from recorder.replay import actions
from recorder.replay.compare import actual_facts
from recorder.replay.crash_site import crash_site
from recorder.replay.exceptions_source import ExceptionSource
from recorder.replay.fidelity import differences, first_difference, replayed_ui_events
from recorder.replay.judge import (
    Actual,
    Expected,
    Halt,
    Raised,
    StepResult,
    Verdict,
    judge_end,
    judge_exception,
    judge_halt,
    judge_step,
)
from recorder.replay.machine import Happened, ReplayMachine, State
from recorder.replay.store import seed_replay_store
from recorder.replay.timer import FAST, Pace, StepTimer
from recorder.writers.show import action_of

WAIT_TIMEOUT_MS = 5000
LATE_EVENTS_MS = 3000  # how long a step may take to produce its events (worker threads)
RETRY_MS = 20
ACTIVATE_MS = 2000  # how long to wait for a window to become active before a key goes anyway
# The states in which a step is under way: each turn of the timer tries it again.
STEP_UNDER_WAY = frozenset(
    {State.APPLYING, State.ACTIVATING, State.WAITING_FOR_TARGET, State.WAITING_FOR_ACTIVITY}
)


@dataclass(frozen=True)
class ReplaySetup:
    """What the app factory gets: where the throw-away store is, and what to feed back."""

    db_path: Path
    clock: Clock
    ids: IdGenerator
    passwords: Passwords
    context: Callable[[], Mapping[str, Any]]
    window_size: tuple[int, int] | None
    answer: Callable[[str], str]  # the recorded answer of a dialog, by kind ("file_dialog")
    start: StartState = field(default_factory=StartState)  # settings, and whether time is taped
    # The windows the replayed app's recorder watches: the ones the replay drives.
    scope: Scope = EVERYWHERE


@dataclass
class ReplayTarget:
    """What the factory returns: the window being driven, the bus to watch, how to stop."""

    window: QWidget
    bus: CommandBus
    close: Callable[[], None]
    # The replayed app's own recorder (into the throw-away store): it reports the app timers
    # and jobs the replay waits for, and what it records is compared with the recording.
    recorder: Recorder | None = None
    # Brings the read models up to the last command (they follow the log on their own).
    caught_up: Callable[[], object] = lambda: None
    # The clock of the app's own timers and jobs, held: the replay lets each go off where
    # the recording says it did (recorder/capture/virtual_time.py).
    time: AppClock | None = None
    # The app's handler of unexpected exceptions: the replay takes them while it judges.
    errors: ExceptionSource | None = None


AppFactory = Callable[[ReplaySetup], ReplayTarget]

TAB_KEYS = frozenset({Qt.Key.Key_Tab.value, Qt.Key.Key_Backtab.value})
ERROR_DIALOG = (
    "error_dialog"  # the app's dialog for an unexpected exception (app/shell/error_reporter.py)
)


def on_error_dialog(path: str) -> bool:
    """Whether `path` is in the app's dialog for an unexpected exception."""
    return path.split("/", 1)[0] == ERROR_DIALOG


def _activity_needed(events: list[UiEvent]) -> list[int]:
    """For each step, how often its timer or job had run by then in the recording."""
    seen: Counter[tuple[str, str]] = Counter()
    needed = []
    for event in events:
        if event.kind in ACTIVITY_KINDS:
            seen[(event.kind, event.target)] += 1
        needed.append(seen[(event.kind, event.target)])
    return needed


class Replayer(QObject):
    step_started = Signal(int)
    step_done = Signal(object)  # StepResult
    finished = Signal(object)  # Verdict

    def __init__(
        self,
        recording: Recording,
        factory: AppFactory,
        pace: Pace = FAST,
        window_size: tuple[int, int] | None = None,
        wait_timeout_ms: int = WAIT_TIMEOUT_MS,
        rebasing: bool = False,
    ) -> None:
        super().__init__()
        self.recording = recording
        self.factory = factory
        self.pace = pace
        self.window_size = window_size
        self.rebasing = rebasing  # keep going past differences, collecting what happens now
        self.tape: ReplayTape | None = None
        self._pace_after_seek: Pace | None = None
        self.wait_timeout_ms = wait_timeout_ms
        self.events = [e for e in recording.ui_events]
        self.index = 0
        self.verdict: Verdict | None = None
        self.target: ReplayTarget | None = None
        self.timer = StepTimer(self._tick)
        self.expected = Expected.of(
            recording, json.loads(recording.meta.get("projection_digests") or "{}")
        )
        self.actual = Actual()  # the evidence, judged by recorder.replay.judge
        self.stop_at: int | None = None  # pause before this index (stepping and seeking)
        self.timings: list[tuple[int, float]] = []  # (recorded ms, replayed ms) per step
        self.tape_marks: dict[int, int] = {}  # UI event seq -> tape values taken before it
        self._appended: dict[str | None, list[RecordedEvent]] = defaultdict(list)
        self._current_seq = 0
        self.machine = ReplayMachine()  # where the replay is: recorder/replay/machine.py
        self._checking: StepResult | None = None  # the step whose events are being compared
        self._activity: Counter[tuple[str, str]] = Counter()  # timers fired, jobs done, now
        self._after_tab = False  # the last input was Tab: the next focus_in is its result
        self._activation_given_up = False
        self._step_seq = 0  # the recorded step being replayed: the anchor of observations
        self._needed = _activity_needed(self.events)
        self.store_path = Path()  # the throw-away store of the current run (never the user's)
        self.recorder_findings: list[str] | None = None  # None: not checked
        self._recorder_step: int | None = None  # where the first finding is
        self._workdir = Path(tempfile.mkdtemp(prefix="replayshop-replay-"))
        self._pristine = seed_replay_store(recording, self._workdir / "start")
        self._started_at = 0.0
        self.scope = EVERYWHERE  # the replayed app's windows, set when it starts

    # --- control ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._launched():
            self.timer.start(0)

    def pause(self) -> None:
        """The viewer's pause: the timer stops wherever the replay is, and goes on from there."""
        self.timer.pause()

    def resume(self) -> None:
        if not self.machine.finished:
            self.stop_at = None
            if self.machine.state is State.PAUSED:
                self.machine.fire(Happened.RESUMED)
            self.timer.start(0)

    def step(self) -> None:
        """Run exactly one more UI event, then pause."""
        if not self.machine.finished:
            self.stop_at = self.index + 1
            if self.machine.state is State.PAUSED:
                self.machine.fire(Happened.RESUMED)
            self.timer.start(0)

    def seek(self, index: int) -> None:
        """Go to just before event `index`: backwards restarts from the start state (and a
        replay not started yet starts there)."""
        index = max(0, min(index, len(self.events)))
        never_started = self.machine.state is State.LAUNCHING
        if index < self.index or self.machine.finished or never_started:
            self._shutdown_app()
            self._reset()
            self.machine.fire(Happened.RESTARTED)
            if not self._launched():
                return
        # Fast-forward, then play on at the chosen pace.
        self._pace_after_seek, self.pace = self.pace, FAST
        self.stop_at = index
        if self.machine.state is State.PAUSED:
            self.machine.fire(Happened.RESUMED)
        self.timer.start(0)

    def close(self) -> None:
        self.timer.pause()
        self._shutdown_app()
        shutil.rmtree(self._workdir, ignore_errors=True)

    # --- running ----------------------------------------------------------------------------

    def _reset(self) -> None:
        self.index, self.verdict, self.actual = 0, None, Actual()
        self.recorder_findings, self._recorder_step = None, None
        self._appended.clear()
        self._current_seq, self._checking = 0, None
        self._activity.clear()
        self._after_tab = False
        self.timings = []
        self.tape_marks = {}

    def _launched(self) -> bool:
        """Start the app on the recording's starting state; a state it cannot start on (the
        recording's, not the app's, fault) ends the replay as "could not replay"."""
        try:
            self._launch()
        except Exception as error:
            self._shutdown_app()
            site = crash_site(error.__traceback__)
            message = f"the app did not start on the recorded starting state ({error!r}" + (
                f" {site})" if site else ")"
            )
            self._halt(Halt(0, "stuck", message), Happened.LAUNCH_FAILED)
            return False
        self.machine.fire(Happened.LAUNCHED)
        return True

    def _launch(self) -> None:
        run_dir = Path(tempfile.mkdtemp(dir=self._workdir))
        db = self.store_path = run_dir / "shop.db"
        shutil.copyfile(self._pristine, db)
        tape = self.tape = ReplayTape(self.recording.inputs, lenient=self.rebasing)
        locale = self.recording.meta.get("locale")
        if locale:
            QLocale.setDefault(QLocale(locale))
        # Windows open now (the viewer, a test's own) are the developer's, not the replay's.
        self.scope = Scope.after_existing_windows()
        setup = ReplaySetup(
            db,
            tape.clock,
            tape.ids,
            tape.passwords(),
            self._context,
            self.window_size,
            tape.take,
            StartState.of(self.recording.meta),
            self.scope,
        )
        self.target = self.factory(setup)
        if self.target.errors is not None:  # the app's exceptions are the replay's evidence
            self.target.errors.divert(self._on_exception)
        self.target.bus.subscribers.append(self._on_events)
        if self.target.recorder is not None:
            self.target.recorder.activity_listeners.append(self._on_activity)
            # Its observations are filed under the recorded steps (what a rebase keeps).
            self.target.recorder.anchor_for = lambda _seq: self._step_seq
            self.target.recorder.observation_listeners.append(self._on_observation)
        self._started_at = time.monotonic()

    def _shutdown_app(self) -> None:
        self._give_back_exceptions()
        if self.target is not None:
            self.target.close()
            self.target = None

    def _context(self) -> Mapping[str, Any]:
        return {
            "correlation_id": f"ui-{self._current_seq}" if self._current_seq else None,
            "session": "replay",
        }

    def _on_activity(self, kind: str, target: str) -> None:
        self._activity[(kind, target)] += 1

    def _let_happen(self, kind: str, target: str, times: int) -> actions.Outcome:
        """A timer fired or a job finished here in the recording: let the held one go off
        now (it fires from the event loop), then wait until it has, `times` in all."""
        clock = self.target.time if self.target is not None else None
        if self._activity[(kind, target)] < times and clock is not None:
            clock.release(kind, target)
        ready = self._activity[(kind, target)] >= times
        return actions.Outcome.READY if ready else actions.Outcome.WAIT

    def _on_events(self, events: list[RecordedEvent]) -> None:
        for event in events:
            self._appended[event.metadata.get("correlation_id")].append(event)

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        import traceback

        text = "".join(traceback.format_exception(kind, error, tb))
        site = crash_site(tb)
        self.actual.exceptions.append(Raised(self._current_seq, kind.__name__, text, site))

    def _give_back_exceptions(self) -> None:
        if self.target is not None and self.target.errors is not None:
            self.target.errors.restore()

    def _tick(self) -> int | None:
        """One turn of the step timer. Whatever goes wrong in the replay itself (a recording
        whose step cannot be applied as written) ends it: a timer callback that raised would
        otherwise just stop, and the replay would wait for ever."""
        try:
            return self._turn()
        except Exception as error:
            seq = self.events[self.index].seq if self.index < len(self.events) else 0
            message = f"the step cannot be applied ({type(error).__name__}: {error})"
            return self._halt(Halt(seq, "stuck", message), Happened.BROKE)

    def _turn(self) -> int | None:
        # Screens refresh from the event loop after a command (a queued signal): let them,
        # before the next step looks or acts, as the user's next input always came after.
        QCoreApplication.sendPostedEvents()
        state = self.machine.state
        if state is State.CHECKING:
            return self._check_step()
        if state is State.READY:
            return self._begin_step()
        if state in STEP_UNDER_WAY:
            return self._apply_step()
        return None  # launching, paused or finished: nothing to drive

    def _begin_step(self) -> int | None:
        """What is done once per step, before it is tried (perhaps many times)."""
        if self.index >= len(self.events):
            self._step_seq = max((e.seq for e in self.events), default=0) + 1
            return self._finish_all()
        if self.stop_at is not None and self.index >= self.stop_at:
            self.machine.fire(Happened.STOP_POINT)
            self.timer.pause()
            if self._pace_after_seek is not None:
                self.pace, self._pace_after_seek = self._pace_after_seek, None
            return None
        event = self.events[self.index]
        self.step_started.emit(self.index)
        if self.tape is not None:  # which recorded values this step takes (a shrink's cut)
            self.tape_marks.setdefault(event.seq, len(self.tape.consumed))
        if event.kind in INPUT_KINDS:  # as the recorder does: commands belong to an input
            self._current_seq = event.seq
        if event.kind == "focus_in" and self._after_tab:
            # Where Tab took the focus is the app's doing, not the user's: check it before the
            # step puts the focus where the user's went (a trapped focus would go unseen).
            elsewhere = actions.focus_elsewhere(event, self.scope)
            if elsewhere is not None:
                return self._halt(
                    Halt(
                        event.seq,
                        "focus",
                        f"Tab moved the focus to {elsewhere}; in the recording it moved to "
                        f"{event.target}{' [' + event.sub + ']' if event.sub else ''}",
                    )
                )
        if event.kind in INPUT_KINDS:
            self._after_tab = event.kind == "key_press" and event.data.get("key") in TAB_KEYS
        self._step_seq = event.seq
        self.machine.fire(Happened.BEGUN)
        return self._apply_step()

    def _apply_step(self) -> int | None:
        """Try the step: after the window is active (for a key), when its widget is there or
        its timer or job has gone off; else wait, up to the limit."""
        event = self.events[self.index]
        machine = self.machine
        if not self._activation_given_up and actions.activate_for(event, self.scope):
            if machine.state is not State.ACTIVATING or machine.waited_ms() < ACTIVATE_MS:
                machine.fire(Happened.NOT_ACTIVE)
                return RETRY_MS  # the window manager has not activated the window yet
            self._activation_given_up = True  # it never will here: do not wait at every key
        if machine.state is State.ACTIVATING:
            machine.fire(Happened.ACTIVE)
        recorder = self.target.recorder if self.target is not None else None
        activity = event.kind in ACTIVITY_KINDS
        if activity:
            outcome = self._let_happen(event.kind, event.target, self._needed[self.index])
        else:
            if recorder is not None and event.seq in self.recording.observations:
                recorder.look_before_next_input()  # where the user's recorder looked
            outcome = actions.apply(event, self.scope)
        if outcome is actions.Outcome.WAIT and on_error_dialog(event.target):
            return self._halt(Halt(event.seq, "error_dialog", self._not_there(event).message))
        if outcome is actions.Outcome.WAIT:
            waiting = State.WAITING_FOR_ACTIVITY if activity else State.WAITING_FOR_TARGET
            if machine.state is not waiting or machine.waited_ms() < self.wait_timeout_ms:
                machine.fire(Happened.ACTIVITY_PENDING if activity else Happened.TARGET_MISSING)
                return RETRY_MS
            return self._halt(self._not_there(event), Happened.TIMED_OUT)
        skipped = outcome is actions.Outcome.SKIPPED
        if skipped and recorder is not None and event.seq in self.recording.observations:
            # Not replayed (a release over a dialog that had closed), so the replay's recorder
            # would not look now: what the user saw here is compared all the same.
            recorder.observe(event.seq)
        self.timings.append((event.t_ms, (time.monotonic() - self._started_at) * 1000))
        expected = self.expected.facts.get(event.seq, [])
        self._checking = StepResult(self.index, event, outcome.value, expected)
        machine.fire(Happened.APPLIED)
        return self._check_step()

    def _check_step(self) -> int | None:
        result = self._checking
        assert result is not None
        event = result.event
        result.actual = actual_facts(self._appended.get(event.interaction_id, []))
        late = self.machine.waited_ms()
        # A worker thread may still be appending: wait a while for the rest.
        result.complete = len(result.actual) >= len(result.expected) or late >= min(
            LATE_EVENTS_MS, self.wait_timeout_ms
        )
        if self.rebasing:  # keep going past differences, but not past an exception
            raised = [e for e in self.actual.exceptions if e.seq == event.seq]
            verdict = judge_exception(self.expected, raised[0]) if raised else None
        else:
            verdict = judge_step(self.expected, self.actual, result)
        if verdict is None and not result.complete:
            self.machine.fire(Happened.EVENTS_PENDING)
            return RETRY_MS
        self._checking = None
        self.actual.steps.append(result)
        self.step_done.emit(result)
        if verdict is not None:
            return self._end(verdict)
        self.machine.fire(Happened.STEP_DONE)
        self.index += 1
        if self.index >= len(self.events):
            return 0
        gap = self.events[self.index].t_ms - event.t_ms
        return self.pace.delay(gap)

    def actual_events(self) -> list[RecordedEvent]:
        """Everything the replayed app appended, in order (what a rebase records)."""
        return sorted(
            (e for events in self._appended.values() for e in events), key=lambda e: e.position
        )

    def _finish_all(self) -> int | None:
        if self.target is not None and self.target.recorder is not None:
            if self._step_seq in self.recording.observations:
                self.target.recorder.look_before_next_input()  # the user's last look
            self.target.recorder.observe_end()
        if self.rebasing:
            return self._end(Verdict("identical", None, "rebased"))
        self.actual.finished = True
        self.actual.by_correlation = {
            key: actual_facts(events) for key, events in self._appended.items()
        }
        if self.expected.projection_digests:
            if self.target is not None:
                self.target.caught_up()
            self.actual.projection_digests = projection_digests(self.store_path)
            self.actual.read_model_rows = self._differing_rows()
        self.recorder_findings = self._check_recorder()
        return self._end(judge_end(self.expected, self.actual))

    def _differing_rows(self) -> list[str]:
        """The rows behind differing digests, against those the recording kept."""
        recorded, replayed = self.expected.projection_digests, self.actual.projection_digests
        names = [n for n, d in recorded.items() if n in replayed and replayed[n] != d]
        if not names:
            return []
        raw = self.recording.meta.get("read_model_rows", "")
        kept = validate.read_model_rows(raw) if raw else {}
        return differing_rows(kept, self.store_path, names)

    def _check_recorder(self) -> list[str] | None:
        """What the replay's own recorder made of the same inputs, against the recording."""
        recorder = self.target.recorder if self.target is not None else None
        if recorder is None:
            return None
        recorder.sink.flush(wait=True)
        replayed = replayed_ui_events(self.store_path, recorder.session_id)
        # Steps the replay skipped on purpose (a release over a dialog that had closed) are
        # not asked of its recorder.
        applied = [r.event for r in self.actual.steps if r.outcome != actions.Outcome.SKIPPED.value]
        self._recorder_step = first_difference(applied, replayed)
        return differences(applied, replayed)

    def _on_observation(self, anchor: int, shown: Observation) -> None:
        """The replay's recorder stored what the replayed app shows before step `anchor`."""
        self.actual.observations[anchor] = shown

    def _halt(self, halt: Halt, happened: Happened = Happened.VERDICT) -> int | None:
        self.actual.halt = halt
        return self._end(judge_halt(self.expected, halt), happened)

    def _not_there(self, event: UiEvent) -> Halt:
        """Why a step could not be applied within the wait limit."""
        if event.kind in ACTIVITY_KINDS:
            what = "timer" if event.kind == TIMER else "background job"
            done = "fired" if event.kind == TIMER else "finished"
            clock = self.target.time if self.target is not None else None
            held = ", ".join(clock.pending()) if clock is not None else ""
            return Halt(
                event.seq,
                "stuck",
                f"the app's {what} {event.target} {done} "
                f"{self._activity[(event.kind, event.target)]} times within "
                f"{self.wait_timeout_ms / 1000:g} s; the recording needs "
                f"{self._needed[self.index]} by this step (held now: {held or 'nothing'})",
            )
        name = f"{event.target}{' [' + event.sub + ']' if event.sub else ''}"
        widget = actions.target_of(event, self.scope)
        wanted = bool(event.data.get("enabled", True))
        if widget is not None and widget.isVisible() and widget.isEnabled() != wanted:
            # It is there and shown, but the app left it in another state than the user saw:
            # that is the app behaving differently, not a recording that cannot be followed.
            state = ("disabled", "enabled") if wanted else ("enabled", "disabled")
            return Halt(
                event.seq,
                "enabled",
                f"{name} stayed {state[0]} for {self.wait_timeout_ms / 1000:g} s; when the "
                f"user's {event.kind} reached it, it was {state[1]}",
            )
        waited = f"{self.wait_timeout_ms / 1000:g} s"
        if widget is not None and not widget.isVisible():
            return Halt(
                event.seq,
                "stuck",
                f"{name} is there but stayed hidden for {waited}; when the user's {event.kind} "
                "reached it, it was shown",
            )
        if widget is not None and event.kind in actions.POSITIONED and not actions.laid_out(widget):
            window = widget.window()
            return Halt(
                event.seq,
                "stuck",
                f"{name} is shown but was not laid out within {waited}: it is "
                f"{_size(widget.size())} in a window of {_size(window.size())} whose minimum is "
                f"{_size(window.minimumSize())}; the user's {event.kind} found it on screen",
            )
        closest = difflib.get_close_matches(event.target, self.scope.known_paths(), n=3, cutoff=0.4)
        hint = f"; closest existing paths: {', '.join(closest)}" if closest else ""
        return Halt(
            event.seq,
            "stuck",
            f"widget {event.target}{' [' + event.sub + ']' if event.sub else ''} was not "
            "found, "
            f"visible and enabled within {self.wait_timeout_ms / 1000:g} s{hint}",
        )

    def _end(self, verdict: Verdict, happened: Happened = Happened.VERDICT) -> int | None:
        self.machine.fire(happened)
        verdict.recorder_findings = self.recorder_findings
        if verdict.exit_code == 0 and self.recorder_findings and verdict.step is None:
            verdict.step = self._recorder_step  # the app did as recorded; the recorder did not
        step = next((e for e in self.events if e.seq == verdict.step), None)
        if step is not None:
            verdict.action = action_of(step)
        self.verdict = verdict
        self.timer.pause()
        self._give_back_exceptions()
        self.finished.emit(verdict)
        return None


def _size(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"
