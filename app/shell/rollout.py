"""Rolling a new read-model version out while the window works with the old one.

A plain thread, not a background job: how long it runs depends on the store, not on what the
user did, so it is no step of a recorded session (a replay never waits for it). When a
version has caught up, the screens switch to it and the status bar says so.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from app.shell.bootstrap import AppContext

log = logging.getLogger("replayshop.rollout")


class Rollouts(QObject):
    switched = Signal(str)  # what is now in use, for the status bar (delivered queued)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.ctx.shop.rollouts and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="rollout", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        for projection in list(self.ctx.shop.rollouts):
            if self.ctx.closed:
                return
            try:
                report = self.ctx.shop.roll_out(projection)
            except Exception:  # closing mid-build, a full disk: the next start tries again
                if not self.ctx.closed:
                    log.exception("rolling out %s v%s failed", projection.NAME, projection.VERSION)
                return
            log.info("rolled out %s", report)
            self.switched.emit(
                self.tr(
                    "Read model {0} v{1} is now in use (built from {2} event(s) in {3} s).",
                    "",
                    report.events,
                ).format(report.name, report.version, f"{report.events:,}", f"{report.build_s:.1f}")
            )
