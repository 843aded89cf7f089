"""`recording show` names keys as people do (Shift, Return, Ctrl+L), never by their codes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from recorder.capture.schema import UiEvent
from recorder.fileformat.describe import describe_event

CTRL = Qt.KeyboardModifier.ControlModifier.value
SHIFT = Qt.KeyboardModifier.ShiftModifier.value


def shown(key: int, modifiers: int = 0, text: str = "", masked: bool = False) -> str:
    data = {"key": key, "modifiers": modifiers, "text": text}
    if masked:
        data["masked"] = True
    return describe_event(UiEvent(1, 0, "key_press", "main/search", "", data))


def test_keys_are_named_not_numbered() -> None:
    assert shown(Qt.Key.Key_Shift.value, SHIFT).endswith("  Shift")
    assert shown(Qt.Key.Key_Return.value, 0, "\r").endswith("  Return")
    assert shown(Qt.Key.Key_L.value, CTRL, "\x0c").endswith("  Ctrl+L")
    assert str(Qt.Key.Key_Shift.value) not in shown(Qt.Key.Key_Shift.value, SHIFT)


def test_typed_text_shows_as_text_and_masked_keys_stay_masked() -> None:
    assert shown(Qt.Key.Key_T.value, SHIFT, "T").endswith("  'T'")
    assert shown(Qt.Key.Key_A.value, 0, "a", masked=True).endswith("  masked key")
