"""The read side following the log: a projector thread, and read-your-writes on top of it.

Commands only append. A `Follower` brings the projections after them in batches, on a thread
of its own (the desktop app, `replayshop projector`) or inline when a process runs no thread
(tests, the CLI, a replay's tools). Either way the batch runs through `Projector.follow`, so
what a screen reads is the same as if the command had updated the read models itself: only
when it happens changes.

Read-your-writes: the bus tells the follower the position of every command it wrote, and
`ensure(position)` blocks a reader until the projections have reached it. While the thread
runs, the reader wakes it and waits for it, for as long as it takes, and never applies
anything itself: a read on the GUI thread never opens a write transaction. Each round of the
thread that ends short of a reader's position answers it (the log ends before, or a
projection failed), so nobody waits for a position that is not coming. A projection that fails
stops the read side at the event before; the failure is logged once and shown as lag.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from sqlalchemy import Engine

from domain.eventstore.database import notifications, reading, writing
from domain.eventstore.reads import head as log_head
from domain.eventstore.schema import EVENTS_CHANNEL
from domain.readside.projector import Projector

log = logging.getLogger("replayshop.follower")

POLL_S = 0.5  # how often the thread looks for events written by other processes (SQLite)
# PostgreSQL wakes the thread with NOTIFY; the look at the head is then only a safety net, for a
# notification lost with its connection.
LISTENING_POLL_S = 10.0
# How a round of the thread ended.
MORE, CAUGHT_UP, FAILED = "more", "caught up", "failed"


@dataclass(frozen=True)
class Lag:
    """How far the read side is behind the log."""

    reached: int
    head: int
    failure: str | None = None

    @property
    def events(self) -> int:
        return max(0, self.head - self.reached)


class Follower:
    def __init__(self, engine: Engine, projector: Projector) -> None:
        self.engine = engine
        self.projector = projector
        self.reached = 0  # every projection has applied the log up to here (as last seen)
        self.written = 0  # the newest position this process is known to have written
        # None: follow the whole log (the CLI, `replayshop projector`, tests). The app's window
        # sets it: events of other processes past it and past `written` wait (see `allow`).
        self.allowed: int | None = None
        self.failure: str | None = None
        self.seen = Lag(0, 0)  # the thread's last look at the log: what a status bar shows
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._listener: threading.Thread | None = None
        self._stopping = False
        self._alive = False  # the thread is running (False again once it has ended, however)
        self._heard = False  # another process appended (PostgreSQL's NOTIFY)
        # The thread works in rounds: a look at the log if it must, then a batch if behind.
        # Readers and the bus ask for a round that begins after they asked (`_asked`); a round
        # that ends without more to do, or with a failure, is `_settled`: a reader it did not
        # bring to its position learns the answer from it.
        self._rounds = 0  # rounds begun
        self._asked = 0  # the round someone waits for
        self._settled = 0  # the last round that ended caught up or failed
        self.wakeups = 0  # notifications heard, for tests and the curious
        self.listening = threading.Event()  # set once NOTIFY reaches this follower

    # --- what the bus and readers call ------------------------------------------------------

    def notify(self, position: int) -> None:
        """A command of this process wrote up to `position` (called after its COMMIT)."""
        with self._changed:
            self.written = max(self.written, position)
            self._asked = max(self._asked, self._rounds + 1)  # the thread's next round brings it
            self._changed.notify_all()

    def allow(self, position: int) -> None:
        """Apply the log up to `position` from now on (the window took others' events in)."""
        with self._changed:
            self.allowed = position if self.allowed is None else max(self.allowed, position)
            self._asked = max(self._asked, self._rounds + 1)
            self._changed.notify_all()

    def limit(self) -> int | None:
        """How far the read models may go now: None for the whole log."""
        return None if self.allowed is None else max(self.allowed, self.written)

    def ensure(self, position: int | None = None) -> bool:
        """Block until every projection has reached `position` (this process's last command by
        default). False if a projection failed on the way, or the log ends before `position`:
        the caller reads what there is.

        While the thread runs, a reader on any other thread only waits for it: the reader never
        writes (a GUI thread would hold the write lock for a batch), and a slow machine still
        never shows less than the user's own last command, because there is no time limit."""
        wanted = self.written if position is None else position
        if self.reached >= wanted:
            return True
        if self._thread is not None and self._thread is not threading.current_thread():
            waited = self._wait_for_thread(wanted)
            if waited is not None:
                return waited
        # No thread (the CLI, tests, a replay's tools), or it stopped meanwhile: apply here.
        while self.reached < wanted:
            before = self.reached
            if not self.step() or self.reached == before:
                return False  # failed, or the log does not reach `wanted`
        return True

    def _wait_for_thread(self, wanted: int) -> bool | None:
        """Wait until the thread has brought the projections to `wanted` (True), or a round of
        it that began after this call ended short of it: the log ends before `wanted` or a
        projection failed (False). None when the thread stops first: the caller applies."""
        with self._changed:
            asked = self._rounds
            self._asked = max(self._asked, asked + 1)
            self._changed.notify_all()
            while self.reached < wanted:
                if self._stopping or not self._alive:
                    return None
                if self._settled > asked:
                    return False
                self._changed.wait()
            return True

    def lag(self) -> Lag:
        projector = self.projector
        with reading(self.engine) as conn:
            head = log_head(conn)[0]
            reached = projector.reached(conn)
        self.seen = Lag(reached, head, self.failure)
        # Checkpoints another process moved are as good as this process's own steps.
        self._reached_at_least(projector, reached)
        return self.seen

    def _reached_at_least(self, projector: Projector, reached: int) -> None:
        with self._changed:
            if projector is self.projector:  # else the set was switched meanwhile
                # Two followers (this thread and another process) may finish out of order.
                self.reached = max(self.reached, reached)
            self._changed.notify_all()

    # --- doing the work ---------------------------------------------------------------------

    def step(self) -> bool:
        """Apply one batch. False when a projection failed (nothing of the batch is kept)."""
        projector = self.projector
        try:
            with writing(self.engine) as conn:
                reached = projector.follow(conn, up_to=self.limit())
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            if message != self.failure:  # once per failure, not once per retry
                log.exception("the read side stopped after event %s", self.reached)
            self.failure = message
            return False
        self.failure = None
        self._reached_at_least(projector, reached)
        return True

    def switch(self, projector: Projector) -> None:
        """Follow another set of versions from now on (a rollout): how far it got is known
        only after its first step, so nothing is taken as reached until then."""
        with self._changed:
            self.projector, self.reached = projector, 0

    def start(self) -> None:
        """Follow on a thread of its own until `stop`."""
        if self._thread is None:
            self._stopping, self._alive = False, True
            self._thread = threading.Thread(target=self._run, name="projector", daemon=True)
            self._thread.start()
            if self.engine.dialect.name == "postgresql":
                self._listener = threading.Thread(
                    target=self._listen, name="projector-listen", daemon=True
                )
                self._listener.start()

    def _listen(self) -> None:
        try:
            heard = notifications(self.engine, EVENTS_CHANNEL, lambda: self._stopping)
            for n, _ in enumerate(heard):
                with self._changed:  # the first: listening now, so look once for earlier ones
                    self._heard = True
                    if n > 0:
                        self.wakeups += 1
                    self._changed.notify_all()
                self.listening.set()
        except Exception:  # the server went away: the thread's slow look at the head remains
            log.warning("stopped listening for other processes' events", exc_info=True)

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        listener, self._listener = self._listener, None
        if thread is not None:
            with self._changed:
                self._stopping = True
                self._changed.notify_all()
            thread.join()
        if listener is not None:
            listener.join()

    def _run(self) -> None:
        poll = LISTENING_POLL_S if self.engine.dialect.name == "postgresql" else POLL_S
        more = False  # the last round left work behind it: no waiting for the next one
        try:
            while True:
                with self._changed:
                    if not more:
                        self._changed.wait_for(
                            lambda: self._stopping or self._heard or self._asked > self._rounds,
                            poll,
                        )
                    if self._stopping:
                        return
                    self._heard = False
                    self._rounds += 1
                    this_round = self._rounds
                    behind = self.written > self.reached  # known without looking
                outcome = self._round(behind)
                with self._changed:
                    if outcome != MORE:
                        self._settled = this_round
                        self._changed.notify_all()
                    asked = self._asked  # as the failure was told: a later ask retries at once
                if outcome == FAILED:
                    self._back_off(asked)
                more = outcome != CAUGHT_UP
        finally:
            with self._changed:  # a reader waiting for this thread applies by itself now
                self._alive = False
                self._changed.notify_all()

    def _back_off(self, asked: int) -> None:
        """After a failed batch: retry, but not in a tight loop; at once when someone asks
        for more than `asked`, the round asked for when the failure was told."""
        with self._changed:
            self._changed.wait_for(lambda: self._stopping or self._asked > asked, POLL_S * 4)

    def _to_apply(self, lag: Lag) -> int:
        """Events this follower may apply now: up to the head, or to its limit."""
        limit = self.limit()
        end = lag.head if limit is None else min(lag.head, limit)
        return max(0, end - lag.reached)

    def _round(self, behind: bool) -> str:
        """One batch if the log is ahead of the projections, as promptly as possible."""
        if not behind:
            # A poll or another process's NOTIFY: look (a read) before taking the write lock,
            # as such a look mostly finds nothing.
            try:
                if self._to_apply(self.lag()) == 0:
                    return CAUGHT_UP
            except Exception:  # the store is busy or going away: look again at the next poll
                log.warning("the read side could not read the log head", exc_info=True)
                return CAUGHT_UP
        before = self.reached
        if not self.step():
            return FAILED
        if self.reached == before:  # nothing to apply (or nothing built yet to apply it to)
            return CAUGHT_UP
        try:
            outcome = MORE if self._to_apply(self.lag()) > 0 else CAUGHT_UP
        except Exception:
            log.warning("the read side could not read the log head", exc_info=True)
            outcome = CAUGHT_UP
        return outcome
