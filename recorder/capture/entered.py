"""Typing kept as what was entered, not keystroke by keystroke, where keystrokes would say
too much.

- In a password field or a widget marked `sensitive`, nothing typed is kept: one
  `text_entered` event says only whether the field ended up empty, shorter than a password
  may be, or long enough (`fill`). Not even the length of a password is given away.
- In a widget marked `whole_text` (the bug report's note), the final text is kept, not the
  typing: what the user deleted was not meant to be shared.

Return, Enter, Tab, Backtab and Escape are kept as keys: they type nothing, and a form needs
them (Return signs in). Everything else, modifiers and editing keys included, becomes part of
the entry, which is written when the next event is recorded (so it comes before it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from domain.model.account import MIN_PASSWORD_LENGTH

K = Qt.Key
PASS_THROUGH = frozenset(
    k.value for k in (K.Key_Return, K.Key_Enter, K.Key_Tab, K.Key_Backtab, K.Key_Escape)
)
# What a replay types for a masked entry: long enough for what the user's was, never theirs.
STAND_INS = {"empty": "", "short": "x" * (MIN_PASSWORD_LENGTH // 2), "long": "x" * 12}


def is_masked(widget: QWidget) -> bool:
    """A password field, or any widget the app marked with the `sensitive` property."""
    if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
        return True
    return bool(widget.property("sensitive"))


def kept_whole(widget: QWidget) -> bool:
    """Typing into this widget is recorded as one `text_entered` event."""
    return is_masked(widget) or bool(widget.property("whole_text"))


def passes_through(event: QKeyEvent) -> bool:
    return event.key() in PASS_THROUGH


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return ""


def entered(widget: QWidget) -> dict[str, Any]:
    """The data of a `text_entered` event for what the widget holds now."""
    content = text_of(widget)
    if not is_masked(widget):
        return {"text": content[:10_000]}  # a note longer than that is cut (validate.MAX_TEXT)
    fill = "empty" if not content else "short" if len(content) < MIN_PASSWORD_LENGTH else "long"
    return {"masked": True, "fill": fill}
