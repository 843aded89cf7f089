"""`replayshop recording show`: a recording as a readable timeline (also the git diff driver)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtGui import QKeySequence

from recorder.fileformat.schema import UiEvent
from recorder.fileformat.shoprec import Recording

META_SHOWN = (
    "format_version",
    "app_version",
    "qt_version",
    "platform",
    "screen",
    "locale",
    "started_at",
    "start_position",
    "start_state",
    "note",
)


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


def timeline(recording: Recording) -> str:
    lines = [f"{key}: {recording.meta[key]}" for key in META_SHOWN if key in recording.meta]
    lines.append(
        f"start events: {len(recording.start_events)}, UI events: "
        f"{len(recording.ui_events)}, domain events: {len(recording.expected)}"
    )
    lines.append("")
    exceptions = {e["ui_seq"]: e for e in recording.exceptions}
    shown: dict[str, str] = {}
    last = max((e.seq for e in recording.ui_events), default=0)
    for event in recording.ui_events:
        shown = _observed(lines, recording, event.seq, shown)
        lines.append(f"#{event.seq:<5} {event.t_ms / 1000:>8.3f}s  {describe_event(event)}")
        for caused in recording.expected_for(event.seq):
            data = json.dumps(caused.data, sort_keys=True)
            lines.append(f"{'':>17}-> {caused.type} {caused.stream_id}@{caused.version} {data}")
        if event.seq in exceptions:
            error = exceptions[event.seq]
            lines.append(f"{'':>17}!! {error['type']}: {error['message']}")
    for anchor in sorted(a for a in recording.observations if a > last):
        lines.append("at the end of the session:")
        shown = _observed(lines, recording, anchor, shown)
    orphans = [e for e in recording.expected if not e.correlation_id]
    if orphans:
        lines.append("")
        lines.append("domain events with no UI event behind them:")
        lines.extend(f"  {e.type} {e.stream_id}@{e.version}" for e in orphans)
    return "\n".join(lines)


def _observed(
    lines: list[str], recording: Recording, anchor: int, before: dict[str, str]
) -> dict[str, str]:
    """What the user saw before UI event `anchor`, as the widgets that changed since the last
    observation (the first line of each; a table shows its row count)."""
    seen = recording.observations.get(anchor)
    if seen is None:
        return before
    for path, text in seen.items():
        if before.get(path) != text:
            first, *rest = text.splitlines() or [""]
            more = f"  (+{len(rest)} lines)" if rest else ""
            lines.append(f"{'':>17}saw {path}: {first[:80]}{more}")
    for path in sorted(set(before) - set(seen)):
        lines.append(f"{'':>17}saw {path}: (no longer shown)")
    return seen


def as_json(recording: Recording) -> dict[str, Any]:
    return {
        "meta": recording.meta,
        "observations": {str(a): o for a, o in sorted(recording.observations.items())},
        "ui_events": [
            {
                "seq": e.seq,
                "t_ms": e.t_ms,
                "kind": e.kind,
                "target": e.target,
                "sub": e.sub,
                "data": e.data,
                "caused": [
                    {"type": x.type, "stream_id": x.stream_id, "version": x.version, "data": x.data}
                    for x in recording.expected_for(e.seq)
                ],
            }
            for e in recording.ui_events
        ],
        "exceptions": recording.exceptions,
    }
