"""Replay scheduling: when each step runs, kept apart from what a step does (as rrweb does).

Steps are driven by QTimer callbacks, never a Python loop: timers keep firing inside the nested
event loop of a modal dialog, so a replay cannot get stuck in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

IDLE_GAP_MS = 2000


@dataclass(frozen=True)
class Pace:
    """How fast to play. `speed` 0 means as fast as possible. `skip_idle` cuts a gap where
    the user did nothing down to IDLE_GAP_MS at any speed (rrweb's "skip inactivity"): a
    developer watching a bug should not sit through the user's coffee break."""

    speed: float = 1.0
    skip_idle: bool = False

    def delay(self, gap_ms: int) -> int:
        if self.speed <= 0:
            return 0
        if self.skip_idle and gap_ms > IDLE_GAP_MS:
            gap_ms = IDLE_GAP_MS
        return max(0, round(gap_ms / self.speed))


REAL_TIME = Pace(1.0, skip_idle=True)
EXACT = Pace(1.0)  # every gap as recorded, idle ones too
FAST = Pace(0.0)


@dataclass
class Stops:
    """Where the viewer's stepping and seeking pause a replay, and the pace it plays on at
    once a seek (which fast-forwards) has got there."""

    at: int | None = None  # pause before the step of this index
    pace_after_seek: Pace | None = None


def pace_for(speed: float | None, fast: bool, skip_idle: bool = True) -> Pace:
    if fast:
        return FAST
    return Pace(1.0 if speed is None else speed, skip_idle=skip_idle)


class StepTimer(QObject):
    """Calls `tick()` after each delay; `tick` returns the next delay, or None to stop."""

    def __init__(self, tick: Callable[[], int | None]) -> None:
        super().__init__()
        self._tick = tick
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._fire)
        self.running = False

    def start(self, delay_ms: int = 0) -> None:
        self.running = True
        self._timer.start(delay_ms)

    def pause(self) -> None:
        self.running = False
        self._timer.stop()

    def _fire(self) -> None:
        if not self.running:
            return
        delay = self._tick()
        if delay is None:
            self.running = False
        elif self.running:
            self._timer.start(delay)
