"""The one handler of exceptions that escape a slot: logged, told to listeners, shown once.

An object the app context owns, not module state: start-up installs it as `sys.excepthook`,
the recorder subscribes to it, the main window gives it its "Save a bug report…" action, and a
replay diverts it to itself (recorder/replay/factory.py).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QMessageBox

from app.platform.i18n import translate
from recorder.replay.factory import ExceptionHook

log = logging.getLogger("replayshop")
Raised = tuple[type[BaseException], BaseException, TracebackType | None]


class ErrorReporter:
    """Unexpected exceptions: the log, stderr, the listeners (the recorder), then one dialog.

    >>> errors = ErrorReporter()
    >>> errors.install()  # sys.excepthook is errors.report until errors.uninstall()
    """

    def __init__(self) -> None:
        # Called with every unexpected exception before the dialog shows.
        self._listeners: list[ExceptionHook] = []
        # When set, the dialog offers "Save a bug report…" and calls this with the error text.
        self.bug_report: Callable[[str], object] | None = None
        self._handling = False  # set while it runs: an error inside must not start it again
        self._open_boxes: list[QMessageBox] = []
        self._diverted_to: ExceptionHook | None = None
        self._held: list[Raised] | None = None  # kept for whoever diverts it (hold)
        self._previous_hook: ExceptionHook | None = None

    # --- wiring -------------------------------------------------------------------------------

    def install(self) -> None:
        """Become `sys.excepthook`, remembering the hook before it for `uninstall`."""
        if sys.excepthook != self.report:
            self._previous_hook = sys.excepthook
            sys.excepthook = self.report

    def uninstall(self) -> None:
        """Give `sys.excepthook` back and close this app's error dialogs: none may outlive
        the window whose error it shows (a replay's app is closed while the process goes on)."""
        if sys.excepthook == self.report and self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        self._previous_hook = None
        for box in list(self._open_boxes):
            box.close()

    def add_listener(self, listener: ExceptionHook) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: ExceptionHook) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def hold(self) -> None:
        """Keep exceptions, unshown, until `divert` hands them to its hook: a replay takes them
        once the app it starts is built, and one raised while it was built is evidence too."""
        self._held = []

    def divert(self, hook: ExceptionHook) -> None:
        """Every exception goes to `hook` alone until `restore` (a replay judging the app)."""
        self._diverted_to = hook
        held, self._held = self._held or [], None
        for raised in held:
            hook(*raised)

    def restore(self) -> None:
        self._diverted_to = None
        held, self._held = self._held or [], None
        for raised in held:  # nobody took them: handled as any other
            self.report(*raised)

    # --- handling -----------------------------------------------------------------------------

    def report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """Log, notify listeners, show a dialog.

        It can never feed itself: an error raised while it runs (by a listener, or by the
        events its own dialog causes) is logged only, and an error that is already on screen is
        counted in that dialog instead of opening another one.
        """
        if self._diverted_to is not None:
            self._diverted_to(kind, error, tb)
            return
        if self._held is not None:
            self._held.append((kind, error, tb))
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.error("Unexpected error\n%s", text)
        print(text, file=sys.stderr)  # also where a terminal or a CI log will see it
        if self._handling:
            return
        self._handling = True
        try:
            self._tell_listeners(kind, error, tb)
            self._show(f"{kind.__name__}: {error}", text)
        finally:
            self._handling = False

    def _tell_listeners(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind, error, tb)
            except Exception:  # a broken listener must not hide the error it was told of
                log.exception("an error listener failed")

    def _show(self, summary: str, text: str) -> None:
        same = next((b for b in self._open_boxes if b.property("summary") == summary), None)
        if same is None:
            self._open_dialog(summary, text)
            return
        repeats = int(same.property("repeats") or 1) + 1
        same.setProperty("repeats", repeats)
        times = translate("ErrorDialog", "(happened {0} times)").format(repeats)
        same.setInformativeText(f"{summary}\n{times}")

    def _open_dialog(self, summary: str, text: str) -> None:
        box = QMessageBox()
        box.setProperty("summary", summary)
        box.setObjectName("error_dialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("ErrorDialog", "Replay Shop: unexpected error"))
        # It cannot know whether the last change was stored before the failure (a failing
        # screen refresh comes after the commit), only that no change is ever stored in part.
        box.setText(
            translate(
                "ErrorDialog",
                "Something went wrong. Each change to the shop is stored whole or not at all; "
                "check whether your last action took effect.",
            )
        )
        box.setInformativeText(summary)
        box.setDetailedText(text)
        if self.bug_report is not None:
            report = box.addButton(
                translate("ErrorDialog", "Save a bug report…"), QMessageBox.ButtonRole.ActionRole
            )
            report.setObjectName("save_bug_report")
            report.clicked.connect(lambda: self._save_bug_report(summary))
        ok = box.addButton(QMessageBox.StandardButton.Close)
        ok.setObjectName("close")
        box.open()
        self._open_boxes.append(box)
        box.finished.connect(lambda _=0, b=box: self._forget(b))

    def _save_bug_report(self, summary: str) -> None:
        if self.bug_report is not None:  # the window may have closed since
            self.bug_report(summary)

    def _forget(self, box: QMessageBox) -> None:
        if box in self._open_boxes:
            self._open_boxes.remove(box)
