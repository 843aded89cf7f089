"""The replay's states and the only moves between them, written down (as rrweb's machine.ts).

A replay drives one recorded step at a time from a timer. What it may do next depends on
where it is: about to begin a step, waiting for the window manager to activate the window,
waiting for the step's widget, waiting for the app's timer or job the recording says went off
here, checking the step's domain events, paused, finished. The Replayer
(recorder/replay/replayer.py)
reports what happened; this table says where that leads, and refuses anything else, so a
replay can never be in two of these at once or skip one by a forgotten flag.

    >>> machine = ReplayMachine()
    >>> machine.fire(Happened.LAUNCHED)
    <State.READY: 'ready'>

Plain Python: tested without Qt (tests/unit/test_replay_machine.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum


class State(StrEnum):
    LAUNCHING = "launching"  # the app is being started on the recording's start state
    READY = "ready"  # before the next step: nothing of it has been tried yet
    APPLYING = "applying"  # the step is under way: it is tried now
    ACTIVATING = "activating"  # a key waits for the window manager to activate its window
    WAITING_FOR_TARGET = "waiting for the target"  # its widget is not there, shown or enabled
    WAITING_FOR_ACTIVITY = "waiting for a timer or job"  # one the recording has here
    CHECKING = "checking the step"  # applied: its domain events are compared
    PAUSED = "paused"  # stepping, seeking, or the viewer's pause
    FINISHED = "finished"  # a verdict


class Happened(StrEnum):
    LAUNCHED = "launched"
    LAUNCH_FAILED = "launch failed"
    BEGUN = "step begun"
    NOT_ACTIVE = "window not active"
    ACTIVE = "window active, or waited long enough"
    TARGET_MISSING = "target missing"
    ACTIVITY_PENDING = "timer or job pending"
    APPLIED = "applied"
    TIMED_OUT = "timed out"
    EVENTS_PENDING = "events still coming"
    STEP_DONE = "step done"
    VERDICT = "verdict"
    STOP_POINT = "stop point reached"
    RESUMED = "resumed"
    RESTARTED = "restarted"  # a seek backwards, or a seek after the verdict
    BROKE = "the step could not be applied"  # the recording's step, not the app


S, H = State, Happened
# (where, what happened) -> where next. Nothing else is allowed.
TRANSITIONS: dict[tuple[State, Happened], State] = {
    (S.LAUNCHING, H.LAUNCHED): S.READY,
    (S.LAUNCHING, H.LAUNCH_FAILED): S.FINISHED,
    (S.READY, H.BEGUN): S.APPLYING,
    (S.READY, H.STOP_POINT): S.PAUSED,
    (S.READY, H.VERDICT): S.FINISHED,  # no step left: the end of the session is judged
    (S.APPLYING, H.NOT_ACTIVE): S.ACTIVATING,
    (S.APPLYING, H.TARGET_MISSING): S.WAITING_FOR_TARGET,
    (S.APPLYING, H.ACTIVITY_PENDING): S.WAITING_FOR_ACTIVITY,
    (S.APPLYING, H.APPLIED): S.CHECKING,
    (S.APPLYING, H.VERDICT): S.FINISHED,  # Tab moved the focus elsewhere, an error dialog
    (S.ACTIVATING, H.NOT_ACTIVE): S.ACTIVATING,
    (S.ACTIVATING, H.ACTIVE): S.APPLYING,
    (S.WAITING_FOR_TARGET, H.TARGET_MISSING): S.WAITING_FOR_TARGET,
    (S.WAITING_FOR_TARGET, H.NOT_ACTIVE): S.ACTIVATING,  # its window came, and is not active
    (S.WAITING_FOR_TARGET, H.APPLIED): S.CHECKING,
    (S.WAITING_FOR_TARGET, H.TIMED_OUT): S.FINISHED,
    (S.WAITING_FOR_TARGET, H.VERDICT): S.FINISHED,
    (S.WAITING_FOR_ACTIVITY, H.ACTIVITY_PENDING): S.WAITING_FOR_ACTIVITY,
    # A job that once ran inside its input has ended (AppClock.settle_inline): the step goes on.
    (S.WAITING_FOR_ACTIVITY, H.NOT_ACTIVE): S.ACTIVATING,
    (S.WAITING_FOR_ACTIVITY, H.TARGET_MISSING): S.WAITING_FOR_TARGET,
    (S.WAITING_FOR_ACTIVITY, H.APPLIED): S.CHECKING,
    (S.WAITING_FOR_ACTIVITY, H.TIMED_OUT): S.FINISHED,
    (S.CHECKING, H.EVENTS_PENDING): S.CHECKING,
    (S.CHECKING, H.STEP_DONE): S.READY,
    (S.CHECKING, H.VERDICT): S.FINISHED,
    (S.PAUSED, H.RESUMED): S.READY,
}
# From anywhere: the replay starts over (a seek backwards), or stops where it is (a step the
# replay could not apply as written, reported as "could not replay").
ANYWHERE: dict[Happened, State] = {H.RESTARTED: S.LAUNCHING, H.BROKE: S.FINISHED}
WAITING = frozenset({S.ACTIVATING, S.WAITING_FOR_TARGET, S.WAITING_FOR_ACTIVITY, S.CHECKING})


class IllegalMove(RuntimeError):
    """The replayer reported something that cannot happen where it is: a bug in the replayer."""


class IdleClock:
    """What a replay's wait limits count: the wall clock's time, less what a loaded machine
    adds. Each reading adds the wall time since the previous one, but at most `stall_s`; the
    replay reads it on every turn of its timer (due every 20 ms), so a turn that comes late
    (the process not scheduled, the app busy on its GUI thread) counts as one turn, not as
    its length. Nothing counts while the app's worker threads run (`working`): a job takes
    what the machine gives it, and only the whole run's limit waits for its end. A limit of
    5 s is then about 100 turns in which the awaited thing had every chance and did not come,
    on a quiet machine or a busy one."""

    def __init__(self, wall: Callable[[], float] = time.monotonic, stall_s: float = 0.05) -> None:
        self._wall = wall
        self._last = wall()
        self._now = 0.0
        self.stall_s = stall_s
        self.working: Callable[[], bool] = lambda: False

    def __call__(self) -> float:
        wall = self._wall()
        step, self._last = min(wall - self._last, self.stall_s), wall
        if not self.working():
            self._now += max(step, 0.0)
        return self._now


class ReplayMachine:
    """Where a replay is, and since when (a wait's limit counts from when it began, on the
    IdleClock unless told another)."""

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        self.clock: Callable[[], float] = clock if clock is not None else IdleClock()
        self.state = State.LAUNCHING
        self.since = self.clock()
        self.trail: list[tuple[State, Happened, State]] = []  # every move, for a bug report

    def fire(self, happened: Happened) -> State:
        target = TRANSITIONS.get((self.state, happened)) or ANYWHERE.get(happened)
        if target is None:
            raise IllegalMove(f"{happened.value!r} cannot happen while {self.state.value}")
        if target is not self.state:  # staying in a wait keeps its start: the limit holds
            self.since = self.clock()
        self.trail.append((self.state, happened, target))
        self.state = target
        return target

    def waited_ms(self) -> float:
        """How long the replay has been in the state it is in."""
        return (self.clock() - self.since) * 1000

    @property
    def finished(self) -> bool:
        return self.state is State.FINISHED

    @property
    def waiting(self) -> bool:
        return self.state in WAITING
