"""Every key with every combination of modifiers is recordable: its text, control characters
and NUL included (Ctrl+2 types NUL), passes validation and is shown by name, never raw."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt

from recorder.capture.schema import UiEvent
from recorder.fileformat import validate
from recorder.fileformat.describe import describe_event

MODIFIERS = [m.value for m in Qt.KeyboardModifier if m.value and m.value < 0x40000000]
COMBINATIONS = [
    sum(chosen)
    for size in range(len(MODIFIERS) + 1)
    for chosen in itertools.combinations(MODIFIERS, size)
]
# What a key types: nothing, each control character, DEL, a letter, a non-ASCII letter.
TEXTS = ["", *map(chr, range(32)), "\x7f", "a", "é"]


def test_every_key_with_every_modifier_and_any_text_is_valid_and_shown_printably() -> None:
    keys = [k.value for k in Qt.Key]
    assert len(keys) > 400 and len(COMBINATIONS) == 2 ** len(MODIFIERS)
    for key, modifiers in itertools.product(keys, COMBINATIONS):
        text = TEXTS[(key + modifiers) % len(TEXTS)]  # each text comes up with many keys
        data = {"key": key, "modifiers": modifiers, "text": text, "autorepeat": False}
        for kind in ("key_press", "key_release"):
            validate.ui_event_data(kind, data, "ui_events row 1")
            shown = describe_event(UiEvent(1, 0, kind, "main/search", "", data))
            assert shown.isprintable(), (key, modifiers, text, shown)


@pytest.mark.parametrize("text", TEXTS)
def test_ctrl_digit_and_every_control_text_is_kept(text: str) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier.value
    data = {"key": Qt.Key.Key_2.value, "modifiers": ctrl, "text": text}
    validate.ui_event_data("key_press", data, "ui_events row 6 (#6)")  # no refusal
    shown = describe_event(UiEvent(6, 0, "key_press", "main", "", data))
    assert shown.endswith("Ctrl+2") and "\x00" not in shown


def test_key_text_longer_than_a_key_types_is_refused_by_name() -> None:
    data = {"key": Qt.Key.Key_A.value, "text": "a" * 33}
    with pytest.raises(validate.Invalid, match=r"data\.text .* expected the text of one key"):
        validate.ui_event_data("key_press", data, "ui_events row 1")
