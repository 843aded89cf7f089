"""Jobs that once ran inside the input that started them, in a generated test, as a replay
has them (recorder/replay/stepping.py, AppClock.settle_inline and job_started).

A recording made before sign-in moved off the GUI thread has no end of its job: the job runs
at once and is finished and delivered before the test's next look or step. One made since has
its ends: the job's work begins at `wait_for` its end, so a check of the command it sends,
written under the input that started it, is made there.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable

from PySide6.QtTest import QTest

from recorder.capture.schema import UiEvent
from recorder.capture.virtual_time import JOB_DONE, AppClock
from recorder.replay.machine import IdleClock
from recorder.replay.stepping import RETRY_MS, WAIT_TIMEOUT_MS


def until(
    ready: Callable[[], bool], timeout_ms: int, working: Callable[[], bool] = lambda: False
) -> bool:
    """Whether `ready` came true within the time, with the event loop running meanwhile. The
    time is a replay's (IdleClock): a loaded machine's stalls and the app's worker threads'
    time (`working`) are not counted, so a slow machine does not fail a step."""
    clock = IdleClock()
    clock.working = working
    start = clock()
    while not ready():
        if (clock() - start) * 1000 >= timeout_ms:
            return False
        QTest.qWait(RETRY_MS)
    return True


class ScriptJobs:
    """`fail(message)` is the exception a step fails with."""

    def __init__(
        self, clock: AppClock | None, events: list[UiEvent], fail: Callable[[str], Exception]
    ) -> None:
        self.clock, self._fail = clock, fail
        self.ended = frozenset(e.target for e in events if e.kind == JOB_DONE)
        if clock is not None:
            clock.ended_in_recording = self.ended
        self._seen = 0  # deferrals before the current step
        self._carried: defaultdict[str, deque[Callable[[], None]]] = defaultdict(deque)

    def running(self) -> list[str]:
        """Deliver what an older recording had delivered by now; what is still running."""
        return self.clock.settle_inline(self.ended) if self.clock is not None else []

    def settle(self) -> None:
        """Before a look or a step: wait for what an older recording had finished by then."""
        if not until(lambda: not self.running(), WAIT_TIMEOUT_MS):
            raise self._fail(f"the background job {', '.join(self.running())} did not finish")

    def mark(self) -> None:
        """A step starts: jobs deferred from here on are its input's."""
        self._seen = len(self.clock.deferrals) if self.clock is not None else 0

    def keep_for_end(self, check: Callable[[], None]) -> bool:
        """Whether the step's input began a job whose work waits for its end: then `check`
        (of the command it sends) is kept for that end."""
        self.settle()
        if self.clock is None:
            return False
        begun = self.clock.deferrals[self._seen :]
        self._seen = len(self.clock.deferrals)
        if begun:
            self._carried[begun[0]].append(check)
        return bool(begun)

    def ended_job(self, kind: str, target: str) -> None:
        """The job ended where the recording has it: the checks kept for it are made now."""
        if kind == JOB_DONE and self._carried[target]:
            self._carried[target].popleft()()
