"""Feedback under a form: a domain error or a success inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from app.platform.i18n import error_text, translate
from app.widgets.colors import text_color
from domain.model.errors import ConcurrencyError, DomainError


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

    def working(self, text: str) -> None:
        """What runs meanwhile, in the palette's own colour: not an error, not yet."""
        self.setStyleSheet("")
        self.setText(text)
        self.setAccessibleDescription(text)

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.cleared.emit()


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


def show_working(
    form: QWidget,
    working: bool,
    buttons: tuple[QAbstractButton, ...],
    fields: tuple[QLineEdit, ...],
) -> None:
    """A form whose command runs as a background job (a password's scrypt): while it runs,
    its buttons are off and a busy cursor shows. Its fields are read-only, not disabled: the
    keyboard focus stays where it is."""
    for button in buttons:
        button.setEnabled(not working)
    for field in fields:
        field.setReadOnly(working)
    if working:
        form.setCursor(Qt.CursorShape.BusyCursor)
    else:
        form.unsetCursor()
