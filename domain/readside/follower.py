"""The read side following the log: a projector thread, and read-your-writes on top of it.

Commands only append. A `Follower` brings the projections after them in batches, on a thread
of its own (the desktop app) or inline when a reader needs a position that is not there yet
(tests, the CLI, and the app when its thread has fallen behind). Either way the batch runs
through `Projector.follow`, so what a screen reads is the same as if the command had updated
the read models itself: only when it happens changes.

Read-your-writes: the bus tells the follower the position of every command it wrote, and
`ensure(position)` blocks a reader until the projections have reached it. It waits for the
thread only briefly, then applies the missing events itself, so a screen never shows data
older than the user's own last command while the projections work. A projection that fails
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
from domain.readside.images import PastImages
from domain.readside.projector import Projector

log = logging.getLogger("replayshop.follower")

THREAD_WAIT_S = 0.05  # how long a reader lets the thread catch up before doing it itself
POLL_S = 0.5  # how often the thread looks for events written by other processes (SQLite)
# PostgreSQL wakes the thread with NOTIFY; the look at the head is then only a safety net, for a
# notification lost with its connection.
LISTENING_POLL_S = 10.0


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
    def __init__(
        self, engine: Engine, projector: Projector, images: PastImages | None = None
    ) -> None:
        self.engine = engine
        self.projector = projector
        self.images = images
        self.reached = 0  # every projection has applied the log up to here (as last seen)
        self.written = 0  # the newest position this process is known to have written
        self.failure: str | None = None
        self.seen = Lag(0, 0)  # the thread's last look at the log: what a status bar shows
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._listener: threading.Thread | None = None
        self._stopping = False
        self._heard = False  # another process appended (PostgreSQL's NOTIFY)
        self.wakeups = 0  # notifications heard, for tests and the curious
        self.listening = threading.Event()  # set once NOTIFY reaches this follower

    # --- what the bus and readers call ------------------------------------------------------

    def notify(self, position: int) -> None:
        """A command of this process wrote up to `position` (called after its COMMIT)."""
        with self._changed:
            self.written = max(self.written, position)
            self._changed.notify_all()

    def ensure(self, position: int | None = None) -> bool:
        """Block until every projection has reached `position` (this process's last command by
        default). False if a projection failed on the way: the caller reads what there is."""
        wanted = self.written if position is None else position
        if self.reached >= wanted:
            return True
        if self._thread is not None:
            with self._changed:
                self._changed.wait_for(lambda: self.reached >= wanted, THREAD_WAIT_S)
        while self.reached < wanted:
            before = self.reached
            if not self.step() or self.reached == before:
                return False  # failed, or the log does not reach `wanted`
        return True

    def lag(self) -> Lag:
        with reading(self.engine) as conn:
            head = log_head(conn)[0]
            reached = self.projector.reached(conn)
        self.seen = Lag(reached, head, self.failure)
        return self.seen

    # --- doing the work ---------------------------------------------------------------------

    def step(self) -> bool:
        """Apply one batch. False when a projection failed (nothing of the batch is kept)."""
        projector = self.projector
        try:
            with writing(self.engine) as conn:
                reached = projector.follow(conn)
        except Exception as error:
            message = f"{type(error).__name__}: {error}"
            if message != self.failure:  # once per failure, not once per retry
                log.exception("the read side stopped after event %s", self.reached)
            self.failure = message
            return False
        self.failure = None
        with self._changed:
            if projector is self.projector:  # else the set was switched meanwhile
                # Two followers (this thread and a reader catching up) may finish out of order.
                self.reached = max(self.reached, reached)
            self._changed.notify_all()
        return True

    def switch(self, projector: Projector, images: PastImages | None) -> None:
        """Follow another set of versions from now on (a rollout): how far it got is known
        only after its first step, so nothing is taken as reached until then."""
        with self._changed:
            self.projector, self.images, self.reached = projector, images, 0

    def start(self) -> None:
        """Follow on a thread of its own until `stop`."""
        if self._thread is None:
            self._stopping = False
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

    def _image_if_due(self) -> None:
        """Keep an image of the read models every so many events, for time travel. On this
        thread, never a reader's: it copies the read models, which takes a moment."""
        if self.images is None:
            return
        try:
            if self.images.due(self.reached):
                self.images.take_live()
        except Exception:  # an image is only a cache: time travel works without it
            log.warning("could not keep an image of the read models", exc_info=True)

    def _run(self) -> None:
        poll = LISTENING_POLL_S if self.engine.dialect.name == "postgresql" else POLL_S
        more = False  # the last batch left events behind it: no waiting for the next one
        while True:
            with self._changed:
                if not more:
                    self._changed.wait_for(
                        lambda: self._stopping or self._heard or self.written > self.reached,
                        poll,
                    )
                if self._stopping:
                    return
                self._heard = False
            more = False
            # Look (a read) before taking the write lock: the poll mostly finds nothing.
            try:
                behind = self.lag().events > 0
            except Exception:  # the store is busy or going away: look again at the next poll
                log.warning("the read side could not read the log head", exc_info=True)
                behind = False
            if not behind:
                continue
            if self.step():
                more = self.lag().events > 0
                self._image_if_due()
            else:
                with self._changed:  # a failing projection: retry, but not in a tight loop
                    self._changed.wait_for(lambda: self._stopping, POLL_S * 4)
