"""The app's own timers and background jobs, on one clock that a replay holds.

A search debounce fires 150 ms after the last key, measured on the wall clock: when a person
types fast it never fires between two keys, and when a replay runs on a loaded machine it
may. That changed what a replay showed ("-25 products +19 products" after a lone "t"). So
every timer and named background job of the app goes through an `AppClock`:

- live (recording or not), a timer is a plain `QTimer` and a job's result arrives when the
  job ends; the recorder notes each firing and each finished job (recorder/capture/record.py);
- in a replay, the clock is *held*: a started timer is only armed, a finished job's result
  is kept, and each goes off when the replayer reaches the place where the recording says it
  did (`release`). One that the recording never saw fire stays held (the rule of rr and
  Replay.io: every source of non-determinism is recorded and fed back).

A job that once ran inside the input that started it (sign-in's password check was scrypt on
the GUI thread) is started `once_inline`. Its work sends a command, whose events show on the
screens as soon as it is written. So in a replay of a recording that has the job's ends
(`ended_in_recording`), its work starts only where the recording says it ended: the screens
change there, as the user saw (the user's scrypt took its time, the replay's none). A
recording without a single end of it was made before it moved off the GUI thread: its replay
runs it as it ran then, at once, finished and delivered before the next step
(`settle_inline`, which recorder/replay/stepping.py calls).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from recorder.capture.widget_paths import object_path

TIMER = "timer"
JOB_DONE = "job_done"
# The window took other writers' events in (app/shell/horizon.py): a job_done of this name,
# with the position it took in. A replay appends those events to its store first.
OTHERS_JOB = "others"
# What the app did by itself between two inputs, at a time that depends on the user's pace: a
# named app timer that fired, a background job that finished. Replay waits for each of these
# before the next input, so the order of timers and input is the user's at any speed.
ACTIVITY_KINDS = frozenset({TIMER, JOB_DONE})


def timer_path(timer: QTimer) -> str:
    """How a recording names an app timer: its owner's object path and its own name."""
    parent = timer.parent()
    owner = object_path(parent) if isinstance(parent, QWidget) else ""
    return f"{owner}/{timer.objectName()}" if owner else timer.objectName()


@dataclass
class AppClock:
    """Owned by the app context; `held` only in a replay."""

    held: bool = False
    _armed: list[AppTimer] = field(default_factory=list)
    _results: list[tuple[str, Callable[[], None]]] = field(default_factory=list)
    _running: Counter[str] = field(default_factory=Counter)  # named jobs started, not ended
    _once_inline: set[str] = field(default_factory=set)
    _deferred: list[tuple[str, Callable[[], None]]] = field(default_factory=list)  # not begun
    # In a replay: the jobs its recording saw end (set by the replayer).
    ended_in_recording: frozenset[str] = frozenset()
    deferrals: list[str] = field(default_factory=list)  # every job deferred so, in order

    def hold(self) -> None:
        self.held = True

    # --- what the app's timers and jobs call ---------------------------------------------------

    def arm(self, timer: AppTimer) -> None:
        if timer not in self._armed:
            self._armed.append(timer)

    def disarm(self, timer: AppTimer) -> None:
        if timer in self._armed:
            self._armed.remove(timer)

    def job_started(self, name: str, begin: Callable[[], None], once_inline: bool = False) -> None:
        """A named job is to run: `begin()` starts its work, now or, for a `once_inline` one
        the recording saw end, when the replay releases it. `once_inline`: its work used to
        run inside the input that started it, so older recordings have no end of it."""
        if once_inline:
            self._once_inline.add(name)
            if self.held and name in self.ended_in_recording:
                self._deferred.append((name, begin))
                self.deferrals.append(name)
                return
        self._running[name] += 1
        begin()

    def job_finished(self, name: str, deliver: Callable[[], None]) -> None:
        """A named job ended: deliver its result now, or when the replay releases it."""
        self._running[name] -= 1
        if self.held:
            self._results.append((name, deliver))
        else:
            deliver()

    # --- what a replay calls -------------------------------------------------------------------

    def release(self, kind: str, target: str) -> bool:
        """Let one held timer fire, or deliver one held job result, as the recording did here.
        False when there is none such yet (the app has not started it, or not finished it)."""
        if kind == TIMER:
            for timer in list(self._armed):
                if not shiboken6.isValid(timer):
                    self._armed.remove(timer)
                elif timer_path(timer) == target:
                    self._armed.remove(timer)
                    QTimer.start(timer, 0)  # fires from the event loop, as a due timer does
                    return True
        elif kind == JOB_DONE:
            for index, (name, deliver) in enumerate(self._results):
                if name == target:
                    del self._results[index]
                    deliver()
                    return True
            for index, (name, begin) in enumerate(self._deferred):
                if name == target and not self._running[name]:
                    del self._deferred[index]  # its work starts now; its result comes later
                    self._running[name] += 1
                    begin()
                    return False
        return False

    def settle_inline(self, recorded: Collection[str]) -> list[str]:
        """Before a replayed step: deliver each held result of a once-inline job whose name
        `recorded` (the jobs the recording saw end) lacks, as it was delivered then, inside
        its input. The names of such jobs still running: the step waits for them."""
        old = self._once_inline - set(recorded)
        for name in [name for name, _ in self._results if name in old]:
            self.release(JOB_DONE, name)
        return sorted(name for name in old if self._running[name] > 0)

    def pending(self) -> list[str]:
        """What is held now (for a replay's message when the recording waits for another)."""
        timers = [f"timer {timer_path(t)}" for t in self._armed if shiboken6.isValid(t)]
        waiting = [f"job {name} (not begun)" for name, _ in self._deferred]
        return timers + [f"job {name}" for name, _ in self._results] + waiting


class AppTimer(QTimer):
    """A named single-shot timer of the app's own, on the app's clock.

    >>> debounce = AppTimer(page, "search_debounce", 150, page.refresh, ctx.time)
    >>> search.textChanged.connect(debounce.start)   # restarts on every key
    """

    def __init__(
        self,
        parent: QObject,
        name: str,
        interval_ms: int,
        on_timeout: Callable[[], None],
        clock: AppClock,
    ) -> None:
        super().__init__(parent, singleShot=True, interval=interval_ms)
        self.setObjectName(name)  # named: the recorder notes each firing, a replay its place
        self._clock = clock
        self.timeout.connect(on_timeout)

    def start(self, *_signal_args: object) -> None:
        if self._clock.held:
            QTimer.stop(self)  # released with an interval of 0: not running until then
            self._clock.arm(self)
        else:
            QTimer.start(self)

    def stop(self) -> None:
        QTimer.stop(self)
        self._clock.disarm(self)
