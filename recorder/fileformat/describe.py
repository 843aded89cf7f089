"""A recorded UI event in words, as the timeline, a verdict's first line and the viewer say it:
"key_press 't' on main/…/search". One wording, so a verdict points at the line the timeline
shows for the same step."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence

from recorder.capture.schema import UiEvent

# Shift, Ctrl, Alt and Meta: the modifiers a key name shows (not the keypad flag).
NAMED_MODIFIERS = 0x1E000000
COMMAND_MODIFIERS = 0x1C000000  # Ctrl, Alt, Meta: with these, a key is a shortcut, not text
MODIFIER_KEYS = range(0x01000020, 0x01000024)  # Shift, Control, Meta, Alt pressed on their own


def _key(d: dict[str, Any]) -> str:
    """What was typed as text ('a', 'T'), or the key's name as Qt writes it (Return, Ctrl+L,
    Shift), never its code."""
    text, key = d.get("text") or "", d.get("key")
    modifiers = int(d.get("modifiers") or 0)
    if text and text.isprintable() and not modifiers & COMMAND_MODIFIERS:
        return repr(text)
    if not isinstance(key, int) or key <= 0:
        return repr(text) if text else "key"
    combined = key if key in MODIFIER_KEYS else (modifiers & NAMED_MODIFIERS) | key
    name = QKeySequence(combined).toString(QKeySequence.SequenceFormat.PortableText)
    if not name.isprintable():  # a key named by an invisible character (a soft hyphen)
        return ascii(name)
    return name or f"key {key}"


def describe_event(event: UiEvent) -> str:
    d = event.data
    if event.kind.startswith("key_"):
        what = "masked key" if d.get("masked") else _key(d)
    elif event.kind.startswith("mouse_"):
        item = d.get("item")
        what = f"at ({d.get('x')}, {d.get('y')})" + (f" row {item['row']}" if item else "")
    elif event.kind == "combo_select":
        what = f"{d['index']}: {d['text']!r}"
    elif event.kind == "menu_action":
        what = d["action"]
    else:
        what = " ".join(f"{k}={v}" for k, v in d.items())
    target = event.target + (f" [{event.sub}]" if event.sub else "")
    return f"{event.kind:<16} {target}  {what}".rstrip()


def action_of(event: UiEvent) -> str:
    """One step as a verdict's first line names it: "key_press 't' on main/…/search"."""
    described = describe_event(event).split(None, 1)
    target = event.target + (f" [{event.sub}]" if event.sub else "")
    what = described[1].replace(target, "", 1).strip() if len(described) > 1 else ""
    return f"{event.kind}{' ' + what if what else ''} on {target}"
