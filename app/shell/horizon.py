"""How far into other writers' events a window shows the shop, and when it takes more in.

On a shared store (a PostgreSQL server, or a SQLite file another process writes) other app
instances append while this window runs. Which of their events a screen showed must not
depend on when a thread happened to run, or no replay could show the same. So the window has
a horizon: its screens show the log up to it, plus this process's own commands (a command
shows everything written before it, as it was there for the command too). The horizon moves
only at moments the recorder notes, as a `job_done` named `others` with the position taken in:
the status bar's check finding others' events past it, or a command that lost a race showing
the latest. An export keeps the events each move brought (recorder/fileformat/other_writes.py)
and a replay appends them at the same steps before it lets the same move happen.

On a SQLite file this process's follower is the only one applying the log, so it stops at the
horizon (`Follower.allow`) and the screens keep reading the live tables. On a server other
instances move the shared read models on, so the screens read the row versions as of the
horizon instead (`ReadModel.hold_at_horizon`, projections/temporal.py).
"""

from __future__ import annotations

from collections.abc import Callable

from app.shell.bootstrap import AppContext
from domain.readside.follower import Lag
from recorder.capture.virtual_time import JOB_DONE, OTHERS_JOB


class Horizon:
    def __init__(self, ctx: AppContext, moved: Callable[[], None]) -> None:
        self.ctx, self._moved = ctx, moved
        shop = ctx.shop
        head = shop.read.log_head()[0]
        recorder = ctx.recorder
        # A recorded session starts from the log as it was when recording began: what came
        # since is taken in as a move of its own, so that a replay brings it too.
        start = min(recorder.start_position, head) if recorder is not None else head
        shop.read.hold_at_horizon(start, lambda: shop.follower.written, temporal=ctx.on_server)
        self._hold(start)

    def _hold(self, position: int) -> None:
        """The screens show the log up to `position` (and this process's own writes)."""
        self.ctx.shop.read.horizon = position
        if not self.ctx.on_server:  # the follower is the only one applying the log here
            self.ctx.shop.follower.allow(position)

    def _shown(self) -> int:
        """How far the screens show the log now: the horizon or this process's last write."""
        return self.ctx.shop.read.shown_position or 0

    def start(self) -> None:
        """Once the window is up: take in what others wrote since the recording began."""
        head = self.ctx.shop.read.log_head()[0]
        if head > self._shown() and not self.ctx.time.held:
            self.take_in(head)

    def check(self, seen: Lag) -> None:
        """The status bar's look at the log: take in what others wrote since the last move.
        In a replay the replayer brings their events and the move (`replayed`)."""
        if self.ctx.closed or self.ctx.time.held:
            return
        if seen.head > self._shown():
            self.take_in(seen.head)

    def show_latest(self, before: int = 0) -> None:
        """A command lost a race to another instance: show the log as it is now. `before`: the
        input whose command found those events (a replay brings them before that input)."""
        head = self.ctx.shop.read.log_head()[0]
        if head <= self._shown():
            self._moved()
        elif self.ctx.time.held:  # a replay: the move goes where the recording has it
            self.replayed()
        else:
            self.take_in(head, before)

    def replayed(self) -> None:
        """A replay appended other writers' events to its store: the move that took them in is
        held until the replay reaches the step where the recording has it."""
        self.ctx.time.job_finished(
            OTHERS_JOB, lambda: self.take_in(self.ctx.shop.read.log_head()[0])
        )

    def take_in(self, position: int, before: int = 0) -> None:
        self._hold(position)
        self.ctx.shop.follower.ensure(position)  # the screens read next: they must hold it all
        recorder = self.ctx.recorder
        if recorder is not None:
            data = {"position": position, **({"before": before} if before else {})}
            recorder.note_activity(JOB_DONE, OTHERS_JOB, data)
        self._moved()
