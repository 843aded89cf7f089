"""How the UI reports problems: domain errors inline, unexpected exceptions in one dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.platform.i18n import error_text, translate
from app.widgets.colors import text_color
from domain.model.errors import ConcurrencyError, DomainError

log = logging.getLogger("replayshop")


class MessageLine(QLabel):
    """A one-line message under a form: red for a refusal, green for a success.

    Its line is always reserved, empty or not: a message appearing must not push the buttons
    below it away from under the user's pointer (seen on a real desk: "Check out" moved 20 px).
    Its colours come from the palette's lightness, so a dark theme keeps them readable.
    """

    cleared = Signal()  # an offer beside the message (Undo) goes with it

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() + 4)

    def error(self, text: str) -> None:
        self._say("error", text)

    def success(self, text: str) -> None:
        self._say("success", text)

    def _say(self, role: str, text: str) -> None:
        self.cleared.emit()  # a new message replaces the old one and what it offered
        self.setStyleSheet(f"color: {text_color(role)};")
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.cleared.emit()


@contextmanager
def busy(message: MessageLine, text: str) -> Iterator[None]:
    """While the GUI thread does slow work (a password check is scrypt: 0.3 s, seconds on a
    busy machine): a wait cursor and a line saying what is going on, painted at once, since
    no event loop runs until the work is done. Nothing is disabled: that would move the
    keyboard focus, and input typed meanwhile waits in the queue anyway."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    message.setStyleSheet("")  # the palette's own text colour: not an error, not yet
    message.setText(text)
    message.show()
    message.repaint()
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def attempt(message: MessageLine, action: Callable[[], Any], success: str = "") -> tuple[bool, Any]:
    """Run `action`, showing a domain error in `message` instead of raising.

    Returns (True, result) when it went through and (False, None) when it was refused.
    """
    try:
        result = action()
    except ConcurrencyError as error:
        # Another app instance on the same server changed it first: say so, and show the
        # shop as it is now, so the next try starts from their change.
        latest = translate("Feedback", "The screen now shows the latest.")
        message.error(f"{error_text(error)} {latest}")
        reload = getattr(message.window(), "show_latest", None)
        if callable(reload):
            reload()
        return False, None
    except DomainError as error:
        message.error(error_text(error))
        return False, None
    if success:
        message.success(success)
    else:
        message.clear_message()
    return True, result


ErrorHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
# Called with every unexpected exception before the dialog shows; the recorder hooks in here.
error_listeners: list[ErrorHook] = []
# When set, the error dialog offers "Save a bug report…" and calls this with the error text.
bug_report_action: list[Callable[[str], None]] = []


_handling = False  # set while the handler runs: an error inside it must not start it again


def show_unexpected_error(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """The one handler for exceptions that escape a slot: log, notify listeners, show a dialog.

    It can never feed itself: an error raised while it runs (by a listener, or by the events
    its own dialog causes) is logged only, and an error that is already on screen is counted
    in that dialog instead of opening another one.
    """
    global _handling
    text = "".join(traceback.format_exception(kind, error, tb))
    log.error("Unexpected error\n%s", text)
    print(text, file=sys.stderr)  # also where a terminal or a CI log will see it
    if _handling:
        return
    _handling = True
    try:
        for listener in list(error_listeners):
            try:
                listener(kind, error, tb)
            except Exception:  # a broken listener must not hide the error it was told of
                log.exception("an error listener failed")
        summary = f"{kind.__name__}: {error}"
        same = next((b for b in _open_boxes if b.property("summary") == summary), None)
        if same is not None:
            repeats = int(same.property("repeats") or 1) + 1
            same.setProperty("repeats", repeats)
            times = translate("ErrorDialog", "(happened {0} times)").format(repeats)
            same.setInformativeText(f"{summary}\n{times}")
        else:
            _open_error_dialog(summary, text)
    finally:
        _handling = False


def _open_error_dialog(summary: str, text: str) -> None:
    box = QMessageBox()
    box.setProperty("summary", summary)
    box.setObjectName("error_dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("ErrorDialog", "Replay Shop: unexpected error"))
    # It cannot know whether the last change was stored before the failure (a failing screen
    # refresh comes after the commit), only that no change is ever stored in part.
    box.setText(
        translate(
            "ErrorDialog",
            "Something went wrong. Each change to the shop is stored whole or not at all; "
            "check whether your last action took effect.",
        )
    )
    box.setInformativeText(summary)
    box.setDetailedText(text)
    if bug_report_action:
        report = box.addButton(
            translate("ErrorDialog", "Save a bug report…"), QMessageBox.ButtonRole.ActionRole
        )
        report.setObjectName("save_bug_report")
        report.clicked.connect(lambda: bug_report_action and bug_report_action[0](summary))
    ok = box.addButton(QMessageBox.StandardButton.Close)
    ok.setObjectName("close")
    box.open()
    _open_boxes.append(box)
    box.finished.connect(lambda _=0, b=box: _open_boxes.remove(b))


_open_boxes: list[QMessageBox] = []


def install_exception_hook() -> None:
    sys.excepthook = show_unexpected_error
