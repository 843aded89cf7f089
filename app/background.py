"""Running slow work off the GUI thread and getting the result back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which reports it
            self.relay.done.emit(None, error)
        else:
            self.relay.done.emit(result, None)


_relays: list[_Relay] = []


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run `work()` on a pool thread; call `on_done(result)` on the GUI thread afterwards."""
    relay = _Relay()
    _relays.append(relay)  # keep it alive until the queued signal is delivered

    def finish(result: Any, error: BaseException | None) -> None:
        _relays.remove(relay)
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            raise error

    relay.done.connect(finish)
    QThreadPool.globalInstance().start(_Job(work, relay))
