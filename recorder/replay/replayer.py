"""The replay engine: drive the real app from a recording and judge what it does.

The app is started through a factory the caller passes in (the recorder never imports `app`),
on a throw-away copy of the starting state, with the recorded clock, ids and password checks
fed back. Each step re-drives one UI event as real Qt input, then the domain events appended
under that step's correlation id are compared with the recorded ones.

The Replayer coordinates: where the replay is, is its machine's (recorder/replay/machine.py);
applying a step and the waits before it, the StepApplier's (recorder/replay/stepping.py); the
evidence of the run, the EvidenceCollector's (recorder/replay/collector.py); the verdict, the
judge's (recorder/replay/judge.py).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from domain.model.events import RecordedEvent
from recorder.capture.inputs import INPUT_KINDS
from recorder.capture.start_state import StartState
from recorder.capture.tape import ReplayTape
from recorder.capture.targets import EVERYWHERE, Scope
from recorder.fileformat.describe import action_of
from recorder.fileformat.seeded_shop import OtherWriters, seed_replay_store
from recorder.fileformat.shoprec import Recording
from recorder.replay.collector import EvidenceCollector
from recorder.replay.crash_site import crash_site
from recorder.replay.factory import AppFactory, ReplaySetup, ReplayTarget
from recorder.replay.judge import judge_end, judge_halt
from recorder.replay.machine import Happened, ReplayMachine, State
from recorder.replay.stepping import RETRY_MS, WAIT_TIMEOUT_MS, Halted, StepApplier
from recorder.replay.timer import FAST, Pace, StepTimer, Stops
from recorder.replay.verdict import Actual, Expected, Halt, Raised, StepResult, Verdict

# The states in which a step is under way: each turn of the timer tries it again.
STEP_UNDER_WAY = frozenset(
    {State.APPLYING, State.ACTIVATING, State.WAITING_FOR_TARGET, State.WAITING_FOR_ACTIVITY}
)


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
        pictures: bool = False,
    ) -> None:
        super().__init__()
        self.recording, self.factory, self.pace = recording, factory, pace
        self.window_size = window_size
        self.rebasing = rebasing  # keep going past differences, collecting what happens now
        self.keep_pictures = pictures  # the replayed app's recorder keeps pictures
        self.tape: ReplayTape | None = None
        self.stops = Stops()  # where stepping and seeking pause, and the pace after a seek
        self.events = [e for e in recording.ui_events]
        self.index = 0
        self.verdict: Verdict | None = None
        self.target: ReplayTarget | None = None
        self.timer = StepTimer(self._tick)
        self.expected = Expected.of(
            recording, json.loads(recording.meta.get("projection_digests") or "{}")
        )
        self.timings: list[tuple[int, float]] = []  # (recorded ms, replayed ms) per step
        self.tape_marks: dict[int, int] = {}  # UI event seq -> tape values taken before it
        self._current_seq = 0
        self.machine = ReplayMachine()  # where the replay is: recorder/replay/machine.py
        self.applier = StepApplier(
            self.events, recording.observations, self.machine, wait_timeout_ms
        )
        self.collector = EvidenceCollector(
            recording, self.expected, self.machine, wait_timeout_ms, rebasing
        )
        self._checking: StepResult | None = None  # the step whose events are being compared
        self._step_seq = 0  # the recorded step being replayed: the anchor of observations
        self.store_path = Path()  # the throw-away store of the current run (never the user's)
        self._workdir = Path(tempfile.mkdtemp(prefix="replayshop-replay-"))
        self._pristine = seed_replay_store(recording, self._workdir / "start")
        self.others = OtherWriters(recording.other_writes)
        self._started_at = 0.0
        self.scope = EVERYWHERE  # the replayed app's windows, set when it starts

    @property
    def actual(self) -> Actual:
        """The evidence of the current run, judged by recorder.replay.judge."""
        return self.collector.actual

    def actual_events(self) -> list[RecordedEvent]:
        """Everything the replayed app appended, in order (what a rebase records)."""
        return self.collector.actual_events()

    # --- control ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._launched():
            self.timer.start(0)

    def pause(self) -> None:
        """The viewer's pause: the timer stops wherever the replay is, and goes on from there."""
        self.timer.pause()

    def resume(self) -> None:
        if not self.machine.finished:
            self.stops.at = None
            self._play_on()

    def step(self) -> None:
        """Run exactly one more UI event, then pause."""
        if not self.machine.finished:
            self.stops.at = self.index + 1
            self._play_on()

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
        self.stops.pace_after_seek, self.pace = self.pace, FAST
        self.stops.at = index
        self._play_on()

    def _play_on(self) -> None:
        if self.machine.state is State.PAUSED:
            self.machine.fire(Happened.RESUMED)
        self.timer.start(0)

    def close(self) -> None:
        self.timer.pause()
        self._shutdown_app()
        shutil.rmtree(self._workdir, ignore_errors=True)

    # --- running ----------------------------------------------------------------------------

    def _reset(self) -> None:
        self.index, self.verdict = 0, None
        self.collector.restart()
        self.applier.restart()
        self._current_seq, self._checking = 0, None
        self.timings, self.tape_marks = [], {}

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
            self.keep_pictures,
        )
        self.target = self.factory(setup)
        self.others.restart(db, self.target.others_arrived)
        self.applier.follow(self.target)
        if self.target.errors is not None:  # the app's exceptions are the replay's evidence
            self.target.errors.divert(self._on_exception)
        self.target.bus.subscribers.append(self.collector.on_events)
        if self.target.recorder is not None:
            self.target.recorder.activity_listeners.append(self.applier.on_activity)
            # Its observations are filed under the recorded steps (what a rebase keeps).
            self.target.recorder.looks.anchor_for = lambda _seq: self._step_seq
            self.target.recorder.looks.listeners.append(self.collector.on_observation)
            self.target.recorder.sink.on_picture = self.collector.on_picture
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
        if self.stops.at is not None and self.index >= self.stops.at:
            self.machine.fire(Happened.STOP_POINT)
            self.timer.pause()
            if self.stops.pace_after_seek is not None:
                self.pace, self.stops.pace_after_seek = self.stops.pace_after_seek, None
            return None
        event = self.events[self.index]
        self.step_started.emit(self.index)
        if self.tape is not None:  # which recorded values this step takes (a shrink's cut)
            self.tape_marks.setdefault(event.seq, len(self.tape.consumed))
        if event.kind in INPUT_KINDS:  # as the recorder does: commands belong to an input
            self._current_seq = event.seq
        self.others.bring_before(event)  # other instances' events due by this step
        halt = self.applier.begin(event, self.scope)
        if halt is not None:
            return self._halt(halt)
        self._step_seq = event.seq
        self.machine.fire(Happened.BEGUN)
        return self._apply_step()

    def _apply_step(self) -> int | None:
        """Try the step (stepping.py); once applied, its domain events are checked."""
        tried = self.applier.attempt(self.index, self.scope, self.target)
        if tried is None:
            return RETRY_MS  # it waits: the machine says for what
        if isinstance(tried, Halted):
            return self._halt(tried.halt, tried.happened)
        event = self.events[self.index]
        self.timings.append((event.t_ms, (time.monotonic() - self._started_at) * 1000))
        expected, correlation = self.applier.facts_for(self.index, self.expected.facts)
        self._checking = StepResult(
            self.index, event, tried.value, expected, correlation=correlation
        )
        self.machine.fire(Happened.APPLIED)
        return self._check_step()

    def _check_step(self) -> int | None:
        result = self._checking
        assert result is not None
        decided, verdict = self.collector.check(result)
        if not decided:
            self.machine.fire(Happened.EVENTS_PENDING)
            return RETRY_MS
        self._checking = None
        self.step_done.emit(result)
        if verdict is not None:
            return self._end(verdict)
        self.machine.fire(Happened.STEP_DONE)
        self.index += 1
        if self.index >= len(self.events):
            return 0
        gap = self.events[self.index].t_ms - result.event.t_ms
        return self.pace.delay(gap)

    def _finish_all(self) -> int | None:
        recorder = self.target.recorder if self.target is not None else None
        if recorder is not None:
            if self._step_seq in self.recording.observations:
                recorder.look_before_next_input()  # the user's last look
            recorder.observe_end()
        if self.rebasing:
            return self._end(Verdict("identical", None, "rebased"))
        self.collector.finish(self.target, self.store_path)
        return self._end(judge_end(self.expected, self.actual))

    def _halt(self, halt: Halt, happened: Happened = Happened.VERDICT) -> int | None:
        self.actual.halt = halt
        return self._end(judge_halt(self.expected, halt), happened)

    def _end(self, verdict: Verdict, happened: Happened = Happened.VERDICT) -> int | None:
        self.machine.fire(happened)
        self.collector.note_recorder_findings(verdict)
        step = next((e for e in self.events if e.seq == verdict.step), None)
        if step is not None:
            verdict.action = action_of(step)
        self.verdict = verdict
        self.timer.pause()
        self._give_back_exceptions()
        self.finished.emit(verdict)
        return None
