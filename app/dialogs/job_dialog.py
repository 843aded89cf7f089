"""A dialog whose command runs as a background job (sign-in, sign-up, a password change: the
password is hashed off the GUI thread): while it runs the dialog waits for its answer, and
Escape or closing the window do nothing, since the command would go through all the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget

from app.widgets.inputs import Jobs, Prepare
from app.widgets.messages import MessageLine
from domain.model.commands import Command


class JobDialog(QDialog):
    """Subclasses say how the form looks while it waits (`set_working`) and what an answer
    does (`answered`, given the outcome: call it for the command's result, or its refusal)."""

    def __init__(
        self, jobs: Jobs, prepare: Prepare, message: MessageLine, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._jobs, self._prepare, self.message = jobs, prepare, message
        self.working = False  # the command is running: the form waits for its answer
        self.abandoned = False  # closed while it ran

    def set_working(self, working: bool) -> None:
        self.working = working

    def answered(self, outcome: Callable[[], Any]) -> None:
        raise NotImplementedError

    def run_command(self, command: Command, job: str, status: str) -> None:
        """`command` as the job named `job`, saying `status` while it runs."""
        self.set_working(True)
        self.abandoned = False
        self.message.working(status)
        self._jobs.run(
            self._prepare(command),
            self._finished,  # with what shows the command's events and answers its result
            lambda error: self._finished(lambda: raise_error(error)),
            name=job,
            once_inline=True,  # recordings made before it moved off the GUI thread have no end
        )

    def _finished(self, outcome: Callable[[], Any]) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted with its window meanwhile
        self.set_working(False)
        if self.abandoned:
            return  # closed by the app meanwhile (the user cannot): the answer is nobody's
        self.answered(outcome)

    def done(self, result: int) -> None:
        self.abandoned = self.working
        super().done(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.working and event.key() == Qt.Key.Key_Escape:
            return  # no cancel while the command runs: it would go through all the same
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()
            return
        super().closeEvent(event)


def raise_error(error: BaseException) -> Any:
    """A job's error, raised where its answer is read (on the GUI thread)."""
    raise error
