"""Running slow work off the GUI thread, getting the result back on it, and stopping it all.

Every job belongs to one `BackgroundJobs`, owned by the app context, with its own thread pool.
Closing the app (or a replay) shuts it down: pending jobs are cancelled, running ones are asked
to stop and waited for, and no result is delivered afterwards. A job that outlived its store
would otherwise read a deleted database file or call back into deleted widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from recorder.capture.virtual_time import AppClock


class _Relay(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which reports it
            self.relay.done.emit(None, error)
        else:
            self.relay.done.emit(result, None)


class BackgroundJobs:
    """The app's worker threads.

    >>> jobs = BackgroundJobs()
    >>> jobs.run(lambda: 6 * 7, print)   # prints 42 on the GUI thread, later
    >>> jobs.shutdown()                  # on close: nothing runs or calls back afterwards
    """

    def __init__(self, clock: AppClock | None = None) -> None:
        # A named job's result reaches the app through the app's clock: at once, or in a
        # replay where the recording says the job finished (recorder/capture/virtual_time.py).
        self.clock = clock or AppClock()
        self._pool = QThreadPool()
        self._relays: list[_Relay] = []  # kept alive until their queued signal is delivered
        # Long jobs poll this (`cancelled()`), so closing never waits for a whole rebuild.
        self._cancel = threading.Event()
        self.closed = False
        # Told the name of each named job that finished, on the GUI thread, before its result
        # is delivered: the recorder notes it, so a replay waits for the same job.
        self.finished_hooks: list[Callable[[str], None]] = []

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
        once_inline: bool = False,
    ) -> None:
        """Run `work()` on a pool thread; call `on_done(result)` on the GUI thread afterwards.

        Name a job whose result changes what the user sees next (`name="demo_load"`): its end
        is then recorded, and a replay waits for it before the next input. `once_inline`: the
        work used to run on the GUI thread, and older recordings replay it so (AppClock).
        """
        if self.closed:
            raise RuntimeError("background jobs were shut down: the app is closing")
        relay = _Relay()
        self._relays.append(relay)

        def finish(result: Any, error: BaseException | None) -> None:
            if relay in self._relays:
                self._relays.remove(relay)
            if self.closed:
                return  # the app closed while it ran: nobody is left to take the result
            if name:
                self.clock.job_finished(name, lambda: deliver(result, error))
            else:
                deliver(result, error)

        def deliver(result: Any, error: BaseException | None) -> None:
            if self.closed:
                return
            if name:
                for hook in list(self.finished_hooks):
                    hook(name)
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                raise error

        relay.done.connect(finish)

        def begin() -> None:
            if not self.closed:  # a replay may begin it late (AppClock.job_started)
                self._pool.start(_Job(work, relay))

        if name:
            self.clock.job_started(name, begin, once_inline)
        else:
            begin()

    def active(self) -> int:
        """How many jobs are running now."""
        return int(self._pool.activeThreadCount())

    def shutdown(self) -> None:
        """Cancel what has not started, ask running jobs to stop, wait for them."""
        self.closed = True
        self._cancel.set()
        self._pool.clear()
        self._pool.waitForDone()
        for relay in self._relays:
            relay.done.disconnect()
        self._relays.clear()
