"""Applying one recorded step to the replayed app, and the waits before it can be applied.

The replayer tries a step on each turn of its timer until it goes: a key waits for the window
manager to activate its window, an input for its widget to be there, shown, laid out and as
enabled as the user found it, a timer or job step for the held one to go off as often as the
recording has it by then; any step, for a job that once ran inside its input to end, when the
recording is older than that (AppClock.settle_inline). Each wait is a state of the replay's machine
(recorder/replay/machine.py), which knows since when, on a clock that leaves out a loaded
machine's stalls and the app's worker threads' time (IdleClock); past the limit the step
halts, and the halt says what was missing.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict, deque
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSize, Qt

from recorder.capture.inputs import INPUT_KINDS
from recorder.capture.schema import UiEvent
from recorder.capture.targets import Scope
from recorder.capture.virtual_time import ACTIVITY_KINDS, JOB_DONE, TIMER
from recorder.replay import actions
from recorder.replay.compare import Fact
from recorder.replay.machine import Happened, IdleClock, ReplayMachine, State
from recorder.replay.verdict import Halt

if TYPE_CHECKING:  # the replayer owns the applier: a run-time import would be circular
    from recorder.replay.factory import ReplayTarget

WAIT_TIMEOUT_MS = 5000
LATE_EVENTS_MS = 3000  # how long a step may take to produce its events (worker threads)
RETRY_MS = 20
ACTIVATE_MS = 2000  # how long to wait for a window to become active before a key goes anyway
TAB_KEYS = frozenset({Qt.Key.Key_Tab.value, Qt.Key.Key_Backtab.value})
ERROR_DIALOG = (
    "error_dialog"  # the app's dialog for an unexpected exception (app/shell/error_reporter.py)
)


def on_error_dialog(path: str) -> bool:
    """Whether `path` is in the app's dialog for an unexpected exception."""
    return path.split("/", 1)[0] == ERROR_DIALOG


def activity_needed(events: list[UiEvent]) -> list[int]:
    """For each step, how often its timer or job had run by then in the recording."""
    seen: Counter[tuple[str, str]] = Counter()
    needed = []
    for event in events:
        if event.kind in ACTIVITY_KINDS:
            seen[(event.kind, event.target)] += 1
        needed.append(seen[(event.kind, event.target)])
    return needed


class Halted(NamedTuple):
    """A step that cannot go on: why, and what the machine is told."""

    halt: Halt
    happened: Happened = Happened.VERDICT


class StepApplier:
    """Applies the recorded steps one at a time, each after whatever it waits for."""

    def __init__(
        self,
        events: list[UiEvent],
        looked: Collection[int],
        machine: ReplayMachine,
        wait_timeout_ms: int,
    ) -> None:
        self.events = events
        self.looked = looked  # the steps before which the user's recorder looked
        self.machine = machine
        self.wait_timeout_ms = wait_timeout_ms
        self.needed = activity_needed(events)
        # The jobs the recording saw end: one that ends nowhere in it and was once run inside
        # its input was recorded then, and is replayed so (AppClock.settle_inline).
        self.recorded_jobs = frozenset(e.target for e in events if e.kind == JOB_DONE)
        self.activity: Counter[tuple[str, str]] = Counter()  # timers fired, jobs done, now
        self.after_tab = False  # the last input was Tab: the next focus_in is its result
        # The window manager never activated a window here: later keys do not wait for it.
        self.activation_given_up = False
        self.begun: list[str] = []  # once-inline jobs the last applied step deferred
        # By job name: the recorded domain events, and the input they belong to, of each such
        # job whose end is still to come (facts_for).
        self.carried: defaultdict[str, deque[tuple[list[Fact], str]]] = defaultdict(deque)

    def restart(self) -> None:
        """A new run from the start state: its app has fired no timer and seen no Tab yet."""
        self.activity.clear()
        self.after_tab = False
        self.begun.clear()
        self.carried.clear()

    def on_activity(self, kind: str, target: str) -> None:
        """The replayed app's recorder saw one of its timers fire or jobs finish."""
        self.activity[(kind, target)] += 1

    def follow(self, target: ReplayTarget) -> None:
        """A new app to drive: its clock learns which jobs' ends the recording has."""
        if target.time is not None:
            target.time.ended_in_recording = self.recorded_jobs
        if isinstance(self.machine.clock, IdleClock):
            self.machine.clock.working = target.working

    def begin(self, event: UiEvent, scope: Scope) -> Halt | None:
        """Once per step, before it is tried (perhaps many times)."""
        if event.kind == "focus_in" and self.after_tab:
            # Where Tab took the focus is the app's doing, not the user's: check it before the
            # step puts the focus where the user's went (a trapped focus would go unseen).
            elsewhere = actions.focus_elsewhere(event, scope)
            if elsewhere is not None:
                return Halt(
                    event.seq,
                    "focus",
                    f"Tab moved the focus to {elsewhere}; in the recording it moved to "
                    f"{event.target}{' [' + event.sub + ']' if event.sub else ''}",
                )
        if event.kind in INPUT_KINDS:
            self.after_tab = event.kind == "key_press" and event.data.get("key") in TAB_KEYS
        return None

    def attempt(
        self, index: int, scope: Scope, target: ReplayTarget | None
    ) -> actions.Outcome | Halted | None:
        """Try step `index` once: after the window is active (for a key), when its widget is
        there or its timer or job has gone off. Its outcome once applied; None while it waits
        (the machine says for what), Halted past the wait's limit."""
        event = self.events[index]
        machine = self.machine
        inline = self._inline_jobs(target)
        if inline:
            if machine.state is not State.WAITING_FOR_ACTIVITY or (
                machine.waited_ms() < self.wait_timeout_ms
            ):
                machine.fire(Happened.ACTIVITY_PENDING)
                return None
            return Halted(self._inline_stuck(event, inline), Happened.TIMED_OUT)
        if not self.activation_given_up and actions.activate_for(event, scope):
            if machine.state is not State.ACTIVATING or machine.waited_ms() < ACTIVATE_MS:
                machine.fire(Happened.NOT_ACTIVE)
                return None  # the window manager has not activated the window yet
            self.activation_given_up = True  # it never will here: do not wait at every key
        if machine.state is State.ACTIVATING:
            machine.fire(Happened.ACTIVE)
        recorder = target.recorder if target is not None else None
        activity = event.kind in ACTIVITY_KINDS
        if activity:
            outcome = self._let_happen(event.kind, event.target, self.needed[index], target)
        else:
            if recorder is not None and event.seq in self.looked:
                recorder.look_before_next_input()  # where the user's recorder looked
            deferred = len(target.time.deferrals) if target and target.time else 0
            outcome = actions.apply(event, scope)
            if target is not None and target.time is not None:
                self.begun = target.time.deferrals[deferred:]
        if outcome is actions.Outcome.WAIT and on_error_dialog(event.target):
            missing = self.not_there(index, scope, target)
            return Halted(Halt(event.seq, "error_dialog", missing.message))
        if outcome is actions.Outcome.WAIT:
            waiting = State.WAITING_FOR_ACTIVITY if activity else State.WAITING_FOR_TARGET
            if machine.state is not waiting or machine.waited_ms() < self.wait_timeout_ms:
                machine.fire(Happened.ACTIVITY_PENDING if activity else Happened.TARGET_MISSING)
                return None
            return Halted(self.not_there(index, scope, target), Happened.TIMED_OUT)
        skipped = outcome is actions.Outcome.SKIPPED
        if skipped and recorder is not None and event.seq in self.looked:
            # Not replayed (a release over a dialog that had closed), so the replay's recorder
            # would not look now: what the user saw here is compared all the same.
            recorder.observe(event.seq)
        return outcome

    def _let_happen(
        self, kind: str, target: str, times: int, replayed: ReplayTarget | None
    ) -> actions.Outcome:
        """A timer fired or a job finished here in the recording: let the held one go off
        now (it fires from the event loop), then wait until it has, `times` in all."""
        clock = replayed.time if replayed is not None else None
        if self.activity[(kind, target)] < times and clock is not None:
            clock.release(kind, target)
        ready = self.activity[(kind, target)] >= times
        return actions.Outcome.READY if ready else actions.Outcome.WAIT

    def facts_for(self, index: int, facts: Mapping[int, list[Fact]]) -> tuple[list[Fact], str]:
        """The recorded domain events applied step `index` is checked against, and the input
        whose commands make them. A once-inline job's work begins where the recording has its
        end (AppClock.job_started): its command's events, recorded under the input that
        started it, are checked at that end; the input itself then expects none."""
        event = self.events[index]
        if event.kind == JOB_DONE and self.carried[event.target]:
            return self.carried[event.target].popleft()
        own, begun, self.begun = list(facts.get(event.seq, [])), self.begun, []
        if not begun:
            return own, event.interaction_id
        self.carried[begun[0]].append((own, event.interaction_id))
        for name in begun[1:]:  # a second job of the same input: the first has them all
            self.carried[name].append(([], event.interaction_id))
        return [], event.interaction_id

    def _inline_jobs(self, target: ReplayTarget | None) -> list[str]:
        """The once-inline jobs this older recording has not seen end, still running."""
        if target is None or target.time is None:
            return []
        return target.time.settle_inline(self.recorded_jobs)

    def _inline_stuck(self, event: UiEvent, jobs: list[str]) -> Halt:
        return Halt(
            event.seq,
            "stuck",
            f"the app's background job {', '.join(jobs)} did not finish within "
            f"{self.wait_timeout_ms / 1000:g} s; the recording was made when it ran inside "
            "the input that started it, so the next step waits for it",
        )

    def not_there(self, index: int, scope: Scope, target: ReplayTarget | None) -> Halt:
        """Why step `index` could not be applied within the wait limit."""
        event = self.events[index]
        if event.kind in ACTIVITY_KINDS:
            what = "timer" if event.kind == TIMER else "background job"
            done = "fired" if event.kind == TIMER else "finished"
            clock = target.time if target is not None else None
            held = ", ".join(clock.pending()) if clock is not None else ""
            return Halt(
                event.seq,
                "stuck",
                f"the app's {what} {event.target} {done} "
                f"{self.activity[(event.kind, event.target)]} times within "
                f"{self.wait_timeout_ms / 1000:g} s; the recording needs "
                f"{self.needed[index]} by this step (held now: {held or 'nothing'})",
            )
        name = f"{event.target}{' [' + event.sub + ']' if event.sub else ''}"
        widget = actions.target_of(event, scope)
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
        closest = difflib.get_close_matches(event.target, scope.known_paths(), n=3, cutoff=0.4)
        hint = f"; closest existing paths: {', '.join(closest)}" if closest else ""
        return Halt(
            event.seq,
            "stuck",
            f"widget {event.target}{' [' + event.sub + ']' if event.sub else ''} was not "
            "found, "
            f"visible and enabled within {self.wait_timeout_ms / 1000:g} s{hint}",
        )


def _size(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"
