"""A dialog whose command runs as a background job (sign-in, sign-up, a password change: the
password is hashed off the GUI thread): while it runs the dialog waits for its answer, and
Escape or closing the window do nothing, since the command would go through all the same."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget


class JobDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.working = False  # the command is running: the form waits for its answer
        self.abandoned = False  # closed while it ran

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
